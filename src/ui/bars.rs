//! The title bar, the status line and the hint bar.
//!
//! Each bar is made of pieces kept whole or left out whole (a notice or a list of
//! names may be cut, and then only after a word), so no bar ends mid-word.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Drawing;
use super::theme::Theme;
use super::wrap::ELLIPSIS;
use crate::app::{Action, App, ListOf, Mode, Overlay, Pane};
use crate::keymap::Scope;
use crate::library::TimelineRow;

/// A piece of a bar.
struct Piece {
    text: String,
    style: Style,
    /// Lower goes in first when room is short.
    rank: u8,
    /// May be cut after a word (with `…`) instead of left out.
    cuttable: bool,
}

fn piece(text: impl Into<String>, style: Style, rank: u8) -> Piece {
    Piece {
        text: text.into(),
        style,
        rank,
        cuttable: false,
    }
}

fn cuttable(text: impl Into<String>, style: Style, rank: u8) -> Piece {
    Piece {
        cuttable: true,
        ..piece(text, style, rank)
    }
}

/// A run of letters longer than this is no word a reader reads whole (a web address,
/// a file path): it may be cut inside, where a word never is.
const LONGEST_WORD: usize = 24;

/// `text` cut after its last whole word that fits in `width` with `…`; empty when
/// not even one word fits. A web address or path is cut inside instead of left out.
pub fn cut_at_word(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let sep = usize::from(!out.is_empty());
        let room = width.saturating_sub(out.width() + sep + ELLIPSIS.width());
        if word.width() > room {
            if word.width() > LONGEST_WORD && room >= 8 {
                let cut = super::wrap::fit(&Line::from(word), room + 1);
                let part: String = cut.spans.iter().map(|s| s.content.as_ref()).collect();
                if sep == 1 {
                    out.push(' ');
                }
                out.push_str(part.trim_end_matches(ELLIPSIS));
            }
            break;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(word);
    }
    let out = out.trim_end_matches([',', ' ', ';', ':', '\u{00b7}', '\u{2014}']);
    if out.is_empty() {
        String::new()
    } else {
        format!("{out}{ELLIPSIS}")
    }
}

/// The pieces that fit in `width`, best rank first, shown in their own order and
/// separated by `sep`.
fn arrange(pieces: Vec<Piece>, width: usize, sep: &str, t: &Theme) -> Line<'static> {
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by_key(|&i| pieces[i].rank);
    let mut kept: Vec<Option<String>> = vec![None; pieces.len()];
    let mut used = 0;
    for i in order {
        let p = &pieces[i];
        if p.text.is_empty() {
            continue;
        }
        let extra = if used == 0 { 0 } else { sep.width() };
        let room = width.saturating_sub(used + extra);
        let text = if p.text.width() <= room {
            p.text.clone()
        } else if p.cuttable {
            cut_at_word(&p.text, room)
        } else {
            String::new()
        };
        if !text.is_empty() {
            used += extra + text.width();
            kept[i] = Some(text);
        }
    }
    let mut spans = Vec::new();
    for (p, text) in pieces.iter().zip(kept) {
        if let Some(text) = text {
            if !spans.is_empty() {
                spans.push(Span::styled(sep.to_string(), t.dim));
            }
            spans.push(Span::styled(text, p.style));
        }
    }
    Line::from(spans)
}

/// The fewest columns a cut title keeps; the file name is cut in the middle first.
const TITLE_MIN: usize = 24;

