//! Use cases of signing in and out, first-run setup, and passwords.
use super::{
    model::{check_email, check_name, Me, SessionInfo},
    password, repo as sessions, session, tokens,
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    error::{AppError, Entity, FieldErrors},
    mail::{self, Email},
    orgs::{self, model::slugify},
    ratelimit,
    state::ServerCtx,
    users::{
        self,
        model::{normalize_email, NewUser, Role},
    },
};
use chrono::Duration;

const RESET_VALID_MINUTES: i64 = 60;
/// The longest password a sign-in is checked against: longer ones are refused unhashed (no
/// account can have one: new passwords are at most `MAX_PASSWORD_LEN` characters).
pub const MAX_PASSWORD_BYTES: usize = 1024;

fn sign_in(ctx: &ServerCtx, issued: &session::Issued) {
    for c in session::login_cookies(&ctx.state.config, &issued.access, &issued.refresh) {
        ctx.set_cookie(&c);
    }
}

/// First run: creates the organization and its first admin, once, and signs the admin in.
/// The cheap checks come first (setup not done yet, the setup token, the fields); the password
/// is hashed last.
pub async fn setup(ctx: &ServerCtx, form: &SetupForm<'_>) -> Result<(), AppError> {
    if orgs::repo::count(&mut ctx.db().acquire().await?).await? > 0 {
        return Err(AppError::NotFound(Entity::Page));
    }
    let mut errors = FieldErrors::default();
    if let Some(expected) = &ctx.state.config.setup_token {
        let key = ctx.client.key("setup");
        ratelimit::check(&mut ctx.db().acquire().await?, &key, ctx.now()).await?;
        if !tokens::same(form.setup_token.trim(), expected) {
            ratelimit::failure(ctx.db(), &key, ratelimit::TOKEN_IP, ctx.now()).await?;
            errors.add("setup_token", "This is not the setup token. Copy it from the server's log.");
            return Err(AppError::Invalid(errors));
        }
    }
    if slugify(form.org_name).is_empty() {
        errors.add("org_name", "Enter the organization's name (letters or digits).");
    } else if form.org_name.trim().chars().count() > 100 {
        errors.add("org_name", "Use at most 100 characters.");
    }
    check_name(&mut errors, "name", form.name);
    check_email(&mut errors, "email", form.email);
    password::check_new_password(&mut errors, "password", form.password);
    errors.into_result()?;
    let hash = password::hash(form.password.to_owned()).await?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    // Checked again inside the transaction: two setups at once create one organization.
    if orgs::repo::count(&mut tx).await? > 0 {
        return Err(AppError::NotFound(Entity::Page));
    }
    let org_name = form.org_name.trim();
    let org = orgs::repo::insert(&mut tx, org_name, &slugify(org_name), now).await?;
    let new = NewUser { org, email: form.email, name: form.name.trim(), role: Role::Admin, password_hash: Some(&hash) };
    let id = users::repo::insert(&mut tx, &new, now).await?;
    users::repo::touch_login(&mut tx, id, now).await?;
    let issued = session::open_session(&mut tx, &ctx.state.config, (id, org, Role::Admin), &ctx.client, now).await?;
    let event = AuditEvent::new(AuditAction::Setup, Some(org), &ctx.client)
        .target(org_name.to_owned())
        .actor_account(id, &normalize_email(form.email));
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    sign_in(ctx, &issued);
    Ok(())
}

/// What the first-run setup form sends.
pub struct SetupForm<'a> {
    pub org_name: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub password: &'a str,
    pub setup_token: &'a str,
}

/// The email step. It answers the same for every well-formed address, so it reveals nothing
/// about which accounts exist; only malformed addresses count against the caller's address.
pub async fn check_login_email(ctx: &ServerCtx, email: &str) -> Result<(), AppError> {
    let now = ctx.now();
    let key = ctx.client.key("email_check");
    ratelimit::check(&mut ctx.db().acquire().await?, &key, now).await?;
    let mut errors = FieldErrors::default();
    check_email(&mut errors, "email", email);
    if errors.get("email").is_some() {
        ratelimit::failure(ctx.db(), &key, ratelimit::EMAIL_CHECK_IP, now).await?;
    }
    errors.into_result()
}

fn wrong_credentials() -> AppError {
    let mut f = FieldErrors::default();
    f.add("password", "The email or password is not right.");
    AppError::Invalid(f)
}

