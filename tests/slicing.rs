//! Every field that code may cut or look into by position (URLs, ids, dates, keys,
//! kinds, references, the source line under a message) is fed wide characters and
//! control characters at every offset: loading, messages with their excerpts, the
//! exports and the reader's screens must neither panic nor let a control through.

mod ui_common;

use std::path::Path;

use brief::app::{Action, App};
use brief::library::Library;
use brief::load::{self, Loaded};
use proptest::prelude::*;

/// Characters that are more than one byte, or that a terminal acts on, or both.
const INTRUDERS: &[&str] = &[
    "\u{e9}",
    "\u{4e2d}",
    "\u{1d11e}",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}",
    "\u{7}",
    "\u{9b}",
    "\u{85}",
    "\u{2028}",
    "\u{202e}",
    "\u{200b}",
    "\t",
    "\u{301}",
    "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
    "\u{ff21}",
];

/// The fields a case can put text into, with a valid value for the others.
const FIELDS: &[(&str, &str)] = &[
    ("id", "wannacry"),
    ("title", "WannaCry"),
    ("date", "2017-12-19"),
    ("summary", "Summary"),
    ("tag", "cyber"),
    ("sid", "fcw"),
    ("url", "https://fcw.com/a"),
    ("sdate", "2017-12-19T15:30:00-05:00"),
    ("edate", "2017-05"),
    ("aid", "nk"),
    ("name", "North Korea"),
    ("kind", "country"),
    ("alias", "DPRK"),
    ("aff", "us"),
    ("tdate", "2017-12-18T10:00:00Z"),
    ("tactor", "nk"),
    ("tsource", "fcw"),
    ("conf", "high"),
    ("qactor", "nk"),
    ("qtext", "Words"),
    ("prio", "medium"),
    ("key", "x-note"),
];

const TEMPLATE: &str = "briefing: 1
id: {id}
title: {title}
date: {date}
summary: {summary}
tags: [{tag}]
sources:
  - id: {sid}
    title: Source
    url: {url}
    date: {sdate}
event:
  title: Event
  date: {edate}
actors:
  - id: {aid}
    name: {name}
    kind: {kind}
    aliases: [{alias}]
    affiliation: {aff}
  - id: us
    name: United States
timeline:
  - date: {tdate}
    title: Entry
    actors: [{tactor}]
    source: {tsource}
    confidence: {conf}
quotes:
  - actor: {qactor}
    text: {qtext}
implications:
  - title: Implication
    priority: {prio}
{key}: 1
";

