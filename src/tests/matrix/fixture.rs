//! Two organizations that both have a project keyed SHOP. A's objects carry secrets in every text
//! (`ALPHA-SECRET-…`, `…@alpha.test`) and numbers B's project never reaches (700), so a call from
//! B with A's ids resolves B's project and must find nothing; B's carry `BETA-VISIBLE-…`.
use crate::support::{enc, Jar, TestApp};
use app::{orgs::model::OrgId, users::model::Role};

pub const ROLES: [Role; 4] = [Role::Admin, Role::Qa, Role::Dev, Role::Manager];

/// Text that must never reach anyone outside organization A.
pub const A_SECRETS: [&str; 2] = ["alpha-secret", "@alpha.test"];
/// Text of organization B, which its members must see in their own answers.
pub const B_MARKERS: [&str; 2] = ["beta-visible", "@beta.test"];

/// A's test case before and after its second revision.
const GHERKIN_1: &str =
    "Feature: ALPHA-SECRET-FEATURE\n  Scenario: ALPHA-SECRET-SCENARIO\n    Given ALPHA-SECRET-STEP\n";
const GHERKIN_2: &str = "Feature: ALPHA-SECRET-FEATURE\n  Scenario: ALPHA-SECRET-SCENARIO\n    Given ALPHA-SECRET-STEP\n    Then ALPHA-SECRET-OUTCOME\n";

/// A provider address where nothing listens (port 9, discard): a call fails at once. A's own
/// settings name it with a secret path; the sweep's calls with a plain one (an answer echoing
/// the caller's own input is no leak).
const NOWHERE: &str = "http://127.0.0.1:9/v1";
const A_NOWHERE: &str = "http://127.0.0.1:9/alpha-secret/v1";

/// A's first story, case and bug number: past anything B's project creates during the sweep.
const FIRST_NUMBER: i64 = 700;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

/// The sign-in email of `role` in organization `side`.
pub fn email(side: Side, role: Role) -> String {
    match side {
        Side::A => format!("{}@alpha.test", role.as_str()),
        Side::B => format!("{}@beta.test", role.as_str()),
    }
}