/// The password step: signs in, or counts a failure against the account and the address.
///
/// Order: the shape of the input (no key is made from an over-long email), the address's
/// throttle, then the account's attempt is counted *before* the password is verified, so
/// concurrent guesses cannot slip past the limit; the hash runs last, on the bounded pool.
pub async fn login(ctx: &ServerCtx, email: &str, password_text: &str) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    check_email(&mut errors, "email", email);
    errors.into_result()?;
    if password_text.is_empty() || password_text.len() > MAX_PASSWORD_BYTES {
        return Err(wrong_credentials());
    }
    let email = normalize_email(email);
    let now = ctx.now();
    let (acct_key, ip_key) = (format!("login:email:{email}"), ctx.client.key("login"));
    ratelimit::check(&mut ctx.db().acquire().await?, &ip_key, now).await?;
    ratelimit::attempt(ctx.db(), &acct_key, ratelimit::LOGIN_ACCOUNT, now).await?;
    let found = users::repo::credentials(&mut ctx.db().acquire().await?, &email).await?;
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), h),
        None => (None, None),
    };
    let ok = password::verify(password_text.to_owned(), hash).await?;
    let mut tx = ctx.db().begin().await?;
    let user = match user {
        Some(u) if ok => u,
        other => {
            ratelimit::count(&mut tx, &ip_key, ratelimit::LOGIN_IP, now).await?;
            let event =
                AuditEvent::new(AuditAction::LoginFailed, other.map(|u| u.org), &ctx.client).actor_email(&email);
            audit::repo::record(&mut tx, &event, now).await?;
            tx.commit().await?;
            return Err(wrong_credentials());
        }
    };
    let org_active = orgs::repo::get(&mut tx, user.org).await?.is_some_and(|o| o.is_active);
    if !user.is_active || !org_active {
        let event = AuditEvent::new(AuditAction::LoginFailed, Some(user.org), &ctx.client)
            .actor_email(&email)
            .detail("account deactivated");
        audit::repo::record(&mut tx, &event, now).await?;
        tx.commit().await?;
        return Err(AppError::Forbidden);
    }
    ratelimit::clear(&mut tx, &acct_key).await?;
    users::repo::touch_login(&mut tx, user.id, now).await?;
    let issued =
        session::open_session(&mut tx, &ctx.state.config, (user.id, user.org, user.role), &ctx.client, now).await?;
    let event =
        AuditEvent::new(AuditAction::LoginSucceeded, Some(user.org), &ctx.client).actor_account(user.id, &email);
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    sign_in(ctx, &issued);
    Ok(())
}

/// Ends this session (or, with `everywhere`, every session of the person).
pub async fn logout(ctx: &ServerCtx, everywhere: bool) -> Result<(), AppError> {
    for c in session::logout_cookies(&ctx.state.config) {
        ctx.set_cookie(&c);
    }
    let Some(user) = ctx.user.as_ref() else {
        return Ok(());
    };
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let action = if everywhere {
        sessions::revoke_user_sessions(&mut tx, user.id, "logout everywhere", now).await?;
        AuditAction::LogoutEverywhere
    } else {
        sessions::revoke_session(&mut tx, &user.session_id, "logout", now).await?;
        AuditAction::Logout
    };
    audit::repo::record(&mut tx, &AuditEvent::new(action, Some(user.org), &ctx.client).actor(user), now).await?;
    tx.commit().await?;
    Ok(())
}

/// The signed-in person, if any.
pub async fn me(ctx: &ServerCtx) -> Result<Option<Me>, AppError> {
    let Some(u) = ctx.user.as_ref() else {
        return Ok(None);
    };
    let org_name = orgs::repo::get(&mut ctx.db().acquire().await?, u.org).await?.map(|o| o.name).unwrap_or_default();
    Ok(Some(Me { id: u.id, org: u.org, org_name, email: u.email.clone(), name: u.name.clone(), role: u.role }))
}

/// Sends a reset link if the account exists; answers the same either way.
pub async fn request_reset(ctx: &ServerCtx, email: &str) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    check_email(&mut errors, "email", email);
    errors.into_result()?;
    let email = normalize_email(email);
    let now = ctx.now();
    let (ip, acct) = (ctx.client.key("reset"), format!("reset:email:{email}"));
    ratelimit::attempt(ctx.db(), &ip, ratelimit::RESET_IP, now).await?;
    let mut tx = ctx.db().begin().await?;
    // Per-account limit: silently send nothing more rather than tell the caller the account exists.
    let account_quiet = ratelimit::count(&mut tx, &acct, ratelimit::RESET_EMAIL, now).await?.is_some();
    let user = users::repo::credentials(&mut tx, &email).await?.map(|(u, _)| u).filter(|u| u.is_active);
    let mut outbox = None;
    if let (Some(user), false) = (user, account_quiet) {
        let token = tokens::new_token();
        let expires = now + Duration::minutes(RESET_VALID_MINUTES);
        sessions::insert_reset(&mut tx, &tokens::hash_token(&token), user.id, now, expires).await?;
        let mut url = ctx.state.config.public_url.clone();
        url.set_path("/reset");
        url.set_query(Some(&format!("token={token}")));
        let body = format!(
            "Someone asked to reset the password of your Casebook account.\n\n\
             Open this link within {RESET_VALID_MINUTES} minutes to choose a new password (it works once):\n{url}\n\n\
             If it was not you, ignore this email: your password stays as it is."
        );
        let email =
            Email { to: &user.email, subject: "Reset your Casebook password", body: &body, secret: Some(&token) };
        outbox = Some(mail::enqueue(&mut tx, &ctx.state.mailer, Some(user.org), &email, now).await?);
        let event =
            AuditEvent::new(AuditAction::PasswordResetRequested, Some(user.org), &ctx.client).actor_email(&user.email);
        audit::repo::record(&mut tx, &event, now).await?;
    }
    tx.commit().await?;
    if let Some(id) = outbox {
        mail::deliver(ctx.db(), &ctx.state.mailer, id).await?;
    }
    Ok(())
}

