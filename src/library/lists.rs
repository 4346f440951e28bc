//! The lists across the library: an actor's dossier, the library timeline, files with
//! errors, what is new. Each is made from the library, the filters and what was read.

use std::sync::Arc;

use chrono::Datelike;

use super::news::{Kind, News};
use super::{ActorIx, BriefingIx, DateKey, Filters, Hits, Item, Library, cmp_dates, date_key};

/// An item of a briefing with its date and the key that orders it.
type Dated = (DateKey, Date, BriefingIx, usize);
use crate::date::Date;

/// Which list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    /// Everything about one actor.
    Dossier(ActorIx),
    /// Every timeline entry of the library, by date.
    Timeline,
    /// The files that could not be loaded.
    Errors,
    /// Every new or changed item since the library was last read.
    WhatsNew,
}

/// A row of a list: a heading, or an item.
#[derive(Clone, Debug, PartialEq)]
pub enum ListRow {
    Heading(String),
    Item(Item),
}

/// The rows of a list. A short list is made in full; the library timeline keeps its
/// entries by number, with the years that head them, and makes a row only when it is
/// asked for: a library holds hundreds of thousands of entries, a frame shows fifty.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    /// Every row, made (every list but the library timeline).
    made: Vec<ListRow>,
    /// The library timeline's entries as `(briefing, entry)`, in order (shared: the
    /// whole timeline is kept by the library while it stays the same).
    entries: Arc<Vec<(u32, u32)>>,
    /// Where each year starts among `entries`, and the year: a heading before it.
    years: Arc<Vec<(usize, i32)>>,
}

impl From<Vec<ListRow>> for Rows {
    fn from(made: Vec<ListRow>) -> Rows {
        Rows {
            made,
            ..Rows::default()
        }
    }
}

