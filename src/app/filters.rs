//! Narrowing to actors and tags: the actor filter, and the pickers that choose actors
//! or tags by typing part of a name.

use std::collections::BTreeSet;

use super::{Action, App, Notice, Overlay, Pane};
use crate::library::{Item, Query, contains_ci};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerKind {
    Actors,
    Tags,
}

/// Choosing actors or tags: type to narrow, `Space` to select, `Enter` to apply.
#[derive(Clone, Debug)]
pub struct Picker {
    pub kind: PickerKind,
    /// What is typed to narrow the choices.
    pub query: Query,
    /// `(label, detail)` of every choice.
    pub choices: Vec<(String, String)>,
    /// Choices that match the query, as indices into `choices`.
    pub shown: Vec<usize>,
    pub chosen: BTreeSet<usize>,
    pub cursor: usize,
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

    pub(super) fn clear_actor_filter(&mut self) {
        if !self.filters.actors.is_empty() {
            self.filters.actors.clear();
            self.after_filter_change();
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
        let mut order: Vec<usize> = (0..choices.len()).collect();
        order.sort_by_key(|&i| choices[i].0.to_lowercase());
        let chosen = self.filters.actors.iter().copied().collect();
        let mut picker = Picker {
            kind: PickerKind::Actors,
            query: Query::default(),
            choices,
            shown: order,
            chosen,
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
            .into_iter()
            .map(|(t, n)| (t, format!("{n} briefing{}", if n == 1 { "" } else { "s" })))
            .collect();
        let chosen = (0..choices.len())
            .filter(|&i| self.filters.tags.contains(&choices[i].0))
            .collect();
        let mut picker = Picker {
            kind: PickerKind::Tags,
            query: Query::default(),
            shown: (0..choices.len()).collect(),
            choices,
            chosen,
            cursor: 0,
        };
        self.narrow_picker(&mut picker);
        self.open_overlay(Overlay::Picker(picker));
    }

    fn narrow_picker(&self, p: &mut Picker) {
        let q = p.query.lower().trim();
        let key = crate::library::normalize(q);
        let mut shown: Vec<usize> = (0..p.choices.len())
            .filter(|&i| match p.kind {
                PickerKind::Actors => self.library.actors[i].has_key_containing(&key),
                PickerKind::Tags => q.is_empty() || contains_ci(&p.choices[i].0, q),
            })
            .collect();
        shown.sort_by_cached_key(|&i| (!p.chosen.contains(&i), p.choices[i].0.to_lowercase()));
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
            Action::Toggle => {
                if let Some(&i) = p.shown.get(p.cursor)
                    && !p.chosen.remove(&i)
                {
                    p.chosen.insert(i);
                }
            }
            Action::Type(c) => {
                p.query.push(c);
                p.cursor = 0;
                self.narrow_picker(&mut p);
            }
            Action::Erase => {
                p.query.pop();
                self.narrow_picker(&mut p);
            }
            Action::Apply => {
                // Enter with nothing selected takes the one under the cursor.
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
