// Pushes on the web (issue 16): FCM for the web through the Firebase messaging SDK bundled in
// vendor/ (fetched only when a person turns pushes on, or on later starts once they are on).
// Offered after a booking or a pickup request, never on first load and never again once
// declined; the browser's token is registered as a `web` device, registered again when it
// changes or the language does, and removed at log out. The service worker (sw.js) shows the
// pushes in the language chosen here, which it reads from IndexedDB.
import { get, post, call, currentUser } from './api.js';
import { t, lang } from './i18n.js';
import { h, put, button } from './view.js';

/** @typedef {import('../types/api').components['schemas']['WebPushConfig']} WebPushConfig */
/** @typedef {typeof import('firebase/app') & typeof import('firebase/messaging')} Firebase */

const SDK = '/app/vendor/firebase-messaging.js';
const KEY = { token: 'motcua.push.token', locale: 'motcua.push.locale', declined: 'motcua.push.declined' };

/** @type {Promise<WebPushConfig | null> | null} */
let configP = null;
/** The server's web push configuration, or null when push is not configured. */
function config() {
  configP ??= get('/v1/push/web-config').then(c => (c.enabled && c.firebase && c.vapid_key ? c : null)).catch(() => null);
  return configP;
}

const supported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** Whether this browser has pushes on (a token registered). */
export const isOn = () => !!localStorage.getItem(KEY.token);

/**
 * Puts the offer into slot when it makes sense: logged in, push configured and supported, not on
 * yet, never declined, not blocked in the browser. The offer can be dismissed for good.
 * @param {HTMLElement} slot
 */
export async function offerInto(slot) {
  if (!supported() || !currentUser() || isOn() || localStorage.getItem(KEY.declined) || Notification.permission === 'denied') return;
  if (!(await config())) return;
  const msg = h('p', { role: 'status' });
  const yes = button(t('push.offer.yes'), async () => {
    yes.disabled = true;
    const how = await enable();
    if (how === 'on') put(box, h('p', { class: 'ok', role: 'status', id: 'push-on' }, t('push.offer.on')));
    else { put(msg, t(how === 'blocked' ? 'push.offer.blocked' : 'push.offer.failed')); yes.disabled = false; }
  }, { class: 'btn primary', id: 'push-yes' });
  const no = button(t('push.offer.no'), () => {
    localStorage.setItem(KEY.declined, '1');
    box.remove();
  }, { id: 'push-no' });
  const box = h('section', { class: 'card', id: 'push-offer', 'aria-labelledby': 'push-offer-title' },
    h('h3', { id: 'push-offer-title' }, t('push.offer.title')),
    h('p', null, t('push.offer.body')),
    msg,
    h('div', { class: 'actions' }, yes, no));
  put(slot, box);
}

/**
 * Asks the browser's permission, gets an FCM token and registers it.
 * @returns {Promise<'on' | 'blocked' | 'failed'>}
 */
export async function enable() {
  const cfg = await config();
  if (!cfg) return 'failed';
  if (await Notification.requestPermission() !== 'granted') return 'blocked';
  try {
    await remember(await token(cfg));
    return 'on';
  } catch {
    return 'failed';
  }
}

/**
 * The browser's FCM token. Tests set globalThis.motcuaPushTokenForTests (through DevTools, before
 * the page loads) because the real getToken must reach Google; everything else is the real path.
 * @param {WebPushConfig} cfg
 * @returns {Promise<string>}
 */
async function token(cfg) {
  const { fb, messaging } = await sdk(cfg);
  if (!(await fb.isSupported())) throw new Error('push unsupported');
  const options = { vapidKey: cfg.vapid_key, serviceWorkerRegistration: await navigator.serviceWorker.ready };
  const seam = /** @type {any} */ (globalThis).motcuaPushTokenForTests;
  return typeof seam === 'function' ? seam(options) : fb.getToken(messaging, options);
}

/** The bundled SDK, its app started with the server's config. @param {WebPushConfig} cfg */
async function sdk(cfg) {
  const fb = /** @type {Firebase} */ (await import(SDK));
  const f = /** @type {NonNullable<WebPushConfig['firebase']>} */ (cfg.firebase);
  const app = fb.getApps()[0] || fb.initializeApp({ apiKey: f.api_key, authDomain: f.auth_domain, projectId: f.project_id,
    appId: f.app_id, messagingSenderId: f.messaging_sender_id });
  return { fb, messaging: fb.getMessaging(app) };
}

/**
 * Registers tok as this browser's device (in the app's language) unless it already is, and
 * removes the token it replaces.
 * @param {string} tok
 */
async function remember(tok) {
  const old = localStorage.getItem(KEY.token);
  await keepLang();
  if (tok === old && localStorage.getItem(KEY.locale) === lang()) return;
  await post('/v1/me/devices', { token: tok, platform: 'web', locale: lang(), app_version: 'web' });
  localStorage.setItem(KEY.token, tok);
  localStorage.setItem(KEY.locale, lang());
  if (old && old !== tok) await call('DELETE', '/v1/me/devices/' + encodeURIComponent(old)).catch(() => {});
}

/** At start, when pushes are on: FCM may have given the browser a new token (it refreshes them). */
export async function refresh() {
  const cfg = await config();
  if (!cfg || !currentUser() || Notification.permission !== 'granted') return;
  try { await remember(await token(cfg)); } catch { /* offline or FCM unreachable: next start */ }
}

/** The language changed: the service worker and the server's device follow it. */
export async function langChanged() {
  const tok = localStorage.getItem(KEY.token);
  if (tok) await remember(tok).catch(() => {});
}

/** At log out (while still logged in): this browser stops getting the person's pushes. */
export async function stop() {
  const tok = localStorage.getItem(KEY.token);
  for (const k of [KEY.token, KEY.locale]) localStorage.removeItem(k);
  if (!tok) return;
  await call('DELETE', '/v1/me/devices/' + encodeURIComponent(tok)).catch(() => {});
  const cfg = await config();
  if (!cfg) return;
  try {
    const { fb, messaging } = await sdk(cfg);
    await fb.deleteToken(messaging);
  } catch { /* the server forgot the token already; the next person gets a fresh one */ }
}

/** Keeps the app's language where the service worker reads it (IndexedDB motcua-push, kv, "lang"). */
function keepLang() {
  return new Promise(resolve => {
    const r = indexedDB.open('motcua-push', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('kv');
    r.onerror = () => resolve(undefined);
    r.onsuccess = () => {
      const tx = r.result.transaction('kv', 'readwrite');
      tx.objectStore('kv').put(lang(), 'lang');
      tx.oncomplete = tx.onerror = () => { r.result.close(); resolve(undefined); };
    };
  });
}
