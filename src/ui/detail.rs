//! An item opened in full: wrapped, scrollable, with everything the file says of it.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::Drawing;
use super::parts::{Passage, centered, passage_lines, passages_height};
use crate::app::Action;
use crate::keymap::Scope;
use crate::library::{BriefingIx, Item, Library};
use crate::model::{Briefing, Quote};

/// The popup's area for a terminal of this size.
fn area_for(term: Rect) -> Rect {
    let w = (term.width.saturating_sub(4)).min(100);
    let h = term.height.saturating_sub(2);
    centered(term, w, h)
}

pub fn render(v: &Drawing, item: Item, scroll: usize, term: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    let area = area_for(term);
    Clear.render(area, buf);
    let width = area.width.saturating_sub(4) as usize;
    let (title, doc) = passages(v, item);
    let total = passages_height(&doc, width);
    let top = scroll.min(total.saturating_sub(1));
    let inner_h = area.height.saturating_sub(2) as usize;
    app.view().popup().record_text(area, inner_h, total);
    let more = if total > inner_h {
        format!(" {}-{} of {} ", top + 1, (top + inner_h).min(total), total)
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(t.focus)
        .title(Line::from(Span::styled(format!(" {title} "), t.focus)))
        .title_bottom(Line::from(vec![
            Span::styled(format!(" {}", v.key(Action::Back, Scope::Global)), t.key),
            Span::styled(" close  ", t.dim),
            Span::styled(v.pair(Action::Down, Action::Up, Scope::Move), t.key),
            Span::styled(" scroll ", t.dim),
            Span::styled(more, t.dim),
        ]));
    let inner = block.inner(area);
    block.render(area, buf);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    // Only the lines in view are built.
    let q = app.filters().query.lower();
    let body = passage_lines(&doc, width, q, top, inner.height as usize, t);
    for (i, line) in body.iter().enumerate() {
        buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
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

fn source_line(br: &Briefing, id: &str) -> String {
    match br.source(id) {
        Some(s) => {
            let mut t = s.title.shown().to_string();
            if let Some(p) = &s.publisher {
                t.push_str(&format!(" \u{2014} {}", p.shown()));
            }
            if let Some(d) = &s.date {
                t.push_str(&format!(", {}", d.human()));
            }
            if let Some(u) = &s.url {
                t.push_str(&format!(" <{}>", u.shown()));
            }
            t
        }
        None => id.to_string(),
    }
}

/// The briefing as plain text, for its detail. Made once per briefing, not on every
/// frame: it walks every text of the briefing, and a summary of fifteen million lines
/// took seconds a key. Copying the made text is a memcpy; its wrapping is cached too.
fn full_text(br: &Briefing) -> std::rc::Rc<str> {
    // A briefing in the library is never changed after loading, so while it lives,
    // where it and its texts sit in memory identifies it. The path and the lengths
    // guard against a briefing that took the place of a dropped one.
    type Key = (usize, usize, usize, usize, usize, std::path::PathBuf);
    thread_local! {
        static LAST: std::cell::RefCell<Option<(Key, std::rc::Rc<str>)>> =
            const { std::cell::RefCell::new(None) };
    }
    let summary = br.summary.as_ref().map_or("", |t| t.raw());
    let key: Key = (
        std::ptr::from_ref(br) as usize,
        br.title.raw().as_ptr() as usize,
        summary.as_ptr() as usize,
        summary.len(),
        br.timeline.len() + br.quotes.len() + br.actors.len() + br.implications.len(),
        br.path.clone(),
    );
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((k, text)) = last.as_ref()
            && *k == key
        {
            return std::rc::Rc::clone(text);
        }
        let mut text = crate::export::plain_text(br);
        text.pop();
        let text: std::rc::Rc<str> = text.into();
        *last = Some((key, std::rc::Rc::clone(&text)));
        text
    })
}

/// The title of an item in full, and its passages.
fn passages<'a>(v: &Drawing<'a>, item: Item) -> (String, Vec<Passage<'a>>) {
    let mut d = Doc {
        out: Vec::new(),
        drawing: *v,
    };
    let lib = v.app.library();
    let title = match item {
        Item::Briefing(b) => briefing(&mut d, &lib.briefings[b]),
        Item::Event(b) => event(&mut d, &lib.briefings[b]),
        Item::Actor(b, i) => actor(&mut d, lib, b, i),
        Item::Entry(b, i) => entry(&mut d, &lib.briefings[b], i),
        Item::Quote(b, i) => quote(&mut d, &lib.briefings[b], i),
        Item::Implication(b, i) => implication(&mut d, &lib.briefings[b], i),
        Item::Failed(f) => failed(&mut d, lib, f),
        Item::Warning(w) => warning(&mut d, lib, w),
    };
    (title.to_string(), d.out)
}

