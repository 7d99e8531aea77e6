-- Identity and access: logins (sessions) with rotating refresh tokens, invitations, password
-- resets, an outbox for email, rate-limit counters and the append-only audit log.

CREATE TABLE sessions (
    id               TEXT PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ip               TEXT,
    user_agent       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    last_seen_at     TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL,
    revoked_at       TIMESTAMPTZ,
    revoked_reason   TEXT
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE refresh_tokens (
    token_hash   TEXT PRIMARY KEY,
    session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at    TIMESTAMPTZ NOT NULL,
    rotated_at   TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_session_id ON refresh_tokens (session_id);

CREATE TABLE invitations (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email            TEXT NOT NULL CHECK (email = lower(email)),
    name             TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'qa', 'dev', 'manager')),
    token_hash       TEXT NOT NULL UNIQUE,
    invited_by       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    sent_at          TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL,
    accepted_at      TIMESTAMPTZ,
    revoked_at       TIMESTAMPTZ
);
CREATE INDEX invitations_organization_id ON invitations (organization_id);

CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);

CREATE TABLE outbox (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
    to_email         TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    sent_at          TIMESTAMPTZ,
    last_error       TEXT
);

CREATE TABLE rate_limits (
    key           TEXT PRIMARY KEY,
    failures      BIGINT NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    locked_until  TIMESTAMPTZ
);

CREATE TABLE audit_events (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
    actor_user_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    actor_email      TEXT,
    action           TEXT NOT NULL,
    target           TEXT,
    detail           TEXT,
    ip               TEXT,
    user_agent       TEXT,
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_events_org_time ON audit_events (organization_id, created_at);

-- Append-only: the database itself refuses edits of audit rows, and deletes other than the
-- cascade from deleting the whole organization.
CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit_events is append-only';
    END IF;
    IF EXISTS (SELECT 1 FROM organizations WHERE id = OLD.organization_id) THEN
        RAISE EXCEPTION 'audit_events is append-only';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
