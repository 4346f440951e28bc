//! The reader's panes: what each row of each pane says, at the width it has.
//!
//! Every row fits its pane: a cut is marked with `…`, and a search match that would
//! be cut off is scrolled into view.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::Drawing;
use super::marks;
use super::parts::{
    Passage, centered, first_row, highlight, pane_block, passage_lines, passages_height,
    render_rows, rows_that_fit,
};
use super::theme::Theme;
use super::wrap::{ELLIPSIS, fit, fit_showing_match, line_width, wrap};
use crate::app::{Action, App, Pane};
use crate::library::news::Kind;
use crate::library::{Item, TimelineRow};
use crate::model::{Briefing, Confidence, Priority};

pub fn render_pane(v: &Drawing, pane: Pane, area: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    let focused = app.focus() == pane && app.screen().is_none();
    let shown = app.shown();
    let count = match pane {
        Pane::Overview => String::new(),
        Pane::Timeline => {
            let entries = shown
                .timeline
                .iter()
                .filter(|r| matches!(r, TimelineRow::Entry(_)))
                .count();
            counter(entries, app.briefing().map_or(0, |b| b.timeline.len()))
                + &marks::pane_count(app, Kind::Entry)
        }
        Pane::Quotes => {
            counter(
                shown.quotes.len(),
                app.briefing().map_or(0, |b| b.quotes.len()),
            ) + &marks::pane_count(app, Kind::Quote)
        }
        Pane::Implications => {
            counter(
                shown.implications.len(),
                app.briefing().map_or(0, |b| b.implications.len()),
            ) + &marks::pane_count(app, Kind::Implication)
        }
        Pane::Actors => format!(" {}", shown.actors.len()),
        Pane::Briefings => counter(shown.briefings.len(), app.library().briefings.len()),
    };
    let mut title = vec![
        Span::styled(format!("{} ", pane.index() + 1), t.dim),
        Span::styled(pane.title(), if focused { t.focus } else { t.title }),
        Span::styled(count, t.dim),
    ];
    if focused && app.zoomed() {
        title.push(Span::styled(" (z: all panes)", t.dim));
    }
    let block = pane_block(title, focused, area.width, t);
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
    let size = (inner.width, inner.height);
    let heights = row_heights(app, pane, size);
    let len = heights.len();
    let sel = app.cursor(pane);
    let lines = |i: usize| heights.get(i).copied().unwrap_or(1);
    let first = first_row(scroll.first(), sel, height, len, lines);
    let fit = rows_that_fit(first, len, height, lines);
    let in_view: Vec<usize> = (first..len).take(fit + 1).map(lines).collect();
    scroll.record_rows(area, first, fit, in_view);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if app.current().is_none() && pane != Pane::Briefings {
        return;
    }
    if len == 0 {
        let msg = empty_message(v, pane);
        let text_w = inner.width.saturating_sub(1) as usize;
        for (i, l) in wrap(&msg, text_w).iter().take(height).enumerate() {
            buf.set_stringn(inner.x + 1, inner.y + i as u16, l, text_w, t.dim);
        }
        return;
    }
    // Only the rows in view are built: a library list can hold thousands.
    let end = (first + height).min(len);
    let rows = rows(app, pane, first..end, size, t);
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

/// What an empty pane says, in words (wrapped, never cut).
fn empty_message(v: &Drawing, pane: Pane) -> String {
    let app = v.app;
    let filtered = !app.filters().actors.is_empty();
    match pane {
        Pane::Briefings if app.loading().is_some() => "Loading\u{2026}".to_string(),
        Pane::Briefings if app.search_progress().is_some() => "Searching\u{2026}".to_string(),
        Pane::Briefings if app.library().briefings.is_empty() => "No briefings loaded".to_string(),
        Pane::Briefings => format!(
            "No briefing matches the filters: {} clears them",
            v.any_key(Action::ClearFilters)
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
    let (app, t) = (v.app, v.theme);
    if app.shows_list() {
        return;
    }
    let msg = if app.library().failed.is_empty() {
        "No briefings to show.".to_string()
    } else {
        format!(
            "No briefing could be loaded: press {} to see why.",
            v.any_key(Action::Errors)
        )
    };
    let r = centered(area, msg.width() as u16 + 4, 3);
    buf.set_stringn(r.x + 2, r.y + 1, &msg, r.width as usize, t.title);
}

/// Whether the pane shows its rows in full (a focused Quotes pane: whole quotes).
fn in_full(app: &App, pane: Pane) -> bool {
    pane == Pane::Quotes && app.focus() == Pane::Quotes && app.screen().is_none()
}

/// The lines of each row of a list pane whose inner area is `size`, every line fitting
/// the text width (one column goes to the selection marker).
pub fn rows<'a>(
    app: &'a App,
    pane: Pane,
    range: Range<usize>,
    size: (u16, u16),
    t: &Theme,
) -> Vec<Vec<Line<'a>>> {
    let q = app.filters().query.lower();
    let width = size.0.saturating_sub(1) as usize;
    let Some(b) = app.current() else {
        return match pane {
            Pane::Briefings => briefing_rows(app, q, &range, width, t),
            _ => Vec::new(),
        };
    };
    let br = &app.library().briefings[b];
    match pane {
        Pane::Briefings => briefing_rows(app, q, &range, width, t),
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
                let mut hidden: Vec<&str> = a.aliases.iter().map(|t| t.shown()).collect();
                hidden.push(&a.id);
                hidden.extend(a.description.as_ref().map(|t| t.shown()));
                hidden_match(&mut spans, &hidden, q, t);
                vec![fit_showing_match(&Line::from(spans), width, 1)]
            })
            .collect(),
        Pane::Timeline => {
            let col = date_column(br, width);
            let column = marks::any(app, b, Kind::Entry);
            window(&app.shown().timeline, &range)
                .iter()
                .map(|r| {
                    let mut lines = vec![timeline_line(br, *r, q, None, col, width, t)];
                    marks::lead(app, r.item(b), column, &mut lines, t);
                    lines
                })
                .collect()
        }
        Pane::Quotes if in_full(app, pane) => {
            let cap = quote_line_cap(size.1);
            let column = marks::any(app, b, Kind::Quote);
            window(&app.shown().quotes, &range)
                .iter()
                .map(|&i| {
                    let mut lines = quote_in_full(app, br, i, q, width, cap, t);
                    marks::lead(app, Item::Quote(b, i), column, &mut lines, t);
                    lines
                })
                .collect()
        }
        Pane::Quotes => {
            let column = marks::any(app, b, Kind::Quote);
            window(&app.shown().quotes, &range)
                .iter()
                .map(|&i| {
                    let mut lines = quote_lines(br, i, q, None, width, t);
                    marks::lead(app, Item::Quote(b, i), column, &mut lines, t);
                    lines
                })
                .collect()
        }
        Pane::Implications => {
            let column = marks::any(app, b, Kind::Implication);
            window(&app.shown().implications, &range)
                .iter()
                .map(|&i| {
                    let mut lines = vec![implication_line(br, i, q, None, width, t)];
                    marks::lead(app, Item::Implication(b, i), column, &mut lines, t);
                    lines
                })
                .collect()
        }
    }
}

