-- The overview counts cases by status and lists a project's drafts, latest first: both read this
-- index alone instead of every case of the project.
CREATE INDEX test_cases_project_status_updated ON test_cases (project_id, status, updated_at, id);
