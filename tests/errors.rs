//! Every kind of error of the format's "What is an error", each from a fixture
//! with exactly that one problem, at the exact line and column of the offending
//! key or value, with the words an author needs to fix it.

mod common;

use std::path::Path;

use brief::load;
use common::*;

/// Loads `tests/fixtures/errors/FILE`, expects exactly one error at `LINE:COL`
/// with all of `words` in its message.
fn check_fixture(file: &str, at: &str, words: &[&str]) {
    let rel = format!("errors/{file}");
    let diags = expect_err(load_fixture(&rel));
    let prefix = format!("tests/fixtures/{rel}:{at}: error: ");
    assert_one_error(&diags, &prefix, words);
}

macro_rules! error_fixture {
    ($($name:ident: $file:literal at $at:literal says [$($word:literal),* $(,)?];)*) => {
        $(
            #[test]
            fn $name() {
                check_fixture($file, $at, &[$($word),*]);
            }
        )*
    };
}

error_fixture! {
    syntax_error_at_the_place_the_parser_stops:
        "syntax-error.yaml" at "5:6" says ["not valid YAML"];
    colon_in_an_unquoted_text_says_to_quote_it:
        "colon-in-text.yaml" at "2:16" says ["not valid YAML", "quotes"];
    second_document_at_its_separator:
        "two-documents.yaml" at "6:1" says ["more than one YAML document", "---"];

    missing_top_level_key_at_the_top_mapping:
        "missing-title.yaml" at "2:1" says ["missing required key `title` in briefing"];
    missing_event_key_at_the_event:
        "missing-event-date.yaml" at "5:3" says ["missing required key `date` in event"];
    missing_actor_key_at_that_actor:
        "missing-actor-name.yaml" at "10:5" says ["missing required key `name` in actor"];
    missing_timeline_key_at_that_entry:
        "missing-entry-date.yaml" at "11:5" says ["missing required key `date` in timeline entry"];
    missing_quote_key_at_that_quote:
        "missing-quote-text.yaml" at "11:5" says ["missing required key `text` in quote"];
    missing_implication_key_at_that_implication:
        "missing-implication-title.yaml" at "11:5" says ["missing required key `title` in implication"];
    missing_source_key_at_that_source:
        "missing-source-id.yaml" at "5:5" says ["missing required key `id` in source"];

    wrong_type_at_the_value:
        "wrong-type.yaml" at "4:7" says ["`tags`", "must be a list", "found a text"];
    empty_text_at_the_value:
        "empty-text.yaml" at "9:11" says ["`name` in actor is empty"];
    key_without_value_at_the_key:
        "no-value.yaml" at "4:1" says ["`summary` in briefing has no value"];

    unknown_key_names_the_closest_and_the_allowed_ones:
        "unknown-key.yaml" at "13:5" says [
            "unknown key `txet` in quote; did you mean `text`?",
            "allowed keys: actor, text, date, context, source, paraphrase",
            "`x-`",
        ];
    duplicate_key_at_the_second_one:
        "duplicate-key.yaml" at "8:3" says ["duplicate key `location` in event", "line 7"];
    duplicate_actor_id_at_the_second_one:
        "duplicate-actor-id.yaml" at "12:9" says ["duplicate actor id `bossert`", "line 8"];
    duplicate_source_id_at_the_second_one:
        "duplicate-source-id.yaml" at "7:9" says ["duplicate source id `fcw`", "line 5"];

    unknown_quote_actor_lists_the_actors:
        "unknown-quote-actor.yaml" at "13:12" says [
            "unknown actor `bosert` in quote",
            "did you mean `bossert`?",
            "bossert, white-house",
        ];
    unknown_timeline_actor_at_that_item:
        "unknown-entry-actors.yaml" at "15:27" says [
            "unknown actor `lazarus` in timeline entry",
            "bossert, north-korea",
        ];
    unknown_implication_actor_at_that_item:
        "unknown-implication-actors.yaml" at "16:9" says [
            "unknown actor `dhs` in implication",
            "bossert, white-house",
        ];
    unknown_affiliation_lists_the_actors:
        "unknown-affiliation.yaml" at "10:18" says [
            "unknown actor `whitehouse`",
            "did you mean `white-house`?",
            "bossert, white-house",
        ];
    unknown_source_lists_the_sources:
        "unknown-source.yaml" at "18:13" says ["unknown source `wsj` in quote", "fcw, nyt"];

    bad_date_says_why:
        "bad-date.yaml" at "3:7" says ["`date` in briefing", "2017-02-30", "February 2017 has no day 30"];
    bad_slug_says_what_a_slug_is:
        "bad-slug.yaml" at "8:9" says ["`Tom Bossert` is not a valid id in actor", "a-z", "tom-bossert"];
    bad_kind_lists_the_kinds:
        "bad-kind.yaml" at "10:11" says [
            "bad kind `agency` in actor",
            "person, organization, government, country, group",
        ];
    bad_priority_lists_the_priorities:
        "bad-priority.yaml" at "12:15" says ["bad priority `urgent` in implication", "low, medium, high"];
    bad_confidence_lists_the_levels:
        "bad-confidence.yaml" at "13:17" says [
            "bad confidence `certain` in timeline entry",
            "low, moderate, high",
        ];
    other_format_version_is_refused:
        "bad-version.yaml" at "2:11" says ["format version", "`briefing: 2`", "version 1"];
}

