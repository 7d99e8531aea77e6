//! [F5] Generation: the real Gemini and OpenAI-compatible clients against a local server that
//! speaks their APIs (request bodies asserted; malformed JSON, 429 with Retry-After, a timeout, a
//! 500, a refused key); a job that asks again about invalid cases with the parser's error; review
//! with edits and rejections saved in one transaction with provenance; the built-in rules end to
//! end; hourly limits and the monthly budget; sealed keys; the live stream of one's own jobs.
use crate::support::{
    enc,
    provider::{cases, gemini, openai, Answer, MockProvider},
    Jar, TestApp,
};
use app::{
    generation::{
        model::{GenerateInput, Lang, StoryBrief},
        prompt,
        providers::{self, Ask, Endpoint, ProviderError},
        runner::Generate,
    },
    jobs::queue::{Queue, Settings},
    stories::model::CriterionId,
    test_cases::model::CaseKind,
    users::model::Role,
};
use serde_json::Value;
use std::time::Duration;

fn brief() -> StoryBrief {
    StoryBrief {
        key: "SHOP-US-3".into(),
        title: "Checkout with a voucher".into(),
        description: "As a buyer I want to redeem vouchers".into(),
        criteria: vec![(CriterionId(7), "A voucher takes at most 50% off".into())],
        existing: vec!["Voucher applies once".into()],
    }
}

fn ask(input: &GenerateInput) -> Ask {
    Ask {
        system: prompt::system(input.language),
        user: prompt::user(&brief(), input, &[]),
        schema: prompt::schema(input),
    }
}

fn endpoint(kind: app::generation::model::ProviderKind, url: &str, timeout: Duration) -> Endpoint {
    Endpoint {
        kind,
        base_url: url.to_owned(),
        model: "test-model".into(),
        key: Some("sk-test-key-1234".into()),
        timeout,
    }
}

const GOOD: &str = "Feature: Vouchers\n  Scenario: Half off\n    Given a cart of 100\n    When I redeem a 50% voucher\n    Then I pay 50\n";

#[tokio::test]
async fn the_gemini_client_sends_the_story_criteria_types_language_and_schema() {
    let mock = MockProvider::start().await;
    mock.script([Answer::Json(200, gemini(&cases(&[("Half off", "security", &[7], GOOD)]), 321))]);
    let input =
        GenerateInput { kinds: vec![CaseKind::Security, CaseKind::Api], language: Lang::Es, ..Default::default() };
    let p = providers::build(endpoint(app::generation::model::ProviderKind::Gemini, &mock.url, Duration::from_secs(5)))
        .unwrap();
    let reply = p.ask(&ask(&input)).await.unwrap();
    assert_eq!(reply.tokens, 321);
    assert_eq!(prompt::read(&reply.text).unwrap()[0].criteria, [CriterionId(7)]);
    let seen = &mock.seen()[0];
    assert_eq!(seen.path, "/v1beta/models/test-model:generateContent");
    assert_eq!(seen.headers["x-goog-api-key"], "sk-test-key-1234");
    let body = &seen.body;
    let user = body["contents"][0]["parts"][0]["text"].as_str().unwrap();
    for needle in [
        "SHOP-US-3",
        "Checkout with a voucher",
        "[7] A voucher takes at most 50% off",
        "security, api",
        "Voucher applies once",
    ] {
        assert!(user.contains(needle), "{needle} not in the prompt: {user}");
    }
    let system = body["systemInstruction"]["parts"][0]["text"].as_str().unwrap();
    assert!(system.contains("Spanish") && system.contains("# language: es"), "{system}");
    assert_eq!(body["generationConfig"]["responseMimeType"], "application/json");
    let schema = &body["generationConfig"]["responseSchema"];
    assert_eq!(
        schema["properties"]["cases"]["items"]["properties"]["type"]["enum"],
        serde_json::json!(["security", "api"])
    );
    assert!(!schema.to_string().contains("additionalProperties"), "Gemini's schema subset has no additionalProperties");
}

