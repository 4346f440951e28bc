//! Drawing the reader. Everything here reads `&App` and changes nothing but the
//! geometry it records of what it drew (`App::view`), which the next update reads.
//! Colours come only from the [`Theme`], key names only from the [`Keymap`], that the
//! [`Drawing`] carries.

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
pub use theme::Theme;
pub use wrap::{fit, line_width, wrap};

use crate::app::{Action, App, Overlay, Pane};
use crate::keymap::{Keymap, Scope};

/// The reader as it is to be drawn: its state, the theme to draw it in, and the keys
/// to name.
#[derive(Clone, Copy)]
pub struct Drawing<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
    pub keys: &'a Keymap,
}

impl<'a> Drawing<'a> {
    /// The app with the built-in keys and the default theme, as tests and benchmarks
    /// draw it.
    pub fn builtin(app: &'a App) -> Drawing<'a> {
        Drawing {
            app,
            theme: &Theme::DEFAULT,
            keys: Keymap::builtin(),
        }
    }

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

impl Widget for Drawing<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let v = &self;
        let app = self.app;
        wrap::next_frame();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(v, area, buf);
            return;
        }
        let l = layout(app, area);
        bars::render_title(v, l.title, buf);
        for pane in Pane::ALL {
            app.view().pane(pane).record_hidden();
        }
        match app.screen() {
            Some(screen) => screens::render(v, screen, l.body, buf),
            None => {
                for (pane, rect) in &l.panes {
                    panes::render_pane(v, *pane, *rect, buf);
                }
                if app.current().is_none() {
                    panes::render_empty_library(v, l.body, buf);
                }
            }
        }
        bars::render_status(v, l.status, buf);
        bars::render_hints(v, l.hints, buf);
        // A detail and the help take the body: nothing of the panes shows behind them,
        // and the title and status bars stay in view.
        match app.overlay() {
            Some(Overlay::Detail { item, scroll, .. }) => {
                detail::render(v, *item, *scroll, l.body, buf)
            }
            Some(Overlay::Help { scroll, .. }) => overlays::render_help(v, *scroll, l.body, buf),
            Some(Overlay::Picker(p)) => overlays::render_picker(v, p, area, buf),
            Some(Overlay::Confirm(url)) => overlays::render_confirm(v, url, area, buf),
            None => {}
        }
    }
}

/// Draws with the built-in keys and the default theme, as tests and benchmarks do.
impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Drawing::builtin(self).render(area, buf)
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
fn render_too_small(v: &Drawing, area: Rect, buf: &mut Buffer) {
    let msg = [
        "Terminal too small".to_string(),
        format!(
            "{}x{}, needs {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        ),
        format!("{} quits", v.any_key(Action::Leave)),
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
