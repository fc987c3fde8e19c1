// A home pickup asked by an officer for a person without an account, after a hotline call: the
// person's name and phone, where and when. The server keeps to working days (no Sunday, no day
// off of the ward's calendar) and office hours, and its message is shown beside the field.
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { h, title, field, option, onSubmit } from '../view.js';
import { neighborhoods, activeOnly } from '../data.js';
import { go } from '../router.js';
import { opsNav, procedures } from './console-kit.js';
import { WINDOWS } from './pickup-new.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function consolePickupNew({ user }) {
  if (!user) return [];
  /** @type {[S['Neighborhood'][], S['Procedure'][]]} */
  const [hoods, procs] = await Promise.all([neighborhoods(user.ward_code), procedures(user.ward_code)]);
  const form = h('form', { id: 'pickup-new-form', novalidate: true }, h('div', { class: 'console-grid' },
    h('section', { class: 'card', 'aria-labelledby': 'who-h' }, h('h3', { id: 'who-h' }, t('console.pnew.who')),
      field('applicant_name', t('pickup.applicantName'), { required: true, maxlength: 120, autocomplete: 'off' }),
      field('applicant_phone', t('console.pnew.applicantPhone'), { type: 'tel', required: true, maxlength: 20, autocomplete: 'off' }),
      field('contact_phone', t('pickup.contact'), { type: 'tel', maxlength: 20, autocomplete: 'off' }, t('console.pnew.contactHint')),
      field('reason', t('pickup.reason'), { tag: 'select', options: ['elderly', 'disabled', 'ill', 'other'].map(r => option(r, t(/** @type {any} */ ('reason.' + r)))) }),
      field('procedure_id', t('pickup.procedure'), { tag: 'select', options: [option('', t('console.pnew.unknownProcedure')),
        ...procs.filter(p => p.active !== false && p.channels.includes('home_pickup')).map(p => option(p.id, p.name))] })),
    h('section', { class: 'card', 'aria-labelledby': 'where-h' }, h('h3', { id: 'where-h' }, t('console.pnew.where')),
      field('address', t('pickup.address'), { required: true, maxlength: 300, autocomplete: 'off' }),
      field('neighborhood_id', t('pickup.neighborhood'), { tag: 'select', required: true, options: activeOnly(hoods).map(n => option(n.id, n.name)) }),
      field('preferred_date', t('pickup.date'), { type: 'date', required: true }, t('console.pnew.dateHint')),
      field('window', t('pickup.window'), { tag: 'select', required: true, options: WINDOWS.map(([a, b]) => option(a + '-' + b, a + '–' + b)) }),
      field('note', t('pickup.note'), { tag: 'textarea', rows: 2, maxlength: 1000 }))),
    h('button', { type: 'submit', class: 'btn primary' }, t('console.pnew.submit')));
  onSubmit(form, async v => {
    const [window_start, window_end] = (v.window || '-').split('-');
    /** @type {S['Pickup']} */
    const p = await post('/v1/pickups', { applicant_name: v.applicant_name, applicant_phone: v.applicant_phone,
      contact_phone: v.contact_phone || v.applicant_phone, address: v.address, neighborhood_id: v.neighborhood_id,
      reason: v.reason, procedure_id: v.procedure_id || undefined, preferred_date: v.preferred_date, window_start, window_end,
      note: v.note || undefined });
    sessionStorage.setItem('console.msg', t('console.pnew.done', { name: p.applicant_name || v.applicant_name }));
    go('/console/pickups');
  });
  return [opsNav('/console/pickups/new'), title(t('console.pnew.title')), h('p', { class: 'hint' }, t('console.pnew.hint')), form];
}
