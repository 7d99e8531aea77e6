//! Wire types of notifications.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Notifications per page of the list.
pub const PAGE: i64 = 30;
/// Most ids one `mark_notifications_read` call accepts.
pub const MAX_IDS: usize = 200;

crate::wire_enum! {
    /// What a notification is about.
    pub enum NoticeKind {
        Assigned = "assigned" / "Assigned to you",
        Mentioned = "mentioned" / "Mentioned",
        StatusChanged = "status_changed" / "Status changes",
    }
}

impl NoticeKind {
    /// The setting of a person who saved none for this kind: in the app always; by email for
    /// what asks something of them (an assignment, a mention), not for every status change.
    pub fn default_setting(self) -> NoticeSetting {
        NoticeSetting { kind: self, in_app: true, email: !matches!(self, NoticeKind::StatusChanged) }
    }
}

/// One notification as its recipient reads it (read straight from its row on the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Notification {
    pub id: i64,
    pub kind: NoticeKind,
    /// The human key of what it is about: `RUNJ-BUG-1`.
    pub subject: String,
    /// `Ada Admin assigned you RUNJ-BUG-1 “Pay by card fails”`, as written when it happened.
    pub text: String,
    /// A site path: `/projects/RUNJ/bugs/1`.
    pub href: String,
    /// The name of who made the change (None once their account is gone).
    pub actor: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// A page of notifications, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    /// The keyset cursor of the next page (pass it as `before`); None on the last page.
    pub next: Option<i64>,
    /// The caller's unread count.
    pub unread: i64,
}

/// How a person wants to be told about one kind of notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NoticeSetting {
    pub kind: NoticeKind,
    pub in_app: bool,
    pub email: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_default_status_changes_are_not_emailed() {
        let d: Vec<_> = NoticeKind::ALL
            .iter()
            .map(|k| (k.as_str(), k.default_setting().in_app, k.default_setting().email))
            .collect();
        assert_eq!(d, [("assigned", true, true), ("mentioned", true, true), ("status_changed", true, false)]);
    }
}
