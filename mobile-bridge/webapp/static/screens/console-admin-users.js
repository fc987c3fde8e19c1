// Staff accounts of the ward: the list (active or not), a new account, a role change and
// deactivation — within the rules the server enforces: an admin creates and changes officers,
// volunteers and admins (never their own role or active flag); an officer only volunteers.
import { get, post, call } from '../api.js';
import { t } from '../i18n.js';
import { h, title, field, option, onSubmit, empty, button } from '../view.js';
import { neighborhoods } from '../data.js';
import { go } from '../router.js';
import { table, statusLine, say, opsNav } from './console-kit.js';
import { adminNav } from './console-admin-kit.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function consoleUsers({ user, query }) {
  if (!user) return [];
  const role = query.get('role') || '';
  /** @type {[S['User'][], S['Neighborhood'][]]} */
  const [all, hoods] = await Promise.all([
    // One page per staff role (the ward's citizens are many and not managed here).
    Promise.all((role ? [role] : ['admin', 'officer', 'volunteer']).map(r => get('/v1/users?limit=100&role=' + encodeURIComponent(r)).then(x => x.items)))
      .then(xs => xs.flat()), neighborhoods(user.ward_code)]);
  const people = all;
  const admin = user.role === 'admin';
  /** The roles this person may give. */
  const giveable = admin ? ['volunteer', 'officer', 'admin'] : ['volunteer'];
  const line = statusLine('msg');
  const flash = sessionStorage.getItem('console.msg');
  if (flash) { sessionStorage.removeItem('console.msg'); say(line, flash); }
  const reload = (/** @type {string} */ msg) => { sessionStorage.setItem('console.msg', msg); go(location.pathname + location.search, true); };
  const hoodName = (/** @type {string | null | undefined} */ id) => hoods.find(n => n.id === id)?.name || '';
  const patch = async (/** @type {S['User']} */ u, /** @type {Record<string, unknown>} */ body, /** @type {string} */ msg) => {
    try { await call('PATCH', '/v1/users/' + u.id, { body }); reload(msg); } catch (err) { say(line, err, false); }
  };
  const rows = people.map(u => {
    const mine = u.id === user.id;
    const may = !mine && giveable.includes(u.role);
    // Only an admin changes roles (an officer manages volunteers but gives no role).
    const sel = h('select', { id: 'role-' + u.id, 'aria-label': t('console.admin.roleOf', { name: u.full_name }) },
      giveable.map(r => option(r, t(/** @type {any} */ ('console.role.' + r)), r === u.role)));
    return [u.full_name, u.phone, may && admin ? h('div', { class: 'row' }, sel, button(t('console.ops.save'), () => void patch(u, { role: sel.value }, t('console.ops.saved')),
      { class: 'btn small', 'aria-label': t('console.admin.saveRoleOf', { name: u.full_name }) })) : t(/** @type {any} */ ('console.role.' + u.role)),
    hoodName(u.neighborhood_id), h('span', { class: 'badge' + (u.active ? '' : ' late') }, u.active ? t('console.admin.active') : t('console.admin.inactive')),
    may ? button(u.active ? t('console.admin.deactivate') : t('console.admin.reactivate'), () => {
      if (u.active && !confirm(t('console.admin.deactivateAsk', { name: u.full_name }))) return;
      void patch(u, { active: !u.active }, u.active ? t('console.admin.deactivated', { name: u.full_name }) : t('console.ops.saved'));
    }, { class: 'btn small' + (u.active ? ' danger' : ''), 'data-active': u.id }) : ''];
  });
  const filters = h('form', { id: 'user-filters', class: 'inline-form', role: 'search' },
    field('role', t('console.admin.role'), { tag: 'select', options: [option('', t('console.ops.all')), ...['volunteer', 'officer', 'admin'].map(r => option(r, t(/** @type {any} */ ('console.role.' + r)), r === role))] }),
    h('button', { type: 'submit', class: 'btn' }, t('console.ops.filter')));
  onSubmit(filters, async v => go('/console/admin/users' + (v.role ? '?role=' + v.role : '')));
  const form = h('form', { id: 'user-form', novalidate: true },
    field('full_name', t('register.name'), { required: true, autocomplete: 'off' }),
    field('phone', t('phone'), { type: 'tel', required: true, autocomplete: 'off' }, t('register.phoneHint')),
    field('password', t('console.admin.firstPassword'), { type: 'text', required: true, autocomplete: 'new-password' }, t('register.rule')),
    field('role', t('console.admin.role'), { tag: 'select', options: giveable.map(r => option(r, t(/** @type {any} */ ('console.role.' + r)))) }),
    field('neighborhood_id', t('register.neighborhood'), { tag: 'select', options: [option('', '—'), ...hoods.map(n => option(n.id, n.name))] }, t('console.admin.hoodHint')),
    h('button', { type: 'submit', class: 'btn primary' }, t('console.admin.create')));
  // The filter's role select and the form's share a name; the form's own id keeps them apart.
  const roleSel = /** @type {HTMLSelectElement} */ (form.querySelector('#role'));
  roleSel.id = 'new_role';
  form.querySelector('label[for=role]')?.setAttribute('for', 'new_role');
  onSubmit(form, async v => {
    /** @type {S['User']} */
    const u = await post('/v1/users', { full_name: v.full_name, phone: v.phone, password: v.password, role: v.role, neighborhood_id: v.neighborhood_id || undefined });
    reload(t('console.admin.created', { name: u.full_name }));
  });
  return [opsNav('/console/admin'), adminNav('/console/admin/users', user.role), title(t('console.admin.users')), filters, line,
    h('div', { class: 'console-cols' },
      people.length ? table('users-table', t('console.admin.users'), [t('register.name'), t('phone'), t('console.admin.role'), t('register.neighborhood'),
        t('track.status'), ''], rows) : empty(t('console.admin.noUsers')),
      h('section', { class: 'card', 'aria-labelledby': 'new-user-h' }, h('h3', { id: 'new-user-h' }, t('console.admin.newUser')), form))];
}
