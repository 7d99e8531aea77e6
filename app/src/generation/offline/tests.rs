//! The offline generator on English and Spanish stories: valid, runnable Gherkin in the request's
//! dialect, every criterion covered, boundaries, broken rules, options and roles where the wording
//! has them, unique titles, the same output every time, and snapshots of it all
//! (`UPDATE_SNAPSHOTS=1` rewrites them).
use std::{fs, path::Path};

use super::*;
use crate::test_cases::{
    gherkin::{self, Pickle},
    model::{runnable, scenarios_to_run, CaseKind},
};

fn story(key: &str, title: &str, description: &str, criteria: &[&str]) -> StoryBrief {
    StoryBrief {
        key: key.to_owned(),
        title: title.to_owned(),
        description: description.to_owned(),
        criteria: criteria.iter().enumerate().map(|(i, c)| (CriterionId(100 + i as i64), (*c).to_owned())).collect(),
        existing: vec![],
    }
}

/// A story with one criterion.
fn single(lang: Lang, criterion: &str) -> StoryBrief {
    story("ONE-US-1", pick(lang, "Shop", "Tienda"), "", &[criterion])
}

fn input(lang: Lang, cases: u8, scenarios: u8) -> GenerateInput {
    GenerateInput { stories: vec![1], cases, scenarios, language: lang, ..GenerateInput::default() }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::En => Lang::Es,
        Lang::Es => Lang::En,
    }
}

