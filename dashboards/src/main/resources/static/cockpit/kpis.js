// The KPI tiles (METRICS.md §KPIs) of the chosen scope from GET /olap/v1/kpis, and the month's target
// attainment from the forecast. A figure that changes while shown is highlighted for a moment.
import {money, number, percent, t} from '../app/i18n.js';

const HIGHLIGHT_MS = 1500;

// period: which stored period row the figure is read from. The "now" and trailing-90-day figures are
// the same in every period row; they are read from the first row there is.
const TILES = [
  {key: 'revenueWon.TODAY', field: 'revenueWon', period: 'TODAY', kind: 'money'},
  {key: 'revenueWon.MTD', field: 'revenueWon', period: 'MTD', kind: 'money'},
  {key: 'revenueWon.QTD', field: 'revenueWon', period: 'QTD', kind: 'money'},
  {key: 'revenueWon.YTD', field: 'revenueWon', period: 'YTD', kind: 'money'},
  {key: 'openPipeline', field: 'openPipeline', period: null, kind: 'money'},
  {key: 'weightedPipeline', field: 'weightedPipeline', period: null, kind: 'money'},
  {key: 'winRate90d', field: 'winRate90d', period: null, kind: 'ratio'},
  {key: 'avgDealSize90d', field: 'avgDealSize90d', period: null, kind: 'money'},
  {key: 'salesCycleDays90d', field: 'salesCycleDays90d', period: null, kind: 'days'},
  {key: 'newLeads', field: 'newLeads', period: 'MTD', kind: 'count'},
  {key: 'targetAttainment', field: null, period: null, kind: 'ratio'}
];

export class KpiTiles {

  constructor(container) {
    this.container = container;
    this.timers = new Map();
    container.replaceChildren(...TILES.map(tile => {
      const div = document.createElement('div');
      div.className = 'tile';
      div.dataset.kpi = tile.key;
      div.dataset.kind = tile.kind;
      const label = document.createElement('span');
      label.className = 'label';
      label.dataset.i18n = `kpi.${tile.key}`;
      const figure = document.createElement('span');
      figure.className = 'figure';
      figure.textContent = '—';
      div.append(label, figure);
      return div;
    }));
  }

  /** A new scope: the next figures are not changes to highlight. */
  reset() {
    for (const div of this.container.querySelectorAll('.tile')) {
      delete div.dataset.value;
      clearTimeout(this.timers.get(div));
      div.classList.remove('changed'); // a highlight of the previous scope's figures
      div.querySelector('.figure').textContent = '—';
    }
  }

  showKpis(kpis) {
    const periods = new Map(kpis.periods.map(p => [p.period, p]));
    const any = kpis.periods[0];
    for (const tile of TILES.filter(x => x.field)) {
      const row = tile.period ? periods.get(tile.period) : any;
      this.set(tile.key, row ? row[tile.field] : null);
    }
  }

  /** The current month of the forecast: attainment = closed won / target (null without a target). */
  showAttainment(month) {
    this.set('targetAttainment', month ? month.attainment : null, month && month.target == null ? 'kpi.noTarget' : null);
  }

  /** emptyKey: the dictionary key shown instead of a null figure ('—' without one). */
  set(key, raw, emptyKey = null) {
    const div = this.container.querySelector(`.tile[data-kpi="${key}"]`);
    const value = raw == null ? '' : String(raw);
    const shown = 'value' in div.dataset;
    if (div.dataset.value !== value) {
      div.dataset.value = value; // olap's JSON number as text: what a test compares with
      div.dataset.changedAt = String(Date.now());
      if (shown) this.highlight(div);
    }
    div.dataset.empty = emptyKey || '';
    this.format(div);
  }

  highlight(div) {
    clearTimeout(this.timers.get(div));
    div.classList.add('changed');
    div.dataset.highlightedAt = String(Date.now()); // the class lasts 1.5 s; this stays for a slow observer
    this.timers.set(div, setTimeout(() => div.classList.remove('changed'), HIGHLIGHT_MS));
  }

  /** Redraws every figure (after a language change). */
  render() {
    this.container.querySelectorAll('.tile').forEach(div => { if ('value' in div.dataset) this.format(div); });
  }

  format(div) {
    const figure = div.querySelector('.figure');
    if (div.dataset.value === '') {
      figure.textContent = div.dataset.empty ? t(div.dataset.empty) : '—';
      return;
    }
    const v = Number(div.dataset.value);
    figure.textContent = {
      money: () => money(v),
      ratio: () => percent(v),
      days: () => t('kpi.days', {value: number(v, {maximumFractionDigits: 1})}),
      count: () => number(v)
    }[div.dataset.kind]();
  }
}
