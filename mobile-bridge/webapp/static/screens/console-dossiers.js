// The ward's dossiers (console): search by code, name or phone, filters (status, channel,
// procedure, overdue, due soon) kept in the address so Back and a reload keep them, pages by
// cursor, and the filtered list exported as CSV (UTF-8 with a BOM so Excel reads Vietnamese) or
// as an Excel workbook the server builds (real dates, bold frozen header).
import { get, call } from '../api.js';
import { t, st, day, stamp } from '../i18n.js';
import { h, title, empty, link, field, option, button, failure, put } from '../view.js';
import { go } from '../router.js';

/** @typedef {import('../../types/api').components['schemas']} S */

const STATUSES = ['submitted', 'received', 'in_review', 'supplement_requested', 'approved', 'result_ready', 'returned', 'refused_at_intake', 'rejected', 'withdrawn'];
export const CHANNELS = ['counter', 'online', 'home_pickup', 'saturday_session', 'postal', 'import'];
const FILTERS = ['q', 'status', 'channel', 'procedure_id', 'overdue', 'due_soon'];

/** The API query of the filters in the address (without the cursor). @param {URLSearchParams} query */
function apiQuery(query) {
  const q = new URLSearchParams();
  for (const k of FILTERS) { const v = query.get(k); if (v) q.set(k, v); }
  return q;
}

/** @type {import('../router.js').Screen} */
export default async function dossiers({ query, user }) {
  const q = apiQuery(query);
  const cursor = query.get('cursor');
  const pageQ = new URLSearchParams(q);
  pageQ.set('limit', '50');
  if (cursor) pageQ.set('cursor', cursor);
  /** @type {[S['DossierList'], S['Procedure'][]]} */
  const [page, procs] = await Promise.all([
    get('/v1/dossiers?' + pageQ),
    user?.ward_code ? get(`/v1/procedures?ward_code=${encodeURIComponent(user.ward_code)}&limit=100`).then(r => r.items) : Promise.resolve([])]);
  const sel = (/** @type {string} */ name, /** @type {string} */ label, /** @type {[string, string][]} */ opts) =>
    field(name, label, { tag: 'select', options: [option('', t('console.all')), ...opts.map(([v, l]) => option(v, l, query.get(name) === v))] });
  const form = h('form', { id: 'filter-form', class: 'filters', role: 'search', novalidate: true },
    field('q', t('console.search'), { type: 'search', value: query.get('q') || '', autocomplete: 'off' }, t('console.searchHint')),
    sel('status', t('console.status'), STATUSES.map(s => [s, st('dossier', s)])),
    sel('channel', t('console.channel'), CHANNELS.map(c => [c, t(/** @type {any} */ ('channel.' + c))])),
    sel('procedure_id', t('console.procedure'), procs.map(p => [p.id, p.name])),
    sel('overdue', t('dossier.overdue'), [['true', t('console.yes')], ['false', t('console.no')]]),
    sel('due_soon', t('console.dueSoon'), [['true', t('console.yes')], ['false', t('console.no')]]),
    h('div', { class: 'row filter-actions' },
      h('button', { type: 'submit', class: 'btn primary' }, t('console.filter')),
      link('/console/dossiers', t('console.clear'))));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) next.set(k, v.trim());
    go('/console/dossiers' + (next.size ? '?' + next : ''));
  });
  const status = h('p', { role: 'status', id: 'export-status', class: 'muted' });
  const exportBtn = button(t('console.export'), () => void exportCsv(q, status, exportBtn), { id: 'export-csv', class: 'btn', style: null });
  const xlsxBtn = button(t('console.exportXlsx'), () => void exportXlsx(q, status, xlsxBtn), { id: 'export-xlsx', class: 'btn', style: null });
  const rows = page.items.map(d => h('tr', null,
    h('td', null, link('/console/dossiers/' + d.id, d.code)),
    h('td', null, d.applicant_name, d.applicant_phone ? h('span', { class: 'muted' }, ' · ', d.applicant_phone) : null),
    h('td', null, d.procedure_name),
    h('td', null, t(/** @type {any} */ ('channel.' + d.channel))),
    h('td', null, h('span', { class: 'badge s-' + d.status }, st('dossier', d.status)), d.overdue ? h('span', { class: 'badge late' }, t('dossier.overdue')) : null),
    h('td', null, d.due_at ? day(d.due_at) : '—')));
  const next = new URLSearchParams(q);
  if (page.next_cursor) next.set('cursor', page.next_cursor);
  return [title(t('console.dossiers')),
    h('p', { class: 'row' }, link('/console/intake', t('nav.intake'))),
    form,
    h('div', { class: 'row' }, exportBtn, xlsxBtn, status),
    // on a narrow screen the table scrolls sideways inside its own box (focusable for the keyboard)
    rows.length ? h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('console.dossiers') }, h('table', { class: 'dtable', id: 'dossier-table' },
      h('caption', { class: 'muted' }, t('console.shown', { n: rows.length })),
      h('thead', null, h('tr', null, [t('dossier.code'), t('console.applicant'), t('console.procedure'), t('console.channel'), t('console.status'), t('dossier.due')]
        .map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows))) : empty(t('console.noDossiers')),
    h('nav', { class: 'row pager', 'aria-label': t('console.pages') },
      cursor ? link('/console/dossiers' + (q.size ? '?' + q : ''), t('console.firstPage')) : null,
      page.next_cursor ? link('/console/dossiers?' + next, t('console.nextPage')) : null)];
}

