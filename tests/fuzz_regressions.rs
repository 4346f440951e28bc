//! Inputs that broke the loader, or that try hard to: each one must give a
//! briefing or a list of messages, without panicking.
//!
//! The files under `tests/fixtures/fuzz/` are small (fuzzer findings and
//! hand-written cases); the large inputs (deep nesting, long lines, many keys)
//! are made here. `cargo test --release --test fuzz_regressions -- --ignored`
//! also runs them at full size.

use std::path::{Path, PathBuf};

use brief::load::{Loaded, load_bytes, load_str};

/// Loads `bytes` as the fuzzer does and goes through everything a caller does
/// with the outcome: messages with excerpts, JSON, plain text.
fn exercise(name: &str, bytes: &[u8]) -> Loaded {
    let path = Path::new(name);
    let loaded = load_bytes(path, bytes);
    follow(name, &loaded);
    if let Ok(s) = std::str::from_utf8(bytes) {
        let again = load_str(path, s);
        follow(name, &again);
        assert_eq!(
            loaded.is_ok(),
            again.is_ok(),
            "{name}: load_bytes and load_str disagree"
        );
    }
    loaded
}

fn follow(name: &str, loaded: &Loaded) {
    match loaded {
        Ok(b) => {
            let json = serde_json::to_string(b).expect("a briefing serializes");
            assert!(json.starts_with('{'), "{name}");
            assert!(!brief::export::plain_text(b).is_empty(), "{name}");
            let memo = brief::export::Memo::whole([b]);
            assert!(!brief::export::markdown(&memo).is_empty(), "{name}");
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "{name}: failed without a message");
            for d in problems {
                assert!(d.line >= 1 && d.column >= 1, "{name}: {d:?}");
                assert!(d.with_excerpt().starts_with(&d.to_string()), "{name}");
            }
        }
    }
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_dir().join(name)).expect("the fixture exists")
}

