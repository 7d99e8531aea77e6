//! Matching a spreadsheet's header row to story fields: case-, accent-, space- and
//! punctuation-insensitive, with English and Spanish aliases.
pub use crate::stories::fields::Field;
use unicode_normalization::UnicodeNormalization;

/// Accepted header spellings of `field`, already normalized (see `normalize`).
fn aliases(field: Field) -> &'static [&'static str] {
    match field {
        Field::ExternalId => &[
            "id",
            "key",
            "issuekey",
            "issueid",
            "storyid",
            "externalid",
            "ref",
            "reference",
            "referencia",
            "clave",
            "identificador",
            "workitemid",
        ],
        Field::Title => &[
            "title",
            "titulo",
            "summary",
            "resumen",
            "name",
            "nombre",
            "story",
            "userstory",
            "historia",
            "historiadeusuario",
        ],
        Field::Description => &["description", "descripcion", "details", "detalle", "detalles", "body"],
        Field::AcceptanceCriteria => {
            &["acceptancecriteria", "criteriosdeaceptacion", "criteriodeaceptacion", "criterios", "criteria", "ac"]
        }
        Field::Priority => &["priority", "prioridad"],
        Field::Status => &["status", "estado", "state"],
        Field::Epic => &["epic", "epica", "epiclink", "epicname"],
        Field::Sprint => &["sprint", "iteration", "iteracion"],
        Field::StoryPoints => &["storypoints", "points", "puntos", "puntosdehistoria", "estimate", "estimacion", "sp"],
        Field::Assignee => &["assignedto", "assignee", "asignadoa", "asignado", "responsable", "owner"],
    }
}

/// Lower-case ASCII letters and digits only, accents removed: "Título " → "titulo",
/// "Story Points" → "storypoints", "Criterios de aceptación:" → "criteriosdeaceptacion".
pub fn normalize(header: &str) -> String {
    header.nfd().filter(|c| c.is_ascii_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The field a header names, if any.
pub fn match_header(header: &str) -> Option<Field> {
    let n = normalize(header);
    Field::ALL.into_iter().find(|f| aliases(*f).contains(&n.as_str()))
}

/// The detected mapping of each column; a field is given to its first matching column only.
pub fn detect_mapping(headers: &[String]) -> Vec<Option<Field>> {
    let mut taken = vec![];
    headers
        .iter()
        .map(|h| {
            let f = match_header(h).filter(|f| !taken.contains(f));
            if let Some(f) = f {
                taken.push(f);
            }
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_whatever_their_case_accents_spaces_or_punctuation() {
        let cases = [
            ("Title", Field::Title),
            ("  TÍTULO ", Field::Title),
            ("Summary", Field::Title),
            ("Story Points", Field::StoryPoints),
            ("story_points", Field::StoryPoints),
            ("Puntos", Field::StoryPoints),
            ("Assigned To", Field::Assignee),
            ("Asignado a", Field::Assignee),
            ("Acceptance Criteria", Field::AcceptanceCriteria),
            ("Criterios de aceptación:", Field::AcceptanceCriteria),
            ("Issue key", Field::ExternalId),
            ("ID", Field::ExternalId),
            ("Prioridad", Field::Priority),
            ("Estado", Field::Status),
            ("Épica", Field::Epic),
        ];
        for (h, f) in cases {
            assert_eq!(match_header(h), Some(f), "{h}");
        }
        assert_eq!(match_header("Comments"), None);
    }

    #[test]
    fn the_template_headers_are_all_recognized() {
        for f in Field::ALL {
            assert_eq!(match_header(f.label()), Some(f));
        }
    }

    #[test]
    fn a_field_goes_to_its_first_column_only() {
        let headers: Vec<String> = ["Title", "Summary", "Notes", "Key"].map(String::from).to_vec();
        assert_eq!(detect_mapping(&headers), [Some(Field::Title), None, None, Some(Field::ExternalId)]);
    }
}
