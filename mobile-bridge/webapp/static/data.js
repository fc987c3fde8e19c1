// Reads several screens share (kept small: each is one API call).
import { get } from './api.js';

/** @typedef {import('../types/api').components['schemas']} S */

/** @type {Map<string, Promise<S['Neighborhood'][]>>} */
const hoods = new Map();
/** A ward's neighbourhoods (asked once per page load). @param {string} ward */
export function neighborhoods(ward) {
  if (!hoods.has(ward)) {
    const p = get(`/v1/wards/${encodeURIComponent(ward)}/neighborhoods`).then(r => /** @type {S['NeighborhoodList']} */ (r).items);
    p.catch(() => hoods.delete(ward));
    hoods.set(ward, p);
  }
  return /** @type {Promise<S['Neighborhood'][]>} */ (hoods.get(ward));
}

/** Drops the ward's neighbourhoods read earlier (the admin changed them). @param {string} ward */
export function forgetNeighborhoods(ward) { hoods.delete(ward); }

/** The neighbourhoods that take new sessions and pickups (a deactivated one only names history). */
export const activeOnly = (/** @type {S['Neighborhood'][]} */ xs) => xs.filter(n => n.active);

/** @type {Map<string, Promise<S['Session']>>} */
const sessions = new Map();
/** @param {string} id @returns {Promise<S['Session']>} */
export function session(id) {
  if (!sessions.has(id)) sessions.set(id, get('/v1/sessions/' + id));
  return /** @type {Promise<S['Session']>} */ (sessions.get(id));
}

/** The ward's calendar date "YYYY-MM-DD" n days from now. */
export function dayFromNow(/** @type {number} */ n) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + n * 86400000));
}
