//! Full-screen lists: an actor's dossier, the library timeline, files with errors.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::panes::{DateColumn, implication_line, quote_lines, timeline_line};
use super::theme::Theme;
use super::wrap::fit;
use super::{list_offset, pane_block, render_rows};
use crate::app::{App, Item, Screen, ScreenKind, ScreenRow, TimelineRow};

pub fn render(app: &App, screen: &Screen, area: Rect, buf: &mut Buffer) {
    let title = match screen.kind {
        ScreenKind::Dossier(a) => {
            let la = app.library.actors.get(a);
            let mut t = format!("Dossier: {}", la.map_or("", |l| l.name.as_str()));
            if let Some(l) = la.filter(|l| !l.aliases.is_empty()) {
                t.push_str(&format!(" (aka {})", l.aliases.join(", ")));
            }
            t
        }
        ScreenKind::Timeline => {
            let n = screen
                .rows
                .iter()
                .filter(|r| matches!(r, ScreenRow::Item(_)))
                .count();
            format!("Library timeline: {n} entries")
        }
        ScreenKind::Errors if app.library.warning_count() == 0 => {
            format!("Files with errors: {}", app.library.failed.len())
        }
        ScreenKind::Errors => format!(
            "Files with errors: {}, warnings: {}",
            app.library.failed.len(),
            app.library.warning_count()
        ),
    };
    let block = pane_block(vec![Span::styled(title, Theme::FOCUS)], true);
    let inner = block.inner(area);
    block.render(area, buf);
    if screen.rows.is_empty() {
        let msg = match screen.kind {
            ScreenKind::Errors => "Every file loaded without errors.",
            ScreenKind::Timeline => "No timeline entries match the filters.",
            ScreenKind::Dossier(_) => "Nothing about this actor.",
        };
        buf.set_stringn(inner.x + 1, inner.y, msg, inner.width as usize, Theme::DIM);
        return;
    }
    let q = app.search.query.to_lowercase();
    // Only the rows in view are built: the library timeline can hold many thousands.
    let heights: Vec<usize> = screen.rows.iter().map(|r| row_height(app, r)).collect();
    let offset = list_offset(&heights, screen.cursor, inner.height as usize);
    let end = (offset + inner.height as usize).min(screen.rows.len());
    let width = inner.width.saturating_sub(1) as usize;
    let window = &screen.rows[offset..end];
    // One date column for the entries in view, so a time of day never breaks the line.
    let dates = window.iter().filter_map(|r| match r {
        ScreenRow::Item(Item::Entry(b, i)) => {
            let e = &app.library.briefings[*b].timeline[*i];
            Some((&e.date, e.approximate))
        }
        _ => None,
    });
    let col = DateColumn::fitting(dates, width);
    let rows: Vec<Vec<Line>> = window
        .iter()
        .map(|r| row_lines(app, r, &q, col, width))
        .collect();
    render_rows(&rows, 0, screen.cursor.checked_sub(offset), inner, buf);
}

/// Lines a row takes, without building it: a quote two, a failed file one per problem.
fn row_height(app: &App, row: &ScreenRow) -> usize {
    match row {
        ScreenRow::Item(Item::Quote(..)) => 2,
        ScreenRow::Item(Item::Failed(f)) => {
            1 + app.library.failed.get(*f).map_or(0, |x| x.problems.len())
        }
        _ => 1,
    }
}

fn row_lines<'a>(
    app: &'a App,
    row: &'a ScreenRow,
    q: &str,
    col: DateColumn,
    width: usize,
) -> Vec<Line<'a>> {
    let lib = &app.library;
    match row {
        ScreenRow::Heading(h) => vec![Line::from(Span::styled(h.as_str(), Theme::LABEL))],
        ScreenRow::Item(item) => match *item {
            Item::Actor(b, i) => {
                let br = &lib.briefings[b];
                let a = &br.actors[i];
                let mut spans = vec![
                    Span::styled(format!("{:<12}", br.date.human()), Theme::DATE),
                    Span::styled(br.title.shown(), Theme::TITLE),
                    Span::styled(" \u{2014} as ", Theme::DIM),
                    Span::styled(a.name.shown(), Theme::ACTOR),
                ];
                if let Some(r) = &a.role {
                    spans.push(Span::styled(format!(", {}", r.shown()), Theme::TEXT));
                }
                if !a.aliases.is_empty() {
                    let al: Vec<&str> = a.aliases.iter().map(|t| t.shown()).collect();
                    spans.push(Span::styled(
                        format!(" (aka {})", al.join(", ")),
                        Theme::DIM,
                    ));
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
                )]
            }
            Item::Quote(b, i) => {
                let br = &lib.briefings[b];
                quote_lines(br, i, q, Some(br.title.shown()), width)
            }
            Item::Implication(b, i) => {
                let br = &lib.briefings[b];
                vec![implication_line(br, i, q, Some(br.title.shown()), width)]
            }
            Item::Failed(f) => {
                let Some(file) = lib.failed.get(f) else {
                    return vec![];
                };
                let mut lines = vec![Line::from(Span::styled(
                    crate::text::clean_line(&file.path.display().to_string()).into_owned(),
                    Theme::ERROR,
                ))];
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
                Some(d) => vec![Line::from(Span::styled(d.to_string(), Theme::TEXT))],
                None => vec![],
            },
            Item::Briefing(_) | Item::Event(_) => vec![Line::from("")],
        },
    }
}
