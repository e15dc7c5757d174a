-- Opportunity lifecycle (issue 3): the reason a deal was lost, and the Idempotency-Key
-- records that make a retried create return the first result instead of a second deal.

ALTER TABLE opportunities ADD COLUMN lost_reason varchar(500);

-- The recycle bin view lists deleted opportunities newest first.
CREATE INDEX opportunities_bin_idx ON opportunities (created_at DESC, id DESC) WHERE deleted_at IS NOT NULL;

-- One row per key and scope (the kind of thing created), inserted in the create's own
-- transaction: a concurrent retry with the same key waits on the primary key until the
-- first commits (then finds its row) or rolls back (then creates it itself).
CREATE TABLE idempotency_keys (
    scope        text        NOT NULL,
    key          text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash text        NOT NULL,
    response_id  uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
