//! Moving in a long pane keeps the view still until the cursor would leave it, as in
//! less and vim, and a page turns by what the pane shows; both read the geometry the
//! last frame recorded.

mod ui_common;

use brief::app::{Action, App, Pane};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ui_common::{draw, press, wannacry};

/// The lines inside a pane's border, without the column of the selection marker, and
/// the line the marker is on.
fn inside(t: &Terminal<TestBackend>, area: Rect) -> (Vec<String>, Option<u16>) {
    let buf = t.backend().buffer();
    let mut lines = Vec::new();
    let mut marker = None;
    for y in area.top() + 1..area.bottom() - 1 {
        if buf[(area.left() + 1, y)].symbol() == "\u{258c}" {
            marker = Some(y - area.top() - 1);
        }
        let line: String = (area.left() + 2..area.right() - 1)
            .map(|x| buf[(x, y)].symbol())
            .collect();
        lines.push(line);
    }
    (lines, marker)
}

/// The Quotes pane at 80x24: 23 quotes of two lines each, three in view.
fn quotes_at_the_bottom() -> (App, Rect) {
    let mut app = wannacry();
    app.update(Action::Focus(4));
    draw(&mut app, 80, 24);
    app.update(Action::Last);
    draw(&mut app, 80, 24);
    let area = app.view().pane(Pane::Quotes).area();
    (app, area)
}

#[test]
fn moving_up_from_the_bottom_moves_the_cursor_not_the_view() {
    let (mut app, area) = quotes_at_the_bottom();
    let last = app.pane_len(Pane::Quotes) - 1;
    let (shown, marker) = inside(&draw(&mut app, 80, 24), area);
    assert_eq!(app.cursor(Pane::Quotes), last);
    let bottom = marker.expect("the last quote is selected and in view");

    app.update(Action::Up);
    let (after, marker) = inside(&draw(&mut app, 80, 24), area);
    assert_eq!(after, shown, "the view does not move");
    assert_eq!(marker, Some(bottom - 2), "the cursor moves up one quote");

    app.update(Action::Up);
    let (after, marker) = inside(&draw(&mut app, 80, 24), area);
    assert_eq!(after, shown, "the view does not move");
    assert_eq!(marker, Some(bottom - 4));
    assert_eq!(marker, Some(0), "the cursor is on the top quote in view");

    // One more leaves the view: it scrolls by one quote, the cursor stays on top.
    app.update(Action::Up);
    let (after, marker) = inside(&draw(&mut app, 80, 24), area);
    assert_ne!(after, shown);
    assert_eq!(
        after[2..],
        shown[..shown.len() - 2],
        "scrolled by one quote"
    );
    assert_eq!(marker, Some(0));
    assert_eq!(app.cursor(Pane::Quotes), last - 3);

    // And down again: the view stays until the cursor would leave it at the bottom.
    let (top_view, _) = inside(&draw(&mut app, 80, 24), area);
    press(&mut app, &[Action::Down]);
    let (after, marker) = inside(&draw(&mut app, 80, 24), area);
    assert_eq!(after, top_view);
    assert_eq!(marker, Some(2));
}

#[test]
fn a_page_is_what_the_pane_shows() {
    let mut app = wannacry();
    app.update(Action::Focus(4));
    draw(&mut app, 80, 24);
    let inner_lines = app.view().pane(Pane::Quotes).area().height as usize - 2;
    let in_view = inner_lines / 2;
    app.update(Action::PageDown);
    assert_eq!(app.cursor(Pane::Quotes), in_view);
    draw(&mut app, 80, 24);
    app.update(Action::PageDown);
    assert_eq!(app.cursor(Pane::Quotes), 2 * in_view);
    app.update(Action::PageUp);
    assert_eq!(app.cursor(Pane::Quotes), in_view);

    // In a taller terminal the pane shows more, and a page is longer.
    draw(&mut app, 80, 50);
    let taller = (app.view().pane(Pane::Quotes).area().height as usize - 2) / 2;
    assert!(taller > in_view);
    app.update(Action::First);
    app.update(Action::PageDown);
    assert_eq!(app.cursor(Pane::Quotes), taller);
}
