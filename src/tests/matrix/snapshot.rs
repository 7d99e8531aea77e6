//! Everything organization A holds, row by row and column by column, to show that calls from
//! outside A changed none of it. Every table of the schema must have a scope here (or be named
//! as holding no tenant data), so a new table cannot escape the check.
use crate::support::TestApp;
use app::{db::Backend, orgs::model::OrgId};
use std::collections::BTreeMap;

/// Each table and the rows of it that belong to the organization `{org}` or point into it: a
/// row of another organization that names one of its users, projects, stories or criteria
/// counts too, so a cross-tenant link shows as a change.
const SCOPES: [(&str, &str); 38] = [
    ("organizations", "id = {org}"),
    ("users", "organization_id = {org}"),
    ("sessions", "organization_id = {org} OR user_id IN {users}"),
    ("refresh_tokens", "session_id IN (SELECT id FROM sessions WHERE organization_id = {org} OR user_id IN {users})"),
    ("password_resets", "user_id IN {users}"),
    ("invitations", "organization_id = {org} OR invited_by IN {users}"),
    ("outbox", "organization_id = {org}"),
    ("audit_events", "organization_id = {org} OR actor_user_id IN {users}"),
    ("projects", "organization_id = {org}"),
    ("stories", "organization_id = {org} OR project_id IN {projects} OR assignee_id IN {users}"),
    ("acceptance_criteria", "story_id IN {stories}"),
    ("import_jobs", "organization_id = {org} OR project_id IN {projects} OR created_by IN {users}"),
    ("import_assignee_aliases", "organization_id = {org} OR project_id IN {projects} OR user_id IN {users}"),
    ("test_cases", "organization_id = {org} OR project_id IN {projects} OR story_id IN {stories}"),
    ("test_case_tags", "test_case_id IN {cases}"),
    (
        "test_case_criteria",
        "test_case_id IN {cases} OR criterion_id IN (SELECT id FROM acceptance_criteria WHERE story_id IN {stories})",
    ),
    ("test_case_revisions", "test_case_id IN {cases} OR author_id IN {users}"),
    ("jobs", "organization_id = {org} OR created_by IN {users}"),
    ("events", "organization_id = {org} OR user_id IN {users}"),
    ("generation_settings", "organization_id = {org}"),
    ("generation_usage", "organization_id = {org}"),
    ("generations", "organization_id = {org} OR project_id IN {projects} OR created_by IN {users}"),
    ("suggestions", "organization_id = {org} OR story_id IN {stories} OR case_id IN {cases} OR reviewed_by IN {users}"),
    ("case_provenance", "organization_id = {org} OR case_id IN {cases} OR accepted_by IN {users}"),
    ("test_runs", "organization_id = {org} OR project_id IN {projects} OR created_by IN {users}"),
    ("run_cases", "organization_id = {org} OR case_id IN {cases} OR assignee_id IN {users} OR executed_by IN {users}"),
    ("step_results", "run_case_id IN (SELECT id FROM run_cases WHERE organization_id = {org}) OR marked_by IN {users}"),
    ("applied_ops", "organization_id = {org}"),
    ("case_lists", "organization_id = {org} OR project_id IN {projects} OR saved_by IN {users}"),
    (
        "case_list_items",
        "list_id IN (SELECT id FROM case_lists WHERE organization_id = {org}) OR case_id IN {cases}",
    ),
    (
        "evidence",
        "organization_id = {org} OR project_id IN {projects} OR uploaded_by IN {users} \
         OR run_id IN (SELECT id FROM test_runs WHERE organization_id = {org})",
    ),
    (
        "bugs",
        "organization_id = {org} OR project_id IN {projects} OR assignee_id IN {users} OR reporter_id IN {users} \
         OR case_id IN {cases} OR story_id IN {stories} OR run_id IN {runs} OR duplicate_of IN {bugs}",
    ),
    ("bug_transitions", "organization_id = {org} OR bug_id IN {bugs} OR by_id IN {users}"),
    ("bug_comments", "organization_id = {org} OR bug_id IN {bugs} OR author_id IN {users}"),
    (
        "bug_mentions",
        "organization_id = {org} OR user_id IN {users} OR comment_id IN (SELECT id FROM bug_comments WHERE organization_id = {org})",
    ),
    ("notifications", "organization_id = {org} OR user_id IN {users} OR actor_id IN {users}"),
    ("notification_settings", "organization_id = {org} OR user_id IN {users}"),
    ("recent_visits", "organization_id = {org} OR user_id IN {users} OR case_id IN {cases} OR story_id IN {stories}"),
];

