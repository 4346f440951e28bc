//! The reader's panes, the title bar, the status bar and the hint bar.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{Passage, highlight, layout, list_offset, marks, pane_block, render_rows};
use crate::app::{Action, App, Item, Mode, Pane, TimelineRow};
use crate::keymap::{self, Scope};
use crate::library::news::Kind;
use crate::model::{Briefing, Confidence, Priority};

pub fn render_title(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, Theme::BAR);
    let mut spans = vec![Span::styled(" brief ", Theme::KEY)];
    if let Some(br) = app.briefing() {
        spans.push(Span::styled("\u{2502} ", Theme::DIM));
        if let Some(c) = &br.classification {
            spans.push(Span::styled(format!(" {} ", c.shown()), Theme::MARKING));
            spans.push(Span::raw(" "));
        }
        if app.current.is_some_and(|b| app.library.is_stale(b)) {
            spans.push(Span::styled(
                format!("{} last good version ", super::marks::STALE),
                Theme::ERROR,
            ));
        }
        spans.push(Span::styled(br.title.shown(), Theme::TITLE));
        spans.push(Span::styled(format!("  {}", br.date.human()), Theme::DATE));
    }
    let mut right = if app.shows_list() {
        let n = app.view.briefings.len();
        let at = app
            .current
            .and_then(|c| app.view.briefings.iter().position(|&b| b == c));
        match at {
            Some(i) => format!(" {} of {} ", i + 1, n),
            None => format!(" {n} briefings "),
        }
    } else {
        String::new()
    };
    let (_, new) = app.news().totals();
    if new > 0 {
        right = format!(" {}{new} new \u{00b7}{right}", super::marks::NEW);
        if !app.shows_list() {
            right.push(' ');
        }
    }
    let rw = right.chars().count() as u16;
    buf.set_line(
        area.x,
        area.y,
        &Line::from(spans),
        area.width.saturating_sub(rw),
    );
    if rw > 0 && area.width > rw + 10 {
        buf.set_stringn(area.right() - rw, area.y, &right, rw as usize, Theme::DIM);
    }
}

