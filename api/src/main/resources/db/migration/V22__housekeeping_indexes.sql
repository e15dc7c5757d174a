-- Housekeeping deletes published outbox rows and expired Idempotency-Keys by age; these
-- indexes let it find them without scanning the tables.
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
