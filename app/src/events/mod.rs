//! Events for the live stream: written in the transaction of the change they describe (so a
//! reconnecting client resumes from the table after the last `seq` it saw), and announced to
//! subscribers of every process (PostgreSQL `NOTIFY` at commit, an in-process broadcast on
//! SQLite). A subscriber holds only a wake-up signal, never a backlog: it reads what is new from
//! the table, so a stalled client costs no memory.
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod hub;
#[cfg(feature = "ssr")]
pub mod repo;
