//! The one search function over projects, stories and test cases, ranked per backend.
use super::{
    fts_clause, fts_query,
    model::{split_snippet, HitKind, SearchHit},
};
use crate::{
    db::{backend_of, AsConn, Backend},
    db_run,
    orgs::model::OrgId,
    wire::{HumanKey, Numbered},
};

/// Raw hit: kind, project key, number, title, snippet, rank (lower is better).
type Raw = (String, i64, String, String, f64);

/// The SELECT of one searchable table, ranked and with a snippet of its matched text.
fn table_sql(backend: Backend, table: &str, text_cols: &str) -> String {
    let clause = fts_clause(backend, table, "x", "$2");
    match backend {
        Backend::Sqlite => format!(
            "SELECT p.key, x.number, x.title, snippet({table}_fts, -1, char(2), char(3), '…', 14), bm25({table}_fts) \
             FROM {table}_fts JOIN {table} x ON x.id = {table}_fts.rowid JOIN projects p ON p.id = x.project_id \
             WHERE {table}_fts MATCH $2 AND x.organization_id = $1 ORDER BY bm25({table}_fts) LIMIT $3"
        ),
        // Headlines are costly: rank first, then build them for the few rows kept.
        Backend::Postgres => format!(
            "SELECT h.key, h.number, h.title, ts_headline('simple', {text_cols}, to_tsquery('simple', $2), \
             'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=14, MinWords=5, MaxFragments=1, FragmentDelimiter=…'), \
             -h.rank FROM (SELECT p.key, x.number, x.title, x.description, {extra} ts_rank(x.search, to_tsquery('simple', $2))::float8 AS rank \
             FROM {table} x JOIN projects p ON p.id = x.project_id WHERE {clause} AND x.organization_id = $1 \
             ORDER BY rank DESC LIMIT $3) h",
            text_cols = text_cols.replace("x.", "h."),
            extra = if table == "test_cases" { "x.gherkin," } else { "" },
        ),
    }
}

/// The table and hit kind of what a human key numbers.
fn table_of(kind: Numbered) -> Option<(&'static str, HitKind)> {
    match kind {
        Numbered::Story => Some(("stories", HitKind::Story)),
        Numbered::Case => Some(("test_cases", HitKind::Case)),
        Numbered::Run | Numbered::Bug => None,
    }
}

/// The story or case a key names exactly, if it exists.
async fn by_key(c: &mut impl AsConn, org: OrgId, text: &str) -> Result<Option<SearchHit>, sqlx::Error> {
    let Some(key) = HumanKey::parse(text) else { return Ok(None) };
    let Some((table, kind)) = table_of(key.kind) else { return Ok(None) };
    let sql = format!(
        "SELECT x.title FROM {table} x JOIN projects p ON p.id = x.project_id WHERE p.organization_id = $1 AND p.key = $2 AND x.number = $3"
    );
    let title: Option<String> = db_run!(c, conn => sqlx::query_scalar(&sql)
        .bind(org.0).bind(&key.project).bind(key.number).fetch_optional(conn).await)?;
    Ok(title.map(|title| SearchHit { kind, href: key.href(), key: key.to_string(), title, snippet: Vec::new() }))
}

/// Projects, stories and cases of `org` matching `text`, best first, at most `limit` of each;
/// a story or case key typed exactly comes first.
pub async fn search(c: &mut impl AsConn, org: OrgId, text: &str, limit: i64) -> Result<Vec<SearchHit>, sqlx::Error> {
    let backend = backend_of(c);
    let q = fts_query(backend, text);
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let like = format!("%{}%", text.trim().to_lowercase().replace(['%', '_'], ""));
    let projects: Vec<(String, String)> = db_run!(c, conn => sqlx::query_as(
        "SELECT key, name FROM projects WHERE organization_id = $1 AND (LOWER(name) LIKE $2 OR LOWER(key) LIKE $2) ORDER BY name LIMIT $3",
    )
    .bind(org.0).bind(&like).bind(limit).fetch_all(conn).await)?;
    let mut hits: Vec<SearchHit> = by_key(c, org, text).await?.into_iter().collect();
    hits.extend(projects.into_iter().map(|(key, name)| SearchHit {
        kind: HitKind::Project,
        href: format!("/projects/{key}"),
        key,
        title: name,
        snippet: Vec::new(),
    }));
    let mut ranked: Vec<(f64, SearchHit)> = Vec::new();
    for (kind, table, cols) in [
        (HitKind::Story, "stories", "x.title || ' ' || x.description"),
        (HitKind::Case, "test_cases", "x.title || ' ' || x.description || ' ' || x.gherkin"),
    ] {
        let sql = table_sql(backend, table, cols);
        let rows: Vec<Raw> =
            db_run!(c, conn => sqlx::query_as(&sql).bind(org.0).bind(&q).bind(limit).fetch_all(conn).await)?;
        let numbered = if kind == HitKind::Story { Numbered::Story } else { Numbered::Case };
        for (key, number, title, snippet, rank) in rows {
            let key = HumanKey::new(&key, numbered, number);
            ranked.push((
                rank,
                SearchHit { kind, href: key.href(), key: key.to_string(), title, snippet: split_snippet(&snippet) },
            ));
        }
    }
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (_, h) in ranked {
        if !hits.iter().any(|x| x.key == h.key) {
            hits.push(h);
        }
    }
    Ok(hits)
}
