//! Word wrapping and cutting by display width, so line counts are known before drawing
//! and every cut is marked.
//!
//! A text is wrapped once per width: large texts (a summary of two million lines) are
//! kept wrapped in a small cache, so that neither a frame nor a key wraps them again,
//! and drawing takes only the lines in view.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use std::borrow::Cow;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The mark of a cut.
pub const ELLIPSIS: &str = "\u{2026}";

/// Columns a line takes, as ratatui draws it.
pub fn line_width(line: &Line) -> usize {
    line.spans.iter().map(|s| s.content.width()).sum()
}

/// A part of a span (byte range), borrowing when the span borrows.
fn part<'a>(span: &Span<'a>, from: usize, to: usize) -> Span<'a> {
    let content = match &span.content {
        Cow::Borrowed(s) => Cow::Borrowed(&s[from..to]),
        Cow::Owned(s) => Cow::Owned(s[from..to].to_string()),
    };
    Span::styled(content, span.style)
}

/// The spans' first `width` columns; a wide character that would straddle the edge is
/// left out. Returns the spans and whether anything was left out.
fn take_cols<'a>(spans: &[Span<'a>], width: usize) -> (Vec<Span<'a>>, bool) {
    let mut out = Vec::new();
    let mut used = 0;
    for (n, span) in spans.iter().enumerate() {
        let w = span.content.width();
        if used + w <= width {
            out.push(span.clone());
            used += w;
            continue;
        }
        let mut end = 0;
        for (at, g) in span.content.grapheme_indices(true) {
            let gw = g.width();
            if used + gw > width {
                break;
            }
            used += gw;
            end = at + g.len();
        }
        if end > 0 {
            out.push(part(span, 0, end));
        }
        let rest_visible = spans[n..].iter().any(|s| s.content.width() > 0);
        return (out, rest_visible);
    }
    (out, false)
}

/// The spans without their first `cols` columns (a wide character cut in two is left
/// out whole).
fn skip_cols<'a>(spans: &[Span<'a>], cols: usize) -> Vec<Span<'a>> {
    let mut out = Vec::new();
    let mut skipped = 0;
    for span in spans {
        if skipped >= cols {
            out.push(span.clone());
            continue;
        }
        let w = span.content.width();
        if skipped + w <= cols {
            skipped += w;
            continue;
        }
        let mut from = span.content.len();
        for (at, g) in span.content.grapheme_indices(true) {
            if skipped >= cols {
                from = at;
                break;
            }
            skipped += g.width();
        }
        if from < span.content.len() {
            out.push(part(span, from, span.content.len()));
        }
    }
    out
}

/// `line` cut to `width` columns, the cut marked with `…`: after the last whole word
/// when one ends near the edge, so that a title reads `… into the…`, not `… into
/// the E…`; inside a word when none does (a long word, a narrow column).
pub fn fit<'a>(line: &Line<'a>, width: usize) -> Line<'a> {
    if line_width(line) <= width {
        return line.clone();
    }
    if width == 0 {
        return Line::default();
    }
    let (mut spans, _) = take_cols(&line.spans, width - 1);
    let kept: usize = spans.iter().map(|s| s.content.len()).sum();
    if next_char(&line.spans, kept).is_some_and(|c| !c.is_whitespace()) {
        cut_at_last_word(&mut spans, width);
    }
    let style = spans.last().map_or(Style::new(), |s: &Span| s.style);
    spans.push(Span::styled(ELLIPSIS, plain(style)));
    Line::from(spans)
}

/// The character that starts `at` bytes into the spans' text, one after the other.
fn next_char(spans: &[Span], mut at: usize) -> Option<char> {
    for span in spans {
        let text = span.content.as_ref();
        if at < text.len() {
            return text.get(at..)?.chars().next();
        }
        at -= text.len();
    }
    None
}

/// The text of all the spans, one after the other.
fn all_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.content.as_ref()).collect()
}

