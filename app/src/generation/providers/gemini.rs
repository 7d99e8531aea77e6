//! Google Gemini: `POST {base}/v1beta/models/{model}:generateContent` with the key in
//! `x-goog-api-key`, JSON output constrained by `responseSchema`.
use super::{http, Ask, Endpoint, Provider, ProviderError, Reply};
use crate::jobs::queue::BoxFuture;
use serde_json::{json, Value};

pub struct Gemini {
    endpoint: Endpoint,
    client: reqwest::Client,
}

impl Gemini {
    pub fn new(endpoint: Endpoint) -> Self {
        let client = http::client(endpoint.timeout);
        Gemini { endpoint, client }
    }
}

/// Gemini's `responseSchema` is an OpenAPI subset without `additionalProperties`.
fn openapi_schema(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| *k != "additionalProperties")
                .map(|(k, v)| (k.clone(), openapi_schema(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(openapi_schema).collect()),
        other => other.clone(),
    }
}

/// The request body for `ask`.
pub fn body(ask: &Ask) -> Value {
    json!({
        "systemInstruction": { "parts": [{ "text": ask.system }] },
        "contents": [{ "role": "user", "parts": [{ "text": ask.user }] }],
        "generationConfig": {
            "responseMimeType": "application/json",
            "responseSchema": openapi_schema(&ask.schema),
            "temperature": 0.4
        }
    })
}

/// The text and token count of an answer.
pub fn reply(v: &Value) -> Result<Reply, ProviderError> {
    let candidate = v.pointer("/candidates/0").ok_or_else(|| {
        match v.pointer("/promptFeedback/blockReason").and_then(Value::as_str) {
            Some(why) => ProviderError::Refused(format!("the prompt was blocked: {why}")),
            None => ProviderError::Malformed("no candidates".to_owned()),
        }
    })?;
    let text: String = candidate
        .pointer("/content/parts")
        .and_then(Value::as_array)
        .map(|parts| parts.iter().filter_map(|p| p.get("text").and_then(Value::as_str)).collect())
        .unwrap_or_default();
    if text.trim().is_empty() {
        let why = candidate.get("finishReason").and_then(Value::as_str).unwrap_or("no text");
        return Err(ProviderError::Refused(format!("the model returned no text ({why})")));
    }
    let tokens = v.pointer("/usageMetadata/totalTokenCount").and_then(Value::as_i64).unwrap_or(0);
    Ok(Reply { text, tokens })
}

impl Provider for Gemini {
    fn name(&self) -> &'static str {
        "Google Gemini"
    }

    fn model(&self) -> &str {
        &self.endpoint.model
    }

    fn ask<'a>(&'a self, ask: &'a Ask) -> BoxFuture<'a, Result<Reply, ProviderError>> {
        Box::pin(async move {
            let url = format!(
                "{}/v1beta/models/{}:generateContent",
                self.endpoint.base_url.trim_end_matches('/'),
                url_segment(&self.endpoint.model)
            );
            let headers: Vec<(&str, String)> =
                self.endpoint.key.iter().map(|k| ("x-goog-api-key", k.clone())).collect();
            let answer = http::post_json(&self.client, &url, &headers, &body(ask), self.endpoint.timeout).await?;
            reply(&answer)
        })
    }
}

/// A model name as one path segment (`models/` prefixes are dropped, anything else escaped).
fn url_segment(model: &str) -> String {
    let name = model.trim().trim_start_matches("models/");
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._".contains(c) {
                c.to_string()
            } else {
                format!("%{:02X}", c as u32 & 0xff)
            }
        })
        .collect()
}
