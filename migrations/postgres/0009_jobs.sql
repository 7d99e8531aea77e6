-- Durable background jobs (generation now; reports, webhooks and sync later). A worker claims a
-- due job (queued past its backoff, or running with an expired lease), renews its lease while it
-- runs, records progress and a checkpoint, and finishes it once.
CREATE TABLE jobs (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id   BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    payload           TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    attempts          BIGINT NOT NULL DEFAULT 0,
    max_attempts      BIGINT NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 20),
    run_after         TIMESTAMPTZ NOT NULL,
    worker            TEXT,
    lease_until       TIMESTAMPTZ,
    progress_done     BIGINT NOT NULL DEFAULT 0,
    progress_total    BIGINT NOT NULL DEFAULT 0,
    progress_message  TEXT NOT NULL DEFAULT '',
    checkpoint        TEXT,
    result            TEXT,
    error             TEXT,
    cancel_requested  BOOLEAN NOT NULL DEFAULT FALSE,
    created_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX jobs_due ON jobs (status, run_after, id);
CREATE INDEX jobs_org_creator ON jobs (organization_id, created_by, id);
