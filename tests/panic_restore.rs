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
    panic!("deliberate panic while the terminal is taken");
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
