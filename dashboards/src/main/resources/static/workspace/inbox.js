// "My alerts": the caller's notifier inbox (GET /notifier/v1/inbox, newest first, keyset-paged), its unread
// count, marking one alert read or unread (PATCH /notifier/v1/inbox/{id}), and alerts pushed live on STOMP
// /user/queue/alerts put on top; "mark all read" (POST /notifier/v1/inbox/mark-all-read) through the newest alert
// shown, so one that arrives while the user clicks stays unread.
import {authorizedFetch, json, problemOf} from '../app/session.js';
import {dateTime, t} from '../app/i18n.js';
import {recordPage} from '../record/links.js';

const PAGE_SIZE = 20;

export class InboxPanel {

  constructor(root) {
    this.list = root.querySelector('#inbox-items');
    this.count = root.querySelector('#inbox-unread');
    this.message = root.querySelector('#inbox-message');
    this.more = root.querySelector('#inbox-more');
    this.unreadOnly = root.querySelector('#inbox-unread-only');
    this.markAllButton = root.querySelector('#inbox-mark-all');
    this.alerts = [];        // as the notifier last answered, newest first
    this.unread = null;      // the notifier's unreadCount, kept up to date by pushes and marks
    this.nextCursor = null;
    this.fresh = new Set();  // ids pushed while open, highlighted
    this.arrivedAt = new Map(); // id → Date.now() when its push arrived (data-arrived-at: latency is measurable)
    this.loading = null;     // {seq, pushed: []} while a first-page read is in flight
    this.seq = 0;
    this.more.addEventListener('click', () => this.loadMore());
    this.unreadOnly.addEventListener('change', () => this.load());
    this.markAllButton.addEventListener('click', () => this.markAll());
  }

  /** Reads the first page again (at start, on the unread filter, after each STOMP (re)connect). */
  async load() {
    const loading = {seq: ++this.seq, pushed: []};
    this.loading = loading;
    try {
      const page = await json('/notifier/v1/inbox?' + this.params(null));
      if (loading.seq !== this.seq) return; // a newer read (filter changed, reconnected) answers instead
      this.alerts = page.items;
      this.unread = page.unreadCount;
      this.nextCursor = page.nextCursor;
      // An alert pushed while the read was in flight may have been stored after the read's query ran:
      // keep it on top (and count it) unless the answer already has it.
      for (const alert of loading.pushed) {
        if (!this.alerts.some(a => a.id === alert.id)) {
          this.alerts.unshift(alert);
          if (!alert.read) this.unread++;
        }
      }
      this.show(null);
    } catch (e) {
      if (loading.seq !== this.seq) return;
      this.show(t('inbox.loadFailed', {detail: e.message}));
    } finally {
      if (this.loading === loading) this.loading = null;
    }
    this.draw();
  }

  async loadMore() {
    if (!this.nextCursor) return;
    const seq = this.seq;
    try {
      const page = await json('/notifier/v1/inbox?' + this.params(this.nextCursor));
      if (seq !== this.seq) return;
      const known = new Set(this.alerts.map(a => a.id));
      this.alerts.push(...page.items.filter(a => !known.has(a.id)));
      this.unread = page.unreadCount;
      this.nextCursor = page.nextCursor;
      this.show(null);
    } catch (e) {
      this.show(t('inbox.loadFailed', {detail: e.message}));
    }
    this.draw();
  }

  params(cursor) {
    const params = new URLSearchParams({limit: String(PAGE_SIZE)});
    if (this.unreadOnly.checked) params.set('unread', 'true');
    if (cursor) params.set('cursor', cursor);
    return params;
  }

  /** A STOMP MESSAGE on /user/queue/alerts: one AlertView, the notifier's inbox shape. */
  pushed(body) {
    const alert = JSON.parse(body);
    if (this.loading) this.loading.pushed.push(alert);
    if (this.alerts.some(a => a.id === alert.id)) return;
    this.alerts.unshift(alert);
    this.fresh.add(alert.id);
    this.arrivedAt.set(alert.id, Date.now());
    if (!alert.read && this.unread !== null) this.unread++;
    this.draw();
  }

