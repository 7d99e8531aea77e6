//! Saved case lists: a selection saved under a name (a taken name refused unless replacing),
//! listed with how many of its cases still exist, planned into a run in its order, and deleted.
use super::setup;

#[tokio::test]
async fn a_saved_list_plans_a_run_of_its_cases_in_order() {
    let mut s = setup().await;
    let save = |name: &str, cases: &[i64], replace: bool| {
        let mut form = format!("project=SHOP&input[name]={name}&input[replace]={replace}");
        for (i, c) in cases.iter().enumerate() {
            form.push_str(&format!("&input[cases][{i}]={c}"));
        }
        form
    };
    let saved = s.app.call_with(&mut s.qa, "/api/case_lists/save", &save("Smoke", &[2, 1, 2, 99], false)).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let saved = saved.json();
    assert_eq!(
        (saved["name"].as_str(), saved["cases"].as_i64()),
        (Some("Smoke"), Some(2)),
        "repeats and unknown numbers are skipped"
    );
    let id = saved["id"].as_i64().unwrap();

    // A taken name is refused on the name field, unless replacing; nothing of the list changes.
    let taken = s.app.call_with(&mut s.qa, "/api/case_lists/save", &save(" Smoke ", &[1], false)).await;
    assert_eq!(taken.status, 422, "{}", taken.body);
    assert!(taken.body.contains("name") && taken.body.contains("already"), "{}", taken.body);
    let nothing = s.app.call_with(&mut s.qa, "/api/case_lists/save", &save("Empty", &[98, 99], false)).await;
    assert_eq!(nothing.status, 422, "{}", nothing.body);
    assert_eq!(s.app.count("SELECT COUNT(*) FROM case_lists").await, 1, "a list of no existing case is not kept");
    let lists = s.app.call_with(&mut s.dev, "/api/case_lists/list", "project=SHOP").await;
    assert_eq!(lists.status, 200, "developers read lists: {}", lists.body);
    assert_eq!(lists.json()[0]["cases"], 2);
    assert_eq!(s.app.call_with(&mut s.dev, "/api/case_lists/save", &save("Dev", &[1], false)).await.status, 403);

    // A run from the list takes its cases in the list's order.
    let run = s
        .app
        .call_with(&mut s.qa, "/api/runs/create", &format!("project=SHOP&input[name]=From+list&input[list]={id}"))
        .await;
    assert_eq!(run.status, 200, "{}", run.body);
    let got = s.app.call_with(&mut s.qa, "/api/runs/get", "project=SHOP&number=1").await.json();
    let numbers: Vec<i64> = got[1].as_array().unwrap().iter().map(|c| c["number"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [2, 1]);

    // Replacing keeps the id; a deleted case leaves the list.
    let replaced = s.app.call_with(&mut s.admin, "/api/case_lists/save", &save("Smoke", &[1, 2], true)).await;
    assert_eq!((replaced.status, replaced.json()["id"].as_i64()), (200, Some(id)), "{}", replaced.body);
    assert_eq!(s.app.call_with(&mut s.admin, "/api/cases/delete", "project=SHOP&numbers[0]=2").await.status, 200);
    assert_eq!(s.app.call_with(&mut s.qa, "/api/case_lists/list", "project=SHOP").await.json()[0]["cases"], 1);

    // Deleted, the list is gone for the run form too: a field error, not a run of nothing.
    assert_eq!(
        s.app.call_with(&mut s.qa, "/api/case_lists/delete", &format!("project=SHOP&id={id}")).await.status,
        200
    );
    assert_eq!(
        s.app.call_with(&mut s.qa, "/api/case_lists/delete", &format!("project=SHOP&id={id}")).await.status,
        404
    );
    let gone = s
        .app
        .call_with(&mut s.qa, "/api/runs/create", &format!("project=SHOP&input[name]=Again&input[list]={id}"))
        .await;
    assert_eq!(gone.status, 422, "{}", gone.body);
    assert!(gone.body.contains("list"), "{}", gone.body);
    assert_eq!(s.app.count("SELECT COUNT(*) FROM case_list_items").await, 0);
    assert_eq!(
        s.app.count("SELECT COUNT(*) FROM audit_events WHERE action IN ('case_list_saved', 'case_list_deleted')").await,
        3
    );
}
