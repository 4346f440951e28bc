//! Keeping up: files reloaded while the reader is open (keeping your place), the place
//! and what was seen remembered between runs, and what is new since you last read.

use std::path::PathBuf;

use super::lists::first_item_row;
use super::{App, Notice, Overlay, Pane, PerPane};
use crate::library::lists::{self, ListKind, ListRow};
use crate::library::news::{Kind, News};
use crate::library::{BriefingIx, Item, Library};
use crate::load::Loaded;
use crate::state::{ItemPlace, LibraryState, Place, Print};

/// Ticks the cursor must rest on an item before it counts as read (about a second).
pub const REST_TICKS: u8 = 4;

/// An item named so that it can be found again after the library changed.
#[derive(Clone, Debug, PartialEq)]
enum Found {
    Briefing(PathBuf),
    Event(PathBuf),
    Actor(PathBuf, String),
    Item(PathBuf, Kind, ItemPlace),
    Failed(PathBuf),
}

/// The row of a print among `prints`: the same fingerprint, else the same label, else
/// the same row (kept within the rows).
fn find_print(prints: &[Print], at: ItemPlace) -> Option<usize> {
    prints
        .iter()
        .position(|p| p.whole == at.print.whole)
        .or_else(|| prints.iter().position(|p| p.label == at.print.label))
        .or_else(|| (!prints.is_empty()).then(|| at.index.min(prints.len() - 1)))
}

fn name(lib: &Library, item: Item) -> Option<Found> {
    let path = |b: BriefingIx| lib.briefings.get(b).map(|br| br.path.clone());
    Some(match item {
        Item::Briefing(b) => Found::Briefing(path(b)?),
        Item::Event(b) => Found::Event(path(b)?),
        Item::Actor(b, i) => Found::Actor(path(b)?, lib.briefings[b].actors.get(i)?.id.to_string()),
        Item::Failed(f) => Found::Failed(lib.failed.get(f)?.path.clone()),
        _ => {
            let (b, kind, i) = Kind::of(item)?;
            let print = *lib.prints(b)?.of(kind).get(i)?;
            Found::Item(path(b)?, kind, ItemPlace { print, index: i })
        }
    })
}

fn find(lib: &Library, found: &Found) -> Option<Item> {
    let at = |p: &PathBuf| lib.position_of(p);
    Some(match found {
        Found::Briefing(p) => Item::Briefing(at(p)?),
        Found::Event(p) => Item::Event(at(p)?),
        Found::Actor(p, id) => {
            let b = at(p)?;
            Item::Actor(b, lib.briefings[b].actors.iter().position(|a| &a.id == id)?)
        }
        Found::Failed(p) => Item::Failed(lib.failed.iter().position(|f| &f.path == p)?),
        Found::Item(p, kind, place) => {
            let b = at(p)?;
            kind.item(b, find_print(lib.prints(b)?.of(*kind), *place)?)
        }
    })
}

/// Where the reader is, in names that outlast the library's numbering.
struct Spot {
    current: Option<PathBuf>,
    /// The item under each list pane's cursor.
    rows: Vec<(Pane, Found)>,
    remembered: Vec<(PathBuf, PerPane<usize>)>,
    actors: Vec<String>,
    dossier: Option<String>,
    screen_item: Option<Found>,
    detail: Option<Found>,
}

impl Found {
    fn path_mut(&mut self) -> &mut PathBuf {
        match self {
            Found::Briefing(p)
            | Found::Event(p)
            | Found::Actor(p, _)
            | Found::Item(p, _, _)
            | Found::Failed(p) => p,
        }
    }
}

impl Spot {
    fn rename(&mut self, from: &std::path::Path, to: &std::path::Path) {
        let follow = |p: &mut PathBuf| {
            if p == from {
                *p = to.to_path_buf();
            }
        };
        if let Some(p) = &mut self.current {
            follow(p);
        }
        for (_, f) in &mut self.rows {
            follow(f.path_mut());
        }
        for (p, _) in &mut self.remembered {
            follow(p);
        }
        for f in [&mut self.screen_item, &mut self.detail]
            .into_iter()
            .flatten()
        {
            follow(f.path_mut());
        }
    }
}

