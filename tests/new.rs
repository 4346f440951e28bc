//! `brief new [PATH]`: a commented skeleton to fill in, never written over a file.
//!
//! The skeleton as written does not pass `brief check`: every key it leaves empty is
//! reported, with its line, as having no value, and nothing else is. Once those are
//! filled in (or the optional ones removed), it passes.

mod common;

use std::fs;

use common::*;

/// The skeleton as `brief new` prints it.
fn skeleton() -> String {
    let out = brief(&["new"]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    stdout(&out)
}

/// The keys the skeleton leaves empty: `(line number, key)`. A key whose value is
/// the block below it (`sources:` and its list) is not empty.
fn empty_keys(src: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = src.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let content = |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            if !content(l) {
                return None;
            }
            let t = l.trim_start().trim_start_matches("- ");
            let key = t.strip_suffix(':')?;
            if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase()) {
                return None;
            }
            let next = lines[i + 1..].iter().find(|n| content(n));
            let block = next.is_some_and(|n| {
                indent(n) > indent(l)
                    || (indent(n) == indent(l) && n.trim_start().starts_with("- "))
            });
            (!block).then(|| (i + 1, key.to_string()))
        })
        .collect()
}

/// A value for each key that a filled-in briefing could have.
fn value_for(key: &str) -> &'static str {
    match key {
        "date" => "2024-05-01",
        "kind" => "person",
        "priority" => "high",
        "confidence" => "moderate",
        "url" => "https://example.org/report",
        "affiliation" => "actor-1",
        _ => "Filled in",
    }
}

#[test]
fn new_writes_the_skeleton_and_says_what_to_do_next() {
    let dir = tempfile::tempdir().unwrap();
    let out = brief_in(dir.path(), &["new", "my-briefing.yaml"]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Wrote my-briefing.yaml. Fill in every key that has no value (or remove the optional \
         ones), then run: brief check my-briefing.yaml\n"
    );
    assert_eq!(stderr(&out), "");
    let written = fs::read_to_string(dir.path().join("my-briefing.yaml")).unwrap();
    assert_eq!(written, skeleton());
}

#[test]
fn the_skeleton_fails_check_only_with_the_keys_still_to_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.yaml");
    let src = skeleton();
    fs::write(&path, &src).unwrap();
    let out = brief(&["check", path.to_str().unwrap()]);
    assert_eq!(status(&out), 1);
    let report = stdout(&out);
    let errors: Vec<&str> = report.lines().filter(|l| l.contains(": error: ")).collect();
    let empty = empty_keys(&src);
    assert!(empty.len() > 20, "{empty:?}");
    assert_eq!(errors.len(), empty.len(), "{report}");
    for ((line, key), error) in empty.iter().zip(&errors) {
        let at = format!("{}:{line}:", path.display());
        assert!(error.starts_with(&at), "{error} is not at line {line}");
        assert!(
            error.contains(&format!("`{key}` in ")) && error.contains(" has no value; write "),
            "{error}"
        );
    }
    // Required keys are to be filled in; only optional ones may be removed.
    let title = errors
        .iter()
        .find(|e| e.contains("`title` in briefing"))
        .unwrap();
    assert!(title.ends_with("has no value; write a text"), "{title}");
    let summary = errors
        .iter()
        .find(|e| e.contains("`summary` in briefing"))
        .unwrap();
    assert!(summary.ends_with("has no value; write a text or remove the key"));
    let kind = errors
        .iter()
        .find(|e| e.contains("`kind` in actor"))
        .unwrap();
    assert!(
        kind.contains("write one of person, organization, government, country, group"),
        "{kind}"
    );
}

#[test]
fn the_skeleton_filled_in_passes_check() {
    let src = skeleton();
    let empty = empty_keys(&src);
    let filled: String = src
        .lines()
        .enumerate()
        .map(
            |(i, l)| match empty.iter().find(|(line, _)| *line == i + 1) {
                Some((_, key)) => format!("{l} {}\n", value_for(key)),
                None => format!("{l}\n"),
            },
        )
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("filled.yaml");
    fs::write(&path, &filled).unwrap();
    let out = brief(&["check", path.to_str().unwrap()]);
    assert_eq!(status(&out), 0, "{}\n{filled}", stdout(&out));
    assert_eq!(stdout(&out), "1 briefing checked, 0 with errors\n");
}

#[test]
fn new_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken.yaml");
    fs::write(&path, "mine\n").unwrap();
    let out = brief_in(dir.path(), &["new", "taken.yaml"]);
    assert_eq!(status(&out), 1);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "brief: taken.yaml already exists; brief new never overwrites a file, so choose another \
         name\n"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "mine\n");

    // Not through a link either, even one to nothing.
    std::os::unix::fs::symlink(
        dir.path().join("nowhere.yaml"),
        dir.path().join("link.yaml"),
    )
    .unwrap();
    let out = brief_in(dir.path(), &["new", "link.yaml"]);
    assert_eq!(status(&out), 1);
    assert!(!dir.path().join("nowhere.yaml").exists());
}

#[test]
fn new_wants_a_name_brief_will_read() {
    let dir = tempfile::tempdir().unwrap();
    let out = brief_in(dir.path(), &["new", "notes.txt"]);
    assert_eq!(status(&out), 2);
    assert_eq!(
        stderr(&out),
        "brief: notes.txt: name the file with .yaml or .yml at the end, so that brief reads it\n"
    );
    assert!(!dir.path().join("notes.txt").exists());

    let out = brief_in(dir.path(), &["new", "no/such/folder/x.yaml"]);
    assert_eq!(status(&out), 1);
    assert!(
        stderr(&out).starts_with("brief: cannot create no/such/folder/x.yaml: "),
        "{}",
        stderr(&out)
    );
}
