// Receiving a dossier at the counter (or at a neighbourhood session): the procedure found by a
// search that ignores diacritics, the applicant (an account found by phone, or a name and a
// phone), the documents handed in ticked from the procedure's list, how the result is collected;
// it ends on the printable receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả).
import { get, post, ApiError } from '../api.js';
import { t, fee } from '../i18n.js';
import { h, title, field, option, onSubmit, put, link, button, empty, failure } from '../view.js';
import { openReceipt } from './console-receipt.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** A phone's national digits (0912…, +84912… and 84912… are the same number). @param {string} p */
const national = p => p.replace(/\D/g, '').replace(/^84/, '').replace(/^0/, '');

/** @type {import('../router.js').Screen} */
export default async function intake({ user }) {
  const ward = user?.ward_code || '';
  /** @type {S['Procedure'] | null} */
  let chosen = null;
  /** @type {S['User'] | null} */
  let account = null;
  const results = h('div', { id: 'procedure-results', 'aria-live': 'polite' });
  const chosenBox = h('div', { id: 'procedure-chosen' });
  const docsBox = h('div', { id: 'docs-box' });
  const returnBox = h('div');
  const accountLine = h('p', { id: 'account-line', role: 'status', class: 'muted' });

  const showDocs = () => {
    if (!chosen) { put(docsBox); put(returnBox); return; }
    put(chosenBox, h('p', { class: 'card' }, h('strong', null, chosen.name), ' · ', chosen.code, ' · ', t('dossier.fee'), ': ', fee(chosen.fee_vnd)));
    put(docsBox, chosen.required_documents.length ? h('fieldset', null, h('legend', null, t('console.docsReceived')),
      h('p', { class: 'hint' }, t('intake.docsHint')),
      chosen.required_documents.map((x, i) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'doc', value: x, checked: true, id: 'doc-' + i }), x))) : null);
    const postal = chosen.channels.includes('postal_return');
    put(returnBox, field('return_method', t('intake.return'), { tag: 'select', options: [option('counter', t('return.counter')), postal ? option('postal', t('return.postal')) : null] }));
  };

  let seq = 0;
  const search = async (/** @type {string} */ q) => {
    const my = ++seq;
    try {
      /** @type {S['Procedure'][]} */
      const items = (await get(`/v1/procedures?ward_code=${encodeURIComponent(ward)}&limit=20${q ? '&q=' + encodeURIComponent(q) : ''}`)).items;
      if (my !== seq) return;
      put(results, items.length ? h('fieldset', null, h('legend', null, t('intake.pick')),
        items.map(p => h('label', { class: 'check' },
          h('input', { type: 'radio', name: 'procedure_id', value: p.id, checked: chosen?.id === p.id, onchange: () => { chosen = p; showDocs(); } }),
          p.name, ' ', h('span', { class: 'muted' }, '(' + p.code + ')')))) : empty(t('intake.noProcedure')));
    } catch (err) { put(results, failure(err)); }
  };
  /** @type {number | undefined} */
  let timer;
  const find = field('procedure_q', t('intake.find'), { type: 'search', autocomplete: 'off',
    oninput: (/** @type {Event} */ e) => { clearTimeout(timer); const v = /** @type {HTMLInputElement} */ (e.target).value.trim(); timer = window.setTimeout(() => void search(v), 250); } }, t('intake.findHint'));

  /** @type {Promise<void>} the account look-up under way (the form waits for it) */
  let looking = Promise.resolve();
  let looked = '';
  const lookUp = () => {
    const phone = /** @type {HTMLInputElement} */ (form.querySelector('#applicant_phone')).value;
    if (national(phone) === looked) return looking; // the same number: the answer stands
    looked = national(phone);
    looking = findAccount(phone);
    return looking;
  };
  const findAccount = async (/** @type {string} */ phone) => {
    account = null;
    if (national(phone).length < 9) { put(accountLine); return; }
    try {
      let cursor = '';
      for (let i = 0; i < 20 && !account; i++) {
        /** @type {S['UserList']} */
        const page = await get('/v1/users?role=citizen&active=true&limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
        account = page.items.find(u => national(u.phone) === national(phone)) || null;
        cursor = page.next_cursor || '';
        if (!cursor) break;
      }
      const name = /** @type {HTMLInputElement} */ (form.querySelector('#applicant_name'));
      if (account) { name.value = account.full_name; put(accountLine, t('intake.accountFound', { name: account.full_name })); }
      else put(accountLine, t('intake.noAccount'));
    } catch (err) { put(accountLine, failure(err)); }
  };

  const form = h('form', { id: 'intake-form', novalidate: true }, h('div', { class: 'console-grid' },
    h('section', { class: 'card', 'aria-labelledby': 'proc-h' }, h('h3', { id: 'proc-h' }, t('console.procedure')),
      find, results, chosenBox, h('p', { class: 'field-error', id: 'procedure_id-error' })),
    h('section', { class: 'card', 'aria-labelledby': 'app-h' }, h('h3', { id: 'app-h' }, t('intake.applicant')),
      field('applicant_phone', t('phone'), { type: 'tel', autocomplete: 'off', required: true, onchange: () => void lookUp() }, t('register.phoneHint')),
      h('p', null, button(t('intake.account'), () => void lookUp(), { id: 'find-account', class: 'btn inline' })),
      accountLine,
      field('applicant_name', t('intake.name'), { autocomplete: 'off', required: true, maxlength: 120 }))),
    h('section', { class: 'card', 'aria-labelledby': 'docs-h' }, h('h3', { id: 'docs-h' }, t('intake.docsSection')),
      docsBox,
      field('channel', t('intake.channel'), { tag: 'select', options: [option('counter', t('channel.counter')), option('saturday_session', t('channel.saturday_session'))] }),
      returnBox,
      field('note', t('console.note'), { tag: 'textarea', rows: 2, maxlength: 1000 })),
    h('button', { type: 'submit', class: 'btn primary' }, t('intake.submit')));
  const out = h('div', { id: 'intake-done' });
  onSubmit(form, async v => {
    await looking;
    if (!chosen) throw new ApiError(422, 'validation_failed', t('intake.chooseFirst'), { procedure_id: t('intake.chooseFirst') });
    /** @type {S['DossierInput']} */
    const body = { procedure_id: chosen.id, channel: /** @type {S['DossierChannel']} */ (v.channel || 'counter'),
      return_method: /** @type {S['ReturnMethod']} */ (v.return_method || 'counter'), note: v.note || undefined,
      documents_received: [...form.querySelectorAll('input[name=doc]:checked')].map(x => /** @type {HTMLInputElement} */ (x).value) };
    const phone = /** @type {HTMLInputElement} */ (form.querySelector('#applicant_phone')).value;
    if (account && national(account.phone) === national(phone)) body.applicant_id = account.id;
    else { body.applicant_name = v.applicant_name; body.applicant_phone = v.applicant_phone; }
    /** @type {S['Dossier']} */
    const d = await post('/v1/dossiers', body);
    form.hidden = true;
    const printBtn = button(t('dossier.receiptOpen'), () => void openReceipt(d.id, printBtn), { id: 'print-receipt', class: 'btn primary' });
    put(out, h('section', { class: 'card', 'aria-labelledby': 'done-h' },
      h('h3', { id: 'done-h', class: 'ok', role: 'status' }, t('intake.done', { code: d.code })),
      h('p', { class: 'row' }, printBtn, link('/console/dossiers/' + d.id, t('intake.open')), link('/console/intake', t('intake.again')))));
    await openReceipt(d.id, printBtn);
  });
  // Enter in the search box searches now, and in the phone box looks the account up: neither
  // sends the whole form before the officer has checked it.
  // (the form is sent by Enter's keypress, which some keyboards fire without a cancelled keydown)
  const enter = (/** @type {string} */ sel, /** @type {() => void} */ f) => {
    const el = form.querySelector(sel);
    el?.addEventListener('keydown', e => { if (/** @type {KeyboardEvent} */ (e).key === 'Enter') { e.preventDefault(); f(); } });
    el?.addEventListener('keypress', e => { if (/** @type {KeyboardEvent} */ (e).key === 'Enter') e.preventDefault(); });
  };
  enter('#procedure_q', () => { clearTimeout(timer); void search(/** @type {HTMLInputElement} */ (form.querySelector('#procedure_q')).value.trim()); });
  enter('#applicant_phone', () => void lookUp());
  void search('');
  return [title(t('intake.title')), form, out];
}
