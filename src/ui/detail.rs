//! An item opened in full: wrapped, scrollable, with everything the file says of it.
//! It takes the body of the screen, between the title bar and the status line, so
//! nothing of the panes shows behind it.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::Drawing;
use super::parts::{Passage, border_title, passage_lines, passages_height};
use super::theme::Theme;
use crate::app::{Action, App};
use crate::library::{BriefingIx, Item, Library};
use crate::model::{Briefing, Quote, Source};

/// Lines of text wider than this are hard to read: on a wide screen the text keeps to
/// a column this wide in the middle.
const MEASURE: u16 = 100;

/// Where the detail's text goes in the body of the screen, and how wide it is.
fn text_area(body: Rect) -> Rect {
    let inner = Rect::new(
        body.x + 1,
        body.y + 1,
        body.width.saturating_sub(2),
        body.height.saturating_sub(2),
    );
    let w = inner.width.saturating_sub(2).min(MEASURE);
    Rect::new(inner.x + (inner.width - w) / 2, inner.y, w, inner.height)
}

/// The item in full over the body of the screen, from line `scroll`; the frame records
/// its length and how much was in view, which paging reads.
pub fn render(v: &Drawing, item: Item, scroll: usize, body: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    Clear.render(body, buf);
    let text = text_area(body);
    let width = text.width as usize;
    let (title, doc) = passages(v, item);
    let total = passages_height(&doc, width);
    let inner_h = text.height as usize;
    app.view().popup().record_text(body, inner_h, total);
    let top = scroll.min(total.saturating_sub(inner_h));
    let more = if total > inner_h {
        format!(" {}-{} of {} ", top + 1, (top + inner_h).min(total), total)
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(t.focus)
        .title(border_title(
            Span::styled(format!(" {title} "), t.focus),
            body.width,
        ))
        .title_bottom(border_title(
            Line::from(Span::styled(more, t.dim)).right_aligned(),
            body.width,
        ));
    block.render(body, buf);
    // Only the lines in view are built.
    let q = app.filters().query.lower();
    let lines = passage_lines(&doc, width, q, top, inner_h, t);
    for (i, line) in lines.iter().enumerate() {
        buf.set_line(text.x, text.y + i as u16, line, text.width);
    }
}

/// Builds the detail as passages, wrapped when drawn.
struct Doc<'a> {
    out: Vec<Passage<'a>>,
    /// The colours and the keys to name.
    drawing: Drawing<'a>,
}

impl<'a> Doc<'a> {
    fn para(&mut self, label: &'static str, text: impl Into<Cow<'a, str>>, style: Style) {
        self.out.push(Passage::para(label, text, style));
    }
    fn field(&mut self, label: &'static str, text: Option<impl Into<Cow<'a, str>>>) {
        if let Some(text) = text {
            self.para(label, text, self.drawing.theme.text);
        }
    }
    fn blank(&mut self) {
        self.out.push(Passage::Line(Line::default()));
    }
    fn heading(&mut self, text: String) {
        self.blank();
        self.out.push(Passage::Line(Line::from(Span::styled(
            text,
            self.drawing.theme.label,
        ))));
    }
}

/// A source in words: title — publisher, date <url>.
pub fn source_text(s: &Source) -> String {
    let mut line = s.title.shown().to_string();
    if let Some(p) = &s.publisher {
        line.push_str(&format!(" \u{2014} {}", p.shown()));
    }
    if let Some(d) = &s.date {
        line.push_str(&format!(", {}", d.human()));
    }
    if let Some(u) = &s.url {
        line.push_str(&format!(" <{}>", u.shown()));
    }
    line
}

fn source_line(br: &Briefing, id: &str) -> String {
    match br.source(id) {
        Some(s) => source_text(s),
        None => id.to_string(),
    }
}

/// The title of an item in full, and its passages.
fn passages<'a>(v: &Drawing<'a>, item: Item) -> (String, Vec<Passage<'a>>) {
    let (app, t) = (v.app, v.theme);
    let mut d = Doc {
        out: Vec::new(),
        drawing: *v,
    };
    let lib = app.library();
    let title = match item {
        Item::Briefing(b) => briefing(&mut d, lib, b, t),
        Item::Event(b) => event(&mut d, &lib.briefings[b], t),
        Item::Actor(b, i) => actor(&mut d, lib, b, i, t),
        Item::Entry(b, i) => entry(&mut d, &lib.briefings[b], i, t),
        Item::Quote(b, i) => quote(&mut d, &lib.briefings[b], i, t),
        Item::Implication(b, i) => implication(&mut d, &lib.briefings[b], i, t),
        Item::Failed(f) => failed(&mut d, lib, f, t),
        Item::Warning(w) => warning(&mut d, lib, w, t),
    };
    keeping_up(app, item, &mut d, t);
    (title.to_string(), d.out)
}

