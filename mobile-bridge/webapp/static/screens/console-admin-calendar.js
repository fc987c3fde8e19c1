// The holiday calendar of a year: the named days off (national ones built in, from the
// government's yearly notice) and the make-up working Saturdays, marked "dự kiến" while the
// year's notice is not out. The ward's admin replaces the year's days (a day the law adds
// later, a provisional year confirmed); due dates already computed do not change.
import { get, call, ApiError } from '../api.js';
import { t, day } from '../i18n.js';
import { h, title, field, option, onSubmit, empty } from '../view.js';
import { go } from '../router.js';
import { table, statusLine, say, opsNav } from './console-kit.js';
import { adminNav } from './console-admin-kit.js';

/** @typedef {import('../../types/api').components['schemas']} S */

/** Reads lines "YYYY-MM-DD Name" into days; a bad line is reported by its number. @param {string} text */
export function parseDays(text) {
  /** @type {S['CalendarDay'][]} */
  const out = [];
  /** @type {number[]} */
  const bad = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = line.match(/^(\d{4}-\d{2}-\d{2})\s+(.+)$/);
    if (m) out.push({ date: m[1], name: m[2].trim() }); else bad.push(i + 1);
  });
  return { days: out, bad };
}

/** @type {import('../router.js').Screen} */
export default async function consoleCalendar({ user, query }) {
  if (!user) return [];
  const now = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));
  const year = Number(query.get('year')) || now;
  /** @type {S['Calendar']} */
  const c = await get('/v1/calendar/' + year);
  const line = statusLine('msg');
  const flash = sessionStorage.getItem('console.msg');
  if (flash) { sessionStorage.removeItem('console.msg'); say(line, flash); }
  const pick = h('form', { id: 'year-form', class: 'inline-form' },
    field('year', t('console.cal.year'), { tag: 'select', options: [now - 1, now, now + 1, now + 2].map(y => option(String(y), String(y), y === year)) }),
    h('button', { type: 'submit', class: 'btn' }, t('console.cal.show')));
  onSubmit(pick, async v => go('/console/admin/calendar?year=' + v.year));
  const weekday = (/** @type {string} */ d) => { const w = new Date(d + 'T12:00:00Z').getUTCDay(); return w === 0 || w === 6; };
  const rows = (/** @type {S['CalendarDay'][]} */ xs) => xs.map(x => [day(x.date), x.name, weekday(x.date) ? t('console.cal.weekend') : t('console.cal.weekday')]);
  const heads = [t('console.session.date'), t('console.cal.name'), ''];
  const admin = user.role === 'admin';
  const form = h('form', { id: 'calendar-form', novalidate: true },
    field('holidays', t('console.cal.holidays'), { tag: 'textarea', rows: 10, class: 'mono' }, t('console.cal.linesHint')),
    field('working_days', t('console.cal.workingDays'), { tag: 'textarea', rows: 3, class: 'mono' }, t('console.cal.linesHint')),
    h('label', { class: 'check', for: 'provisional' }, h('input', { type: 'checkbox', id: 'provisional', name: 'provisional', value: '1', checked: c.provisional }), t('console.cal.provisionalBox')),
    h('button', { type: 'submit', class: 'btn primary' }, t('console.ops.save')));
  const lines = (/** @type {S['CalendarDay'][]} */ xs) => xs.map(x => `${x.date} ${x.name}`).join('\n');
  /** @type {HTMLTextAreaElement} */ (form.querySelector('#holidays')).value = lines(c.holidays);
  /** @type {HTMLTextAreaElement} */ (form.querySelector('#working_days')).value = lines(c.working_days);
  onSubmit(form, async v => {
    const hol = parseDays(v.holidays), work = parseDays(v.working_days);
    /** @type {Record<string, string>} */
    const fields = {};
    if (hol.bad.length) fields.holidays = t('console.cal.badLines', { lines: hol.bad.join(', ') });
    if (work.bad.length) fields.working_days = t('console.cal.badLines', { lines: work.bad.join(', ') });
    if (Object.keys(fields).length) throw new ApiError(422, 'validation_failed', '', fields);
    await call('PUT', '/v1/calendar/' + year, { body: { holidays: hol.days, working_days: work.days, provisional: !!v.provisional } });
    sessionStorage.setItem('console.msg', t('console.ops.saved'));
    go('/console/admin/calendar?year=' + year, true);
  });
  return [opsNav('/console/admin'), adminNav('/console/admin/calendar', user.role), title(t('console.cal.title', { year })), pick, line,
    h('p', { id: 'calendar-state' }, c.provisional ? h('span', { class: 'badge late' }, t('console.cal.provisional')) : h('span', { class: 'badge s-completed' }, t('console.cal.official')),
      ' ', c.source ? t('console.cal.source', { source: c.source }) : t('console.cal.wardEdited')),
    h('div', { class: 'console-cols' },
      h('div', null, h('h3', null, t('console.cal.holidays')),
        c.holidays.length ? table('holidays-table', t('console.cal.holidays'), heads, rows(c.holidays)) : empty(t('console.cal.none')),
        h('h3', null, t('console.cal.workingDays')),
        c.working_days.length ? table('working-table', t('console.cal.workingDays'), heads.slice(0, 2), c.working_days.map(x => [day(x.date), x.name])) : empty(t('console.cal.none'))),
      admin ? h('section', { class: 'card', 'aria-labelledby': 'cal-h' }, h('h3', { id: 'cal-h' }, t('console.cal.edit')),
        h('p', { class: 'hint' }, t('console.cal.editHint')), form) : null)];
}
