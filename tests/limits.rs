//! Hostile input: alias bombs, deep nesting, damaged files. Each must end with
//! a clear message naming the limit, never with a panic or a stack overflow.

mod common;

use std::path::Path;

use brief::load::{self, yaml};
use common::*;

/// "Billion laughs": ten levels of nine aliases each expand to 9^10 nodes.
fn alias_bomb() -> String {
    let mut s = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        s.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    s
}

fn assert_names_depth_limit(diags: &[brief::load::Diagnostic]) {
    let all = shown(diags);
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(all[0].contains("nesting too deep"), "{}", all[0]);
    assert!(
        all[0].contains(&yaml::MAX_DEPTH.to_string()),
        "the message names the limit: {}",
        all[0]
    );
}

#[test]
fn alias_bomb_is_refused_naming_the_limit() {
    let diags = expect_err(load_yaml("bomb.yaml", &alias_bomb()));
    let all = shown(&diags);
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(all[0].starts_with("bomb.yaml:"), "{}", all[0]);
    assert!(all[0].contains("alias"), "{}", all[0]);
    assert!(
        all[0].contains(&yaml::MAX_ALIAS_EVENTS.to_string()),
        "the message names the limit: {}",
        all[0]
    );
}

#[test]
fn alias_bomb_through_check_exits_1_with_the_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bomb.yaml"), alias_bomb()).unwrap();
    let out = brief_in(dir.path(), &["check", "bomb.yaml"]);
    assert_eq!(status(&out), 1, "{}", stderr(&out));
    assert!(stdout(&out).contains("too many alias expansions"));
    assert!(stdout(&out).contains("1 briefing checked, 1 with errors"));
}

#[test]
fn a_few_aliases_are_fine() {
    let src = format!(
        "{MINIMAL}tags: [&t cyber, *t]\ntimeline:\n  - date: &d 2017-05\n    title: &x 1.10\n  - date: *d\n    title: *x\n"
    );
    let b = expect_ok(load_yaml("aliases.yaml", &src));
    assert_eq!(b.tags.len(), 2);
    assert_eq!(b.tags[1].raw(), "cyber");
    assert_eq!(b.timeline[1].date.to_string(), "2017-05");
    assert_eq!(b.timeline[1].title.raw(), "1.10");
}

#[test]
fn hundred_thousand_nested_lists_are_refused_naming_the_limit() {
    let n = 100_000;
    let src = format!("{}{}\n", "[".repeat(n), "]".repeat(n));
    let diags = expect_err(load_yaml("deep.yaml", &src));
    assert_names_depth_limit(&diags);
}

#[test]
fn hundred_thousand_nested_mappings_are_refused_naming_the_limit() {
    let n = 100_000;
    let src = format!("{}{}\n", "{a: ".repeat(n), "}".repeat(n));
    assert_names_depth_limit(&expect_err(load_yaml("deep.yaml", &src)));
}

#[test]
fn deep_block_nesting_is_refused_at_the_limit_not_by_a_stack_overflow() {
    // Block nesting has no parser limit of its own: only the depth budget stops it.
    let block = |n: usize| -> String { (0..n).map(|i| format!("{}a:\n", " ".repeat(i))).collect() };
    let at_limit = load_yaml("deep.yaml", &block(yaml::MAX_DEPTH));
    let diags = expect_err(at_limit);
    assert!(
        shown(&diags)
            .iter()
            .all(|d| !d.contains("nesting too deep")),
        "{:?}",
        shown(&diags)
    );
    let over = expect_err(load_yaml("deep.yaml", &block(5_000)));
    assert_names_depth_limit(&over);
    let deepest = yaml::MAX_DEPTH as u32 + 1;
    assert!(
        shown(&over)[0].starts_with(&format!("deep.yaml:{deepest}:")),
        "reported where the limit is crossed: {:?}",
        shown(&over)
    );
}

#[test]
fn deep_nesting_through_check_exits_1_with_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    std::fs::write(
        dir.path().join("deep.yaml"),
        format!("{}{}\n", "[".repeat(n), "]".repeat(n)),
    )
    .unwrap();
    let nested: String = (0..3000)
        .map(|i| format!("{}- \n", " ".repeat(i)))
        .collect();
    std::fs::write(dir.path().join("steps.yaml"), nested).unwrap();
    let out = brief_in(dir.path(), &["check", "."]);
    assert_eq!(status(&out), 1, "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.matches("nesting too deep").count(), 2, "{text}");
    assert!(
        text.contains("2 briefings checked, 2 with errors"),
        "{text}"
    );
}

