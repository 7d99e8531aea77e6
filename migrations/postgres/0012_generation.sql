-- AI test-case generation: each organization's provider settings (the API key sealed with a key
-- derived from the instance secret), token usage per month, one row per generation job with
-- what it was asked and the prompts it sent, the suggestions waiting for review, and where
-- accepted cases came from.
CREATE TABLE generation_settings (
    organization_id       BIGINT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    kind                  TEXT NOT NULL DEFAULT 'offline' CHECK (kind IN ('offline', 'gemini', 'openai')),
    base_url              TEXT NOT NULL DEFAULT '',
    model                 TEXT NOT NULL DEFAULT '',
    api_key_sealed        TEXT,
    key_hint              TEXT,
    user_per_hour         BIGINT NOT NULL DEFAULT 10,
    org_per_hour          BIGINT NOT NULL DEFAULT 100,
    monthly_token_budget  BIGINT,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE generation_usage (
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    month            TEXT NOT NULL,
    tokens           BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, month)
);
CREATE TABLE generations (
    job_id           BIGINT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id       BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    provider         TEXT NOT NULL,
    model            TEXT NOT NULL,
    prompt_version   TEXT NOT NULL,
    input            TEXT NOT NULL,
    prompts          TEXT NOT NULL DEFAULT '',
    problems         TEXT NOT NULL DEFAULT '[]',
    created_by       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX generations_org_creator ON generations (organization_id, created_by, created_at);
CREATE TABLE suggestions (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    job_id           BIGINT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    story_id         BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position         BIGINT NOT NULL,
    title            TEXT NOT NULL,
    kind             TEXT NOT NULL,
    criteria         TEXT NOT NULL DEFAULT '[]',
    gherkin          TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    case_id          BIGINT REFERENCES test_cases (id) ON DELETE SET NULL,
    reviewed_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at      TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (job_id, story_id, position)
);
CREATE INDEX suggestions_org_status ON suggestions (organization_id, status, job_id);
CREATE TABLE case_provenance (
    case_id          BIGINT PRIMARY KEY REFERENCES test_cases (id) ON DELETE CASCADE,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    provider         TEXT NOT NULL,
    model            TEXT NOT NULL,
    prompt_version   TEXT NOT NULL,
    job_id           BIGINT NOT NULL,
    accepted_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    accepted_at TIMESTAMPTZ NOT NULL
);

-- Where a job's result is shown (its kind sets it), for the header's job badge.
ALTER TABLE jobs ADD COLUMN link TEXT;
