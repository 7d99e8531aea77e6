-- Durable background jobs (generation now; reports, webhooks and sync later). A worker claims a
-- due job (queued past its backoff, or running with an expired lease), renews its lease while it
-- runs, records progress and a checkpoint, and finishes it once.
CREATE TABLE jobs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id   INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    payload           TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    max_attempts      INTEGER NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 20),
    run_after         TEXT NOT NULL,
    worker            TEXT,
    lease_until       TEXT,
    progress_done     INTEGER NOT NULL DEFAULT 0,
    progress_total    INTEGER NOT NULL DEFAULT 0,
    progress_message  TEXT NOT NULL DEFAULT '',
    checkpoint        TEXT,
    result            TEXT,
    error             TEXT,
    cancel_requested  BOOLEAN NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
    created_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at        TEXT NOT NULL,
    started_at        TEXT,
    finished_at       TEXT,
    updated_at        TEXT NOT NULL
);
CREATE INDEX jobs_due ON jobs (status, run_after, id);
CREATE INDEX jobs_org_creator ON jobs (organization_id, created_by, id);
