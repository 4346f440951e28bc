//! What each pane lists, made again from the library and the filters after every change.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::{App, Pane};
use crate::library::search::{item_matches, overview_matches};
use crate::library::{BriefingIx, Item, Order, TimelineRow};

/// What the panes show: rows of the current briefing (and of the library, for the
/// Briefings pane) that the filters keep.
#[derive(Clone, Debug, Default)]
pub struct Shown {
    pub briefings: Vec<BriefingIx>,
    /// Actors of the current briefing, by their index in it.
    pub actors: Vec<usize>,
    pub timeline: Vec<TimelineRow>,
    pub quotes: Vec<usize>,
    pub implications: Vec<usize>,
    /// Search matches per briefing, for the list.
    pub match_counts: MatchCounts,
}

/// Search matches per briefing. Made again on each key for every briefing found: a
/// briefing's number is hashed by one multiplication, not a keyed hash.
pub type MatchCounts = HashMap<BriefingIx, usize, BuildHasherDefault<ByNumber>>;

/// Hashes a briefing's number by spreading its bits with one multiplication.
#[derive(Default)]
pub struct ByNumber(u64);

impl Hasher for ByNumber {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

impl App {
    /// Makes the panes' lists again after the library, a filter or the search changed;
    /// an open full-screen list follows too.
    pub(super) fn refresh(&mut self) {
        // Once the library stops changing, what keys walk is made before a key asks.
        if !self.settling() {
            self.library.prepare();
        }
        self.refresh_list();
        self.refresh_panes();
        self.refresh_screen();
    }

    fn refresh_list(&mut self) {
        self.follow_query();
        let lib = &self.library;
        let filters = &self.filters;
        let hits = self.hits.as_ref();
        let mut counts = MatchCounts::default();
        // The order is kept by the library until it changes: a key only walks it, and
        // what the actor and tag filters keep comes from what the library keeps too.
        let kept = lib.kept_briefings(filters);
        let order = lib.order(match self.sort {
            super::Sort::Newest => Order::Newest,
            super::Sort::Oldest => Order::Oldest,
            super::Sort::Title => Order::Title,
        });
        let list: Vec<BriefingIx> = order
            .iter()
            .copied()
            .filter(|&b| kept.as_ref().is_none_or(|k| k[b]))
            .filter(|&b| {
                let Some(hits) = hits else {
                    return true;
                };
                // Until the search reaches a briefing, it is not listed.
                match hits.found(b) {
                    Some(f) => {
                        counts.insert(b, f.count);
                        true
                    }
                    None => false,
                }
            })
            .collect();
        self.shown.briefings = list;
        self.shown.match_counts = counts;
        self.view.pane(Pane::Briefings).restart();
        // Keep showing the current briefing if it is still listed (or the search has
        // not reached it yet); otherwise the first.
        let keep = self.current.filter(|c| self.shown.briefings.contains(c));
        let unsearched = self
            .current
            .is_some_and(|c| self.hits.as_ref().is_some_and(|h| h.waiting(c)));
        match keep {
            None if unsearched => self.places.briefings = 0,
            Some(c) => {
                self.places.briefings = self
                    .shown
                    .briefings
                    .iter()
                    .position(|&b| b == c)
                    .unwrap_or(0)
            }
            None => {
                self.places.briefings = 0;
                match self.shown.briefings.first() {
                    Some(&b) => self.show_briefing(b),
                    None if self.library.briefings.is_empty() => self.current = None,
                    // Everything is filtered out: keep the briefing on screen for context.
                    None => {}
                }
            }
        }
    }

    pub(super) fn refresh_panes(&mut self) {
        for pane in [
            Pane::Actors,
            Pane::Timeline,
            Pane::Quotes,
            Pane::Implications,
        ] {
            self.view.pane(pane).restart();
        }
        let Some(b) = self.current else {
            self.shown.actors.clear();
            self.shown.timeline.clear();
            self.shown.quotes.clear();
            self.shown.implications.clear();
            self.search.matches.clear();
            return;
        };
        let lib = &self.library;
        let br = &lib.briefings[b];
        let sel = &self.filters.actors;
        let filtered = !sel.is_empty();
        self.shown.actors = (0..br.actors.len()).collect();
        let mut timeline: Vec<TimelineRow> = (0..br.timeline.len())
            .filter(|&i| !filtered || lib.involves(b, &br.timeline[i].actors, sel))
            .map(TimelineRow::Entry)
            .collect();
        // The event goes after entries that start before it, and before the rest.
        let at = timeline
            .iter()
            .position(
                |r| matches!(r, TimelineRow::Entry(i) if br.timeline[*i].date > br.event.date),
            )
            .unwrap_or(timeline.len());
        timeline.insert(at, TimelineRow::Event);
        self.shown.timeline = timeline;
        self.shown.quotes = (0..br.quotes.len())
            .filter(|&i| {
                !filtered || lib.involves(b, std::slice::from_ref(&br.quotes[i].actor), sel)
            })
            .collect();
        self.shown.implications = (0..br.implications.len())
            .filter(|&i| !filtered || lib.involves(b, &br.implications[i].actors, sel))
            .collect();
        self.refresh_matches();
    }

