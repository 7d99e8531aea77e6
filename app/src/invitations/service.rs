//! Use cases of invitations: invite, resend, revoke, preview and accept.
use super::{
    model::{InvitationPreview, InvitationSent, VALID_DAYS},
    repo,
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    auth::{
        model::{check_email, check_name},
        password, session, tokens,
    },
    error::{AppError, Entity, FieldErrors},
    mail::{self, Email},
    ratelimit,
    state::ServerCtx,
    users::{
        self,
        model::{normalize_email, NewUser, Role},
    },
};
use chrono::Duration;

fn link(ctx: &ServerCtx, token: &str) -> String {
    let mut url = ctx.state.config.public_url.clone();
    url.set_path("/invite");
    url.set_query(Some(&format!("token={token}")));
    url.to_string()
}

fn message(org_name: &str, inviter: &str, link: &str) -> String {
    format!(
        "{inviter} invited you to join {org_name} on Casebook.\n\n\
         Open this link to choose your password and sign in (it works once, for {VALID_DAYS} days):\n{link}\n\n\
         If you did not expect this, you can ignore this email."
    )
}

async fn org_name(ctx: &ServerCtx, tx: &mut crate::db::Tx) -> Result<String, AppError> {
    let org = ctx.user()?.org;
    Ok(crate::orgs::repo::get(tx, org).await?.map(|o| o.name).unwrap_or_default())
}

/// The organization's invitations still waiting for an answer.
pub async fn list_pending(ctx: &ServerCtx) -> Result<Vec<super::model::PendingInvitation>, AppError> {
    let org = ctx.user()?.org;
    Ok(repo::list_pending(&mut ctx.db().acquire().await?, org, ctx.now()).await?)
}

/// Sends an invitation to `email` for `role`. Needs `ManageUsers` (checked by the caller).
pub async fn invite(ctx: &ServerCtx, email: &str, name: &str, role: Role) -> Result<InvitationSent, AppError> {
    let by = ctx.user()?;
    let mut errors = FieldErrors::default();
    check_email(&mut errors, "email", email);
    check_name(&mut errors, "name", name);
    errors.into_result()?;
    let email = normalize_email(email);
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    // Only this organization's own people and invitations give a different answer: an address
    // known to another organization is invited like a new one (see docs/permissions.md), and
    // the invitee's mailbox decides (accepting says the address already has an account).
    if users::repo::find_member_by_email(&mut tx, by.org, &email).await?.is_some() {
        return Err(AppError::conflict("This person is already a member of your organization."));
    }
    if repo::pending_for_email(&mut tx, by.org, &email, now).await? {
        return Err(AppError::conflict("This email already has a pending invitation: resend it from the list below."));
    }
    let token = tokens::new_token();
    let new = repo::NewInvitation {
        org: by.org,
        email: &email,
        name: name.trim(),
        role,
        token_hash: &tokens::hash_token(&token),
        invited_by: by.id,
        expires_at: now + Duration::days(VALID_DAYS),
    };
    let id = repo::insert(&mut tx, &new, now).await?;
    let event = AuditEvent::new(AuditAction::InvitationSent, Some(by.org), &ctx.client)
        .actor(by)
        .target(email.clone())
        .detail(format!("role {}", role.as_str()));
    send(ctx, tx, Outgoing { id, email: &email, token: &token, reminder: false, event }).await
}

/// An invitation email about to go out, with its audit event.
struct Outgoing<'a> {
    id: i64,
    email: &'a str,
    token: &'a str,
    reminder: bool,
    event: AuditEvent,
}

/// Queues the email and the audit event in `tx`, commits, then tries to send the email.
async fn send(ctx: &ServerCtx, mut tx: crate::db::Tx, out: Outgoing<'_>) -> Result<InvitationSent, AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let link = link(ctx, out.token);
    let org_name = org_name(ctx, &mut tx).await?;
    let body = message(&org_name, &by.name, &link);
    let reminder = if out.reminder { "Reminder: y" } else { "Y" };
    let subject = format!("{reminder}ou are invited to {org_name} on Casebook");
    let email = Email { to: out.email, subject: &subject, body: &body, secret: Some(out.token) };
    let mailer = &ctx.state.mailer;
    let outbox = mail::enqueue(&mut tx, mailer, Some(by.org), &email, now).await?;
    audit::repo::record(&mut tx, &out.event, now).await?;
    tx.commit().await?;
    let emailed = mail::deliver(ctx.db(), mailer, outbox).await?;
    let link = matches!(mailer, mail::Mailer::OutboxOnly).then_some(link);
    Ok(InvitationSent { id: out.id, link, emailed })
}

