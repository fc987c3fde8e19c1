// The ward's representatives (người được ủy quyền): the live links and, on demand, the revoked
// ones; the officer records a consent given in person at the office (the applicant found by
// phone among the ward's citizens, the representative by phone or account) and revokes a link.
import { get, post, ApiError } from '../api.js';
import { t, day } from '../i18n.js';
import { h, title, field, onSubmit, empty, button, link } from '../view.js';
import { go } from '../router.js';
import { table, statusLine, say, opsNav } from './console-kit.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** A phone's national digits (0912…, +84912… and 84912… are the same number). @param {string} p */
const national = p => p.replace(/\D/g, '').replace(/^84/, '').replace(/^0/, '');

/** The ward's citizen account with this phone, or null (the list is paged). @param {string} phone */
async function citizenByPhone(phone) {
  let cursor = '';
  for (let i = 0; i < 20; i++) {
    /** @type {S['UserList']} */
    const page = await get('/v1/users?role=citizen&active=true&limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    const found = page.items.find(u => national(u.phone) === national(phone));
    if (found) return found;
    cursor = page.next_cursor || '';
    if (!cursor) break;
  }
  return null;
}

/** @type {import('../router.js').Screen} */
export default async function consoleRepresentations({ user, query }) {
  if (!user) return [];
  const all = query.get('include_revoked') === 'true', cursor = query.get('cursor') || '';
  const q = new URLSearchParams({ limit: '50' });
  if (all) q.set('include_revoked', 'true');
  if (cursor) q.set('cursor', cursor);
  /** @type {S['RepresentationList']} */
  const list = await get('/v1/representations?' + q);
  const line = statusLine('msg');
  const flash = sessionStorage.getItem('console.msg');
  if (flash) { sessionStorage.removeItem('console.msg'); say(line, flash); }
  const reload = (/** @type {string} */ msg) => { sessionStorage.setItem('console.msg', msg); go(location.pathname + location.search, true); };

  const rows = list.items.map(r => [r.applicant_name, r.representative_name, r.relationship,
    h('span', null, day(r.consent_at.slice(0, 10)), ' · ', t(r.consent_method === 'at_office' ? 'console.rep.atOffice' : 'console.rep.inApp'),
      r.consent_note ? [h('br'), h('span', { class: 'muted' }, r.consent_note)] : null),
    h('span', { class: 'badge' + (r.status === 'revoked' ? ' late' : ' s-completed') }, t(r.status === 'live' ? 'console.rep.live' : 'console.rep.revoked')),
    r.status === 'live' ? button(t('console.rep.revoke'), async () => {
      const note = prompt(t('console.rep.revokeWhy', { name: r.representative_name }));
      if (note === null) return;
      try {
        await post(`/v1/representations/${r.id}/transitions`, { to: 'revoked', note: note || undefined });
        reload(t('console.rep.revokedMsg', { name: r.representative_name }));
      } catch (err) { say(line, err, false); }
    }, { class: 'btn small danger', 'data-revoke': r.id, 'aria-label': t('console.rep.revokeFor', { name: r.representative_name, applicant: r.applicant_name }) }) : '']);

  const form = h('form', { id: 'rep-form', novalidate: true },
    field('applicant_phone', t('console.rep.applicantPhone'), { type: 'tel', required: true, autocomplete: 'off' }, t('console.rep.applicantHint')),
    field('representative_phone', t('console.rep.representativePhone'), { type: 'tel', required: true, autocomplete: 'off' }, t('console.rep.representativeHint')),
    field('relationship', t('console.rep.relationship'), { required: true, maxlength: 100 }, t('console.rep.relationshipHint')),
    field('consent_note', t('console.rep.consentNote'), { tag: 'textarea', rows: 2, required: true, maxlength: 500 }, t('console.rep.consentHint')),
    h('button', { type: 'submit', class: 'btn primary' }, t('console.rep.record')));
  onSubmit(form, async v => {
    const applicant = national(v.applicant_phone || '').length >= 9 ? await citizenByPhone(v.applicant_phone) : null;
    if (!applicant) throw new ApiError(422, 'validation_failed', t('console.rep.noApplicant'), { applicant_phone: t('console.rep.noApplicant') });
    /** @type {S['RepresentationInput']} */
    const body = { applicant_id: applicant.id, relationship: v.relationship, consent_note: v.consent_note };
    // A representative given as an account id (pasted) goes as such; otherwise as a phone.
    if (/^[0-9a-f-]{36}$/i.test(v.representative_phone || '')) body.representative_id = v.representative_phone;
    else body.representative_phone = v.representative_phone;
    /** @type {S['Representation']} */
    const r = await post('/v1/representations', body);
    reload(t('console.rep.recorded', { name: r.representative_name, applicant: r.applicant_name }));
  });

  const more = list.next_cursor ? link('/console/representations?' + new URLSearchParams({ ...(all ? { include_revoked: 'true' } : {}), cursor: list.next_cursor }), t('console.rep.more')) : null;
  return [opsNav('/console/representations'), title(t('console.rep.title')), line,
    h('p', { class: 'row' }, all ? link('/console/representations', t('console.rep.onlyLive')) : link('/console/representations?include_revoked=true', t('console.rep.withRevoked'))),
    rows.length ? table('reps-table', t('console.rep.title'), [t('console.rep.applicant'), t('console.rep.representative'), t('console.rep.relationship'),
      t('console.rep.consent'), t('track.status'), ''], rows) : empty(t('console.rep.none')),
    more ? h('p', null, more) : null,
    h('section', { class: 'card', 'aria-labelledby': 'rep-new-h' }, h('h3', { id: 'rep-new-h' }, t('console.rep.new')),
      h('p', { class: 'hint' }, t('console.rep.newHint')), form)];
}
