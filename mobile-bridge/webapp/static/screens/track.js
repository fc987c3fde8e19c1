// Public tracking without an account: the code (from the receipt's QR link /track/{code}) and
// the last four digits of the applicant's phone; no personal data is shown.
import { get } from '../api.js';
import { t, st, day, stamp } from '../i18n.js';
import { h, title, field, onSubmit, put } from '../view.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** @type {import('../router.js').Screen} */
export default async function track({ params }) {
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { id: 'track-form', novalidate: true },
    field('code', t('track.code'), { required: true, value: params.code || '', autocapitalize: 'characters' }),
    field('phone_last4', t('track.last4'), { required: true, inputmode: 'numeric', maxlength: 4, autocomplete: 'off' }),
    h('button', { type: 'submit', class: 'btn primary' }, t('track.submit')));
  onSubmit(form, async v => {
    /** @type {S['PublicDossier']} */
    const d = await get(`/v1/public/dossiers/${encodeURIComponent(v.code)}?phone_last4=${encodeURIComponent(v.phone_last4)}`);
    put(out, h('section', { class: 'card', id: 'dossier-status' },
      h('h3', null, d.procedure_name),
      h('p', null, t('dossier.code'), ': ', h('strong', null, d.code)),
      h('p', null, t('track.status'), ': ', h('span', { class: 'badge s-' + d.status }, st('dossier', d.status))),
      h('p', null, t('dossier.due'), ': ', d.due_at ? day(d.due_at) : t('dossier.notYet')),
      h('ol', { class: 'timeline' }, d.history.map(x => h('li', null, h('span', { class: 'when' }, stamp(x.at)), ' ', st('dossier', x.status))))));
  });
  return [title(t('track.title')), form, out];
}