#[tokio::test]
async fn the_openai_client_asks_for_structured_output_then_falls_back_to_plain_json() {
    let mock = MockProvider::start().await;
    mock.script([
        Answer::Json(
            400,
            serde_json::json!({ "error": { "message": "response_format json_schema is not supported by this model" } }),
        ),
        Answer::Json(
            200,
            openai(&format!("Sure!\n```json\n{}\n```", cases(&[("Half off", "functional", &[7], GOOD)])), 99),
        ),
        Answer::Json(200, openai(&cases(&[]), 5)),
    ]);
    let input = GenerateInput::default();
    let p = providers::build(endpoint(
        app::generation::model::ProviderKind::Openai,
        &format!("{}/v1", mock.url),
        Duration::from_secs(5),
    ))
    .unwrap();
    let reply = p.ask(&ask(&input)).await.unwrap();
    assert_eq!(prompt::read(&reply.text).unwrap().len(), 1, "the fenced JSON is read");
    p.ask(&ask(&input)).await.unwrap();
    let seen = mock.seen();
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|s| s.path == "/v1/chat/completions"));
    assert_eq!(seen[0].headers["authorization"], "Bearer sk-test-key-1234");
    assert_eq!(seen[0].body["model"], "test-model");
    assert_eq!(seen[0].body["response_format"]["type"], "json_schema");
    assert!(seen[0].body["response_format"]["json_schema"]["schema"]["properties"]["cases"].is_object());
    assert_eq!(seen[0].body["messages"][1]["content"].as_str().unwrap(), ask(&input).user);
    for later in &seen[1..] {
        assert!(later.body.get("response_format").is_none(), "the fallback is remembered: {}", later.body);
        assert!(later.body["messages"][1]["content"].as_str().unwrap().contains("matching this JSON schema"));
    }
}

#[tokio::test]
async fn provider_failures_become_clear_messages_and_only_transient_ones_are_retried() {
    let mock = MockProvider::start().await;
    mock.script([
        Answer::Raw(429, "slow down".into(), Some("7")),
        Answer::Json(500, serde_json::json!({ "error": { "message": "backend exploded" } })),
        Answer::Json(401, serde_json::json!({ "error": { "message": "Incorrect API key provided" } })),
        Answer::Raw(200, "{\"choices\": [oops".into(), None),
        Answer::Slow(Duration::from_secs(3)),
    ]);
    let p =
        providers::build(endpoint(app::generation::model::ProviderKind::Openai, &mock.url, Duration::from_millis(500)))
            .unwrap();
    let input = GenerateInput::default();
    let mut errors = Vec::new();
    for _ in 0..5 {
        errors.push(p.ask(&ask(&input)).await.unwrap_err());
    }
    assert_eq!(errors[0], ProviderError::RateLimited(Some(7)));
    assert_eq!(errors[0].retry_after(), Some(Duration::from_secs(7)));
    assert!(matches!(&errors[1], ProviderError::Unavailable(m) if m.contains("500") && m.contains("backend exploded")));
    assert!(matches!(&errors[2], ProviderError::Unauthorized(m) if m.contains("Incorrect API key")));
    assert!(matches!(&errors[3], ProviderError::Malformed(_)));
    assert!(matches!(&errors[4], ProviderError::Timeout(_)));
    let transient: Vec<bool> = errors.iter().map(ProviderError::transient).collect();
    assert_eq!(transient, [true, true, false, false, true]);
    assert!(errors[2].to_string().contains("Settings › Generation"), "{}", errors[2]);
    assert!(errors.iter().all(|e| !e.to_string().contains("sk-test-key")), "no key in messages");
}

/// A project SHOP with a story of two criteria, an admin and a qa signed in.
struct Setup {
    app: TestApp,
    admin: Jar,
    qa: Jar,
    story: i64,
    crit: [i64; 2],
}

async fn setup() -> Setup {
    let app = TestApp::new().await;
    let org = app.org("Acme").await;
    app.user(org, Role::Admin, "admin@acme.test").await;
    app.user(org, Role::Qa, "qa@acme.test").await;
    let project = app.project(org, "SHOP").await;
    let (story_id, first) = app
        .story(
            org,
            project,
            "Checkout with a voucher",
            &["A voucher takes at most 50% off", "Only signed-in buyers redeem vouchers"],
        )
        .await;
    let story = app.count(&format!("SELECT number FROM stories WHERE id = {story_id}")).await;
    let second = app.count(&format!("SELECT MAX(id) FROM acceptance_criteria WHERE story_id = {story_id}")).await;
    let admin = app.sign_in("admin@acme.test").await;
    let qa = app.sign_in("qa@acme.test").await;
    Setup { app, admin, qa, story, crit: [first, second] }
}

fn queue(app: &TestApp) -> Queue {
    let settings = Settings { lease: Duration::from_secs(5), poll: Duration::from_millis(20) };
    Queue::new(app.db.db.clone(), app.state.hub.clone(), settings)
        .register(Generate::new(&app.state.config.secret, Duration::from_secs(5)))
}

