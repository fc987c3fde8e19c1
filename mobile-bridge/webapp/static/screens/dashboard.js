// The officer's dashboard (the first screen of the coming console): dossiers received per week
// by channel, on-time rate, overdue dossiers and pickups at risk.
import { get } from '../api.js';
import { t, day } from '../i18n.js';
import { h, title, empty, link } from '../view.js';
import { dayFromNow } from '../data.js';

/** @typedef {import('../../types/api').components['schemas']} S */

const NS = 'http://www.w3.org/2000/svg';
/** @param {string} tag @param {Record<string, string | number>} attrs @param {...Node} kids */
function svg(tag, attrs, ...kids) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...kids);
  return el;
}

const COLORS = { counter: '#5f5f5f', online: '#1565c0', home_pickup: '#2e7d32', saturday_session: '#b34700', postal: '#6a1b9a', import: '#00695c' };

/** @type {import('../router.js').Screen} */
export default async function dashboard() {
  /** @type {[S['Stats'], S['Dossier'][], S['Pickup'][]]} */
  const [s, overdue, atRisk] = await Promise.all([
    get(`/v1/stats?from=${dayFromNow(-56)}&to=${dayFromNow(0)}`),
    get('/v1/dossiers?overdue=true&limit=50').then(r => r.items),
    get('/v1/pickups?at_risk=true&limit=50').then(r => r.items)]);
  const keys = /** @type {(keyof typeof COLORS)[]} */ (Object.keys(COLORS));
  const max = Math.max(1, ...s.weeks.map(w => keys.reduce((n, k) => n + w[k], 0)));
  const chart = svg('svg', { id: 'chart-weeks', role: 'img', 'aria-label': t('dashboard.weeks'), viewBox: `0 0 ${20 + s.weeks.length * 40} 150`, width: '100%', height: 150 },
    ...s.weeks.flatMap((w, i) => {
      let y = 140;
      return keys.map(k => {
        const hgt = 120 * w[k] / max;
        y -= hgt;
        const title = document.createElementNS(NS, 'title');
        title.textContent = `${w.week} ${k}: ${w[k]}`;
        return svg('rect', { class: 'bar', x: 10 + i * 40, y, width: 30, height: hgt, fill: COLORS[k] }, title);
      });
    }));
  const pct = (/** @type {number} */ x) => Math.round(x * 100) + '%';
  return [title(t('dashboard.title')), h('h3', null, t('dashboard.weeks')), chart,
    h('p', { class: 'card' }, t('dashboard.online'), ': ', h('strong', null, pct(s.online_share)), ' · ', t('dashboard.onTime'), ': ',
      h('strong', null, s.with_result ? pct(s.on_time_rate) : '—'), ' · ', t('dashboard.overdue'), ': ', h('strong', { id: 'overdue' }, String(s.overdue_now))),
    h('h3', null, t('dashboard.overdue')),
    overdue.length ? h('ul', { class: 'list', id: 'overdue-list' }, overdue.map(d => h('li', null, link('/dossiers/' + d.id, d.code), ' — ', d.applicant_name,
      d.due_at ? [' — ', t('dossier.due'), ': ', day(d.due_at)] : null))) : empty(t('dossiers.none')),
    atRisk.length ? h('ul', { class: 'list', id: 'atrisk-list' }, atRisk.map(p => h('li', null, p.address, ' — ', day(p.preferred_date)))) : null];
}
