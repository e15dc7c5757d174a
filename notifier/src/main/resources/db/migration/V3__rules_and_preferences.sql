-- Reminder rules (scheduled, evaluated per recipient in the recipient's time zone), each user's
-- delivery preferences, and the provenance of every firing.

CREATE TABLE rules (
    id          uuid        PRIMARY KEY,
    owner_id    text        NOT NULL,
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    type        text        NOT NULL,
    parameters  jsonb       NOT NULL,
    recipients  text[]      NOT NULL CHECK (cardinality(recipients) >= 1),
    channels    text[]      NOT NULL CHECK (cardinality(channels) >= 1),
    schedule    jsonb       NOT NULL,
    quiet_hours jsonb,
    -- null: each recipient's digest preference decides
    digest      boolean,
    enabled     boolean     NOT NULL,
    version     bigint      NOT NULL CHECK (version >= 1),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX rules_by_owner ON rules (owner_id, created_at, id);
CREATE INDEX rules_by_recipient ON rules USING gin (recipients);

-- One row per user who saved preferences; a user without one gets the defaults.
CREATE TABLE preferences (
    user_id     text        PRIMARY KEY,
    time_zone   text,
    locale      text        NOT NULL CHECK (locale IN ('en', 'zh-CN')),
    phone       text CHECK (phone ~ '^\+[1-9][0-9]{1,14}$'),
    email       text,
    quiet_hours jsonb,
    -- {"<RULE TYPE>": ["IN_APP", ...]}: the channels on for that type; a type not named has all on
    channels    jsonb       NOT NULL DEFAULT '{}',
    digest      boolean     NOT NULL DEFAULT false,
    version     bigint      NOT NULL CHECK (version >= 1),
    updated_at  timestamptz NOT NULL
);

-- Provenance: every evaluation of a rule for a recipient, with the query it ran and what it found.
-- period is the scheduled instant of the firing (kept when the firing was deferred by quiet hours).
CREATE TABLE rule_firings (
    id          uuid        PRIMARY KEY,
    rule_id     uuid        NOT NULL,
    recipient   text        NOT NULL,
    period      timestamptz NOT NULL,
    fired_at    timestamptz NOT NULL,
    deferred_to timestamptz,
    query       text,
    parameters  jsonb,
    matches     int         NOT NULL DEFAULT 0,
    alerts      int         NOT NULL DEFAULT 0
);

CREATE INDEX rule_firings_by_rule ON rule_firings (rule_id, period);

-- Which firing produced which alert (the inbox alert's dedupe key is the rule's (rule, recipient, subject, period)).
CREATE TABLE rule_alerts (
    dedupe_key text PRIMARY KEY,
    firing_id  uuid NOT NULL REFERENCES rule_firings (id),
    alert_id   uuid NOT NULL,
    subject    text NOT NULL
);