/// Sends a pending invitation again with a new link (the old one stops working).
pub async fn resend(ctx: &ServerCtx, id: i64) -> Result<InvitationSent, AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let (email, _) =
        repo::get_pending(&mut tx, by.org, id, now).await?.ok_or(AppError::NotFound(Entity::Invitation))?;
    let token = tokens::new_token();
    repo::renew(&mut tx, by.org, id, &tokens::hash_token(&token), now, now + Duration::days(VALID_DAYS)).await?;
    let event =
        AuditEvent::new(AuditAction::InvitationResent, Some(by.org), &ctx.client).actor(by).target(email.clone());
    send(ctx, tx, Outgoing { id, email: &email, token: &token, reminder: true, event }).await
}

pub async fn revoke(ctx: &ServerCtx, id: i64) -> Result<(), AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let (email, _) =
        repo::get_pending(&mut tx, by.org, id, now).await?.ok_or(AppError::NotFound(Entity::Invitation))?;
    repo::revoke(&mut tx, by.org, id, now).await?;
    let event = AuditEvent::new(AuditAction::InvitationRevoked, Some(by.org), &ctx.client).actor(by).target(email);
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The invitation behind `token` if it can still be accepted, or a clear reason why not. Bad
/// tokens count against the caller's address.
async fn usable(ctx: &ServerCtx, tx: &mut crate::db::Tx, token: &str) -> Result<repo::Found, AppError> {
    let now = ctx.now();
    let ip_key = ctx.client.key("token");
    ratelimit::check(tx, &ip_key, now).await?;
    let found = match tokens::lookup_hash(token) {
        Some(hash) => repo::find_by_token(tx, &hash).await?,
        None => None,
    };
    let problem = match &found {
        None => Some(AppError::NotFound(Entity::Invitation)),
        Some(f) if f.accepted => Some(AppError::conflict("This invitation has already been used. Sign in instead.")),
        Some(f) if f.revoked => {
            Some(AppError::conflict("This invitation was withdrawn. Ask your administrator for a new one."))
        }
        Some(f) if f.expires_at <= now => {
            Some(AppError::conflict("This invitation has expired. Ask your administrator to send it again."))
        }
        Some(_) => None,
    };
    match (problem, found) {
        (None, Some(f)) => Ok(f),
        (problem, _) => {
            ratelimit::count(tx, &ip_key, ratelimit::TOKEN_IP, now).await?;
            Err(problem.unwrap_or(AppError::NotFound(Entity::Invitation)))
        }
    }
}

pub async fn preview(ctx: &ServerCtx, token: &str) -> Result<InvitationPreview, AppError> {
    let mut tx = ctx.db().begin().await?;
    let result = usable(ctx, &mut tx, token).await;
    tx.commit().await?;
    let f = result?;
    Ok(InvitationPreview { email: f.email, name: f.name, org_name: f.org_name, role: f.role })
}

/// Registers the invited person with their chosen name and password and signs them in. The
/// token is checked (and a bad one counted) before anything is hashed.
pub async fn accept(ctx: &ServerCtx, token: &str, name: &str, password_text: &str) -> Result<(), AppError> {
    let mut tx = ctx.db().begin().await?;
    let checked = usable(ctx, &mut tx, token).await;
    tx.commit().await?;
    checked?;
    let mut errors = FieldErrors::default();
    check_name(&mut errors, "name", name);
    password::check_new_password(&mut errors, "password", password_text);
    errors.into_result()?;
    let hash = password::hash(password_text.to_owned()).await?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let found = usable(ctx, &mut tx, token).await?;
    if !repo::mark_accepted(&mut tx, found.id, now).await? {
        return Err(AppError::conflict("This invitation has already been used. Sign in instead."));
    }
    let new = NewUser {
        org: found.org,
        email: &found.email,
        name: name.trim(),
        role: found.role,
        password_hash: Some(&hash),
    };
    let id = users::repo::insert(&mut tx, &new, now).await.map_err(crate::db::on_unique(|| {
        AppError::conflict("Someone with this email already has a Casebook account. Sign in instead.")
    }))?;
    users::repo::touch_login(&mut tx, id, now).await?;
    let issued =
        session::open_session(&mut tx, &ctx.state.config, (id, found.org, found.role), &ctx.client, now).await?;
    let event = AuditEvent::new(AuditAction::InvitationAccepted, Some(found.org), &ctx.client)
        .target(found.email.clone())
        .actor_account(id, &found.email);
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    for c in session::login_cookies(&ctx.state.config, &issued.access, &issued.refresh) {
        ctx.set_cookie(&c);
    }
    Ok(())
}
