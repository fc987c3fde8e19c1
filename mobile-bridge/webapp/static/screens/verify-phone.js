// Taking over what the ward recorded for the account's phone (h-otp): the phone is proved with
// a code texted to it (send → enter → what was claimed). Registering alone claims nothing.
import { post, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { h, title, field, onSubmit, link } from '../view.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function verifyPhone() {
  const status = h('p', { role: 'status', id: 'verify-status' });
  const result = h('div', { id: 'verify-result' });
  const later = h('p', null, link('/', t('verify.later')));

  const codeForm = /** @type {HTMLFormElement} */ (h('form', { id: 'verify-code-form', novalidate: true, hidden: true },
    field('code', t('verify.code'), { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, required: true }, t('verify.codeHint')),
    h('button', { type: 'submit', class: 'btn primary' }, t('verify.confirm'))));

  const sendForm = h('form', { id: 'verify-send-form', novalidate: true },
    h('button', { type: 'submit', class: 'btn primary', id: 'verify-send' }, t('verify.send')));
  onSubmit(/** @type {HTMLFormElement} */ (sendForm), async () => {
    try {
      /** @type {S['PhoneCodeSent']} */
      const sent = await post('/v1/me/phone-verification');
      status.textContent = t('verify.sent', { last3: sent.phone_tail });
      /** @type {HTMLButtonElement} */ (sendForm.querySelector('button')).textContent = t('verify.resend');
      /** @type {HTMLButtonElement} */ (sendForm.querySelector('button')).className = 'btn';
      codeForm.hidden = false;
      /** @type {HTMLInputElement} */ (codeForm.querySelector('#code')).focus();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'phone_already_verified') {
        sendForm.hidden = true;
        status.textContent = t('verify.already');
        return;
      }
      throw err;
    }
  });

  onSubmit(codeForm, async v => {
    /** @type {S['PhoneClaimed']} */
    const c = await post('/v1/me/phone-verification/confirm', { code: v.code });
    sendForm.hidden = true;
    codeForm.hidden = true;
    status.textContent = '';
    const none = c.dossiers + c.pickups + c.notifications === 0;
    result.replaceChildren(h('section', { class: 'card', 'aria-labelledby': 'verify-done' },
      h('h3', { id: 'verify-done', tabindex: '-1' }, t('verify.done')),
      none ? h('p', null, t('verify.nothing'))
        : h('ul', null,
          h('li', null, t('verify.dossiers', { n: c.dossiers })),
          h('li', null, t('verify.pickups', { n: c.pickups })),
          h('li', null, t('verify.messages', { n: c.notifications }))),
      h('p', null, link('/dossiers', t('verify.seeDossiers')))));
    later.hidden = true;
    /** @type {HTMLElement} */ (result.querySelector('#verify-done')).focus();
  });

  return [title(t('verify.title')), h('p', { class: 'lead' }, t('verify.intro')), sendForm, status, codeForm, result, later];
}
