//! Values as the format defines them: `x-` extensions, text written as numbers or
//! booleans, and dates that keep their precision, render as written and sort.

mod common;

use brief::date::{Date, Precision};
use common::*;

fn json(b: &brief::model::Briefing) -> serde_json::Value {
    serde_json::to_value(b).unwrap()
}

#[test]
fn x_keys_are_accepted_everywhere_and_ignored() {
    let with = expect_ok(load_fixture("valid/extensions.yaml"));
    let without = expect_ok(load_fixture("valid/extensions-stripped.yaml"));
    assert_eq!(json(&with), json(&without));
    let text = serde_json::to_string(&json(&with)).unwrap();
    assert!(
        !text.contains("x-"),
        "an extension reached the export: {text}"
    );
}

#[test]
fn x_keys_are_ignored_even_where_the_value_would_be_wrong() {
    // An extension may hold anything, including what would be an error elsewhere.
    let src = format!("{MINIMAL}x-empty:\nx-list: [[], {{}}]\nx-date: 2017-02-30\n");
    expect_ok(load_yaml("ext.yaml", &src));
}

#[test]
fn only_the_x_dash_prefix_makes_an_extension() {
    for key in ["x_note", "xnote", "note-x"] {
        let src = format!("{MINIMAL}{key}: hi\n");
        let diags = expect_err(load_yaml("ext.yaml", &src));
        assert_one_error(
            &diags,
            "ext.yaml:9:1: error: ",
            &[&format!("unknown key `{key}` in briefing")],
        );
    }
}

#[test]
fn numbers_and_booleans_where_text_is_expected_are_read_as_written() {
    let src = "\
title: 1.10
date: 2017
summary: 1e3
classification: 0x1F
tags: [2017, false, 007, -0, .inf, 12_000]
event:
  title: .NaN
  date: 2017
  location: 1.50
actors:
  - id: '1'
    name: true
    role: &r 3.0
    aliases: [No, yes, 'true']
  - id: b
    name: *r
";
    let b = expect_ok(load_yaml("numbers.yaml", src));
    assert_eq!(b.title.raw(), "1.10");
    assert_eq!(b.summary.as_ref().unwrap().raw(), "1e3");
    assert_eq!(b.classification.as_ref().unwrap().raw(), "0x1F");
    let tags: Vec<&str> = b.tags.iter().map(|t| t.raw()).collect();
    assert_eq!(tags, ["2017", "false", "007", "-0", ".inf", "12_000"]);
    assert_eq!(b.event.title.raw(), ".NaN");
    assert_eq!(b.event.location.as_ref().unwrap().raw(), "1.50");
    assert_eq!(b.actors[0].name.raw(), "true");
    assert_eq!(b.actors[0].role.as_ref().unwrap().raw(), "3.0");
    let aliases: Vec<&str> = b.actors[0].aliases.iter().map(|t| t.raw()).collect();
    assert_eq!(aliases, ["No", "yes", "true"]);
    // An alias stands for the anchored text as written.
    assert_eq!(b.actors[1].name.raw(), "3.0");
}

#[test]
fn a_number_is_a_slug_when_written_as_one() {
    let src = format!("id: 2017\n{MINIMAL}").replace("id: a\n", "id: 42\n");
    let b = expect_ok(load_yaml("numbers.yaml", &src));
    assert_eq!(b.id, "2017");
    assert_eq!(b.actors[0].id, "42");
}

#[test]
fn yes_and_no_are_not_booleans() {
    let src = format!("{MINIMAL}quotes:\n  - actor: a\n    text: Q\n    paraphrase: yes\n");
    let diags = expect_err(load_yaml("flags.yaml", &src));
    assert_one_error(&diags, "flags.yaml:12:17: error: ", &["true or false"]);
    let src = src.replace("paraphrase: yes", "paraphrase: true");
    assert!(expect_ok(load_yaml("flags.yaml", &src)).quotes[0].paraphrase);
}

#[test]
fn each_precision_parses_and_renders_as_written() {
    for (text, precision, human) in [
        ("2017", Precision::Year, "2017"),
        ("2017-05", Precision::Month, "May 2017"),
        ("2017-12-19", Precision::Day, "19 Dec 2017"),
        (
            "2017-12-19T15:30:00-05:00",
            Precision::Instant,
            "19 Dec 2017 15:30 -05:00",
        ),
        (
            "2017-12-19T20:30:00Z",
            Precision::Instant,
            "19 Dec 2017 20:30 UTC",
        ),
        (
            "2017-12-19T15:30:45+05:30",
            Precision::Instant,
            "19 Dec 2017 15:30:45 +05:30",
        ),
    ] {
        let d = Date::parse(text).unwrap();
        assert_eq!(d.precision(), precision, "{text}");
        assert_eq!(d.to_string(), text);
        assert_eq!(d.human(), human);
    }
}

