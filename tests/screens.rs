//! Whole-screen snapshots of the reader on the bundled WannaCry briefing, at 80x24 and
//! 160x50, and drawing at any size without a panic.

mod ui_common;

use brief::app::Action;
use ui_common::{bundled, draw, screen_text, type_text, wannacry};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 50)];

#[test]
fn default_view() {
    for (w, h) in SIZES {
        let mut app = wannacry();
        insta::assert_snapshot!(format!("default_{w}x{h}"), draw(&mut app, w, h).backend());
    }
}

#[test]
fn filtered_by_one_actor() {
    for (w, h) in SIZES {
        let mut app = wannacry();
        app.select_actors_by_name(&["Tom Bossert".into()]);
        let t = draw(&mut app, w, h);
        let text = screen_text(&t);
        assert!(text.contains("Actor: Tom Bossert"), "{text}");
        insta::assert_snapshot!(format!("filtered_{w}x{h}"), t.backend());
    }
}

#[test]
fn quote_in_full() {
    for (w, h) in SIZES {
        let mut app = wannacry();
        app.update(Action::Focus(4));
        app.update(Action::Down);
        app.update(Action::Open);
        insta::assert_snapshot!(
            format!("quote_detail_{w}x{h}"),
            draw(&mut app, w, h).backend()
        );
    }
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut app = wannacry();
        app.update(Action::Help);
        let t = draw(&mut app, w, h);
        assert!(screen_text(&t).contains("quit"));
        insta::assert_snapshot!(format!("help_{w}x{h}"), t.backend());
    }
}

#[test]
fn search_highlights_and_counts() {
    let mut app = wannacry();
    app.update(Action::Search);
    type_text(&mut app, "keyboard");
    app.update(Action::Apply);
    let t = draw(&mut app, 80, 24);
    // The search moves forward from the focused Timeline to the only match, a quote.
    assert!(
        screen_text(&t).contains("/keyboard 1/1"),
        "{}",
        screen_text(&t)
    );
    let buf = t.backend().buffer();
    let highlighted = buf
        .content()
        .iter()
        .filter(|c| {
            c.bg == ratatui::style::Color::Yellow
                && c.modifier.contains(ratatui::style::Modifier::UNDERLINED)
        })
        .count();
    assert_eq!(
        highlighted,
        "keyboard".len(),
        "the match on screen is highlighted"
    );
    insta::assert_snapshot!("search_80x24", t.backend());
}

#[test]
fn library_at_both_sizes() {
    for (w, h) in SIZES {
        let mut app = bundled();
        insta::assert_snapshot!(format!("library_{w}x{h}"), draw(&mut app, w, h).backend());
    }
}

#[test]
fn too_small_says_so() {
    let mut app = wannacry();
    let t = draw(&mut app, 39, 11);
    let text = screen_text(&t);
    assert!(text.contains("Terminal too small"), "{text}");
    assert!(text.contains("39x11, needs 40x12"), "{text}");
    insta::assert_snapshot!("too_small_39x11", t.backend());
}

#[test]
fn every_size_draws_without_panic() {
    let mut app = bundled();
    app.update(Action::Focus(4));
    let mut sizes = vec![
        (1, 1),
        (2, 1),
        (1, 2),
        (20, 5),
        (39, 12),
        (40, 11),
        (40, 12),
        (69, 30),
        (70, 20),
        (119, 40),
        (120, 28),
        (300, 100),
    ];
    for w in (1..=300).step_by(37) {
        for h in (1..=100).step_by(13) {
            sizes.push((w, h));
        }
    }
    for overlay in [
        None,
        Some(Action::Help),
        Some(Action::Open),
        Some(Action::ActorPicker),
    ] {
        if let Some(a) = overlay {
            app.update(a);
        }
        for &(w, h) in &sizes {
            draw(&mut app, w, h);
        }
        app.update(Action::Back);
    }
}

/// Wide characters (Korean, Chinese, Arabic, emoji) never push a border out of place:
/// every pane's left and right edge is a border cell on every row, at every size.
#[test]
fn wide_characters_never_break_borders() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wide/wide.yaml");
    let briefing = brief::load::load_file(&path, &Default::default()).expect("wide.yaml loads");
    let mut app = brief::app::App::new(brief::library::Library::new(vec![briefing], Vec::new()));
    let borders = ["│", "┃", "┌", "┐", "└", "┘", "┏", "┓", "┗", "┛"];
    for (w, h) in [
        (40, 12),
        (57, 19),
        (80, 24),
        (101, 33),
        (160, 50),
        (233, 61),
    ] {
        for focus in 1..6 {
            app.update(Action::Focus(focus));
            let t = draw(&mut app, w, h);
            let l = brief::ui::layout(&app, ratatui::layout::Rect::new(0, 0, w, h));
            let buf = t.backend().buffer();
            for (pane, r) in &l.panes {
                if r.height < 2 || r.width < 2 {
                    continue;
                }
                for y in r.top()..r.bottom() {
                    for x in [r.left(), r.right() - 1] {
                        let sym = buf[(x, y)].symbol();
                        assert!(
                            borders.contains(&sym),
                            "{pane:?} at {w}x{h}: ({x},{y}) is {sym:?}\n{}",
                            screen_text(&t)
                        );
                    }
                }
            }
        }
    }
}
