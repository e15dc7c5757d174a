-- Activities for pivots: the current state, one row per id (the latest applied version wins under FINAL), with the
-- owner's team and team path (department first, ids joined by '/') as known when the version was applied, the type
-- (CALL, VISIT, EMAIL, MEETING) and the completion month in the company time zone. version = the aggregate version.
CREATE TABLE IF NOT EXISTS activities (
    id               UUID,
    version          UInt64,
    type             String,
    owner_id         Nullable(UUID),
    team_id          Nullable(UUID),
    team_path        String,
    account_id       Nullable(UUID),
    opportunity_id   Nullable(UUID),
    due_at           Nullable(DateTime('UTC')),
    completed_at     Nullable(DateTime('UTC')),
    created_at       DateTime('UTC'),
    updated_at       DateTime('UTC'),
    deleted          UInt8,
    completed_month  Nullable(Date)
) ENGINE = ReplacingMergeTree(version)
ORDER BY id;