/// The title bar at a width, always one line: the briefing's title, its marking and
/// date as room allows, its file (never left out: shortened to the file name, then cut
/// in the middle with `…`), and `2 of 4`. A title that does not fit is cut with `…`;
/// the Overview shows it in full.
pub fn title_line(app: &App, width: u16, t: &Theme) -> Line<'static> {
    let width = width as usize;
    let right = match app.current() {
        Some(c) if app.shows_list() => {
            app
            .shown()
            .briefings
            .iter()
            .position(|&b| b == c)
            .map(|i| format!("{} of {}", i + 1, app.shown().briefings.len()))
            .unwrap_or_else(|| format!("{} briefings", app.shown().briefings.len()))
            // Not a final count while the search still goes through the library.
            + if app.search_progress().is_some() { " so far" } else { "" }
        }
        _ => String::new(),
    };
    // What is new across the library, ahead of where the reader is in the list.
    let right = match app.news().totals() {
        (_, 0) => right,
        (_, n) if right.is_empty() => format!("{}{n} new", super::marks::NEW),
        (_, n) => format!("{}{n} new \u{00b7} {right}", super::marks::NEW),
    };
    let Some(br) = app.briefing() else {
        return Line::from(vec![
            Span::styled(" brief ", t.key),
            Span::styled(right, t.dim),
        ]);
    };
    let title = br.title.shown();
    // The last good version of a file that no longer loads says so before its title.
    let stale = app
        .current()
        .is_some_and(|b| app.library().is_stale(b))
        .then(|| format!("{} last good version", super::marks::STALE));
    let stale_w = stale.as_ref().map_or(0, |s| s.width() + 2);
    // A marking the title already says (`EXERCISE: ...`) is not said twice.
    let marking = br
        .classification
        .as_ref()
        .map(|c| format!(" {} ", c.shown()))
        .filter(|m| !title.to_lowercase().contains(&m.trim().to_lowercase()));
    let date = br.date.human();
    let place = app
        .current()
        .map(|b| app.library().place(b))
        .unwrap_or_default();
    let right_w = if right.is_empty() {
        0
    } else {
        right.width() + 2
    };
    // One space in front, one at the end.
    let room = width.saturating_sub(2 + right_w);
    const SEP: usize = 2;
    let marking = marking.unwrap_or_default();
    let name = file_name(&place).to_string();
    let with_sep = |s: &str| if s.is_empty() { 0 } else { s.width() + SEP };
    // The first of these that leaves the title whole: the date, then the marking
    // (both in the Overview) give way, then the file's folder.
    let tries = [
        (true, true, &place),
        (true, false, &place),
        (false, false, &place),
        (false, false, &name),
    ];
    let whole = tries.iter().find(|(m, d, p)| {
        let used = with_sep(p)
            + if *m { with_sep(&marking) } else { 0 }
            + if *d { with_sep(&date) } else { 0 };
        title.width() + stale_w + used <= room
    });
    let (keep_marking, keep_date, place) = match whole {
        Some((m, d, p)) => (*m, *d, p.to_string()),
        // The title is cut with `…`; the file keeps what the title's least leaves.
        None => (
            false,
            false,
            fit_place(&name, room.saturating_sub(TITLE_MIN + SEP).max(room / 2)),
        ),
    };
    let keep = [keep_marking && !marking.is_empty(), keep_date];
    let extras = [marking, date];
    let used = with_sep(&place)
        + extras
            .iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(e, _)| with_sep(e))
            .sum::<usize>();
    let title_room = room.saturating_sub(used + stale_w);
    let shown = super::wrap::fit(&Line::from(title.to_string()), title_room);
    let mut spans = vec![Span::raw(" ")];
    let sep = || Span::raw(" ".repeat(SEP));
    if let Some(s) = stale {
        spans.push(Span::styled(s, t.error));
        spans.push(sep());
    }
    if keep[0] {
        spans.push(Span::styled(extras[0].clone(), t.marking));
        spans.push(sep());
    }
    spans.extend(
        shown
            .spans
            .into_iter()
            .map(|s| Span::styled(s.content.into_owned(), t.title)),
    );
    if keep[1] {
        spans.push(sep());
        spans.push(Span::styled(extras[1].clone(), t.date));
    }
    if !place.is_empty() {
        spans.push(sep());
        spans.push(Span::styled(place, t.dim));
    }
    with_right(Line::from(spans), &right, width, t)
}

/// The file name at the end of a place.
fn file_name(place: &str) -> &str {
    place.rsplit(['/', '\\']).next().unwrap_or(place)
}

/// A file name in at most `width` columns: whole, else cut in the middle with `…`
/// (its start and its extension stay).
fn fit_place(name: &str, width: usize) -> String {
    if name.width() <= width {
        return name.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let keep = width - 1;
    let tail_w = keep / 2;
    let head_w = keep - tail_w;
    let mut head = String::new();
    let mut w = 0;
    for c in name.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > head_w {
            break;
        }
        w += cw;
        head.push(c);
    }
    let mut tail: Vec<char> = Vec::new();
    let mut w = 0;
    for c in name.chars().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > tail_w {
            break;
        }
        w += cw;
        tail.push(c);
    }
    tail.reverse();
    format!("{head}{ELLIPSIS}{}", tail.into_iter().collect::<String>())
}