#[test]
fn several_errors_are_all_reported_in_one_pass_by_position() {
    let diags = expect_err(load_fixture("errors/several-errors.yaml"));
    let all = shown(&diags);
    let expected = [
        ("3:7", "month 13 does not exist"),
        (
            "7:3",
            "unknown key `locaton` in event; did you mean `location`?",
        ),
        ("11:11", "bad kind `robot`"),
        ("12:9", "duplicate actor id `a`"),
        ("16:14", "unknown actor `b` in implication"),
    ];
    assert_eq!(all.len(), expected.len(), "{all:#?}");
    for (line, (at, words)) in all.iter().zip(expected) {
        let prefix = format!("tests/fixtures/errors/several-errors.yaml:{at}: error: ");
        assert_error(line, &prefix, &[words]);
    }
}

#[test]
fn not_utf8_is_reported_where_the_bad_byte_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.yaml");
    // "Café" written in Latin-1: 0xe9 is not UTF-8.
    let mut bytes = MINIMAL.as_bytes().to_vec();
    bytes.extend_from_slice(b"summary: Caf\xe9 au lait\n");
    std::fs::write(&path, &bytes).unwrap();
    let diags = expect_err(load::load_file(&path, &Default::default()));
    assert_one_error(
        &diags,
        &format!("{}:9:13: error: ", path.display()),
        &["UTF-8", "0xe9"],
    );
}

/// Every key of every object, on a line of its own after an optional key,
/// so removing one required key leaves the rest in place.
const EVERY_OBJECT: &str = "\
briefing: 1
title: T
date: 2017-12-19
sources:
  - publisher: P
    id: s
    title: S
event:
  location: L
  title: E
  date: 2017-12-19
actors:
  - role: R
    id: a
    name: A
timeline:
  - detail: D
    date: 2017
    title: Tl
quotes:
  - context: C
    actor: a
    text: Q
implications:
  - detail: D
    title: I
";

