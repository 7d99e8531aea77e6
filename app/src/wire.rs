//! Wire vocabulary shared by every slice: `wire_enum!` (one declaration gives a text enum its
//! variants list, stored/wire name, label, serde and sqlx mapping) and human keys (`SHOP-TC-12`).

/// Declares a unit enum stored as snake_case text:
/// `wire_enum! { /// doc \n pub enum Kind { Functional = "functional" / "Functional", … } }`.
/// The first variant is the `Default`, unless `default Variant` follows the name
/// (`pub enum Priority default Medium { … }`); variants are listed in display order.
#[macro_export]
macro_rules! wire_enum {
    (@default $name:ident $first:ident) => { $name::$first };
    (@default $name:ident $first:ident $default:ident) => { $name::$default };
    ($(#[$meta:meta])* pub enum $name:ident $(default $default:ident)? { $first:ident = $first_wire:literal / $first_label:literal $(, $variant:ident = $wire:literal / $label:literal)* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "text", rename_all = "snake_case"))]
        pub enum $name {
            $first,
            $($variant,)*
        }

        impl Default for $name {
            fn default() -> Self {
                $crate::wire_enum!(@default $name $first $($default)?)
            }
        }

        impl $name {
            /// Every variant, in display order.
            pub const ALL: &'static [$name] = &[$name::$first $(, $name::$variant)*];

            /// The stored and wire name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $name::$first => $first_wire,
                    $($name::$variant => $wire,)*
                }
            }

            /// The variant whose wire name is exactly `name` (what people type is read by the
            /// enum's own `from_text`, where it has one).
            pub fn from_name(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == name)
            }

            /// The name people read.
            pub fn label(self) -> &'static str {
                match self {
                    $name::$first => $first_label,
                    $($name::$variant => $label,)*
                }
            }
        }
    };
}

/// Declares an id newtype over the row's `i64` id: the same on the wire (a plain number) and in
/// SQL (`sqlx(transparent)`), but a story's id cannot be passed where a case's is expected.
#[macro_export]
macro_rules! id_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

/// What a project-scoped number counts: each kind has its infix in human keys
/// (`SHOP-US-12`, `SHOP-TC-7`) and its path in URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbered {
    Story,
    Case,
    Run,
    Bug,
}

impl Numbered {
    pub const ALL: &'static [Numbered] = &[Numbered::Story, Numbered::Case, Numbered::Run, Numbered::Bug];

    /// The letters between the project key and the number.
    pub fn infix(self) -> &'static str {
        match self {
            Numbered::Story => "US",
            Numbered::Case => "TC",
            Numbered::Run => "RUN",
            Numbered::Bug => "BUG",
        }
    }

    /// What it is, for people.
    pub fn label(self) -> &'static str {
        match self {
            Numbered::Story => "Story",
            Numbered::Case => "Test case",
            Numbered::Run => "Test run",
            Numbered::Bug => "Bug",
        }
    }

    /// The URL segment under `/projects/KEY/`.
    pub fn path(self) -> &'static str {
        match self {
            Numbered::Story => "stories",
            Numbered::Case => "cases",
            Numbered::Run => "runs",
            Numbered::Bug => "bugs",
        }
    }
}

/// A human key such as `SHOP-TC-12`: the project's key, what is numbered, and the number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HumanKey {
    pub project: String,
    pub kind: Numbered,
    pub number: i64,
}

impl HumanKey {
    pub fn new(project: &str, kind: Numbered, number: i64) -> Self {
        HumanKey { project: project.to_owned(), kind, number }
    }

    /// Reads a key in any case, with surrounding space: `" shop-tc-12 "` is `SHOP-TC-12`. The
    /// project key may itself hold dashes (`A-B-US-3`).
    pub fn parse(text: &str) -> Option<HumanKey> {
        let text = text.trim().to_ascii_uppercase();
        let (rest, number) = text.rsplit_once('-')?;
        let number: i64 = number.parse().ok().filter(|n| *n > 0)?;
        let (project, infix) = rest.rsplit_once('-')?;
        let kind = Numbered::ALL.iter().copied().find(|k| k.infix() == infix)?;
        (!project.is_empty()).then(|| HumanKey { project: project.to_owned(), kind, number })
    }

    /// The number in `text` when it is either a bare number or a key of `kind` in `project`
    /// (`12`, `SHOP-US-12`).
    pub fn number_in(text: &str, project: &str, kind: Numbered) -> Option<i64> {
        let t = text.trim();
        if let Ok(n) = t.parse::<i64>() {
            return (n > 0).then_some(n);
        }
        HumanKey::parse(t).filter(|k| k.kind == kind && k.project.eq_ignore_ascii_case(project)).map(|k| k.number)
    }

