-- Snapshot funnel cells (METRICS.md §Funnel) as the streams sink last saw them.
-- version = Kafka offset of the pulse.agg.funnel.v1 record: a replayed or retried batch carries the
-- same versions, so ReplacingMergeTree converges to the latest cell. Read with FINAL.
-- weighted is rounded HALF_UP to 2 decimals by the sink (the stream keeps it exact).
CREATE TABLE IF NOT EXISTS funnel_snapshot (
    scope_type  String,
    scope_id    String,
    stage       String,
    stage_order UInt8,
    count       Int64,
    amount      Decimal(18, 2),
    weighted    Decimal(18, 2),
    changed_at  DateTime('UTC'),
    version     UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (scope_type, scope_id, stage);