pub struct Fixture {
    pub a: OrgId,
    pub b: OrgId,
    /// Placeholder → value, for `fill`.
    ids: Vec<(&'static str, String)>,
}

impl Fixture {
    pub async fn build(app: &TestApp) -> Fixture {
        let a = app.org("ALPHA-SECRET-ORG").await;
        let b = app.org("BETA-VISIBLE-ORG").await;
        let mut admin = 0;
        for r in ROLES {
            let id = app.user(a, r, &email(Side::A, r)).await;
            if r == Role::Admin {
                admin = id.0;
            }
            app.user(b, r, &email(Side::B, r)).await;
        }
        let qa = app.user(a, Role::Qa, "target-qa@alpha.test").await;
        let dev = app.user(a, Role::Dev, "target-dev@alpha.test").await;
        let mgr2 = app.user(a, Role::Manager, "target-mgr@alpha.test").await;
        // One of B's members who does not rename themselves during the sweep.
        app.user(b, Role::Qa, "member@beta.test").await;
        app.sql(&format!("UPDATE users SET name = 'ALPHA-SECRET-NAME ' || email WHERE organization_id = {}", a.0))
            .await;
        app.sql(&format!("UPDATE users SET name = 'BETA-VISIBLE-NAME ' || email WHERE organization_id = {}", b.0))
            .await;

        let pa = app.project(a, "SHOP").await;
        let pb = app.project(b, "SHOP").await;
        app.sql(&format!(
            "UPDATE projects SET name = 'ALPHA-SECRET-PROJECT', description = 'ALPHA-SECRET-DESCRIPTION', \
             next_story_number = {FIRST_NUMBER}, next_case_number = {FIRST_NUMBER}, next_bug_number = {FIRST_NUMBER} WHERE id = {}",
            pa.0
        ))
        .await;
        app.sql(&format!("UPDATE projects SET name = 'BETA-VISIBLE-PROJECT' WHERE id = {}", pb.0)).await;

        let (story_id, crit) = app
            .story(a, pa, "ALPHA-SECRET-TITLE story", &["ALPHA-SECRET-CRITERION one", "ALPHA-SECRET-CRITERION two"])
            .await;
        app.sql(&format!("UPDATE stories SET description = 'ALPHA-SECRET-STORY-TEXT' WHERE id = {story_id}")).await;
        let story = app.count(&format!("SELECT number FROM stories WHERE id = {story_id}")).await;
        let crit2 = app.count(&format!("SELECT MAX(id) FROM acceptance_criteria WHERE story_id = {story_id}")).await;
        app.story(b, pb, "BETA-VISIBLE story", &["BETA-VISIBLE criterion"]).await;
        app.case(
            b,
            pb,
            "BETA-VISIBLE case",
            "Feature: BETA-VISIBLE feature\n  Scenario: s\n    Given BETA-VISIBLE step\n",
        )
        .await;

        // A's case, its second revision, its imports and its invitation go through the real endpoints.
        let mut jar = app.sign_in(&email(Side::A, Role::Admin)).await;
        let created = ok(
            app,
            &mut jar,
            "/api/cases/create",
            &format!(
                "project=SHOP&input[title]=ALPHA-SECRET-CASE&input[tags]=alpha-secret-tag&input[story]={story}\
                 &input[criteria][0]={crit}&input[gherkin]={}",
                enc(GHERKIN_1)
            ),
        )
        .await;
        let case = created.parse::<i64>().unwrap();
        ok(
            app,
            &mut jar,
            "/api/cases/update",
            &format!(
                "project=SHOP&number={case}&input[title]=ALPHA-SECRET-CASE&input[tags]=alpha-secret-tag&input[story]={story}\
                 &input[criteria][0]={crit}&input[gherkin]={}&revision=1",
                enc(GHERKIN_2)
            ),
        )
        .await;
        // A's run 1 (started) and run 2 (planned) of its case.
        for (name, start) in [("ALPHA-SECRET-RUN", true), ("ALPHA-SECRET-RUN-TWO", false)] {
            let number = ok(
                app,
                &mut jar,
                "/api/runs/create",
                &format!("project=SHOP&input[name]={name}&input[cases][0]={case}"),
            )
            .await;
            if start {
                ok(app, &mut jar, "/api/runs/start", &format!("project=SHOP&number={number}")).await;
            }
        }
        // A's saved list of its case.
        let list = ok(
            app,
            &mut jar,
            "/api/case_lists/save",
            &format!("project=SHOP&input[name]=ALPHA-SECRET-LIST&input[cases][0]={case}"),
        )
        .await;
        let list = serde_json::from_str::<serde_json::Value>(&list).unwrap()["id"].as_i64().unwrap();
        let evidence = evidence(app, &jar, case).await;
        let job = upload(app, &mut jar, "alpha-secret-import.csv", b"Title\nALPHA-SECRET-IMPORTED\n").await;
        let job_done = upload(
            app,
            &mut jar,
            "alpha-secret-rejects.csv",
            b"Title,Description\nALPHA-SECRET-OK,\n,ALPHA-SECRET-REJECT\n",
        )
        .await;
        let started =
            ok(app, &mut jar, "/api/imports/start", &format!("id={job_done}&fields[0]=title&fields[1]=description"))
                .await;
        assert!(started.contains("\"done\"") && started.contains("\"rejected\":1"), "{started}");
        let inv = ok(
            app,
            &mut jar,
            "/api/invitations/create",
            "email=invitee%40alpha.test&name=ALPHA-SECRET-INVITEE&role=qa",
        )
        .await;
        let inv = serde_json::from_str::<serde_json::Value>(&inv).unwrap()["id"].as_i64().unwrap();
        // B's own upload naming someone who is not a member, for B to try to map to A's admin.
        let mut b_admin = app.sign_in(&email(Side::B, Role::Admin)).await;
        let b_job = upload(app, &mut b_admin, "beta.csv", b"Title,Assigned to\nBETA-VISIBLE import,Ghost\n").await;
        // A's bugs, reported by A's developer against run 1's execution of the case: {bug} with
        // a comment, {bug_move} assigned to that developer, {bug_fixed} fixed by them. B's bug 1,
        // for B to try to assign to A's people and to mention them.
        let bugs = bugs(app, &mut jar, case).await;
        // A's qa was mentioned on A's first bug: their notification.
        let notice = app
            .count(&format!(
                "SELECT MAX(n.id) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = '{}'",
                email(Side::A, Role::Qa)
            ))
            .await;
        assert!(notice > 0, "A's qa has a notification");
        ok(app, &mut b_admin, "/api/bugs/create", "project=SHOP&input[title]=BETA-VISIBLE+bug").await;
        // A background job of A's admin (no worker runs in the sweep: it stays queued).
        app.sql(&format!(
            "INSERT INTO jobs (organization_id, kind, payload, status, run_after, progress_message, created_by, created_at, updated_at) \
             VALUES ({}, 'matrix_probe', '{{\"text\":\"ALPHA-SECRET-PAYLOAD\"}}', 'queued', '2026-01-01T00:00:00Z', 'ALPHA-SECRET-PROGRESS', {admin}, \
             '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            a.0
        ))
        .await;
        let bg_job = app.count(&format!("SELECT MAX(id) FROM jobs WHERE organization_id = {}", a.0)).await;
        // A's generation settings, a generation job (queued: no worker runs) and one suggestion.
        ok(
            app,
            &mut jar,
            "/api/generation/save_settings",
            &format!(
                "input[kind]=openai&input[base_url]={}&input[model]=m&input[api_key]=sk-ALPHA-SECRET-KEY-9876",
                enc(A_NOWHERE)
            ),
        )
        .await;
        let gen_job = ok(
            app,
            &mut jar,
            "/api/generation/request",
            &format!("project=SHOP&input[stories][0]={story}&input[cases]=1&input[scenarios]=1&input[language]=en&input[instructions]=ALPHA-SECRET-INSTRUCTIONS"),
        )
        .await
        .parse::<i64>()
        .unwrap();
        app.sql(&format!(
            "INSERT INTO suggestions (organization_id, job_id, story_id, position, title, kind, criteria, gherkin, created_at) \
             VALUES ({}, {gen_job}, {story_id}, 0, 'ALPHA-SECRET-SUGGESTION', 'functional', '[{crit}]', '{}', '2026-01-01T00:00:00Z')",
            a.0,
            GHERKIN_1.replace('\'', "''")
        ))
        .await;
        let suggestion = app.count(&format!("SELECT MAX(id) FROM suggestions WHERE job_id = {gen_job}")).await;
        app.sign_in("target-mgr@alpha.test").await;
        let sess = app.scalar_text(&format!("SELECT id FROM sessions WHERE user_id = {}", mgr2.0)).await.unwrap();

        let ids = vec![
            ("{story}", story.to_string()),
            ("{story_id}", story_id.to_string()),
            ("{crit}", crit.to_string()),
            ("{crit2}", crit2.to_string()),
            ("{case}", case.to_string()),
            ("{gherkin}", enc(GHERKIN_2)),
            ("{job}", job.to_string()),
            ("{job_done}", job_done.to_string()),
            ("{b_job}", b_job.to_string()),
            ("{bg_job}", bg_job.to_string()),
            ("{gen_job}", gen_job.to_string()),
            ("{suggestion}", suggestion.to_string()),
            ("{nowhere}", enc(NOWHERE)),
            ("{inv}", inv.to_string()),
            ("{admin}", admin.to_string()),
            ("{qa}", qa.0.to_string()),
            ("{dev}", dev.0.to_string()),
            ("{mgr2}", mgr2.0.to_string()),
            ("{sess}", sess),
            ("{evidence}", evidence.to_string()),
            ("{bug}", bugs[0].to_string()),
            ("{bug_move}", bugs[1].to_string()),
            ("{bug_fixed}", bugs[2].to_string()),
            ("{notice}", notice.to_string()),
            ("{list}", list.to_string()),
        ];
        Fixture { a, b, ids }
    }

