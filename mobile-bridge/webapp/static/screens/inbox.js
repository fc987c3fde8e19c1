// Notifications with their date, unread state, and a link to what each one is about.
import { get, post } from '../api.js';
import { t, stamp } from '../i18n.js';
import { h, title, empty, link, button } from '../view.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** Where a message leads in this app (its data carries the ids; see mobile-bridge/push). */
export function target(/** @type {Record<string, string>} */ data, /** @type {string} */ role) {
  if (data.pickup_id) return (role === 'volunteer' ? '/tasks/' : '/pickups/') + data.pickup_id;
  if (data.dossier_id) return '/dossiers/' + data.dossier_id;
  if (data.booking_id) return '/bookings/' + data.booking_id;
  if (data.session_id) return '/sessions';
  return '';
}

/** @type {import('../router.js').Screen} */
export default async function inbox({ user }) {
  /** @type {S['NotificationList']} */
  const list = await get('/v1/me/notifications?limit=50');
  return [title(t('inbox.title')), h('p', null, link('/settings/notify', t('nav.notifySettings'))), list.items.length ? h('ul', { class: 'list' }, list.items.map(n => {
    const to = target(n.data, user?.role || '');
    const item = h('li', { class: 'card' + (n.read_at ? '' : ' unread') },
      h('p', { class: 'muted' }, stamp(n.created_at), n.read_at ? '' : [' · ', h('strong', null, t('inbox.unread'))]),
      h('h3', null, n.title), h('p', null, n.body),
      h('div', { class: 'row' }, to ? link(to, t('inbox.open')) : null,
        n.read_at ? null : button(t('inbox.markRead'), async e => {
          await post(`/v1/me/notifications/${n.id}/read`, undefined).catch(() => {});
          item.classList.remove('unread');
          /** @type {HTMLElement} */ (e.target).remove();
        })));
    return item;
  })) : empty(t('inbox.none'))];
}