/// Twelve English and twelve Spanish stories.
fn fixtures() -> Vec<(Lang, StoryBrief)> {
    let long_en = format!(
        "Customers must be at least 18 years old; {}and that is all.",
        "every clause the lawyers wrote appears in the list, ".repeat(30)
    );
    let long_es = format!(
        "Los clientes deben tener al menos 18 años; {}y nada más.",
        "cada cláusula que redactaron los abogados aparece en la lista, ".repeat(30)
    );
    let mut search =
        story("SHOP-US-12", "Search", "", &["Results appear in under 2 seconds", "Search matches titles and keys"]);
    search.existing = vec!["Search: Results appear in under 2 seconds".into(), "  SEARCH  ".into()];
    let mut busqueda = story(
        "TIENDA-US-12",
        "Búsqueda",
        "",
        &["Los resultados aparecen en menos de 2 segundos", "La búsqueda encuentra títulos y claves"],
    );
    busqueda.existing = vec!["Búsqueda: Los resultados aparecen en menos de 2 segundos".into(), " BÚSQUEDA ".into()];
    vec![
        (
            Lang::En,
            story(
                "SHOP-US-1",
                "Sign up",
                "As a visitor, I want an account so that I can order.",
                &[
                    "Password must be at least 8 characters",
                    "Username must be between 3 and 20 characters",
                    "The verification code has exactly 6 digits",
                ],
            ),
        ),
        (
            Lang::En,
            story(
                "SHOP-US-2",
                "Log in",
                "",
                &[
                    "Accounts lock after up to 5 attempts",
                    "The session expires within 30 minutes of inactivity",
                    "A login link arrives in less than 10 seconds",
                ],
            ),
        ),
        (
            Lang::En,
            story(
                "SHOP-US-3",
                "Cart",
                "",
                &[
                    "The cart holds max 100 items",
                    "No more than 3 coupons can be applied",
                    "Orders over 50 EUR ship for free",
                    "A delivery address is mandatory",
                ],
            ),
        ),
        (
            Lang::En,
            story(
                "SHOP-US-4",
                "Upload documents",
                "",
                &[
                    "The upload accepts PDF, PNG and JPG files",
                    "The file name is required",
                    "Users can upload 3 files at once",
                    "Uploads should not replace existing files",
                ],
            ),
        ),
        (
            Lang::En,
            story(
                "SHOP-US-5",
                "Language settings",
                "",
                &[
                    "The interface is available in English, Spanish, or French",
                    "Dates are shown as day, month and year",
                    "Users log in and see the dashboard in their language",
                ],
            ),
        ),
        (
            Lang::En,
            story(
                "SHOP-US-6",
                "Project administration",
                "",
                &[
                    "Only admins can delete a project",
                    "Managers can archive projects",
                    "Guests see projects read-only",
                    "Viewers cannot edit projects",
                ],
            ),
        ),
        (
            Lang::En,
            story(
                "SHOP-US-7",
                "Checkout",
                "",
                &[
                    "Given a cart with 2 items, when I pay by card, then I see a receipt",
                    "Given the shop is closed",
                    "Totals | taxes # shown per line",
                    "@wip \"\"\" Scenario: not a heading",
                    "Export as CSV, a|b or c\\d",
                ],
            ),
        ),
        (
            Lang::En,
            story(
                "SHOP-US-8",
                "Profile ✨ émojis",
                "",
                &[
                    "The display name accepts accents like José and emoji 🎉",
                    "Bio is at most 160 characters 📝",
                    "Ünïcödé names are shown as typed",
                ],
            ),
        ),
        (Lang::En, story("SHOP-US-9", "Terms", "", &[long_en.as_str(), "The terms open in a new tab"])),
        (
            Lang::En,
            story(
                "SHOP-US-10",
                "Newsletter",
                "As a shopper, I want to subscribe to the newsletter so that I hear about sales.",
                &[],
            ),
        ),
        (
            Lang::En,
            story(
                "SHOP-US-11",
                "Reports",
                "",
                &[
                    "Reports list cases by status",
                    "Reports show the pass rate per run",
                    "Reports can be exported as CSV, XLSX or PDF",
                    "Only managers can schedule reports",
                    "A report covers at most 90 days",
                    "Charts load within 2 seconds",
                    "Filters are required before export",
                    "Report names are unique",
                    "Deleted cases are left out",
                    "Each report shows its author",
                    "Reports can be shared by link",
                    "Totals match the case list",
                ],
            ),
        ),
        (Lang::En, search),
        (
            Lang::Es,
            story(
                "TIENDA-US-1",
                "Registro",
                "Como visitante, quiero una cuenta para poder comprar.",
                &[
                    "La contraseña debe tener al menos 8 caracteres",
                    "El nombre de usuario tiene entre 3 y 20 caracteres",
                    "El código de verificación tiene exactamente 6 dígitos",
                ],
            ),
        ),
        (
            Lang::Es,
            story(
                "TIENDA-US-2",
                "Inicio de sesión",
                "",
                &[
                    "La cuenta se bloquea tras como máximo 5 intentos",
                    "La sesión caduca en menos de 30 minutos",
                    "El enlace llega en hasta 10 segundos",
                ],
            ),
        ),
        (
            Lang::Es,
            story(
                "TIENDA-US-3",
                "Carrito",
                "",
                &[
                    "El carrito admite un máximo de 100 artículos",
                    "Se pueden aplicar no más de 3 cupones",
                    "Los pedidos de más de 50 euros tienen envío gratis",
                    "La dirección de entrega es obligatoria",
                ],
            ),
        ),
        (
            Lang::Es,
            story(
                "TIENDA-US-4",
                "Subir documentos",
                "",
                &[
                    "La subida acepta archivos PDF, PNG y JPG",
                    "El nombre del archivo es requerido",
                    "Sólo se admiten archivos de hasta 10 MB",
                ],
            ),
        ),
        (
            Lang::Es,
            story(
                "TIENDA-US-5",
                "Idioma",
                "",
                &[
                    "La interfaz está disponible en inglés, español o francés",
                    "Las fechas se muestran con día, mes y año",
                    "Pago con tarjeta o PayPal",
                ],
            ),
        ),
        (
            Lang::Es,
            story(
                "TIENDA-US-6",
                "Administración de proyectos",
                "",
                &[
                    "Solo los administradores pueden borrar un proyecto",
                    "Los gerentes pueden archivar proyectos",
                    "Un invitado no puede editar proyectos",
                    "El nombre de usuario es único",
                ],
            ),
        ),
        (
            Lang::Es,
            story(
                "TIENDA-US-7",
                "Pago",
                "",
                &[
                    "Dado un carrito con 2 artículos, cuando pago con tarjeta, entonces veo un recibo",
                    "Dado que la tienda está cerrada",
                    "Los totales | impuestos # se muestran por línea",
                    "@wip \"\"\" Escenario: no es un encabezado",
                ],
            ),
        ),
        (
            Lang::Es,
            story(
                "TIENDA-US-8",
                "Perfil ñandú 🎉",
                "",
                &[
                    "El nombre visible admite acentos como José, Zoë y emoji 🎉",
                    "La biografía tiene como máximo 160 caracteres 📝",
                ],
            ),
        ),
        (
            Lang::Es,
            story("TIENDA-US-9", "Condiciones", "", &[long_es.as_str(), "Las condiciones se abren en otra pestaña"]),
        ),
        (
            Lang::Es,
            story(
                "TIENDA-US-10",
                "Boletín",
                "Como comprador, quiero suscribirme al boletín para enterarme de las ofertas.",
                &[],
            ),
        ),
        (
            Lang::Es,
            story(
                "TIENDA-US-11",
                "Informes",
                "",
                &[
                    "Los informes listan los casos por estado",
                    "Los informes muestran el porcentaje de éxito por ejecución",
                    "Los informes se exportan en CSV, XLSX o PDF",
                    "Solo los gerentes pueden programar informes",
                    "Un informe abarca como máximo 90 días",
                    "Los gráficos cargan en menos de 2 segundos",
                    "Los filtros son obligatorios antes de exportar",
                    "Los nombres de informe son únicos",
                    "Los casos borrados no aparecen",
                    "Cada informe muestra su autor",
                    "Los informes se comparten con un enlace",
                    "Los totales coinciden con la lista de casos",
                ],
            ),
        ),
        (Lang::Es, busqueda),
    ]
}

