//! Password hashing (argon2id, off the async threads) and the common-password list.
use crate::error::{AppError, FieldErrors};
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use std::sync::OnceLock;

/// 1,095 common passwords of 10+ characters (shorter ones fail the length rule anyway), from
/// zxcvbn's frequency list; see COMMON_PASSWORDS_LICENSE.txt.
const COMMON: &str = include_str!("common_passwords.txt");

fn common() -> &'static std::collections::HashSet<&'static str> {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
}

/// All the rules for a new password, with messages for the form field `field`.
pub fn check_new_password(errors: &mut FieldErrors, field: &str, password: &str) {
    super::model::check_password_shape(errors, field, password);
    if errors.get(field).is_none() && common().contains(password.to_lowercase().as_str()) {
        errors.add(field, "This password is too common. Choose one that is harder to guess.");
    }
}

/// Hashes with argon2id (the crate's default parameters) on the blocking pool.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(|e| crate::error::internal(&e))?
    .map_err(|e| crate::error::internal(&e))
}

/// True when `password` matches `stored`. With no stored hash (unknown email, or an account
/// that never set one) a dummy hash is verified instead, so the answer takes as long.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let real = stored.is_some();
    let stored = stored.unwrap_or_else(|| dummy_hash().to_owned());
    tokio::task::spawn_blocking(move || {
        let ok = PasswordHash::new(&stored)
            .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false);
        ok && real
    })
    .await
    .map_err(|e| crate::error::internal(&e))
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(b"casebook-dummy-password", &salt).map(|h| h.to_string()).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_password_and_is_argon2id() {
        let h = hash("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("correct horse battery".into(), Some(h.clone())).await.unwrap());
        assert!(!verify("wrong horse battery".into(), Some(h)).await.unwrap());
    }

    #[tokio::test]
    async fn no_stored_hash_never_verifies() {
        assert!(!verify("casebook-dummy-password".into(), None).await.unwrap());
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        for p in ["password123", "QwertyUiop", "1234567890"] {
            let mut f = FieldErrors::default();
            check_new_password(&mut f, "password", p);
            assert!(f.get("password").is_some_and(|m| m.contains("too common")), "{p} accepted");
        }
        let mut f = FieldErrors::default();
        check_new_password(&mut f, "password", "violet-ferry-31-lantern");
        assert!(f.0.is_empty());
    }
}
