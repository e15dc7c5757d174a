// The cockpit: the company's open-pipeline funnel, loaded from the OLAP service and kept current
// by STOMP messages from the notifier (both through this gateway).
import {StompClient} from './stomp.js';

const SCOPE_TYPE = 'COMPANY';
const SCOPE_ID = 'company';
const LABELS = {
  PROSPECTING: 'Prospecting', QUALIFICATION: 'Qualification', NEEDS_ANALYSIS: 'Needs analysis',
  PROPOSAL: 'Proposal', NEGOTIATION: 'Negotiation'};
const HIGHLIGHT_MS = 1500;
// ClickHouse is written by a batching sink, so a snapshot read right after (re)connecting can lag
// the stream by a moment; one more read a little later closes that gap.
const RECONCILE_MS = 4000;

const money = new Intl.NumberFormat('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});
const chart = echarts.init(document.getElementById('funnel-chart'));
const table = document.querySelector('#funnel-table tbody');
const indicator = document.getElementById('connection');
const status = document.getElementById('status');

// Open stages in pipeline order: the OLAP service's list once it answers, the default pipeline until then.
let order = Object.keys(LABELS);
const cells = new Map();        // stage -> {count, amount, weighted, at}
// Stages that changed over STOMP since the last (re)connect: their value is newer than any
// snapshot, so a snapshot arriving later must not overwrite them.
const pushedSinceConnect = new Set();
const highlighted = new Map();  // stage -> timer
let retryTimer;

// The olap service may require a bearer token of the api (pulse.olap.auth.enabled). The cockpit has no
// sign-in form yet: a token handed over in the address fragment (#access_token=…, never sent to a server)
// is kept for this tab and sent with every olap read; without one the reads go out as before.
const TOKEN_KEY = 'pulse.accessToken';
const handedOver = new URLSearchParams(location.hash.slice(1)).get('access_token');
if (handedOver) {
  sessionStorage.setItem(TOKEN_KEY, handedOver);
  history.replaceState(null, '', location.pathname + location.search);
}

function olapHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? {Accept: 'application/json', Authorization: `Bearer ${token}`} : {Accept: 'application/json'};
}

async function loadFunnel() {
  clearTimeout(retryTimer);
  try {
    const res = await fetch('/olap/v1/funnel', {cache: 'no-store', headers: olapHeaders()});
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const funnel = await res.json();
    order = funnel.stages.map(s => s.stage);
    for (const s of funnel.stages) {
      if (!pushedSinceConnect.has(s.stage)) {
        cells.set(s.stage, {count: Number(s.count), amount: Number(s.amount), weighted: Number(s.weighted)});
      }
    }
    document.getElementById('as-of').textContent = new Date(funnel.asOf).toLocaleString();
    status.textContent = '';
    render();
  } catch (e) {
    status.textContent = `Could not load the funnel (${e.message}); retrying…`;
    retryTimer = setTimeout(loadFunnel, 3000);
  }
}

function onFunnelChanged(body) {
  const m = JSON.parse(body);
  if (m.scopeType !== SCOPE_TYPE || m.scopeId !== SCOPE_ID) return;
  if (!order.includes(m.stage)) return; // won and lost deals are not in the funnel
  const current = cells.get(m.stage);
  if (current && current.at && m.at && Date.parse(m.at) < Date.parse(current.at)) return;
  pushedSinceConnect.add(m.stage);
  cells.set(m.stage, {count: Number(m.count), amount: Number(m.amount), weighted: Number(m.weighted), at: m.at});
  highlight(m.stage);
  render();
}

function highlight(stage) {
  clearTimeout(highlighted.get(stage));
  highlighted.set(stage, setTimeout(() => { highlighted.delete(stage); render(); }, HIGHLIGHT_MS));
}

function render() {
  renderChart();
  renderTable();
}

function renderChart() {
  const data = order.map(stage => {
    const c = cells.get(stage) || {count: 0, amount: 0, weighted: 0};
    const item = {name: LABELS[stage] || stage, value: c.count, stage, amount: c.amount, weighted: c.weighted};
    if (highlighted.has(stage)) {
      item.itemStyle = {borderColor: '#f59e0b', borderWidth: 4, shadowBlur: 16, shadowColor: '#f59e0b'};
    }
    return item;
  });
  chart.setOption({
    animationDurationUpdate: 300,
    tooltip: {
      trigger: 'item',
      formatter: p => `${p.name}<br/>${p.value} deals<br/>amount ${money.format(p.data.amount)}`
          + `<br/>weighted ${money.format(p.data.weighted)}`},
    series: [{
      type: 'funnel', sort: 'none', gap: 3, left: '5%', width: '55%', min: 0,
      max: Math.max(1, ...data.map(d => d.value)), minSize: '12%',
      label: {position: 'right', color: '#1f2937',
        formatter: p => `${p.name}: ${p.value} · ${money.format(p.data.amount)} (weighted ${money.format(p.data.weighted)})`},
      labelLine: {show: true},
      data}]
  });
}

function renderTable() {
  if (table.dataset.stages !== order.join(',')) {
    table.replaceChildren(...order.map(stageRow));
    table.dataset.stages = order.join(',');
  }
  for (const stage of order) {
    const c = cells.get(stage) || {count: 0, amount: 0, weighted: 0};
    setCell(stage, 'count', String(c.count), String(c.count));
    setCell(stage, 'amount', c.amount.toFixed(2), money.format(c.amount));
    setCell(stage, 'weighted', c.weighted.toFixed(2), money.format(c.weighted));
    table.querySelector(`tr[data-stage="${stage}"]`).classList.toggle('changed', highlighted.has(stage));
  }
}

function stageRow(stage) {
  const tr = document.createElement('tr');
  tr.dataset.stage = stage;
  const th = document.createElement('th');
  th.textContent = LABELS[stage] || stage;
  tr.append(th);
  for (const field of ['count', 'amount', 'weighted']) {
    const td = document.createElement('td');
    td.dataset.stage = stage;
    td.dataset.field = field;
    td.id = `${stage}-${field}`;
    tr.append(td);
  }
  return tr;
}

function setCell(stage, field, value, text) {
  const td = document.getElementById(`${stage}-${field}`);
  if (td.dataset.value !== value) {
    td.dataset.value = value;
    td.dataset.changedAt = String(Date.now()); // epoch ms: lets a test time change-to-screen exactly
    td.textContent = text;
  }
}

function showConnection(state) {
  indicator.dataset.state = state;
  indicator.textContent = {live: 'live', connecting: 'connecting…', reconnecting: 'reconnecting…'}[state];
}

const stomp = new StompClient(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, {
  onState: showConnection,
  // Subscribed first, then read the snapshot: nothing that changes in between is lost.
  onConnected: () => {
    pushedSinceConnect.clear();
    loadFunnel();
    setTimeout(loadFunnel, RECONCILE_MS);
  }
});
stomp.subscribe('/topic/funnel', onFunnelChanged);
window.addEventListener('resize', () => chart.resize());
render();
loadFunnel();
stomp.connect();