fn messages(loaded: &Loaded) -> String {
    match loaded {
        Ok(_) => String::new(),
        Err(ds) => ds
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn fails_with(name: &str, bytes: &[u8], words: &str) -> usize {
    let loaded = exercise(name, bytes);
    let all = messages(&loaded);
    assert!(
        loaded.is_err() && all.contains(words),
        "{name}: expected an error mentioning {words:?}, got {all}"
    );
    loaded.err().map_or(0, |d| d.len())
}

fn loads(name: &str, bytes: &[u8]) {
    let loaded = exercise(name, bytes);
    assert!(loaded.is_ok(), "{name}: {}", messages(&loaded));
}

/// A valid briefing around `title`, for inputs that must load.
fn briefing_titled(title: &str) -> String {
    format!(
        "title: {title}\ndate: 2017\nevent: {{title: e, date: 2017}}\nactors: [{{id: a, name: A}}]\n"
    )
}

/// Nested flow and block collections, `depth` levels each.
fn deep(depth: usize) -> Vec<(&'static str, String)> {
    let mut block = String::new();
    for i in 0..depth.min(5_000) {
        block.push_str(&" ".repeat(i));
        block.push_str("a:\n");
    }
    let items: String = (0..depth.min(1_000))
        .map(|i| format!("{}- a:\n", "  ".repeat(i)))
        .collect();
    vec![
        (
            "flow sequences",
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        ),
        (
            "flow mappings",
            format!("{}x{}", "{a: ".repeat(depth), "}".repeat(depth)),
        ),
        ("unclosed flow", "[{a: ".repeat(depth)),
        ("block mappings", block),
        ("block sequences", format!("{}x\n", "- ".repeat(depth))),
        ("block sequences of mappings", items),
    ]
}

/// Files with one problem on each of `n` lines, or on one long line.
fn many_problems(n: usize) -> Vec<(&'static str, String)> {
    let unknown: String = (0..n).map(|i| format!("k{i}: {i}\n")).collect();
    let duplicate = "title: t\n".repeat(n);
    let one_line = format!(
        "{{{}}}",
        (0..n).map(|i| format!("k{i}: {i}, ")).collect::<String>()
    );
    let mut refs = String::from("title: t\ndate: 2017\nevent: {title: e, date: 2017}\nactors:\n");
    for i in 0..n / 10 {
        refs.push_str(&format!("  - {{id: actor-{i}, name: A}}\n"));
    }
    refs.push_str("timeline:\n");
    for i in 0..n / 10 {
        refs.push_str(&format!(
            "  - {{date: 2017, title: t, actors: [nobody-{i}]}}\n"
        ));
    }
    vec![
        ("unknown keys", unknown),
        ("duplicate keys", duplicate),
        ("unknown keys on one line", one_line),
        ("unknown references", refs),
    ]
}

#[test]
fn every_fixture_loads_or_fails_without_panicking() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("tests/fixtures/fuzz exists")
        .map(|e| e.expect("readable folder").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for f in files {
        let bytes = std::fs::read(&f).expect("fixture is readable");
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let _ = exercise(&name, &bytes);
    }
}

#[test]
fn deep_nesting_is_refused_with_a_message() {
    for depth in [25, 100, 5_000, 100_000] {
        for (what, text) in deep(depth) {
            let name = format!("{depth} {what}");
            fails_with(&name, text.as_bytes(), "nesting too deep");
        }
    }
}

#[test]
fn nesting_within_the_limit_is_read() {
    for (what, text) in deep(brief::load::yaml::MAX_DEPTH) {
        let _ = exercise(what, text.as_bytes());
    }
}

#[test]
fn long_lines_and_keys_give_an_answer() {
    let long = "x".repeat(1 << 20);
    loads("1 MiB title", briefing_titled(&long).as_bytes());
    loads(
        "1 MiB comment",
        format!("#{long}\n{}", briefing_titled("t")).as_bytes(),
    );
    let _ = exercise("1 MiB scalar", long.as_bytes());
    fails_with(
        "1 MiB unclosed quote",
        format!("title: \"{long}").as_bytes(),
        "never closed",
    );
    let key = "k".repeat(100 * 1024);
    let _ = exercise("100 KiB plain key", format!("{key}: 1\n").as_bytes());
    let _ = exercise("100 KiB quoted key", format!("\"{key}\": 1\n").as_bytes());
    fails_with(
        "100 KiB explicit key",
        format!("? {key}\n: 1\n").as_bytes(),
        "unknown key",
    );
    fails_with(
        "100 KiB id",
        format!("id: {key}\n").as_bytes(),
        "is not a valid id",
    );
}

#[test]
fn a_file_full_of_problems_lists_the_first_ones() {
    for (what, text) in many_problems(20_000) {
        let n = fails_with(what, text.as_bytes(), "more problems are not listed");
        assert!(n <= 101, "{what}: {n} messages");
    }
}

#[test]
#[ignore = "large inputs; run with --release"]
fn full_size_pathological_inputs() {
    for (what, text) in many_problems(200_000) {
        fails_with(what, text.as_bytes(), "more problems are not listed");
    }
    let mut actors = String::from("title: t\ndate: 2017\nevent: {title: e, date: 2017}\nactors:\n");
    for i in 0..200_000 {
        actors.push_str(&format!("  - {{id: actor-{i}, name: A}}\n"));
    }
    fails_with("200,000 actors", actors.as_bytes(), "too many YAML values");
    let _ = exercise("200,000 empty items", "-\n".repeat(200_000).as_bytes());
}

#[test]
fn an_alias_inside_its_own_anchor_is_named() {
    for name in ["merge-cycle.yaml", "merge-self-seq.yaml"] {
        fails_with(name, &fixture(name), "cannot contain itself");
    }
}

#[test]
fn binary_tags_that_are_no_text_are_named() {
    let name = "tags-binary-custom.yaml";
    fails_with(name, &fixture(name), "a `!!binary` value here is not text");
}

#[test]
fn alias_bombs_stop_early() {
    for name in ["alias-bomb-9x9.yaml", "alias-bomb-in-title.yaml"] {
        fails_with(name, &fixture(name), "too many alias expansions");
    }
}

#[test]
fn an_alias_to_a_number_is_read_as_the_number() {
    loads(
        "anchored-number-date.yaml",
        &fixture("anchored-number-date.yaml"),
    );
}

#[test]
fn binary_and_broken_text_is_named() {
    fails_with("nul-early.yaml", &fixture("nul-early.yaml"), "NUL bytes");
    fails_with("utf16-bom.yaml", &fixture("utf16-bom.yaml"), "UTF-16");
    for name in ["invalid-utf8-middle.yaml", "invalid-utf8-late.yaml"] {
        fails_with(name, &fixture(name), "not valid UTF-8");
    }
}

#[test]
fn odd_dates_are_refused_with_a_reason() {
    for name in [
        "huge-integer-date.yaml",
        "rfc3339-absurd-offset.yaml",
        "rfc3339-absurd-year.yaml",
        "date-multibyte-at-10.yaml",
    ] {
        fails_with(name, &fixture(name), "bad `date`");
    }
    fails_with(
        "huge-integer-date.yaml",
        &fixture("huge-integer-date.yaml"),
        "`99999999999999999999` is not a date",
    );
    // Offsets that carry an instant out of the years 1 to 9999 in UTC would put it
    // under year 0 or 10000: each is refused (three of them), the leap second is kept.
    let problems = fails_with(
        "rfc3339-edge-offsets.yaml",
        &fixture("rfc3339-edge-offsets.yaml"),
        "dates must fall in the years 1 to 9999",
    );
    assert_eq!(problems, 3);
}
