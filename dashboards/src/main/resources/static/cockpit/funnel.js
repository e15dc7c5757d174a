// The open-pipeline funnel of the chosen scope: the snapshot from GET /olap/v1/funnel, kept current by
// STOMP pushes, with each stage's conversion to the next from the flow funnel (GET /olap/v1/funnel/flow,
// the last 90 days by default).
import {money, percent, t} from '../app/i18n.js';

const DEFAULT_ORDER = ['PROSPECTING', 'QUALIFICATION', 'NEEDS_ANALYSIS', 'PROPOSAL', 'NEGOTIATION'];
const HIGHLIGHT_MS = 1500;
const ZERO = {count: 0, amount: 0, weighted: 0};

export class FunnelPanel {

  constructor(chartElement, tableBody) {
    this.chart = echarts.init(chartElement);
    this.table = tableBody;
    this.order = DEFAULT_ORDER;  // the OLAP service's list once it answers
    this.cells = new Map();      // stage -> {count, amount, weighted, at}
    this.conversion = new Map(); // stage -> ratio to the next stage (null: nothing reached it)
    // Stages pushed over STOMP since the last (re)connect: newer than any snapshot, so a snapshot
    // arriving later must not overwrite them.
    this.pushedSinceConnect = new Set();
    this.highlighted = new Map(); // stage -> timer
  }

  /** A new scope or a new connection: snapshots are authoritative again. */
  reset(clearFigures) {
    this.pushedSinceConnect.clear();
    if (clearFigures) {
      this.cells.clear();
      this.conversion.clear();
    }
  }

  showSnapshot(funnel) {
    this.order = funnel.stages.map(s => s.stage);
    for (const s of funnel.stages) {
      if (!this.pushedSinceConnect.has(s.stage)) {
        this.cells.set(s.stage, {count: Number(s.count), amount: Number(s.amount), weighted: Number(s.weighted)});
      }
    }
    this.render();
  }

  showFlow(flow) {
    this.conversion = new Map(flow.stages.map(s => [s.stage, s.conversionToNext == null ? null : Number(s.conversionToNext)]));
    this.render();
  }

  /** A FunnelChanged message of the shown scope; false when it is not drawn (closed stage, older than shown). */
  push(m) {
    if (!this.order.includes(m.stage)) return false; // won and lost deals are not in the funnel
    const current = this.cells.get(m.stage);
    if (current && current.at && m.at && Date.parse(m.at) < Date.parse(current.at)) return false;
    this.pushedSinceConnect.add(m.stage);
    this.cells.set(m.stage, {count: Number(m.count), amount: Number(m.amount), weighted: Number(m.weighted), at: m.at});
    this.highlight(m.stage);
    this.render();
    return true;
  }

  highlight(stage) {
    clearTimeout(this.highlighted.get(stage));
    this.highlighted.set(stage, setTimeout(() => { this.highlighted.delete(stage); this.render(); }, HIGHLIGHT_MS));
  }

  render() {
    this.renderChart();
    this.renderTable();
  }

  resize() {
    this.chart.resize();
  }

  renderChart() {
    const data = this.order.map(stage => {
      const c = this.cells.get(stage) || ZERO;
      const item = {name: t(`stage.${stage}`), value: c.count, stage, amount: c.amount, weighted: c.weighted};
      if (this.highlighted.has(stage)) {
        item.itemStyle = {borderColor: '#f59e0b', borderWidth: 4, shadowBlur: 16, shadowColor: '#f59e0b'};
      }
      return item;
    });
    const vars = p => ({name: p.name, count: p.value, amount: money(p.data.amount), weighted: money(p.data.weighted)});
    this.chart.setOption({
      animationDurationUpdate: 300,
      tooltip: {trigger: 'item', formatter: p => t('funnel.tooltip', vars(p))},
      series: [{
        type: 'funnel', sort: 'none', gap: 3, left: '5%', width: '50%', min: 0,
        max: Math.max(1, ...data.map(d => d.value)), minSize: '12%',
        label: {position: 'right', color: '#1f2937', formatter: p => t('funnel.label', vars(p))},
        labelLine: {show: true},
        data}]
    });
  }

  renderTable() {
    if (this.table.dataset.stages !== this.order.join(',')) {
      this.table.replaceChildren(...this.order.map(stage => this.stageRow(stage)));
      this.table.dataset.stages = this.order.join(',');
    }
    for (const stage of this.order) {
      const c = this.cells.get(stage) || ZERO;
      this.table.querySelector(`tr[data-stage="${stage}"] th`).textContent = t(`stage.${stage}`);
      setCell(stage, 'count', String(c.count), String(c.count));
      setCell(stage, 'amount', c.amount.toFixed(2), money(c.amount));
      setCell(stage, 'weighted', c.weighted.toFixed(2), money(c.weighted));
      const ratio = this.conversion.get(stage);
      setCell(stage, 'conversion', ratio == null ? '' : ratio.toFixed(4), ratio == null ? '—' : `→ ${percent(ratio)}`);
      this.table.querySelector(`tr[data-stage="${stage}"]`).classList.toggle('changed', this.highlighted.has(stage));
    }
  }

  stageRow(stage) {
    const tr = document.createElement('tr');
    tr.dataset.stage = stage;
    tr.append(document.createElement('th'));
    for (const field of ['count', 'amount', 'weighted', 'conversion']) {
      const td = document.createElement('td');
      td.dataset.stage = stage;
      td.dataset.field = field;
      td.id = `${stage}-${field}`;
      tr.append(td);
    }
    return tr;
  }
}

function setCell(stage, field, value, text) {
  const td = document.getElementById(`${stage}-${field}`);
  if (td.dataset.value !== value) {
    td.dataset.value = value;
    td.dataset.changedAt = String(Date.now()); // epoch ms: lets a test time change-to-screen exactly
  }
  td.textContent = text; // always: the language may have changed
}