/// Drops the word cut at the end of `spans` (and the spaces and stops before it),
/// when a word ends within the last third of `width` columns: what is left reads to
/// its end. A word found further back is kept cut instead, rather than lose more.
fn cut_at_last_word(spans: &mut Vec<Span<'_>>, width: usize) {
    let text = all_text(spans);
    let Some(space) = text.rfind(' ') else {
        return;
    };
    let kept = text[..space].trim_end_matches([' ', ',', ';', ':', '\u{00b7}', '\u{2014}']);
    if kept.is_empty() || kept.width() * 3 < width * 2 {
        return;
    }
    let mut left = kept.len();
    for span in spans.iter_mut() {
        let len = span.content.len();
        if left >= len {
            left -= len;
            continue;
        }
        *span = part(span, 0, left);
        left = 0;
    }
    spans.retain(|s| !s.content.is_empty());
}

/// Whether a span carries the search highlight: every theme underlines a match and
/// nothing else (see `Theme::is_match`).
fn is_match(style: Style) -> bool {
    style.add_modifier.contains(Modifier::UNDERLINED)
}

/// A style without the search highlight, for marks next to a match: plain text.
fn plain(style: Style) -> Style {
    if is_match(style) { Style::new() } else { style }
}

/// Like [`fit`], but when the first search match would be cut off, the text after the
/// first `lead` spans (a date column, a marker) is scrolled to show it, the part left
/// out marked with `…`.
pub fn fit_showing_match<'a>(line: &Line<'a>, width: usize, lead: usize) -> Line<'a> {
    let total = line_width(line);
    if total <= width {
        return line.clone();
    }
    let mut col = 0;
    let mut hit = None;
    for span in &line.spans {
        let w = span.content.width();
        if is_match(span.style) {
            hit = Some((col, col + w));
            break;
        }
        col += w;
    }
    let Some((start, end)) = hit else {
        return fit(line, width);
    };
    if end < width {
        return fit(line, width);
    }
    let lead = lead.min(line.spans.len());
    let lead_w: usize = line.spans[..lead].iter().map(|s| s.content.width()).sum();
    // Room after the lead and the mark; a little of what comes before the match stays.
    let room = width.saturating_sub(lead_w + 1);
    if start < lead_w || room < 4 {
        return fit(line, width);
    }
    let context = (room.saturating_sub(end - start) / 3).min(12);
    let skip = (start - lead_w).saturating_sub(context);
    let mut spans: Vec<Span<'a>> = line.spans[..lead].to_vec();
    spans.push(Span::styled(ELLIPSIS, Style::new()));
    spans.extend(skip_cols(&line.spans[lead..], skip));
    fit(&Line::from(spans), width)
}

/// Wraps `text` to `width` columns: paragraphs at `\n`, words at spaces, words longer
/// than a line broken where they must be. Never returns an empty vector.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_ranges(text, width)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

/// [`wrap`] as byte ranges of `text`: each line is a part of the text as it stands
/// (the spaces where a line breaks are left out).
pub fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut para_start = 0;
    for para in text.split('\n') {
        // The line so far, as a range; empty when `start == end`.
        let (mut start, mut end) = (para_start, para_start);
        let mut line_w = 0;
        let mut word_start = para_start;
        for word in para.split(' ') {
            let word_end = word_start + word.len();
            let w = word.width();
            let sep = usize::from(start != end);
            if line_w + sep + w <= width {
                if sep == 0 {
                    start = word_start;
                }
                end = word_end;
                line_w += sep + w;
                word_start = word_end + 1;
                continue;
            }
            if start != end {
                out.push(start..end);
                line_w = 0;
            }
            if w <= width {
                (start, end) = (word_start, word_end);
                line_w = w;
            } else {
                (start, end) = (word_start, word_start);
                for (i, c) in word.char_indices() {
                    let cw = c.width().unwrap_or(0);
                    if line_w + cw > width && start != end {
                        out.push(start..end);
                        line_w = 0;
                        start = word_start + i;
                    }
                    end = word_start + i + c.len_utf8();
                    line_w += cw;
                }
            }
            word_start = word_end + 1;
        }
        out.push(start..end);
        para_start += para.len() + 1;
    }
    out
}

/// A text wrapped to one width: the text itself and where each line stands in it.
#[derive(Debug)]
pub struct Wrapped {
    text: String,
    lines: Vec<Range<usize>>,
}