/// A briefing in the list: its title first, cut with `…`, then its date against the
/// right edge when there is room. A marking shows only when the title does not say it.
fn briefing_rows<'a>(
    app: &'a App,
    q: &str,
    range: &Range<usize>,
    width: usize,
    t: &Theme,
) -> Vec<Vec<Line<'a>>> {
    window(&app.shown().briefings, range)
        .iter()
        .map(|&b| {
            let br = &app.library().briefings[b];
            // Marks and match counts lead, so a narrow list still shows them.
            let mut spans = marks::briefing(app, b, t);
            if let Some(n) = app.shown().match_counts.get(&b) {
                spans.push(Span::styled(format!("{n}\u{00d7}"), t.matched));
                spans.push(Span::raw(" "));
            }
            if let Some(m) = list_marking(br) {
                spans.push(Span::styled(format!(" {m} "), t.marking));
                spans.push(Span::raw(" "));
            }
            let lead = spans.len();
            spans.extend(highlight(br.title.shown(), q, t.text, t));
            let date = br.date.human();
            // The date is worth its room only once the title has some.
            let date_w = date.width() + 2;
            if width < 32 {
                return vec![fit_showing_match(&Line::from(spans), width, lead)];
            }
            let mut line = fit_showing_match(&Line::from(spans), width - date_w, lead);
            let gap = width - line_width(&line) - date.width();
            line.spans.push(Span::raw(" ".repeat(gap)));
            line.spans.push(Span::styled(date, t.date));
            vec![line]
        })
        .collect()
}

