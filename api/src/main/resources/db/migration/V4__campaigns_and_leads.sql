-- Campaigns and leads, with field history and the recycle bin (deleted_at), like accounts and contacts.

CREATE TABLE campaigns (
    id          uuid PRIMARY KEY,
    name        varchar(200)   NOT NULL CHECK (char_length(name) >= 1),
    channel     text           NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'EVENT', 'WEB', 'SOCIAL', 'OTHER')),
    budget      numeric(18, 2) CHECK (budget >= 0),
    actual_cost numeric(18, 2) CHECK (actual_cost >= 0),
    start_date  date,
    end_date    date,
    status      text           NOT NULL CHECK (status IN ('PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED')),
    created_at  timestamptz    NOT NULL,
    updated_at  timestamptz    NOT NULL,
    deleted_at  timestamptz,
    version     bigint         NOT NULL CHECK (version >= 1),
    CONSTRAINT campaigns_period CHECK (start_date IS NULL OR end_date IS NULL OR start_date <= end_date)
);

CREATE INDEX campaigns_created_page_idx ON campaigns (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX campaigns_name_page_idx ON campaigns (name, id) WHERE deleted_at IS NULL;

CREATE TABLE campaign_history (
    id          bigserial PRIMARY KEY,
    campaign_id uuid        NOT NULL REFERENCES campaigns (id),
    version     bigint      NOT NULL,
    field       text        NOT NULL,
    old_value   text,
    new_value   text,
    actor       text        NOT NULL,
    changed_at  timestamptz NOT NULL
);

CREATE INDEX campaign_history_campaign_idx ON campaign_history (campaign_id, version);

-- The list sorts leads by "name": that is the contact name, kept in a column called name so the
-- shared keyset code (sort column name) applies unchanged.
CREATE TABLE leads (
    id                       uuid PRIMARY KEY,
    source                   text         NOT NULL CHECK (source IN ('WEB', 'REFERRAL', 'EVENT', 'CAMPAIGN', 'COLD_CALL', 'OTHER')),
    campaign_id              uuid REFERENCES campaigns (id),
    company                  varchar(200),
    name                     varchar(200) NOT NULL CHECK (char_length(name) >= 1),
    title                    varchar(100),
    email                    varchar(254),
    phone                    varchar(16) CHECK (phone ~ '^\+[1-9][0-9]{1,14}$'),
    status                   text         NOT NULL CHECK (status IN ('NEW', 'WORKING', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED')),
    disqualified_reason      varchar(500),
    converted_at             timestamptz,
    converted_account_id     uuid REFERENCES accounts (id),
    converted_contact_id     uuid REFERENCES contacts (id),
    converted_opportunity_id uuid REFERENCES opportunities (id),
    owner_id                 uuid REFERENCES users (id),
    created_at               timestamptz  NOT NULL,
    updated_at               timestamptz  NOT NULL,
    deleted_at               timestamptz,
    version                  bigint       NOT NULL CHECK (version >= 1),
    CONSTRAINT leads_converted CHECK ((status = 'CONVERTED') = (converted_at IS NOT NULL AND converted_account_id IS NOT NULL
                                                              AND converted_contact_id IS NOT NULL))
);

CREATE INDEX leads_created_page_idx ON leads (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_name_page_idx ON leads (name, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_campaign_idx ON leads (campaign_id) WHERE campaign_id IS NOT NULL;

CREATE TABLE lead_history (
    id         bigserial PRIMARY KEY,
    lead_id    uuid        NOT NULL REFERENCES leads (id),
    version    bigint      NOT NULL,
    field      text        NOT NULL,
    old_value  text,
    new_value  text,
    actor      text        NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE INDEX lead_history_lead_idx ON lead_history (lead_id, version);
