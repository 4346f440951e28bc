//! Briefings as documents to read elsewhere: a Markdown memo and plain text, whole or
//! narrowed to actors and tags, with every item cited as [`crate::citation`] cites it.
//!
//! Every string from a file is taken in its cleaned form (see [`crate::text`]), and in
//! Markdown it is escaped as well (see [`md`]), so a briefing can add no heading,
//! link, table cell, HTML tag or other structure of its own to the memo.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::citation::{self, CLOSE_QUOTE, OPEN_QUOTE};
use crate::library::{ActorIx, Library};
use crate::model::Briefing;

/// What of one briefing a document shows: indices into its lists.
#[derive(Clone, Debug)]
pub struct Part<'a> {
    pub briefing: &'a Briefing,
    pub actors: Vec<usize>,
    pub timeline: Vec<usize>,
    pub quotes: Vec<usize>,
    pub implications: Vec<usize>,
}

impl<'a> Part<'a> {
    /// All of a briefing.
    pub fn whole(b: &'a Briefing) -> Part<'a> {
        Part {
            briefing: b,
            actors: (0..b.actors.len()).collect(),
            timeline: (0..b.timeline.len()).collect(),
            quotes: (0..b.quotes.len()).collect(),
            implications: (0..b.implications.len()).collect(),
        }
    }

    /// `3 of 6 timeline entries, 11 of 23 quotes, 3 of 5 implications`.
    fn counts(&self) -> String {
        let b = self.briefing;
        let n = |shown: usize, all: usize, one: &str, many: &str| {
            format!("{shown} of {all} {}", if all == 1 { one } else { many })
        };
        [
            n(
                self.timeline.len(),
                b.timeline.len(),
                "timeline entry",
                "timeline entries",
            ),
            n(self.quotes.len(), b.quotes.len(), "quote", "quotes"),
            n(
                self.implications.len(),
                b.implications.len(),
                "implication",
                "implications",
            ),
        ]
        .join(", ")
    }
}

/// A document: the parts shown, and what narrowed them.
#[derive(Clone, Debug, Default)]
pub struct Memo<'a> {
    pub parts: Vec<Part<'a>>,
    /// What the view was narrowed by, in words (`involves Tom Bossert`, `tagged
    /// cyber`); empty when it shows everything.
    pub filters: Vec<String>,
    /// How many briefings the view was narrowed from, when it was.
    pub out_of: Option<usize>,
}

impl<'a> Memo<'a> {
    pub fn whole(briefings: impl IntoIterator<Item = &'a Briefing>) -> Memo<'a> {
        Memo {
            parts: briefings.into_iter().map(Part::whole).collect(),
            filters: Vec::new(),
            out_of: None,
        }
    }

    /// What the document says around its parts.
    pub fn frame(&self) -> Frame {
        Frame {
            parts: self.parts.len(),
            filters: self.filters.clone(),
            out_of: self.out_of,
            marking: marking(
                self.parts
                    .iter()
                    .map(|p| p.briefing.classification.as_ref().map(|c| c.shown())),
            ),
        }
    }
}

/// What a document says around its parts, known before any part is written, so that
/// a document can be written one part at a time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    /// How many parts it has.
    pub parts: usize,
    /// As in [`Memo::filters`].
    pub filters: Vec<String>,
    /// As in [`Memo::out_of`].
    pub out_of: Option<usize>,
    /// The classification marking (see [`marking`]).
    pub marking: Option<String>,
}

impl Frame {
    fn filtered(&self) -> bool {
        !self.filters.is_empty()
    }

    /// `Filtered view: only what involves Tom Bossert; only briefings tagged cyber (1 of 4 briefings).`
    fn filter_line(&self) -> Option<String> {
        if !self.filtered() {
            return None;
        }
        let of = match self.out_of {
            Some(all) => format!(
                " ({} of {all} briefing{})",
                self.parts,
                if all == 1 { "" } else { "s" }
            ),
            None => String::new(),
        };
        Some(format!(
            "Filtered view: only {}{of}.",
            self.filters.join("; only ")
        ))
    }
}

