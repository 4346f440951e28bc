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
}

impl App {
    pub(super) fn start_search(&mut self) {
        self.search.before = Some(std::mem::take(&mut self.filters.query));
        self.search.editing = true;
        self.refresh();
    }

    pub(super) fn clear_search(&mut self) {
        self.search = Search::default();
        self.filters.query = Query::default();
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

    /// The first match at or after the cursor of the focused pane, else the first.
    fn jump_to_first_match(&mut self) {
        if self.search.matches.is_empty() {
            return;
        }
        let here = (self.focus.index(), self.cursor(self.focus));
        let i = self
            .search
            .matches
            .iter()
            .position(|(p, r)| (p.index(), *r) >= here)
            .unwrap_or(0);
        self.go_to_match(i);
    }

    pub(super) fn step_match(&mut self, step: isize) {
        if !self.searching() {
            self.notice = Some(Notice::with_keys(
                "No search: press {} to search",
                &[Action::Search],
            ));
            return;
        }
        let n = self.search.matches.len();
        if n == 0 {
            self.notice = Some(Notice::from(format!(
                "No match for \u{201c}{}\u{201d}",
                super::clean(self.filters.query.text())
            )));
            return;
        }
        let next = match self.search.current {
            Some(c) => (c as isize + step).rem_euclid(n as isize) as usize,
            None => {
                if step > 0 {
                    0
                } else {
                    n - 1
                }
            }
        };
        if let Some(c) = self.search.current
            && ((step > 0 && next < c) || (step < 0 && next > c))
        {
            self.notice = Some(Notice::from(
                if step > 0 {
                    "Search wrapped to the top"
                } else {
                    "Search wrapped to the bottom"
                }
                .to_string(),
            ));
        }
        self.go_to_match(next);
    }

    fn go_to_match(&mut self, i: usize) {
        let Some(&(pane, row)) = self.search.matches.get(i) else {
            return;
        };
        self.search.current = Some(i);
        self.focus = pane;
        *self.places.get_mut(pane) = row;
        if pane == Pane::Briefings
            && let Some(&b) = self.shown.briefings.get(row)
        {
            self.chose_briefing = true;
            self.show_briefing(b);
        }
    }
}
