//! The story fields an import column can feed (shared by the importer and its page).
use serde::{Deserialize, Serialize};

/// A story field a column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ExternalId,
    Title,
    Description,
    AcceptanceCriteria,
    Priority,
    Status,
    Epic,
    Sprint,
    StoryPoints,
    Assignee,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::ExternalId,
        Field::Title,
        Field::Description,
        Field::AcceptanceCriteria,
        Field::Priority,
        Field::Status,
        Field::Epic,
        Field::Sprint,
        Field::StoryPoints,
        Field::Assignee,
    ];

    /// The header this field has in the downloadable template.
    pub fn label(self) -> &'static str {
        match self {
            Field::ExternalId => "ID",
            Field::Title => "Title",
            Field::Description => "Description",
            Field::AcceptanceCriteria => "Acceptance Criteria",
            Field::Priority => "Priority",
            Field::Status => "Status",
            Field::Epic => "Epic",
            Field::Sprint => "Sprint",
            Field::StoryPoints => "Story Points",
            Field::Assignee => "Assigned To",
        }
    }

    /// The wire name, e.g. `story_points`.
    pub fn name(self) -> &'static str {
        match self {
            Field::ExternalId => "external_id",
            Field::Title => "title",
            Field::Description => "description",
            Field::AcceptanceCriteria => "acceptance_criteria",
            Field::Priority => "priority",
            Field::Status => "status",
            Field::Epic => "epic",
            Field::Sprint => "sprint",
            Field::StoryPoints => "story_points",
            Field::Assignee => "assignee",
        }
    }

    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::Field;

    #[test]
    fn names_match_the_wire_form_and_parse_back() {
        for f in Field::ALL {
            assert_eq!(serde_json::to_value(f).unwrap(), f.name());
            assert_eq!(Field::parse(f.name()), Some(f));
        }
    }
}
