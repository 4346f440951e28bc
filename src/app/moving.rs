//! Moving: between panes, along a pane's rows, between briefings, through a popup's
//! lines, a page at a time, and with the mouse.

use super::{Action, App, Notice, Overlay, Pane};
use crate::library::BriefingIx;

impl App {
    pub(super) fn cycle_focus(&mut self, step: isize) {
        let panes: Vec<Pane> = Pane::ALL
            .into_iter()
            .filter(|p| *p != Pane::Briefings || self.shows_list())
            .collect();
        let at = panes.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        let n = panes.len() as isize;
        self.focus = panes[((at + step).rem_euclid(n)) as usize];
    }

    /// Rows a page turns in the focused pane: as many as it showed.
    pub(super) fn page(&self) -> usize {
        self.view.pane(self.focus).page()
    }

    pub(super) fn move_cursor(&mut self, by: isize) {
        let now = self.cursor(self.focus) as isize;
        self.set_cursor(now.saturating_add(by).max(0) as usize);
    }

    pub(super) fn set_cursor(&mut self, row: usize) {
        let len = self.pane_len(self.focus);
        let row = row.min(len.saturating_sub(1));
        *self.places.get_mut(self.focus) = row;
        if self.focus == Pane::Briefings
            && let Some(&b) = self.shown.briefings.get(row)
        {
            self.chose_briefing = true;
            self.show_briefing(b);
        }
    }

    /// Shows briefing `b` in the panes, remembering where the reader was in the last one.
    pub(super) fn show_briefing(&mut self, b: BriefingIx) {
        if self.current == Some(b) {
            return;
        }
        if let Some(old) = self.current {
            self.remembered.insert(old, self.places);
        }
        let list_row = self.places.briefings;
        self.places = self.remembered.get(&b).copied().unwrap_or_default();
        self.places.briefings = list_row;
        self.current = Some(b);
        self.refresh_panes();
    }

    pub(super) fn step_briefing(&mut self, step: isize) {
        self.chose_briefing = true;
        let list = &self.shown.briefings;
        if list.is_empty() {
            return;
        }
        let at = self.current.and_then(|c| list.iter().position(|&b| b == c));
        let row = match at {
            Some(i) => (i as isize + step).clamp(0, list.len() as isize - 1) as usize,
            None => 0,
        };
        if Some(row) == at {
            self.notice = Some(Notice::from(
                if step > 0 {
                    "Last briefing"
                } else {
                    "First briefing"
                }
                .to_string(),
            ));
        }
        self.places.briefings = row;
        let b = list[row];
        self.show_briefing(b);
    }

    /// Scrolls the detail or the help.
    pub(super) fn update_overlay(&mut self, action: Action) {
        let popup = self.view.popup();
        let (last, page) = (popup.lines().saturating_sub(1), popup.page());
        let Some(Overlay::Detail { scroll, .. } | Overlay::Help { scroll }) = &mut self.overlay
        else {
            return;
        };
        match action {
            Action::Back | Action::Open => self.overlay = None,
            Action::Help => self.open_overlay(Overlay::Help { scroll: 0 }),
            Action::Down => *scroll = (*scroll + 1).min(last),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll = (*scroll + page).min(last),
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::First => *scroll = 0,
            Action::Last => *scroll = last,
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    // ---- the mouse, on what the last frame drew ----

    pub(super) fn click(&mut self, x: u16, y: u16) {
        if !self.mouse || self.overlay.is_some() || self.screen.is_some() {
            return;
        }
        let Some(pane) = self.view.pane_at(x, y) else {
            return;
        };
        self.focus = pane;
        if pane == Pane::Overview {
            return;
        }
        if let Some(row) = self.view.pane(pane).row_at(y)
            && row < self.pane_len(pane)
        {
            self.set_cursor(row);
        }
    }

    pub(super) fn scroll_at(&mut self, x: u16, y: u16, by: isize) {
        if !self.mouse {
            return;
        }
        let step = if by > 0 { Action::Down } else { Action::Up };
        match &self.overlay {
            Some(_) => self.update_overlay(step),
            None if self.screen.is_some() => {
                for _ in 0..by.unsigned_abs() {
                    self.update_screen(step);
                }
            }
            None => {
                if let Some(pane) = self.view.pane_at(x, y) {
                    self.focus = pane;
                    self.move_cursor(by);
                }
            }
        }
    }
}
