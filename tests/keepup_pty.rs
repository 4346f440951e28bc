//! Keeping up, end to end: the real binary in a pseudo-terminal follows an edit made
//! in another window without losing its place, walks what is new since the last run,
//! and writes nothing but its own state file.
#![cfg(unix)]

mod support {
    pub mod pty;
}

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use support::pty::*;

fn briefing(title: &str, date: &str, quotes: &[&str]) -> String {
    let mut s = format!(
        "title: {title}\ndate: {date}\nevent:\n  title: Something happens\n  date: {date}\n\
         actors:\n  - id: ops\n    name: Port operator\n\
         timeline:\n  - date: {date}\n    title: Systems go dark\nquotes:\n"
    );
    for q in quotes {
        s.push_str(&format!("  - actor: ops\n    text: {q}\n"));
    }
    s
}

const QUOTES: [&str; 3] = [
    "We are working to restore systems.",
    "No data was taken.",
    "Ships will be rerouted.",
];

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("port.yaml"),
        briefing("Port ransomware", "2024-03-01", &QUOTES),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("grid.yaml"),
        briefing("Grid intrusion", "2023-01-10", &["All is well."]),
    )
    .unwrap();
    dir
}

/// The reader on `dir`, keeping its state in `state`.
fn start(dir: &Path, state: &Path) -> Session {
    let mut s = Session::start_program(
        Path::new(env!("CARGO_BIN_EXE_brief")),
        &[dir.to_str().unwrap()],
        &[("XDG_STATE_HOME", state.to_str().unwrap())],
        100,
        30,
    );
    s.wait_for("the library to load", |scr| scr.contains("Briefings 2"));
    s
}

fn status_line(screen: &str) -> &str {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len().saturating_sub(2)]
}

/// The line after the selected row's first line: a quote's words.
fn selected_words(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    // The focused Quotes pane's selection bar (after its thick border) on the
    // speaker's line, marked or not.
    let at = lines.iter().position(|l| {
        l.split("\u{2503}\u{258c}").skip(1).any(|after| {
            after
                .trim_start_matches([' ', '\u{25cf}'])
                .starts_with("Port operator")
        })
    });
    at.and_then(|i| lines.get(i + 1))
        .map(|l| l.to_string())
        .unwrap_or_default()
}

