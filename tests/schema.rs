//! `brief schema`: the JSON Schema an author's editor checks a briefing against. It
//! must accept what the loader accepts, and reject unknown keys and bad values of the
//! closed lists (kind, priority, confidence) as the loader does.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

fn schema() -> Value {
    let out = brief(&["schema"]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

/// A YAML file as an editor's language server sees it: plain JSON values.
fn as_json(src: &str) -> Option<Value> {
    serde_saphyr::from_str_with_options(src, brief::load::yaml::strict_options()).ok()
}

/// Why the schema rejects a document, or nothing when it accepts it.
fn schema_errors(v: &jsonschema::Validator, src: &str) -> Vec<String> {
    let json = as_json(src).unwrap_or_else(|| panic!("not plain YAML:\n{src}"));
    v.iter_errors(&json).map(|e| e.to_string()).collect()
}

fn loader_accepts(src: &str) -> bool {
    load_yaml("t.yaml", src).is_ok()
}

/// A briefing with one of everything, each mapping marked `#HERE` where a key can
/// be added.
const FULL: &str = "\
title: T #TOP
date: 2017-12-19
classification: UNCLASSIFIED
tags: [cyber]
sources:
  - id: s
    title: S #SOURCE
    url: https://example.org/
event:
  title: E #EVENT
  date: 2017-12-19
actors:
  - id: a
    name: A #ACTOR
    kind: person
timeline:
  - date: 2017-05
    title: Entry #ENTRY
    actors: [a]
    source: s
    confidence: low
quotes:
  - actor: a
    text: Words #QUOTE
    source: s
implications:
  - title: I #IMPLICATION
    priority: high
    confidence: moderate
";

/// `FULL` with `line` added after the line marked `#marker`, at its indentation.
fn with(marker: &str, line: &str) -> String {
    let mut out = String::new();
    for l in FULL.lines() {
        out.push_str(l);
        out.push('\n');
        if l.ends_with(&format!("#{marker}")) {
            let indent = l.len() - l.trim_start().len();
            let indent = if l.trim_start().starts_with("- ") {
                indent + 2
            } else {
                indent
            };
            out.push_str(&" ".repeat(indent));
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

const PLACES: [&str; 7] = [
    "TOP",
    "EVENT",
    "ACTOR",
    "ENTRY",
    "QUOTE",
    "IMPLICATION",
    "SOURCE",
];

#[test]
fn the_schema_is_draft_2020_12_and_itself_valid() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    jsonschema::draft202012::meta::validate(&s).expect("a valid draft 2020-12 schema");
    assert_eq!(s["additionalProperties"], false);
    assert_eq!(s["patternProperties"]["^x-"], true);
}

#[test]
fn every_bundled_briefing_validates() {
    let v = validator();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let files = brief::load::discover(&[dir]).unwrap();
    assert!(files.len() >= 4);
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        let errors = schema_errors(&v, &src);
        assert!(errors.is_empty(), "{}: {errors:#?}", f.display());
    }
}

#[test]
fn every_file_the_loader_accepts_validates() {
    let v = validator();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files =
        brief::load::discover(&[root.join("tests/fixtures"), root.join("fuzz/seeds")]).unwrap();
    let mut checked = 0;
    for f in files {
        let Ok(src) = std::fs::read_to_string(&f) else {
            continue;
        };
        if brief::load::load_str(&f, &src).is_err() {
            continue;
        }
        // What an editor cannot see as JSON (a non-finite number, say) is not checked.
        let Some(json) = as_json(src.strip_prefix('\u{feff}').unwrap_or(&src)) else {
            continue;
        };
        let errors: Vec<String> = v.iter_errors(&json).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", f.display());
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} files checked");
}

#[test]
fn the_full_example_is_valid_to_both() {
    assert!(loader_accepts(FULL));
    assert_eq!(schema_errors(&validator(), FULL), Vec::<String>::new());
}

#[test]
fn unknown_keys_are_rejected_everywhere_as_the_loader_rejects_them() {
    let v = validator();
    for place in PLACES {
        let src = with(place, "txet: misspelled");
        assert!(!loader_accepts(&src), "the loader accepts it at {place}");
        let errors = schema_errors(&v, &src);
        assert!(
            errors.iter().any(|e| e.contains("txet")),
            "the schema accepts `txet` at {place}: {errors:?}\n{src}"
        );
        // An `x-` key is an extension: both let it through.
        let src = with(place, "x-note: kept");
        assert!(loader_accepts(&src), "the loader rejects x- at {place}");
        assert_eq!(
            schema_errors(&v, &src),
            Vec::<String>::new(),
            "x- at {place}"
        );
    }
}

#[test]
fn bad_values_of_closed_lists_are_rejected_as_the_loader_rejects_them() {
    let v = validator();
    for (from, to) in [
        ("kind: person", "kind: spy"),
        ("kind: person", "kind: Person"),
        ("priority: high", "priority: urgent"),
        ("priority: high", "priority: High"),
        ("confidence: moderate", "confidence: medium"),
        ("confidence: low", "confidence: LOW"),
        ("confidence: low", "approximate: yes"),
        ("date: 2017-05", "date: May 2017"),
        ("url: https://example.org/", "url: ftp://example.org/"),
        ("id: a", "id: Not A Slug"),
    ] {
        let src = FULL.replacen(from, to, 1);
        assert_ne!(src, FULL, "{from}");
        assert!(!loader_accepts(&src), "the loader accepts {to}");
        assert!(
            !schema_errors(&v, &src).is_empty(),
            "the schema accepts {to}"
        );
    }
}

#[test]
fn the_schema_lists_exactly_the_keys_the_loader_allows() {
    let s = schema();
    for (name, keys) in brief::load::mappings() {
        let object = if name == "Briefing" {
            &s
        } else {
            &s["$defs"][name]
        };
        let mut listed: Vec<&str> = object["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{name} has no properties"))
            .keys()
            .map(String::as_str)
            .collect();
        let mut allowed: Vec<&str> = keys.to_vec();
        listed.sort_unstable();
        allowed.sort_unstable();
        assert_eq!(listed, allowed, "{name}");
        assert_eq!(object["additionalProperties"], false, "{name}");
    }
}

#[test]
fn a_format_version_other_than_1_is_rejected_as_the_loader_rejects_it() {
    let v = validator();
    let src = format!("briefing: 1\n{FULL}");
    assert!(loader_accepts(&src));
    assert_eq!(schema_errors(&v, &src), Vec::<String>::new());
    for bad in ["briefing: 2", "briefing: one", "briefing: true"] {
        let src = format!("{bad}\n{FULL}");
        assert!(!loader_accepts(&src), "the loader accepts {bad}");
        assert!(
            !schema_errors(&v, &src).is_empty(),
            "the schema accepts {bad}"
        );
    }
}
