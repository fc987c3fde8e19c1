// Small pieces the console's operation screens share (sessions, pickups, postal, admin, stats):
// a data table, a list of checkboxes, the ward's staff and procedures, a status line.
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { h, put, failure, field, option, onSubmit } from '../view.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/**
 * A table with a caption and column headers (keyboard and screen-reader friendly).
 * @param {string} id @param {string} caption @param {string[]} heads
 * @param {import('../view.js').Nodes[][]} rows each row's cells
 */
export function table(id, caption, heads, rows) {
  return h('div', { class: 'table-wrap' }, h('table', { id, class: 'grid' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, heads.map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', null, rows.map(r => h('tr', null, r.map(c => h('td', null, c)))))));
}

/**
 * A fieldset of checkboxes named `name`, one per item.
 * @param {string} name @param {string} legend @param {{value: string, label: string}[]} items @param {string[]} [checked]
 */
export function checks(name, legend, items, checked = []) {
  return h('fieldset', { class: 'checks', id: name },
    h('legend', null, legend),
    items.map((x, i) => h('label', { class: 'check', for: `${name}-${i}` },
      h('input', { type: 'checkbox', id: `${name}-${i}`, name, value: x.value, checked: checked.includes(x.value) }), x.label)));
}

/** The values of the checked boxes named `name` inside a form. @param {HTMLElement} form @param {string} name */
export function checked(form, name) {
  return Array.from(form.querySelectorAll(`input[name="${name}"]:checked`), el => /** @type {HTMLInputElement} */ (el).value);
}

/** A polite status line for the outcome of an action. */
export function statusLine(/** @type {string} */ id) {
  return h('div', { id, role: 'status', class: 'status-line' });
}

/** Says an action went well (or shows its error) in a status line. @param {HTMLElement} line @param {string | unknown} msg @param {boolean} [ok] */
export function say(line, msg, ok = true) {
  put(line, ok ? h('p', { class: 'ok' }, String(msg)) : failure(msg));
}

/** The ward's active staff (officers, admins, volunteers). @returns {Promise<S['User'][]>} */
export async function staff() {
  const lists = await Promise.all(['officer', 'volunteer', 'admin'].map(r => get(`/v1/users?active=true&role=${r}&limit=100`)));
  return /** @type {S['User'][]} */ (lists.flatMap(l => l.items));
}

/** The ward's procedure catalogue. @param {string} ward @returns {Promise<S['Procedure'][]>} */
export async function procedures(ward) {
  return (await get(`/v1/procedures?ward_code=${encodeURIComponent(ward)}&limit=100`)).items;
}

/** The console's sub-menu (operations): the current page marked (the longest path it is under). @param {string} here */
export function opsNav(here) {
  /** @type {[string, import('../i18n.js').Key][]} */
  const items = [['/console/sessions', 'console.ops.nav.sessions'], ['/console/pickups', 'console.ops.nav.pickups'],
    // console: people
    ['/console/pickups/new', 'console.people.nav.pickupNew'], ['/console/representations', 'console.people.nav.representations'],
    ['/console/postal', 'console.ops.nav.postal'], ['/console/stats', 'console.ops.nav.stats'], ['/console/admin/users', 'console.ops.nav.admin']];
  const under = (/** @type {string} */ p) => here.startsWith(p.replace(/\/users$/, ''));
  const current = items.map(([p]) => p).filter(under).sort((a, b) => b.length - a.length)[0];
  return h('nav', { class: 'subnav', 'aria-label': t('console.ops.nav.label') }, items.map(([p, k]) =>
    h('a', { href: p, 'aria-current': p === current ? 'page' : null }, t(k))));
}

// h-checkin: a phone as people write it
/** A phone in the national form people read (+84912345678 → 0912 345 678); others as stored. @param {string | null | undefined} p */
export function nationalPhone(p) {
  if (!p) return '';
  const m = /^\+84(\d{9})$/.exec(p);
  return m ? `0${m[1].slice(0, 3)} ${m[1].slice(3, 6)} ${m[1].slice(6)}` : p;
}

/**
 * The walk-in form of a session (the session's page and its check-in desk): a name, a phone and
 * a procedure, checked in at once; done gets the booking made and what was typed.
 * @param {string} session @param {S['Procedure'][]} procs
 * @param {(b: S['Booking'], v: Record<string, string>) => void | Promise<void>} done
 */
export function walkInForm(session, procs, done) {
  const form = h('form', { id: 'walkin-form', class: 'inline-form', novalidate: true },
    field('name', t('checkin.walkinName'), { required: true }),
    field('phone', t('phone'), { type: 'tel' }),
    field('procedure_id', t('pickup.procedure'), { tag: 'select', options: [option('', '—'), ...procs.filter(p => p.active).map(p => option(p.id, p.name))] }),
    h('button', { type: 'submit', class: 'btn' }, t('checkin.walkinSubmit')));
  onSubmit(form, async v => {
    /** @type {S['Booking']} */
    const b = await post(`/v1/sessions/${session}/check-ins`, { name: v.name, phone: v.phone || undefined, procedure_id: v.procedure_id || undefined });
    await done(b, v);
  });
  return form;
}