    /// `template` with A's ids in place of its placeholders and `n` for `{n}`.
    pub fn fill(&self, template: &str, n: usize) -> String {
        let mut s = template.replace("{n}", &n.to_string());
        for (k, v) in &self.ids {
            s = s.replace(k, v);
        }
        // What is left in braces must not look like a placeholder (JSON bodies keep theirs).
        let left = s.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(inner, _)| inner));
        for inner in left {
            assert!(
                !inner.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "unknown placeholder {{{inner}}} in {template}"
            );
        }
        s
    }
}

/// A's three bugs (see `Fixture::build`), through the real endpoints; returns their numbers.
async fn bugs(app: &TestApp, admin: &mut Jar, case: i64) -> Vec<i64> {
    let dev_email = email(Side::A, Role::Dev);
    let mut dev = app.sign_in(&dev_email).await;
    let dev_id = app.count(&format!("SELECT id FROM users WHERE email = '{dev_email}'")).await;
    let mut numbers = Vec::new();
    for title in ["ALPHA-SECRET-BUG", "ALPHA-SECRET-BUG-MOVE", "ALPHA-SECRET-BUG-FIXED"] {
        let form = format!(
            "project=SHOP&input[title]={title}&input[description]=ALPHA-SECRET-BUG-TEXT&input[run]=1&input[case]={case}"
        );
        numbers.push(ok(app, &mut dev, "/api/bugs/create", &form).await.parse::<i64>().unwrap());
    }
    let comment = format!("project=SHOP&number={}&body=ALPHA-SECRET-COMMENT+%40qa%40alpha.test", numbers[0]);
    ok(app, admin, "/api/bugs/comment", &comment).await;
    for n in &numbers[1..] {
        ok(app, admin, "/api/bugs/assign", &format!("project=SHOP&number={n}&assignee={dev_id}")).await;
    }
    let fixed = numbers[2];
    ok(app, &mut dev, "/api/bugs/transition", &format!("project=SHOP&number={fixed}&to=in_progress")).await;
    ok(app, &mut dev, "/api/bugs/transition", &format!("project=SHOP&number={fixed}&to=fixed&note=ALPHA-SECRET-FIX"))
        .await;
    numbers
}

