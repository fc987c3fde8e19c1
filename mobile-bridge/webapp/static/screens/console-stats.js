// The ward's statistics over any period, as small hand-drawn SVG charts with axes, labels and
// legends (each chart also has its figures as a table for screen readers), and a CSV export
// for the reports officers send upward.
import { get } from '../api.js';
import { t } from '../i18n.js';
import { h, title, field, onSubmit, button } from '../view.js';
import { go } from '../router.js';
import { table, opsNav } from './console-kit.js';

/** @typedef {import('../../types/api').components['schemas']} S */
/** @typedef {{label: string, value: number, color: string}} Bar */

const NS = 'http://www.w3.org/2000/svg';
/** @param {string} tag @param {Record<string, string | number>} attrs @param {...(Node | string)} kids */
function svg(tag, attrs, ...kids) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...kids);
  return el;
}

// Colours with at least 4.5:1 against white (the labels sit beside them, not on them).
const CHANNELS = /** @type {const} */ (['counter', 'online', 'home_pickup', 'saturday_session', 'postal', 'import']);
const COLORS = { counter: '#5f5f5f', online: '#1565c0', home_pickup: '#2e7d32', saturday_session: '#b34700', postal: '#6a1b9a', import: '#00695c' };

/** A round step for an axis reaching at least max. */
export function niceMax(/** @type {number} */ max) {
  if (max <= 5) return 5;
  const p = Math.pow(10, Math.floor(Math.log10(max)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/** "2026-11-30" → "30/11" */
const dm = (/** @type {string} */ iso) => `${Number(iso.slice(8, 10))}/${Number(iso.slice(5, 7))}`;

/** A legend: swatch and word per series. @param {Bar[]} items */
function legend(items) {
  return h('ul', { class: 'legend' }, items.map(x => {
    const sw = h('span', { class: 'swatch' });
    sw.style.background = x.color; // CSSOM: the CSP refuses style attributes
    return h('li', null, sw, x.label);
  }));
}

/**
 * Received per week, stacked by channel, with a y axis (ticks and grid) and the weeks on x.
 * @param {S['Stats']['weeks']} weeks
 */
function weeksChart(weeks) {
  const W = Math.max(640, 70 + weeks.length * 80), H = 260, left = 44, bottom = 36, top = 12;
  const total = (/** @type {S['Stats']['weeks'][number]} */ w) => CHANNELS.reduce((n, k) => n + w[k], 0);
  const max = niceMax(Math.max(0, ...weeks.map(total)));
  const y = (/** @type {number} */ v) => H - bottom - (H - bottom - top) * v / max;
  const step = (W - left - 10) / Math.max(1, weeks.length);
  const g = svg('svg', { id: 'chart-weeks', class: 'chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-labelledby': 'chart-weeks-t' },
    svg('title', { id: 'chart-weeks-t' }, t('dashboard.weeks')));
  for (const v of [0, 0.2, 0.4, 0.6, 0.8, 1].map(f => f * max)) {
    g.append(svg('line', { x1: left, x2: W - 6, y1: y(v), y2: y(v), stroke: '#d8d6d0' }),
      svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#333' }, String(Math.round(v * 10) / 10)));
  }
  g.append(svg('line', { x1: left, x2: left, y1: top, y2: H - bottom, stroke: '#333' }), svg('line', { x1: left, x2: W - 6, y1: H - bottom, y2: H - bottom, stroke: '#333' }));
  weeks.forEach((w, i) => {
    const x = left + i * step + step * 0.15, bw = step * 0.7;
    let acc = 0;
    for (const k of CHANNELS) {
      if (!w[k]) continue;
      const r = svg('rect', { x, y: y(acc + w[k]), width: bw, height: y(acc) - y(acc + w[k]), fill: COLORS[k] },
        svg('title', {}, `${dm(w.week)} · ${t(/** @type {any} */ ('console.channel.' + k))}: ${w[k]}`));
      g.append(r);
      acc += w[k];
    }
    if (acc) g.append(svg('text', { x: x + bw / 2, y: y(acc) - 4, 'text-anchor': 'middle', 'font-size': 12, fill: '#1a1a1a' }, String(acc)));
    g.append(svg('text', { x: x + bw / 2, y: H - bottom + 16, 'text-anchor': 'middle', 'font-size': 12, fill: '#333' }, dm(w.week)));
  });
  g.append(svg('text', { x: left + (W - left) / 2, y: H - 4, 'text-anchor': 'middle', 'font-size': 12, fill: '#333' }, t('console.stats.weekOf')));
  return g;
}

/**
 * Horizontal bars with a value axis and a label per bar.
 * @param {string} id @param {string} name @param {Bar[]} bars @param {number} [fixedMax]
 */
export function barChart(id, name, bars, fixedMax) {
  const W = 520, row = 30, left = 170, top = 8, H = top + bars.length * row + 30;
  const max = fixedMax || niceMax(Math.max(0, ...bars.map(b => b.value)));
  const x = (/** @type {number} */ v) => left + (W - left - 40) * v / max;
  const g = svg('svg', { id, class: 'chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-labelledby': id + '-t' }, svg('title', { id: id + '-t' }, name));
  for (const v of [0, max / 2, max]) {
    g.append(svg('line', { x1: x(v), x2: x(v), y1: top, y2: H - 24, stroke: '#d8d6d0' }),
      svg('text', { x: x(v), y: H - 8, 'text-anchor': 'middle', 'font-size': 12, fill: '#333' }, String(Math.round(v * 10) / 10)));
  }
  bars.forEach((b, i) => {
    const yy = top + i * row;
    g.append(svg('text', { x: left - 8, y: yy + 19, 'text-anchor': 'end', 'font-size': 13, fill: '#1a1a1a' }, b.label),
      svg('rect', { x: left, y: yy + 5, width: Math.max(0, x(b.value) - left), height: row - 10, fill: b.color }),
      svg('text', { x: x(b.value) + 6, y: yy + 19, 'font-size': 13, 'font-weight': 700, fill: '#1a1a1a' }, String(Math.round(b.value * 100) / 100)));
  });
  g.append(svg('line', { x1: left, x2: left, y1: top, y2: H - 24, stroke: '#333' }));
  return g;
}

/**
 * Every week of the period, those with nothing received as zeros (the API lists weeks with data).
 * @param {S['Stats']} s
 */
export function allWeeks(s) {
  const d = new Date(s.from + 'T12:00:00Z');
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); // back to Monday
  /** @type {S['Stats']['weeks']} */
  const out = [];
  for (; d.toISOString().slice(0, 10) <= s.to && out.length < 60; d.setUTCDate(d.getUTCDate() + 7)) {
    const week = d.toISOString().slice(0, 10);
    out.push(s.weeks.find(w => w.week === week) || { week, counter: 0, online: 0, home_pickup: 0, saturday_session: 0, postal: 0, import: 0 });
  }
  // A week the API names that this walk missed (never expected) is kept.
  for (const w of s.weeks) if (!out.some(x => x.week === w.week)) out.push(w);
  return out.sort((a, b) => a.week.localeCompare(b.week));
}

/** The figures as CSV rows (section, item, value). @param {S['Stats']} s */
export function csv(s) {
  /** @type {(string | number)[][]} */
  const rows = [['muc', 'chi_tieu', 'gia_tri'], ['ky', 'tu_ngay', s.from], ['ky', 'den_ngay', s.to]];
  for (const w of s.weeks) for (const k of CHANNELS) rows.push(['tiep_nhan_theo_tuan', `${w.week} ${k}`, w[k]]);
  for (const k of /** @type {(keyof S['Stats'])[]} */ (['received', 'online_share', 'with_result', 'early', 'on_due_day', 'late', 'on_time', 'on_time_rate', 'overdue_now',
    'pickups_done', 'pickups_open', 'satisfaction', 'session_checked_in', 'session_walk_ins', 'session_no_show', 'postal_delivered', 'postal_failed'])) {
    rows.push(['tong_hop', k, /** @type {any} */ (s[k]) ?? '']);
  }
  rows.push(['hai_long_ho_so', 'rated', s.dossier_satisfaction.rated], ['hai_long_ho_so', 'average', s.dossier_satisfaction.average ?? '']);
  for (const g of s.dossier_satisfaction.by_month) rows.push(['hai_long_ho_so_theo_thang', g.key, g.average]);
  return csvText(rows);
}

/** Rows as CSV text (RFC 4180, CRLF). @param {(string | number)[][]} rows */
export function csvText(rows) {
  const cell = (/** @type {string | number} */ v) => /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v);
  return rows.map(r => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves CSV text as a file. @param {string} name @param {string} text */
export function saveCSV(name, text) {
  // A byte-order mark so that spreadsheet programs read the Vietnamese letters as UTF-8.
  const url = URL.createObjectURL(new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** @type {import('../router.js').Screen} */
export default async function consoleStats({ query }) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const back = new Date(today + 'T12:00:00Z');
  back.setUTCDate(back.getUTCDate() - 55);
  const from = query.get('from') || back.toISOString().slice(0, 10), to = query.get('to') || today;
  /** @type {S['Stats']} */
  const s = await get(`/v1/stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  const pct = (/** @type {number} */ x) => Math.round(x * 100) + '%';
  const range = h('form', { id: 'stats-range', class: 'inline-form' },
    field('from', t('console.stats.from'), { type: 'date', required: true, value: from }),
    field('to', t('console.stats.to'), { type: 'date', required: true, value: to }),
    h('button', { type: 'submit', class: 'btn' }, t('console.stats.show')));
  onSubmit(range, async v => go(`/console/stats?from=${v.from}&to=${v.to}`));
  const exportBtn = button(t('console.stats.export'), () => saveCSV(`thong-ke-${s.from}-${s.to}.csv`, csv(s)), { id: 'export-csv', class: 'btn small' });
  const figure = (/** @type {string} */ id, /** @type {string} */ label, /** @type {string | number} */ v) => h('div', null, label, h('strong', { id }, String(v)));
  const chanBars = CHANNELS.map(k => ({ label: t(/** @type {any} */ ('console.channel.' + k)), value: 0, color: COLORS[k] }));
  const ds = s.dossier_satisfaction;
  const weeks = allWeeks(s);
  return [opsNav('/console/stats'), title(t('console.stats.title')), h('div', { class: 'row spread' }, range, exportBtn),
    // h-msgstats: the messages' sub-screen, for the same period
    h('p', null, h('a', { id: 'to-messages', href: `/console/stats/messages?from=${s.from}&to=${s.to}` }, t('console.msg.title'))),
    h('p', { class: 'muted' }, t('console.stats.period', { from: dm(s.from) + '/' + s.from.slice(0, 4), to: dm(s.to) + '/' + s.to.slice(0, 4) })),
    h('div', { class: 'figures' },
      figure('f-received', t('console.stats.received'), s.received), figure('f-online', t('dashboard.online'), pct(s.online_share)),
      figure('f-ontime', t('console.stats.onTimeRate'), s.with_result ? pct(s.on_time_rate) : '—'), figure('overdue', t('console.stats.overdueNow'), s.overdue_now),
      figure('f-sat', t('console.stats.dossierSat'), ds.average === null ? '—' : ds.average.toFixed(1) + '/5'),
      figure('f-psat', t('console.stats.pickupSat'), s.satisfaction === null ? '—' : s.satisfaction.toFixed(1) + '/5')),
    h('section', { 'aria-labelledby': 'w-h' }, h('h3', { id: 'w-h' }, t('dashboard.weeks')), legend(chanBars), h('div', { class: 'table-wrap' }, weeksChart(weeks)),
      h('details', null, h('summary', null, t('console.stats.asTable')),
        table('weeks-table', t('dashboard.weeks'), [t('console.stats.weekOf'), ...CHANNELS.map(k => t(/** @type {any} */ ('console.channel.' + k)))],
          weeks.map(w => [dm(w.week), ...CHANNELS.map(k => String(w[k]))])))),
    h('div', { class: 'console-cols even' },
      h('section', { 'aria-labelledby': 'r-h' }, h('h3', { id: 'r-h' }, t('console.stats.results', { n: s.with_result })),
        barChart('chart-results', t('console.stats.results', { n: s.with_result }), [
          { label: t('console.stats.early'), value: s.early, color: '#2e7d32' }, { label: t('console.stats.onDueDay'), value: s.on_due_day, color: '#1565c0' },
          { label: t('console.stats.late'), value: s.late, color: '#a31515' }, { label: t('console.stats.overdueNow'), value: s.overdue_now, color: '#8a1c1c' }])),
      h('section', { 'aria-labelledby': 's-h' }, h('h3', { id: 's-h' }, t('console.stats.satisfaction', { n: ds.rated })),
        ds.by_month.length ? barChart('chart-satisfaction', t('console.stats.satisfaction', { n: ds.rated }),
          ds.by_month.map(g => ({ label: `${g.key} (${g.rated})`, value: g.average, color: '#7a4f00' })), 5) : h('p', { class: 'empty' }, t('console.stats.noRatings'))),
      h('section', { 'aria-labelledby': 'p-h' }, h('h3', { id: 'p-h' }, t('console.stats.pickups')),
        barChart('chart-pickups', t('console.stats.pickups'), [
          { label: t('console.stats.pickupsDone'), value: s.pickups_done, color: '#2e7d32' }, { label: t('console.stats.pickupsOpen'), value: s.pickups_open, color: '#b34700' }])),
      h('section', { 'aria-labelledby': 'a-h' }, h('h3', { id: 'a-h' }, t('console.stats.attendance')),
        barChart('chart-attendance', t('console.stats.attendance'), [
          { label: t('bstatus.checked_in'), value: s.session_checked_in, color: '#2e7d32' }, { label: t('console.session.walkIn'), value: s.session_walk_ins, color: '#1565c0' },
          { label: t('bstatus.no_show'), value: s.session_no_show, color: '#a31515' }])),
      h('section', { 'aria-labelledby': 'po-h' }, h('h3', { id: 'po-h' }, t('console.stats.postal')),
        barChart('chart-postal', t('console.stats.postal'), [
          { label: t('shipment.delivered'), value: s.postal_delivered, color: '#2e7d32' }, { label: t('shipment.failed'), value: s.postal_failed, color: '#a31515' }])))];
}