/// The marking to show beside a title in a list: only one the title does not already
/// say (`EXERCISE: ...` needs no EXERCISE badge), and never the everyday UNCLASSIFIED.
pub fn list_marking(br: &Briefing) -> Option<&str> {
    let m = br.classification.as_ref()?.shown();
    let lower = m.to_lowercase();
    let says_it = br.title.shown().to_lowercase().contains(&lower);
    (!says_it && lower != "unclassified" && !m.trim().is_empty()).then_some(m)
}

/// A timeline date column: its width, and whether times of day are shown in it.
#[derive(Clone, Copy, Debug)]
pub struct DateColumn {
    pub width: usize,
    pub times: bool,
}

impl DateColumn {
    /// The column for these dates in a row `width` wide: as wide as the widest date, so
    /// a time of day never pushes a title out of line, and without the times when
    /// they would take more than a third of the row.
    pub fn fitting<'d>(
        dates: impl Iterator<Item = (&'d crate::date::Date, bool)> + Clone,
        width: usize,
    ) -> DateColumn {
        let widest = |times: bool| {
            dates
                .clone()
                .map(|(d, approx)| {
                    let t = if times { d.short() } else { d.day_only() };
                    t.width() + usize::from(approx)
                })
                .max()
                .unwrap_or(0)
        };
        let with = widest(true);
        if with * 3 <= width {
            DateColumn {
                width: with,
                times: true,
            }
        } else {
            DateColumn {
                width: widest(false),
                times: false,
            }
        }
    }

    /// A date in this column, padded to it: `~` in front when approximate.
    pub fn span(self, date: &crate::date::Date, approximate: bool, t: &Theme) -> Span<'static> {
        let d = if self.times {
            date.short()
        } else {
            date.day_only()
        };
        let text = if approximate { format!("~{d}") } else { d };
        let pad = self.width.saturating_sub(text.width());
        Span::styled(format!("{text}{} ", " ".repeat(pad)), t.date)
    }
}

/// The date column of a briefing's Timeline pane.
fn date_column(br: &Briefing, width: usize) -> DateColumn {
    let dates = br
        .timeline
        .iter()
        .map(|e| (&e.date, e.approximate))
        .chain(std::iter::once((&br.event.date, false)));
    DateColumn::fitting(dates, width)
}

pub fn confidence_span(c: Option<Confidence>, t: &Theme) -> Option<Span<'static>> {
    c.map(|c| Span::styled(format!(" [{} confidence]", c.name()), t.dim))
}

/// One timeline row, fitted to `width`; `briefing` names the briefing it is from (in
/// the library timeline).
pub fn timeline_line<'a>(
    br: &'a Briefing,
    row: TimelineRow,
    q: &str,
    briefing: Option<&'a str>,
    col: DateColumn,
    width: usize,
    t: &Theme,
) -> Line<'a> {
    let line = match row {
        TimelineRow::Event => {
            let mut spans = vec![
                col.span(&br.event.date, false, t),
                Span::styled("\u{25c6} EVENT ", t.event),
            ];
            spans.extend(highlight(br.event.title.shown(), q, t.event, t));
            let e = &br.event;
            let hidden: Vec<&str> = [&e.location, &e.description]
                .into_iter()
                .flatten()
                .map(|t| t.shown())
                .collect();
            hidden_match(&mut spans, &hidden, q, t);
            Line::from(spans)
        }
        TimelineRow::Entry(i) => {
            let e = &br.timeline[i];
            let mut spans = vec![col.span(&e.date, e.approximate, t)];
            spans.extend(highlight(e.title.shown(), q, t.text, t));
            if !e.actors.is_empty() {
                let names: Vec<String> = e.actors.iter().map(|id| br.actor_name(id)).collect();
                spans.push(Span::styled(" \u{2014} ", t.actor));
                spans.extend(highlight_owned(&names.join(", "), q, t.actor, t));
            }
            spans.extend(confidence_span(e.confidence, t));
            let hidden: Vec<&str> = e.detail.iter().map(|t| t.shown()).collect();
            hidden_match(&mut spans, &hidden, q, t);
            if let Some(title) = briefing {
                spans.push(Span::styled(format!("  \u{00b7} {title}"), t.dim));
            }
            Line::from(spans)
        }
    };
    fit_showing_match(&line, width, 1)
}

