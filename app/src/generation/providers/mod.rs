//! Models that write test cases, behind one trait: Google Gemini (`generateContent` with a
//! response schema) and any OpenAI-compatible chat-completions server (structured output where
//! it is supported, plain JSON where it is not). The built-in rules need no provider
//! (`offline`). Errors are sorted into what is worth retrying (429, 5xx, timeouts) and what is
//! not (a refused key, a refused request), each in plain words for the job's message.
mod gemini;
mod http;
mod openai;

use super::model::{ProviderKind, GEMINI_URL};
use crate::jobs::queue::BoxFuture;
use serde_json::Value;
use std::time::Duration;

pub use gemini::Gemini;
pub use openai::OpenAi;

/// One question to a model.
#[derive(Debug, Clone)]
pub struct Ask {
    pub system: String,
    pub user: String,
    /// The JSON schema the answer must match.
    pub schema: Value,
}

/// A model's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub text: String,
    /// Tokens the call used, as the server counted them (0 when it does not say).
    pub tokens: i64,
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderError {
    /// 401/403: the key is wrong or lacks access.
    Unauthorized(String),
    /// 429, with the server's `Retry-After` in seconds when it sent one.
    RateLimited(Option<u64>),
    /// 5xx or a dropped connection.
    Unavailable(String),
    /// No answer within the time limit.
    Timeout(Duration),
    /// The server answered, but not with what the API promises.
    Malformed(String),
    /// Any other refusal (400, 404, a blocked prompt).
    Refused(String),
}

impl ProviderError {
    /// Whether trying again later may succeed.
    pub fn transient(&self) -> bool {
        matches!(self, ProviderError::RateLimited(_) | ProviderError::Unavailable(_) | ProviderError::Timeout(_))
    }

    /// The wait the server asked for, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ProviderError::RateLimited(Some(s)) => Some(Duration::from_secs(*s)),
            _ => None,
        }
    }
}

impl std::fmt::Display for ProviderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProviderError::Unauthorized(m) => {
                write!(f, "The provider refused the API key ({m}). An admin can change it in Settings › Generation.")
            }
            ProviderError::RateLimited(Some(s)) => {
                write!(f, "The provider is rate-limiting requests; it asked to wait {s} s.")
            }
            ProviderError::RateLimited(None) => write!(f, "The provider is rate-limiting requests."),
            ProviderError::Unavailable(m) => write!(f, "The provider is unavailable ({m})."),
            ProviderError::Timeout(d) => write!(f, "The provider did not answer within {} s.", d.as_secs()),
            ProviderError::Malformed(m) => write!(f, "The provider's answer was not understood ({m})."),
            ProviderError::Refused(m) => write!(f, "The provider refused the request ({m})."),
        }
    }
}

/// A model that answers questions.
pub trait Provider: Send + Sync {
    /// The provider's name, as provenance shows it.
    fn name(&self) -> &'static str;
    fn model(&self) -> &str;
    fn ask<'a>(&'a self, ask: &'a Ask) -> BoxFuture<'a, Result<Reply, ProviderError>>;
}

/// How long a call may take unless told otherwise.
pub const TIMEOUT: Duration = Duration::from_secs(90);

/// Where and how to reach a configured provider.
#[derive(Clone)]
pub struct Endpoint {
    pub kind: ProviderKind,
    pub base_url: String,
    pub model: String,
    /// Never logged: `Debug` hides it.
    pub key: Option<String>,
    pub timeout: Duration,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("kind", &self.kind)
            .field("base_url", &self.base_url)
            .field("model", &self.model)
            .field("key", &self.key.as_ref().map(|_| "***"))
            .finish()
    }
}

/// The provider of `endpoint`; `None` for the built-in rules.
pub fn build(endpoint: Endpoint) -> Option<Box<dyn Provider>> {
    match endpoint.kind {
        ProviderKind::Offline => None,
        ProviderKind::Gemini => {
            let base = if endpoint.base_url.is_empty() { GEMINI_URL.to_owned() } else { endpoint.base_url.clone() };
            Some(Box::new(Gemini::new(Endpoint { base_url: base, ..endpoint })))
        }
        ProviderKind::Openai => Some(Box::new(OpenAi::new(endpoint))),
    }
}

/// The question "test connection" asks: small, and answerable under the same schema.
pub fn ping() -> Ask {
    Ask {
        system: "Answer with JSON only.".to_owned(),
        user: "Reply with an object whose `cases` is an empty array.".to_owned(),
        schema: serde_json::json!({
            "type": "object",
            "properties": { "cases": { "type": "array", "items": { "type": "object" } } },
            "required": ["cases"]
        }),
    }
}
