//! End-to-end: the real `brief` binary in a pseudo-terminal. Keys go in as bytes, the
//! screen is read back through a terminal emulator, and the raw bytes are checked for
//! what a terminal must never receive and for being handed back in a usable state.
#![cfg(unix)]

mod support {
    pub mod hostile;
    pub mod pty;
}

use std::process::{Command, Stdio};

use support::pty::*;

const TAB: &[u8] = b"\t";
const ENTER: &[u8] = b"\r";
const ESC: &[u8] = b"\x1b";
const CTRL_Z: &[u8] = b"\x1a";

/// Starts the reader on the bundled briefings, waits until all four are loaded and
/// selects the first (the one shown while loading depends on which file came first).
fn start_library(cols: u16, rows: u16) -> Session {
    let mut s = Session::start(&["briefings/"], cols, rows);
    s.wait_for("the library to load", |scr| {
        // The Briefings pane counts what it lists: all four are in.
        scr.contains("Briefings 4") && PANES.iter().all(|p| scr.contains(p))
    });
    s.key(b"g", "the first briefing", |scr| scr.contains("1 of 4"));
    s
}

/// The focused pane, as `4 Timeline`, from the marker on its border.
fn focused(screen: &str) -> Option<String> {
    let at = screen.find("\u{25b6} ")? + "\u{25b6} ".len();
    let mut words = screen[at..].split_whitespace();
    let number = words.next()?;
    let name = words.next()?.trim_end_matches(|c: char| !c.is_alphabetic());
    Some(format!("{number} {name}"))
}

/// The status line (second from the bottom).
fn status_line(screen: &str) -> &str {
    let lines: Vec<&str> = screen.lines().collect();
    lines
        .get(lines.len().saturating_sub(2))
        .copied()
        .unwrap_or("")
}

/// A search counter such as `5/20` right after the query on the status line.
fn has_match_counter(screen: &str, query: &str) -> bool {
    let status = status_line(screen);
    let Some(at) = status.find(&format!("/{query} ")) else {
        return false;
    };
    let rest = &status[at + query.len() + 2..];
    let counter = rest.split_whitespace().next().unwrap_or("");
    match counter.split_once('/') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// Moves through the reader the way a user would, then quits with `q`.
fn walk_through(cols: u16, rows: u16) {
    let mut s = start_library(cols, rows);
    let scr = s.screen();
    assert!(
        scr.contains("EXERCISE: TG-4471 intrusion"),
        "no briefing title on screen:\n{scr}"
    );

    s.key(b"j", "the second briefing", |scr| scr.contains("2 of 4"));
    s.key(TAB, "focus on Overview", |scr| {
        scr.contains("\u{25b6} 2 Overview")
    });
    s.key(b"4", "focus on Timeline", |scr| {
        scr.contains("\u{25b6} 4 Timeline")
    });
    s.key(ENTER, "a timeline entry in full", |scr| {
        scr.contains("Timeline entry") && scr.contains("q close")
    });
    s.key(ESC, "the entry to close", |scr| {
        !scr.contains("Timeline entry") && scr.contains("\u{25b6} 4 Timeline")
    });
    let help = s.key(b"?", "the help", |scr| scr.contains("Help: keys"));
    assert!(help.contains("quit"), "help does not mention quit:\n{help}");
    s.key(ESC, "the help to close", |scr| !scr.contains("Help: keys"));
    s.send(b"/Bossert");
    s.key(ENTER, "a match counter", |scr| {
        has_match_counter(scr, "Bossert")
    });

    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "q should exit 0, got {status}");
    let raw = s.raw();
    assert_restored(&raw);
    // The very last bytes are the hand-back itself.
    let tail = &raw[raw.len().saturating_sub(64)..];
    assert!(
        contains(tail, LEAVE_ALT) && raw.ends_with(SHOW_CURSOR),
        "output does not end by leaving the alternate screen and showing the cursor: {}",
        show(&raw)
    );
}

#[test]
fn walk_through_at_80x24() {
    walk_through(80, 24);
}

#[test]
fn walk_through_at_160x50() {
    walk_through(160, 50);
}