#[test]
fn every_required_key_when_missing_is_reported_at_its_mapping() {
    expect_ok(load_yaml("every.yaml", EVERY_OBJECT));
    // (lines to remove, 1-based and inclusive; the key; where it is missing; the mapping's place)
    let cases = [
        ((2, 2), "title", "briefing", "1:1"),
        ((3, 3), "date", "briefing", "1:1"),
        ((8, 11), "event", "briefing", "1:1"),
        ((12, 15), "actors", "briefing", "1:1"),
        ((6, 6), "id", "source", "5:5"),
        ((7, 7), "title", "source", "5:5"),
        ((10, 10), "title", "event", "9:3"),
        ((11, 11), "date", "event", "9:3"),
        ((14, 14), "id", "actor", "13:5"),
        ((15, 15), "name", "actor", "13:5"),
        ((18, 18), "date", "timeline entry", "17:5"),
        ((19, 19), "title", "timeline entry", "17:5"),
        ((22, 22), "actor", "quote", "21:5"),
        ((23, 23), "text", "quote", "21:5"),
        ((26, 26), "title", "implication", "25:5"),
    ];
    for ((first, last), key, what, at) in cases {
        let src: String = EVERY_OBJECT
            .lines()
            .enumerate()
            .filter(|(i, _)| !(first..=last).contains(&(i + 1)))
            .map(|(_, l)| format!("{l}\n"))
            .collect();
        let diags = expect_err(load_yaml("every.yaml", &src));
        let all = shown(&diags);
        let (missing, others): (Vec<&String>, Vec<&String>) =
            all.iter().partition(|d| d.contains("missing"));
        assert_eq!(missing.len(), 1, "without `{key}` in {what}: {all:#?}");
        assert_error(
            missing[0],
            &format!("every.yaml:{at}: error: "),
            &[&format!("missing required key `{key}` in {what}")],
        );
        // Without the actor `a`, the quote's reference to it is wrong too; nothing
        // else may be reported.
        for other in others {
            assert!(
                (key == "actors" || (key, what) == ("id", "actor"))
                    && other.contains("unknown actor `a` in quote"),
                "without `{key}` in {what}: {all:#?}"
            );
        }
    }
}

#[test]
fn wrong_types_are_reported_at_the_value_with_what_was_found() {
    let cases = [
        (
            "summary: {a: b}\n",
            "9:10",
            &["`summary` in briefing must be a text", "found a mapping"][..],
        ),
        (
            "classification: [x]\n",
            "9:17",
            &["`classification`", "found a list"],
        ),
        ("tags: {a: b}\n", "9:7", &["`tags`", "must be a list"]),
        (
            "tags: [[a]]\n",
            "9:8",
            &["`tags`", "must be a text", "found a list"],
        ),
        ("sources: fcw\n", "9:10", &["`sources`", "must be a list"]),
        (
            "sources: [fcw]\n",
            "9:11",
            &["a source must be a mapping", "found a text"],
        ),
        (
            "timeline: {date: 2017}\n",
            "9:11",
            &["`timeline`", "must be a list"],
        ),
        ("quotes: [said]\n", "9:10", &["a quote must be a mapping"]),
        (
            "implications: [[x]]\n",
            "9:16",
            &["an implication must be a mapping", "found a list"],
        ),
        (
            "timeline:\n  - date: 2017\n    title: T\n    approximate: yes\n",
            "12:18",
            &[
                "`approximate` in timeline entry must be true or false",
                "found a text",
            ],
        ),
        (
            "quotes:\n  - actor: a\n    text: Q\n    paraphrase: 1\n",
            "12:17",
            &[
                "`paraphrase` in quote must be true or false",
                "found a number",
            ],
        ),
        (
            "timeline:\n  - date: true\n    title: T\n",
            "10:11",
            &["`date` in timeline entry must be a date", "found a boolean"],
        ),
        (
            "timeline:\n  - date: 2017\n    title: T\n    actors: a\n",
            "12:13",
            &["`actors` in timeline entry must be a list"],
        ),
        (
            "briefing: one\n",
            "9:11",
            &["`briefing`", "version number 1", "found a text"],
        ),
    ];
    for (extra, at, words) in cases {
        let src = format!("{MINIMAL}{extra}");
        let diags = expect_err(load_yaml("types.yaml", &src));
        assert_one_error(&diags, &format!("types.yaml:{at}: error: "), words);
    }
    let src = MINIMAL.replace("title: T\n", "title: [a, b]\n");
    let diags = expect_err(load_yaml("types.yaml", &src));
    assert_one_error(
        &diags,
        "types.yaml:1:8: error: ",
        &["`title` in briefing must be a text", "found a list"],
    );
    let src = MINIMAL.replace(
        "event:\n  title: E\n  date: 2017-12-19\n",
        "event: Washington\n",
    );
    let diags = expect_err(load_yaml("types.yaml", &src));
    assert_one_error(
        &diags,
        "types.yaml:3:8: error: ",
        &["an event must be a mapping", "found a text"],
    );
}

