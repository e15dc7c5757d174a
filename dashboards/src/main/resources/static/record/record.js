// A read-only record page: /record.html?type=opportunity|account|contact|activity|task&id=… reads the record from the api
// (GET /api/v1/<plural>/{id}, the caller's own data scope applies there) and shows what a rep needs from it, with
// instants in the user's zone and money in the page's language. The workspace's alert links open it instead of the
// api's JSON. It belongs to the workspace (the same roles); the api alone decides whether the record may be seen.
import {start} from '../app/chrome.js';
import {authorizedFetch, problemOf} from '../app/session.js';
import {dateTime, language, money, number, t} from '../app/i18n.js';

/** type → the api's collection and the fields shown, in order: [label key, value of the record]. */
const TYPES = {
  opportunity: {
    path: 'opportunities',
    name: r => r.name,
    fields: [
      ['record.account', r => link('account', r.accountId, r.accountName)],
      ['record.stage', r => t('stage.' + r.stage)],
      ['record.amount', r => r.amount == null ? null : `${money(r.amount)} ${r.currency}`, 'money'],
      ['record.amountBase', r => r.amountBase == null ? null : money(r.amountBase), 'money'],
      ['record.probability', r => r.probability == null ? null : number(r.probability / 100, {style: 'percent'})],
      ['record.forecastCategory', r => r.forecastCategory],
      ['record.expectedClose', r => calendarDate(r.expectedCloseDate)],
      ['record.closedAt', r => instant(r.closedAt)],
      ['record.lostReason', r => r.lostReason],
      ['record.source', r => r.source],
      ['record.competitors', r => (r.competitors && r.competitors.length ? r.competitors.join(', ') : null)],
      ['record.createdAt', r => instant(r.createdAt)],
      ['record.updatedAt', r => instant(r.updatedAt)]
    ]
  },
  account: {
    path: 'accounts',
    name: r => r.name,
    fields: [
      ['record.industry', r => r.industry],
      ['record.region', r => r.region],
      ['record.tier', r => r.tier],
      ['record.accountType', r => r.type],
      ['record.status', r => r.status],
      ['record.parentAccount', r => link('account', r.parentAccountId)],
      ['record.createdAt', r => instant(r.createdAt)],
      ['record.updatedAt', r => instant(r.updatedAt)]
    ]
  },
  contact: {
    path: 'contacts',
    name: r => r.name,
    fields: [
      ['record.account', r => link('account', r.accountId, r.accountName)],
      ['record.jobTitle', r => r.title],
      ['record.phone', r => r.phone],
      ['record.email', r => r.email],
      ['record.birthday', r => calendarDate(r.birthday)],
      ['record.updatedAt', r => instant(r.updatedAt)]
    ]
  },
  activity: {
    path: 'activities',
    name: r => r.subject,
    fields: [
      ['record.activityType', r => (r.type ? t('agenda.kind.' + r.type) : null)],
      ['record.dueAt', r => instant(r.dueAt)],
      ['record.completedAt', r => (r.completedAt ? instant(r.completedAt) : t('record.open'))],
      ['record.account', r => link('account', r.accountId, r.accountName)],
      ['record.opportunity', r => link('opportunity', r.opportunityId, r.opportunityName)],
      ['record.contact', r => link('contact', r.contactId)],
      ['record.notes', r => r.notes],
      ['record.updatedAt', r => instant(r.updatedAt)]
    ]
  },
  task: {
    path: 'tasks',
    name: r => r.title,
    fields: [
      ['record.taskStatus', r => (r.status ? t('record.taskStatus.' + r.status) : null)],
      ['record.dueAt', r => instant(r.due)],
      ['record.account', r => link('account', r.accountId, r.accountName)],
      ['record.opportunity', r => link('opportunity', r.opportunityId, r.opportunityName)],
      ['record.createdAt', r => instant(r.createdAt)],
      ['record.updatedAt', r => instant(r.updatedAt)]
    ]
  }
};


class RecordPage {

  constructor(type, id) {
    this.type = type;
    this.id = id;
    this.record = null;
    this.problem = null; // {key, detail} when the record cannot be shown
  }

