# Casebook's two everyday commands:
#   make run    build and serve on http://127.0.0.1:3000 (SQLite in ./data, no other setup)
#   make test   every check: format, lints, Rust tests on SQLite (and PostgreSQL when
#               TEST_DATABASE_URL is set), then the browser journeys in Chromium
SHELL := /bin/bash
export PATH := $(CURDIR)/style/bin:$(CURDIR)/style/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# cargo-leptos uses tailwindcss (npm), wasm-opt (style/bin, libbinaryen from PyPI) and wasm-bindgen
# from PATH and so downloads nothing.

RUST_PKGS := -p casebook -p app --features app/ssr

.PHONY: run build site test lint test-rust test-rust-pg e2e setup sizes bench-import bench-cases bench-login bench-runs bench-lighthouse

run: build
	./target/release/casebook

# The release build with cargo-leptos, then the post-build step; $(1): more cargo-leptos flags.
release_build = .ci/setup build && cargo leptos build --release --split --precompress $(1) && node style/postbuild.mjs target/site/pkg

build:
	$(call release_build,)

lint:
	cargo fmt --all --check
	cargo clippy --locked $(RUST_PKGS) --all-targets -- -D warnings
	cargo clippy --locked -p frontend -p app --features app/hydrate --target wasm32-unknown-unknown -- -D warnings

# The Rust tests run under a time limit once built, so a hung test fails the run in minutes
# (they take about one) instead of holding CI until its own limit.
TEST_LIMIT := 15m
LIMITED_TEST = timeout $(TEST_LIMIT) cargo test --locked $(RUST_PKGS) || { rc=$$?; \
	[ $$rc -ne 124 ] || echo "the Rust tests did not finish within $(TEST_LIMIT)" >&2; exit $$rc; }

test-rust:
	env -u TEST_DATABASE_URL cargo test --locked $(RUST_PKGS) --no-run
	export -n TEST_DATABASE_URL; $(LIMITED_TEST)

test-rust-pg:
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		cargo test --locked $(RUST_PKGS) --no-run && $(LIMITED_TEST); \
	else \
		echo "skipped: the PostgreSQL run needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)"; \
	fi

# The release-built site alone (WASM, JS, CSS, hash.txt): what the journeys load in the browser.
site:
	$(call release_build,--frontend-only)

# The journeys run the release site against the debug server the Rust tests compiled (the
# `--no-run` is a no-op after them): a release build of the server would add 11-17 minutes to
# CI for the same code (docs/decisions.md). CASEBOOK_E2E_BIN picks another binary.
e2e: site
	.ci/setup e2e
	cargo test --locked $(RUST_PKGS) --no-run
	cd end2end && npx playwright test

test:
	.ci/setup e2e
	$(MAKE) lint
	$(MAKE) test-rust
	$(MAKE) test-rust-pg
	$(MAKE) e2e

# The WASM each route costs as served (brotli): main, and per lazy route its own module and the
# shared chunks it loads (from the split manifest); see docs/benchmarks.md.
sizes:
	node bench/sizes.mjs

# The 10,000-row xlsx import benchmark (release build; PostgreSQL too when TEST_DATABASE_URL is set).
bench-import:
	cargo bench --locked -p casebook --bench import

# The 100,000-case list benchmark (release build; PostgreSQL too when TEST_DATABASE_URL is set).
bench-cases:
	cargo bench --locked -p casebook --bench case_list

# Test-run results through the real router: 10,000 in batches of 100, single updates from 8
# clients, counts of a 5,000-case run (release build; PostgreSQL too when TEST_DATABASE_URL is set).
bench-runs:
	cargo bench --locked -p casebook --bench run_results

# /healthz latency during a 300-request login flood (release build; see docs/benchmarks.md).
bench-login:
	cargo bench --locked -p casebook --bench login_flood

# Lighthouse (mobile defaults) on the main pages, signed in, on a seeded 100,000-case project; a
# benchmark, not part of `make test` (about 10 minutes; see docs/benchmarks.md).
bench-lighthouse: build
	.ci/setup e2e
	cd bench/lighthouse && { [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; }
	node bench/lighthouse/run.mjs
