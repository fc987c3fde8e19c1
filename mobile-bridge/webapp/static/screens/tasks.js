// The volunteer's task list: everything needed for each job on one card, readable offline.
import { t, stamp } from '../i18n.js';
import { h, title, empty, link, button } from '../view.js';
import { loadTasks, procedure } from '../tasks-data.js';
import { taskFacts } from './task.js';
import { refused, acknowledge } from '../queue.js';
import { render } from '../router.js';

/** @type {import('../router.js').Screen} */
export default async function tasks() {
  const { items, at, offline } = await loadTasks();
  const open = items.filter(p => !['handed_over', 'cancelled', 'failed'].includes(p.status));
  const conflicts = await refused();
  const procs = await Promise.all(open.map(p => p.procedure_id ? procedure(p.procedure_id) : Promise.resolve(undefined)));
  return [title(t('tasks.title')),
    offline ? h('p', { class: 'net-inline', role: 'status' }, t('offline'), ' ', t('tasks.saved', { at: stamp(at) })) : null,
    conflicts.length ? h('div', { class: 'form-error', role: 'alert', id: 'conflicts' },
      h('ul', null, conflicts.map(c => h('li', null, t('queue.conflict', { what: c.action.label, why: c.message })))),
      button(t('queue.ack'), async () => { await acknowledge(); await render(); })) : null,
    open.length ? h('ul', { class: 'list' }, open.map((p, i) => h('li', { class: 'card task', 'data-task': p.id },
      taskFacts(p, procs[i]), link('/tasks/' + p.id, t('task.open')))))
      : empty(t('tasks.none'))];
}
