-- AI test-case generation: each organization's provider settings (the API key sealed with a key
-- derived from the instance secret), token usage per month, one row per generation job with
-- what it was asked and the prompts it sent, the suggestions waiting for review, and where
-- accepted cases came from.
CREATE TABLE generation_settings (
    organization_id       INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    kind                  TEXT NOT NULL DEFAULT 'offline' CHECK (kind IN ('offline', 'gemini', 'openai')),
    base_url              TEXT NOT NULL DEFAULT '',
    model                 TEXT NOT NULL DEFAULT '',
    api_key_sealed        TEXT,
    key_hint              TEXT,
    user_per_hour         INTEGER NOT NULL DEFAULT 10,
    org_per_hour          INTEGER NOT NULL DEFAULT 100,
    monthly_token_budget  INTEGER,
    updated_at            TEXT NOT NULL
);
CREATE TABLE generation_usage (
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    month            TEXT NOT NULL,
    tokens           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, month)
);
CREATE TABLE generations (
    job_id           INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id       INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    provider         TEXT NOT NULL,
    model            TEXT NOT NULL,
    prompt_version   TEXT NOT NULL,
    input            TEXT NOT NULL,
    prompts          TEXT NOT NULL DEFAULT '',
    problems         TEXT NOT NULL DEFAULT '[]',
    created_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX generations_org_creator ON generations (organization_id, created_by, created_at);
CREATE TABLE suggestions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    job_id           INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    story_id         INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    title            TEXT NOT NULL,
    kind             TEXT NOT NULL,
    criteria         TEXT NOT NULL DEFAULT '[]',
    gherkin          TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    case_id          INTEGER REFERENCES test_cases (id) ON DELETE SET NULL,
    reviewed_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at      TEXT,
    created_at       TEXT NOT NULL,
    UNIQUE (job_id, story_id, position)
);
CREATE INDEX suggestions_org_status ON suggestions (organization_id, status, job_id);
CREATE TABLE case_provenance (
    case_id          INTEGER PRIMARY KEY REFERENCES test_cases (id) ON DELETE CASCADE,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    provider         TEXT NOT NULL,
    model            TEXT NOT NULL,
    prompt_version   TEXT NOT NULL,
    job_id           INTEGER NOT NULL,
    accepted_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    accepted_at      TEXT NOT NULL
);

-- Where a job's result is shown (its kind sets it), for the header's job badge.
ALTER TABLE jobs ADD COLUMN link TEXT;