/// `line` with `right` (dim) against the right edge.
fn with_right(mut line: Line<'static>, right: &str, width: usize, t: &Theme) -> Line<'static> {
    if right.is_empty() {
        return line;
    }
    let used = super::wrap::line_width(&line);
    let gap = width.saturating_sub(used + right.width() + 1);
    if gap >= 2 {
        line.spans.push(Span::raw(" ".repeat(gap)));
        line.spans.push(Span::styled(right.to_string(), t.dim));
    }
    line
}

pub fn render_title(v: &Drawing, area: Rect, buf: &mut Buffer) {
    let (app, t) = (v.app, v.theme);
    buf.set_style(area, t.bar);
    if area.height > 0 {
        let line = super::wrap::fit(&title_line(app, area.width, t), area.width as usize);
        buf.set_line(area.x, area.y, &line, area.width);
    }
}

/// The status line's text at a width, without the errors notice.
pub fn status_line(v: &Drawing, width: usize) -> Line<'static> {
    let (app, t) = (v.app, v.theme);
    if app.search().editing {
        let query = crate::text::clean_line(app.filters().query.text()).into_owned();
        let (mine, extra) = match_counter(app);
        let counter = std::iter::once(mine)
            .chain(extra)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        // The end of a long query stays in view, where the typing is.
        let room = width.saturating_sub(3 + counter.width() + 2).max(8);
        let shown = if query.width() > room {
            let skip = query.width() - room + 1;
            let mut cols = 0;
            let tail: String = query
                .chars()
                .skip_while(|c| {
                    cols += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                    cols <= skip
                })
                .collect();
            format!("{ELLIPSIS}{tail}")
        } else {
            query
        };
        let mut line = Line::from(vec![
            Span::styled("/", t.key),
            Span::raw(shown),
            Span::styled("\u{2581}", t.key),
        ]);
        if !counter.is_empty() && line_w(&line) + 2 + counter.width() <= width {
            line.spans.push(Span::styled(format!("  {counter}"), t.dim));
        }
        return line;
    }
    let mut pieces = Vec::new();
    // In a detail: where it stands in the list `J`/`K` go through.
    if let Some(Overlay::Detail {
        from: ListOf::Pane(pane),
        ..
    }) = app.overlay()
        && *pane != Pane::Overview
    {
        let len = app.pane_len(*pane);
        let at = app.cursor(*pane) + 1;
        pieces.push(piece(
            format!("{at} of {len} in {}", pane.title()),
            t.title,
            1,
        ));
    }
    if let Some(p) = app.loading() {
        let w = 12usize;
        let filled = (p.done * w).checked_div(p.total).unwrap_or(0).min(w);
        pieces.push(piece(
            format!(
                "Loading {} / {} {}{}",
                thousands(p.done),
                thousands(p.total),
                "\u{2588}".repeat(filled),
                "\u{2591}".repeat(w - filled)
            ),
            t.key,
            1,
        ));
    }
    if let Some(n) = app.notice_with_keys() {
        pieces.push(cuttable(n.show(|a| v.any_key(a)), t.title, 0));
    }
    let filtered =
        !app.filters().actors.is_empty() || !app.filters().tags.is_empty() || app.searching();
    if !app.filters().actors.is_empty() {
        let names: Vec<&str> = app
            .filters()
            .actors
            .iter()
            .filter_map(|&i| app.library().actors.get(i))
            .map(|a| a.name.as_str())
            .collect();
        let label = if names.len() == 1 { "Actor" } else { "Actors" };
        pieces.push(cuttable(
            format!("{label}: {}", names.join(", ")),
            t.chosen,
            2,
        ));
    }
    if !app.filters().tags.is_empty() {
        let tags: Vec<&str> = app.filters().tags.iter().map(String::as_str).collect();
        let label = if tags.len() == 1 { "Tag" } else { "Tags" };
        pieces.push(cuttable(
            format!("{label}: {}", tags.join(", ")),
            t.chosen,
            3,
        ));
    }
    if app.searching() {
        let query = crate::text::clean_line(app.filters().query.text()).into_owned();
        let (mine, extra) = match_counter(app);
        pieces.push(cuttable(format!("/{query} {mine}"), t.key, 4));
        for (i, e) in extra.into_iter().enumerate() {
            pieces.push(piece(e, t.dim, 6 + i as u8));
        }
    }
    if filtered && matches!(app.mode(), Mode::Reader | Mode::Screen | Mode::Picker) {
        let key = v.any_key(Action::ClearFilters);
        pieces.push(piece(format!("{key} clears"), t.key, 1));
        // The search and tags narrow only the list; actors narrow every pane.
        let mut c = counts(app, true);
        if app.filters().actors.is_empty() {
            c.truncate(usize::from(app.shows_list()));
        }
        for (i, c) in c.into_iter().enumerate() {
            pieces.push(piece(c, t.dim, 10 + i as u8));
        }
    } else if app.notice().is_none()
        && app.loading().is_none()
        && matches!(app.mode(), Mode::Reader | Mode::Screen)
    {
        for (i, c) in counts(app, false).into_iter().enumerate() {
            pieces.push(piece(c, t.dim, 10 + i as u8));
        }
    }
    arrange(pieces, width, " \u{00b7} ", t)
}

