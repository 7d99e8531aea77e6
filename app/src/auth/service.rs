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
        model::{normalize_email, NewUser, Role, UserId},
    },
};
use chrono::Duration;

const RESET_VALID_MINUTES: i64 = 60;

fn sign_in(ctx: &ServerCtx, issued: &session::Issued) {
    for c in session::login_cookies(&ctx.state.config, &issued.access, &issued.refresh) {
        ctx.set_cookie(&c);
    }
}

fn ip_key(ctx: &ServerCtx, scope: &str) -> String {
    format!("{scope}:ip:{}", ctx.client.ip.as_deref().unwrap_or("-"))
}

/// First run: creates the organization and its first admin, once, and signs the admin in.
pub async fn setup(
    ctx: &ServerCtx,
    org_name: &str,
    name: &str,
    email: &str,
    password_text: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    if slugify(org_name).is_empty() {
        errors.add("org_name", "Enter the organization's name (letters or digits).");
    }
    check_name(&mut errors, "name", name);
    check_email(&mut errors, "email", email);
    password::check_new_password(&mut errors, "password", password_text);
    errors.into_result()?;
    let hash = password::hash(password_text.to_owned()).await?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    if orgs::repo::count(&mut tx).await? > 0 {
        return Err(AppError::NotFound(Entity::Page));
    }
    let org = orgs::repo::insert(&mut tx, org_name.trim(), &slugify(org_name), now).await?;
    let new = NewUser { org, email, name: name.trim(), role: Role::Admin, password_hash: Some(&hash) };
    let id = users::repo::insert(&mut tx, &new, now).await?;
    users::repo::touch_login(&mut tx, id, now).await?;
    let issued = session::open_session(&mut tx, &ctx.state.config, (id, org, Role::Admin), &ctx.client, now).await?;
    let event = AuditEvent::new(AuditAction::Setup, Some(org), &ctx.client)
        .target(org_name.trim().to_owned())
        .actor_account(id, &normalize_email(email));
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    sign_in(ctx, &issued);
    Ok(())
}

/// The email step. It answers the same for every well-formed address, so it reveals nothing
/// about which accounts exist; it only checks the shape and counts against the address.
pub async fn check_login_email(ctx: &ServerCtx, email: &str) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    check_email(&mut errors, "email", email);
    errors.into_result()?;
    let now = ctx.now();
    let key = ip_key(ctx, "email_check");
    let mut tx = ctx.db().begin().await?;
    ratelimit::check(&mut tx, &key, now).await?;
    ratelimit::hit(&mut tx, &key, ratelimit::EMAIL_CHECK_IP, now).await?;
    tx.commit().await?;
    Ok(())
}

fn wrong_credentials() -> AppError {
    let mut f = FieldErrors::default();
    f.add("password", "The email or password is not right.");
    AppError::Invalid(f)
}