fn fixture(key: &str) -> (Lang, StoryBrief) {
    fixtures().into_iter().find(|(_, s)| s.key == key).expect("a fixture with that key")
}

/// Whether a line of a generated document starts a scenario.
fn is_heading(line: &str) -> bool {
    ["  Scenario: ", "  Scenario Outline: ", "  Escenario: ", "  Esquema del escenario: "]
        .iter()
        .any(|h| line.starts_with(h))
}

/// Generates, checks what must hold for any story and request, and returns the proposals.
fn check(story: &StoryBrief, input: &GenerateInput) -> Vec<Proposal> {
    let proposals = generate(story, input);
    assert_eq!(proposals, generate(story, input), "{}: not deterministic", story.key);
    let wanted: Vec<CriterionId> = story
        .criteria
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| input.only_criteria.is_empty() || input.only_criteria.contains(id))
        .collect();
    assert_eq!(proposals.len(), usize::from(input.cases).min(wanted.len()).max(1), "{}: number of cases", story.key);
    let kinds = input.kinds_or_default();
    let existing: Vec<String> = story.existing.iter().map(|t| t.trim().to_lowercase()).collect();
    let mut titles = std::collections::BTreeSet::new();
    let mut covered = Vec::new();
    for (i, p) in proposals.iter().enumerate() {
        let parsed = gherkin::parse(&p.gherkin);
        assert!(parsed.is_valid(), "{}: {:?}\n{}", p.title, parsed.errors, p.gherkin);
        assert_eq!(runnable(&p.gherkin, &parsed), Ok(()), "{}\n{}", p.title, p.gherkin);
        assert_eq!(parsed.language, input.language.dialect(), "{}", p.title);
        assert_eq!(p.gherkin.starts_with("# language: es\n"), input.language == Lang::Es, "{}", p.title);
        let feature = parsed.feature.as_ref().expect("a feature");
        // No wording may add or hide a scenario: the parser sees exactly the headings written.
        let headings = p.gherkin.lines().filter(|l| is_heading(l)).count();
        assert_eq!(feature.children.len(), headings, "{}\n{}", p.title, p.gherkin);
        assert!(headings >= p.criteria.len().max(1), "{}: a positive scenario per criterion", p.title);
        assert!(headings <= usize::from(input.scenarios).max(p.criteria.len()), "{}: too many scenarios", p.title);
        for pickle in scenarios_to_run(feature, &parsed.language) {
            assert!(
                !pickle.name.trim().is_empty() && !pickle.name.contains('\n'),
                "{}: name {:?}",
                p.title,
                pickle.name
            );
            for step in &pickle.steps {
                assert!(!step.text.trim().is_empty() && !step.text.contains('\n'), "{}: step {:?}", p.title, step.text);
            }
        }
        assert_eq!(p.kind, kinds[i % kinds.len()], "{}: kinds cycle", p.title);
        assert!(!p.title.trim().is_empty() && !p.title.contains('\n'), "title {:?}", p.title);
        assert!(titles.insert(p.title.to_lowercase()), "duplicate title {}", p.title);
        assert!(!existing.contains(&p.title.trim().to_lowercase()), "{} already exists", p.title);
        covered.extend(p.criteria.iter().copied());
    }
    assert_eq!(covered, wanted, "{}: every criterion asked for is covered once, in order", story.key);
    proposals
}

