//! Many briefings at once: the same actor followed across files, and what a
//! filter by actor, tag or search keeps.
//!
//! - `item.rs`: what can be pointed at and opened ([`Item`]);
//! - `search.rs`: what a search looks at, and finding it in any case;
//! - `lists.rs`: the lists across the library (an actor's dossier, the library
//!   timeline, the files with errors), made from the library and the [`Filters`];
//! - `news.rs`: what is new since you last read (fingerprints and marks);
//! - `reload.rs`: files changed on disk taken in, the last good version kept.

pub mod grouping;
mod item;
mod json;
pub mod lists;
pub mod news;
mod reload;
pub mod search;

pub use reload::Applied;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use item::{Item, TimelineRow};
pub use search::{Hits, Query, contains_ci, find_ci};

use crate::load::{Diagnostic, Severity};
use crate::model::{Briefing, Id};

/// Index of a briefing in [`Library::briefings`].
pub type BriefingIx = usize;
/// Index of an actor followed across the library, in [`Library::actors`].
pub type ActorIx = usize;

pub use grouping::{ActorIndex, LibraryActor, Roster, normalize};

/// A timeline entry in the chronology: when (see [`Library::chronicle`]), briefing, entry.
type Chronicled = (u64, u32, u32);

/// What is added to a second (from 1970) in the chronology's keys to keep it positive.
const CHRONO_OFFSET: u64 = 1 << 61;

/// The second (UTC) a chronology key was made from.
fn chronicled_second(key: u64) -> i64 {
    (key >> 2).wrapping_sub(CHRONO_OFFSET) as i64
}

/// A file that could not be loaded, with all of its problems.
#[derive(Clone, Debug)]
pub struct FailedFile {
    pub path: PathBuf,
    pub problems: Vec<Diagnostic>,
}

/// What everything is narrowed to: actors, tags and the search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Briefings, entries, quotes and implications that involve any of these actors.
    pub actors: BTreeSet<ActorIx>,
    /// Briefings with any of these tags.
    pub tags: BTreeSet<String>,
    pub query: Query,
}

impl Filters {
    /// Whether any filter narrows what is shown.
    pub fn is_active(&self) -> bool {
        !self.actors.is_empty() || !self.tags.is_empty() || !self.query.is_empty()
    }
}

/// A briefing with what the library works out of each briefing once: its items'
/// fingerprints and what grouping needs of it. Made on the thread that loaded the
/// file (or kept with it in the cache), so that the thread that reads keys only adds it.
#[derive(Clone, Debug)]
pub struct Arrival {
    pub briefing: Briefing,
    pub prints: news::Prints,
    pub roster: Roster,
}

impl Arrival {
    pub fn of(briefing: Briefing) -> Arrival {
        let prints = news::prints(&briefing);
        Arrival::with_prints(briefing, prints)
    }

    /// With fingerprints already known (kept with the briefing).
    pub fn with_prints(briefing: Briefing, prints: news::Prints) -> Arrival {
        Arrival {
            roster: Roster::of(&briefing),
            prints,
            briefing,
        }
    }
}

/// The briefings loaded so far, the files that failed, and the actor index over them.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub briefings: Vec<Briefing>,
    pub failed: Vec<FailedFile>,
    /// What loaded but deserves a word: paths passed over (a link that leads nowhere),
    /// aliases that would join distinct actors.
    pub warnings: Vec<Diagnostic>,
    pub actors: Vec<LibraryActor>,
    /// For each briefing, the library actor of each of its actors.
    actor_of: Vec<Vec<ActorIx>>,
    /// What grouping the actors warned about (aliases that would join different actors).
    grouping_warnings: Vec<Diagnostic>,
    /// For each briefing, what grouping needs of it.
    rosters: Vec<Roster>,
    /// Every timeline entry of the library as `(briefing, entry)`, by date (see
    /// [`Library::chronology`]).
    chronology: Vec<Chronicled>,
    /// Entries of the latest arrivals, in the same order, not yet merged into the rest.
    recent: Vec<Chronicled>,
    /// The files and folders the library was opened from, as given.
    roots: Vec<PathBuf>,
    /// For each briefing, the fingerprints of its items (see [`news`]).
    prints: Vec<news::Prints>,
    /// Files shown as their last good version: they have changed and no longer load.
    stale: HashSet<PathBuf>,
    /// What the items of briefings replaced or removed while open said, by briefing id
    /// and fingerprint: a changed item shows what it said before (see [`news`]).
    earlier_texts: HashMap<(String, u64), String>,
    /// What is worked out from the briefings when first asked for, and forgotten
    /// whenever they change (see [`Library::forget_derived`]).
    derived: Derived,
}