/// The classification marking of a document: every marking of the briefings in it
/// (each given by its classification as shown), in order, `UNMARKED` for one without.
pub fn marking<'a>(classifications: impl Iterator<Item = Option<&'a str>>) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    for c in classifications {
        let m = c.unwrap_or("UNMARKED");
        if !seen.iter().any(|s| s == m) {
            seen.push(m.to_string());
        }
    }
    (!seen.is_empty()).then(|| seen.join(" / "))
}

/// What of a library involves any of `actors` (none: every actor) in briefings
/// carrying any of `tags` (none: every briefing; any case), and the words for it.
pub fn select<'a>(lib: &'a Library, actors: &BTreeSet<ActorIx>, tags: &[String]) -> Memo<'a> {
    let tags: Vec<String> = tags.iter().map(|t| t.trim().to_lowercase()).collect();
    let parts = lib
        .briefings
        .iter()
        .enumerate()
        .filter_map(|(ix, b)| part_of(b, |i| lib.actor_at(ix, i), actors, &tags))
        .collect();
    let names: Vec<&str> = actors
        .iter()
        .filter_map(|&a| lib.actors.get(a))
        .map(|a| a.name.as_str())
        .collect();
    let filters = filter_words(&names, &tags);
    let out_of = (!filters.is_empty()).then_some(lib.briefings.len());
    Memo {
        parts,
        filters,
        out_of,
    }
}

/// Whether a briefing with these tags (as shown) and library actors is in a document
/// narrowed to `actors` (none: every actor) and `tags` (in lower case; none: every
/// briefing).
pub fn keeps<'t>(
    its_tags: impl IntoIterator<Item = &'t str>,
    its_actors: impl IntoIterator<Item = Option<ActorIx>>,
    actors: &BTreeSet<ActorIx>,
    tags: &[String],
) -> bool {
    (tags.is_empty()
        || its_tags
            .into_iter()
            .any(|t| tags.contains(&t.trim().to_lowercase())))
        && (actors.is_empty()
            || its_actors
                .into_iter()
                .any(|a| a.is_some_and(|a| actors.contains(&a))))
}

/// What of briefing `b` a document narrowed to `actors` and `tags` (as in [`keeps`])
/// shows, if anything; `actor_at(i)` is the library actor of its `i`-th actor.
pub fn part_of<'a>(
    b: &'a Briefing,
    actor_at: impl Fn(usize) -> Option<ActorIx>,
    actors: &BTreeSet<ActorIx>,
    tags: &[String],
) -> Option<Part<'a>> {
    let its_actors = (0..b.actors.len()).map(&actor_at);
    if !keeps(b.tags.iter().map(|t| t.shown()), its_actors, actors, tags) {
        return None;
    }
    if actors.is_empty() {
        return Some(Part::whole(b));
    }
    let involves = |ids: &[crate::model::Id]| {
        ids.iter().any(|id| {
            b.actors
                .iter()
                .position(|a| &a.id == id)
                .and_then(&actor_at)
                .is_some_and(|a| actors.contains(&a))
        })
    };
    Some(Part {
        briefing: b,
        actors: (0..b.actors.len())
            .filter(|&i| actor_at(i).is_some_and(|a| actors.contains(&a)))
            .collect(),
        timeline: (0..b.timeline.len())
            .filter(|&i| involves(&b.timeline[i].actors))
            .collect(),
        quotes: (0..b.quotes.len())
            .filter(|&i| involves(std::slice::from_ref(&b.quotes[i].actor)))
            .collect(),
        implications: (0..b.implications.len())
            .filter(|&i| involves(&b.implications[i].actors))
            .collect(),
    })
}

/// The words for what a document is narrowed to: the chosen actors' names, and the
/// tags (in lower case).
pub fn filter_words(actor_names: &[&str], tags: &[String]) -> Vec<String> {
    let mut filters = Vec::new();
    if !actor_names.is_empty() {
        filters.push(format!("what involves {}", actor_names.join(" or ")));
    }
    if !tags.is_empty() {
        filters.push(format!("briefings tagged {}", tags.join(" or ")));
    }
    filters
}

