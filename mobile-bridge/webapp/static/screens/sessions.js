// The ward's coming sessions grouped by date, each with its place and neighbourhood, and only
// the slots one can still book.
import { get, post, currentUser } from '../api.js';
import { t, day, time } from '../i18n.js';
import { h, title, empty, link, option, field, failure } from '../view.js';
import { neighborhoods, dayFromNow } from '../data.js';
import { go } from '../router.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function sessions({ user, query }) {
  let ward = query.get('ward') || user?.ward_code || '';
  /** @type {Node | null} */
  let picker = null;
  if (!user) {
    /** @type {S['Ward'][]} */
    const wards = (await get('/v1/wards?limit=100')).items;
    ward ||= wards[0]?.code || '';
    const f = field('ward', t('register.ward'), { tag: 'select', options: wards.map(w => option(w.code, w.name + ', ' + w.province, w.code === ward)) });
    f.querySelector('select')?.addEventListener('change', e => go('/sessions?ward=' + /** @type {HTMLSelectElement} */ (e.target).value, true));
    picker = f;
  }
  if (!ward) return [title(t('sessions.title')), empty(t('sessions.none'))];
  const [list, hoods] = await Promise.all([
    get(`/v1/sessions?ward_code=${encodeURIComponent(ward)}&status=scheduled&from=${dayFromNow(0)}&to=${dayFromNow(60)}&limit=50`).then(r => /** @type {S['SessionList']} */ (r).items),
    neighborhoods(ward),
  ]);
  const now = Date.now();
  const open = list.filter(s => s.status === 'scheduled')
    .map(s => ({ s, slots: s.slots.filter(x => x.remaining > 0 && Date.parse(x.starts_at) > now) }))
    .filter(x => x.slots.length);
  /** @type {Map<string, typeof open>} */
  const byDate = new Map();
  for (const x of open) byDate.set(x.s.date, [...(byDate.get(x.s.date) || []), x]);
  const msg = h('div', { role: 'status' });
  const book = async (/** @type {S['Session']} */ s, /** @type {S['Slot']} */ slot, /** @type {HTMLButtonElement} */ btn) => {
    btn.disabled = true;
    try {
      /** @type {S['Booking']} */
      const b = await post(`/v1/sessions/${s.id}/bookings`, { slot_starts_at: slot.starts_at });
      go('/bookings/' + b.id);
    } catch (err) { msg.replaceChildren(failure(err)); btn.disabled = false; }
  };
  return [title(t('sessions.title')), picker, msg,
    byDate.size ? [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, xs]) => h('section', { class: 'day' },
      h('h3', null, day(date)),
      xs.map(({ s, slots }) => h('article', { class: 'card' },
        h('h4', null, day(date), ' · ', s.venue),
        h('p', { class: 'muted' }, hoods.find(n => n.id === s.neighborhood_id)?.name || '', ' · ', time(s.starts_at), '–', time(s.ends_at)),
        user && user.role === 'citizen' ? h('ul', { class: 'slots' }, slots.map(slot => h('li', null,
          h('button', { type: 'button', class: 'btn', 'data-book': s.id, onclick: (/** @type {Event} */ e) => book(s, slot, /** @type {HTMLButtonElement} */ (e.currentTarget)) },
            t('sessions.book', { time: time(slot.starts_at) })),
          h('span', { class: 'muted' }, t('sessions.left', { n: slot.remaining })))))
          : currentUser() ? null : link('/login?next=' + encodeURIComponent('/sessions'), t('sessions.loginToBook'))))))
      : empty(t('sessions.none'))];
}