/// Orders and counts over the whole library, kept between keys: a key walks them
/// rather than sorting or counting twenty thousand briefings again.
#[derive(Clone, Debug, Default)]
struct Derived {
    /// Every briefing, oldest first (by date, then file order).
    oldest: OnceLock<Vec<BriefingIx>>,
    /// Every briefing, newest first (by date, then file order).
    newest: OnceLock<Vec<BriefingIx>>,
    /// Every briefing by title, ignoring case (then file order).
    by_title: OnceLock<Vec<BriefingIx>>,
    /// Every tag with how many briefings carry it (see [`Library::tags`]).
    tags: OnceLock<Vec<(String, usize)>>,
    /// Where each briefing's timeline entries start in a run of all of them, by
    /// briefing; the last is how many there are.
    entry_starts: OnceLock<Vec<usize>>,
    /// The library timeline unfiltered.
    timeline: OnceLock<lists::Rows>,
    /// For each tag as shown, the briefings that carry it.
    tagged: OnceLock<HashMap<String, Vec<BriefingIx>>>,
    /// Where each timeline entry stands in the unfiltered library timeline, by its
    /// place in the run of all entries (see [`Library::entry_start`]).
    places: OnceLock<Vec<u32>>,
    /// For each library actor asked for, the places in the unfiltered library
    /// timeline of the entries that name it, in order.
    actor_entries: ActorEntries,
}

/// Each actor's entries, worked out when the actor is first asked for (a dossier,
/// an actor filter on the library timeline): from the briefings the actor appears
/// in, not from every entry of the library.
#[derive(Debug, Default)]
struct ActorEntries(std::sync::Mutex<HashMap<ActorIx, std::sync::Arc<[u32]>>>);

impl Clone for ActorEntries {
    fn clone(&self) -> Self {
        let kept = self.0.lock().map(|m| m.clone()).unwrap_or_default();
        ActorEntries(std::sync::Mutex::new(kept))
    }
}

/// The orders the Briefings list can be sorted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Newest,
    Oldest,
    Title,
}

impl Library {
    /// Remembers the files and folders the library is opened from, to say where each
    /// briefing came from.
    pub fn set_roots(&mut self, roots: Vec<PathBuf>) {
        self.roots = roots;
    }

    /// Where briefing `b` came from, relative to the folder opened and starting with
    /// that folder's name (`briefings/wannacry.yaml`), so two folders opened together
    /// can be told apart. Cleaned for display.
    pub fn place(&self, b: BriefingIx) -> String {
        let Some(path) = self.briefings.get(b).map(|br| &br.path) else {
            return String::new();
        };
        let shown = self
            .roots
            .iter()
            .find_map(|root| {
                let rest = path.strip_prefix(root).ok()?;
                if rest.as_os_str().is_empty() {
                    return path.file_name().map(PathBuf::from);
                }
                Some(match root.file_name() {
                    Some(folder) => std::path::Path::new(folder).join(rest),
                    None => rest.to_path_buf(),
                })
            })
            .unwrap_or_else(|| path.clone());
        crate::text::clean_line(&shown.display().to_string()).into_owned()
    }

    pub fn new(briefings: Vec<Briefing>, failed: Vec<FailedFile>) -> Library {
        let mut lib = Library::default();
        lib.extend(briefings, failed);
        lib
    }

    /// Adds briefings and groups the actors again, all at once (see [`Library::append`]
    /// for doing the grouping elsewhere).
    pub fn extend(&mut self, briefings: Vec<Briefing>, failed: Vec<FailedFile>) {
        self.append(briefings, failed);
        self.set_index(grouping::group(&self.rosters));
    }

    /// Adds briefings without grouping their actors: until [`Library::set_index`]
    /// brings a grouping that covers them, they have no library actors. Returns what
    /// grouping needs of them.
    pub fn append(&mut self, arrivals: Vec<Briefing>, failed: Vec<FailedFile>) -> Vec<Roster> {
        self.append_arrivals(arrivals.into_iter().map(Arrival::of).collect(), failed)
    }