async fn request(s: &mut Setup, extra: &str) -> Result<i64, (u16, String)> {
    let form = format!(
        "project=SHOP&input[stories][0]={}&input[cases]=2&input[scenarios]=3&input[language]=en{extra}",
        s.story
    );
    let r = s.app.call_with(&mut s.qa, "/api/generation/request", &form).await;
    if r.status == 200 {
        Ok(r.body.parse().unwrap())
    } else {
        Err((r.status, r.body))
    }
}

#[tokio::test]
async fn a_remote_generation_asks_again_about_invalid_cases_and_the_review_saves_with_provenance() {
    let mut s = setup().await;
    let mock = MockProvider::start().await;
    let settings = format!(
        "input[kind]=openai&input[base_url]={}&input[model]=gpt-test&input[api_key]=sk-live-secret-abcd1234",
        enc(&format!("{}/v1", mock.url))
    );
    let r = s.app.call_with(&mut s.admin, "/api/generation/save_settings", &settings).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["key_hint"], "…1234");
    let stored = s.app.scalar_text("SELECT api_key_sealed FROM generation_settings").await.unwrap();
    assert!(!stored.contains("abcd1234") && !stored.contains("sk-live"), "the key is sealed: {stored}");
    let audit = s
        .app
        .scalar_text("SELECT detail FROM audit_events WHERE action = 'generation_settings_changed'")
        .await
        .unwrap();
    assert!(audit.contains("new key") && !audit.contains("abcd"), "{audit}");

    let [c1, c2] = s.crit;
    let broken = "Feature: Vouchers\n  Scenario: Signed out\n    Given a visitor\n  Examples:\n";
    let fixed = "Feature: Vouchers\n  Scenario: Signed out\n    Given a visitor who is not signed in\n    When they redeem a voucher\n    Then they are asked to sign in\n";
    mock.script([
        Answer::Json(
            200,
            openai(
                &cases(&[("Half off at most", "security", &[c1], GOOD), ("Signed-out buyer", "api", &[c2], broken)]),
                400,
            ),
        ),
        Answer::Json(200, openai(&cases(&[("Signed-out buyer", "api", &[c2], fixed)]), 200)),
    ]);
    let job =
        request(&mut s, "&input[kinds][0]=security&input[kinds][1]=api&input[instructions]=Prefer+EUR").await.unwrap();
    assert!(queue(&s.app).run_once().await.unwrap());

    let seen = mock.seen();
    assert_eq!(seen.len(), 2, "asked once, then once more about the invalid case");
    let first = seen[0].body["messages"][1]["content"].as_str().unwrap().to_owned();
    for needle in [format!("[{c1}] A voucher takes at most 50% off"), "security, api".into(), "Prefer EUR".into()] {
        assert!(first.contains(&needle), "{needle} not in {first}");
    }
    let again = seen[1].body["messages"][1]["content"].as_str().unwrap();
    assert!(
        again.contains("“Signed-out buyer”: its Gherkin does not parse"),
        "the parser's error is in the second prompt: {again}"
    );
    let status = s.app.scalar_text(&format!("SELECT status FROM jobs WHERE id = {job}")).await.unwrap();
    assert_eq!(status, "succeeded");
    assert_eq!(s.app.count("SELECT tokens FROM generation_usage").await, 600);
    let prompts = s.app.scalar_text(&format!("SELECT prompts FROM generations WHERE job_id = {job}")).await.unwrap();
    assert!(
        prompts.contains("Prefer EUR") && prompts.contains("again, with the problems"),
        "the prompts are kept with the job"
    );

    let review = s.app.call_with(&mut s.qa, "/api/generation/review", &format!("job={job}")).await;
    assert_eq!(review.status, 200, "{}", review.body);
    let r = review.json();
    assert_eq!(r["provider"], "OpenAI-compatible");
    assert_eq!(r["model"], "gpt-test");
    assert_eq!(r["prompt_version"], prompt::VERSION);
    let suggestions = r["suggestions"].as_array().unwrap();
    assert_eq!(suggestions.len(), 2);
    assert!(r["problems"].as_array().unwrap().is_empty(), "{}", r["problems"]);
    let (keep, drop) = (suggestions[0]["id"].as_i64().unwrap(), suggestions[1]["id"].as_i64().unwrap());
    let edited = GOOD.replace("I pay 50", "I pay 50 EUR");
    let verdicts = format!(
        "job={job}&verdicts[0][id]={keep}&verdicts[0][accept]=true&verdicts[0][title]=Half+off&verdicts[0][gherkin]={}\
         &verdicts[1][id]={drop}&verdicts[1][accept]=false",
        enc(&edited)
    );
    let saved = s.app.call_with(&mut s.qa, "/api/generation/save", &verdicts).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(saved.json()["cases"], serde_json::json!(["SHOP-TC-1"]));
    assert_eq!(saved.json()["rejected"], 1);
    let again = s.app.call_with(&mut s.qa, "/api/generation/save", &verdicts).await;
    assert_eq!(again.status, 409, "a second save of reviewed suggestions is refused: {}", again.body);

    let case = s.app.call_with(&mut s.qa, "/api/cases/get", "project=SHOP&number=1").await;
    assert_eq!(case.status, 200, "{}", case.body);
    let c = case.json();
    assert_eq!(c["row"]["title"], "Half off");
    assert!(c["case"]["gherkin"].as_str().unwrap().contains("I pay 50 EUR"), "the reviewer's edit is saved");
    assert_eq!(c["case"]["criteria"], serde_json::json!([c1]));
    assert_eq!(c["case"]["status"], "draft");
    let p = &c["provenance"];
    assert_eq!(
        (p["provider"].as_str(), p["model"].as_str(), p["job"].as_i64()),
        (Some("OpenAI-compatible"), Some("gpt-test"), Some(job))
    );
    assert_eq!(p["prompt_version"], prompt::VERSION);
    assert!(p["accepted_by"].as_str().is_some());
    assert_eq!(s.app.count("SELECT COUNT(*) FROM audit_events WHERE action = 'suggestions_reviewed'").await, 1);
}

