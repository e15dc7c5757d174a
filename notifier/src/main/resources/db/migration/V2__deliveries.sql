-- The delivery log: one row per delivery key (rule, subject, period, channel). The UNIQUE key is what
-- makes re-evaluation, redelivered triggers and a second notifier instance unable to send twice: an
-- enqueue of an existing key writes nothing, and a row is claimed by one dispatcher at a time.
CREATE TABLE deliveries (
    id                  uuid        PRIMARY KEY,
    rule                text        NOT NULL,  -- rule id, or a system rule's name (BIG_DEAL_WON)
    subject             text        NOT NULL,  -- what the alert is about (an opportunity id, a contact id …)
    period              text        NOT NULL,  -- which firing: a date, a month, an event version …
    channel             text        NOT NULL CHECK (channel IN ('IN_APP', 'SMS', 'EMAIL')),
    recipient_user_id   text        NOT NULL,
    address             text,                  -- E.164 number or email address; null for IN_APP
    locale              text        NOT NULL,
    template            text        NOT NULL,
    variables           jsonb       NOT NULL,
    status              text        NOT NULL CHECK (status IN
                            ('PENDING', 'SENDING', 'SENT', 'RETRYING', 'FAILED', 'FAILED_PERMANENT')),
    attempts            integer     NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    claim_id            uuid,                  -- the dispatcher claim that owns a SENDING row
    lease_until         timestamptz,           -- a SENDING row not finished by then lost its dispatcher
    last_error          text,
    provider_message_id text,
    segments            integer,
    fired_at            timestamptz,
    source_topic        text,
    source_partition    integer,
    source_offset       bigint,
    source_query        text,
    created_at          timestamptz NOT NULL,
    sent_at             timestamptz,
    CONSTRAINT deliveries_key UNIQUE (rule, subject, period, channel)
);

-- What the dispatcher claims: due rows waiting to be sent, and SENDING rows whose lease ran out.
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('PENDING', 'RETRYING');
CREATE INDEX deliveries_leased ON deliveries (lease_until) WHERE status = 'SENDING';
-- GET /notifier/v1/deliveries: newest first, per recipient or for everyone (admins).
CREATE INDEX deliveries_by_recipient ON deliveries (recipient_user_id, created_at DESC, id DESC);
CREATE INDEX deliveries_by_time ON deliveries (created_at DESC, id DESC);