#[test]
fn actor_filter_from_the_command_line() {
    // 80 columns leave out the last count whole; the counts shown are these.
    let expected = "Actor: Tom Bossert \u{b7} F clears \u{b7} 1/4 briefings \u{b7} 3/6 entries \u{b7} \
                    11/23 quotes";
    let mut s = Session::start(&["--actor", "Tom Bossert", "briefings/"], 80, 24);
    let scr = s.wait_for(expected, |scr| status_line(scr).contains(expected));
    assert!(scr.contains("U.S. blames WannaCry"), "{scr}");
    assert!(scr.contains("1 Briefings 1/4"), "{scr}");
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert_restored(&s.raw());

    // Wide enough for the whole line.
    let expected = "Actor: Tom Bossert \u{b7} F clears \u{b7} 1/4 briefings \u{b7} 3/6 entries \u{b7} \
                    11/23 quotes \u{b7} 3/5 implications";
    let mut s = Session::start(&["--actor", "Tom Bossert", "briefings/"], 160, 50);
    s.wait_for(expected, |scr| status_line(scr).contains(expected));
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn actor_filter_by_alias() {
    // Pyongyang is an alias of North Korea: the filter shows the actor's own name.
    let expected = "Actor: North Korea \u{b7} F clears \u{b7} 1/4 briefings \u{b7} 4/6 entries \u{b7} \
                    0/23 quotes \u{b7} 3/5 implications";
    let mut s = Session::start(&["--actor", "Pyongyang", "briefings/"], 160, 50);
    s.wait_for(expected, |scr| status_line(scr).contains(expected));
    s.send(b"q");
    assert!(s.wait_exit().success());

    // One file: no Briefings pane, so no briefing count either.
    let mut s = Session::start(
        &[
            "--actor",
            "pyongyang",
            "briefings/wannacry-attribution.yaml",
        ],
        80,
        24,
    );
    let expected = "Actor: North Korea \u{b7} F clears \u{b7} 4/6 entries \u{b7} 0/23 quotes \u{b7} \
                    3/5 implications";
    s.wait_for(expected, |scr| status_line(scr).contains(expected));
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn q_closes_a_detail_and_quits_only_from_the_panes() {
    let mut s = start_library(80, 24);
    s.key(b"5", "focus on Quotes", |scr| {
        scr.contains("\u{25b6} 5 Quotes")
    });
    s.key(ENTER, "a quote in full", |scr| {
        scr.contains("1 of 6 in Quotes") && scr.contains("q close")
    });
    s.key(b"?", "the help for the detail", |scr| {
        scr.contains("Help: keys for this view")
    });
    s.key(b"q", "the help to close back to the quote", |scr| {
        !scr.contains("Help: keys") && scr.contains("1 of 6 in Quotes")
    });
    s.key(b"q", "the quote to close", |scr| {
        scr.contains("\u{25b6} 5 Quotes") && scr.contains("q quit")
    });
    s.key(b"T", "the library timeline", |scr| {
        scr.contains("Library timeline")
    });
    s.key(b"q", "the library timeline to close", |scr| {
        !scr.contains("Library timeline") && scr.contains("\u{25b6} 5 Quotes")
    });
    assert!(s.alive(), "q closed the views without quitting");
    s.send(b"q");
    let status = s.wait_exit();
    assert!(
        status.success(),
        "q in the panes should exit 0, got {status}"
    );
    assert_restored(&s.raw());
}

#[test]
fn j_and_k_read_one_quote_after_another_in_the_detail() {
    let mut s = Session::start(&["--actor", "Tom Bossert", "briefings/"], 80, 24);
    s.wait_for("the filter", |scr| scr.contains("Actor: Tom Bossert"));
    s.key(b"5", "focus on Quotes", |scr| {
        scr.contains("\u{25b6} 5 Quotes 11/23")
    });
    s.key(ENTER, "the first quote in full", |scr| {
        scr.contains("1 of 11 in Quotes")
    });
    let mut texts = Vec::new();
    for n in 2..=11 {
        let scr = s.key(b"J", "the next quote", |scr| {
            scr.contains(&format!("{n} of 11 in Quotes"))
        });
        // Each quote is read whole in the detail: the title row is the view's.
        assert!(scr.contains("Quote") || scr.contains("Paraphrase"), "{scr}");
        texts.push(scr);
    }
    texts.dedup();
    assert_eq!(texts.len(), 10, "each J shows another quote");
    s.key(b"J", "the end of the list said", |scr| {
        scr.contains("This is the last one") && scr.contains("11 of 11")
    });
    s.key(b"K", "the previous quote", |scr| {
        scr.contains("10 of 11 in Quotes")
    });
    s.key(b"q", "back to the panes", |scr| {
        scr.contains("\u{25b6} 5 Quotes") && !scr.contains("in Quotes")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert_restored(&s.raw());
}

/// A signal asks the reader to stop: it hands the terminal back and exits 128+signal.
fn stops_on(sig: i32) {
    let mut s = start_library(80, 24);
    s.signal(sig);
    let status = s.wait_exit();
    assert_eq!(
        (status.exit_code(), status.signal()),
        (128 + sig as u32, None),
        "after signal {sig}"
    );
    assert_restored(&s.raw());
}

#[test]
fn sigterm_restores_and_exits_143() {
    stops_on(libc::SIGTERM);
}

#[test]
fn sighup_restores_and_exits_129() {
    stops_on(libc::SIGHUP);
}

#[test]
fn sigquit_restores_and_exits_131() {
    stops_on(libc::SIGQUIT);
}

#[test]
fn sigint_restores_and_exits_130() {
    // Ctrl-c is a key in raw mode; SIGINT can still come from another process.
    stops_on(libc::SIGINT);
}

#[test]
fn a_stop_request_does_not_swallow_a_termination() {
    // A stop request that comes after a termination, before the loop looks: the
    // termination wins. (The short pause lets the first handler run on its own; sent
    // together, the kernel would run SIGTERM's handler last and hide the problem.)
    let mut s = start_library(80, 24);
    s.signal(libc::SIGTERM);
    std::thread::sleep(std::time::Duration::from_millis(5));
    s.signal(libc::SIGTSTP);
    let status = s.wait_exit();
    assert_eq!((status.exit_code(), status.signal()), (143, None));
    assert_restored(&s.raw());
}

#[test]
fn a_closed_terminal_ends_the_reader() {
    // The window is closed: the terminal hangs up under the reader, which must notice
    // and exit rather than spin or wait forever.
    let mut s = start_library(80, 24);
    s.hang_up();
    let status = s.wait_exit();
    assert_eq!(
        (status.exit_code(), status.signal()),
        (128 + libc::SIGHUP as u32, None),
        "a hangup should end the reader as SIGHUP does"
    );
}

#[test]
fn works_with_stdin_not_a_terminal() {
    // As under `xargs brief`: keys come from the terminal itself, and a hangup is still
    // noticed.
    let mut s = Session::start_sh(r#"exec "$BRIEF" briefings/ </dev/null"#, 80, 24);
    s.wait_for("the library to load", |scr| {
        scr.contains(" of 4") && PANES.iter().all(|p| scr.contains(p))
    });
    s.key(b"4", "focus on Timeline", |scr| {
        scr.contains("\u{25b6} 4 Timeline")
    });
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "{status}");
    assert_restored(&s.raw());

    let mut s = Session::start_sh(r#"exec "$BRIEF" briefings/ </dev/null"#, 80, 24);
    s.wait_for("the library to load", |scr| scr.contains(" of 4"));
    s.hang_up();
    let status = s.wait_exit();
    assert_eq!((status.exit_code(), status.signal()), (129, None));
}

#[test]
fn not_a_terminal_points_to_export() {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("briefings/")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .output()
        .expect("run brief");
    assert!(!out.status.success(), "should fail: {:?}", out.status);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("brief export"), "stderr: {stderr}");
    assert!(
        !out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b),
        "escape bytes written: {:?} {:?}",
        show(&out.stdout),
        show(&out.stderr)
    );
}

#[test]
fn a_missing_path_leaves_the_terminal_alone() {
    let mut s = Session::start(&["no-such-folder/"], 80, 24);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2);
    let raw = s.raw();
    assert!(
        !contains(&raw, ENTER_ALT),
        "alternate screen entered: {}",
        show(&raw)
    );
    assert!(
        String::from_utf8_lossy(&raw).contains("no such file or folder"),
        "{}",
        show(&raw)
    );
}

/// Ctrl-z (typed, or SIGTSTP from outside): the reader hands the terminal back, stops,
/// and on SIGCONT takes it again and redraws.
#[cfg(target_os = "linux")]
fn suspend_and_resume(by_key: bool) {
    let mut s = start_library(80, 24);
    if by_key {
        s.send(CTRL_Z);
    } else {
        s.signal(libc::SIGTSTP);
    }
    s.wait_state('T');
    // Written before it stopped; the pipe may still hold some of it.
    s.wait_raw("the terminal to be handed back before stopping", |raw| {
        restored(raw).is_ok()
    });
    let entered = find_all(&s.raw(), ENTER_ALT).len();
    assert_eq!(
        entered, 1,
        "entered the alternate screen again while stopped"
    );
    // The window changes size while the reader is stopped.
    s.resize(100, 30);

    s.signal(libc::SIGCONT);
    s.wait_raw("the alternate screen again", |raw| {
        find_all(raw, ENTER_ALT).len() == 2
    });
    s.wait_for("a redraw at the new size after resuming", |scr| {
        scr.contains("1 of 4")
            && PANES.iter().all(|p| scr.contains(p))
            && scr.lines().count() == 30
            && scr.lines().last().is_some_and(|l| l.contains("q quit"))
    });
    // Still answering keys.
    s.key(b"j", "the second briefing", |scr| scr.contains("2 of 4"));
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "{status}");
    assert_restored(&s.raw());
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    suspend_and_resume(true);
}

#[cfg(target_os = "linux")]
#[test]
fn sigtstp_suspends_and_sigcont_resumes() {
    suspend_and_resume(false);
}

#[cfg(target_os = "linux")]
#[test]
fn a_termination_while_stopped_ends_the_reader_on_resuming() {
    // What `kill %1` does to a stopped job: SIGTERM, then SIGCONT.
    let mut s = start_library(80, 24);
    s.send(CTRL_Z);
    s.wait_state('T');
    s.signal(libc::SIGTERM);
    s.signal(libc::SIGCONT);
    let status = s.wait_exit();
    assert_eq!((status.exit_code(), status.signal()), (143, None));
    assert_restored(&s.raw());
}

#[cfg(target_os = "linux")]
#[test]
fn mouse_capture_is_released_on_every_way_out() {
    const MOUSE_ON: &[u8] = b"\x1b[?1000h";
    let mut s = Session::start(&["--mouse", "briefings/"], 80, 24);
    s.wait_for("the library to load", |scr| scr.contains(" of 4"));
    assert_eq!(
        private_modes(&s.raw()).get(&1000),
        Some(&true),
        "mouse not captured"
    );

    s.send(CTRL_Z);
    s.wait_state('T');
    s.wait_raw("the terminal and the mouse to be handed back", |raw| {
        restored(raw).is_ok()
    });
    s.signal(libc::SIGCONT);
    s.wait_raw("the mouse captured again", |raw| {
        find_all(raw, MOUSE_ON).len() == 2
    });
    s.wait_for("a redraw", |scr| PANES.iter().all(|p| scr.contains(p)));

    s.signal(libc::SIGTERM);
    let status = s.wait_exit();
    assert_eq!((status.exit_code(), status.signal()), (143, None));
    assert_restored(&s.raw());
}

#[test]
fn survives_quick_resizes() {
    let mut s = start_library(80, 24);
    for (cols, rows) in [(20, 5), (1, 1), (160, 50), (40, 12)] {
        s.resize(cols, rows);
    }
    let scr = s.wait_for("a sane screen at 40x12", |scr| {
        !scr.contains("too small") && scr.contains("Briefings") && scr.contains("Implications")
    });
    assert!(s.alive(), "{scr}");

    // Too small: it says so instead of drawing, and does not crash.
    s.resize(20, 5);
    s.wait_text("Terminal too small");
    s.resize(1, 1);
    s.wait_for("one cell", |scr| scr.trim() == "T");
    s.resize(39, 12);
    s.wait_text("39x12, needs 40x12");
    s.resize(160, 50);
    s.wait_for("the wide layout", |scr| {
        !scr.contains("too small") && PANES.iter().all(|p| scr.contains(p))
    });
    assert!(s.alive());
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "{status}");
    assert_restored(&s.raw());
}

