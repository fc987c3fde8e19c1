// One dossier in the console: what it is, its timeline, and every move the rules allow from its
// current state, each with the fields the rules require (Nghị định 61/2018/NĐ-CP, kept by
// 118/2025/NĐ-CP: the reason of a refusal or of a request for supplement is given in writing;
// an overdue result needs an apology letter with a new date, sent before the due date). The
// server decides: a refusal is shown as it says it.
import { get, post, call, ApiError } from '../api.js';
import { t, st, day, stamp } from '../i18n.js';
import { h, title, field, onSubmit, put, button } from '../view.js';
import { render } from '../router.js';
import { openReceipt } from './console-receipt.js';

/** @typedef {import('../../types/api').components['schemas']} S */
/** @typedef {S['DossierStatus']} State */

/** The officer's moves from each state (the contract's transitions, withdrawn is the citizen's). */
const MOVES = /** @type {Record<State, State[]>} */ ({
  submitted: ['received', 'refused_at_intake'], received: ['in_review'],
  in_review: ['supplement_requested', 'approved', 'rejected'], supplement_requested: ['in_review'],
  approved: ['result_ready'], result_ready: ['returned'],
  refused_at_intake: [], returned: [], rejected: [], withdrawn: [],
});
/** Moves whose reason the applicant receives (422 reason_required without it). */
const NEEDS_REASON = ['refused_at_intake', 'supplement_requested', 'rejected'];
/** States with the clock running: an apology letter is possible. */
const RUNNING = ['received', 'in_review', 'approved'];

/** @type {import('../router.js').Screen} */
export default async function consoleDossier({ params }) {
  /** @type {S['DossierDetail']} */
  const d = await get('/v1/dossiers/' + params.id);
  /** @type {S['Procedure'] | null} */
  const proc = d.status === 'submitted' ? await get('/v1/procedures/' + d.procedure_id).catch(() => null) : null;
  /** @type {S['DossierRating'] | null} */
  const rating = d.status === 'returned' ? await get(`/v1/dossiers/${d.id}/rating`).catch(e => { if (e instanceof ApiError && e.status === 404) return null; throw e; }) : null;
  return [title(t('dossier.code') + ' ' + d.code),
    h('div', { class: 'console-grid' },
      h('section', { class: 'card', id: 'dossier-head', 'aria-labelledby': 'head-h' },
        h('h3', { id: 'head-h' }, d.procedure_name),
        h('p', null, h('span', { class: 'badge s-' + d.status, id: 'dossier-status' }, st('dossier', d.status)),
          d.overdue ? h('span', { class: 'badge late' }, t('dossier.overdue')) : null),
        h('dl', { class: 'facts' },
          fact(t('console.applicant'), d.applicant_name + (d.applicant_phone ? ' · ' + d.applicant_phone : '')),
          fact(t('console.channel'), t(/** @type {any} */ ('channel.' + d.channel))),
          fact(t('console.returnMethod'), t(/** @type {any} */ ('return.' + d.return_method))),
          fact(t('console.submittedAt'), stamp(d.submitted_at)),
          fact(t('console.receivedAt'), d.received_at ? stamp(d.received_at) : t('dossier.notYet')),
          fact(t('dossier.due'), d.due_at ? day(d.due_at) : '—'),
          d.original_due_at && d.due_at && d.original_due_at !== d.due_at ? fact(t('console.originalDue'), day(d.original_due_at)) : null,
          d.paused_days ? fact(t('console.pausedDays'), String(d.paused_days)) : null,
          d.note ? fact(t('console.note'), d.note) : null),
        d.received_at ? h('p', { class: 'row' }, button(t('dossier.receiptOpen'), e => void openReceipt(d.id, /** @type {HTMLElement} */ (e.currentTarget)), { id: 'print-receipt' })) : null),
      h('section', { class: 'card', 'aria-labelledby': 'moves-h', id: 'moves' },
        h('h3', { id: 'moves-h' }, t('console.moves')),
        MOVES[d.status].length ? MOVES[d.status].map(to => moveForm(d, to, proc)) : h('p', { class: 'muted' }, t('console.noMoves')),
        RUNNING.includes(d.status) ? apology(d) : null)),
    h('div', { class: 'console-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'tl-h' }, h('h3', { id: 'tl-h' }, t('dossier.timeline')),
        h('ol', { class: 'timeline', id: 'timeline' }, d.events.map(e => h('li', null,
          h('span', { class: 'when' }, stamp(e.at)), ' ', e.kind === 'rescheduled' ? t('console.rescheduled') : st('dossier', e.to),
          e.due_at && e.kind === 'rescheduled' ? [' → ', day(e.due_at)] : null,
          e.note ? h('span', { class: 'muted' }, ' — ', e.note) : null)))),
      h('section', { class: 'card', 'aria-labelledby': 'portal-h' }, h('h3', { id: 'portal-h' }, t('console.portal')), portalForm(d),
        rating ? [h('h3', null, t('rating.title')), h('p', { id: 'rating-shown' }, t('console.rating', { n: rating.score }), rating.comment ? ' — ' + rating.comment : '')] : null))];
}

