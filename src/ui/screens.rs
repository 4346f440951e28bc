//! Full-screen lists: an actor's dossier, the library timeline, files with errors.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::panes::{implication_line, quote_lines, timeline_line};
use super::theme::Theme;
use super::{View, list_offset, pane_block, render_rows};
use crate::app::{App, Item, Screen, ScreenKind, ScreenRow, TimelineRow};

pub fn render(v: &View, screen: &Screen, area: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    let title = match screen.kind {
        ScreenKind::Dossier(a) => {
            let la = app.library.actors.get(a);
            let mut title = format!("Dossier: {}", la.map_or("", |l| l.name.as_str()));
            if let Some(l) = la.filter(|l| !l.aliases.is_empty()) {
                title.push_str(&format!(" (aka {})", l.aliases.join(", ")));
            }
            title
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
    let block = pane_block(vec![Span::styled(title, t.focus)], true, t);
    let inner = block.inner(area);
    block.render(area, buf);
    if screen.rows.is_empty() {
        let msg = match screen.kind {
            ScreenKind::Errors => "Every file loaded without errors.",
            ScreenKind::Timeline => "No timeline entries match the filters.",
            ScreenKind::Dossier(_) => "Nothing about this actor.",
        };
        buf.set_stringn(inner.x + 1, inner.y, msg, inner.width as usize, t.dim);
        return;
    }
    let q = app.search.query.to_lowercase();
    // Only the rows in view are built: the library timeline can hold many thousands.
    let heights: Vec<usize> = screen.rows.iter().map(|r| row_height(app, r)).collect();
    let offset = list_offset(&heights, screen.cursor, inner.height as usize);
    let end = (offset + inner.height as usize).min(screen.rows.len());
    let rows: Vec<Vec<Line>> = screen.rows[offset..end]
        .iter()
        .map(|r| row_lines(app, r, &q, t))
        .collect();
    render_rows(
        &rows,
        0,
        screen.cursor.checked_sub(offset),
        true,
        t,
        inner,
        buf,
    );
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

fn row_lines<'a>(app: &'a App, row: &'a ScreenRow, q: &str, t: &Theme) -> Vec<Line<'a>> {
    let lib = &app.library;
    match row {
        ScreenRow::Heading(h) => vec![Line::from(Span::styled(h.as_str(), t.label))],
        ScreenRow::Item(item) => match *item {
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
                    let al: Vec<&str> = a.aliases.iter().map(|x| x.shown()).collect();
                    spans.push(Span::styled(format!(" (aka {})", al.join(", ")), t.dim));
                }
                vec![Line::from(spans)]
            }
            Item::Entry(b, i) => vec![timeline_line(
                &lib.briefings[b],
                TimelineRow::Entry(i),
                q,
                true,
                t,
            )],
            Item::Quote(b, i) => {
                let br = &lib.briefings[b];
                quote_lines(br, i, q, Some(br.title.shown()), t)
            }
            Item::Implication(b, i) => {
                let br = &lib.briefings[b];
                vec![implication_line(br, i, q, Some(br.title.shown()), t)]
            }
            Item::Failed(f) => {
                let Some(file) = lib.failed.get(f) else {
                    return vec![];
                };
                let mut lines = vec![Line::from(Span::styled(
                    crate::text::clean_line(&file.path.display().to_string()).into_owned(),
                    t.error,
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
                Some(d) => vec![Line::from(Span::styled(d.to_string(), t.text))],
                None => vec![],
            },
            Item::Briefing(_) | Item::Event(_) => vec![Line::from("")],
        },
    }
}