fn pickles_of(proposals: &[Proposal]) -> Vec<Pickle> {
    let mut out = Vec::new();
    for p in proposals {
        let parsed = gherkin::parse(&p.gherkin);
        let feature = parsed.feature.as_ref().expect("a feature");
        out.extend(scenarios_to_run(feature, &parsed.language));
    }
    out
}

fn step_texts(pickles: &[Pickle]) -> Vec<String> {
    pickles.iter().flat_map(|p| p.steps.iter().map(|s| s.text.clone())).collect()
}

fn titles(proposals: &[Proposal]) -> Vec<String> {
    proposals.iter().map(|p| p.title.clone()).collect()
}

#[test]
fn every_story_gives_valid_runnable_cases_covering_its_criteria() {
    let all = fixtures();
    assert!(all.iter().filter(|(lang, _)| *lang == Lang::En).count() >= 12);
    assert!(all.iter().filter(|(lang, _)| *lang == Lang::Es).count() >= 12);
    for (lang, story) in &all {
        for (cases, scenarios) in [(3, 3), (1, 10), (10, 1), (2, 5), (10, 10)] {
            check(story, &input(*lang, cases, scenarios));
        }
        let kinds = vec![CaseKind::Functional, CaseKind::Security, CaseKind::Api];
        check(story, &GenerateInput { kinds, ..input(*lang, 10, 10) });
        // Written in the other language, the same story still makes valid cases.
        check(story, &input(other(*lang), 3, 3));
    }
}

#[test]
fn numbers_give_boundary_scenarios_at_and_past_the_limit() {
    let cases: &[(Lang, &str, &[&str])] = &[
        (Lang::En, "Password must be at least 8 characters", &["7", "8"]),
        (Lang::En, "Username must be between 3 and 20 characters", &["2", "3", "20", "21"]),
        (Lang::En, "The verification code has exactly 6 digits", &["5", "6", "7"]),
        (Lang::En, "Accounts lock after up to 5 attempts", &["5", "6"]),
        (Lang::En, "The session expires within 30 minutes of inactivity", &["30", "31"]),
        (Lang::En, "A login link arrives in less than 10 seconds", &["9", "10"]),
        (Lang::En, "The cart holds max 100 items", &["100", "101"]),
        (Lang::En, "No more than 3 coupons can be applied", &["3", "4"]),
        (Lang::En, "Orders over 50 EUR ship for free", &["50", "51"]),
        (Lang::En, "Bio is at most 160 characters", &["160", "161"]),
        (Lang::En, "Users can upload 3 files at once", &["2", "3", "4"]),
        (Lang::En, "Imports handle up to 1,000 rows", &["1000", "1001"]),
        (Lang::Es, "La contraseña debe tener al menos 8 caracteres", &["7", "8"]),
        (Lang::Es, "El nombre de usuario tiene entre 3 y 20 caracteres", &["2", "3", "20", "21"]),
        (Lang::Es, "El código tiene exactamente 6 dígitos", &["5", "6", "7"]),
        (Lang::Es, "La cuenta se bloquea tras como máximo 5 intentos", &["5", "6"]),
        (Lang::Es, "La sesión caduca en menos de 30 minutos", &["29", "30"]),
        (Lang::Es, "El enlace llega en hasta 10 segundos", &["10", "11"]),
        (Lang::Es, "El carrito admite un máximo de 100 artículos", &["100", "101"]),
        (Lang::Es, "Se pueden aplicar no más de 3 cupones", &["3", "4"]),
        (Lang::Es, "Los pedidos de más de 50 euros tienen envío gratis", &["50", "51"]),
        (Lang::Es, "La biografía tiene como máximo 160 caracteres", &["160", "161"]),
    ];
    for (lang, text, numbers) in cases {
        let proposals = check(&single(*lang, text), &input(*lang, 1, 10));
        let pickles = pickles_of(&proposals);
        let boundary = pick(*lang, "(boundary: ", "(límite: ");
        let outlined: Vec<&Pickle> = pickles.iter().filter(|p| p.name.contains(boundary)).collect();
        assert!(!outlined.is_empty(), "{text}: no boundary scenario\n{}", proposals[0].gherkin);
        let found: std::collections::BTreeSet<String> = step_texts(&pickles)
            .iter()
            .flat_map(|s| {
                s.split(|c: char| !c.is_ascii_digit()).filter(|w| !w.is_empty()).map(str::to_owned).collect::<Vec<_>>()
            })
            .collect();
        for n in *numbers {
            assert!(found.contains(*n), "{text}: no step with {n}\n{}", proposals[0].gherkin);
        }
    }
}

