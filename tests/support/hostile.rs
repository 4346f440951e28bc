//! Hostile text for end-to-end checks of the cleaner, on the ways out of the program
//! that do not go through ratatui: `brief check`, `brief export --format text`, and
//! what the reader draws from a file name or a name given on the command line.
//!
//! ratatui itself drops control characters, so a reader screen alone cannot show that
//! the cleaner works; the hostile text here also carries what ratatui lets through
//! (tag characters, a pile of combining marks), and the checks look at the raw bytes.

#![allow(dead_code)]

use std::path::Path;

/// Text that tries everything: a window title (OSC 0), a screen clear (CSI 2J, and the
/// one-byte C1 CSI), the bell, a right-to-left override, a zero-width space, tag
/// characters and twelve combining accents on one letter.
pub const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}2J\u{202e}eman\u{202c}\u{200b}\u{e0041}\u{e0042}a\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}";

/// The start of [`HOSTILE`] as the cleaner shows it: visible placeholders.
pub const SHOWN: &str = "\u{241b}]0;pwned\u{2407}\u{241b}[2JU+009B2Jeman";

/// A folder holding a valid briefing and a broken one, both full of hostile text and
/// both with [`HOSTILE`] in their file names.
pub fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    for (from, to) in [
        ("escapes.yaml", format!("{HOSTILE} valid.yaml")),
        ("invalid-escapes.yaml", format!("{HOSTILE} broken.yaml")),
    ] {
        std::fs::copy(fixtures.join(from), dir.path().join(to)).expect("copy a fixture");
    }
    dir
}

/// The first thing in `text` that must never reach a terminal from a file, and where
/// (in characters). Line ends and tabs are allowed; so is what `allow` lets through.
pub fn first_hostile(text: &str, allow: impl Fn(char) -> bool) -> Option<(usize, String)> {
    let mut marks = 0;
    for (i, c) in text.chars().enumerate() {
        if allow(c) {
            continue;
        }
        let why = match c {
            '\n' | '\t' => None,
            '\u{0}'..='\u{1f}' | '\u{7f}' => Some("a C0 control"),
            '\u{80}'..='\u{9f}' => Some("a C1 control"),
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' => Some("a bidi control"),
            '\u{200b}' | '\u{2060}'..='\u{206f}' | '\u{feff}' => Some("an invisible character"),
            '\u{e0000}'..='\u{e0fff}' => Some("a tag character"),
            _ => None,
        };
        if let Some(why) = why {
            return Some((i, format!("{why} {c:?}")));
        }
        marks = if ('\u{300}'..='\u{36f}').contains(&c) {
            marks + 1
        } else {
            0
        };
        if marks > brief::text::MAX_MARKS {
            return Some((
                i,
                format!("more than {} combining marks", brief::text::MAX_MARKS),
            ));
        }
    }
    None
}

/// Fails, showing where, if `bytes` carry anything hostile (see [`first_hostile`]).
pub fn assert_clean_output(what: &str, bytes: &[u8]) {
    assert_clean_text(what, &String::from_utf8_lossy(bytes), |_| false);
}

/// As [`assert_clean_output`], on text, letting through what `allow` says.
pub fn assert_clean_text(what: &str, text: &str, allow: impl Fn(char) -> bool) {
    if let Some((at, why)) = first_hostile(text, allow) {
        let chars: Vec<char> = text.chars().collect();
        let around: String = chars[at.saturating_sub(60)..(at + 60).min(chars.len())]
            .iter()
            .collect();
        panic!("{what}: {why} at character {at}, around {around:?}");
    }
}
