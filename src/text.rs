//! Cleaning untrusted text for display.
//!
//! Every string that comes from a briefing file passes through here before it can
//! reach the screen, so that nothing in a file can drive the user's terminal, hide
//! text, or make the screen disagree with the layout ratatui computes.
//!
//! The rules, applied in this order:
//!
//! 1. **Line breaks.** CR, LF, CRLF (counted once), NEL (U+0085), LINE SEPARATOR
//!    (U+2028) and PARAGRAPH SEPARATOR (U+2029) each become one `\n` in a block and
//!    one space in a line. Runs are not collapsed: two breaks give two spaces.
//! 2. **Control characters** are shown, not obeyed. C0 controls and DEL become their
//!    Unicode Control Pictures (`ESC` -> `␛` U+241B, `BEL` -> `␇`, `NUL` -> `␀`,
//!    `DEL` -> `␡` U+2421); C1 controls become the text `U+0080` .. `U+009F`. Every
//!    character for which [`UnicodeWidthChar::width`] is `None` is one of these.
//! 3. **Invisible format characters are removed:** bidi controls (U+061C, U+200E,
//!    U+200F, U+202A..U+202E, U+2066..U+2069), ZERO WIDTH SPACE, BYTE ORDER MARK,
//!    U+2060..U+206F (word joiner, invisible operators, deprecated format controls),
//!    tag characters and the other default-ignorable code points of plane 14 (except
//!    the variation selectors), the SOFT HYPHEN (terminals disagree about its width:
//!    `unicode-width` says 0, many terminals draw a hyphen), the Hangul fillers
//!    (U+115F, U+1160, U+3164, U+FFA0: blank letters), U+180E, U+FFF0..U+FFFB,
//!    the Egyptian hieroglyph format controls, the shorthand format controls and the
//!    musical-symbol format controls.
//! 4. **Joiners.** ZERO WIDTH JOINER is kept only where it joins the character before
//!    it and a following base character into one grapheme cluster, which is what
//!    emoji ZWJ sequences (👨‍👩‍👧) and Indic conjuncts look like, and at most
//!    [`MAX_JOINS_PER_CLUSTER`] times per cluster (per 32 characters of a cluster,
//!    in a conjunct chain longer than that). ZERO WIDTH NON-JOINER is kept only
//!    between two non-ASCII letters (or a non-ASCII letter's mark and a letter), as in
//!    Persian. Everywhere else both are removed.
//! 5. **Stacking is capped.** After each character that takes space on screen, at most
//!    [`MAX_MARKS`] zero-width characters (combining marks, variation selectors,
//!    conjoining jamo, ...) are kept; the rest are dropped. Joiners do not count.
//! 6. **Nothing invisible is left on its own.** A grapheme cluster that would take no
//!    cell (a combining mark at the start of a line, a lone vowel jamo, ...) is given a
//!    DOTTED CIRCLE (U+25CC) as its base if that makes one cluster with it, and is
//!    removed otherwise. ratatui either drops such clusters or glues them onto the
//!    cell before, so after this every cluster occupies at least one cell.
//! 7. **HALFWIDTH KATAKANA (SEMI-)VOICED SOUND MARK** (U+FF9E, U+FF9F) become their
//!    compatibility decompositions, the combining marks U+3099 and U+309A: ratatui
//!    counts one cell more for them than `unicode-width` does, so they cannot be
//!    drawn where the layout expects them.
//! 8. **Tabs** advance to the next multiple of [`TAB_WIDTH`] columns of the cleaned
//!    line (columns counted as ratatui draws them, from the start of the line; in
//!    [`clean_line`] the whole field is one line).
//!
//! Private-use, unassigned and non-character code points are left alone.
//!
//! Cleaning is idempotent, and text that needs none of this (the common case) is
//! returned borrowed after a quick scan.

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Tab stops are every this many columns.
pub const TAB_WIDTH: usize = 4;

/// At most this many zero-width characters (combining marks and the like) are kept
/// after one base character.
pub const MAX_MARKS: usize = 4;

/// At most this many ZERO WIDTH JOINERs are kept in one grapheme cluster (the longest
/// emoji ZWJ sequences, such as families of four, have three).
pub const MAX_JOINS_PER_CLUSTER: usize = 3;

