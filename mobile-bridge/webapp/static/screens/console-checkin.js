// The console's check-in desk for one session (desktop, keyboard first): a handheld USB QR
// scanner types the booking's QR into the code field and ends with Enter, or an officer types
// the code; "Quét bằng camera" reads the QR with the laptop's camera. The person's name and slot
// are shown large, with a written (never a sound) success or failure; walk-ins as on the
// session's page.
import { get, post, ApiError } from '../api.js';
import { t, day, time } from '../i18n.js';
import { h, title, field, put, link, button } from '../view.js';
import { procedures, opsNav, nationalPhone, walkInForm } from './console-kit.js';

/** @typedef {import('../../types/api').components['schemas']} S */

// A booking code: 6 characters of the codes' alphabet (no I, L, O, U).
const CODE = /([0-9A-HJKMNP-TV-Z]{6})$/;

/**
 * The booking code in what a scanner or a person typed: the citizen's QR carries the code itself
 * (GET /v1/bookings/{id}/qr.png); a link or label that ends with the code is read the same way.
 * @param {string} raw
 */
export function codeFrom(raw) {
  const s = raw.trim().toUpperCase().replace(/\s+/g, '');
  const m = CODE.exec(s);
  return m ? m[1] : s;
}

/** @type {import('../router.js').Screen} */
export default async function consoleCheckin({ params, user }) {
  if (!user) return [];
  const id = params.id;
  /** @type {[S['Session'], S['Procedure'][]]} */
  const [s, procs] = await Promise.all([get('/v1/sessions/' + id), procedures(user.ward_code)]);
  /** @type {Map<string, S['Booking']>} by code */
  let known = new Map();
  const refresh = async () => {
    /** @type {S['Booking'][]} */
    const items = (await get(`/v1/sessions/${id}/bookings`)).items;
    known = new Map(items.map(b => [b.code, b]));
    put(recent, items.filter(b => b.checked_in_at).sort((a, b) => String(b.checked_in_at).localeCompare(String(a.checked_in_at)))
      .slice(0, 8).map(b => h('li', null, h('span', null, time(/** @type {string} */ (b.checked_in_at)), ' · ', b.name || b.code),
        h('span', { class: 'muted' }, b.slot_starts_at ? time(b.slot_starts_at) : t('console.session.walkIn')))));
    return items;
  };
  const recent = h('ul', { class: 'list', id: 'desk-recent' });
  const result = h('div', { id: 'desk-result', class: 'desk-result', role: 'status', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, t('desk.waiting')));
  /** @param {S['Booking']} b @param {boolean} again */
  const shown = (b, again) => {
    const slot = b.slot_starts_at ? t('desk.slot', { time: time(b.slot_starts_at) }) : t('console.session.walkIn');
    put(result, h('p', { class: 'desk-ok', id: 'desk-outcome' }, again ? t('desk.again', { time: time(/** @type {string} */ (b.checked_in_at)) }) : t('desk.ok')),
      h('p', { class: 'desk-name', id: 'desk-name' }, b.name || b.code),
      h('p', { class: 'desk-slot', id: 'desk-slot' }, slot, ' · ', t('booking.code'), ' ', h('span', { class: 'mono' }, b.code),
        b.phone ? ' · ' + nationalPhone(b.phone) : ''));
    result.classList.remove('failed');
  };
  const failed = (/** @type {string} */ code, /** @type {unknown} */ err) => {
    const why = err instanceof ApiError ? (err.offline ? t('offline') : Object.values(err.fields)[0] || err.message) : String(err);
    put(result, h('p', { class: 'desk-fail', id: 'desk-outcome' }, t('desk.fail', { code })), h('p', { class: 'desk-why' }, why));
    result.classList.add('failed');
  };

  const form = h('form', { id: 'desk-form', class: 'desk-form', novalidate: true },
    field('desk-code', t('desk.code'), { autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 120, class: 'mono desk-input' }, t('desk.codeHint')),
    h('button', { type: 'submit', class: 'btn primary' }, t('checkin.submit')));
  const input = /** @type {HTMLInputElement} */ (form.querySelector('#desk-code'));
  /** Checks one code in and says the outcome. */
  const checkOne = async (/** @type {string} */ code) => {
    try {
      const again = known.get(code)?.status === 'checked_in';
      /** @type {S['Booking']} */
      const b = await post(`/v1/sessions/${id}/check-ins`, { code });
      const items = await refresh().catch(() => []);
      shown(items.find(x => x.id === b.id) || b, again);
    } catch (err) {
      failed(code, err);
    } finally {
      // Back to the scanner's field, unless the officer is typing a walk-in meanwhile.
      if (!walkin.contains(document.activeElement)) input.focus();
    }
  };
  // The field is emptied at once for the next person; scans made while one is still being sent
  // wait their turn, in order.
  let queue = Promise.resolve();
  const checkIn = (/** @type {string} */ raw) => {
    const code = codeFrom(raw);
    if (code) queue = queue.then(() => checkOne(code));
  };
  form.addEventListener('submit', e => { e.preventDefault(); const raw = input.value; input.value = ''; checkIn(raw); });
  // A scanner types wherever the focus is: keys typed outside any control go to the code field.
  const redirect = (/** @type {KeyboardEvent} */ e) => {
    if (!input.isConnected) { document.removeEventListener('keydown', redirect); return; }
    const el = /** @type {HTMLElement} */ (e.target);
    if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey || el.closest?.('input, textarea, select, [contenteditable]')) return;
    input.focus();
  };
  document.addEventListener('keydown', redirect);

  const cam = camera(code => void checkIn(code));
  const walkin = walkInForm(id, procs, async (b, v) => {
    const items = await refresh().catch(() => []);
    shown(items.find(x => x.id === b.id) || { ...b, name: v.name }, false);
    walkin.reset();
    input.focus();
  });
  await refresh();
  // After the router has placed the screen (and focused its heading): the scanner types here.
  setTimeout(() => input.focus(), 0);
  const open = s.status === 'scheduled';
  return [opsNav('/console/sessions'), link('/console/sessions/' + id, '← ', t('desk.back')),
    title(t('desk.title')),
    h('p', { class: 'big' }, day(s.date), ' · ', `${time(s.starts_at)}–${time(s.ends_at)} · `, s.venue),
    open ? null : h('p', { class: 'form-error' }, t('desk.closed')),
    h('div', { class: 'console-cols' },
      h('section', { class: 'card', 'aria-labelledby': 'desk-h' }, h('h3', { id: 'desk-h' }, t('desk.scanTitle')), form, cam,
        h('details', null, h('summary', null, t('checkin.walkin')), walkin)),
      h('section', { 'aria-labelledby': 'res-h' }, h('h3', { id: 'res-h' }, t('desk.result')), result,
        h('h3', null, t('desk.recent')), recent))];
}

