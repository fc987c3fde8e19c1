// The citizen's home-pickup requests and their status.
import { get } from '../api.js';
import { t, st, day } from '../i18n.js';
import { h, title, empty, link } from '../view.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function pickups() {
  /** @type {S['Pickup'][]} */
  const list = (await get('/v1/pickups?limit=50')).items;
  return [title(t('pickups.title')), h('div', { class: 'actions' }, link('/pickups/new', t('pickups.new'))),
    list.length ? h('ul', { class: 'list' }, list.map(p => h('li', { class: 'card pickup' },
      h('p', { class: 'big' }, link('/pickups/' + p.id, day(p.preferred_date), ' · ', p.window_start, '–', p.window_end)),
      h('p', null, p.address),
      h('p', null, h('span', { class: 'badge' }, st('pickup', p.status)), p.dossier_id ? [' ', link('/dossiers/' + p.dossier_id, t('pickup.dossier'), p.dossier_code ? ': ' + p.dossier_code : '')] : null))))
      : empty(t('pickups.none'))];
}
