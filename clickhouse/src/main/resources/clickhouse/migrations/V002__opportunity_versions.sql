-- One row per (opportunity, version): the full snapshot after each change, plus the event's
-- identity and time. A redelivered event has the same (id, version) and collapses under FINAL.
-- Booleans are UInt8 (18.16 has no Bool); nullable snapshot fields are Nullable.
CREATE TABLE IF NOT EXISTS opportunity_versions (
    id                  UUID,
    version             UInt64,
    event_id            UUID,
    operation           String,
    actor               String,
    occurred_at         DateTime('UTC'),
    account_id          Nullable(UUID),
    owner_id            Nullable(UUID),
    name                String,
    stage               String,
    stage_order         UInt8,
    amount              Decimal(18, 2),
    currency            String,
    amount_base         Decimal(18, 2),
    probability         UInt8,
    forecast_category   String,
    expected_close_date Nullable(Date),
    closed_at           Nullable(DateTime('UTC')),
    created_at          DateTime('UTC'),
    updated_at          DateTime('UTC'),
    deleted             UInt8
) ENGINE = ReplacingMergeTree(version)
ORDER BY (id, version);
