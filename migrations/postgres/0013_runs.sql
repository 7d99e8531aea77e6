-- Test runs ([F6]): a run of a project's cases; starting it snapshots each case's revision and
-- Gherkin into its execution row. Step results are written by the runner's idempotent operations
-- (`applied_ops` remembers every operation id applied, so a replay changes nothing); of two marks
-- of one step the later (by the tester's clock) wins.
ALTER TABLE projects ADD COLUMN next_run_number BIGINT NOT NULL DEFAULT 1;
CREATE TABLE test_runs (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id       BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number           BIGINT NOT NULL,
    name             TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    environment      TEXT NOT NULL DEFAULT '',
    due_date         TEXT,
    status           TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'completed')),
    created_by       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    started_at TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (project_id, number)
);
CREATE TABLE run_cases (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    run_id           BIGINT NOT NULL REFERENCES test_runs (id) ON DELETE CASCADE,
    case_id          BIGINT REFERENCES test_cases (id) ON DELETE SET NULL,
    case_number      BIGINT NOT NULL,
    position         BIGINT NOT NULL,
    title            TEXT NOT NULL,
    revision         BIGINT,
    gherkin          TEXT,
    assignee_id      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    status           TEXT NOT NULL DEFAULT 'untested' CHECK (status IN ('untested', 'in_progress', 'passed', 'failed', 'blocked', 'skipped')),
    executed_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    elapsed_ms       BIGINT NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (run_id, case_number)
);
CREATE INDEX run_cases_run_status ON run_cases (run_id, status);
CREATE INDEX run_cases_case ON run_cases (case_id);
CREATE TABLE step_results (
    run_case_id  BIGINT NOT NULL REFERENCES run_cases (id) ON DELETE CASCADE,
    scenario     BIGINT NOT NULL,
    step         BIGINT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'blocked', 'skipped')),
    actual       TEXT NOT NULL DEFAULT '',
    comment      TEXT NOT NULL DEFAULT '',
    marked_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    marked_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_case_id, scenario, step)
);
CREATE TABLE applied_ops (
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    op_id            TEXT NOT NULL,
    run_id           BIGINT NOT NULL REFERENCES test_runs (id) ON DELETE CASCADE,
    applied_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organization_id, op_id)
);
