-- Test cases written in Gherkin, their revisions, tags and covered criteria, and full-text search
-- over stories and test cases (generated tsvector columns with GIN indexes).

ALTER TABLE projects ADD COLUMN next_case_number BIGINT NOT NULL DEFAULT 1;

CREATE TABLE test_cases (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id    BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id         BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number             BIGINT NOT NULL,
    story_id           BIGINT REFERENCES stories (id) ON DELETE SET NULL,
    title              TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description        TEXT NOT NULL DEFAULT '',
    preconditions      TEXT NOT NULL DEFAULT '',
    kind               TEXT NOT NULL DEFAULT 'functional' CHECK (kind IN ('functional', 'integration', 'ui', 'api', 'regression', 'smoke', 'e2e', 'performance', 'security', 'accessibility')),
    priority           TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('critical', 'high', 'medium', 'low')),
    status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready', 'deprecated')),
    tags               TEXT NOT NULL DEFAULT '',
    estimated_minutes  INTEGER CHECK (estimated_minutes BETWEEN 0 AND 100000),
    automated          BOOLEAN NOT NULL DEFAULT FALSE,
    gherkin            TEXT NOT NULL DEFAULT '',
    gherkin_valid      BOOLEAN NOT NULL DEFAULT FALSE,
    last_result        TEXT CHECK (last_result IN ('passed', 'failed', 'blocked', 'skipped')),
    revision           BIGINT NOT NULL DEFAULT 1,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    search             TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', description), 'B')
        || setweight(to_tsvector('simple', gherkin), 'C')
    ) STORED,
    UNIQUE (project_id, number),
    CHECK (status <> 'ready' OR gherkin_valid)
);
CREATE INDEX test_cases_project_updated ON test_cases (project_id, updated_at, id);
CREATE INDEX test_cases_project_title ON test_cases (project_id, title, id);
CREATE INDEX test_cases_story ON test_cases (story_id);
CREATE INDEX test_cases_search ON test_cases USING GIN (search);

CREATE TABLE test_case_tags (
    test_case_id  BIGINT NOT NULL REFERENCES test_cases (id) ON DELETE CASCADE,
    tag           TEXT NOT NULL,
    PRIMARY KEY (test_case_id, tag)
);
CREATE INDEX test_case_tags_tag ON test_case_tags (tag, test_case_id);

CREATE TABLE test_case_criteria (
    test_case_id  BIGINT NOT NULL REFERENCES test_cases (id) ON DELETE CASCADE,
    criterion_id  BIGINT NOT NULL REFERENCES acceptance_criteria (id) ON DELETE CASCADE,
    PRIMARY KEY (test_case_id, criterion_id)
);
CREATE INDEX test_case_criteria_criterion ON test_case_criteria (criterion_id);

CREATE TABLE test_case_revisions (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    test_case_id  BIGINT NOT NULL REFERENCES test_cases (id) ON DELETE CASCADE,
    revision      BIGINT NOT NULL,
    author_id     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    summary       TEXT NOT NULL,
    snapshot      TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (test_case_id, revision)
);

ALTER TABLE stories ADD COLUMN search TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', description), 'B')
) STORED;
CREATE INDEX stories_search ON stories USING GIN (search);
