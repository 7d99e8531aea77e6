//! Wire types of identity: who is signed in, and the rules passwords and emails follow.
use crate::{
    error::FieldErrors,
    orgs::model::OrgId,
    users::model::{Role, UserId},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const MIN_PASSWORD_LEN: usize = 10;
pub const MAX_PASSWORD_LEN: usize = 256;

/// The signed-in person, as the UI sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: UserId,
    pub org: OrgId,
    pub org_name: String,
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// A live login as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub id: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// True for the session making the request.
    pub current: bool,
}

/// Checks an email's shape (the server also normalizes it); adds to `errors` under `field`.
pub fn check_email(errors: &mut FieldErrors, field: &str, email: &str) {
    let email = email.trim();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        })
        && !email.chars().any(char::is_whitespace);
    if email.is_empty() {
        errors.add(field, "Enter an email address.");
    } else if !valid {
        errors.add(field, "Enter an email address like name@example.com.");
    }
}

/// Length rules for a new password (the server also refuses common passwords).
pub fn check_password_shape(errors: &mut FieldErrors, field: &str, password: &str) {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        errors.add(field, format!("Use at least {MIN_PASSWORD_LEN} characters."));
    } else if n > MAX_PASSWORD_LEN {
        errors.add(field, format!("Use at most {MAX_PASSWORD_LEN} characters."));
    }
}

/// A person's display name: 1 to 100 characters after trimming.
pub fn check_name(errors: &mut FieldErrors, field: &str, name: &str) {
    let n = name.trim().chars().count();
    if n == 0 {
        errors.add(field, "Enter a name.");
    } else if n > 100 {
        errors.add(field, "Use at most 100 characters.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email_ok(e: &str) -> bool {
        let mut f = FieldErrors::default();
        check_email(&mut f, "email", e);
        f.0.is_empty()
    }

    #[test]
    fn email_shapes() {
        assert!(email_ok("ada@example.com"));
        assert!(email_ok("  Ada@Example.com "));
        for bad in ["", "ada", "ada@", "@example.com", "ada@example", "a da@example.com", "ada@.com"] {
            assert!(!email_ok(bad), "{bad:?} accepted");
        }
    }

    #[test]
    fn passwords_need_ten_characters() {
        let mut f = FieldErrors::default();
        check_password_shape(&mut f, "password", "ninechars");
        assert_eq!(f.get("password"), Some("Use at least 10 characters."));
        let mut f = FieldErrors::default();
        check_password_shape(&mut f, "password", "ten chars!");
        assert!(f.0.is_empty());
    }
}
