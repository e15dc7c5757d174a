// The cockpit of executives and managers: KPI tiles, the funnel with conversions, forecast against target,
// the customer pyramid and the leaderboard of the chosen scope, read from olap and kept current by the
// notifier's STOMP pushes of that scope (both through this gateway, with the signed-in user's token).
import {start} from '../app/chrome.js';
import {json, postJson, signOut, token} from '../app/session.js';
import {dateTime, relabel, t} from '../app/i18n.js';
import {StompClient} from '../app/stomp.js';
import {FunnelPanel} from './funnel.js';
import {KpiTiles} from './kpis.js';
import {ForecastPanel} from './forecast.js';
import {PyramidPanel} from './pyramid.js';
import {Leaderboard, leaderboardQuery} from './leaderboard.js';
import {ScopePicker, scopeParams} from './scope.js';
import {FollowUp} from './follow-up.js';
import {destination, ForecastBook, KINDS, KpiBook} from './live.js';

// ClickHouse is written by a batching sink, so a snapshot read right after (re)connecting can lag
// the stream by a moment; one more read a little later closes that gap.
const RECONCILE_MS = 4000;
// A safety net under the pushes: a change whose figures landed after the follow-up series ended.
const FULL_RELOAD_MS = 60000;
const FORECAST_MONTHS_BEFORE = 2;
const FORECAST_MONTHS = 6;

const $ = id => document.getElementById(id);

