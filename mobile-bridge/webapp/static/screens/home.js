// Home: what matters now — the next booking, the dossiers and their status, unread messages,
// the neighbourhood's next session; for a visitor, what the app does and the way in.
import { get } from '../api.js';
import { t, st, day, time } from '../i18n.js';
import { h, title, link, empty } from '../view.js';
import { session, neighborhoods, dayFromNow } from '../data.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function home({ user }) {
  if (!user) {
    return [title(t('home.title')), h('p', { class: 'lead' }, t('home.intro')),
      h('div', { class: 'actions' }, link('/sessions', t('home.book')), link('/track', t('home.track')),
        link('/login', t('home.login')), link('/register', t('home.register')))];
  }
  if (user.role !== 'citizen') {
    const { go } = await import('../router.js');
    go(user.role === 'volunteer' ? '/tasks' : '/dashboard', true);
    return [];
  }
  const [bookings, dossiers, unread, next] = await Promise.all([
    get('/v1/me/bookings?limit=20').then(r => /** @type {S['BookingList']} */ (r).items),
    get('/v1/dossiers?limit=5').then(r => /** @type {S['DossierList']} */ (r).items),
    get('/v1/me/notifications?unread=true&limit=1').then(r => /** @type {S['NotificationList']} */ (r).unread_count),
    user.neighborhood_id ? get(`/v1/sessions?ward_code=${user.ward_code}&neighborhood_id=${user.neighborhood_id}&status=scheduled&from=${dayFromNow(0)}&limit=1`)
      .then(r => /** @type {S['SessionList']} */ (r).items[0]) : Promise.resolve(undefined),
  ]);
  const now = Date.now();
  const upcoming = bookings.filter(b => b.status === 'booked' && b.slot_starts_at && Date.parse(b.slot_starts_at) > now)
    .sort((a, b) => String(a.slot_starts_at).localeCompare(String(b.slot_starts_at)))[0];
  const nextSession = upcoming ? await session(upcoming.session_id) : null;
  const hoodName = next ? (await neighborhoods(user.ward_code)).find(n => n.id === next.neighborhood_id)?.name : '';
  return [
    title(t('home.hello', { name: user.full_name })),
    h('section', { class: 'card', 'aria-labelledby': 'h-next' }, h('h3', { id: 'h-next' }, t('home.nextBooking')),
      upcoming && nextSession ? [
        h('p', { class: 'big' }, day(/** @type {string} */ (upcoming.slot_starts_at)), ' · ', time(/** @type {string} */ (upcoming.slot_starts_at))),
        h('p', null, nextSession.venue),
        link('/bookings/' + upcoming.id, t('booking.open'), ' ', upcoming.code)]
        : empty(t('home.noBooking'))),
    h('section', { class: 'card', 'aria-labelledby': 'h-dossiers' }, h('h3', { id: 'h-dossiers' }, t('home.dossiers')),
      dossiers.length ? h('ul', { class: 'list' }, dossiers.map(d => h('li', null,
        link('/dossiers/' + d.id, d.procedure_name), h('span', { class: 'badge s-' + d.status }, st('dossier', d.status)))))
        : empty(t('dossiers.none'))),
    unread ? h('p', { class: 'card' }, link('/inbox', t('home.unread', { n: unread }))) : null,
    next ? h('section', { class: 'card', 'aria-labelledby': 'h-session' }, h('h3', { id: 'h-session' }, t('home.nextSession')),
      h('p', null, day(next.date), ' · ', time(next.starts_at)), h('p', null, next.venue, hoodName ? ' · ' + hoodName : '')) : null,
    h('div', { class: 'actions' }, link('/sessions', t('home.book')), link('/pickups/new', t('home.pickup')),
      link('/bookings', t('home.myBookings')), link('/pickups', t('home.myPickups'))),
  ];
}
