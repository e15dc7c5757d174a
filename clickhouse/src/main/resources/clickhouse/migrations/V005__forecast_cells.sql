-- Forecast cells (METRICS.md §Forecast) per scope — COMPANY, TEAM (a team with its sub-teams), OWNER — and calendar
-- month (company time zone; month = its first day), with the targets and overdue deals: everything forecast_month
-- has (which streams keeps writing for existing readers), plus target, attainment, gap, coverage and overdue_count.
-- version = Kafka offset of the pulse.agg.forecast.v1 record: the latest message of a cell wins under FINAL.
-- Money rounded HALF_UP to 2 decimals by the sink; ratios arrive rounded HALF_UP to 4 decimals. target, attainment,
-- gap, coverage are NULL where METRICS.md leaves them absent (no target; target 0; gap 0).
CREATE TABLE IF NOT EXISTS forecast_cells (
    scope_type    String,
    scope_id      String,
    month         Date,
    closed_won    Decimal(18, 2),
    pipeline      Decimal(18, 2),
    weighted      Decimal(18, 2),
    commit        Decimal(18, 2),
    best_case     Decimal(18, 2),
    projected     Decimal(18, 2),
    target        Nullable(Decimal(18, 2)),
    attainment    Nullable(Decimal(38, 4)),
    gap           Nullable(Decimal(18, 2)),
    coverage      Nullable(Decimal(38, 4)),
    overdue_count Int64,
    changed_at    DateTime('UTC'),
    version       UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (scope_type, scope_id, month);
