-- The live stream's events, kept so a reconnecting client resumes after the last one it saw
-- (`Last-Event-ID` is `seq`). For everyone of an organization (user_id NULL) or for one person.
CREATE TABLE events (
    seq              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          BIGINT REFERENCES users (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    data             TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX events_org_seq ON events (organization_id, seq);