/// A copy of a part's briefing holding only what the part shows (every actor is
/// kept, so that each reference still names one), for the JSON export.
pub fn narrowed(p: &Part) -> Briefing {
    let b = p.briefing;
    let pick = |all: usize, keep: &[usize]| -> Vec<usize> {
        (0..all).filter(|i| keep.contains(i)).collect()
    };
    Briefing {
        timeline: pick(b.timeline.len(), &p.timeline)
            .into_iter()
            .map(|i| b.timeline[i].clone())
            .collect(),
        quotes: pick(b.quotes.len(), &p.quotes)
            .into_iter()
            .map(|i| b.quotes[i].clone())
            .collect(),
        implications: pick(b.implications.len(), &p.implications)
            .into_iter()
            .map(|i| b.implications[i].clone())
            .collect(),
        ..b.clone()
    }
}

/// One briefing, whole, as plain text.
pub fn plain_text(b: &Briefing) -> String {
    text(&Memo::whole([b]))
}

// ---- Markdown ----

/// Text from a file made inert in Markdown: every character that could start or
/// end structure is backslash-escaped, line starts cannot open a block (heading,
/// list, quote, code, table, thematic break), and bare web or mail addresses are
/// not turned into links. The text is cleaned first. Line breaks become spaces; use
/// [`md_block`] to keep them.
pub fn md(s: &str) -> String {
    md_line(&crate::text::clean_line(s))
}

/// One cleaned line, escaped.
fn md_line(line: &str) -> String {
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    // A run of digits at the start followed by `.` or `)` would open an ordered list.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (i, &c) in chars.iter().enumerate() {
        let at_start = i == 0;
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '$' | '@' => {
                true
            }
            // Block starts: list bullets, setext underlines, ordered list numbers.
            '-' | '+' | '=' if at_start => true,
            '.' | ')' if digits > 0 && i == digits => true,
            // Bare addresses (`https://`, `www.`) become links in GitHub's Markdown.
            ':' => chars.get(i + 1) == Some(&'/') && chars.get(i + 2) == Some(&'/'),
            '.' => i >= 3 && chars[i - 3..i].iter().all(|c| c.eq_ignore_ascii_case(&'w')),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A multi-line text from a file, escaped line by line, each line after `prefix`
/// (`> ` in a block quote, spaces in a list item). Blank lines separate paragraphs.
fn md_block(out: &mut String, s: &str, prefix: &str) {
    let cleaned = crate::text::clean_block(s);
    let lines: Vec<&str> = cleaned.lines().collect();
    let mut started = false;
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let after_blank = i > 0 && lines[i - 1].trim().is_empty();
        if started && after_blank {
            let _ = writeln!(out, "{}", prefix.trim_end());
        }
        started = true;
        // A line the author broke (a `|` block) stays broken: a backslash at the end
        // of a line is a hard line break.
        let continues = lines.get(i + 1).is_some_and(|next| !next.trim().is_empty());
        let brk = if continues { "\\" } else { "" };
        let _ = writeln!(out, "{prefix}{}{brk}", md_line(line));
    }
}

/// A web address as a Markdown autolink. Characters an autolink cannot hold, or
/// that could end it, are percent-encoded; the loader lets only http and https in.
fn md_url(url: &str) -> String {
    let url = crate::text::clean_line(url);
    let mut out = String::from("<");
    for b in url.trim().bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'*+,;=%".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out.push('>');
    out
}

/// A table cell: one line, escaped (`|` included).
fn md_cell(s: &str) -> String {
    md(s)
}