#[tokio::test]
async fn the_built_in_rules_generate_end_to_end_and_limits_refuse_before_any_work() {
    let mut s = setup().await;
    let job = request(&mut s, "").await.unwrap();
    assert!(queue(&s.app).run_once().await.unwrap());
    let r = s.app.call_with(&mut s.qa, "/api/generation/review", &format!("job={job}")).await.json();
    assert_eq!(r["provider"], app::generation::model::OFFLINE_NAME);
    let suggestions = r["suggestions"].as_array().unwrap();
    assert!(!suggestions.is_empty());
    let covered: Vec<i64> = suggestions
        .iter()
        .flat_map(|s| s["criteria"].as_array().unwrap().iter().map(|c| c.as_i64().unwrap()))
        .collect();
    assert!(s.crit.iter().all(|c| covered.contains(c)), "every criterion is covered: {covered:?}");
    for sug in suggestions {
        let g = sug["gherkin"].as_str().unwrap();
        assert!(app::test_cases::gherkin::parse(g).is_valid(), "{g}");
    }
    assert!(suggestions.iter().any(|s| s["gherkin"].as_str().unwrap().contains("51")), "a boundary past 50%");
    // The story lists the job while its suggestions wait; dismissing them clears it.
    let waiting =
        s.app.call_with(&mut s.qa, "/api/generation/pending", &format!("project=SHOP&number={}", s.story)).await.json();
    assert_eq!(waiting[0]["job"], job);
    assert_eq!(waiting[0]["count"].as_i64(), Some(suggestions.len() as i64));
    assert_eq!(waiting[0]["href"], format!("/projects/SHOP/generations/{job}"));
    let dismissed = s.app.call_with(&mut s.qa, "/api/generation/dismiss", &format!("job={job}")).await;
    assert_eq!(dismissed.body, suggestions.len().to_string());
    let waiting =
        s.app.call_with(&mut s.qa, "/api/generation/pending", &format!("project=SHOP&number={}", s.story)).await.json();
    assert_eq!(waiting, serde_json::json!([]));

    // Coverage: both criteria uncovered until a case covers one.
    let coverage = s.app.call_with(&mut s.qa, "/api/coverage/get", "key=SHOP").await.json();
    assert_eq!((coverage["criteria"].as_i64(), coverage["covered"].as_i64()), (Some(2), Some(0)));
    let [c1, _] = s.crit;
    let made = s
        .app
        .call_with(
            &mut s.qa,
            "/api/cases/create",
            &format!(
                "project=SHOP&input[title]=Half+off&input[story]={}&input[criteria][0]={c1}&input[gherkin]={}",
                s.story,
                enc(GOOD)
            ),
        )
        .await;
    assert_eq!(made.status, 200, "{}", made.body);
    let coverage = s.app.call_with(&mut s.qa, "/api/coverage/get", "key=SHOP").await.json();
    assert_eq!(coverage["covered"], 1);
    let story = &coverage["stories"][0];
    assert_eq!(story["key"], format!("SHOP-US-{}", s.story));
    assert_eq!(story["criteria"][0]["cases"], serde_json::json!([["SHOP-TC-1", 1]]));
    assert_eq!(story["criteria"][1]["cases"], serde_json::json!([]));

    // Limits: two an hour for each person.
    s.app.sql("UPDATE generation_settings SET user_per_hour = 2").await;
    request(&mut s, "").await.unwrap();
    let (status, body) = request(&mut s, "").await.unwrap_err();
    assert_eq!(status, 429, "{body}");
    s.app.sql("UPDATE generation_settings SET user_per_hour = 100, monthly_token_budget = 1000").await;
    s.app
        .sql(&format!(
            "INSERT INTO generation_usage (organization_id, month, tokens) SELECT id, '{}', 1000 FROM organizations",
            chrono::Utc::now().format("%Y-%m")
        ))
        .await;
    let (status, body) = request(&mut s, "").await.unwrap_err();
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("monthly token budget"), "{body}");
    // Bad input is refused field by field, and dev may not generate.
    let r = s
        .app
        .call_with(
            &mut s.qa,
            "/api/generation/request",
            &format!("project=SHOP&input[stories][0]={}&input[cases]=11&input[scenarios]=0", s.story),
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("\"cases\"") && r.body.contains("\"scenarios\""), "{}", r.body);
}

