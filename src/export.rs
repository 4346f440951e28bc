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

/// The briefings as one pretty-printed JSON array, as `brief export --format json`
/// prints it (see [`write_json`]).
pub fn json(briefings: &[&Briefing]) -> serde_json::Result<String> {
    let mut out = Vec::new();
    write_json(&mut out, briefings)?;
    // Only ASCII escapes and the briefings' own UTF-8 text were written.
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

/// Writes the briefings as one pretty-printed JSON array, with the format's own keys.
///
/// Text is exported exactly, but characters a terminal may act on when the JSON is
/// printed (the C1 controls U+0080 to U+009F, the bidi embeddings, overrides,
/// isolates and marks, LINE and PARAGRAPH SEPARATOR) are written as `\uXXXX`
/// escapes, which any JSON reader turns back into the same text.
pub fn write_json(out: impl std::io::Write, briefings: &[&Briefing]) -> serde_json::Result<()> {
    use serde::Serialize;
    let mut ser = serde_json::Serializer::with_formatter(out, SafeFormatter::default());
    briefings.serialize(&mut ser)
}

/// Characters escaped in JSON beyond what JSON itself requires.
fn escaped_in_json(c: char) -> bool {
    matches!(
        c,
        '\u{80}'..='\u{9F}'
            | '\u{61C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// serde_json's pretty printer, with [`escaped_in_json`] characters escaped.
#[derive(Default)]
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if escaped_in_json(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}