#[test]
fn rules_that_can_be_broken_get_a_violation_scenario() {
    let strict = [
        (Lang::En, "Password must be at least 8 characters"),
        (Lang::En, "Only admins can delete a project"),
        (Lang::En, "The file name is required"),
        (Lang::En, "Viewers cannot edit projects"),
        (Lang::En, "Prices should not be negative"),
        (Lang::En, "A reason is mandatory"),
        (Lang::Es, "La contraseña debe tener al menos 8 caracteres"),
        (Lang::Es, "Sólo se admiten archivos PDF"),
        (Lang::Es, "Solo hay un carrito por persona"),
        (Lang::Es, "El nombre del archivo es obligatorio"),
        (Lang::Es, "El correo es requerido"),
        (Lang::Es, "Un invitado no puede editar proyectos"),
    ];
    for (lang, text) in strict {
        let steps = step_texts(&pickles_of(&check(&single(lang, text), &input(lang, 1, 10))));
        let refused =
            pick(lang, "the system refuses it with a clear message", "el sistema lo rechaza con un mensaje claro");
        let unsaved = pick(lang, "nothing is saved", "no se guarda nada");
        assert!(steps.iter().any(|s| s == refused) && steps.iter().any(|s| s == unsaved), "{text}: {steps:?}");
    }
    for (lang, text) in
        [(Lang::En, "Managers can archive projects"), (Lang::Es, "Los gerentes pueden archivar proyectos")]
    {
        let steps = step_texts(&pickles_of(&check(&single(lang, text), &input(lang, 1, 10))));
        assert!(!steps.iter().any(|s| s.contains("refuses it") || s.contains("lo rechaza")), "{text}: {steps:?}");
    }
}

#[test]
fn lists_give_one_example_per_item() {
    let lists: &[(Lang, &str, &[&str])] = &[
        (Lang::En, "The upload accepts PDF, PNG and JPG files", &["PDF", "PNG", "JPG"]),
        (Lang::En, "The interface is available in English, Spanish, or French", &["English", "Spanish", "French"]),
        (Lang::En, "Pay by card or PayPal", &["card", "PayPal"]),
        (
            Lang::En,
            "Payments support credit card, debit card and bank transfer",
            &["credit card", "debit card", "bank transfer"],
        ),
        (Lang::En, "Export as CSV, a|b or c\\d", &["CSV", "a|b", "c\\d"]),
        (Lang::Es, "La subida acepta archivos PDF, PNG y JPG", &["PDF", "PNG", "JPG"]),
        (Lang::Es, "La interfaz está disponible en inglés, español o francés", &["inglés", "español", "francés"]),
        (Lang::Es, "Pago con tarjeta o PayPal", &["tarjeta", "PayPal"]),
        (Lang::Es, "El nombre visible admite acentos como José, Zoë y emoji 🎉", &["José", "Zoë", "emoji"]),
    ];
    for (lang, text, items) in lists {
        let steps = step_texts(&pickles_of(&check(&single(*lang, text), &input(*lang, 1, 10))));
        let choose = pick(*lang, "they choose ", "elige ");
        let chosen: Vec<&str> = steps.iter().filter_map(|s| s.strip_prefix(choose)).collect();
        assert_eq!(chosen, *items, "{text}");
    }
    // At most ten items, and no list where there is none.
    let colours = "Colours are red, orange, yellow, green, blue, indigo, violet, black, white, grey, pink or brown";
    let steps = step_texts(&pickles_of(&check(&single(Lang::En, colours), &input(Lang::En, 1, 10))));
    assert_eq!(steps.iter().filter(|s| s.starts_with("they choose ")).count(), 10);
    for (lang, text) in [(Lang::En, "Users log in and see the dashboard"), (Lang::Es, "El usuario entra y ve el panel")]
    {
        let steps = step_texts(&pickles_of(&check(&single(lang, text), &input(lang, 1, 10))));
        assert!(!steps.iter().any(|s| s.starts_with(pick(lang, "they choose ", "elige "))), "{text}: {steps:?}");
    }
}

