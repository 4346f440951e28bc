//! Helpers shared by the integration tests: loading fixtures, matching
//! diagnostics by their `PATH:LINE:COLUMN: error: ` prefix, running the binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use brief::load::{self, Diagnostic, LoadOptions, Loaded};
use brief::model::Briefing;

/// A fixture path as the tests name it (relative to the package root, where
/// `cargo test` runs them), so messages read `tests/fixtures/...:LINE:COL`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new("tests/fixtures").join(rel)
}

pub fn load_fixture(rel: &str) -> Loaded {
    load::load_file(&fixture(rel), &LoadOptions::default())
}

/// Loads YAML text as if it were the file `name`.
pub fn load_yaml(name: &str, src: &str) -> Loaded {
    load::load_str(Path::new(name), src)
}

/// The briefing, or a failure that shows every diagnostic.
pub fn expect_ok(loaded: Loaded) -> Briefing {
    match loaded {
        Ok(b) => b,
        Err(diags) => panic!(
            "expected the briefing to load, got:\n{}",
            shown(&diags).join("\n")
        ),
    }
}

/// The diagnostics, or a failure if the briefing loaded.
pub fn expect_err(loaded: Loaded) -> Vec<Diagnostic> {
    match loaded {
        Ok(b) => panic!("expected errors, but `{}` loaded", b.id),
        Err(diags) => {
            assert!(!diags.is_empty(), "an error without any diagnostic");
            diags
        }
    }
}

/// Each diagnostic as `check` prints its first line.
pub fn shown(diags: &[Diagnostic]) -> Vec<String> {
    diags.iter().map(|d| d.to_string()).collect()
}

/// Exactly one diagnostic, starting with `prefix` (`PATH:LINE:COL: error: `)
/// and containing every one of `words`.
pub fn assert_one_error(diags: &[Diagnostic], prefix: &str, words: &[&str]) {
    let all = shown(diags);
    assert_eq!(
        all.len(),
        1,
        "expected exactly one error, got:\n{}",
        all.join("\n")
    );
    assert_error(&all[0], prefix, words);
}

/// One diagnostic line starts with `prefix` and contains every one of `words`.
pub fn assert_error(line: &str, prefix: &str, words: &[&str]) {
    assert!(
        line.starts_with(prefix),
        "expected the error to start with\n  {prefix}\ngot\n  {line}"
    );
    for w in words {
        assert!(line.contains(w), "expected `{w}` in\n  {line}");
    }
}

/// Runs the `brief` binary.
pub fn brief(args: &[&str]) -> Output {
    brief_in(Path::new("."), args)
}

/// Runs the `brief` binary in a folder.
pub fn brief_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the brief binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

pub fn status(o: &Output) -> i32 {
    o.status.code().expect("the binary exits with a status")
}

/// A briefing with only the required keys, to build test files from.
pub const MINIMAL: &str = "\
title: T
date: 2017-12-19
event:
  title: E
  date: 2017-12-19
actors:
  - id: a
    name: A
";

/// Runs the `brief` binary, failing the test if it has not finished within a generous
/// deadline (it is killed then): for inputs that once made it wait forever.
pub fn brief_within_deadline(args: &[&str]) -> Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the brief binary runs");
    let pipe = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let out = pipe(Box::new(child.stdout.take().unwrap()));
    let err = pipe(Box::new(child.stderr.take().unwrap()));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for brief") {
            break status;
        }
        if start.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("brief {args:?} did not finish: it waits for something");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}