    /// [`Library::append`] for briefings whose fingerprints and roster were worked out
    /// where they were loaded.
    pub fn append_arrivals(
        &mut self,
        arrivals: Vec<Arrival>,
        failed: Vec<FailedFile>,
    ) -> Vec<Roster> {
        let mut rosters = Vec::with_capacity(arrivals.len());
        let first = self.briefings.len();
        self.briefings.reserve(arrivals.len());
        self.prints.reserve(arrivals.len());
        for a in arrivals {
            rosters.push(a.roster);
            self.prints.push(a.prints);
            self.briefings.push(a.briefing);
        }
        self.rosters.extend(rosters.iter().cloned());
        self.forget_derived();
        self.chronicle(first);
        // A path passed over with only a warning did not fail.
        for f in failed {
            if !f.problems.is_empty() && f.problems.iter().all(|p| p.severity == Severity::Warning)
            {
                self.warnings.extend(f.problems);
            } else {
                self.failed.push(f);
            }
        }
        rosters
    }

    /// Takes a grouping of the first briefings' actors (made by
    /// [`grouping::group`] over their rosters, possibly on another thread).
    pub fn set_index(&mut self, index: ActorIndex) {
        if index.actor_of.len() > self.briefings.len() {
            return;
        }
        self.actors = index.actors;
        self.actor_of = index.actor_of;
        self.grouping_warnings = index.warnings;
        // Of what is kept, only each actor's entries hang on the grouping.
        self.derived.actor_entries = Default::default();
    }

    /// The actors of briefings read in place changed: grouped again, with each actor's
    /// entries (the orders and counts of briefings stay as they are).
    fn regroup(&mut self) {
        let index = grouping::group(&self.rosters);
        self.actors = index.actors;
        self.actor_of = index.actor_of;
        self.grouping_warnings = index.warnings;
        self.derived.actor_entries = Default::default();
    }

    /// The briefings changed (arrived, read again, removed): every order and count
    /// kept over them is made again when next asked for.
    fn forget_derived(&mut self) {
        self.derived = Derived::default();
    }

    /// Briefings were read again in place: what they changed is made again when next
    /// asked for, the rest is kept.
    fn forget_touched(&mut self, touched: &reload::Touched) {
        let d = &mut self.derived;
        if touched.dates {
            (d.oldest, d.newest) = Default::default();
        }
        if touched.titles {
            d.by_title = Default::default();
        }
        if touched.tags {
            (d.tags, d.tagged) = Default::default();
        }
        if touched.entry_dates {
            (d.entry_starts, d.timeline, d.places) = Default::default();
        }
        if touched.entry_dates || touched.entry_actors {
            d.actor_entries = Default::default();
        }
    }

    /// Every briefing in the order asked for, kept until the library changes.
    pub fn order(&self, order: Order) -> &[BriefingIx] {
        let bs = &self.briefings;
        match order {
            Order::Oldest => self.derived.oldest.get_or_init(|| {
                let keys: Vec<_> = bs.iter().map(|b| date_key(&b.date)).collect();
                let mut v: Vec<BriefingIx> = (0..bs.len()).collect();
                v.sort_by(|&a, &b| by_date(&keys, bs, a, b, |x| &x.date).then(a.cmp(&b)));
                v
            }),
            Order::Newest => self.derived.newest.get_or_init(|| {
                let keys: Vec<_> = bs.iter().map(|b| date_key(&b.date)).collect();
                let mut v: Vec<BriefingIx> = (0..bs.len()).collect();
                v.sort_by(|&a, &b| by_date(&keys, bs, b, a, |x| &x.date).then(a.cmp(&b)));
                v
            }),
            Order::Title => self.derived.by_title.get_or_init(|| {
                let mut v: Vec<BriefingIx> = (0..bs.len()).collect();
                v.sort_by_cached_key(|&a| (bs[a].title.shown().to_lowercase(), a));
                v
            }),
        }
    }

    /// Makes what the library keeps for keys, if it is not made yet: each sort order,
    /// the tags, the whole library timeline and each actor's entries in it. Done
    /// once the library stops changing, so that no key waits for it.
    pub fn prepare(&self) {
        for order in [Order::Newest, Order::Oldest, Order::Title] {
            self.order(order);
        }
        self.tags();
        let whole = self.whole_timeline(|| lists::chronology_rows(self));
        self.places(whole.entries());
        self.tagged();
    }

