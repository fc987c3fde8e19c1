// Staff accounts of the ward: the list (active or not), searched on the server by name (without
// diacritics too) or part of the phone number as one types, a new account, a role change and
// deactivation — within the rules the server enforces: an admin creates and changes officers,
// volunteers and admins (never their own role or active flag); an officer only volunteers.
import { get, post, call } from '../api.js';
import { t } from '../i18n.js';
import { h, title, field, option, onSubmit, empty, button, put } from '../view.js';
import { neighborhoods, activeOnly } from '../data.js';
import { go } from '../router.js';
import { table, statusLine, say, opsNav } from './console-kit.js';
import { adminNav } from './console-admin-kit.js';

/** @typedef {import('../../types/api').components['schemas']} S */

const STAFF = ['admin', 'officer', 'volunteer'];
const PAGE = 50;

/**
 * One page of the staff list: of one role (with its cursor), or the first page of each staff role
 * (the ward's citizens are many and not managed here).
 * @param {string} role @param {string} q @param {string} [cursor]
 * @returns {Promise<{items: S['User'][], next: string | null, more: boolean}>}
 */
async function load(role, q, cursor) {
  const ask = (/** @type {string} */ r) => {
    const p = new URLSearchParams({ limit: String(PAGE), role: r });
    if (q) p.set('q', q);
    if (cursor) p.set('cursor', cursor);
    return get('/v1/users?' + p).then(/** @param {S['UserList']} x */ x => x);
  };
  if (role) {
    const page = await ask(role);
    return { items: page.items, next: page.next_cursor || null, more: false };
  }
  const pages = await Promise.all(STAFF.map(ask));
  return { items: pages.flatMap(p => p.items), next: null, more: pages.some(p => !!p.next_cursor) };
}

/** @type {import('../router.js').Screen} */
export default async function consoleUsers({ user, query }) {
  if (!user) return [];
  const role = query.get('role') || '';
  const q = query.get('q') || '';
  /** @type {[Awaited<ReturnType<typeof load>>, S['Neighborhood'][]]} */
  const [first, hoods] = await Promise.all([load(role, q), neighborhoods(user.ward_code || '')]);
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
  const rowOf = (/** @type {S['User']} */ u) => {
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
  };
  const heads = [t('register.name'), t('phone'), t('console.admin.role'), t('register.neighborhood'), t('track.status'), ''];
  // The results: replaced as the search changes, grown by "more" (one role) without a reload.
  const found = h('p', { id: 'users-found', class: 'muted', role: 'status' });
  const results = h('div', { id: 'users-results' });
  let seq = 0;
  /** @param {Awaited<ReturnType<typeof load>>} page @param {string} r @param {string} text @param {S['User'][]} [before] */
  const show = (page, r, text, before = []) => {
    const people = [...before, ...page.items];
    const more = page.next ? button(t('console.users.more'), async () => {
      const mine = ++seq;
      try {
        const next = await load(r, text, page.next || undefined);
        if (mine !== seq) return;
        show(next, r, text, people);
        // The keyboard goes on where the new rows start (the button it pressed is gone).
        const first = document.getElementById('users-table')?.querySelectorAll('tbody tr')[people.length]?.querySelector('select, button');
        /** @type {HTMLElement | null | undefined} */ (first)?.focus();
      } catch (err) { say(line, err, false); }
    }, { id: 'users-more', class: 'btn' }) : null;
    put(results, people.length ? table('users-table', t('console.admin.users'), heads, people.map(rowOf))
      : empty(text ? t('console.users.noMatch') : t('console.admin.noUsers')),
    more, page.more ? h('p', { class: 'hint' }, t('console.users.manyHint')) : null);
    put(found, text ? t('console.users.found', { n: people.length }) : '');
  };
  show(first, role, q);

  const search = /** @type {HTMLInputElement} */ (h('input', { type: 'search', id: 'q', name: 'q', value: q, autocomplete: 'off', maxlength: 100,
    'aria-describedby': 'q-hint', 'aria-controls': 'users-results' }));
  const roleSel = /** @type {HTMLSelectElement} */ (h('select', { id: 'role', name: 'role' }, option('', t('console.ops.all')),
    ...STAFF.slice().reverse().map(r => option(r, t(/** @type {any} */ ('console.role.' + r)), r === role))));
  const filters = h('form', { id: 'user-filters', class: 'inline-form', role: 'search', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'q' }, t('console.users.search')), h('p', { class: 'hint', id: 'q-hint' }, t('console.users.searchHint')), search),
    h('div', { class: 'field' }, h('label', { for: 'role' }, t('console.admin.role')), roleSel),
    h('button', { type: 'submit', class: 'btn' }, t('console.ops.filter')));
  // Searching keeps the page (and the focus in the box): the list is replaced, the address
  // remembers the search for Back and a reload; a slower answer to an older search is dropped.
  const refresh = async () => {
    const text = search.value.trim(), r = roleSel.value, mine = ++seq;
    const p = new URLSearchParams();
    if (r) p.set('role', r);
    if (text) p.set('q', text);
    history.replaceState(history.state, '', location.pathname + (p.size ? '?' + p : ''));
    try {
      const page = await load(r, text);
      if (mine === seq) show(page, r, text);
    } catch (err) { if (mine === seq) say(line, err, false); }
  };
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => void refresh(), 300); });
  roleSel.addEventListener('change', () => { clearTimeout(timer); void refresh(); });
  filters.addEventListener('submit', e => { e.preventDefault(); clearTimeout(timer); void refresh(); });
  const form = h('form', { id: 'user-form', novalidate: true },
    field('full_name', t('register.name'), { required: true, autocomplete: 'off' }),
    field('phone', t('phone'), { type: 'tel', required: true, autocomplete: 'off' }, t('register.phoneHint')),
    field('password', t('console.admin.firstPassword'), { type: 'text', required: true, autocomplete: 'new-password' }, t('register.rule')),
    field('role', t('console.admin.role'), { tag: 'select', options: giveable.map(r => option(r, t(/** @type {any} */ ('console.role.' + r)))) }),
    field('neighborhood_id', t('register.neighborhood'), { tag: 'select', options: [option('', '—'), ...activeOnly(hoods).map(n => option(n.id, n.name))] }, t('console.admin.hoodHint')),
    h('button', { type: 'submit', class: 'btn primary' }, t('console.admin.create')));
  // The filter's role select and the form's share a name; the form's own id keeps them apart.
  const newRole = /** @type {HTMLSelectElement} */ (form.querySelector('#role'));
  newRole.id = 'new_role';
  form.querySelector('label[for=role]')?.setAttribute('for', 'new_role');
  onSubmit(form, async v => {
    /** @type {S['User']} */
    const u = await post('/v1/users', { full_name: v.full_name, phone: v.phone, password: v.password, role: v.role, neighborhood_id: v.neighborhood_id || undefined });
    reload(t('console.admin.created', { name: u.full_name }));
  });
  return [opsNav('/console/admin'), adminNav('/console/admin/users', user.role), title(t('console.admin.users')), filters, line,
    h('div', { class: 'console-cols' }, h('div', null, found, results),
      h('section', { class: 'card', 'aria-labelledby': 'new-user-h' }, h('h3', { id: 'new-user-h' }, t('console.admin.newUser')), form))];
}
