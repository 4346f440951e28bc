//! How an item is cited: who said it, in what role and setting, when, and where it
//! was reported. Plain text, cleaned for display; the exports and the reader's copy
//! keys all build on these, so a citation reads the same wherever it is made.

use crate::date::Date;
use crate::model::{Briefing, Implication, Quote, TimelineEntry};

/// What a paraphrase starts with, so it can never pass for the speaker's words.
pub const PARAPHRASE: &str = "Paraphrase, not a direct quote:";

/// Opening and closing quotation marks around a speaker's own words.
pub const OPEN_QUOTE: char = '\u{201C}';
pub const CLOSE_QUOTE: char = '\u{201D}';

/// A date at its precision, saying so when it is an estimate: `19 Dec 2017`,
/// `Dec 2017 (approximate)`.
pub fn when(date: &Date, approximate: bool) -> String {
    if approximate {
        format!("{} (approximate)", date.human())
    } else {
        date.human()
    }
}

/// A source as cited: `FCW, “U.S. blames WannaCry on North Korea”` (publisher and
/// title), the title alone when there is no publisher, the id when it is unknown.
pub fn source(b: &Briefing, id: &str) -> String {
    match b.source(id) {
        Some(s) => match &s.publisher {
            Some(p) => format!("{p}, {OPEN_QUOTE}{}{CLOSE_QUOTE}", s.title),
            None => format!("{OPEN_QUOTE}{}{CLOSE_QUOTE}", s.title),
        },
        None => crate::text::clean_line(id).into_owned(),
    }
}

/// A source in full, for a list of sources: publisher and title, date, web address.
pub fn source_in_full(b: &Briefing, id: &str) -> String {
    let mut out = source(b, id);
    if let Some(s) = b.source(id) {
        if let Some(d) = &s.date {
            out.push_str(", ");
            out.push_str(&d.human());
        }
        if let Some(u) = &s.url {
            out.push_str(", ");
            out.push_str(u.shown());
        }
    }
    out
}

/// The briefing itself as a source, for what it says on its own authority.
pub fn briefing(b: &Briefing) -> String {
    format!(
        "briefing {OPEN_QUOTE}{}{CLOSE_QUOTE}, {}",
        b.title,
        b.date.human()
    )
}

/// Who an actor is, as cited: `Tom Bossert, White House homeland security advisor`.
pub fn speaker(b: &Briefing, actor: &str) -> String {
    let name = b.actor_name(actor);
    match b.actor(actor).and_then(|a| a.role.as_ref()) {
        Some(role) => format!("{name}, {role}"),
        None => name,
    }
}

/// The parts of a quote's attribution, in the order they are cited: speaker (with
/// role), context, date. The source is cited apart, in parentheses.
pub fn attribution(b: &Briefing, q: &Quote) -> String {
    let mut parts = vec![speaker(b, &q.actor)];
    if let Some(c) = &q.context {
        parts.push(crate::text::clean_line(c.shown()).into_owned());
    }
    if let Some(d) = &q.date {
        parts.push(d.human());
    }
    parts.join(", ")
}

/// A quote's words as cited: in quotation marks, or marked as a paraphrase.
pub fn words(q: &Quote) -> String {
    let text = crate::text::clean_line(q.text.shown());
    if q.paraphrase {
        format!("{PARAPHRASE} {text}")
    } else {
        format!("{OPEN_QUOTE}{text}{CLOSE_QUOTE}")
    }
}

/// ` (FCW, “Title”)`, or nothing when the item names no source.
fn cited_source(b: &Briefing, id: Option<&crate::model::Id>) -> String {
    id.map(|s| format!(" ({})", source(b, s)))
        .unwrap_or_default()
}

/// A quote ready to paste: `“…” — Tom Bossert, White House homeland security advisor,
/// Dec. 19 press call with reporters, 19 Dec 2017 (FCW, “U.S. blames WannaCry on
/// North Korea”)`.
pub fn quote(b: &Briefing, q: &Quote) -> String {
    format!(
        "{} \u{2014} {}{}",
        words(q),
        attribution(b, q),
        cited_source(b, q.source.as_ref())
    )
}

/// A timeline entry ready to paste: `19 Dec 2017: title (FCW, “…”)`; an entry with no
/// source is cited to the briefing.
pub fn entry(b: &Briefing, e: &TimelineEntry) -> String {
    let from = match &e.source {
        Some(_) => cited_source(b, e.source.as_ref()),
        None => format!(" ({})", briefing(b)),
    };
    format!(
        "{}: {}{from}",
        when(&e.date, e.approximate),
        crate::text::clean_line(e.title.shown())
    )
}

/// `priority high, moderate confidence`, or as much of it as is known.
pub fn weight(m: &Implication) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(p) = m.priority {
        parts.push(format!("priority {}", p.name()));
    }
    if let Some(c) = m.confidence {
        parts.push(format!("{} confidence", c.name()));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// An implication ready to paste: the briefing's own judgement, cited to it.
pub fn implication(b: &Briefing, m: &Implication) -> String {
    let weight = weight(m).map(|w| format!(" ({w})")).unwrap_or_default();
    format!(
        "Assessment{weight}: {} ({})",
        crate::text::clean_line(m.title.shown()),
        briefing(b)
    )
}

/// The briefing's event ready to paste.
pub fn event(b: &Briefing) -> String {
    format!(
        "{}: {} ({})",
        b.event.date.human(),
        b.event.title,
        briefing(b)
    )
}
