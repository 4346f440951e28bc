//! The full-screen lists (an actor's dossier, the library timeline, the files with
//! errors): opening one, moving in it, and going from a row to its briefing.

use super::{Action, App, ListOf, Notice, Overlay, Pane, Search};
use crate::library::lists::{self, ListKind, Rows};
use crate::library::{Filters, Item, Query};

/// An open full-screen list.
#[derive(Clone, Debug)]
pub struct Screen {
    pub kind: ListKind,
    pub rows: Rows,
    pub cursor: usize,
    /// What the rows were made from.
    basis: Basis,
}

/// The library's size, the filters and how far the search had gone when a list was made.
#[derive(Clone, Debug, PartialEq)]
struct Basis {
    briefings: usize,
    /// Briefings whose actors were grouped (the actor filter depends on it).
    grouped: usize,
    filters: Filters,
    searched: Option<(usize, usize)>,
}

impl App {
    fn basis(&self) -> Basis {
        Basis {
            briefings: self.library.briefings.len(),
            grouped: self.library.grouped(),
            filters: self.filters.clone(),
            searched: self.hits.as_ref().map(|h| h.progress()),
        }
    }

    fn list_rows(&self, kind: ListKind) -> Rows {
        lists::rows_with(
            &self.library,
            &self.filters,
            self.hits.as_ref(),
            &self.news,
            kind,
        )
    }

    pub(super) fn open_screen(&mut self, kind: ListKind) {
        let rows = self.list_rows(kind);
        self.overlay = None;
        self.view.list().restart();
        self.screen = Some(Screen {
            kind,
            cursor: first_item_row(&rows, 0, 1),
            rows,
            basis: self.basis(),
        });
    }

    /// An open list follows the library, the filters and the search as it goes: made
    /// again only when what it depends on changed (the files with errors and what is
    /// new, short lists, every time).
    pub(super) fn refresh_screen(&mut self) {
        let Some(screen) = &self.screen else {
            return;
        };
        let basis = self.basis();
        // A dossier follows the library only (its actor's items, whatever the filters);
        // the library timeline the filters and the search too.
        let unchanged = match screen.kind {
            ListKind::Timeline => screen.basis == basis,
            ListKind::Dossier(_) => {
                (screen.basis.briefings, screen.basis.grouped) == (basis.briefings, basis.grouped)
            }
            ListKind::Errors | ListKind::WhatsNew => false,
        };
        if unchanged {
            return;
        }
        let rows = self.list_rows(screen.kind);
        self.view.list().restart();
        if let Some(screen) = &mut self.screen {
            let at = screen.cursor.min(rows.len().saturating_sub(1));
            screen.cursor = first_item_row(&rows, at, 1);
            screen.rows = rows;
            screen.basis = basis;
        }
    }

