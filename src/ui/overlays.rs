//! The help overlay (drawn from the key table) and the actor and tag pickers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::Drawing;
use super::parts::{centered, first_row, highlight, render_rows};
use super::theme::Theme;
use super::wrap::wrap;
use crate::app::{Action, Picker, PickerKind};
use crate::keymap::{Keymap, Scope};

/// The keys in force, one section per scope.
fn help_lines(keys: &Keymap, t: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for scope in Scope::ALL {
        let name = scope.describe();
        let rows = keys.help_rows(scope);
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(name, t.label)));
        for (keys, help) in rows {
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<22}"), t.key),
                Span::raw(help),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        "Mouse: --mouse, or mouse = true in the configuration.",
        t.dim,
    )));
    out
}

pub fn render_help(v: &Drawing, scroll: usize, term: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    let lines = help_lines(v.keys, t);
    let area = centered(term, 64, term.height.saturating_sub(2));
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(t.focus)
        .title(Span::styled(" Help: keys ", t.focus))
        .title_bottom(Line::from(vec![
            Span::styled(format!(" {}", v.key(Action::Back, Scope::Global)), t.key),
            Span::styled(" close  ", t.dim),
            Span::styled(v.pair(Action::Down, Action::Up, Scope::Move), t.key),
            Span::styled(" scroll ", t.dim),
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

pub fn render_picker(v: &Drawing, p: &Picker, term: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    let area = centered(term, 70, term.height.saturating_sub(4).max(8));
    Clear.render(area, buf);
    let title = match p.kind {
        PickerKind::Actors => " Filter by actor ",
        PickerKind::Tags => " Filter by tag ",
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(t.focus)
        .title(Span::styled(title, t.focus))
        .title_bottom(Line::from(vec![
            Span::styled(format!(" {}", v.key(Action::Toggle, Scope::Picker)), t.key),
            Span::styled(" select  ", t.dim),
            Span::styled(v.key(Action::Apply, Scope::Picker), t.key),
            Span::styled(" apply  ", t.dim),
            Span::styled(v.key(Action::Back, Scope::Picker), t.key),
            Span::styled(" cancel ", t.dim),
        ]));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 {
        return;
    }
    let prompt = Line::from(vec![
        Span::styled("> ", t.key),
        Span::raw(crate::text::clean_line(p.query.text()).into_owned()),
        Span::styled("\u{2581}", t.key),
        Span::styled(
            format!(
                "   {} of {}, {} selected",
                p.shown.len(),
                p.choices.len(),
                p.chosen.len()
            ),
            t.dim,
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
        buf.set_stringn(list.x + 2, list.y, what, list.width as usize, t.dim);
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
                Span::styled("[x] ", t.chosen)
            } else {
                Span::styled("[ ] ", t.dim)
            }];
            spans.extend(highlight(
                label,
                q,
                if chosen { t.chosen } else { t.text },
                t,
            ));
            if !detail.is_empty() {
                spans.push(Span::styled(format!("  {detail}"), t.dim));
            }
            vec![Line::from(spans)]
        })
        .collect();
    render_rows(&rows, 0, p.cursor.checked_sub(first), true, t, list, buf);
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
pub fn render_confirm(v: &Drawing, url: &str, term: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    let open = v.keys.keys_of(Action::Apply, Scope::Confirm).join(" or ");
    let (area, lines, fits) = confirm_layout(url, term);
    // It is opened only once the user has been able to read all of it.
    app.view().record_address(url, fits);
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(t.focus)
        .title(Span::styled(" Open in the browser? ", t.focus))
        .title_bottom(Line::from(vec![
            Span::styled(format!(" {open}"), t.key),
            Span::styled(" open  ", t.dim),
            Span::styled("any other key", t.key),
            Span::styled(" cancel ", t.dim),
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
    put(Line::from(Span::styled(head, t.label)), buf);
    put(Line::default(), buf);
    for l in lines {
        put(Line::from(Span::styled(l, t.title)), buf);
    }
    put(Line::default(), buf);
    put(
        Line::from(Span::styled(
            format!("Press {open} to open it, any other key to cancel."),
            t.dim,
        )),
        buf,
    );
}
