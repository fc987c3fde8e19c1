// The one path from the app to the API: bearer token, Accept-Language, a single-flight token
// refresh shared by every caller (and every tab), an Idempotency-Key on each creating POST, and
// problem+json turned into one message plus a message per field. Every response's status is checked.
import { lang } from './i18n.js';

/** @typedef {import('../types/api').components['schemas']} S */
/** @typedef {S['User']} User */
/** @typedef {S['AuthResponse']} AuthResponse */
/** @typedef {S['Problem']} Problem */

/** An API failure with the server's message (in the reader's language) and one per field. */
export class ApiError extends Error {
  /**
   * @param {number} status 0 when the network is down
   * @param {string} code the problem's code ("offline" with no network)
   * @param {string} message
   * @param {Record<string, string>} fields field name → message
   */
  constructor(status, code, message, fields = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
  get offline() { return this.status === 0; }
}

const KEYS = { access: 'motcua.access', refresh: 'motcua.refresh', user: 'motcua.user' };

/** @returns {User | null} the person logged in on this phone */
export function currentUser() {
  try { return JSON.parse(localStorage.getItem(KEYS.user) || 'null'); } catch { return null; }
}

/** @param {AuthResponse} a */
export function saveLogin(a) {
  localStorage.setItem(KEYS.access, a.access_token);
  localStorage.setItem(KEYS.refresh, a.refresh_token);
  localStorage.setItem(KEYS.user, JSON.stringify(a.user));
}

export function forgetLogin() {
  for (const k of Object.values(KEYS)) localStorage.removeItem(k);
}

/** A random key for Idempotency-Key (crypto.randomUUID needs a secure context; a LAN address is not). */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
}

/** @type {Promise<boolean> | null} */
let refreshing = null;

/**
 * Refreshes the tokens at most once at a time: the server revokes the whole login family when a
 * refresh token is used twice, so concurrent 401s wait for the same refresh, and other tabs wait
 * on a Web Lock and then find the token already rotated.
 * @param {string} usedAccess the access token the failed call carried
 */
function refreshOnce(usedAccess) {
  if (!refreshing) {
    const run = () => doRefresh(usedAccess);
    refreshing = /** @type {Promise<boolean>} */ (navigator.locks ? navigator.locks.request('motcua-refresh', run) : run())
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** @param {string} usedAccess */
async function doRefresh(usedAccess) {
  if (localStorage.getItem(KEYS.access) !== usedAccess) return true; // another tab refreshed
  const token = localStorage.getItem(KEYS.refresh);
  if (!token) return false;
  let res;
  try {
    res = await fetch('/v1/auth/refresh', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': lang() },
      body: JSON.stringify({ refresh_token: token }),
    });
  } catch { return false; }
  if (!res.ok) { forgetLogin(); return false; }
  saveLogin(await res.json());
  return true;
}

/**
 * @typedef {object} CallOptions
 * @property {unknown} [body] sent as JSON
 * @property {string} [idempotencyKey] for a creating POST (one is made when absent)
 * @property {'json' | 'blob' | 'none' | 'response'} [as] how to read a successful body ('response': the Response itself, headers and all)
 */

/**
 * Calls the API and returns the parsed body, or throws an ApiError.
 * @param {'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} method
 * @param {string} path starting with /v1/
 * @param {CallOptions} [opt]
 * @returns {Promise<any>}
 */
export async function call(method, path, opt = {}) {
  /** @type {Record<string, string>} */
  const headers = { 'Accept-Language': lang(), Accept: 'application/json' };
  if (opt.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method === 'POST' && !path.startsWith('/v1/auth/')) headers['Idempotency-Key'] = opt.idempotencyKey || newKey();
  const send = async () => {
    const access = localStorage.getItem(KEYS.access) || '';
    if (access) headers.Authorization = 'Bearer ' + access; else delete headers.Authorization;
    let res;
    try {
      res = await fetch(path, { method, headers, body: opt.body === undefined ? undefined : JSON.stringify(opt.body) });
    } catch {
      throw new ApiError(0, 'offline', '');
    }
    return { res, access };
  };
  let { res, access } = await send();
  if (res.status === 401 && access && !path.startsWith('/v1/auth/') && await refreshOnce(access)) {
    ({ res } = await send());
  }
  if (!res.ok) throw await problem(res);
  if (res.status === 204 || opt.as === 'none') return null;
  if (opt.as === 'blob') return res.blob();
  if (opt.as === 'response') return res;
  return res.json();
}

/**
 * Reads a problem+json answer into an ApiError (any other body gives the status line).
 * @param {Response} res
 */
async function problem(res) {
  /** @type {Partial<Problem>} */
  let p = {};
  try { p = await res.json(); } catch { /* not JSON */ }
  /** @type {Record<string, string>} */
  const fields = {};
  for (const f of p.errors || []) fields[f.field] = f.message;
  return new ApiError(res.status, p.code || String(res.status), p.detail || p.title || res.statusText, fields);
}

export const get = (/** @type {string} */ path) => call('GET', path);
/**
 * A POST (creating calls carry an Idempotency-Key; pass one to resend the same action).
 * @param {string} path @param {unknown} [body] @param {string} [key]
 */
export function post(path, body, key) {
  return call('POST', path, { body, idempotencyKey: key });
}
