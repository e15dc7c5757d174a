// "My activities and tasks due": the caller's open activities (GET /api/v1/activities?ownerId=<me>&completed=false)
// and open or in-progress tasks (GET /api/v1/tasks?assigneeId=<me>&status=…), each with dueBefore = now + the horizon,
// every page followed. The api filters only by an upper bound on the due time and sorts only by creation or
// name, so everything overdue comes with it and the page orders by due time itself. Items without a due time
// are not "due" and the api's dueBefore leaves them out. "Done" completes an activity (POST …/complete) or a task
// (PATCH status DONE), each with If-Match carrying the version read, so a change made elsewhere meanwhile is
// refused (409) and the list read again instead of completing something the user did not see.
import {authorizedFetch, everyItem, problemOf} from '../app/session.js';
import {dateTime, t} from '../app/i18n.js';
import {recordPage} from '../record/links.js';

export const HORIZON_DAYS = 7;
// The api's task list takes one status at a time.
const TASK_STATUSES = ['OPEN', 'IN_PROGRESS'];

export class AgendaPanel {

  constructor(root, userId) {
    this.table = root.querySelector('#agenda-items');
    this.message = root.querySelector('#agenda-message');
    this.userId = userId;
    this.items = null; // [{kind: 'activity'|'task', id, what, subject, due}] once read
    this.seq = 0;
  }

  async load() {
    const seq = ++this.seq;
    const dueBefore = new Date(Date.now() + HORIZON_DAYS * 86400000).toISOString();
    try {
      const [activities, ...tasks] = await Promise.all([
        everyItem('/api/v1/activities', {ownerId: this.userId, completed: 'false', dueBefore}),
        ...TASK_STATUSES.map(status => everyItem('/api/v1/tasks', {assigneeId: this.userId, status, dueBefore}))]);
      if (seq !== this.seq) return;
      this.items = [
        ...activities.map(a => ({kind: 'activity', id: a.id, what: a.type, subject: a.subject, due: a.dueAt, version: a.version})),
        ...tasks.flat().map(k => ({kind: 'task', id: k.id, what: 'TASK_' + k.status, subject: k.title, due: k.due, version: k.version}))]
          .filter(i => i.due)
          .sort((a, b) => Date.parse(a.due) - Date.parse(b.due) || a.id.localeCompare(b.id));
      this.show(null);
    } catch (e) {
      if (seq !== this.seq) return;
      this.show(t('agenda.loadFailed', {detail: e.message}));
    }
    this.draw();
  }

  /** Completes one item; on success it leaves the list, on a 409 the list is read again. */
  async complete(item, button) {
    const id = encodeURIComponent(item.id);
    const request = item.kind === 'task'
      ? ['/api/v1/tasks/' + id, {method: 'PATCH', headers: {'Content-Type': 'application/json', 'If-Match': `"${item.version}"`},
        body: JSON.stringify({status: 'DONE'})}]
      : ['/api/v1/activities/' + id + '/complete', {method: 'POST', headers: {'If-Match': `"${item.version}"`}}];
    button.disabled = true;
    try {
      const res = await authorizedFetch(...request);
      if (res.ok) {
        this.items = this.items.filter(i => i !== item);
        this.show(null);
      } else if (res.status === 409) {
        await this.load();
        this.show(t('agenda.changed', {subject: item.subject}));
        return;
      } else {
        const problem = await problemOf(res);
        this.show(t('agenda.doneFailed', {subject: item.subject, detail: problem.detail || problem.title || `HTTP ${res.status}`}));
      }
    } catch (e) {
      this.show(t('agenda.doneFailed', {subject: item.subject, detail: e.message}));
    }
    button.disabled = false;
    this.draw();
  }

  show(text) {
    this.message.hidden = !text;
    this.message.textContent = text || '';
  }

  draw() {
    const meta = this.table.closest('section').querySelector('.meta');
    meta.textContent = t('agenda.meta', {days: HORIZON_DAYS});
    if (this.items === null) return;
    const body = this.table.tBodies[0];
    if (!this.items.length) {
      const tr = document.createElement('tr');
      tr.className = 'empty';
      const td = tr.insertCell();
      td.colSpan = 4;
      td.textContent = t('agenda.none', {days: HORIZON_DAYS});
      body.replaceChildren(tr);
      return;
    }
    const now = Date.now();
    body.replaceChildren(...this.items.map(item => this.row(item, now)));
  }

  row(item, now) {
    const tr = document.createElement('tr');
    tr.dataset.kind = item.kind;
    tr.dataset.id = item.id;
    const overdue = Date.parse(item.due) < now;
    tr.classList.toggle('overdue', overdue);
    const due = tr.insertCell();
    due.className = 'due';
    const when = document.createElement('time');
    when.dateTime = item.due;
    when.textContent = dateTime(item.due);
    due.append(when);
    if (overdue) {
      const flag = document.createElement('span');
      flag.className = 'flag';
      flag.textContent = t('agenda.overdue');
      due.append(flag);
    }
    tr.insertCell().textContent = t('agenda.kind.' + item.what);
    const link = document.createElement('a');
    // activities and tasks open their record page
    link.href = recordPage(`/api/v1/${item.kind === 'task' ? 'tasks' : 'activities'}/${encodeURIComponent(item.id)}`);
    link.textContent = item.subject;
    tr.insertCell().append(link);
    const done = document.createElement('button');
    done.type = 'button';
    done.className = 'done';
    done.textContent = t('agenda.done');
    done.addEventListener('click', () => this.complete(item, done));
    tr.insertCell().append(done);
    return tr;
  }
}
