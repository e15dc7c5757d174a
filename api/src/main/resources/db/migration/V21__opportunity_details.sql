-- Opportunity details (issue 3): where the deal came from, whom it competes with, and its
-- product lines. Lines are a jsonb array on the row because they are only ever read and
-- replaced with the deal, in its transaction; each line copies the product's code, name and
-- category, so it keeps saying what was offered when the catalogue changes.
ALTER TABLE opportunities
    ADD COLUMN source      text CHECK (source IN ('WEB', 'REFERRAL', 'EVENT', 'CAMPAIGN', 'COLD_CALL', 'OTHER')),
    ADD COLUMN competitors text[] NOT NULL DEFAULT '{}' CHECK (cardinality(competitors) <= 10),
    ADD COLUMN lines       jsonb  NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(lines) = 'array' AND jsonb_array_length(lines) <= 100);

-- An override of the forecast category is only valid on open deals and never CLOSED there
-- (METRICS.md); closed deals keep their stage's category. The API checks this first; the
-- constraint keeps other writers honest.
ALTER TABLE opportunities ADD CONSTRAINT opportunities_category_known
    CHECK (forecast_category IN ('PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED'));