#[test]
fn empty_texts_are_errors_wherever_text_is_expected() {
    let cases = [
        ("summary: ''\n", "9:10", "`summary` in briefing is empty"),
        ("summary: |\n\n", "9:10", "`summary` in briefing is empty"),
        (
            "classification: \"  \\t \"\n",
            "9:17",
            "`classification` in briefing is empty",
        ),
        ("tags: [cyber, '']\n", "9:15", "`tags` in briefing is empty"),
        (
            "quotes:\n  - actor: a\n    text: ' '\n",
            "11:11",
            "`text` in quote is empty",
        ),
    ];
    for (extra, at, words) in cases {
        let src = format!("{MINIMAL}{extra}");
        let diags = expect_err(load_yaml("empty.yaml", &src));
        assert_one_error(&diags, &format!("empty.yaml:{at}: error: "), &[words]);
    }
}

#[test]
fn empty_actor_list_is_an_error() {
    let src = MINIMAL.replace("actors:\n  - id: a\n    name: A\n", "actors: []\n");
    let diags = expect_err(load_yaml("no-actors.yaml", &src));
    assert_one_error(
        &diags,
        "no-actors.yaml:6:9: error: ",
        &["`actors` is empty", "at least one actor"],
    );
}

#[test]
fn reference_to_a_source_when_there_are_none_says_so() {
    let src = format!("{MINIMAL}timeline:\n  - date: 2017\n    title: T\n    source: fcw\n");
    let diags = expect_err(load_yaml("refs.yaml", &src));
    assert_one_error(
        &diags,
        "refs.yaml:12:13: error: ",
        &[
            "unknown source `fcw` in timeline entry",
            "defines no sources",
        ],
    );
}

#[test]
fn bad_values_of_every_closed_set_are_reported() {
    let cases = [
        (
            "id: Bad_Start\n",
            "9:5",
            &["`Bad_Start` is not a valid id in briefing"][..],
        ),
        ("id: -leading-dash\n", "9:5", &["not a valid id"]),
        (
            "sources:\n  - id: f c w\n    title: S\n",
            "10:9",
            &["`f c w` is not a valid id in source"],
        ),
        (
            "implications:\n  - title: I\n    confidence: sure\n",
            "11:17",
            &[
                "bad confidence `sure` in implication",
                "low, moderate, high",
            ],
        ),
        (
            "implications:\n  - title: I\n    priority: High\n",
            "11:15",
            &["bad priority `High`", "did you mean `high`?"],
        ),
        (
            "timeline:\n  - date: 2017-12-19 15:30\n    title: T\n",
            "10:11",
            &["`date` in timeline entry", "RFC 3339"],
        ),
        (
            "quotes:\n  - actor: a\n    text: Q\n    date: 19 Dec 2017\n",
            "12:11",
            &["`date` in quote", "is not a date"],
        ),
        (
            "sources:\n  - id: s\n    title: S\n    date: 2017-00\n",
            "12:11",
            &["`date` in source", "month 0 does not exist"],
        ),
        ("briefing: 0\n", "9:11", &["`briefing: 0`", "version 1"]),
        (
            "briefing: 1.5\n",
            "9:11",
            &["`briefing`", "version number 1"],
        ),
    ];
    for (extra, at, words) in cases {
        let src = format!("{MINIMAL}{extra}");
        let diags = expect_err(load_yaml("values.yaml", &src));
        assert_one_error(&diags, &format!("values.yaml:{at}: error: "), words);
    }
}

#[test]
fn unknown_keys_everywhere_are_reported_never_dropped() {
    let src = EVERY_OBJECT
        .replace("briefing: 1\n", "briefing: 1\nsumary: S\n")
        .replace("  location: L\n", "  locatoin: L\n")
        .replace("    id: s\n", "    id: s\n    link: https://x.example\n")
        .replace("    name: A\n", "    name: A\n    alias: [B]\n")
        .replace("    date: 2017\n", "    date: 2017\n    sorce: s\n")
        .replace("    text: Q\n", "    text: Q\n    speaker: a\n")
        .replace("    title: I\n", "    title: I\n    prority: high\n");
    let diags = expect_err(load_yaml("keys.yaml", &src));
    let all = shown(&diags);
    let expected = [
        (
            "2:1",
            "unknown key `sumary` in briefing; did you mean `summary`?",
        ),
        ("8:5", "unknown key `link` in source"),
        (
            "11:3",
            "unknown key `locatoin` in event; did you mean `location`?",
        ),
        (
            "18:5",
            "unknown key `alias` in actor; did you mean `aliases`?",
        ),
        (
            "22:5",
            "unknown key `sorce` in timeline entry; did you mean `source`?",
        ),
        ("28:5", "unknown key `speaker` in quote (allowed keys"),
        (
            "32:5",
            "unknown key `prority` in implication; did you mean `priority`?",
        ),
    ];
    assert_eq!(all.len(), expected.len(), "{all:#?}");
    for (line, (at, words)) in all.iter().zip(expected) {
        assert_error(
            line,
            &format!("keys.yaml:{at}: error: "),
            &[words, "allowed keys"],
        );
    }
}

