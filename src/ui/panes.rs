//! The reader's panes, and the lines each kind of row is drawn as.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::Drawing;
use super::parts::{
    Passage, centered, first_row, highlight, pane_block, passage_lines, passages_height,
    render_rows,
};
use super::theme::Theme;
use crate::app::{Action, App, Pane};
use crate::keymap::Scope;
use crate::library::TimelineRow;
use crate::model::{Briefing, Confidence, Priority};

pub fn render_pane(v: &Drawing, pane: Pane, area: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    let focused = app.focus() == pane && app.screen().is_none();
    let count = match pane {
        Pane::Overview => String::new(),
        Pane::Timeline => {
            let shown = app
                .shown()
                .timeline
                .iter()
                .filter(|r| matches!(r, TimelineRow::Entry(_)))
                .count();
            counter(shown, app.briefing().map_or(0, |b| b.timeline.len()))
        }
        Pane::Quotes => counter(
            app.shown().quotes.len(),
            app.briefing().map_or(0, |b| b.quotes.len()),
        ),
        Pane::Implications => counter(
            app.shown().implications.len(),
            app.briefing().map_or(0, |b| b.implications.len()),
        ),
        Pane::Actors => format!(" {}", app.shown().actors.len()),
        Pane::Briefings => counter(app.shown().briefings.len(), app.library().briefings.len()),
    };
    let title = vec![
        Span::styled(format!("{} ", pane.index() + 1), t.dim),
        Span::styled(pane.title(), if focused { t.focus } else { t.title }),
        Span::styled(count, t.dim),
    ];
    let block = pane_block(title, focused, t);
    let inner = block.inner(area);
    block.render(area, buf);
    let scroll = app.view().pane(pane);
    let height = inner.height as usize;
    if pane == Pane::Overview {
        // Only the lines in view are built; the Overview's cursor is its first line.
        let passages = match app.current() {
            Some(_) if inner.width > 0 => overview_passages(app, t),
            _ => Vec::new(),
        };
        let width = inner.width as usize;
        let total = passages_height(&passages, width);
        scroll.record_text(area, height, total);
        let top = app.cursor(Pane::Overview).min(total.saturating_sub(1));
        let q = app.filters().query.lower();
        let lines = passage_lines(&passages, width, q, top, height, t);
        for (i, line) in lines.iter().enumerate() {
            buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
        }
        return;
    }
    let row_lines = if pane == Pane::Quotes { 2 } else { 1 };
    let len = app.pane_len(pane);
    let sel = app.cursor(pane);
    let first = first_row(scroll.first(), sel, height, len, |_| row_lines);
    scroll.record_list(area, first, height / row_lines, row_lines);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if app.current().is_none() && pane != Pane::Briefings {
        return;
    }
    if len == 0 {
        let msg = empty_message(v, pane);
        buf.set_stringn(
            inner.x + 1,
            inner.y,
            &msg,
            inner.width.saturating_sub(1) as usize,
            t.dim,
        );
        return;
    }
    // Only the rows in view are built: a library list can hold thousands.
    let end = (first + height).min(len);
    let rows = rows(app, pane, first..end, t);
    render_rows(&rows, 0, Some(sel - first), focused, t, inner, buf);
}

/// The part of a list in `range`, clamped to the list.
fn window<'l, T>(list: &'l [T], range: &Range<usize>) -> &'l [T] {
    &list[range.start.min(list.len())..range.end.min(list.len())]
}

/// `" 2/6"` under a filter, `" 6"` otherwise.
fn counter(shown: usize, total: usize) -> String {
    if shown == total {
        format!(" {total}")
    } else {
        format!(" {shown}/{total}")
    }
}

/// What an empty pane says, in words.
fn empty_message(v: &Drawing, pane: Pane) -> String {
    let app = v.app;
    let filtered = !app.filters().actors.is_empty();
    match pane {
        Pane::Briefings if app.loading().is_some() => "Loading\u{2026}".to_string(),
        Pane::Briefings if app.library().briefings.is_empty() => "No briefings loaded".to_string(),
        Pane::Briefings => format!(
            "No briefing matches the filters ({}, {} clear them)",
            v.key(Action::ClearActors, Scope::Global),
            v.key(Action::Back, Scope::Global)
        ),
        Pane::Quotes if filtered => "No quotes by the selected actors".to_string(),
        Pane::Quotes => "No quotes in this briefing".to_string(),
        Pane::Implications if filtered => "No implications name the selected actors".to_string(),
        Pane::Implications => "No implications in this briefing".to_string(),
        Pane::Timeline => "No timeline entries".to_string(),
        _ => "Nothing here".to_string(),
    }
}

/// Shown when no briefing could be loaded or all are filtered out.
pub fn render_empty_library(v: &Drawing, area: Rect, buf: &mut Buffer) {
    let app = v.app;
    if app.shows_list() {
        return;
    }
    let msg = if app.library().failed.is_empty() {
        "No briefings to show.".to_string()
    } else {
        format!(
            "No briefing could be loaded: press {} to see why.",
            v.key(Action::Errors, Scope::Global)
        )
    };
    let w = unicode_width::UnicodeWidthStr::width(msg.as_str()) as u16;
    let r = centered(area, w + 4, 3);
    buf.set_stringn(r.x + 2, r.y + 1, &msg, r.width as usize, v.theme.title);
}

