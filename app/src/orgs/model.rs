//! Wire types of organizations.
use serde::{Deserialize, Serialize};

/// The id of an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
pub struct OrgId(pub i64);

/// An organization as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    pub id: OrgId,
    pub name: String,
    pub slug: String,
    pub is_active: bool,
}

/// The URL-safe short name derived from an organization's name: lower-case ASCII letters and
/// digits, other runs of characters folded to one `-`.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugify_folds_spaces_and_punctuation() {
        assert_eq!(slugify("  Acme QA, Inc. "), "acme-qa-inc");
        assert_eq!(slugify("Coca--Cola"), "coca-cola");
        assert_eq!(slugify("!!!"), "");
    }
}
