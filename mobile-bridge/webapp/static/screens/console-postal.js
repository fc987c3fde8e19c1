// The console's post: parcels by status (results going home, dossiers coming in), the hand-over
// of a result to the carrier (with the tracking number from the counter, or registered with the
// carrier in the background), taking a failed parcel back, a posted dossier received at the
// office (with the fee the postal worker collected), and the ward's tariff (the admin sets it).
import { get, post, call } from '../api.js';
import { t, st, fee, stamp } from '../i18n.js';
import { h, title, field, option, onSubmit, empty, link, button } from '../view.js';
import { go } from '../router.js';
import { table, statusLine, say, opsNav } from './console-kit.js';

/** @typedef {import('../../types/api').components['schemas']} S */

const STATUSES = ['requested', 'handed_to_carrier', 'in_transit', 'delivered', 'failed', 'returned_to_office'];

/** @type {import('../router.js').Screen} */
export default async function consolePostal({ user, query }) {
  if (!user) return [];
  const status = query.get('status') || 'requested', stuck = query.get('stuck_days') || '';
  const q = new URLSearchParams({ limit: '100' });
  if (stuck) q.set('stuck_days', stuck); else q.set('status', status);
  /** @type {[S['Shipment'][], S['PostalTariff']]} */
  const [items, tariff] = await Promise.all([get('/v1/shipments?' + q).then(r => r.items), get('/v1/postal/tariff')]);
  const line = statusLine('msg');
  const flash = sessionStorage.getItem('console.msg');
  if (flash) { sessionStorage.removeItem('console.msg'); say(line, flash); }
  const reload = () => go(location.pathname + location.search, true);
  const move = async (/** @type {S['Shipment']} */ s, /** @type {Record<string, unknown>} */ body, /** @type {string} */ done) => {
    try { await post(`/v1/shipments/${s.id}/transitions`, body); sessionStorage.setItem('console.msg', done); reload(); } catch (err) { say(line, err, false); }
  };

  const rows = items.map(s => {
    /** @type {import('../view.js').Nodes} */
    let action = null;
    if (s.direction === 'outbound' && s.status === 'requested') {
      const reg = s.carrier_registration;
      const input = h('input', { id: 'tracking-' + s.id, class: 'mono', 'aria-label': t('console.postal.trackingFor', { code: s.dossier_code || '' }), placeholder: t('console.postal.tracking') });
      action = h('div', { class: 'row' }, reg && reg.state === 'pending' ? h('span', { class: 'muted' }, t('console.postal.pending')) : null,
        reg && reg.state === 'failed' ? h('span', { class: 'badge late' }, t('console.postal.carrierFailed'), reg.last_error ? ': ' + reg.last_error : '') : null,
        input, button(t('console.postal.handOver'), () => void move(s, { to: 'handed_to_carrier', tracking_number: input.value.trim() || undefined },
          t('console.postal.handedOver', { code: s.dossier_code || '' })), { class: 'btn small primary', 'data-handover': s.id }));
    } else if (s.direction === 'outbound' && s.status === 'failed') {
      action = button(t('console.postal.takeBack'), () => void move(s, { to: 'returned_to_office' }, t('console.postal.takenBack')), { class: 'btn small', 'data-takeback': s.id });
    } else if (s.direction === 'inbound' && (s.status === 'handed_to_carrier' || s.status === 'in_transit')) {
      const input = h('input', { id: 'fee-' + s.id, type: 'number', min: 0, step: 1000, value: s.collected_fee_vnd ?? '',
        'aria-label': t('console.postal.collectedFor', { name: s.recipient_name }) });
      action = h('div', { class: 'row' }, input, button(t('console.postal.receiveInbound'), () => void move(s,
        { to: 'delivered', collected_fee_vnd: input.value === '' ? undefined : Number(input.value) }, t('console.postal.receivedInbound')), { class: 'btn small primary', 'data-inbound': s.id }));
    }
    return [s.direction === 'outbound' ? t('console.postal.outbound') : t('console.postal.inbound'),
      s.dossier_id ? link('/dossiers/' + s.dossier_id, s.dossier_code || '') : '—',
      h('span', null, s.recipient_name, h('br'), s.recipient_phone),
      `${s.street}, ${s.ward}, ${s.province}`,
      h('span', null, h('span', { class: 'badge' }, st('shipment', s.status)), s.last_event_at ? [h('br'), h('span', { class: 'when' }, stamp(s.last_event_at))] : null),
      s.tracking_number ? h('span', { class: 'mono' }, s.tracking_number) : '',
      h('span', null, fee(s.fee_vnd), s.direction === 'inbound' && s.collected_fee_vnd != null ? [h('br'), t('console.postal.collected', { fee: fee(s.collected_fee_vnd) })] : null),
      action];
  });

  const filters = h('form', { id: 'postal-filters', class: 'inline-form', role: 'search' },
    field('status', t('track.status'), { tag: 'select', options: STATUSES.map(s => option(s, st('shipment', s), !stuck && s === status)) }),
    field('stuck_days', t('console.postal.stuck'), { type: 'number', min: 1, max: 365, value: stuck }, t('console.postal.stuckHint')),
    h('button', { type: 'submit', class: 'btn' }, t('console.ops.filter')));
  onSubmit(filters, async v => {
    go('/console/postal?' + (v.stuck_days ? 'stuck_days=' + encodeURIComponent(v.stuck_days) : 'status=' + encodeURIComponent(v.status)));
  });

  const admin = user.role === 'admin';
  const tariffForm = h('form', { id: 'tariff-form', novalidate: true },
    field('same_province_vnd', t('console.postal.same'), { type: 'number', min: 0, step: 1000, value: tariff.same_province_vnd, readonly: !admin }),
    field('other_province_vnd', t('console.postal.other'), { type: 'number', min: 0, step: 1000, value: tariff.other_province_vnd, readonly: !admin }),
    field('cod_fee_vnd', t('console.postal.cod'), { type: 'number', min: 0, step: 1000, value: tariff.cod_fee_vnd, readonly: !admin }),
    admin ? h('button', { type: 'submit', class: 'btn primary' }, t('console.ops.save')) : h('p', { class: 'hint' }, t('console.postal.adminOnly')));
  onSubmit(tariffForm, async v => {
    await call('PUT', '/v1/postal/tariff', { body: { same_province_vnd: Number(v.same_province_vnd), other_province_vnd: Number(v.other_province_vnd), cod_fee_vnd: Number(v.cod_fee_vnd) } });
    say(line, t('console.ops.saved'));
  });

  const book = await bookForm();
  return [opsNav('/console/postal'), title(t('console.postal.title')), filters, line,
    items.length ? table('shipments-table', t('console.postal.title'), [t('console.postal.direction'), t('dossier.code'), t('postal.recipient'),
      t('pickup.address'), t('track.status'), t('console.postal.tracking'), t('console.postal.fee'), ''], rows) : empty(t('console.postal.none')),
    book,
    h('section', { class: 'card narrow', 'aria-labelledby': 'tariff-h' }, h('h3', { id: 'tariff-h' }, t('console.postal.tariff')), tariffForm)];
}