/// A source in full for the Markdown list: publisher and title, date, address.
fn md_source(b: &Briefing, id: &str) -> String {
    let Some(s) = b.source(id) else {
        return md(id);
    };
    let mut out = match &s.publisher {
        Some(p) => format!(
            "{}, {OPEN_QUOTE}{}{CLOSE_QUOTE}",
            md(p.shown()),
            md(s.title.shown())
        ),
        None => format!("{OPEN_QUOTE}{}{CLOSE_QUOTE}", md(s.title.shown())),
    };
    if let Some(d) = &s.date {
        let _ = write!(out, ", {}", d.human());
    }
    if let Some(u) = &s.url {
        let _ = write!(out, ", {}", md_url(u.shown()));
    }
    out
}

/// The memo in Markdown.
pub fn markdown(m: &Memo) -> String {
    let f = m.frame();
    let mut o = markdown_head(&f);
    for (n, part) in m.parts.iter().enumerate() {
        if n > 0 {
            o.push_str(MARKDOWN_BETWEEN);
        }
        o.push_str(&markdown_part(&f, part));
    }
    o.push_str(&markdown_foot(&f));
    o
}

/// What comes between two parts of a Markdown memo.
pub const MARKDOWN_BETWEEN: &str = "---\n\n";

/// The start of a Markdown memo, before its parts.
pub fn markdown_head(f: &Frame) -> String {
    let mut o = String::new();
    if let Some(mark) = &f.marking {
        let _ = writeln!(o, "**{}**\n", md(mark));
    }
    if f.parts != 1
        && let Some(line) = f.filter_line()
    {
        let _ = writeln!(o, "*{}*\n", md(&line));
    }
    if f.parts == 0 {
        let _ = writeln!(o, "Nothing matches.\n");
    }
    o
}

/// One part of a Markdown memo.
pub fn markdown_part(f: &Frame, p: &Part) -> String {
    let mut o = String::new();
    md_part(&mut o, f, p);
    o
}

/// The end of a Markdown memo, after its parts.
pub fn markdown_foot(f: &Frame) -> String {
    match &f.marking {
        Some(mark) => format!("**{}**\n", md(mark)),
        None => String::new(),
    }
}

/// The briefings as one pretty-printed JSON array, as `brief export --format json`
/// prints it (see [`write_json`]).
pub fn json<T: serde::Serialize + ?Sized>(briefings: &T) -> serde_json::Result<String> {
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
pub fn write_json<T: serde::Serialize + ?Sized>(
    out: impl std::io::Write,
    briefings: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, SafeFormatter::default());
    briefings.serialize(&mut ser)
}

/// Items serialized as a sequence while they are made, one at a time: a document of
/// any length is written without holding it (see [`write_json`]).
pub struct Streamed<I>(std::cell::RefCell<Option<I>>);

impl<I> Streamed<I> {
    pub fn new(items: I) -> Streamed<I> {
        Streamed(std::cell::RefCell::new(Some(items)))
    }
}

impl<I: Iterator<Item = T>, T: serde::Serialize> serde::Serialize for Streamed<I> {
    /// Serialized once: a second time gives an empty sequence.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take();
        s.collect_seq(items.into_iter().flatten())
    }
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

