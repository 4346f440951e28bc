//! Every quote a bundled briefing gives as the speaker's own words is in its source.
//!
//! The source texts are kept in `tests/fixtures/sources/<briefing id>/<source id>.txt`.
//! Exercise briefings (classification `EXERCISE`) are invented and have no source text;
//! paraphrases are reported speech and are not looked for.
//!
//! Only two things are normalized before comparing: runs of whitespace (a line break
//! in a folded YAML block, or in the article) count as one space, and typographic
//! quotation marks and apostrophes (“ ” ‘ ’ and the like) count as their ASCII forms.
//! Everything else, dashes and ellipses included, must match character for character.

use std::path::{Path, PathBuf};

use brief::load;
use brief::model::Briefing;

fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            c => c,
        });
    }
    out
}

fn bundled() -> Vec<Briefing> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let files = load::discover(&[dir]).expect("briefings/ is readable");
    assert!(!files.is_empty(), "no bundled briefings found");
    files
        .iter()
        .map(|f| {
            load::load_file(f, &Default::default())
                .unwrap_or_else(|e| panic!("{} does not load: {e:?}", f.display()))
        })
        .collect()
}

fn is_exercise(b: &Briefing) -> bool {
    b.classification
        .as_ref()
        .is_some_and(|c| c.raw().trim().eq_ignore_ascii_case("EXERCISE"))
}

fn source_text(briefing: &str, source: &str) -> Option<String> {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sources")
        .join(briefing)
        .join(format!("{source}.txt"));
    std::fs::read_to_string(path).ok()
}

/// The problems with one briefing's direct quotes, and how many were found verbatim.
fn check(b: &Briefing) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut verbatim = 0;
    for (i, q) in b.quotes.iter().enumerate().filter(|(_, q)| !q.paraphrase) {
        let at = format!("{} quote {} ({})", b.id, i + 1, q.text.raw());
        let Some(source) = &q.source else {
            problems.push(format!(
                "{at}: a direct quote with no source cannot be checked"
            ));
            continue;
        };
        let Some(text) = source_text(&b.id, source) else {
            problems.push(format!(
                "{at}: no text for source `{source}`; keep it in tests/fixtures/sources/{}/{source}.txt",
                b.id
            ));
            continue;
        };
        if normalize(&text).contains(&normalize(q.text.raw())) {
            verbatim += 1;
        } else {
            problems.push(format!(
                "{at}: not found word for word in source `{source}`"
            ));
        }
    }
    (problems, verbatim)
}

#[test]
fn every_direct_quote_of_a_real_briefing_is_verbatim_in_its_source() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for b in bundled().iter().filter(|b| !is_exercise(b)) {
        let (p, n) = check(b);
        problems.extend(p);
        checked += n;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The WannaCry briefing alone has fourteen; a check of nothing proves nothing.
    assert!(checked >= 14, "only {checked} quotes were checked");
}

#[test]
fn normalizing_touches_only_whitespace_and_quotation_marks() {
    assert_eq!(
        normalize("  \u{201C}it\u{2019}s\n   here\u{201D}  "),
        "\"it's here\""
    );
    // Dashes and ellipses are kept: "--" is not "–", "…" is not "...".
    assert_ne!(normalize("a -- b"), normalize("a \u{2013} b"));
    assert_ne!(normalize("out\u{2026}without"), normalize("out...without"));
}

#[test]
fn a_changed_word_is_caught() {
    let mut b = bundled()
        .into_iter()
        .find(|b| b.id == "wannacry-attribution")
        .expect("the WannaCry briefing is bundled");
    let q = b
        .quotes
        .iter_mut()
        .find(|q| !q.paraphrase)
        .expect("a direct quote");
    let changed = q.text.raw().replacen("the", "a", 1);
    q.text = brief::model::Text::block(changed);
    let (problems, _) = check(&b);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("not found word for word"));
}
