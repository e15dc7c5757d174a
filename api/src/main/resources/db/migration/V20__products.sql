-- The product catalogue (issue 3): what opportunity product lines pick from. Codes are unique
-- case-insensitively across live and binned products, so a restored product never collides.
CREATE TABLE products (
    id         uuid PRIMARY KEY,
    code       varchar(64)    NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'),
    name       varchar(200)   NOT NULL CHECK (char_length(name) >= 1),
    category   varchar(100),
    list_price numeric(18, 2) NOT NULL CHECK (list_price >= 0),
    currency   char(3)        NOT NULL,
    active     boolean        NOT NULL,
    created_at timestamptz    NOT NULL,
    updated_at timestamptz    NOT NULL,
    deleted_at timestamptz,
    version    bigint         NOT NULL CHECK (version >= 1)
);

CREATE UNIQUE INDEX products_code_idx ON products (lower(code));
CREATE INDEX products_created_page_idx ON products (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX products_name_page_idx ON products (name, id) WHERE deleted_at IS NULL;

CREATE TABLE product_history (
    id          bigserial PRIMARY KEY,
    product_id  uuid        NOT NULL REFERENCES products (id),
    version     bigint      NOT NULL,
    field       text        NOT NULL,
    old_value   text,
    new_value   text,
    actor       text        NOT NULL,
    changed_at  timestamptz NOT NULL
);

CREATE INDEX product_history_product_idx ON product_history (product_id, version);
