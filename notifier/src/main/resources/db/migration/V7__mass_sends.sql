-- Mass sends: one message, with macros filled in per contact, to a filtered set of the sender's contacts.
-- Each recipient is a row of the delivery log (rule 'mass-send:<id>'), due at its place in the channel's pace.
CREATE TABLE mass_sends (
    id             uuid        PRIMARY KEY,
    owner_id       text        NOT NULL,
    name           text        NOT NULL,
    channel        text        NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    campaign_id    uuid,                     -- the api's marketing campaign it belongs to, if any
    filter         jsonb       NOT NULL,
    subject        text,                     -- EMAIL only
    body           text        NOT NULL,
    locale         text        NOT NULL,
    recipients     integer     NOT NULL,     -- contacts enqueued
    skipped        integer     NOT NULL,     -- contacts selected without an address on the channel
    rate_per_second numeric    NOT NULL,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX mass_sends_by_owner ON mass_sends (owner_id, created_at DESC, id DESC);

-- The channel's pace across every mass send and instance: the next free sending slot, taken under a row lock.
CREATE TABLE mass_send_pace (
    channel   text        PRIMARY KEY,
    next_free timestamptz NOT NULL
);
