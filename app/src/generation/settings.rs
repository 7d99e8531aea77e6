//! The organization's generation settings: which provider, its address and model, the API key
//! (sealed with the instance secret, bound to the organization, shown back as its last four
//! characters, never logged), request limits and the monthly token budget.
use super::{
    model::{ProviderInput, ProviderKind, ProviderSettings},
    providers::{self, Endpoint},
    repo::{self, SettingsChange, SettingsRow},
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    auth::permissions::Permission,
    db::AsConn,
    error::{AppError, FieldErrors},
    orgs::model::OrgId,
    sealed,
    state::ServerCtx,
};
use chrono::{DateTime, Utc};
use std::time::{Duration, Instant};

/// The purpose the key is sealed for.
const KEY_PURPOSE: &str = "generation provider api key";

fn bound(org: OrgId) -> String {
    format!("organization:{}", org.0)
}

/// The provider endpoint `row` describes (the built-in rules without settings); an error in
/// plain words when the stored key cannot be opened with this server's secret.
pub fn endpoint(secret: &[u8], org: OrgId, row: Option<&SettingsRow>, timeout: Duration) -> Result<Endpoint, String> {
    let Some(row) = row else {
        return Ok(Endpoint {
            kind: ProviderKind::Offline,
            base_url: String::new(),
            model: String::new(),
            key: None,
            timeout,
        });
    };
    let key = match &row.api_key_sealed {
        None => None,
        Some(s) => Some(sealed::open(secret, KEY_PURPOSE, &bound(org), s).ok_or_else(|| {
            "The stored API key cannot be read with this server's secret (was the secret changed?). An admin must enter it again in Settings › Generation.".to_owned()
        })?),
    };
    Ok(Endpoint { kind: row.kind, base_url: row.base_url.clone(), model: row.model.clone(), key, timeout })
}

/// Why the organization may not spend more tokens this month, if it may not.
pub async fn budget_used_up(
    c: &mut impl AsConn,
    org: OrgId,
    now: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    let Some(row) = repo::settings(c, org).await? else { return Ok(None) };
    let Some(budget) = row.monthly_token_budget else { return Ok(None) };
    let used = repo::usage(c, org, &repo::month(now)).await?;
    Ok((used >= budget).then(|| {
        format!("The organization's monthly token budget ({budget} tokens) is used up ({used} used); an admin can raise it in Settings › Generation.")
    }))
}

/// The settings as admins read them.
pub async fn get(ctx: &ServerCtx) -> Result<ProviderSettings, AppError> {
    let by = ctx.require(Permission::ManageOrg)?;
    let mut c = ctx.db().acquire().await?;
    let tokens_this_month = repo::usage(&mut c, by.org, &repo::month(ctx.now())).await?;
    Ok(match repo::settings(&mut c, by.org).await? {
        None => ProviderSettings { tokens_this_month, ..Default::default() },
        Some(r) => ProviderSettings {
            kind: r.kind,
            base_url: r.base_url,
            model: r.model,
            key_hint: r.key_hint,
            user_per_hour: r.user_per_hour,
            org_per_hour: r.org_per_hour,
            monthly_token_budget: r.monthly_token_budget,
            tokens_this_month,
        },
    })
}

/// Saves the settings (a new key only when one was typed), with an audit event that names what
/// changed but never the key.
pub async fn save(ctx: &ServerCtx, input: &ProviderInput) -> Result<ProviderSettings, AppError> {
    let by = ctx.require(Permission::ManageOrg)?;
    let valid = input.validate()?;
    let typed = input.api_key.trim();
    let key = if input.clear_key || valid.kind == ProviderKind::Offline {
        Some(None)
    } else if typed.is_empty() {
        None
    } else {
        let secret = &ctx.state.config.secret;
        Some(Some((sealed::seal(secret, KEY_PURPOSE, &bound(by.org), typed), sealed::hint(typed))))
    };
    let change = SettingsChange {
        kind: valid.kind,
        base_url: &valid.base_url,
        model: &valid.model,
        key: key.clone(),
        user_per_hour: valid.user_per_hour,
        org_per_hour: valid.org_per_hour,
        monthly_token_budget: valid.monthly_token_budget,
    };
    let mut tx = ctx.db().begin().await?;
    repo::save_settings(&mut tx, by.org, &change, ctx.now()).await?;
    let key_note = match &key {
        None => "key kept",
        Some(None) => "no key",
        Some(Some(_)) => "new key",
    };
    let model = if valid.model.is_empty() { String::new() } else { format!(" {}", valid.model) };
    let event =
        AuditEvent::new(AuditAction::GenerationSettingsChanged, Some(by.org), &ctx.client).actor(by).detail(format!(
            "{}{model}; {key_note}; {} per person and {} per organization an hour",
            valid.kind.label(),
            valid.user_per_hour,
            valid.org_per_hour
        ));
    audit::repo::record(&mut tx, &event, ctx.now()).await?;
    tx.commit().await?;
    get(ctx).await
}

/// Asks the provider typed in `input` (with the stored key when none was typed) a small
/// question; what happened, in plain words.
pub async fn test_connection(ctx: &ServerCtx, input: &ProviderInput) -> Result<String, AppError> {
    let by = ctx.require(Permission::ManageOrg)?;
    let valid = input.validate()?;
    if valid.kind == ProviderKind::Offline {
        return Ok("The built-in rules need no connection: they run inside Casebook.".to_owned());
    }
    let typed = input.api_key.trim();
    let key = if !typed.is_empty() {
        Some(typed.to_owned())
    } else {
        let row = repo::settings(&mut ctx.db().acquire().await?, by.org).await?;
        endpoint(&ctx.state.config.secret, by.org, row.as_ref(), providers::TIMEOUT).map_err(AppError::conflict)?.key
    };
    let endpoint = Endpoint {
        kind: valid.kind,
        base_url: valid.base_url,
        model: valid.model,
        key,
        timeout: Duration::from_secs(30),
    };
    let Some(provider) = providers::build(endpoint) else { return Ok(String::new()) };
    let started = Instant::now();
    match provider.ask(&providers::ping()).await {
        Ok(_) => Ok(format!("Connected: {} answered in {:.1} s.", provider.model(), started.elapsed().as_secs_f64())),
        Err(e) => {
            let mut errors = FieldErrors::default();
            errors.add("connection", e.to_string());
            Err(AppError::Invalid(errors))
        }
    }
}
