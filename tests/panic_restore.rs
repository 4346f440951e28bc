//! A panic while the reader owns the terminal hands the terminal back before the
//! panic's message is printed, and the process exits with status 101.
//!
//! The product has no way to panic on purpose, so this test runs itself as the child:
//! in a pseudo-terminal, with `BRIEF_PANIC_CHILD` set, the child test takes over the
//! terminal as the reader does and panics.

mod support {
    pub mod pty;
}

use support::pty::*;

const CHILD: &str = "child_takes_the_terminal_and_panics";

/// Text a panic's message may quote from a file: it must reach the terminal cleaned.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}]52;c;cHduZWQ=\u{7}\u{9b}2J\u{202e}";

#[test]
fn child_takes_the_terminal_and_panics() {
    if std::env::var_os("BRIEF_PANIC_CHILD").is_none() {
        return;
    }
    let mut terminal = brief::tui::setup(true).expect("terminal");
    // One frame, as the reader draws: it hides the cursor.
    terminal
        .draw(|f| f.render_widget("drawing", f.area()))
        .expect("draw");
    panic!("deliberate panic while the terminal is taken, quoting `{HOSTILE}`");
}

#[test]
fn a_panic_restores_the_terminal_and_exits_101() {
    let me = std::env::current_exe().expect("test binary");
    let mut s = Session::start_program(
        &me,
        &["--exact", CHILD, "--nocapture", "--test-threads=1"],
        &[("BRIEF_PANIC_CHILD", "1")],
        80,
        24,
    );
    let status = s.wait_exit();
    let raw = s.raw();
    assert_eq!(status.exit_code(), 101, "{}", show(&raw));
    assert!(
        contains(&raw, b"\x1b[?1049h"),
        "the child took the terminal: {}",
        show(&raw)
    );
    // Every mode the reader set is set back (the panic's message follows, as text).
    let modes = private_modes(&raw);
    assert_eq!(modes.get(&25), Some(&true), "cursor shown: {modes:?}");
    for (mode, on) in &modes {
        if *mode != 25 {
            assert!(!on, "mode {mode} left on: {}", show(&raw));
        }
    }
    let restore = find_all(&raw, b"\x1b[?1049l")[0];
    let message = find_all(&raw, b"deliberate panic")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no panic message: {}", show(&raw)));
    assert!(
        message > restore,
        "the message comes after the terminal is restored: {}",
        show(&raw)
    );
}

/// After the terminal is handed back, the panic's message is there, cleaned: its
/// escape sequences shown as placeholders, not obeyed.
#[test]
fn a_panic_message_is_printed_cleaned() {
    let mut s = child(CHILD);
    s.wait_exit();
    let raw = s.raw();
    let restore = find_all(&raw, b"\x1b[?1049l")[0];
    let after = &raw[restore..];
    let text = String::from_utf8_lossy(after);
    assert!(
        text.contains("quoting `\u{241b}]0;pwned\u{2407}"),
        "the message, cleaned: {}",
        show(&raw)
    );
    for bad in [
        &b"\x1b]"[..],
        b"\x07",
        "\u{9b}".as_bytes(),
        "\u{202e}".as_bytes(),
    ] {
        assert!(
            !contains(after, bad),
            "{bad:?} after restoring: {}",
            show(&raw)
        );
    }
}

fn child(name: &str) -> Session {
    let me = std::env::current_exe().expect("test binary");
    Session::start_program(
        &me,
        &["--exact", name, "--nocapture", "--test-threads=1"],
        &[("BRIEF_PANIC_CHILD", "1")],
        80,
        24,
    )
}

const THREAD_CHILD: &str = "child_has_another_thread_panic_while_the_terminal_is_taken";

#[test]
fn child_has_another_thread_panic_while_the_terminal_is_taken() {
    if std::env::var_os("BRIEF_PANIC_CHILD").is_none() {
        return;
    }
    let mut terminal = brief::tui::setup(false).expect("terminal");
    terminal
        .draw(|f| f.render_widget("before", f.area()))
        .expect("draw");
    let worker = std::thread::spawn(|| panic!("a loader thread fails on `{HOSTILE}`"));
    assert!(worker.join().is_err());
    terminal
        .draw(|f| f.render_widget("still drawing after the other thread's panic", f.area()))
        .expect("draw");
    brief::crash::release_terminal();
    ratatui::restore();
}

/// A panic on a thread that does not own the terminal (a file being loaded) writes
/// nothing over the reader's screen and does not hand the terminal back under it.
#[test]
fn another_thread_s_panic_leaves_the_screen_alone() {
    let mut s = child(THREAD_CHILD);
    let status = s.wait_exit();
    assert!(status.success(), "{status}: {}", show(&s.raw()));
    let raw = s.raw();
    let left = find_all(&raw, b"\x1b[?1049l");
    assert_eq!(
        left.len(),
        1,
        "left the alternate screen early: {}",
        show(&raw)
    );
    let still = find_all(&raw, b"still drawing")[0];
    assert!(left[0] > still, "{}", show(&raw));
    assert!(
        !contains(&raw, b"pwned"),
        "the message was written: {}",
        show(&raw)
    );
    assert!(!contains(&raw, b"loader thread"), "{}", show(&raw));
}

const EARLY_CHILD: &str = "child_has_a_thread_panic_before_the_terminal_is_taken";

#[test]
fn child_has_a_thread_panic_before_the_terminal_is_taken() {
    if std::env::var_os("BRIEF_PANIC_CHILD").is_none() {
        return;
    }
    // What `main` does first, before it starts the loader.
    brief::crash::install();
    let worker = std::thread::spawn(|| panic!("an early failure on `{HOSTILE}`"));
    assert!(worker.join().is_err());
}

/// Before the reader takes the terminal, a panic on any thread prints its message,
/// cleaned, with no raw escape sequence.
#[test]
fn an_early_panic_is_printed_cleaned() {
    let mut s = child(EARLY_CHILD);
    let status = s.wait_exit();
    let raw = s.raw();
    assert!(status.success(), "{status}: {}", show(&raw));
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("an early failure on `\u{241b}]0;pwned\u{2407}"),
        "{}",
        show(&raw)
    );
    assert!(!raw.contains(&0x1b), "an escape byte: {}", show(&raw));
    assert!(!contains(&raw, "\u{202e}".as_bytes()), "{}", show(&raw));
}
