-- The inbox: every alert a user was sent, read or not. user_id is the token's subject (text, so an
-- external issuer's subjects fit too); dedupe_key makes a redelivered trigger a no-op.
CREATE TABLE alerts (
    id         uuid        PRIMARY KEY,
    user_id    text        NOT NULL,
    kind       text        NOT NULL,
    title      text        NOT NULL,
    body       text        NOT NULL,
    link       text,
    dedupe_key text        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    read_at    timestamptz
);

-- Newest first per user, all or unread only; (created_at, id) is the paging cursor.
CREATE INDEX alerts_by_user ON alerts (user_id, created_at DESC, id DESC);
CREATE INDEX alerts_unread_by_user ON alerts (user_id, created_at DESC, id DESC) WHERE read_at IS NULL;
