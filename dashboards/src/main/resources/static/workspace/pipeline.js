// "My pipeline by stage": the caller's open opportunities (GET /api/v1/opportunities?ownerId=<me>, every
// page), grouped by stage. A deal moves with PATCH and If-Match carrying the version it was read at, so a
// change made elsewhere meanwhile is refused (409/412) instead of overwritten; the row is then re-read.
import {authorizedFetch, json, problemOf} from '../app/session.js';
import {dateTime, money, t} from '../app/i18n.js';
import {recordPage} from '../record/links.js';

export const OPEN_STAGES = ['PROSPECTING', 'QUALIFICATION', 'NEEDS_ANALYSIS', 'PROPOSAL', 'NEGOTIATION'];
const TARGET_STAGES = [...OPEN_STAGES, 'CLOSED_WON', 'CLOSED_LOST'];
const PAGE_SIZE = 100;

export class PipelinePanel {

  constructor(container, message, ownerId) {
    this.container = container;
    this.message = message;
    this.ownerId = ownerId;
    this.deals = new Map(); // id -> opportunity as the api last answered it
    this.moved = null;      // id of the deal just moved, highlighted once
  }

  async load() {
    this.deals.clear();
    let cursor = null;
    try {
      do {
        const params = new URLSearchParams({ownerId: this.ownerId, limit: String(PAGE_SIZE)});
        if (cursor) params.set('cursor', cursor);
        const page = await json('/api/v1/opportunities?' + params);
        page.items.forEach(o => this.deals.set(o.id, o));
        cursor = page.nextCursor;
      } while (cursor);
    } catch (e) {
      this.show(t('pipeline.loadFailed', {detail: e.message}));
    }
    this.draw();
  }

  /** Moves a deal; on a conflict or a refusal says why (the problem's detail) and re-reads the deal. */
  async move(id, stage) {
    const deal = this.deals.get(id);
    const res = await authorizedFetch('/api/v1/opportunities/' + encodeURIComponent(id), {
      method: 'PATCH',
      headers: {'Content-Type': 'application/json', 'If-Match': `"${deal.version}"`},
      body: JSON.stringify({stage})
    });
    if (res.ok) {
      this.deals.set(id, await res.json());
      this.moved = id;
      this.show(null);
    } else {
      const problem = await problemOf(res);
      const key = res.status === 409 || res.status === 412 ? 'pipeline.conflict' : 'pipeline.refused';
      this.show(t(key, {name: deal.name, detail: problem.detail || problem.title || `HTTP ${res.status}`}));
      await this.reread(id);
    }
    this.draw();
  }

  async reread(id) {
    try {
      this.deals.set(id, await json('/api/v1/opportunities/' + encodeURIComponent(id)));
    } catch (e) {
      this.deals.delete(id); // gone (deleted or given to someone else): no longer mine to show
    }
  }

  show(text) {
    this.message.hidden = !text;
    this.message.textContent = text || '';
  }

  draw() {
    const open = [...this.deals.values()].filter(o => OPEN_STAGES.includes(o.stage));
    if (!open.length) {
      const none = document.createElement('p');
      none.id = 'pipeline-empty';
      none.textContent = t('pipeline.none');
      this.container.replaceChildren(none);
      return;
    }
    this.container.replaceChildren(...OPEN_STAGES
        .map(stage => [stage, open.filter(o => o.stage === stage)])
        .filter(([, deals]) => deals.length)
        .map(([stage, deals]) => this.group(stage, deals)));
    this.moved = null;
  }

  group(stage, deals) {
    const section = document.createElement('section');
    section.className = 'stage-group';
    section.dataset.stage = stage;
    const h3 = document.createElement('h3');
    h3.textContent = t('stage.' + stage);
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = t('pipeline.count', {count: deals.length});
    h3.append(count);
    const table = document.createElement('table');
    table.className = 'deals';
    const head = table.createTHead().insertRow();
    for (const key of ['pipeline.deal', 'pipeline.amount', 'pipeline.close', 'pipeline.updated', 'pipeline.move']) {
      const th = document.createElement('th');
      th.textContent = t(key);
      head.append(th);
    }
    const body = table.createTBody();
    deals.sort((a, b) => String(a.expectedCloseDate).localeCompare(String(b.expectedCloseDate)))
        .forEach(deal => body.append(this.row(deal)));
    section.append(h3, table);
    return section;
  }

  row(deal) {
    const tr = document.createElement('tr');
    tr.dataset.id = deal.id;
    tr.dataset.version = deal.version;
    if (deal.id === this.moved) tr.className = 'moved';
    const name = tr.insertCell();
    const link = document.createElement('a');
    link.href = recordPage('/api/v1/opportunities/' + encodeURIComponent(deal.id));
    link.textContent = deal.name;
    name.append(link);
    const amount = tr.insertCell();
    amount.className = 'amount';
    amount.textContent = `${money(deal.amount)} ${deal.currency}`;
    tr.insertCell().textContent = deal.expectedCloseDate || '';
    tr.insertCell().textContent = deal.updatedAt ? dateTime(deal.updatedAt) : '';
    const select = document.createElement('select');
    select.className = 'move';
    select.setAttribute('aria-label', t('pipeline.move'));
    select.replaceChildren(...TARGET_STAGES.map(s => new Option(t('stage.' + s), s, false, s === deal.stage)));
    select.addEventListener('change', () => this.move(deal.id, select.value));
    tr.insertCell().append(select);
    return tr;
  }
}
