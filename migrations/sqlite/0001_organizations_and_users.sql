-- Tenants and the people in them. Times are ISO-8601 UTC text written by the application.
CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    slug        TEXT NOT NULL UNIQUE CHECK (length(slug) > 0),
    is_active   BOOLEAN NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE users (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- stored lower-cased; one account per email on the whole instance, so login is unambiguous
    email            TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) > 2),
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    password_hash    TEXT,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'qa', 'dev', 'manager')),
    is_active        BOOLEAN NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    last_login_at    TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE INDEX users_organization_id ON users (organization_id);