#[test]
fn a_month_is_never_shown_as_its_first_day() {
    let d = Date::parse("2017-05").unwrap();
    assert_eq!(d.to_string(), "2017-05");
    assert_eq!(serde_json::to_value(d).unwrap(), "2017-05");
    assert_eq!(d.human(), "May 2017");
    assert_ne!(d, Date::parse("2017-05-01").unwrap());
}

#[test]
fn a_year_unquoted_or_quoted_is_a_year() {
    let src = MINIMAL
        .replace("date: 2017-12-19\nevent", "date: 2017\nevent")
        .replace("  date: 2017-12-19\n", "  date: \"2017\"\n");
    let b = expect_ok(load_yaml("year.yaml", &src));
    assert_eq!(b.date, Date::parse("2017").unwrap());
    assert_eq!(b.event.date, Date::parse("2017").unwrap());
    assert_eq!(json(&b)["date"], "2017");
    assert_eq!(json(&b)["event"]["date"], "2017");
}

#[test]
fn impossible_calendar_days_are_errors() {
    for (date, words) in [
        ("2017-02-30", "February 2017 has no day 30"),
        ("2017-02-29", "February 2017 has no day 29"),
        ("2017-04-31", "April 2017 has no day 31"),
        ("2017-02-30T10:00:00Z", "no day 30"),
        ("2017-13", "month 13"),
        ("0000", "no year 0"),
    ] {
        let src = MINIMAL.replace("date: 2017-12-19\nevent", &format!("date: {date}\nevent"));
        let diags = expect_err(load_yaml("bad.yaml", &src));
        assert_one_error(
            &diags,
            "bad.yaml:2:7: error: ",
            &["`date` in briefing", words],
        );
    }
    let src = MINIMAL.replace("date: 2017-12-19\nevent", "date: 2016-02-29\nevent");
    expect_ok(load_yaml("leap.yaml", &src));
}

#[test]
fn not_dates_are_errors_that_show_the_forms() {
    for date in [
        "17-05",
        "2017-5",
        "May 2017",
        "2017/12/19",
        "2017-12-19 15:30",
        "2017-12-19T15:30:00",
        "2017.5",
        "20170",
    ] {
        let src = MINIMAL.replace("date: 2017-12-19\nevent", &format!("date: {date}\nevent"));
        let diags = expect_err(load_yaml("bad.yaml", &src));
        assert_one_error(&diags, "bad.yaml:2:7: error: ", &["`date` in briefing"]);
        assert!(
            shown(&diags)[0].contains("2017-12-19T15:30:00"),
            "the message shows the accepted forms: {}",
            shown(&diags)[0]
        );
    }
}

#[test]
fn dates_sort_by_first_instant_then_coarser_first() {
    let mut dates: Vec<Date> = [
        "2017-12-19",
        "2017-12-01",
        "2017-12",
        "2017-11-30T19:00:00-05:00",
        "2017",
        "2016-12-31T23:30:00-05:00",
        "2016",
    ]
    .iter()
    .map(|t| Date::parse(t).unwrap())
    .collect();
    dates.sort();
    let shown: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        shown,
        [
            "2016",
            "2017",
            "2016-12-31T23:30:00-05:00",
            "2017-12",
            "2017-12-01",
            "2017-11-30T19:00:00-05:00",
            "2017-12-19",
        ]
    );
}

#[test]
fn a_mixed_timeline_is_sorted_with_the_coarser_first_at_equal_instants() {
    let b = expect_ok(load_fixture("valid/dates.yaml"));
    let dates: Vec<String> = b.timeline.iter().map(|e| e.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2017",
            "2016-12-31T23:30:00-05:00",
            "2017-12",
            "2017-12-01",
            "2017-11-30T19:00:00-05:00",
            "2017-12-19T15:30:00-05:00",
            "2017-12-19T20:30:00Z",
        ]
    );
}

