// Asking for a home pickup: the days offered are the ward's working days (no Sunday, no
// holiday from the ward's calendar: the server refuses those, Decree 118/2025 art. on home
// intake), the windows are within office hours, and the next screen confirms what was asked.
import { get, post } from '../api.js';
import { t, day, isoDay } from '../i18n.js';
import { h, title, field, option, onSubmit, put } from '../view.js';
import { neighborhoods, activeOnly } from '../data.js';
import { go } from '../router.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** Windows inside 07:00–17:30, the hours the server accepts. */
export const WINDOWS = [['08:00', '10:00'], ['10:00', '11:30'], ['13:30', '15:30'], ['15:30', '17:30']];

/**
 * The next days a volunteer can come: not Sunday, not a named holiday; a day whose windows have
 * all begun is left out.
 * @param {Date} now
 * @param {Set<string>} holidays "YYYY-MM-DD"
 * @returns {string[]}
 */
export function pickupDays(now, holidays) {
  const out = [];
  for (let i = 0; out.length < 6 && i < 14; i++) {
    const d = isoDay(new Date(now.getTime() + i * 86400000));
    const weekday = new Date(d + 'T12:00:00+07:00').getUTCDay();
    if (weekday === 0 || holidays.has(d)) continue;
    if (i === 0 && !WINDOWS.some(([from]) => Date.parse(d + 'T' + from + ':00+07:00') > now.getTime())) continue;
    out.push(d);
  }
  return out;
}

/** @type {import('../router.js').Screen} */
export default async function pickupNew({ user }) {
  if (!user) return [];
  const now = new Date();
  const year = Number(isoDay(now).slice(0, 4));
  /** @type {S['Calendar'][]} */
  const cals = await Promise.all([year, year + 1].map(y => get('/v1/calendar/' + y).catch(() => null)));
  const holidays = new Set(cals.flatMap(c => c ? c.holidays.map(x => x.date) : []));
  const [procs, hoods] = await Promise.all([
    get(`/v1/procedures?ward_code=${user.ward_code}&channel=home_pickup&limit=100`).then(r => /** @type {S['ProcedureList']} */ (r).items),
    neighborhoods(user.ward_code)]);
  const days = pickupDays(now, holidays);
  const form = h('form', { id: 'pickup-form', novalidate: true },
    field('procedure_id', t('pickup.procedure'), { tag: 'select', options: procs.map(p => option(p.id, p.name)) }),
    field('preferred_date', t('pickup.date'), { tag: 'select', required: true, options: days.map(d => option(d, day(d))) }),
    field('window', t('pickup.window'), { tag: 'select', required: true, options: WINDOWS.map(([a, b]) => option(a + '-' + b, a + '–' + b)) }),
    field('address', t('pickup.address'), { required: true, autocomplete: 'street-address' }),
    field('neighborhood_id', t('pickup.neighborhood'), { tag: 'select', required: true,
      options: activeOnly(hoods).map(n => option(n.id, n.name, n.id === user.neighborhood_id)) }),
    field('reason', t('pickup.reason'), { tag: 'select', options: ['elderly', 'disabled', 'ill', 'other'].map(r => option(r, t(/** @type {any} */ ('reason.' + r)))) }),
    field('contact_phone', t('pickup.contact'), { type: 'tel', required: true, value: user.phone, autocomplete: 'tel' }),
    h('details', null, h('summary', null, t('pickup.for')),
      field('applicant_name', t('pickup.applicantName')),
      field('applicant_phone', t('pickup.applicantPhone'), { type: 'tel' })),
    field('note', t('pickup.note'), { tag: 'textarea', rows: 2 }),
    h('button', { type: 'submit', class: 'btn primary' }, t('pickup.submit')));
  const dateSel = /** @type {HTMLSelectElement} */ (form.querySelector('#preferred_date'));
  const winSel = /** @type {HTMLSelectElement} */ (form.querySelector('#window'));
  // Today only offers the windows not yet begun.
  const windows = () => put(winSel, ...WINDOWS.filter(([a]) => Date.parse(dateSel.value + 'T' + a + ':00+07:00') > Date.now())
    .map(([a, b]) => option(a + '-' + b, a + '–' + b)));
  dateSel.addEventListener('change', windows);
  windows();
  if (!days.length) form.prepend(h('p', { class: 'form-error' }, t('pickup.noDates')));
  onSubmit(form, async v => {
    const [window_start, window_end] = v.window.split('-');
    /** @type {S['Pickup']} */
    const p = await post('/v1/pickups', { procedure_id: v.procedure_id || undefined, preferred_date: v.preferred_date, window_start, window_end,
      address: v.address, neighborhood_id: v.neighborhood_id, reason: v.reason, contact_phone: v.contact_phone,
      applicant_name: v.applicant_name || undefined, applicant_phone: v.applicant_phone || undefined, note: v.note || undefined });
    go('/pickups/' + p.id + '?sent=1');
  });
  return [title(t('pickup.title')), form];
}