/**
 * The camera's QR reader: the browser's BarcodeDetector where it has one, else the vendored
 * jsQR, loaded only when the camera is first used (the app's first load does not carry it).
 * @param {(code: string) => void} found
 */
function camera(found) {
  const video = h('video', { class: 'scan', hidden: true, muted: true, playsinline: true, 'aria-label': t('desk.cameraView') });
  const state = h('p', { class: 'hint', id: 'camera-state', role: 'status' });
  /** @type {MediaStream | null} */
  let stream = null;
  const stop = () => {
    stream?.getTracks().forEach(x => x.stop());
    stream = null;
    video.hidden = true;
    stopBtn.hidden = true;
    startBtn.hidden = false;
  };
  const start = async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
      put(state, t('desk.noCamera'));
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    startBtn.hidden = true;
    stopBtn.hidden = false;
    put(state, t('desk.cameraOn'));
    await video.play();
    const read = await reader(video);
    const mine = stream;
    const tick = async () => {
      if (stream !== mine || !video.isConnected) { if (!video.isConnected) stop(); return; }
      const text = await read().catch(() => null);
      if (text) {
        stop();
        put(state, '');
        found(codeFrom(text));
        return;
      }
      setTimeout(() => void tick(), 150);
    };
    void tick();
  };
  const startBtn = button(t('desk.camera'), () => void start(), { id: 'camera-start' });
  const stopBtn = button(t('desk.cameraStop'), stop, { id: 'camera-stop', hidden: true });
  return h('div', { class: 'desk-camera' }, startBtn, stopBtn, state, video);
}

/** @typedef {(data: Uint8ClampedArray, w: number, h: number, o?: object) => ({data: string} | null)} JsQR */

/** @type {Promise<JsQR> | null} */
let jsqr = null;

/** Loads the vendored jsQR once (a classic script: it defines window.jsQR). */
function loadJsQR() {
  jsqr ||= new Promise((ok, fail) => {
    const s = h('script', { src: '/app/vendor/jsQR.min.js' });
    s.addEventListener('load', () => ok(/** @type {any} */ (window).jsQR));
    s.addEventListener('error', () => { jsqr = null; fail(new Error('jsQR')); });
    document.head.append(s);
  });
  return jsqr;
}

/**
 * A function that reads one QR text from the video's current frame (null: none seen).
 * @param {HTMLVideoElement} video @returns {Promise<() => Promise<string | null>>}
 */
async function reader(video) {
  const W = /** @type {any} */ (window);
  if ('BarcodeDetector' in W) {
    try {
      if ((await W.BarcodeDetector.getSupportedFormats()).includes('qr_code')) {
        const det = new W.BarcodeDetector({ formats: ['qr_code'] });
        video.dataset.decoder = 'native';
        return async () => { const r = await det.detect(video); return r[0] ? String(r[0].rawValue) : null; };
      }
    } catch { /* fall back to jsQR */ }
  }
  const decode = await loadJsQR();
  video.dataset.decoder = 'jsqr';
  const canvas = h('canvas');
  const g = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d', { willReadFrequently: true }));
  return async () => {
    const w = video.videoWidth, ht = video.videoHeight;
    if (!w || !ht) return null;
    canvas.width = w;
    canvas.height = ht;
    g.drawImage(video, 0, 0, w, ht);
    const r = decode(g.getImageData(0, 0, w, ht).data, w, ht, { inversionAttempts: 'dontInvert' });
    return r ? r.data : null;
  };
}
