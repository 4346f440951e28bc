//! The bars around the panes: the title bar on top, the status bar and the hint bar
//! below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Drawing;
use crate::app::{Action, App, Mode};
use crate::keymap::Scope;

pub fn render_title(v: &Drawing, area: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    buf.set_style(area, t.bar);
    let mut spans = vec![Span::styled(" brief ", t.key)];
    if let Some(br) = app.briefing() {
        spans.push(Span::styled("\u{2502} ", t.dim));
        if let Some(c) = &br.classification {
            spans.push(Span::styled(format!(" {} ", c.shown()), t.marking));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(br.title.shown(), t.title));
        spans.push(Span::styled(format!("  {}", br.date.human()), t.date));
    }
    let right = if app.shows_list() {
        let n = app.shown().briefings.len();
        let at = app
            .current()
            .and_then(|c| app.shown().briefings.iter().position(|&b| b == c));
        match at {
            Some(i) => format!(" {} of {} ", i + 1, n),
            None => format!(" {n} briefings "),
        }
    } else {
        String::new()
    };
    let rw = right.chars().count() as u16;
    buf.set_line(
        area.x,
        area.y,
        &Line::from(spans),
        area.width.saturating_sub(rw),
    );
    if rw > 0 && area.width > rw + 10 {
        buf.set_stringn(area.right() - rw, area.y, &right, rw as usize, t.dim);
    }
}

pub fn render_status(v: &Drawing, area: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    buf.set_style(area, t.bar);
    let mut spans: Vec<Span> = Vec::new();
    if app.search().editing {
        spans.push(Span::styled("/", t.key));
        spans.push(Span::raw(
            crate::text::clean_line(app.filters().query.text()).into_owned(),
        ));
        spans.push(Span::styled("\u{2581}", t.key));
        spans.push(Span::styled(format!("  {}", match_counter(app)), t.dim));
    } else {
        if let Some(p) = app.loading() {
            spans.push(Span::styled(
                format!("Loading {} / {} ", thousands(p.done), thousands(p.total)),
                t.key,
            ));
            let w = 12usize;
            let filled = (p.done * w).checked_div(p.total).unwrap_or(0).min(w);
            spans.push(Span::styled(
                format!(
                    "{}{} ",
                    "\u{2588}".repeat(filled),
                    "\u{2591}".repeat(w - filled)
                ),
                t.key,
            ));
        }
        if let Some(n) = app.notice_with_keys() {
            spans.push(Span::styled(n.show(|a| v.any_key(a)), t.title));
            spans.push(Span::raw("  "));
        }
        if let Some(f) = app.filter_summary() {
            spans.push(Span::styled(f, t.chosen));
            spans.push(Span::raw("  "));
        }
        if !app.filters().tags.is_empty() {
            let tags: Vec<&str> = app.filters().tags.iter().map(String::as_str).collect();
            spans.push(Span::styled(
                format!("Tags: {}  ", tags.join(", ")),
                t.chosen,
            ));
        }
        if app.searching() {
            spans.push(Span::styled(
                format!("/{}", crate::text::clean_line(app.filters().query.text())),
                t.key,
            ));
            spans.push(Span::raw(format!(" {}", match_counter(app))));
        }
        if spans.is_empty() {
            spans.push(Span::styled(at_a_glance(app), t.dim));
        }
    }
    let (n, w) = (app.library().failed.len(), app.library().warning_count());
    let e = v.key(Action::Errors, Scope::Global);
    let right = match (n, w) {
        (0, 0) => String::new(),
        (n, 0) => format!(" {n} file{} with errors ({e}) ", plural(n)),
        (0, w) => format!(" {w} warning{} ({e}) ", plural(w)),
        (n, w) => format!(
            " {n} file{} with errors, {w} warning{} ({e}) ",
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
        buf.set_stringn(area.right() - rw, area.y, &right, rw as usize, t.error);
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
            thousands(app.library().briefings.len()),
            app.sort().label()
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
    let n = app.search().matches.len();
    if !app.searching() {
        return String::new();
    }
    let briefings = if app.shows_list() {
        let m = app.shown().match_counts.len();
        format!(" \u{00b7} {m} briefing{}", if m == 1 { "" } else { "s" })
    } else {
        String::new()
    };
    match (n, app.search().current) {
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
pub fn render_hints(v: &Drawing, area: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
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
        let Some(key) = v.keys.first_key(*action, *scope) else {
            continue;
        };
        // A pair of opposite moves shares one hint: `j/k`, `[/]`.
        let partner = match action {
            Action::Down => v.keys.first_key(Action::Up, *scope),
            Action::NextBriefing => v.keys.first_key(Action::PrevBriefing, *scope),
            _ => None,
        };
        let key = match partner {
            Some(p) if *action == Action::NextBriefing => format!("{p}/{key}"),
            Some(p) => format!("{key}/{p}"),
            None => key,
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
        spans.push(Span::styled(h.0.clone(), t.key));
        spans.push(Span::styled(format!(" {}  ", h.1), t.dim));
    }
    buf.set_line(
        area.x + 1,
        area.y,
        &Line::from(spans),
        area.width.saturating_sub(1),
    );
}
