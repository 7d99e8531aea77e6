-- Projects, user stories with first-class acceptance criteria, and durable import jobs.

CREATE TABLE projects (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id    BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    key                TEXT NOT NULL CHECK (length(key) BETWEEN 2 AND 10 AND key = upper(key)),
    name               TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description        TEXT NOT NULL DEFAULT '',
    client             TEXT,
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'completed')),
    start_date         DATE,
    end_date           DATE,
    next_story_number  BIGINT NOT NULL DEFAULT 1,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    UNIQUE (organization_id, key)
);

CREATE TABLE stories (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id       BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number           BIGINT NOT NULL,
    external_id      TEXT,
    title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description      TEXT NOT NULL DEFAULT '',
    priority         TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('critical', 'high', 'medium', 'low')),
    status           TEXT NOT NULL DEFAULT 'backlog' CHECK (status IN ('backlog', 'to_do', 'in_progress', 'in_review', 'testing', 'done')),
    epic             TEXT,
    sprint           TEXT,
    story_points     INTEGER CHECK (story_points BETWEEN 0 AND 1000),
    assignee_id      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (project_id, number),
    UNIQUE (project_id, external_id)
);
CREATE INDEX stories_project_status ON stories (project_id, status);

CREATE TABLE acceptance_criteria (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    story_id   BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    done       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX acceptance_criteria_story ON acceptance_criteria (story_id, position);

CREATE TABLE import_jobs (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id       BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    created_by       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    file_name        TEXT NOT NULL,
    file_bytes       BYTEA NOT NULL,
    mapping          TEXT,
    status           TEXT NOT NULL CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed')),
    total_rows       BIGINT NOT NULL DEFAULT 0,
    processed_rows   BIGINT NOT NULL DEFAULT 0,
    created_count    BIGINT NOT NULL DEFAULT 0,
    updated_count    BIGINT NOT NULL DEFAULT 0,
    rejected_count   BIGINT NOT NULL DEFAULT 0,
    rejects          TEXT,
    error            TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX import_jobs_status ON import_jobs (status);
