-- Recording a batch of the runner's operations ([F6]) checks each step against the execution's
-- snapshot. The steps per scenario ("3,5,2"; "" when the snapshot has no scenario) are counted
-- once, by the first batch of an execution, and kept here, so later batches need not read and
-- parse the snapshot. NULL until then; the snapshot never changes after the run starts.
ALTER TABLE run_cases ADD COLUMN step_counts TEXT;