#[test]
fn a_duplicate_key_in_a_list_item_is_reported_at_the_second() {
    let src = format!("{MINIMAL}quotes:\n  - actor: a\n    text: First\n    text: Second\n");
    let diags = expect_err(load_yaml("dup.yaml", &src));
    assert_one_error(
        &diags,
        "dup.yaml:12:5: error: ",
        &["duplicate key `text` in quote", "line 11"],
    );
}

#[test]
fn diagnostics_carry_the_source_line_for_the_caret() {
    let diags = expect_err(load_fixture("errors/unknown-key.yaml"));
    let d = &diags[0];
    assert_eq!(d.excerpt.as_deref(), Some("    txet: The other words."));
    let shown = d.with_excerpt();
    assert!(
        shown.ends_with("\n    |     ^"),
        "the caret stands under the key:\n{shown}"
    );
}

#[test]
fn load_bytes_and_load_file_agree() {
    let path = fixture("errors/several-errors.yaml");
    let bytes = std::fs::read(&path).unwrap();
    let from_file = expect_err(load::load_file(&path, &Default::default()));
    let from_bytes = expect_err(load::load_bytes(Path::new(&path), &bytes));
    assert_eq!(from_file, from_bytes);
}

#[test]
fn columns_count_characters_not_bytes() {
    let src = format!("{MINIMAL}tags: [Zürich, 北京, 😀, \"\"]\n");
    let diags = expect_err(load_yaml("unicode.yaml", &src));
    assert_one_error(
        &diags,
        "unicode.yaml:9:23: error: ",
        &["`tags` in briefing is empty"],
    );
}

/// The one error of a briefing written inline, as `brief check` words it.
fn only_error(src: &str) -> String {
    let diags = expect_err(load_yaml("inline.yaml", src));
    let all = shown(&diags);
    assert_eq!(all.len(), 1, "{}", all.join("\n"));
    all[0].clone()
}

const EVENT: &str = "event: {title: E, date: 2020}\n";

/// A text made only of characters that show nothing (zero-width spaces, bidi
/// controls, tag characters) is refused like an empty one.
#[test]
fn a_title_of_invisible_characters_is_refused() {
    let src = format!(
        "title: \"\\u200B\\u202E\\U000E0041\"\ndate: 2020\n{EVENT}actors: [{{id: a, name: A}}]\n"
    );
    let e = only_error(&src);
    assert_error(
        &e,
        "inline.yaml:1:8: error: ",
        &["`title` in briefing has no visible characters"],
    );
}

