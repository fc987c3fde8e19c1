// The volunteer's phone works with no signal: the task list and the procedures are kept in
// IndexedDB, and every action is queued with its Idempotency-Key and sent in order when the
// network is there (the server replays a key it already applied, so a resend is harmless).
import { call, ApiError, newKey } from './api.js';

/**
 * @typedef {object} Action
 * @property {number} [seq] order of taking (IndexedDB key)
 * @property {string} key the Idempotency-Key, fixed when the action is taken
 * @property {'POST'} method
 * @property {string} path
 * @property {unknown} body
 * @property {string} label what the volunteer did, for the conflict line
 * @property {string} at ISO time taken
 */

/** @type {Promise<IDBDatabase> | null} */
let dbp = null;
function db() {
  dbp ??= new Promise((resolve, reject) => {
    const r = indexedDB.open('motcua', 1);
    r.onupgradeneeded = () => {
      r.result.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
      r.result.createObjectStore('kv');
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  return dbp;
}

/**
 * @template T
 * @param {'queue' | 'kv'} store
 * @param {IDBTransactionMode} mode
 * @param {(s: IDBObjectStore) => IDBRequest<T>} f
 * @returns {Promise<T>}
 */
async function tx(store, mode, f) {
  const d = await db();
  return new Promise((resolve, reject) => {
    const r = f(d.transaction(store, mode).objectStore(store));
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** Keeps a value on the phone. @param {string} k @param {unknown} v */
export const keep = (k, v) => tx('kv', 'readwrite', s => s.put(v, k));
/** A kept value (undefined if none). @param {string} k @returns {Promise<any>} */
export const kept = k => tx('kv', 'readonly', s => s.get(k));

/** @returns {Promise<number>} actions waiting to be sent */
export async function pending() {
  try { return await tx('queue', 'readonly', s => s.count()); } catch { return 0; }
}

/** @returns {Promise<Action[]>} */
export const waiting = () => tx('queue', 'readonly', s => s.getAll());

/** @type {(() => void)[]} */
const listeners = [];
export const onQueue = (/** @type {() => void} */ f) => listeners.push(f);
const changed = () => listeners.forEach(f => f());

/** @typedef {{action: Action, message: string}} Conflict an action the server refused on replay */
/** @type {Conflict[]} refused during this page's life (kept on the phone too, until read) */
const conflicts = [];

/** @returns {Promise<Conflict[]>} refusals not yet acknowledged by the volunteer */
export async function refused() {
  return (await kept('conflicts')) || [];
}

/** The volunteer has read the refusals. */
export const acknowledge = () => keep('conflicts', []);

/** @type {Promise<void> | null} */
let replaying = null;

/** Sends the queue in order; stops at the first network failure, keeps the rest. */
export function replay() {
  replaying ??= (async () => {
    for (;;) {
      const [next] = await tx('queue', 'readonly', s => s.getAll(null, 1));
      if (!next) break;
      try {
        await call(next.method, next.path, { body: next.body, idempotencyKey: next.key });
      } catch (err) {
        if (err instanceof ApiError && (err.offline || err.status >= 500 || err.status === 401)) break;
        // The task moved on meanwhile (reassigned, cancelled): the action is dropped and said.
        const c = { action: next, message: err instanceof ApiError ? err.message : String(err) };
        conflicts.push(c);
        await keep('conflicts', [...await refused(), c]);
      }
      await tx('queue', 'readwrite', s => s.delete(/** @type {number} */ (next.seq)));
      changed();
    }
  })().finally(() => { replaying = null; changed(); });
  return replaying;
}

/**
 * Takes an action: queued first (so the order holds), then sent if the network allows.
 * @param {string} path
 * @param {unknown} body
 * @param {string} label
 * @returns {Promise<'sent' | 'queued'>} or throws the server's refusal
 */
export async function act(path, body, label) {
  /** @type {Action} */
  const a = { key: newKey(), method: 'POST', path, body, label, at: new Date().toISOString() };
  await tx('queue', 'readwrite', s => s.add(a));
  changed();
  const before = conflicts.length;
  if (navigator.onLine) await replay();
  const mine = conflicts.slice(before).find(c => c.action.key === a.key);
  if (mine) throw new ApiError(409, 'conflict', mine.message);
  const left = await waiting();
  return left.some(x => x.key === a.key) ? 'queued' : 'sent';
}
