-- Saved case lists ([F6]): a named selection of a project's cases ("Smoke", "Checkout
-- regression") that a run can be planned from. Items keep the order they were saved in; a
-- deleted case leaves its lists.
CREATE TABLE case_lists (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id       BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name             TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    saved_by         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (project_id, name)
);
CREATE TABLE case_list_items (
    list_id          BIGINT NOT NULL REFERENCES case_lists (id) ON DELETE CASCADE,
    case_id          BIGINT NOT NULL REFERENCES test_cases (id) ON DELETE CASCADE,
    position         BIGINT NOT NULL,
    PRIMARY KEY (list_id, case_id)
);
CREATE INDEX case_list_items_case ON case_list_items (case_id);