impl PartialEq for Rows {
    fn eq(&self, other: &Rows) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Rows {
    pub fn len(&self) -> usize {
        self.made.len() + self.entries.len() + self.years.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `r` of the timeline's entries: `Ok(entry)` or `Err(year)` of a heading.
    fn entry_row(&self, r: usize) -> Option<Result<usize, i32>> {
        if r >= self.entries.len() + self.years.len() {
            return None;
        }
        // How many headings stand at or before row `r` (heading k is row start + k).
        let (mut lo, mut hi) = (0, self.years.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.years[mid].0 + mid <= r {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Some(match lo.checked_sub(1).map(|k| (k, self.years[k])) {
            Some((k, (start, year))) if start + k == r => Err(year),
            _ => Ok(r - lo),
        })
    }

    /// The item on row `r`, if it is one (not a heading).
    pub fn item(&self, r: usize) -> Option<Item> {
        if !self.made.is_empty() {
            return match self.made.get(r) {
                Some(ListRow::Item(item)) => Some(*item),
                _ => None,
            };
        }
        match self.entry_row(r)? {
            Ok(j) => {
                let (b, i) = self.entries[j];
                Some(Item::Entry(b as BriefingIx, i as usize))
            }
            Err(_) => None,
        }
    }

    /// Whether row `r` is an item.
    pub fn is_item(&self, r: usize) -> bool {
        self.item(r).is_some()
    }

    /// Row `r`, made.
    pub fn get(&self, r: usize) -> Option<ListRow> {
        if !self.made.is_empty() {
            return self.made.get(r).cloned();
        }
        Some(match self.entry_row(r)? {
            Ok(j) => {
                let (b, i) = self.entries[j];
                ListRow::Item(Item::Entry(b as BriefingIx, i as usize))
            }
            Err(year) => ListRow::Heading(year.to_string()),
        })
    }

    /// The library timeline's entries as `(briefing, entry)`, in order.
    pub fn entries(&self) -> &[(u32, u32)] {
        &self.entries
    }

    /// Every row, made one at a time.
    pub fn iter(&self) -> impl Iterator<Item = ListRow> + '_ {
        (0..self.len()).filter_map(|r| self.get(r))
    }

    /// Every row, made.
    pub fn to_vec(&self) -> Vec<ListRow> {
        self.iter().collect()
    }

    /// How many rows are items.
    pub fn items(&self) -> usize {
        if self.made.is_empty() {
            self.entries.len()
        } else {
            self.made
                .iter()
                .filter(|r| matches!(r, ListRow::Item(_)))
                .count()
        }
    }

    /// The row of `item`.
    pub fn position(&self, item: Item) -> Option<usize> {
        if !self.made.is_empty() {
            return self.made.iter().position(|r| *r == ListRow::Item(item));
        }
        let Item::Entry(b, i) = item else {
            return None;
        };
        let j = self
            .entries
            .iter()
            .position(|&e| e == (b as u32, i as u32))?;
        // Headings before it: those of its year and the years before.
        Some(j + self.years.partition_point(|&(start, _)| start <= j))
    }
}

/// The rows of a list, made from the library, the filters and what was read, the
/// search done at once.
pub fn rows(lib: &Library, filters: &Filters, news: &News, kind: ListKind) -> Vec<ListRow> {
    let hits = (kind == ListKind::Timeline && !filters.query.is_empty())
        .then(|| Hits::complete(lib, filters.query.lower()));
    rows_with(lib, filters, hits.as_ref(), news, kind).to_vec()
}

/// The rows of a list, with the search as far as it has gone (`hits`, for the
/// query in `filters`): only the briefings it has searched can show a match yet.
pub fn rows_with(
    lib: &Library,
    filters: &Filters,
    hits: Option<&Hits>,
    news: &News,
    kind: ListKind,
) -> Rows {
    match kind {
        ListKind::Dossier(actor) => dossier(lib, actor).into(),
        ListKind::Timeline => library_timeline(lib, filters, hits),
        ListKind::Errors => {
            let mut rows: Vec<ListRow> = (0..lib.failed.len())
                .map(|i| ListRow::Item(Item::Failed(i)))
                .collect();
            if lib.warning_count() > 0 {
                rows.push(ListRow::Heading(format!(
                    "Warnings: {}",
                    lib.warning_count()
                )));
                rows.extend((0..lib.warning_count()).map(|i| ListRow::Item(Item::Warning(i))));
            }
            rows.into()
        }
        ListKind::WhatsNew => whats_new(lib, news).into(),
    }
}

/// Every new or changed item across the library, newest first, by year; a briefing
/// that is new as a whole leads its items. Filters do not apply: this is what you
/// have not read, wherever it is.
fn whats_new(lib: &Library, news: &News) -> Vec<ListRow> {
    let mut items: Vec<(Date, BriefingIx, u8, usize, Item)> = Vec::new();
    for (b, kind, i) in news.items() {
        let br = &lib.briefings[b];
        let date = match kind {
            Kind::Entry => br.timeline[i].date,
            Kind::Quote => br.quotes[i].date.unwrap_or(br.date),
            Kind::Implication => br.date,
        };
        items.push((date, b, 1 + kind as u8, i, kind.item(b, i)));
    }
    for b in 0..lib.briefings.len() {
        if news.briefing(b).is_some_and(|m| m.new) {
            items.push((lib.briefings[b].date, b, 0, 0, Item::Briefing(b)));
        }
    }
    // Newest first; in one briefing the briefing itself, then its items in file order.
    items.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    });
    let mut rows = Vec::with_capacity(items.len() + 8);
    let mut year = None;
    for (date, _, _, _, item) in items {
        let y = date.start().year();
        if year != Some(y) {
            year = Some(y);
            rows.push(ListRow::Heading(y.to_string()));
        }
        rows.push(ListRow::Item(item));
    }
    rows
}

/// Everything about one actor across the library.
fn dossier(lib: &Library, actor: ActorIx) -> Vec<ListRow> {
    let Some(la) = lib.actors.get(actor) else {
        return Vec::new();
    };
    let mut briefings: Vec<BriefingIx> = la.appearances.iter().map(|&(b, _)| b).collect();
    briefings.dedup();
    let keys: Vec<DateKey> = briefings
        .iter()
        .map(|&b| date_key(&lib.briefings[b].date))
        .collect();
    let mut newest: Vec<usize> = (0..briefings.len()).collect();
    newest.sort_by(|&x, &y| {
        let date = |k: usize| &lib.briefings[briefings[k]].date;
        cmp_dates(&keys[y], date(y), &keys[x], date(x))
    });

    // The actor's own ids in each briefing, found once: an item names the actor when
    // it names one of them (as `Library::involves` finds it).
    let mut ids: Vec<&str> = Vec::new();
    let mut entries: Vec<Dated> = Vec::new();
    let mut quotes: Vec<Dated> = Vec::new();
    let mut implications: Vec<Dated> = Vec::new();
    let mut at = 0;
    for &b in &briefings {
        let br = &lib.briefings[b];
        ids.clear();
        while let Some(&(ab, i)) = la.appearances.get(at) {
            if ab != b {
                break;
            }
            at += 1;
            let id = br.actors[i].id.as_str();
            if lib.actor_ix(b, id) == Some(actor) {
                ids.push(id);
            }
        }
        let names = |of: &[_]| names_any(of, &ids);
        for (i, q) in br.quotes.iter().enumerate() {
            if names(std::slice::from_ref(&q.actor)) {
                let d = q.date.unwrap_or(br.date);
                quotes.push((date_key(&d), d, b, i));
            }
        }
        for (i, m) in br.implications.iter().enumerate() {
            if names(&m.actors) {
                implications.push((date_key(&br.date), br.date, b, i));
            }
        }
    }
    // The entries from the library's index of each actor's entries.
    let whole = lib.whole_timeline(|| chronology_rows(lib));
    for p in lib.actor_entries(&std::iter::once(actor).collect(), whole.entries()) {
        if let Some(&(b, i)) = whole.entries().get(p as usize) {
            let e = &lib.briefings[b as usize].timeline[i as usize];
            entries.push((date_key(&e.date), e.date, b as usize, i as usize));
        }
    }
    let oldest = |x: &Dated, y: &Dated| cmp_dates(&x.0, &x.1, &y.0, &y.1);
    let in_file = |x: &Dated, y: &Dated| (x.2, x.3).cmp(&(y.2, y.3));
    entries.sort_by(|x, y| oldest(x, y).then(in_file(x, y)));
    quotes.sort_by(|x, y| oldest(x, y).then(in_file(x, y)));
    implications.sort_by(|x, y| oldest(y, x).then(in_file(x, y)));
    let briefings: Vec<BriefingIx> = newest.iter().map(|&k| briefings[k]).collect();

    let mut rows = vec![ListRow::Heading(format!(
        "Appears in {} briefing{}",
        briefings.len(),
        plural(briefings.len())
    ))];
    for &(b, i) in &la.appearances {
        rows.push(ListRow::Item(Item::Actor(b, i)));
    }
    rows.push(ListRow::Heading(format!(
        "Timeline: {} entr{}",
        entries.len(),
        if entries.len() == 1 { "y" } else { "ies" }
    )));
    rows.extend(
        entries
            .iter()
            .map(|&(_, _, b, i)| ListRow::Item(Item::Entry(b, i))),
    );
    rows.push(ListRow::Heading(format!("Quotes: {}", quotes.len())));
    rows.extend(
        quotes
            .iter()
            .map(|&(_, _, b, i)| ListRow::Item(Item::Quote(b, i))),
    );
    rows.push(ListRow::Heading(format!(
        "Implications: {}",
        implications.len()
    )));
    rows.extend(
        implications
            .iter()
            .map(|&(_, _, b, i)| ListRow::Item(Item::Implication(b, i))),
    );
    rows
}

/// Every timeline entry of the library in one chronological list, by year, under the
/// filters; with a query, only the entries the search found so far. The entries are
/// kept by number: a row is made only when drawn.
fn library_timeline(lib: &Library, filters: &Filters, hits: Option<&Hits>) -> Rows {
    // The whole timeline: made once until the library changes, then shared.
    let whole = lib.whole_timeline(|| chronology_rows(lib));
    if !filters.is_active() {
        return whole;
    }
    let searching = !filters.query.is_empty();
    // Which briefings the filters keep, from what the library keeps for them.
    let mask = lib.kept_briefings(filters);
    let keep: Vec<bool> = (0..lib.briefings.len())
        .map(|b| {
            mask.as_ref().is_none_or(|m| m[b])
                && (!searching || hits.is_some_and(|h| h.found(b).is_some()))
        })
        .collect();
    let kept =
        |b: BriefingIx, i: usize| keep[b] && (!searching || hits.is_some_and(|h| h.entry(b, i)));
    // A search or tag filter that kept a few briefings: their entries sorted, not
    // the whole timeline walked (sorted as the chronology is: by first instant,
    // precision, then file order).
    let few: usize = (0..keep.len())
        .filter(|&b| keep[b])
        .map(|b| lib.briefings[b].timeline.len())
        .sum();
    if filters.actors.is_empty() && few * 8 < whole.entries.len() {
        let mut some: Vec<_> = (0..keep.len())
            .filter(|&b| keep[b])
            .flat_map(|b| {
                lib.briefings[b]
                    .timeline
                    .iter()
                    .enumerate()
                    .map(move |(i, e)| ((e.date.start(), e.date.precision()), b, i))
            })
            .filter(|&(_, b, i)| kept(b, i))
            .collect();
        some.sort_unstable();
        let (mut entries, mut years) = (Vec::with_capacity(some.len()), Vec::new());
        for ((start, _), b, i) in some {
            // Headed by the year the entry sorts in, so a year is never headed twice.
            let y = start.year();
            if years.last().is_none_or(|&(_, last)| last != y) {
                years.push((entries.len(), y));
            }
            entries.push((b as u32, i as u32));
        }
        return Rows {
            made: Vec::new(),
            entries: Arc::new(entries),
            years: Arc::new(years),
        };
    }
    // Otherwise the places in the whole timeline that the filters keep, in order: of
    // the entries that name a selected actor (kept by the library for each), or all.
    let places: Box<dyn Iterator<Item = u32>> = if filters.actors.is_empty() {
        Box::new(0..whole.entries.len() as u32)
    } else {
        Box::new(
            lib.actor_entries(&filters.actors, whole.entries())
                .into_iter(),
        )
    };
    let (mut entries, mut years) = (Vec::new(), Vec::new());
    let mut year_at = 0;
    for p in places {
        let p = p as usize;
        let Some(&(b, i)) = whole.entries.get(p) else {
            continue;
        };
        if !kept(b as usize, i as usize) {
            continue;
        }
        // The year the whole timeline heads this entry with.
        while whole
            .years
            .get(year_at + 1)
            .is_some_and(|&(start, _)| start <= p)
        {
            year_at += 1;
        }
        let y = whole.years[year_at].1;
        if years.last().is_none_or(|&(_, last)| last != y) {
            years.push((entries.len(), y));
        }
        entries.push((b, i));
    }
    Rows {
        made: Vec::new(),
        entries: Arc::new(entries),
        years: Arc::new(years),
    }
}

/// Every entry of the library in the chronology's order, each year headed.
pub(super) fn chronology_rows(lib: &Library) -> Rows {
    let (mut entries, mut years) = (Vec::new(), Vec::new());
    let mut year: Option<(i32, std::ops::Range<i64>)> = None;
    for (secs, b, i) in lib.chronology_dated() {
        // Headed by the year the entry sorts in, so a year is never headed twice.
        if year.as_ref().is_none_or(|(_, r)| !r.contains(&secs)) {
            let y = lib.briefings[b].timeline[i].date.start().year();
            if year.as_ref().is_none_or(|&(last, _)| last != y) {
                years.push((entries.len(), y));
            }
            year = Some((y, year_span(y)));
        }
        entries.push((b as u32, i as u32));
    }
    Rows {
        made: Vec::new(),
        entries: Arc::new(entries),
        years: Arc::new(years),
    }
}

/// The seconds (UTC) of year `y`, from its first to the next year's first.
fn year_span(y: i32) -> std::ops::Range<i64> {
    let first = |y: i32| {
        chrono::NaiveDate::from_ymd_opt(y, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc().timestamp())
    };
    match (first(y), first(y + 1)) {
        (Some(a), Some(b)) => a..b,
        // Beyond the calendar: every entry is headed by its own year, asked each time.
        _ => 0..0,
    }
}

/// Whether any of the ids `of` (an item's actors) is one of `ids`.
fn names_any<T: AsRef<str>>(of: &[T], ids: &[&str]) -> bool {
    of.iter().any(|id| ids.contains(&id.as_ref()))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries kept by number make the same rows, headings in place, as rows made in
    /// full; each item's row is found again.
    #[test]
    fn entries_by_number_are_the_rows_made_in_full() {
        let entries = vec![(0, 0), (0, 1), (1, 0), (2, 3), (2, 4), (3, 0)];
        let years = vec![(0, 2015), (2, 2016), (5, 2019)];
        let rows = Rows {
            made: Vec::new(),
            entries: Arc::new(entries.clone()),
            years: Arc::new(years),
        };
        let e = |b, i| ListRow::Item(Item::Entry(b, i));
        let h = |y: &str| ListRow::Heading(y.to_string());
        let made = vec![
            h("2015"),
            e(0, 0),
            e(0, 1),
            h("2016"),
            e(1, 0),
            e(2, 3),
            e(2, 4),
            h("2019"),
            e(3, 0),
        ];
        assert_eq!(rows.to_vec(), made);
        assert_eq!(rows.len(), made.len());
        assert_eq!(rows.items(), entries.len());
        assert_eq!(rows.get(made.len()), None);
        for (r, row) in made.iter().enumerate() {
            match row {
                ListRow::Item(item) => {
                    assert_eq!(rows.item(r), Some(*item));
                    assert_eq!(rows.position(*item), Some(r));
                }
                ListRow::Heading(_) => assert!(!rows.is_item(r)),
            }
        }
        assert_eq!(rows.position(Item::Entry(9, 9)), None);
        // Lists are compared row by row (the tests compare them so): as many rows, in
        // another order, are another list.
        let mut swapped = made.clone();
        swapped.swap(1, 2);
        assert_ne!(rows, Rows::from(swapped));
        assert_eq!(rows, Rows::from(made));
    }
}
