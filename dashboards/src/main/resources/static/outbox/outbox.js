// The demo's outbox: the emails and SMS the notifier sent to its local catchers (GET /notifier/v1/dev/outbox,
// through the gateway with the user's token), newest first. The catchers push nothing, so the page polls;
// a message not seen before is briefly highlighted so a newcomer sees a reminder arrive.
import {start} from '../app/chrome.js';
import {json} from '../app/session.js';
import {dateTime, number, t} from '../app/i18n.js';

const POLL_MS = 2000;
const $ = id => document.getElementById(id);

if (await start('outbox')) {
  let last = null;
  const seen = new Set();
  let first = true;

  const cell = (text, cls) => {
    const td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text ?? '';
    return td;
  };

  const row = (key, cells) => {
    const tr = document.createElement('tr');
    tr.dataset.key = key;
    if (!first && !seen.has(key)) tr.classList.add('fresh');
    seen.add(key);
    tr.append(...cells);
    return tr;
  };

  const render = () => {
    if (!last) return;
    const sms = last.sms || [];
    const emails = last.emails || [];
    document.querySelector('#sms-table tbody').replaceChildren(...sms.map(m => row('sms:' + m.sid, [
      cell(m.at ? dateTime(m.at) : '', 'at'), cell(m.to), cell(m.body, 'body'),
      cell(number(m.segments), 'segments')])));
    document.querySelector('#email-table tbody').replaceChildren(...emails.map((m, i) => row(
      'email:' + (m.at || '') + ':' + (m.to || []).join(',') + ':' + m.subject + ':' + (emails.length - i), [
        cell(m.at ? dateTime(m.at) : '', 'at'), cell((m.to || []).join(', ')), cell(m.subject, 'subject'),
        cell(m.text, 'body')])));
    $('sms-empty').hidden = sms.length > 0;
    $('email-empty').hidden = emails.length > 0;
    $('sms-count').textContent = `(${number(sms.length)})`;
    $('email-count').textContent = `(${number(emails.length)})`;
    $('refreshed').textContent = dateTime(Date.now());
    first = false;
  };

  const poll = async () => {
    try {
      last = await json('/notifier/v1/dev/outbox');
      $('status').hidden = true;
      render();
    } catch (e) {
      const status = $('status');
      status.textContent = t('outbox.loadFailed', {detail: e.message});
      status.hidden = false;
    }
    setTimeout(poll, POLL_MS);
  };

  window.addEventListener('pulse:language', render);
  poll();
}
