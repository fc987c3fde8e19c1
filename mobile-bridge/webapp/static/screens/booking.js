// One booking: its code as text and as a QR for the officer's scanner, the place and time,
// and cancelling it.
import { get, call, post } from '../api.js';
import { t, st, day, time } from '../i18n.js';
import { h, title, failure, button, put } from '../view.js';
import { session } from '../data.js';
import { render } from '../router.js';
import { offerInto } from '../push.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function booking({ params }) {
  /** @type {S['Booking'] | undefined} */
  const b = (await get('/v1/me/bookings?limit=100')).items.find((/** @type {S['Booking']} */ x) => x.id === params.id);
  if (!b) return [title(t('booking.title')), failure('404')];
  const s = await session(b.session_id);
  const img = h('img', { class: 'qr', alt: t('booking.qr', { code: b.code }), width: 240, height: 240 });
  if (b.status === 'booked') {
    call('GET', `/v1/bookings/${b.id}/qr.png`, { as: 'blob' }).then(blob => { img.src = URL.createObjectURL(blob); }).catch(() => img.remove());
  }
  const msg = h('div', { role: 'status' });
  // A booked slot is a moment when a push is worth it (the session may move): offer them.
  const offer = h('div');
  if (b.status === 'booked') void offerInto(offer);
  const cancel = async () => {
    if (!confirm(t('booking.confirmCancel'))) return;
    try {
      await post(`/v1/bookings/${b.id}/transitions`, { to: 'cancelled' });
      await render();
    } catch (err) { put(msg, failure(err)); }
  };
  return [title(t('booking.title')),
    h('section', { class: 'card' },
      h('p', null, t('booking.code')), h('p', { id: 'booking-code', class: 'code' }, b.code),
      h('p', null, h('span', { class: 'badge' }, st('booking', b.status))),
      b.status === 'booked' ? [img, h('p', null, t('booking.showQR'))] : null),
    h('section', { class: 'card' },
      h('h3', null, t('booking.where')),
      h('p', { class: 'big' }, b.slot_starts_at ? [day(b.slot_starts_at), ' · ', time(b.slot_starts_at)] : day(s.date)),
      h('p', null, s.venue)),
    msg, offer,
    b.status === 'booked' ? button(t('booking.cancel'), cancel, { id: 'cancel-booking', class: 'btn danger' }) : null];
}
