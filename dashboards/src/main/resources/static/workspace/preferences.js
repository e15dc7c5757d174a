// "Notification preferences": the caller's own preferences in the notifier (GET/PUT /notifier/v1/preferences,
// notifier/DESIGN.md "Preferences"): time zone, locale, phone and email, default quiet hours and digest, and which
// channels are on per rule type. PUT replaces them whole and carries the version read as If-Match, so a change made
// elsewhere meanwhile is refused (409) rather than overwritten. The notifier validates; its 400 names each bad
// field, and the reason is shown next to that field.
import {authorizedFetch, json, problemOf} from '../app/session.js';
import {t} from '../app/i18n.js';
import {RULE_TYPES} from './rules.js';

// every type the notifier knows (custom rules on saved views are made elsewhere, their channels are set here)
const TYPES = [...RULE_TYPES, 'CUSTOM_VIEW'];
const CHANNELS = ['IN_APP', 'SMS', 'EMAIL'];

export class PreferencesPanel {

  constructor(root) {
    this.form = root.querySelector('#preferences-form');
    this.message = root.querySelector('#preferences-message');
    this.zoneHint = root.querySelector('#pref-zone-hint');
    this.channelRows = root.querySelector('#pref-channels tbody');
    this.read = null;   // the preferences as the notifier last answered
    this.form.addEventListener('submit', e => {
      e.preventDefault();
      this.save();
    });
    this.field('pref-quiet').addEventListener('change', () => this.showFields());
    this.zones();
  }

  field(id) {
    return this.form.querySelector('#' + id);
  }

  /** The browser's IANA zones as suggestions; the notifier decides what is valid. */
  zones() {
    const list = this.form.querySelector('#pref-zones');
    const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    list.replaceChildren(...names.map(z => new Option(z, z)));
  }

  async load() {
    try {
      this.fill(await json('/notifier/v1/preferences'));
      this.show(null);
    } catch (e) {
      this.show(t('prefs.loadFailed', {detail: e.message}));
    }
  }

  show(text, kind = 'error') {
    this.message.hidden = !text;
    this.message.className = kind;
    this.message.textContent = text || '';
  }

  /** Puts the notifier's answer into the form. */
  fill(p) {
    this.read = p;
    this.form.dataset.version = String(p.version);
    // a zone not chosen is the one in force by default: shown, not sent back (sending it would pin it)
    this.field('pref-time-zone').value = p.timeZoneChosen ? p.timeZone : '';
    this.field('pref-time-zone').placeholder = p.timeZoneChosen ? '' : p.timeZone;
    this.field('pref-locale').value = p.locale || 'zh-CN';
    this.field('pref-phone').value = p.phone || '';
    this.field('pref-email').value = p.email || '';
    this.field('pref-quiet').checked = !!p.quietHours;
    this.field('pref-quiet-from').value = p.quietHours ? p.quietHours.from : '22:00';
    this.field('pref-quiet-to').value = p.quietHours ? p.quietHours.to : '07:00';
    this.field('pref-digest').checked = !!p.digest;
    this.drawChannels(p.channels || {});
    this.markErrors([]);
    // shown only once read: a form saved without what the notifier has would replace it with blanks
    this.form.hidden = false;
    this.draw();
  }

  /** One row per rule type, one box per channel; a type the notifier does not name has all on. */
  drawChannels(channels) {
    this.channelRows.replaceChildren(...TYPES.map(type => {
      const tr = document.createElement('tr');
      tr.dataset.type = type;
      tr.dataset.field = 'channels.' + type;
      const name = tr.insertCell();
      name.className = 'type';
      name.dataset.i18n = 'ruleType.' + type;
      name.textContent = t('ruleType.' + type);
      const on = channels[type] || CHANNELS;
      for (const channel of CHANNELS) {
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.dataset.channel = channel;
        box.checked = on.includes(channel);
        box.setAttribute('aria-label', `${t('ruleType.' + type)}: ${t('channel.' + channel)}`);
        tr.insertCell().append(box);
      }
      return tr;
    }));
  }

