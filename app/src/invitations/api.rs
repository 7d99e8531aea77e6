//! Server functions of invitations.
use super::model::{InvitationPreview, InvitationSent, PendingInvitation};
use crate::{error::AppError, users::model::Role};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{
        auth::permissions::Permission,
        state::{serve, serve_with},
    },
};

#[server(endpoint = "invitations/create")]
pub async fn invite_user(email: String, name: String, role: Role) -> Result<InvitationSent, AppError> {
    serve_with(Permission::ManageUsers, |ctx| async move { service::invite(&ctx, &email, &name, role).await }).await
}

#[server(endpoint = "invitations/list")]
pub async fn list_invitations() -> Result<Vec<PendingInvitation>, AppError> {
    serve_with(Permission::ManageUsers, |ctx| async move { service::list_pending(&ctx).await }).await
}

#[server(endpoint = "invitations/resend")]
pub async fn resend_invitation(id: i64) -> Result<InvitationSent, AppError> {
    serve_with(Permission::ManageUsers, |ctx| async move { service::resend(&ctx, id).await }).await
}

#[server(endpoint = "invitations/revoke")]
pub async fn revoke_invitation(id: i64) -> Result<(), AppError> {
    serve_with(Permission::ManageUsers, |ctx| async move { service::revoke(&ctx, id).await }).await
}

/// What the registration page shows. Public: the token is the credential; bad tokens are
/// rate-limited per address.
#[server(endpoint = "invitations/preview")]
pub async fn get_invitation(token: String) -> Result<InvitationPreview, AppError> {
    serve(|ctx| async move { service::preview(&ctx, &token).await }).await
}

/// Registers the invited person and signs them in. Public: needs the token.
#[server(endpoint = "invitations/accept")]
pub async fn accept_invitation(token: String, name: String, password: String) -> Result<(), AppError> {
    serve(|ctx| async move { service::accept(&ctx, &token, &name, &password).await }).await
}
