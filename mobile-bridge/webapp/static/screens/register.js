// Registration: province, ward and neighbourhood come from the API; the password rule is shown
// before anything is typed, and each field shows the server's own message.
import { get, post, saveLogin } from '../api.js';
import { t, lang } from '../i18n.js';
import { h, title, field, option, onSubmit, put } from '../view.js';
import { neighborhoods, activeOnly } from '../data.js';
import { go } from '../router.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function register() {
  /** @type {S['Ward'][]} */
  const wards = (await get('/v1/wards?limit=100')).items;
  const provinces = [...new Set(wards.map(w => w.province))].sort();
  const choose = () => option('', t('register.choose'));
  const form = h('form', { id: 'register-form', novalidate: true },
    field('full_name', t('register.name'), { autocomplete: 'name', required: true }),
    field('phone', t('phone'), { type: 'tel', autocomplete: 'tel', inputmode: 'tel', required: true }, t('register.phoneHint')),
    field('password', t('password'), { type: 'password', autocomplete: 'new-password', required: true }, t('register.rule')),
    field('province', t('register.province'), { tag: 'select', required: true,
      options: [choose(), ...provinces.map(p => option(p, p, provinces.length === 1))] }),
    field('ward_code', t('register.ward'), { tag: 'select', required: true, options: [choose()] }),
    field('neighborhood_id', t('register.neighborhood'), { tag: 'select', options: [choose()] }),
    h('button', { type: 'submit', class: 'btn primary' }, t('register.submit')));
  const sel = (/** @type {string} */ id) => /** @type {HTMLSelectElement} */ (form.querySelector('#' + id));
  const fillWards = () => {
    const list = wards.filter(w => w.province === sel('province').value);
    put(sel('ward_code'), choose(), ...list.map(w => option(w.code, w.name, list.length === 1)));
    void fillHoods();
  };
  const fillHoods = async () => {
    const ward = sel('ward_code').value;
    const list = ward ? activeOnly(await neighborhoods(ward)) : [];
    put(sel('neighborhood_id'), choose(), ...list.map(n => option(n.id, n.name)));
  };
  sel('province').addEventListener('change', fillWards);
  sel('ward_code').addEventListener('change', () => void fillHoods());
  fillWards();
  // The rule is checked as it is typed, so it is never first learned from a refusal: the rule
  // already shown turns red (same text, so nothing moves under the finger).
  const pw = /** @type {HTMLInputElement} */ (form.querySelector('#password'));
  const rule = /** @type {HTMLElement} */ (form.querySelector('#password-hint'));
  const check = () => {
    const ok = pw.value.length >= 8 && /\p{L}/u.test(pw.value) && /\d/.test(pw.value);
    rule.classList.toggle('broken', !ok && pw.value !== '');
    rule.classList.toggle('kept', ok);
  };
  pw.addEventListener('input', check);
  onSubmit(form, async v => {
    const a = await post('/v1/auth/register', { full_name: v.full_name, phone: v.phone, password: v.password, ward_code: v.ward_code,
      neighborhood_id: v.neighborhood_id || undefined, locale: lang() });
    saveLogin(a);
    // What the ward recorded for this phone is claimed only once the phone is proved (h-otp).
    go('/verify-phone');
  });
  return [title(t('register.title')), form];
}
