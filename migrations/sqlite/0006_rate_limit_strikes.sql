-- Lock-outs that double: how many times a key has been locked since it was last quiet, so a
-- lock-out keeps doubling across windows instead of starting again at the base.
ALTER TABLE rate_limits ADD COLUMN strikes INTEGER NOT NULL DEFAULT 0;
CREATE INDEX rate_limits_by_window ON rate_limits (window_start);
