// The ward's messages over any period (a sub-screen of the statistics): what app pushes, Zalo
// and SMS messages became per channel, what Zalo and SMS cost the ward per month, and a CSV
// export. Charts are the statistics screen's SVG bars, each with its figures as a table too.
import { get } from '../api.js';
import { t, lang, isoDay } from '../i18n.js';
import { h, title, field, onSubmit, button } from '../view.js';
import { go } from '../router.js';
import { table, opsNav } from './console-kit.js';
import { barChart, csvText, saveCSV } from './console-stats.js';

/** @typedef {import('../../types/api').components['schemas']} S */

const CHANNELS = /** @type {const} */ (['push', 'zns', 'sms']);
const OUTCOMES = /** @type {const} */ (['delivered', 'awaiting_report', 'pending', 'failed']);
// At least 4.5:1 against white, as on the statistics screen.
const COLORS = { delivered: '#2e7d32', awaiting_report: '#1565c0', pending: '#b34700', failed: '#a31515' };

/** "1.234.500 đồng" / "1.234.500 VND": whole VND, vi-VN grouping. */
export function vnd(/** @type {number} */ n) {
  return new Intl.NumberFormat('vi-VN').format(n) + (lang() === 'vi' ? ' đồng' : ' VND');
}

const num = (/** @type {number} */ n) => new Intl.NumberFormat('vi-VN').format(n);
const chan = (/** @type {string} */ c) => t(/** @type {any} */ ('console.msg.ch.' + c));
const outcome = (/** @type {string} */ o) => t(/** @type {any} */ ('console.msg.' + o));

/** The figures as CSV rows (section, month, channel, item, value). @param {S['MessageStats']} s */
export function csv(s) {
  /** @type {(string | number)[][]} */
  const rows = [['muc', 'thang', 'kenh', 'chi_tieu', 'gia_tri'], ['ky', '', '', 'tu_ngay', s.from], ['ky', '', '', 'den_ngay', s.to],
    ['don_gia', '', 'zns', 'vnd_moi_tin', s.prices.zns_vnd], ['don_gia', '', 'sms', 'vnd_moi_phan', s.prices.sms_vnd_per_segment]];
  const keys = /** @type {const} */ (['messages', 'delivered', 'awaiting_report', 'pending', 'failed', 'billed', 'segments', 'cost_vnd']);
  for (const c of s.channels) for (const k of keys) rows.push(['tong_hop', '', c.channel, k, c[k]]);
  for (const m of s.months) for (const c of m.channels) for (const k of keys) rows.push(['theo_thang', m.month, c.channel, k, c[k]]);
  rows.push(['tong_hop', '', '', 'tong_chi_phi_vnd', s.cost_vnd]);
  return csvText(rows);
}

/** @type {import('../router.js').Screen} */
export default async function consoleMessages({ query }) {
  const today = isoDay(new Date());
  const from = query.get('from') || today.slice(0, 8) + '01', to = query.get('to') || today;
  /** @type {S['MessageStats']} */
  const s = await get(`/v1/stats/messages?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  const range = h('form', { id: 'msg-range', class: 'inline-form' },
    field('from', t('console.stats.from'), { type: 'date', required: true, value: from }),
    field('to', t('console.stats.to'), { type: 'date', required: true, value: to }),
    h('button', { type: 'submit', class: 'btn' }, t('console.stats.show')));
  onSubmit(range, async v => go(`/console/stats/messages?from=${v.from}&to=${v.to}`));
  const exportBtn = button(t('console.stats.export'), () => saveCSV(`tin-nhan-${s.from}-${s.to}.csv`, csv(s)), { id: 'export-csv', class: 'btn small' });
  const by = Object.fromEntries(s.channels.map(c => [c.channel, c]));
  const figure = (/** @type {string} */ id, /** @type {string} */ label, /** @type {string} */ v) => h('div', null, label, h('strong', { id }, v));
  const dmY = (/** @type {string} */ iso) => `${Number(iso.slice(8, 10))}/${Number(iso.slice(5, 7))}/${iso.slice(0, 4)}`;
  const monthName = (/** @type {string} */ ym) => `${Number(ym.slice(5, 7))}/${ym.slice(0, 4)}`;
  return [opsNav('/console/stats'),
    h('p', null, h('a', { href: `/console/stats?from=${s.from}&to=${s.to}` }, t('console.msg.back'))),
    title(t('console.msg.title')), h('div', { class: 'row spread' }, range, exportBtn),
    h('p', { class: 'muted' }, t('console.stats.period', { from: dmY(s.from), to: dmY(s.to) }), ' · ',
      t('console.msg.prices', { zns: vnd(s.prices.zns_vnd), sms: vnd(s.prices.sms_vnd_per_segment) })),
    h('div', { class: 'figures' },
      figure('f-cost', t('console.msg.cost'), vnd(s.cost_vnd)),
      ...CHANNELS.map(c => figure('f-' + c, t('console.msg.sentBy', { channel: chan(c) }), num(by[c]?.messages ?? 0)))),
    h('section', { 'aria-labelledby': 'o-h' }, h('h3', { id: 'o-h' }, t('console.msg.outcomes')),
      h('p', { class: 'muted' }, t('console.msg.outcomesHint')),
      h('div', { class: 'console-cols even' }, CHANNELS.map(c => h('div', null, h('h4', null, chan(c)),
        barChart('chart-' + c, t('console.msg.outcomesOf', { channel: chan(c) }),
          OUTCOMES.map(o => ({ label: outcome(o), value: by[c]?.[o] ?? 0, color: COLORS[o] })))))),
      table('msg-table', t('console.msg.outcomes'),
        [t('console.msg.channel'), t('console.msg.messages'), ...OUTCOMES.map(outcome), t('console.msg.billed'), t('console.msg.segments'), t('console.msg.costCol')],
        s.channels.map(c => [chan(c.channel), num(c.messages), ...OUTCOMES.map(o => num(c[o])), num(c.billed), num(c.segments), vnd(c.cost_vnd)]))),
    h('section', { 'aria-labelledby': 'm-h' }, h('h3', { id: 'm-h' }, t('console.msg.byMonth')),
      s.months.length ? table('month-table', t('console.msg.byMonth'),
        [t('console.msg.month'), t('console.msg.znsBilled'), t('console.msg.smsSegments'), t('console.msg.costCol')],
        s.months.map(m => {
          const mb = Object.fromEntries(m.channels.map(c => [c.channel, c]));
          return [monthName(m.month), num(mb.zns?.billed ?? 0), num(mb.sms?.segments ?? 0), vnd(m.cost_vnd)];
        })) : h('p', { class: 'empty' }, t('console.msg.none')))];
}