/// Each file lists its entries finest first, all at one instant: read either way (the
/// quick typed way and the positioned validator), they come out coarser first.
#[test]
fn entries_at_one_instant_are_put_coarser_first_whatever_the_file_order() {
    for (file, expected) in [
        (
            "equal-instants/a-finer.yaml",
            ["2017-01-01", "2016-12-31T19:00:00-05:00"],
        ),
        ("equal-instants/b-coarser.yaml", ["2017", "2017-01"]),
    ] {
        let path = fixture(file);
        let src = std::fs::read_to_string(&path).unwrap();
        let written: Vec<String> = src
            .lines()
            .filter_map(|l| l.trim().strip_prefix("- date: "))
            .map(str::to_string)
            .collect();
        assert_eq!(
            written,
            [expected[1], expected[0]],
            "{file}: the file lists them in the other order"
        );
        let quick = expect_ok(load_fixture(file));
        let thorough = expect_ok(brief::load::load_positioned(&path, &src));
        for b in [&quick, &thorough] {
            let dates: Vec<String> = b.timeline.iter().map(|e| e.date.to_string()).collect();
            assert_eq!(dates, expected, "{file}");
            // And so they are exported.
            let exported: Vec<String> = json(b)["timeline"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["date"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(exported, expected, "{file}");
        }
    }
}

#[test]
fn years_before_1000_are_written_with_four_digits_and_read_back() {
    let src = "\
title: Early
date: 0999
summary: A year, a month, a day and an instant before the year 1000.
event:
  title: Something happens
  date: 0999-05
actors:
  - id: a
    name: A
sources:
  - id: s
    title: A chronicle
    date: 0800-12-25
timeline:
  - date: 0999-05-01T10:00:00Z
    title: An instant
  - date: 0042
    title: A year
";
    let b = expect_ok(load_yaml("early.yaml", src));
    let j = json(&b);
    assert_eq!(j["date"], "0999");
    assert_eq!(j["event"]["date"], "0999-05");
    assert_eq!(j["sources"][0]["date"], "0800-12-25");
    assert_eq!(j["timeline"][0]["date"], "0042");
    assert_eq!(j["timeline"][1]["date"], "0999-05-01T10:00:00Z");
    // What is exported can be read again, to the same dates.
    for d in [
        &b.date,
        &b.event.date,
        &b.timeline[0].date,
        &b.timeline[1].date,
    ] {
        assert_eq!(Date::parse(&d.to_string()).as_ref(), Ok(d), "{d}");
    }
    assert_eq!(b.date.human(), "999");
    assert_eq!(b.event.date.human(), "May 999");
}

#[test]
fn every_date_field_keeps_its_precision_and_offset_in_export() {
    let b = json(&expect_ok(load_fixture("valid/dates.yaml")));
    assert_eq!(b["date"], "2017");
    assert_eq!(b["event"]["date"], "2017");
    assert_eq!(b["sources"][0]["date"], "2017-05");
    assert_eq!(b["quotes"][0]["date"], "2017-12-19");
    let timeline = b["timeline"].as_array().unwrap();
    let with_offset = timeline
        .iter()
        .find(|e| e["title"] == "instant with an offset")
        .unwrap();
    assert_eq!(with_offset["date"], "2017-12-19T15:30:00-05:00");
    let in_utc = timeline
        .iter()
        .find(|e| e["title"] == "instant in UTC")
        .unwrap();
    assert_eq!(in_utc["date"], "2017-12-19T20:30:00Z");
}

#[test]
fn the_default_id_from_any_file_name_is_a_slug() {
    use brief::load::{is_slug, slugify};
    for (stem, id) in [
        ("wannacry-attribution", "wannacry-attribution"),
        ("Bad Rabbit", "bad-rabbit"),
        ("Bad  Rabbit, again!", "bad-rabbit-again"),
        ("before - after", "before-after"),
        ("2017_notpetya", "2017_notpetya"),
        ("_draft", "draft"),
        ("--x--", "x"),
        ("Zürich talks", "z-rich-talks"),
        ("???", "briefing"),
    ] {
        assert_eq!(slugify(stem), id, "{stem}");
        assert!(is_slug(&slugify(stem)), "{stem}");
    }
    let long = "a".repeat(100);
    assert!(is_slug(&slugify(&long)));
    let b = expect_ok(load_yaml("notes/_draft.yaml", MINIMAL));
    assert_eq!(b.id, "draft");
    let b = expect_ok(load_yaml("notes/Talks -- day 2.yaml", MINIMAL));
    assert_eq!(b.id, "talks-day-2");
}