/// What a briefing file must never get through to the terminal. `from` is where the
/// first frame starts: a screen clear before it belongs to the reader's own start-up.
fn assert_inert(what: &str, raw: &[u8], from: usize) {
    let fail = |why: &str, at: usize| -> ! {
        let lo = at.saturating_sub(120);
        let hi = (at + 120).min(raw.len());
        panic!(
            "{what}: {why} at byte {at}, around {:?}",
            String::from_utf8_lossy(&raw[lo..hi])
        )
    };
    // Unless asked to copy (`y`, not pressed here), the reader itself only ever writes
    // CSI sequences (ESC [): anything else after an ESC (OSC `ESC ]`, DCS `ESC P`, APC
    // `ESC _`, a reset `ESC c`...) came from a file.
    for at in find_all(raw, b"\x1b") {
        if raw.get(at + 1) != Some(&b'[') {
            fail("an escape that is not a CSI sequence", at);
        }
    }
    for (needle, why) in [
        (&b"\x1b]"[..], "an OSC sequence"),
        (b"\x07", "a BEL byte"),
        ("\u{9b}".as_bytes(), "a C1 CSI"),
        ("\u{202e}".as_bytes(), "a right-to-left override"),
    ] {
        if let Some(&at) = find_all(raw, needle).first() {
            fail(why, at);
        }
    }
    if let Some(&at) = find_all(&raw[from..], CLEAR_ALL).first() {
        fail("a screen clear after the first frame", from + at);
    }
}

/// Invisible characters that hide text: the zero-width space and the tag characters
/// (U+E0000 to U+E007F, all encoded as F3 A0 80..81 xx).
fn assert_no_invisible(what: &str, raw: &[u8]) {
    for (needle, why) in [
        ("\u{200b}".as_bytes(), "a zero-width space"),
        (b"\xf3\xa0\x80", "a tag character"),
        (b"\xf3\xa0\x81", "a tag character"),
    ] {
        if let Some(&at) = find_all(raw, needle).first() {
            let around = &raw[at.saturating_sub(120)..(at + 120).min(raw.len())];
            panic!(
                "{what}: {why} at byte {at}, around {:?}",
                String::from_utf8_lossy(around)
            );
        }
    }
}

