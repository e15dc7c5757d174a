-- Event-triggered rule types (BIG_DEAL_WON, BIG_DEAL_LOST) fire on crm.opportunities.v1 records and have
-- no schedule; the application requires one for every scheduled type.
ALTER TABLE rules ALTER COLUMN schedule DROP NOT NULL;

-- Each opportunity record looks up the enabled rules of the event types.
CREATE INDEX rules_enabled_by_type ON rules (type) WHERE enabled;
