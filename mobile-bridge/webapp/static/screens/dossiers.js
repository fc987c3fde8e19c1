// The citizen's dossiers with their status and due date.
import { get } from '../api.js';
import { t, st, day } from '../i18n.js';
import { h, title, empty, link } from '../view.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function dossiers() {
  /** @type {S['Dossier'][]} */
  const list = (await get('/v1/dossiers?limit=50')).items;
  return [title(t('dossiers.title')), list.length ? h('ul', { class: 'list' }, list.map(d => h('li', { class: 'card' },
    h('p', { class: 'big' }, link('/dossiers/' + d.id, d.procedure_name)),
    h('p', null, t('dossier.code'), ': ', h('span', { class: 'dossier-code' }, d.code)),
    h('p', null, h('span', { class: 'badge s-' + d.status }, st('dossier', d.status)), d.overdue ? h('span', { class: 'badge late' }, t('dossier.overdue')) : null),
    d.due_at ? h('p', null, t('dossier.due'), ': ', day(d.due_at)) : null)))
    : empty(t('dossiers.none'))];
}
