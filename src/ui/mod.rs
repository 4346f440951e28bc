//! Drawing the reader. Everything here reads `&App` and never changes it; colours come
//! only from the [`Theme`] and key names only from the [`Keymap`] it is given.

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
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Widget};

pub use detail::detail_line_count;
pub use layout::{Layout, MIN_HEIGHT, MIN_WIDTH, layout};
pub use overlays::{confirm_fits, help_line_count};
pub use panes::{overview_line_count, row_heights};
pub use theme::Theme;
use wrap::Wrapped;
pub use wrap::wrap;

use crate::app::{Action, App, Overlay};
use crate::keymap::{Keymap, Scope};

/// The reader as drawn: its state, the theme to draw it in and the keys to name.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
    pub keys: &'a Keymap,
}

impl View<'_> {
    /// The first key that does `action` in `scope`, as help writes it; `-` when none does.
    pub fn key(&self, action: Action, scope: Scope) -> String {
        self.keys
            .first_key(action, scope)
            .unwrap_or_else(|| "-".to_string())
    }

    /// The first key that does `action` in any scope, for messages that name it.
    pub fn any_key(&self, action: Action) -> String {
        Scope::ALL
            .into_iter()
            .find_map(|scope| self.keys.first_key(action, scope))
            .unwrap_or_else(|| "(no key)".to_string())
    }

    /// `j/k`: the first keys of two opposite moves.
    pub fn pair(&self, first: Action, second: Action, scope: Scope) -> String {
        format!("{}/{}", self.key(first, scope), self.key(second, scope))
    }
}

impl Widget for View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let v = &self;
        let app = self.app;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(v, area, buf);
            return;
        }
        let l = layout(app, area);
        panes::render_title(v, l.title, buf);
        match &app.screen {
            Some(screen) => screens::render(v, screen, l.body, buf),
            None => {
                for (pane, rect) in &l.panes {
                    panes::render_pane(v, *pane, *rect, buf);
                }
                if app.current.is_none() {
                    panes::render_empty_library(v, l.body, buf);
                }
            }
        }
        panes::render_status(v, l.status, buf);
        panes::render_hints(v, l.hints, buf);
        match &app.overlay {
            Some(Overlay::Detail { item, scroll }) => detail::render(v, *item, *scroll, area, buf),
            Some(Overlay::Help { scroll }) => overlays::render_help(v, *scroll, area, buf),
            Some(Overlay::Picker(p)) => overlays::render_picker(v, p, area, buf),
            Some(Overlay::Confirm(url)) => overlays::render_confirm(v, url, area, buf),
            None => {}
        }
    }
}

/// Draws with the built-in keys and the default theme, as tests and benchmarks do.
impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        View {
            app: self,
            theme: &Theme::DEFAULT,
            keys: Keymap::builtin(),
        }
        .render(area, buf)
    }
}

/// A terminal too small to be useful says so, and how big it needs to be.
fn render_too_small(v: &View, area: Rect, buf: &mut Buffer) {
    let msg = [
        "Terminal too small".to_string(),
        format!(
            "{}x{}, needs {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        ),
        format!("{} quits", v.key(Action::Quit, Scope::Global)),
    ];
    let top = area.y + area.height.saturating_sub(msg.len() as u16) / 2;
    for (i, m) in msg.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let w = unicode_width::UnicodeWidthStr::width(m.as_str()) as u16;
        let x = area.x + area.width.saturating_sub(w) / 2;
        buf.set_stringn(x, y, m, area.width as usize, v.theme.title);
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
pub fn pane_block<'a>(title: Vec<Span<'a>>, focused: bool, t: &Theme) -> Block<'a> {
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
        .title(Line::from(spans))
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
            buf.set_line(area.x + 1, y, line, area.width.saturating_sub(1));
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

/// How far into a text matches are highlighted: more than any row is wide.
const HIGHLIGHT_CHARS: usize = 2048;

/// Spans of `text` with every match of the search highlighted.
pub fn highlight<'a>(text: &'a str, query_lower: &str, style: Style, t: &Theme) -> Vec<Span<'a>> {
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
    t: &Theme,
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