pub fn render_pane(app: &App, pane: Pane, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == pane && app.screen.is_none();
    let count = match pane {
        Pane::Overview => String::new(),
        Pane::Timeline => {
            let shown = app
                .view
                .timeline
                .iter()
                .filter(|r| matches!(r, TimelineRow::Entry(_)))
                .count();
            counter(shown, app.briefing().map_or(0, |b| b.timeline.len()))
                + &marks::pane_count(app, Kind::Entry)
        }
        Pane::Quotes => {
            counter(
                app.view.quotes.len(),
                app.briefing().map_or(0, |b| b.quotes.len()),
            ) + &marks::pane_count(app, Kind::Quote)
        }
        Pane::Implications => {
            counter(
                app.view.implications.len(),
                app.briefing().map_or(0, |b| b.implications.len()),
            ) + &marks::pane_count(app, Kind::Implication)
        }
        Pane::Actors => format!(" {}", app.view.actors.len()),
        Pane::Briefings => counter(app.view.briefings.len(), app.library.briefings.len()),
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
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if app.current.is_none() && pane != Pane::Briefings {
        return;
    }
    if pane == Pane::Overview {
        // Only the lines in view are built; the Overview's cursor is its first line.
        let blocks = overview_blocks(app);
        let width = inner.width as usize;
        let top = app
            .cursor(Pane::Overview)
            .min(super::blocks_height(&blocks, width).saturating_sub(1));
        let q = app.search.query.to_lowercase();
        let lines = super::block_lines(&blocks, width, &q, top, inner.height as usize);
        for (i, line) in lines.iter().enumerate() {
            buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
        }
        return;
    }
    let len = app.pane_len(pane);
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
    let heights = row_heights(app, pane);
    let sel = app.cursor(pane);
    let offset = list_offset(&heights, sel, inner.height as usize);
    let end = (offset + inner.height as usize).min(len);
    let rows = rows(app, pane, offset..end);
    render_rows(&rows, 0, Some(sel - offset), inner, buf);
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
    let filtered = !app.actor_filter.is_empty();
    match pane {
        Pane::Briefings if app.loading.is_some() => "Loading\u{2026}",
        Pane::Briefings if app.library.briefings.is_empty() => "No briefings loaded",
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
    let msg = if app.library.failed.is_empty() {
        "No briefings to show."
    } else {
        "No briefing could be loaded: press E to see why."
    };
    let r = super::centered(area, msg.len() as u16 + 4, 3);
    buf.set_stringn(r.x + 2, r.y + 1, msg, r.width as usize, Theme::TITLE);
}

/// The lines of each row of a list pane (a row is one item; quotes take two lines).
pub fn rows<'a>(app: &'a App, pane: Pane, range: Range<usize>) -> Vec<Vec<Line<'a>>> {
    let q = app.search.query.to_lowercase();
    let Some(b) = app.current else {
        return match pane {
            Pane::Briefings => briefing_rows(app, &q, &range),
            _ => Vec::new(),
        };
    };
    let br = &app.library.briefings[b];
    match pane {
        Pane::Briefings => briefing_rows(app, &q, &range),
        Pane::Overview => Vec::new(),
        Pane::Actors => window(&app.view.actors, &range)
            .iter()
            .map(|&i| {
                let a = &br.actors[i];
                let chosen = app
                    .library
                    .actor_at(b, i)
                    .is_some_and(|ix| app.actor_filter.contains(&ix));
                let mut spans = vec![if chosen {
                    Span::styled("\u{2713} ", Theme::CHOSEN)
                } else {
                    Span::raw("  ")
                }];
                spans.extend(highlight(
                    a.name.shown(),
                    &q,
                    if chosen { Theme::CHOSEN } else { Theme::ACTOR },
                ));
                if let Some(k) = a.kind {
                    spans.push(Span::styled(format!(" ({})", k.name()), Theme::DIM));
                }
                if let Some(r) = &a.role {
                    spans.push(Span::styled(" \u{00b7} ", Theme::DIM));
                    spans.extend(highlight(r.shown(), &q, Theme::TEXT));
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
        Pane::Timeline => {
            let column = marks::any(app, b, Kind::Entry);
            window(&app.view.timeline, &range)
                .iter()
                .map(|r| {
                    let mut lines = vec![timeline_line(br, *r, &q, false)];
                    let item = match *r {
                        TimelineRow::Event => Item::Event(b),
                        TimelineRow::Entry(i) => Item::Entry(b, i),
                    };
                    marks::lead(app, item, column, &mut lines);
                    lines
                })
                .collect()
        }
        Pane::Quotes => {
            let column = marks::any(app, b, Kind::Quote);
            window(&app.view.quotes, &range)
                .iter()
                .map(|&i| {
                    let mut lines = quote_lines(br, i, &q, None);
                    marks::lead(app, Item::Quote(b, i), column, &mut lines);
                    lines
                })
                .collect()
        }
        Pane::Implications => {
            let column = marks::any(app, b, Kind::Implication);
            window(&app.view.implications, &range)
                .iter()
                .map(|&i| {
                    let mut lines = vec![implication_line(br, i, &q, None)];
                    marks::lead(app, Item::Implication(b, i), column, &mut lines);
                    lines
                })
                .collect()
        }
    }
}

fn briefing_rows<'a>(app: &'a App, q: &str, range: &Range<usize>) -> Vec<Vec<Line<'a>>> {
    window(&app.view.briefings, range)
        .iter()
        .map(|&b| {
            let br = &app.library.briefings[b];
            let mut spans = vec![Span::styled(
                format!("{:<11} ", br.date.human()),
                Theme::DATE,
            )];
            // Marks and match counts lead, so a narrow list still shows them.
            spans.extend(marks::briefing(app, b));
            if let Some(n) = app.view.match_counts.get(&b) {
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
pub fn overview_blocks(app: &App) -> Vec<Passage<'_>> {
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

/// How many lines the Overview has at the current terminal width.
pub fn overview_line_count(app: &App, term_width: u16) -> usize {
    let area = Rect::new(0, 0, term_width, app.size.1.max(layout::MIN_HEIGHT));
    let l = layout(app, area);
    let w = l
        .panes
        .iter()
        .find(|(p, _)| *p == Pane::Overview)
        .map_or(term_width, |(_, r)| r.width);
    super::blocks_height(&overview_blocks(app), w.saturating_sub(2) as usize)
}

/// Lines each row of a list pane takes.
pub fn row_heights(app: &App, pane: Pane) -> Vec<usize> {
    let n = app.pane_len(pane);
    vec![if pane == Pane::Quotes { 2 } else { 1 }; n]
}

pub fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, Theme::BAR);
    let mut spans: Vec<Span> = Vec::new();
    if app.search.editing {
        spans.push(Span::styled("/", Theme::KEY));
        spans.push(Span::raw(
            crate::text::clean_line(&app.search.query).into_owned(),
        ));
        spans.push(Span::styled("\u{2581}", Theme::KEY));
        spans.push(Span::styled(
            format!("  {}", match_counter(app)),
            Theme::DIM,
        ));
    } else {
        if let Some(p) = app.loading {
            spans.push(Span::styled(
                format!("Loading {} / {} ", thousands(p.done), thousands(p.total)),
                Theme::KEY,
            ));
            let w = 12usize;
            let filled = (p.done * w).checked_div(p.total).unwrap_or(0).min(w);
            spans.push(Span::styled(
                format!(
                    "{}{} ",
                    "\u{2588}".repeat(filled),
                    "\u{2591}".repeat(w - filled)
                ),
                Theme::KEY,
            ));
        }
        if let Some(n) = &app.notice {
            spans.push(Span::styled(n.clone(), Theme::TITLE));
            spans.push(Span::raw("  "));
        }
        if let Some(f) = app.filter_summary() {
            spans.push(Span::styled(f, Theme::CHOSEN));
            spans.push(Span::raw("  "));
        }
        if !app.tag_filter.is_empty() {
            let tags: Vec<&str> = app.tag_filter.iter().map(String::as_str).collect();
            spans.push(Span::styled(
                format!("Tags: {}  ", tags.join(", ")),
                Theme::CHOSEN,
            ));
        }
        if app.search.active() {
            spans.push(Span::styled(
                format!("/{}", crate::text::clean_line(&app.search.query)),
                Theme::KEY,
            ));
            spans.push(Span::raw(format!(" {}", match_counter(app))));
        }
        if spans.is_empty() {
            spans.push(Span::styled(at_a_glance(app), Theme::DIM));
        }
    }
    let (n, w) = (app.library.failed.len(), app.library.warning_count());
    let right = match (n, w) {
        (0, 0) => String::new(),
        (n, 0) => format!(" {n} file{} with errors (E) ", plural(n)),
        (0, w) => format!(" {w} warning{} (E) ", plural(w)),
        (n, w) => format!(
            " {n} file{} with errors, {w} warning{} (E) ",
            plural(n),
            plural(w)
        ),
    };
    let rw = unicode_width::UnicodeWidthStr::width(right.as_str()) as u16;
    buf.set_line(
        area.x + 1,
        area.y,
        &Line::from(spans),
        area.width.saturating_sub(rw + 1),
    );
    if rw > 0 && area.width > rw {
        buf.set_stringn(area.right() - rw, area.y, &right, rw as usize, Theme::ERROR);
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What is open, when nothing more pressing needs the status bar.
fn at_a_glance(app: &App) -> String {
    let mut parts = Vec::new();
    if app.shows_list() {
        parts.push(format!(
            "{} briefings, {}",
            thousands(app.library.briefings.len()),
            app.sort.label()
        ));
    }
    if let Some(b) = app.briefing() {
        parts.push(format!(
            "{} actors, {} timeline entries, {} quotes, {} implications",
            b.actors.len(),
            b.timeline.len(),
            b.quotes.len(),
            b.implications.len()
        ));
    }
    parts.join(" \u{00b7} ")
}

/// `3/17`, or `no match`.
fn match_counter(app: &App) -> String {
    let n = app.search.matches.len();
    if !app.search.active() {
        return String::new();
    }
    let briefings = if app.shows_list() {
        let m = app.view.match_counts.len();
        format!(" \u{00b7} {m} briefing{}", if m == 1 { "" } else { "s" })
    } else {
        String::new()
    };
    match (n, app.search.current) {
        (0, _) => format!("no match here{briefings}"),
        (n, Some(c)) => format!("{}/{n}{briefings}", c + 1),
        (1, None) => format!("1 match{briefings}"),
        (n, None) => format!("{n} matches{briefings}"),
    }
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The hint bar: the most useful keys of the current mode, from the key table.
pub fn render_hints(app: &App, area: Rect, buf: &mut Buffer) {
    let list: &[(Action, Scope, &str)] = match app.mode() {
        Mode::Reader => &[
            (Action::FocusNext, Scope::Reader, "pane"),
            (Action::Down, Scope::Move, "move"),
            (Action::Open, Scope::Move, "open"),
            (Action::ActorPicker, Scope::Global, "actors"),
            (Action::Search, Scope::Global, "search"),
            (Action::NextBriefing, Scope::Reader, "briefing"),
            (Action::Copy, Scope::Global, "cite"),
            (Action::Help, Scope::Global, "help"),
            (Action::Quit, Scope::Global, "quit"),
        ],
        Mode::Screen => &[
            (Action::Down, Scope::Move, "move"),
            (Action::Open, Scope::Move, "go to"),
            (Action::Back, Scope::Global, "back"),
            (Action::Help, Scope::Global, "help"),
            (Action::Quit, Scope::Global, "quit"),
        ],
        Mode::Detail | Mode::Help => &[
            (Action::Down, Scope::Move, "scroll"),
            (Action::PageDown, Scope::Move, "page"),
            (Action::Back, Scope::Global, "close"),
            (Action::Quit, Scope::Global, "quit"),
        ],
        Mode::Picker => &[
            (Action::Toggle, Scope::Picker, "select"),
            (Action::Apply, Scope::Picker, "apply"),
            (Action::Back, Scope::Picker, "cancel"),
        ],
        Mode::Search => &[
            (Action::Apply, Scope::Search, "search"),
            (Action::Back, Scope::Search, "cancel"),
        ],
        Mode::Confirm => &[
            (Action::Apply, Scope::Confirm, "open"),
            (Action::Back, Scope::Confirm, "cancel"),
        ],
    };
    // Hints that do not fit are left out whole; help and quit, last, always stay.
    let mut hints: Vec<(String, &str, Action)> = Vec::new();
    for (action, scope, label) in list {
        if *action == Action::NextBriefing && !app.shows_list() {
            continue;
        }
        let Some(key) = keymap::first_key(*action, *scope) else {
            continue;
        };
        let key = match action {
            Action::Down => "j/k".to_string(),
            Action::NextBriefing => "[/]".to_string(),
            Action::FocusNext => "Tab".to_string(),
            _ => key,
        };
        hints.push((key, label, *action));
    }
    if matches!(app.mode(), Mode::Picker) {
        hints.push((String::new(), "type to narrow", Action::Type(' ')));
    }
    let width = |h: &(String, &str, Action)| h.0.chars().count() + h.1.chars().count() + 3;
    let kept_last: usize = hints
        .iter()
        .filter(|h| matches!(h.2, Action::Help | Action::Quit))
        .map(width)
        .sum();
    let mut room = (area.width as usize).saturating_sub(1 + kept_last);
    let mut spans = Vec::new();
    for h in &hints {
        let always = matches!(h.2, Action::Help | Action::Quit);
        if !always {
            if width(h) > room {
                continue;
            }
            room -= width(h);
        }
        spans.push(Span::styled(h.0.clone(), Theme::KEY));
        spans.push(Span::styled(format!(" {}  ", h.1), Theme::DIM));
    }
    buf.set_line(
        area.x + 1,
        area.y,
        &Line::from(spans),
        area.width.saturating_sub(1),
    );
}