/// How many characters before a ZERO WIDTH JOINER are looked at to decide whether it
/// joins, and to count the joiners before it in its cluster: enough for any emoji
/// sequence that respects the caps above. (An Indic conjunct can chain consonants
/// without end; in such a cluster only the joiners this far back are counted.)
const JOIN_CONTEXT: usize = 32;

const ZWJ: char = '\u{200D}';
const ZWNJ: char = '\u{200C}';
const DOTTED_CIRCLE: char = '\u{25CC}';

/// Cleans a one-line field (a title, a name): line breaks become spaces.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    clean(s, Mode::Line)
}

/// Cleans a multi-line field (a summary, a quote): line breaks become `\n`.
pub fn clean_block(s: &str) -> Cow<'_, str> {
    clean(s, Mode::Block)
}

/// How many characters of a value a message quotes (a bad id, date or key).
pub const QUOTED_CHARS: usize = 200;

/// `s` cut to at most `max` characters, at a grapheme boundary, with `…` when cut.
/// A message that quotes a value of a million characters stays readable.
pub fn shorten(s: &str, max: usize) -> Cow<'_, str> {
    if s.len() <= max {
        return Cow::Borrowed(s);
    }
    // Whole grapheme clusters only, so that no letter loses its marks and the `…`
    // does not join the cluster before it.
    let mut end = 0;
    let mut chars = 0;
    for (at, g) in s.grapheme_indices(true) {
        chars += g.chars().count();
        if chars > max {
            let mut out = String::with_capacity(at + 3);
            out.push_str(&s[..end]);
            out.push('\u{2026}');
            return Cow::Owned(out);
        }
        end = at + g.len();
    }
    Cow::Borrowed(s)
}

/// Quotes a value from a file or an argument in a message: cleaned, on one line, and
/// cut to [`QUOTED_CHARS`] characters.
pub fn quoted(s: &str) -> String {
    let line = clean_line(s);
    shorten(&line, QUOTED_CHARS).into_owned()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Line,
    Block,
}

fn clean(s: &str, mode: Mode) -> Cow<'_, str> {
    if is_plain(s, mode) {
        return Cow::Borrowed(s);
    }
    let cleaned = clean_slow(s, mode);
    if cleaned == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(cleaned)
    }
}

/// True when no rule can apply: printable ASCII (and `\n` in a block), and other
/// characters that take at least one cell and are not special in any way.
fn is_plain(s: &str, mode: Mode) -> bool {
    let newline_ok = mode == Mode::Block;
    let plain = |b: u8| (0x20..0x7f).contains(&b) || (b == b'\n' && newline_ok);
    let bytes = s.as_bytes();
    // Most text is all plain: whole chunks are looked at without a branch per byte
    // (which the compiler makes a few bytes at once), and only the chunk where
    // something else stands is looked at byte by byte.
    const CHUNK: usize = 64;
    let plain_chunks = bytes
        .chunks(CHUNK)
        .take_while(|c| c.iter().fold(true, |all, &b| all & plain(b)))
        .count();
    let from = (plain_chunks * CHUNK).min(bytes.len());
    let first_other = bytes[from..]
        .iter()
        .position(|&b| !plain(b))
        .map(|i| from + i);
    let Some(start) = first_other else {
        return true;
    };
    s[start..].chars().all(|c| {
        if c.is_ascii() {
            (' '..='~').contains(&c) || (c == '\n' && newline_ok)
        } else {
            !is_special(c) && c.width().is_some_and(|w| w > 0)
        }
    })
}

/// Characters some rule rewrites or removes, whatever their width.
fn is_special(c: char) -> bool {
    c.is_control()
        || is_line_break(c)
        || is_removed(c)
        || matches!(c, ZWJ | ZWNJ | '\u{FF9E}' | '\u{FF9F}')
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Invisible format characters that are always removed.
fn is_removed(c: char) -> bool {
    matches!(
        c,
        // soft hyphen, arabic letter mark
        '\u{AD}' | '\u{61C}'
        // hangul choseong and jungseong fillers
        | '\u{115F}' | '\u{1160}'
        // mongolian vowel separator
        | '\u{180E}'
        // zero width space, left-to-right and right-to-left marks
        | '\u{200B}' | '\u{200E}' | '\u{200F}'
        // bidi embeddings and overrides
        | '\u{202A}'..='\u{202E}'
        // word joiner, invisible operators, bidi isolates, deprecated format controls
        | '\u{2060}'..='\u{206F}'
        // hangul filler, byte order mark, halfwidth hangul filler
        | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}'
        // unassigned specials, interlinear annotation
        | '\u{FFF0}'..='\u{FFFB}'
        // egyptian hieroglyph, shorthand and musical symbol format controls
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        // tags, and the unassigned default-ignorable code points around them
        | '\u{E0000}'..='\u{E00FF}'
        | '\u{E01F0}'..='\u{E0FFF}'
    )
}