#[test]
fn truncations_of_a_valid_file_loads_or_reports_without_panicking() {
    let path = fixture("valid/wannacry-attribution.yaml");
    let full = std::fs::read(&path).unwrap();
    for end in (0..full.len()).step_by(3) {
        let cut = &full[..end];
        if let Err(diags) = load::load_bytes(Path::new("cut.yaml"), cut) {
            assert!(!diags.is_empty(), "no diagnostic for a cut at {end}");
            for d in &diags {
                assert!(d.line >= 1 && d.column >= 1, "cut at {end}: {d}");
                assert!(!d.message.trim().is_empty(), "cut at {end}: {d}");
            }
        }
    }
}

#[test]
fn damaged_bytes_load_or_report_without_panicking() {
    let full = std::fs::read(fixture("valid/wannacry-attribution.yaml")).unwrap();
    // Positions all over the file overwritten with bytes that YAML and UTF-8 find awkward.
    for at in (0..full.len()).step_by(17) {
        for b in [b':', b'[', b'&', b'*', b'\t', b'"', 0xc3] {
            let mut damaged = full.clone();
            damaged[at] = b;
            if let Err(diags) = load::load_bytes(Path::new("damaged.yaml"), &damaged) {
                assert!(!diags.is_empty());
                assert!(diags.iter().all(|d| d.line >= 1 && d.column >= 1));
            }
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_device_is_refused_without_being_read() {
    // A device is not a briefing file: it is not opened at all (it could be read
    // without end, or wait for input that never comes).
    let out = brief(&["check", "--max-file-size", "64K", "/dev/zero"]);
    assert_eq!(status(&out), 1, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("/dev/zero:1:1: error: not a regular file but a device"),
        "{text}"
    );
}

/// `[item(0), item(1), ...]`, `n` items.
fn flow_list(n: usize, item: impl Fn(usize) -> String) -> String {
    let items: Vec<String> = (0..n).map(item).collect();
    format!("[{}]", items.join(", "))
}

/// The one message a file gets, which must contain every one of `words`.
fn assert_refused_with(name: &str, src: &str, words: &[&str]) {
    let all = shown(&expect_err(load_yaml(name, src)));
    assert_eq!(all.len(), 1, "{all:?}");
    for w in words {
        assert!(all[0].contains(w), "{name}: no {w:?} in {}", all[0]);
    }
}

/// Each of the parser's limits that a file can reach is named in its own words, with
/// the limit, not as a file "too large or too intricate" in general.
#[test]
fn each_parser_limit_a_file_can_reach_is_named_in_its_own_words() {
    // 10,001 alias uses of 1,001 anchors (few enough uses per anchor).
    let aliases = format!(
        "a: {}\nb: {}\n",
        flow_list(1001, |i| format!("&a{i} x")),
        flow_list(10_001, |i| format!("*a{}", i % 1001))
    );
    assert_refused_with(
        "aliases.yaml",
        &aliases,
        &["too many alias expansions", "used more than 10000 times"],
    );
    assert_refused_with(
        "anchors.yaml",
        &flow_list(50_001, |i| format!("&a{i} x")),
        &["too many anchors", "more than 50000 values"],
    );
    // One anchor used 200 times.
    let ratio = format!("a: &a x\nb: {}\n", flow_list(200, |_| "*a".into()));
    assert_refused_with(
        "ratio.yaml",
        &ratio,
        &["too many alias expansions", "1 anchors", "used 200 times"],
    );
    assert_refused_with(
        "merges.yaml",
        &flow_list(10_001, |_| "{<<: {x: 1}}".into()),
        &["too many merge keys", "more than 10000"],
    );
    // A text of 1 MiB used 70 times: a small file holding more than 64 MiB of text.
    let text = format!(
        "a: &a {}\nb: {}\n",
        "x".repeat(1 << 20),
        flow_list(70, |_| "*a".into())
    );
    assert_refused_with("text.yaml", &text, &["too much text", "more than 64.0 MiB"]);
}

/// More than a million YAML values (here a list of a million and one numbers).
#[test]
fn a_million_values_are_refused_naming_the_limit() {
    let src = format!("[{}0]", "0, ".repeat(1_000_000));
    assert_refused_with(
        "values.yaml",
        &src,
        &["too many YAML values", "more than 1000000 values"],
    );
}
