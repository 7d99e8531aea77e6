// The server binary the journeys run, relative to end2end/: the debug build the Rust tests compiled
// (`make e2e` builds only the site in release), or the one CASEBOOK_E2E_BIN names, e.g.
// `CASEBOOK_E2E_BIN=../target/release/casebook npx playwright test` after `make build`.
export const SERVER_BIN = process.env.CASEBOOK_E2E_BIN ?? '../target/debug/casebook';