if (await start('cockpit')) {
  const funnel = new FunnelPanel($('funnel-chart'), document.querySelector('#funnel-table tbody'));
  const tiles = new KpiTiles($('kpi-tiles'));
  const forecast = new ForecastPanel($('forecast-chart'), $('forecast-card'));
  const pyramid = new PyramidPanel($('pyramid-chart'), document.querySelector('#pyramid-table tbody'), $('pyramid-card'));
  const leaders = new Leaderboard(document.querySelector('#leaders-table tbody'), $('leaders-empty'), $('leaders-card'));
  const picker = new ScopePicker($('scope-team'), $('scope-owner'), changeScope);
  relabel(document); // the tiles were drawn after the header loaded the language
  const status = $('status');
  const indicator = $('connection');
  const liveNote = $('live-note');

  let scope = picker.scope(); // null for a manager until the picker knows their teams
  const kpiBook = new KpiBook();
  const forecastBook = new ForecastBook();
  let funnelRetry;
  // The flow funnel and the leaderboard are not broadcast: after a push they are re-read (follow-up.js)
  // until they have moved, or the series ends.
  let flowShown = null;
  let leadersShown = null;
  let awaited = null; // {flow, leaders: the answer shown when the push arrived, or undefined when not awaited}
  const followUp = new FollowUp(async () => {
    await Promise.all([loadFlow(), loadLeaders()]);
    if (!awaited) return true;
    const moved = (key, shown) => !(key in awaited) || awaited[key] !== shown;
    return moved('flow', flowShown) && moved('leaders', leadersShown);
  });

  const sameScope = s => scope != null && s.type === scope.type && s.id === scope.id;

  async function loadFunnel() {
    clearTimeout(funnelRetry);
    const asked = scope;
    try {
      const snapshot = await json(`/olap/v1/funnel?${scopeParams(asked)}`);
      if (!sameScope(asked)) return;
      funnel.showSnapshot(snapshot);
      $('as-of').textContent = dateTime(snapshot.asOf);
      $('as-of').dataset.value = snapshot.asOf;
      status.textContent = '';
    } catch (e) {
      if (!sameScope(asked)) return;
      status.textContent = t('funnel.loadFailed', {detail: e.message});
      funnelRetry = setTimeout(loadFunnel, 3000);
    }
  }

  /** One panel's read: a failure is shown on that panel and leaves the others alone. */
  async function panel(card, read, show) {
    const asked = scope;
    const note = card.querySelector('.panel-status');
    try {
      const answer = await read(asked);
      if (!sameScope(asked)) return;
      show(answer);
      note.textContent = '';
      delete note.dataset.error;
    } catch (e) {
      if (!sameScope(asked)) return;
      note.dataset.error = e.message;
      note.textContent = t('panel.loadFailed', {detail: e.message});
    }
  }

  function currentMonth() {
    // the company's months are close enough to the user's for choosing the horizon's start
    const now = new Date();
    return {year: now.getFullYear(), month: now.getMonth() + 1};
  }

  const thisMonth = () => {
    const {year, month} = currentMonth();
    return `${year}-${String(month).padStart(2, '0')}`;
  };

  function showKpis() {
    const kpis = kpiBook.kpis();
    tiles.showKpis(kpis);
    pyramid.showKpis(kpis);
    $('pyramid-card').querySelector('.panel-status').textContent = '';
  }

  function showForecast() {
    const f = forecastBook.current();
    forecast.show(f);
    tiles.showAttainment(f.months.find(m => m.month === thisMonth()));
  }

  function loadFlow() {
    return panel($('funnel-card'), s => json(`/olap/v1/funnel/flow?${scopeParams(s)}`), flow => {
      flowShown = JSON.stringify(flow.stages);
      funnel.showFlow(flow);
    });
  }

  function loadLeaders() {
    const {year} = currentMonth();
    return panel($('leaders-card'), s => postJson('/olap/v1/pivot',
        leaderboardQuery(s, year, s.type === 'TEAM' ? picker.subtree(s.id) : [])), pivot => {
      leadersShown = JSON.stringify(pivot.cells);
      leaders.show(pivot);
    });
  }

  function loadDerived() {
    const {year, month} = currentMonth();
    const first = new Date(Date.UTC(year, month - 1 - FORECAST_MONTHS_BEFORE, 1));
    const from = `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
    return Promise.all([
      panel($('kpi-card'), s => json(`/olap/v1/kpis?${scopeParams(s)}`), kpis => {
        kpiBook.snapshot(kpis);
        showKpis();
      }),
      panel($('forecast-card'), s => json(`/olap/v1/forecast?${scopeParams(s)}&from=${from}&months=${FORECAST_MONTHS}`), f => {
        forecastBook.snapshot(f);
        showForecast();
      }),
      loadFlow(),
      loadLeaders()
    ]);
  }

  function loadAll() {
    if (!scope) return Promise.resolve();
    return Promise.all([loadFunnel(), loadDerived()]);
  }

  // --- the shown scope's STOMP subscriptions ---

  let subscriptions = []; // ids of the shown scope's subscriptions
  let refusedScope = null; // the scope whose SUBSCRIBE the notifier refused (not asked again)

  const HANDLERS = {funnel: onFunnelChanged, kpis: onKpiChanged, forecast: onForecastChanged};

  /** Moves the subscriptions to the shown scope: the old scope's are ended, so its pushes stop. */
  function subscribeToScope() {
    subscriptions.forEach(id => stomp.unsubscribe(id));
    subscriptions = [];
    if (!scope || (refusedScope && sameScope(refusedScope))) return;
    const asked = scope;
    subscriptions = KINDS.map(kind => stomp.subscribe(destination(kind, asked), body => {
      if (sameScope(asked)) HANDLERS[kind](JSON.parse(body));
    }));
  }

  function showRefused(detail) {
    liveNote.dataset.error = detail;
    liveNote.textContent = t('live.refused', {detail});
    liveNote.hidden = false;
  }

  function clearRefused() {
    refusedScope = null;
    delete liveNote.dataset.error;
    liveNote.textContent = '';
    liveNote.hidden = true;
  }

  function changeScope(next) {
    scope = next;
    followUp.cancel();
    awaited = null;
    clearRefused();
    kpiBook.reset();
    forecastBook.reset();
    funnel.reset(true);
    tiles.reset();
    forecast.reset();
    pyramid.reset();
    leaders.reset();
    // a border still flashing for the previous scope's figures
    ['forecast-card', 'pyramid-card', 'leaders-card'].forEach(id => $(id).classList.remove('changed'));
    funnel.render();
    subscribeToScope();
    loadAll();
  }

  /** A change of the shown scope: the flow funnel (and after a won or lost deal the leaderboard) follow. */
  function awaitReReads(leadersToo) {
    const next = awaited && followUp.timer ? awaited : {};
    if (!('flow' in next)) next.flow = flowShown;
    if (leadersToo && !('leaders' in next)) next.leaders = leadersShown;
    awaited = next;
    followUp.trigger();
  }

  function onFunnelChanged(m) {
    const closed = m.stage === 'CLOSED_WON' || m.stage === 'CLOSED_LOST';
    if (funnel.push(m) || closed) awaitReReads(closed);
  }

  function onKpiChanged(m) {
    if (kpiBook.push(m)) showKpis();
  }

  function onForecastChanged(m) {
    if (forecastBook.push(m)) showForecast();
  }

  function showConnection(state) {
    indicator.dataset.state = state;
    indicator.dataset.i18n = `connection.${state}`;
    indicator.textContent = t(`connection.${state}`);
  }

  const stomp = new StompClient(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, {
    onState: showConnection,
    connectHeaders: () => ({Authorization: `Bearer ${token()}`}),
    onError: message => {
      // the notifier refuses a token it cannot verify (expired, signed by a key it does not know)
      if (/token/i.test(message || '')) {
        signOut('expired');
        return;
      }
      // Any other ERROR refuses a frame of ours, and the notifier closes the connection after it. The only
      // frames sent are the shown scope's SUBSCRIBEs, so it is that scope: say so, and leave its
      // subscriptions out of the reconnect (which would be refused again, over and over). The figures are
      // still read from olap; the live updates of this scope are what is lost.
      refusedScope = scope;
      subscriptions.forEach(id => stomp.unsubscribe(id));
      subscriptions = [];
      showRefused(message || '');
    },
    // Subscribed first, then read the snapshot: nothing that changes in between is lost.
    onConnected: () => {
      funnel.reset(false);
      loadAll();
      setTimeout(loadAll, RECONCILE_MS);
    }
  });
  subscribeToScope();

  window.addEventListener('pulse:language', () => {
    funnel.render();
    tiles.render();
    forecast.render();
    pyramid.render();
    leaders.render();
    picker.render();
    if ($('as-of').dataset.value) $('as-of').textContent = dateTime($('as-of').dataset.value);
    if ('error' in liveNote.dataset) liveNote.textContent = t('live.refused', {detail: liveNote.dataset.error});
  });
  window.addEventListener('resize', () => [funnel, forecast, pyramid].forEach(p => p.resize()));
  setInterval(loadAll, FULL_RELOAD_MS);

  showConnection('connecting');
  funnel.render();
  loadAll();
  picker.load().then(() => {
    leaders.setNames(picker.names());
    if (!scope) changeScope(picker.scope()); // a manager: their own team, now that it is known
  }).catch(e => {
    console.warn('teams and users', e);
    if (!scope) status.textContent = t('scope.loadFailed', {detail: e.message});
  });
  stomp.connect();
}
