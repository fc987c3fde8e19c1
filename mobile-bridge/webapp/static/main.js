// The shell: language, menu by role, the network and queue line, the service worker, the router.
import { currentUser, forgetLogin, call } from './api.js';
import { t, lang, setLang, loadLang } from './i18n.js';
import { h, put } from './view.js';
import { start, render, onChange, go } from './router.js';
import { pending, replay, onQueue } from './queue.js';

/** @typedef {import('./i18n.js').Key} Key */

/** @type {Record<string, [string, Key][]>} the menu of each room (path, word) */
const MENUS = {
  anon: [['/', 'nav.home'], ['/sessions', 'nav.sessions'], ['/track', 'nav.track'], ['/login', 'nav.login']],
  citizen: [['/', 'nav.home'], ['/sessions', 'nav.sessions'], ['/dossiers', 'nav.dossiers'], ['/inbox', 'nav.inbox']],
  volunteer: [['/tasks', 'nav.tasks'], ['/checkin', 'nav.checkin'], ['/inbox', 'nav.inbox']],
  officer: [['/dashboard', 'nav.dashboard'], ['/checkin', 'nav.checkin'], ['/inbox', 'nav.inbox']],
  admin: [['/dashboard', 'nav.dashboard'], ['/checkin', 'nav.checkin'], ['/inbox', 'nav.inbox']],
};
// console: operations (the operation screens' entry; their own sub-menu links the others)
MENUS.officer.push(['/console/sessions', 'console.ops.nav.label']);
MENUS.admin.push(['/console/sessions', 'console.ops.nav.label']);

// console: dossiers
for (const role of ['officer', 'admin']) MENUS[role].unshift(['/console', 'nav.today'], ['/console/dossiers', 'nav.consoleDossiers'], ['/console/intake', 'nav.intake']);

const pushOn = () => !!localStorage.getItem('motcua.push.token');

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

function shell() {
  const user = currentUser();
  $('skip').textContent = t('skip');
  $('brand').textContent = t('title');
  const langBtn = $('lang');
  langBtn.textContent = lang() === 'vi' ? 'EN' : 'VI';
  langBtn.setAttribute('lang', lang() === 'vi' ? 'en' : 'vi');
  // The accessible name starts with the visible text (WCAG 2.5.3).
  langBtn.setAttribute('aria-label', lang() === 'vi' ? 'EN, English' : 'VI, Tiếng Việt');
  const acc = $('account');
  acc.hidden = !user;
  acc.textContent = t('nav.logout');
  const menu = MENUS[user ? user.role : 'anon'] || MENUS.anon;
  const here = location.pathname;
  put($('menu'), ...menu.map(([path, key]) => {
    const on = path === '/' || path === '/console' ? here === path : here.startsWith(path);
    return h('a', { href: path, 'aria-current': on ? 'page' : null }, t(key));
  }));
  void netLine();
}

async function netLine() {
  const n = await pending();
  const line = $('net');
  const off = !navigator.onLine;
  line.hidden = !off && n === 0;
  line.textContent = off ? t('offline') + (n ? ' ' + t('queue.waiting', { n }) : '') : n ? t('queue.waiting', { n }) : '';
}

$('lang').addEventListener('click', async () => {
  await setLang(lang() === 'vi' ? 'en' : 'vi');
  const user = currentUser();
  // The account's language decides the server's pushes and SMS, so it follows the switch.
  if (user && navigator.onLine) call('PATCH', '/v1/me', { body: { locale: lang() } }).catch(() => {});
  if (pushOn()) void import('./push.js').then(m => m.langChanged());
  await render();
});

$('account').addEventListener('click', async () => {
  const refresh = localStorage.getItem('motcua.refresh');
  // This browser's pushes stop first, while the call to remove its device is still allowed.
  if (pushOn()) await import('./push.js').then(m => m.stop()).catch(() => {});
  if (refresh) await call('POST', '/v1/auth/logout', { body: { refresh_token: refresh }, as: 'none' }).catch(() => {});
  forgetLogin();
  // The last-seen data of this person must not stay on a shared phone.
  navigator.serviceWorker?.controller?.postMessage('logout');
  go('/');
});

window.addEventListener('online', () => { void replay().then(() => { void netLine(); }); });
window.addEventListener('offline', () => void netLine());
onQueue(() => void netLine());
onChange(shell);

if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});
// A click on a push opens its screen in this tab (sw.js sends the app's path).
navigator.serviceWorker?.addEventListener('message', e => {
  const path = e.data && e.data.open;
  if (typeof path === 'string' && path.startsWith('/') && !path.startsWith('//')) go(path);
  else if (e.data && e.data.push === 'refresh' && pushOn()) void import('./push.js').then(m => m.refresh());
});
await loadLang();
await start();
if (navigator.onLine) void replay();
// Pushes on: the browser's token may have changed since (push.js is loaded only then).
if (pushOn() && navigator.onLine) setTimeout(() => void import('./push.js').then(m => m.refresh()), 3000);