/// The lines of each row of a list pane (a row is one item; quotes take two lines).
pub fn rows<'a>(app: &'a App, pane: Pane, range: Range<usize>, t: &Theme) -> Vec<Vec<Line<'a>>> {
    let q = app.filters().query.lower();
    let Some(b) = app.current() else {
        return match pane {
            Pane::Briefings => briefing_rows(app, q, &range, t),
            _ => Vec::new(),
        };
    };
    let br = &app.library().briefings[b];
    match pane {
        Pane::Briefings => briefing_rows(app, q, &range, t),
        Pane::Overview => Vec::new(),
        Pane::Actors => window(&app.shown().actors, &range)
            .iter()
            .map(|&i| {
                let a = &br.actors[i];
                let chosen = app
                    .library()
                    .actor_at(b, i)
                    .is_some_and(|ix| app.filters().actors.contains(&ix));
                let mut spans = vec![if chosen {
                    Span::styled("\u{2713} ", t.chosen)
                } else {
                    Span::raw("  ")
                }];
                spans.extend(highlight(
                    a.name.shown(),
                    q,
                    if chosen { t.chosen } else { t.actor },
                    t,
                ));
                if let Some(k) = a.kind {
                    spans.push(Span::styled(format!(" ({})", k.name()), t.dim));
                }
                if let Some(r) = &a.role {
                    spans.push(Span::styled(" \u{00b7} ", t.dim));
                    spans.extend(highlight(r.shown(), q, t.text, t));
                }
                if let Some(aff) = &a.affiliation {
                    spans.push(Span::styled(
                        format!(" \u{2192} {}", br.actor_name(aff)),
                        t.dim,
                    ));
                }
                vec![Line::from(spans)]
            })
            .collect(),
        Pane::Timeline => window(&app.shown().timeline, &range)
            .iter()
            .map(|r| vec![timeline_line(br, *r, q, false, t)])
            .collect(),
        Pane::Quotes => window(&app.shown().quotes, &range)
            .iter()
            .map(|&i| quote_lines(br, i, q, None, t))
            .collect(),
        Pane::Implications => window(&app.shown().implications, &range)
            .iter()
            .map(|&i| vec![implication_line(br, i, q, None, t)])
            .collect(),
    }
}

fn briefing_rows<'a>(app: &'a App, q: &str, range: &Range<usize>, t: &Theme) -> Vec<Vec<Line<'a>>> {
    window(&app.shown().briefings, range)
        .iter()
        .map(|&b| {
            let br = &app.library().briefings[b];
            let mut spans = vec![Span::styled(format!("{:<11} ", br.date.human()), t.date)];
            // Match counts lead, so a narrow list still shows them.
            if let Some(n) = app.shown().match_counts.get(&b) {
                spans.push(Span::styled(format!("{n}\u{00d7}"), t.matched));
                spans.push(Span::raw(" "));
            }
            if br
                .classification
                .as_ref()
                .is_some_and(|c| c.shown().eq_ignore_ascii_case("exercise"))
            {
                spans.push(Span::styled("EX ", t.marking));
                spans.push(Span::raw(" "));
            }
            spans.extend(highlight(br.title.shown(), q, t.text, t));

            vec![Line::from(spans)]
        })
        .collect()
}

/// A date as shown in lists: at its precision, `~` in front when approximate.
pub fn date_span(date: &crate::date::Date, approximate: bool, t: &Theme) -> Span<'static> {
    let text = if approximate {
        format!("~{}", date.human())
    } else {
        date.human()
    };
    Span::styled(format!("{text:<11} "), t.date)
}

pub fn confidence_span(c: Option<Confidence>, t: &Theme) -> Option<Span<'static>> {
    c.map(|c| Span::styled(format!(" [{} confidence]", c.name()), t.dim))
}

pub fn timeline_line<'a>(
    br: &'a Briefing,
    row: TimelineRow,
    q: &str,
    with_briefing: bool,
    t: &Theme,
) -> Line<'a> {
    match row {
        TimelineRow::Event => {
            let mut spans = vec![
                date_span(&br.event.date, false, t),
                Span::styled("\u{25c6} EVENT ", t.event),
            ];
            spans.extend(highlight(br.event.title.shown(), q, t.event, t));
            Line::from(spans)
        }
        TimelineRow::Entry(i) => {
            let e = &br.timeline[i];
            let mut spans = vec![date_span(&e.date, e.approximate, t)];
            spans.extend(highlight(e.title.shown(), q, t.text, t));
            if !e.actors.is_empty() {
                let names: Vec<String> = e.actors.iter().map(|id| br.actor_name(id)).collect();
                spans.push(Span::styled(
                    format!(" \u{2014} {}", names.join(", ")),
                    t.actor,
                ));
            }
            spans.extend(confidence_span(e.confidence, t));
            if with_briefing {
                spans.push(Span::styled(
                    format!("  \u{00b7} {}", br.title.shown()),
                    t.dim,
                ));
            }
            Line::from(spans)
        }
    }
}

