//! Any OpenAI-compatible chat-completions server (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio,
//! …): `POST {base}/chat/completions` with an optional bearer key. Structured output
//! (`response_format` with the JSON schema) is asked for first; a server that refuses it (400
//! or 422 naming `response_format`) is asked again with the schema in the prompt, and that is
//! remembered for the rest of the job.
use super::{http, Ask, Endpoint, Provider, ProviderError, Reply};
use crate::jobs::queue::BoxFuture;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};

pub struct OpenAi {
    endpoint: Endpoint,
    client: reqwest::Client,
    plain_json: AtomicBool,
}

impl OpenAi {
    pub fn new(endpoint: Endpoint) -> Self {
        let client = http::client(endpoint.timeout);
        OpenAi { endpoint, client, plain_json: AtomicBool::new(false) }
    }
}

/// The request body: with `response_format`, or (`plain`) with the schema written in the prompt.
pub fn body(model: &str, ask: &Ask, plain: bool) -> Value {
    let user = if plain {
        format!("{}\nAnswer with one JSON object only, matching this JSON schema:\n{}", ask.user, ask.schema)
    } else {
        ask.user.clone()
    };
    let mut body = json!({
        "model": model,
        "messages": [
            { "role": "system", "content": ask.system },
            { "role": "user", "content": user }
        ],
        "temperature": 0.4
    });
    if !plain {
        body["response_format"] = json!({
            "type": "json_schema",
            "json_schema": { "name": "test_cases", "strict": true, "schema": ask.schema }
        });
    }
    body
}

/// The text and token count of an answer.
pub fn reply(v: &Value) -> Result<Reply, ProviderError> {
    let message = v.pointer("/choices/0/message").ok_or_else(|| ProviderError::Malformed("no choices".to_owned()))?;
    if let Some(refusal) = message.get("refusal").and_then(Value::as_str).filter(|r| !r.is_empty()) {
        return Err(ProviderError::Refused(refusal.chars().take(300).collect()));
    }
    let text = message.get("content").and_then(Value::as_str).unwrap_or_default().to_owned();
    if text.trim().is_empty() {
        return Err(ProviderError::Malformed("the answer had no content".to_owned()));
    }
    let tokens = v.pointer("/usage/total_tokens").and_then(Value::as_i64).unwrap_or(0);
    Ok(Reply { text, tokens })
}

fn refuses_structured_output(e: &ProviderError) -> bool {
    matches!(e, ProviderError::Refused(m) if (m.starts_with("HTTP 400") || m.starts_with("HTTP 422"))
        && (m.contains("response_format") || m.contains("json_schema")))
}

impl Provider for OpenAi {
    fn name(&self) -> &'static str {
        "OpenAI-compatible"
    }

    fn model(&self) -> &str {
        &self.endpoint.model
    }

    fn ask<'a>(&'a self, ask: &'a Ask) -> BoxFuture<'a, Result<Reply, ProviderError>> {
        Box::pin(async move {
            let url = format!("{}/chat/completions", self.endpoint.base_url.trim_end_matches('/'));
            let headers: Vec<(&str, String)> = self
                .endpoint
                .key
                .iter()
                .filter(|k| !k.is_empty())
                .map(|k| ("authorization", format!("Bearer {k}")))
                .collect();
            let send = |plain: bool| {
                let body = body(&self.endpoint.model, ask, plain);
                let (url, headers) = (&url, &headers);
                async move { http::post_json(&self.client, url, headers, &body, self.endpoint.timeout).await }
            };
            let plain = self.plain_json.load(Ordering::Relaxed);
            let answer = match send(plain).await {
                Err(e) if !plain && refuses_structured_output(&e) => {
                    self.plain_json.store(true, Ordering::Relaxed);
                    send(true).await?
                }
                other => other?,
            };
            reply(&answer)
        })
    }
}
