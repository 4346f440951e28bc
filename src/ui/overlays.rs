//! The help overlay (drawn from the key table) and the actor and tag pickers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use unicode_width::UnicodeWidthStr;

use super::Drawing;
use super::parts::{
    border_title, centered, clear_popup, first_row, highlight, put_fitted, render_rows,
};
use super::theme::Theme;
use super::wrap::{fit, wrap};
use crate::app::{Action, Mode, Picker, PickerKind};
use crate::keymap::{Keymap, Scope};

/// What a scope is called in the help.
fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Global => "Everywhere",
        Scope::Browse => "Filters, search and other views",
        Scope::Move => "Moving",
        Scope::Reader => "In the panes",
        Scope::Screen => "In this list",
        Scope::Detail => "In this view",
        Scope::Picker => "In the picker",
        Scope::Search => "Typing a search",
        Scope::Confirm => "Asked to open a source",
    }
}

/// The help for the view under it: that view's keys first, then the others that work
/// there, all from the key table.
fn help_lines(context: Mode, keys: &Keymap, t: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let sections = keys.help(context);
    let key_w = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| k.width()))
        .max()
        .unwrap_or(0)
        + 2;
    for (scope, rows) in sections {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(scope_name(scope), t.label)));
        for (keys, help) in rows {
            let pad = key_w.saturating_sub(keys.width());
            out.push(Line::from(vec![
                Span::styled(format!("  {keys}{}", " ".repeat(pad)), t.key),
                Span::raw(help),
            ]));
        }
    }
    if matches!(context, Mode::Reader | Mode::Screen) {
        out.push(Line::from(Span::styled(
            "Mouse: start with --mouse (click to select, wheel to scroll).",
            t.dim,
        )));
    }
    out
}

/// The help takes the body of the screen, as a detail does.
pub fn render_help(v: &Drawing, scroll: usize, body: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    let context = app.help_context();
    let lines = help_lines(context, v.keys, t);
    Clear.render(body, buf);
    let inner_h = body.height.saturating_sub(2) as usize;
    app.view().popup().record_text(body, inner_h, lines.len());
    let top = scroll.min(lines.len().saturating_sub(inner_h));
    let more = if lines.len() > inner_h {
        format!(
            " {}-{} of {} ",
            top + 1,
            (top + inner_h).min(lines.len()),
            lines.len()
        )
    } else {
        String::new()
    };
    let what = match context {
        Mode::Detail => "this view",
        Mode::Screen => "this list",
        Mode::Picker => "the picker",
        Mode::Search => "the search",
        Mode::Confirm => "the question",
        Mode::Reader | Mode::Help => "the panes",
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(t.focus)
        .title(border_title(
            Span::styled(format!(" Help: keys for {what} "), t.focus),
            body.width,
        ))
        .title_bottom(border_title(
            Line::from(Span::styled(more, t.dim)).right_aligned(),
            body.width,
        ));
    let inner = block.inner(body);
    block.render(body, buf);
    for (i, l) in lines.iter().skip(top).take(inner_h).enumerate() {
        let l = fit(l, inner.width.saturating_sub(1) as usize);
        buf.set_line(
            inner.x + 1,
            inner.y + i as u16,
            &l,
            inner.width.saturating_sub(1),
        );
    }
}

/// Where a picker goes on a terminal of this size.
pub fn picker_area(term: Rect) -> Rect {
    centered(term, 72, term.height.saturating_sub(4).max(8))
}

pub fn render_picker(v: &Drawing, p: &Picker, term: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    let area = picker_area(term);
    clear_popup(area, buf);
    let (title, apply) = match p.kind {
        PickerKind::Actors => (" Filter by actor ", " apply  "),
        PickerKind::Tags => (" Filter by tag ", " apply  "),
        PickerKind::Dossier => (" Dossier of which actor? ", " open  "),
    };
    let mut keys = Vec::new();
    if p.kind != PickerKind::Dossier {
        keys.push(Span::styled(
            format!(" {}", v.key(Action::Toggle, Scope::Picker)),
            t.key,
        ));
        keys.push(Span::styled(" mark  ", t.dim));
    }
    keys.extend([
        Span::styled(format!(" {}", v.key(Action::Apply, Scope::Picker)), t.key),
        Span::styled(apply, t.dim),
        Span::styled(v.key(Action::Back, Scope::Picker), t.key),
        Span::styled(" cancel ", t.dim),
    ]);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(t.focus)
        .title(border_title(Span::styled(title, t.focus), area.width))
        .title_bottom(border_title(keys, area.width));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 {
        return;
    }
    let width = inner.width.saturating_sub(1) as usize;
    let mut count = format!("{} of {}", p.shown.len(), p.choices.len());
    if !p.chosen.is_empty() {
        count.push_str(&format!(", {} marked", p.chosen.len()));
    }
    let prompt = Line::from(vec![
        Span::styled("> ", t.key),
        Span::raw(crate::text::clean_line(p.query.text()).into_owned()),
        Span::styled("\u{2581}", t.key),
        Span::styled(format!("   {count}"), t.dim),
    ]);
    buf.set_line(inner.x + 1, inner.y, &fit(&prompt, width), width as u16);
    let list = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
    if p.shown.is_empty() {
        let what = match p.kind {
            PickerKind::Tags => "No tag matches what is typed",
            _ => "No actor has that name, alias or id",
        };
        put_fitted(
            buf,
            list.x + 2,
            list.y,
            what,
            width.saturating_sub(1),
            t.dim,
        );
        return;
    }
    let q = p.query.lower().trim();
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
                Span::styled("\u{25cf} ", t.chosen)
            } else {
                Span::styled("  ", t.dim)
            }];
            spans.extend(highlight(
                label,
                q,
                if chosen { t.chosen } else { t.text },
                t,
            ));
            // Why a row is listed when its name does not say: the alias or id typed.
            match &p.why[i] {
                Some(why) if !why.is_empty() => {
                    spans.push(Span::styled("  ", t.dim));
                    spans.push(Span::styled(why.clone(), t.key));
                }
                Some(_) => {}
                None => spans.push(Span::styled("  (marked)", t.dim)),
            }
            if !detail.is_empty() {
                spans.push(Span::styled(format!("  {detail}"), t.dim));
            }
            vec![fit(&Line::from(spans), width)]
        })
        .collect();
    render_rows(&rows, 0, p.cursor.checked_sub(first), true, t, list, buf);
}

/// Where the confirmation for an address goes.
pub fn confirm_area(url: &str, term: Rect) -> Rect {
    confirm_layout(url, term).0
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
    clear_popup(area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(t.focus)
        .title(border_title(
            Span::styled(" Open in the browser? ", t.focus),
            area.width,
        ))
        .title_bottom(border_title(
            vec![
                Span::styled(format!(" {open}"), t.key),
                Span::styled(" open  ", t.dim),
                Span::styled("any other key", t.key),
                Span::styled(" cancel ", t.dim),
            ],
            area.width,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let mut y = inner.y;
    // The address is wrapped to fit; a narrow window cuts the other lines with `…`.
    let mut put = |line: Line, buf: &mut Buffer| {
        if y < inner.bottom() {
            let line = fit(&line, inner.width.saturating_sub(1) as usize);
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
