//! The `brief` binary: exit statuses, the `check` report and the JSON export,
//! as a user or a script sees them.

mod common;

use std::fs;

use common::*;
use serde_json::Value;

fn export_json(out: &std::process::Output) -> Vec<Value> {
    let text = stdout(out);
    let v: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("the export is not JSON ({e}):\n{text}"));
    v.as_array()
        .unwrap_or_else(|| panic!("the export is not a JSON array:\n{text}"))
        .clone()
}

#[test]
fn check_exits_0_on_valid_briefings() {
    let out = brief(&["check", "tests/fixtures/valid"]);
    assert_eq!(status(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let n = fs::read_dir("tests/fixtures/valid")
        .unwrap()
        .filter(|e| {
            let p = e.as_ref().unwrap().path();
            p.extension().is_some_and(|x| x == "yaml")
        })
        .count();
    assert_eq!(
        stdout(&out),
        format!("{n} briefings checked, 0 with errors\n")
    );
}

#[test]
fn check_says_briefing_for_one() {
    let out = brief(&["check", "tests/fixtures/valid/minimal.yaml"]);
    assert_eq!(status(&out), 0);
    assert_eq!(stdout(&out), "1 briefing checked, 0 with errors\n");
}

#[test]
fn check_exits_1_and_prints_each_problem_with_its_place_and_a_caret() {
    let out = brief(&["check", "tests/fixtures/errors/unknown-key.yaml"]);
    assert_eq!(status(&out), 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with(
            "tests/fixtures/errors/unknown-key.yaml:13:5: error: unknown key `txet` in quote; did you mean `text`?"
        ),
        "{text}"
    );
    assert_eq!(
        lines[1..4],
        ["    |", " 13 |     txet: The other words.", "    |     ^"]
    );
    assert_eq!(lines.last(), Some(&"1 briefing checked, 1 with errors"));
}

#[test]
fn check_reports_every_problem_of_every_file() {
    let out = brief(&[
        "check",
        "tests/fixtures/errors/several-errors.yaml",
        "tests/fixtures/errors/bad-kind.yaml",
        "tests/fixtures/valid/minimal.yaml",
    ]);
    assert_eq!(status(&out), 1);
    let text = stdout(&out);
    let errors: Vec<&str> = text.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 6, "{text}");
    assert!(
        errors[..5]
            .iter()
            .all(|l| l.starts_with("tests/fixtures/errors/several-errors.yaml:"))
    );
    assert!(errors[5].starts_with("tests/fixtures/errors/bad-kind.yaml:10:11: error: "));
    assert!(
        text.ends_with("3 briefings checked, 2 with errors\n"),
        "{text}"
    );
}

#[test]
fn check_on_a_folder_with_one_good_and_one_bad_file() {
    let out = brief(&["check", "tests/fixtures/library"]);
    assert_eq!(status(&out), 1);
    let text = stdout(&out);
    assert!(
        text.starts_with("tests/fixtures/library/bad.yaml:9:11: error: bad kind `spy` in actor"),
        "{text}"
    );
    assert!(!text.contains("good.yaml"), "{text}");
    assert!(
        text.ends_with("\n2 briefings checked, 1 with errors\n"),
        "{text}"
    );
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

/// A library where the first file takes far longer to read than the rest, so the
/// others finish first: the report still follows the files' order, and the warnings
/// about the whole library are all there.
fn slow_first_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut slow = String::from("date: 2017\nevent: {title: E, date: 2017}\nactors:\n");
    for i in 0..3000 {
        slow.push_str(&format!("  - {{id: a{i}, name: Actor {i}}}\n"));
    }
    fs::write(dir.path().join("00-slow.yaml"), slow).unwrap();
    for i in 1..24 {
        let body = if i % 3 == 0 {
            // Valid, with the same id as another file and an alias naming two actors.
            "id: twin\ntitle: T\ndate: 2017\nevent: {title: E, date: 2017}\nactors:\n  - {id: x, name: Canada, aliases: [Mexico, Peru]}\n  - {id: m, name: Mexico}\n  - {id: p, name: Peru}\n".to_string()
        } else {
            format!(
                "date: 2017\nevent: {{title: E{i}, date: 2017}}\nactors:\n  - {{id: a, name: A}}\n"
            )
        };
        fs::write(dir.path().join(format!("{i:02}.yaml")), body).unwrap();
    }
    dir
}

#[test]
fn check_reports_files_in_their_order_whatever_finishes_first() {
    let dir = slow_first_library();
    let root = dir.path().to_str().unwrap();
    let out = brief(&["check", root]);
    assert_eq!(status(&out), 1);
    let text = stdout(&out);
    let files: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "{text}");
    assert!(files[0].ends_with("00-slow.yaml"), "{text}");
    assert_eq!(files.len(), 17, "{text}");
    assert!(
        text.ends_with("\n24 briefings checked, 17 with errors\n"),
        "{text}"
    );
    // Each later `twin` reuses the first one's id; the alias warning is said once.
    let mut expected = String::new();
    for i in [6, 9, 12, 15, 18, 21] {
        expected.push_str(&format!(
            "{root}/{i:02}.yaml:1:1: warning: briefing id `twin` is also used by {root}/03.yaml; ids should be unique in a library (set `id:` to tell them apart)\n"
        ));
    }
    expected.push_str(&format!(
        "{root}/03.yaml:1:1: warning: the aliases `Mexico`, `Peru` of actor `Canada` name 2 actors that are otherwise distinct (Mexico; Peru); an alias should be another name of this actor only, so they join nothing\n"
    ));
    assert_eq!(stderr(&out), expected);
}

