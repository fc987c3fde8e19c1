// The volunteer's tasks and their procedures, kept on the phone so the list opens with no
// signal; an action taken offline changes the kept copy at once and is queued for the server.
import { get, ApiError } from './api.js';
import { keep, kept } from './queue.js';

/** @typedef {import('../types/api').components['schemas']} S */
/** @typedef {{items: S['Pickup'][], at: string, offline: boolean}} Tasks */

/** @returns {Promise<Tasks>} fresh from the server, or the kept copy when there is no network */
export async function loadTasks() {
  try {
    /** @type {S['PickupList']} */
    const list = await get('/v1/pickups?limit=100');
    const at = new Date().toISOString();
    await keep('tasks', { items: list.items, at });
    await Promise.all([...new Set(list.items.map(p => p.procedure_id).filter(Boolean))].map(id => procedure(/** @type {string} */ (id))));
    return { items: list.items, at, offline: false };
  } catch (err) {
    const k = await kept('tasks');
    if (err instanceof ApiError && err.offline && k) return { ...k, offline: true };
    throw err;
  }
}

/** A procedure (name, required documents), kept on the phone. @param {string} id @returns {Promise<S['Procedure'] | undefined>} */
export async function procedure(id) {
  const k = await kept('proc:' + id);
  if (k) return k;
  try {
    const p = await get('/v1/procedures/' + id);
    await keep('proc:' + id, p);
    return p;
  } catch { return undefined; }
}

/** Records on the kept copy what the volunteer just did (so the next screen shows it offline). */
export async function applyLocally(/** @type {string} */ id, /** @type {Partial<S['Pickup']>} */ patch) {
  /** @type {Tasks | undefined} */
  const k = await kept('tasks');
  if (!k) return;
  k.items = k.items.map(p => p.id === id ? { ...p, ...patch } : p);
  await keep('tasks', k);
}
