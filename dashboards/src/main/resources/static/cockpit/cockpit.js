// The executive cockpit: KPI tiles, the funnel with conversions, forecast against target, the customer
// pyramid and the leaderboard of the chosen scope, read from olap and kept current by the notifier's
// STOMP pushes (both through this gateway, with the signed-in user's token).
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

  let scope = picker.scope();
  let kpiChangedAt = 0;    // the latest KPI changedAt shown (epoch ms)
  let pushBaseline = null; // kpiChangedAt when the last push arrived
  let funnelRetry;
  const followUp = new FollowUp(async () => {
    await loadDerived();
    return pushBaseline != null && kpiChangedAt > pushBaseline;
  });

  const sameScope = s => s.type === scope.type && s.id === scope.id;

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

  function loadDerived() {
    const {year, month} = currentMonth();
    const first = new Date(Date.UTC(year, month - 1 - FORECAST_MONTHS_BEFORE, 1));
    const from = `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
    const thisMonth = `${year}-${String(month).padStart(2, '0')}`;
    return Promise.all([
      panel($('kpi-card'), s => json(`/olap/v1/kpis?${scopeParams(s)}`), kpis => {
        tiles.showKpis(kpis);
        pyramid.showKpis(kpis);
        $('pyramid-card').querySelector('.panel-status').textContent = '';
        kpiChangedAt = Math.max(0, ...kpis.periods.map(p => Date.parse(p.changedAt) || 0));
      }),
      panel($('forecast-card'), s => json(`/olap/v1/forecast?${scopeParams(s)}&from=${from}&months=${FORECAST_MONTHS}`), f => {
        forecast.show(f);
        tiles.showAttainment(f.months.find(m => m.month === thisMonth));
      }),
      panel($('funnel-card'), s => json(`/olap/v1/funnel/flow?${scopeParams(s)}`), flow => funnel.showFlow(flow)),
      panel($('leaders-card'), s => postJson('/olap/v1/pivot',
          leaderboardQuery(s, year, s.type === 'TEAM' ? picker.subtree(s.id) : [])), pivot => leaders.show(pivot))
    ]);
  }

  function loadAll() {
    return Promise.all([loadFunnel(), loadDerived()]);
  }

  function changeScope(next) {
    scope = next;
    followUp.cancel();
    funnel.reset(true);
    tiles.reset();
    forecast.reset();
    pyramid.reset();
    leaders.reset();
    funnel.render();
    loadAll();
  }

  function onFunnelChanged(body) {
    const m = JSON.parse(body);
    if (m.scopeType !== scope.type || String(m.scopeId).toLowerCase() !== scope.id) return;
    if (funnel.push(m) || m.stage === 'CLOSED_WON' || m.stage === 'CLOSED_LOST') {
      pushBaseline = kpiChangedAt;
      followUp.trigger();
    }
  }

  function showConnection(state) {
    indicator.dataset.state = state;
    indicator.dataset.i18n = `connection.${state}`;
    indicator.textContent = t(`connection.${state}`);
  }

  const stomp = new StompClient(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, {
    onState: showConnection,
    connectHeaders: () => ({Authorization: `Bearer ${token()}`}),
    // the notifier refuses a token it cannot verify (expired, signed by a key it does not know)
    onError: message => { if (/token/i.test(message || '')) signOut('expired'); },
    // Subscribed first, then read the snapshot: nothing that changes in between is lost.
    onConnected: () => {
      funnel.reset(false);
      loadAll();
      setTimeout(loadAll, RECONCILE_MS);
    }
  });
  stomp.subscribe('/topic/funnel', onFunnelChanged);

  window.addEventListener('pulse:language', () => {
    funnel.render();
    tiles.render();
    forecast.render();
    pyramid.render();
    leaders.render();
    picker.render();
    if ($('as-of').dataset.value) $('as-of').textContent = dateTime($('as-of').dataset.value);
  });
  window.addEventListener('resize', () => [funnel, forecast, pyramid].forEach(p => p.resize()));
  setInterval(loadAll, FULL_RELOAD_MS);

  showConnection('connecting');
  funnel.render();
  loadAll();
  picker.load().then(() => leaders.setNames(picker.names())).catch(e => console.warn('teams and users', e));
  stomp.connect();
}
