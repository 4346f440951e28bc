//! The reader's panes, and the lines each kind of row is drawn as.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::parts::{
    Passage, centered, first_row, highlight, pane_block, passage_lines, passages_height,
    render_rows,
};
use super::theme::Theme;
use crate::app::{App, Pane};
use crate::library::TimelineRow;
use crate::model::{Briefing, Confidence, Priority};

pub fn render_pane(app: &App, pane: Pane, area: Rect, buf: &mut Buffer) {
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
        Span::styled(format!("{} ", pane.index() + 1), Theme::DIM),
        Span::styled(
            pane.title(),
            if focused { Theme::FOCUS } else { Theme::TITLE },
        ),
        Span::styled(count, Theme::DIM),
    ];
    let block = pane_block(title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let scroll = app.view().pane(pane);
    let height = inner.height as usize;
    if pane == Pane::Overview {
        // Only the lines in view are built; the Overview's cursor is its first line.
        let passages = match app.current() {
            Some(_) if inner.width > 0 => overview_passages(app),
            _ => Vec::new(),
        };
        let width = inner.width as usize;
        let total = passages_height(&passages, width);
        scroll.record_text(area, height, total);
        let top = app.cursor(Pane::Overview).min(total.saturating_sub(1));
        let q = app.filters().query.lower();
        let lines = passage_lines(&passages, width, q, top, height);
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
        let msg = empty_message(app, pane);
        buf.set_stringn(
            inner.x + 1,
            inner.y,
            msg,
            inner.width.saturating_sub(1) as usize,
            Theme::DIM,
        );
        return;
    }
    // Only the rows in view are built: a library list can hold thousands.
    let end = (first + height).min(len);
    let rows = rows(app, pane, first..end);
    render_rows(&rows, 0, Some(sel - first), inner, buf);
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
fn empty_message(app: &App, pane: Pane) -> &'static str {
    let filtered = !app.filters().actors.is_empty();
    match pane {
        Pane::Briefings if app.loading().is_some() => "Loading\u{2026}",
        Pane::Briefings if app.library().briefings.is_empty() => "No briefings loaded",
        Pane::Briefings => "No briefing matches the filters (F, Esc clear them)",
        Pane::Quotes if filtered => "No quotes by the selected actors",
        Pane::Quotes => "No quotes in this briefing",
        Pane::Implications if filtered => "No implications name the selected actors",
        Pane::Implications => "No implications in this briefing",
        Pane::Timeline => "No timeline entries",
        _ => "Nothing here",
    }
}

/// Shown when no briefing could be loaded or all are filtered out.
pub fn render_empty_library(app: &App, area: Rect, buf: &mut Buffer) {
    if app.shows_list() {
        return;
    }
    let msg = if app.library().failed.is_empty() {
        "No briefings to show."
    } else {
        "No briefing could be loaded: press E to see why."
    };
    let r = centered(area, msg.len() as u16 + 4, 3);
    buf.set_stringn(r.x + 2, r.y + 1, msg, r.width as usize, Theme::TITLE);
}

/// The lines of each row of a list pane (a row is one item; quotes take two lines).
pub fn rows<'a>(app: &'a App, pane: Pane, range: Range<usize>) -> Vec<Vec<Line<'a>>> {
    let q = app.filters().query.lower();
    let Some(b) = app.current() else {
        return match pane {
            Pane::Briefings => briefing_rows(app, q, &range),
            _ => Vec::new(),
        };
    };
    let br = &app.library().briefings[b];
    match pane {
        Pane::Briefings => briefing_rows(app, q, &range),
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
                    Span::styled("\u{2713} ", Theme::CHOSEN)
                } else {
                    Span::raw("  ")
                }];
                spans.extend(highlight(
                    a.name.shown(),
                    q,
                    if chosen { Theme::CHOSEN } else { Theme::ACTOR },
                ));
                if let Some(k) = a.kind {
                    spans.push(Span::styled(format!(" ({})", k.name()), Theme::DIM));
                }
                if let Some(r) = &a.role {
                    spans.push(Span::styled(" \u{00b7} ", Theme::DIM));
                    spans.extend(highlight(r.shown(), q, Theme::TEXT));
                }
                if let Some(aff) = &a.affiliation {
                    spans.push(Span::styled(
                        format!(" \u{2192} {}", br.actor_name(aff)),
                        Theme::DIM,
                    ));
                }
                vec![Line::from(spans)]
            })
            .collect(),
        Pane::Timeline => window(&app.shown().timeline, &range)
            .iter()
            .map(|r| vec![timeline_line(br, *r, q, false)])
            .collect(),
        Pane::Quotes => window(&app.shown().quotes, &range)
            .iter()
            .map(|&i| quote_lines(br, i, q, None))
            .collect(),
        Pane::Implications => window(&app.shown().implications, &range)
            .iter()
            .map(|&i| vec![implication_line(br, i, q, None)])
            .collect(),
    }
}