impl Wrapped {
    pub fn new(text: &str, width: usize) -> Wrapped {
        Wrapped {
            lines: wrap_ranges(text, width),
            text: text.to_string(),
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// What it holds in memory, roughly.
    fn bytes(&self) -> usize {
        self.text.len() + self.lines.len() * std::mem::size_of::<Range<usize>>()
    }

    /// Line `i`, or nothing past the last.
    pub fn line(&self, i: usize) -> &str {
        self.lines.get(i).map_or("", |r| &self.text[r.clone()])
    }
}

/// Texts shorter than this are wrapped each time: it costs less than looking them up.
const CACHED_FROM: usize = 4096;
/// Past this many bytes of cached text, the cache starts again.
const CACHE_BYTES: usize = 256 * 1024 * 1024;

/// A wrapped text and the frame that last used it.
type Used = (Rc<Wrapped>, u64);

#[derive(Default)]
struct Cache {
    /// By length, width and a sample of the text; each bucket is compared in full.
    /// With each, the frame that last used it.
    entries: HashMap<(usize, usize, u64), Vec<Used>>,
    bytes: usize,
    /// The frame being drawn (see [`next_frame`]).
    frame: u64,
    /// Tests make room sooner; `None` is [`CACHE_BYTES`].
    #[cfg(test)]
    limit: Option<usize>,
}

/// Tells the cache that a new frame is being drawn. When it must make room, it keeps
/// what the current frame has used: two huge texts drawn together (a summary in its
/// pane and the briefing in full over it) each larger than half the room once evicted
/// each other, and every frame wrapped both again.
pub fn next_frame() {
    CACHE.with(|c| c.borrow_mut().frame += 1);
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// `text` wrapped to `width`, from the cache when it was wrapped before at that width.
///
/// The cache is a memo only: an entry is used when its text is exactly `text`, so it
/// never changes what is drawn, and it is emptied when it grows too large.
pub fn wrapped(text: &str, width: usize) -> Rc<Wrapped> {
    if text.len() < CACHED_FROM {
        return Rc::new(Wrapped::new(text, width));
    }
    let key = (text.len(), width, sample(text));
    CACHE.with(|c| {
        let c = &mut *c.borrow_mut();
        let frame = c.frame;
        if let Some((hit, used)) = c
            .entries
            .get_mut(&key)
            .and_then(|bucket| bucket.iter_mut().find(|(w, _)| w.text == text))
        {
            *used = frame;
            return Rc::clone(hit);
        }
        #[cfg(test)]
        let limit = c.limit.unwrap_or(CACHE_BYTES);
        #[cfg(not(test))]
        let limit = CACHE_BYTES;
        if c.bytes + text.len() > limit {
            // Start again, but keep what this frame has drawn already.
            c.entries.retain(|_, bucket| {
                bucket.retain(|(_, used)| *used == frame);
                !bucket.is_empty()
            });
            c.bytes = c.entries.values().flatten().map(|(w, _)| w.bytes()).sum();
        }
        let made = Rc::new(Wrapped::new(text, width));
        c.bytes += made.bytes();
        c.entries
            .entry(key)
            .or_default()
            .push((Rc::clone(&made), frame));
        made
    })
}

/// A cheap fingerprint of a text: its first and last kilobytes. Texts that share it
/// share a bucket and are told apart by comparing them whole.
fn sample(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let b = text.as_bytes();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    b[..b.len().min(1024)].hash(&mut h);
    b[b.len().saturating_sub(1024)..].hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn cuts_are_marked_and_wide_characters_are_never_halved() {
        let line = Line::from("EXERCISE: TG-4471 intrusion");
        assert_eq!(text(&fit(&line, 12)), "EXERCISE\u{2026}");
        assert_eq!(text(&fit(&line, 20)), "EXERCISE: TG-4471\u{2026}");
        // No word ends near the edge: cut inside one rather than lose a third.
        assert_eq!(text(&fit(&line, 7)), "EXERCI\u{2026}");
        let dated = Line::from("~2025       TG-4471 returns");
        assert_eq!(text(&fit(&dated, 16)), "~2025       TG-\u{2026}");
        let long = Line::from("see https://example.org/a/very/long/path");
        assert_eq!(text(&fit(&long, 20)), "see https://example\u{2026}");
        // Styles stay with their words.
        let styled = Line::from(vec![Span::raw("~2025  "), Span::raw("TG-4471 returns")]);
        let cut = fit(&styled, 18);
        assert_eq!(text(&cut), "~2025  TG-4471\u{2026}");
        assert_eq!(cut.spans.len(), 3);
        assert_eq!(text(&fit(&line, 40)), "EXERCISE: TG-4471 intrusion");
        let wide = Line::from("한국어 제목");
        let cut = fit(&wide, 6);
        assert_eq!(text(&cut), "한국\u{2026}");
        assert!(line_width(&cut) <= 6);
        assert_eq!(text(&fit(&wide, 0)), "");
    }

    #[test]
    fn a_match_past_the_cut_is_scrolled_into_view() {
        let line = Line::from(vec![
            Span::raw("19 Dec 2017 "),
            Span::raw("A long title that goes on and on before the "),
            Span::styled("keyboard", crate::ui::Theme::DEFAULT.matched),
            Span::raw(" at the end"),
        ]);
        let shown = fit_showing_match(&line, 40, 1);
        let t = text(&shown);
        assert!(t.starts_with("19 Dec 2017 \u{2026}"), "{t}");
        assert!(t.contains("keyboard"), "{t}");
        assert!(line_width(&shown) <= 40, "{t}");
    }

    #[test]
    fn wraps_by_words_and_breaks_long_ones() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("한국어 텍스트", 6), ["한국어", "텍스트"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("a  b", 10), ["a  b"]);
        assert_eq!(wrap("ab  cd", 2), ["ab", "cd"]);
        assert_eq!(wrap("ab cdefg h", 3), ["ab", "cde", "fg", "h"]);
        assert_eq!(wrap(" x", 3), ["x"]);
    }

    /// The wrapping as it was written before it gave ranges: lines built as strings.
    fn wrap_as_strings(text: &str, width: usize) -> Vec<String> {
        let width = width.max(1);
        let mut out = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0;
            for word in para.split(' ') {
                let w = word.width();
                let sep = usize::from(!line.is_empty());
                if line_w + sep + w <= width {
                    if sep == 1 {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w += sep + w;
                    continue;
                }
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                if w <= width {
                    line.push_str(word);
                    line_w = w;
                } else {
                    for c in word.chars() {
                        let cw = c.width().unwrap_or(0);
                        if line_w + cw > width && !line.is_empty() {
                            out.push(std::mem::take(&mut line));
                            line_w = 0;
                        }
                        line.push(c);
                        line_w += cw;
                    }
                }
            }
            out.push(line);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn ranges_give_the_same_lines_as_strings(
            text in "[a-c \n\u{e9}\u{4e2d}\u{301}]{0,40}",
            width in 1usize..12,
        ) {
            proptest::prop_assert_eq!(wrap(&text, width), wrap_as_strings(&text, width));
        }
    }

    #[test]
    fn a_large_text_is_wrapped_once_per_width() {
        let text = format!("start{}end", "\n".repeat(100_000));
        let a = wrapped(&text, 40);
        let b = wrapped(&text, 40);
        assert!(Rc::ptr_eq(&a, &b));
        assert_eq!(a.len(), 100_001);
        assert_eq!((a.line(0), a.line(100_000)), ("start", "end"));
        let c = wrapped(&text, 41);
        assert!(!Rc::ptr_eq(&a, &c));
        // The same length and ends, other text: not taken for the first.
        let other = format!("start{}x{}end", "\n".repeat(50_000), "\n".repeat(49_999));
        assert_eq!(other.len(), text.len());
        assert_eq!(wrapped(&other, 40).line(50_000), "x");
    }

    /// Two large texts drawn in one frame, together larger than the cache: each frame
    /// still finds both, instead of each evicting the other and being wrapped again.
    #[test]
    fn two_texts_drawn_together_stay_wrapped_when_the_cache_is_full() {
        CACHE.with(|c| c.borrow_mut().limit = Some(60_000));
        let pane = format!("pane{}", "\n".repeat(40_000));
        let detail = format!("detail{}", "\n".repeat(40_000));
        next_frame();
        let (a, b) = (wrapped(&pane, 40), wrapped(&detail, 70));
        for _ in 0..3 {
            next_frame();
            assert!(Rc::ptr_eq(&a, &wrapped(&pane, 40)));
            assert!(Rc::ptr_eq(&b, &wrapped(&detail, 70)));
        }
        // What no frame draws any more makes room.
        next_frame();
        let c = wrapped(&format!("other{}", "\n".repeat(40_000)), 40);
        assert_eq!(c.line(0), "other");
        assert!(!Rc::ptr_eq(&a, &wrapped(&pane, 40)));
    }
}
