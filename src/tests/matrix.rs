//! The permission matrix: every server function and endpoint, called as an anonymous visitor, as
//! each role, and as an admin of another organization. An endpoint without a row fails the test.
use crate::support::{Jar, TestApp};
use app::{
    auth::permissions::{allows, Permission},
    users::model::Role,
};
use std::collections::BTreeSet;

/// Who may call an endpoint.
#[derive(Clone, Copy, Debug)]
enum Access {
    Anyone,
    Member,
    Needs(Permission),
}

struct Row {
    path: &'static str,
    /// The form body; `{qa}`, `{dev}`, `{mgr2}` and `{inv}` are ids in the first organization.
    form: &'static str,
    access: Access,
    /// Whether the body names a row of the first organization, so another org's admin must
    /// get 404 for it.
    targets_org_a: bool,
}

const fn row(path: &'static str, form: &'static str, access: Access, targets_org_a: bool) -> Row {
    Row { path, form, access, targets_org_a }
}

fn rows() -> Vec<Row> {
    use Access::*;
    use Permission::*;
    vec![
        row("/api/system/info", "", Anyone, false),
        row("/api/auth/setup", "org_name=X&name=Y&email=z%40x.test&password=correct-horse-battery-7", Anyone, false),
        row("/api/auth/check_email", "email=someone%40x.test", Anyone, false),
        row("/api/auth/login", "email=nobody%40x.test&password=wrong-wrong-wrong", Anyone, false),
        row("/api/auth/me", "", Anyone, false),
        row("/api/auth/request_reset", "email=nobody%40x.test", Anyone, false),
        row("/api/auth/reset_password", "token=bad&password=correct-horse-battery-7", Anyone, false),
        row("/api/invitations/preview", "token=bad", Anyone, false),
        row("/api/invitations/accept", "token=bad&name=X&password=correct-horse-battery-7", Anyone, false),
        row("/api/auth/update_profile", "name=Renamed", Member, false),
        row(
            "/api/auth/change_password",
            "current_password=wrong-wrong-wrong&new_password=brand-new-password-9",
            Member,
            false,
        ),
        row("/api/auth/sessions", "", Member, false),
        row("/api/auth/revoke_session", "id=no-such-session", Member, false),
        row("/api/invitations/create", "email=n{n}%40invited.test&name=N&role=qa", Needs(ManageUsers), false),
        row("/api/invitations/list", "", Needs(ManageUsers), false),
        row("/api/invitations/resend", "id={inv}", Needs(ManageUsers), true),
        row("/api/invitations/revoke", "id=999999", Needs(ManageUsers), false),
        row("/api/users/list", "search=", Needs(ManageUsers), false),
        row("/api/users/members", "", Needs(ViewProjects), false),
        row("/api/users/change_role", "id={qa}&role=qa", Needs(ManageUsers), true),
        row("/api/users/set_active", "id={dev}&active=true", Needs(ManageUsers), true),
        row("/api/users/revoke_sessions", "id={mgr2}", Needs(ManageUsers), true),
        row("/api/audit/list", "filter[action]=&filter[actor]=&filter[from]=&filter[to]=", Needs(ViewAudit), false),
        row("/api/projects/list", "", Needs(ViewProjects), false),
        row("/api/projects/get", "key=ACME", Needs(ViewProjects), true),
        row("/api/projects/create", "input[key]=P{n}&input[name]=New+project", Needs(EditTestArtifacts), false),
        row("/api/projects/update", "key=ACME&input[key]=ACME&input[name]=Acme+shop", Needs(EditTestArtifacts), true),
        row("/api/projects/set_status", "key=ACME&status=active", Needs(EditTestArtifacts), true),
        row("/api/projects/delete", "key=ACME&confirmation=WRONG", Needs(EditTestArtifacts), true),
        row("/api/stories/list", "project=ACME&filter[text]=", Needs(ViewProjects), true),
        row("/api/stories/get", "project=ACME&number=1", Needs(ViewProjects), true),
        row("/api/stories/create", "project=ACME&input[title]=Story+{n}", Needs(EditTestArtifacts), true),
        row("/api/stories/update", "project=ACME&number=1&input[title]=Story+one", Needs(EditTestArtifacts), true),
        row("/api/stories/delete", "project=ACME&number=999999", Needs(EditTestArtifacts), true),
        row("/api/stories/bulk_update", "project=ACME&ids[0]={story}&status=to_do", Needs(EditTestArtifacts), true),
        row("/api/stories/add_criterion", "project=ACME&number=1&text=Also+this", Needs(EditTestArtifacts), true),
        row("/api/stories/edit_criterion", "id={crit}&done=true", Needs(EditTestArtifacts), true),
        row("/api/stories/delete_criterion", "id=999999", Needs(EditTestArtifacts), false),
        row("/api/imports/upload", "MULTIPART", Needs(EditTestArtifacts), true),
        row("/api/imports/preview", "id={job}&fields[0]=title", Needs(EditTestArtifacts), true),
        row("/api/imports/start", "id={job}&fields[0]=title", Needs(EditTestArtifacts), true),
        row("/api/imports/status", "id={job}", Needs(ViewProjects), true),
        row("/api/cases/list", "project=ACME&filter[text]=&offset=0", Needs(ViewProjects), true),
        row("/api/cases/count", "project=ACME&filter[text]=", Needs(ViewProjects), true),
        row("/api/cases/get", "project=ACME&number=1", Needs(ViewProjects), true),
        row("/api/cases/create", "project=ACME&input[title]=Case+{n}", Needs(EditTestArtifacts), true),
        row(
            "/api/cases/update",
            "project=ACME&number=1&input[title]=Case+one&revision=0",
            Needs(EditTestArtifacts),
            true,
        ),
        row("/api/cases/clone", "project=ACME&number=1", Needs(EditTestArtifacts), true),
        row("/api/cases/delete", "project=ACME&numbers[0]=999999", Needs(EditTestArtifacts), true),
        row(
            "/api/cases/bulk_update",
            "project=ACME&numbers[0]=1&change[add_tags]=m{n}",
            Needs(EditTestArtifacts),
            true,
        ),
        row("/api/cases/revisions", "project=ACME&number=1", Needs(ViewProjects), true),
        row("/api/cases/diff", "project=ACME&number=1&from=1&to=1", Needs(ViewProjects), true),
        row("/api/cases/restore", "project=ACME&number=1&revision=1", Needs(EditTestArtifacts), true),
        row("/api/cases/import", "MULTIPART_FEATURE", Needs(EditTestArtifacts), true),
        row("/api/search", "q=case", Needs(ViewProjects), false),
        // Last: these end the caller's session.
        row("/api/auth/logout_everywhere", "", Member, false),
        row("/api/auth/logout", "", Anyone, false),
    ]
}

