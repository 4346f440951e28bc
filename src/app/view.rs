//! The geometry of the last frame, as drawing recorded it: where each pane, list and
//! popup was, which row or line was first in view, and how much fit.
//!
//! Drawing writes it through `Cell`s, so it needs no more than `&App` (ratatui's
//! `ListState` and gitui's `Cell` of the last size do the same); the next update reads
//! it to turn a page and to find what a click hit. The state never asks the drawing
//! code to lay itself out again.

use std::cell::{Cell, RefCell};

use ratatui::layout::Rect;

use super::action::{Pane, PerPane};

/// One scrolling area as last drawn: a list (rows, each some lines tall) or a text.
#[derive(Debug, Default)]
pub struct Scroll {
    /// The whole area, border included; empty when it was not drawn.
    area: Cell<Rect>,
    /// The first row of a list in view. Drawing moves it only as far as needed to
    /// keep the selected row in view, so the view stays still while the cursor moves
    /// inside it.
    first: Cell<usize>,
    /// Rows of a list, or lines of a text, that fit.
    fit: Cell<usize>,
    /// Lines one row of a list takes (a quote takes two).
    row_lines: Cell<usize>,
    /// Lines of a text (the Overview, a detail, the help).
    lines: Cell<usize>,
    /// Lines each row in view takes, from `first`, when rows differ in height (whole
    /// quotes in a focused Quotes pane); empty when every row takes `row_lines`.
    heights: RefCell<Vec<usize>>,
}

impl Scroll {
    /// A list was drawn in `area` from row `first`, with `fit` rows of `row_lines` lines in view.
    pub fn record_list(&self, area: Rect, first: usize, fit: usize, row_lines: usize) {
        self.area.set(area);
        self.first.set(first);
        self.fit.set(fit);
        self.row_lines.set(row_lines.max(1));
        self.heights.borrow_mut().clear();
    }

    /// A list of rows of differing heights was drawn in `area` from row `first`; `heights`
    /// are the lines of the rows in view, `fit` of which are whole.
    pub fn record_rows(&self, area: Rect, first: usize, fit: usize, heights: Vec<usize>) {
        self.area.set(area);
        self.first.set(first);
        self.fit.set(fit);
        self.row_lines.set(1);
        *self.heights.borrow_mut() = heights;
    }

    /// A text of `lines` lines was drawn in `area`, with `fit` of them in view.
    pub fn record_text(&self, area: Rect, fit: usize, lines: usize) {
        self.area.set(area);
        self.fit.set(fit);
        self.lines.set(lines);
    }

    /// Not drawn in this frame.
    pub fn record_hidden(&self) {
        self.area.set(Rect::default());
    }

    /// The first row of the list in view.
    pub fn first(&self) -> usize {
        self.first.get()
    }

    pub fn area(&self) -> Rect {
        self.area.get()
    }

    /// Lines of the text.
    pub fn lines(&self) -> usize {
        self.lines.get()
    }

    /// Rows or lines a page turns: what fits in view.
    pub fn page(&self) -> usize {
        self.fit.get().max(1)
    }

    /// The row drawn on screen line `y`, if the line is below the top border.
    pub fn row_at(&self, y: u16) -> Option<usize> {
        let inner_top = self.area.get().y + 1;
        let mut line = usize::from(y.checked_sub(inner_top)?);
        let heights = self.heights.borrow();
        if heights.is_empty() {
            return Some(self.first.get() + line / self.row_lines.get().max(1));
        }
        for (i, h) in heights.iter().enumerate() {
            if line < *h {
                return Some(self.first.get() + i);
            }
            line -= h;
        }
        None
    }

    /// The content changed: the next frame shows it from the top, as far as the
    /// selected row allows.
    pub(super) fn restart(&self) {
        self.first.set(0);
    }

    /// Nothing of it is known yet (a popup just opened).
    pub(super) fn forget(&self) {
        self.first.set(0);
        self.fit.set(0);
        self.lines.set(0);
    }
}

/// Every scrolling area of the reader.
#[derive(Debug, Default)]
pub struct View {
    panes: PerPane<Scroll>,
    /// The full-screen list (dossier, library timeline, errors).
    list: Scroll,
    /// The detail, the help or a picker.
    popup: Scroll,
    /// The web address the confirmation showed whole, if it fit.
    address: RefCell<Option<String>>,
}

impl View {
    pub fn pane(&self, pane: Pane) -> &Scroll {
        self.panes.get(pane)
    }

    pub fn list(&self) -> &Scroll {
        &self.list
    }

    pub fn popup(&self) -> &Scroll {
        &self.popup
    }

    /// The confirmation asking to open `url` was drawn, showing all of it or not.
    pub fn record_address(&self, url: &str, whole: bool) {
        *self.address.borrow_mut() = whole.then(|| url.to_string());
    }

    /// Whether the last frame showed all of this address, so the user could read it.
    pub fn showed_whole(&self, url: &str) -> bool {
        self.address.borrow().as_deref() == Some(url)
    }

    /// The pane drawn at a point of the screen.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        Pane::ALL
            .into_iter()
            .find(|p| self.pane(*p).area().contains((x, y).into()))
    }
}