/// Spans of `text`, owned, with the search highlighted.
fn highlight_owned(text: &str, q: &str, style: Style, t: &Theme) -> Vec<Span<'static>> {
    highlight(text, q, style, t)
        .into_iter()
        .map(|s| Span::styled(s.content.into_owned(), s.style))
        .collect()
}

/// When the search matches an item only in what its row does not show (an entry's
/// detail, an actor's alias), the words around the match end the row, so every row the
/// search counts shows why.
fn hidden_match(spans: &mut Vec<Span>, hidden: &[&str], q: &str, t: &Theme) {
    if q.is_empty() || spans.iter().any(|s| t.is_match(s.style)) {
        return;
    }
    for text in hidden {
        let Some(&(start, end)) = crate::library::find_ci(text, q).first() else {
            continue;
        };
        // A few words either side, cut at spaces.
        let from = text[..start]
            .char_indices()
            .rev()
            .take(30)
            .last()
            .map_or(start, |(i, _)| i);
        let from = match text[from..start].find(' ') {
            Some(sp) if from > 0 => from + sp + 1,
            _ => from,
        };
        let to = text[end..]
            .char_indices()
            .nth(40)
            .map_or(text.len(), |(i, _)| end + i);
        let to = match text[end..to].rfind(' ') {
            Some(sp) if to < text.len() => end + sp,
            _ => to,
        };
        let mut snippet = String::new();
        if from > 0 {
            snippet.push_str(ELLIPSIS);
        }
        snippet.push_str(&text[from..to]);
        if to < text.len() {
            snippet.push_str(ELLIPSIS);
        }
        let snippet = snippet.replace('\n', " ");
        spans.push(Span::styled(" \u{00b7} ", t.dim));
        spans.extend(highlight_owned(&snippet, q, t.dim, t));
        return;
    }
}

/// Who said it: the speaker's name (the role is in the detail), when and where.
fn quote_head<'a>(br: &'a Briefing, i: usize, q: &str, speaker: bool, t: &Theme) -> Vec<Span<'a>> {
    let quote = &br.quotes[i];
    let mut head = Vec::new();
    if speaker {
        match br.actor(&quote.actor) {
            Some(a) => head.extend(highlight(a.name.shown(), q, t.actor, t)),
            None => head.push(Span::styled(quote.actor.as_str(), t.actor)),
        }
    }
    if let Some(d) = &quote.date {
        let sep = if head.is_empty() { "" } else { " \u{00b7} " };
        head.push(Span::styled(format!("{sep}{}", d.human()), t.date));
    }
    if let Some(c) = &quote.context {
        if !head.is_empty() {
            head.push(Span::styled(" \u{00b7} ", t.dim));
        }
        head.extend(highlight(c.shown(), q, t.dim, t));
    }
    head
}

/// Two lines: who said it (and when, where), then the first line of the words. A
/// paraphrase is marked and set in italics without quotation marks, so it never reads
/// as verbatim.
pub fn quote_lines<'a>(
    br: &'a Briefing,
    i: usize,
    q: &str,
    briefing_title: Option<&'a str>,
    width: usize,
    t: &Theme,
) -> Vec<Line<'a>> {
    let quote = &br.quotes[i];
    let mut head = quote_head(br, i, q, true, t);
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
    let mut body = body;
    if !head.iter().any(|s| t.is_match(s.style)) {
        let rest = quote.text.shown().split_once('\n').map(|(_, r)| r);
        hidden_match(&mut body, &rest.into_iter().collect::<Vec<_>>(), q, t);
    }
    vec![
        fit_showing_match(&Line::from(head), width, 0),
        fit_showing_match(&Line::from(body), width, 1),
    ]
}

/// How many lines of words a quote may take in a focused Quotes pane of this height:
/// enough for one quote to fill the pane, and never fewer than four.
fn quote_line_cap(height: u16) -> usize {
    (height as usize).saturating_sub(1).max(4)
}

