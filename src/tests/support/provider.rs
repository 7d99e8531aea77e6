//! A local HTTP server that speaks the Gemini and OpenAI-compatible chat APIs, for the real
//! provider clients to call: it answers from a script (status, body, `Retry-After`, a delay, or
//! holding the request until released) and records every request it received.
use axum::{
    body::Bytes,
    http::{HeaderMap, StatusCode, Uri},
    response::{IntoResponse, Response},
    Router,
};
use serde_json::{json, Value};
use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::sync::Notify;

/// One scripted answer.
#[derive(Clone, Debug)]
pub enum Answer {
    /// Status and JSON body.
    Json(u16, Value),
    /// Status, raw body and an optional `Retry-After`.
    Raw(u16, String, Option<&'static str>),
    /// Waits this long, then answers 200 with an empty case list.
    Slow(Duration),
    /// Holds the request until `release` (a process killed meanwhile never gets an answer).
    Hold,
}

/// One request the server received.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    pub headers: HeaderMap,
    pub body: Value,
}

#[derive(Default)]
struct Shared {
    script: Mutex<VecDeque<Answer>>,
    /// What to answer once the script is used up.
    fallback: Mutex<Option<Answer>>,
    seen: Mutex<Vec<Seen>>,
    release: Notify,
}

#[derive(Clone)]
pub struct MockProvider {
    pub url: String,
    shared: Arc<Shared>,
}

impl MockProvider {
    pub async fn start() -> MockProvider {
        let shared = Arc::new(Shared::default());
        let state = shared.clone();
        let app = Router::new().fallback(move |uri: Uri, headers: HeaderMap, body: Bytes| {
            let state = state.clone();
            async move { answer(&state, uri, headers, body).await }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        MockProvider { url, shared }
    }

    /// Answers the next requests with these, in order.
    pub fn script(&self, answers: impl IntoIterator<Item = Answer>) {
        self.shared.script.lock().unwrap().extend(answers);
    }

    /// Answers with `a` once the script is used up.
    pub fn otherwise(&self, a: Answer) {
        *self.shared.fallback.lock().unwrap() = Some(a);
    }

    /// Lets held requests answer (with what the script or fallback then says).
    pub fn release(&self) {
        self.shared.release.notify_waiters();
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.shared.seen.lock().unwrap().clone()
    }
}

async fn answer(state: &Shared, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    state.seen.lock().unwrap().push(Seen { path: uri.path().to_owned(), headers, body });
    let next = state.script.lock().unwrap().pop_front().or_else(|| state.fallback.lock().unwrap().clone());
    let next = match next {
        Some(Answer::Hold) => {
            state.release.notified().await;
            state.script.lock().unwrap().pop_front().or_else(|| state.fallback.lock().unwrap().clone())
        }
        other => other,
    };
    match next {
        None | Some(Answer::Hold) => (StatusCode::SERVICE_UNAVAILABLE, "no answer scripted").into_response(),
        Some(Answer::Json(status, v)) => (StatusCode::from_u16(status).unwrap(), axum::Json(v)).into_response(),
        Some(Answer::Raw(status, text, retry_after)) => {
            let mut res = (StatusCode::from_u16(status).unwrap(), text).into_response();
            if let Some(r) = retry_after {
                res.headers_mut().insert("retry-after", r.parse().unwrap());
            }
            res
        }
        Some(Answer::Slow(d)) => {
            tokio::time::sleep(d).await;
            axum::Json(openai(&json!({ "cases": [] }).to_string(), 1)).into_response()
        }
    }
}

/// A chat-completions answer whose message is `content`.
pub fn openai(content: &str, tokens: i64) -> Value {
    json!({
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "choices": [{ "index": 0, "message": { "role": "assistant", "content": content }, "finish_reason": "stop" }],
        "usage": { "prompt_tokens": tokens / 2, "completion_tokens": tokens - tokens / 2, "total_tokens": tokens }
    })
}

/// A `generateContent` answer whose text is `text`.
pub fn gemini(text: &str, tokens: i64) -> Value {
    json!({
        "candidates": [{ "content": { "role": "model", "parts": [{ "text": text }] }, "finishReason": "STOP" }],
        "usageMetadata": { "totalTokenCount": tokens }
    })
}

/// The JSON a model answers with: cases as (title, type, criteria, gherkin).
pub fn cases(items: &[(&str, &str, &[i64], &str)]) -> String {
    let cases: Vec<Value> = items
        .iter()
        .map(|(title, kind, criteria, gherkin)| json!({ "title": title, "type": kind, "criteria": criteria, "gherkin": gherkin }))
        .collect();
    json!({ "cases": cases }).to_string()
}
