//! What is new since you last read. Every timeline entry, quote and implication has a
//! fingerprint ([`Print`]); what you have seen is kept per briefing id. An item whose
//! fingerprint was not seen is new, or changed when it takes the place of a seen one
//! that is gone (the same label, else the same row); a briefing whose id was never
//! seen is new as a whole. The first time a library is opened, everything in it
//! counts as seen (a baseline), so only what arrives or changes after that is new.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{BriefingIx, Item, Library};
use crate::model::Briefing;
use crate::state::{self, MAX_TEXT_CHARS, Print, SeenBriefing, TEXT_BUDGET};

/// The kinds of item that can be new.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Entry,
    Quote,
    Implication,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Entry, Kind::Quote, Kind::Implication];

    /// Item `i` of this kind in briefing `b`.
    pub fn item(self, b: BriefingIx, i: usize) -> Item {
        match self {
            Kind::Entry => Item::Entry(b, i),
            Kind::Quote => Item::Quote(b, i),
            Kind::Implication => Item::Implication(b, i),
        }
    }

    /// The briefing, kind and index of an item that can be new.
    pub fn of(item: Item) -> Option<(BriefingIx, Kind, usize)> {
        match item {
            Item::Entry(b, i) => Some((b, Kind::Entry, i)),
            Item::Quote(b, i) => Some((b, Kind::Quote, i)),
            Item::Implication(b, i) => Some((b, Kind::Implication, i)),
            _ => None,
        }
    }
}

/// The fingerprints of one briefing's items, in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prints {
    pub timeline: state::Prints,
    pub quotes: state::Prints,
    pub implications: state::Prints,
}

impl Prints {
    pub fn of(&self, kind: Kind) -> &[Print] {
        self.shared(kind)
    }

    /// The fingerprints of one kind, to share.
    fn shared(&self, kind: Kind) -> &state::Prints {
        match kind {
            Kind::Entry => &self.timeline,
            Kind::Quote => &self.quotes,
            Kind::Implication => &self.implications,
        }
    }
}

fn seen_of_mut(s: &mut SeenBriefing, kind: Kind) -> &mut state::Prints {
    match kind {
        Kind::Entry => &mut s.timeline,
        Kind::Quote => &mut s.quotes,
        Kind::Implication => &mut s.implications,
    }
}

/// FNV-1a: small, and the same in every build, so fingerprints kept in the state
/// still match after an upgrade (the standard hasher promises neither).
/// Changes a list of fingerprints (shared, so made again).
fn edit(list: &mut state::Prints, change: impl FnOnce(&mut Vec<Print>)) {
    let mut v = list.to_vec();
    change(&mut v);
    *list = v.into();
}

fn fnv1a(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ b as u64).wrapping_mul(FNV_PRIME))
}

const FNV_PRIME: u64 = 0x0100_0000_01b3;

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Parts with a separator between them, so that ("ab", "c") and ("a", "bc") differ.
fn fnv<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    parts
        .into_iter()
        .fold(FNV_START, |h, part| fnv1a(fnv1a(h, part), &[0xff]))
}

/// Everything an item says, as the format writes it (the JSON export's keys): the
/// hash of each item's JSON, as serde_json writes it (written by [`super::json`],
/// which does it faster). The JSON of all the items is written into one buffer,
/// then hashed four items at a time: FNV-1a takes a multiplication per byte, each
/// waiting for the last, and four hashes side by side wait less. The values are
/// those of hashing each item's JSON alone (a test holds them to it).
fn wholes<T: serde::Serialize>(items: &[T]) -> Vec<u64> {
    let mut json = Vec::new();
    let mut ends = Vec::with_capacity(items.len());
    for item in items {
        let start = json.len();
        if super::json::write(&mut json, item).is_err() {
            // As the hash of nothing written, which a failed serialization gave before.
            json.truncate(start);
        }
        ends.push(json.len());
    }
    let mut parts = Vec::with_capacity(items.len());
    let mut start = 0;
    for &end in &ends {
        parts.push(&json[start..end]);
        start = end;
    }
    let mut out = Vec::with_capacity(items.len());
    for group in parts.chunks(4) {
        let hashes = match group {
            [a, b, c, d] => fnv1a_four([a, b, c, d]),
            _ => {
                let mut h = [FNV_START; 4];
                for (h, part) in h.iter_mut().zip(group) {
                    *h = fnv1a(FNV_START, part);
                }
                h
            }
        };
        out.extend(hashes[..group.len()].iter().map(|&h| fnv1a(h, &[0xff])));
    }
    out
}