/**
 * An officer registers a dossier's result for posting home (a citizen asking at the counter or
 * by phone): the open dossiers still returned at the counter, the recipient (the applicant by
 * default), the quote, then the booking.
 */
async function bookForm() {
  /** @type {S['Dossier'][]} */
  const open = (await get('/v1/dossiers?limit=100')).items
    .filter((/** @type {S['Dossier']} */ d) => d.return_method === 'counter' && ['received', 'in_review', 'supplement_requested', 'approved', 'result_ready'].includes(d.status));
  if (!open.length) return null;
  const form = h('form', { id: 'book-form', class: 'form-grid', novalidate: true },
    field('dossier_id', t('dossier.code'), { tag: 'select', required: true, options: open.map(d => option(d.id, `${d.code} · ${d.applicant_name}`)) }),
    field('recipient_name', t('postal.recipient'), { required: true, value: open[0].applicant_name }),
    field('recipient_phone', t('postal.phone'), { type: 'tel', required: true, value: open[0].applicant_phone || '' }),
    field('province', t('postal.province'), { required: true }),
    field('ward', t('postal.ward'), { required: true }),
    field('street', t('postal.street'), { required: true }),
    h('p', { id: 'book-quote', role: 'status', class: 'hint' }),
    h('button', { type: 'submit', class: 'btn primary' }, t('postal.submit')));
  const sel = /** @type {HTMLSelectElement} */ (form.querySelector('#dossier_id'));
  sel.addEventListener('change', () => {
    const d = open.find(x => x.id === sel.value);
    /** @type {HTMLInputElement} */ (form.querySelector('#recipient_name')).value = d?.applicant_name || '';
    /** @type {HTMLInputElement} */ (form.querySelector('#recipient_phone')).value = d?.applicant_phone || '';
  });
  const quote = /** @type {HTMLElement} */ (form.querySelector('#book-quote'));
  form.querySelector('#province')?.addEventListener('change', async e => {
    const v = /** @type {HTMLInputElement} */ (e.target).value.trim();
    if (!v) return;
    try {
      /** @type {S['ShipmentQuote']} */
      const q = await get(`/v1/dossiers/${sel.value}/shipment/quote?province=${encodeURIComponent(v)}`);
      quote.textContent = t('postal.fee', { fee: fee(q.fee_vnd) });
    } catch { quote.textContent = ''; }
  });
  onSubmit(form, async v => {
    /** @type {S['Shipment']} */
    const sh = await post(`/v1/dossiers/${v.dossier_id}/shipment`, { recipient_name: v.recipient_name, recipient_phone: v.recipient_phone,
      province: v.province, ward: v.ward, street: v.street });
    sessionStorage.setItem('console.msg', t('postal.done', { fee: fee(sh.fee_vnd) }));
    go('/console/postal?status=requested', true);
  });
  return h('details', { class: 'card' }, h('summary', null, t('console.postal.book')), form);
}
