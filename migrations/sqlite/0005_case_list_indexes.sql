-- Covering indexes for the test-case list: one per sort order, each holding the filter columns,
-- so a window is read from the index alone (no row lookups) whatever the filters.

DROP INDEX test_cases_project_updated;
DROP INDEX test_cases_project_title;
CREATE INDEX test_cases_list_number ON test_cases (project_id, number, kind, priority, status, last_result);
CREATE INDEX test_cases_list_updated ON test_cases (project_id, updated_at, id, kind, priority, status, last_result);
CREATE INDEX test_cases_list_title ON test_cases (project_id, title, id, kind, priority, status, last_result);