    /// For each tag as shown, the briefings that carry it.
    fn tagged(&self) -> &HashMap<String, Vec<BriefingIx>> {
        self.derived.tagged.get_or_init(|| {
            let mut map: HashMap<String, Vec<BriefingIx>> = HashMap::new();
            for (b, br) in self.briefings.iter().enumerate() {
                for t in &br.tags {
                    let list = map.entry(t.shown().to_string()).or_default();
                    if list.last() != Some(&b) {
                        list.push(b);
                    }
                }
            }
            map
        })
    }

    /// Which briefings the actor and tag filters keep, by briefing; `None` when
    /// neither is set. Made from what the library keeps (each actor's appearances,
    /// each tag's briefings), without reading every briefing.
    pub fn kept_briefings(&self, filters: &Filters) -> Option<Vec<bool>> {
        if filters.actors.is_empty() && filters.tags.is_empty() {
            return None;
        }
        let n = self.briefings.len();
        let mut by_actor = vec![filters.actors.is_empty(); n];
        for la in filters.actors.iter().filter_map(|&ix| self.actors.get(ix)) {
            for &(b, _) in &la.appearances {
                if let Some(k) = by_actor.get_mut(b) {
                    *k = true;
                }
            }
        }
        if filters.tags.is_empty() {
            return Some(by_actor);
        }
        let tagged = self.tagged();
        let mut kept = vec![false; n];
        for list in filters.tags.iter().filter_map(|t| tagged.get(t)) {
            for &b in list {
                kept[b] = by_actor[b];
            }
        }
        Some(kept)
    }

