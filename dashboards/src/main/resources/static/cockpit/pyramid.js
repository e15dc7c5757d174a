// The customer pyramid (METRICS.md customersByTier): active accounts per tier, A at the top, from the
// KPI rows of GET /olap/v1/kpis (the counts are "now", the same in every period row).
import {number, t} from '../app/i18n.js';
import {flash} from './forecast.js';

const TIERS = ['A', 'B', 'C', 'D'];
const COLORS = ['#1d4ed8', '#3b82f6', '#93c5fd', '#dbeafe'];

export class PyramidPanel {

  constructor(element, table, card) {
    this.chart = echarts.init(element);
    this.table = table;
    this.card = card;
    this.counts = null;
  }

  reset() {
    this.counts = null;
  }

  showKpis(kpis) {
    const row = kpis.periods[0];
    const counts = TIERS.map(tier => (row ? Number(row[`customersTier${tier}`] ?? 0) : 0));
    if (this.counts && this.counts.join() !== counts.join()) flash(this.card);
    this.counts = counts;
    this.render();
  }

  render() {
    if (!this.counts) return;
    const data = TIERS.map((tier, i) => ({name: t('pyramid.tier', {tier}), value: this.counts[i], itemStyle: {color: COLORS[i]}}));
    const widest = Math.max(1, ...this.counts);
    this.chart.setOption({
      tooltip: {trigger: 'item', formatter: p => `${p.name}: ${number(p.value)}`},
      series: [{type: 'funnel', sort: 'none', left: '10%', width: '80%', min: 0, max: widest, minSize: '8%', gap: 2,
        label: {position: 'inside', color: '#111827', formatter: p => `${p.name} · ${number(p.value)}`}, data}]
    });
    this.table.replaceChildren(...TIERS.map((tier, i) => {
      const tr = document.createElement('tr');
      tr.dataset.tier = tier;
      const th = document.createElement('th');
      th.textContent = t('pyramid.tier', {tier});
      const td = document.createElement('td');
      td.dataset.value = String(this.counts[i]);
      td.textContent = number(this.counts[i]);
      tr.append(th, td);
      return tr;
    }));
  }

  resize() {
    this.chart.resize();
  }
}
