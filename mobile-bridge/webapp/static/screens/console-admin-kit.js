// The administration pages' own sub-menu (accounts, procedures, holidays, neighbourhoods, office name).
import { t } from '../i18n.js';
import { h } from '../view.js';

/** @param {string} here @param {string} role */
export function adminNav(here, role) {
  /** @type {[string, import('../i18n.js').Key][]} */
  const items = [['/console/admin/users', 'console.admin.users'], ['/console/admin/procedures', 'console.admin.procedures'],
    ['/console/admin/calendar', 'console.admin.calendar']];
  if (role === 'admin') items.push(['/console/admin/neighborhoods', 'console.admin.neighborhoods'], ['/console/admin/ward', 'console.admin.ward']);
  return h('nav', { class: 'subnav sub2', 'aria-label': t('console.ops.nav.admin') }, items.map(([p, k]) =>
    h('a', { href: p, 'aria-current': here.startsWith(p) ? 'page' : null }, t(k))));
}