/// The REST endpoints, called with GET: path, permission, and whether it names a row of the
/// first organization (another organization's admin must then get 404).
const REST: [(&str, Permission, bool); 6] = [
    ("/api/v1/audit.csv", Permission::ViewAudit, false),
    ("/api/v1/imports/{job}/rejects.csv", Permission::ViewProjects, true),
    ("/api/v1/import-template.csv", Permission::ViewProjects, false),
    ("/api/v1/import-template.xlsx", Permission::ViewProjects, false),
    ("/api/v1/projects/ACME/cases.zip", Permission::ViewProjects, true),
    ("/api/v1/projects/ACME/cases/1.feature", Permission::ViewProjects, true),
];

fn allowed(access: Access, role: Option<Role>) -> bool {
    match (access, role) {
        (Access::Anyone, _) => true,
        (_, None) => false,
        (Access::Member, Some(_)) => true,
        (Access::Needs(p), Some(r)) => allows(r, p),
    }
}

#[tokio::test]
async fn every_endpoint_admits_exactly_the_callers_the_table_says() {
    let app = TestApp::new().await;
    let a = app.org("Acme").await;
    let b = app.org("Other").await;
    let roles = [Role::Admin, Role::Qa, Role::Dev, Role::Manager];
    for r in roles {
        app.user(a, r, &format!("{}@acme.test", r.as_str())).await;
    }
    let qa = app.user(a, Role::Qa, "target-qa@acme.test").await;
    let dev = app.user(a, Role::Dev, "target-dev@acme.test").await;
    let mgr2 = app.user(a, Role::Manager, "target-mgr@acme.test").await;
    app.user(b, Role::Admin, "admin@other.test").await;
    let project = app.project(a, "ACME").await;
    let (story, crit) = app.story(a, project, "Story one", &["Works"]).await;
    app.case(a, project, "Case one", "Feature: One\n  Scenario: s\n    Given a step\n").await;
    let mut admin_a = app.sign_in("admin@acme.test").await;
    let inv =
        app.call_with(&mut admin_a, "/api/invitations/create", "email=pending%40acme.test&name=P&role=qa").await.json()
            ["id"]
            .clone();
    let job = app.upload(&mut admin_a, "ACME", "stories.csv", b"Title\nImported\n").await.json()["id"].clone();
    let fill = |form: &str, n: usize| {
        form.replace("{qa}", &qa.0.to_string())
            .replace("{story}", &story.to_string())
            .replace("{crit}", &crit.to_string())
            .replace("{job}", &job.to_string())
            .replace("{dev}", &dev.0.to_string())
            .replace("{mgr2}", &mgr2.0.to_string())
            .replace("{inv}", &inv.to_string())
            .replace("{n}", &n.to_string())
    };

    let mut n = 0;
    let callers: Vec<(String, Option<Role>, Option<&str>)> = std::iter::once(("anonymous".to_owned(), None, None))
        .chain(roles.iter().map(|r| (r.as_str().to_owned(), Some(*r), None)))
        .chain(std::iter::once((
            "admin of another organization".to_owned(),
            Some(Role::Admin),
            Some("admin@other.test"),
        )))
        .collect();
    for (who, role, other_org) in &callers {
        let mut jar = match (role, other_org) {
            (None, _) => Jar::default(),
            (Some(_), Some(email)) => app.sign_in(email).await,
            (Some(r), None) => app.sign_in(&format!("{}@acme.test", r.as_str())).await,
        };
        for row in rows() {
            n += 1;
            let reply = if row.form == "MULTIPART" {
                app.upload(&mut jar, "ACME", "stories.csv", b"Title\nUploaded\n").await
            } else if row.form == "MULTIPART_FEATURE" {
                app.upload_to(&mut jar, row.path, "ACME", "new.feature", b"Feature: Imported\n").await
            } else {
                app.call_with(&mut jar, row.path, &fill(row.form, n)).await
            };
            let refused = matches!(reply.status, 401 | 403);
            let should = allowed(row.access, *role);
            assert_eq!(!refused, should, "{} as {who}: got {} {}", row.path, reply.status, reply.body);
            if role.is_none() && !should {
                assert_eq!(reply.status, 401, "{} as {who} must be 401", row.path);
            }
            if should && other_org.is_some() && row.targets_org_a {
                assert_eq!(reply.status, 404, "{} as {who} reached another organization: {}", row.path, reply.body);
            }
            if should && other_org.is_some() {
                assert!(
                    !reply.body.contains("@acme.test"),
                    "{} as {who} leaked the other organization: {}",
                    row.path,
                    reply.body
                );
            }
            if row.path.contains("logout") {
                jar = match (role, other_org) {
                    (None, _) => Jar::default(),
                    (Some(_), Some(email)) => app.sign_in(email).await,
                    (Some(r), None) => app.sign_in(&format!("{}@acme.test", r.as_str())).await,
                };
            }
        }
        for (path, p, targets_org_a) in REST {
            let path = fill(path, 0);
            let reply = app.get_with(&mut jar, &path).await;
            let should = role.is_some_and(|r| allows(r, p));
            let expect_ok = should && !(targets_org_a && other_org.is_some());
            assert_eq!(reply.status == 200, expect_ok, "{path} as {who}: {}", reply.status);
            if should && other_org.is_some() && targets_org_a {
                assert_eq!(reply.status, 404, "{path} as {who} reached another organization");
            }
            if should && other_org.is_some() {
                assert!(!reply.body.contains("@acme.test"), "{path} leaked the other organization");
            }
        }
    }
}

#[test]
fn every_server_function_has_a_row_in_the_matrix() {
    let registered: BTreeSet<String> = server_fn::axum::server_fn_paths().map(|(p, _)| p.to_owned()).collect();
    let listed: BTreeSet<String> = rows().iter().map(|r| r.path.to_owned()).collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    assert!(missing.is_empty(), "server functions without a row in the permission matrix: {missing:?}");
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(stale.is_empty(), "matrix rows for server functions that do not exist: {stale:?}");
}
