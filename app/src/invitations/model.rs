//! Wire types of invitations.
use crate::users::model::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const VALID_DAYS: i64 = 7;

/// A pending invitation as the admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub invited_by: Option<String>,
    pub sent_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// What an admin gets back after sending or resending. The link comes back only when no SMTP
/// relay is configured (the admin is then the mail): with a relay, only the invitee's mailbox
/// holds it, so nobody can accept an invitation for an address they do not read. It is never
/// stored in clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationSent {
    pub id: i64,
    pub link: Option<String>,
    pub emailed: bool,
}

/// What the registration page shows to the person who opened an invitation link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPreview {
    pub email: String,
    pub name: String,
    pub org_name: String,
    pub role: Role,
}