fn briefing_rows<'a>(app: &'a App, q: &str, range: &Range<usize>) -> Vec<Vec<Line<'a>>> {
    window(&app.shown().briefings, range)
        .iter()
        .map(|&b| {
            let br = &app.library().briefings[b];
            let mut spans = vec![Span::styled(
                format!("{:<11} ", br.date.human()),
                Theme::DATE,
            )];
            // Match counts lead, so a narrow list still shows them.
            if let Some(n) = app.shown().match_counts.get(&b) {
                spans.push(Span::styled(format!("{n}\u{00d7}"), Theme::MATCH));
                spans.push(Span::raw(" "));
            }
            if br
                .classification
                .as_ref()
                .is_some_and(|c| c.shown().eq_ignore_ascii_case("exercise"))
            {
                spans.push(Span::styled("EX ", Theme::MARKING));
                spans.push(Span::raw(" "));
            }
            spans.extend(highlight(br.title.shown(), q, Theme::TEXT));

            vec![Line::from(spans)]
        })
        .collect()
}

/// A date as shown in lists: at its precision, `~` in front when approximate.
pub fn date_span(date: &crate::date::Date, approximate: bool) -> Span<'static> {
    let text = if approximate {
        format!("~{}", date.human())
    } else {
        date.human()
    };
    Span::styled(format!("{text:<11} "), Theme::DATE)
}

pub fn confidence_span(c: Option<Confidence>) -> Option<Span<'static>> {
    c.map(|c| Span::styled(format!(" [{} confidence]", c.name()), Theme::DIM))
}