#[test]
fn roles_give_an_unauthorized_scenario() {
    let roles = [
        (Lang::En, "Only admins can delete a project", "admin"),
        (Lang::En, "Managers can archive projects", "manager"),
        (Lang::En, "Guests see projects read-only", "guest"),
        (Lang::En, "Viewers cannot edit projects", "viewer"),
        (Lang::En, "The QA lead signs off releases", "QA"),
        (Lang::Es, "Solo los administradores pueden borrar un proyecto", "administrador"),
        (Lang::Es, "Los gerentes pueden archivar proyectos", "gerente"),
        (Lang::Es, "Un invitado no puede editar proyectos", "invitado"),
    ];
    for (lang, text, role) in roles {
        let pickles = pickles_of(&check(&single(lang, text), &input(lang, 1, 10)));
        let name = pick(lang, format!("(without the {role} role)"), format!("(sin el rol {role})"));
        let refused = pick(lang, "the system refuses them access", "el sistema le deniega el acceso");
        let unauthorized =
            pickles.iter().find(|p| p.name.contains(&name)).unwrap_or_else(|| panic!("{text}: {pickles:?}"));
        assert!(unauthorized.steps.iter().any(|s| s.text == refused), "{text}");
    }
    for (lang, text) in [(Lang::En, "Reports list cases by status"), (Lang::Es, "El nombre de usuario es único")] {
        let pickles = pickles_of(&check(&single(lang, text), &input(lang, 1, 10)));
        assert!(!pickles.iter().any(|p| p.name.contains("without the") || p.name.contains("sin el rol")), "{text}");
    }
}

#[test]
fn criteria_written_as_steps_keep_their_steps() {
    let written = [
        (
            Lang::En,
            "Given a cart with 2 items, when I pay by card, then I see a receipt",
            ["a cart with 2 items", "I pay by card", "I see a receipt"],
        ),
        (
            Lang::Es,
            "Dado un carrito con 2 artículos, cuando pago con tarjeta, entonces veo un recibo",
            ["un carrito con 2 artículos", "pago con tarjeta", "veo un recibo"],
        ),
    ];
    for (lang, text, expected) in written {
        let pickles = pickles_of(&check(&single(lang, text), &input(lang, 1, 1)));
        assert_eq!(step_texts(&pickles[..1]), expected, "{text}");
    }
}

#[test]
fn no_wording_breaks_the_document() {
    let hostile = [
        "Given",
        "Given the user is logged in",
        "Dado",
        "Dado que el usuario ha entrado",
        "| a | b |",
        "# not a comment",
        "# language: fr",
        "@wip tagged",
        "\"\"\" doc string",
        "``` fenced",
        "Scenario: fake",
        "Escenario: falso",
        "Examples:",
        "Feature: again",
        "first line\nScenario: second\n  Given third\r\n| x |",
        "tab\tand\u{0}control\u{7f}characters",
        "   ",
        "",
        "<value> and <outcome> placeholders, <option> or <valor>",
        "back\\slash | pipe, a|b or c\\d",
        "1,000,000,000,000,000,000,000 numbers and 99999999999999999999 more",
        "Between 5 and 3 items, version 2.5, MP3 and -4 degrees",
    ];
    for lang in [Lang::En, Lang::Es] {
        let story = story("HOSTILE-US-1", "Feature: Scenario | # @", "Given\n\"\"\"\n", &hostile);
        for (cases, scenarios) in [(1, 10), (10, 10), (3, 3)] {
            check(&story, &input(lang, cases, scenarios));
        }
        let empty = pickles_of(&check(&single(lang, " \n\t "), &input(lang, 1, 1)));
        assert_eq!(empty[0].name, pick(lang, "Criterion 100", "Criterio 100"));
    }
    // Escaped cells come back as written.
    let steps =
        step_texts(&pickles_of(&check(&single(Lang::En, "Export as CSV, a|b or c\\d"), &input(Lang::En, 1, 10))));
    assert!(steps.iter().any(|s| s == "they choose a|b") && steps.iter().any(|s| s == "they choose c\\d"), "{steps:?}");
}