#[test]
fn the_reader_follows_an_edit_and_stays_on_its_quote() {
    let dir = folder();
    let state = tempfile::tempdir().unwrap();
    let mut s = start(dir.path(), state.path());
    s.send(b"5");
    s.key(b"j", "the second quote", |scr| {
        selected_words(scr).contains(QUOTES[1])
    });
    // Another window saves the file with a quote added above the one selected.
    std::fs::write(
        dir.path().join("port.yaml"),
        briefing(
            "Port ransomware",
            "2024-03-01",
            &[QUOTES[0], "A new statement.", QUOTES[1], QUOTES[2]],
        ),
    )
    .unwrap();
    let scr = s.wait_for("the reload", |scr| {
        status_line(scr).contains("Reloaded port.yaml") && scr.contains("A new statement.")
    });
    assert!(selected_words(&scr).contains(QUOTES[1]), "{scr}");
    assert!(scr.contains("Quotes 4 \u{25cf}1"), "{scr}");
    // Keys still answer.
    s.key(b"j", "the next quote", |scr| {
        selected_words(scr).contains(QUOTES[2])
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert_restored(&s.raw());
}

#[test]
fn the_next_run_takes_you_to_what_a_colleague_added() {
    let dir = folder();
    let state = tempfile::tempdir().unwrap();
    // First run: the baseline.
    let mut s = start(dir.path(), state.path());
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert!(state.path().join("brief/state.json").is_file());
    // A colleague adds a quote.
    std::fs::write(
        dir.path().join("grid.yaml"),
        briefing(
            "Grid intrusion",
            "2023-01-10",
            &["All is well.", "Power is back."],
        ),
    )
    .unwrap();
    let mut s = start(dir.path(), state.path());
    let scr = s.wait_for("the way to the new quote", |scr| {
        status_line(scr).contains("New since you last read: 1 item in 1 briefing")
    });
    assert!(scr.contains("\u{25b6} 5 Quotes"), "{scr}");
    assert!(selected_words(&scr).contains("Power is back."), "{scr}");
    // The list of what is new, and back to the quote from it.
    s.send(b"1");
    s.key(b"W", "what's new", |scr| {
        scr.contains("What's new since you last read: 1 item in 1 briefing")
            && scr.contains("\u{25cf} Port operator")
    });
    s.key(b"\r", "the quote again", |scr| {
        scr.contains("\u{25b6} 5 Quotes") && selected_words(scr).contains("Power is back.")
    });
    s.key(b"m", "marked read", |scr| {
        status_line(scr).contains("Marked read: Grid intrusion")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
    // Read is remembered: the next run has nothing new, and is where it was left.
    let mut s = start(dir.path(), state.path());
    let scr = s.wait_for("the place left", |scr| {
        scr.contains("\u{25b6} 5 Quotes") && selected_words(scr).contains("Power is back.")
    });
    assert!(!scr.contains('\u{25cf}'), "{scr}");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

/// Every file under `root`, with its bytes and modification time.
fn files(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let m = std::fs::metadata(&p).unwrap();
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    (std::fs::read(&p).unwrap(), m.modified().unwrap()),
                );
            }
        }
    }
    out
}

/// The reader writes its state under the home's XDG state folder and one pack of the
/// briefings it read under its cache folder; never a briefing. Nothing of the state
/// with --fresh, nothing of the cache with --no-cache.
#[test]
fn the_reader_writes_its_state_and_its_cache_and_nothing_else() {
    let work = tempfile::tempdir().unwrap();
    let library = work.path().join("briefings");
    std::fs::create_dir(&library).unwrap();
    for f in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")).unwrap() {
        let p = f.unwrap().path();
        std::fs::copy(&p, library.join(p.file_name().unwrap())).unwrap();
    }
    for (fresh, no_cache) in [(false, false), (true, false), (false, true), (true, true)] {
        let home = tempfile::tempdir().unwrap();
        let before = files(work.path());
        // No XDG variable set: the state goes to the home's ~/.local/state/brief.
        let script = format!(
            "cd '{}' && HOME='{}' XDG_STATE_HOME= XDG_CONFIG_HOME= XDG_CACHE_HOME= XDG_DATA_HOME= exec \"$BRIEF\" {} {} briefings/",
            work.path().display(),
            home.path().display(),
            if fresh { "--fresh" } else { "" },
            if no_cache { "--no-cache" } else { "" }
        );
        let mut s = Session::start_sh(&script, 100, 30);
        s.wait_for("the library", |scr| scr.contains("Briefings 4"));
        // q steps back out of a detail and a list (an Esc followed at once by a key
        // would read as Alt and that key).
        for key in [&b"j"[..], b"5", b"j", b"\r", b"q", b"W", b"q", b"M"] {
            s.send(key);
        }
        s.wait_for("the last key", |scr| {
            status_line(scr).contains("Nothing new since you last read")
        });
        s.send(b"q");
        assert!(s.wait_exit().success());
        assert_eq!(
            files(work.path()),
            before,
            "a briefing or the folder changed"
        );
        let written: Vec<PathBuf> = files(home.path()).into_keys().collect();
        let pack = brief::cache::Cache::at(
            home.path().join(".cache/brief"),
            &[work.path().join("briefings")],
        )
        .pack()
        .strip_prefix(home.path())
        .unwrap()
        .to_path_buf();
        let mut expected = Vec::new();
        if !no_cache {
            expected.push(pack);
        }
        if !fresh {
            expected.push(PathBuf::from(".local/state/brief/state.json"));
        }
        assert_eq!(written, expected, "fresh: {fresh}, no cache: {no_cache}");
    }
}

/// A state file that cannot be used is said so and ignored: the reader opens as on a
/// first visit, and leaves a good file behind.
#[test]
fn a_broken_state_file_is_said_and_ignored() {
    let dir = folder();
    let state = tempfile::tempdir().unwrap();
    let file = state.path().join("brief/state.json");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, b"{\"brief_state\": 1, \"libraries\": [").unwrap();
    let mut s = start(dir.path(), state.path());
    let scr = s.wait_for("the notice", |scr| {
        scr.contains("not a state file this reader can use")
    });
    assert!(scr.contains("Port ransomware"), "{scr}");
    s.send(b"q");
    assert!(s.wait_exit().success());
    let text = std::fs::read_to_string(&file).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).expect("a whole file again");
    assert_eq!(json["libraries"].as_array().map(Vec::len), Some(1));
}
