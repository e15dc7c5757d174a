-- Target attainment (METRICS.md §Targets) per scope, period (MTD ↔ MONTH target, QTD ↔ QUARTER, YTD ↔ YEAR; TODAY has
-- none) and metric (WON_AMOUNT, NEW_LEADS, ACTIVITIES, NEW_CUSTOMERS). Every pulse.agg.kpis.v1 record writes one row per
-- metric, target NULL when the scope has none (so a deleted target's row turns NULL instead of lingering).
-- version = Kafka offset of that record.
CREATE TABLE IF NOT EXISTS kpi_targets (
    scope_type   String,
    scope_id     String,
    period       String,
    metric       String,
    period_start Date,
    target       Nullable(Decimal(18, 2)),
    actual       Decimal(18, 2),
    attainment   Nullable(Decimal(38, 4)),
    changed_at   DateTime('UTC'),
    version      UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (scope_type, scope_id, period, metric);