#[test]
fn a_long_criterion_is_read_up_to_a_thousand_characters() {
    for key in ["SHOP-US-9", "TIENDA-US-9"] {
        let (lang, story) = fixture(key);
        assert!(story.criteria[0].1.chars().count() > 1_000);
        let proposals = check(&story, &input(lang, 3, 10));
        for p in &proposals {
            assert!(p.title.chars().count() <= 120, "{}", p.title);
            for line in p.gherkin.lines() {
                assert!(line.chars().count() <= rules::MAX_TEXT + 80, "{line}");
            }
        }
        assert!(proposals[0].gherkin.contains('…'));
        let steps = step_texts(&pickles_of(&proposals[..1]));
        assert!(steps.iter().any(|s| s.contains("17")) && steps.iter().any(|s| s.contains("18")), "{steps:?}");
    }
}

#[test]
fn a_story_without_criteria_gets_one_case_from_its_description() {
    let expected = [
        ("SHOP-US-10", ["the user acts as a shopper", "they try to subscribe to the newsletter", "I hear about sales"]),
        (
            "TIENDA-US-10",
            [
                "que el usuario actúa como comprador",
                "intenta suscribirme al boletín",
                "logra su objetivo: enterarme de las ofertas",
            ],
        ),
    ];
    for (key, steps) in expected {
        let (lang, story) = fixture(key);
        let proposals = check(&story, &input(lang, 3, 3));
        assert_eq!(proposals.len(), 1);
        assert!(proposals[0].criteria.is_empty());
        assert_eq!(proposals[0].title, story.title);
        assert_eq!(step_texts(&pickles_of(&proposals)), steps, "{key}");
    }
    // Without a description, or with another, the title still makes a runnable case.
    for lang in [Lang::En, Lang::Es] {
        for description in ["", "Lets shoppers hear about sales.", "As a", "Como"] {
            check(&story("BARE-US-1", "Newsletter", description, &[]), &input(lang, 3, 3));
        }
        check(&story("", "", "", &[]), &input(lang, 3, 3));
    }
}

#[test]
fn criteria_are_split_in_order_and_coverage_beats_the_caps() {
    for key in ["SHOP-US-11", "TIENDA-US-11"] {
        let (lang, story) = fixture(key);
        let proposals = check(&story, &input(lang, 2, 1));
        assert_eq!(proposals.len(), 2);
        assert_eq!(proposals[0].criteria, (100..106).map(CriterionId).collect::<Vec<_>>());
        assert_eq!(proposals[1].criteria, (106..112).map(CriterionId).collect::<Vec<_>>());
        for p in &proposals {
            assert_eq!(p.gherkin.lines().filter(|l| is_heading(l)).count(), 6, "only the positive scenarios");
        }
        let part = pick(
            lang,
            ["Reports (part 1 of 2)", "Reports (part 2 of 2)"],
            ["Informes (parte 1 de 2)", "Informes (parte 2 de 2)"],
        );
        assert_eq!(titles(&proposals), part);
        let sizes: Vec<usize> = check(&story, &input(lang, 5, 3)).iter().map(|p| p.criteria.len()).collect();
        assert_eq!(sizes, [3, 3, 2, 2, 2]);
    }
    assert_eq!(split(7, 3), [3, 2, 2]);
    assert_eq!(split(2, 10), [1, 1]);
    assert_eq!(split(5, 0), [5]);
}

#[test]
fn titles_name_the_criterion_or_the_part() {
    let (lang, story) = fixture("SHOP-US-1");
    assert_eq!(titles(&check(&story, &input(lang, 1, 3))), ["Sign up"]);
    assert_eq!(
        titles(&check(&story, &input(lang, 3, 3))),
        [
            "Sign up: Password must be at least 8 characters",
            "Sign up: Username must be between 3 and 20 characters",
            "Sign up: The verification code has exactly 6 digits",
        ]
    );
    assert_eq!(
        titles(&check(&story, &input(lang, 2, 3))),
        ["Sign up (part 1 of 2)", "Sign up: The verification code has exactly 6 digits"]
    );
}