  /** Marks one alert read or unread; the notifier's answer replaces the row, the count follows. */
  async mark(id, read) {
    const alert = this.alerts.find(a => a.id === id);
    if (!alert) return;
    try {
      const res = await authorizedFetch('/notifier/v1/inbox/' + encodeURIComponent(id), {
        method: 'PATCH',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({read}),
        // opening an alert's link marks it read; the request must outlive the page when the link replaces it
        keepalive: true
      });
      if (!res.ok) {
        const problem = await problemOf(res);
        this.show(t('inbox.markFailed', {title: alert.title, detail: problem.detail || problem.title || `HTTP ${res.status}`}));
        return;
      }
      const answer = await res.json();
      const current = this.alerts.find(a => a.id === id);
      if (current && current.read !== answer.read && this.unread !== null) this.unread += answer.read ? -1 : 1;
      this.alerts = this.alerts.map(a => (a.id === id ? answer : a));
      this.fresh.delete(id);
      this.show(null);
    } catch (e) {
      this.show(t('inbox.markFailed', {title: alert.title, detail: e.message}));
    }
    this.draw();
  }

  /**
   * Marks read every alert up to the newest one shown (the notifier leaves later ones unread), then reads the
   * first page again: the answer's count includes alerts not shown yet, which only a fresh read lists.
   */
  async markAll() {
    const newest = this.alerts.map(a => a.createdAt).sort().pop();
    if (!newest) return;
    this.markAllButton.disabled = true;
    try {
      const res = await authorizedFetch('/notifier/v1/inbox/mark-all-read', {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({through: newest})
      });
      if (!res.ok) {
        const problem = await problemOf(res);
        this.show(t('inbox.markAllFailed', {detail: problem.detail || problem.title || `HTTP ${res.status}`}));
        return;
      }
      this.fresh.clear();
      await this.load();
    } catch (e) {
      this.show(t('inbox.markAllFailed', {detail: e.message}));
    } finally {
      this.markAllButton.disabled = false;
      this.draw();
    }
  }

  show(text) {
    this.message.hidden = !text;
    this.message.textContent = text || '';
  }

  draw() {
    this.count.dataset.value = this.unread === null ? '' : String(this.unread);
    this.count.textContent = this.unread === null ? '' : t('inbox.unread', {count: this.unread});
    this.count.classList.toggle('none', !this.unread);
    this.more.hidden = !this.nextCursor;
    this.markAllButton.hidden = !this.unread || !this.alerts.length;
    // "unread only" shows what was unread when read; one marked read meanwhile stays until the next read
    if (!this.alerts.length) {
      const none = document.createElement('li');
      none.className = 'empty';
      none.textContent = t(this.unreadOnly.checked ? 'inbox.noneUnread' : 'inbox.none');
      this.list.replaceChildren(none);
      return;
    }
    this.list.replaceChildren(...this.alerts.map(a => this.item(a)));
  }

  item(alert) {
    const li = document.createElement('li');
    li.className = 'alert';
    li.dataset.id = alert.id;
    li.dataset.kind = alert.kind;
    li.classList.toggle('unread', !alert.read);
    li.classList.toggle('fresh', this.fresh.has(alert.id));
    if (this.arrivedAt.has(alert.id)) li.dataset.arrivedAt = String(this.arrivedAt.get(alert.id));
    const title = document.createElement(safeLink(alert.link) ? 'a' : 'span');
    title.className = 'title';
    title.textContent = alert.title;
    if (title.tagName === 'A') {
      // a record the record page shows opens there, not as the api's JSON
      title.href = recordPage(alert.link) || alert.link;
      title.addEventListener('click', () => { if (!alert.read) this.mark(alert.id, true); });
    }
    const when = document.createElement('time');
    when.dateTime = alert.createdAt;
    when.textContent = dateTime(alert.createdAt);
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'mark';
    toggle.textContent = t(alert.read ? 'inbox.markUnread' : 'inbox.markRead');
    toggle.addEventListener('click', () => this.mark(alert.id, !alert.read));
    const head = document.createElement('div');
    head.className = 'head';
    head.append(title, when, toggle);
    li.append(head);
    if (alert.body) {
      const body = document.createElement('p');
      body.className = 'body';
      body.textContent = alert.body;
      li.append(body);
    }
    return li;
  }
}

/** Only a path of this site is followed: an alert's link comes from rule data, never a script or another origin. */
function safeLink(link) {
  return typeof link === 'string' && link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\');
}
