//! Moving: between panes, along a pane's rows, between briefings, through a popup's
//! lines, a page at a time, and with the mouse.

use super::{Action, App, ListOf, Notice, Overlay, Pane};
use crate::library::BriefingIx;
use crate::library::Item;

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

    /// Rows a page turns in the focused pane: as many as it showed, less one, so the
    /// last row of a page is the first of the next.
    pub(super) fn page(&self) -> usize {
        self.view.pane(self.focus).page().saturating_sub(1).max(1)
    }

    /// `G`: the last row; in the Overview, the last line at the bottom of the pane.
    pub(super) fn go_to_last(&mut self) {
        if self.focus == Pane::Overview {
            let o = self.view.pane(Pane::Overview);
            self.places.overview = o.lines().saturating_sub(o.page());
        } else {
            self.set_cursor(usize::MAX);
        }
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

    /// Scrolls the detail or the help: a page keeps one line of the last in view, and
    /// the end puts the last line at the bottom.
    pub(super) fn update_overlay(&mut self, action: Action) {
        let popup = self.view.popup();
        let fit = popup.page();
        let (last, page) = (
            popup.lines().saturating_sub(fit),
            fit.saturating_sub(1).max(1),
        );
        match action {
            Action::Back | Action::Open => {
                self.overlay = match self.overlay.take() {
                    Some(Overlay::Help { under, .. }) => under.map(|o| *o),
                    _ => None,
                };
                // What is under it is drawn again from its own place.
                self.view.popup().forget();
            }
            Action::Help => self.open_help(),
            Action::NextItem => self.step_item(1),
            Action::PrevItem => self.step_item(-1),
            Action::Quit => self.quit = true,
            _ => {
                let Some(Overlay::Detail { scroll, .. } | Overlay::Help { scroll, .. }) =
                    &mut self.overlay
                else {
                    return;
                };
                let now = (*scroll).min(last);
                *scroll = match action {
                    Action::Down => (now + 1).min(last),
                    Action::Up => now.saturating_sub(1),
                    Action::PageDown => (now + page).min(last),
                    Action::PageUp => now.saturating_sub(page),
                    Action::First => 0,
                    Action::Last => last,
                    _ => now,
                };
            }
        }
    }

    /// `J`/`K` in a detail: the next or previous item of the list it was opened from,
    /// without closing; that list's cursor follows, so closing returns to it.
    fn step_item(&mut self, by: isize) {
        let Some(Overlay::Detail { from, .. }) = &self.overlay else {
            return;
        };
        let from = *from;
        let next = match from {
            ListOf::Pane(Pane::Overview | Pane::Briefings) if self.shows_list() => {
                let before = self.current;
                self.step_briefing(by);
                self.current
                    .filter(|_| self.current != before)
                    .map(Item::Briefing)
            }
            ListOf::Pane(pane) if pane != Pane::Overview => {
                let len = self.pane_len(pane);
                let row = self.cursor(pane) as isize + by;
                if row < 0 || row as usize >= len {
                    None
                } else {
                    *self.places.get_mut(pane) = row as usize;
                    self.item_at(pane, row as usize)
                }
            }
            ListOf::Screen => self.screen.as_mut().and_then(|s| {
                let mut at = s.cursor as isize + by;
                while at >= 0 && (at as usize) < s.rows.len() {
                    if let Some(item @ (Item::Failed(_) | Item::Warning(_))) =
                        s.rows.item(at as usize)
                    {
                        s.cursor = at as usize;
                        return Some(item);
                    }
                    at += by;
                }
                None
            }),
            ListOf::Pane(_) => None,
        };
        match next {
            Some(item) => {
                self.notice = None;
                self.open_overlay(Overlay::Detail {
                    item,
                    scroll: 0,
                    from,
                });
            }
            None => {
                self.notice = Some(Notice::from(
                    if by > 0 {
                        "This is the last one"
                    } else {
                        "This is the first one"
                    }
                    .to_string(),
                ))
            }
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
