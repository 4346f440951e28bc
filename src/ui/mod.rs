//! Drawing the reader. Everything here reads `&App` and never changes it.

mod bars;
mod detail;
mod layout;
mod overlays;
mod panes;
mod screens;
pub mod theme;
mod wrap;

use std::borrow::Cow;
use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Widget};

pub use bars::{cut_at_word, status_line, title_lines};
pub use detail::{detail_height, detail_line_count};
pub use layout::{Layout, MIN_HEIGHT, MIN_WIDTH, layout};
pub use overlays::{confirm_fits, help_line_count};
pub use panes::{overview_line_count, row_heights};
use wrap::Wrapped;
pub use wrap::{fit, line_width, wrap};

use crate::app::{App, Overlay};
use theme::Theme;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(area, buf);
            return;
        }
        let l = layout(self, area);
        bars::render_title(self, l.title, buf);
        match &self.screen {
            Some(screen) => screens::render(self, screen, l.body, buf),
            None => {
                for (pane, rect) in &l.panes {
                    panes::render_pane(self, *pane, *rect, buf);
                }
                if self.current.is_none() {
                    panes::render_empty_library(self, l.body, buf);
                }
            }
        }
        bars::render_status(self, l.status, buf);
        bars::render_hints(self, l.hints, buf);
        match &self.overlay {
            Some(Overlay::Detail { item, scroll, .. }) => {
                detail::render(self, *item, *scroll, l.body, buf)
            }
            Some(Overlay::Help { scroll, .. }) => overlays::render_help(self, *scroll, l.body, buf),
            Some(Overlay::Picker(p)) => overlays::render_picker(p, area, buf),
            Some(Overlay::Confirm(url)) => overlays::render_confirm(url, area, buf),
            None => {}
        }
    }
}

/// Where the overlay in front is drawn on a terminal of this size, if one is open.
pub fn overlay_area(app: &App, term: Rect) -> Option<Rect> {
    match &app.overlay {
        Some(Overlay::Picker(_)) => Some(overlays::picker_area(term)),
        Some(_) => Some(layout(app, term).body),
        None => None,
    }
}

/// A terminal too small to be useful says so, and how big it needs to be.
fn render_too_small(area: Rect, buf: &mut Buffer) {
    let msg = [
        "Terminal too small".to_string(),
        format!(
            "{}x{}, needs {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        ),
        "q quits".to_string(),
    ];
    let top = area.y + area.height.saturating_sub(msg.len() as u16) / 2;
    for (i, m) in msg.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let w = unicode_width::UnicodeWidthStr::width(m.as_str()) as u16;
        let x = area.x + area.width.saturating_sub(w) / 2;
        buf.set_stringn(x, y, m, area.width as usize, Theme::TITLE);
    }
}

/// The first row to draw so that row `selected` is in view, with `height` lines of room.
pub fn list_offset(heights: &[usize], selected: usize, height: usize) -> usize {
    let selected = selected.min(heights.len().saturating_sub(1));
    let mut offset = 0;
    // Scroll only as far as needed to bring the selected row to the bottom.
    let mut used: usize = heights.iter().take(selected + 1).sum();
    while used > height && offset < selected {
        used -= heights[offset];
        offset += 1;
    }
    offset
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
            // Rows are made to fit; a line that does not is still cut with a mark.
            let line = wrap::fit(line, area.width.saturating_sub(1) as usize);
            buf.set_line(area.x + 1, y, &line, area.width.saturating_sub(1));
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

/// How far into a text matches are highlighted: more than any row is wide.
const HIGHLIGHT_CHARS: usize = 2048;

/// Spans of `text` with every match of the search highlighted.
pub fn highlight<'a>(
    text: &'a str,
    query_lower: &str,
    style: ratatui::style::Style,
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
        out.push(Span::styled(&text[s..e], style.patch(Theme::MATCH)));
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

/// How many lines `blocks` take at `width`.
pub fn blocks_height(blocks: &[Passage], width: usize) -> usize {
    blocks.iter().map(|b| b.height(width)).sum()
}

/// Lines `from..from + count` of `blocks` at `width`: only those are built, so a text of
/// millions of lines costs no more to draw than a short one.
pub fn block_lines(
    blocks: &[Passage],
    width: usize,
    query_lower: &str,
    from: usize,
    count: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(count);
    let mut at = 0;
    for b in blocks {
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
                            Span::styled(label.to_string(), Theme::LABEL)
                        } else {
                            Span::raw(" ".repeat(lw))
                        };
                        let mut spans = vec![lead];
                        spans.extend(
                            highlight(w.line(i), query_lower, *style)
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
                    out.push(Line::from(
                        line.spans
                            .iter()
                            .map(|s| Span::styled(s.content.to_string(), s.style))
                            .collect::<Vec<_>>(),
                    ));
                }
                at += 1;
            }
            (Passage::Para { .. }, None) => {}
        }
    }
    out
}

/// Clears `area` for a popup. A wide character just left of it, drawn before, would
/// spill into the popup's first column and hide its border: it is blanked too.
pub fn clear_popup(area: Rect, buf: &mut Buffer) {
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
