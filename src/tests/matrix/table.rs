//! The table: every server function and REST route, how the sweep calls it, who may call it, and
//! what an allowed caller of each organization must get back.
use app::{
    auth::permissions::{allows, Permission},
    users::model::Role,
};

/// Who may call an endpoint (docs/permissions.md, "Endpoints").
#[derive(Clone, Copy, Debug)]
pub enum Access {
    Anyone,
    Member,
    Needs(Permission),
}

impl Access {
    /// Whether a caller with `role` (None: anonymous) may call it.
    pub fn admits(self, role: Option<Role>) -> bool {
        match (self, role) {
            (Access::Anyone, _) => true,
            (_, None) => false,
            (Access::Member, Some(_)) => true,
            (Access::Needs(p), Some(r)) => allows(r, p),
        }
    }
}

/// How the sweep calls a row. Templates name the first organization's objects by placeholder
/// (`{story}`, `{case}`, `{crit}`, …; see `Fixture::fill`); `{n}` is unique per call.
#[derive(Clone, Copy, Debug)]
pub enum Call {
    /// A server function: POST of this URL-encoded form.
    Form(&'static str),
    /// A multipart server function: `project=SHOP` and one file (name, content).
    Upload(&'static str, &'static str),
    /// A REST route: GET of this path.
    Get(&'static str),
    /// A REST upload: multipart POST of one file (name, content) to this path.
    Post(&'static str, (&'static str, &'static str)),
    /// A server function taking JSON: POST of this body.
    Json(&'static str),
}

#[derive(Clone, Copy, Debug)]
pub struct Row {
    /// The server function's path, or the REST route's pattern as the router has it: the key the
    /// completeness checks compare (several rows may probe one endpoint).
    pub path: &'static str,
    pub call: Call,
    pub access: Access,
    /// The status an allowed caller of organization A gets (its own objects).
    pub own: u16,
    /// The status an allowed caller of organization B gets (A's ids under B's own project SHOP),
    /// and an anonymous caller of an `Anyone` row.
    pub other: u16,
    /// The call uses up what it names (a delete, a start, a save over a revision): only the first
    /// allowed caller of each organization gets `own`/`other`, later ones must not be refused.
    pub once: bool,
    /// The answer carries the data it names: A's first allowed caller must find A's secrets in
    /// it, so the leak check reads answers that would leak.
    pub shows: bool,
    /// And B's first allowed caller finds B's own data in it: B's project really resolved.
    pub shows_b: bool,
}

impl Row {
    fn once(mut self) -> Row {
        self.once = true;
        self
    }

    fn shows(mut self) -> Row {
        self.shows = true;
        self
    }

    fn shows_both(mut self) -> Row {
        self.shows = true;
        self.shows_b = true;
        self
    }
}

fn json(path: &'static str, body: &'static str, access: Access, own: u16, other: u16) -> Row {
    Row { call: Call::Json(body), ..form(path, "", access, own, other) }
}

fn form(path: &'static str, form: &'static str, access: Access, own: u16, other: u16) -> Row {
    Row { path, call: Call::Form(form), access, own, other, once: false, shows: false, shows_b: false }
}

fn upload(path: &'static str, file: (&'static str, &'static str), access: Access, own: u16, other: u16) -> Row {
    Row { path, call: Call::Upload(file.0, file.1), access, own, other, once: false, shows: false, shows_b: false }
}

fn rest(route: &'static str, path: &'static str, access: Access, own: u16, other: u16) -> Row {
    Row { path: route, call: Call::Get(path), access, own, other, once: false, shows: false, shows_b: false }
}

fn rest_upload(route: &'static str, path: &'static str, file: (&'static str, &'static str), access: Access) -> Row {
    Row { call: Call::Post(path, file), ..rest(route, path, access, 200, 404) }
}

/// Every row, in the order the sweep calls them: reads and edits first, then the calls that use
/// up A's objects (deletes), then the ones that end the caller's session.
pub fn rows() -> Vec<Row> {
    use Access::*;
    use Permission::*;
    const EDIT: Access = Needs(EditTestArtifacts);
    const VIEW: Access = Needs(ViewProjects);
    const USERS: Access = Needs(ManageUsers);
    const BUGS: Access = Needs(ReportBugs);
    const NOTICES: Access = Needs(ReceiveNotifications);
    let mut rows = vec![
        form("/api/system/info", "", Anyone, 200, 200),
        form(
            "/api/auth/setup",
            "org_name=X&name=Y&email=z%40x.test&password=correct-horse-battery-7",
            Anyone,
            404,
            404,
        ),
        form("/api/auth/check_email", "email=someone%40x.test", Anyone, 200, 200),
        form("/api/auth/login", "email=nobody{n}%40x.test&password=wrong-wrong-wrong", Anyone, 422, 422),
        form("/api/auth/me", "", Anyone, 200, 200),
        form("/api/auth/request_reset", "email=nobody{n}%40x.test", Anyone, 200, 200),
        form("/api/auth/reset_password", "token=bad&password=correct-horse-battery-7", Anyone, 409, 409),
        form("/api/invitations/preview", "token=bad", Anyone, 404, 404),
        form("/api/invitations/accept", "token=bad&name=X&password=correct-horse-battery-7", Anyone, 404, 404),
        form("/api/auth/update_profile", "name=Renamed", Member, 200, 200),
        form(
            "/api/auth/change_password",
            "current_password=wrong-wrong-wrong&new_password=brand-new-password-9",
            Member,
            422,
            422,
        ),
        form("/api/auth/sessions", "", Member, 200, 200),
        // Another member's session (A's target-mgr): nobody but its owner may end it.
        form("/api/auth/revoke_session", "id={sess}", Member, 404, 404),
        form("/api/invitations/create", "email=n{n}%40invited.test&name=N&role=qa", USERS, 200, 200),
        form("/api/invitations/list", "", USERS, 200, 200).shows_both(),
        form("/api/invitations/resend", "id={inv}", USERS, 200, 404),
        form("/api/users/list", "search=", USERS, 200, 200).shows_both(),
        form("/api/users/members", "", VIEW, 200, 200).shows_both(),
        form("/api/users/change_role", "id={qa}&role=admin", USERS, 200, 404),
        form("/api/users/set_active", "id={dev}&active=false", USERS, 200, 404),
        form("/api/users/revoke_sessions", "id={mgr2}", USERS, 200, 404),
        form("/api/audit/list", "filter[action]=&filter[actor]=&filter[from]=&filter[to]=", Needs(ViewAudit), 200, 200)
            .shows_both(),
        form("/api/projects/list", "", VIEW, 200, 200).shows_both(),
        form("/api/projects/get", "key=SHOP", VIEW, 200, 200).shows_both(),
        form("/api/projects/create", "input[key]=P{n}&input[name]=New+project", EDIT, 200, 200),
        form("/api/projects/update", "key=SHOP&input[key]=SHOP&input[name]=Shop+renamed", EDIT, 200, 200),
        form("/api/projects/set_status", "key=SHOP&status=active", EDIT, 200, 200),
        form("/api/stories/list", "project=SHOP&filter[text]=", VIEW, 200, 200).shows_both(),
        form("/api/stories/get", "project=SHOP&number={story}", VIEW, 200, 404).shows(),
        form("/api/stories/create", "project=SHOP&input[title]=Story+{n}", EDIT, 200, 200),
        // B may not assign its story to A's admin.
        form("/api/stories/create", "project=SHOP&input[title]=Assigned+{n}&input[assignee]={admin}", EDIT, 200, 422),
        form(
            "/api/stories/update",
            "project=SHOP&number={story}&input[title]=ALPHA-SECRET-TITLE+edited",
            EDIT,
            200,
            404,
        ),
        form("/api/stories/bulk_update", "project=SHOP&ids[0]={story_id}&status=to_do", EDIT, 200, 200),
        form("/api/stories/bulk_update", "project=SHOP&ids[0]={story_id}&assignee={admin}", EDIT, 200, 422),
        form(
            "/api/stories/add_criterion",
            "project=SHOP&number={story}&text=ALPHA-SECRET-CRITERION+added",
            EDIT,
            200,
            404,
        ),
        form("/api/stories/edit_criterion", "id={crit}&text=ALPHA-SECRET-CRITERION+edited&done=true", EDIT, 200, 404),
        upload("/api/imports/upload", ("stories.csv", "Title\nUploaded\n"), EDIT, 200, 200),
        form("/api/imports/preview", "id={job}&fields[0]=title", EDIT, 200, 404).shows(),
        form("/api/imports/status", "id={job}", VIEW, 200, 404),
        form("/api/imports/start", "id={job}&fields[0]=title", EDIT, 200, 404).once(),
        // B may not map a name of its own import to A's admin (nor may A touch B's import).
        form(
            "/api/imports/start",
            "id={b_job}&fields[0]=title&fields[1]=assignee&assignees[0][name]=Ghost&assignees[0][user_id]={admin}",
            EDIT,
            404,
            422,
        ),
        form("/api/cases/list", "project=SHOP&filter[text]=&offset=0", VIEW, 200, 200).shows_both(),
        form("/api/cases/count", "project=SHOP&filter[text]=", VIEW, 200, 200),
        form("/api/cases/get", "project=SHOP&number={case}", VIEW, 200, 404).shows(),
        form("/api/cases/of_story", "project=SHOP&number={story}", VIEW, 200, 404).shows(),
        form("/api/projects/overview", "key=SHOP", VIEW, 200, 200).shows_both(),
        form("/api/visits/record", "kind=case&project=SHOP&number={case}", VIEW, 200, 404),
        form("/api/visits/record", "kind=story&project=SHOP&number={story}", VIEW, 200, 404),
        form("/api/visits/recent", "", VIEW, 200, 200).shows(),
        // Notifications: each member's own. {notice} is A's qa's (a mention): from B, or from A's
        // other members, marking it changes nothing.
        form("/api/notifications/list", "", NOTICES, 200, 200),
        form("/api/notifications/list", "before={notice}&unread_only=true", NOTICES, 200, 200),
        form("/api/notifications/unread", "", NOTICES, 200, 200),
        form("/api/notifications/read", "ids[0]={notice}", NOTICES, 200, 200),
        form("/api/notifications/read", "all=true", NOTICES, 200, 200),
        form("/api/notifications/settings", "", NOTICES, 200, 200),
        form(
            "/api/notifications/settings/save",
            "settings[0][kind]=status_changed&settings[0][in_app]=true&settings[0][email]=true",
            NOTICES,
            200,
            200,
        ),
        // Jobs: each member sees their own, admins the organization's (A's job is its admin's).
        form("/api/jobs/list", "", Member, 200, 200).shows(),
        form("/api/coverage/get", "key=SHOP", VIEW, 200, 200).shows_both(),
        form("/api/runs/list", "project=SHOP", VIEW, 200, 200).shows(),
        form("/api/runs/get", "project=SHOP&number=1", VIEW, 200, 404).shows(),
        form("/api/runs/execution", "project=SHOP&number=1&case={case}", VIEW, 200, 404).shows(),
        form("/api/runs/case_history", "project=SHOP&case={case}", VIEW, 200, 200).shows(),
        form("/api/runs/create", "project=SHOP&input[name]=Matrix+{n}&input[cases][0]={case}", EDIT, 200, 422),
        form("/api/runs/start", "project=SHOP&number=2", EDIT, 200, 404).once(),
        json(
            "/api/runs/record",
            r#"{"project":"SHOP","number":1,"ops":[{"id":"op-{n}","at":"2026-12-01T10:00:00Z","case":{case},"kind":"mark","scenario":0,"step":0,"status":"passed"}]}"#,
            EDIT,
            200,
            404,
        ),
        form("/api/runs/complete", "project=SHOP&number=1", EDIT, 200, 404).once(),
        form("/api/runs/reopen", "project=SHOP&number=1", Needs(ManageOrg), 200, 404).once(),
        form("/api/runs/assign", "project=SHOP&number=2&cases[0]={case}&assignee=", EDIT, 200, 404),
        form("/api/runs/assigned", "", VIEW, 200, 200),
        form("/api/case_lists/list", "project=SHOP", VIEW, 200, 200).shows(),
        form("/api/case_lists/save", "project=SHOP&input[name]=Matrix+{n}&input[cases][0]={case}", EDIT, 200, 422),
        form("/api/runs/create", "project=SHOP&input[name]=From+list+{n}&input[list]={list}", EDIT, 200, 422),
        form("/api/case_lists/delete", "project=SHOP&id={list}", EDIT, 200, 404).once(),
        form("/api/bugs/list", "project=SHOP&filter[case]={case}&filter[open]=true", VIEW, 200, 200).shows(),
        form("/api/evidence/list", "project=SHOP&number=1&case={case}", VIEW, 200, 404).shows(),
        form("/api/bugs/list", "project=SHOP&filter[text]=", VIEW, 200, 200).shows_both(),
        form("/api/bugs/get", "project=SHOP&number={bug}", VIEW, 200, 404).shows(),
        form("/api/bugs/prefill", "project=SHOP&run=1&case={case}&scenario=0&step=0", BUGS, 200, 404).shows(),
        form("/api/bugs/create", "project=SHOP&input[title]=Bug+{n}", BUGS, 200, 200),
        // B may not link its bug to A's story, case or run.
        form("/api/bugs/create", "project=SHOP&input[title]=Linked+{n}&input[story]={story}&input[case]={case}", BUGS, 200, 422),
        form("/api/bugs/create", "project=SHOP&input[title]=Found+{n}&input[run]=1&input[case]={case}", BUGS, 200, 422),
        // A's developer reported {bug}: they edit it as QA and admins do.
        form("/api/bugs/update", "project=SHOP&number={bug}&input[title]=ALPHA-SECRET-BUG+edited", BUGS, 200, 404).shows(),
        form("/api/bugs/assign", "project=SHOP&number={bug}&assignee={qa}", EDIT, 200, 404).shows(),
        // B may not assign its own bug 1 to A's admin (A's bugs start at 700).
        form("/api/bugs/assign", "project=SHOP&number=1&assignee={admin}", EDIT, 404, 422),
        form("/api/bugs/transition", "project=SHOP&number={bug_move}&to=in_progress", Needs(WorkAssignedBugs), 200, 404)
            .once(),
        form("/api/bugs/retest", "project=SHOP&number={bug_fixed}&passed=false", EDIT, 200, 404).once(),
        form("/api/bugs/comment", "project=SHOP&number={bug}&body=Seen+by+%40target-qa%40alpha.test", BUGS, 200, 404)
            .shows(),
        // B's mention of A's admin, on B's own bug, names nobody (and stores nothing of A's).
        form("/api/bugs/comment", "project=SHOP&number=1&body=Hi+%40admin%40alpha.test", BUGS, 404, 200),
        form("/api/generation/settings", "", Needs(ManageOrg), 200, 200).shows(),
        form("/api/generation/test_connection", "input[kind]=openai&input[base_url]={nowhere}&input[model]=m", Needs(ManageOrg), 422, 422),
        form("/api/generation/save_settings", "input[kind]=openai&input[base_url]={nowhere}&input[model]=m&input[user_per_hour]=50", Needs(ManageOrg), 200, 200),
        form(
            "/api/generation/request",
            "project=SHOP&input[stories][0]={story}&input[cases]=2&input[scenarios]=2&input[kinds][0]=functional&input[language]=en",
            EDIT,
            200,
            404,
        ),
        form("/api/generation/review", "job={gen_job}", EDIT, 200, 404).shows(),
        form("/api/generation/save", "job={gen_job}&verdicts[0][id]={suggestion}&verdicts[0][accept]=true", EDIT, 200, 404).once(),
        form("/api/generation/dismiss", "job={gen_job}", EDIT, 200, 404),
        form("/api/generation/pending", "project=SHOP&number={story}", EDIT, 200, 404),
        form("/api/jobs/get", "id={bg_job}", Member, 200, 404).once().shows(),
        form("/api/cases/create", "project=SHOP&input[title]=Case+{n}", EDIT, 200, 200),
        // B may not link its case to A's story and criterion.
        form(
            "/api/cases/create",
            "project=SHOP&input[title]=Linked+{n}&input[story]={story}&input[criteria][0]={crit}",
            EDIT,
            200,
            422,
        ),
        // Nor link its own story 1 (A's numbers start at 700) to A's criterion.
        form(
            "/api/cases/create",
            "project=SHOP&input[title]=Cross+{n}&input[story]=1&input[criteria][0]={crit}",
            EDIT,
            422,
            200,
        ),
        form(
            "/api/cases/update",
            "project=SHOP&number={case}&input[title]=ALPHA-SECRET-CASE+edited&input[gherkin]={gherkin}&revision=2",
            EDIT,
            200,
            404,
        )
        .once(),
        form("/api/cases/clone", "project=SHOP&number={case}", EDIT, 200, 404),
        form("/api/cases/bulk_update", "project=SHOP&numbers[0]={case}&change[add_tags]=m{n}", EDIT, 200, 200),
        form("/api/cases/revisions", "project=SHOP&number={case}", VIEW, 200, 404),
        form("/api/cases/diff", "project=SHOP&number={case}&from=1&to=2", VIEW, 200, 404).shows(),
        form("/api/cases/restore", "project=SHOP&number={case}&revision=1", EDIT, 200, 404),
        form("/api/search", "q=alpha-secret", VIEW, 200, 200).shows(),
        form("/api/search", "q=SHOP-TC-{case}", VIEW, 200, 200).shows(),
        form("/api/search", "q=SHOP-US-{story}", VIEW, 200, 200).shows(),
    ];
    rows.extend(rest_rows());
    rows.extend([
        // After the REST rows: for A it saves over case {case}, whose export they read.
        upload("/api/cases/import", ("SHOP-TC-{case}-probe.feature", "Feature: Probe\n"), EDIT, 200, 200),
        // A's admin cancels A's queued job; its other members may not (not theirs).
        form("/api/jobs/cancel", "id={bg_job}", Member, 200, 404).once(),
        form("/api/invitations/revoke", "id={inv}", USERS, 200, 404).once(),
        form("/api/stories/delete_criterion", "id={crit2}", EDIT, 200, 404).once(),
        form("/api/stories/delete", "project=SHOP&number={story}", EDIT, 200, 404).once(),
        form("/api/cases/delete", "project=SHOP&numbers[0]={case}", EDIT, 200, 404).once(),
        // After the REST rows, which read it: the uploader (A's admin) deletes A's evidence.
        form("/api/evidence/delete", "project=SHOP&id={evidence}", EDIT, 200, 404).once(),
        form("/api/runs/delete", "project=SHOP&number=2", Needs(ManageOrg), 200, 404).once(),
        // B deletes its own SHOP: A's, with the same key, must stay.
        form("/api/projects/delete", "key=SHOP&confirmation=SHOP", EDIT, 200, 200).once(),
        // Last: these end the caller's session.
        form("/api/auth/logout_everywhere", "", Member, 200, 200),
        form("/api/auth/logout", "", Anyone, 200, 200),
    ]);
    rows
}

/// The REST routes (GET, and the evidence upload).
fn rest_rows() -> Vec<Row> {
    use Access::*;
    use Permission::*;
    const VIEW: Access = Needs(ViewProjects);
    vec![
        rest("/api/v1/audit.csv", "/api/v1/audit.csv", Needs(ViewAudit), 200, 200).shows_both(),
        rest("/api/v1/events", "/api/v1/events?after=0&drain=1", VIEW, 200, 200),
        rest("/api/v1/imports/{id}/rejects.csv", "/api/v1/imports/{job_done}/rejects.csv", VIEW, 200, 404).shows(),
        rest("/api/v1/import-template.csv", "/api/v1/import-template.csv", VIEW, 200, 200),
        rest("/api/v1/import-template.xlsx", "/api/v1/import-template.xlsx", VIEW, 200, 200),
        rest("/api/v1/projects/{key}/cases.zip", "/api/v1/projects/SHOP/cases.zip", VIEW, 200, 200).shows_both(),
        rest("/api/v1/projects/{key}/cases.zip", "/api/v1/projects/SHOP/cases.zip?numbers={case}", VIEW, 200, 200),
        rest("/api/v1/projects/{key}/cases/{file}", "/api/v1/projects/SHOP/cases/{case}.feature", VIEW, 200, 404)
            .shows(),
        // Run 1 is in progress again (reopened above); B's SHOP has no run 1.
        rest_upload(
            "/api/v1/projects/{key}/runs/{number}/cases/{case}/evidence",
            "/api/v1/projects/SHOP/runs/1/cases/{case}/evidence",
            ("matrix-{n}.log", "probe\n"),
            Needs(EditTestArtifacts),
        ),
        rest("/api/v1/evidence/{id}", "/api/v1/evidence/{evidence}", VIEW, 200, 404),
        rest("/api/v1/evidence/{id}/thumb", "/api/v1/evidence/{evidence}/thumb", VIEW, 200, 404),
    ]
}
