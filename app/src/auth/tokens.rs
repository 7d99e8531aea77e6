//! Secrets that travel: random tokens stored only as SHA-256, and the signed access JWT.
use crate::{orgs::model::OrgId, users::model::Role};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A fresh token of 32 random bytes, URL-safe. Give it out; store only `hash_token` of it.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Tokens we give out are 43 characters; anything much longer is not one of ours and is
/// refused before it is hashed or looked up.
pub const MAX_TOKEN_LEN: usize = 128;

/// Whether two secrets are equal, comparing their SHA-256 so the time taken says nothing
/// about where they differ.
pub fn same(given: &str, expected: &str) -> bool {
    let (a, b) = (Sha256::digest(given.as_bytes()), Sha256::digest(expected.as_bytes()));
    a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The stored form of a token someone sent, to look it up: `None` for one longer than any we
/// give out, which is refused unhashed like a wrong one.
pub fn lookup_hash(token: &str) -> Option<String> {
    (token.len() <= MAX_TOKEN_LEN).then(|| hash_token(token.trim()))
}

/// The SHA-256 of a token, hex: what the database keeps.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// How long an access token lives.
pub const ACCESS_TTL_SECS: i64 = 15 * 60;

/// The claims of the short-lived access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user id (a string, as the JWT spec wants).
    pub sub: String,
    pub org: i64,
    pub role: Role,
    /// The login (session) this token belongs to.
    pub sid: String,
    pub exp: i64,
    pub jti: String,
}

impl Claims {
    pub fn new(user: i64, org: OrgId, role: Role, sid: &str, now: i64) -> Self {
        Claims {
            sub: user.to_string(),
            org: org.0,
            role,
            sid: sid.to_owned(),
            exp: now + ACCESS_TTL_SECS,
            jti: uuid::Uuid::new_v4().to_string(),
        }
    }
}

/// Signs `claims` with HS256.
pub fn sign(claims: &Claims, secret: &[u8]) -> Result<String, jsonwebtoken::errors::Error> {
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &EncodingKey::from_secret(secret))
}

/// The claims of a token signed with `secret` that has not expired (no leeway), or `None`.
pub fn verify(token: &str, secret: &[u8]) -> Option<Claims> {
    let mut v = Validation::new(Algorithm::HS256);
    v.leeway = 0;
    v.set_required_spec_claims(&["exp", "sub"]);
    jsonwebtoken::decode::<Claims>(token, &DecodingKey::from_secret(secret), &v).ok().map(|d| d.claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_32_random_bytes_and_hash_to_hex() {
        let a = new_token();
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), 32);
        assert_ne!(a, new_token());
        assert_eq!(hash_token(&a).len(), 64);
        assert_eq!(hash_token(&a), hash_token(&a));
    }

    #[test]
    fn a_signed_token_verifies_only_with_its_secret_and_before_expiry() {
        let now = chrono::Utc::now().timestamp();
        let c = Claims::new(7, OrgId(3), Role::Qa, "s1", now);
        let t = sign(&c, b"0123456789abcdef0123456789abcdef").unwrap();
        assert_eq!(verify(&t, b"0123456789abcdef0123456789abcdef"), Some(c.clone()));
        assert_eq!(verify(&t, b"another-secret-another-secret-xx"), None);
        let old = Claims { exp: now - 1, ..c };
        let t = sign(&old, b"0123456789abcdef0123456789abcdef").unwrap();
        assert_eq!(verify(&t, b"0123456789abcdef0123456789abcdef"), None);
    }
}
