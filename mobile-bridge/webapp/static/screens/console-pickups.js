// The console's home pickups, without a map: requests grouped by day and window, filtered by
// neighbourhood and status, with those nobody took in time (escalated, "at risk") first; the
// officer assigns or reassigns a volunteer, receives a hand-over, or cancels with a reason.
// Beside it: how the ward dispatches (auto or open pool, escalation delay) and the volunteers'
// duty switches.
import { get, post, call, ApiError } from '../api.js';
import { t, st, day } from '../i18n.js';
import { h, title, field, option, onSubmit, empty, button } from '../view.js';
import { neighborhoods } from '../data.js';
import { go } from '../router.js';
import { table, statusLine, say, opsNav } from './console-kit.js';

/** @typedef {import('../../types/api').components['schemas']} S */

const OPEN = ['requested', 'assigned', 'accepted', 'en_route', 'collected'];
const STATUSES = ['requested', 'assigned', 'accepted', 'en_route', 'collected', 'handed_over', 'failed', 'cancelled'];

/** @type {import('../router.js').Screen} */
export default async function consolePickups({ user, query }) {
  if (!user) return [];
  const hood = query.get('neighborhood_id') || '', status = query.get('status') || '', risk = query.get('at_risk') === 'true';
  const q = new URLSearchParams({ limit: '100' });
  if (hood) q.set('neighborhood_id', hood);
  if (status) q.set('status', status);
  if (risk) q.set('at_risk', 'true');
  /** @type {[S['Pickup'][], S['Neighborhood'][], S['User'][], S['PickupSettings'], S['Procedure'][]]} */
  const [items, hoods, volunteers, settings, procs] = await Promise.all([
    get('/v1/pickups?' + q).then(r => r.items), neighborhoods(user.ward_code),
    get('/v1/users?role=volunteer&active=true&limit=100').then(r => r.items), get('/v1/pickup-settings'),
    get(`/v1/procedures?ward_code=${user.ward_code}&limit=100`).then(r => r.items)]);
  const line = statusLine('msg');
  const flash = sessionStorage.getItem('console.msg');
  if (flash) { sessionStorage.removeItem('console.msg'); say(line, flash); }
  const reload = () => go(location.pathname + location.search, true);
  const hoodName = (/** @type {string} */ id) => hoods.find(n => n.id === id)?.name || '';
  const volName = (/** @type {string | null | undefined} */ id) => volunteers.find(v => v.id === id)?.full_name || (id ? '—' : '');
  // Without a status filter the open requests are shown: what needs dispatching.
  const shown = (status ? items : items.filter(p => OPEN.includes(p.status)))
    .sort((a, b) => Number(!!b.at_risk) - Number(!!a.at_risk) || (a.preferred_date + a.window_start).localeCompare(b.preferred_date + b.window_start));

  const move = async (/** @type {S['Pickup']} */ p, /** @type {Record<string, unknown>} */ body, /** @type {string} */ done) => {
    try { await post(`/v1/pickups/${p.id}/transitions`, body); sessionStorage.setItem('console.msg', done); reload(); } catch (err) { say(line, err, false); }
  };
  const rows = shown.map(p => {
    const sel = h('select', { id: 'vol-' + p.id, 'aria-label': t('console.pickup.volunteerFor', { address: p.address }) },
      option('', '—'),
      // Those on duty first, then the neighbourhood's own.
      [...volunteers].sort((a, b) => Number(!!b.on_duty) - Number(!!a.on_duty) ||
        Number(b.neighborhood_id === p.neighborhood_id) - Number(a.neighborhood_id === p.neighborhood_id))
        .map(v => option(v.id, `${v.full_name} · ${hoodName(v.neighborhood_id || '')}${v.on_duty ? ' · ' + t('console.pickup.onDuty') : ''}`, v.id === p.volunteer_id)));
    const canAssign = p.status === 'requested' || p.status === 'assigned';
    const actions = h('div', { class: 'row' },
      canAssign ? [sel, button(p.volunteer_id ? t('console.pickup.reassign') : t('console.pickup.assign'), () => {
        if (!sel.value) { say(line, new ApiError(422, 'validation_failed', t('console.pickup.chooseVolunteer')), false); return; }
        void move(p, { to: 'assigned', volunteer_id: sel.value }, t('console.pickup.assigned', { name: volName(sel.value) }));
      }, { class: 'btn small primary', 'data-assign': p.id })] : null,
      p.status === 'collected' ? button(t('console.pickup.receive'), () => void move(p, { to: 'handed_over' }, t('console.pickup.received')), { class: 'btn small', 'data-receive': p.id }) : null,
      ['requested', 'assigned', 'accepted'].includes(p.status) ? button(t('console.pickup.cancel'), () => {
        const reason = prompt(t('console.pickup.cancelWhy'));
        if (reason) void move(p, { to: 'cancelled', reason }, t('console.pickup.cancelled'));
      }, { class: 'btn small danger' }) : null);
    return [h('span', null, day(p.preferred_date), h('br'), `${p.window_start}–${p.window_end}`), hoodName(p.neighborhood_id),
      h('span', null, p.address, p.note ? [h('br'), h('span', { class: 'muted' }, p.note)] : null),
      h('span', null, p.applicant_name || '', p.contact_phone ? [h('br'), p.contact_phone] : null),
      [t(/** @type {any} */ ('reason.' + p.reason)), p.procedure_id ? [h('br'), procs.find(x => x.id === p.procedure_id)?.name || ''] : null],
      h('span', null, h('span', { class: 'badge' }, st('pickup', p.status)), p.at_risk ? h('span', { class: 'badge late' }, t('console.pickup.atRisk')) : null),
      volName(p.volunteer_id), actions];
  });

  const filters = h('form', { id: 'pickup-filters', class: 'inline-form', role: 'search' },
    field('neighborhood_id', t('pickup.neighborhood'), { tag: 'select', options: [option('', t('console.ops.all')), ...hoods.map(n => option(n.id, n.name, n.id === hood))] }),
    field('status', t('track.status'), { tag: 'select', options: [option('', t('console.pickup.open')), ...STATUSES.map(s => option(s, st('pickup', s), s === status))] }),
    h('label', { class: 'check', for: 'at_risk' }, h('input', { type: 'checkbox', id: 'at_risk', name: 'at_risk', value: 'true', checked: risk }), t('console.pickup.onlyAtRisk')),
    h('button', { type: 'submit', class: 'btn' }, t('console.ops.filter')));
  onSubmit(filters, async v => {
    const p = new URLSearchParams();
    for (const [k, x] of Object.entries(v)) if (x) p.set(k, x);
    go('/console/pickups' + (p.size ? '?' + p : ''));
  });

  const setForm = h('form', { id: 'settings-form', novalidate: true },
    field('dispatch_mode', t('console.pickup.mode'), { tag: 'select', options: [option('auto', t('console.pickup.auto'), settings.dispatch_mode === 'auto'),
      option('open', t('console.pickup.openPool'), settings.dispatch_mode === 'open')] }),
    field('escalate_after_minutes', t('console.pickup.escalate'), { type: 'number', min: 5, max: 1440, value: settings.escalate_after_minutes }, t('console.pickup.escalateHint')),
    h('button', { type: 'submit', class: 'btn primary' }, t('console.ops.save')));
  onSubmit(setForm, async v => {
    await call('PUT', '/v1/pickup-settings', { body: { dispatch_mode: v.dispatch_mode, escalate_after_minutes: Number(v.escalate_after_minutes) } });
    say(line, t('console.ops.saved'));
  });

  // Each volunteer's duty state comes with the list (on_duty); the button switches it.
  const dutyRows = volunteers.map(v => {
    let on = !!v.on_duty;
    const state = h('span', { class: 'badge', id: 'duty-' + v.id });
    const btn = h('button', { type: 'button', class: 'btn small', 'data-duty': v.id });
    const show = () => {
      state.textContent = on ? t('console.pickup.onDuty') : t('console.pickup.offDuty');
      state.className = 'badge' + (on ? ' s-completed' : '');
      btn.textContent = on ? t('console.pickup.endDuty') : t('console.pickup.startDuty');
      btn.setAttribute('aria-label', t(on ? 'console.pickup.endDutyFor' : 'console.pickup.startDutyFor', { name: v.full_name }));
    };
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        await call('PUT', `/v1/volunteers/${v.id}/duty`, { body: { on_duty: !on } });
        on = !on;
        show();
        say(line, t('console.pickup.dutySet', { name: v.full_name, state: on ? t('console.pickup.onDuty') : t('console.pickup.offDuty') }));
      } catch (err) { say(line, err, false); } finally { btn.disabled = false; }
    });
    show();
    return [v.full_name, hoodName(v.neighborhood_id || ''), state, btn];
  });

  return [opsNav('/console/pickups'), title(t('console.pickups.title')), filters, line,
    shown.length ? table('pickups-table', t('console.pickups.title'), [t('pickup.window'), t('pickup.neighborhood'), t('pickup.address'), t('console.pickup.person'),
      t('pickup.reason'), t('track.status'), t('console.role.volunteer'), ''], rows) : empty(t('console.pickups.none')),
    h('div', { class: 'console-cols' },
      h('section', { class: 'card', 'aria-labelledby': 'duty-h' }, h('h3', { id: 'duty-h' }, t('console.pickup.volunteers')),
        h('p', { class: 'hint' }, t('console.pickup.dutyHint')),
        dutyRows.length ? table('duty-table', t('console.pickup.volunteers'), [t('register.name'), t('pickup.neighborhood'), t('track.status'), ''], dutyRows) : empty(t('console.pickup.noVolunteers'))),
      h('section', { class: 'card', 'aria-labelledby': 'set-h' }, h('h3', { id: 'set-h' }, t('console.pickup.settings')), setForm))];
}
