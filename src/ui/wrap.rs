//! Word wrapping and cutting by display width, so line counts are known before drawing
//! and every cut is marked.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::theme::Theme;

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

/// `line` cut to `width` columns, the cut marked with `…` in the last column.
pub fn fit<'a>(line: &Line<'a>, width: usize) -> Line<'a> {
    if line_width(line) <= width {
        return line.clone();
    }
    if width == 0 {
        return Line::default();
    }
    let (mut spans, _) = take_cols(&line.spans, width - 1);
    let style = spans.last().map_or(Theme::DIM, |s: &Span| s.style);
    spans.push(Span::styled(ELLIPSIS, plain(style)));
    Line::from(spans)
}

/// A style without the search highlight, for marks next to a match.
fn plain(style: Style) -> Style {
    if Theme::is_match(style) {
        Theme::DIM
    } else {
        style
    }
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
        if Theme::is_match(span.style) {
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
    spans.push(Span::styled(ELLIPSIS, Theme::DIM));
    spans.extend(skip_cols(&line.spans[lead..], skip));
    fit(&Line::from(spans), width)
}

/// Wraps `text` to `width` columns: paragraphs at `\n`, words at spaces, words longer
/// than a line broken where they must be. Never returns an empty vector.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn cuts_are_marked_and_wide_characters_are_never_halved() {
        let line = Line::from("EXERCISE: TG-4471 intrusion");
        assert_eq!(text(&fit(&line, 12)), "EXERCISE: T\u{2026}");
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
            Span::styled("keyboard", Theme::MATCH),
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
    }
}
