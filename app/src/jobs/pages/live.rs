//! The browser's side of jobs: one live stream per tab (`EventSource` on `/api/v1/events`,
//! which resumes by itself with `Last-Event-ID`), the jobs it reports kept in context for any
//! page to watch, and the header's job badge with a progress bar. The badge starts from the
//! server's list of the person's jobs, so it survives reloads and navigation.
use crate::jobs::model::{JobInfo, JobStatus};
use leptos::prelude::*;

/// The person's recent jobs, kept current by the live stream.
#[derive(Clone, Copy)]
pub struct LiveJobs(pub RwSignal<Vec<JobInfo>>);

/// How long a finished job stays in the badge.
const RECENT_MINUTES: i64 = 30;

/// What the stream said last of a test run's results (someone recorded marks): runner and run
/// pages watching that run read it again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct RunEvent {
    /// `SHOP-RUN-3`.
    pub run: String,
    /// Who recorded them.
    pub by: i64,
    /// The executions touched (case number, status).
    pub statuses: Vec<(i64, crate::runs::model::ExecStatus)>,
}

/// The last run event of the tab's stream.
#[derive(Clone, Copy)]
pub struct LiveRuns(pub RwSignal<Option<RunEvent>>);

pub fn provide_live_jobs() {
    provide_context(LiveJobs(RwSignal::new(Vec::new())));
    provide_context(LiveRuns(RwSignal::new(None)));
}

/// The tab's last run event (a detached signal outside the app).
pub fn live_runs() -> LiveRuns {
    use_context::<LiveRuns>().unwrap_or_else(|| LiveRuns(RwSignal::new(None)))
}

/// The tab's live jobs (a detached, empty list outside the app).
pub fn live_jobs() -> LiveJobs {
    use_context::<LiveJobs>().unwrap_or_else(|| LiveJobs(RwSignal::new(Vec::new())))
}

impl LiveJobs {
    /// Job `id` as last reported.
    pub fn job(&self, id: crate::jobs::model::JobId) -> Option<JobInfo> {
        self.0.with(|jobs| jobs.iter().find(|j| j.id == id).cloned())
    }

    /// Records what the stream or a server function said of a job.
    pub fn update(&self, info: JobInfo) {
        self.0.update(|jobs| match jobs.iter_mut().find(|j| j.id == info.id) {
            Some(j) => *j = info,
            None => jobs.insert(0, info),
        });
    }
}

/// Opens the stream once per tab, after the first list of jobs arrived.
#[cfg(feature = "hydrate")]
fn listen(live: LiveJobs, runs: LiveRuns, notices: crate::notifications::pages::Notices) {
    let Ok(source) = web_sys::EventSource::new("/api/v1/events") else { return };
    on(&source, "job", move |info: JobInfo| live.update(info));
    on(&source, "run", move |event: RunEvent| runs.0.set(Some(event)));
    on(&source, "notification", move |n: crate::notifications::model::Notification| notices.arrived(n));
    // It lives as long as the tab: the stream is the tab's, and a sign-out reloads the page.
    std::mem::forget(source);
}

/// Hands each `kind` event of `source` whose data reads as a `T` (JSON) to `f`; others are passed
/// over. The listener lives as long as the tab.
#[cfg(feature = "hydrate")]
fn on<T: serde::de::DeserializeOwned + 'static>(source: &web_sys::EventSource, kind: &str, f: impl Fn(T) + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        if let Some(value) = ev.data().as_string().and_then(|t| serde_json::from_str::<T>(&t).ok()) {
            f(value);
        }
    });
    let _ = source.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
    listener.forget();
}

fn recent(j: &JobInfo) -> bool {
    match j.finished_at {
        None => true,
        Some(at) => {
            let now_ms = js_now_ms();
            now_ms - at.timestamp_millis() < RECENT_MINUTES * 60_000
        }
    }
}

#[cfg(feature = "hydrate")]
fn js_now_ms() -> i64 {
    js_sys::Date::now() as i64
}

#[cfg(not(feature = "hydrate"))]
fn js_now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// What a kind of job is called in the badge and the list.
pub fn what(kind: &str) -> &'static str {
    match kind {
        "generate" => "Generating test cases",
        "evidence_purge" => "Removing deleted evidence",
        _ => "Background job",
    }
}

/// The header's badge: the running job with its progress, or the last one that ended, linked to
/// its result. Empty when there is nothing to show (and on the server: it fills in after
/// hydration from the person's own list).
#[component]
pub fn JobBadge() -> impl IntoView {
    let live = live_jobs();
    let runs = live_runs();
    let notices = crate::notifications::pages::notices();
    let me = crate::ui::session::session().0;
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        let signed_in = me.get().and_then(|r| r.ok()).flatten().is_some();
        if !signed_in || started.get_value() {
            return;
        }
        started.set_value(true);
        leptos::task::spawn_local(async move {
            if let Ok(jobs) = crate::jobs::api::list_jobs().await {
                live.0.set(jobs);
            }
            #[cfg(feature = "hydrate")]
            listen(live, runs, notices);
            #[cfg(not(feature = "hydrate"))]
            let _ = (runs, notices);
        });
    });
    let shown = Memo::new(move |_| {
        live.0.with(|jobs| {
            jobs.iter()
                .find(|j| !j.status.is_final())
                .or_else(|| jobs.iter().find(|j| j.status.is_final() && recent(j)))
                .cloned()
        })
    });
    move || {
        shown.get().map(|j| {
            let percent = j.progress.percent();
            let label = match j.status {
                JobStatus::Queued => format!("{}: waiting", what(&j.kind)),
                JobStatus::Running => match percent {
                    Some(p) => format!("{}: {p}%", what(&j.kind)),
                    None => format!("{}…", what(&j.kind)),
                },
                JobStatus::Succeeded => match j.kind.as_str() {
                    "generate" => "Test cases ready to review".to_owned(),
                    _ => "Job finished".to_owned(),
                },
                JobStatus::Failed => format!("{}: failed", what(&j.kind)),
                JobStatus::Cancelled => format!("{}: cancelled", what(&j.kind)),
            };
            let href = j.link.clone().unwrap_or_else(|| "/".to_owned());
            let tone = match j.status {
                JobStatus::Failed => "border-red-300 text-red-800 dark:border-red-800 dark:text-red-200",
                JobStatus::Succeeded => "border-green-300 text-green-800 dark:border-green-800 dark:text-green-200",
                _ => "border-indigo-300 text-indigo-800 dark:border-indigo-800 dark:text-indigo-200",
            };
            view! {
                <a href=href data-testid="job-badge"
                    class=format!("flex min-w-0 max-w-xs flex-col gap-1 rounded-md border px-2 py-1 text-xs font-medium {tone}")>
                    <span role="status" class="truncate">{label}</span>
                    {(!j.status.is_final()).then(|| view! {
                        <span role="progressbar" aria-label="Job progress" aria-valuemin="0" aria-valuemax="100"
                            aria-valuenow=percent.unwrap_or(0)
                            class="block h-1.5 w-28 rounded bg-slate-200 dark:bg-slate-700">
                            <span class=format!("block h-1.5 rounded bg-indigo-600 {}", crate::ui::feedback::width_tenths(percent.unwrap_or(0)))></span>
                        </span>
                    })}
                </a>
            }
        })
    }
}