pub fn timeline_line<'a>(
    br: &'a Briefing,
    row: TimelineRow,
    q: &str,
    with_briefing: bool,
) -> Line<'a> {
    match row {
        TimelineRow::Event => {
            let mut spans = vec![
                date_span(&br.event.date, false),
                Span::styled("\u{25c6} EVENT ", Theme::EVENT),
            ];
            spans.extend(highlight(br.event.title.shown(), q, Theme::EVENT));
            Line::from(spans)
        }
        TimelineRow::Entry(i) => {
            let e = &br.timeline[i];
            let mut spans = vec![date_span(&e.date, e.approximate)];
            spans.extend(highlight(e.title.shown(), q, Theme::TEXT));
            if !e.actors.is_empty() {
                let names: Vec<String> = e.actors.iter().map(|id| br.actor_name(id)).collect();
                spans.push(Span::styled(
                    format!(" \u{2014} {}", names.join(", ")),
                    Theme::ACTOR,
                ));
            }
            spans.extend(confidence_span(e.confidence));
            if with_briefing {
                spans.push(Span::styled(
                    format!("  \u{00b7} {}", br.title.shown()),
                    Theme::DIM,
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
) -> Vec<Line<'a>> {
    let quote = &br.quotes[i];
    let mut head = Vec::new();
    match br.actor(&quote.actor) {
        Some(a) => {
            head.extend(highlight(a.name.shown(), q, Theme::ACTOR));
            if let Some(r) = &a.role {
                head.push(Span::styled(format!(", {}", r.shown()), Theme::DIM));
            }
        }
        None => head.push(Span::styled(quote.actor.as_str(), Theme::ACTOR)),
    }
    if let Some(d) = &quote.date {
        head.push(Span::styled(
            format!(" \u{00b7} {}", d.human()),
            Theme::DATE,
        ));
    }
    if let Some(c) = &quote.context {
        head.push(Span::styled(" \u{00b7} ", Theme::DIM));
        head.extend(highlight(c.shown(), q, Theme::DIM));
    }
    if let Some(t) = briefing_title {
        head.push(Span::styled(format!("  \u{00b7} {t}"), Theme::DIM));
    }
    let first_line = quote.text.shown().split('\n').next().unwrap_or("");
    let body = if quote.paraphrase {
        let mut s = vec![Span::styled("  \u{2248} paraphrase: ", Theme::PARAPHRASE)];
        s.extend(highlight(first_line, q, Theme::PARAPHRASE));
        s
    } else {
        let mut s = vec![Span::styled("  \u{201c}", Theme::QUOTE)];
        s.extend(highlight(first_line, q, Theme::QUOTE));
        s.push(Span::styled("\u{201d}", Theme::QUOTE));
        s
    };
    vec![Line::from(head), Line::from(body)]
}

pub fn priority_span(p: Option<Priority>) -> Span<'static> {
    match p {
        Some(Priority::High) => Span::styled("HIGH ", Theme::HIGH),
        Some(Priority::Medium) => Span::styled("MED  ", Theme::MEDIUM),
        Some(Priority::Low) => Span::styled("LOW  ", Theme::LOW),
        None => Span::styled("  -  ", Theme::DIM),
    }
}

pub fn implication_line<'a>(
    br: &'a Briefing,
    i: usize,
    q: &str,
    briefing_title: Option<&'a str>,
) -> Line<'a> {
    let m = &br.implications[i];
    let mut spans = vec![priority_span(m.priority)];
    spans.extend(highlight(m.title.shown(), q, Theme::TEXT));
    spans.extend(confidence_span(m.confidence));
    if !m.actors.is_empty() {
        let names: Vec<String> = m.actors.iter().map(|id| br.actor_name(id)).collect();
        spans.push(Span::styled(
            format!(" \u{2014} {}", names.join(", ")),
            Theme::ACTOR,
        ));
    }
    if let Some(t) = briefing_title {
        spans.push(Span::styled(format!("  \u{00b7} {t}"), Theme::DIM));
    }
    Line::from(spans)
}

/// The Overview: title, marking, date, summary, event, tags, sources.
pub fn overview_passages(app: &App) -> Vec<Passage<'_>> {
    let Some(br) = app.briefing() else {
        return Vec::new();
    };
    let mut out: Vec<Passage> = Vec::new();
    out.push(Passage::para("", br.title.shown(), Theme::TITLE));
    let mut meta = vec![Span::styled(br.date.human(), Theme::DATE)];
    if let Some(c) = &br.classification {
        meta.push(Span::raw("  "));
        meta.push(Span::styled(format!(" {} ", c.shown()), Theme::MARKING));
    }
    out.push(Passage::Line(Line::from(meta)));
    if let Some(s) = &br.summary {
        out.push(Passage::Line(Line::default()));
        out.push(Passage::para("", s.shown(), Theme::TEXT));
    }
    out.push(Passage::Line(Line::default()));
    out.push(Passage::para(
        "Event  ",
        br.event.title.shown(),
        Theme::EVENT,
    ));
    let mut when = br.event.date.human();
    if let Some(l) = &br.event.location {
        when.push_str(" \u{00b7} ");
        when.push_str(l.shown());
    }
    out.push(Passage::para("       ", when, Theme::DATE));
    if let Some(d) = &br.event.description {
        out.push(Passage::para("       ", d.shown(), Theme::TEXT));
    }
    if !br.tags.is_empty() {
        let tags: Vec<&str> = br.tags.iter().map(|t| t.shown()).collect();
        out.push(Passage::para("Tags   ", tags.join(", "), Theme::TEXT));
    }
    for (i, s) in br.sources.iter().enumerate() {
        let mut t = s.title.shown().to_string();
        if let Some(p) = &s.publisher {
            t.push_str(&format!(" \u{2014} {}", p.shown()));
        }
        if let Some(d) = &s.date {
            t.push_str(&format!(" ({})", d.human()));
        }
        if let Some(u) = &s.url {
            t.push_str(&format!(" <{}>", u.shown()));
        }
        let label = if i == 0 { "Source " } else { "       " };
        out.push(Passage::para(label, t, Theme::TEXT));
    }
    out
}
