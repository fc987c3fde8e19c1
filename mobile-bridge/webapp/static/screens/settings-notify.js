// How the signed-in person wants to be told: the order of the channels (the app, Zalo, SMS)
// and whether Zalo or SMS may be used at all. Kept by the account's phone on the server.
import { get, call, currentUser } from '../api.js';
import { t } from '../i18n.js';
import { h, title, button, showError, link } from '../view.js';

/** @typedef {import('../../types/api').components['schemas']} S */
/** @typedef {S['NotifyChannel']} Channel */

/** @type {Record<Channel, import('../i18n.js').Key>} */
const NAMES = { push: 'notify.push', zns: 'notify.zns', sms: 'notify.sms' };

/** @type {import('../router.js').Screen} */
export default async function settingsNotify() {
  /** @type {S['NotificationPreferences']} */
  const prefs = await get('/v1/me/notification-preferences');
  /** @type {Channel[]} */
  const order = [...prefs.order];
  const list = h('ol', { class: 'list', id: 'notify-order', 'aria-labelledby': 'notify-order-label' });
  const status = h('p', { class: 'muted', role: 'status', id: 'notify-status' });

  /** Moves channel i by step and keeps the focus on the button pressed (now at its new place). */
  function move(/** @type {number} */ i, /** @type {number} */ step, /** @type {string} */ focusId) {
    const j = i + step;
    if (j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j], order[i]];
    draw();
    status.textContent = t('notify.moved', { name: t(NAMES[order[j]]), n: j + 1 });
    const again = /** @type {HTMLElement | null} */ (document.getElementById(focusId.replace(/-\d$/, '-' + j)));
    (again && !(/** @type {HTMLButtonElement} */ (again).disabled) ? again : list).focus();
  }

  function draw() {
    list.replaceChildren(...order.map((c, i) => h('li', { class: 'card row spread' },
      h('span', { class: 'big' }, String(i + 1), '. ', t(NAMES[c])),
      h('span', { class: 'row' },
        button(t('notify.up'), () => move(i, -1, 'notify-up-' + i),
          { id: 'notify-up-' + i, disabled: i === 0, 'aria-label': t('notify.upFor', { name: t(NAMES[c]) }) }),
        button(t('notify.down'), () => move(i, 1, 'notify-down-' + i),
          { id: 'notify-down-' + i, disabled: i === order.length - 1, 'aria-label': t('notify.downFor', { name: t(NAMES[c]) }) })))));
  }
  draw();

  const zns = h('input', { type: 'checkbox', id: 'notify-zns', checked: !prefs.zns_opt_out });
  const sms = h('input', { type: 'checkbox', id: 'notify-sms', checked: !prefs.sms_opt_out });
  const form = h('form', { novalidate: true },
    h('p', { class: 'lead' }, t('notify.intro', { last3: prefs.phone_last3 })),
    h('h3', { id: 'notify-order-label' }, t('notify.order')),
    h('p', { class: 'hint' }, t('notify.orderHint')),
    list,
    h('fieldset', null, h('legend', null, t('notify.allow')),
      h('label', { class: 'check', for: 'notify-zns' }, zns, t('notify.allowZns')),
      h('label', { class: 'check', for: 'notify-sms' }, sms, t('notify.allowSms')),
      h('p', { class: 'hint' }, t('notify.inboxStays'))),
    status,
    h('button', { type: 'submit', class: 'btn primary' }, t('notify.save')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const btn = /** @type {HTMLButtonElement} */ (form.querySelector('button[type=submit]'));
    btn.disabled = true;
    try {
      /** @type {S['NotificationPreferencesInput']} */
      const body = { order, zns_opt_out: !zns.checked, sms_opt_out: !sms.checked };
      await call('PUT', '/v1/me/notification-preferences', { body });
      form.querySelector('.form-error')?.remove();
      status.textContent = t('notify.saved');
    } catch (err) {
      showError(form, err);
    } finally {
      btn.disabled = false;
    }
  });
  // h-otp: a citizen proves the phone to take over what the ward recorded for it
  const claim = currentUser()?.role === 'citizen' ? h('p', null, link('/verify-phone', t('verify.title'))) : null;
  return [title(t('notify.title')), form, claim];
}