/// Reads an SSE body to its end (a `drain` request ends by itself).
async fn drain(app: &TestApp, jar: &mut Jar, query: &str, last: Option<&str>) -> String {
    let mut req = axum::http::Request::get(format!("/api/v1/events?{query}")).header("cookie", jar.header());
    if let Some(id) = last {
        req = req.header("last-event-id", id);
    }
    let r = app.send(req.body(axum::body::Body::empty()).unwrap()).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("content-type"), "text/event-stream");
    r.body
}

fn ids(stream: &str) -> Vec<i64> {
    stream.lines().filter_map(|l| l.strip_prefix("id: ")).map(|n| n.parse().unwrap()).collect()
}

#[tokio::test]
async fn the_live_stream_carries_ones_own_jobs_resumes_after_the_last_event_and_streams_as_they_happen() {
    let mut s = setup().await;
    let job = request(&mut s, "").await.unwrap();
    let mine = drain(&s.app, &mut s.qa, "after=0&drain=1", None).await;
    assert!(mine.contains("event: job") && mine.contains(&format!("\"id\":{job}")), "{mine}");
    let theirs = drain(&s.app, &mut s.admin, "after=0&drain=1", None).await;
    assert!(!theirs.contains("event: job"), "another person's job is not on their stream: {theirs}");
    let last = *ids(&mine).last().unwrap();
    let resumed = drain(&s.app, &mut s.qa, "drain=1", Some(&last.to_string())).await;
    assert!(ids(&resumed).is_empty(), "nothing after the last event seen: {resumed}");
    let anonymous = s.app.get("/api/v1/events").await;
    assert_eq!(anonymous.status, 401);

    // A held-open stream delivers the job's progress as the worker records it.
    use http_body_util::BodyExt;
    let req = axum::http::Request::get(format!("/api/v1/events?after={last}"))
        .header("cookie", s.qa.header())
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(s.app.router.clone(), req).await.unwrap();
    let mut body = res.into_body();
    let q = queue(&s.app);
    tokio::spawn(async move { q.run_once().await.unwrap() });
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !text.contains("\"status\":\"succeeded\"") {
        let frame = tokio::time::timeout_at(deadline, body.frame())
            .await
            .expect("the job's events arrive live")
            .unwrap()
            .unwrap();
        if let Ok(data) = frame.into_data() {
            text.push_str(&String::from_utf8_lossy(&data));
        }
    }
    assert!(text.contains("\"status\":\"running\""), "progress came before the end: {text}");
    assert!(ids(&text).iter().all(|n| *n > last), "only what followed `after`");
    let v: Value =
        serde_json::from_str(text.lines().filter_map(|l| l.strip_prefix("data: ")).next_back().unwrap()).unwrap();
    assert_eq!(v["link"], format!("/projects/SHOP/generations/{job}"));
}