fn md_part(o: &mut String, m: &Frame, p: &Part) {
    let b = p.briefing;
    let _ = writeln!(o, "# {}\n", md(b.title.shown()));
    let mut line = b.date.human();
    if m.parts > 1
        && let Some(c) = &b.classification
    {
        let _ = write!(line, " \u{00B7} {}", md(c.shown()));
    }
    let _ = writeln!(o, "{line}\n");
    if m.filtered() {
        let which = match (m.parts, m.filter_line()) {
            (1, Some(f)) => format!("{} Shown: {}.", f, p.counts()),
            _ => format!("Shown: {}.", p.counts()),
        };
        let _ = writeln!(o, "*{}*\n", md(&which));
    }
    if let Some(s) = &b.summary {
        let _ = writeln!(o, "## Summary\n");
        md_block(o, s.shown(), "");
        o.push('\n');
    }

    let e = &b.event;
    let _ = writeln!(o, "## Event\n");
    let mut head = format!("**{}**, {}", md(e.title.shown()), e.date.human());
    if let Some(l) = &e.location {
        let _ = write!(head, ", {}", md(l.shown()));
    }
    let _ = writeln!(o, "{head}\n");
    if let Some(d) = &e.description {
        md_block(o, d.shown(), "");
        o.push('\n');
    }

    if !p.actors.is_empty() {
        let _ = writeln!(o, "## Actors\n");
        for &i in &p.actors {
            let a = &b.actors[i];
            let mut line = format!("- **{}**", md(a.name.shown()));
            if let Some(r) = &a.role {
                let _ = write!(line, ", {}", md(r.shown()));
            }
            if let Some(k) = a.kind {
                let _ = write!(line, " ({})", k.name());
            }
            let _ = writeln!(o, "{line}");
        }
        o.push('\n');
    }

    if !p.timeline.is_empty() {
        let _ = writeln!(o, "## Timeline\n");
        let _ = writeln!(o, "| Date | What happened | Who | Source |");
        let _ = writeln!(o, "|---|---|---|---|");
        for &i in &p.timeline {
            let [when, what, who, source] = md_entry_cells(b, i);
            let _ = writeln!(o, "| {when} | {what} | {who} | {source} |");
        }
        o.push('\n');
    }

    if !p.quotes.is_empty() {
        let _ = writeln!(o, "## Quotes\n");
        for &i in &p.quotes {
            let q = &b.quotes[i];
            if q.paraphrase {
                let _ = write!(o, "> *{}* ", citation::PARAPHRASE);
                let mut body = String::new();
                md_block(&mut body, q.text.shown(), "");
                // The paraphrase's first line follows the label; the rest keep `> `.
                let mut lines = body.lines();
                let _ = writeln!(o, "{}", lines.next().unwrap_or(""));
                for l in lines {
                    let _ = writeln!(o, ">{}{l}", if l.is_empty() { "" } else { " " });
                }
            } else {
                let mut body = String::new();
                md_block(&mut body, q.text.shown(), "");
                let n = body.lines().count();
                for (k, l) in body.lines().enumerate() {
                    let open = if k == 0 {
                        OPEN_QUOTE.to_string()
                    } else {
                        String::new()
                    };
                    let close = if k + 1 == n {
                        CLOSE_QUOTE.to_string()
                    } else {
                        String::new()
                    };
                    if l.is_empty() {
                        let _ = writeln!(o, ">");
                    } else {
                        let _ = writeln!(o, "> {open}{l}{close}");
                    }
                }
            }
            let speaker = md(&b.actor_name(&q.actor));
            let mut by = format!("> \u{2014} **{speaker}**");
            if let Some(r) = b.actor(&q.actor).and_then(|a| a.role.as_ref()) {
                let _ = write!(by, ", {}", md(r.shown()));
            }
            if let Some(c) = &q.context {
                let _ = write!(by, ", {}", md(c.shown()));
            }
            if let Some(d) = &q.date {
                let _ = write!(by, ", {}", d.human());
            }
            if let Some(s) = &q.source {
                let _ = write!(by, " ({})", md(&citation::source(b, s)));
            }
            let _ = writeln!(o, ">\n{by}\n");
        }
    }

    if !p.implications.is_empty() {
        let _ = writeln!(o, "## Implications\n");
        for &i in &p.implications {
            let m = &b.implications[i];
            let weight = citation::weight(m)
                .map(|w| format!(" ({w})"))
                .unwrap_or_default();
            let _ = writeln!(o, "- **{}**{weight}", md(m.title.shown()));
            if let Some(d) = &m.detail {
                o.push('\n');
                md_block(o, d.shown(), "  ");
            }
            if !m.actors.is_empty() {
                let who: Vec<String> = m.actors.iter().map(|id| b.actor_name(id)).collect();
                let _ = writeln!(o, "\n  Concerns: {}", md(&who.join(", ")));
            }
            o.push('\n');
        }
    }

    if !b.sources.is_empty() {
        let _ = writeln!(o, "## Sources\n");
        for s in &b.sources {
            let _ = writeln!(o, "- {}", md_source(b, &s.id));
        }
        o.push('\n');
    }
}

