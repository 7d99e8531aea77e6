//! Who is left out, and how the email leaves: a member deactivated since is told nothing, and a
//! notice's email goes to SMTP once the change has committed.
use super::*;

#[tokio::test]
async fn a_member_deactivated_since_is_told_nothing_on_any_channel() {
    let mut s = setup().await;
    let dev = s.id("dev").await;
    // dev2 reports and wants status changes by email too.
    let form = "settings[0][kind]=status_changed&settings[0][in_app]=true&settings[0][email]=true";
    s.ok("dev2", "/api/notifications/settings/save", form).await;
    s.ok("dev2", "/api/bugs/create", "project=SHOP&input[title]=Crash").await;
    s.ok("qa", "/api/bugs/assign", &format!("project=SHOP&number=1&assignee={}", dev.0)).await;
    let told = [
        "dev|assigned|qa assigned you SHOP-BUG-1 “Crash”",
        "dev2|status_changed|qa moved SHOP-BUG-1 “Crash” to Assigned",
    ];
    assert_eq!(s.rows().await, strings(&told));
    let mailed =
        ["dev@acme.test|[Casebook] SHOP-BUG-1 assigned to you", "dev2@acme.test|[Casebook] SHOP-BUG-1 changed status"];
    assert_eq!(s.outbox().await, strings(&mailed));
    // dev2 leaves; the reporter of the bug is no longer told of its moves.
    s.app.sql("UPDATE users SET is_active = FALSE WHERE email = 'dev2@acme.test'").await;
    s.ok("dev", "/api/bugs/transition", "project=SHOP&number=1&to=in_progress").await;
    assert_eq!(s.rows().await, strings(&told), "no row for the deactivated reporter");
    assert_eq!(s.outbox().await, strings(&mailed), "no email either");
}

#[tokio::test]
async fn the_email_is_handed_to_smtp_after_the_change_commits() {
    let (app, inbox) = TestApp::with_inbox().await;
    let mut s = setup_on(app).await;
    let dev = s.id("dev").await;
    s.ok("qa", "/api/bugs/create", "project=SHOP&input[title]=Pay+by+card+fails").await;
    s.ok("qa", "/api/bugs/assign", &format!("project=SHOP&number=1&assignee={}", dev.0)).await;
    let got = inbox.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].rcpt, ["dev@acme.test"]);
    assert!(got[0].data.contains("Subject: [Casebook] SHOP-BUG-1 assigned to you"), "{}", got[0].data);
    let link = format!("{}/projects/SHOP/bugs/1", crate::support::ORIGIN);
    assert!(got[0].text().contains(&link), "{}", got[0].text());
    let sent = "SELECT COUNT(*) FROM outbox WHERE to_email = 'dev@acme.test' AND sent_at IS NOT NULL AND body = ''";
    assert_eq!(s.app.count(sent).await, 1, "recorded as sent");
}
