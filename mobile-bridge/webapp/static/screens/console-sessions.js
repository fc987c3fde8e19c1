// The console's Saturday sessions: the list (every state), scheduling a new one (which publishes
// it: the neighbourhood's residents are told), and one session's page — slots and bookings per
// slot, capacity and duty list edits, check-in by code, walk-ins, complete, cancel with a reason.
import { get, post, call, ApiError } from '../api.js';
import { t, st, day, time } from '../i18n.js';
import { h, title, field, option, onSubmit, empty, link, button } from '../view.js';
import { neighborhoods, activeOnly } from '../data.js';
import { go } from '../router.js';
import { table, checks, checked, statusLine, say, staff, procedures, opsNav, nationalPhone, walkInForm } from './console-kit.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** The next Saturday (or today when it is one) as YYYY-MM-DD, in the ward's time zone. */
export function nextSaturday(/** @type {Date} */ now = new Date()) {
  const d = new Date(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now) + 'T12:00:00Z');
  d.setUTCDate(d.getUTCDate() + ((6 - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
}

const shift = (/** @type {string} */ iso, /** @type {number} */ n) => {
  const d = new Date(iso + 'T12:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** @type {import('../router.js').Screen} */
export default async function consoleSessions(ctx) {
  return ctx.params.id ? one(ctx) : list(ctx);
}

/** @param {import('../router.js').Ctx} ctx */
async function list({ user }) {
  if (!user) return [];
  const ward = user.ward_code;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const [items, hoods, procs, people] = await Promise.all([
    get(`/v1/sessions?ward_code=${ward}&from=${shift(today, -14)}&to=${shift(today, 90)}&status=scheduled&status=completed&status=cancelled&limit=100`)
      .then(r => /** @type {S['Session'][]} */ (r.items)),
    neighborhoods(ward), procedures(ward), staff()]);
  const hoodName = (/** @type {string} */ id) => hoods.find(n => n.id === id)?.name || '';
  const rows = items.sort((a, b) => a.starts_at.localeCompare(b.starts_at)).map(s => {
    const cap = s.slots.reduce((n, x) => n + x.capacity, 0), booked = s.slots.reduce((n, x) => n + x.booked, 0);
    return [link('/console/sessions/' + s.id, day(s.date)), `${time(s.starts_at)}–${time(s.ends_at)}`, hoodName(s.neighborhood_id), s.venue,
      h('span', { class: 'badge s-' + s.status }, st('session', s.status)), `${booked}/${cap}`];
  });
  const form = h('form', { id: 'session-form', class: 'form-grid', novalidate: true },
    field('neighborhood_id', t('pickup.neighborhood'), { tag: 'select', required: true, options: activeOnly(hoods).map(n => option(n.id, n.name)) }),
    field('date', t('console.session.date'), { type: 'date', required: true, value: nextSaturday() }, t('console.session.dateHint')),
    field('venue', t('booking.where'), { required: true }, t('console.session.venueHint')),
    field('start_time', t('console.session.start'), { type: 'time', required: true, value: '07:30' }),
    field('end_time', t('console.session.end'), { type: 'time', required: true, value: '11:30' }),
    field('slot_minutes', t('console.session.slotMinutes'), { type: 'number', min: 5, max: 240, required: true, value: 30 }),
    field('capacity_per_slot', t('console.session.capacity'), { type: 'number', min: 1, max: 100, required: true, value: 4 }),
    field('note', t('pickup.note'), { tag: 'textarea', rows: 2 }),
    checks('procedure_ids', t('console.session.procedures'), procs.filter(p => p.active).map(p => ({ value: p.id, label: p.name }))),
    checks('staff_ids', t('console.session.staff'), people.filter(u => u.role !== 'admin').map(u => ({ value: u.id, label: `${u.full_name} (${t(/** @type {any} */ ('console.role.' + u.role))})` }))),
    h('button', { type: 'submit', class: 'btn primary' }, t('console.session.publish')));
  onSubmit(form, async v => {
    /** @type {S['Session']} */
    const s = await post('/v1/sessions', {
      neighborhood_id: v.neighborhood_id, date: v.date, venue: v.venue, start_time: v.start_time, end_time: v.end_time,
      slot_minutes: Number(v.slot_minutes), capacity_per_slot: Number(v.capacity_per_slot), note: v.note || undefined,
      procedure_ids: checked(form, 'procedure_ids'), staff_ids: checked(form, 'staff_ids')});
    go('/console/sessions/' + s.id);
  });
  return [opsNav('/console/sessions'), title(t('console.sessions.title')),
    h('div', { class: 'console-cols' },
      h('section', { 'aria-labelledby': 'list-h' }, h('h3', { id: 'list-h' }, t('console.sessions.list')),
        rows.length ? table('sessions-table', t('console.sessions.list'), [t('console.session.date'), t('console.session.hours'), t('pickup.neighborhood'),
          t('booking.where'), t('track.status'), t('console.session.booked')], rows) : empty(t('console.sessions.none'))),
      h('section', { 'aria-labelledby': 'new-h', class: 'card' }, h('h3', { id: 'new-h' }, t('console.session.new')), form))];
}

/** @param {import('../router.js').Ctx} ctx */
async function one({ params, user }) {
  if (!user) return [];
  const id = params.id;
  /** @type {[S['Session'], S['Booking'][], S['Neighborhood'][], S['Procedure'][], S['User'][]]} */
  const [s, bookings, hoods, procs, people] = await Promise.all([get('/v1/sessions/' + id),
    get(`/v1/sessions/${id}/bookings`).then(r => r.items), neighborhoods(user.ward_code), procedures(user.ward_code), staff()]);
  const reload = () => go('/console/sessions/' + id, true);
  const open = s.status === 'scheduled';
  const line = statusLine('msg');
  const procName = (/** @type {string | null | undefined} */ pid) => procs.find(p => p.id === pid)?.name || '';
  // The person by name (the list joins each booking to its account), the phone as people write it.
  const who = (/** @type {S['Booking']} */ b) => b.name || (b.walk_in ? t('console.session.walkIn') : t('console.session.account'));
  const cancelBooking = async (/** @type {S['Booking']} */ b) => {
    if (!confirm(t('console.session.cancelBookingAsk', { code: b.code }))) return;
    try { await post(`/v1/bookings/${b.id}/transitions`, { to: 'cancelled' }); reload(); } catch (err) { say(line, err, false); }
  };
  const bookingRows = (/** @type {S['Booking'][]} */ xs) => xs.map(b => [h('span', { class: 'mono' }, b.code), who(b),
    h('span', { class: 'nowrap' }, nationalPhone(b.phone)), h('span', { class: 'badge' }, st('booking', b.status)), procName(b.procedure_id), b.checked_in_at ? time(b.checked_in_at) : '',
    open && b.status === 'booked' ? button(t('booking.cancel'), () => void cancelBooking(b), { class: 'btn small danger', 'aria-label': t('console.session.cancelBookingAsk', { code: b.code }) }) : '']);
  const heads = [t('booking.code'), t('console.session.who'), t('phone'), t('track.status'), t('pickup.procedure'), t('console.session.checkedInAt'), ''];
  const perSlot = s.slots.map(slot => {
    const xs = bookings.filter(b => b.slot_starts_at && Date.parse(b.slot_starts_at) === Date.parse(slot.starts_at));
    return h('section', { class: 'slot' },
      h('h4', null, `${time(slot.starts_at)}–${time(slot.ends_at)} · `, t('console.session.slotFill', { booked: slot.booked, capacity: slot.capacity })),
      xs.length ? table('', t('console.session.bookingsAt', { time: time(slot.starts_at) }), heads, bookingRows(xs)) : empty(t('console.session.noBookings')));
  });
  const walkIns = bookings.filter(b => b.walk_in);
  const att = s.attendance;
  const edit = h('form', { id: 'edit-form', novalidate: true },
    field('venue', t('booking.where'), { required: true, value: s.venue }),
    field('capacity_per_slot', t('console.session.capacity'), { type: 'number', min: 1, max: 100, value: s.capacity_per_slot }, t('console.session.capacityHint')),
    field('note', t('pickup.note'), { tag: 'textarea', rows: 2 }),
    checks('procedure_ids', t('console.session.procedures'), procs.filter(p => p.active || s.procedure_ids.includes(p.id)).map(p => ({ value: p.id, label: p.name })), s.procedure_ids),
    checks('staff_ids', t('console.session.staff'), people.filter(u => u.role !== 'admin').map(u => ({ value: u.id, label: u.full_name })), s.staff_ids),
    h('button', { type: 'submit', class: 'btn primary' }, t('console.ops.save')));
  const note = /** @type {HTMLTextAreaElement} */ (edit.querySelector('#note'));
  note.value = s.note || '';
  onSubmit(edit, async v => {
    await call('PATCH', '/v1/sessions/' + id, { body: { venue: v.venue, capacity_per_slot: Number(v.capacity_per_slot), note: v.note,
      procedure_ids: checked(edit, 'procedure_ids'), staff_ids: checked(edit, 'staff_ids') } });
    reload();
  });
  const checkin = h('form', { id: 'checkin-form', class: 'inline-form', novalidate: true },
    field('code', t('checkin.code'), { required: true, autocapitalize: 'characters', maxlength: 6, autocomplete: 'off', class: 'mono' }),
    h('button', { type: 'submit', class: 'btn primary' }, t('checkin.submit')));
  onSubmit(checkin, async v => {
    /** @type {S['Booking']} */
    const b = await post(`/v1/sessions/${id}/check-ins`, { code: v.code.toUpperCase() });
    sessionStorage.setItem('console.msg', t('checkin.done', { code: b.code }));
    reload();
  });
  const walkin = walkInForm(id, procs, (_, v) => {
    sessionStorage.setItem('console.msg', t('checkin.walkinDone', { name: v.name }));
    reload();
  });
  const complete = button(t('console.session.complete'), async () => {
    if (!confirm(t('console.session.completeAsk'))) return;
    try { await post(`/v1/sessions/${id}/transitions`, { to: 'completed' }); reload(); } catch (err) { say(line, err, false); }
  }, { id: 'complete-session', class: 'btn' });
  const cancel = h('form', { id: 'cancel-form', novalidate: true },
    field('cancel_note', t('console.session.cancelReason'), { tag: 'textarea', rows: 2, required: true }, t('console.session.cancelHint')),
    h('button', { type: 'submit', class: 'btn danger' }, t('console.session.cancel')));
  onSubmit(cancel, async v => {
    if (!v.cancel_note) throw new ApiError(422, 'validation_failed', '', { cancel_note: t('console.session.cancelReasonNeeded') });
    await post(`/v1/sessions/${id}/transitions`, { to: 'cancelled', note: v.cancel_note });
    reload();
  });
  const flash = sessionStorage.getItem('console.msg');
  if (flash) { sessionStorage.removeItem('console.msg'); say(line, flash); }
  return [opsNav('/console/sessions'), link('/console/sessions', '← ', t('console.sessions.list')),
    title(`${day(s.date)} · ${s.venue}`),
    h('p', { class: 'big' }, `${time(s.starts_at)}–${time(s.ends_at)} · `, hoods.find(n => n.id === s.neighborhood_id)?.name || '', ' · ',
      h('span', { class: 'badge s-' + s.status, id: 'session-status' }, st('session', s.status))),
    h('p', { id: 'attendance' }, t('console.session.attendance', { booked: att.booked, checked_in: att.checked_in, walk_ins: att.walk_ins, no_show: att.no_show, cancelled: att.cancelled })),
    line,
    h('div', { class: 'console-cols' },
      h('section', { 'aria-labelledby': 'slots-h' }, h('h3', { id: 'slots-h' }, t('console.session.bookings')), perSlot,
        h('section', { class: 'slot' }, h('h4', null, t('checkin.walkin')),
          walkIns.length ? table('walkins-table', t('checkin.walkin'), heads, bookingRows(walkIns)) : empty(t('console.session.noBookings')))),
      h('div', null,
        open ? h('section', { class: 'card', 'aria-labelledby': 'ci-h' }, h('h3', { id: 'ci-h' }, t('checkin.title')),
          h('p', null, h('a', { href: `/console/sessions/${id}/checkin`, class: 'btn primary', id: 'open-desk' }, t('desk.open'))), checkin,
          h('details', null, h('summary', null, t('checkin.walkin')), walkin)) : null,
        open ? h('section', { class: 'card', 'aria-labelledby': 'ed-h' }, h('h3', { id: 'ed-h' }, t('console.session.edit')), edit) : null,
        open ? h('section', { class: 'card', 'aria-labelledby': 'end-h' }, h('h3', { id: 'end-h' }, t('console.session.end.title')),
          h('p', { class: 'hint' }, t('console.session.completeHint')), complete, h('hr'), cancel) : null))];
}
