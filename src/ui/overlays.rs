//! The help overlay (drawn from the key table) and the actor and tag pickers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::parts::{centered, first_row, highlight, render_rows};
use super::theme::Theme;
use super::wrap::wrap;
use crate::app::{App, Picker, PickerKind};
use crate::keymap::{self, Scope};

const SECTIONS: [(Scope, &str); 7] = [
    (Scope::Global, "Everywhere"),
    (Scope::Move, "Moving"),
    (Scope::Reader, "Reader panes"),
    (Scope::Screen, "Dossier, library timeline, errors"),
    (Scope::Picker, "Actor and tag pickers"),
    (Scope::Search, "Typing a search"),
    (Scope::Confirm, "Asked to open a source"),
];

fn help_lines() -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (scope, name) in SECTIONS {
        let rows = keymap::help_rows(scope);
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(name, Theme::LABEL)));
        for (keys, help) in rows {
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<22}"), Theme::KEY),
                Span::raw(help),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        "Mouse: start with --mouse (click to select, wheel to scroll).",
        Theme::DIM,
    )));
    out
}

pub fn render_help(app: &App, scroll: usize, term: Rect, buf: &mut Buffer) {
    let lines = help_lines();
    let area = centered(term, 64, term.height.saturating_sub(2));
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(Theme::FOCUS)
        .title(Span::styled(" Help: keys ", Theme::FOCUS))
        .title_bottom(Line::from(vec![
            Span::styled(" Esc", Theme::KEY),
            Span::styled(" close  ", Theme::DIM),
            Span::styled("j/k", Theme::KEY),
            Span::styled(" scroll ", Theme::DIM),
        ]));
    let inner = block.inner(area);
    block.render(area, buf);
    app.view()
        .popup()
        .record_text(area, inner.height as usize, lines.len());
    let top = scroll.min(lines.len().saturating_sub(1));
    for (i, l) in lines
        .iter()
        .skip(top)
        .take(inner.height as usize)
        .enumerate()
    {
        buf.set_line(
            inner.x + 1,
            inner.y + i as u16,
            l,
            inner.width.saturating_sub(1),
        );
    }
}

pub fn render_picker(app: &App, p: &Picker, term: Rect, buf: &mut Buffer) {
    let area = centered(term, 70, term.height.saturating_sub(4).max(8));
    Clear.render(area, buf);
    let title = match p.kind {
        PickerKind::Actors => " Filter by actor ",
        PickerKind::Tags => " Filter by tag ",
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(Theme::FOCUS)
        .title(Span::styled(title, Theme::FOCUS))
        .title_bottom(Line::from(vec![
            Span::styled(" Space", Theme::KEY),
            Span::styled(" select  ", Theme::DIM),
            Span::styled("Enter", Theme::KEY),
            Span::styled(" apply  ", Theme::DIM),
            Span::styled("Esc", Theme::KEY),
            Span::styled(" cancel ", Theme::DIM),
        ]));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 {
        return;
    }
    let prompt = Line::from(vec![
        Span::styled("> ", Theme::KEY),
        Span::raw(crate::text::clean_line(p.query.text()).into_owned()),
        Span::styled("\u{2581}", Theme::KEY),
        Span::styled(
            format!(
                "   {} of {}, {} selected",
                p.shown.len(),
                p.choices.len(),
                p.chosen.len()
            ),
            Theme::DIM,
        ),
    ]);
    buf.set_line(inner.x + 1, inner.y, &prompt, inner.width.saturating_sub(1));
    let list = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
    if p.shown.is_empty() {
        let what = if p.kind == PickerKind::Actors {
            "No actor has that name or alias"
        } else {
            "No tag matches"
        };
        buf.set_stringn(list.x + 2, list.y, what, list.width as usize, Theme::DIM);
        return;
    }
    let q = p.query.lower();
    let height = list.height as usize;
    let scroll = app.view().popup();
    let first = first_row(scroll.first(), p.cursor, height, p.shown.len(), |_| 1);
    scroll.record_list(area, first, height, 1);
    // Only the rows in view are built: a library can know thousands of actors.
    let end = (first + height).min(p.shown.len());
    let rows: Vec<Vec<Line>> = p.shown[first..end]
        .iter()
        .map(|&i| {
            let (label, detail) = &p.choices[i];
            let chosen = p.chosen.contains(&i);
            let mut spans = vec![if chosen {
                Span::styled("[x] ", Theme::CHOSEN)
            } else {
                Span::styled("[ ] ", Theme::DIM)
            }];
            spans.extend(highlight(
                label,
                q,
                if chosen { Theme::CHOSEN } else { Theme::TEXT },
            ));
            if !detail.is_empty() {
                spans.push(Span::styled(format!("  {detail}"), Theme::DIM));
            }
            vec![Line::from(spans)]
        })
        .collect();
    render_rows(&rows, 0, p.cursor.checked_sub(first), list, buf);
}

/// The confirmation box for an address: where it goes, the address wrapped to fit,
/// and whether all of it fits on screen.
fn confirm_layout(url: &str, term: Rect) -> (Rect, Vec<String>, bool) {
    let width = term.width.saturating_sub(4).clamp(20, 76);
    let text_width = width.saturating_sub(4) as usize;
    let url = crate::text::clean_line(url);
    let lines = wrap(&url, text_width.max(1));
    // Borders, a line above the address, a blank line on each side of it, and the
    // line saying which key does what.
    let wanted = lines.len() as u16 + 6;
    let area = centered(term, width, wanted.min(term.height));
    let fits = wanted <= term.height && width <= term.width;
    (area, lines, fits)
}

/// `o`: the whole address, wrapped to fit, and the one key that opens it.
pub fn render_confirm(app: &App, url: &str, term: Rect, buf: &mut Buffer) {
    let (area, lines, fits) = confirm_layout(url, term);
    // It is opened only once the user has been able to read all of it.
    app.view().record_address(url, fits);
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(Theme::FOCUS)
        .title(Span::styled(" Open in the browser? ", Theme::FOCUS))
        .title_bottom(Line::from(vec![
            Span::styled(" y", Theme::KEY),
            Span::styled(" or ", Theme::DIM),
            Span::styled("Enter", Theme::KEY),
            Span::styled(" open  ", Theme::DIM),
            Span::styled("any other key", Theme::KEY),
            Span::styled(" cancel ", Theme::DIM),
        ]));
    let inner = block.inner(area);
    block.render(area, buf);
    let mut y = inner.y;
    let mut put = |line: Line, buf: &mut Buffer| {
        if y < inner.bottom() {
            buf.set_line(inner.x + 1, y, &line, inner.width.saturating_sub(1));
            y += 1;
        }
    };
    let head = if fits {
        "This address will be opened:"
    } else {
        "Enlarge the window to read the whole address:"
    };
    put(Line::from(Span::styled(head, Theme::LABEL)), buf);
    put(Line::default(), buf);
    for l in lines {
        put(Line::from(Span::styled(l, Theme::TITLE)), buf);
    }
    put(Line::default(), buf);
    put(
        Line::from(Span::styled(
            "Press y or Enter to open it, any other key to cancel.",
            Theme::DIM,
        )),
        buf,
    );
}
