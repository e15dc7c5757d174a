// "My reminder rules": the caller's rules in the notifier (GET/POST /notifier/v1/rules, PUT/DELETE …/{id}).
// The form writes the notifier's rule JSON (notifier/DESIGN.md "Reminder rules"); the notifier validates it and
// names every bad field, which the form shows beside that field. PUT replaces a rule whole and carries the
// version read as If-Match, so a change made elsewhere meanwhile is refused (409) instead of overwritten.
// A MANAGER chooses a rule's recipients among the people of the teams they manage and below (read from the api's
// team and user lists); the notifier checks the choice again and names a recipient outside that subtree.
import {authorizedFetch, everyItem, json, problemOf} from '../app/session.js';
import {t} from '../app/i18n.js';

export const RULE_TYPES = ['DUE_SOON', 'STALLED_DEALS', 'DORMANT_CUSTOMERS', 'BIRTHDAYS', 'TARGET_AT_RISK', 'PERIODIC_SUMMARY',
  'BIG_DEAL_WON', 'BIG_DEAL_LOST', 'STAGE_MOVED_BACKWARDS'];
const EVENT_TYPES = ['BIG_DEAL_WON', 'BIG_DEAL_LOST', 'STAGE_MOVED_BACKWARDS'];
const REPORTS = ['WON_LAST_MONTH', 'ACTIVITIES_THIS_WEEK', 'SALES_BY_TEAM_LAST_YEAR'];
const CHANNELS = ['IN_APP', 'SMS', 'EMAIL'];
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export class RulesPanel {

  /** me: the caller's user id; manager: whether they may name recipients (the notifier's rule). */
  constructor(root, me = null, manager = false) {
    this.root = root;
    this.me = me;
    this.manager = manager;
    this.people = null;      // for a manager: [{id, name, team}] of their teams and sub-teams, null until read
    this.names = new Map();  // user id → name, for the recipients column
    this.recipientList = root.querySelector('#rule-recipient-list');
    this.table = root.querySelector('#rules-items');
    this.message = root.querySelector('#rules-message');
    this.form = root.querySelector('#rule-form');
    this.errors = root.querySelector('#rule-errors');
    this.rules = null;    // as the notifier last answered
    this.editing = null;  // the rule being edited as read (id, version, recipients), null for a new one
    this.deleting = null; // id whose delete button asks for confirmation
    root.querySelector('#rule-new').addEventListener('click', () => this.open(null));
    this.form.addEventListener('submit', e => {
      e.preventDefault();
      this.save();
    });
    this.form.querySelector('#rule-cancel').addEventListener('click', () => this.close());
    for (const id of ['rule-type', 'rule-schedule-kind', 'rule-window', 'rule-quiet']) {
      this.field(id).addEventListener('change', () => this.showFields());
    }
  }

  field(id) {
    return this.form.querySelector('#' + id);
  }

  async load() {
    try {
      this.rules = (await json('/notifier/v1/rules')).items;
      this.show(null);
    } catch (e) {
      this.show(t('rules.loadFailed', {detail: e.message}));
    }
    if (this.manager && this.people === null) await this.loadPeople();
    await this.loadNames();
    this.draw();
  }

  /**
   * The people a manager may name: the teams they manage (`teams?managerId=`), every team below them
   * (`teams?parentId=`, level by level) and the active users of each (`users?teamId=`), every page followed.
   */
  async loadPeople() {
    try {
      const teams = [];
      const seen = new Set();
      let level = await everyItem('/api/v1/teams', {managerId: this.me});
      while (level.length) {
        const below = [];
        for (const team of level.filter(team => !seen.has(team.id))) {
          seen.add(team.id);
          teams.push(team);
          below.push(...await everyItem('/api/v1/teams', {parentId: team.id}));
        }
        level = below;
      }
      const people = [];
      for (const team of teams) {
        for (const user of await everyItem('/api/v1/users', {teamId: team.id, active: 'true'})) {
          if (!people.some(p => p.id === user.id)) people.push({id: user.id, name: user.name || user.username, team: team.name});
        }
      }
      this.people = people;
      people.forEach(p => this.names.set(p.id, p.name));
    } catch (e) {
      this.people = [];
      this.show(t('rules.peopleFailed', {detail: e.message}));
    }
  }

  /** Names for recipients not among the manager's people (a rule kept from before a team change, a rep's own list). */
  async loadNames() {
    const unknown = new Set((this.rules || []).flatMap(r => r.recipients || [])
        .filter(id => id !== this.me && !this.names.has(id)));
    await Promise.all([...unknown].map(async id => {
      try {
        const user = await json('/api/v1/users/' + encodeURIComponent(id));
        this.names.set(id, user.name || user.username);
      } catch (e) {
        // no name to show: the id stands for the person
      }
    }));
  }

  recipientName(id) {
    return id === this.me ? t('rules.recipients.me') : (this.names.get(id) || id);
  }

  show(text, kind = 'error') {
    this.message.hidden = !text;
    this.message.className = kind;
    this.message.textContent = text || '';
  }

  // --- the list ---

  draw() {
    this.fillSelects();
    if (!this.form.hidden) {
      this.form.querySelector('h3').textContent = this.editing ? t('rules.editTitle', {name: this.editing.name}) : t('rules.newTitle');
    }
    if (this.rules === null) return;
    const body = this.table.tBodies[0];
    if (!this.rules.length) {
      const tr = document.createElement('tr');
      tr.className = 'empty';
      const td = tr.insertCell();
      td.colSpan = 6;
      td.textContent = t('rules.none');
      body.replaceChildren(tr);
      return;
    }
    body.replaceChildren(...this.rules.map(rule => this.row(rule)));
  }

  row(rule) {
    const tr = document.createElement('tr');
    tr.dataset.id = rule.id;
    tr.dataset.version = rule.version;
    tr.classList.toggle('disabled', !rule.enabled);
    tr.insertCell().textContent = rule.name;
    tr.insertCell().textContent = t('ruleType.' + rule.type);
    tr.insertCell().textContent = scheduleText(rule.schedule);
    const recipients = tr.insertCell();
    recipients.className = 'recipients';
    recipients.dataset.ids = (rule.recipients || []).join(' ');
    recipients.textContent = (rule.recipients || []).map(id => this.recipientName(id)).join(', ');
    const channels = rule.channels.map(c => t('channel.' + c)).join(' → ');
    tr.insertCell().textContent = rule.escalation
        ? t('rules.escalatesAfter', {channels, minutes: rule.escalation.afterMinutes}) : channels;
    const actions = tr.insertCell();
    actions.className = 'actions';
    const edit = button(t('rules.edit'), 'edit', () => this.open(rule));
    const del = button(t(this.deleting === rule.id ? 'rules.confirmDelete' : 'rules.delete'), 'delete', () => this.remove(rule));
    actions.append(edit, del);
    return tr;
  }

  async remove(rule) {
    // the first click asks, the second deletes: a rule and its schedule are gone for good
    if (this.deleting !== rule.id) {
      this.deleting = rule.id;
      this.draw();
      return;
    }
    this.deleting = null;
    const res = await authorizedFetch('/notifier/v1/rules/' + encodeURIComponent(rule.id), {
      method: 'DELETE', headers: {'If-Match': `"${rule.version}"`}
    });
    if (res.ok || res.status === 404) {
      this.rules = this.rules.filter(r => r.id !== rule.id);
      if (this.editing && this.editing.id === rule.id) this.close();
      this.show(t('rules.deleted', {name: rule.name}), 'notice');
    } else {
      const problem = await problemOf(res);
      await this.load(); // the rule as it now is (a 409: changed elsewhere since it was read)
      this.show(t(res.status === 409 ? 'rules.conflict' : 'rules.refused',
          {name: rule.name, detail: problem.detail || problem.title || `HTTP ${res.status}`}));
      return;
    }
    this.draw();
  }

  // --- the form ---

  fillSelects() {
    fill(this.field('rule-type'), RULE_TYPES.map(v => [v, t('ruleType.' + v)]));
    fill(this.field('rule-schedule-kind'), ['daily', 'weekly', 'monthly', 'cron'].map(v => [v, t('schedule.' + v)]));
    fill(this.field('rule-weekday'), WEEKDAYS.map(v => [v, t('weekday.' + v)]));
    fill(this.field('rule-window'), ['THIS_MONTH', 'NEXT_DAYS'].map(v => [v, t('rules.window.' + v)]));
    fill(this.field('rule-report'), REPORTS.map(v => [v, t('rules.report.' + v)]));
    fill(this.field('rule-digest'), [['', t('rules.digest.default')], ['true', t('rules.digest.true')], ['false', t('rules.digest.false')]]);
    for (const i of [0, 1, 2]) {
      fill(this.field('rule-channel-' + i), [['', t('channel.none')], ...CHANNELS.map(c => [c, t('channel.' + c)])]);
    }
  }

  /** Opens the form with a rule (edit) or the defaults (new). */
  open(rule) {
    this.editing = rule;
    this.fillSelects();
    const p = (rule && rule.parameters) || {};
    const s = (rule && rule.schedule) || {kind: 'daily', at: '09:00'};
    this.field('rule-name').value = rule ? rule.name : '';
    this.field('rule-type').value = rule ? rule.type : RULE_TYPES[0];
    this.field('rule-type').disabled = false;
    this.field('rule-days').value = p.days ?? '';
    this.field('rule-hours').value = p.hours ?? '';
    this.field('rule-overdue').checked = p.overdue ?? true;
    this.field('rule-window').value = p.window || 'THIS_MONTH';
    this.field('rule-min-amount').value = p.minAmount ?? '';
    this.field('rule-attainment').value = p.attainmentBelowPct ?? '';
    this.field('rule-elapsed').value = p.periodElapsedPct ?? '';
    this.field('rule-report').value = p.report || REPORTS[0];
    this.field('rule-schedule-kind').value = s.kind || 'daily';
    this.field('rule-at').value = s.at || '09:00';
    this.field('rule-weekday').value = s.kind === 'weekly' ? s.day : 'MONDAY';
    this.field('rule-month-day').value = s.kind === 'monthly' ? s.day : '1';
    this.field('rule-expression').value = s.expression || '';
    const channels = rule ? rule.channels : ['IN_APP'];
    for (const i of [0, 1, 2]) this.field('rule-channel-' + i).value = channels[i] || '';
    this.field('rule-escalation').value = rule && rule.escalation ? rule.escalation.afterMinutes : '';
    this.field('rule-quiet').checked = !!(rule && rule.quietHours);
    this.field('rule-quiet-from').value = rule && rule.quietHours ? rule.quietHours.from : '22:00';
    this.field('rule-quiet-to').value = rule && rule.quietHours ? rule.quietHours.to : '07:00';
    this.field('rule-digest').value = rule && rule.digest !== null && rule.digest !== undefined ? String(rule.digest) : '';
    this.field('rule-enabled').checked = rule ? rule.enabled : true;
    this.drawRecipients(rule ? rule.recipients || [] : [this.me]);
    this.form.querySelector('h3').textContent = rule ? t('rules.editTitle', {name: rule.name}) : t('rules.newTitle');
    this.form.dataset.ruleId = rule ? rule.id : '';
    this.markErrors([]);
    this.form.hidden = false;
    this.showFields();
  }

  /**
   * A manager's choice of recipients: me, then the people of each team (a box each), checked as the rule has
   * them; someone the rule names who is no longer among them stays listed (checked) until unchecked. A rep gets none.
   */
  drawRecipients(chosen) {
    const fieldset = this.form.querySelector('#rule-recipients');
    fieldset.hidden = !this.manager;
    if (!this.manager) {
      this.recipientList.replaceChildren();
      return;
    }
    const people = [{id: this.me, name: t('rules.recipients.me'), team: ''}, ...(this.people || []).filter(p => p.id !== this.me)];
    for (const id of chosen) {
      if (!people.some(p => p.id === id)) people.push({id, name: this.recipientName(id), team: t('rules.recipients.elsewhere')});
    }
    this.recipientList.replaceChildren(...people.map(p => {
      const label = document.createElement('label');
      label.className = 'recipient';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = p.id;
      box.checked = chosen.includes(p.id);
      label.append(box, ' ', p.name);
      if (p.team) {
        const team = document.createElement('span');
        team.className = 'hint';
        team.textContent = ` (${p.team})`;
        label.append(team);
      }
      return label;
    }));
  }

  close() {
    this.editing = null;
    this.form.hidden = true;
    this.markErrors([]);
  }

  /** Shows only the inputs the chosen type and schedule kind use. */
  showFields() {
    const type = this.field('rule-type').value;
    const kind = this.field('rule-schedule-kind').value;
    const uses = {
      days: ['STALLED_DEALS', 'DORMANT_CUSTOMERS'].includes(type)
          || (type === 'BIRTHDAYS' && this.field('rule-window').value === 'NEXT_DAYS'),
      hours: type === 'DUE_SOON', overdue: type === 'DUE_SOON', window: type === 'BIRTHDAYS',
      minAmount: EVENT_TYPES.includes(type), schedule: !EVENT_TYPES.includes(type),
      attainment: type === 'TARGET_AT_RISK', report: type === 'PERIODIC_SUMMARY',
      at: kind !== 'cron', weekday: kind === 'weekly', monthDay: kind === 'monthly', expression: kind === 'cron',
      quiet: this.field('rule-quiet').checked
    };
    this.form.querySelectorAll('[data-uses]').forEach(el => {
      el.hidden = !el.dataset.uses.split(' ').every(u => uses[u]);
    });
  }

  /** The notifier's rule JSON for what the form says; only the fields the type and schedule kind use. */
  body() {
    const type = this.field('rule-type').value;
    const parameters = {};
    // not a number: sent as typed, so the notifier names the field and says why
    const number = id => {
      const text = this.field(id).value.trim();
      return text === '' ? undefined : (Number.isFinite(Number(text)) ? Number(text) : text);
    };
    if (['STALLED_DEALS', 'DORMANT_CUSTOMERS'].includes(type)) parameters.days = number('rule-days');
    if (type === 'DUE_SOON') {
      parameters.hours = number('rule-hours');
      parameters.overdue = this.field('rule-overdue').checked;
    }
    if (type === 'BIRTHDAYS') {
      parameters.window = this.field('rule-window').value;
      if (parameters.window === 'NEXT_DAYS') parameters.days = number('rule-days');
    }
    // an empty amount is left out, so the notifier says it is required
    if (EVENT_TYPES.includes(type)) parameters.minAmount = number('rule-min-amount');
    if (type === 'TARGET_AT_RISK') {
      parameters.attainmentBelowPct = number('rule-attainment');
      parameters.periodElapsedPct = number('rule-elapsed');
    }
    if (type === 'PERIODIC_SUMMARY') parameters.report = this.field('rule-report').value;
    const body = {name: this.field('rule-name').value, type, parameters: prune(parameters)};
    if (this.manager) {
      // as chosen; none chosen is sent as such, and the notifier says a rule must reach someone
      body.recipients = [...this.recipientList.querySelectorAll('input:checked')].map(box => box.value);
    } else if (this.editing) {
      body.recipients = this.editing.recipients; // PUT replaces whole: keep who it reaches
    }
    body.channels = [0, 1, 2].map(i => this.field('rule-channel-' + i).value).filter(Boolean);
    // PUT replaces whole: a rule's escalation is sent back unless the field was emptied
    const escalation = number('rule-escalation');
    if (escalation !== undefined) body.escalation = {afterMinutes: escalation};
    if (!EVENT_TYPES.includes(type)) {
      const kind = this.field('rule-schedule-kind').value;
      const at = this.field('rule-at').value.trim();
      body.schedule = {
        daily: {kind, at},
        weekly: {kind, day: this.field('rule-weekday').value, at},
        monthly: {kind, day: number('rule-month-day'), at},
        cron: {kind, expression: this.field('rule-expression').value.trim()}
      }[kind];
    }
    if (this.field('rule-quiet').checked) {
      body.quietHours = {from: this.field('rule-quiet-from').value.trim(), to: this.field('rule-quiet-to').value.trim()};
    }
    const digest = this.field('rule-digest').value;
    if (digest) body.digest = digest === 'true';
    body.enabled = this.field('rule-enabled').checked;
    return body;
  }

  async save() {
    const editing = this.editing;
    const res = await authorizedFetch(editing ? '/notifier/v1/rules/' + encodeURIComponent(editing.id) : '/notifier/v1/rules', {
      method: editing ? 'PUT' : 'POST',
      headers: Object.assign({'Content-Type': 'application/json'}, editing ? {'If-Match': `"${editing.version}"`} : {}),
      body: JSON.stringify(this.body())
    });
    if (res.ok) {
      const rule = await res.json();
      this.rules = editing ? this.rules.map(r => (r.id === rule.id ? rule : r)) : [...(this.rules || []), rule];
      this.close();
      this.show(t('rules.saved', {name: rule.name}), 'notice');
      this.draw();
      return;
    }
    const problem = await problemOf(res);
    const detail = problem.detail || problem.title || `HTTP ${res.status}`;
    if (res.status === 400 && Array.isArray(problem.errors)) {
      this.markErrors(problem.errors);
      this.show(t('rules.invalid'));
    } else if (res.status === 409 && editing) {
      // changed elsewhere since it was read: show the rule as it now is, and say so
      await this.load();
      const current = (this.rules || []).find(r => r.id === editing.id);
      if (current) this.open(current); else this.close();
      this.show(t('rules.conflict', {name: editing.name, detail}));
    } else {
      this.show(t('rules.refused', {name: this.field('rule-name').value, detail}));
    }
  }

  /** Lists the notifier's field problems and marks the inputs they name (data-field, the notifier's JSON path). */
  markErrors(errors) {
    this.form.querySelectorAll('[data-field]').forEach(el => el.removeAttribute('aria-invalid'));
    this.errors.hidden = !errors.length;
    this.errors.replaceChildren(...errors.map(e => {
      const li = document.createElement('li');
      li.dataset.field = e.field;
      li.textContent = `${e.field}: ${e.reason}`;
      // the input of that path; for an object's path (e.g. "escalation") the inputs inside it
      [...this.form.querySelectorAll('[data-field]')].filter(el => e.field === el.dataset.field
          || e.field.startsWith(el.dataset.field + '[') || el.dataset.field.startsWith(e.field + '.'))
          .forEach(input => input.setAttribute('aria-invalid', 'true'));
      return li;
    }));
  }
}

function scheduleText(s) {
  if (!s) return t('schedule.event');
  switch (s.kind) {
    case 'daily': return t('schedule.dailyAt', {at: s.at});
    case 'weekly': return t('schedule.weeklyAt', {day: t('weekday.' + s.day), at: s.at});
    case 'monthly': return t('schedule.monthlyAt', {day: s.day, at: s.at});
    default: return t('schedule.cronText', {expression: s.expression});
  }
}

function fill(select, options) {
  const value = select.value;
  select.replaceChildren(...options.map(([v, label]) => new Option(label, v)));
  if (options.some(([v]) => v === value)) select.value = value;
}

function button(label, className, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function prune(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