/** One CSV cell: quoted when it holds a comma, quote or line break; a leading =+-@ is defused. @param {unknown} v */
export function cell(v) {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@]/.test(s)) s = "'" + s; // a spreadsheet must not read a name as a formula
  return /[",\r\n]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

/**
 * Reads every page of the filtered list and saves it as a CSV file.
 * @param {URLSearchParams} q @param {HTMLElement} status @param {HTMLButtonElement} btn
 */
async function exportCsv(q, status, btn) {
  btn.disabled = true;
  put(status, t('loading'));
  try {
    /** @type {S['Dossier'][]} */
    const all = [];
    let cursor = '';
    do {
      const pq = new URLSearchParams(q);
      pq.set('limit', '100');
      if (cursor) pq.set('cursor', cursor);
      /** @type {S['DossierList']} */
      const page = await get('/v1/dossiers?' + pq);
      all.push(...page.items);
      cursor = page.next_cursor || '';
    } while (cursor && all.length < 20000);
    const head = [t('dossier.code'), t('console.portalCode'), t('console.applicant'), t('phone'), t('console.procedureCode'), t('console.procedure'),
      t('console.channel'), t('console.status'), t('console.submittedAt'), t('console.receivedAt'), t('dossier.due'), t('dossier.overdue'), t('console.resultAt')];
    const lines = [head, ...all.map(d => [d.code, d.portal_code, d.applicant_name, d.applicant_phone, d.procedure_code, d.procedure_name,
      t(/** @type {any} */ ('channel.' + d.channel)), st('dossier', d.status), stamp(d.submitted_at), d.received_at ? stamp(d.received_at) : '',
      d.due_at ? stamp(d.due_at) : '', d.overdue ? t('console.yes') : '', d.result_at ? stamp(d.result_at) : ''])];
    const csv = '\ufeff' + lines.map(l => l.map(cell).join(',')).join('\r\n') + '\r\n';
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = h('a', { href: url, download: 'ho-so-' + new Date().toISOString().slice(0, 10) + '.csv', id: 'export-link' }, t('console.exportReady', { n: all.length }));
    put(status, a);
    a.click();
  } catch (err) {
    put(status, failure(err));
  } finally {
    btn.disabled = false;
  }
}

/**
 * Asks the server for the filtered list as an XLSX workbook and saves it.
 * @param {URLSearchParams} q @param {HTMLElement} status @param {HTMLButtonElement} btn
 */
async function exportXlsx(q, status, btn) {
  btn.disabled = true;
  put(status, t('loading'));
  try {
    /** @type {Response} */
    const res = await call('GET', '/v1/dossiers.xlsx' + (q.size ? '?' + q : ''), { as: 'response' });
    const truncated = res.headers.get('X-Truncated') === 'true';
    const url = URL.createObjectURL(await res.blob());
    const a = h('a', { href: url, download: 'ho-so-' + new Date().toISOString().slice(0, 10) + '.xlsx', id: 'export-xlsx-link' }, t('console.exportXlsxReady'));
    put(status, a, truncated ? h('span', { class: 'hint' }, ' ', t('console.exportTruncated')) : null);
    a.click();
  } catch (err) {
    put(status, failure(err));
  } finally {
    btn.disabled = false;
  }
}
