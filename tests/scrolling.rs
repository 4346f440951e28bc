//! Moving in a long pane keeps the view still until the cursor would leave it, as in
//! less and vim, and a page turns by what the pane shows less one row; both read the
//! geometry the last frame recorded.

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

/// The Actors pane at 80x24, focused: 23 actors of one line each, a dozen in view.
fn actors_at_the_bottom() -> (App, Rect) {
    let mut app = wannacry();
    app.update(Action::Focus(2));
    draw(&mut app, 80, 24);
    app.update(Action::Last);
    draw(&mut app, 80, 24);
    let area = app.view().pane(Pane::Actors).area();
    (app, area)
}

#[test]
fn moving_up_from_the_bottom_moves_the_cursor_not_the_view() {
    let (mut app, area) = actors_at_the_bottom();
    let last = app.pane_len(Pane::Actors) - 1;
    let (shown, marker) = inside(&draw(&mut app, 80, 24), area);
    assert_eq!(app.cursor(Pane::Actors), last);
    let bottom = marker.expect("the last actor is selected and in view");
    assert_eq!(
        bottom as usize,
        shown.len() - 1,
        "the last row at the bottom"
    );

    for up in 1..=bottom {
        app.update(Action::Up);
        let (after, marker) = inside(&draw(&mut app, 80, 24), area);
        assert_eq!(after, shown, "the view does not move");
        assert_eq!(marker, Some(bottom - up), "the cursor moves up one row");
    }

    // One more leaves the view: it scrolls by one row, the cursor stays on top.
    app.update(Action::Up);
    let (after, marker) = inside(&draw(&mut app, 80, 24), area);
    assert_eq!(after[1..], shown[..shown.len() - 1], "scrolled by one row");
    assert_eq!(marker, Some(0));
    assert_eq!(app.cursor(Pane::Actors), last - bottom as usize - 1);

    // And down again: the view stays until the cursor would leave it at the bottom.
    let (top_view, _) = inside(&draw(&mut app, 80, 24), area);
    press(&mut app, &[Action::Down]);
    let (after, marker) = inside(&draw(&mut app, 80, 24), area);
    assert_eq!(after, top_view);
    assert_eq!(marker, Some(1));
}

#[test]
fn a_page_is_what_the_pane_shows_less_one_row() {
    let mut app = wannacry();
    app.update(Action::Focus(2));
    draw(&mut app, 80, 24);
    let in_view = app.view().pane(Pane::Actors).area().height as usize - 2;
    app.update(Action::PageDown);
    assert_eq!(app.cursor(Pane::Actors), in_view - 1);
    draw(&mut app, 80, 24);
    let last = app.pane_len(Pane::Actors) - 1;
    app.update(Action::PageDown);
    assert_eq!(app.cursor(Pane::Actors), (2 * (in_view - 1)).min(last));
    draw(&mut app, 80, 24);
    app.update(Action::PageUp);
    assert_eq!(
        app.cursor(Pane::Actors),
        (2 * (in_view - 1)).min(last) - (in_view - 1)
    );

    // In a taller terminal the pane shows more, and a page is longer.
    draw(&mut app, 80, 50);
    let taller = app.view().pane(Pane::Actors).area().height as usize - 2;
    assert!(taller > in_view);
    app.update(Action::First);
    app.update(Action::PageDown);
    assert_eq!(
        app.cursor(Pane::Actors),
        taller.min(app.pane_len(Pane::Actors)) - 1
    );
}

/// Whole quotes in a focused Quotes pane: a click finds the quote drawn under it,
/// however many lines each takes.
#[test]
fn a_click_finds_a_quote_of_many_lines() {
    let mut app = wannacry();
    app.set_mouse(true);
    app.update(Action::Focus(4));
    draw(&mut app, 80, 24);
    let area = app.view().pane(Pane::Quotes).area();
    let (lines, _) = inside(&draw(&mut app, 80, 24), area);
    // The second quote starts where the first row's lines end: at its speaker line.
    let second = lines
        .iter()
        .skip(1)
        .position(|l| l.starts_with("Tom Bossert") || l.starts_with("Jeanette"))
        .expect("a second quote in view")
        + 1;
    app.update(Action::Click {
        x: area.x + 3,
        y: area.y + 1 + second as u16,
    });
    assert_eq!(app.cursor(Pane::Quotes), 1);
    app.update(Action::Click {
        x: area.x + 3,
        y: area.y + second as u16,
    });
    assert_eq!(
        app.cursor(Pane::Quotes),
        0,
        "the line above is the first quote's"
    );
}
