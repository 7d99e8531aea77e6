//! Server functions of signing in and out, setup, profile and passwords.
use super::model::{Me, SessionInfo};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::service, crate::state::serve};

/// First-run setup: the organization and its first admin. Public, and only while no
/// organization exists (404 afterwards); needs the setup token when the server has one.
#[server(endpoint = "auth/setup")]
pub async fn run_setup(
    org_name: String,
    name: String,
    email: String,
    password: String,
    setup_token: Option<String>,
) -> Result<(), AppError> {
    serve(|ctx| async move {
        let form = service::SetupForm {
            org_name: &org_name,
            name: &name,
            email: &email,
            password: &password,
            setup_token: setup_token.as_deref().unwrap_or(""),
        };
        service::setup(&ctx, &form).await
    })
    .await
}

/// Login step 1. Public; rate-limited; the same answer for every well-formed email.
#[server(endpoint = "auth/check_email")]
pub async fn check_email(email: String) -> Result<(), AppError> {
    serve(|ctx| async move { service::check_login_email(&ctx, &email).await }).await
}

/// Login step 2. Public; rate-limited with lock-out.
#[server(endpoint = "auth/login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    serve(|ctx| async move { service::login(&ctx, &email, &password).await }).await
}

/// Ends this session. Anyone (signed out already is fine).
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    serve(|ctx| async move { service::logout(&ctx, false).await }).await
}

/// Ends every session of the signed-in person.
#[server(endpoint = "auth/logout_everywhere")]
pub async fn logout_everywhere() -> Result<(), AppError> {
    serve(|ctx| async move {
        ctx.user()?;
        service::logout(&ctx, true).await
    })
    .await
}

/// Who is signed in (None for visitors).
#[server(endpoint = "auth/me")]
pub async fn get_me() -> Result<Option<Me>, AppError> {
    serve(|ctx| async move { service::me(&ctx).await }).await
}

/// Asks for a reset link. Public; rate-limited; the same answer whether or not the email exists.
#[server(endpoint = "auth/request_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    serve(|ctx| async move { service::request_reset(&ctx, &email).await }).await
}

/// Sets a new password with a reset token. Public (the token is the credential).
#[server(endpoint = "auth/reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    serve(|ctx| async move { service::reset_password(&ctx, &token, &password).await }).await
}

#[server(endpoint = "auth/change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    serve(|ctx| async move { service::change_password(&ctx, &current_password, &new_password).await }).await
}

#[server(endpoint = "auth/update_profile")]
pub async fn update_profile(name: String) -> Result<(), AppError> {
    serve(|ctx| async move { service::update_profile(&ctx, &name).await }).await
}

#[server(endpoint = "auth/sessions")]
pub async fn list_my_sessions() -> Result<Vec<SessionInfo>, AppError> {
    serve(|ctx| async move { service::my_sessions(&ctx).await }).await
}

#[server(endpoint = "auth/revoke_session")]
pub async fn revoke_my_session(id: String) -> Result<(), AppError> {
    serve(|ctx| async move { service::revoke_my_session(&ctx, &id).await }).await
}