/// Opens the hostile folder and visits everything that shows its text: every pane,
/// a quote and a timeline entry in full, the files with errors, the help. Returns all
/// the bytes written, from start to exit.
fn browse_hostile_folder() -> Vec<u8> {
    let mut s = Session::start(&["tests/fixtures/hostile/"], 80, 24);
    s.wait_for("the hostile briefing", |scr| {
        scr.contains("Hostile") && scr.contains("2 files with errors")
    });
    // One briefing, so no Briefings pane: Tab visits the other five and comes back.
    let first = focused(&s.screen()).expect("a focused pane");
    let mut seen = vec![first.clone()];
    for _ in 0..5 {
        let before = seen.last().unwrap().clone();
        let scr = s.key(TAB, "the next pane", |scr| {
            focused(scr).is_some_and(|f| f != before)
        });
        seen.push(focused(&scr).unwrap());
    }
    assert_eq!(seen.last(), Some(&first), "Tab did not come back: {seen:?}");
    seen.sort();
    seen.dedup();
    assert_eq!(
        seen,
        [
            "2 Overview",
            "3 Actors",
            "4 Timeline",
            "5 Quotes",
            "6 Implications"
        ],
        "Tab did not visit every pane"
    );
    s.key(b"5", "the quotes", |scr| scr.contains("\u{25b6} 5 Quotes"));
    s.key(ENTER, "the quote in full", |scr| {
        scr.contains("Quote ") && scr.contains("q close")
    });
    s.key(ESC, "the quote to close", |scr| !scr.contains("q close"));
    s.key(b"4", "the timeline", |scr| {
        scr.contains("\u{25b6} 4 Timeline")
    });
    s.key(ENTER, "the entry in full", |scr| {
        scr.contains("Timeline entry")
    });
    s.key(ESC, "the entry to close", |scr| {
        !scr.contains("Timeline entry")
    });
    s.key(b"E", "the files with errors", |scr| {
        scr.contains("Files with errors: 2")
    });
    s.key(b"j", "the second file", |scr| scr.contains("raw-controls"));
    s.key(ENTER, "the file's errors in full", |scr| {
        scr.contains("File with errors ")
    });
    s.key(ESC, "the errors to close", |scr| {
        !scr.contains("File with errors ")
    });
    s.key(ESC, "back to the panes", |scr| {
        !scr.contains("Files with errors")
    });
    s.key(b"?", "the help", |scr| scr.contains("Help: keys"));
    s.key(ESC, "the help to close", |scr| !scr.contains("Help: keys"));
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "{status}");

    let raw = s.raw();
    assert_restored(&raw);
    raw
}

#[test]
fn hostile_text_cannot_drive_the_terminal() {
    let raw = browse_hostile_folder();
    let entered = find_all(&raw, ENTER_ALT);
    assert!(!entered.is_empty(), "never entered the alternate screen");
    let from = entered[0] + ENTER_ALT.len();
    assert_inert("the reader", &raw, from);
}

#[test]
fn hostile_invisible_text_is_not_shown() {
    assert_no_invisible("the reader", &browse_hostile_folder());
}

#[test]
fn a_hostile_path_is_not_echoed() {
    // The reader names a missing path on the terminal before taking it over.
    let mut s = Session::start(&["\x1b]0;pwned\x07\x1b[2J\u{9b}2J\u{202e}missing"], 80, 24);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2);
    let raw = s.raw();
    assert!(
        String::from_utf8_lossy(&raw).contains("no such file or folder"),
        "{}",
        show(&raw)
    );
    assert_inert("a missing path", &raw, 0);
}

#[test]
fn check_does_not_echo_hostile_text() {
    for (file, valid) in [
        ("tests/fixtures/hostile/escapes.yaml", true),
        ("tests/fixtures/hostile/invalid-escapes.yaml", false),
        ("tests/fixtures/hostile/raw-controls.yaml", false),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["check", file])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run brief check");
        assert_eq!(out.status.success(), valid, "{file}: {:?}", out.status);
        for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert_inert(&format!("brief check {file}, {name}"), bytes, 0);
            assert!(
                !bytes.contains(&0x1b),
                "brief check {file} wrote an escape byte on {name}: {}",
                show(bytes)
            );
        }
    }
}

/// Runs `brief ARGS` in a pseudo-terminal until it exits: what a user would see of
/// its standard output and error together, and the exit status.
fn run_in_terminal(args: &[&str]) -> (Vec<u8>, u32) {
    let mut s = Session::start(args, 80, 24);
    let status = s.wait_exit();
    (s.raw(), status.exit_code())
}

#[test]
fn argument_errors_do_not_echo_arguments_raw() {
    let osc = "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\u{9b}2J\u{202e}";
    let unexpected = format!("-{osc}");
    let long_unexpected = format!("--{osc}");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["check", &unexpected], "unexpected argument"),
        (
            vec!["check", "briefings/", &long_unexpected],
            "unexpected argument",
        ),
        (vec![&long_unexpected], "unexpected argument"),
        (
            vec!["export", "--format", osc, "briefings/"],
            "invalid value",
        ),
        (vec!["--max-file-size", osc, "briefings/"], "is not a size"),
        (vec!["check", "--max-file-size", osc, "x"], "is not a size"),
        (vec!["--actor"], "a value is required"),
        (vec![osc], "no such file or folder"),
        (vec!["check", osc], "no such file or folder"),
        (vec!["export", osc], "no such file or folder"),
    ];
    for (args, words) in cases {
        let (raw, code) = run_in_terminal(&args);
        let what = format!("brief {args:?}");
        assert_eq!(code, 2, "{what}: {}", show(&raw));
        assert!(
            String::from_utf8_lossy(&raw).contains(words),
            "{what}: no `{words}` in {}",
            show(&raw)
        );
        assert_inert(&what, &raw, 0);
        assert!(
            !raw.contains(&0x1b),
            "{what}: an escape byte: {}",
            show(&raw)
        );
    }
}

#[test]
fn a_hostile_actor_name_on_the_command_line_is_shown_cleaned() {
    let name = "\x1b]0;pwned\x07nobody\u{9b}2J";
    let mut s = Session::start(&["--actor", name, "--dossier", name, "briefings/"], 80, 24);
    s.wait_for("the notice", |scr| scr.contains("No actor named"));
    s.send(b"q");
    assert!(s.wait_exit().success());
    let raw = s.raw();
    let from = find_all(&raw, ENTER_ALT)[0] + ENTER_ALT.len();
    assert_inert("a hostile --actor", &raw, from);
}