/** @param {string} label @param {string} value */
function fact(label, value) {
  return h('div', null, h('dt', null, label), h('dd', null, value));
}

/**
 * One move: a button, with a reason box when the rules need one, and the documents checklist at intake.
 * @param {S['DossierDetail']} d @param {State} to @param {S['Procedure'] | null} proc
 */
function moveForm(d, to, proc) {
  const id = 'move-' + to;
  const docs = to === 'received' && proc ? proc.required_documents : [];
  const reason = NEEDS_REASON.includes(to);
  const form = h('form', { id, class: 'move', novalidate: true, 'data-to': to },
    docs.length ? h('fieldset', null, h('legend', null, t('console.docsReceived')),
      docs.map((x, i) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'doc', value: x, checked: true, id: id + '-doc-' + i }), x))) : null,
    reason ? field('note', t(/** @type {any} */ ('console.reason.' + to)), { tag: 'textarea', rows: 3, required: true, maxlength: 1000, id: id + '-note' }) : null,
    h('button', { type: 'submit', class: 'btn' + (to === 'refused_at_intake' || to === 'rejected' ? ' danger' : ' primary') }, t(/** @type {any} */ ('console.move.' + to))));
  // field() names the box by the API field; each move's own box has its own id.
  const box = form.querySelector('textarea');
  if (box) { box.id = id + '-note'; box.setAttribute('aria-describedby', id + '-note-error'); const l = form.querySelector('label[for=note]'); l?.setAttribute('for', id + '-note'); const er = form.querySelector('#note-error'); if (er) er.id = id + '-note-error'; }
  onSubmit(form, async () => {
    /** @type {S['DossierTransition']} */
    const body = { to };
    if (box) body.note = box.value.trim();
    if (docs.length) body.documents_received = [...form.querySelectorAll('input[name=doc]:checked')].map(x => /** @type {HTMLInputElement} */ (x).value);
    try {
      await post(`/v1/dossiers/${d.id}/transitions`, body);
    } catch (err) {
      if (err instanceof ApiError && err.fields.note) err.fields[id + '-note'] = err.fields.note;
      throw err;
    }
    await render();
  });
  return form;
}

/** The apology letter with the new date (once; until the working day before the due date). @param {S['DossierDetail']} d */
function apology(d) {
  const box = h('section', { id: 'apology', 'aria-labelledby': 'apology-h' }, h('h4', { id: 'apology-h' }, t('console.apology')));
  if (d.reschedule_count > 0) { box.append(h('p', { class: 'muted' }, t('console.apologySent'))); return box; }
  const form = h('form', { id: 'apology-form', novalidate: true },
    field('new_due_date', t('console.newDue'), { type: 'date', required: true }),
    field('note', t('console.apologyReason'), { tag: 'textarea', rows: 2, required: true, maxlength: 1000 }),
    h('button', { type: 'submit', class: 'btn' }, t('console.apologySend')));
  onSubmit(form, async v => {
    await post(`/v1/dossiers/${d.id}/transitions`, { to: d.status, note: v.note, new_due_date: v.new_due_date || undefined });
    await render();
  });
  box.append(form);
  return box;
}

/** The national portal's own code (or none). @param {S['DossierDetail']} d */
function portalForm(d) {
  const msg = h('p', { role: 'status', class: 'ok' });
  const form = h('form', { id: 'portal-form', novalidate: true },
    field('portal_code', t('console.portalCode'), { value: d.portal_code || '', autocomplete: 'off', maxlength: 44 }, t('console.portalHint')),
    h('button', { type: 'submit', class: 'btn' }, t('console.save')), msg);
  onSubmit(form, async v => {
    await call('PATCH', '/v1/dossiers/' + d.id, { body: { portal_code: v.portal_code || null } });
    for (const el of form.querySelectorAll('.field-error, .form-error')) el.textContent = '';
    form.querySelector('[aria-invalid]')?.removeAttribute('aria-invalid');
    put(msg, t('console.saved'));
  });
  return form;
}