    /// The places in the unfiltered library timeline (`whole`, as
    /// [`Library::whole_timeline`] gives it) of the entries that name any of
    /// `actors`, in order; kept for each actor until the library changes.
    pub fn actor_entries(&self, actors: &BTreeSet<ActorIx>, whole: &[(u32, u32)]) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for &ix in actors {
            out.extend_from_slice(&self.entries_of(ix, whole));
        }
        if actors.len() > 1 {
            out.sort_unstable();
            out.dedup();
        }
        out
    }

    /// The places of the entries that name library actor `ix`, in order: kept once
    /// asked for, until the library or its grouping changes.
    fn entries_of(&self, ix: ActorIx, whole: &[(u32, u32)]) -> std::sync::Arc<[u32]> {
        let kept = self.derived.actor_entries.0.lock().ok();
        if let Some(list) = kept.and_then(|m| m.get(&ix).cloned()) {
            return list;
        }
        let places = self.places(whole);
        let mut list: Vec<u32> = Vec::new();
        let appearances = self.actors.get(ix).map_or(&[][..], |a| &a.appearances[..]);
        for &(b, k) in appearances {
            let Some(br) = self.briefings.get(b) else {
                continue;
            };
            let Some(id) = br.actors.get(k).map(|a| &a.id) else {
                continue;
            };
            // An id names the first actor that has it: the entries naming it are that
            // actor's, whichever library actor it is in.
            if br.actors.iter().position(|a| a.id == *id) != Some(k) {
                continue;
            }
            let start = self.entry_start(b);
            for (i, e) in br.timeline.iter().enumerate() {
                if e.actors.iter().any(|x| x == id)
                    && let Some(&p) = places.get(start + i)
                {
                    list.push(p);
                }
            }
        }
        list.sort_unstable();
        list.dedup();
        let list: std::sync::Arc<[u32]> = list.into();
        if let Ok(mut m) = self.derived.actor_entries.0.lock() {
            m.insert(ix, list.clone());
        }
        list
    }

    /// Where each entry stands in the unfiltered library timeline (`whole`), by its
    /// place in the run of all entries.
    fn places(&self, whole: &[(u32, u32)]) -> &[u32] {
        self.derived.places.get_or_init(|| {
            let mut place = vec![0u32; self.entry_start(self.briefings.len())];
            for (p, &(b, i)) in whole.iter().enumerate() {
                if let Some(slot) = place.get_mut(self.entry_start(b as usize) + i as usize) {
                    *slot = p as u32;
                }
            }
            place
        })
    }

    /// The library timeline with no filter, made by `make` when first asked for and
    /// kept (shared, not copied) until the library changes.
    pub fn whole_timeline(&self, make: impl FnOnce() -> lists::Rows) -> lists::Rows {
        self.derived.timeline.get_or_init(make).clone()
    }

    /// Where briefing `b`'s timeline entries start in one run of every entry of the
    /// library, briefing after briefing (`b` = the number of briefings: how many
    /// entries there are).
    pub fn entry_start(&self, b: BriefingIx) -> usize {
        let starts = self.derived.entry_starts.get_or_init(|| {
            let mut v = Vec::with_capacity(self.briefings.len() + 1);
            let mut at = 0;
            for br in &self.briefings {
                v.push(at);
                at += br.timeline.len();
            }
            v.push(at);
            v
        });
        starts[b.min(starts.len() - 1)]
    }

    /// How many briefings (from the first) have their actors grouped.
    pub fn grouped(&self) -> usize {
        self.actor_of.len()
    }

    /// Every warning: paths passed over, then aliases that would join different actors.
    pub fn all_warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.warnings.iter().chain(&self.grouping_warnings)
    }

    pub fn warning_count(&self) -> usize {
        self.warnings.len() + self.grouping_warnings.len()
    }

    pub fn warning(&self, i: usize) -> Option<&Diagnostic> {
        self.all_warnings().nth(i)
    }

    /// The fingerprints of briefing `b`'s items.
    pub fn prints(&self, b: BriefingIx) -> Option<&news::Prints> {
        self.prints.get(b)
    }

    /// What an item of a briefing replaced or removed while open said.
    pub fn earlier_text(&self, id: &str, whole: u64) -> Option<&str> {
        if self.earlier_texts.is_empty() {
            return None;
        }
        self.earlier_texts
            .get(&(id.to_string(), whole))
            .map(String::as_str)
    }

    /// Keeps what briefing `b`'s items say, before it is replaced or removed.
    fn keep_earlier_texts(&mut self, b: BriefingIx) {
        let (Some(br), Some(prints)) = (self.briefings.get(b), self.prints.get(b)) else {
            return;
        };
        for kind in news::Kind::ALL {
            for (i, p) in prints.of(kind).iter().enumerate() {
                self.earlier_texts
                    .entry((br.id.clone(), p.whole))
                    .or_insert_with(|| news::item_text(br, kind, i));
            }
        }
    }

    /// Whether briefing `b` is the last good version of a file that no longer loads.
    pub fn is_stale(&self, b: BriefingIx) -> bool {
        self.briefings
            .get(b)
            .is_some_and(|br| self.stale.contains(&br.path))
    }

    /// Whether a file with errors still has its last good version on screen.
    pub fn keeps_last_good(&self, path: &Path) -> bool {
        self.stale.contains(path)
    }

    /// Every timeline entry of the library, ordered by the first instant each may
    /// mean, then its precision, then file order (the library timeline's order, kept
    /// so that a list of it is a walk, not a sort), with each entry's first second
    /// (UTC): `(second, briefing, entry)`.
    pub fn chronology_dated(&self) -> impl Iterator<Item = (i64, BriefingIx, usize)> + '_ {
        let (mut a, mut b) = (
            self.chronology.iter().peekable(),
            self.recent.iter().peekable(),
        );
        std::iter::from_fn(move || {
            let take_a = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => self.chrono_order(x, y).is_le(),
                (x, _) => x.is_some(),
            };
            let &(key, br, i) = if take_a { a.next() } else { b.next() }?;
            Some((chronicled_second(key), br as BriefingIx, i as usize))
        })
    }

    /// How many timeline entries the library holds.
    pub fn entry_count(&self) -> usize {
        self.chronology.len() + self.recent.len()
    }

    /// The order of two entries in the chronology: by the second and precision kept
    /// with each, then (instants only: they alone can fall within a second) by the
    /// instants themselves, then in file order.
    fn chrono_order(&self, x: &Chronicled, y: &Chronicled) -> std::cmp::Ordering {
        x.0.cmp(&y.0)
            .then_with(|| {
                if x.0 & 3 != crate::date::Precision::Instant as u64 {
                    return std::cmp::Ordering::Equal;
                }
                let start = |&(_, b, i): &Chronicled| {
                    self.briefings[b as usize].timeline[i as usize].date.start()
                };
                start(x).cmp(&start(y))
            })
            .then((x.1, x.2).cmp(&(y.1, y.2)))
    }

    /// Two runs of the chronology made one, in `a`'s room: `a` grows by `b`'s length
    /// and is filled from its end, so no third run is made beside the two (the whole
    /// chronology is millions of entries once a large library is loaded).
    fn merge_into(&self, a: &mut Vec<Chronicled>, b: Vec<Chronicled>) {
        let (mut i, mut j) = (a.len(), b.len());
        a.reserve_exact(j);
        a.resize(i + j, (0, 0, 0));
        for k in (0..a.len()).rev() {
            if j == 0 {
                break;
            }
            // Equal entries keep `a`'s first: the later place goes to `b`'s.
            if i > 0 && self.chrono_order(&a[i - 1], &b[j - 1]).is_gt() {
                a[k] = a[i - 1];
                i -= 1;
            } else {
                a[k] = b[j - 1];
                j -= 1;
            }
        }
    }

    /// Takes the entries of briefings `first..` into the chronology: sorted on their
    /// own and merged into the recent run, which joins the rest once it is half as
    /// long, so that loading in many batches costs about a sort, not a merge of
    /// everything per batch.
    fn chronicle(&mut self, first: usize) {
        let mut new: Vec<Chronicled> = Vec::new();
        for b in first..self.briefings.len() {
            new.extend(self.chronicled(b));
        }
        if new.is_empty() {
            return;
        }
        new.sort_unstable_by(|x, y| self.chrono_order(x, y));
        let mut recent = std::mem::take(&mut self.recent);
        self.merge_into(&mut recent, new);
        if recent.len() * 2 >= self.chronology.len() {
            let mut all = std::mem::take(&mut self.chronology);
            self.merge_into(&mut all, recent);
            self.chronology = all;
        } else {
            self.recent = recent;
        }
    }

    /// The entries of briefing `b` as the chronology holds them, in file order.
    fn chronicled(&self, b: BriefingIx) -> impl Iterator<Item = Chronicled> + '_ {
        let entries = self.briefings.get(b).map_or(&[][..], |br| &br.timeline[..]);
        entries.iter().enumerate().map(move |(i, e)| {
            // The second, offset to be positive, then the precision, in one number
            // (years run to about ±262,000: well within 62 bits of seconds).
            let secs = e.date.start().and_utc().timestamp();
            let key = ((secs as u64).wrapping_add(CHRONO_OFFSET) << 2) | e.date.precision() as u64;
            (key, b as u32, i as u32)
        })
    }

    /// The loading is over: the chronology is made one run, walked without merging.
    pub fn loaded(&mut self) {
        if !self.recent.is_empty() {
            let (mut all, recent) = (
                std::mem::take(&mut self.chronology),
                std::mem::take(&mut self.recent),
            );
            self.merge_into(&mut all, recent);
            self.chronology = all;
        }
    }

    /// The entries of briefings `changed` (read again in place) taken out of the
    /// chronology and put back as they are now: the rest is kept in order, and the two
    /// runs merged, not everything sorted again.
    fn rechronicle_some(&mut self, changed: &[BriefingIx]) {
        // Looked up in a list: a handful of files is saved at a time.
        if changed.len() > 64 {
            return self.rechronicle();
        }
        self.loaded();
        let mut kept = std::mem::take(&mut self.chronology);
        kept.retain(|&(_, b, _)| !changed.contains(&(b as usize)));
        let mut now = Vec::new();
        for &b in changed {
            now.extend(self.chronicled(b));
        }
        now.sort_unstable_by(|x, y| self.chrono_order(x, y));
        self.merge_into(&mut kept, now);
        self.chronology = kept;
    }

    /// The chronology made again from nothing, after briefings changed in place.
    fn rechronicle(&mut self) {
        self.chronology.clear();
        self.recent.clear();
        self.chronicle(0);
    }

    /// The library actor of actor `local` (an id) in briefing `b`.
    pub fn actor_ix(&self, b: BriefingIx, local: &str) -> Option<ActorIx> {
        let i = self
            .briefings
            .get(b)?
            .actors
            .iter()
            .position(|a| a.id == local)?;
        self.actor_of.get(b)?.get(i).copied()
    }

    /// The library actor of the `i`-th actor of briefing `b`.
    pub fn actor_at(&self, b: BriefingIx, i: usize) -> Option<ActorIx> {
        self.actor_of.get(b)?.get(i).copied()
    }

    /// Library actors that `name` names exactly: by one of their names if any does,
    /// else by an alias, else by a local id; when none does, those whose names contain it.
    pub fn find_actors(&self, name: &str) -> Vec<ActorIx> {
        grouping::find(&self.actors, name)
    }

    /// True when any of `ids` (local actor ids of briefing `b`) is a selected actor.
    pub fn involves(&self, b: BriefingIx, ids: &[Id], selected: &BTreeSet<ActorIx>) -> bool {
        ids.iter().any(|id| {
            self.actor_ix(b, id)
                .is_some_and(|ix| selected.contains(&ix))
        })
    }

    /// Every tag in the library, sorted, with how many briefings carry it; counted
    /// once until the library changes.
    pub fn tags(&self) -> &[(String, usize)] {
        self.derived.tags.get_or_init(|| {
            count_tags(
                self.briefings
                    .iter()
                    .map(|b| b.tags.iter().map(|t| t.shown())),
            )
        })
    }
}

