//! Drawing the reader. Everything here reads `&App` and changes nothing but the
//! geometry it records of what it drew (`App::view`), which the next update reads.

mod bars;
mod detail;
mod layout;
pub mod marks;
mod overlays;
mod panes;
mod parts;
mod screens;
pub mod theme;
mod wrap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub use bars::{cut_at_word, status_line, title_line};
pub use layout::{Layout, MIN_HEIGHT, MIN_WIDTH, layout};
pub use wrap::{fit, line_width, wrap};

use crate::app::{App, Overlay, Pane};
use theme::Theme;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        wrap::next_frame();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(area, buf);
            return;
        }
        let l = layout(self, area);
        bars::render_title(self, l.title, buf);
        for pane in Pane::ALL {
            self.view().pane(pane).record_hidden();
        }
        match self.screen() {
            Some(screen) => screens::render(self, screen, l.body, buf),
            None => {
                for (pane, rect) in &l.panes {
                    panes::render_pane(self, *pane, *rect, buf);
                }
                if self.current().is_none() {
                    panes::render_empty_library(self, l.body, buf);
                }
            }
        }
        bars::render_status(self, l.status, buf);
        bars::render_hints(self, l.hints, buf);
        // A detail and the help take the body: nothing of the panes shows behind them,
        // and the title and status bars stay in view.
        match self.overlay() {
            Some(Overlay::Detail { item, scroll, .. }) => {
                detail::render(self, *item, *scroll, l.body, buf)
            }
            Some(Overlay::Help { scroll, .. }) => overlays::render_help(self, *scroll, l.body, buf),
            Some(Overlay::Picker(p)) => overlays::render_picker(self, p, area, buf),
            Some(Overlay::Confirm(url)) => overlays::render_confirm(self, url, area, buf),
            None => {}
        }
    }
}

/// Where the overlay in front is drawn on a terminal of this size, if one is open.
pub fn overlay_area(app: &App, term: Rect) -> Option<Rect> {
    match app.overlay() {
        Some(Overlay::Picker(_)) => Some(overlays::picker_area(term)),
        Some(Overlay::Confirm(url)) => Some(overlays::confirm_area(url, term)),
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
