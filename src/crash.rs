//! What a panic may print: only cleaned text, and only once the terminal is handed back.
//!
//! A panic's message can quote the text it failed on (a string sliced in the middle of
//! a character is quoted whole), and that text may come from a file or an argument.
//! The one panic hook, [`install`]ed before any thread starts, prints the message
//! cleaned for display and cut short, never the raw payload. While the reader owns
//! the terminal, a panic on its thread hands the terminal back first; a panic on any
//! other thread leaves the screen alone. Work that can fail on one file runs inside
//! [`catching`], which turns a panic into a cleaned message for that file instead.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::{Mutex, Once};
use std::thread::ThreadId;

/// A panic message is cut to this many characters.
const MAX_MESSAGE_CHARS: usize = 2000;

type Restore = Box<dyn Fn() + Send>;

static INSTALLED: Once = Once::new();
/// The thread that owns the terminal, and how to hand the terminal back.
static TERMINAL: Mutex<Option<(ThreadId, Restore)>> = Mutex::new(None);

thread_local! {
    /// Set inside [`catching`]: the panic is reported by its caller, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// The cleaned message of the last quiet panic on this thread.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook; call it first thing, before any thread is started.
/// Calling it again does nothing.
pub fn install() {
    INSTALLED.call_once(|| std::panic::set_hook(Box::new(hook)));
}

/// While the terminal is taken: a panic on this thread runs `restore` before its
/// message is printed. [`release_terminal`] undoes it.
pub fn on_panic_restore(restore: impl Fn() + Send + 'static) {
    install();
    let owner = std::thread::current().id();
    if let Ok(mut t) = TERMINAL.lock() {
        *t = Some((owner, Box::new(restore)));
    }
}

/// The terminal is handed back: panics print normally again.
pub fn release_terminal() {
    if let Ok(mut t) = TERMINAL.lock() {
        *t = None;
    }
}

/// Runs `f`; a panic inside it is not printed but returned as its cleaned message.
///
/// It does not install the hook (a library user keeps its own); without it, the
/// message is still returned cleaned, and only the hook in place prints anything.
pub fn catching<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|payload| {
        CAUGHT
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| clean_message(payload_text(payload.as_ref())))
    })
}

fn hook(info: &PanicHookInfo) {
    let mut message = clean_message(payload_text(info.payload()));
    if let Some(at) = info.location() {
        message.push_str(&format!(" (at {}:{})", at.file(), at.line()));
    }
    if QUIET.with(Cell::get) {
        CAUGHT.with(|c| *c.borrow_mut() = Some(message));
        return;
    }
    let me = std::thread::current().id();
    // `try_lock`: a panic while the lock is held must not wait for itself.
    if let Ok(t) = TERMINAL.try_lock()
        && let Some((owner, restore)) = t.as_ref()
    {
        if *owner != me {
            // The reader goes on; text written now would land on its screen.
            return;
        }
        restore();
    }
    eprintln!("brief: internal error (a bug in brief, not in your files): {message}");
    let trace = std::backtrace::Backtrace::capture();
    if trace.status() == std::backtrace::BacktraceStatus::Captured {
        eprintln!("{}", crate::text::clean_block(&trace.to_string()));
    }
}

/// The text of a panic payload, when it is text.
fn payload_text(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "(no message)"
    }
}

/// One line, safe for a terminal, not too long to read.
fn clean_message(text: &str) -> String {
    let line = crate::text::clean_line(text);
    crate::text::shorten(&line, MAX_MESSAGE_CHARS).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_is_one_cleaned_line() {
        let hostile = "inside `\u{1b}]0;pwned\u{7}\u{9b}2J\nnext`".to_string();
        install();
        let err = catching(|| -> () { panic!("{hostile}") }).unwrap_err();
        assert!(err.contains("inside"), "{err}");
        assert!(
            !err.contains(['\u{1b}', '\u{7}', '\u{9b}', '\n']),
            "raw controls in {err:?}"
        );
        assert!(err.contains("src/crash.rs"), "no location in {err:?}");
        assert_eq!(catching(|| 5), Ok(5));
    }

    #[test]
    fn a_long_message_is_cut() {
        install();
        let err = catching(|| -> () { panic!("{}", "x".repeat(100_000)) }).unwrap_err();
        assert!(
            err.chars().count() < MAX_MESSAGE_CHARS + 40,
            "{}",
            err.len()
        );
        assert!(err.contains('\u{2026}'));
    }
}