/// What orders a date first: its first instant, then its precision.
pub type DateKey = (chrono::NaiveDateTime, crate::date::Precision);

/// A date as what orders it first: its first instant and precision. Two dates with
/// the same key are the same date, or instants written with different offsets.
pub fn date_key(d: &crate::date::Date) -> DateKey {
    (d.start(), d.precision())
}

/// Two dates in the order [`crate::date::Date`] gives them, their keys made before:
/// the dates are compared in full only when their keys are equal.
pub fn cmp_dates(
    ka: &DateKey,
    a: &crate::date::Date,
    kb: &DateKey,
    b: &crate::date::Date,
) -> std::cmp::Ordering {
    ka.cmp(kb).then_with(|| {
        // Instants equal in UTC are told apart as written; other dates are equal.
        if a.precision() == crate::date::Precision::Instant || a != b {
            a.cmp(b)
        } else {
            std::cmp::Ordering::Equal
        }
    })
}

/// Items `a` and `b` of `items` in the order of their dates, their keys made once in
/// `keys` (see [`cmp_dates`]).
pub fn by_date<T>(
    keys: &[DateKey],
    items: &[T],
    a: usize,
    b: usize,
    date: impl Fn(&T) -> &crate::date::Date,
) -> std::cmp::Ordering {
    cmp_dates(&keys[a], date(&items[a]), &keys[b], date(&items[b]))
}

