// What the notifier pushes for the shown scope, merged with what olap answered. The notifier broadcasts
// each aggregate cell on /topic/agg/<kind>/<scopeType>/<scopeId> (notifier/DESIGN.md): a KPI message is
// one period's whole KPI set (events' KpiChanged), a forecast message one month (ForecastChanged). Both
// carry every figure the tiles, the pyramid and the forecast bars draw, so those figures are taken from
// the push itself; olap's answers are the starting point and the reconciliation after a reconnect.

export const KINDS = ['funnel', 'kpis', 'forecast'];

export function destination(kind, scope) {
  return `/topic/agg/${kind}/${scope.type}/${scope.id}`;
}

// olap rounds money to cents and ratios to 4 places (HALF_UP); a push carries streams' exact figures.
// Rounded the same way here, so a tile shows the same number whichever source it came from.
// (EPSILON: 1.005 is 1.00499… as a double.)
const round = places => v => (v == null ? null : Math.round((Number(v) + Number.EPSILON) * 10 ** places) / 10 ** places);
const money = round(2);
const ratio = round(4);
const MONEY = ['revenueWon', 'openPipeline', 'weightedPipeline', 'avgDealSize90d', 'salesCycleDays90d'];
const RATIOS = ['leadConversionRate', 'winRate90d'];
const COUNTS = ['newLeads', 'leadsConverted', 'leadsClosed', 'newOpportunities', 'activities', 'newCustomers'];

/** A KpiChanged message as a period row of GET /olap/v1/kpis. */
export function kpiRow(m) {
  const row = {period: m.period, periodStart: m.periodStart, asOf: m.asOf, changedAt: m.at};
  MONEY.forEach(f => { row[f] = money(m[f]); });
  RATIOS.forEach(f => { row[f] = ratio(m[f]); });
  COUNTS.forEach(f => { row[f] = m[f] == null ? null : Number(m[f]); });
  for (const tier of ['A', 'B', 'C', 'D']) row[`customersTier${tier}`] = Number((m.customersByTier || {})[tier] || 0);
  return row;
}

/** A ForecastChanged message as a month of GET /olap/v1/forecast. */
export function forecastMonth(m) {
  const month = {month: m.month, overdueCount: Number(m.overdueCount || 0)};
  ['closedWon', 'pipeline', 'weighted', 'commit', 'bestCase', 'projected', 'target', 'gap'].forEach(f => { month[f] = money(m[f]); });
  ['attainment', 'coverage'].forEach(f => { month[f] = ratio(m[f]); });
  return month;
}

const time = s => Date.parse(s) || 0;

/**
 * The KPI rows of the shown scope, one per period, each the newer of olap's row and the last push.
 * olap's changedAt has whole seconds, a push's `at` milliseconds: a row read in the same second as a push
 * is taken to include it (the figures are the same record).
 */
export class KpiBook {

  constructor() {
    this.rows = new Map(); // period -> row
  }

  reset() {
    this.rows.clear();
  }

  snapshot(kpis) {
    for (const row of kpis.periods) {
      const shown = this.rows.get(row.period);
      if (!shown || Math.floor(time(shown.changedAt) / 1000) <= time(row.changedAt) / 1000) this.rows.set(row.period, row);
    }
  }

  /** false when the push is older than the row shown (a late message of an earlier change). */
  push(message) {
    const shown = this.rows.get(message.period);
    if (shown && time(message.at) < time(shown.changedAt)) return false;
    this.rows.set(message.period, kpiRow(message));
    return true;
  }

  /** In olap's shape; the newest row first, as the tiles read the "now" figures from the first row. */
  kpis() {
    return {periods: [...this.rows.values()].sort((a, b) => time(b.changedAt) - time(a.changedAt))};
  }

  changedAt() {
    return Math.max(0, ...[...this.rows.values()].map(r => time(r.changedAt)));
  }
}

/**
 * The forecast months of the shown horizon: olap's answer, with the months pushed since then. A pushed
 * month newer than the answer's asOf (the latest change the answer reflects) survives a later read that
 * the sink has not caught up with.
 */
export class ForecastBook {

  constructor() {
    this.forecast = null;
    this.pushed = new Map(); // month -> {at, month}
  }

  reset() {
    this.forecast = null;
    this.pushed.clear();
  }

  snapshot(forecast) {
    const asOf = time(forecast.asOf);
    for (const [month, p] of this.pushed) if (p.at <= asOf) this.pushed.delete(month);
    this.forecast = forecast;
  }

  /** false when the month is outside the horizon shown (nothing to draw) or nothing is shown yet. */
  push(message) {
    if (!this.forecast || !this.forecast.months.some(m => m.month === message.month)) return false;
    const earlier = this.pushed.get(message.month);
    if (earlier && time(message.at) < earlier.at) return false;
    this.pushed.set(message.month, {at: time(message.at), month: forecastMonth(message)});
    return true;
  }

  current() {
    if (!this.forecast) return null;
    return Object.assign({}, this.forecast, {
      months: this.forecast.months.map(m => (this.pushed.has(m.month) ? this.pushed.get(m.month).month : m))
    });
  }
}
