-- Forecast accuracy (METRICS.md §Forecast): each scope's forecast of a month as frozen on the month's first day
-- (company time zone), and once the month ended the actual closed_won and
-- error = (projected - actual_closed_won) / actual_closed_won (NULL while the month runs, and when actual is 0).
-- version = Kafka offset of the pulse.agg.forecast-snapshots.v1 record: the ended row (written later) wins under FINAL.
CREATE TABLE IF NOT EXISTS forecast_snapshots (
    scope_type        String,
    scope_id          String,
    month             Date,
    frozen_at         DateTime('UTC'),
    closed_won        Decimal(18, 2),
    pipeline          Decimal(18, 2),
    weighted          Decimal(18, 2),
    commit            Decimal(18, 2),
    best_case         Decimal(18, 2),
    projected         Decimal(18, 2),
    target            Nullable(Decimal(18, 2)),
    actual_closed_won Nullable(Decimal(18, 2)),
    error             Nullable(Decimal(38, 4)),
    ended_at          Nullable(DateTime('UTC')),
    version           UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (scope_type, scope_id, month);