/// Files that once made the loader panic, with escape sequences in the text the
/// panic's message quoted: neither `check`, `export` nor the reader may pass them on.
#[test]
fn text_that_once_caused_a_panic_is_not_echoed() {
    let dir = "tests/fixtures/panics/";
    for args in [
        vec!["check", dir],
        vec!["export", "--format", "json", dir],
        vec!["export", "--format", "text", dir],
    ] {
        let (raw, code) = run_in_terminal(&args);
        let what = format!("brief {args:?}");
        assert_eq!(code, 1, "{what}: {}", show(&raw));
        let text = String::from_utf8_lossy(&raw);
        assert!(
            text.contains("url-wide-char.yaml:9:10: error: `url` in source must start with"),
            "{what}: {}",
            show(&raw)
        );
        assert!(!text.contains("panicked"), "{what}: {}", show(&raw));
        assert_inert(&what, &raw, 0);
        assert!(
            !raw.contains(&0x1b),
            "{what}: an escape byte: {}",
            show(&raw)
        );
    }

    let mut s = Session::start(&[dir], 80, 24);
    s.wait_for("the good file and the bad one", |scr| {
        scr.contains("A briefing that loads") && scr.contains("1 file with errors")
    });
    s.key(b"E", "the files with errors", |scr| {
        scr.contains("Files with errors: 1")
    });
    s.key(ENTER, "the file's errors in full", |scr| {
        scr.contains("File with errors ") && scr.contains("start with http")
    });
    // q steps back out of the detail and the list, then quits from the panes.
    s.key(b"q", "the list again", |scr| {
        !scr.contains("File with errors ") && scr.contains("Files with errors: 1")
    });
    s.key(b"q", "the panes again", |scr| {
        !scr.contains("Files with errors: 1")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
    let raw = s.raw();
    assert_restored(&raw);
    let from = find_all(&raw, ENTER_ALT)[0] + ENTER_ALT.len();
    assert_inert("the reader", &raw, from);
    assert!(!contains(&raw, b"panicked"), "{}", show(&raw));
}

/// A FIFO named on the command line and one in the folder, and a link that leads
/// nowhere: the reader refuses the FIFOs without waiting on them, warns about the
/// link, opens the good briefings and still answers keys.
#[test]
fn special_files_neither_hang_nor_vanish() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let briefing = "title: Still loads\ndate: 2017\nevent: {title: E, date: 2017}\nactors: [{id: a, name: A}]\n";
    std::fs::write(root.join("a.yaml"), briefing).unwrap();
    std::fs::write(root.join("z.yaml"), briefing).unwrap();
    let fifo = std::ffi::CString::new(root.join("pipe.yaml").to_str().unwrap()).unwrap();
    // SAFETY: mkfifo(3) with a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink("nowhere.yaml", root.join("dangling.yaml")).unwrap();
    let pipe = root.join("pipe.yaml");
    let mut s = Session::start(&[pipe.to_str().unwrap(), root.to_str().unwrap()], 100, 24);
    s.wait_for("both briefings and the problems", |scr| {
        scr.contains("Briefings 2") && scr.contains("1 file with errors, 1 warning (E)")
    });
    s.key(b"E", "the errors and warnings", |scr| {
        scr.contains("Files with errors: 1, warnings: 1")
            && scr.contains("not a regular file but a named pipe")
            && scr.contains("a link that leads nowhere")
    });
    s.key(ESC, "the panes again", |scr| {
        !scr.contains("Files with errors:")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert_restored(&s.raw());
}

/// `y` on a quote: the real binary writes exactly the OSC 52 sequence that puts the
/// citation on the clipboard, once, and nothing else escapes to the terminal for it.
#[test]
fn y_puts_the_citation_on_the_clipboard_through_the_terminal() {
    let mut s = Session::start(&["briefings/wannacry-attribution.yaml"], 100, 30);
    s.wait_text("\u{201c}After careful investigation");
    s.key(b"5", "the Quotes pane", |scr| {
        focused(scr).as_deref() == Some("5 Quotes")
    });
    s.key(b"y", "the notice", |scr| {
        status_line(scr).contains("Copied the quote with its citation: \u{201c}After careful")
    });
    let b = brief::load::load_file(
        std::path::Path::new("briefings/wannacry-attribution.yaml"),
        &Default::default(),
    )
    .unwrap();
    let expected = brief::tui::osc52(&brief::citation::quote(&b, &b.quotes[0]));
    assert!(expected.starts_with("\x1b]52;c;4oCcQWZ0ZXIgY2FyZWZ1bCBpbnZlc3RpZ2F0aW9u"));
    let raw = s.raw();
    assert_eq!(
        find_all(&raw, expected.as_bytes()).len(),
        1,
        "{}",
        show(&raw)
    );
    assert_eq!(
        find_all(&raw, b"\x1b]").len(),
        1,
        "one OSC sequence, the copy"
    );
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert_restored(&s.raw());
}

/// A briefing of 60,000 differently named actors that share one alias: grouping them
/// once took time that grew with the square of their number, on the thread that reads
/// keys. The briefing must show up and `q` and SIGTERM must act while the library's
/// actors are still being grouped.
#[test]
fn many_actors_sharing_an_alias_neither_freeze_nor_delay_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "title: Sixty thousand actors\ndate: 2017\nevent: {title: E, date: 2017}\nactors:\n",
    );
    for i in 0..60_000 {
        text.push_str(&format!("  - {{id: a{i}, name: A{i}, aliases: [S]}}\n"));
    }
    std::fs::write(dir.path().join("many.yaml"), text).unwrap();
    let path = dir.path().to_str().unwrap();
    for stop in [&b"q"[..], b"SIGTERM"] {
        let mut s = Session::start(&[path, "briefings/"], 100, 30);
        s.wait_for("the large briefing in the list", |scr| {
            scr.contains("Sixty thousand") && scr.contains("Briefings 5")
        });
        if stop == b"q" {
            s.send(b"q");
            let status = s.wait_exit();
            assert!(status.success(), "{status}");
        } else {
            s.signal(libc::SIGTERM);
            let status = s.wait_exit();
            assert_eq!((status.exit_code(), status.signal()), (143, None));
        }
        assert_restored(&s.raw());
    }
}

/// A summary of two million empty lines: wrapped once, not on every frame, and only
/// the lines in view drawn, so the reader opens at once and every key answers.
#[test]
fn a_summary_of_two_million_lines_neither_delays_the_first_frame_nor_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        String::from("title: Two million lines\ndate: 2017\nsummary: |\n  First line.\n");
    text.push_str(&"\n".repeat(2_000_000));
    text.push_str(
        "  Last line.\nevent: {title: The event, date: 2017}\nactors: [{id: a, name: A}]\n",
    );
    let path = dir.path().join("long.yaml");
    std::fs::write(&path, text).unwrap();
    let mut s = Session::start(&[path.to_str().unwrap()], 80, 24);
    s.wait_for("the briefing", |scr| scr.contains("Two million lines"));
    s.key(b"2", "the Overview", |scr| {
        scr.contains("\u{25b6} 2 Overview") && scr.contains("First line.")
    });
    for _ in 0..20 {
        s.send(b"\x1b[6~");
    }
    s.key(b"G", "the end of the Overview", |scr| {
        scr.contains("The event")
    });
    s.key(b"g", "its start", |scr| scr.contains("Two million lines"));
    s.key(ENTER, "the briefing in full", |scr| {
        scr.contains(" of 2000")
    });
    s.key(b"G", "its last line, the one actor", |scr| {
        scr.contains("Actors (1)") && scr.contains("\u{2022} A")
    });
    // q closes the briefing in full, then quits from the panes.
    s.key(b"q", "the panes again", |scr| {
        scr.contains("\u{25b6} 2 Overview")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
}

/// A folder of its own, removed when dropped, for what a test lets the reader write.
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("a scratch folder")
}

/// `o`: the whole address is shown first; `y` hands exactly it to the opener, any
/// other key opens nothing.
#[test]
fn o_opens_the_source_only_after_a_yes() {
    let dir = scratch();
    let log = dir.path().join("opened.txt");
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    // The first opener `open` tries, standing in for the browser.
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n", log.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let script = format!(
        "PATH='{}':\"$PATH\" exec \"$BRIEF\" tests/fixtures/valid/wannacry-attribution.yaml",
        bin.display()
    );
    let url = "https://fcw.com/articles/2017/12/19/wannacry-attribution.aspx";
    let mut s = Session::start_sh(&script, 80, 24);
    s.wait_text("\u{201c}We do not make this accusation");
    s.send(b"5");
    s.key(b"o", "the question", |scr| {
        scr.contains("Open in the browser?") && scr.contains(url)
    });
    s.key(b"x", "the answer", |scr| {
        status_line(scr).contains("Not opened")
    });
    assert!(!log.exists(), "opened without a yes");
    s.send(b"o");
    s.wait_text("Open in the browser?");
    s.key(b"y", "the hand-over", |scr| {
        status_line(scr).contains("Handed to the browser: https://fcw.com/")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert_eq!(std::fs::read_to_string(&log).unwrap(), format!("{url}\n"));
}

/// `e`: what is on screen goes to a Markdown file in the current folder; a second
/// export takes the next number, and the status bar names each file.
#[test]
fn e_exports_to_a_new_file_in_the_current_folder() {
    let dir = scratch();
    let briefing = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefings/wannacry-attribution.yaml");
    let script = format!(
        "cd '{}' && exec \"$BRIEF\" --actor manfra '{}'",
        dir.path().display(),
        briefing.display()
    );
    let mut s = Session::start_sh(&script, 100, 30);
    s.wait_text("Actor: Jeanette Manfra");
    s.key(b"e", "the first export", |scr| {
        status_line(scr).contains("Exported to ./wannacry-attribution-filtered.md")
    });
    s.key(b"e", "the second export", |scr| {
        status_line(scr).contains("Exported to ./wannacry-attribution-filtered-2.md")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
    let first =
        std::fs::read_to_string(dir.path().join("wannacry-attribution-filtered.md")).unwrap();
    let second =
        std::fs::read_to_string(dir.path().join("wannacry-attribution-filtered-2.md")).unwrap();
    assert_eq!(first, second);
    assert!(first.starts_with("**UNCLASSIFIED**\n\n# U.S. blames WannaCry on North Korea\n"));
    assert!(first.contains("*Filtered view: only what involves Jeanette Manfra. Shown: 1 of 6"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

/// The text of the selected row (the one marked `▌`) in the pane whose top border
/// shows `title`, as far as the pane shows it.
fn selected_row(screen: &str, title: &str) -> Option<String> {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let top = lines
        .iter()
        .position(|l| l.iter().collect::<String>().contains(title))?;
    let border = &lines[top];
    let first: Vec<char> = title.chars().collect();
    let at = (0..border.len()).find(|&x| border[x..].starts_with(&first))?;
    let left = (0..at).rev().find(|&x| matches!(border[x], '┌' | '┏'))?;
    let right = (at..border.len()).find(|&x| matches!(border[x], '┐' | '┓'))?;
    for line in &lines[top + 1..] {
        if matches!(line.get(left), Some('└' | '┗')) {
            break;
        }
        let inner: String = line.get(left + 1..right.min(line.len()))?.iter().collect();
        if let Some(rest) = inner.strip_prefix('\u{258c}') {
            return Some(rest.trim().to_string());
        }
    }
    None
}

/// The keys a terminal sends as escape sequences or control bytes reach the key table
/// as the keys they are: paging, the ends of a list, Shift-Tab, and Ctrl-c, which is
/// a key in raw mode (not a signal) and quits with status 0, even while typing.
#[test]
fn paging_focus_and_ctrl_c_keys_arrive_from_the_terminal() {
    let file = "briefings/wannacry-attribution.yaml";
    let briefing = brief::load::load_file(std::path::Path::new(file), &Default::default())
        .expect("the briefing loads");
    let names: Vec<String> = briefing
        .actors
        .iter()
        .map(|a| a.name.shown().to_string())
        .collect();
    // A page is as many rows as the pane shows, less the one kept in view: the Actors
    // pane's inside at 80x16.
    let app = brief::app::App::new(brief::library::Library::new(vec![briefing], Vec::new()));
    let layout = brief::ui::layout(&app, ratatui::layout::Rect::new(0, 0, 80, 16));
    let (_, actors) = layout
        .panes
        .iter()
        .find(|(p, _)| *p == brief::app::Pane::Actors)
        .expect("an Actors pane");
    let page = usize::from(actors.height - 3);
    let last = names.len() - 1;
    assert!(
        page > 2 && last >= 2 * page,
        "{page} rows, {} actors",
        names.len()
    );
    let mut s = Session::start(&[file], 80, 16);
    // Loaded: the pane lists every actor (while loading it is there, but empty).
    let all = format!("3 Actors {}", names.len());
    s.wait_for("the briefing", |scr| scr.contains(&all));
    s.key(b"3", "focus on Actors", |scr| {
        scr.contains("\u{25b6} 3 Actors")
    });
    let mut at = 0;
    for (bytes, name) in [
        (&b"\x1b[6~"[..], "PgDn"),
        (b"\x04", "Ctrl-d"),
        (b"\x1b[5~", "PgUp"),
        (b"\x15", "Ctrl-u"),
        (b"\x1b[F", "End"),
        (b"\x1b[H", "Home"),
    ] {
        at = match name {
            "PgDn" | "Ctrl-d" => (at + page).min(last),
            "PgUp" | "Ctrl-u" => at - page.min(at),
            "End" => last,
            _ => 0,
        };
        let expected = &names[at];
        s.key(bytes, &format!("{name} to select {expected}"), |scr| {
            selected_row(scr, "3 Actors")
                .is_some_and(|r| r.starts_with(&expected[..10.min(expected.len())]))
        });
    }
    s.key(b"\x1b[Z", "Shift-Tab to focus on Overview", |scr| {
        scr.contains("\u{25b6} 2 Overview")
    });
    s.key(TAB, "Tab to focus on Actors again", |scr| {
        scr.contains("\u{25b6} 3 Actors")
    });
    s.key(b"/", "the search prompt", |scr| {
        status_line(scr).starts_with(" /")
    });
    s.send(b"\x03");
    let status = s.wait_exit();
    assert!(status.success(), "Ctrl-c should quit with 0, got {status}");
    assert_restored(&s.raw());
}

#[test]
fn ctrl_c_quits_from_the_panes() {
    let mut s = start_library(80, 24);
    s.send(b"\x03");
    let status = s.wait_exit();
    assert!(status.success(), "Ctrl-c should quit with 0, got {status}");
    assert_restored(&s.raw());
}

#[test]
fn an_actor_named_by_an_exact_alias_is_that_actor_alone() {
    // `US` is an alias of the United States, and part of Australia, Lazarus Group and
    // Rust Marten: only the first is meant.
    let expected = "Actor: United States \u{b7} F clears \u{b7} 1/4 briefings";
    let mut s = Session::start(&["--actor", "US", "briefings/"], 80, 24);
    s.wait_for(expected, |scr| status_line(scr).contains(expected));
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn repeated_actor_options_add_up() {
    let expected = "Actors: Tom Bossert, Jeanette Manfra \u{b7} F clears \u{b7} 1/4 briefings";
    let mut s = Session::start(
        &["--actor", "Tom Bossert", "--actor", "manfra", "briefings/"],
        100,
        24,
    );
    s.wait_for(expected, |scr| status_line(scr).contains(expected));
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn dossier_from_the_command_line() {
    // Pyongyang is an alias of North Korea.
    let mut s = Session::start(&["--dossier", "pyongyang", "briefings/"], 80, 24);
    s.wait_for("the dossier of North Korea", |scr| {
        scr.contains("Dossier: North Korea")
    });
    s.send(ESC);
    s.wait_for("the panes", |scr| PANES.iter().all(|p| scr.contains(p)));
    s.send(b"q");
    assert!(s.wait_exit().success());

    let mut s = Session::start(&["--dossier", "Nobody At All", "briefings/"], 80, 24);
    s.wait_for("a notice", |scr| {
        status_line(scr).contains("No actor named \u{201c}Nobody At All\u{201d}")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
}

/// With no path, `brief` opens `./briefings` when there is one, and otherwise the
/// sample library compiled into it.
#[test]
fn no_path_opens_briefings_here_or_else_the_bundled_sample() {
    let here = tempfile::tempdir().unwrap();
    std::fs::create_dir(here.path().join("briefings")).unwrap();
    std::fs::write(
        here.path().join("briefings/only-here.yaml"),
        "title: Only in this folder\ndate: 2020\nevent: {title: E, date: 2020}\n\
         actors: [{id: a, name: A}]\n",
    )
    .unwrap();
    let mut s = Session::start_in(here.path(), &[], &[], 80, 24);
    let scr = s.wait_for("the briefing in ./briefings", |scr| {
        scr.contains("Only in this folder")
    });
    assert!(!scr.contains("Briefings"), "one briefing, no list:\n{scr}");
    s.send(b"q");
    assert!(s.wait_exit().success());

    let empty = tempfile::tempdir().unwrap();
    let mut s = Session::start_in(empty.path(), &[], &[], 80, 24);
    s.wait_for("the bundled sample library", |scr| {
        scr.contains("Briefings 4") && scr.contains("EXERCISE: TG-4471 intrusion")
    });
    // Its files are named as bundled, not as files on this machine.
    s.key(b"2", "focus on Overview", |scr| {
        scr.contains("\u{25b6} 2 Overview")
    });
    s.key(ENTER, "the briefing in full, with its file", |scr| {
        scr.contains("\u{250f} Briefing ")
            && scr.contains("File     (bundled)/exercise-grid-intrusion.yaml")
    });
    s.key(b"q", "the briefing to close", |scr| {
        !scr.contains("\u{250f} Briefing ")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
}

/// File names and a name given on the command line reach the screen only cleaned,
/// even what ratatui would draw as it is (tag characters, piled-up accents): in the
/// status bar, the list of files with errors, and a briefing or a file in full.
#[test]
fn hostile_file_names_and_names_are_shown_cleaned() {
    use support::hostile::{HOSTILE, SHOWN, assert_clean_text, hostile_folder};
    let dir = hostile_folder();
    let mut s = Session::start_in(dir.path(), &["--actor", HOSTILE, "."], &[], 100, 30);
    s.wait_for("the notice naming the actor, cleaned", |scr| {
        status_line(scr).contains(&format!("No actor named {SHOWN}"))
    });
    s.key(b"2", "focus on Overview", |scr| {
        scr.contains("\u{25b6} 2 Overview")
    });
    s.key(ENTER, "the briefing in full, with its file name", |scr| {
        scr.contains(&format!("File     {SHOWN}"))
    });
    s.key(ESC, "the briefing to close", |scr| {
        !scr.contains("\u{250f} Briefing ")
    });
    s.key(b"E", "the file with errors, named", |scr| {
        scr.contains("Files with errors: 1") && scr.contains(SHOWN)
    });
    s.key(ENTER, "the file's errors in full", |scr| {
        scr.contains("File with errors ") && scr.contains(SHOWN)
    });
    s.send(b"\x03");
    assert!(s.wait_exit().success());
    let raw = s.raw();
    assert_restored(&raw);
    // The reader's own escape sequences are all CSI; nothing else may be there.
    let text = String::from_utf8_lossy(&strip_csi(&raw)).into_owned();
    assert_clean_text("the reader", &text, |c| c == '\r');
}

/// Every file and folder under `root`: whether a folder, size, modification time and
/// contents.
fn snapshot(
    root: &std::path::Path,
) -> std::collections::BTreeMap<std::path::PathBuf, (bool, u64, std::time::SystemTime, Vec<u8>)> {
    let mut out = std::collections::BTreeMap::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).expect("a readable folder") {
            let path = entry.expect("an entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            let modified = meta.modified().expect("a modification time");
            if meta.is_dir() {
                todo.push(path.clone());
                out.insert(path, (true, 0, modified, Vec::new()));
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                out.insert(path, (false, meta.len(), modified, bytes));
            }
        }
    }
    out
}

/// The reader never writes a briefing and writes nothing of its own accord but its
/// state file: after a session that uses every part of it, no file or folder is new,
/// gone or changed, in the library, the folder it ran in, its home and every XDG
/// folder, but for `$XDG_STATE_HOME/brief/state.json` (in a folder of its own, only
/// the user may read either) and the one export `e` was asked for, a new file in the
/// folder it ran in.
#[test]
fn the_reader_writes_nothing_but_its_state_and_the_export() {
    let root = tempfile::tempdir().unwrap();
    let at = |p: &str| root.path().join(p);
    let dirs = [
        "library", "work", "home", "config", "data", "state", "cache", "runtime", "tmp",
    ];
    for d in dirs {
        std::fs::create_dir(at(d)).unwrap();
    }
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for f in std::fs::read_dir(manifest.join("briefings")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, at("library").join(f.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        manifest.join("tests/fixtures/library/bad.yaml"),
        at("library/bad.yaml"),
    )
    .unwrap();
    let (home, config, data, state, cache, runtime, tmp) = (
        at("home"),
        at("config"),
        at("data"),
        at("state"),
        at("cache"),
        at("runtime"),
        at("tmp"),
    );
    let env = [
        ("HOME", home.as_path()),
        ("XDG_CONFIG_HOME", &config),
        ("XDG_DATA_HOME", &data),
        ("XDG_STATE_HOME", &state),
        ("XDG_CACHE_HOME", &cache),
        ("XDG_RUNTIME_DIR", &runtime),
        ("TMPDIR", &tmp),
    ];
    let before = snapshot(root.path());
    assert!(before.len() > 10, "{before:?}");

    let library = at("library").display().to_string();
    let mut s = Session::start_in(&at("work"), &[&library], &env, 80, 24);
    s.wait_for("the library to load", |scr| scr.contains("Briefings 4"));
    // Each step waits for the hint bar too: it is drawn last, so the frame is whole.
    let hints = |scr: &str| scr.lines().last().unwrap_or("").to_string();
    type Step<'a> = (&'a [u8], &'a str, &'a dyn Fn(&str) -> bool);
    let steps: [Step; 15] = [
        (b"j", "the second briefing", &|scr| scr.contains("2 of 4")),
        (b"s", "sorted oldest first", &|scr| {
            scr.contains("sorted oldest first")
        }),
        (b"t", "the tag picker", &|scr| {
            scr.contains("Filter by tag") && hints(scr).contains("type to narrow")
        }),
        (ESC, "the picker to close", &|scr| {
            hints(scr).contains("q quit")
        }),
        (b"fbossert", "the actor picker", &|scr| {
            scr.contains("Tom Bossert") && hints(scr).contains("type to narrow")
        }),
        (ENTER, "the filter", &|scr| {
            scr.contains("Actor: Tom Bossert") && hints(scr).contains("q quit")
        }),
        (b"A", "the dossier", &|scr| {
            scr.contains("Dossier: Tom Bossert") && hints(scr).contains("go to")
        }),
        (ESC, "back", &|scr| hints(scr).contains("Tab pane")),
        // The status bar is too narrow here for the match counter beside the
        // errors notice: the list's match counts show the search instead.
        (b"F/attribution\r", "a search", &|scr| {
            scr.contains("20\u{d7} U.S. blames") && hints(scr).contains("q quit")
        }),
        (b"n", "the next match", &|scr| {
            scr.contains("20\u{d7} U.S. blames") && hints(scr).contains("q quit")
        }),
        (b"T", "the library timeline", &|scr| {
            scr.contains("Library timeline") && hints(scr).contains("go to")
        }),
        (ESC, "back", &|scr| hints(scr).contains("Tab pane")),
        (b"E", "the files with errors", &|scr| {
            scr.contains("Files with errors: 1") && hints(scr).contains("go to")
        }),
        (ENTER, "the file's errors", &|scr| {
            scr.contains("File with errors ") && hints(scr).contains("close")
        }),
        (b"?", "the help", &|scr| scr.contains("Help: keys")),
    ];
    for (keys, what, ready) in steps {
        s.key(keys, what, ready);
    }
    s.resize(120, 40);
    s.wait_for("a redraw at 120x40", |scr| scr.lines().count() == 40);
    s.key(ESC, "the help to close", |scr| {
        !scr.contains("Help: keys") && scr.contains("File with errors ")
    });
    s.key(ESC, "back to the list of files", |scr| {
        scr.contains("Files with errors: 1")
    });
    s.key(ESC, "back to the panes", |scr| {
        hints(scr).contains("Tab pane")
    });
    s.key(b"e", "an export", |scr| {
        status_line(scr).contains("Exported to ./")
    });
    s.send(b"q");
    assert!(s.wait_exit().success());

    let after = snapshot(root.path());
    let exported: Vec<std::path::PathBuf> = after
        .keys()
        .filter(|p| !before.contains_key(*p) && p.parent() == Some(at("work").as_path()))
        .cloned()
        .collect();
    assert!(
        exported.len() == 1 && exported[0].extension().is_some_and(|x| x == "md"),
        "{exported:?}"
    );
    let work = at("work");
    let (state_dir, state_file) = (at("state/brief"), at("state/brief/state.json"));
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| {
            std::fs::metadata(p)
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(mode(&state_dir), 0o700);
        assert_eq!(mode(&state_file), 0o600);
        let saved = &after[&state_file].3;
        let saved: serde_json::Value = serde_json::from_slice(saved).expect("state is JSON");
        assert!(saved.is_object(), "{saved}");
    }
    // Making those files changed their folders' times; nothing else may change.
    // And its cache of briefings already read (README, "The cache"): packs in
    // `$XDG_CACHE_HOME/brief`, nothing else.
    let cache_dir = at("cache/brief");
    let is_pack = |p: &std::path::PathBuf| {
        p.parent() == Some(cache_dir.as_path()) && p.extension().is_some_and(|x| x == "pack")
    };
    let skip = |p: &std::path::PathBuf| {
        *p == work
            || *p == state
            || *p == state_dir
            || *p == state_file
            || *p == cache
            || *p == cache_dir
            || is_pack(p)
    };
    let after: std::collections::BTreeMap<_, _> = after
        .into_iter()
        .filter(|(p, _)| *p != exported[0] && !skip(p))
        .collect();
    let before: std::collections::BTreeMap<_, _> =
        before.into_iter().filter(|(p, _)| !skip(p)).collect();
    let changed: Vec<String> = before
        .keys()
        .chain(after.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|p| before.get(*p) != after.get(*p))
        .map(|p| {
            let how = match (before.get(p), after.get(p)) {
                (None, _) => "new",
                (_, None) => "gone",
                _ => "changed",
            };
            format!("{how}: {}", p.display())
        })
        .collect();
    assert!(
        changed.is_empty(),
        "the reader wrote:\n{}",
        changed.join("\n")
    );
}
