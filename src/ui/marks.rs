//! Marks for what is new or changed since you last read, and for a briefing shown as
//! the last good version of a file that no longer loads. Each is a symbol first, so
//! that none rests on colour alone.

use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::App;
use crate::library::news::{Kind, Mark};
use crate::library::{BriefingIx, Item};

/// A new item, and a briefing with new or changed items.
pub const NEW: &str = "\u{25cf}";
/// An item changed since it was read.
pub const CHANGED: &str = "\u{25d0}";
/// The last good version of a file that has errors now.
pub const STALE: &str = "\u{26a0}";

/// `● ` for a new item, `◐ ` for a changed one.
pub fn item(app: &App, item: Item, t: &Theme) -> Option<Span<'static>> {
    let (b, kind, i) = Kind::of(item)?;
    match app.news().mark(b, kind, i) {
        Mark::Seen => None,
        Mark::New => Some(Span::styled(format!("{NEW} "), t.new)),
        Mark::Changed(_) => Some(Span::styled(format!("{CHANGED} "), t.new)),
    }
}

/// Whether any item of this kind in briefing `b` is marked: its pane then keeps a
/// column for the marks, so rows stay aligned.
pub fn any(app: &App, b: BriefingIx, kind: Kind) -> bool {
    app.news()
        .briefing(b)
        .is_some_and(|m| m.of(kind).iter().any(|x| x.is_news()))
}

/// Puts the item's mark (or room for one, when `column`) before a row's first line.
pub fn lead(app: &App, it: Item, column: bool, lines: &mut [Line], t: &Theme) {
    let span = match item(app, it, t) {
        Some(s) => s,
        None if column => Span::raw("  "),
        None => return,
    };
    if let Some(first) = lines.first_mut() {
        first.spans.insert(0, span);
    }
}

/// Before a briefing's title in the list: `⚠ ` when stale, `●3 ` with new or changed
/// items (`●` alone for a new briefing with none).
pub fn briefing(app: &App, b: BriefingIx, t: &Theme) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    if app.library().is_stale(b) {
        out.push(Span::styled(format!("{STALE} "), t.error));
    }
    if let Some(m) = app.news().briefing(b).filter(|m| m.any()) {
        let n = m.count();
        let text = if n == 0 {
            format!("{NEW} ")
        } else {
            format!("{NEW}{n} ")
        };
        out.push(Span::styled(text, t.new));
    }
    out
}

/// ` ●2` after a pane's count when items in it are new or changed.
pub fn pane_count(app: &App, kind: Kind) -> String {
    let n = app
        .current()
        .and_then(|b| app.news().briefing(b))
        .map_or(0, |m| m.of(kind).iter().filter(|x| x.is_news()).count());
    if n == 0 {
        String::new()
    } else {
        format!(" {NEW}{n}")
    }
}
