// History routes (the same list as ops.WebAppRoutes on the server, so a deep link or a reload
// opens the same screen). Each screen is its own module, loaded when first shown.
import { currentUser, forgetLogin, ApiError } from './api.js';
import { h, put, failure } from './view.js';

/**
 * @typedef {object} Ctx
 * @property {Record<string, string>} params
 * @property {URLSearchParams} query
 * @property {import('./api.js').User | null} user
 */
/** @typedef {(ctx: Ctx) => Promise<import('./view.js').Nodes>} Screen */
/** @typedef {{pattern: string, load: () => Promise<{default: Screen}>, roles?: string[]}} Route */

const C = ['citizen'], V = ['volunteer'], STAFF = ['volunteer', 'officer', 'admin'], O = ['officer', 'admin'];

/** @type {Route[]} */
export const routes = [
  { pattern: '/', load: () => import('./screens/home.js') },
  { pattern: '/login', load: () => import('./screens/login.js') },
  { pattern: '/register', load: () => import('./screens/register.js') },
  { pattern: '/sessions', load: () => import('./screens/sessions.js') },
  { pattern: '/bookings', load: () => import('./screens/bookings.js'), roles: C },
  { pattern: '/bookings/:id', load: () => import('./screens/booking.js'), roles: C },
  { pattern: '/dossiers', load: () => import('./screens/dossiers.js'), roles: C },
  { pattern: '/dossiers/:id', load: () => import('./screens/dossier.js'), roles: ['citizen', 'officer', 'admin'] },
  { pattern: '/pickups', load: () => import('./screens/pickups.js'), roles: C },
  { pattern: '/pickups/new', load: () => import('./screens/pickup-new.js'), roles: C },
  { pattern: '/pickups/:id', load: () => import('./screens/pickup.js'), roles: C },
  { pattern: '/inbox', load: () => import('./screens/inbox.js'), roles: ['citizen', 'volunteer', 'officer', 'admin'] },
  { pattern: '/settings/notify', load: () => import('./screens/settings-notify.js'), roles: ['citizen', 'volunteer', 'officer', 'admin'] },
  { pattern: '/track', load: () => import('./screens/track.js') },
  { pattern: '/track/:code', load: () => import('./screens/track.js') },
  { pattern: '/tasks', load: () => import('./screens/tasks.js'), roles: V },
  { pattern: '/tasks/:id', load: () => import('./screens/task.js'), roles: V },
  { pattern: '/checkin', load: () => import('./screens/checkin.js'), roles: STAFF },
  { pattern: '/checkin/:id', load: () => import('./screens/checkin.js'), roles: STAFF },
  { pattern: '/dashboard', load: () => import('./screens/dashboard.js'), roles: O },
  // console: operations
  { pattern: '/console/sessions', load: () => import('./screens/console-sessions.js'), roles: O },
  { pattern: '/console/sessions/:id', load: () => import('./screens/console-sessions.js'), roles: O },
  // h-checkin: the check-in desk (QR scanner, camera)
  { pattern: '/console/sessions/:id/checkin', load: () => import('./screens/console-checkin.js'), roles: O },
  { pattern: '/console/pickups', load: () => import('./screens/console-pickups.js'), roles: O },
  { pattern: '/console/postal', load: () => import('./screens/console-postal.js'), roles: O },
  { pattern: '/console/admin/users', load: () => import('./screens/console-admin-users.js'), roles: O },
  { pattern: '/console/admin/procedures', load: () => import('./screens/console-admin-procedures.js'), roles: O },
  { pattern: '/console/admin/procedures/:id', load: () => import('./screens/console-admin-procedures.js'), roles: ['admin'] },
  { pattern: '/console/admin/calendar', load: () => import('./screens/console-admin-calendar.js'), roles: O },
  { pattern: '/console/stats', load: () => import('./screens/console-stats.js'), roles: O },
  { pattern: '/console/stats/messages', load: () => import('./screens/console-messages.js'), roles: O },
  { pattern: '/console/admin/ward', load: () => import('./screens/console-admin-ward.js'), roles: ['admin'] },
  { pattern: '/console/admin/neighborhoods', load: () => import('./screens/console-admin-neighborhoods.js'), roles: ['admin'] },
  // console: people
  { pattern: '/console/representations', load: () => import('./screens/console-representations.js'), roles: O },
  { pattern: '/console/pickups/new', load: () => import('./screens/console-pickup-new.js'), roles: O },
  // h-otp: proving the phone to claim its history
  { pattern: '/verify-phone', load: () => import('./screens/verify-phone.js'), roles: C },
];

