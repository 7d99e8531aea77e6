//! Wire types of the system status.
use serde::{Deserialize, Serialize};

/// What a visitor may know about this server: nothing secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemInfo {
    /// Casebook's version (from Cargo.toml).
    pub version: String,
    /// "SQLite" or "PostgreSQL".
    pub backend: String,
    /// The newest applied migration.
    pub schema_version: i64,
    /// True until the first organization is created.
    pub setup_required: bool,
    /// True when setup needs the one-time token printed in the server's log.
    #[serde(default)]
    pub setup_token_required: bool,
    /// Seconds since this process started.
    pub uptime_seconds: u64,
}

/// "3 d 4 h", "5 h 2 min", "12 min", "40 s": an uptime people can read at a glance.
pub fn format_uptime(seconds: u64) -> String {
    let (d, h, m) = (seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{seconds} s"),
        (0, 0, m) => format!("{m} min"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::format_uptime;

    #[test]
    fn uptime_uses_the_two_largest_units() {
        assert_eq!(format_uptime(40), "40 s");
        assert_eq!(format_uptime(12 * 60 + 5), "12 min");
        assert_eq!(format_uptime(5 * 3600 + 2 * 60), "5 h 2 min");
        assert_eq!(format_uptime(3 * 86_400 + 4 * 3600 + 59), "3 d 4 h");
    }
}
