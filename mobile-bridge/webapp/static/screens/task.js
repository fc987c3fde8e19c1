// One task and its next step: accept or decline, on my way, collected (the documents checked
// against the procedure's list, the form filled with the citizen, and how the citizen confirms
// it — chosen explicitly, never assumed), then hand over to the office. Each step is queued on
// the phone with its Idempotency-Key and sent when there is a network.
import { t, st, day } from '../i18n.js';
import { h, title, field, onSubmit, put, failure, button, link } from '../view.js';
import { loadTasks, procedure, applyLocally } from '../tasks-data.js';
import { act } from '../queue.js';
import { render } from '../router.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** The facts a volunteer needs: who, phone, where, when, why, what to bring. */
export function taskFacts(/** @type {S['Pickup']} */ p, /** @type {S['Procedure'] | undefined} */ proc) {
  const phone = p.contact_phone || p.applicant_phone;
  const map = p.lat && p.lng ? `https://www.openstreetmap.org/?mlat=${p.lat}&mlon=${p.lng}#map=18/${p.lat}/${p.lng}`
    : `https://www.openstreetmap.org/search?query=${encodeURIComponent(p.address)}`;
  return h('div', { class: 'facts' },
    h('p', null, h('span', { class: 'badge', 'data-status': p.status }, st('pickup', p.status))),
    h('p', { class: 'big' }, p.applicant_name || t('task.citizen')),
    phone ? h('p', null, h('a', { href: 'tel:' + phone, class: 'btn call' }, t('task.call', { phone }))) : null,
    h('p', null, p.address, ' · ', h('a', { href: map, rel: 'noopener', target: '_blank' }, t('task.map'))),
    h('p', null, h('strong', null, t('task.when'), ': '), day(p.preferred_date), ', ', p.window_start, '–', p.window_end),
    h('p', null, h('strong', null, t('task.reason'), ': '), t(/** @type {any} */ ('reason.' + p.reason))),
    p.note ? h('p', { class: 'muted' }, p.note) : null,
    proc ? [h('p', null, h('strong', null, t('pickup.procedure'), ': '), proc.name),
      proc.required_documents.length ? [h('p', null, h('strong', null, t('task.docs'), ':')),
        h('ul', null, proc.required_documents.map(d => h('li', null, d)))] : null] : null);
}

/** "Họ tên: An" lines → {"Họ tên": "An"} (a line without a label keeps its place number). */
export function formData(/** @type {string[]} */ lines) {
  /** @type {Record<string, string>} */
  const out = {};
  lines.forEach((line, i) => {
    const at = line.indexOf(':');
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim(); else out[String(i + 1)] = line;
  });
  return lines.length ? out : undefined;
}

/** @type {import('../router.js').Screen} */
export default async function task({ params }) {
  const { items } = await loadTasks();
  const p = items.find(x => x.id === params.id);
  if (!p) return [title(t('tasks.title')), failure('404'), link('/tasks', t('tasks.title'))];
  const proc = p.procedure_id ? await procedure(p.procedure_id) : undefined;
  const msg = h('div', { role: 'status', id: 'msg' });
  /** Takes a step: queued, sent when possible, shown on the kept copy at once. */
  const step = async (/** @type {S['PickupTransition']} */ body, /** @type {string} */ label) => {
    try {
      const how = await act(`/v1/pickups/${p.id}/transitions`, body, `${label} (${p.address})`);
      await applyLocally(p.id, { status: body.to });
      await render();
      const m = document.getElementById('msg');
      if (m) put(m, h('p', { class: 'ok' }, how === 'sent' ? t('task.sent') : t('task.queued')));
    } catch (err) {
      // Render first, then say why on the new screen: said before, the re-render wiped it.
      await render();
      put(document.getElementById('msg') || msg, failure(err));
    }
  };
  /** @type {Node[]} */
  const actions = [];
  const move = (/** @type {S['PickupStatus']} */ to, /** @type {string} */ text, cls = 'btn primary') =>
    button(text, () => void step({ to }, text), { class: cls, 'data-move': to });
  if (p.status === 'requested' || p.status === 'assigned') actions.push(move('accepted', t('task.accept')));
  if (p.status === 'assigned') {
    const f = h('form', { id: 'decline-form', novalidate: true }, field('note', t('task.declineWhy'), { required: true }),
      h('button', { type: 'submit', class: 'btn', 'data-move': 'requested' }, t('task.decline')));
    onSubmit(f, async v => step({ to: 'requested', note: v.note }, t('task.decline')));
    actions.push(f);
  }
  if (p.status === 'accepted') actions.push(move('en_route', t('task.enRoute')));
  if (p.status === 'en_route') {
    const docs = proc?.required_documents || [];
    const f = h('form', { id: 'collect-form', novalidate: true },
      h('fieldset', null, h('legend', null, t('task.checklist')),
        docs.map((d, i) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'doc' + i, value: d }), d))),
      field('form_text', t('task.form'), { tag: 'textarea', rows: 3 }, t('task.formHint')),
      h('fieldset', null, h('legend', null, t('task.confirmHow')),
        h('label', { class: 'check' }, h('input', { type: 'radio', name: 'confirm', value: 'in_person', required: true }), t('task.confirmInPerson')),
        h('label', { class: 'check' }, h('input', { type: 'radio', name: 'confirm', value: 'phone', required: true }), t('task.confirmPhone'))),
      h('p', { class: 'field-error', id: 'confirm-error' }),
      h('button', { type: 'submit', class: 'btn primary', 'data-move': 'collected' }, t('task.collect')));
    onSubmit(f, async v => {
      if (!v.confirm) { put(/** @type {HTMLElement} */ (f.querySelector('#confirm-error')), t('task.confirmHow')); return; }
      const collected = docs.filter((_, i) => v['doc' + i]);
      const extra = (v.form_text || '').split('\n').map(x => x.trim()).filter(Boolean);
      await step({ to: 'collected', collected_documents: collected,
        form_data: formData(extra), confirmed_in_person: v.confirm === 'in_person' }, t('task.collect'));
    });
    const fail = h('form', { id: 'fail-form', novalidate: true }, field('reason', t('task.reason'), { required: true }),
      h('button', { type: 'submit', class: 'btn danger', 'data-move': 'failed' }, t('task.fail')));
    onSubmit(fail, async v => step({ to: 'failed', reason: v.reason }, t('task.fail')));
    actions.push(f, h('details', null, h('summary', null, t('task.fail')), fail));
  }
  if (p.status === 'collected') actions.push(move('handed_over', t('task.handOver')));
  return [title(t('tasks.title')), h('section', { class: 'card task' }, taskFacts(p, proc)), msg, h('div', { class: 'stack' }, actions),
    link('/tasks', t('tasks.title'))];
}
