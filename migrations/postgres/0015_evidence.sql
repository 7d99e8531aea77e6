-- Evidence ([F6]): files attached to a step (scenario and step from 0, as the runner walks them)
-- or to a whole execution (both NULL) of a run. The bytes live in the evidence store under
-- `store_key`, a generated name (`<org>/<128-bit hex>`); the uploader's file name is kept only as
-- a sanitized display name. Deleting the run (or the project) deletes the rows; the objects are
-- removed from the store by an `evidence_purge` job enqueued in the same transaction.
CREATE TABLE evidence (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id       BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    run_id           BIGINT NOT NULL REFERENCES test_runs (id) ON DELETE CASCADE,
    run_case_id      BIGINT NOT NULL REFERENCES run_cases (id) ON DELETE CASCADE,
    scenario         BIGINT CHECK (scenario >= 0),
    step             BIGINT CHECK (step >= 0),
    display_name     TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    content_type     TEXT NOT NULL,
    size_bytes       BIGINT NOT NULL CHECK (size_bytes > 0),
    store_key        TEXT NOT NULL UNIQUE,
    thumb_key        TEXT,
    uploaded_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    CHECK ((scenario IS NULL) = (step IS NULL))
);
CREATE INDEX evidence_run_case ON evidence (run_case_id, scenario, step);
CREATE INDEX evidence_run ON evidence (run_id);
CREATE INDEX evidence_project ON evidence (project_id);