/// FNV-1a of four byte strings, their common length side by side.
fn fnv1a_four(parts: [&[u8]; 4]) -> [u64; 4] {
    let n = parts.iter().map(|p| p.len()).min().unwrap_or(0);
    let mut h = [FNV_START; 4];
    let [a, b, c, d] = parts.map(|p| &p[..n]);
    for (((&x, &y), &z), &w) in a.iter().zip(b).zip(c).zip(d) {
        h[0] = (h[0] ^ x as u64).wrapping_mul(FNV_PRIME);
        h[1] = (h[1] ^ y as u64).wrapping_mul(FNV_PRIME);
        h[2] = (h[2] ^ z as u64).wrapping_mul(FNV_PRIME);
        h[3] = (h[3] ^ w as u64).wrapping_mul(FNV_PRIME);
    }
    for (h, p) in h.iter_mut().zip(parts) {
        *h = fnv1a(*h, &p[n..]);
    }
    h
}

fn label(parts: &[&str]) -> u32 {
    let h = fnv(parts.iter().map(|p| p.as_bytes()));
    (h ^ (h >> 32)) as u32
}

/// The fingerprints of a briefing's items.
pub fn prints(b: &Briefing) -> Prints {
    let print = |whole, label| Print { whole, label };
    Prints {
        timeline: wholes(&b.timeline)
            .into_iter()
            .zip(&b.timeline)
            .map(|(whole, e)| print(whole, label(&[e.title.raw()])))
            .collect(),
        quotes: wholes(&b.quotes)
            .into_iter()
            .zip(&b.quotes)
            .map(|(whole, q)| {
                let date = q.date.map(|d| d.human()).unwrap_or_default();
                let context = q.context.as_ref().map_or("", |c| c.raw());
                print(whole, label(&[&q.actor, &date, context]))
            })
            .collect(),
        implications: wholes(&b.implications)
            .into_iter()
            .zip(&b.implications)
            .map(|(whole, m)| print(whole, label(&[m.title.raw()])))
            .collect(),
    }
}

/// What an item says, in one short text: kept so that a changed item can show it.
pub fn item_text(b: &Briefing, kind: Kind, i: usize) -> String {
    let mut text = match kind {
        Kind::Entry => b.timeline.get(i).map(|e| {
            let mut t = format!(
                "{}{}: {}",
                if e.approximate { "~" } else { "" },
                e.date.human(),
                e.title.shown()
            );
            if let Some(d) = &e.detail {
                t.push('\n');
                t.push_str(d.shown());
            }
            t
        }),
        Kind::Quote => b.quotes.get(i).map(|q| {
            let mut t = format!(
                "{}: \u{201c}{}\u{201d}",
                b.actor_name(&q.actor),
                q.text.shown()
            );
            if let Some(d) = &q.date {
                t.push_str(&format!(" ({})", d.human()));
            }
            if let Some(c) = &q.context {
                t.push_str(&format!("\n{}", c.shown()));
            }
            t
        }),
        Kind::Implication => b.implications.get(i).map(|m| {
            let mut t = m.title.shown().to_string();
            if let Some(p) = m.priority {
                t.push_str(&format!(" [{} priority]", p.name()));
            }
            if let Some(d) = &m.detail {
                t.push('\n');
                t.push_str(d.shown());
            }
            t
        }),
    }
    .unwrap_or_default();
    crate::state::cut(&mut text, MAX_TEXT_CHARS);
    text
}

/// How an item stands against what was seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Seen,
    New,
    /// Changed since seen; what it was is the fingerprint given.
    Changed(Print),
}

impl Mark {
    pub fn is_news(self) -> bool {
        self != Mark::Seen
    }
}

/// The marks of one briefing's items, in file order; a list is empty when every item
/// of its kind is seen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BriefingNews {
    /// The briefing's id was never seen.
    pub new: bool,
    pub timeline: Vec<Mark>,
    pub quotes: Vec<Mark>,
    pub implications: Vec<Mark>,
}

