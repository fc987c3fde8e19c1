// Check-in at a session: pick one of today's sessions, then scan the booking's QR (where the
// phone has BarcodeDetector) or type its 6-character code; people without a booking are
// received as walk-ins.
import { get, post } from '../api.js';
import { t, time, day } from '../i18n.js';
import { h, title, field, onSubmit, put, empty, link, button } from '../view.js';
import { dayFromNow } from '../data.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function checkin({ params, user }) {
  if (!user) return [];
  if (!params.id) {
    /** @type {S['Session'][]} */
    // Today's sessions first; the coming week's follow (a phone's date may be off, and a
    // volunteer prepares ahead) — the server refuses a check-in outside the session's hours.
    const list = (await get(`/v1/sessions?ward_code=${user.ward_code}&from=${dayFromNow(0)}&to=${dayFromNow(7)}&status=scheduled&limit=50`)).items
      .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
    const mine = list.filter(s => s.staff_ids.includes(user.id));
    return [title(t('checkin.title')), h('h3', null, t('checkin.pick')),
      list.length ? h('ul', { class: 'list' }, (mine.length ? mine : list).map(s => h('li', null,
        h('a', { href: '/checkin/' + s.id, class: 'btn', 'data-session': s.id }, day(s.date), ' · ', time(s.starts_at), '–', time(s.ends_at), ' · ', s.venue))))
        : empty(t('checkin.none'))];
  }
  /** @type {S['Session']} */
  const s = await get('/v1/sessions/' + params.id);
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { id: 'checkin-form', novalidate: true },
    field('code', t('checkin.code'), { required: true, autocapitalize: 'characters', maxlength: 6, autocomplete: 'off' }),
    h('button', { type: 'submit', class: 'btn primary' }, t('checkin.submit')));
  const codeInput = /** @type {HTMLInputElement} */ (form.querySelector('#code'));
  onSubmit(form, async v => {
    /** @type {S['Booking']} */
    const b = await post(`/v1/sessions/${s.id}/check-ins`, { code: v.code.toUpperCase() });
    put(out, h('p', { class: 'ok', id: 'msg' }, t('checkin.done', { code: b.code })));
    codeInput.value = '';
    codeInput.focus();
  });
  const walkin = h('form', { id: 'walkin-form', novalidate: true },
    field('name', t('checkin.walkinName'), { required: true }),
    field('phone', t('phone'), { type: 'tel' }),
    h('button', { type: 'submit', class: 'btn' }, t('checkin.walkinSubmit')));
  onSubmit(walkin, async v => {
    await post(`/v1/sessions/${s.id}/check-ins`, { name: v.name, phone: v.phone || undefined });
    put(out, h('p', { class: 'ok', id: 'msg' }, t('checkin.walkinDone', { name: v.name })));
    walkin.reset();
  });
  return [title(t('checkin.title')), h('p', { class: 'big' }, time(s.starts_at), '–', time(s.ends_at), ' · ', s.venue),
    'BarcodeDetector' in window ? scanner(codeInput, form) : null, form, out,
    h('details', null, h('summary', null, t('checkin.walkin')), walkin), link('/checkin', t('checkin.pick'))];
}

/** The camera reads the booking's QR and fills the code. */
function scanner(/** @type {HTMLInputElement} */ input, /** @type {HTMLFormElement} */ form) {
  const video = h('video', { playsinline: true, muted: true, class: 'scan', hidden: true });
  const start = async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    // @ts-ignore BarcodeDetector is not in TypeScript's DOM library yet
    const det = new window.BarcodeDetector({ formats: ['qr_code'] });
    const tick = async () => {
      if (!video.isConnected) { stream.getTracks().forEach(x => x.stop()); return; }
      const found = await det.detect(video).catch(() => []);
      const m = found[0] && String(found[0].rawValue).match(/[A-Z0-9]{6}$/i);
      if (m) { input.value = m[0]; stream.getTracks().forEach(x => x.stop()); video.hidden = true; form.requestSubmit(); return; }
      requestAnimationFrame(() => void tick());
    };
    void tick();
  };
  return h('div', null, button(t('checkin.scan'), () => void start().catch(() => {})), video);
}
