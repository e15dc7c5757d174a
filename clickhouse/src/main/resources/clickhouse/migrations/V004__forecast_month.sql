-- Forecast cells (METRICS.md §Forecast) per scope and calendar month (company time zone; month = its
-- first day) as the streams sink last saw them. version = Kafka offset of the pulse.agg.forecast.v1
-- record, as in funnel_snapshot: the latest message of a cell wins under FINAL. Money rounded HALF_UP
-- to 2 decimals by the sink (the stream keeps it exact).
CREATE TABLE IF NOT EXISTS forecast_month (
    scope_type  String,
    scope_id    String,
    month       Date,
    closed_won  Decimal(18, 2),
    pipeline    Decimal(18, 2),
    weighted    Decimal(18, 2),
    commit      Decimal(18, 2),
    best_case   Decimal(18, 2),
    projected   Decimal(18, 2),
    changed_at  DateTime('UTC'),
    version     UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (scope_type, scope_id, month);