impl BriefingNews {
    pub fn of(&self, kind: Kind) -> &[Mark] {
        match kind {
            Kind::Entry => &self.timeline,
            Kind::Quote => &self.quotes,
            Kind::Implication => &self.implications,
        }
    }

    /// New and changed items.
    pub fn count(&self) -> usize {
        Kind::ALL
            .iter()
            .map(|&k| self.of(k).iter().filter(|m| m.is_news()).count())
            .sum()
    }

    /// Whether anything in it is new or changed, or it is new itself.
    pub fn any(&self) -> bool {
        self.new || self.count() > 0
    }
}

/// Marks for items now against fingerprints seen.
fn marks(now: &[Print], seen: &[Print]) -> Vec<Mark> {
    let mut vanished: Vec<(usize, Print)> = seen
        .iter()
        .enumerate()
        .filter(|(_, p)| !now.iter().any(|n| n.whole == p.whole))
        .map(|(i, p)| (i, *p))
        .collect();
    // Most briefings have nothing new: their marks take no room.
    if now.iter().all(|p| seen.iter().any(|s| s.whole == p.whole)) {
        return Vec::new();
    }
    now.iter()
        .enumerate()
        .map(|(i, p)| {
            if seen.iter().any(|s| s.whole == p.whole) {
                return Mark::Seen;
            }
            let by_label = vanished.iter().position(|(_, v)| v.label == p.label);
            let by_row = || vanished.iter().position(|(j, _)| *j == i);
            match by_label.or_else(by_row) {
                Some(at) => Mark::Changed(vanished.remove(at).1),
                None => Mark::New,
            }
        })
        .collect()
}

/// What was seen in one library, and the marks that follow for what is loaded now.
#[derive(Clone, Debug)]
pub struct News {
    seen: HashMap<String, SeenBriefing>,
    /// Nothing was kept about this library: what the first load brings is the baseline.
    first_time: bool,
    /// The first load is over.
    settled: bool,
    /// By briefing, parallel to the library's.
    marks: Vec<BriefingNews>,
    /// Briefings with something new, and new or changed items in all: asked for on
    /// every frame, so counted when the marks change rather than then.
    totals: (usize, usize),
    /// What changed items said before, for those seen in this run: their detail
    /// still shows it while the reader is open.
    earlier: HashMap<(String, Kind, u64), String>,
}

impl Default for News {
    fn default() -> Self {
        News {
            seen: HashMap::new(),
            first_time: true,
            settled: false,
            marks: Vec::new(),
            totals: (0, 0),
            earlier: HashMap::new(),
        }
    }
}

impl News {
    /// What was seen before, as the state kept it.
    pub fn remember(&mut self, seen: BTreeMap<String, SeenBriefing>, lib: &Library) {
        self.seen = seen.into_iter().collect();
        self.first_time = false;
        self.observe(lib);
    }

    fn baseline(&self) -> bool {
        self.first_time && !self.settled
    }

    /// The first load is over: from now on what arrives is new.
    pub fn settle(&mut self) {
        self.settled = true;
    }

    pub fn settled(&self) -> bool {
        self.settled
    }

    /// A first visit whose first load has not finished: there is no baseline to keep.
    pub fn first_visit_unfinished(&self) -> bool {
        self.baseline()
    }

    /// The library changed: marks again, and in the baseline everything counts as seen.
    pub fn observe(&mut self, lib: &Library) {
        if self.baseline() {
            for b in self.marks.len()..lib.briefings.len() {
                self.record(lib, b, None);
            }
        }
        for b in 0..lib.briefings.len() {
            self.share(lib, b);
        }
        self.marks = (0..lib.briefings.len())
            .map(|b| self.compute(lib, b))
            .collect();
        self.tally();
    }

    /// Briefings read again in place (none came or went): only their marks are worked
    /// out again.
    pub fn observe_changed(&mut self, lib: &Library, changed: &[BriefingIx]) {
        if self.baseline() || self.marks.len() != lib.briefings.len() {
            return self.observe(lib);
        }
        for &b in changed {
            if b < self.marks.len() {
                self.marks[b] = self.compute(lib, b);
            }
        }
        self.tally();
    }