fn clean_slow(s: &str, mode: Mode) -> String {
    let mapped = map_chars(s, mode);
    let mut out = String::with_capacity(mapped.len());
    for (i, line) in mapped.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = filter_invisibles(line);
        let line = fix_empty_clusters(&line);
        expand_tabs(&line, &mut out);
    }
    out
}

/// Rules 1, 2, 3 and 7: character by character. Tabs and joiners are left for later.
fn map_chars(s: &str, mode: Mode) -> String {
    let line_break = match mode {
        Mode::Line => ' ',
        Mode::Block => '\n',
    };
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push(line_break);
            }
            c if is_line_break(c) => out.push(line_break),
            '\t' => out.push('\t'),
            '\0'..='\u{1F}' => out.push(control_picture(c)),
            '\u{7F}' => out.push('\u{2421}'),
            '\u{80}'..='\u{9F}' => {
                let _ = write!(out, "U+{:04X}", u32::from(c));
            }
            '\u{FF9E}' => out.push('\u{3099}'),
            '\u{FF9F}' => out.push('\u{309A}'),
            c if is_removed(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The Control Picture for a C0 control: U+2400 plus its code.
fn control_picture(c: char) -> char {
    char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}')
}

/// Rules 4 and 5, on one line: joiners by context, and the cap on zero-width runs.
fn filter_invisibles(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut marks = 0usize;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            ZWJ => {
                if zwj_joins(&out, next) {
                    out.push(c);
                }
            }
            ZWNJ => {
                if zwnj_between_letters(out.chars().next_back(), next) {
                    out.push(c);
                }
            }
            '\t' => {
                marks = 0;
                out.push(c);
            }
            c if c.width() == Some(0) => {
                marks += 1;
                if marks <= MAX_MARKS {
                    out.push(c);
                }
            }
            c => {
                marks = 0;
                out.push(c);
            }
        }
    }
    out
}

/// Whether a ZWJ after `before` joins it and `next` into one grapheme cluster, with
/// `next` a base character (an emoji, a consonant) rather than another mark.
fn zwj_joins(before: &str, next: Option<char>) -> bool {
    let Some(next) = next else {
        return false;
    };
    if next.width().is_none_or(|w| w == 0) || !is_cluster_start(next) {
        return false;
    }
    let context = last_chars(before, JOIN_CONTEXT);
    let mut probe = String::with_capacity(context.len() + 8);
    probe.push_str(context);
    probe.push(ZWJ);
    probe.push(next);
    let Some(last) = probe.graphemes(true).next_back() else {
        return false;
    };
    last.len() > ZWJ.len_utf8() + next.len_utf8()
        && last.matches(ZWJ).count() <= MAX_JOINS_PER_CLUSTER
}

/// Whether `c` starts a new grapheme cluster after a plain letter (it is not a mark).
fn is_cluster_start(c: char) -> bool {
    let mut probe = [0u8; 8];
    probe[0] = b'a';
    let len = 1 + c.encode_utf8(&mut probe[1..]).len();
    let probe = std::str::from_utf8(&probe[..len]).unwrap_or("a");
    probe.graphemes(true).nth(1).is_some()
}

/// Whether a ZWNJ sits between two non-ASCII letters (the first possibly followed by
/// its marks), where scripts such as Persian use it.
fn zwnj_between_letters(prev: Option<char>, next: Option<char>) -> bool {
    let (Some(prev), Some(next)) = (prev, next) else {
        return false;
    };
    !prev.is_ascii()
        && !next.is_ascii()
        && (prev.is_alphabetic() || prev.width() == Some(0))
        && next.is_alphabetic()
        && next.width().is_some_and(|w| w > 0)
}