/// A YAML double-quoted scalar of `s`; with `escape`, characters YAML does not allow
/// raw are written as escapes, otherwise they are left in the file as they are.
fn quote(s: &str, escape: bool) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if escape && (c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')) => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The template with `field` set to `value` and every other field valid.
fn briefing_with(field: &str, value: &str, escape: bool) -> String {
    let mut doc = TEMPLATE.to_string();
    for (name, valid) in FIELDS {
        let v = if *name == field {
            quote(value, escape)
        } else {
            valid.to_string()
        };
        doc = doc.replace(&format!("{{{name}}}"), &v);
    }
    doc
}

/// Characters that must never reach a terminal or a message raw.
fn unsafe_char(c: char, newline_ok: bool) -> bool {
    (c.is_control() && !(newline_ok && c == '\n'))
        || matches!(
            c,
            '\u{61c}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{2066}'..='\u{2069}'
        )
}

fn assert_clean(what: &str, text: &str, newline_ok: bool) {
    if let Some(c) = text.chars().find(|&c| unsafe_char(c, newline_ok)) {
        panic!("{what}: {c:?} left raw in {text:?}");
    }
}

/// Everything a caller does with a load's outcome.
fn follow(what: &str, loaded: &Loaded) {
    match loaded {
        Ok(b) => {
            let json = brief::export::json(&[b]).expect("a briefing serializes");
            let back: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
            assert!(back.is_array(), "{what}");
            assert_clean(what, &brief::export::plain_text(b), true);
        }
        Err(diags) => {
            for d in diags {
                assert_clean(what, &d.to_string(), false);
                assert_clean(what, &d.with_excerpt(), true);
            }
        }
    }
}

/// `base` with `intruder` put in at every character boundary.
fn every_offset(base: &str, intruder: &str) -> Vec<String> {
    let mut at: Vec<usize> = base.char_indices().map(|(i, _)| i).collect();
    at.push(base.len());
    at.into_iter()
        .map(|i| format!("{}{intruder}{}", &base[..i], &base[i..]))
        .collect()
}

/// Text shaped like the field (`https://`, `2017-12-19T`, ...) so that the checks get
/// past their first characters, or anything printable.
fn base_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("https://example.org/a".to_string()),
        Just("http://".to_string()),
        Just("2017-12-19T15:30:00.123456789-05:00".to_string()),
        Just("2017-12-19".to_string()),
        Just("2017-05".to_string()),
        Just("country".to_string()),
        Just("fcw".to_string()),
        "[a-z0-9:/.T+-]{0,24}",
        "[ -~]{0,16}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn every_field_at_every_offset_loads_without_panic(
        base in base_text(),
        intruder in prop::sample::select(INTRUDERS),
        escape: bool,
    ) {
        for value in every_offset(&base, intruder) {
            for (field, _) in FIELDS {
                let doc = briefing_with(field, &value, escape);
                let path = Path::new("hostile.yaml");
                let what = format!("{field} = {value:?}");
                follow(&what, &load::load_str(path, &doc));
                follow(&what, &load::load_positioned(path, &doc));
            }
        }
    }

    #[test]
    fn the_parts_that_look_into_text_do_not_panic(
        base in base_text(),
        intruder in prop::sample::select(INTRUDERS),
    ) {
        for value in every_offset(&base, intruder) {
            if let Err(e) = brief::date::Date::parse(&value) {
                assert_clean("a date error", &brief::text::clean_line(&e.0), false);
            }
            let _ = load::is_slug(&value);
            assert!(load::is_slug(&load::slugify(&value)));
            let _ = load::closest(&value, &["title", "actors", "date"]);
            let _ = brief::cli::parse_size(&value);
            let _ = brief::text::shorten(&value, 5);
            let _ = brief::library::find_ci(&value, "e");
            let _ = brief::library::find_ci(&value, &intruder.to_lowercase());
            let _ = brief::library::contains_ci(&value, "t");
            for width in 1..6 {
                let _ = brief::ui::wrap(&value, width);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    /// The reader draws a briefing with the text in every field it shows, and a
    /// search for the text highlights it, at every offset.
    #[test]
    fn the_reader_draws_every_field_at_every_offset(
        base in "[a-zA-Z][a-zA-Z ]{0,11}",
        intruder in prop::sample::select(INTRUDERS),
    ) {
        for value in every_offset(&base, intruder) {
            let mut briefings = Vec::new();
            for field in ["title", "summary", "name", "alias", "qtext", "tag"] {
                let doc = briefing_with(field, &value, true);
                let name = format!("{field}.yaml");
                match load::load_str(Path::new(&name), &doc) {
                    Ok(b) => briefings.push(b),
                    Err(d) => panic!("{field} = {value:?}: {}", d[0]),
                }
            }
            let mut app = App::new(Library::new(briefings, Vec::new()));
            app.update(Action::Search);
            ui_common::type_text(&mut app, &value);
            app.update(Action::Apply);
            for pane in 0..6 {
                app.update(Action::Focus(pane));
                app.update(Action::Open);
                let t = ui_common::draw(&mut app, 80, 24);
                assert_clean("the screen", &ui_common::screen_text(&t), true);
                app.update(Action::Back);
            }
            app.update(Action::ActorPicker);
            ui_common::type_text(&mut app, &value);
            ui_common::draw(&mut app, 60, 20);
        }
    }
}
