-- Users and teams become versioned entities with a recycle bin, history and events.
-- The V1 columns stay; new columns have defaults so rows written by older code (demo SQL, tests) stay valid.

ALTER TABLE teams
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN deleted_at timestamptz,
    ADD COLUMN version    bigint      NOT NULL DEFAULT 1 CHECK (version >= 1);

CREATE INDEX teams_parent_idx ON teams (parent_id) WHERE parent_id IS NOT NULL;

-- username may be null only for rows written before sign-in existed (they cannot sign in).
ALTER TABLE users
    ADD COLUMN username      varchar(64),
    ADD COLUMN mobile        varchar(16) CHECK (mobile ~ '^\+[1-9][0-9]{1,14}$'),
    ADD COLUMN locale        varchar(5)  NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
    ADD COLUMN time_zone     varchar(64) NOT NULL DEFAULT 'Asia/Shanghai',
    ADD COLUMN roles         text[]      NOT NULL DEFAULT '{REP}' CHECK (cardinality(roles) >= 1
        AND roles <@ ARRAY['ADMIN', 'EXECUTIVE', 'MANAGER', 'REP', 'ANALYST']::text[]),
    ADD COLUMN active        boolean     NOT NULL DEFAULT true,
    ADD COLUMN password_hash varchar(100),
    ADD COLUMN created_at    timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN updated_at    timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN deleted_at    timestamptz,
    ADD COLUMN version       bigint      NOT NULL DEFAULT 1 CHECK (version >= 1);

-- Case-insensitive: "Wang.Fang" and "wang.fang" are one login.
CREATE UNIQUE INDEX users_username_idx ON users (lower(username));
CREATE INDEX users_team_idx ON users (team_id) WHERE team_id IS NOT NULL;

CREATE TABLE user_history (
    id         bigserial PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id),
    version    bigint      NOT NULL,
    field      text        NOT NULL,
    old_value  text,
    new_value  text,
    actor      text        NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE INDEX user_history_user_idx ON user_history (user_id, version);

CREATE TABLE team_history (
    id         bigserial PRIMARY KEY,
    team_id    uuid        NOT NULL REFERENCES teams (id),
    version    bigint      NOT NULL,
    field      text        NOT NULL,
    old_value  text,
    new_value  text,
    actor      text        NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE INDEX team_history_team_idx ON team_history (team_id, version);