/// The sets the scopes name, for organization `{org}`.
const SETS: [(&str, &str); 6] = [
    ("{users}", "(SELECT id FROM users WHERE organization_id = {org})"),
    ("{projects}", "(SELECT id FROM projects WHERE organization_id = {org})"),
    ("{stories}", "(SELECT id FROM stories WHERE organization_id = {org})"),
    ("{cases}", "(SELECT id FROM test_cases WHERE organization_id = {org})"),
    ("{runs}", "(SELECT id FROM test_runs WHERE organization_id = {org})"),
    ("{bugs}", "(SELECT id FROM bugs WHERE organization_id = {org})"),
];

/// Tables that hold no organization's data (counters keyed by address or email).
const NOT_TENANT_DATA: [&str; 1] = ["rate_limits"];

/// The queries that read one organization's rows, every column as text.
pub struct Scope(Vec<(&'static str, String)>);

/// Table → its rows (sorted), each row its columns joined.
#[derive(PartialEq, Eq)]
pub struct Snapshot(BTreeMap<&'static str, Vec<String>>);

impl Scope {
    /// Reads the schema and builds the queries for `org`; fails for a table without a scope.
    pub async fn of(app: &TestApp, org: OrgId) -> Scope {
        let backend = app.db.backend();
        let tables_sql = match backend {
            Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                                AND name NOT LIKE '%_fts%' AND name NOT LIKE '_sqlx%'"
                .to_owned(),
            Backend::Postgres => "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
                                  WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                                  AND table_name NOT LIKE '_sqlx%'"
                .to_owned(),
        };
        let mut unscoped: Vec<String> = texts(app, &tables_sql)
            .await
            .into_iter()
            .filter(|t| !SCOPES.iter().any(|(s, _)| s == t) && !NOT_TENANT_DATA.contains(&t.as_str()))
            .collect();
        unscoped.sort();
        assert!(
            unscoped.is_empty(),
            "tables without a scope in the matrix's snapshot (matrix/snapshot.rs): {unscoped:?}"
        );
        let mut queries = Vec::new();
        for (table, scope) in SCOPES {
            let columns_sql = match backend {
                Backend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
                Backend::Postgres => format!(
                    "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY ordinal_position"
                ),
            };
            let columns = texts(app, &columns_sql).await;
            assert!(!columns.is_empty(), "no columns for {table}");
            let row = columns
                .iter()
                .map(|c| format!("COALESCE(CAST(\"{c}\" AS TEXT), '∅')"))
                .collect::<Vec<_>>()
                .join(" || '|' || ");
            let scope =
                SETS.iter().fold(scope.to_owned(), |s, (k, v)| s.replace(k, v)).replace("{org}", &org.0.to_string());
            queries.push((table, format!("SELECT {row} FROM {table} WHERE {scope}")));
        }
        Scope(queries)
    }

    pub async fn take(&self, app: &TestApp) -> Snapshot {
        let mut out = BTreeMap::new();
        for (table, sql) in &self.0 {
            let mut rows = texts(app, sql).await;
            rows.sort();
            out.insert(*table, rows);
        }
        Snapshot(out)
    }
}

impl Snapshot {
    /// How many rows it holds in all.
    pub fn rows(&self) -> usize {
        self.0.values().map(Vec::len).sum()
    }

    /// What differs from `before`: per table, the rows that went and the rows that came.
    pub fn changes_since(&self, before: &Snapshot) -> String {
        let mut out = String::new();
        for (table, now) in &self.0 {
            let was = before.0.get(table).cloned().unwrap_or_default();
            let gone: Vec<_> = was.iter().filter(|r| !now.contains(r)).map(|r| clip(r)).collect();
            let came: Vec<_> = now.iter().filter(|r| !was.contains(r)).map(|r| clip(r)).collect();
            if !gone.is_empty() || !came.is_empty() {
                out.push_str(&format!("\n  {table}: gone {gone:?}, came {came:?}"));
            }
        }
        out
    }
}

fn clip(row: &str) -> String {
    row.chars().take(240).collect()
}

async fn texts(app: &TestApp, sql: &str) -> Vec<String> {
    let mut c = app.db.db.acquire().await.unwrap();
    app::db_run!(&mut c, conn => sqlx::query_scalar::<_, String>(sql).fetch_all(conn).await)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}