fn line_w(line: &Line) -> usize {
    super::wrap::line_width(line)
}

/// What is in view, in compact counts: `1/4 briefings`, `2/6 entries`, `11/23 quotes`
/// under a filter; `4 briefings, newest first`, `12 actors`, ... otherwise.
fn counts(app: &App, filtered: bool) -> Vec<String> {
    let mut out = Vec::new();
    // `(one, many)`: a count of one takes the singular.
    let count = |shown: usize, total: usize, (one, many): (&str, &str)| {
        if filtered && shown != total {
            format!("{shown}/{total} {many}")
        } else {
            let noun = if total == 1 { one } else { many };
            format!("{} {noun}", thousands(total))
        }
    };
    if app.shows_list() {
        let n = count(
            app.shown().briefings.len(),
            app.library().briefings.len(),
            ("briefing", "briefings"),
        );
        out.push(if filtered {
            n
        } else {
            format!("{n}, {}", app.sort().label())
        });
    }
    if let Some(b) = app.briefing() {
        if !filtered {
            out.push(count(b.actors.len(), b.actors.len(), ("actor", "actors")));
        }
        let entries = app
            .shown()
            .timeline
            .iter()
            .filter(|r| matches!(r, TimelineRow::Entry(_)))
            .count();
        out.push(count(entries, b.timeline.len(), ("entry", "entries")));
        out.push(count(
            app.shown().quotes.len(),
            b.quotes.len(),
            ("quote", "quotes"),
        ));
        out.push(count(
            app.shown().implications.len(),
            b.implications.len(),
            ("implication", "implications"),
        ));
    }
    out
}

/// The errors notice, kept in its own slot on the right: files that could not be read
/// and warnings about those that could.
fn errors_notice(v: &Drawing) -> String {
    let app = v.app;
    let (n, w) = (app.library().failed.len(), app.library().warning_count());
    let key = v.any_key(Action::Errors);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match (n, w) {
        (0, 0) => String::new(),
        (n, 0) => format!("{n} file{} with errors ({key})", plural(n)),
        (0, w) => format!("{w} warning{} ({key})", plural(w)),
        (n, w) => format!(
            "{n} file{} with errors, {w} warning{} ({key})",
            plural(n),
            plural(w)
        ),
    }
}

pub fn render_status(v: &Drawing, area: Rect, buf: &mut Buffer) {
    let t = v.theme;
    buf.set_style(area, t.bar);
    let errors = errors_notice(v);
    let ew = if errors.is_empty() {
        0
    } else {
        errors.width() + 2
    };
    // The errors notice keeps its slot unless the line would have no room left.
    let (errors, ew) = if ew + 20 > area.width as usize {
        (String::new(), 0)
    } else {
        (errors, ew)
    };
    let room = (area.width as usize).saturating_sub(ew + 2);
    let line = status_line(v, room);
    buf.set_line(area.x + 1, area.y, &line, room as u16);
    if ew > 0 {
        let x = area.right() - (ew as u16 - 1);
        buf.set_stringn(x, area.y, &errors, ew, t.error);
    }
}

/// Where the search stands: `2/5` in the focused pane (or `no match` said in full),
/// then how many more in the other panes and how many briefings match.
fn match_counter(app: &App) -> (String, Vec<String>) {
    if !app.searching() {
        return (String::new(), Vec::new());
    }
    let total = app.search().matches.len();
    let mut extra = Vec::new();
    // While the search goes through the library, what it found is not yet all there is.
    let progress = app.search_progress();
    if app.shows_list() && !app.shown().match_counts.is_empty() {
        let m = app.shown().match_counts.len();
        let so_far = if progress.is_some() { " so far" } else { "" };
        extra.push(format!(
            "{m} briefing{}{so_far}",
            if m == 1 { "" } else { "s" }
        ));
    }
    if let Some((done, of)) = progress {
        extra.push(format!(
            "searching\u{2026} {} of {}",
            thousands(done),
            thousands(of)
        ));
    }
    if total == 0 && progress.is_some() {
        return ("no match yet".to_string(), extra);
    }
    if total == 0 {
        let none = if app.shows_list() && app.shown().match_counts.is_empty() {
            "no match in any briefing"
        } else {
            "no match in this briefing"
        };
        return (none.to_string(), extra);
    }
    let here = app.matches_in(app.focus());
    let at = app
        .search()
        .current
        .and_then(|c| here.iter().position(|&i| i == c));
    let mine = match at {
        Some(k) => format!("{}/{}", k + 1, here.len()),
        None => format!("{} here", here.len()),
    };
    let others = total - here.len();
    if others > 0 {
        extra.insert(0, format!("{others} in other panes"));
    }
    (mine, extra)
}

