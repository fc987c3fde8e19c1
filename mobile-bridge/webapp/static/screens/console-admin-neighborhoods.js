// The ward's neighbourhoods (khu phố, tổ dân phố, ấp, thôn), kept by the ward's admin: add one,
// rename it, deactivate it (it stays on older sessions and pickups, but takes no new ones) or
// reactivate it. Names are unique in the ward whatever the case or diacritics: the server says
// so beside the name field.
import { get, post, call } from '../api.js';
import { t } from '../i18n.js';
import { h, title, field, onSubmit, empty, button } from '../view.js';
import { forgetNeighborhoods } from '../data.js';
import { go } from '../router.js';
import { table, statusLine, say, opsNav } from './console-kit.js';
import { adminNav } from './console-admin-kit.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function consoleNeighborhoods({ user }) {
  if (!user) return [];
  /** @type {S['NeighborhoodList']} */
  const list = await get(`/v1/wards/${encodeURIComponent(user.ward_code || '')}/neighborhoods`);
  const line = statusLine('msg');
  const flash = sessionStorage.getItem('console.msg');
  if (flash) { sessionStorage.removeItem('console.msg'); say(line, flash); }
  const reload = (/** @type {string} */ msg) => {
    forgetNeighborhoods(user.ward_code || '');
    sessionStorage.setItem('console.msg', msg);
    go(location.pathname, true);
  };
  const patch = async (/** @type {S['Neighborhood']} */ n, /** @type {S['NeighborhoodUpdate']} */ body, /** @type {string} */ msg) => {
    try { await call('PATCH', '/v1/neighborhoods/' + n.id, { body }); reload(msg); } catch (err) { say(line, err, false); }
  };
  const rows = list.items.map(n => {
    const input = h('input', { type: 'text', id: 'name-' + n.id, value: n.name, maxlength: 200, required: true,
      'aria-label': t('console.hoods.nameOf', { name: n.name }) });
    const rename = h('form', { class: 'row', 'data-rename': n.id, novalidate: true }, input,
      h('button', { type: 'submit', class: 'btn small' }, t('console.hoods.rename')));
    rename.addEventListener('submit', e => {
      e.preventDefault();
      const name = input.value.trim();
      if (name !== n.name) void patch(n, { name }, t('console.hoods.renamed', { name }));
    });
    return [rename,
      h('span', { class: 'badge' + (n.active ? '' : ' late') }, n.active ? t('console.hoods.active') : t('console.hoods.inactive')),
      button(n.active ? t('console.hoods.deactivate') : t('console.hoods.reactivate'), () => {
        if (n.active && !confirm(t('console.hoods.deactivateAsk', { name: n.name }))) return;
        void patch(n, { active: !n.active }, t(n.active ? 'console.hoods.deactivated' : 'console.hoods.reactivated', { name: n.name }));
      }, { class: 'btn small' + (n.active ? ' danger' : ''), 'data-active': n.id,
        'aria-label': t(n.active ? 'console.hoods.deactivateOf' : 'console.hoods.reactivateOf', { name: n.name }) })];
  });
  const form = h('form', { id: 'hood-form', novalidate: true },
    field('name', t('console.hoods.name'), { required: true, maxlength: 200, autocomplete: 'off' }, t('console.hoods.hint')),
    h('button', { type: 'submit', class: 'btn primary' }, t('console.hoods.create')));
  onSubmit(form, async v => {
    /** @type {S['Neighborhood']} */
    const n = await post('/v1/neighborhoods', { name: v.name });
    reload(t('console.hoods.created', { name: n.name }));
  });
  return [opsNav('/console/admin'), adminNav('/console/admin/neighborhoods', user.role), title(t('console.admin.neighborhoods')),
    h('p', { class: 'muted' }, t('console.hoods.about')), line,
    h('div', { class: 'console-cols' },
      rows.length ? table('hoods-table', t('console.admin.neighborhoods'), [t('console.hoods.name'), t('track.status'), ''], rows)
        : empty(t('console.hoods.none')),
      h('section', { class: 'card', 'aria-labelledby': 'new-hood-h' }, h('h3', { id: 'new-hood-h' }, t('console.hoods.new')), form))];
}
