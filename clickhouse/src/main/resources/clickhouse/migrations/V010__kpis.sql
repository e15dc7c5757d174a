-- Sales KPIs (METRICS.md §KPIs) per scope — COMPANY, TEAM (a team with its sub-teams), OWNER — and period — TODAY, MTD,
-- QTD, YTD in the company time zone (period_start = its first day, as_of = the day they were computed for). open_pipeline,
-- weighted_pipeline and the customers_tier_* counts are "now", the *_90d figures the trailing 90 days ending on as_of;
-- each row repeats them so that one row answers a dashboard. Ratios NULL where METRICS.md leaves them undefined
-- (nothing closed). version = Kafka offset of the pulse.agg.kpis.v1 record: the latest message of a key wins under FINAL.
CREATE TABLE IF NOT EXISTS kpis (
    scope_type           String,
    scope_id             String,
    period               String,
    period_start         Date,
    as_of                Date,
    revenue_won          Decimal(18, 2),
    new_leads            Int64,
    leads_converted      Int64,
    leads_closed         Int64,
    lead_conversion_rate Nullable(Decimal(38, 4)),
    new_opportunities    Int64,
    activities           Int64,
    new_customers        Int64,
    open_pipeline        Decimal(18, 2),
    weighted_pipeline    Decimal(18, 2),
    win_rate_90d         Nullable(Decimal(38, 4)),
    avg_deal_size_90d    Nullable(Decimal(18, 2)),
    sales_cycle_days_90d Nullable(Decimal(38, 2)),
    customers_tier_a     Int64,
    customers_tier_b     Int64,
    customers_tier_c     Int64,
    customers_tier_d     Int64,
    changed_at           DateTime('UTC'),
    version              UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (scope_type, scope_id, period);
