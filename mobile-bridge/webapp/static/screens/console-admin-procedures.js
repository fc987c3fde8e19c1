// The ward's procedure catalogue: the list, a new procedure, and one procedure's edit form. An
// optional field left empty is sent as an explicit null (the API clears it): the cut-off hour
// (none: a dossier received before closing counts the same day), the fee ("theo quy định của
// tỉnh" when the province sets it), the fee note. Days count as working or calendar days.
import { get, post, call } from '../api.js';
import { t, fee } from '../i18n.js';
import { h, title, field, option, onSubmit, empty, link } from '../view.js';
import { go } from '../router.js';
import { table, checks, checked, statusLine, say, opsNav } from './console-kit.js';
import { adminNav } from './console-admin-kit.js';

/** @typedef {import('../../types/api').components['schemas']} S */

const CHANNELS = ['counter', 'online', 'home_pickup', 'saturday_session', 'postal_return', 'postal'];

/** @type {import('../router.js').Screen} */
export default async function consoleProcedures(ctx) {
  return ctx.params.id ? one(ctx) : list(ctx);
}

/**
 * The form's fields, prefilled from a procedure when editing.
 * @param {S['Procedure'] | null} p
 */
function fields(p) {
  const byProvince = p ? p.fee_vnd === null : false;
  return [
    p ? null : field('code', t('console.proc.code'), { required: true }, t('console.proc.codeHint')),
    field('name', t('console.proc.name'), { required: true, value: p?.name }),
    field('field', t('console.proc.field'), { required: true, value: p?.field }, t('console.proc.fieldHint')),
    field('processing_days', t('console.proc.days'), { type: 'number', min: 0, max: 365, required: true, value: p?.processing_days ?? '' }),
    field('day_count', t('console.proc.dayCount'), { tag: 'select', options: [option('working', t('console.proc.working'), !p || p.day_count === 'working'),
      option('calendar', t('console.proc.calendar'), p?.day_count === 'calendar')] }),
    field('cutoff_hour', t('console.proc.cutoff'), { type: 'number', min: 0, max: 23, value: p?.cutoff_hour ?? '' }, t('console.proc.cutoffHint')),
    h('fieldset', { class: 'fee' }, h('legend', null, t('dossier.fee')),
      h('label', { class: 'check', for: 'fee_by_province' }, h('input', { type: 'checkbox', id: 'fee_by_province', name: 'fee_by_province', value: '1', checked: byProvince }), t('fee.byProvince')),
      field('fee_vnd', t('console.proc.feeVnd'), { type: 'number', min: 0, step: 1000, value: p?.fee_vnd ?? '' }, t('console.proc.feeHint')),
      field('fee_note', t('console.proc.feeNote'), { value: p?.fee_note ?? '' }, t('console.proc.feeNoteHint'))),
    field('required_documents', t('console.proc.docs'), { tag: 'textarea', rows: 4 }, t('console.proc.docsHint')),
    checks('channels', t('console.proc.channels'), CHANNELS.map(c => ({ value: c, label: t(/** @type {any} */ ('console.channel.' + c)) })), p ? p.channels : ['counter']),
    p ? h('label', { class: 'check', for: 'active' }, h('input', { type: 'checkbox', id: 'active', name: 'active', value: '1', checked: p.active }), t('console.proc.active')) : null,
  ];
}

/** The body of a create or a patch: empty optional fields become explicit nulls. @param {HTMLFormElement} form @param {Record<string, string>} v */
export function body(form, v) {
  return {
    name: v.name, field: v.field, processing_days: Number(v.processing_days), day_count: v.day_count,
    cutoff_hour: v.cutoff_hour === '' ? null : Number(v.cutoff_hour),
    fee_vnd: v.fee_by_province || v.fee_vnd === '' ? null : Number(v.fee_vnd),
    fee_note: v.fee_note === '' ? null : v.fee_note,
    required_documents: (v.required_documents || '').split('\n').map(x => x.trim()).filter(Boolean),
    channels: checked(form, 'channels'),
  };
}

/** @param {import('../router.js').Ctx} ctx */
async function list({ user }) {
  if (!user) return [];
  /** @type {S['Procedure'][]} */
  const procs = (await get(`/v1/procedures?ward_code=${user.ward_code}&limit=100`)).items;
  const admin = user.role === 'admin';
  const rows = procs.map(p => [h('span', { class: 'mono' }, p.code), admin ? link('/console/admin/procedures/' + p.id, p.name) : p.name, p.field,
    t(p.day_count === 'calendar' ? 'console.proc.nCalendar' : 'console.proc.nWorking', { n: p.processing_days }),
    p.cutoff_hour === null || p.cutoff_hour === undefined ? t('console.proc.noCutoff') : `${p.cutoff_hour}:00`,
    [fee(p.fee_vnd), p.fee_note ? ' (' + p.fee_note + ')' : ''], p.channels.map(c => t(/** @type {any} */ ('console.channel.' + c))).join(', '),
    p.active ? t('console.admin.active') : t('console.admin.inactive')]);
  const form = h('form', { id: 'procedure-form', class: 'form-grid', novalidate: true }, fields(null),
    h('button', { type: 'submit', class: 'btn primary' }, t('console.proc.create')));
  onSubmit(form, async v => {
    /** @type {S['Procedure']} */
    const p = await post('/v1/procedures', { code: v.code, ...body(form, v) });
    go('/console/admin/procedures/' + p.id);
  });
  return [opsNav('/console/admin'), adminNav('/console/admin/procedures', user.role), title(t('console.admin.procedures')),
    procs.length ? table('procedures-table', t('console.admin.procedures'), [t('console.proc.code'), t('console.proc.name'), t('console.proc.field'),
      t('console.proc.days'), t('console.proc.cutoff'), t('dossier.fee'), t('console.proc.channels'), t('track.status')], rows) : empty(t('console.proc.none')),
    admin ? h('section', { class: 'card', 'aria-labelledby': 'new-proc-h' }, h('h3', { id: 'new-proc-h' }, t('console.proc.new')), form) : null];
}

/** @param {import('../router.js').Ctx} ctx */
async function one({ params, user }) {
  if (!user) return [];
  /** @type {S['Procedure']} */
  const p = await get('/v1/procedures/' + params.id);
  const line = statusLine('msg');
  const form = h('form', { id: 'procedure-form', class: 'form-grid', novalidate: true }, fields(p),
    h('button', { type: 'submit', class: 'btn primary' }, t('console.ops.save')));
  /** @type {HTMLTextAreaElement} */ (form.querySelector('#required_documents')).value = p.required_documents.join('\n');
  onSubmit(form, async v => {
    await call('PATCH', '/v1/procedures/' + p.id, { body: { ...body(form, v), active: !!v.active } });
    say(line, t('console.ops.saved'));
  });
  return [opsNav('/console/admin'), adminNav('/console/admin/procedures', user.role), link('/console/admin/procedures', '← ', t('console.admin.procedures')),
    title(`${p.code} · ${p.name}`), line, h('section', { class: 'card' }, form)];
}
