//! Plain-text export: a briefing as cleaned text, for reading outside the reader.

use std::fmt::Write;

use crate::model::Briefing;

/// The briefing as plain text; every string from the file is cleaned for display.
pub fn plain_text(b: &Briefing) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", b.title);
    if let Some(c) = &b.classification {
        let _ = writeln!(o, "[{c}]");
    }
    let _ = writeln!(o, "{}\n", b.date.human());
    if let Some(s) = &b.summary {
        let _ = writeln!(o, "{s}\n");
    }
    let _ = writeln!(o, "Event: {} ({})", b.event.title, b.event.date.human());
    if let Some(l) = &b.event.location {
        let _ = writeln!(o, "Location: {l}");
    }
    if let Some(d) = &b.event.description {
        let _ = writeln!(o, "{d}");
    }
    let _ = writeln!(o, "\nActors:");
    for a in &b.actors {
        let role = a
            .role
            .as_ref()
            .map(|r| format!(", {r}"))
            .unwrap_or_default();
        let _ = writeln!(o, "  {}{role}", a.name);
    }
    if !b.timeline.is_empty() {
        let _ = writeln!(o, "\nTimeline:");
        for e in &b.timeline {
            let approx = if e.approximate { "~" } else { "" };
            let _ = writeln!(o, "  {approx}{}  {}", e.date.human(), e.title);
        }
    }
    if !b.quotes.is_empty() {
        let _ = writeln!(o, "\nQuotes:");
        for q in &b.quotes {
            let who = b.actor_name(&q.actor);
            let said = if q.paraphrase {
                format!("(paraphrase) {}", q.text)
            } else {
                format!("\u{201c}{}\u{201d}", q.text)
            };
            let _ = writeln!(o, "  {who}: {said}");
        }
    }
    if !b.implications.is_empty() {
        let _ = writeln!(o, "\nImplications:");
        for i in &b.implications {
            let p = i
                .priority
                .map(|p| format!(" [{}]", p.name()))
                .unwrap_or_default();
            let _ = writeln!(o, "  {}{p}", i.title);
        }
    }
    o.push('\n');
    o
}
