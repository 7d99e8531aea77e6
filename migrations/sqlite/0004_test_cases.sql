-- Test cases written in Gherkin, their revisions, tags and covered criteria, and full-text search
-- over stories and test cases (FTS5 external-content tables kept in step by triggers).

ALTER TABLE projects ADD COLUMN next_case_number INTEGER NOT NULL DEFAULT 1;

CREATE TABLE test_cases (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id         INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number             INTEGER NOT NULL,
    story_id           INTEGER REFERENCES stories (id) ON DELETE SET NULL,
    title              TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description        TEXT NOT NULL DEFAULT '',
    preconditions      TEXT NOT NULL DEFAULT '',
    kind               TEXT NOT NULL DEFAULT 'functional' CHECK (kind IN ('functional', 'integration', 'ui', 'api', 'regression', 'smoke', 'e2e', 'performance', 'security', 'accessibility')),
    priority           TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('critical', 'high', 'medium', 'low')),
    status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready', 'deprecated')),
    tags               TEXT NOT NULL DEFAULT '',
    estimated_minutes  INTEGER CHECK (estimated_minutes BETWEEN 0 AND 100000),
    automated          BOOLEAN NOT NULL DEFAULT 0 CHECK (automated IN (0, 1)),
    gherkin            TEXT NOT NULL DEFAULT '',
    gherkin_valid      BOOLEAN NOT NULL DEFAULT 0 CHECK (gherkin_valid IN (0, 1)),
    last_result        TEXT CHECK (last_result IN ('passed', 'failed', 'blocked', 'skipped')),
    revision           INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (project_id, number),
    CHECK (status <> 'ready' OR gherkin_valid)
);
CREATE INDEX test_cases_project_updated ON test_cases (project_id, updated_at, id);
CREATE INDEX test_cases_project_title ON test_cases (project_id, title, id);
CREATE INDEX test_cases_story ON test_cases (story_id);

CREATE TABLE test_case_tags (
    test_case_id  INTEGER NOT NULL REFERENCES test_cases (id) ON DELETE CASCADE,
    tag           TEXT NOT NULL,
    PRIMARY KEY (test_case_id, tag)
);
CREATE INDEX test_case_tags_tag ON test_case_tags (tag, test_case_id);

CREATE TABLE test_case_criteria (
    test_case_id  INTEGER NOT NULL REFERENCES test_cases (id) ON DELETE CASCADE,
    criterion_id  INTEGER NOT NULL REFERENCES acceptance_criteria (id) ON DELETE CASCADE,
    PRIMARY KEY (test_case_id, criterion_id)
);
CREATE INDEX test_case_criteria_criterion ON test_case_criteria (criterion_id);

CREATE TABLE test_case_revisions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    test_case_id  INTEGER NOT NULL REFERENCES test_cases (id) ON DELETE CASCADE,
    revision      INTEGER NOT NULL,
    author_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    summary       TEXT NOT NULL,
    snapshot      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (test_case_id, revision)
);

CREATE VIRTUAL TABLE test_cases_fts USING fts5(
    title, description, gherkin, content = 'test_cases', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER test_cases_fts_insert AFTER INSERT ON test_cases BEGIN
    INSERT INTO test_cases_fts (rowid, title, description, gherkin) VALUES (new.id, new.title, new.description, new.gherkin);
END;
CREATE TRIGGER test_cases_fts_delete AFTER DELETE ON test_cases BEGIN
    INSERT INTO test_cases_fts (test_cases_fts, rowid, title, description, gherkin)
    VALUES ('delete', old.id, old.title, old.description, old.gherkin);
END;
CREATE TRIGGER test_cases_fts_update AFTER UPDATE OF title, description, gherkin ON test_cases BEGIN
    INSERT INTO test_cases_fts (test_cases_fts, rowid, title, description, gherkin)
    VALUES ('delete', old.id, old.title, old.description, old.gherkin);
    INSERT INTO test_cases_fts (rowid, title, description, gherkin) VALUES (new.id, new.title, new.description, new.gherkin);
END;

CREATE VIRTUAL TABLE stories_fts USING fts5(
    title, description, content = 'stories', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO stories_fts (stories_fts) VALUES ('rebuild');
CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
    INSERT INTO stories_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, title, description) VALUES ('delete', old.id, old.title, old.description);
END;
CREATE TRIGGER stories_fts_update AFTER UPDATE OF title, description ON stories BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, title, description) VALUES ('delete', old.id, old.title, old.description);
    INSERT INTO stories_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;
