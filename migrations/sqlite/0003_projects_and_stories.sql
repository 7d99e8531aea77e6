-- Projects, user stories with first-class acceptance criteria, and durable import jobs.

CREATE TABLE projects (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    key                TEXT NOT NULL CHECK (length(key) BETWEEN 2 AND 10 AND key = upper(key)),
    name               TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description        TEXT NOT NULL DEFAULT '',
    client             TEXT,
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'completed')),
    start_date         TEXT,
    end_date           TEXT,
    next_story_number  INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (organization_id, key)
);

CREATE TABLE stories (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id       INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number           INTEGER NOT NULL,
    external_id      TEXT,
    title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description      TEXT NOT NULL DEFAULT '',
    priority         TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('critical', 'high', 'medium', 'low')),
    status           TEXT NOT NULL DEFAULT 'backlog' CHECK (status IN ('backlog', 'to_do', 'in_progress', 'in_review', 'testing', 'done')),
    epic             TEXT,
    sprint           TEXT,
    story_points     INTEGER CHECK (story_points BETWEEN 0 AND 1000),
    assignee_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (project_id, number),
    UNIQUE (project_id, external_id)
);
CREATE INDEX stories_project_status ON stories (project_id, status);

CREATE TABLE acceptance_criteria (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    done       BOOLEAN NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX acceptance_criteria_story ON acceptance_criteria (story_id, position);

CREATE TABLE import_jobs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id       INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    created_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    file_name        TEXT NOT NULL,
    file_bytes       BLOB NOT NULL,
    mapping          TEXT,
    status           TEXT NOT NULL CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed')),
    total_rows       INTEGER NOT NULL DEFAULT 0,
    processed_rows   INTEGER NOT NULL DEFAULT 0,
    created_count    INTEGER NOT NULL DEFAULT 0,
    updated_count    INTEGER NOT NULL DEFAULT 0,
    rejected_count   INTEGER NOT NULL DEFAULT 0,
    rejects          TEXT,
    error            TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX import_jobs_status ON import_jobs (status);
