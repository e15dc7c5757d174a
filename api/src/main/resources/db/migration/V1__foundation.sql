-- Foundation schema: organisation, accounts, currency rates, opportunities with their
-- field history, and the transactional outbox the relay publishes to Kafka.

CREATE TABLE teams (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    parent_id  uuid REFERENCES teams (id),
    manager_id uuid
);

CREATE TABLE users (
    id      uuid PRIMARY KEY,
    name    text NOT NULL,
    email   text NOT NULL UNIQUE,
    team_id uuid REFERENCES teams (id)
);

ALTER TABLE teams ADD CONSTRAINT teams_manager_fk FOREIGN KEY (manager_id) REFERENCES users (id);

CREATE TABLE accounts (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    industry   text,
    region     text,
    tier       char(1) CHECK (tier IN ('A', 'B', 'C', 'D')),
    owner_id   uuid REFERENCES users (id),
    version    bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz
);

-- Rates into the base currency (CNY); the rate in force on a day is the latest valid_from <= that day.
CREATE TABLE currency_rates (
    currency     char(3)        NOT NULL,
    rate_to_base numeric(18, 8) NOT NULL CHECK (rate_to_base > 0),
    valid_from   date           NOT NULL,
    PRIMARY KEY (currency, valid_from)
);

INSERT INTO currency_rates (currency, rate_to_base, valid_from) VALUES
    ('CNY', 1,          DATE '2000-01-01'),
    ('USD', 7.10000000, DATE '2000-01-01'),
    ('EUR', 7.75000000, DATE '2000-01-01'),
    ('GBP', 9.05000000, DATE '2000-01-01'),
    ('JPY', 0.04800000, DATE '2000-01-01'),
    ('HKD', 0.91000000, DATE '2000-01-01'),
    ('SGD', 5.30000000, DATE '2000-01-01');

CREATE TABLE opportunities (
    id                  uuid PRIMARY KEY,
    account_id          uuid REFERENCES accounts (id),
    owner_id            uuid REFERENCES users (id),
    name                varchar(200)   NOT NULL,
    stage               text           NOT NULL,
    amount              numeric(18, 2) NOT NULL CHECK (amount >= 0),
    currency            char(3)        NOT NULL,
    amount_base         numeric(18, 2) NOT NULL,
    probability         int            NOT NULL CHECK (probability BETWEEN 0 AND 100),
    forecast_category   text           NOT NULL,
    expected_close_date date,
    closed_at           timestamptz,
    created_at          timestamptz    NOT NULL,
    updated_at          timestamptz    NOT NULL,
    deleted_at          timestamptz,
    version             bigint         NOT NULL CHECK (version >= 1)
);

-- Keyset pagination walks (created_at, id) newest first, optionally within one stage.
CREATE INDEX opportunities_page_idx ON opportunities (created_at DESC, id DESC);
CREATE INDEX opportunities_stage_page_idx ON opportunities (stage, created_at DESC, id DESC);

CREATE TABLE opportunity_history (
    id             bigserial PRIMARY KEY,
    opportunity_id uuid        NOT NULL REFERENCES opportunities (id),
    version        bigint      NOT NULL,
    field          text        NOT NULL,
    old_value      text,
    new_value      text,
    actor          text        NOT NULL,
    changed_at     timestamptz NOT NULL
);

CREATE INDEX opportunity_history_opportunity_idx ON opportunity_history (opportunity_id, version);

CREATE TABLE outbox (
    id                bigserial PRIMARY KEY,
    event_id          uuid        NOT NULL UNIQUE,
    aggregate_type    text        NOT NULL,
    aggregate_id      uuid        NOT NULL,
    aggregate_version bigint      NOT NULL,
    topic             text        NOT NULL,
    event_type        text        NOT NULL,
    payload           bytea       NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    published_at      timestamptz
);

-- The relay only ever scans what is still to be sent.
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

-- Wake the relay when the writing transaction commits (NOTIFY is delivered on commit,
-- and several notifications of one transaction collapse into one).
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pulse_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
