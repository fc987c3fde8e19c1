// One pickup request: the confirmation after asking, then its follow-up (status history, the
// dossier it became), the citizen's confirmation of a form a volunteer filled, and the rating.
import { get, post } from '../api.js';
import { t, st, day, stamp } from '../i18n.js';
import { h, title, button, put, failure, link } from '../view.js';
import { stars } from './dossier.js';
import { render } from '../router.js';
import { offerInto } from '../push.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function pickup({ params, query }) {
  /** @type {S['Pickup']} */
  const p = await get('/v1/pickups/' + params.id);
  // The messages about this request say who the volunteer is and when they come (the pickup
  // itself carries only the volunteer's id).
  /** @type {S['Notification'][]} */
  const news = await get('/v1/me/notifications?limit=50').then(r => r.items.filter((/** @type {S['Notification']} */ n) => n.data.pickup_id === p.id)).catch(() => []);
  const when = day(p.preferred_date) + ', ' + p.window_start + '–' + p.window_end;
  const msg = h('div', { role: 'status' });
  // Just asked (pickup-new.js sends here with ?sent=1): the moment to offer pushes.
  const offer = h('div');
  if (query.get('sent')) void offerInto(offer);
  const needsConfirm = p.form_data && Object.keys(p.form_data).length > 0 && !p.confirmed && ['collected', 'handed_over'].includes(p.status);
  return [title(query.get('sent') ? t('pickup.sent') : t('pickup.title')),
    h('section', { class: 'card', id: 'pickup-summary' },
      query.get('sent') ? h('p', { class: 'ok' }, t('pickup.sentBody', { when, address: p.address })) : h('p', { class: 'big' }, when),
      h('p', null, p.address),
      h('p', null, h('span', { class: 'badge', id: 'pickup-status' }, st('pickup', p.status))),
      p.dossier_id ? h('p', null, link('/dossiers/' + p.dossier_id, t('pickup.dossier'), p.dossier_code ? ': ' + p.dossier_code : '')) : null),
    offer,
    needsConfirm ? h('section', { class: 'card', id: 'confirm-form' }, h('h3', null, t('pickup.confirm')),
      h('ul', null, Object.entries(p.form_data || {}).map(([k, v]) => h('li', null, k, ': ', v))),
      button(t('pickup.confirm'), async e => {
        try {
          await post(`/v1/pickups/${p.id}/confirm`, undefined);
          put(/** @type {HTMLElement} */ (/** @type {HTMLElement} */ (e.target).parentElement), h('p', { class: 'ok', id: 'confirmed' }, t('pickup.confirmed')));
        } catch (err) { put(msg, failure(err)); }
      }, { class: 'btn primary' })) : null,
    msg,
    news.length ? h('section', { class: 'card', id: 'pickup-news' }, h('h3', null, t('inbox.title')),
      h('ul', { class: 'list' }, news.map(n => h('li', null, h('span', null, h('strong', null, n.title), ' — ', n.body, ' ', h('span', { class: 'when' }, stamp(n.created_at))))))) : null,
    h('section', { class: 'card' }, h('h3', null, t('dossier.timeline')),
      h('ol', { class: 'timeline' }, p.events.map(e => h('li', null, h('span', { class: 'when' }, stamp(e.at)), ' ', st('pickup', e.to))))),
    p.status === 'handed_over' && !p.rating ? h('section', { class: 'card' }, h('h3', null, t('rating.title')),
      stars(async score => { await post(`/v1/pickups/${p.id}/rating`, { score }); await render(); }))
      : p.rating ? h('p', { class: 'card' }, t('rating.thanks', { n: p.rating })) : null];
}