    pub(super) fn update_screen(&mut self, action: Action) {
        // A page keeps one row of the last in view.
        let page = self.view.list().page().saturating_sub(1).max(1) as isize;
        let Some(screen) = &mut self.screen else {
            return;
        };
        let step = |s: &mut Screen, by: isize| {
            let target =
                (s.cursor as isize + by).clamp(0, s.rows.len().saturating_sub(1) as isize) as usize;
            s.cursor = first_item_row(&s.rows, target, if by >= 0 { 1 } else { -1 });
        };
        match action {
            Action::Back => self.screen = None,
            Action::Down => step(screen, 1),
            Action::Up => step(screen, -1),
            Action::PageDown => step(screen, page),
            Action::PageUp => step(screen, -page),
            Action::First => screen.cursor = first_item_row(&screen.rows, 0, 1),
            Action::Last => {
                screen.cursor =
                    first_item_row(&screen.rows, screen.rows.len().saturating_sub(1), -1)
            }
            Action::Open => {
                if let Some(item) = screen.rows.item(screen.cursor) {
                    match item {
                        Item::Failed(_) | Item::Warning(_) => self.open_overlay(Overlay::Detail {
                            item,
                            scroll: 0,
                            from: ListOf::Screen,
                        }),
                        _ => self.jump_to(item),
                    }
                }
            }
            Action::Help => self.open_help(),
            Action::ActorPicker => self.open_actor_picker(),
            Action::ClearFilters => self.clear_filters(),
            Action::TagPicker => self.open_tag_picker(),
            Action::Search => self.start_search(),
            Action::LibraryTimeline => self.open_screen(ListKind::Timeline),
            Action::Errors => self.open_screen(ListKind::Errors),
            Action::Dossier => {
                let here = self
                    .screen
                    .as_ref()
                    .and_then(|s| match s.rows.item(s.cursor) {
                        Some(Item::Quote(b, q)) => self
                            .library
                            .actor_ix(b, &self.library.briefings[b].quotes[q].actor),
                        _ => None,
                    });
                if let Some(ix) = here {
                    self.open_screen(ListKind::Dossier(ix));
                } else {
                    self.open_actor_choice(super::PickerKind::Dossier);
                }
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// The library changed under an open list: its rows name items by number, so
    /// the next refresh makes them again rather than narrowing them.
    pub(super) fn screen_outdated(&mut self) {
        if let Some(screen) = &mut self.screen {
            screen.basis.briefings = usize::MAX;
        }
    }

    /// Leaves a full-screen list for the item in its briefing.
    pub(super) fn jump_to(&mut self, item: Item) {
        self.chose_briefing = true;
        let (b, pane) = match item {
            Item::Briefing(b) => (b, Pane::Overview),
            Item::Actor(b, _) => (b, Pane::Actors),
            Item::Event(b) | Item::Entry(b, _) => (b, Pane::Timeline),
            Item::Quote(b, _) => (b, Pane::Quotes),
            Item::Implication(b, _) => (b, Pane::Implications),
            Item::Failed(_) | Item::Warning(_) => return,
        };
        self.screen = None;
        if !self.shown.briefings.contains(&b) && (!self.filters.tags.is_empty() || self.searching())
        {
            self.filters.tags.clear();
            self.filters.query = Query::default();
            self.search = Search::default();
            self.refresh();
        }
        if let Some(row) = self.shown.briefings.iter().position(|&x| x == b) {
            self.places.briefings = row;
        }
        self.show_briefing(b);
        self.focus = pane;
        let found = match pane {
            Pane::Overview => Some(0),
            _ => (0..self.pane_len(pane)).find(|&row| self.item_at(pane, row) == Some(item)),
        };
        match found {
            Some(row) => *self.places.get_mut(pane) = row,
            None if pane != Pane::Overview => {
                self.notice = Some(Notice::with_keys(
                    "That item is hidden by the actor filter ({} clears it)",
                    &[Action::ClearFilters],
                ))
            }
            None => {}
        }
    }

    /// `A`: the dossier of the actor the user can see: the one actor filtered to, else
    /// the highlighted actor of a focused Actors pane (or the speaker of the highlighted
    /// quote in a focused Quotes pane), else the picker to choose one.
    pub(super) fn open_dossier_here(&mut self) {
        let filtered =
            (self.filters.actors.len() == 1).then(|| self.filters.actors.iter().next().copied());
        let highlighted = || match (self.focus, self.item_at_cursor(self.focus)) {
            (Pane::Actors, Some(Item::Actor(b, i))) => self.library.actor_at(b, i),
            (Pane::Quotes, Some(Item::Quote(b, q))) => self
                .library
                .actor_ix(b, &self.library.briefings[b].quotes[q].actor),
            _ => None,
        };
        match filtered.flatten().or_else(highlighted) {
            Some(ix) => self.open_screen(ListKind::Dossier(ix)),
            None if self.library.actors.is_empty() => {
                self.notice = Some(Notice::from("No actors to show".to_string()))
            }
            None => self.open_actor_choice(super::PickerKind::Dossier),
        }
    }
}

/// The nearest row at or after (`dir` 1) or before (`dir` -1) `from` that is an item.
pub(super) fn first_item_row(rows: &Rows, from: usize, dir: isize) -> usize {
    let n = rows.len() as isize;
    let mut i = from as isize;
    while i >= 0 && i < n {
        if rows.is_item(i as usize) {
            return i as usize;
        }
        i += dir;
    }
    // None that way: try the other way.
    let mut i = from as isize;
    while i >= 0 && i < n {
        if rows.is_item(i as usize) {
            return i as usize;
        }
        i -= dir;
    }
    0
}
