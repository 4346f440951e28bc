//! What a reader can point at in a library: a briefing, one of its actors, entries,
//! quotes and implications, and a file that could not be loaded.

use super::BriefingIx;

/// One thing that can be opened in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Briefing(BriefingIx),
    Actor(BriefingIx, usize),
    Event(BriefingIx),
    Entry(BriefingIx, usize),
    Quote(BriefingIx, usize),
    Implication(BriefingIx, usize),
    /// A file with errors, by its place in [`super::Library::failed`].
    Failed(usize),
    /// A warning of the library ([`super::Library::warning`]).
    Warning(usize),
}

/// A row of a briefing's timeline: the briefing's own event has a place among the entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimelineRow {
    Event,
    Entry(usize),
}

impl TimelineRow {
    /// The item on this row of briefing `b`'s timeline.
    pub fn item(self, b: BriefingIx) -> Item {
        match self {
            TimelineRow::Event => Item::Event(b),
            TimelineRow::Entry(i) => Item::Entry(b, i),
        }
    }
}
