//! Wire types of the audit log.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// Everything the audit log records. Stored as its snake_case name.
    pub enum AuditAction {
        Setup = "setup" / "Setup",
        OrganizationCreated = "organization_created" / "Organization created",
        LoginSucceeded = "login_succeeded" / "Login succeeded",
        LoginFailed = "login_failed" / "Login failed",
        Logout = "logout" / "Logout",
        LogoutEverywhere = "logout_everywhere" / "Logout everywhere",
        SessionRevoked = "session_revoked" / "Session revoked",
        InvitationSent = "invitation_sent" / "Invitation sent",
        InvitationResent = "invitation_resent" / "Invitation resent",
        InvitationAccepted = "invitation_accepted" / "Invitation accepted",
        InvitationRevoked = "invitation_revoked" / "Invitation revoked",
        RoleChanged = "role_changed" / "Role changed",
        UserDeactivated = "user_deactivated" / "User deactivated",
        UserReactivated = "user_reactivated" / "User reactivated",
        UserSessionsRevoked = "user_sessions_revoked" / "User sessions revoked",
        PasswordChanged = "password_changed" / "Password changed",
        PasswordResetRequested = "password_reset_requested" / "Password reset requested",
        PasswordReset = "password_reset" / "Password reset",
        ProfileUpdated = "profile_updated" / "Profile updated",
        RefreshTokenReused = "refresh_token_reused" / "Refresh token reused",
        ProjectCreated = "project_created" / "Project created",
        ProjectUpdated = "project_updated" / "Project updated",
        ProjectDeleted = "project_deleted" / "Project deleted",
        StoryCreated = "story_created" / "Story created",
        StoryUpdated = "story_updated" / "Story updated",
        StoryDeleted = "story_deleted" / "Story deleted",
        StoriesImported = "stories_imported" / "Stories imported",
        CaseCreated = "case_created" / "Case created",
        CaseUpdated = "case_updated" / "Case updated",
        CaseCloned = "case_cloned" / "Case cloned",
        CaseDeleted = "case_deleted" / "Case deleted",
        CaseRestored = "case_restored" / "Case restored",
        CasesBulkUpdated = "cases_bulk_updated" / "Cases bulk updated",
        CasesBulkDeleted = "cases_bulk_deleted" / "Cases bulk deleted",
        CasesImported = "cases_imported" / "Cases imported",
        GenerationRequested = "generation_requested" / "Test cases requested from a generator",
        SuggestionsReviewed = "suggestions_reviewed" / "Generated test cases reviewed",
        GenerationSettingsChanged = "generation_settings_changed" / "Generation settings changed",
        RunCreated = "run_created" / "Test run planned",
        RunStarted = "run_started" / "Test run started",
        ResultsRecorded = "results_recorded" / "Test results recorded",
        RunCompleted = "run_completed" / "Test run completed",
        RunReopened = "run_reopened" / "Test run reopened",
        RunCasesAssigned = "run_cases_assigned" / "Run cases assigned",
        RunDeleted = "run_deleted" / "Test run deleted",
        CaseListSaved = "case_list_saved" / "Case list saved",
        CaseListDeleted = "case_list_deleted" / "Case list deleted",
        EvidenceAttached = "evidence_attached" / "Evidence attached",
        EvidenceDeleted = "evidence_deleted" / "Evidence deleted",
        BugCreated = "bug_created" / "Bug reported",
        BugUpdated = "bug_updated" / "Bug updated",
        BugAssigned = "bug_assigned" / "Bug assigned",
        BugTransition = "bug_transition" / "Bug status changed",
        BugRetested = "bug_retested" / "Bug re-tested",
        BugCommented = "bug_commented" / "Bug commented",
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

/// Entries per page of the log on screen.
pub const PAGE: i64 = 100;

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn every_action_name_parses_back() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::from_name(a.as_str()), Some(*a));
            assert_eq!(serde_json::to_string(a).unwrap(), format!("\"{}\"", a.as_str()));
        }
        assert_eq!(AuditAction::from_name("nope"), None);
    }
}
