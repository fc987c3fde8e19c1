// Words on screen (COPY.md): Vietnamese is loaded with the app; English is fetched when chosen.
// Dates are said in the ward's time zone whatever the phone's setting.
import vi from './i18n/vi.js';

/** @typedef {typeof vi} Dict */
/** @typedef {keyof typeof vi} Key */

const TZ = 'Asia/Ho_Chi_Minh';
/** @type {'vi' | 'en'} */
let current = localStorage.getItem('motcua.lang') === 'en' ? 'en' : 'vi';
/** @type {Record<Key, string>} */
let dict = vi;

export const lang = () => current;

/** Loads the chosen language's words (English on demand). */
export async function loadLang() {
  dict = current === 'en' ? (await import('./i18n/en.js')).default : vi;
  document.documentElement.lang = current;
}

/** @param {'vi' | 'en'} l */
export async function setLang(l) {
  current = l;
  localStorage.setItem('motcua.lang', l);
  await loadLang();
}

/**
 * @param {Key} key
 * @param {Record<string, string | number>} [params] replaces {name}
 * @returns {string}
 */
export function t(key, params) {
  let s = /** @type {string} */ (dict[key] ?? vi[key] ?? key);
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll('{' + k + '}', String(v));
  return s;
}

/** A status label of a thing's lifecycle, e.g. st('dossier', 'received'). */
export function st(/** @type {'dossier' | 'pickup' | 'booking' | 'session' | 'shipment'} */ kind, /** @type {string} */ status) {
  const k = /** @type {Key} */ ((kind === 'booking' ? 'bstatus' : kind) + '.' + status);
  return k in vi ? t(k) : status;
}

/** @param {Date} d */
function parts(d) {
  /** @type {Record<string, string>} */
  const p = {};
  for (const x of new Intl.DateTimeFormat('en-GB', { timeZone: TZ, year: 'numeric', month: 'numeric', day: '2-digit',
    weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d)) p[x.type] = x.value;
  return p;
}

const WEEKDAYS_VI = { Monday: 'Thứ Hai', Tuesday: 'Thứ Ba', Wednesday: 'Thứ Tư', Thursday: 'Thứ Năm', Friday: 'Thứ Sáu', Saturday: 'Thứ Bảy', Sunday: 'Chủ Nhật' };

/** @param {string | Date} v an instant, or a date "2026-12-12" (read as that day in the ward) */
function toDate(v) {
  if (v instanceof Date) return v;
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(v + 'T12:00:00+07:00') : new Date(v);
}

/** "Thứ Bảy, ngày 12/12/2026" / "Saturday 12/12/2026" (COPY.md: no leading zero on the month). */
export function day(/** @type {string | Date} */ v) {
  const p = parts(toDate(v));
  const date = `${p.day}/${p.month}/${p.year}`;
  return current === 'vi' ? `${WEEKDAYS_VI[/** @type {keyof WEEKDAYS_VI} */ (p.weekday)]}, ngày ${date}` : `${p.weekday} ${date}`;
}

/** "08:00" */
export function time(/** @type {string | Date} */ v) {
  const p = parts(toDate(v));
  return `${p.hour}:${p.minute}`;
}

/** "12/12/2026 08:00" for lists of events. */
export function stamp(/** @type {string | Date} */ v) {
  const p = parts(toDate(v));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** The ward's calendar date "YYYY-MM-DD" of an instant. */
export function isoDay(/** @type {Date} */ d) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** "30.000 đồng", or the province's rule when the fee is not fixed (null). */
export function fee(/** @type {number | null | undefined} */ vnd) {
  if (vnd === null || vnd === undefined) return t('fee.byProvince');
  if (vnd === 0) return t('fee.free');
  return new Intl.NumberFormat('vi-VN').format(vnd) + (current === 'vi' ? ' đồng' : ' VND');
}
