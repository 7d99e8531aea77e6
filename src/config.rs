//! Configuration from flags and environment variables, checked before anything starts.
use anyhow::{bail, Context};
use app::auth::principal::Cidr;
use clap::{Parser, Subcommand, ValueEnum};
use std::{net::SocketAddr, path::PathBuf};

#[derive(Debug, Parser)]
#[command(name = "casebook", version, about = "Casebook: QA documentation and test management")]
pub struct Cli {
    #[command(flatten)]
    pub config: RawConfig,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage administrators.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Manage organizations.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Demo data for trying Casebook out and for benchmarks.
    #[command(subcommand)]
    Demo(DemoCommand),
}

#[derive(Debug, Clone, Subcommand)]
pub enum DemoCommand {
    /// Create a project full of realistic stories and Gherkin test cases.
    Seed {
        /// The organization's name.
        #[arg(long)]
        org: String,
        /// Key of the new project.
        #[arg(long, default_value = "DEMO")]
        project: String,
        /// How many test cases.
        #[arg(long, default_value_t = 1000)]
        cases: usize,
        /// How many stories (default: one per 50 cases).
        #[arg(long)]
        stories: Option<usize>,
        /// Seed of the generator: the same seed gives the same content.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum AdminCommand {
    /// Create an admin (and the organization, if it does not exist). The password is read from
    /// a prompt, or from standard input when piped.
    Create {
        /// The organization's name.
        #[arg(long)]
        org: String,
        #[arg(long)]
        email: String,
        /// Display name (default: the part of the email before @).
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum OrgCommand {
    /// Create another organization on this instance.
    Create {
        /// The organization's name.
        name: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Settings as given; `resolve` checks them and fills in defaults.
#[derive(Debug, Clone, clap::Args)]
pub struct RawConfig {
    /// sqlite://… or postgres://…; default: SQLite in the data directory.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true, global = true)]
    pub database_url: Option<String>,
    /// Address to listen on.
    #[arg(long, env = "CASEBOOK_ADDR", default_value = "127.0.0.1:3000", global = true)]
    pub addr: String,
    /// Directory for the SQLite database, the generated secret and uploads.
    #[arg(long, env = "CASEBOOK_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// Signing secret (at least 32 characters); generated and stored in the data dir if unset.
    #[arg(long, env = "CASEBOOK_SECRET", hide_env_values = true, global = true)]
    pub secret: Option<String>,
    /// Log filter, e.g. `info` or `casebook=debug,tower_http=info`.
    #[arg(long, env = "CASEBOOK_LOG", default_value = "info", global = true)]
    pub log: String,
    /// Log line format.
    #[arg(long, env = "CASEBOOK_LOG_FORMAT", value_enum, default_value = "pretty", global = true)]
    pub log_format: LogFormat,
    /// The URL people reach this server at (used in links and the CSRF origin check).
    #[arg(long, env = "CASEBOOK_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Directory of the built site (WASM, JS, CSS, static files).
    #[arg(long, env = "CASEBOOK_SITE_DIR", default_value = "target/site", global = true)]
    pub site_dir: PathBuf,
    /// SMTP relay for outgoing email, e.g. smtp://user:pass@host:587?tls=required; without it
    /// emails wait in the outbox and invitation links are shown to the admin.
    #[arg(long, env = "CASEBOOK_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,
    /// Sender of outgoing email.
    #[arg(long, env = "CASEBOOK_MAIL_FROM", default_value = "Casebook <casebook@localhost>", global = true)]
    pub mail_from: String,
    /// Largest request body accepted, in bytes.
    #[arg(long, env = "CASEBOOK_MAX_BODY_BYTES", default_value_t = 25 * 1024 * 1024, global = true)]
    pub max_body_bytes: usize,
    /// Background job workers in this process (generation and later reports); 0 runs none, for a
    /// process that only serves pages while others work the shared PostgreSQL queue.
    #[arg(long, env = "CASEBOOK_JOB_WORKERS", default_value_t = 2, global = true)]
    pub job_workers: usize,
    /// Seconds a job's claim lasts without a heartbeat: how soon another process takes up the
    /// job of a process that died.
    #[arg(long, env = "CASEBOOK_JOB_LEASE_SECS", default_value_t = 30, global = true)]
    pub job_lease_secs: u64,
    /// Seconds a call to a generation provider may take.
    #[arg(long, env = "CASEBOOK_PROVIDER_TIMEOUT_SECS", default_value_t = 90, global = true)]
    pub provider_timeout_secs: u64,
    /// Proxies (comma-separated addresses or CIDR blocks) whose X-Forwarded-For / Forwarded
    /// headers name the real client; from anyone else those headers are ignored.
    #[arg(long, env = "CASEBOOK_TRUSTED_PROXIES", default_value = "", global = true)]
    pub trusted_proxies: String,
    /// Where evidence files are kept: `s3://bucket/prefix?endpoint=…&region=…` (a build with the
    /// `s3` feature; credentials from the `AWS_*` variables) or `file:///dir`; default: the
    /// `evidence` directory in the data dir.
    #[arg(long, env = "CASEBOOK_EVIDENCE_URL", hide_env_values = true, global = true)]
    pub evidence_url: Option<String>,
    /// Largest evidence file (screenshot, video, log) accepted, in MB.
    #[arg(long, env = "CASEBOOK_EVIDENCE_MAX_MB", default_value_t = app::evidence::model::DEFAULT_MAX_MB, global = true)]
    pub evidence_max_mb: u64,
    /// Host names (comma-separated, `host[:port]`) this server answers for; others get 421.
    /// `public` stands for CASEBOOK_PUBLIC_URL's host. Empty: any host (the default).
    #[arg(long, env = "CASEBOOK_ALLOWED_HOSTS", default_value = "", global = true)]
    pub allowed_hosts: String,
}

/// Checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub secret: Option<String>,
    pub log: String,
    pub log_format: LogFormat,
    pub public_url: url::Url,
    pub site_dir: PathBuf,
    pub max_body_bytes: usize,
    pub job_workers: usize,
    pub job_lease_secs: u64,
    pub provider_timeout_secs: u64,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub trusted_proxies: Vec<Cidr>,
    pub allowed_hosts: Vec<String>,
    pub evidence_url: Option<String>,
    /// In bytes.
    pub evidence_max_bytes: u64,
}

/// `host[:port]` of a URL as browsers send it in `Host` (the port only when not the default).
fn host_of(url: &url::Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_owned(),
        _ => String::new(),
    }
}

impl RawConfig {
    /// Checks every setting; the error is one sentence naming the setting at fault.
    pub fn resolve(self) -> anyhow::Result<Config> {
        let addr: SocketAddr = self
            .addr
            .parse()
            .with_context(|| format!("CASEBOOK_ADDR {:?} is not an address like 127.0.0.1:3000", self.addr))?;
        let public_url = match &self.public_url {
            Some(u) => {
                let url = url::Url::parse(u).with_context(|| format!("CASEBOOK_PUBLIC_URL {u:?} is not a URL"))?;
                if !matches!(url.scheme(), "http" | "https") {
                    bail!("CASEBOOK_PUBLIC_URL {u:?} must start with http:// or https://");
                }
                url
            }
            None => url::Url::parse(&format!("http://{addr}")).context("cannot derive the public URL")?,
        };
        if let Some(s) = &self.secret {
            if s.len() < 32 {
                bail!("CASEBOOK_SECRET must be at least 32 characters long");
            }
        }
        let trusted_proxies =
            Cidr::parse_list(&self.trusted_proxies).map_err(|e| anyhow::anyhow!("CASEBOOK_TRUSTED_PROXIES: {e}"))?;
        let allowed_hosts: Vec<String> = self
            .allowed_hosts
            .split(',')
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(|h| if h == "public" { host_of(&public_url) } else { h.to_ascii_lowercase() })
            .collect();
        if !(1..=4096).contains(&self.evidence_max_mb) {
            bail!("CASEBOOK_EVIDENCE_MAX_MB must be between 1 and 4096 (MB), not {}", self.evidence_max_mb);
        }
        let database_url = match self.database_url {
            Some(u) if !u.trim().is_empty() => u,
            _ => format!("sqlite://{}/casebook.db", self.data_dir.display()),
        };
        Ok(Config {
            database_url,
            addr,
            data_dir: self.data_dir,
            secret: self.secret,
            log: self.log,
            log_format: self.log_format,
            public_url,
            site_dir: self.site_dir,
            max_body_bytes: self.max_body_bytes,
            job_workers: self.job_workers.min(32),
            job_lease_secs: self.job_lease_secs.clamp(2, 600),
            provider_timeout_secs: self.provider_timeout_secs.clamp(1, 600),
            smtp_url: self.smtp_url,
            mail_from: self.mail_from,
            trusted_proxies,
            allowed_hosts,
            evidence_url: self.evidence_url.filter(|u| !u.trim().is_empty()),
            evidence_max_bytes: self.evidence_max_mb * app::evidence::model::MB,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(args: &[&str]) -> RawConfig {
        let mut all = vec!["casebook"];
        all.extend_from_slice(args);
        Cli::try_parse_from(all).unwrap().config
    }

    #[test]
    fn defaults_give_sqlite_in_the_data_dir_on_port_3000() {
        let c = raw(&["--data-dir", "/tmp/cb", "--database-url", "", "--addr", "127.0.0.1:3000"]).resolve().unwrap();
        assert_eq!(c.database_url, "sqlite:///tmp/cb/casebook.db");
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.public_url.as_str(), "http://127.0.0.1:3000/");
    }

    #[test]
    fn a_malformed_address_is_named() {
        let e = raw(&["--addr", "localhost"]).resolve().unwrap_err();
        assert!(e.to_string().contains("CASEBOOK_ADDR \"localhost\""), "{e}");
    }

    #[test]
    fn a_short_secret_is_refused() {
        let e = raw(&["--secret", "short"]).resolve().unwrap_err();
        assert_eq!(e.to_string(), "CASEBOOK_SECRET must be at least 32 characters long");
    }

    #[test]
    fn proxies_and_hosts_are_checked_and_public_means_the_public_url() {
        let c = raw(&[
            "--trusted-proxies",
            "10.0.0.0/8, 127.0.0.1",
            "--public-url",
            "https://qa.example.com:8443",
            "--allowed-hosts",
            "public,Other.test",
        ])
        .resolve()
        .unwrap();
        assert_eq!(c.trusted_proxies.len(), 2);
        assert_eq!(c.allowed_hosts, ["qa.example.com:8443", "other.test"]);
        let e = raw(&["--trusted-proxies", "10.0.0.0/99"]).resolve().unwrap_err();
        assert!(e.to_string().starts_with("CASEBOOK_TRUSTED_PROXIES: "), "{e}");
    }

    #[test]
    fn the_evidence_limit_is_in_mb_and_bounded() {
        assert_eq!(raw(&[]).resolve().unwrap().evidence_max_bytes, 25 * 1024 * 1024);
        assert_eq!(raw(&["--evidence-max-mb", "2"]).resolve().unwrap().evidence_max_bytes, 2 * 1024 * 1024);
        let e = raw(&["--evidence-max-mb", "0"]).resolve().unwrap_err();
        assert!(e.to_string().starts_with("CASEBOOK_EVIDENCE_MAX_MB"), "{e}");
    }

    #[test]
    fn a_public_url_must_be_http() {
        let e = raw(&["--public-url", "ftp://x"]).resolve().unwrap_err();
        assert!(e.to_string().contains("must start with http"), "{e}");
    }
}