/// The last `n` characters of `s`.
fn last_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// Rule 6, on one line: every grapheme cluster must take at least one cell.
fn fix_empty_clusters(line: &str) -> Cow<'_, str> {
    if line.chars().all(|c| c == '\t' || c.width() != Some(0)) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 4);
    for cluster in line.graphemes(true) {
        if cluster == "\t" || cluster.width() > 0 {
            out.push_str(cluster);
        } else if takes_dotted_circle(cluster) {
            out.push(DOTTED_CIRCLE);
            out.push_str(cluster);
        }
    }
    Cow::Owned(out)
}

/// Whether DOTTED CIRCLE followed by `cluster` is a single grapheme cluster.
fn takes_dotted_circle(cluster: &str) -> bool {
    let mut probe = String::with_capacity(cluster.len() + 3);
    probe.push(DOTTED_CIRCLE);
    probe.push_str(cluster);
    probe.graphemes(true).nth(1).is_none()
}

/// Rule 8, on one line, appending to `out`.
fn expand_tabs(line: &str, out: &mut String) {
    let Some((first, rest)) = line.split_once('\t') else {
        out.push_str(line);
        return;
    };
    out.push_str(first);
    let mut column = drawn_width(first);
    let mut segments = rest.split('\t').peekable();
    while let Some(segment) = segments.next() {
        let spaces = TAB_WIDTH - column % TAB_WIDTH;
        out.extend(std::iter::repeat_n(' ', spaces));
        out.push_str(segment);
        if segments.peek().is_some() {
            column += spaces + drawn_width(segment);
        }
    }
}

/// The number of cells ratatui draws `s` in: the sum of its grapheme clusters' widths.
fn drawn_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The quick look at plain text goes by chunks: what needs cleaning is found at
    /// every place, on either side of a chunk's edge.
    #[test]
    fn what_needs_cleaning_is_found_anywhere_in_a_long_text() {
        for n in [0, 1, 62, 63, 64, 65, 127, 128, 129, 200] {
            let before = "a".repeat(n);
            assert!(is_plain(&before, Mode::Line), "{n}");
            for (special, mode) in [
                ("\u{1}", Mode::Block),
                ("\u{7f}", Mode::Block),
                ("\n", Mode::Line),
                ("\u{200B}", Mode::Block),
                ("\u{202E}", Mode::Line),
            ] {
                for after in ["", "b", &"c".repeat(70)] {
                    let s = format!("{before}{special}{after}");
                    assert!(!is_plain(&s, mode), "{n} {special:?} {}", after.len());
                    assert!(!matches!(clean(&s, mode), Cow::Borrowed(_)), "{n}");
                }
            }
            let s = format!("{before}\nü{before}");
            assert!(is_plain(&s, Mode::Block), "{n}");
            assert!(!is_plain(&s, Mode::Line), "{n}");
        }
    }

    #[test]
    fn plain_text_is_borrowed() {
        for s in ["", "Hello, world!", "中文 日本語 한국어", "مرحبا", "👍🏽 🇺🇳"]
        {
            assert!(matches!(clean_line(s), Cow::Borrowed(_)), "{s:?}");
            assert!(matches!(clean_block(s), Cow::Borrowed(_)), "{s:?}");
        }
        assert!(matches!(clean_block("a\nb"), Cow::Borrowed(_)));
        assert!(matches!(clean_line("a\nb"), Cow::Owned(_)));
    }

    #[test]
    fn every_widthless_char_is_a_control() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.width().is_none() {
                assert!(c.is_control(), "{c:?}");
            }
        }
    }

    #[test]
    fn c1_placeholders() {
        assert_eq!(clean_line("\u{80}\u{9F}"), "U+0080U+009F");
        assert_eq!(clean_line("a\u{85}b"), "a b");
    }

    #[test]
    fn last_chars_counts_characters() {
        assert_eq!(last_chars("aé中", 2), "é中");
        assert_eq!(last_chars("ab", 5), "ab");
    }

    proptest! {
        /// The quick scan only lets through what the full cleaning leaves alone.
        #[test]
        fn quick_scan_agrees(s in "\\PC{0,24}|[\\x00-\\x{3000}]{0,24}", block: bool) {
            let mode = if block { Mode::Block } else { Mode::Line };
            if is_plain(&s, mode) {
                prop_assert_eq!(clean_slow(&s, mode), s);
            }
        }
    }
}