/// The list of ids an unknown reference could have meant names each id once, in
/// the order written, and the first twelve only, saying how many more there are.
#[test]
fn an_unknown_reference_lists_the_ids_there_are_once_and_at_most_twelve() {
    let actors = |ids: &[&str]| -> String {
        ids.iter()
            .map(|id| format!("  - {{id: {id}, name: N {id}}}\n"))
            .collect()
    };
    let quote = "quotes:\n  - {actor: nobody, text: Q}\n";
    // Two actors share an id: that is its own error, and the list names it once.
    let src = format!(
        "title: T\ndate: 2020\n{EVENT}actors:\n{}{quote}",
        actors(&["b", "a", "b"])
    );
    let diags = expect_err(load_yaml("inline.yaml", &src));
    let all = shown(&diags);
    assert!(
        all.iter().any(
            |l| l.ends_with("unknown actor `nobody` in quote (actors in this briefing: b, a)")
        ),
        "{}",
        all.join("\n")
    );

    let twelve: Vec<String> = (1..=12).map(|n| format!("a{n}")).collect();
    let ids: Vec<&str> = twelve.iter().map(String::as_str).collect();
    let src = format!(
        "title: T\ndate: 2020\n{EVENT}actors:\n{}{quote}",
        actors(&ids)
    );
    let e = only_error(&src);
    assert!(
        e.ends_with(&format!("(actors in this briefing: {})", ids.join(", "))),
        "{e}"
    );

    let fourteen: Vec<String> = (1..=14).map(|n| format!("a{n}")).collect();
    let ids: Vec<&str> = fourteen.iter().map(String::as_str).collect();
    let src = format!(
        "title: T\ndate: 2020\n{EVENT}actors:\n{}{quote}",
        actors(&ids)
    );
    let e = only_error(&src);
    assert!(
        e.ends_with(&format!(
            "(actors in this briefing: {} and 2 more)",
            ids[..12].join(", ")
        )),
        "{e}"
    );
}

/// "Did you mean" allows more typing slips in a longer word, and none of them in a
/// word so short that a guess would be wild.
#[test]
fn a_hint_allows_slips_in_proportion_to_the_word() {
    // `description` has 11 letters: four slips (here four letters left out) still
    // point to it.
    let src = format!("title: T\ndate: 2020\n{EVENT}actors:\n  - {{id: a, name: A, dscrptn: D}}\n");
    let e = only_error(&src);
    assert!(
        e.contains("unknown key `dscrptn` in actor; did you mean `description`?"),
        "{e}"
    );
    // `title` has 5: two slips are too many for a guess.
    let src = format!("tytel: T\ntitle: T\ndate: 2020\n{EVENT}actors: [{{id: a, name: A}}]\n");
    let e = only_error(&src);
    assert!(
        e.contains("unknown key `tytel` in briefing (allowed keys: "),
        "{e}"
    );
    // One slip in it is still pointed out.
    let src = format!("titel: T\ntitle: T\ndate: 2020\n{EVENT}actors: [{{id: a, name: A}}]\n");
    let e = only_error(&src);
    assert!(e.contains("did you mean `title`?"), "{e}");
}

/// A problem at column 150, the last one shown from the line's start: the excerpt is
/// the line's start and the caret is under the problem. (Past it, the excerpt is cut
/// around the column.)
#[test]
fn the_caret_is_under_a_problem_at_the_last_column_shown_from_the_start() {
    let head = "event: {title: E, date: 2017-12-19, description: ";
    let event = format!("{head}{}, bogus: 1}}", "x".repeat(147 - head.len()));
    assert_eq!(event.find("bogus"), Some(149), "the key is at column 150");
    let src = format!("title: T\ndate: 2017-12-19\n{event}\nactors: [{{id: a, name: A}}]\n");
    let diags = expect_err(load_yaml("wide.yaml", &src));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!((diags[0].line, diags[0].column), (3, 150));
    let shown = diags[0].with_excerpt();
    let lines: Vec<&str> = shown.lines().collect();
    let (excerpt, caret) = (lines[2], lines[3]);
    assert!(excerpt.contains("| event: {title: E"), "{shown}");
    let at = caret.find('^').unwrap();
    assert_eq!(&excerpt[at..at + 5], "bogus", "{shown}");
}

/// A long line is shown to its first 200 characters, then `…`.
#[test]
fn a_long_line_is_shown_to_its_first_200_characters() {
    let event = format!(
        "event: {{bogus: 1, title: E, date: 2017-12-19, description: {}}}",
        "x".repeat(300)
    );
    let src = format!("title: T\ndate: 2017-12-19\n{event}\nactors: [{{id: a, name: A}}]\n");
    let diags = expect_err(load_yaml("long.yaml", &src));
    assert_eq!(diags.len(), 1, "{diags:?}");
    let shown = diags[0].with_excerpt();
    let excerpt = shown.lines().nth(2).unwrap();
    let (_, text) = excerpt.split_once(" | ").unwrap();
    let expected: String = event.chars().take(200).collect();
    assert_eq!(text, format!("{expected}\u{2026}"));
}
