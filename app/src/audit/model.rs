//! Wire types of the audit log.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Everything the audit log records. Stored as its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Setup,
    OrganizationCreated,
    LoginSucceeded,
    LoginFailed,
    Logout,
    LogoutEverywhere,
    SessionRevoked,
    InvitationSent,
    InvitationResent,
    InvitationAccepted,
    InvitationRevoked,
    RoleChanged,
    UserDeactivated,
    UserReactivated,
    UserSessionsRevoked,
    PasswordChanged,
    PasswordResetRequested,
    PasswordReset,
    ProfileUpdated,
    RefreshTokenReused,
    ProjectCreated,
    ProjectUpdated,
    ProjectDeleted,
    StoryCreated,
    StoryUpdated,
    StoryDeleted,
    StoriesImported,
}

impl AuditAction {
    pub const ALL: [AuditAction; 27] = [
        AuditAction::Setup,
        AuditAction::OrganizationCreated,
        AuditAction::LoginSucceeded,
        AuditAction::LoginFailed,
        AuditAction::Logout,
        AuditAction::LogoutEverywhere,
        AuditAction::SessionRevoked,
        AuditAction::InvitationSent,
        AuditAction::InvitationResent,
        AuditAction::InvitationAccepted,
        AuditAction::InvitationRevoked,
        AuditAction::RoleChanged,
        AuditAction::UserDeactivated,
        AuditAction::UserReactivated,
        AuditAction::UserSessionsRevoked,
        AuditAction::PasswordChanged,
        AuditAction::PasswordResetRequested,
        AuditAction::PasswordReset,
        AuditAction::ProfileUpdated,
        AuditAction::RefreshTokenReused,
        AuditAction::ProjectCreated,
        AuditAction::ProjectUpdated,
        AuditAction::ProjectDeleted,
        AuditAction::StoryCreated,
        AuditAction::StoryUpdated,
        AuditAction::StoryDeleted,
        AuditAction::StoriesImported,
    ];

    /// The stored and wire name, e.g. `login_failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Setup => "setup",
            AuditAction::OrganizationCreated => "organization_created",
            AuditAction::LoginSucceeded => "login_succeeded",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::Logout => "logout",
            AuditAction::LogoutEverywhere => "logout_everywhere",
            AuditAction::SessionRevoked => "session_revoked",
            AuditAction::InvitationSent => "invitation_sent",
            AuditAction::InvitationResent => "invitation_resent",
            AuditAction::InvitationAccepted => "invitation_accepted",
            AuditAction::InvitationRevoked => "invitation_revoked",
            AuditAction::RoleChanged => "role_changed",
            AuditAction::UserDeactivated => "user_deactivated",
            AuditAction::UserReactivated => "user_reactivated",
            AuditAction::UserSessionsRevoked => "user_sessions_revoked",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::PasswordResetRequested => "password_reset_requested",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::ProfileUpdated => "profile_updated",
            AuditAction::RefreshTokenReused => "refresh_token_reused",
            AuditAction::ProjectCreated => "project_created",
            AuditAction::ProjectUpdated => "project_updated",
            AuditAction::ProjectDeleted => "project_deleted",
            AuditAction::StoryCreated => "story_created",
            AuditAction::StoryUpdated => "story_updated",
            AuditAction::StoryDeleted => "story_deleted",
            AuditAction::StoriesImported => "stories_imported",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// One row of the audit log as an admin reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub action: String,
    pub actor: Option<String>,
    pub target: Option<String>,
    pub detail: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// Filters of the audit page and export; empty or missing mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    pub action: String,
    pub actor: String,
    /// `YYYY-MM-DD`, inclusive.
    pub from: String,
    /// `YYYY-MM-DD`, inclusive.
    pub to: String,
}

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn every_action_name_parses_back() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
        }
        assert_eq!(AuditAction::parse("nope"), None);
    }
}
