//! Wire types of users and roles.
use crate::orgs::model::OrgId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The id of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
pub struct UserId(pub i64);

crate::wire_enum! {
    /// What a person may do in their organization (see docs/permissions.md). The default, for
    /// forms only, is the least a member can do: dev.
    pub enum Role default Dev {
        Admin = "admin" / "Admin",
        Qa = "qa" / "QA",
        Dev = "dev" / "Developer",
        Manager = "manager" / "Manager",
    }
}

/// A user as stored, without secrets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub org: OrgId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub is_active: bool,
}

/// A user to insert. `email` is normalized (trimmed, lower-cased) by `normalize_email`.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub org: OrgId,
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub password_hash: Option<&'a str>,
}

/// The canonical form emails are stored and compared in.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A user as the admin's user list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub is_active: bool,
    /// True once they have set a password.
    pub registered: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A member as pickers show them (assignee lists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: UserId,
    pub name: String,
    /// What they may do: pickers offer only who can take the work (a run's cases go to QA and
    /// admins).
    pub role: Role,
}
