// The officer's day (console): what needs doing now, each line a link to its screen — dossiers
// due within two working days (an apology letter is still possible), overdue dossiers, dossiers
// waiting for intake (a volunteer's hand-over, a parcel by post), pickups nobody took or not yet
// assigned, today's and next Saturday's sessions, and parcels with no news from the carrier.
import { get } from '../api.js';
import { t, st, day, time } from '../i18n.js';
import { h, title, empty, link } from '../view.js';
import { neighborhoods, dayFromNow } from '../data.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** Parcels with no news for more than this many days are shown as stuck. */
const STUCK_DAYS = 3;

/** The next Saturday's ward date after today ("YYYY-MM-DD"); on a Saturday, the one a week later. */
function nextSaturday() {
  for (let i = 1; i < 8; i++) {
    const d = dayFromNow(i);
    if (new Date(d + 'T12:00:00+07:00').getUTCDay() === 6) return d;
  }
  return dayFromNow(0);
}

/**
 * A titled section with a count, a list, or what is empty.
 * @param {string} id @param {string} heading @param {Node[]} items @param {string} none
 */
function block(id, heading, items, none) {
  return h('section', { class: 'card today-block', id, 'aria-labelledby': id + '-h' },
    h('h3', { id: id + '-h' }, heading, ' ', h('span', { class: 'count' }, '(' + items.length + ')')),
    items.length ? h('ul', { class: 'list' }, items) : empty(none));
}

/** A dossier line: code, applicant, procedure, status, due date. @param {S['Dossier']} d */
function dossierLine(d) {
  return h('li', null,
    h('span', null, link('/console/dossiers/' + d.id, h('strong', { class: 'dossier-code' }, d.code)), ' · ', d.applicant_name, ' · ', d.procedure_name),
    h('span', null, h('span', { class: 'badge s-' + d.status }, st('dossier', d.status)),
      d.due_at ? [t('dossier.due'), ': ', day(d.due_at), ' ', time(d.due_at)] : [t('today.arrived'), ': ', day(d.submitted_at)]));
}

/** @type {import('../router.js').Screen} */
export default async function today({ user }) {
  const ward = user?.ward_code || '';
  const sat = nextSaturday();
  const list = (/** @type {string} */ q) => get(q).then(r => r.items);
  /** @type {[S['Dossier'][], S['Dossier'][], S['Dossier'][], S['Pickup'][], S['Pickup'][], S['Session'][], S['Shipment'][], S['Neighborhood'][]]} */
  const [soon, overdue, waiting, atRisk, unassigned, sessions, stuck, hoods] = await Promise.all([
    list('/v1/dossiers?due_soon=true&limit=100'),
    list('/v1/dossiers?overdue=true&limit=100'),
    list('/v1/dossiers?status=submitted&limit=100'),
    list('/v1/pickups?at_risk=true&limit=100'),
    list('/v1/pickups?status=requested&limit=100'),
    ward ? list(`/v1/sessions?ward_code=${encodeURIComponent(ward)}&status=scheduled&from=${dayFromNow(0)}&to=${sat}&limit=50`) : Promise.resolve([]),
    list(`/v1/shipments?stuck_days=${STUCK_DAYS}&limit=100`),
    ward ? neighborhoods(ward) : Promise.resolve([]),
  ]);
  const hood = (/** @type {string} */ id) => hoods.find(n => n.id === id)?.name || '';
  // A pickup both at risk and unassigned is shown once, among those at risk.
  const risky = new Set(atRisk.map(p => p.id));
  const pickups = [...atRisk, ...unassigned.filter(p => !risky.has(p.id))];
  const todayIso = dayFromNow(0);
  const shownSessions = sessions.filter(s => s.date === todayIso || s.date === sat);
  return [title(t('today.title')),
    h('p', { class: 'muted' }, day(new Date())),
    h('div', { class: 'console-grid' },
      block('today-overdue', t('today.overdue'), overdue.map(dossierLine), t('today.noOverdue')),
      block('today-due-soon', t('today.dueSoon'), soon.map(dossierLine), t('today.noDueSoon')),
      block('today-waiting', t('today.waiting'), waiting.map(d => {
        const li = dossierLine(d);
        li.append(h('span', { class: 'muted' }, t(/** @type {any} */ ('channel.' + d.channel))));
        return li;
      }), t('today.noWaiting')),
      block('today-pickups', t('today.pickups'), pickups.map(p => h('li', null,
        // the pickups screen (console: operations) lists them by neighbourhood, at risk or waiting
        h('span', null, link(`/console/pickups?neighborhood_id=${p.neighborhood_id}&` + (risky.has(p.id) ? 'at_risk=true' : 'status=requested'), p.address), ' · ', hood(p.neighborhood_id)),
        h('span', null, risky.has(p.id) ? h('span', { class: 'badge late' }, t('today.atRisk')) : null,
          h('span', { class: 'badge' }, st('pickup', p.status)), day(p.preferred_date), ' ', p.window_start, '–', p.window_end))),
      t('today.noPickups')),
      block('today-sessions', t('today.sessions'), shownSessions.map(s => h('li', null,
        h('span', null, link('/console/sessions/' + s.id, day(s.date)), ' · ', hood(s.neighborhood_id), ' · ', s.venue),
        h('span', null, time(s.starts_at), '–', time(s.ends_at)))), t('today.noSessions')),
      block('today-stuck', t('today.stuck', { n: STUCK_DAYS }), stuck.map(s => h('li', null,
        h('span', null, s.dossier_id ? link('/console/dossiers/' + s.dossier_id, s.dossier_code || '') : link(`/console/postal?stuck_days=${STUCK_DAYS}`, s.recipient_name),
          ' · ', s.carrier, s.tracking_number ? ' ' + s.tracking_number : ''),
        h('span', null, h('span', { class: 'badge' }, st('shipment', s.status)), s.last_event_at ? day(s.last_event_at) : ''))), t('today.noStuck'))),
    h('p', { class: 'row' }, link('/console/intake', t('nav.intake')), ' · ', link('/console/dossiers', t('nav.consoleDossiers')))];
}
