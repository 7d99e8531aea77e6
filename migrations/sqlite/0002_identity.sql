-- Identity and access: logins (sessions) with rotating refresh tokens, invitations, password
-- resets, an outbox for email, rate-limit counters and the append-only audit log.

CREATE TABLE sessions (
    id               TEXT PRIMARY KEY,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ip               TEXT,
    user_agent       TEXT,
    created_at       TEXT NOT NULL,
    last_seen_at     TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    revoked_at       TEXT,
    revoked_reason   TEXT
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE refresh_tokens (
    token_hash   TEXT PRIMARY KEY,
    session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at    TEXT NOT NULL,
    rotated_at   TEXT
);
CREATE INDEX refresh_tokens_session_id ON refresh_tokens (session_id);

CREATE TABLE invitations (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email            TEXT NOT NULL CHECK (email = lower(email)),
    name             TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'qa', 'dev', 'manager')),
    token_hash       TEXT NOT NULL UNIQUE,
    invited_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    sent_at          TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    accepted_at      TEXT,
    revoked_at       TEXT
);
CREATE INDEX invitations_organization_id ON invitations (organization_id);

CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    to_email         TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    sent_at          TEXT,
    last_error       TEXT
);

CREATE TABLE rate_limits (
    key           TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    window_start  TEXT NOT NULL,
    locked_until  TEXT
);

CREATE TABLE audit_events (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    actor_user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor_email      TEXT,
    action           TEXT NOT NULL,
    target           TEXT,
    detail           TEXT,
    ip               TEXT,
    user_agent       TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX audit_events_org_time ON audit_events (organization_id, created_at);

-- Append-only: the database itself refuses edits and deletes of audit rows.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
WHEN (SELECT COUNT(*) FROM organizations WHERE id = OLD.organization_id) > 0
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