/// Sets a new password with a reset token, and signs the person out everywhere. The token is
/// checked (and a bad one counted against the address) before the new password is hashed.
pub async fn reset_password(ctx: &ServerCtx, token: &str, password_text: &str) -> Result<(), AppError> {
    let now = ctx.now();
    let key = ctx.client.key("token");
    ratelimit::check(&mut ctx.db().acquire().await?, &key, now).await?;
    let token_hash = tokens::lookup_hash(token);
    let found = match &token_hash {
        Some(hash) => sessions::find_reset(&mut ctx.db().acquire().await?, hash, now).await?,
        None => None,
    };
    let (Some((user, org, email)), Some(token_hash)) = (found, token_hash) else {
        ratelimit::failure(ctx.db(), &key, ratelimit::TOKEN_IP, now).await?;
        return Err(AppError::conflict("This reset link is not valid any more. Ask for a new one."));
    };
    let mut errors = FieldErrors::default();
    password::check_new_password(&mut errors, "password", password_text);
    errors.into_result()?;
    let hash = password::hash(password_text.to_owned()).await?;
    let mut tx = ctx.db().begin().await?;
    if !sessions::use_reset(&mut tx, &token_hash, ctx.now()).await? {
        return Err(AppError::conflict("This reset link is not valid any more. Ask for a new one."));
    }
    users::repo::set_password(&mut tx, user, &hash, now).await?;
    sessions::revoke_user_sessions(&mut tx, user, "password reset", now).await?;
    let event = AuditEvent::new(AuditAction::PasswordReset, Some(org), &ctx.client).actor_email(&email);
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Changes the signed-in person's password (needs the current one). Other sessions end.
/// Attempts are counted per person before the current password is verified.
pub async fn change_password(ctx: &ServerCtx, current: &str, new: &str) -> Result<(), AppError> {
    let user = ctx.user()?;
    let mut errors = FieldErrors::default();
    password::check_new_password(&mut errors, "new_password", new);
    errors.into_result()?;
    if current.len() > MAX_PASSWORD_BYTES {
        return Err(not_current_password());
    }
    let key = format!("password_change:user:{}", user.id.0);
    ratelimit::attempt(ctx.db(), &key, ratelimit::PASSWORD_CHANGE, ctx.now()).await?;
    let stored = users::repo::password_hash(&mut ctx.db().acquire().await?, user.org, user.id).await?;
    if !password::verify(current.to_owned(), stored).await? {
        return Err(not_current_password());
    }
    let hash = password::hash(new.to_owned()).await?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    ratelimit::clear(&mut tx, &key).await?;
    users::repo::set_password(&mut tx, user.id, &hash, now).await?;
    sessions::revoke_other_sessions(&mut tx, user.id, &user.session_id, "password changed", now).await?;
    audit::repo::record(
        &mut tx,
        &AuditEvent::new(AuditAction::PasswordChanged, Some(user.org), &ctx.client).actor(user),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn not_current_password() -> AppError {
    let mut f = FieldErrors::default();
    f.add("current_password", "This is not your current password.");
    AppError::Invalid(f)
}

pub async fn update_profile(ctx: &ServerCtx, name: &str) -> Result<(), AppError> {
    let user = ctx.user()?;
    let mut errors = FieldErrors::default();
    check_name(&mut errors, "name", name);
    errors.into_result()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    users::repo::set_name(&mut tx, user.org, user.id, name.trim(), now).await?;
    audit::repo::record(
        &mut tx,
        &AuditEvent::new(AuditAction::ProfileUpdated, Some(user.org), &ctx.client).actor(user),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn my_sessions(ctx: &ServerCtx) -> Result<Vec<SessionInfo>, AppError> {
    let user = ctx.user()?;
    let mut list = sessions::list_live_sessions(&mut ctx.db().acquire().await?, user.id, ctx.now()).await?;
    for s in &mut list {
        s.current = s.id == user.session_id;
    }
    Ok(list)
}

/// Ends one of the signed-in person's own sessions.
pub async fn revoke_my_session(ctx: &ServerCtx, id: &str) -> Result<(), AppError> {
    let user = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let mine = sessions::list_live_sessions(&mut tx, user.id, now).await?.iter().any(|s| s.id == id);
    if !mine {
        return Err(AppError::NotFound(Entity::Session));
    }
    sessions::revoke_session(&mut tx, id, "revoked by owner", now).await?;
    let event = AuditEvent::new(AuditAction::SessionRevoked, Some(user.org), &ctx.client)
        .actor(user)
        .target(format!("session {id}"));
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}