#[test]
fn export_on_a_folder_with_one_good_and_one_bad_file() {
    let out = brief(&["export", "--format", "json", "tests/fixtures/library"]);
    assert_eq!(status(&out), 1);
    let all = export_json(&out);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["id"], "good");
    let err = stderr(&out);
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "tests/fixtures/library/bad.yaml:9:11: error: bad kind `spy` in actor (one of: person, organization, government, country, group)"
        ],
    );
}

#[test]
fn export_of_the_format_example_is_exactly_its_keys() {
    let out = brief(&[
        "export",
        "--format",
        "json",
        "tests/fixtures/valid/wannacry-attribution.yaml",
    ]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).is_empty());
    let all = export_json(&out);
    let expected: Value = serde_json::from_str(
        &fs::read_to_string("tests/fixtures/valid/wannacry-attribution.json").unwrap(),
    )
    .unwrap();
    assert_eq!(all, [expected]);
}

#[test]
fn export_defaults_to_json() {
    let out = brief(&["export", "tests/fixtures/valid/minimal.yaml"]);
    assert_eq!(status(&out), 0);
    assert_eq!(export_json(&out).len(), 1);
}

#[test]
fn export_fills_in_the_id_from_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notpetya-2017.yml"), MINIMAL).unwrap();
    fs::write(dir.path().join("Bad Rabbit.yaml"), MINIMAL).unwrap();
    fs::write(
        dir.path().join("named.yaml"),
        format!("id: chosen-id\n{MINIMAL}"),
    )
    .unwrap();
    let out = brief_in(dir.path(), &["export", "--format", "json", "."]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    let ids: Vec<Value> = export_json(&out).iter().map(|b| b["id"].clone()).collect();
    assert_eq!(ids, ["bad-rabbit", "chosen-id", "notpetya-2017"]);
}

#[test]
fn export_omits_absent_optional_keys_and_keeps_date_precision() {
    let out = brief(&[
        "export",
        "--format",
        "json",
        "tests/fixtures/valid/minimal.yaml",
    ]);
    assert_eq!(status(&out), 0);
    let all = export_json(&out);
    let expected = serde_json::json!({
        "briefing": 1,
        "id": "minimal",
        "title": "A briefing with only the required keys",
        "date": "2017",
        "event": { "title": "Something happens", "date": "2017" },
        "actors": [ { "id": "someone", "name": "Someone" } ],
    });
    assert_eq!(all, [expected]);

    let out = brief(&[
        "export",
        "--format",
        "json",
        "tests/fixtures/valid/dates.yaml",
    ]);
    let b = &export_json(&out)[0];
    assert_eq!(b["sources"][0]["date"], "2017-05");
    let timeline: Vec<&str> = b["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        timeline,
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

#[test]
fn export_of_only_bad_files_is_an_empty_array() {
    let out = brief(&["export", "tests/fixtures/errors/bad-kind.yaml"]);
    assert_eq!(status(&out), 1);
    assert!(export_json(&out).is_empty());
    assert!(stderr(&out).starts_with("tests/fixtures/errors/bad-kind.yaml:10:11: error: "));
}

#[test]
fn max_file_size_refuses_larger_files_naming_the_limit() {
    let out = brief(&[
        "check",
        "--max-file-size",
        "100",
        "tests/fixtures/valid/minimal.yaml",
    ]);
    assert_eq!(status(&out), 1);
    let text = stdout(&out);
    assert!(
        text.starts_with("tests/fixtures/valid/minimal.yaml:1:1: error: "),
        "{text}"
    );
    assert!(text.contains("the limit is 100 bytes"), "{text}");
    assert!(text.contains("--max-file-size"), "{text}");

    let out = brief(&["export", "--max-file-size", "1K", "tests/fixtures/valid"]);
    assert_eq!(status(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("wannacry-attribution.yaml:1:1: error: "),
        "{err}"
    );
    assert!(err.contains("the limit is 1.0 KiB"), "{err}");
    // The small files under the limit are still exported.
    assert!(!export_json(&out).is_empty());

    let out = brief(&["check", "--max-file-size", "1M", "tests/fixtures/valid"]);
    assert_eq!(status(&out), 0);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", "--no-such-flag", "tests/fixtures/valid"][..],
        &["check"],
        &["export"],
        &["export", "--format", "xml", "tests/fixtures/valid"],
        &["check", "--max-file-size", "lots", "tests/fixtures/valid"],
        &["check", "--max-file-size", "0", "tests/fixtures/valid"],
        &["no-such-command-or-file", "--no-such-flag"],
    ] {
        let out = brief(args);
        assert_eq!(status(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty(), "{args:?}: no message");
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
    }
}

#[test]
fn a_path_that_does_not_exist_exits_2_naming_it() {
    for cmd in ["check", "export"] {
        let out = brief(&[cmd, "tests/fixtures/valid", "no/such/briefings.yaml"]);
        assert_eq!(status(&out), 2, "{cmd}");
        assert_eq!(
            stderr(&out),
            "brief: no/such/briefings.yaml: no such file or folder\n",
            "{cmd}"
        );
        assert!(stdout(&out).is_empty(), "{cmd}: {}", stdout(&out));
    }
}

#[test]
fn help_and_version_exit_0() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["check", "--help"],
        &["export", "--help"],
    ] {
        let out = brief(args);
        assert_eq!(status(&out), 0, "{args:?}");
        assert!(stdout(&out).contains("Usage: brief"), "{args:?}");
    }
    let out = brief(&["check", "--help"]);
    assert!(stdout(&out).contains("--max-file-size"));
    let out = brief(&["export", "--help"]);
    assert!(stdout(&out).contains("--format"));

    let out = brief(&["--version"]);
    assert_eq!(status(&out), 0);
    assert_eq!(
        stdout(&out),
        format!("brief {}\n", env!("CARGO_PKG_VERSION"))
    );
}
