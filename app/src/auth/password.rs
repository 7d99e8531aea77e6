//! Password hashing (argon2id on a bounded pool, off the async threads) and the common-password list.
use crate::error::{AppError, FieldErrors};
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use std::{
    sync::{Arc, OnceLock},
    time::Duration,
};
use tokio::sync::Semaphore;

/// How long a hash may wait for a free hashing thread before the request is turned away.
const QUEUE_WAIT: Duration = Duration::from_secs(10);

/// Argon2 runs on at most this many threads at once: one core is always left to everything
/// else (pages, health checks), so a flood of sign-ins cannot starve the server.
pub fn hashing_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1))
}

fn permits() -> &'static Arc<Semaphore> {
    static PERMITS: OnceLock<Arc<Semaphore>> = OnceLock::new();
    PERMITS.get_or_init(|| Arc::new(Semaphore::new(hashing_threads())))
}

/// Runs `work` on the blocking pool once a hashing permit is free. The permit moves into the
/// work, so a request that gives up does not free it while the hash still runs.
async fn on_hashing_pool<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    let permit = tokio::time::timeout(QUEUE_WAIT, permits().clone().acquire_owned())
        .await
        .map_err(|_| AppError::RateLimited { retry_after: 5 })?
        .map_err(|e| crate::error::internal(&e))?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await
    .map_err(|e| crate::error::internal(&e))
}

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

/// Hashes with argon2id (the crate's default parameters) on the hashing pool.
pub async fn hash(password: String) -> Result<String, AppError> {
    on_hashing_pool(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await?
    .map_err(|e| crate::error::internal(&e))
}

/// True when `password` matches `stored`. With no stored hash (unknown email, or an account
/// that never set one) a dummy hash is verified instead, so the answer takes as long.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let real = stored.is_some();
    let stored = stored.unwrap_or_else(|| dummy_hash().to_owned());
    on_hashing_pool(move || {
        let ok = PasswordHash::new(&stored)
            .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false);
        ok && real
    })
    .await
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_run_at_once_than_the_pool_allows() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let (running, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let tasks: Vec<_> = (0..12)
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(on_hashing_pool(move || {
                    let now = running.fetch_add(1, SeqCst) + 1;
                    most.fetch_max(now, SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    running.fetch_sub(1, SeqCst);
                }))
            })
            .collect();
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        assert_eq!(most.load(SeqCst), hashing_threads());
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
