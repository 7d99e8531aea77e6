-- What an "Assigned to" name of an import file that is no member means in a project: a member,
-- or nobody (user_id NULL). Chosen on an import's preview and applied to the project's next ones.
CREATE TABLE import_assignee_aliases (
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id       INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    -- as compared: trimmed and lower-cased
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    user_id          INTEGER REFERENCES users (id) ON DELETE CASCADE,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (project_id, name)
);