/// A timeline table row: date, title and detail, who, and the source, all escaped.
fn md_entry_cells(b: &Briefing, i: usize) -> [String; 4] {
    let e = &b.timeline[i];
    let mut what = format!("**{}**", md_cell(e.title.shown()));
    if let Some(d) = &e.detail {
        let _ = write!(what, " \u{2014} {}", md_cell(d.shown()));
    }
    if let Some(c) = e.confidence {
        let _ = write!(what, " ({} confidence)", c.name());
    }
    let who: Vec<String> = e.actors.iter().map(|id| b.actor_name(id)).collect();
    let source = e
        .source
        .as_deref()
        .map(|s| match b.source(s) {
            Some(src) => md_cell(src.publisher.as_ref().unwrap_or(&src.title).shown()),
            None => md_cell(s),
        })
        .unwrap_or_default();
    [
        citation::when(&e.date, e.approximate),
        what,
        md_cell(&who.join(", ")),
        source,
    ]
}

/// The library timeline as a memo: the entries of many briefings in one table, in
/// the order given, each with the briefing it is from.
pub fn timeline_markdown(entries: &[(&Briefing, usize)], filters: &[String]) -> String {
    let mut o = String::new();
    let marking = marking(
        entries
            .iter()
            .map(|(b, _)| b.classification.as_ref().map(|c| c.shown())),
    );
    if let Some(mark) = &marking {
        let _ = writeln!(o, "**{}**\n", md(mark));
    }
    let _ = writeln!(o, "# Library timeline\n");
    let mut briefings: Vec<&str> = entries.iter().map(|(b, _)| b.id.as_str()).collect();
    briefings.sort_unstable();
    briefings.dedup();
    let mut line = format!(
        "{} entr{} from {} briefing{}.",
        entries.len(),
        if entries.len() == 1 { "y" } else { "ies" },
        briefings.len(),
        if briefings.len() == 1 { "" } else { "s" }
    );
    if !filters.is_empty() {
        line = format!("Filtered view: only {}. {line}", filters.join("; only "));
    }
    let _ = writeln!(o, "*{}*\n", md(&line));
    if !entries.is_empty() {
        let _ = writeln!(o, "| Date | What happened | Who | Briefing | Source |");
        let _ = writeln!(o, "|---|---|---|---|---|");
        for &(b, i) in entries {
            let [when, what, who, source] = md_entry_cells(b, i);
            let _ = writeln!(
                o,
                "| {when} | {what} | {who} | {} | {source} |",
                md_cell(b.title.shown())
            );
        }
        o.push('\n');
    }
    if let Some(mark) = &marking {
        let _ = writeln!(o, "**{}**", md(mark));
    }
    o
}

