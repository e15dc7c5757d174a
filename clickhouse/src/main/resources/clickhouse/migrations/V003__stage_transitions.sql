-- Stage transitions as facts (METRICS.md §Funnel): one row per opportunity version whose stage differs
-- from the previously applied version's. from_stage is NULL (from_stage_order 0) when the opportunity
-- was created. version = the aggregate version, so a redelivered fact collapses under FINAL.
CREATE TABLE IF NOT EXISTS stage_transitions (
    opportunity_id   UUID,
    version          UInt64,
    from_stage       Nullable(String),
    from_stage_order UInt8,
    to_stage         String,
    to_stage_order   UInt8,
    at               DateTime('UTC'),
    amount_base      Decimal(18, 2),
    owner_id         Nullable(UUID)
) ENGINE = ReplacingMergeTree(version)
ORDER BY (opportunity_id, version);
