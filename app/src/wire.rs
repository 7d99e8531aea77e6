//! `wire_enum!`: one declaration gives a text enum its variants list, stored/wire name, label,
//! serde and sqlx mapping, so no enum hand-writes the same three tables.

/// Declares a unit enum stored as snake_case text:
/// `wire_enum! { /// doc \n pub enum Kind { Functional = "functional" / "Functional", … } }`.
/// The first variant is the `Default`.
#[macro_export]
macro_rules! wire_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $first:ident = $first_wire:literal / $first_label:literal $(, $variant:ident = $wire:literal / $label:literal)* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, Default)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "text", rename_all = "snake_case"))]
        pub enum $name {
            #[default]
            $first,
            $($variant,)*
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

            /// The variant whose wire name is exactly `name`.
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
