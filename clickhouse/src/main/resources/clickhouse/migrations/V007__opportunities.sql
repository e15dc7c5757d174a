-- Opportunities for pivots: the current state, one row per id (the latest applied version wins under FINAL), with the
-- dimensions the streams joined in when that version was applied — the owner's team and team path (department first,
-- ids joined by '/'), the account's industry, region and tier ('(none)' when unknown, so a WITH ROLLUP total row, which
-- carries '', stays distinguishable) — and date parts in the company time zone for grouping by month.
-- version = the aggregate version, so a redelivered fact is the same row.
CREATE TABLE IF NOT EXISTS opportunities (
    id                   UUID,
    version              UInt64,
    owner_id             Nullable(UUID),
    team_id              Nullable(UUID),
    team_path            String,
    account_id           Nullable(UUID),
    industry             String,
    region               String,
    tier                 String,
    stage                String,
    stage_order          UInt8,
    amount_base          Decimal(18, 2),
    probability          UInt8,
    forecast_category    String,
    expected_close_date  Nullable(Date),
    closed_at            Nullable(DateTime('UTC')),
    created_at           DateTime('UTC'),
    updated_at           DateTime('UTC'),
    deleted              UInt8,
    created_month        Date,
    expected_close_month Nullable(Date),
    closed_month         Nullable(Date)
) ENGINE = ReplacingMergeTree(version)
ORDER BY id;
