-- Accounts become a full aggregate (type, group hierarchy, sharing, status, field history),
-- and contacts arrive. Both keep deleted rows in place (deleted_at) as the recycle bin.

ALTER TABLE accounts
    ADD COLUMN type              text   NOT NULL DEFAULT 'CUSTOMER' CHECK (type IN ('CUSTOMER', 'DISTRIBUTOR', 'PARTNER')),
    ADD COLUMN parent_account_id uuid   REFERENCES accounts (id),
    ADD COLUMN shared_with       uuid[] NOT NULL DEFAULT '{}',
    ADD COLUMN status            text   NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'INACTIVE')),
    ADD CONSTRAINT accounts_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    ADD CONSTRAINT accounts_version_positive CHECK (version >= 1),
    ADD CONSTRAINT accounts_not_own_parent CHECK (parent_account_id <> id);

-- Keyset pagination: newest first or by name, within the live rows.
CREATE INDEX accounts_created_page_idx ON accounts (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_name_page_idx ON accounts (name, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_parent_idx ON accounts (parent_account_id) WHERE parent_account_id IS NOT NULL;

CREATE TABLE account_history (
    id         bigserial PRIMARY KEY,
    account_id uuid        NOT NULL REFERENCES accounts (id),
    version    bigint      NOT NULL,
    field      text        NOT NULL,
    old_value  text,
    new_value  text,
    actor      text        NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE INDEX account_history_account_idx ON account_history (account_id, version);

CREATE TABLE contacts (
    id         uuid PRIMARY KEY,
    account_id uuid         NOT NULL REFERENCES accounts (id),
    name       varchar(200) NOT NULL,
    title      varchar(100),
    phone      varchar(16) CHECK (phone ~ '^\+[1-9][0-9]{1,14}$'),
    email      varchar(254),
    birthday   date,
    owner_id   uuid REFERENCES users (id),
    created_at timestamptz  NOT NULL,
    updated_at timestamptz  NOT NULL,
    deleted_at timestamptz,
    version    bigint       NOT NULL CHECK (version >= 1)
);

CREATE INDEX contacts_created_page_idx ON contacts (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_name_page_idx ON contacts (name, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_account_idx ON contacts (account_id);

CREATE TABLE contact_history (
    id         bigserial PRIMARY KEY,
    contact_id uuid        NOT NULL REFERENCES contacts (id),
    version    bigint      NOT NULL,
    field      text        NOT NULL,
    old_value  text,
    new_value  text,
    actor      text        NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE INDEX contact_history_contact_idx ON contact_history (contact_id, version);
