//! Each person's list, count and marks: keyset pages of 30, unread only, marking by id (never
//! another person's) or all, at most 200 ids a call, nothing across tenants.
use super::*;

fn ids_of(page: &Value) -> Vec<i64> {
    page["items"].as_array().unwrap().iter().map(|n| n["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn the_list_pages_newest_first_by_id_and_can_show_only_the_unread() {
    let s = &mut setup().await;
    let (dev, qa) = (s.id("dev").await, s.id("qa").await);
    let mine = s.seed(s.acme, dev, 65).await;
    let theirs = s.seed(s.acme, qa, 2).await;
    let newest: Vec<i64> = mine.iter().rev().copied().collect();
    let first = s.ok("dev", "/api/notifications/list", "").await;
    assert_eq!(ids_of(&first), newest[..30]);
    assert_eq!((first["next"].as_i64(), first["unread"].as_i64()), (Some(newest[29]), Some(65)));
    let second = s.ok("dev", "/api/notifications/list", &format!("before={}", newest[29])).await;
    assert_eq!(ids_of(&second), newest[30..60]);
    let third = s.ok("dev", "/api/notifications/list", &format!("before={}", second["next"])).await;
    assert_eq!((ids_of(&third), &third["next"]), (newest[60..].to_vec(), &Value::Null));
    assert_eq!(ids_of(&s.ok("qa", "/api/notifications/list", "").await), [theirs[1], theirs[0]]);

    // Read the newest 10 and one in the middle: the unread list skips them.
    let read: Vec<i64> = newest[..10].iter().chain([&newest[40]]).copied().collect();
    let form: Vec<String> = read.iter().enumerate().map(|(i, id)| format!("ids[{i}]={id}")).collect();
    assert_eq!(s.ok("dev", "/api/notifications/read", &form.join("&")).await, 54);
    let unread = s.ok("dev", "/api/notifications/list", "unread_only=true").await;
    assert_eq!(ids_of(&unread), newest[10..40]);
    assert_eq!(unread["unread"], 54);
    let rest = s.ok("dev", "/api/notifications/list", &format!("unread_only=true&before={}", unread["next"])).await;
    let want: Vec<i64> = newest[41..].to_vec();
    assert_eq!((ids_of(&rest), &rest["next"]), (want, &Value::Null));
    let all = s.ok("dev", "/api/notifications/list", "").await;
    assert_eq!(all["items"][0]["read"], true);
    assert_eq!(all["items"][10]["read"], false);
    assert_eq!(s.ok("dev", "/api/notifications/unread", "").await, 54);
}

#[tokio::test]
async fn marking_read_touches_only_the_callers_own_and_takes_at_most_200_ids() {
    let s = &mut setup().await;
    let (dev, qa) = (s.id("dev").await, s.id("qa").await);
    let mine = s.seed(s.acme, dev, 3).await;
    let theirs = s.seed(s.acme, qa, 2).await;
    let form = format!("ids[0]={}&ids[1]={}", mine[0], theirs[0]);
    assert_eq!(s.ok("dev", "/api/notifications/read", &form).await, 2, "dev's own unread after");
    assert_eq!(s.ok("qa", "/api/notifications/unread", "").await, 2, "qa's untouched");
    let qas = s.ok("qa", "/api/notifications/list", "").await;
    assert!(qas["items"].as_array().unwrap().iter().all(|n| n["read"] == false));
    // Too many ids: refused before anything is touched; 200 pass.
    let many = |n: i64| (0..n).map(|i| format!("ids[{i}]={}", mine[1] + i * 1000)).collect::<Vec<_>>().join("&");
    let refused = s.call("dev", "/api/notifications/read", &many(201)).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("ids"), "{}", refused.body);
    assert_eq!(s.ok("dev", "/api/notifications/unread", "").await, 2);
    assert_eq!(s.ok("dev", "/api/notifications/read", &many(200)).await, 1, "mine[1] was among them");
    assert_eq!(s.ok("dev", "/api/notifications/read", "all=true").await, 0);
    assert_eq!(s.ok("qa", "/api/notifications/unread", "").await, 2, "all is the caller's all");
    assert_eq!(s.ok("dev", "/api/notifications/read", "").await, 0, "nothing named: nothing marked");
}

#[tokio::test]
async fn another_organization_never_reaches_these_notifications() {
    let s = &mut setup().await;
    let dev = s.id("dev").await;
    let other = s.id("other").await;
    let acme = s.seed(s.acme, dev, 2).await;
    let theirs = s.seed(s.other, other, 1).await;
    let page = s.ok("other", "/api/notifications/list", "").await;
    assert_eq!((ids_of(&page), page["unread"].as_i64()), (theirs.clone(), Some(1)));
    let form = format!("ids[0]={}&ids[1]={}", acme[0], acme[1]);
    assert_eq!(s.ok("other", "/api/notifications/read", &form).await, 1);
    assert_eq!(s.ok("other", "/api/notifications/read", "all=true").await, 0);
    assert_eq!(s.ok("dev", "/api/notifications/unread", "").await, 2, "Acme's untouched");
    // A row that names another organization's member is never listed for them either.
    let stray = s.seed(s.other, dev, 1).await;
    assert_eq!(ids_of(&s.ok("dev", "/api/notifications/list", "").await), [acme[1], acme[0]], "not {stray:?}");
    assert_eq!(s.call("anonymous", "/api/notifications/unread", "").await.status, 401);
}
