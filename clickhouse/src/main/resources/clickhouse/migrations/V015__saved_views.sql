-- Saved pivots (olap's /olap/v1/views): one row per id, the latest version wins under FINAL; a delete is a row with
-- deleted = 1. Written by users, not derived from Kafka, so a streams rebuild keeps this table
-- (pulse.rebuild.keep-tables). query is the pivot body exactly as POST /olap/v1/pivot accepts it. sharing is
-- 'private', 'team' (the owner's team at save time and the managers above it) or 'company'.
CREATE TABLE IF NOT EXISTS saved_views (
    id            UUID,
    version       UInt64,
    owner_id      String,
    owner_team_id String,
    name          String,
    query         String,
    sharing       String,
    created_at    DateTime('UTC'),
    updated_at    DateTime('UTC'),
    deleted       UInt8
) ENGINE = ReplacingMergeTree(version)
ORDER BY id;
