-- Targets for pivots (METRICS.md §Targets): the current state, one row per id (the latest version wins under FINAL):
-- scope (TEAM or USER and its id), period (YEAR "2027", QUARTER "2027-Q1", MONTH "2027-01"; period_start its first day),
-- metric and value in the base currency or a count. version = the aggregate version.
CREATE TABLE IF NOT EXISTS targets (
    id           UUID,
    version      UInt64,
    scope_type   String,
    scope_id     UUID,
    period_type  String,
    period       String,
    period_start Date,
    metric       String,
    value        Decimal(18, 2),
    deleted      UInt8,
    updated_at   DateTime('UTC')
) ENGINE = ReplacingMergeTree(version)
ORDER BY id;