  draw() {
    if (this.read) {
      this.zoneHint.textContent = this.read.timeZoneChosen ? ''
          : t('prefs.zoneDefault', {zone: this.read.timeZone});
    }
    this.channelRows.querySelectorAll('tr').forEach(tr => {
      tr.cells[0].textContent = t('ruleType.' + tr.dataset.type);
    });
    this.showFields();
  }

  showFields() {
    const quiet = this.field('pref-quiet').checked;
    this.form.querySelectorAll('[data-uses="quiet"]').forEach(el => { el.hidden = !quiet; });
  }

  /** The notifier's preferences JSON for what the form says (a PUT replaces them whole). */
  body() {
    const text = id => {
      const value = this.field(id).value.trim();
      return value === '' ? undefined : value;
    };
    const body = {};
    const zone = text('pref-time-zone');
    if (zone !== undefined) body.timeZone = zone;
    body.locale = this.field('pref-locale').value;
    const phone = text('pref-phone');
    if (phone !== undefined) body.phone = phone;
    const email = text('pref-email');
    if (email !== undefined) body.email = email;
    if (this.field('pref-quiet').checked) {
      body.quietHours = {from: this.field('pref-quiet-from').value.trim(), to: this.field('pref-quiet-to').value.trim()};
    }
    // only the types not left all on are named: "not named" is "all on" to the notifier
    const channels = {};
    this.channelRows.querySelectorAll('tr').forEach(tr => {
      const on = [...tr.querySelectorAll('input[data-channel]')].filter(b => b.checked).map(b => b.dataset.channel);
      if (on.length !== CHANNELS.length) channels[tr.dataset.type] = on;
    });
    body.channels = channels;
    body.digest = this.field('pref-digest').checked;
    return body;
  }

  async save() {
    const version = this.read ? this.read.version : 0;
    const res = await authorizedFetch('/notifier/v1/preferences', {
      method: 'PUT',
      headers: {'Content-Type': 'application/json', 'If-Match': `"${version}"`},
      body: JSON.stringify(this.body())
    });
    if (res.ok) {
      this.fill(await res.json());
      this.show(t('prefs.saved'), 'notice');
      return;
    }
    const problem = await problemOf(res);
    const detail = problem.detail || problem.title || `HTTP ${res.status}`;
    if (res.status === 400 && Array.isArray(problem.errors)) {
      const unplaced = this.markErrors(problem.errors);
      this.show(t('prefs.invalid') + unplaced.map(e => ` ${e.field}: ${e.reason}`).join(';'));
    } else if (res.status === 409 || res.status === 412) {
      // changed elsewhere (another tab, another device) since read: show them as they now are, and say so
      await this.load();
      this.show(t('prefs.conflict', {detail}));
    } else {
      this.show(t('prefs.refused', {detail}));
    }
  }

  /**
   * Marks each input the notifier's error paths name (data-field: `phone`, `quietHours.from`, `channels.DUE_SOON`
   * for `channels.DUE_SOON[0]`) and puts the reason next to it; answers the errors no input stands for.
   */
  markErrors(errors) {
    this.form.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
    this.form.querySelectorAll('.field-error').forEach(el => el.remove());
    const unplaced = [];
    for (const e of errors) {
      const targets = [...this.form.querySelectorAll('[data-field]')].filter(el => e.field === el.dataset.field
          || e.field.startsWith(el.dataset.field + '[') || el.dataset.field.startsWith(e.field + '.'));
      if (!targets.length) {
        unplaced.push(e);
        continue;
      }
      targets.forEach(el => el.setAttribute('aria-invalid', 'true'));
      const note = document.createElement('span');
      note.className = 'field-error';
      note.dataset.field = e.field;
      note.textContent = e.reason;
      const first = targets[0];
      (first.tagName === 'TR' ? first.cells[first.cells.length - 1] : first.closest('label') || first).append(note);
    }
    return unplaced;
  }
}
