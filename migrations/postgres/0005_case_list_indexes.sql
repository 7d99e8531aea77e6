-- Indexes for the test-case list. Each filter column has its own (project, column, number, id)
-- index: alone it gives the filtered list in number order from the index, and next to the GIN
-- full-text index the planner intersects the two bitmaps before reading any row. The number
-- order gets an index that holds the id, so scrollbar jumps (offsets) are index-only scans.

CREATE INDEX test_cases_list_number ON test_cases (project_id, number, id);
CREATE INDEX test_cases_list_kind ON test_cases (project_id, kind, number, id);
CREATE INDEX test_cases_list_priority ON test_cases (project_id, priority, number, id);
CREATE INDEX test_cases_list_status ON test_cases (project_id, status, number, id);
CREATE INDEX test_cases_list_result ON test_cases (project_id, last_result, number, id);