    /// The number in `text` as people type it into a filter of `kind`: a bare number, a key of
    /// that kind of any project, or its short form (`12`, `SHOP-US-12`, `us-12`); None for anything
    /// else, a key of another kind included.
    pub fn number_as(text: &str, kind: Numbered) -> Option<i64> {
        let t = text.trim();
        let n = match (t.parse::<i64>(), HumanKey::parse(t)) {
            (Ok(n), _) => Some(n),
            (_, Some(k)) => (k.kind == kind).then_some(k.number),
            _ => t
                .split_once('-')
                .filter(|(infix, _)| infix.eq_ignore_ascii_case(kind.infix()))
                .and_then(|(_, n)| n.parse().ok()),
        };
        n.filter(|n| *n > 0)
    }

    /// The number in `text` when it is a bare number or any human key (`12`, `SHOP-US-12`).
    pub fn number_of(text: &str) -> Option<i64> {
        let t = text.trim();
        match t.parse::<i64>() {
            Ok(n) => (n > 0).then_some(n),
            Err(_) => HumanKey::parse(t).map(|k| k.number),
        }
    }

    /// Where the numbered thing's page is.
    pub fn href(&self) -> String {
        format!("/projects/{}/{}/{}", self.project, self.kind.path(), self.number)
    }
}

impl std::fmt::Display for HumanKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}-{}", self.project, self.kind.infix(), self.number)
    }
}

/// `v` percent-encoded for a query string (`?q=…`): what links carrying filters write.
pub fn query_escape(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `SHOP-TC-12`: the human key of `number` of `kind` in project `project`.
pub fn human_key(project: &str, kind: Numbered, number: i64) -> String {
    HumanKey::new(project, kind, number).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(super::query_escape("a b&c/é=1"), "a%20b%26c%2F%C3%A9%3D1");
        assert_eq!(super::query_escape("TC-4_x.y~"), "TC-4_x.y~");
    }

    use super::*;

    #[test]
    fn keys_format_and_parse_back_in_any_case() {
        assert_eq!(human_key("SHOP", Numbered::Case, 12), "SHOP-TC-12");
        assert_eq!(HumanKey::parse(" shop-tc-12 "), Some(HumanKey::new("SHOP", Numbered::Case, 12)));
        assert_eq!(HumanKey::parse("A-B-US-3"), Some(HumanKey::new("A-B", Numbered::Story, 3)));
        for bad in ["SHOP-XX-1", "login", "-TC-1", "SHOP-TC-0", "SHOP-TC-x"] {
            assert_eq!(HumanKey::parse(bad), None, "{bad}");
        }
        assert_eq!(HumanKey::new("SHOP", Numbered::Story, 4).href(), "/projects/SHOP/stories/4");
        assert_eq!(HumanKey::number_in("SHOP-US-12", "shop", Numbered::Story), Some(12));
        assert_eq!(HumanKey::number_in(" 7 ", "SHOP", Numbered::Story), Some(7));
        assert_eq!(HumanKey::number_in("SHOP-TC-12", "SHOP", Numbered::Story), None);
        assert_eq!(HumanKey::number_in("OTHER-US-12", "SHOP", Numbered::Story), None);
        // What a filter takes: any project's key of its kind, or the short form; never another kind.
        assert_eq!(HumanKey::number_as("OTHER-US-12", Numbered::Story), Some(12));
        assert_eq!(HumanKey::number_as(" us-12 ", Numbered::Story), Some(12));
        assert_eq!(HumanKey::number_as("RUN-3", Numbered::Run), Some(3));
        assert_eq!(HumanKey::number_as("TC-12", Numbered::Story), None);
        assert_eq!(HumanKey::number_as("SHOP-RUN-1", Numbered::Case), None);
        assert_eq!(HumanKey::number_as("US-0", Numbered::Story), None);
        assert_eq!(HumanKey::number_as("banana", Numbered::Case), None);
        assert_eq!(HumanKey::number_of("shop-us-9"), Some(9));
        assert_eq!(HumanKey::number_of("nine"), None);
        assert_eq!(HumanKey::parse("shop-bug-4"), Some(HumanKey::new("SHOP", Numbered::Bug, 4)));
        assert_eq!(human_key("SHOP", Numbered::Bug, 4), "SHOP-BUG-4");
    }
}
