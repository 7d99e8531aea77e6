//! Secrets kept in the database (providers' API keys), sealed with a key derived from the
//! instance secret (HKDF-SHA256, one key per purpose) by XChaCha20-Poly1305 with a random nonce.
//! The associated data binds a sealed value to its row (e.g. the organization), so a value
//! copied to another organization's row does not open. A database dump alone reveals nothing.
use base64::{engine::general_purpose::STANDARD, Engine};
use chacha20poly1305::{
    aead::{Aead, KeyInit, Payload},
    XChaCha20Poly1305, XNonce,
};
use rand::RngCore;

const NONCE: usize = 24;

fn cipher(secret: &[u8], purpose: &str) -> XChaCha20Poly1305 {
    let hk = hkdf::Hkdf::<sha2::Sha256>::new(Some(b"casebook sealed v1"), secret);
    let mut key = [0u8; 32];
    // 32 bytes is always a valid HKDF-SHA256 output length.
    let _ = hk.expand(purpose.as_bytes(), &mut key);
    XChaCha20Poly1305::new(&key.into())
}

/// `plain` sealed for `purpose`, bound to `bound_to`: base64 of nonce and ciphertext.
pub fn seal(secret: &[u8], purpose: &str, bound_to: &str, plain: &str) -> String {
    let mut nonce = [0u8; NONCE];
    rand::rng().fill_bytes(&mut nonce);
    let sealed = cipher(secret, purpose)
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plain.as_bytes(), aad: bound_to.as_bytes() })
        .unwrap_or_default();
    let mut out = nonce.to_vec();
    out.extend(sealed);
    STANDARD.encode(out)
}

/// The plain text of `sealed`, or `None` when it was sealed with another secret, purpose or
/// binding, or was altered.
pub fn open(secret: &[u8], purpose: &str, bound_to: &str, sealed: &str) -> Option<String> {
    let bytes = STANDARD.decode(sealed).ok()?;
    if bytes.len() <= NONCE {
        return None;
    }
    let (nonce, body) = bytes.split_at(NONCE);
    let plain = cipher(secret, purpose)
        .decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad: bound_to.as_bytes() })
        .ok()?;
    String::from_utf8(plain).ok()
}

/// How a stored secret is shown back: its last four characters.
pub fn hint(plain: &str) -> String {
    let tail: String = plain.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_with_its_secret_purpose_and_binding() {
        let s = seal(b"secret-one", "provider key", "org:1", "sk-live-1234abcd");
        assert!(!s.contains("1234abcd"));
        assert_eq!(open(b"secret-one", "provider key", "org:1", &s).as_deref(), Some("sk-live-1234abcd"));
        assert_eq!(open(b"secret-two", "provider key", "org:1", &s), None);
        assert_eq!(open(b"secret-one", "other", "org:1", &s), None);
        assert_eq!(open(b"secret-one", "provider key", "org:2", &s), None);
        let mut tampered = STANDARD.decode(&s).unwrap();
        *tampered.last_mut().unwrap() ^= 1;
        assert_eq!(open(b"secret-one", "provider key", "org:1", &STANDARD.encode(tampered)), None);
        assert_eq!(open(b"secret-one", "provider key", "org:1", "bm9wZQ=="), None);
        assert_ne!(
            seal(b"secret-one", "provider key", "org:1", "x"),
            seal(b"secret-one", "provider key", "org:1", "x")
        );
    }

    #[test]
    fn the_hint_is_the_last_four_characters() {
        assert_eq!(hint("sk-live-1234abcd"), "…abcd");
        assert_eq!(hint("ab"), "…ab");
        assert_eq!(hint("ключ-ёжик"), "…ёжик");
    }
}
