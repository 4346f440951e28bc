//! Narrowing to actors and tags: the actor filter, and the pickers that choose actors
//! or tags by typing part of a name.

use std::collections::BTreeSet;

use super::{Action, App, Notice, Overlay, Pane};
use crate::library::{Item, Query, contains_ci};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerKind {
    /// Filter by actors.
    Actors,
    /// Filter by tags.
    Tags,
    /// Choose the actor whose dossier to open.
    Dossier,
}

/// Choosing actors or tags as in fzf: typing (spaces too) narrows, `Tab` marks,
/// `Enter` applies the marked rows, or the highlighted one when none is marked.
#[derive(Clone, Debug)]
pub struct Picker {
    pub kind: PickerKind,
    /// What is typed to narrow the choices.
    pub query: Query,
    /// `(label, detail)` of every choice.
    pub choices: Vec<(String, String)>,
    /// Choices that match the query, as indices into `choices`.
    pub shown: Vec<usize>,
    /// For each choice, what the query matched: `""` its label, `alias: DPRK`, or
    /// `None` when it does not match (a marked row, kept in view).
    pub why: Vec<Option<String>>,
    pub chosen: BTreeSet<usize>,
    pub cursor: usize,
}

impl Picker {
    /// The first listed row that matches the query.
    pub fn first_match(&self) -> usize {
        self.shown
            .iter()
            .position(|&i| self.why[i].is_some())
            .unwrap_or(0)
    }
}

impl App {
    pub(super) fn toggle_actor_under_cursor(&mut self) {
        if self.focus != Pane::Actors {
            self.notice = Some(Notice::with_keys(
                "{} selects an actor in the Actors pane; {} opens the actor filter",
                &[Action::ToggleActor, Action::ActorPicker],
            ));
            return;
        }
        let Some(Item::Actor(b, i)) = self.item_at_cursor(Pane::Actors) else {
            return;
        };
        let Some(ix) = self.library.actor_at(b, i) else {
            return;
        };
        if !self.filters.actors.remove(&ix) {
            self.filters.actors.insert(ix);
        }
        self.after_filter_change();
    }

    /// `F`: actors, tags and the search, all at once.
    pub(super) fn clear_filters(&mut self) {
        let any = self.filters.is_active();
        self.filters.tags.clear();
        self.filters.query = Query::default();
        self.search = super::Search::default();
        if self.filters.actors.is_empty() {
            self.refresh();
        } else {
            self.filters.actors.clear();
            self.after_filter_change();
        }
        if !any {
            self.notice = Some(Notice::from("No filter to clear".to_string()));
        }
    }

    /// Keeps the places from before a filter, so clearing it returns each pane there.
    pub(super) fn after_filter_change(&mut self) {
        if self.filters.actors.is_empty() {
            if let Some(saved) = self.stashed.take() {
                let list_row = self.places.briefings;
                self.places = saved;
                self.places.briefings = list_row;
            }
        } else if self.stashed.is_none() {
            self.stashed = Some(self.places);
            for p in [Pane::Timeline, Pane::Quotes, Pane::Implications] {
                *self.places.get_mut(p) = 0;
            }
        }
        self.refresh();
    }

    pub(super) fn open_actor_picker(&mut self) {
        self.open_actor_choice(PickerKind::Actors);
    }

    /// The actor picker, to filter by actors or to choose a dossier. It starts with
    /// nothing marked: the status line says what the filter is now.
    pub(super) fn open_actor_choice(&mut self, kind: PickerKind) {
        let choices: Vec<(String, String)> = self
            .library
            .actors
            .iter()
            .map(|a| {
                let n = a.briefing_count();
                let mut detail = if self.library.briefings.len() > 1 {
                    format!("{n} briefing{}", if n == 1 { "" } else { "s" })
                } else {
                    let (b, i) = a.appearances[0];
                    let actor = &self.library.briefings[b].actors[i];
                    actor
                        .role
                        .as_ref()
                        .map(|r| r.shown().to_string())
                        .unwrap_or_default()
                };
                if !a.aliases.is_empty() {
                    if !detail.is_empty() {
                        detail.push_str(" · ");
                    }
                    detail.push_str(&format!("aka {}", a.aliases.join(", ")));
                }
                (a.name.clone(), detail)
            })
            .collect();
        let mut picker = Picker {
            kind,
            query: Query::default(),
            why: vec![None; choices.len()],
            choices,
            shown: Vec::new(),
            chosen: BTreeSet::new(),
            cursor: 0,
        };
        self.narrow_picker(&mut picker);
        self.open_overlay(Overlay::Picker(picker));
    }

