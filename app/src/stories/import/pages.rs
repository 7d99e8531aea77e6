//! Importing stories: choose a file, check the detected columns and the first rows with their
//! problems, then import with a progress bar and a download of the rejected rows. A lazy route.
use crate::{
    auth::permissions::Permission,
    error::AppError,
    stories::{
        fields::Field,
        import::{
            api::{import_status, preview_import, start_import, upload_import},
            model::{AssigneeChoice, ImportPreview, ImportStatus, ProblemLevel, RowProblem, UnknownAssignee},
        },
    },
    ui::{
        feedback::{width_tenths, ErrorMessage},
        form::{describe, upload_form, FormError, SECONDARY},
        session::Guard,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{hooks::use_params_map, lazy_route, LazyRoute};

pub struct ImportPage;

#[lazy_route]
impl LazyRoute for ImportPage {
    fn data() -> Self {
        ImportPage
    }

    fn view(this: Self) -> AnyView {
        let ImportPage = this;
        view! { <Title text="Import stories"/><Guard permission=Permission::EditTestArtifacts><Importer/></Guard> }
            .into_any()
    }
}

#[component]
fn Importer() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
    let preview = RwSignal::new(None::<ImportPreview>);
    let status = RwSignal::new(None::<ImportStatus>);
    let error = RwSignal::new(None::<String>);
    let upload = Action::new_local(|data: &web_sys::FormData| upload_import(data.clone().into()));
    Effect::new(move |_| match upload.value().get() {
        Some(Ok(p)) => {
            preview.set(Some(p));
            error.set(None);
        }
        Some(Err(e)) => error.set(Some(describe(&e))),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| match upload_form(&ev, "Choose a spreadsheet or CSV file first.")
    {
        Ok(data) => {
            preview.set(None);
            status.set(None);
            upload.dispatch_local(data);
        }
        Err(message) => error.set(Some(message)),
    };
    view! {
        <p class="text-sm"><a href=move || format!("/projects/{}/stories", key.get()) class="text-indigo-700 underline dark:text-indigo-300">"Back to the stories"</a></p>
        <h1 class="mt-2 text-2xl font-bold tracking-tight">"Import stories"</h1>
        <p class="mt-2 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
            "CSV (comma, semicolon or tab), Excel (xlsx, xls) or OpenDocument (ods), up to 20 MB, 50,000 rows and 200 columns. Rows with an ID update the story with that ID; rows without one become new stories. Start from a template: "
            <a href="/api/v1/import-template.xlsx" class="text-indigo-700 underline dark:text-indigo-300">"Excel template"</a> " · "
            <a href="/api/v1/import-template.csv" class="text-indigo-700 underline dark:text-indigo-300">"CSV template"</a>
        </p>
        <form class="mt-4 flex flex-wrap items-end gap-3" on:submit=on_submit>
            <input type="hidden" name="project" value=move || key.get()/>
            <div>
                <label for="import-file" class="block text-sm font-medium">"Spreadsheet or CSV file"</label>
                <input id="import-file" name="file" type="file" accept=".csv,.tsv,.txt,.xlsx,.xls,.ods" class="mt-1 block text-sm"/>
            </div>
            <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60" disabled=move || upload.pending().get()>
                {move || if upload.pending().get() { "Reading the file…" } else { "Preview" }}
            </button>
        </form>
        <FormError error=error/>
        {move || preview.get().map(|p| view! { <Preview p status/> })}
    }
}

#[component]
fn Preview(p: ImportPreview, status: RwSignal<Option<ImportStatus>>) -> impl IntoView {
    let id = p.id;
    let fields = RwSignal::new(p.columns.iter().map(|c| c.field.clone()).collect::<Vec<_>>());
    let choices = RwSignal::new(choices_of(&p.assignees));
    let current = RwSignal::new(p);
    let error = RwSignal::new(None::<String>);
    let remap = Action::new(move |f: &Vec<String>| preview_import(id, f.clone()));
    let start = Action::new(move |(f, c): &(Vec<String>, Vec<AssigneeChoice>)| start_import(id, f.clone(), c.clone()));
    Effect::new(move |_| match remap.value().get() {
        Some(Ok(p)) => {
            choices.set(choices_of(&p.assignees));
            current.set(p);
            error.set(None);
        }
        Some(Err(e)) => error.set(Some(describe(&e))),
        None => {}
    });
    Effect::new(move |_| match start.value().get() {
        Some(Ok(s)) => status.set(Some(s)),
        Some(Err(e)) => error.set(Some(describe(&e))),
        None => {}
    });
    view! {
        <section aria-labelledby="preview-title" class="mt-8">
            <h2 id="preview-title" class="text-lg font-semibold">{move || format!("Preview of {}", current.read().file_name)}</h2>
            <p role="status" class="mt-1 text-sm">
                {move || { let p = current.read(); format!("{} rows: {} will be imported ({} with warnings), {} have errors and will not be.", p.total_rows, p.valid_rows, p.warning_rows, p.total_rows - p.valid_rows) }}
            </p>
            <h3 class="mt-4 font-medium">"Columns"</h3>
            <div class="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                {move || current.read().columns.iter().enumerate().map(|(i, c)| {
                    let selected = c.field.clone();
                    let label = if c.header.is_empty() { format!("Column {}", i + 1) } else { c.header.clone() };
                    view! {
                        <label class="flex flex-col text-sm">
                            <span class="font-medium">{label}</span>
                            <select class="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900"
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    fields.update(|f| f[i] = v);
                                    remap.dispatch(fields.get_untracked());
                                }>
                                <option value="" selected=selected.is_empty()>"Ignore this column"</option>
                                {Field::ALL.into_iter().map(|f| view! { <option value=f.name() selected=selected == f.name()>{f.label()}</option> }).collect_view()}
                            </select>
                        </label>
                    }
                }).collect_view()}
            </div>
            <h3 class="mt-6 font-medium">"First rows"</h3>
            <div class="mt-2 overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
                <table class="min-w-full text-left text-sm">
                    <thead class="bg-slate-100 dark:bg-slate-800">
                        <tr><th scope="col" class="px-3 py-2">"Line"</th><th scope="col" class="px-3 py-2">"ID"</th><th scope="col" class="px-3 py-2">"Title"</th><th scope="col" class="px-3 py-2">"Criteria"</th><th scope="col" class="px-3 py-2">"Problems"</th></tr>
                    </thead>
                    <tbody class="divide-y divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-900">
                        {move || {
                            let p = current.read();
                            // For rows with problems, show the cells of the ID and Title columns as written.
                            let column = |field: &str| p.columns.iter().position(|c| c.field == field);
                            let (id_col, title_col) = (column("external_id"), column("title"));
                            p.rows.iter().map(|r| {
                            let raw = |col: Option<usize>| col.and_then(|i| r.cells.get(i)).cloned().unwrap_or_default();
                            let (ext, title, criteria) = match &r.draft {
                                Some(d) => (d.external_id.clone().unwrap_or_default(), d.title.clone(), d.criteria.len().to_string()),
                                None => (raw(id_col), raw(title_col), String::new()),
                            };
                            let problems = r.problems.iter().map(|p| {
                                let (class, prefix) = match p.level {
                                    ProblemLevel::Error => ("block text-red-700 dark:text-red-400", "Error: "),
                                    ProblemLevel::Warning => ("block text-amber-800 dark:text-amber-300", "Warning: "),
                                };
                                view! { <span class=class>{format!("{prefix}{}: {}", p.column, p.reason)}</span> }
                            }).collect_view();
                            view! {
                                <tr data-testid="preview-row">
                                    <td class="px-3 py-2">{r.line}</td><td class="px-3 py-2">{ext}</td><td class="px-3 py-2">{title}</td>
                                    <td class="px-3 py-2">{criteria}</td><td class="px-3 py-2">{problems}</td>
                                </tr>
                            }
                        }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <Assignees current choices/>
            <Problems current/>
            <FormError error=error/>
            <Show when=move || status.get().is_none()>
                <button type="button" class="mt-6 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
                    disabled=move || start.pending().get() || current.read().valid_rows == 0
                    on:click=move |_| { start.dispatch((fields.get_untracked(), choices.get_untracked())); }>
                    {move || format!("Import {} rows", current.read().valid_rows)}
                </button>
            </Show>
            {move || status.get().map(|s| view! { <Progress s status/> })}
        </section>
    }
}

fn choices_of(assignees: &[UnknownAssignee]) -> Vec<AssigneeChoice> {
    assignees.iter().map(|a| AssigneeChoice { name: a.name.clone(), user_id: a.user_id }).collect()
}

/// The assignee names of the file that are no member, each with a choice of member or nobody.
#[component]
fn Assignees(current: RwSignal<ImportPreview>, choices: RwSignal<Vec<AssigneeChoice>>) -> impl IntoView {
    let field =
        "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
    move || {
        let p = current.read();
        (!p.assignees.is_empty()).then(|| {
            let items = p.assignees.iter().enumerate().map(|(i, a)| {
                let id = format!("assignee-{i}");
                let rows = if a.rows == 1 { "1 row".to_owned() } else { format!("{} rows", a.rows) };
                let members = p.members.iter().map(|m| {
                    view! { <option value=m.id.0.to_string() selected=a.user_id == Some(m.id.0)>{m.name.clone()}</option> }
                }).collect_view();
                view! {
                    <li class="flex flex-wrap items-end gap-3">
                        <div class="flex flex-col">
                            <label for=id.clone() class="text-sm font-medium">{format!("“{}” ({rows})", a.name)}</label>
                            <select id=id class=field on:change=move |ev| {
                                let user_id = event_target_value(&ev).parse().ok();
                                choices.update(|c| if let Some(c) = c.get_mut(i) { c.user_id = user_id; });
                            }>
                                <option value="" selected=a.user_id.is_none()>"Unassigned"</option>
                                {members}
                            </select>
                        </div>
                        {a.remembered.then(|| view! { <span class="pb-2 text-sm text-slate-600 dark:text-slate-400">"Remembered from an earlier import"</span> })}
                    </li>
                }
            }).collect_view();
            view! {
                <section aria-labelledby="assignees-title" class="mt-6">
                    <h3 id="assignees-title" class="font-medium">"People not in the organization"</h3>
                    <p class="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">"These names in the “Assigned to” column are no member of the organization. Choose who each one is, or leave the stories unassigned; the choice is remembered for this project’s next imports."</p>
                    <ul class="mt-3 space-y-3">{items}</ul>
                </section>
            }
        })
    }
}

/// Every problem of the file: errors (the row is not imported), then warnings (it is).
#[component]
fn Problems(current: RwSignal<ImportPreview>) -> impl IntoView {
    let list = move |level: ProblemLevel| {
        let p = current.read();
        let items: Vec<RowProblem> = p.problems.iter().filter(|x| x.level == level).cloned().collect();
        (!items.is_empty()).then(|| {
            let (id, title, class) = match level {
                ProblemLevel::Error => ("errors-title", "Errors: these rows will not be imported", "text-red-700 dark:text-red-400"),
                ProblemLevel::Warning => ("warnings-title", "Warnings: these rows will be imported, the field left at its default", "text-amber-800 dark:text-amber-300"),
            };
            let word = if level == ProblemLevel::Error { "Error" } else { "Warning" };
            view! {
                <section aria-labelledby=id class="mt-6">
                    <h3 id=id class="font-medium">{title}</h3>
                    <ul class=format!("mt-2 list-disc space-y-1 pl-5 text-sm {class}")>
                        {items.into_iter().map(|x| view! { <li>{format!("{word}, line {}, {}: {}", x.line, x.column, x.reason)}</li> }).collect_view()}
                    </ul>
                </section>
            }
        })
    };
    view! { {move || list(ProblemLevel::Error)} {move || list(ProblemLevel::Warning)} }
}

#[component]
fn Progress(s: ImportStatus, status: RwSignal<Option<ImportStatus>>) -> impl IntoView {
    let id = s.id;
    // Poll until the job finishes.
    let poll = Action::new(move |_: &()| import_status(id));
    Effect::new(move |_| {
        if let Some(Ok(next)) = poll.value().get() {
            status.set(Some(next));
        }
    });
    if !s.finished() {
        // Cancelled when the progress view goes (a new status, or leaving the page): a timer
        // firing after that would dispatch a disposed action.
        let tick = move || {
            poll.dispatch(());
        };
        if let Ok(timer) = set_timeout_with_handle(tick, std::time::Duration::from_millis(500)) {
            on_cleanup(move || timer.clear());
        }
    }
    let percent = s.percent();
    view! {
        <div class="mt-6 max-w-xl">
            <div role="progressbar" aria-label="Import progress" aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent class="h-3 w-full rounded bg-slate-200 dark:bg-slate-800">
                <div class=format!("h-3 rounded bg-indigo-600 {}", width_tenths(percent))></div>
            </div>
            <p role="status" class="mt-2 text-sm" data-testid="import-status">
                {match s.status.as_str() {
                    "done" => format!("Import finished: {} created, {} updated, {} rejected.", s.created, s.updated, s.rejected),
                    "failed" => format!("Import failed: {}", s.error.clone().unwrap_or_default()),
                    _ => format!("Importing… {} of {} rows", s.processed_rows, s.total_rows),
                }}
            </p>
            {(s.finished() && s.rejected > 0).then(|| view! {
                <a class=format!("{SECONDARY} mt-3") href=format!("/api/v1/imports/{id}/rejects.csv") download="">"Download rejected rows (CSV)"</a>
            })}
            {s.error.clone().filter(|_| s.status == "failed").map(|_| view! { <ErrorMessage error=AppError::conflict("The import did not finish.")/> })}
        </div>
    }
}
