//! Who is told what, on which channel.
use super::*;
use app::events::repo as events;

#[tokio::test]
async fn assignment_mention_and_status_change_tell_the_right_people_and_never_the_actor() {
    let mut s = setup().await;
    let (qa, dev, dev2) = (s.id("qa").await, s.id("dev").await, s.id("dev2").await);
    let start = events::latest(&mut s.app.db.db.acquire().await.unwrap()).await.unwrap();
    s.ok("qa", "/api/bugs/create", "project=SHOP&input[title]=Pay+by+card+fails").await;
    // qa reported it and assigns it: only dev hears (qa is the actor of the move to assigned).
    s.ok("qa", "/api/bugs/assign", &format!("project=SHOP&number=1&assignee={}", dev.0)).await;
    assert_eq!(s.rows().await, strings(&["dev|assigned|qa assigned you SHOP-BUG-1 “Pay by card fails”"]));
    // Assigning it to the same person again tells nobody again.
    s.ok("qa", "/api/bugs/assign", &format!("project=SHOP&number=1&assignee={}", dev.0)).await;
    assert_eq!(s.rows().await.len(), 1);
    s.ok("dev", "/api/bugs/transition", "project=SHOP&number=1&to=in_progress").await;
    // A mention of dev, qa, the commenter, a deactivated member and another tenant's member.
    let body =
        "Look+%40dev%40acme.test+%40qa%40acme.test+%40admin%40acme.test+%40gone%40acme.test+%40other%40other.test";
    s.ok("admin", "/api/bugs/comment", &format!("project=SHOP&number=1&body={body}")).await;
    // Reassigned while in progress: dev2 is told, and no status moved.
    s.ok("admin", "/api/bugs/assign", &format!("project=SHOP&number=1&assignee={}", dev2.0)).await;
    s.ok("dev2", "/api/bugs/transition", "project=SHOP&number=1&to=fixed&note=Done").await;
    s.ok("admin", "/api/bugs/retest", "project=SHOP&number=1&passed=true").await;
    let want = [
        "dev|assigned|qa assigned you SHOP-BUG-1 “Pay by card fails”",
        "qa|status_changed|dev moved SHOP-BUG-1 “Pay by card fails” to In progress",
        "qa|mentioned|admin mentioned you on SHOP-BUG-1 “Pay by card fails”",
        "dev|mentioned|admin mentioned you on SHOP-BUG-1 “Pay by card fails”",
        "dev2|assigned|admin assigned you SHOP-BUG-1 “Pay by card fails”",
        "qa|status_changed|dev2 moved SHOP-BUG-1 “Pay by card fails” to Fixed",
        "qa|status_changed|admin moved SHOP-BUG-1 “Pay by card fails” to Verified",
        "dev2|status_changed|admin moved SHOP-BUG-1 “Pay by card fails” to Verified",
    ];
    let mut got = s.rows().await;
    // The two mentions are written in the order of the members' names (dev before qa).
    got[2..4].sort_by(|a, b| b.cmp(a));
    assert_eq!(got, strings(&want));

    // dev's list, newest first, says who did it and where to go; their stream carries each one.
    let page = s.ok("dev", "/api/notifications/list", "").await;
    let items = page["items"].as_array().unwrap();
    assert_eq!((items.len(), page["unread"].as_i64(), &page["next"]), (2, Some(2), &Value::Null));
    assert_eq!(items[1]["kind"], "assigned");
    assert_eq!(
        (items[1]["subject"].as_str(), items[1]["href"].as_str()),
        (Some("SHOP-BUG-1"), Some("/projects/SHOP/bugs/1"))
    );
    assert_eq!((items[1]["actor"].as_str(), items[1]["read"].as_bool()), (Some("qa"), Some(false)));
    let mut c = s.app.db.db.acquire().await.unwrap();
    let streamed = |evs: Vec<events::Event>| -> Vec<Value> {
        evs.into_iter()
            .filter(|e| e.kind == "notification")
            .map(|e| serde_json::from_str(&e.data).unwrap())
            .map(undated)
            .collect()
    };
    let devs = streamed(events::after(&mut c, s.acme, dev, start).await.unwrap());
    assert_eq!(
        devs,
        [undated(items[1].clone()), undated(items[0].clone())],
        "dev's stream has dev's notifications as listed"
    );
    let mgr = s.id("mgr").await;
    assert!(streamed(events::after(&mut c, s.acme, mgr, start).await.unwrap()).is_empty(), "nobody else's");
    let qas = streamed(events::after(&mut c, s.acme, qa, start).await.unwrap());
    assert_eq!(qas.len(), 4, "qa's own four");
    assert!(qas.iter().all(|n| n["text"].as_str().unwrap().contains("SHOP-BUG-1")));
    let other = s.id("other").await;
    assert!(streamed(events::after(&mut c, s.other, other, 0).await.unwrap()).is_empty());
}

