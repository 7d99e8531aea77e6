//! Logging: one line per event, human or JSON; request spans carry a request id.
use crate::config::LogFormat;
use anyhow::Context;
use tracing_subscriber::{fmt, EnvFilter};

pub fn init(filter: &str, format: LogFormat) -> anyhow::Result<()> {
    let filter = EnvFilter::try_new(filter).with_context(|| format!("CASEBOOK_LOG {filter:?} is not a log filter"))?;
    let builder = fmt().with_env_filter(filter).with_target(true);
    let result = match format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).try_init(),
    };
    result.map_err(|e| anyhow::anyhow!("cannot start logging: {e}"))
}