pub fn thousands(n: usize) -> String {
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
            (Action::Open, Scope::Reader, "open"),
            (Action::Zoom, Scope::Reader, "zoom"),
            (Action::ActorPicker, Scope::Browse, "actors"),
            (Action::Search, Scope::Browse, "search"),
            (Action::NextBriefing, Scope::Reader, "briefing"),
            (Action::Copy, Scope::Global, "cite"),
            (Action::Help, Scope::Global, "help"),
            (Action::Leave, Scope::Reader, "quit"),
        ],
        Mode::Screen => &[
            (Action::Down, Scope::Move, "move"),
            (Action::Open, Scope::Screen, "go to"),
            (Action::Help, Scope::Global, "help"),
            (Action::Back, Scope::Global, "back"),
        ],
        Mode::Detail => &[
            (Action::Down, Scope::Move, "scroll"),
            (Action::NextItem, Scope::Detail, "next/previous"),
            (Action::PageDown, Scope::Move, "page"),
            (Action::Help, Scope::Global, "help"),
            (Action::Back, Scope::Global, "close"),
        ],
        Mode::Help => &[
            (Action::Down, Scope::Move, "scroll"),
            (Action::PageDown, Scope::Move, "page"),
            (Action::Back, Scope::Global, "close"),
        ],
        Mode::Picker => &[
            (Action::Toggle, Scope::Picker, "mark"),
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
    // Hints that do not fit are left out whole; the last two always stay.
    let mut pieces: Vec<(String, &str, u8)> = Vec::new();
    let n = list.len();
    for (i, (action, scope, label)) in list.iter().enumerate() {
        if *action == Action::NextBriefing && !app.shows_list() {
            continue;
        }
        let Some(key) = v.keys.first_key(*action, *scope) else {
            continue;
        };
        // A pair of opposite moves shares one hint: `j/k`, `[/]`, `J/K`.
        let partner = match action {
            Action::Down => v.keys.first_key(Action::Up, *scope),
            Action::NextBriefing => v.keys.first_key(Action::PrevBriefing, *scope),
            Action::NextItem => v.keys.first_key(Action::PrevItem, *scope),
            _ => None,
        };
        let key = match partner {
            Some(p) if *action == Action::NextBriefing => format!("{p}/{key}"),
            Some(p) => format!("{key}/{p}"),
            None => key,
        };
        let rank = if i + 2 >= n { 0 } else { 1 + i as u8 };
        pieces.push((key, label, rank));
    }
    if matches!(app.mode(), Mode::Picker) {
        pieces.insert(0, (String::new(), "type to narrow", 0));
    }
    let width = |h: &(String, &str, u8)| h.0.width() + h.1.width() + 1;
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by_key(|&i| pieces[i].2);
    let mut room = (area.width as usize).saturating_sub(1);
    let mut keep = vec![false; pieces.len()];
    for i in order {
        let w = width(&pieces[i]) + 2;
        if w <= room {
            room -= w;
            keep[i] = true;
        }
    }
    let mut spans = Vec::new();
    for (h, _) in pieces.iter().zip(&keep).filter(|(_, k)| **k) {
        if !h.0.is_empty() {
            spans.push(Span::styled(h.0.clone(), t.key));
            spans.push(Span::styled(format!(" {}  ", h.1), t.dim));
        } else {
            spans.push(Span::styled(format!("{}  ", h.1), t.dim));
        }
    }
    buf.set_line(
        area.x + 1,
        area.y,
        &Line::from(spans),
        area.width.saturating_sub(1),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_only_after_a_whole_word() {
        assert_eq!(cut_at_word("four implications", 12), "four\u{2026}");
        assert_eq!(cut_at_word("short", 12), "short");
        assert_eq!(cut_at_word("unbreakable", 5), "");
        // An address is no word: it is cut inside rather than left out.
        let url = "Opened https://example.org/a/very/long/path/to/a/page";
        assert_eq!(
            cut_at_word(url, 30),
            "Opened https://example.org/a/\u{2026}"
        );
        assert_eq!(cut_at_word("a, b, c", 6), "a, b\u{2026}");
        assert_eq!(cut_at_word("a, b, c", 5), "a\u{2026}");
    }
}