  async load() {
    if (!this.type || !this.id) {
      this.problem = {key: 'record.unknown', detail: ''};
      this.draw();
      return;
    }
    const res = await authorizedFetch(`/api/v1/${TYPES[this.type].path}/${encodeURIComponent(this.id)}`);
    if (res.ok) {
      this.record = await res.json();
      // an account or a deal is named by its name, not its id: read them too (a refusal leaves the id, still linked)
      const [accountName, opportunityName] = await Promise.all([
        nameOf('accounts', this.record.accountId),
        this.type === 'opportunity' ? null : nameOf('opportunities', this.record.opportunityId)]);
      if (accountName) this.record.accountName = accountName;
      if (opportunityName) this.record.opportunityName = opportunityName;
    } else {
      const problem = await problemOf(res);
      const key = {404: 'record.notFound', 403: 'record.forbidden'}[res.status] || 'record.failed';
      this.problem = {key, detail: problem.detail || problem.title || `HTTP ${res.status}`};
    }
    this.draw();
  }

  draw() {
    const root = document.getElementById('record');
    const message = document.getElementById('record-message');
    const fields = document.getElementById('record-fields');
    const lines = document.getElementById('record-lines');
    root.dataset.type = this.type || '';
    document.getElementById('record-kind').textContent = this.type ? t('record.kind.' + this.type) : '';
    if (this.problem) {
      root.dataset.state = 'problem';
      document.getElementById('record-name').textContent = '';
      message.hidden = false;
      message.textContent = t(this.problem.key, {kind: this.type ? t('record.noun.' + this.type) : '', detail: this.problem.detail});
      fields.replaceChildren();
      lines.hidden = true;
      return;
    }
    if (!this.record) return;
    root.dataset.state = 'shown';
    message.hidden = true;
    const spec = TYPES[this.type];
    document.getElementById('record-name').textContent = spec.name(this.record) || this.record.id;
    const rows = [];
    for (const [key, value, className] of spec.fields) {
      const shown = value(this.record);
      if (shown === null || shown === undefined || shown === '') continue;
      const dt = document.createElement('dt');
      dt.textContent = t(key);
      const dd = document.createElement('dd');
      dd.dataset.field = key.substring('record.'.length);
      if (className) dd.className = className;
      dd.append(shown);
      rows.push(dt, dd);
    }
    fields.replaceChildren(...rows);
    this.drawLines(lines);
  }

  /** An opportunity's product lines, in its own currency. */
  drawLines(table) {
    const items = this.type === 'opportunity' ? (this.record.lines || []) : [];
    table.hidden = !items.length;
    table.tBodies[0].replaceChildren(...items.map(line => {
      const tr = document.createElement('tr');
      tr.insertCell().textContent = line.productName || line.productCode || '';
      for (const [value, text] of [[line.quantity, number(line.quantity)], [line.unitPrice, money(line.unitPrice)],
        [line.discountPercent, number(line.discountPercent) + ' %'], [line.amount, `${money(line.amount)} ${this.record.currency}`]]) {
        const td = tr.insertCell();
        td.className = 'number';
        td.textContent = value == null ? '' : text;
      }
      return tr;
    }));
  }
}

/** The name of the api's record `/api/v1/<collection>/<id>`, or null (no id, refused, unreachable). */
async function nameOf(collection, id) {
  if (!id) return null;
  try {
    const res = await authorizedFetch(`/api/v1/${collection}/${encodeURIComponent(id)}`);
    return res.ok ? (await res.json()).name : null;
  } catch (e) {
    return null;
  }
}

function link(type, id, name) {
  if (!id) return null;
  const a = document.createElement('a');
  a.href = `/record.html?${new URLSearchParams({type, id})}`;
  a.dataset.type = type;
  a.textContent = name || id;
  return a;
}

function instant(value) {
  return value ? dateTime(value) : null;
}

/** A calendar date (`YYYY-MM-DD`, no time zone: the same day everywhere) as the language writes it. */
function calendarDate(value) {
  if (!value) return null;
  const [y, m, d] = value.split('-').map(Number);
  return new Intl.DateTimeFormat(language() || 'en', {dateStyle: 'medium', timeZone: 'UTC'}).format(new Date(Date.UTC(y, m - 1, d)));
}

// after the classes and functions above: a class is not hoisted
if (await start('workspace')) {
  const params = new URLSearchParams(location.search);
  const type = params.get('type');
  const id = params.get('id');
  const page = new RecordPage(TYPES[type] ? type : null, id);
  window.addEventListener('pulse:language', () => page.draw());
  await page.load();
}
