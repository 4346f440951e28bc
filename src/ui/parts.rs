//! Pieces every view draws with: a pane's border, rows with a selection, search
//! matches highlighted, a labelled paragraph, and which rows of a list are in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};

use super::theme::Theme;
use super::wrap::wrap;

/// The first row of a list to draw, with `height` lines of room for its `len` rows, of
/// which row `i` takes `lines(i)` lines. The view stays where it `was` while the
/// `selected` row is in it, and otherwise moves just far enough to show it, as in
/// less and vim; nor does it leave room at the bottom while rows above are hidden.
pub fn first_row(
    was: usize,
    selected: usize,
    height: usize,
    len: usize,
    lines: impl Fn(usize) -> usize,
) -> usize {
    let selected = selected.min(len.saturating_sub(1));
    if selected < was {
        return selected;
    }
    let mut first = was;
    let mut used: usize = (first..=selected).map(&lines).sum();
    while used > height && first < selected {
        used -= lines(first);
        first += 1;
    }
    // The first row from which the rest of the list fits.
    let mut fill = len;
    let mut room = height;
    while fill > 0 && lines(fill - 1) <= room {
        room -= lines(fill - 1);
        fill -= 1;
    }
    first.min(fill)
}

/// How many rows from `first` fit whole in `height` lines.
pub fn rows_that_fit(
    first: usize,
    len: usize,
    height: usize,
    lines: impl Fn(usize) -> usize,
) -> usize {
    let mut used = 0;
    let mut n = 0;
    for i in first..len {
        used += lines(i);
        if used > height {
            break;
        }
        n += 1;
    }
    n
}

/// A bordered block with the pane's number and name; the focused one is drawn with a
/// thick border and a marker, so focus does not rely on colour.
pub fn pane_block<'a>(title: Vec<Span<'a>>, focused: bool) -> Block<'a> {
    let (border, style, marker) = if focused {
        (BorderType::Thick, Theme::FOCUS, "\u{25b6} ")
    } else {
        (BorderType::Plain, Theme::BORDER, "")
    };
    let mut spans = vec![Span::styled(marker, style)];
    spans.extend(title);
    Block::default()
        .borders(Borders::ALL)
        .border_type(border)
        .border_style(style)
        .title(Line::from(spans))
}

/// Draws rows of lines into `area` from row `offset` on; `selected` is highlighted.
pub fn render_rows(
    rows: &[Vec<Line>],
    offset: usize,
    selected: Option<usize>,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut y = area.y;
    for (i, row) in rows.iter().enumerate().skip(offset) {
        for line in row {
            if y >= area.bottom() {
                return;
            }
            let is_sel = selected == Some(i);
            if is_sel {
                buf.set_style(Rect::new(area.x, y, area.width, 1), Theme::SELECTED);
            }
            let marker = if is_sel && std::ptr::eq(line, &row[0]) {
                "\u{258c}"
            } else {
                " "
            };
            buf.set_stringn(
                area.x,
                y,
                marker,
                1,
                if is_sel {
                    Theme::SELECTED_MARK
                } else {
                    Theme::TEXT
                },
            );
            buf.set_line(area.x + 1, y, line, area.width.saturating_sub(1));
            if is_sel {
                buf.set_style(
                    Rect::new(area.x + 1, y, area.width.saturating_sub(1), 1),
                    Theme::SELECTED_PATCH,
                );
            }
            y += 1;
        }
    }
}

/// Spans of `text` with every match of the search highlighted.
pub fn highlight<'a>(
    text: &'a str,
    query_lower: &str,
    style: ratatui::style::Style,
) -> Vec<Span<'a>> {
    if query_lower.is_empty() {
        return vec![Span::styled(text, style)];
    }
    let ranges = crate::library::find_ci(text, query_lower);
    if ranges.is_empty() {
        return vec![Span::styled(text, style)];
    }
    let mut out = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for (s, e) in ranges {
        if s > at {
            out.push(Span::styled(&text[at..s], style));
        }
        out.push(Span::styled(&text[s..e], style.patch(Theme::MATCH)));
        at = e;
    }
    if at < text.len() {
        out.push(Span::styled(&text[at..], style));
    }
    out
}

/// `text` wrapped to `width` after a label: the label leads the first line, blanks of
/// its width the others; search matches are highlighted.
pub fn labelled(
    label: &str,
    text: &str,
    width: usize,
    query_lower: &str,
    style: Style,
) -> Vec<Line<'static>> {
    let lw = label.chars().count();
    wrap(text, width.saturating_sub(lw).max(8))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                Span::styled(label.to_string(), Theme::LABEL)
            } else {
                Span::raw(" ".repeat(lw))
            };
            let mut spans = vec![lead];
            spans.extend(
                highlight(&l, query_lower, style)
                    .into_iter()
                    .map(|s| Span::styled(s.content.into_owned(), s.style)),
            );
            Line::from(spans)
        })
        .collect()
}

/// A centered rectangle of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