/// The names of actors, by their ids in a briefing.
fn names(br: &Briefing, ids: &[crate::model::Id]) -> String {
    ids.iter()
        .map(|id| br.actor_name(id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Everything a briefing file says, in reading order: what it is and where it came
/// from, the event, who is involved, what happened, what was said, what it means, and
/// the sources it rests on.
fn briefing<'a>(d: &mut Doc<'a>, lib: &'a Library, b: BriefingIx, t: &Theme) -> &'static str {
    let br = &lib.briefings[b];
    let names = |ids: &[crate::model::Id]| names(br, ids);
    d.para("", br.title.shown(), t.title);
    d.field("Marking  ", br.classification.as_ref().map(|x| x.shown()));
    d.para("Date     ", br.date.human(), t.date);
    if !br.tags.is_empty() {
        let tags: Vec<&str> = br.tags.iter().map(|x| x.shown()).collect();
        d.para("Tags     ", tags.join(", "), t.text);
    }
    d.para("File     ", lib.place(b), t.dim);
    if let Some(s) = &br.summary {
        d.blank();
        d.para("", s.shown(), t.text);
    }
    d.heading("Event".to_string());
    d.para("", br.event.title.shown(), t.event);
    let mut when = br.event.date.human();
    if let Some(l) = &br.event.location {
        when.push_str(&format!(" \u{00b7} {}", l.shown()));
    }
    d.para("", when, t.date);
    d.field("", br.event.description.as_ref().map(|x| x.shown()));

    d.heading(format!("Actors ({})", br.actors.len()));
    for a in &br.actors {
        let mut line = a.name.shown().to_string();
        if let Some(k) = a.kind {
            line.push_str(&format!(" ({})", k.name()));
        }
        if let Some(r) = &a.role {
            line.push_str(&format!(", {}", r.shown()));
        }
        if let Some(aff) = &a.affiliation {
            line.push_str(&format!(" \u{2192} {}", br.actor_name(aff)));
        }
        if !a.aliases.is_empty() {
            let al: Vec<&str> = a.aliases.iter().map(|x| x.shown()).collect();
            line.push_str(&format!(" (aka {})", al.join(", ")));
        }
        d.para("\u{2022} ", line, t.text);
    }

    if !br.timeline.is_empty() {
        d.heading(format!("Timeline ({})", br.timeline.len()));
        for e in &br.timeline {
            let approx = if e.approximate { "~" } else { "" };
            let mut line = format!("{approx}{}: {}", e.date.human(), e.title.shown());
            if !e.actors.is_empty() {
                line.push_str(&format!(" \u{2014} {}", names(&e.actors)));
            }
            if let Some(c) = e.confidence {
                line.push_str(&format!(" [{} confidence]", c.name()));
            }
            d.para("\u{2022} ", line, t.text);
            d.field("  ", e.detail.as_ref().map(|x| x.shown()));
            if let Some(s) = &e.source {
                d.para("  Source: ", source_line(br, s), t.dim);
            }
        }
    }

    if !br.quotes.is_empty() {
        d.heading(format!("Quotes ({})", br.quotes.len()));
        for (i, qt) in br.quotes.iter().enumerate() {
            if i > 0 {
                d.blank();
            }
            let mut who = br.actor_name(&qt.actor);
            if let Some(r) = br.actor(&qt.actor).and_then(|a| a.role.as_ref()) {
                who.push_str(&format!(", {}", r.shown()));
            }
            d.para("\u{2022} ", who, t.actor);
            if let Some(date) = &qt.date {
                d.para("  When:    ", date.human(), t.date);
            }
            d.field("  Context: ", qt.context.as_ref().map(|x| x.shown()));
            if qt.paraphrase {
                d.para(
                    "  ",
                    format!("(paraphrase) {}", qt.text.shown()),
                    t.paraphrase,
                );
            } else {
                d.para(
                    "  ",
                    format!("\u{201c}{}\u{201d}", qt.text.shown()),
                    t.quote,
                );
            }
            if let Some(s) = &qt.source {
                d.para("  Source:  ", source_line(br, s), t.dim);
            }
        }
    }

    if !br.implications.is_empty() {
        d.heading(format!("Implications ({})", br.implications.len()));
        for m in &br.implications {
            let mut line = m.title.shown().to_string();
            if let Some(p) = m.priority {
                line = format!("[{} priority] {line}", p.name());
            }
            if let Some(c) = m.confidence {
                line.push_str(&format!(" [{} confidence]", c.name()));
            }
            if !m.actors.is_empty() {
                line.push_str(&format!(" \u{2014} {}", names(&m.actors)));
            }
            d.para("\u{2022} ", line, t.text);
            d.field("  ", m.detail.as_ref().map(|x| x.shown()));
        }
    }

    if !br.sources.is_empty() {
        d.heading(format!("Sources ({})", br.sources.len()));
        for s in &br.sources {
            d.para("\u{2022} ", source_text(s), t.text);
        }
    }
    "Briefing"
}

fn event<'a>(d: &mut Doc<'a>, br: &'a Briefing, t: &Theme) -> &'static str {
    let e = &br.event;
    d.para("", e.title.shown(), t.event);
    d.para("When     ", e.date.human(), t.date);
    d.field("Where    ", e.location.as_ref().map(|x| x.shown()));
    d.blank();
    d.field("", e.description.as_ref().map(|x| x.shown()));
    d.field("Briefing ", Some(br.title.shown()));
    "Event"
}

/// An actor, and what it said, did and is named in within its briefing.
fn actor<'a>(
    d: &mut Doc<'a>,
    lib: &'a Library,
    b: BriefingIx,
    i: usize,
    t: &Theme,
) -> &'static str {
    let br = &lib.briefings[b];
    let a = &br.actors[i];
    d.para("", a.name.shown(), t.actor);
    d.field("Kind        ", a.kind.map(|k| k.name()));
    d.field("Role        ", a.role.as_ref().map(|x| x.shown()));
    if let Some(aff) = &a.affiliation {
        d.para("Affiliation ", br.actor_name(aff), t.text);
    }
    if !a.aliases.is_empty() {
        let al: Vec<&str> = a.aliases.iter().map(|x| x.shown()).collect();
        d.para("Aliases     ", al.join(", "), t.text);
    }
    d.para("Id          ", a.id.as_str(), t.dim);
    if let Some(desc) = &a.description {
        d.blank();
        d.para("", desc.shown(), t.text);
    }
    if let Some(ix) = lib.actor_at(b, i) {
        let n = lib.actors[ix].briefing_count();
        if n > 1 {
            d.para(
                "Library     ",
                format!(
                    "appears in {n} briefings ({} opens the dossier)",
                    d.drawing.any_key(Action::Dossier)
                ),
                t.dim,
            );
        }
    }
    let said: Vec<&Quote> = br.quotes.iter().filter(|q| q.actor == a.id).collect();
    d.heading(format!("Said in this briefing ({})", said.len()));
    for qt in said {
        let text = if qt.paraphrase {
            format!("(paraphrase) {}", qt.text.shown())
        } else {
            format!("\u{201c}{}\u{201d}", qt.text.shown())
        };
        let when = qt
            .date
            .map(|x| format!("{}: ", x.human()))
            .unwrap_or_default();
        let style = if qt.paraphrase { t.paraphrase } else { t.text };
        d.para("\u{2022} ", format!("{when}{text}"), style);
    }
    let did: Vec<_> = br
        .timeline
        .iter()
        .filter(|e| e.actors.contains(&a.id))
        .collect();
    d.heading(format!("Did in this briefing ({})", did.len()));
    for e in did {
        let approx = if e.approximate { "~" } else { "" };
        d.para(
            "\u{2022} ",
            format!("{approx}{}: {}", e.date.human(), e.title.shown()),
            t.text,
        );
    }
    let named: Vec<_> = br
        .implications
        .iter()
        .filter(|m| m.actors.contains(&a.id))
        .collect();
    if !named.is_empty() {
        d.heading(format!("Named in implications ({})", named.len()));
        for m in named {
            d.para("\u{2022} ", m.title.shown(), t.text);
        }
    }
    d.blank();
    d.field("Briefing    ", Some(br.title.shown()));
    "Actor"
}

fn entry<'a>(d: &mut Doc<'a>, br: &'a Briefing, i: usize, t: &Theme) -> &'static str {
    let e = &br.timeline[i];
    d.para("", e.title.shown(), t.title);
    let when = if e.approximate {
        format!("~{} (approximate)", e.date.human())
    } else {
        e.date.human()
    };
    d.para("When       ", when, t.date);
    d.field("Confidence ", e.confidence.map(|c| c.name()));
    if !e.actors.is_empty() {
        d.para("Actors     ", names(br, &e.actors), t.actor);
    }
    if let Some(s) = &e.source {
        d.para("Source     ", source_line(br, s), t.text);
    }
    if let Some(det) = &e.detail {
        d.blank();
        d.para("", det.shown(), t.text);
    }
    d.blank();
    d.field("Briefing   ", Some(br.title.shown()));
    "Timeline entry"
}

/// A quote, or a paraphrase marked as one, never read as verbatim.
fn quote<'a>(d: &mut Doc<'a>, br: &'a Briefing, i: usize, t: &Theme) -> &'static str {
    let qt = &br.quotes[i];
    let mut speaker = br.actor_name(&qt.actor);
    if let Some(r) = br.actor(&qt.actor).and_then(|a| a.role.as_ref()) {
        speaker.push_str(&format!(", {}", r.shown()));
    }
    d.para("", speaker, t.actor);
    d.blank();
    if qt.paraphrase {
        d.para(
            "",
            "Paraphrase: a reported statement, not the speaker's own words.",
            t.dim,
        );
        d.para("", qt.text.shown(), t.paraphrase);
    } else {
        d.para("", format!("\u{201c}{}\u{201d}", qt.text.shown()), t.quote);
    }
    d.blank();
    d.field("When     ", qt.date.map(|x| x.human()));
    d.field("Context  ", qt.context.as_ref().map(|x| x.shown()));
    match &qt.source {
        Some(s) => d.para("Source   ", source_line(br, s), t.text),
        None => d.para("Source   ", "none given", t.dim),
    }
    d.field("Briefing ", Some(br.title.shown()));
    if qt.paraphrase { "Paraphrase" } else { "Quote" }
}

fn implication<'a>(d: &mut Doc<'a>, br: &'a Briefing, i: usize, t: &Theme) -> &'static str {
    let m = &br.implications[i];
    d.para("", m.title.shown(), t.title);
    d.field("Priority   ", m.priority.map(|p| p.name()));
    d.field("Confidence ", m.confidence.map(|c| c.name()));
    if !m.actors.is_empty() {
        d.para("Actors     ", names(br, &m.actors), t.actor);
    }
    if let Some(det) = &m.detail {
        d.blank();
        d.para("", det.shown(), t.text);
    }
    d.blank();
    d.field("Briefing   ", Some(br.title.shown()));
    "Implication"
}

/// A file that could not be loaded, with every problem and the line it is on.
fn failed<'a>(d: &mut Doc<'a>, lib: &'a Library, f: usize, t: &Theme) -> &'static str {
    if let Some(file) = lib.failed.get(f) {
        d.para(
            "",
            crate::text::clean_line(&file.path.display().to_string()).into_owned(),
            t.error,
        );
        d.blank();
        for p in &file.problems {
            d.para("", p.to_string(), t.text);
            if let Some(x) = &p.excerpt {
                d.para("    ", crate::text::clean_line(x), t.dim);
            }
        }
    }
    "File with errors"
}

/// A warning of the library: a path passed over, an alias that would join two actors.
fn warning<'a>(d: &mut Doc<'a>, lib: &'a Library, w: usize, t: &Theme) -> &'static str {
    if let Some(p) = lib.warning(w) {
        d.para("", p.to_string(), t.text);
        if let Some(x) = &p.excerpt {
            d.para("    ", crate::text::clean_line(x), t.dim);
        }
    }
    "Warning"
}

/// A changed item shows what it said when it was last read; a briefing shown as the
/// last good version of its file says so.
fn keeping_up<'a>(app: &'a App, item: Item, d: &mut Doc<'a>, t: &Theme) {
    let b = match item {
        Item::Briefing(b) | Item::Event(b) | Item::Actor(b, _) => b,
        Item::Entry(b, _) | Item::Quote(b, _) | Item::Implication(b, _) => b,
        Item::Failed(_) | Item::Warning(_) => return,
    };
    if app.library().is_stale(b) {
        d.heading(format!(
            "{} The file has errors now: this is its last good version (E lists them)",
            super::marks::STALE
        ));
    }
    let Some((b, kind, i)) = crate::library::news::Kind::of(item) else {
        return;
    };
    match app.news().before(app.library(), b, kind, i) {
        Some("") => d.heading(format!(
            "{} Changed since you last read it (what it said before was not kept)",
            super::marks::CHANGED
        )),
        Some(before) => {
            d.heading(format!(
                "{} Changed since you last read it. Before, it said:",
                super::marks::CHANGED
            ));
            // The state file is read from disk like a briefing: cleaned the same way.
            d.para("", crate::text::clean_block(before), t.dim);
        }
        None => {}
    }
}