/// Writes `contents` to a new file `STEM.md` in `dir`, or `STEM-2.md`, `STEM-3.md` and
/// so on when the name is taken: never over a file. The file appears whole or not at
/// all: it is written under a hidden name first, then linked to its own.
pub fn write_new(dir: &Path, stem: &str, contents: &str) -> io::Result<PathBuf> {
    let stem = crate::load::slugify(stem);
    let mut tmp = None;
    for n in 0..100 {
        let path = dir.join(format!(".{stem}.md.{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                let written = f.write_all(contents.as_bytes()).and_then(|_| f.sync_all());
                if let Err(e) = written {
                    let _ = std::fs::remove_file(&path);
                    return Err(e);
                }
                tmp = Some(path);
                break;
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    let tmp = tmp.ok_or_else(|| io::Error::other("no free temporary name"))?;
    let result = link_to_free_name(&tmp, dir, &stem, contents);
    let _ = std::fs::remove_file(&tmp);
    result
}

fn link_to_free_name(tmp: &Path, dir: &Path, stem: &str, contents: &str) -> io::Result<PathBuf> {
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        match std::fs::hard_link(tmp, &path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            // A file system without links: create the file itself, still never over one.
            Err(_) => match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    return f
                        .write_all(contents.as_bytes())
                        .and_then(|_| f.sync_all())
                        .map(|_| path);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            },
        }
    }
    Err(io::Error::other(format!(
        "{stem}.md and 9,999 numbered names are taken"
    )))
}

// ---- plain text ----

/// A multi-line text, cleaned, each line after `indent`.
fn text_block(out: &mut String, s: &str, indent: &str) {
    for line in crate::text::clean_block(s).lines() {
        let line = line.trim_end();
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
}

/// The memo as plain, linear text: no markup, no box drawing, no colour, every
/// string cleaned; for screen readers, pipes and plain mail.
pub fn text(m: &Memo) -> String {
    let f = m.frame();
    let mut o = text_head(&f);
    for (n, part) in m.parts.iter().enumerate() {
        if n > 0 {
            o.push_str(TEXT_BETWEEN);
        }
        o.push_str(&text_of_part(&f, part));
    }
    o.push_str(&text_foot(&f));
    o
}

/// What comes between two parts of a plain-text memo.
pub const TEXT_BETWEEN: &str = "* * *\n\n";

/// The start of a plain-text memo, before its parts.
pub fn text_head(f: &Frame) -> String {
    let mut o = String::new();
    if let Some(mark) = &f.marking {
        let _ = writeln!(o, "{mark}\n");
    }
    if f.parts != 1
        && let Some(line) = f.filter_line()
    {
        let _ = writeln!(o, "{line}\n");
    }
    if f.parts == 0 {
        let _ = writeln!(o, "Nothing matches.\n");
    }
    o
}

/// One part of a plain-text memo.
pub fn text_of_part(f: &Frame, p: &Part) -> String {
    let mut o = String::new();
    text_part(&mut o, f, p);
    o
}

/// The end of a plain-text memo, after its parts.
pub fn text_foot(f: &Frame) -> String {
    match &f.marking {
        Some(mark) => format!("{mark}\n"),
        None => String::new(),
    }
}

fn text_part(o: &mut String, m: &Frame, p: &Part) {
    let b = p.briefing;
    let _ = writeln!(o, "{}", b.title);
    let mut line = b.date.human();
    if m.parts > 1
        && let Some(c) = &b.classification
    {
        let _ = write!(line, ", {c}");
    }
    let _ = writeln!(o, "{line}\n");
    if m.filtered() {
        match (m.parts, m.filter_line()) {
            (1, Some(f)) => {
                let _ = writeln!(o, "{f} Shown: {}.\n", p.counts());
            }
            _ => {
                let _ = writeln!(o, "Shown: {}.\n", p.counts());
            }
        }
    }
    if let Some(s) = &b.summary {
        let _ = writeln!(o, "Summary");
        text_block(o, s.shown(), "");
        o.push('\n');
    }
    let _ = writeln!(o, "Event");
    for l in event_lines(b) {
        let _ = writeln!(o, "{l}");
    }
    o.push('\n');

    if !p.actors.is_empty() {
        let _ = writeln!(o, "Actors");
        for &i in &p.actors {
            // Who each is, in one line; the rest is for the actor on its own.
            let first = actor_lines(b, i).swap_remove(0);
            let _ = writeln!(o, "- {first}");
        }
        o.push('\n');
    }
    if !p.timeline.is_empty() {
        let _ = writeln!(o, "Timeline");
        for &i in &p.timeline {
            list_item(o, &entry_lines(b, i));
        }
        o.push('\n');
    }
    if !p.quotes.is_empty() {
        let _ = writeln!(o, "Quotes");
        for &i in &p.quotes {
            let _ = writeln!(o, "- {}", citation::quote(b, &b.quotes[i]));
        }
        o.push('\n');
    }
    if !p.implications.is_empty() {
        let _ = writeln!(o, "Implications");
        for &i in &p.implications {
            list_item(o, &implication_lines(b, i));
        }
        o.push('\n');
    }
    if !b.sources.is_empty() {
        let _ = writeln!(o, "Sources");
        for s in &b.sources {
            let _ = writeln!(o, "- {}", citation::source_in_full(b, &s.id));
        }
        o.push('\n');
    }
}

/// One item as plain text: its first line, then the lines that say more about it.
/// In the text export they are a list item; copied on their own (`Y` in the reader)
/// they stand as they are.
pub type Lines = Vec<String>;

/// Writes an item's lines as a list item: `- ` before the first, two spaces before
/// the rest.
fn list_item(o: &mut String, lines: &[String]) {
    for (k, l) in lines.iter().enumerate() {
        let _ = writeln!(o, "{}{l}", if k == 0 { "- " } else { "  " });
    }
}

/// A multi-line text from a file, cleaned, as lines.
fn block_lines(s: &str) -> impl Iterator<Item = String> + '_ {
    crate::text::clean_block(s)
        .lines()
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .into_iter()
}

/// A timeline entry: date and title, then its detail, who took part, its source and
/// how sure the author is.
pub fn entry_lines(b: &Briefing, i: usize) -> Lines {
    let e = &b.timeline[i];
    let mut out = vec![format!(
        "{}: {}",
        citation::when(&e.date, e.approximate),
        e.title
    )];
    if let Some(d) = &e.detail {
        out.extend(block_lines(d.shown()));
    }
    let mut facts = Vec::new();
    if !e.actors.is_empty() {
        let who: Vec<String> = e.actors.iter().map(|id| b.actor_name(id)).collect();
        facts.push(format!("Who: {}.", who.join(", ")));
    }
    if let Some(s) = &e.source {
        facts.push(format!("Source: {}.", citation::source(b, s)));
    }
    if let Some(c) = e.confidence {
        facts.push(format!("Confidence: {}.", c.name()));
    }
    if !facts.is_empty() {
        out.push(facts.join(" "));
    }
    out
}

/// An implication: title and weight, then its reasoning and whom it concerns.
pub fn implication_lines(b: &Briefing, i: usize) -> Lines {
    let m = &b.implications[i];
    let weight = citation::weight(m)
        .map(|w| format!(" ({w})"))
        .unwrap_or_default();
    let mut out = vec![format!("{}{weight}", m.title)];
    if let Some(d) = &m.detail {
        out.extend(block_lines(d.shown()));
    }
    if !m.actors.is_empty() {
        let who: Vec<String> = m.actors.iter().map(|id| b.actor_name(id)).collect();
        out.push(format!("Concerns: {}.", who.join(", ")));
    }
    out
}

/// A quote: its citation, then its source in full and the briefing it is from.
pub fn quote_lines(b: &Briefing, i: usize) -> Lines {
    let q = &b.quotes[i];
    let mut out = vec![citation::quote(b, q)];
    if let Some(s) = &q.source {
        out.push(format!("Source: {}.", citation::source_in_full(b, s)));
    }
    out.push(format!("From the {}.", citation::briefing(b)));
    out
}

/// The event: title and date, where, and its description.
pub fn event_lines(b: &Briefing) -> Lines {
    let e = &b.event;
    let mut first = format!("{}, {}", e.title, e.date.human());
    if let Some(l) = &e.location {
        let _ = write!(first, ", {l}");
    }
    let mut out = vec![first];
    if let Some(d) = &e.description {
        out.extend(block_lines(d.shown()));
    }
    out
}

/// An actor: name, role and kind, then what it belongs to, its other names and its
/// description.
pub fn actor_lines(b: &Briefing, i: usize) -> Lines {
    let a = &b.actors[i];
    let mut first = a.name.to_string();
    if let Some(r) = &a.role {
        let _ = write!(first, ", {r}");
    }
    if let Some(k) = a.kind {
        let _ = write!(first, " ({})", k.name());
    }
    let mut out = vec![first];
    if let Some(f) = &a.affiliation {
        out.push(format!("Part of: {}.", b.actor_name(f)));
    }
    if !a.aliases.is_empty() {
        let names: Vec<&str> = a.aliases.iter().map(|t| t.shown()).collect();
        out.push(format!("Also called: {}.", names.join(", ")));
    }
    if let Some(d) = &a.description {
        out.extend(block_lines(d.shown()));
    }
    out
}
