-- Leads for pivots: the current state, one row per id (the latest applied version wins under FINAL), with the owner's
-- team and team path (department first, ids joined by '/') as the streams knew them when the version was applied, the
-- source and campaign, and the day parts in the company time zone. closed_at = converted, or first seen disqualified.
-- version = the aggregate version, so a redelivered fact is the same row.
CREATE TABLE IF NOT EXISTS leads (
    id            UUID,
    version       UInt64,
    owner_id      Nullable(UUID),
    team_id       Nullable(UUID),
    team_path     String,
    source        String,
    campaign_id   Nullable(UUID),
    status        String,
    created_at    DateTime('UTC'),
    closed_at     Nullable(DateTime('UTC')),
    updated_at    DateTime('UTC'),
    deleted       UInt8,
    created_month Date,
    closed_month  Nullable(Date)
) ENGINE = ReplacingMergeTree(version)
ORDER BY id;