#[test]
fn only_the_asked_criteria_are_covered() {
    let (lang, story) = fixture("SHOP-US-1");
    let only = |ids: Vec<i64>| GenerateInput {
        only_criteria: ids.into_iter().map(CriterionId).collect(),
        ..input(lang, 3, 3)
    };
    let proposals = check(&story, &only(vec![101]));
    assert_eq!(proposals.len(), 1);
    assert_eq!(proposals[0].criteria, [CriterionId(101)]);
    assert!(!proposals[0].gherkin.contains("at least 8"));
    let proposals = check(&story, &only(vec![102, 100]));
    let covered: Vec<CriterionId> = proposals.iter().flat_map(|p| p.criteria.clone()).collect();
    assert_eq!(covered, [CriterionId(100), CriterionId(102)]);
    // Ids of no criterion of the story leave nothing to cover: one case from the story itself.
    let proposals = check(&story, &only(vec![999]));
    assert!(proposals[0].criteria.is_empty());
}

#[test]
fn titles_never_repeat_existing_ones() {
    let (lang, mut search) = fixture("SHOP-US-12");
    assert_eq!(
        titles(&check(&search, &input(lang, 3, 3))),
        ["Search: Results appear in under 2 seconds (variant 2)", "Search: Search matches titles and keys"]
    );
    assert_eq!(titles(&check(&search, &input(lang, 1, 3))), ["Search (variant 2)"]);
    search.existing.push("search (VARIANT 2)".into());
    assert_eq!(titles(&check(&search, &input(lang, 1, 3))), ["Search (variant 3)"]);
    let (lang, busqueda) = fixture("TIENDA-US-12");
    assert_eq!(titles(&check(&busqueda, &input(lang, 1, 3))), ["Búsqueda (variante 2)"]);
    // Two criteria worded alike still get two titles.
    let twins = story("TWIN-US-1", "Search", "", &["Same words", "same  words"]);
    assert_eq!(
        titles(&check(&twins, &input(Lang::En, 2, 3))),
        ["Search: Same words", "Search: same words (variant 2)"]
    );
}

#[test]
fn kinds_cycle_over_the_cases() {
    let (lang, story) = fixture("SHOP-US-1");
    let input = GenerateInput { kinds: vec![CaseKind::Security, CaseKind::Api], ..input(lang, 3, 3) };
    let kinds: Vec<CaseKind> = check(&story, &input).iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [CaseKind::Security, CaseKind::Api, CaseKind::Security]);
}

fn slug(key: &str) -> String {
    key.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}

/// Every proposal of a story under a `## <title> [<kind>] covers <ids>` line.
fn snapshot_text(proposals: &[Proposal]) -> String {
    let mut out = String::new();
    for p in proposals {
        let ids: Vec<String> = p.criteria.iter().map(ToString::to_string).collect();
        let covers = if ids.is_empty() { "nothing".to_owned() } else { ids.join(", ") };
        out.push_str(&format!("## {} [{}] covers {covers}\n", p.title, p.kind.as_str()));
        out.push_str(&p.gherkin);
        out.push('\n');
    }
    out
}

#[test]
fn output_matches_the_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/generation/offline/snapshots");
    let update = std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1");
    if update {
        fs::create_dir_all(dir.as_path()).unwrap();
    }
    let mut stale = Vec::new();
    for (lang, story) in fixtures() {
        let text = snapshot_text(&generate(&story, &input(lang, 3, 10)));
        let path = dir.join(format!("{}.feature", slug(&story.key)));
        if update {
            fs::write(path.as_path(), text.as_bytes()).unwrap();
            continue;
        }
        match fs::read_to_string(path.as_path()) {
            Ok(saved) if saved.replace("\r\n", "\n") == text => {}
            Ok(saved) => {
                let line = saved
                    .lines()
                    .zip(text.lines())
                    .position(|(a, b)| a != b)
                    .map_or_else(|| saved.lines().count().min(text.lines().count()) + 1, |at| at + 1);
                stale.push(format!("{} differs from line {line}", path.display()));
            }
            Err(e) => stale.push(format!("{} cannot be read: {e}", path.display())),
        }
    }
    assert!(
        stale.is_empty(),
        "The offline generator's output changed:\n{}\nIf the change is intended, run `UPDATE_SNAPSHOTS=1 cargo test -p app offline` and review the diff.",
        stale.join("\n")
    );
}
