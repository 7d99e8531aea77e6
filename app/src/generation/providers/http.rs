//! The one way providers call out: a POST of JSON with a time limit, an answer read up to a size
//! limit, and the HTTP status sorted into `ProviderError`.
use super::ProviderError;
use serde_json::Value;
use std::time::Duration;

/// Largest answer read from a provider.
pub const MAX_ANSWER: usize = 2 * 1024 * 1024;

pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_default()
}

/// A refusal's own words, short: the `error.message` of a JSON body, or the start of the text.
fn reason(body: &str) -> String {
    let from_json = serde_json::from_str::<Value>(body).ok().and_then(|v| {
        v.pointer("/error/message")
            .or_else(|| v.get("error"))
            .or_else(|| v.get("message"))
            .and_then(|m| m.as_str().map(str::to_owned))
    });
    let text = from_json.unwrap_or_else(|| body.trim().to_owned());
    let short: String = text.chars().take(300).collect();
    if short.is_empty() {
        "no details".to_owned()
    } else {
        short
    }
}

/// What a failed call's status means.
pub fn status_error(status: u16, retry_after: Option<&str>, body: &str) -> ProviderError {
    match status {
        401 | 403 => ProviderError::Unauthorized(format!("HTTP {status}: {}", reason(body))),
        429 => ProviderError::RateLimited(retry_after.and_then(|v| v.trim().parse::<u64>().ok()).map(|s| s.min(3_600))),
        500..=599 => ProviderError::Unavailable(format!("HTTP {status}: {}", reason(body))),
        _ => ProviderError::Refused(format!("HTTP {status}: {}", reason(body))),
    }
}

/// POSTs `body` to `url` with `headers`; the answer's JSON, or why not.
pub async fn post_json(
    client: &reqwest::Client,
    url: &str,
    headers: &[(&str, String)],
    body: &Value,
    timeout: Duration,
) -> Result<Value, ProviderError> {
    let mut req = client.post(url).header("content-type", "application/json").body(body.to_string());
    for (name, value) in headers {
        req = req.header(*name, value);
    }
    let mut res = req.send().await.map_err(|e| transport(e, timeout))?;
    let status = res.status().as_u16();
    let retry_after = res.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let mut bytes = Vec::new();
    while let Some(chunk) = res.chunk().await.map_err(|e| transport(e, timeout))? {
        if bytes.len() + chunk.len() > MAX_ANSWER {
            return Err(ProviderError::Malformed(format!(
                "the answer is larger than {} MB",
                MAX_ANSWER / (1024 * 1024)
            )));
        }
        bytes.extend_from_slice(&chunk);
    }
    let text = String::from_utf8_lossy(&bytes);
    if !(200..300).contains(&status) {
        return Err(status_error(status, retry_after.as_deref(), &text));
    }
    serde_json::from_str(&text).map_err(|e| ProviderError::Malformed(format!("not JSON: {e}")))
}

fn transport(e: reqwest::Error, timeout: Duration) -> ProviderError {
    if e.is_timeout() {
        ProviderError::Timeout(timeout)
    } else if e.is_connect() {
        ProviderError::Unavailable("could not connect".to_owned())
    } else {
        // reqwest's message names the URL, never a header: no key reaches the log.
        ProviderError::Unavailable(e.without_url().to_string())
    }
}
