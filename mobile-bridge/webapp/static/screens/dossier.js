// One dossier: status, due date, timeline, the receipt (a snapshot taken at intake), the result
// by post with the fee quoted before anything is asked, and the rating once returned.
import { get, post, ApiError } from '../api.js';
import { t, st, day, stamp, fee } from '../i18n.js';
import { h, title, field, onSubmit, put, button } from '../view.js';

/** @typedef {import('../../types/api').components['schemas']} S */

const OPEN = ['received', 'in_review', 'supplement_requested', 'approved', 'result_ready'];

/** @type {import('../router.js').Screen} */
export default async function dossier({ params, user }) {
  /** @type {S['DossierDetail']} */
  const d = await get('/v1/dossiers/' + params.id);
  /** @type {S['Receipt'] | null} */
  const receipt = d.received_at ? await get(`/v1/dossiers/${d.id}/receipt`).catch(() => null) : null;
  return [title(d.procedure_name),
    h('section', { class: 'card', id: 'dossier-head' },
      h('p', null, t('dossier.code'), ': ', h('strong', { class: 'dossier-code' }, d.code)),
      h('p', null, h('span', { class: 'badge s-' + d.status }, st('dossier', d.status)), d.overdue ? h('span', { class: 'badge late' }, t('dossier.overdue')) : null),
      h('p', null, t('dossier.due'), ': ', d.due_at ? day(d.due_at) : t('dossier.notYet'))),
    h('section', { class: 'card' }, h('h3', null, t('dossier.timeline')),
      h('ol', { class: 'timeline' }, d.events.map(e => h('li', null,
        h('span', { class: 'when' }, stamp(e.at)), ' ', st('dossier', e.to), e.note ? h('span', { class: 'muted' }, ' — ', e.note) : null)))),
    receipt ? h('section', { class: 'card', id: 'receipt' }, h('h3', null, t('dossier.receipt')),
      h('p', null, receipt.office_name),
      h('p', null, t('dossier.fee'), ': ', fee(receipt.fee_vnd)),
      h('p', null, t('dossier.due'), ': ', day(receipt.due_at)),
      receipt.documents_received.length ? [h('p', null, t('dossier.docs'), ':'), h('ul', null, receipt.documents_received.map(x => h('li', null, x)))] : null)
      : null,
    user?.role === 'citizen' && OPEN.includes(d.status) && d.return_method === 'counter' ? postal(d, user) : null,
    d.status === 'returned' && user?.role === 'citizen' ? await rating(d) : null];
}

/** Postal return: the province first, then the fee, then the address. */
function postal(/** @type {S['Dossier']} */ d, /** @type {import('../api.js').User} */ user) {
  const box = h('section', { class: 'card', id: 'postal' }, h('h3', null, t('postal.title')));
  const quote = h('form', { id: 'quote-form', novalidate: true },
    field('province', t('postal.province'), { required: true, autocomplete: 'address-level1' }),
    h('button', { type: 'submit', class: 'btn' }, t('postal.quote')));
  const rest = h('div');
  onSubmit(quote, async v => {
    /** @type {S['ShipmentQuote']} */
    const q = await get(`/v1/dossiers/${d.id}/shipment/quote?province=${encodeURIComponent(v.province)}`);
    const form = h('form', { id: 'post-form', novalidate: true },
      h('p', { class: 'big', id: 'quote' }, t('postal.fee', { fee: fee(q.fee_vnd) })),
      q.cod_available ? h('p', null, t('postal.cod')) : null,
      field('recipient_name', t('postal.recipient'), { required: true, value: user.full_name, autocomplete: 'name' }),
      field('recipient_phone', t('postal.phone'), { type: 'tel', required: true, value: user.phone, autocomplete: 'tel' }),
      field('ward', t('postal.ward'), { required: true }),
      field('street', t('postal.street'), { required: true, autocomplete: 'street-address' }),
      h('button', { type: 'submit', class: 'btn primary' }, t('postal.submit')));
    onSubmit(form, async w => {
      /** @type {S['Shipment']} */
      const s = await post(`/v1/dossiers/${d.id}/shipment`, { ...w, province: v.province });
      put(rest, h('p', { class: 'ok', role: 'status', id: 'msg' }, t('postal.done', { fee: fee(s.fee_vnd) })));
    });
    put(rest, form);
  });
  box.append(quote, rest);
  return box;
}

/** The citizen's 1–5 rating of a returned dossier (once). */
async function rating(/** @type {S['Dossier']} */ d) {
  const box = h('section', { class: 'card', id: 'rating' }, h('h3', null, t('rating.title')));
  /** @type {S['DossierRating'] | null} */
  const r = await get(`/v1/dossiers/${d.id}/rating`).catch(e => { if (e instanceof ApiError && e.status === 404) return null; throw e; });
  if (r) { box.append(h('p', null, t('rating.thanks', { n: r.score }))); return box; }
  box.append(stars(async (score, comment) => {
    /** @type {S['DossierRating']} */
    const x = await post(`/v1/dossiers/${d.id}/rating`, { score, comment: comment || undefined });
    put(box, h('h3', null, t('rating.title')), h('p', { role: 'status' }, t('rating.thanks', { n: x.score })));
  }));
  return box;
}

/**
 * Five large buttons and a comment box.
 * @param {(score: number, comment: string) => Promise<void>} send
 */
export function stars(send) {
  const form = h('form', { class: 'rating', novalidate: true },
    h('p', null, t('rating.ask')),
    field('comment', t('rating.comment'), { tag: 'textarea', rows: 2 }),
    h('div', { class: 'stars', role: 'group', 'aria-label': t('rating.ask') },
      [1, 2, 3, 4, 5].map(n => button(n + ' ★', () => void submit(n), { 'aria-label': t('rating.star', { n }), 'data-rate': n }))));
  const submit = async (/** @type {number} */ n) => {
    try { await send(n, /** @type {HTMLTextAreaElement} */ (form.querySelector('textarea')).value.trim()); }
    catch (err) { (await import('../view.js')).showError(form, err); }
  };
  form.addEventListener('submit', e => e.preventDefault());
  return form;
}
