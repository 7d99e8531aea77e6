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

/// An xlsx with the template's spaced headers, one bad row, and one unknown assignee.
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
    assert_eq!((preview["total_rows"].as_i64(), preview["valid_rows"].as_i64()), (Some(4), Some(2)));
    let problems: Vec<(i64, String)> = preview["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["line"].as_i64().unwrap(), p["column"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(problems, [(3, "Summary".to_owned()), (4, "Story Points".to_owned())]);
    // A row with problems still shows its cells, so it can be recognized.
    assert_eq!(preview["rows"][1]["cells"][0], "SHOP-2");
    assert!(preview["rows"][1]["draft"].is_null());
    assert_eq!(app.count("SELECT COUNT(*) FROM stories").await, 0, "a preview writes no story");

    // Ignoring the points column makes the wish-list row valid.
    let mut mapping = fields(&preview);
    mapping[2] = String::new();
    let again = app.call_with(&mut jar, "/api/imports/preview", &form(&preview["id"], &mapping)).await.json();
    assert_eq!(again["valid_rows"], 3);

    let status = app.call_with(&mut jar, "/api/imports/start", &form(&preview["id"], &mapping)).await.json();
    assert_eq!(status["status"], "done", "{status}");
    assert_eq!(
        (status["created"].as_i64(), status["updated"].as_i64(), status["rejected"].as_i64()),
        (Some(2), Some(0), Some(2))
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
    assert!(rejects.body.contains("No active member of the organization is “nobody@acme.test”"), "{}", rejects.body);
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