/// The names of actors, by their ids in a briefing.
fn names(br: &Briefing, ids: &[String]) -> String {
    ids.iter()
        .map(|id| br.actor_name(id))
        .collect::<Vec<_>>()
        .join(", ")
}

fn briefing<'a>(d: &mut Doc<'a>, br: &'a Briefing) -> &'static str {
    let t = d.drawing.theme;
    // One passage: its lines are wrapped once, like any long text.
    d.para("", full_text(br).to_string(), t.text);
    d.field(
        "File   ",
        Some(crate::text::clean_line(&br.path.display().to_string()).into_owned()),
    );
    "Briefing"
}

fn event<'a>(d: &mut Doc<'a>, br: &'a Briefing) -> &'static str {
    let t = d.drawing.theme;
    let e = &br.event;
    d.para("", e.title.shown(), t.event);
    d.para("When     ", e.date.human(), t.date);
    d.field("Where    ", e.location.as_ref().map(|t| t.shown()));
    d.blank();
    d.field("", e.description.as_ref().map(|t| t.shown()));
    d.field("Briefing ", Some(br.title.shown()));
    "Event"
}

/// An actor, and what it said, did and is named in within its briefing.
fn actor<'a>(d: &mut Doc<'a>, lib: &'a Library, b: BriefingIx, i: usize) -> &'static str {
    let t = d.drawing.theme;
    let br = &lib.briefings[b];
    let a = &br.actors[i];
    d.para("", a.name.shown(), t.actor);
    d.field("Kind        ", a.kind.map(|k| k.name()));
    d.field("Role        ", a.role.as_ref().map(|t| t.shown()));
    if let Some(aff) = &a.affiliation {
        d.para("Affiliation ", br.actor_name(aff), t.text);
    }
    if !a.aliases.is_empty() {
        let al: Vec<&str> = a.aliases.iter().map(|t| t.shown()).collect();
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
                    d.drawing.key(Action::Dossier, Scope::Global)
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

fn entry<'a>(d: &mut Doc<'a>, br: &'a Briefing, i: usize) -> &'static str {
    let t = d.drawing.theme;
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
fn quote<'a>(d: &mut Doc<'a>, br: &'a Briefing, i: usize) -> &'static str {
    let t = d.drawing.theme;
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
    d.field("Context  ", qt.context.as_ref().map(|t| t.shown()));
    match &qt.source {
        Some(s) => d.para("Source   ", source_line(br, s), t.text),
        None => d.para("Source   ", "none given", t.dim),
    }
    d.field("Briefing ", Some(br.title.shown()));
    if qt.paraphrase { "Paraphrase" } else { "Quote" }
}

fn implication<'a>(d: &mut Doc<'a>, br: &'a Briefing, i: usize) -> &'static str {
    let t = d.drawing.theme;
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
fn failed<'a>(d: &mut Doc<'a>, lib: &'a Library, f: usize) -> &'static str {
    let t = d.drawing.theme;
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
fn warning<'a>(d: &mut Doc<'a>, lib: &'a Library, w: usize) -> &'static str {
    let t = d.drawing.theme;
    if let Some(p) = lib.warning(w) {
        d.para("", p.to_string(), t.text);
        if let Some(x) = &p.excerpt {
            d.para("    ", crate::text::clean_line(x), t.dim);
        }
    }
    "Warning"
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::rc::Rc;

    fn briefing(path: &str, summary: &str) -> Briefing {
        let src = format!(
            "title: T\ndate: 2017\nsummary: {summary}\nevent: {{title: E, date: 2017}}\nactors: [{{id: a, name: A}}]\n"
        );
        crate::load::load_str(Path::new(path), &src).expect("a valid briefing")
    }

    /// The briefing in full is drawn on every key; it is made once, not per frame.
    #[test]
    fn the_briefing_in_full_is_made_once_and_never_taken_for_another() {
        let one = briefing("one.yaml", "First.");
        let a = full_text(&one);
        assert!(Rc::ptr_eq(&a, &full_text(&one)));
        assert!(a.contains("First."));
        let two = briefing("two.yaml", "Second.");
        let b = full_text(&two);
        assert!(b.contains("Second.") && !b.contains("First."));
        // Another briefing at the same place, from another file: made anew.
        drop(one);
        let three = briefing("three.yaml", "Third.");
        assert!(full_text(&three).contains("Third."));
    }
}