    pub(super) fn open_tag_picker(&mut self) {
        let tags = self.library.tags();
        if tags.is_empty() {
            self.notice = Some(Notice::from("No briefing has tags".to_string()));
            return;
        }
        let choices: Vec<(String, String)> = tags
            .iter()
            .map(|(t, n)| {
                let s = if *n == 1 { "" } else { "s" };
                (t.clone(), format!("{n} briefing{s}"))
            })
            .collect();
        let mut picker = Picker {
            kind: PickerKind::Tags,
            query: Query::default(),
            shown: Vec::new(),
            why: vec![None; choices.len()],
            choices,
            chosen: BTreeSet::new(),
            cursor: 0,
        };
        self.narrow_picker(&mut picker);
        self.open_overlay(Overlay::Picker(picker));
    }

    /// Keeps the choices the query matches: an actor by name, alias or id, a tag by
    /// its text. Marked rows first (always kept), then name matches, then those by
    /// alias or id.
    fn narrow_picker(&self, p: &mut Picker) {
        let q = p.query.lower().trim();
        let key = crate::library::normalize(q);
        let mut shown = Vec::new();
        for i in 0..p.choices.len() {
            let why = match p.kind {
                PickerKind::Actors | PickerKind::Dossier => self.library.actors[i].matched_by(&key),
                PickerKind::Tags => {
                    (q.is_empty() || contains_ci(&p.choices[i].0, q)).then(String::new)
                }
            };
            if why.is_some() || p.chosen.contains(&i) {
                // A marked row stays in view: Enter never applies a mark one cannot see.
                p.why[i] = why;
                shown.push(i);
            }
        }
        shown.sort_by_cached_key(|&i| {
            (
                !p.chosen.contains(&i),
                p.why[i].as_ref().is_none_or(|w| !w.is_empty()),
                p.choices[i].0.to_lowercase(),
            )
        });
        p.shown = shown;
        p.cursor = p.cursor.min(p.shown.len().saturating_sub(1));
        self.view.popup().restart();
    }

    pub(super) fn update_picker(&mut self, action: Action) {
        let Some(Overlay::Picker(mut p)) = self.overlay.take() else {
            return;
        };
        match action {
            Action::Back => return,
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::Down => p.cursor = (p.cursor + 1).min(p.shown.len().saturating_sub(1)),
            Action::Up => p.cursor = p.cursor.saturating_sub(1),
            // Tab marks and moves on, as in fzf.
            Action::Toggle if p.kind != PickerKind::Dossier => {
                if let Some(&i) = p.shown.get(p.cursor)
                    && !p.chosen.remove(&i)
                {
                    p.chosen.insert(i);
                }
                p.cursor = (p.cursor + 1).min(p.shown.len().saturating_sub(1));
            }
            // The highlight goes to the best match, past the marked rows kept on top.
            Action::Type(c) => {
                p.query.push(c);
                self.narrow_picker(&mut p);
                p.cursor = p.first_match();
            }
            Action::Erase => {
                p.query.pop();
                self.narrow_picker(&mut p);
                p.cursor = p.first_match();
            }
            Action::Apply => {
                // Enter with nothing marked takes the highlighted one.
                if p.chosen.is_empty()
                    && let Some(&i) = p.shown.get(p.cursor)
                {
                    p.chosen.insert(i);
                }
                match p.kind {
                    PickerKind::Actors => {
                        self.filters.actors = p.chosen.iter().copied().collect();
                        self.after_filter_change();
                    }
                    PickerKind::Dossier => {
                        if let Some(&ix) = p.chosen.iter().next() {
                            self.open_screen(crate::library::lists::ListKind::Dossier(ix));
                        }
                    }
                    PickerKind::Tags => {
                        self.filters.tags =
                            p.chosen.iter().map(|&i| p.choices[i].0.clone()).collect();
                        self.refresh();
                    }
                }
                return;
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Picker(p));
    }
}
