//! Typing a search and stepping through its matches. What is searched for is one of
//! the [`Filters`](crate::library::Filters): it narrows the lists too.

use super::{Action, App, Notice, Pane};
use crate::library::Query;

/// The search prompt, and where the search matches in the current briefing.
#[derive(Clone, Debug, Default)]
pub struct Search {
    /// The query before this edit, restored by `Esc`.
    pub before: Option<Query>,
    /// The query is being typed.
    pub editing: bool,
    /// `(pane, row)` of every match in the current briefing's panes.
    pub matches: Vec<(Pane, usize)>,
    /// The match the cursor was last taken to.
    pub current: Option<usize>,
    /// `Enter` came before the search had found anything: the first match is gone
    /// to when it is found, unless another key comes first.
    pub jump_when_found: bool,
}

impl App {
    pub(super) fn start_search(&mut self) {
        self.search.before = Some(std::mem::take(&mut self.filters.query));
        self.search.editing = true;
        self.refresh();
    }

    pub(super) fn update_search_input(&mut self, action: Action) {
        match action {
            Action::Type(c) => {
                self.filters.query.push(c);
                self.refresh();
            }
            Action::Erase => {
                self.filters.query.pop();
                self.refresh();
            }
            Action::Apply => {
                self.search.editing = false;
                self.search.before = None;
                if self.searching() {
                    self.jump_to_first_match();
                    self.search.jump_when_found =
                        self.search.current.is_none() && self.search_progress().is_some();
                }
            }
            Action::Back => {
                self.filters.query = self.search.before.take().unwrap_or_default();
                self.search.editing = false;
                self.refresh();
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// What the search found so far, shown: the match the cursor was taken to stays
    /// the current one, and a jump asked for before anything was found is made.
    pub(super) fn show_search_so_far(&mut self) {
        let was = self
            .search
            .current
            .and_then(|i| self.search.matches.get(i))
            .copied();
        self.refresh();
        if let Some((pane, row)) = was {
            // A row of the list moves as briefings are found; the cursor goes with it.
            let row = if pane == Pane::Briefings {
                self.cursor(Pane::Briefings)
            } else {
                row
            };
            self.search.current = self.search.matches.iter().position(|&m| m == (pane, row));
        }
        if self.search.jump_when_found && !self.search.matches.is_empty() {
            self.search.jump_when_found = false;
            self.jump_to_first_match();
        }
        if self.search_progress().is_none() {
            self.search.jump_when_found = false;
        }
    }

    /// Indices of the search's matches in one pane, in row order.
    pub fn matches_in(&self, pane: Pane) -> Vec<usize> {
        (0..self.search.matches.len())
            .filter(|&i| self.search.matches[i].0 == pane)
            .collect()
    }

    /// The first match at or after the cursor of the focused pane; when that pane has
    /// none, the first match of the next pane that has one.
    fn jump_to_first_match(&mut self) {
        let here = self.matches_in(self.focus);
        let cursor = self.cursor(self.focus);
        match here.first() {
            Some(&first) => {
                let i = here
                    .iter()
                    .copied()
                    .find(|&i| self.search.matches[i].1 >= cursor)
                    .unwrap_or(first);
                self.go_to_match(i);
            }
            None => self.go_to_other_pane(1),
        }
    }

    /// The first (or last) match of the next (or previous) pane that has one, in `Tab`
    /// order: the only way `n` changes the focus, and so the layout.
    fn go_to_other_pane(&mut self, step: isize) {
        let n = Pane::ALL.len() as isize;
        let at = self.focus.index() as isize;
        let from = self.focus.title();
        for k in 1..n {
            let pane = Pane::ALL[(at + step * k).rem_euclid(n) as usize];
            let there = self.matches_in(pane);
            let pick = if step > 0 {
                there.first()
            } else {
                there.last()
            };
            if let Some(&i) = pick {
                self.go_to_match(i);
                self.notice = Some(Notice::from(format!(
                    "No match in {from}: on to {}",
                    pane.title()
                )));
                return;
            }
        }
    }

    /// `n`/`N`: the next or previous match in the focused pane, wrapping around there,
    /// so the layout keeps still. From a pane without a match, the next pane with one.
    pub(super) fn step_match(&mut self, step: isize) {
        if !self.searching() {
            self.notice = Some(Notice::with_keys(
                "No search: press {} to search",
                &[Action::Search],
            ));
            return;
        }
        if self.search.matches.is_empty() {
            self.notice = Some(Notice::from(format!(
                "No match for \u{201c}{}\u{201d}",
                super::clean(self.filters.query.text())
            )));
            return;
        }
        let here = self.matches_in(self.focus);
        if here.is_empty() {
            self.go_to_other_pane(step);
            return;
        }
        let cursor = self.cursor(self.focus);
        let at = self
            .search
            .current
            .and_then(|c| here.iter().position(|&i| i == c))
            .filter(|&k| self.search.matches[here[k]].1 == cursor);
        let n = here.len() as isize;
        let next = match at {
            Some(k) => (k as isize + step).rem_euclid(n) as usize,
            // Not on a match: the nearest one that way from the cursor.
            None if step > 0 => here
                .iter()
                .position(|&i| self.search.matches[i].1 > cursor)
                .unwrap_or(0),
            None => here
                .iter()
                .rposition(|&i| self.search.matches[i].1 < cursor)
                .unwrap_or(here.len() - 1),
        };
        let wrapped = match at {
            Some(k) => (step > 0 && next < k) || (step < 0 && next > k),
            None => false,
        };
        if wrapped {
            let end = if step > 0 { "top" } else { "bottom" };
            self.notice = Some(Notice::from(format!(
                "Search wrapped to the {end} of {}",
                self.focus.title()
            )));
        }
        self.go_to_match(here[next]);
    }

    fn go_to_match(&mut self, i: usize) {
        let Some(&(pane, row)) = self.search.matches.get(i) else {
            return;
        };
        self.focus = pane;
        *self.places.get_mut(pane) = row;
        if pane == Pane::Briefings
            && let Some(&b) = self.shown.briefings.get(row)
        {
            self.chose_briefing = true;
            // Showing another briefing finds its matches again; the list's stay as
            // they were, so `i` still names this one.
            self.show_briefing(b);
        }
        self.search.current = Some(i);
    }
}