    fn tally(&mut self) {
        let briefings = self.marks.iter().filter(|m| m.any()).count();
        self.totals = (briefings, self.marks.iter().map(BriefingNews::count).sum());
    }

    /// Briefings appended to the library since it was last looked at: only theirs are
    /// worked out, so loading in batches costs each briefing once.
    pub fn observe_arrivals(&mut self, lib: &Library) {
        if self.marks.len() > lib.briefings.len() {
            return self.observe(lib);
        }
        for b in self.marks.len()..lib.briefings.len() {
            if self.baseline() && self.first_seen(lib, b) {
                // Seen as a whole, and so nothing in it is new.
                self.marks.push(BriefingNews::default());
                continue;
            }
            if self.baseline() {
                self.record(lib, b, None);
            }
            self.share(lib, b);
            let marks = self.compute(lib, b);
            self.totals.0 += usize::from(marks.any());
            self.totals.1 += marks.count();
            self.marks.push(marks);
        }
    }

    /// In the baseline, a briefing whose id nothing was recorded for yet (nearly every
    /// one) is recorded seen as it is: what [`News::record`] of all its items comes
    /// to, without working out marks first.
    fn first_seen(&mut self, lib: &Library, b: BriefingIx) -> bool {
        let (Some(br), Some(prints)) = (lib.briefings.get(b), lib.prints(b)) else {
            return false;
        };
        if self.seen.contains_key(&br.id) {
            return false;
        }
        self.seen.insert(
            br.id.clone(),
            SeenBriefing {
                timeline: prints.timeline.clone(),
                quotes: prints.quotes.clone(),
                implications: prints.implications.clone(),
                before: BTreeMap::new(),
            },
        );
        true
    }

    /// What was seen of briefing `b`, where it is all of one kind as loaded, made the
    /// library's own fingerprints rather than a copy read from the state.
    fn share(&mut self, lib: &Library, b: BriefingIx) {
        let (Some(br), Some(prints)) = (lib.briefings.get(b), lib.prints(b)) else {
            return;
        };
        let Some(seen) = self.seen.get_mut(&br.id) else {
            return;
        };
        for kind in Kind::ALL {
            let (list, now) = (seen_of_mut(seen, kind), prints.shared(kind));
            if !std::sync::Arc::ptr_eq(list, now) && list[..] == now[..] {
                *list = now.clone();
            }
        }
    }

    fn compute(&self, lib: &Library, b: BriefingIx) -> BriefingNews {
        let (Some(br), Some(p)) = (lib.briefings.get(b), lib.prints(b)) else {
            return BriefingNews::default();
        };
        match self.seen.get(&br.id) {
            None => BriefingNews {
                new: true,
                timeline: vec![Mark::New; p.timeline.len()],
                quotes: vec![Mark::New; p.quotes.len()],
                implications: vec![Mark::New; p.implications.len()],
            },
            Some(s) => BriefingNews {
                new: false,
                timeline: marks(&p.timeline, &s.timeline),
                quotes: marks(&p.quotes, &s.quotes),
                implications: marks(&p.implications, &s.implications),
            },
        }
    }