fn file_name(p: &std::path::Path) -> String {
    let n = p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    crate::text::clean_line(&n).into_owned()
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl App {
    /// What is new since the library was last read.
    pub fn news(&self) -> &News {
        &self.news
    }

    /// Something from outside the reader's keys (the state file, the watcher) that
    /// the status bar is to say, before what it says already.
    pub fn tell(&mut self, text: String) {
        self.notice = Some(match self.notice.take() {
            Some(n) => n.after(&text),
            None => Notice::from(text),
        });
    }

    /// What was kept when this library was last closed; `None` the first time, when
    /// everything the first load brings counts as read.
    pub fn remember(&mut self, saved: Option<LibraryState>) {
        let Some(saved) = saved else {
            return;
        };
        self.news.remember(saved.briefings, &self.library);
        self.pending_place = saved.place;
        if self.loading.is_none() {
            self.arrive();
        }
    }

    /// What to keep for next time: where the reader is and what was seen. `None`
    /// when a first visit ended before its first load did (there is no baseline yet).
    pub fn keepsake(&self) -> Option<LibraryState> {
        if self.news.first_visit_unfinished() {
            return None;
        }
        Some(LibraryState {
            paths: Vec::new(),
            used: 0,
            place: self.place().or_else(|| self.pending_place.clone()),
            briefings: self.news.keep(&self.library, self.loading.is_none()),
        })
    }

    /// The briefing, pane and item the reader is at.
    pub fn place(&self) -> Option<Place> {
        let b = self.current?;
        let br = self.library.briefings.get(b)?;
        let item = match self.item_at_cursor(self.focus) {
            Some(Item::Actor(_, i)) => Some(ItemPlace {
                print: Print::default(),
                index: i,
            }),
            Some(item) => match (Kind::of(item), name(&self.library, item)) {
                (Some(_), Some(Found::Item(_, _, place))) => Some(place),
                _ => None,
            },
            None => None,
        };
        Some(Place {
            file: Some(br.path.clone()),
            briefing: Some(br.id.clone()),
            pane: Some(self.focus.title().to_lowercase()),
            item,
        })
    }

    /// Goes to a remembered place; false when its briefing is not in the library.
    fn go_to_place(&mut self, place: &Place) -> bool {
        let lib = &self.library;
        let by_file = place.file.as_ref().and_then(|f| lib.position_of(f));
        let by_id = || {
            let id = place.briefing.as_ref()?;
            lib.briefings.iter().position(|br| &br.id == id)
        };
        let Some(b) = by_file.or_else(by_id) else {
            return false;
        };
        let pane = place
            .pane
            .as_deref()
            .and_then(|p| {
                Pane::ALL
                    .into_iter()
                    .find(|x| x.title().eq_ignore_ascii_case(p))
            })
            .unwrap_or(Pane::Timeline);
        let item = place.item.and_then(|at| match pane {
            Pane::Actors => {
                let n = lib.briefings[b].actors.len();
                (n > 0).then(|| Item::Actor(b, at.index.min(n - 1)))
            }
            Pane::Timeline | Pane::Quotes | Pane::Implications => {
                let kind = match pane {
                    Pane::Timeline => Kind::Entry,
                    Pane::Quotes => Kind::Quote,
                    _ => Kind::Implication,
                };
                find_print(lib.prints(b)?.of(kind), at).map(|i| kind.item(b, i))
            }
            _ => None,
        });
        self.jump_to(item.unwrap_or(Item::Briefing(b)));
        self.focus = if pane == Pane::Briefings && !self.shows_list() {
            Pane::Timeline
        } else {
            pane
        };
        true
    }

    /// The first load is over: what arrives from now on is new.
    pub(super) fn first_load_done(&mut self) {
        if self.news.settled() {
            return;
        }
        self.news.settle();
        self.arrive();
    }

    /// Once the library is in: back to the remembered place, then, if anything is new
    /// and no key was pressed yet, on to the newest of it.
    fn arrive(&mut self) {
        // A key pressed meanwhile, or a dossier asked for on the command line, wins.
        let stay = self.touched || self.screen.is_some();
        let place = self.pending_place.take();
        if let Some(place) = place.filter(|_| !stay) {
            self.go_to_place(&place);
        }
        let (briefings, items) = self.news.totals();
        if briefings == 0 || self.touched {
            return;
        }
        let first = lists::rows(&self.library, &self.filters, &self.news, ListKind::WhatsNew)
            .into_iter()
            .find_map(|r| match r {
                ListRow::Item(item) => Some(item),
                ListRow::Heading(_) => None,
            });
        if let Some(item) = first.filter(|_| !stay) {
            self.jump_to(item);
        }
        self.notice = Some(Notice::from(format!(
            "New since you last read: {} in {} (u next, W lists them, M marks all read)",
            count(items, "item", "items"),
            count(briefings, "briefing", "briefings"),
        )));
    }

    /// The cursor rests another tick; an item rested on long enough is read.
    pub(super) fn rest_tick(&mut self) {
        // Where the reader took you on opening is not read until you are there: a
        // reader left open and unattended marks nothing.
        if !self.touched {
            self.rest = None;
            return;
        }
        let here = match (&self.overlay, &self.screen) {
            (None, None) => self.item_at_cursor(self.focus),
            _ => None,
        }
        .filter(|i| Kind::of(*i).is_some());
        self.rest = match (here, self.rest) {
            (Some(item), Some((was, n))) if item == was => {
                if n + 1 >= REST_TICKS {
                    self.read(item);
                }
                Some((item, n.saturating_add(1)))
            }
            (Some(item), _) => Some((item, 1)),
            (None, _) => None,
        };
    }

    /// `item` was read.
    pub(super) fn read(&mut self, item: Item) {
        if let Some((b, kind, i)) = Kind::of(item) {
            self.news.see(&self.library, b, kind, i);
        }
    }

    /// `u`: the next new or changed item after the one at the cursor, briefing by
    /// briefing in the order of the list, and around.
    pub(super) fn next_new(&mut self) {
        let items = self.news.items();
        if items.is_empty() {
            self.notice = Some(Notice::from("Nothing new since you last read".to_string()));
            return;
        }
        let list_pos = |b: BriefingIx| {
            self.shown
                .briefings
                .iter()
                .position(|&x| x == b)
                .unwrap_or(self.shown.briefings.len() + b)
        };
        let key = |(b, kind, i): (BriefingIx, Kind, usize)| (list_pos(b), kind, i as isize);
        let here = match (&self.screen, self.current) {
            (None, Some(b)) => match self.item_at_cursor(self.focus).and_then(Kind::of) {
                Some(at) => key(at),
                None => (list_pos(b), Kind::Entry, -1),
            },
            _ => (0, Kind::Entry, -1),
        };
        let mut keyed: Vec<_> = items.into_iter().map(|x| (key(x), x)).collect();
        keyed.sort();
        let next = keyed
            .iter()
            .find(|(k, _)| *k > here)
            .or_else(|| keyed.first())
            .map(|(_, x)| *x);
        if let Some((b, kind, i)) = next {
            self.overlay = None;
            self.jump_to(kind.item(b, i));
            let (_, left) = self.news.totals();
            if self.notice.is_none() {
                self.notice = Some(Notice::from(format!(
                    "{} new or changed in the library (u for the next)",
                    left
                )));
            }
        }
    }

    /// The briefing `m` and `M` act on: the one shown, or the one of the row in a list.
    fn briefing_here(&self) -> Option<BriefingIx> {
        match &self.screen {
            Some(s) => match s.rows.item(s.cursor) {
                Some(
                    Item::Briefing(b)
                    | Item::Event(b)
                    | Item::Actor(b, _)
                    | Item::Entry(b, _)
                    | Item::Quote(b, _)
                    | Item::Implication(b, _),
                ) => Some(b),
                _ => None,
            },
            None => self.current,
        }
    }

    /// `m`: everything in this briefing counts as read.
    pub(super) fn mark_read(&mut self) {
        let Some(b) = self.briefing_here() else {
            return;
        };
        let had = self.news.briefing(b).is_some_and(|m| m.any());
        self.news.see_briefing(&self.library, b);
        let title = crate::text::clean_line(self.library.briefings[b].title.shown()).into_owned();
        self.notice = Some(Notice::from(if had {
            format!("Marked read: {title}")
        } else {
            format!("Nothing new in {title}")
        }));
    }

    /// `M`: everything in the library counts as read.
    pub(super) fn mark_all_read(&mut self) {
        let (_, items) = self.news.totals();
        self.news.see_all(&self.library);
        self.notice = Some(Notice::from(if items == 0 {
            "Nothing new since you last read".to_string()
        } else {
            format!("Marked read: {}", count(items, "item", "items"))
        }));
    }

    // ---- files changed on disk ----

    fn spot(&self) -> Spot {
        let lib = &self.library;
        let path = |b: BriefingIx| lib.briefings.get(b).map(|br| br.path.clone());
        let rows = [
            Pane::Actors,
            Pane::Timeline,
            Pane::Quotes,
            Pane::Implications,
        ]
        .into_iter()
        .filter_map(|p| Some((p, name(lib, self.item_at_cursor(p)?)?)))
        .collect();
        let screen_item = self
            .screen
            .as_ref()
            .and_then(|s| name(lib, s.rows.item(s.cursor)?));
        let dossier = match self.screen.as_ref().map(|s| s.kind) {
            Some(ListKind::Dossier(a)) => lib.actors.get(a).map(|a| a.name.clone()),
            _ => None,
        };
        let detail = match &self.overlay {
            Some(Overlay::Detail { item, .. }) => name(lib, *item),
            _ => None,
        };
        Spot {
            current: self.current.and_then(path),
            rows,
            remembered: self
                .remembered
                .iter()
                .filter_map(|(&b, rows)| Some((path(b)?, *rows)))
                .collect(),
            actors: self
                .filters
                .actors
                .iter()
                .filter_map(|&a| lib.actors.get(a).map(|a| a.name.clone()))
                .collect(),
            dossier,
            screen_item,
            detail,
        }
    }

    /// Files read again and files gone, from the watcher: the library takes them in
    /// and the reader stays where it was, wherever the items still exist.
    pub fn reload(&mut self, loaded: Vec<(PathBuf, Loaded)>, removed: Vec<PathBuf>) {
        self.first_load_done();
        let spot = self.spot();
        let was_stale: Vec<PathBuf> = loaded
            .iter()
            .filter(|(p, _)| self.library.keeps_last_good(p))
            .map(|(p, _)| p.clone())
            .collect();
        let done = self.library.apply(loaded, &removed);
        if done.is_empty() {
            return;
        }
        self.forget_hits();
        // A renamed file is the same briefing: what named it by its old path follows.
        let mut spot = spot;
        for (from, to) in &done.renamed {
            spot.rename(from, to);
        }
        if done.added.is_empty() && done.removed.is_empty() && done.renamed.is_empty() {
            // Read again in place: only those briefings have news to work out again.
            let lib = &self.library;
            let changed: Vec<usize> = done
                .updated
                .iter()
                .filter_map(|p| lib.position_of(p))
                .collect();
            self.news.observe_changed(&self.library, &changed);
        } else {
            self.news.observe(&self.library);
        }
        self.rest = None;
        let lib = &self.library;
        let at = |p: &PathBuf| lib.position_of(p);
        self.remembered = spot
            .remembered
            .iter()
            .filter_map(|(p, rows)| Some((at(p)?, *rows)))
            .collect();
        self.current = spot.current.as_ref().and_then(at);
        let lost_current = spot.current.is_some() && self.current.is_none();
        let mut actors = std::collections::BTreeSet::new();
        for n in &spot.actors {
            actors.extend(
                self.library
                    .find_actors(n)
                    .into_iter()
                    .filter(|&a| self.library.actors[a].named_by(n) > 0),
            );
        }
        self.filters.actors = actors;
        if let Some(screen) = &mut self.screen
            && let ListKind::Dossier(_) = screen.kind
        {
            let again = spot
                .dossier
                .as_ref()
                .and_then(|n| self.library.find_actors(n).first().copied());
            match again {
                Some(a) => screen.kind = ListKind::Dossier(a),
                None => self.screen = None,
            }
        }
        // Rows of a full-screen list name items by number: made again, never narrowed.
        self.screen_outdated();
        self.refresh();
        for (pane, found) in &spot.rows {
            let Some(item) = find(&self.library, found) else {
                continue;
            };
            if let Some(row) =
                (0..self.pane_len(*pane)).find(|&r| self.item_at(*pane, r) == Some(item))
            {
                *self.places.get_mut(*pane) = row;
            }
        }
        if let (Some(found), Some(_)) = (&spot.screen_item, &self.screen) {
            let item = find(&self.library, found);
            if let Some(screen) = &mut self.screen
                && let Some(item) = item
                && let Some(row) = screen.rows.position(item)
            {
                screen.cursor = row;
            }
        }
        if let Some(screen) = &mut self.screen {
            let at = screen.cursor.min(screen.rows.len().saturating_sub(1));
            screen.cursor = first_item_row(&screen.rows, at, 1);
        }
        let mut said = Vec::new();
        if let Some(Overlay::Detail { item, .. }) = &mut self.overlay {
            match spot.detail.as_ref().and_then(|f| find(&self.library, f)) {
                Some(again) => *item = again,
                None => {
                    self.overlay = None;
                    said.push("The item you had open is gone from its file".to_string());
                }
            }
        }
        said.extend(describe(&done, &was_stale));
        if lost_current {
            said.push("The briefing you were reading was removed".to_string());
        }
        if self.current.is_some_and(|b| self.library.is_stale(b)) {
            said.push(
                "This briefing's file has errors: its last good version is shown (E lists them)"
                    .to_string(),
            );
        }
        self.notice = Some(Notice::from(said.join("; ")));
    }
}

/// What a reload did, in words for the status bar.
fn describe(done: &crate::library::Applied, was_stale: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    let (recovered, updated): (Vec<&PathBuf>, Vec<&PathBuf>) =
        done.updated.iter().partition(|p| was_stale.contains(p));
    match updated.as_slice() {
        [] => {}
        [one] => out.push(format!("Reloaded {}", file_name(one))),
        many => out.push(format!("Reloaded {} files", many.len())),
    }
    match recovered.as_slice() {
        [] => {}
        [one] => out.push(format!("Loads again: {}", file_name(one))),
        many => out.push(format!("{} files load again", many.len())),
    }
    match done.added.as_slice() {
        [] => {}
        [one] => out.push(format!("New file: {}", file_name(one))),
        many => out.push(format!("{} new files", many.len())),
    }
    match done.broken.as_slice() {
        [] => {}
        [one] => out.push(format!(
            "Errors in {}: its last good version stays, marked \u{26a0} (E lists them)",
            file_name(one)
        )),
        many => out.push(format!(
            "{} files have errors: their last good versions stay, marked \u{26a0} (E)",
            many.len()
        )),
    }
    match done.failed.as_slice() {
        [] => {}
        [one] => out.push(format!("Cannot be loaded: {} (E)", file_name(one))),
        many => out.push(format!("{} files cannot be loaded (E)", many.len())),
    }
    match done.renamed.as_slice() {
        [] => {}
        [(from, to)] => out.push(format!(
            "Renamed: {} \u{2192} {}",
            file_name(from),
            file_name(to)
        )),
        many => out.push(format!("{} files renamed", many.len())),
    }
    match done.removed.as_slice() {
        [] => {}
        [(p, Some(title))] => out.push(format!(
            "Removed: {} ({})",
            file_name(p),
            crate::text::clean_line(title)
        )),
        [(p, None)] => out.push(format!("Removed: {}", file_name(p))),
        many => out.push(format!("{} files removed", many.len())),
    }
    out
}
