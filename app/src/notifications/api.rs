//! Server functions of notifications: every signed-in member reads, marks and configures their
//! own (`ReceiveNotifications`), in their own organization; nobody else's are ever reached.
use super::model::{NoticeSetting, NotificationPage};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

/// A page of the caller's notifications, newest first (30); `before` is the previous page's `next`.
#[server(endpoint = "notifications/list")]
pub async fn list_notifications(
    #[server(default)] before: Option<i64>,
    #[server(default)] unread_only: bool,
) -> Result<NotificationPage, AppError> {
    serve_with(Permission::ReceiveNotifications, |ctx| async move { service::list(&ctx, before, unread_only).await })
        .await
}

/// The caller's unread count (the bell).
#[server(endpoint = "notifications/unread")]
pub async fn unread_notifications() -> Result<i64, AppError> {
    serve_with(Permission::ReceiveNotifications, |ctx| async move { service::unread(&ctx).await }).await
}

/// Marks `ids` (at most 200) or `all` of the caller's notifications as read; returns the unread
/// count after.
#[server(endpoint = "notifications/read")]
pub async fn mark_notifications_read(
    #[server(default)] ids: Vec<i64>,
    #[server(default)] all: bool,
) -> Result<i64, AppError> {
    serve_with(Permission::ReceiveNotifications, |ctx| async move { service::mark_read(&ctx, &ids, all).await }).await
}

/// The caller's settings, one per kind (`NoticeKind::ALL` order).
#[server(endpoint = "notifications/settings")]
pub async fn notification_settings() -> Result<Vec<NoticeSetting>, AppError> {
    serve_with(Permission::ReceiveNotifications, |ctx| async move { service::settings(&ctx).await }).await
}

/// Saves the caller's settings; returns them all.
#[server(endpoint = "notifications/settings/save")]
pub async fn save_notification_settings(settings: Vec<NoticeSetting>) -> Result<Vec<NoticeSetting>, AppError> {
    serve_with(Permission::ReceiveNotifications, |ctx| async move { service::save_settings(&ctx, &settings).await })
        .await
}