    /// Records items of briefing `b` as seen: one (`Some`), or all of them.
    fn record(&mut self, lib: &Library, b: BriefingIx, only: Option<(Kind, usize)>) {
        let (Some(br), Some(prints)) = (lib.briefings.get(b), lib.prints(b)) else {
            return;
        };
        let marks = self.compute(lib, b);
        let rec = self.seen.entry(br.id.clone()).or_default();
        for kind in Kind::ALL {
            let now = prints.of(kind);
            for (i, p) in now.iter().enumerate() {
                if only.is_some_and(|o| o != (kind, i)) {
                    continue;
                }
                match marks.of(kind).get(i).copied().unwrap_or(Mark::Seen) {
                    Mark::Seen => continue,
                    Mark::Changed(was) => {
                        edit(seen_of_mut(rec, kind), |l| {
                            l.retain(|s| s.whole != was.whole)
                        });
                        // Empty when the earlier text was not kept.
                        let t = rec
                            .before
                            .remove(&was.hex())
                            .or_else(|| lib.earlier_text(&br.id, was.whole).map(str::to_string))
                            .unwrap_or_default();
                        self.earlier.insert((br.id.clone(), kind, p.whole), t);
                    }
                    Mark::New => {}
                }
                // Its text is not copied: the item says it while it is loaded, and the
                // library keeps what a replaced version said.
                edit(seen_of_mut(rec, kind), |l| l.push(*p));
            }
            if only.is_none() {
                // Marked read as a whole: what is gone from it need not be kept.
                if now[..] == seen_of_mut(rec, kind)[..] {
                    // All of it seen, as loaded: the library's own, not a copy.
                    *seen_of_mut(rec, kind) = prints.shared(kind).clone();
                } else {
                    edit(seen_of_mut(rec, kind), |l| {
                        l.retain(|s| now.iter().any(|n| n.whole == s.whole))
                    });
                }
            }
        }
        if only.is_none() && !rec.before.is_empty() {
            let current: HashSet<String> = Kind::ALL
                .iter()
                .flat_map(|&kd| prints.of(kd).iter().map(|p| p.hex()))
                .collect();
            rec.before.retain(|k, _| current.contains(k));
        }
    }

    /// Item `i` of `kind` in briefing `b` was read.
    pub fn see(&mut self, lib: &Library, b: BriefingIx, kind: Kind, i: usize) {
        if self.mark(b, kind, i).is_news() {
            self.record(lib, b, Some((kind, i)));
            self.observe_ids(lib, b);
        }
    }

    /// Everything in briefing `b` was read.
    pub fn see_briefing(&mut self, lib: &Library, b: BriefingIx) {
        self.record(lib, b, None);
        self.observe_ids(lib, b);
    }

    /// Everything in the library was read.
    pub fn see_all(&mut self, lib: &Library) {
        for b in 0..lib.briefings.len() {
            if self.marks.get(b).is_some_and(|m| m.any()) {
                self.record(lib, b, None);
            }
        }
        self.observe(lib);
    }

    /// Marks again every briefing that shares `b`'s id.
    fn observe_ids(&mut self, lib: &Library, b: BriefingIx) {
        let Some(id) = lib.briefings.get(b).map(|br| br.id.clone()) else {
            return;
        };
        for x in 0..lib.briefings.len().min(self.marks.len()) {
            if lib.briefings[x].id == id {
                self.marks[x] = self.compute(lib, x);
            }
        }
        self.tally();
    }

    /// The marks of briefing `b`.
    pub fn briefing(&self, b: BriefingIx) -> Option<&BriefingNews> {
        self.marks.get(b)
    }

    pub fn mark(&self, b: BriefingIx, kind: Kind, i: usize) -> Mark {
        self.marks
            .get(b)
            .and_then(|m| m.of(kind).get(i).copied())
            .unwrap_or(Mark::Seen)
    }

    /// Briefings with something new, and new or changed items in all.
    pub fn totals(&self) -> (usize, usize) {
        self.totals
    }