#[tokio::test]
async fn settings_decide_the_channels_and_default_to_no_email_for_status_changes() {
    let mut s = setup().await;
    let dev = s.id("dev").await;
    let defaults = s.ok("dev", "/api/notifications/settings", "").await;
    let flags = |v: &Value| -> Vec<(String, bool, bool)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (x["kind"].as_str().unwrap().to_owned(), x["in_app"].as_bool().unwrap(), x["email"].as_bool().unwrap())
            })
            .collect()
    };
    let own = |k: &str, a: bool, e: bool| (k.to_owned(), a, e);
    assert_eq!(
        flags(&defaults),
        [own("assigned", true, true), own("mentioned", true, true), own("status_changed", true, false)]
    );
    // Not in the app for assignments; no email for mentions; email for status changes.
    let form = "settings[0][kind]=assigned&settings[0][in_app]=false&settings[0][email]=true\
                &settings[1][kind]=status_changed&settings[1][in_app]=true&settings[1][email]=true\
                &settings[2][kind]=mentioned&settings[2][in_app]=true&settings[2][email]=false";
    let saved = s.ok("dev", "/api/notifications/settings/save", form).await;
    let want = [own("assigned", false, true), own("mentioned", true, false), own("status_changed", true, true)];
    assert_eq!(flags(&saved), want, "in NoticeKind::ALL order");
    assert_eq!(flags(&s.ok("dev", "/api/notifications/settings", "").await), want);
    assert_eq!(flags(&s.ok("qa", "/api/notifications/settings", "").await), flags(&defaults), "only dev's changed");
    let twice = "settings[0][kind]=assigned&settings[0][in_app]=true&settings[0][email]=true\
                 &settings[1][kind]=assigned&settings[1][in_app]=false&settings[1][email]=false";
    assert_eq!(s.call("dev", "/api/notifications/settings/save", twice).await.status, 422);

    s.ok("dev", "/api/bugs/create", "project=SHOP&input[title]=Crash").await;
    s.ok("qa", "/api/bugs/assign", &format!("project=SHOP&number=1&assignee={}", dev.0)).await;
    assert!(s.rows().await.is_empty(), "assignment: no row for dev (in_app off)");
    assert_eq!(s.outbox().await, strings(&["dev@acme.test|[Casebook] SHOP-BUG-1 assigned to you"]));
    let body = s.app.scalar_text("SELECT body FROM outbox ORDER BY id DESC LIMIT 1").await.unwrap();
    assert!(body.contains("qa assigned you SHOP-BUG-1 “Crash”"), "{body}");
    assert!(body.contains(&format!("{}/projects/SHOP/bugs/1", crate::support::ORIGIN)), "an absolute link: {body}");
    s.ok("qa", "/api/bugs/comment", "project=SHOP&number=1&body=%40dev%40acme.test+look").await;
    assert_eq!(s.rows().await, strings(&["dev|mentioned|qa mentioned you on SHOP-BUG-1 “Crash”"]));
    assert_eq!(s.outbox().await.len(), 1, "mention: no email for dev (email off)");
    // dev (reporter) hears of qa's move by email too; qa (default) would not be emailed.
    s.ok("qa", "/api/bugs/transition", "project=SHOP&number=1&to=wont_fix&note=By+design").await;
    assert_eq!(s.rows().await.last().unwrap(), "dev|status_changed|qa moved SHOP-BUG-1 “Crash” to Won't fix");
    assert_eq!(s.outbox().await.last().unwrap(), "dev@acme.test|[Casebook] SHOP-BUG-1 changed status");
    s.ok("dev", "/api/bugs/create", "project=SHOP&input[title]=Slow").await;
    s.ok("qa", "/api/bugs/assign", &format!("project=SHOP&number=2&assignee={}", s.id("admin").await.0)).await;
    s.ok("admin", "/api/bugs/comment", "project=SHOP&number=2&body=%40qa%40acme.test").await;
    s.ok("admin", "/api/bugs/transition", "project=SHOP&number=2&to=in_progress").await;
    let outbox = s.outbox().await;
    assert_eq!(outbox.iter().filter(|m| m.starts_with("qa@")).count(), 1, "qa: the mention only: {outbox:?}");
}

/// A notification without its time (the database keeps microseconds, the event has them all).
fn undated(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("created_at");
    v
}
