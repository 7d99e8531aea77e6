-- Runs assigned to a person ([F6]): each case of a run may name who executes it (run_cases.assignee_id,
-- there since 0013); "runs assigned to you" and the removal of a member read this index.
CREATE INDEX run_cases_assignee ON run_cases (assignee_id, run_id) WHERE assignee_id IS NOT NULL;
