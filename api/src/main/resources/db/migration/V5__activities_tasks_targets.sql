-- Activities, tasks and targets, with field history and the recycle bin (deleted_at), like accounts and contacts.
-- Each table carries a generated column "name" (subject, title, period) so the shared keyset list code
-- (sort=name|createdAt, sort column name) applies unchanged.

CREATE TABLE activities (
    id             uuid PRIMARY KEY,
    type           text          NOT NULL CHECK (type IN ('CALL', 'VISIT', 'EMAIL', 'MEETING')),
    subject        varchar(200)  NOT NULL CHECK (char_length(subject) >= 1),
    notes          varchar(10000),
    account_id     uuid REFERENCES accounts (id),
    contact_id     uuid REFERENCES contacts (id),
    opportunity_id uuid REFERENCES opportunities (id),
    due_at         timestamptz,
    completed_at   timestamptz,
    owner_id       uuid REFERENCES users (id),
    created_at     timestamptz   NOT NULL,
    updated_at     timestamptz   NOT NULL,
    deleted_at     timestamptz,
    version        bigint        NOT NULL CHECK (version >= 1),
    name           varchar(200)  GENERATED ALWAYS AS (subject) STORED,
    CONSTRAINT activities_related CHECK (account_id IS NOT NULL OR contact_id IS NOT NULL OR opportunity_id IS NOT NULL)
);

CREATE INDEX activities_created_page_idx ON activities (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX activities_name_page_idx ON activities (name, id) WHERE deleted_at IS NULL;
CREATE INDEX activities_account_idx ON activities (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX activities_opportunity_idx ON activities (opportunity_id) WHERE opportunity_id IS NOT NULL;
CREATE INDEX activities_owner_idx ON activities (owner_id) WHERE owner_id IS NOT NULL;
-- The ACTIVITIES KPI counts completed activities per period.
CREATE INDEX activities_completed_idx ON activities (completed_at) WHERE completed_at IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE activity_history (
    id          bigserial PRIMARY KEY,
    activity_id uuid        NOT NULL REFERENCES activities (id),
    version     bigint      NOT NULL,
    field       text        NOT NULL,
    old_value   text,
    new_value   text,
    actor       text        NOT NULL,
    changed_at  timestamptz NOT NULL
);

CREATE INDEX activity_history_activity_idx ON activity_history (activity_id, version);

CREATE TABLE tasks (
    id             uuid PRIMARY KEY,
    title          varchar(200) NOT NULL CHECK (char_length(title) >= 1),
    assignee_id    uuid         NOT NULL REFERENCES users (id),
    due            timestamptz,
    status         text         NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
    account_id     uuid REFERENCES accounts (id),
    opportunity_id uuid REFERENCES opportunities (id),
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL,
    deleted_at     timestamptz,
    version        bigint       NOT NULL CHECK (version >= 1),
    name           varchar(200) GENERATED ALWAYS AS (title) STORED
);

CREATE INDEX tasks_created_page_idx ON tasks (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_name_page_idx ON tasks (name, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_assignee_idx ON tasks (assignee_id, status);

CREATE TABLE task_history (
    id         bigserial PRIMARY KEY,
    task_id    uuid        NOT NULL REFERENCES tasks (id),
    version    bigint      NOT NULL,
    field      text        NOT NULL,
    old_value  text,
    new_value  text,
    actor      text        NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE INDEX task_history_task_idx ON task_history (task_id, version);

-- scope_id is a team or a user as scope_type says, so it has no foreign key; the API checks it.
CREATE TABLE targets (
    id          uuid PRIMARY KEY,
    scope_type  text           NOT NULL CHECK (scope_type IN ('TEAM', 'USER')),
    scope_id    uuid           NOT NULL,
    period_type text           NOT NULL CHECK (period_type IN ('YEAR', 'QUARTER', 'MONTH')),
    period      varchar(7)     NOT NULL,
    metric      text           NOT NULL CHECK (metric IN ('WON_AMOUNT', 'COLLECTED_AMOUNT', 'NEW_CUSTOMERS', 'NEW_LEADS', 'ACTIVITIES')),
    value       numeric(18, 2) NOT NULL CHECK (value >= 0),
    created_at  timestamptz    NOT NULL,
    updated_at  timestamptz    NOT NULL,
    deleted_at  timestamptz,
    version     bigint         NOT NULL CHECK (version >= 1),
    name        varchar(7)     GENERATED ALWAYS AS (period) STORED,
    CONSTRAINT targets_period_form CHECK (
        (period_type = 'YEAR' AND period ~ '^[0-9]{4}$')
        OR (period_type = 'QUARTER' AND period ~ '^[0-9]{4}-Q[1-4]$')
        OR (period_type = 'MONTH' AND period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'))
);

-- One live target per scope, period and metric (the period text implies its type).
CREATE UNIQUE INDEX targets_unique_live ON targets (scope_type, scope_id, period, metric) WHERE deleted_at IS NULL;
CREATE INDEX targets_created_page_idx ON targets (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX targets_name_page_idx ON targets (name, id) WHERE deleted_at IS NULL;

CREATE TABLE target_history (
    id         bigserial PRIMARY KEY,
    target_id  uuid        NOT NULL REFERENCES targets (id),
    version    bigint      NOT NULL,
    field      text        NOT NULL,
    old_value  text,
    new_value  text,
    actor      text        NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE INDEX target_history_target_idx ON target_history (target_id, version);
