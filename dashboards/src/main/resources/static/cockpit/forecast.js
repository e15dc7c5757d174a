// Forecast against target by month (METRICS.md §Forecast) from GET /olap/v1/forecast: closed won,
// commit, best case and weighted as bars, the target as a line.
import {money, month, t} from '../app/i18n.js';

const SERIES = [
  {field: 'closedWon', color: '#16a34a'},
  {field: 'commit', color: '#2563eb'},
  {field: 'bestCase', color: '#93c5fd'},
  {field: 'weighted', color: '#a78bfa'}
];

export class ForecastPanel {

  constructor(element, card) {
    this.chart = echarts.init(element);
    this.element = element;
    this.card = card;
    this.forecast = null;
  }

  reset() {
    this.forecast = null;
    delete this.element.dataset.months;
  }

  show(forecast) {
    const months = JSON.stringify(forecast.months);
    if (this.element.dataset.months && this.element.dataset.months !== months) flash(this.card);
    this.element.dataset.months = months; // the figures drawn, for tests and for telling a change
    this.forecast = forecast;
    this.render();
  }

  render() {
    if (!this.forecast) return;
    const months = this.forecast.months;
    this.chart.setOption({
      animationDurationUpdate: 300,
      tooltip: {trigger: 'axis', valueFormatter: v => (v == null ? '—' : money(v))},
      legend: {top: 0},
      grid: {left: 8, right: 8, bottom: 8, top: 36, containLabel: true},
      xAxis: {type: 'category', data: months.map(m => month(m.month))},
      yAxis: {type: 'value', axisLabel: {formatter: v => money(v).replace(/\.00$/, '')}},
      series: [
        ...SERIES.map(s => ({name: t(`forecast.${s.field}`), type: 'bar', itemStyle: {color: s.color},
          data: months.map(m => Number(m[s.field]))})),
        {name: t('forecast.target'), type: 'line', step: 'middle', symbol: 'circle', itemStyle: {color: '#dc2626'},
          lineStyle: {width: 2, type: 'dashed'}, connectNulls: false,
          data: months.map(m => (m.target == null ? null : Number(m.target)))}
      ]
    }, {replaceMerge: ['series']});
  }

  resize() {
    this.chart.resize();
  }
}

export function flash(element) {
  element.classList.remove('changed');
  void element.offsetWidth; // restart the transition
  element.classList.add('changed');
  clearTimeout(element.flashTimer);
  element.flashTimer = setTimeout(() => element.classList.remove('changed'), 1500);
}