    /// What a changed item said when it was last seen: empty when that was not kept
    /// (see [`TEXT_BUDGET`]); `None` for an item that did not change.
    pub fn before<'a>(
        &'a self,
        lib: &'a Library,
        b: BriefingIx,
        kind: Kind,
        i: usize,
    ) -> Option<&'a str> {
        let br = lib.briefings.get(b)?;
        match self.mark(b, kind, i) {
            Mark::Changed(was) => Some(
                self.seen
                    .get(&br.id)
                    .and_then(|s| s.before.get(&was.hex()))
                    .map(String::as_str)
                    .or_else(|| lib.earlier_text(&br.id, was.whole))
                    .unwrap_or(""),
            ),
            _ => {
                let now = lib.prints(b)?.of(kind).get(i)?;
                self.earlier
                    .get(&(br.id.clone(), kind, now.whole))
                    .map(String::as_str)
            }
        }
    }

    /// Every new or changed item: `(briefing, kind, index)`.
    pub fn items(&self) -> Vec<(BriefingIx, Kind, usize)> {
        let mut out = Vec::new();
        for (b, m) in self.marks.iter().enumerate() {
            for kind in Kind::ALL {
                for (i, mark) in m.of(kind).iter().enumerate() {
                    if mark.is_news() {
                        out.push((b, kind, i));
                    }
                }
            }
        }
        out
    }

    /// What to keep: for each briefing loaded, the items seen (and those a changed
    /// item replaced, so it still shows as changed next time); earlier texts for the
    /// newest briefings first, until one does not fit in [`TEXT_BUDGET`]. Records of briefings not loaded
    /// are kept while loading is unfinished (they may yet arrive), dropped after.
    pub fn keep(&self, lib: &Library, complete: bool) -> BTreeMap<String, SeenBriefing> {
        let mut out: BTreeMap<String, SeenBriefing> = BTreeMap::new();
        let mut order: Vec<BriefingIx> = (0..lib.briefings.len()).collect();
        order.sort_by(|&a, &b| lib.briefings[b].date.cmp(&lib.briefings[a].date));
        let mut budget = TEXT_BUDGET;
        let mut full = false;
        for b in order {
            let br = &lib.briefings[b];
            let (Some(rec), Some(prints), Some(marks)) =
                (self.seen.get(&br.id), lib.prints(b), self.marks.get(b))
            else {
                continue;
            };
            let kept = out.entry(br.id.clone()).or_default();
            for kind in Kind::ALL {
                let mut list = seen_of_mut(kept, kind).to_vec();
                for (i, p) in prints.of(kind).iter().enumerate() {
                    let m = marks.of(kind).get(i).unwrap_or(&Mark::Seen);
                    let keep = match m {
                        Mark::Seen => Some(*p),
                        Mark::Changed(was) => Some(*was),
                        Mark::New => None,
                    };
                    if let Some(k) = keep
                        && !list.contains(&k)
                    {
                        list.push(k);
                    }
                }
                *seen_of_mut(kept, kind) = if list[..] == prints.of(kind)[..] {
                    prints.shared(kind).clone()
                } else {
                    list.into()
                };
                // Once a text does not fit, the budget is spent: the texts of older
                // items are not made at all (a large library has hundreds of thousands).
                if full {
                    continue;
                }
                let seen = seen_of_mut(kept, kind).clone();
                for &p in seen.iter() {
                    let hex = p.hex();
                    if kept.before.contains_key(&hex) {
                        continue;
                    }
                    // What it said: as kept before, else as the item says it now,
                    // else as a version replaced while open said it.
                    let text = match rec.before.get(&hex) {
                        Some(t) => Some(t.clone()),
                        None => match prints.of(kind).iter().position(|n| n.whole == p.whole) {
                            Some(i) => Some(item_text(br, kind, i)),
                            None => lib.earlier_text(&br.id, p.whole).map(str::to_string),
                        },
                    };
                    match text {
                        Some(t) if t.len() <= budget => {
                            budget -= t.len();
                            kept.before.insert(hex, t);
                        }
                        Some(_) => {
                            full = true;
                            break;
                        }
                        None => {}
                    }
                }
            }
        }
        if !complete {
            for (id, rec) in &self.seen {
                out.entry(id.clone()).or_insert_with(|| rec.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(whole: u64, label: u32) -> Print {
        Print { whole, label }
    }

    #[test]
    fn an_unseen_print_is_new_or_takes_the_place_of_a_vanished_one() {
        let seen = [p(1, 10), p(2, 20), p(3, 30)];
        // 2 corrected (same label), 4 added, 3 unchanged.
        let now = [p(1, 10), p(5, 20), p(3, 30), p(4, 40)];
        assert_eq!(
            marks(&now, &seen),
            vec![Mark::Seen, Mark::Changed(p(2, 20)), Mark::Seen, Mark::New]
        );
        // A retitled item in the same row is changed too.
        let now = [p(1, 10), p(6, 60), p(3, 30)];
        assert_eq!(marks(&now, &seen)[1], Mark::Changed(p(2, 20)));
    }

    /// What was seen of a briefing as it is loaded is the library's fingerprints, not
    /// a copy of them: in the baseline, and when read back from the state.
    #[test]
    fn what_was_seen_as_loaded_is_not_kept_twice() {
        use std::sync::Arc;
        let b = crate::load::load_str(
            std::path::Path::new("b.yaml"),
            include_str!("../../briefings/wannacry-attribution.yaml"),
        )
        .unwrap();
        let lib = Library::new(vec![b], Vec::new());
        let (id, prints) = (&lib.briefings[0].id, lib.prints(0).unwrap());
        let shared = |news: &News| {
            let seen = &news.seen[id];
            Kind::ALL.map(|k| {
                Arc::ptr_eq(seen_of(seen, k), prints.shared(k)) && !prints.of(k).is_empty()
            })
        };
        let mut news = News::default();
        news.observe_arrivals(&lib);
        assert_eq!(shared(&news), [true; 3]);
        news.settle();
        // As the state file gives it back: lists of their own, equal to the loaded ones.
        let kept: BTreeMap<String, SeenBriefing> = news
            .keep(&lib, true)
            .into_iter()
            .map(|(id, s)| {
                let own = |l: &state::Prints| l.iter().copied().collect::<state::Prints>();
                let mut s = s.clone();
                s.timeline = own(&s.timeline);
                s.quotes = own(&s.quotes);
                s.implications = own(&s.implications);
                (id, s)
            })
            .collect();
        assert!(!Arc::ptr_eq(&kept[id].timeline, &prints.timeline));
        let mut again = News::default();
        again.remember(kept, &lib);
        assert_eq!(shared(&again), [true; 3]);
        assert_eq!(again.totals, (0, 0));
    }

    fn seen_of(s: &SeenBriefing, kind: Kind) -> &state::Prints {
        match kind {
            Kind::Entry => &s.timeline,
            Kind::Quote => &s.quotes,
            Kind::Implication => &s.implications,
        }
    }

    /// An item's JSON hashed as it is written, alone: what [`wholes`] must give.
    fn whole_alone(item: &impl serde::Serialize) -> u64 {
        struct Fnv(u64);
        impl std::io::Write for Fnv {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0 = fnv1a(self.0, bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut h = Fnv(FNV_START);
        serde_json::to_writer(&mut h, item).unwrap();
        fnv1a(h.0, &[0xff])
    }

    #[test]
    fn items_hashed_four_at_a_time_have_the_fingerprints_of_each_alone() {
        let bundled = [
            include_str!("../../briefings/wannacry-attribution.yaml"),
            include_str!("../../briefings/exercise-election-influence.yaml"),
            include_str!("../../briefings/exercise-port-ransomware.yaml"),
            include_str!("../../briefings/exercise-grid-intrusion.yaml"),
        ]
        .map(|src| crate::load::load_str(std::path::Path::new("b.yaml"), src).unwrap());
        let mut entries = Vec::new();
        for b in &bundled {
            let p = prints(b);
            for (print, e) in p.timeline.iter().zip(&b.timeline) {
                assert_eq!({ print.whole }, whole_alone(e));
            }
            for (print, q) in p.quotes.iter().zip(&b.quotes) {
                assert_eq!({ print.whole }, whole_alone(q));
            }
            for (print, m) in p.implications.iter().zip(&b.implications) {
                assert_eq!({ print.whole }, whole_alone(m));
            }
            assert_eq!(p.timeline.len(), b.timeline.len());
            entries.extend(b.timeline.iter().cloned());
        }
        // Every count of items, so every way a group of four can fall short.
        for n in 0..=9.min(entries.len()) {
            let alone: Vec<u64> = entries[..n].iter().map(whole_alone).collect();
            assert_eq!(wholes(&entries[..n]), alone, "{n} items");
        }
        // Pinned: the state keeps these.
        assert_eq!(wholes::<u8>(&[]), Vec::<u64>::new());
        assert_eq!(
            wholes(&["a"]),
            vec![fnv1a(fnv1a(FNV_START, b"\"a\""), &[0xff])]
        );
    }

    #[test]
    fn fingerprints_are_the_same_in_every_build() {
        // Kept in the state: a new hasher would make every item look changed.
        assert_eq!(fnv1a(FNV_START, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(FNV_START, b"foobar"), 0x8594_4171_f739_67e8);
        assert_ne!(fnv([&b"ab"[..], b"c"]), fnv([&b"a"[..], b"bc"]));
        assert_eq!(label(&["a", "b"]), 0x4024_880b);
    }
}