    fn refresh_matches(&mut self) {
        let q = self.filters.query.lower();
        self.search.matches.clear();
        self.search.current = None;
        if q.is_empty() {
            return;
        }
        let mut m = Vec::new();
        for (row, &b) in self.shown.briefings.iter().enumerate() {
            if self.shown.match_counts.contains_key(&b) && self.shows_list() {
                m.push((Pane::Briefings, row));
            }
        }
        if let Some(b) = self.current {
            let br = &self.library.briefings[b];
            if overview_matches(br, q) {
                m.push((Pane::Overview, 0));
            }
            let shown = &self.shown;
            let rows = [
                (
                    Pane::Actors,
                    shown.actors.iter().map(|&i| Item::Actor(b, i)).collect(),
                ),
                (
                    Pane::Timeline,
                    shown.timeline.iter().map(|r| r.item(b)).collect(),
                ),
                (
                    Pane::Quotes,
                    shown.quotes.iter().map(|&i| Item::Quote(b, i)).collect(),
                ),
                (
                    Pane::Implications,
                    shown
                        .implications
                        .iter()
                        .map(|&i| Item::Implication(b, i))
                        .collect::<Vec<_>>(),
                ),
            ];
            for (pane, items) in rows {
                for (row, item) in items.into_iter().enumerate() {
                    if item_matches(br, item, q) {
                        m.push((pane, row));
                    }
                }
            }
        }
        self.search.matches = m;
    }

    /// How many rows the pane has (for the Overview, lines of text as last drawn).
    pub fn pane_len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Briefings => self.shown.briefings.len(),
            Pane::Overview => self.view.pane(Pane::Overview).lines(),
            Pane::Actors => self.shown.actors.len(),
            Pane::Timeline => self.shown.timeline.len(),
            Pane::Quotes => self.shown.quotes.len(),
            Pane::Implications => self.shown.implications.len(),
        }
    }

    /// The pane's row (for the Overview, its first line in view), kept within its rows.
    pub fn cursor(&self, pane: Pane) -> usize {
        (*self.places.get(pane)).min(self.pane_len(pane).saturating_sub(1))
    }

    /// The item on the pane's current row.
    pub fn item_at_cursor(&self, pane: Pane) -> Option<Item> {
        self.item_at(pane, self.cursor(pane))
    }

    /// The item on a row of a pane, in the current briefing.
    pub(super) fn item_at(&self, pane: Pane, row: usize) -> Option<Item> {
        let b = self.current?;
        let s = &self.shown;
        match pane {
            Pane::Briefings => s.briefings.get(row).map(|&b| Item::Briefing(b)),
            Pane::Overview => Some(Item::Briefing(b)),
            Pane::Actors => s.actors.get(row).map(|&i| Item::Actor(b, i)),
            Pane::Timeline => s.timeline.get(row).map(|r| r.item(b)),
            Pane::Quotes => s.quotes.get(row).map(|&i| Item::Quote(b, i)),
            Pane::Implications => s.implications.get(row).map(|&i| Item::Implication(b, i)),
        }
    }

    /// `Actor: Tom Bossert — timeline 2/6, quotes 3/5`, when filtered by actor.
    pub fn filter_summary(&self) -> Option<String> {
        if self.filters.actors.is_empty() {
            return None;
        }
        let names: Vec<&str> = self
            .filters
            .actors
            .iter()
            .filter_map(|&i| self.library.actors.get(i))
            .map(|a| a.name.as_str())
            .collect();
        let label = if names.len() == 1 { "Actor" } else { "Actors" };
        let mut parts = Vec::new();
        if self.shows_list() {
            parts.push(format!(
                "briefings {}/{}",
                self.shown.briefings.len(),
                self.library.briefings.len()
            ));
        }
        if let Some(br) = self.briefing() {
            let entries = self
                .shown
                .timeline
                .iter()
                .filter(|r| matches!(r, TimelineRow::Entry(_)))
                .count();
            parts.push(format!("timeline {entries}/{}", br.timeline.len()));
            parts.push(format!(
                "quotes {}/{}",
                self.shown.quotes.len(),
                br.quotes.len()
            ));
            parts.push(format!(
                "implications {}/{}",
                self.shown.implications.len(),
                br.implications.len()
            ));
        }
        Some(format!(
            "{label}: {} \u{2014} {}",
            names.join(", "),
            parts.join(", ")
        ))
    }
}