/// A quote in a focused Quotes pane: the speaker's name (left out while the filter is
/// that one speaker), then the whole text wrapped, ending in `…` past `cap` lines.
fn quote_in_full<'a>(
    app: &App,
    br: &'a Briefing,
    i: usize,
    q: &str,
    width: usize,
    cap: usize,
    t: &Theme,
) -> Vec<Line<'a>> {
    let quote = &br.quotes[i];
    let speaker = !is_the_one_filtered(app, &quote.actor);
    // Who and when on the first line; where (the context) wrapped below it.
    let mut head = Vec::new();
    if speaker {
        match br.actor(&quote.actor) {
            Some(a) => head.extend(highlight(a.name.shown(), q, t.actor, t)),
            None => head.push(Span::styled(quote.actor.as_str(), t.actor)),
        }
    }
    if let Some(d) = &quote.date {
        let sep = if head.is_empty() { "" } else { " \u{00b7} " };
        head.push(Span::styled(format!("{sep}{}", d.human()), t.date));
    }
    let mut out = Vec::new();
    if !head.is_empty() {
        out.push(fit_showing_match(&Line::from(head), width, 0));
    }
    if let Some(c) = &quote.context {
        for l in wrap(c.shown(), width.saturating_sub(2).max(1)) {
            let mut spans = vec![Span::raw("  ")];
            spans.extend(highlight_owned(&l, q, t.dim, t));
            out.push(Line::from(spans));
        }
    }
    let (text, style) = if quote.paraphrase {
        (
            format!("\u{2248} paraphrase: {}", quote.text.shown()),
            t.paraphrase,
        )
    } else {
        (format!("\u{201c}{}\u{201d}", quote.text.shown()), t.quote)
    };
    let mut lines = wrap(&text, width.saturating_sub(2).max(1));
    if lines.len() > cap {
        lines.truncate(cap);
        if let Some(last) = lines.last_mut() {
            let room = width.saturating_sub(2 + ELLIPSIS.width());
            let cut = fit(&Line::from(last.clone()), room + 1);
            let mut s: String = cut.spans.iter().map(|s| s.content.as_ref()).collect();
            if !s.ends_with(ELLIPSIS) {
                s.push_str(ELLIPSIS);
            }
            *last = s;
        }
    }
    for l in lines {
        let mut spans = vec![Span::raw("  ")];
        spans.extend(
            highlight(&l, q, style, t)
                .into_iter()
                .map(|s| Span::styled(s.content.into_owned(), s.style)),
        );
        out.push(Line::from(spans));
    }
    out
}

/// Whether the actor filter is exactly the speaker with this local id.
fn is_the_one_filtered(app: &App, local: &str) -> bool {
    app.filters().actors.len() == 1
        && app
            .current()
            .and_then(|b| app.library().actor_ix(b, local))
            .is_some_and(|ix| app.filters().actors.contains(&ix))
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
    width: usize,
    t: &Theme,
) -> Line<'a> {
    let m = &br.implications[i];
    let mut spans = vec![priority_span(m.priority, t)];
    spans.extend(highlight(m.title.shown(), q, t.text, t));
    spans.extend(confidence_span(m.confidence, t));
    if !m.actors.is_empty() {
        let names: Vec<String> = m.actors.iter().map(|id| br.actor_name(id)).collect();
        spans.push(Span::styled(" \u{2014} ", t.actor));
        spans.extend(highlight_owned(&names.join(", "), q, t.actor, t));
    }
    let hidden: Vec<&str> = m.detail.iter().map(|t| t.shown()).collect();
    hidden_match(&mut spans, &hidden, q, t);
    if let Some(title) = briefing_title {
        spans.push(Span::styled(format!("  \u{00b7} {title}"), t.dim));
    }
    fit_showing_match(&Line::from(spans), width, 1)
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
        let label = if i == 0 { "Source " } else { "       " };
        out.push(Passage::para(label, super::detail::source_text(s), t.text));
    }
    out
}

/// Lines each row of a list pane takes in an inner area of `size`.
pub fn row_heights(app: &App, pane: Pane, size: (u16, u16)) -> Vec<usize> {
    let n = app.pane_len(pane);
    if in_full(app, pane)
        && let Some(b) = app.current()
    {
        let br = &app.library().briefings[b];
        let width = size.0.saturating_sub(1) as usize;
        let cap = quote_line_cap(size.1);
        return app
            .shown()
            .quotes
            .iter()
            .map(|&i| quote_in_full(app, br, i, "", width, cap, &Theme::DEFAULT).len())
            .collect();
    }
    vec![if pane == Pane::Quotes { 2 } else { 1 }; n]
}
