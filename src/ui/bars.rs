//! The bars around the panes: the title bar on top, the status bar and the hint bar
//! below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::{Action, App, Mode};
use crate::keymap::{self, Scope};

pub fn render_title(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, Theme::BAR);
    let mut spans = vec![Span::styled(" brief ", Theme::KEY)];
    if let Some(br) = app.briefing() {
        spans.push(Span::styled("\u{2502} ", Theme::DIM));
        if let Some(c) = &br.classification {
            spans.push(Span::styled(format!(" {} ", c.shown()), Theme::MARKING));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(br.title.shown(), Theme::TITLE));
        spans.push(Span::styled(format!("  {}", br.date.human()), Theme::DATE));
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
        buf.set_stringn(area.right() - rw, area.y, &right, rw as usize, Theme::DIM);
    }
}

pub fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, Theme::BAR);
    let mut spans: Vec<Span> = Vec::new();
    if app.search().editing {
        spans.push(Span::styled("/", Theme::KEY));
        spans.push(Span::raw(
            crate::text::clean_line(app.filters().query.text()).into_owned(),
        ));
        spans.push(Span::styled("\u{2581}", Theme::KEY));
        spans.push(Span::styled(
            format!("  {}", match_counter(app)),
            Theme::DIM,
        ));
    } else {
        if let Some(p) = app.loading() {
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
        if let Some(n) = app.notice() {
            spans.push(Span::styled(n.to_string(), Theme::TITLE));
            spans.push(Span::raw("  "));
        }
        if let Some(f) = app.filter_summary() {
            spans.push(Span::styled(f, Theme::CHOSEN));
            spans.push(Span::raw("  "));
        }
        if !app.filters().tags.is_empty() {
            let tags: Vec<&str> = app.filters().tags.iter().map(String::as_str).collect();
            spans.push(Span::styled(
                format!("Tags: {}  ", tags.join(", ")),
                Theme::CHOSEN,
            ));
        }
        if app.searching() {
            spans.push(Span::styled(
                format!("/{}", crate::text::clean_line(app.filters().query.text())),
                Theme::KEY,
            ));
            spans.push(Span::raw(format!(" {}", match_counter(app))));
        }
        if spans.is_empty() {
            spans.push(Span::styled(at_a_glance(app), Theme::DIM));
        }
    }
    let (n, w) = (app.library().failed.len(), app.library().warning_count());
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
