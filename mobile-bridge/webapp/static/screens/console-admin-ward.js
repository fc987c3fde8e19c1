// The ward's receiving office name, as receipts and letters give it: the admin's own, or (left
// empty, sent as null) the default "Trung tâm Phục vụ hành chính công" + the ward's name
// (Nghị định 118/2025/NĐ-CP). Receipts already issued keep their name.
import { get, call } from '../api.js';
import { t } from '../i18n.js';
import { h, title, field, onSubmit } from '../view.js';
import { statusLine, say, opsNav } from './console-kit.js';
import { adminNav } from './console-admin-kit.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function consoleWard({ user }) {
  if (!user) return [];
  /** @type {S['Ward']} */
  const w = await get('/v1/wards/' + user.ward_id);
  const line = statusLine('msg');
  const shown = h('strong', { id: 'office-name' }, w.office_name);
  const form = h('form', { id: 'ward-form', novalidate: true },
    field('office_name', t('console.ward.officeName'), { value: w.office_name_set ?? '', maxlength: 200 }, t('console.ward.hint')),
    h('button', { type: 'submit', class: 'btn primary' }, t('console.ops.save')));
  onSubmit(form, async v => {
    /** @type {S['Ward']} */
    const out = await call('PATCH', '/v1/wards/' + w.id, { body: { office_name: v.office_name === '' ? null : v.office_name } });
    shown.textContent = out.office_name;
    say(line, t('console.ops.saved'));
  });
  return [opsNav('/console/admin'), adminNav('/console/admin/ward', user.role), title(t('console.admin.ward')),
    h('p', null, `${w.name}, ${w.province} (${w.code})`), h('p', null, t('console.ward.now'), ' ', shown), line,
    h('section', { class: 'card narrow' }, form)];
}
