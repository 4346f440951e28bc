//! The lists across the library: an actor's dossier, the library timeline, files with
//! errors, what is new. Each is made from the library, the filters and what was read.

use chrono::Datelike;

use super::news::{Kind, News};
use super::{ActorIx, BriefingIx, Filters, Hits, Item, Library};
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

/// The rows of a list, made from the library, the filters and what was read, the
/// search done at once.
pub fn rows(lib: &Library, filters: &Filters, news: &News, kind: ListKind) -> Vec<ListRow> {
    let hits = (kind == ListKind::Timeline && !filters.query.is_empty())
        .then(|| Hits::complete(lib, filters.query.lower()));
    rows_with(lib, filters, hits.as_ref(), news, kind)
}

/// The rows of a list, with the search as far as it has gone (`hits`, for the
/// query in `filters`): only the briefings it has searched can show a match yet.
pub fn rows_with(
    lib: &Library,
    filters: &Filters,
    hits: Option<&Hits>,
    news: &News,
    kind: ListKind,
) -> Vec<ListRow> {
    match kind {
        ListKind::Dossier(actor) => dossier(lib, actor),
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
            rows
        }
        ListKind::WhatsNew => whats_new(lib, news),
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
    let selected = std::iter::once(actor).collect();
    let mut briefings: Vec<BriefingIx> = la.appearances.iter().map(|&(b, _)| b).collect();
    briefings.dedup();
    briefings.sort_by(|&a, &b| lib.briefings[b].date.cmp(&lib.briefings[a].date));

    let mut entries: Vec<(Date, BriefingIx, usize)> = Vec::new();
    let mut quotes: Vec<(Date, BriefingIx, usize)> = Vec::new();
    let mut implications: Vec<(Date, BriefingIx, usize)> = Vec::new();
    for &b in &briefings {
        let br = &lib.briefings[b];
        for (i, e) in br.timeline.iter().enumerate() {
            if lib.involves(b, &e.actors, &selected) {
                entries.push((e.date, b, i));
            }
        }
        for (i, q) in br.quotes.iter().enumerate() {
            if lib.involves(b, std::slice::from_ref(&q.actor), &selected) {
                quotes.push((q.date.unwrap_or(br.date), b, i));
            }
        }
        for (i, m) in br.implications.iter().enumerate() {
            if lib.involves(b, &m.actors, &selected) {
                implications.push((br.date, b, i));
            }
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    quotes.sort_by(|a, b| a.0.cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    implications.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));

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
            .map(|&(_, b, i)| ListRow::Item(Item::Entry(b, i))),
    );
    rows.push(ListRow::Heading(format!("Quotes: {}", quotes.len())));
    rows.extend(
        quotes
            .iter()
            .map(|&(_, b, i)| ListRow::Item(Item::Quote(b, i))),
    );
    rows.push(ListRow::Heading(format!(
        "Implications: {}",
        implications.len()
    )));
    rows.extend(
        implications
            .iter()
            .map(|&(_, b, i)| ListRow::Item(Item::Implication(b, i))),
    );
    rows
}

/// Every timeline entry of the library in one chronological list, by year, under the
/// filters; with a query, only the entries the search found so far.
fn library_timeline(lib: &Library, filters: &Filters, hits: Option<&Hits>) -> Vec<ListRow> {
    let searching = !filters.query.is_empty();
    // What each briefing lets through, worked out once per briefing, not per entry:
    // nothing, everything, or its entries one by one (actors and the search).
    #[derive(Clone, Copy, PartialEq)]
    enum Keep {
        None,
        All,
        Some,
    }
    let keep: Vec<Keep> = lib
        .briefings
        .iter()
        .enumerate()
        .map(|(b, br)| {
            if !filters.keeps_tags_of(br) {
                return Keep::None;
            }
            if searching && hits.is_none_or(|h| h.found(b).is_none()) {
                return Keep::None;
            }
            if !filters.actors.is_empty() {
                return if lib.briefing_involves(b, &filters.actors) {
                    Keep::Some
                } else {
                    Keep::None
                };
            }
            if searching { Keep::Some } else { Keep::All }
        })
        .collect();
    let kept = |b: BriefingIx, i: usize| match keep[b] {
        Keep::None => false,
        Keep::All => true,
        Keep::Some => {
            let br = &lib.briefings[b];
            (filters.actors.is_empty() || lib.involves(b, &br.timeline[i].actors, &filters.actors))
                && (!searching || hits.is_some_and(|h| h.entry(b, i)))
        }
    };
    // A search that kept a few briefings: their entries sorted, not the whole
    // chronology walked (sorted as the chronology is: by first instant, precision,
    // then file order).
    let few: usize = (0..keep.len())
        .filter(|&b| keep[b] != Keep::None)
        .map(|b| lib.briefings[b].timeline.len())
        .sum();
    let entries: Box<dyn Iterator<Item = (BriefingIx, usize)>> = if few * 8 < lib.entry_count() {
        let mut some: Vec<_> = (0..keep.len())
            .filter(|&b| keep[b] != Keep::None)
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
        Box::new(some.into_iter().map(|(_, b, i)| (b, i)))
    } else {
        Box::new(lib.chronology())
    };
    let mut rows = Vec::new();
    let mut year = None;
    for (b, i) in entries {
        if !kept(b, i) {
            continue;
        }
        // Headed by the year the entry sorts in, so a year is never headed twice.
        let y = lib.briefings[b].timeline[i].date.start().year();
        if year != Some(y) {
            year = Some(y);
            rows.push(ListRow::Heading(y.to_string()));
        }
        rows.push(ListRow::Item(Item::Entry(b, i)));
    }
    rows
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