/// Two lines: who said it (and when, where), then the words. A paraphrase is marked
/// and set in italics without quotation marks, so it never reads as verbatim.
pub fn quote_lines<'a>(
    br: &'a Briefing,
    i: usize,
    q: &str,
    briefing_title: Option<&'a str>,
    t: &Theme,
) -> Vec<Line<'a>> {
    let quote = &br.quotes[i];
    let mut head = Vec::new();
    match br.actor(&quote.actor) {
        Some(a) => {
            head.extend(highlight(a.name.shown(), q, t.actor, t));
            if let Some(r) = &a.role {
                head.push(Span::styled(format!(", {}", r.shown()), t.dim));
            }
        }
        None => head.push(Span::styled(quote.actor.as_str(), t.actor)),
    }
    if let Some(d) = &quote.date {
        head.push(Span::styled(format!(" \u{00b7} {}", d.human()), t.date));
    }
    if let Some(c) = &quote.context {
        head.push(Span::styled(" \u{00b7} ", t.dim));
        head.extend(highlight(c.shown(), q, t.dim, t));
    }
    if let Some(title) = briefing_title {
        head.push(Span::styled(format!("  \u{00b7} {title}"), t.dim));
    }
    let first_line = quote.text.shown().split('\n').next().unwrap_or("");
    let body = if quote.paraphrase {
        let mut s = vec![Span::styled("  \u{2248} paraphrase: ", t.paraphrase)];
        s.extend(highlight(first_line, q, t.paraphrase, t));
        s
    } else {
        let mut s = vec![Span::styled("  \u{201c}", t.quote)];
        s.extend(highlight(first_line, q, t.quote, t));
        s.push(Span::styled("\u{201d}", t.quote));
        s
    };
    vec![Line::from(head), Line::from(body)]
}

pub fn priority_span(p: Option<Priority>, t: &Theme) -> Span<'static> {
    match p {
        Some(Priority::High) => Span::styled("HIGH ", t.high),
        Some(Priority::Medium) => Span::styled("MED  ", t.medium),
        Some(Priority::Low) => Span::styled("LOW  ", t.low),
        None => Span::styled("  -  ", t.dim),
    }
}

pub fn implication_line<'a>(
    br: &'a Briefing,
    i: usize,
    q: &str,
    briefing_title: Option<&'a str>,
    t: &Theme,
) -> Line<'a> {
    let m = &br.implications[i];
    let mut spans = vec![priority_span(m.priority, t)];
    spans.extend(highlight(m.title.shown(), q, t.text, t));
    spans.extend(confidence_span(m.confidence, t));
    if !m.actors.is_empty() {
        let names: Vec<String> = m.actors.iter().map(|id| br.actor_name(id)).collect();
        spans.push(Span::styled(
            format!(" \u{2014} {}", names.join(", ")),
            t.actor,
        ));
    }
    if let Some(title) = briefing_title {
        spans.push(Span::styled(format!("  \u{00b7} {title}"), t.dim));
    }
    Line::from(spans)
}

/// The Overview: title, marking, date, summary, event, tags, sources.
pub fn overview_passages<'a>(app: &'a App, t: &Theme) -> Vec<Passage<'a>> {
    let Some(br) = app.briefing() else {
        return Vec::new();
    };
    let mut out: Vec<Passage> = Vec::new();
    out.push(Passage::para("", br.title.shown(), t.title));
    let mut meta = vec![Span::styled(br.date.human(), t.date)];
    if let Some(c) = &br.classification {
        meta.push(Span::raw("  "));
        meta.push(Span::styled(format!(" {} ", c.shown()), t.marking));
    }
    out.push(Passage::Line(Line::from(meta)));
    if let Some(s) = &br.summary {
        out.push(Passage::Line(Line::default()));
        out.push(Passage::para("", s.shown(), t.text));
    }
    out.push(Passage::Line(Line::default()));
    out.push(Passage::para("Event  ", br.event.title.shown(), t.event));
    let mut when = br.event.date.human();
    if let Some(l) = &br.event.location {
        when.push_str(" \u{00b7} ");
        when.push_str(l.shown());
    }
    out.push(Passage::para("       ", when, t.date));
    if let Some(d) = &br.event.description {
        out.push(Passage::para("       ", d.shown(), t.text));
    }
    if !br.tags.is_empty() {
        let tags: Vec<&str> = br.tags.iter().map(|x| x.shown()).collect();
        out.push(Passage::para("Tags   ", tags.join(", "), t.text));
    }
    for (i, s) in br.sources.iter().enumerate() {
        let mut line = s.title.shown().to_string();
        if let Some(p) = &s.publisher {
            line.push_str(&format!(" \u{2014} {}", p.shown()));
        }
        if let Some(d) = &s.date {
            line.push_str(&format!(" ({})", d.human()));
        }
        if let Some(u) = &s.url {
            line.push_str(&format!(" <{}>", u.shown()));
        }
        let label = if i == 0 { "Source " } else { "       " };
        out.push(Passage::para(label, line, t.text));
    }
    out
}
