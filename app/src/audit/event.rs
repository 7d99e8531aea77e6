//! An audit event as it is built where it happens, and written by `repo::record` in the same
//! transaction as the change it describes.
use super::model::AuditAction;
use crate::{
    auth::principal::{ClientInfo, CurrentUser},
    orgs::model::OrgId,
};

/// An event to append, built where it happens and written in the same transaction.
pub struct AuditEvent {
    pub action: AuditAction,
    pub org: Option<OrgId>,
    pub actor_id: Option<i64>,
    pub actor_email: Option<String>,
    pub target: Option<String>,
    pub detail: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl AuditEvent {
    pub fn new(action: AuditAction, org: Option<OrgId>, client: &ClientInfo) -> Self {
        AuditEvent {
            action,
            org,
            actor_id: None,
            actor_email: None,
            target: None,
            detail: None,
            ip: client.ip.clone(),
            user_agent: client.user_agent.clone(),
        }
    }

    pub fn actor(mut self, user: &CurrentUser) -> Self {
        self.actor_id = Some(user.id.0);
        self.actor_email = Some(user.email.clone());
        self
    }

    /// An actor known by id and email, before a `CurrentUser` exists (setup, sign-in, registration).
    pub fn actor_account(mut self, id: crate::users::model::UserId, email: &str) -> Self {
        self.actor_id = Some(id.0);
        self.actor_email = Some(email.to_owned());
        self
    }

    /// An actor known only by email (e.g. a failed login).
    pub fn actor_email(mut self, email: &str) -> Self {
        self.actor_email = Some(email.to_owned());
        self
    }

    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}
