//! `GET /api/v1/events`: the signed-in person's live stream (server-sent events). Each event's
//! `id` is its `seq`; a reconnect sends `Last-Event-ID` (browsers do this themselves) and
//! resumes with what followed. The stream reads from the events table when woken, at most a
//! page at a time, so a client that stops reading holds one page, never a backlog. It ends after
//! `LIFETIME`, and the browser reconnects through the session check again, so a revoked session
//! or a deactivated person stops receiving within minutes.
use super::repo::{self, Event};
use crate::{
    auth::{permissions::Permission, principal::RequestAuth},
    db::Db,
    error::AppError,
    orgs::model::OrgId,
    rest::require,
    state::AppState,
    users::model::UserId,
};
use axum::{
    extract::{Query, State},
    http::HeaderMap,
    response::{
        sse::{Event as SseEvent, KeepAlive, Sse},
        IntoResponse, Response,
    },
    Extension,
};
use futures_util::stream::{self, Stream};
use serde::Deserialize;
use std::{collections::VecDeque, convert::Infallible, time::Duration};
use tokio::{sync::broadcast, time::Instant};

/// How long one connection lasts before the browser is asked to reconnect.
pub const LIFETIME: Duration = Duration::from_secs(5 * 60);
/// How often an idle stream looks at the table even without a wake-up (a missed NOTIFY while
/// the listener reconnected).
const RECHECK: Duration = Duration::from_secs(20);
/// What the browser waits before reconnecting after the stream ends.
const RETRY_MS: u64 = 2_000;

#[derive(Debug, Default, Deserialize)]
pub struct Params {
    /// Resume after this `seq` (for clients that cannot send `Last-Event-ID`).
    after: Option<i64>,
    /// `1`: send what is already there after `after` and end, for scripts that poll instead of
    /// holding a connection.
    drain: Option<String>,
}

pub async fn stream(
    State(state): State<AppState>,
    auth: Option<Extension<RequestAuth>>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let user = require(auth, Permission::ViewProjects)?;
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(params.after)
        .filter(|n| *n >= 0);
    let after = match resume {
        Some(n) => n,
        None => repo::latest(&mut state.db.acquire().await?).await?,
    };
    let reader = Reader {
        db: state.db.clone(),
        wake: state.hub.subscribe(),
        org: user.org,
        user: user.id,
        after,
        pending: VecDeque::new(),
        ends: Instant::now() + LIFETIME,
        drain: matches!(params.drain.as_deref(), Some("1" | "true")),
        hello: true,
    };
    let sse = Sse::new(events(reader)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)));
    let mut res = sse.into_response();
    res.headers_mut().insert("cache-control", http::HeaderValue::from_static("no-store"));
    // Proxies such as nginx would otherwise hold events back to fill their buffers.
    res.headers_mut().insert("x-accel-buffering", http::HeaderValue::from_static("no"));
    Ok(res)
}

struct Reader {
    db: Db,
    wake: broadcast::Receiver<i64>,
    org: OrgId,
    user: UserId,
    after: i64,
    pending: VecDeque<Event>,
    ends: Instant,
    drain: bool,
    hello: bool,
}

impl Reader {
    /// The next event to send, or `None` when the stream should end.
    async fn next(&mut self) -> Option<SseEvent> {
        if std::mem::take(&mut self.hello) {
            // Tells the client where it stands (and how soon to come back after an end).
            return Some(
                SseEvent::default().event("hello").data(self.after.to_string()).retry(Duration::from_millis(RETRY_MS)),
            );
        }
        loop {
            if let Some(e) = self.pending.pop_front() {
                return Some(SseEvent::default().id(e.seq.to_string()).event(e.kind).data(e.data));
            }
            if Instant::now() >= self.ends {
                return None;
            }
            let page = match self.db.acquire().await {
                Ok(mut c) => repo::after(&mut c, self.org, self.user, self.after).await,
                Err(e) => Err(e),
            };
            match page {
                Ok(rows) if !rows.is_empty() => {
                    self.after = rows.last().map_or(self.after, |e| e.seq);
                    self.pending.extend(rows);
                    continue;
                }
                Ok(_) if self.drain => return None,
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "event stream read; ending it for the client to reconnect");
                    return None;
                }
            }
            let wait = RECHECK.min(self.ends.saturating_duration_since(Instant::now()));
            match tokio::time::timeout(wait, self.wake.recv()).await {
                Ok(Ok(_)) | Ok(Err(broadcast::error::RecvError::Lagged(_))) | Err(_) => {}
                Ok(Err(broadcast::error::RecvError::Closed)) => return None,
            }
        }
    }
}

fn events(reader: Reader) -> impl Stream<Item = Result<SseEvent, Infallible>> {
    stream::unfold(reader, |mut r| async move { r.next().await.map(|e| (Ok(e), r)) })
}