/// Every tag of `briefings` (each given by its tags as shown), sorted, with how many
/// briefings carry it.
pub fn count_tags<'a, T: IntoIterator<Item = &'a str>>(
    briefings: impl IntoIterator<Item = T>,
) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for tags in briefings {
        let mut seen = BTreeSet::new();
        for t in tags {
            if seen.insert(t) {
                *counts.entry(t.to_string()).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| {
        a.0.to_lowercase()
            .cmp(&b.0.to_lowercase())
            .then(a.0.cmp(&b.0))
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_starts_at_the_folder_opened() {
        let yaml = include_str!("../../tests/fixtures/valid/minimal.yaml");
        let at = |p: &str| {
            let path = std::path::Path::new(p);
            crate::load::load_str(path, yaml).expect("minimal loads")
        };
        let mut lib = Library::new(
            vec![
                at("/srv/one/sub/a.yaml"),
                at("two/a.yaml"),
                at("./b.yaml"),
                at("elsewhere/c.yaml"),
            ],
            Vec::new(),
        );
        lib.set_roots(vec![
            PathBuf::from("/srv/one"),
            PathBuf::from("two/"),
            PathBuf::from("./b.yaml"),
        ]);
        assert_eq!(lib.place(0), "one/sub/a.yaml");
        assert_eq!(lib.place(1), "two/a.yaml");
        assert_eq!(lib.place(2), "b.yaml");
        assert_eq!(lib.place(3), "elsewhere/c.yaml");
    }

    #[test]
    fn normalizes_case_punctuation_and_spaces() {
        assert_eq!(normalize("North Korea"), normalize("north  korea"));
        assert_eq!(normalize("U.S."), normalize("us"));
        assert_eq!(
            normalize("Democratic People's Republic"),
            "democraticpeoplesrepublic"
        );
    }
}
