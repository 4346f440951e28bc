//! Whole-screen snapshots of the reader on the bundled WannaCry briefing, at 80x24 and
//! 160x50; what each window size shows; and the styles that carry meaning (focus,
//! selection, search matches), which text snapshots cannot see.

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

/// At every size the reader draws without a panic, and shows what a user needs: below
/// the minimum, that the window is too small and how big it must be; from the minimum
/// up, the title bar, the open view and the hint bar with its way out.
#[test]
fn every_size_draws_what_a_user_needs() {
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
    let (min_w, min_h) = (brief::ui::MIN_WIDTH, brief::ui::MIN_HEIGHT);
    // What each view shows on its border, and the last hint it keeps.
    for (overlay, shows, hint) in [
        (None, "\u{25b6} 5 Quotes", "q quit"),
        (Some(Action::Help), "Help: keys", "q quit"),
        (Some(Action::Open), "Quote", "q quit"),
        (Some(Action::ActorPicker), "Filter by actor", "Esc cancel"),
    ] {
        if let Some(a) = overlay {
            app.update(a);
        }
        for &(w, h) in &sizes {
            let t = draw(&mut app, w, h);
            let text = screen_text(&t);
            let rows: Vec<&str> = text.lines().collect();
            let at = format!("{overlay:?} at {w}x{h}:\n{text}");
            if w < min_w || h < min_h {
                // Centred, cut to the width: as much of the message as fits.
                let cut = |s: &str| s.chars().take(w as usize).collect::<String>();
                assert!(text.contains(&cut("Terminal too small")), "{at}");
                if h >= 2 {
                    let size = format!("{w}x{h}, needs {min_w}x{min_h}");
                    assert!(text.contains(&cut(&size)), "{at}");
                }
                assert!(!text.contains("brief \u{2502}"), "{at}");
                continue;
            }
            assert!(rows[0].starts_with(" brief \u{2502}"), "{at}");
            assert!(rows[0].contains("EXERCISE"), "{at}");
            assert!(text.contains(shows), "{at}");
            let hints = rows[rows.len() - 1];
            assert!(hints.contains(hint), "{at}");
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

/// One letter per cell for the styles that carry meaning: `m` a search match
/// (underlined, on yellow), `s` the selected row's background, `f` the focus colour
/// (cyan and bold: the focused pane's border and name, the selection bar, keys), `.`
/// anything else. Text snapshots cannot see these.
fn style_map(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    use ratatui::style::{Color, Modifier};
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            let bold = c.modifier.contains(Modifier::BOLD);
            out.push(
                if c.bg == Color::Yellow && c.modifier.contains(Modifier::UNDERLINED) {
                    'm'
                } else if c.bg == brief::ui::theme::Theme::SELECTED.bg.unwrap() {
                    's'
                } else if c.fg == Color::Cyan && bold {
                    'f'
                } else {
                    '.'
                },
            );
        }
        out.push('\n');
    }
    out
}

/// Focus, the selection and search matches are told apart by style as well as by
/// symbols: the focused pane's border is thick and in the focus colour while the
/// others are plain and dim, the selected row is marked and has its own background,
/// and exactly the matched text is highlighted.
#[test]
fn styles_show_focus_selection_and_matches() {
    use brief::ui::theme::Theme;
    use ratatui::style::Modifier;
    let mut app = wannacry();
    app.update(Action::Search);
    type_text(&mut app, "keyboard");
    app.update(Action::Apply);
    let t = draw(&mut app, 80, 24);
    let buf = t.backend().buffer();
    let l = brief::ui::layout(&app, ratatui::layout::Rect::new(0, 0, 80, 24));
    assert_eq!(app.focus(), brief::app::Pane::Quotes);

    for (pane, r) in &l.panes {
        let focused = *pane == app.focus();
        let (corners, style) = if focused {
            (["┏", "┓", "┗", "┛"], Theme::FOCUS)
        } else {
            (["┌", "┐", "└", "┘"], Theme::BORDER)
        };
        let edges = [
            (r.left(), r.top()),
            (r.right() - 1, r.top()),
            (r.left(), r.bottom() - 1),
            (r.right() - 1, r.bottom() - 1),
        ];
        for (corner, (x, y)) in corners.iter().zip(edges) {
            let cell = &buf[(x, y)];
            assert_eq!(cell.symbol(), *corner, "{pane:?}");
            assert_eq!(
                (cell.fg, cell.modifier.contains(Modifier::BOLD)),
                (
                    style.fg.unwrap(),
                    style.add_modifier.contains(Modifier::BOLD)
                ),
                "{pane:?} border at ({x},{y}), focused: {focused}"
            );
        }
        // The selection: one row starts with the bar, and it alone has the background.
        let inner = ratatui::layout::Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2);
        let bars: Vec<u16> = (inner.top()..inner.bottom())
            .filter(|&y| buf[(inner.x, y)].symbol() == "\u{258c}")
            .collect();
        if *pane == brief::app::Pane::Overview {
            assert!(bars.is_empty());
            continue;
        }
        assert_eq!(bars.len(), 1, "{pane:?}: one selected row");
        let y = bars[0];
        let bar = &buf[(inner.x, y)];
        assert_eq!(bar.fg, Theme::SELECTED_MARK.fg.unwrap(), "{pane:?}");
        for yy in inner.top()..inner.bottom() {
            for x in inner.left()..inner.right() {
                let c = &buf[(x, yy)];
                let selected_bg = c.bg == Theme::SELECTED.bg.unwrap();
                let is_match = c.bg == Theme::MATCH.bg.unwrap();
                // A quote takes two lines; the selected one's second line is selected too.
                let in_selection = yy == y || (*pane == brief::app::Pane::Quotes && yy == y + 1);
                assert_eq!(
                    selected_bg || is_match,
                    in_selection,
                    "{pane:?} at ({x},{yy})\n{}",
                    screen_text(&t)
                );
            }
        }
    }
    // The match: exactly the letters of the query, underlined, on the match colour.
    let matched: Vec<(u16, u16, &str)> = buf
        .content()
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.bg == Theme::MATCH.bg.unwrap() && c.modifier.contains(Modifier::UNDERLINED)
        })
        .map(|(i, c)| {
            let (x, y) = buf.pos_of(i);
            (x, y, c.symbol())
        })
        .collect();
    let word: String = matched.iter().map(|m| m.2).collect();
    assert_eq!(word.to_lowercase(), "keyboard", "{matched:?}");
    assert!(
        matched
            .windows(2)
            .all(|w| w[0].1 == w[1].1 && w[0].0 + 1 == w[1].0),
        "one run of cells: {matched:?}"
    );
    insta::assert_snapshot!("styles_search_80x24", style_map(&t));
}
