//! Pieces every view draws with: a pane's border, rows with a selection, search
//! matches highlighted, a labelled paragraph, and which rows of a list are in view.

use std::borrow::Cow;
use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};

use super::theme::Theme;
use super::wrap::{self, Wrapped};

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

/// `text` at `x, y` in at most `width` columns, a cut marked with `…`.
pub fn put_fitted(buf: &mut Buffer, x: u16, y: u16, text: &str, width: usize, style: Style) {
    let line = wrap::fit(&Line::from(Span::styled(text, style)), width);
    buf.set_line(x, y, &line, width as u16);
}

/// A title for a border `width` columns wide, cut with `…` to fit between its
/// corners: a block would cut it without a mark.
pub fn border_title<'a>(title: impl Into<Line<'a>>, width: u16) -> Line<'a> {
    let line = title.into();
    let alignment = line.alignment;
    let mut fitted = wrap::fit(&line, width.saturating_sub(2) as usize);
    fitted.alignment = alignment;
    fitted
}

/// A bordered block `width` columns wide with the pane's number and name; the focused
/// one is drawn with a thick border and a marker, so focus does not rely on colour.
pub fn pane_block<'a>(title: Vec<Span<'a>>, focused: bool, width: u16, t: &Theme) -> Block<'a> {
    let (border, style, marker) = if focused {
        (BorderType::Thick, t.focus, "\u{25b6} ")
    } else {
        (BorderType::Plain, t.border, "")
    };
    let mut spans = vec![Span::styled(marker, style)];
    spans.extend(title);
    Block::default()
        .borders(Borders::ALL)
        .border_type(border)
        .border_style(style)
        .title(border_title(spans, width))
}

/// Draws rows of lines into `area` from row `offset` on. The `selected` row has a bar
/// in front; in the focused list it is drawn over in the theme's selection, all but
/// its search matches (underlined in every theme), which stay as they are.
pub fn render_rows(
    rows: &[Vec<Line>],
    offset: usize,
    selected: Option<usize>,
    focused: bool,
    t: &Theme,
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
                if is_sel { t.selected_mark } else { t.text },
            );
            // Rows are made to fit; a line that does not is still cut with a mark.
            let line = super::wrap::fit(line, area.width.saturating_sub(1) as usize);
            buf.set_line(area.x + 1, y, &line, area.width.saturating_sub(1));
            if is_sel {
                let over = if focused { t.selected } else { t.selected_idle };
                for x in area.x + 1..area.right() {
                    let cell = &mut buf[(x, y)];
                    if !cell.modifier.contains(Modifier::UNDERLINED) {
                        cell.set_style(over);
                    }
                }
            }
            y += 1;
        }
    }
}

/// Clears `area` for a popup. A wide character just left of it, drawn before, would
/// spill into the popup's first column and hide its border: it is blanked too.
pub fn clear_popup(area: Rect, buf: &mut Buffer) {
    use ratatui::widgets::Widget;
    ratatui::widgets::Clear.render(area, buf);
    if area.x == 0 {
        return;
    }
    for y in area.top()..area.bottom() {
        let left = (area.x - 1, y);
        if buf.area.contains(left.into())
            && unicode_width::UnicodeWidthStr::width(buf[left].symbol()) > 1
        {
            buf[left].set_symbol(" ");
        }
    }
}

/// How far into a text matches are highlighted: more than any row is wide.
const HIGHLIGHT_CHARS: usize = 2048;

/// Spans of `text` with every match of the search highlighted.
pub fn highlight<'a>(
    text: &'a str,
    query_lower: &str,
    style: ratatui::style::Style,
    t: &Theme,
) -> Vec<Span<'a>> {
    if query_lower.is_empty() {
        return vec![Span::styled(text, style)];
    }
    // Matches are looked for in what one row can show: a title of megabytes is not
    // lowered whole for every row drawn.
    let shown = match text.char_indices().nth(HIGHLIGHT_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let ranges = crate::library::find_ci(shown, query_lower);
    if ranges.is_empty() {
        return vec![Span::styled(text, style)];
    }
    let mut out = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for (s, e) in ranges {
        if s > at {
            out.push(Span::styled(&text[at..s], style));
        }
        out.push(Span::styled(&text[s..e], style.patch(t.matched)));
        at = e;
    }
    if at < text.len() {
        out.push(Span::styled(&text[at..], style));
    }
    out
}

/// A part of a scrolled text (the Overview, an item in full): a paragraph wrapped
/// after a label, or one line as it is.
pub enum Passage<'a> {
    /// `text` wrapped to the width left after `label`: the label leads the first line,
    /// blanks of its width the others; search matches are highlighted.
    Para {
        label: Cow<'a, str>,
        text: Cow<'a, str>,
        style: Style,
    },
    Line(Line<'a>),
}

impl<'a> Passage<'a> {
    pub fn para(
        label: impl Into<Cow<'a, str>>,
        text: impl Into<Cow<'a, str>>,
        style: Style,
    ) -> Self {
        Passage::Para {
            label: label.into(),
            text: text.into(),
            style,
        }
    }

    /// The paragraph wrapped (once per text and width, see [`wrap::wrapped`]).
    fn wrapped(&self, width: usize) -> Option<(Rc<Wrapped>, usize)> {
        match self {
            Passage::Para { label, text, .. } => {
                let lw = label.chars().count();
                Some((wrap::wrapped(text, width.saturating_sub(lw).max(8)), lw))
            }
            Passage::Line(_) => None,
        }
    }

    /// How many lines it takes at `width`.
    pub fn height(&self, width: usize) -> usize {
        self.wrapped(width).map_or(1, |(w, _)| w.len())
    }
}

/// How many lines `passages` take at `width`.
pub fn passages_height(passages: &[Passage], width: usize) -> usize {
    passages.iter().map(|b| b.height(width)).sum()
}

/// Lines `from..from + count` of `passages` at `width`: only those are built, so a text
/// of millions of lines costs no more to draw than a short one.
pub fn passage_lines(
    passages: &[Passage],
    width: usize,
    query_lower: &str,
    from: usize,
    count: usize,
    t: &Theme,
) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(count);
    let mut at = 0;
    for b in passages {
        if out.len() >= count {
            break;
        }
        match (b, b.wrapped(width)) {
            (Passage::Para { label, style, .. }, Some((w, lw))) => {
                let h = w.len();
                if at + h > from {
                    let first = from.saturating_sub(at);
                    let last = h.min(first + count - out.len());
                    for i in first..last {
                        let lead = if i == 0 {
                            Span::styled(label.to_string(), t.label)
                        } else {
                            Span::raw(" ".repeat(lw))
                        };
                        let mut spans = vec![lead];
                        spans.extend(
                            highlight(w.line(i), query_lower, *style, t)
                                .into_iter()
                                .map(|s| Span::styled(s.content.into_owned(), s.style)),
                        );
                        out.push(Line::from(spans));
                    }
                }
                at += h;
            }
            (Passage::Line(line), _) => {
                if at >= from {
                    // A line is not wrapped: cut to the width, marked with `…`.
                    let owned = Line::from(
                        line.spans
                            .iter()
                            .map(|s| Span::styled(s.content.to_string(), s.style))
                            .collect::<Vec<_>>(),
                    );
                    out.push(wrap::fit(&owned, width));
                }
                at += 1;
            }
            (Passage::Para { .. }, None) => {}
        }
    }
    out
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