/// The password step: signs in, or counts a failure against the account and the address.
pub async fn login(ctx: &ServerCtx, email: &str, password_text: &str) -> Result<(), AppError> {
    let email = normalize_email(email);
    let now = ctx.now();
    let (acct_key, ip_key) = (format!("login:email:{email}"), ip_key(ctx, "login"));
    {
        let mut c = ctx.db().acquire().await?;
        ratelimit::check(&mut c, &ip_key, now).await?;
        ratelimit::check(&mut c, &acct_key, now).await?;
    }
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
            ratelimit::hit(&mut tx, &acct_key, ratelimit::LOGIN_ACCOUNT, now).await?;
            ratelimit::hit(&mut tx, &ip_key, ratelimit::LOGIN_IP, now).await?;
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
    let (ip, acct) = (ip_key(ctx, "reset"), format!("reset:email:{email}"));
    let mut tx = ctx.db().begin().await?;
    ratelimit::check(&mut tx, &ip, now).await?;
    ratelimit::hit(&mut tx, &ip, ratelimit::RESET_IP, now).await?;
    // Per-account limit: silently send nothing more rather than tell the caller the account exists.
    let account_quiet = ratelimit::check(&mut tx, &acct, now).await.is_err();
    ratelimit::hit(&mut tx, &acct, ratelimit::RESET_EMAIL, now).await?;
    let user = users::repo::credentials(&mut tx, &email).await?.map(|(u, _)| u).filter(|u| u.is_active);
    let mut outbox = None;
    if let (Some(user), false) = (user, account_quiet) {
        let token = tokens::new_token();
        insert_reset(&mut tx, &tokens::hash_token(&token), user.id, now).await?;
        let mut url = ctx.state.config.public_url.clone();
        url.set_path("/reset");
        url.set_query(Some(&format!("token={token}")));
        let body = format!(
            "Someone asked to reset the password of your Casebook account.\n\n\
             Open this link within {RESET_VALID_MINUTES} minutes to choose a new password (it works once):\n{url}\n\n\
             If it was not you, ignore this email: your password stays as it is."
        );
        let email = Email { to: &user.email, subject: "Reset your Casebook password", body: &body };
        outbox = Some(mail::enqueue(&mut tx, Some(user.org), &email, now).await?);
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

async fn insert_reset(
    tx: &mut crate::db::Tx,
    hash: &str,
    user: UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), sqlx::Error> {
    crate::db_run!(tx, conn => sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(hash).bind(user.0).bind(now).bind(now + Duration::minutes(RESET_VALID_MINUTES))
    .execute(conn).await.map(drop))
}

/// Sets a new password with a reset token, and signs the person out everywhere.
pub async fn reset_password(ctx: &ServerCtx, token: &str, password_text: &str) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    password::check_new_password(&mut errors, "password", password_text);
    errors.into_result()?;
    let hash = password::hash(password_text.to_owned()).await?;
    let now = ctx.now();
    let key = ip_key(ctx, "token");
    let mut tx = ctx.db().begin().await?;
    ratelimit::check(&mut tx, &key, now).await?;
    let used: Option<(i64, i64, String)> = crate::db_run!(&mut tx, conn => sqlx::query_as(
        "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
         RETURNING user_id, (SELECT organization_id FROM users WHERE id = user_id), (SELECT email FROM users WHERE id = user_id)",
    )
    .bind(tokens::hash_token(token.trim())).bind(now).fetch_optional(conn).await)?;
    let Some((user, org, email)) = used else {
        ratelimit::hit(&mut tx, &key, ratelimit::TOKEN_IP, now).await?;
        tx.commit().await?;
        return Err(AppError::conflict("This reset link is not valid any more. Ask for a new one."));
    };
    users::repo::set_password(&mut tx, UserId(user), &hash, now).await?;
    sessions::revoke_user_sessions(&mut tx, UserId(user), "password reset", now).await?;
    let event = AuditEvent::new(AuditAction::PasswordReset, Some(crate::orgs::model::OrgId(org)), &ctx.client)
        .actor_email(&email);
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Changes the signed-in person's password (needs the current one). Other sessions end.
pub async fn change_password(ctx: &ServerCtx, current: &str, new: &str) -> Result<(), AppError> {
    let user = ctx.user()?;
    let mut errors = FieldErrors::default();
    password::check_new_password(&mut errors, "new_password", new);
    errors.into_result()?;
    let stored = users::repo::password_hash(&mut ctx.db().acquire().await?, user.org, user.id).await?;
    if !password::verify(current.to_owned(), stored).await? {
        let mut f = FieldErrors::default();
        f.add("current_password", "This is not your current password.");
        return Err(AppError::Invalid(f));
    }
    let hash = password::hash(new.to_owned()).await?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    users::repo::set_password(&mut tx, user.id, &hash, now).await?;
    crate::db_run!(&mut tx, conn => sqlx::query(
        "UPDATE sessions SET revoked_at = $3, revoked_reason = 'password changed' WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL",
    )
    .bind(user.id.0).bind(&user.session_id).bind(now).execute(conn).await.map(drop))?;
    audit::repo::record(
        &mut tx,
        &AuditEvent::new(AuditAction::PasswordChanged, Some(user.org), &ctx.client).actor(user),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
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
