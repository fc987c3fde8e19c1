// The citizen's bookings, newest first, each with its day, time, place and status.
import { get } from '../api.js';
import { t, st, day, time } from '../i18n.js';
import { h, title, empty, link } from '../view.js';
import { session } from '../data.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function bookings() {
  /** @type {S['Booking'][]} */
  const list = (await get('/v1/me/bookings?limit=50')).items;
  const sessions = await Promise.all(list.map(b => session(b.session_id).catch(() => null)));
  return [title(t('bookings.title')), list.length ? h('ul', { class: 'list' }, list.map((b, i) => h('li', { class: 'card' },
    h('p', { class: 'big' }, b.slot_starts_at ? [day(b.slot_starts_at), ' · ', time(b.slot_starts_at)] : ''),
    h('p', null, sessions[i]?.venue || ''),
    h('p', null, h('span', { class: 'badge' }, st('booking', b.status)), ' ', link('/bookings/' + b.id, t('booking.open'), ' ', b.code)))))
    : empty(t('bookings.none')), h('div', { class: 'actions' }, link('/sessions', t('home.book')))];
}
