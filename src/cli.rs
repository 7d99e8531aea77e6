//! Operator commands: create organizations and admins without the web UI. Passwords are read
//! from a prompt (or standard input when piped), never from the command line.
use anyhow::{bail, Context};
use app::{
    audit::{AuditAction, AuditEvent},
    auth::{password, principal::ClientInfo},
    db::{self, Db},
    error::{AppError, FieldErrors},
    orgs::{self, model::slugify},
    users::{
        self,
        model::{NewUser, Role},
    },
};
use chrono::Utc;
use std::io::{BufRead, IsTerminal};

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Password again: ")?;
        if first != again {
            bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).context("cannot read the password from standard input")?;
        Ok(line.trim_end_matches(['\n', '\r']).to_owned())
    }
}

fn explain(e: AppError) -> anyhow::Error {
    match e {
        AppError::Invalid(FieldErrors(list)) => {
            anyhow::anyhow!(list
                .into_iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect::<Vec<_>>()
                .join("; "))
        }
        other => anyhow::anyhow!(other.to_string()),
    }
}

/// `casebook org create <name>`.
pub async fn create_org(db: &Db, name: &str) -> anyhow::Result<()> {
    let slug = slugify(name);
    if slug.is_empty() {
        bail!("the organization name needs letters or digits");
    }
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let id = orgs::repo::insert(&mut tx, name.trim(), &slug, now)
        .await
        .map_err(db::on_unique(|| anyhow::anyhow!("an organization named {name:?} already exists")))?;
    let event = AuditEvent::new(AuditAction::OrganizationCreated, Some(id), &ClientInfo::default())
        .detail("via the command line");
    app::audit::repo::record(&mut tx, &event.target(name.trim().to_owned()), now).await?;
    tx.commit().await?;
    println!("Created organization {:?} (id {}).", name.trim(), id.0);
    Ok(())
}

/// `casebook admin create --org <name> --email <e> [--name <n>]`: the organization is created
/// if it does not exist yet.
pub async fn create_admin(db: &Db, org_name: &str, email: &str, name: Option<&str>) -> anyhow::Result<()> {
    let mut errors = FieldErrors::default();
    app::auth::model::check_email(&mut errors, "email", email);
    errors.into_result().map_err(explain)?;
    let password_text = read_password()?;
    let mut errors = FieldErrors::default();
    password::check_new_password(&mut errors, "password", &password_text);
    errors.into_result().map_err(explain)?;
    let hash = password::hash(password_text).await.map_err(explain)?;
    let slug = slugify(org_name);
    if slug.is_empty() {
        bail!("the organization name needs letters or digits");
    }
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let org = match orgs::repo::find_by_slug(&mut tx, &slug).await? {
        Some(id) => id,
        None => orgs::repo::insert(&mut tx, org_name.trim(), &slug, now).await?,
    };
    let display = name.map(str::to_owned).unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_owned());
    let new = NewUser { org, email, name: &display, role: Role::Admin, password_hash: Some(&hash) };
    users::repo::insert(&mut tx, &new, now)
        .await
        .map_err(db::on_unique(|| anyhow::anyhow!("someone with the email {email} already has an account")))?;
    let event = AuditEvent::new(AuditAction::Setup, Some(org), &ClientInfo::default())
        .actor_email(&users::model::normalize_email(email))
        .detail("admin created via the command line");
    app::audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    println!("Created admin {} in {:?}.", users::model::normalize_email(email), org_name.trim());
    Ok(())
}