// console: dossiers
routes.push(
  { pattern: '/console', load: () => import('./screens/console-today.js'), roles: O },
  { pattern: '/console/dossiers', load: () => import('./screens/console-dossiers.js'), roles: O },
  { pattern: '/console/dossiers/:id', load: () => import('./screens/console-dossier.js'), roles: O },
  { pattern: '/console/intake', load: () => import('./screens/console-intake.js'), roles: O },
);

/** @param {string} pattern @param {string} path @returns {Record<string, string> | null} */
function match(pattern, path) {
  const a = pattern.split('/'), b = path.replace(/\/+$/, '').split('/');
  if (path === '/' || path === '') return pattern === '/' ? {} : null;
  if (a.length !== b.length) return null;
  /** @type {Record<string, string>} */
  const params = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith(':')) params[a[i].slice(1)] = decodeURIComponent(b[i]);
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

/** @type {(() => void)[]} */
const listeners = [];
/** Called after every screen change (the shell updates its menu). */
export const onChange = (/** @type {() => void} */ f) => listeners.push(f);

let seq = 0;

/** Shows the screen for the current location. */
export async function render() {
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  const path = location.pathname;
  const user = currentUser();
  const found = routes.map(r => ({ r, params: match(r.pattern, path) })).find(x => x.params);
  const my = ++seq;
  listeners.forEach(f => f());
  if (!found) { put(main, h('h2', { id: 'screen-title', tabindex: '-1' }, '404')); return; }
  if (found.r.roles && (!user || !found.r.roles.includes(user.role))) {
    if (!user) { go('/login?next=' + encodeURIComponent(path), true); return; }
    go('/', true); return;
  }
  main.setAttribute('aria-busy', 'true');
  let nodes;
  try {
    const mod = await found.r.load();
    nodes = await mod.default({ params: /** @type {Record<string, string>} */ (found.params), query: new URLSearchParams(location.search), user });
  } catch (err) {
    // A login that can no longer be refreshed (expired, revoked) goes back to the login screen.
    if (err instanceof ApiError && err.status === 401 && user) {
      forgetLogin();
      go('/login?next=' + encodeURIComponent(path), true);
      return;
    }
    nodes = failure(err);
  }
  if (my !== seq) return; // a newer navigation won
  put(main, nodes);
  main.removeAttribute('aria-busy');
  const heading = /** @type {HTMLElement | null} */ (main.querySelector('#screen-title'));
  if (heading && document.activeElement !== document.body) heading.focus();
  if (heading) document.title = heading.textContent + ' · Một Cửa Gần Dân';
}

/** Goes to an app path. @param {string} path @param {boolean} [replace] */
export function go(path, replace = false) {
  if (replace) history.replaceState(null, '', path); else history.pushState(null, '', path);
  window.scrollTo(0, 0);
  void render();
}

/** Starts the router: in-app links become history moves; Back and Forward re-render. */
export function start() {
  document.addEventListener('click', e => {
    const a = /** @type {Element} */ (e.target).closest?.('a[href]');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.hasAttribute('download') || a.getAttribute('target')) return;
    const url = new URL(/** @type {HTMLAnchorElement} */ (a).href);
    if (url.origin !== location.origin || url.pathname.startsWith('/v1/') || url.pathname.startsWith('/app/')) return;
    e.preventDefault();
    go(url.pathname + url.search);
  });
  window.addEventListener('popstate', () => void render());
  return render();
}
