//! Mentions in a comment: `@` followed by a member's email address (`@dev@example.com`), at the
//! start of the text or after a space or punctuation. An email is unique on the instance and
//! never changes meaning as names do, so a mention names one person or nobody. Which addresses
//! are active members of the commenter's organization is the server's to decide.

/// Most mentions read from one comment.
pub const MAX_MENTIONS: usize = 20;

/// Characters that end a mention (besides white space).
fn ends_mention(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '<' | '>' | '"' | '\'' | '*' | '`')
}

/// The email addresses mentioned in `text`, lower-cased, each once, in order, at most
/// [`MAX_MENTIONS`].
pub fn emails(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for token in text.split(ends_mention) {
        let Some(address) = token.strip_prefix('@') else { continue };
        // A sentence may end right after the address.
        let address = address.trim_end_matches('.').to_lowercase();
        let Some((local, domain)) = address.split_once('@') else { continue };
        let valid = !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && !domain.starts_with('.')
            && address.len() <= 254
            && address.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '@'));
        if valid && !out.contains(&address) {
            out.push(address);
            if out.len() == MAX_MENTIONS {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::emails;

    #[test]
    fn mentions_are_at_signs_before_an_email() {
        assert_eq!(
            emails("@dev@acme.test please look (cc @QA@Acme.test). Thanks, @dev@acme.test!"),
            ["dev@acme.test", "qa@acme.test"]
        );
        assert!(emails("write to ann@acme.test or @ann, or @ann@, or @@acme.test").is_empty(), "no @ before an email");
        assert_eq!(emails("**@lead@acme.test**: done"), ["lead@acme.test"]);
        let many: String = (0..30).map(|i| format!("@u{i}@acme.test ")).collect();
        assert_eq!(emails(&many).len(), 20);
    }
}
