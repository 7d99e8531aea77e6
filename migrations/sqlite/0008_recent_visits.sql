-- The cases and stories each person opened lately, for their home page. One row per person and
-- thing (the latest visit); a deleted case, story or account takes its rows with it.
CREATE TABLE recent_visits (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    case_id          INTEGER REFERENCES test_cases (id) ON DELETE CASCADE,
    story_id         INTEGER REFERENCES stories (id) ON DELETE CASCADE,
    visited_at       TEXT NOT NULL,
    CHECK ((case_id IS NULL) <> (story_id IS NULL)),
    UNIQUE (user_id, case_id),
    UNIQUE (user_id, story_id)
);
CREATE INDEX recent_visits_user_time ON recent_visits (user_id, visited_at);
