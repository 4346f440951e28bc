//! Full-screen lists: an actor's dossier, the library timeline, files with errors.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::Drawing;
use super::panes::{DateColumn, implication_line, quote_lines, timeline_line};
use super::parts::{first_row, pane_block, put_fitted, render_rows, rows_that_fit};
use super::theme::Theme;
use super::wrap::fit;
use crate::app::{App, Screen};
use crate::library::lists::{ListKind, ListRow};
use crate::library::{Item, TimelineRow};

pub fn render(v: &Drawing, screen: &Screen, area: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    let title = match screen.kind {
        ListKind::Dossier(a) => {
            let la = app.library().actors.get(a);
            let mut t = format!("Dossier: {}", la.map_or("", |l| l.name.as_str()));
            if let Some(l) = la.filter(|l| !l.aliases.is_empty()) {
                t.push_str(&format!(" (aka {})", l.aliases.join(", ")));
            }
            t
        }
        ListKind::Timeline => {
            let n = screen.rows.items();
            match app.search_progress() {
                Some((done, of)) => format!(
                    "Library timeline: {n} entries so far, searching\u{2026} {} of {}",
                    super::bars::thousands(done),
                    super::bars::thousands(of)
                ),
                None => format!("Library timeline: {n} entries"),
            }
        }
        ListKind::Errors if app.library().warning_count() == 0 => {
            format!("Files with errors: {}", app.library().failed.len())
        }
        ListKind::Errors => format!(
            "Files with errors: {}, warnings: {}",
            app.library().failed.len(),
            app.library().warning_count()
        ),
        ListKind::WhatsNew => {
            let (briefings, items) = app.news().totals();
            format!(
                "What's new since you last read: {items} item{} in {briefings} briefing{}",
                if items == 1 { "" } else { "s" },
                if briefings == 1 { "" } else { "s" }
            )
        }
    };
    let block = pane_block(vec![Span::styled(title, t.focus)], true, area.width, t);
    let inner = block.inner(area);
    block.render(area, buf);
    if screen.rows.is_empty() {
        let msg = match screen.kind {
            ListKind::Errors => "Every file loaded without errors.",
            ListKind::Timeline if app.search_progress().is_some() => "Searching\u{2026}",
            ListKind::Timeline => "No timeline entries match the filters.",
            ListKind::Dossier(_) => "Nothing about this actor.",
            ListKind::WhatsNew => "Nothing new since you last read.",
        };
        put_fitted(
            buf,
            inner.x + 1,
            inner.y,
            msg,
            inner.width.saturating_sub(1) as usize,
            t.dim,
        );
        return;
    }
    let q = app.filters().query.lower();
    // Only the rows in view are built: the library timeline can hold many thousands.
    let height = inner.height as usize;
    let len = screen.rows.len();
    let lines = |i: usize| row_height(app, screen.rows.item(i));
    let scroll = app.view().list();
    let first = first_row(scroll.first(), screen.cursor, height, len, lines);
    scroll.record_list(area, first, rows_that_fit(first, len, height, lines), 1);
    let end = (first + height).min(len);
    let width = inner.width.saturating_sub(1) as usize;
    let window: Vec<ListRow> = (first..end).filter_map(|r| screen.rows.get(r)).collect();
    // One date column for the entries in view, so a time of day never breaks the line.
    let dates = window.iter().filter_map(|r| match r {
        ListRow::Item(Item::Entry(b, i)) => {
            let e = &app.library().briefings[*b].timeline[*i];
            Some((&e.date, e.approximate))
        }
        _ => None,
    });
    let col = DateColumn::fitting(dates, width);
    let rows: Vec<Vec<Line>> = window
        .iter()
        .map(|r| {
            let mut lines = row_lines(app, r, q, col, width, t);
            if let ListRow::Item(item) = r {
                super::marks::lead(app, *item, false, &mut lines, t);
            }
            lines
        })
        .collect();
    render_rows(
        &rows,
        0,
        screen.cursor.checked_sub(first),
        true,
        t,
        inner,
        buf,
    );
}

/// Lines a row takes, without building it: a quote two, a failed file one per problem.
fn row_height(app: &App, item: Option<Item>) -> usize {
    match item {
        Some(Item::Quote(..)) => 2,
        Some(Item::Failed(f)) => 1 + app.library().failed.get(f).map_or(0, |x| x.problems.len()),
        _ => 1,
    }
}

fn row_lines<'a>(
    app: &'a App,
    row: &'a ListRow,
    q: &str,
    col: DateColumn,
    width: usize,
    t: &Theme,
) -> Vec<Line<'a>> {
    let lib = &app.library();
    match row {
        ListRow::Heading(h) => vec![Line::from(Span::styled(h.as_str(), t.label))],
        ListRow::Item(item) => match *item {
            Item::Actor(b, i) => {
                let br = &lib.briefings[b];
                let a = &br.actors[i];
                let mut spans = vec![
                    Span::styled(format!("{:<12}", br.date.human()), t.date),
                    Span::styled(br.title.shown(), t.title),
                    Span::styled(" \u{2014} as ", t.dim),
                    Span::styled(a.name.shown(), t.actor),
                ];
                if let Some(r) = &a.role {
                    spans.push(Span::styled(format!(", {}", r.shown()), t.text));
                }
                if !a.aliases.is_empty() {
                    let al: Vec<&str> = a.aliases.iter().map(|t| t.shown()).collect();
                    spans.push(Span::styled(format!(" (aka {})", al.join(", ")), t.dim));
                }
                vec![fit(&Line::from(spans), width)]
            }
            Item::Entry(b, i) => {
                let br = &lib.briefings[b];
                vec![timeline_line(
                    br,
                    TimelineRow::Entry(i),
                    q,
                    Some(br.title.shown()),
                    col,
                    width,
                    t,
                )]
            }
            Item::Quote(b, i) => {
                let br = &lib.briefings[b];
                quote_lines(br, i, q, Some(br.title.shown()), width, t)
            }
            Item::Implication(b, i) => {
                let br = &lib.briefings[b];
                vec![implication_line(br, i, q, Some(br.title.shown()), width, t)]
            }
            Item::Failed(f) => {
                let Some(file) = lib.failed.get(f) else {
                    return vec![];
                };
                let mut head = vec![Span::styled(
                    crate::text::clean_line(&file.path.display().to_string()).into_owned(),
                    t.error,
                )];
                if lib.keeps_last_good(&file.path) {
                    head.push(Span::styled(
                        format!(
                            "  {} its last good version is still shown",
                            super::marks::STALE
                        ),
                        t.dim,
                    ));
                }
                let mut lines = vec![Line::from(head)];
                for p in &file.problems {
                    lines.push(Line::from(Span::raw(format!(
                        "  {}:{}: {}",
                        p.line,
                        p.column,
                        crate::text::clean_line(&p.message)
                    ))));
                }
                lines
            }
            Item::Warning(w) => match lib.warning(w) {
                Some(d) => vec![fit(&Line::from(Span::styled(d.to_string(), t.text)), width)],
                None => vec![],
            },
            Item::Briefing(b) => {
                let br = &lib.briefings[b];
                vec![Line::from(vec![
                    Span::styled(format!("{:<12}", br.date.human()), t.date),
                    Span::styled(br.title.shown(), t.title),
                    Span::styled("  \u{00b7} a new briefing", t.dim),
                ])]
            }
            Item::Event(_) => vec![Line::from("")],
        },
    }
}
