-- Bugs ([F6]): numbered per project (KEY-BUG-n), linked to the case, story, run and execution they
-- were found in; every status change kept with who, when and the note; Markdown comments whose
-- @mentions (resolved to active members of the organization) are stored for notifications.
ALTER TABLE projects ADD COLUMN next_bug_number BIGINT NOT NULL DEFAULT 1;
CREATE TABLE bugs (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id     BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id          BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number              BIGINT NOT NULL,
    title               TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
    description_md      TEXT NOT NULL DEFAULT '',
    severity            TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('critical', 'high', 'medium', 'low')),
    priority            TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('urgent', 'high', 'medium', 'low')),
    bug_type            TEXT NOT NULL DEFAULT 'functional' CHECK (bug_type IN ('functional', 'ui_ux', 'performance', 'security', 'compatibility', 'data', 'api', 'crash')),
    status              TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'in_progress', 'fixed', 'testing', 'verified', 'closed', 'reopened', 'wont_fix', 'duplicate')),
    assignee_id         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reporter_id         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    environment         TEXT NOT NULL DEFAULT '',
    steps_to_reproduce  TEXT NOT NULL DEFAULT '',
    expected            TEXT NOT NULL DEFAULT '',
    actual              TEXT NOT NULL DEFAULT '',
    duplicate_of        BIGINT REFERENCES bugs (id) ON DELETE SET NULL,
    case_id             BIGINT REFERENCES test_cases (id) ON DELETE SET NULL,
    story_id            BIGINT REFERENCES stories (id) ON DELETE SET NULL,
    run_id              BIGINT REFERENCES test_runs (id) ON DELETE SET NULL,
    run_case_id         BIGINT REFERENCES run_cases (id) ON DELETE SET NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    UNIQUE (project_id, number)
);
-- The list reads newest first (number DESC) from UNIQUE (project_id, number); each filter has
-- its own index ending in number, so a filtered page is a range scan too.
CREATE INDEX bugs_project_status ON bugs (project_id, status, number);
CREATE INDEX bugs_project_severity ON bugs (project_id, severity, number);
CREATE INDEX bugs_project_priority ON bugs (project_id, priority, number);
CREATE INDEX bugs_assignee ON bugs (assignee_id, project_id, number);
CREATE INDEX bugs_story ON bugs (story_id, number);
CREATE INDEX bugs_run ON bugs (run_id, number);
CREATE INDEX bugs_case ON bugs (case_id);
CREATE INDEX bugs_run_case ON bugs (run_case_id);
CREATE INDEX bugs_duplicate_of ON bugs (duplicate_of);
CREATE TABLE bug_transitions (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    bug_id           BIGINT NOT NULL REFERENCES bugs (id) ON DELETE CASCADE,
    from_status      TEXT NOT NULL,
    to_status        TEXT NOT NULL,
    by_id            BIGINT REFERENCES users (id) ON DELETE SET NULL,
    at               TIMESTAMPTZ NOT NULL,
    note             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX bug_transitions_bug ON bug_transitions (bug_id, id);
CREATE TABLE bug_comments (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    bug_id           BIGINT NOT NULL REFERENCES bugs (id) ON DELETE CASCADE,
    author_id        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body_md          TEXT NOT NULL CHECK (length(trim(body_md)) > 0),
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX bug_comments_bug ON bug_comments (bug_id, id);
CREATE TABLE bug_mentions (
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    comment_id       BIGINT NOT NULL REFERENCES bug_comments (id) ON DELETE CASCADE,
    user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX bug_mentions_user ON bug_mentions (user_id, comment_id);
