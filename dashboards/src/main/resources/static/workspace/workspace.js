// The rep's workspace: my alerts (live over STOMP), my activities and tasks due, my open deals by stage and my
// reminder rules and notification preferences.
import {start} from '../app/chrome.js';
import {claims, roles, signOut, token} from '../app/session.js';
import {t} from '../app/i18n.js';
import {StompClient} from '../app/stomp.js';
import {AgendaPanel} from './agenda.js';
import {InboxPanel} from './inbox.js';
import {PipelinePanel} from './pipeline.js';
import {PreferencesPanel} from './preferences.js';
import {RulesPanel} from './rules.js';

// Due and overdue move with the clock and activities change elsewhere; nothing pushes them, so they are re-read.
const AGENDA_RELOAD_MS = 60000;

if (await start('workspace')) {
  const me = claims().sub;
  const inbox = new InboxPanel(document.getElementById('inbox'));
  const agenda = new AgendaPanel(document.getElementById('agenda'), me);
  const pipeline = new PipelinePanel(document.getElementById('pipeline-stages'),
      document.getElementById('pipeline-message'), me);
  const rules = new RulesPanel(document.getElementById('rules'), me, roles().includes('MANAGER'));
  const preferences = new PreferencesPanel(document.getElementById('preferences'));
  const indicator = document.getElementById('connection');

  function showConnection(state) {
    indicator.dataset.state = state;
    indicator.dataset.i18n = `connection.${state}`;
    indicator.textContent = t(`connection.${state}`);
  }

  // The notifier sends each user's alerts to their own sessions; the subscription names no user.
  const stomp = new StompClient(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, {
    onState: showConnection,
    connectHeaders: () => ({Authorization: `Bearer ${token()}`}),
    // the notifier refuses a token it cannot verify (expired, signed by a key it does not know)
    onError: message => { if (/token/i.test(message || '')) signOut('expired'); },
    // Subscribed first, then read: an alert stored while the connection was down is in the inbox.
    onConnected: () => inbox.load()
  });
  stomp.subscribe('/user/queue/alerts', body => inbox.pushed(body));

  window.addEventListener('pulse:language', () => {
    inbox.draw();
    agenda.draw();
    pipeline.draw();
    rules.draw();
    preferences.draw();
  });
  setInterval(() => agenda.load(), AGENDA_RELOAD_MS);

  showConnection('connecting');
  stomp.connect();
  await Promise.all([inbox.load(), agenda.load(), pipeline.load(), rules.load(), preferences.load()]);
}
