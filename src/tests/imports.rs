//! Importing stories from real files built in the test.
use crate::support::{Jar, TestApp};
use app::users::model::Role;

async fn setup() -> (TestApp, Jar) {
    setup_on(TestApp::new().await).await
}

async fn setup_on(app: TestApp) -> (TestApp, Jar) {
    let org = app.org("Acme").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    app.user(org, Role::Dev, "ana@acme.test").await;
    app.project(org, "SHOP").await;
    let jar = app.sign_in("qa@acme.test").await;
    (app, jar)
}

/// An xlsx with the template's spaced headers, one row without a title, one with bad points
/// and one with an unknown assignee.
fn workbook(rows: &[[&str; 6]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in
        ["Issue key", "Summary", "Story Points", "Assigned To", "Acceptance Criteria", "Prioridad"].iter().enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

const ROWS: [[&str; 6]; 4] = [
    ["SHOP-1", "Pay by card", "5", "ana@acme.test", "1. Charged once\n2. Receipt emailed", "Alta"],
    ["SHOP-2", "", "3", "", "", "Baja"],
    ["", "Wish list", "x", "", "- Add\n- Remove", ""],
    ["SHOP-4", "Refunds", "2", "nobody@acme.test", "", ""],
];

fn fields(preview: &serde_json::Value) -> Vec<String> {
    preview["columns"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap().to_owned()).collect()
}

fn form(id: &serde_json::Value, fields: &[String]) -> String {
    let mut f = format!("id={id}");
    for (i, v) in fields.iter().enumerate() {
        f.push_str(&format!("&fields[{i}]={v}"));
    }
    f
}

#[tokio::test]
async fn an_xlsx_is_previewed_then_imported_keeping_every_valid_row() {
    let (app, mut jar) = setup().await;
    let r = app.upload(&mut jar, "SHOP", "stories.xlsx", &workbook(&ROWS)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let preview = r.json();
    assert_eq!(
        fields(&preview),
        ["external_id", "title", "story_points", "assignee", "acceptance_criteria", "priority"]
    );
    // Only the row without a title is rejected; a bad number of points and an unknown assignee
    // are warnings, and those rows are imported without them.
    assert_eq!((preview["total_rows"].as_i64(), preview["valid_rows"].as_i64()), (Some(4), Some(3)));
    assert_eq!(problems_of(&preview, "error"), [(3, "Summary".to_owned())]);
    assert_eq!(problems_of(&preview, "warning"), [(4, "Story Points".to_owned()), (5, "Assigned To".to_owned())]);
    // A row with problems still shows its cells, so it can be recognized.
    assert_eq!(preview["rows"][1]["cells"][0], "SHOP-2");
    assert!(preview["rows"][1]["draft"].is_null());
    assert_eq!(app.count("SELECT COUNT(*) FROM stories").await, 0, "a preview writes no story");

    // Ignoring the points column takes the wish list's warning away.
    let mut mapping = fields(&preview);
    mapping[2] = String::new();
    let again = app.call_with(&mut jar, "/api/imports/preview", &form(&preview["id"], &mapping)).await.json();
    assert_eq!((again["valid_rows"].as_i64(), again["warning_rows"].as_i64()), (Some(3), Some(1)));

    let status = app.call_with(&mut jar, "/api/imports/start", &form(&preview["id"], &mapping)).await.json();
    assert_eq!(status["status"], "done", "{status}");
    assert_eq!(
        (status["created"].as_i64(), status["updated"].as_i64(), status["rejected"].as_i64()),
        (Some(3), Some(0), Some(1))
    );
    let s = app.call_with(&mut jar, "/api/stories/get", "project=SHOP&number=1").await.json();
    assert_eq!(
        (s["row"]["title"].as_str(), s["row"]["assignee"].as_str(), s["row"]["priority"].as_str()),
        (Some("Pay by card"), Some("ana"), Some("high"))
    );
    let criteria: Vec<_> =
        s["criteria"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_owned()).collect();
    assert_eq!(criteria, ["Charged once", "Receipt emailed"]);

    let rejects = app.get_with(&mut jar, &format!("/api/v1/imports/{}/rejects.csv", preview["id"])).await;
    assert_eq!(rejects.status, 200);
    let lines: Vec<_> = rejects.body.lines().collect();
    assert!(lines[0].starts_with("Line,Problems,Issue key,Summary"), "{}", rejects.body);
    assert!(rejects.body.contains("Summary: A title is required."), "{}", rejects.body);
    assert_eq!(rejects.body.lines().count(), 2, "{}", rejects.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'stories_imported'").await, 1);
    assert_eq!(app.call_with(&mut jar, "/api/imports/start", &form(&preview["id"], &mapping)).await.status, 409);
}

#[tokio::test]
async fn reimporting_updates_by_id_keeps_done_flags_and_adds_no_duplicates() {
    let (app, mut jar) = setup().await;
    let first = app.upload(&mut jar, "SHOP", "a.xlsx", &workbook(&ROWS[..1])).await.json();
    app.call_with(&mut jar, "/api/imports/start", &form(&first["id"], &fields(&first))).await;
    let s = app.call_with(&mut jar, "/api/stories/get", "project=SHOP&number=1").await.json();
    let charged = s["criteria"][0]["id"].as_i64().unwrap();
    app.call_with(&mut jar, "/api/stories/edit_criterion", &format!("id={charged}&done=true")).await;

    let changed = [["SHOP-1", "Pay by card or wallet", "5", "", "1. Charged once\n2. Receipt emailed as PDF", "Alta"]];
    let second = app.upload(&mut jar, "SHOP", "b.xlsx", &workbook(&changed)).await.json();
    let status = app.call_with(&mut jar, "/api/imports/start", &form(&second["id"], &fields(&second))).await.json();
    assert_eq!((status["created"].as_i64(), status["updated"].as_i64()), (Some(0), Some(1)));
    assert_eq!(app.count("SELECT COUNT(*) FROM stories").await, 1);
    let s = app.call_with(&mut jar, "/api/stories/get", "project=SHOP&number=1").await.json();
    assert_eq!(s["row"]["title"], "Pay by card or wallet");
    let flags: Vec<(String, bool)> = s["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["text"].as_str().unwrap().to_owned(), c["done"].as_bool().unwrap()))
        .collect();
    assert_eq!(flags, [("Charged once".to_owned(), true), ("Receipt emailed as PDF".to_owned(), false)]);
}

#[tokio::test]
async fn csv_in_each_delimiter_and_encoding_imports_the_same_stories() {
    let (app, mut jar) = setup().await;
    let files: [(&str, Vec<u8>); 4] = [
        ("comma.csv", "Title,Priority\nCafé,High\n".as_bytes().to_vec()),
        ("semicolon.csv", "\u{FEFF}Título;Prioridad\nCafé;Alta\n".as_bytes().to_vec()),
        ("tab.csv", "Summary\tPriority\nCafé\tHigh\n".as_bytes().to_vec()),
        ("latin1.csv", b"T\xedtulo;Prioridad\nCaf\xe9;Alta\n".to_vec()),
    ];
    for (name, bytes) in files {
        let p = app.upload(&mut jar, "SHOP", name, &bytes).await.json();
        assert_eq!(p["rows"][0]["draft"]["title"], "Café", "{name}: {p}");
        assert_eq!(p["rows"][0]["draft"]["priority"], "high", "{name}");
    }
}

#[tokio::test]
async fn unreadable_files_are_refused_with_the_reason_and_nothing_is_kept() {
    // The production body limit (25 MiB), so the importer's own 20 MB rule is what answers.
    let (app, mut jar) = setup_on(TestApp::with_options(false, 25 * 1024 * 1024).await).await;
    let xlsx = workbook(&ROWS);
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("garbage.bin", vec![0, 159, 146, 150, 0, 1], "not a spreadsheet or CSV"),
        ("cut.xlsx", xlsx[..xlsx.len() / 2].to_vec(), "not a spreadsheet or CSV"),
        ("empty.csv", b"\n \n".to_vec(), "no header row"),
        ("big.csv", vec![b'a'; 21 * 1024 * 1024], "the limit is 20 MB"),
    ];
    for (name, bytes, reason) in cases {
        let r = app.upload(&mut jar, "SHOP", name, &bytes).await;
        assert_eq!(r.status, 422, "{name}: {}", r.body);
        assert!(r.body.contains(reason), "{name}: {}", r.body);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM import_jobs").await, 0);
}

#[tokio::test]
async fn a_large_file_runs_as_a_job_with_progress() {
    let (app, mut jar) = setup().await;
    let mut csv = String::from("ID;Title;Acceptance Criteria\n");
    for i in 0..2500 {
        csv.push_str(&format!("EXT-{i};Story {i};Works {i}\n"));
    }
    let p = app.upload(&mut jar, "SHOP", "big.csv", csv.as_bytes()).await.json();
    let status = app.call_with(&mut jar, "/api/imports/start", &form(&p["id"], &fields(&p))).await.json();
    assert_eq!(status["status"], "queued", "{status}");
    let worker = tokio::spawn(app::stories::import::service::worker(app.db.db.clone()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let done = loop {
        let s = app.call_with(&mut jar, "/api/imports/status", &format!("id={}", p["id"])).await.json();
        assert!(s["processed_rows"].as_i64().unwrap() <= 2500);
        if s["status"] == "done" {
            break s;
        }
        assert!(std::time::Instant::now() < deadline, "the job did not finish: {s}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    worker.abort();
    assert_eq!((done["created"].as_i64(), done["processed_rows"].as_i64()), (Some(2500), Some(2500)));
    assert_eq!(app.count("SELECT COUNT(*) FROM acceptance_criteria").await, 2500);
}

#[tokio::test]
async fn the_templates_are_accepted_by_the_importer() {
    let (app, mut jar) = setup().await;
    for ext in ["csv", "xlsx"] {
        let t = app.send(
            axum::http::Request::get(format!("/api/v1/import-template.{ext}"))
                .header("cookie", jar.header())
                .body(axum::body::Body::empty())
                .unwrap(),
        );
        let t = t.await;
        assert_eq!(t.status, 200);
        let bytes = if ext == "csv" { t.body.into_bytes() } else { template_bytes(&app, &jar).await };
        let p = app.upload(&mut jar, "SHOP", &format!("template.{ext}"), &bytes).await.json();
        assert_eq!(p["valid_rows"], 1, "{ext}: {p}");
        assert!(fields(&p).iter().all(|f| !f.is_empty()), "every template column is recognized: {p}");
    }
}

/// The xlsx template's raw bytes (the reply helper keeps bodies as text).
async fn template_bytes(app: &TestApp, jar: &Jar) -> Vec<u8> {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let req = axum::http::Request::get("/api/v1/import-template.xlsx")
        .header("cookie", jar.header())
        .body(axum::body::Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    res.into_body().collect().await.unwrap().to_bytes().to_vec()
}

#[tokio::test]
async fn an_id_repeated_in_one_file_updates_the_story_it_created_and_numbers_stay_consecutive() {
    let (app, mut jar) = setup().await;
    let csv = "ID,Title\nA-1,First\nA-2,Second\nA-1,First again\n,No id\n";
    let p = app.upload(&mut jar, "SHOP", "dups.csv", csv.as_bytes()).await.json();
    let s = app.call_with(&mut jar, "/api/imports/start", &form(&p["id"], &fields(&p))).await.json();
    assert_eq!((s["created"].as_i64(), s["updated"].as_i64()), (Some(3), Some(1)), "{s}");
    let page = app.call_with(&mut jar, "/api/stories/list", "project=SHOP&filter[text]=").await.json();
    let rows: Vec<(i64, String)> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["number"].as_i64().unwrap(), r["title"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(rows, [(1, "First again".to_owned()), (2, "Second".to_owned()), (3, "No id".to_owned())]);
}

fn problems_of(preview: &serde_json::Value, level: &str) -> Vec<(i64, String)> {
    preview["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["level"] == level)
        .map(|p| (p["line"].as_i64().unwrap(), p["column"].as_str().unwrap().to_owned()))
        .collect()
}

fn assignee_rows(app_story: &serde_json::Value) -> Option<String> {
    app_story["row"]["assignee"].as_str().map(str::to_owned)
}

#[tokio::test]
async fn an_unknown_assignee_imports_unassigned_and_a_mapping_to_a_member_is_remembered() {
    let (app, mut jar) = setup().await;
    let ana = app.count("SELECT id FROM users WHERE email = 'ana@acme.test'").await;
    let other = app.org("Other").await;
    let stranger = app.user(other, Role::Dev, "stranger@other.test").await;
    let jira = "Issue key,Summary,Assignee,Priority,Story Points\nSHOP-1,Pay by card,nobody@acme.test,High,5\nSHOP-2,Refunds,Nobody@Acme.test ,Low,3\nSHOP-3,Wish list,ana@acme.test,,\n";
    let p = app.upload(&mut jar, "SHOP", "jira.csv", jira.as_bytes()).await.json();
    assert_eq!((p["total_rows"].as_i64(), p["valid_rows"].as_i64()), (Some(3), Some(3)), "{p}");
    assert_eq!(problems_of(&p, "warning"), [(2, "Assignee".to_owned()), (3, "Assignee".to_owned())], "{p}");
    assert!(problems_of(&p, "error").is_empty(), "{p}");
    assert_eq!(p["assignees"].as_array().unwrap().len(), 1, "{p}");
    assert_eq!(
        (p["assignees"][0]["name"].as_str(), p["assignees"][0]["rows"].as_i64()),
        (Some("nobody@acme.test"), Some(2))
    );
    assert_eq!(
        (p["assignees"][0]["user_id"].is_null(), p["assignees"][0]["remembered"].as_bool()),
        (true, Some(false))
    );
    assert!(p["members"].as_array().unwrap().iter().any(|m| m["id"] == ana), "{p}");

    // A mapped user id must be a member of the caller's organization.
    let name = "&assignees[0][name]=nobody%40acme.test&assignees[0][user_id]=";
    let foreign = format!("{}{name}{}", form(&p["id"], &fields(&p)), stranger.0);
    assert_eq!(app.call_with(&mut jar, "/api/imports/start", &foreign).await.status, 422);
    let mapped = format!("{}{name}{ana}", form(&p["id"], &fields(&p)));
    let s = app.call_with(&mut jar, "/api/imports/start", &mapped).await.json();
    assert_eq!((s["created"].as_i64(), s["rejected"].as_i64()), (Some(3), Some(0)), "{s}");
    for n in 1..=3 {
        let story = app.call_with(&mut jar, "/api/stories/get", &format!("project=SHOP&number={n}")).await.json();
        assert_eq!(assignee_rows(&story).as_deref(), Some("ana"), "story {n}");
    }

    // A Spanish file: the unknown name is imported unassigned; nothing was chosen, so nothing is remembered.
    let spanish = "Título;Asignado a;Prioridad\nPagar con tarjeta;Pedro Pérez;Alta\n";
    let p = app.upload(&mut jar, "SHOP", "es.csv", spanish.as_bytes()).await.json();
    assert_eq!(problems_of(&p, "warning"), [(2, "Asignado a".to_owned())], "{p}");
    app.call_with(&mut jar, "/api/imports/start", &form(&p["id"], &fields(&p))).await;
    let story = app.call_with(&mut jar, "/api/stories/get", "project=SHOP&number=4").await.json();
    assert_eq!((story["row"]["title"].as_str(), assignee_rows(&story)), (Some("Pagar con tarjeta"), None));
    let again = app.upload(&mut jar, "SHOP", "es.csv", spanish.as_bytes()).await.json();
    assert_eq!(again["assignees"][0]["remembered"], false, "{again}");

    // The next upload naming the mapped person: remembered, not a warning, and applied.
    let next = "Summary,Assignee\nGift cards,NOBODY@acme.test\n";
    let p = app.upload(&mut jar, "SHOP", "next.csv", next.as_bytes()).await.json();
    assert!(problems_of(&p, "warning").is_empty(), "{p}");
    assert_eq!(
        (p["assignees"][0]["user_id"].as_i64(), p["assignees"][0]["remembered"].as_bool()),
        (Some(ana), Some(true))
    );
    app.call_with(&mut jar, "/api/imports/start", &form(&p["id"], &fields(&p))).await;
    let story = app.call_with(&mut jar, "/api/stories/get", "project=SHOP&number=5").await.json();
    assert_eq!(assignee_rows(&story).as_deref(), Some("ana"));
}

#[tokio::test]
async fn a_bad_optional_value_is_a_warning_and_the_field_keeps_its_default() {
    let (app, mut jar) = setup().await;
    let csv =
        format!("Title,Priority,Status,Story Points,Epic\nCheckout,soonish,limbo,2.5,{}\n,High,,,\n", "e".repeat(101));
    let p = app.upload(&mut jar, "SHOP", "bad.csv", csv.as_bytes()).await.json();
    assert_eq!(
        (p["total_rows"].as_i64(), p["valid_rows"].as_i64(), p["warning_rows"].as_i64()),
        (Some(2), Some(1), Some(1))
    );
    let cols: Vec<String> = problems_of(&p, "warning").into_iter().map(|(_, c)| c).collect();
    assert_eq!(cols, ["Priority", "Status", "Story Points", "Epic"], "{p}");
    assert_eq!(problems_of(&p, "error"), [(3, "Title".to_owned())], "{p}");
    let s = app.call_with(&mut jar, "/api/imports/start", &form(&p["id"], &fields(&p))).await.json();
    assert_eq!((s["created"].as_i64(), s["rejected"].as_i64()), (Some(1), Some(1)), "{s}");
    let story = app.call_with(&mut jar, "/api/stories/get", "project=SHOP&number=1").await.json();
    let row = &story["row"];
    assert_eq!((row["priority"].as_str(), row["status"].as_str()), (Some("medium"), Some("backlog")));
    assert!(row["story_points"].is_null() && row["epic"].is_null(), "{story}");
}

#[tokio::test]
async fn the_project_and_permission_are_checked_before_the_file_is_read() {
    let (app, mut jar) = setup_on(TestApp::with_options(false, 25 * 1024 * 1024).await).await;
    let unreadable = [0u8, 159, 146, 150, 0, 1];
    let r = app.upload(&mut jar, "NOPE", "garbage.bin", &unreadable).await;
    assert_eq!(r.status, 404, "{}", r.body);
    let wide = format!("Title\n{}x\n", ",".repeat(999_999));
    assert_eq!(app.upload(&mut jar, "NOPE", "wide.csv", wide.as_bytes()).await.status, 404);
    let mut dev = app.sign_in("ana@acme.test").await;
    assert_eq!(app.upload(&mut dev, "SHOP", "wide.csv", wide.as_bytes()).await.status, 403);
    let r = app.upload(&mut jar, "SHOP", "wide.csv", wide.as_bytes()).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("The file has 1,000,000 columns; the limit is 200."), "{}", r.body);
}

#[tokio::test]
async fn rejected_rows_download_with_formulas_defused_and_import_back_as_written() {
    let (app, mut jar) = setup().await;
    let csv = "=Title,Description,Epic\n,=HYPERLINK(\"http://x\"),@SUM(A1)\n,+1,-2\nKept,\"'=1+1\",'-note\n";
    let p = app.upload(&mut jar, "SHOP", "f.csv", csv.as_bytes()).await.json();
    let mut mapping = fields(&p);
    mapping[0] = "title".into();
    let s = app.call_with(&mut jar, "/api/imports/start", &form(&p["id"], &mapping)).await.json();
    assert_eq!((s["created"].as_i64(), s["rejected"].as_i64()), (Some(1), Some(2)), "{s}");
    let rejects = app.get_with(&mut jar, &format!("/api/v1/imports/{}/rejects.csv", p["id"])).await.body;
    let lines: Vec<&str> = rejects.lines().collect();
    assert_eq!(lines[0], "Line,Problems,'=Title,Description,Epic", "{rejects}");
    assert!(lines[1].starts_with("2,'=Title: "), "{rejects}");
    assert!(lines[1].ends_with(",\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1)"), "{rejects}");
    assert!(lines[2].ends_with(",'+1,'-2"), "{rejects}");
    // A defused cell brought back (the rejects file fixed and imported again) reads as written.
    let story = app.call_with(&mut jar, "/api/stories/get", "project=SHOP&number=1").await.json();
    assert_eq!((story["description"].as_str(), story["row"]["epic"].as_str()), (Some("=1+1"), Some("-note")));
}