/// A's evidence: a screenshot of the first step of run 1's execution of `case`; returns its id.
async fn evidence(app: &TestApp, jar: &Jar, case: i64) -> i64 {
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(64, 48, image::Rgb([10, 20, 30])));
    let mut png = std::io::Cursor::new(Vec::new());
    img.write_to(&mut png, image::ImageFormat::Png).unwrap();
    let (content_type, body) =
        crate::support::multipart(&[("scenario", "0"), ("step", "0")], ("ALPHA-SECRET-SHOT.png", png.get_ref()));
    let req = axum::http::Request::post(format!("/api/v1/projects/SHOP/runs/1/cases/{case}/evidence"))
        .header("content-type", content_type)
        .header("origin", crate::support::ORIGIN)
        .header("cookie", jar.header())
        .body(axum::body::Body::from(body))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, 200, "evidence: {}", r.body);
    assert_eq!(r.json()["has_thumb"], true);
    r.json()["id"].as_i64().unwrap()
}

/// Calls a server function that must answer 200; returns the body.
async fn ok(app: &TestApp, jar: &mut Jar, path: &str, form: &str) -> String {
    let r = app.call_with(jar, path, form).await;
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.body
}

/// Uploads a file for import into the caller's SHOP; returns the job id.
async fn upload(app: &TestApp, jar: &mut Jar, name: &str, bytes: &[u8]) -> i64 {
    let r = app.upload(jar, "SHOP", name, bytes).await;
    assert_eq!(r.status, 200, "upload {name}: {}", r.body);
    r.json()["id"].as_i64().unwrap()
}
