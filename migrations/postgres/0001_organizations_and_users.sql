-- Tenants and the people in them. Times are written by the application, in UTC.
CREATE TABLE organizations (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    slug        TEXT NOT NULL UNIQUE CHECK (length(slug) > 0),
    is_active   BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE users (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- stored lower-cased; one account per email on the whole instance, so login is unambiguous
    email            TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) > 2),
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    password_hash    TEXT,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'qa', 'dev', 'manager')),
    is_active        BOOLEAN NOT NULL DEFAULT TRUE,
    last_login_at    TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE INDEX users_organization_id ON users (organization_id);
