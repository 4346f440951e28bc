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
    // No match in the focused Timeline: the search goes on to the quote, the one
    // match in the Quotes pane.
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
fn focused_quotes_read_in_full() {
    for (w, h) in SIZES {
        let mut app = wannacry();
        app.update(Action::Focus(4));
        let t = draw(&mut app, w, h);
        let text = screen_text(&t);
        let quotes = brief::ui::layout(&app, ratatui::layout::Rect::new(0, 0, w, h))
            .panes
            .into_iter()
            .find(|(p, _)| *p == brief::app::Pane::Quotes)
            .unwrap()
            .1;
        let inside: String = text
            .lines()
            .skip(quotes.y as usize)
            .take(quotes.height as usize)
            .map(|l| {
                let cells: Vec<char> = l.chars().collect();
                let end = (quotes.right() as usize).min(cells.len());
                cells[(quotes.x as usize).min(end)..end]
                    .iter()
                    .collect::<String>()
                    + "\n"
            })
            .collect();
        // The first quote's words, all of them, and the speaker by name only.
        assert!(inside.contains("cyberattack to North Korea”"), "{inside}");
        assert!(inside.contains("Tom Bossert"), "{inside}");
        assert!(!inside.contains("homeland security advisor"), "{inside}");
        insta::assert_snapshot!(format!("quotes_focused_{w}x{h}"), t.backend());
    }
}

#[test]
fn quotes_of_the_one_filtered_speaker_leave_out_the_speaker() {
    let mut app = wannacry();
    app.select_actors_by_name(&["Tom Bossert".into()]);
    app.update(Action::Focus(4));
    let t = draw(&mut app, 80, 24);
    let text = screen_text(&t);
    let quotes = brief::ui::layout(&app, ratatui::layout::Rect::new(0, 0, 80, 24))
        .panes
        .into_iter()
        .find(|(p, _)| *p == brief::app::Pane::Quotes)
        .unwrap()
        .1;
    let inside: String = text
        .lines()
        .skip(quotes.y as usize + 1)
        .take(quotes.height as usize - 2)
        .collect();
    assert!(!inside.contains("Tom Bossert"), "{text}");
    insta::assert_snapshot!("quotes_one_speaker_80x24", t.backend());
}

#[test]
fn a_zoomed_pane_fills_the_body() {
    for (w, h) in SIZES {
        let mut app = bundled();
        app.update(Action::Focus(3));
        app.update(Action::Zoom);
        let t = draw(&mut app, w, h);
        let l = brief::ui::layout(&app, ratatui::layout::Rect::new(0, 0, w, h));
        assert_eq!(l.panes.len(), 1);
        assert_eq!(l.panes[0].1, l.body);
        insta::assert_snapshot!(format!("zoomed_timeline_{w}x{h}"), t.backend());
    }
}

#[test]
fn the_full_briefing_view() {
    for (w, h) in SIZES {
        let mut app = wannacry();
        app.update(Action::Focus(1));
        app.update(Action::Open);
        let t = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("briefing_in_full_{w}x{h}"), t.backend());
    }
    // Further down: the tags, the file, each quote's date, context and source.
    let mut app = wannacry();
    app.update(Action::Focus(1));
    app.update(Action::Open);
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&screen_text(&draw(&mut app, 80, 24)));
        app.update(Action::PageDown);
    }
    for what in [
        "Tags     ",
        "File     briefings/wannacry-attribution.yaml",
        "When:    19 Dec 2017",
        "Context: Dec. 19 press call with reporters",
        "Source:  U.S. blames WannaCry on North Korea — FCW",
        "Sources (",
    ] {
        assert!(seen.contains(what), "no {what:?} in the full briefing");
    }
}

#[test]
fn the_picker_with_a_typed_space_and_a_marked_row() {
    for (w, h) in SIZES {
        let mut app = bundled();
        app.update(Action::ActorPicker);
        // A space typed is part of the query; Tab marks the highlighted row.
        type_text(&mut app, "united ");
        app.update(Action::Toggle);
        type_text(&mut app, "st");
        let t = draw(&mut app, w, h);
        let text = screen_text(&t);
        assert!(text.contains("> united st"), "{text}");
        assert!(text.contains("1 marked"), "{text}");
        // The marked row stays in view though the query no longer matches it.
        assert!(text.contains("\u{25cf} United Kingdom"), "{text}");
        assert!(text.contains("United States"), "{text}");
        insta::assert_snapshot!(format!("picker_typed_{w}x{h}"), t.backend());
    }
}

#[test]
fn help_for_a_detail_lists_its_keys_first() {
    for (w, h) in SIZES {
        let mut app = wannacry();
        app.update(Action::Focus(4));
        app.update(Action::Open);
        app.update(Action::Help);
        let t = draw(&mut app, w, h);
        let text = screen_text(&t);
        let first = text.find("In this view").expect("the view's own keys");
        assert!(text.contains("next / previous item"), "{text}");
        if let Some(everywhere) = text.find("Everywhere") {
            assert!(first < everywhere, "{text}");
        }
        insta::assert_snapshot!(format!("help_detail_{w}x{h}"), t.backend());
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
        (Some(Action::Help), "Help: keys", "q close"),
        (Some(Action::Open), "Quote", "q close"),
        // The picker's way out is on its own border.
        (Some(Action::ActorPicker), "Esc cancel", "Enter apply"),
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
                assert!(!text.contains("EXERCISE"), "{at}");
                continue;
            }
            // The title bar: the briefing's title, then (if it fits) its file.
            assert!(rows[0].starts_with(" EXERCISE"), "{at}");
            if w >= 80 {
                assert!(rows[0].contains("  briefings/exercise"), "{at}");
            }
            assert!(text.contains(shows), "{at}");
            let hints = rows[rows.len() - 1];
            assert!(hints.contains(hint), "{at}");
        }
        app.update(Action::Back);
    }
}

/// The library of wide names: Korean, Chinese, Arabic and emoji in titles, names,
/// quotes and tags, with the WannaCry briefing among them.
fn wide_library() -> brief::app::App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wide");
    let mut briefings: Vec<_> = ["wide.yaml", "names.yaml"]
        .iter()
        .map(|n| brief::load::load_file(&dir.join(n), &Default::default()).expect("loads"))
        .collect();
    briefings.extend(ui_common::library(&["wannacry-attribution.yaml"]).briefings);
    let mut lib = brief::library::Library::new(briefings, Vec::new());
    lib.set_roots(vec![dir]);
    brief::app::App::new(lib)
}

const BORDERS: [&str; 10] = ["│", "┃", "┌", "┐", "└", "┘", "┏", "┓", "┗", "┛"];

/// The edges of a box are border cells on every row.
fn assert_box_whole(
    t: &ratatui::Terminal<ratatui::backend::TestBackend>,
    r: ratatui::layout::Rect,
    what: &str,
) {
    let buf = t.backend().buffer();
    if r.height < 2 || r.width < 2 {
        return;
    }
    for y in r.top()..r.bottom() {
        for x in [r.left(), r.right() - 1] {
            let sym = buf[(x, y)].symbol();
            assert!(
                BORDERS.contains(&sym),
                "{what}: ({x},{y}) is {sym:?}\n{}",
                screen_text(t)
            );
        }
    }
}

/// Korean and Arabic names in every pane and every overlay never break a border.
#[test]
fn wide_names_never_break_a_border_in_panes_or_overlays() {
    let mut app = wide_library();
    let panes_whole = |app: &brief::app::App, t: &_, what: &str| {
        let area = t_area(t);
        for (p, r) in brief::ui::layout(app, area).panes {
            assert_box_whole(t, r, &format!("{p:?}, {what}"));
        }
    };
    let overlay_whole = |app: &brief::app::App, t: &_, what: &str| {
        let r = brief::ui::overlay_area(app, t_area(t)).expect("an overlay");
        assert_box_whole(t, r, what);
    };
    for (w, h) in [(80, 24), (97, 31), (160, 50), (57, 19)] {
        for b in 0..3 {
            // Each briefing of the list in turn, so every pane shows wide text.
            app.update(Action::Focus(0));
            app.update(Action::First);
            for _ in 0..b {
                app.update(Action::Down);
            }
            for pane in 0..6 {
                app.update(Action::Focus(pane));
                let what = format!("briefing {b}, pane {pane}, {w}x{h}");
                let t = draw(&mut app, w, h);
                panes_whole(&app, &t, &what);
                for overlay in [
                    Action::Open,
                    Action::Help,
                    Action::ActorPicker,
                    Action::TagPicker,
                ] {
                    app.update(overlay);
                    let t = draw(&mut app, w, h);
                    overlay_whole(&app, &t, &format!("{overlay:?} over {what}"));
                    app.update(Action::Back);
                }
                app.update(Action::Zoom);
                let t = draw(&mut app, w, h);
                panes_whole(&app, &t, &format!("zoomed, {what}"));
                app.update(Action::Zoom);
            }
            // A wide name typed into the picker, over a list of wide names.
            app.update(Action::ActorPicker);
            ui_common::type_text(&mut app, "박 대");
            let t = draw(&mut app, w, h);
            assert!(
                screen_text(&t).replace(' ', "").contains("박지민"),
                "{}",
                screen_text(&t)
            );
            overlay_whole(&app, &t, &format!("a typed picker at {w}x{h}"));
            app.update(Action::Back);
        }
        for screen in [Action::LibraryTimeline, Action::Errors] {
            app.update(screen);
            let t = draw(&mut app, w, h);
            let body = brief::ui::layout(&app, t_area(&t)).body;
            assert_box_whole(&t, body, &format!("{screen:?} at {w}x{h}"));
            app.update(Action::Back);
        }
    }
}

fn t_area(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> ratatui::layout::Rect {
    t.backend().buffer().area
}

/// Wide characters (Korean, Chinese, Arabic, emoji) never push a border out of place:
/// every pane's left and right edge is a border cell on every row, at every size.
#[test]
fn wide_characters_never_break_borders() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wide/wide.yaml");
    let briefing = brief::load::load_file(&path, &Default::default()).expect("wide.yaml loads");
    let mut app = brief::app::App::new(brief::library::Library::new(vec![briefing], Vec::new()));
    let borders = BORDERS;
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
/// (underlined, on yellow), `s` the focused pane's selected row (reversed), `f` the focus colour
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
                } else if c.modifier.contains(Modifier::REVERSED) {
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
    use ratatui::style::Modifier;
    let theme = brief::ui::Theme::DEFAULT;
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
            (["┏", "┓", "┗", "┛"], theme.focus)
        } else {
            (["┌", "┐", "└", "┘"], theme.border)
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
        // The selection: one row starts with the bar. In the focused pane that row
        // alone is reversed (a match in it keeps its own colour); in the others it is
        // bold and nothing is reversed.
        let inner = ratatui::layout::Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2);
        let bars: Vec<u16> = (inner.top()..inner.bottom())
            .filter(|&y| buf[(inner.x, y)].symbol() == "\u{258c}")
            .collect();
        // The Overview has no rows to select; a pane squeezed to its border shows none.
        if *pane == brief::app::Pane::Overview || inner.height == 0 {
            assert!(bars.is_empty());
            continue;
        }
        assert_eq!(
            bars.len(),
            1,
            "{pane:?}: one selected row\n{}",
            screen_text(&t)
        );
        let y = bars[0];
        // A quote takes several lines, up to the next quote's speaker; other rows one.
        let end = if *pane == brief::app::Pane::Quotes {
            (y + 1..inner.bottom())
                .find(|&yy| buf[(inner.x + 1, yy)].symbol() != " ")
                .unwrap_or(inner.bottom())
        } else {
            y + 1
        };
        assert!(end > y + 2 || *pane != brief::app::Pane::Quotes, "{end}");
        let bar = &buf[(inner.x, y)];
        assert_eq!(bar.fg, theme.selected_mark.fg.unwrap(), "{pane:?}");
        for yy in inner.top()..inner.bottom() {
            for x in inner.left() + 1..inner.right() {
                let c = &buf[(x, yy)];
                let reversed = c.modifier.contains(Modifier::REVERSED);
                let is_match =
                    c.bg == theme.matched.bg.unwrap() && c.modifier.contains(Modifier::UNDERLINED);
                let in_selection = (y..end).contains(&yy);
                let at = || format!("{pane:?} at ({x},{yy})\n{}", screen_text(&t));
                if focused {
                    assert_eq!(reversed || is_match, in_selection, "{}", at());
                } else {
                    assert!(!reversed, "{}", at());
                    if in_selection {
                        assert!(c.modifier.contains(Modifier::BOLD), "{}", at());
                    }
                }
            }
        }
    }
    // The match: exactly the letters of the query, underlined, on the match colour.
    let matched: Vec<(u16, u16, &str)> = buf
        .content()
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.bg == theme.matched.bg.unwrap() && c.modifier.contains(Modifier::UNDERLINED)
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

/// The status line's text as drawn at a width (the errors notice included).
fn status_row(app: &mut brief::app::App, w: u16) -> String {
    let t = draw(app, w, 24);
    let buf = t.backend().buffer();
    let y = buf.area.height - 2;
    // Cells after a wide character hold a blank that is not in the text.
    let mut out = String::new();
    let mut skip = 0;
    for x in 0..buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = buf[(x, y)].symbol();
        skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        out.push_str(sym);
    }
    out.trim().to_string()
}

/// Whether `shown` (a piece of the status line, maybe cut with `…`) ends on a whole
/// word of what the line says with all the room it wants.
fn ends_on_a_word(shown: &str, full: &str) -> bool {
    let cut = shown.strip_suffix('\u{2026}');
    let part = cut.unwrap_or(shown).trim_end();
    if part.is_empty() {
        return false;
    }
    full.match_indices(part).any(|(at, _)| {
        let before = full[..at].chars().next_back();
        let after = full[at + part.len()..].chars().next();
        let starts = before.is_none_or(|c| c == ' ');
        // A cut piece may stop before punctuation that follows its last word.
        let ends = match after {
            None => true,
            Some(c) => c == ' ' || (cut.is_some() && matches!(c, ',' | ';' | ':')),
        };
        starts && ends
    })
}

/// Every piece of the status line at 80 columns ends on a whole word: a piece that does
/// not fit is left out, or cut after a word and marked.
#[test]
fn every_status_line_at_80_columns_ends_on_a_whole_word() {
    use brief::app::{Action as A, Progress};
    let failed_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors");
    let failed: Vec<brief::library::FailedFile> = brief::load::discover(&[failed_dir])
        .unwrap()
        .into_iter()
        .take(3)
        .map(|path| brief::library::FailedFile {
            problems: brief::load::load_file(&path, &Default::default())
                .err()
                .unwrap_or_default(),
            path,
        })
        .collect();
    let with_errors = || {
        let mut lib =
            ui_common::library(&["wannacry-attribution.yaml", "exercise-port-ransomware.yaml"]);
        lib.extend(Vec::new(), failed.clone());
        brief::app::App::new(lib)
    };
    type Setup = Box<dyn Fn(&mut brief::app::App)>;
    let search = |q: &'static str| -> Setup {
        Box::new(move |app| {
            app.update(A::Search);
            type_text(app, q);
            app.update(A::Apply);
        })
    };
    let cases: Vec<(&str, Setup)> = vec![
        ("at a glance", Box::new(|_| {})),
        ("sorted", Box::new(|app| app.update(A::CycleSort))),
        (
            "a long notice",
            Box::new(|app| {
                app.update(A::Focus(3));
                app.update(A::ToggleActor);
            }),
        ),
        (
            "missing actors",
            Box::new(|app| {
                app.select_actors_by_name(&[
                    "Somebody With A Very Long Name".into(),
                    "Another Person Nobody Has Heard Of".into(),
                    "A Third".into(),
                ])
            }),
        ),
        (
            "one actor",
            Box::new(|app| app.select_actors_by_name(&["Tom Bossert".into()])),
        ),
        (
            "many actors",
            Box::new(|app| {
                app.select_actors_by_name(&[
                    "Tom Bossert".into(),
                    "Jeanette Manfra".into(),
                    "Department of Homeland Security".into(),
                    "North Korea".into(),
                ])
            }),
        ),
        (
            "actors, tags and a search",
            Box::new(|app| {
                app.select_actors_by_name(&["Tom Bossert".into(), "Rust Marten".into()]);
                app.update(A::TagPicker);
                app.update(A::Toggle);
                app.update(A::Toggle);
                app.update(A::Apply);
                app.update(A::Search);
                type_text(app, "attribution");
                app.update(A::Apply);
            }),
        ),
        ("a search", search("keyboard")),
        ("no match", search("zzzz not there")),
        (
            "a long search",
            search("a query that goes on and on far beyond what the line can hold"),
        ),
        (
            "Esc with a filter",
            Box::new(|app| {
                app.select_actors_by_name(&["Tom Bossert".into()]);
                app.update(A::Back);
            }),
        ),
        (
            "nothing to clear",
            Box::new(|app| app.update(A::ClearFilters)),
        ),
        (
            "the last item",
            Box::new(|app| {
                app.update(A::Focus(5));
                app.update(A::Last);
                app.update(A::Open);
                app.update(A::NextItem);
            }),
        ),
        (
            "loading",
            Box::new(|app| {
                app.start_loading();
                app.receive(
                    Vec::new(),
                    Vec::new(),
                    Progress {
                        done: 1234,
                        total: 56789,
                    },
                );
            }),
        ),
    ];
    let mut checked = 0;
    for (what, setup) in &cases {
        for errors in [false, true] {
            let mut app = if errors {
                with_errors()
            } else {
                ui_common::bundled()
            };
            setup(&mut app);
            let full = status_row(&mut app, 400);
            let shown = status_row(&mut app, 80);
            assert!(!shown.is_empty(), "{what}: nothing shown");
            let (left, right) = match shown.find("files with errors") {
                Some(_) => {
                    let at = shown.rfind("  ").unwrap_or(shown.len());
                    (&shown[..at], shown[at..].trim())
                }
                None => (shown.as_str(), ""),
            };
            if errors {
                assert_eq!(right, "3 files with errors (E)", "{what}: {shown}");
            }
            for piece in left.trim().split(" \u{b7} ") {
                assert!(
                    ends_on_a_word(piece, &full),
                    "{what}: `{piece}` is cut mid-word\n  80: {shown}\nfull: {full}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > cases.len() * 2, "{checked} pieces checked");
}

/// The rows of text inside the detail's border.
fn detail_rows(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> Vec<String> {
    let text = screen_text(t);
    let lines: Vec<&str> = text.lines().collect();
    let top = lines.iter().position(|l| l.starts_with('┏')).unwrap();
    let bottom = lines.iter().position(|l| l.starts_with('┗')).unwrap();
    lines[top + 1..bottom]
        .iter()
        .map(|l| l.trim_matches(|c| c == '┃' || c == ' ').to_string())
        .collect()
}

#[test]
fn page_down_keeps_one_line_and_g_puts_the_last_line_at_the_bottom() {
    for (w, h) in SIZES {
        let mut app = wannacry();
        app.update(Action::Focus(1));
        app.update(Action::Open);
        let before = detail_rows(&draw(&mut app, w, h));
        app.update(Action::PageDown);
        let after = detail_rows(&draw(&mut app, w, h));
        assert_eq!(
            after.first(),
            before.last(),
            "a page keeps the last line in view at {w}x{h}"
        );
        assert_ne!(after[1], before[1]);
        app.update(Action::PageUp);
        assert_eq!(detail_rows(&draw(&mut app, w, h)), before);

        app.update(Action::Last);
        let t = draw(&mut app, w, h);
        let rows = detail_rows(&t);
        let text = screen_text(&t);
        // The last line of the briefing, a source, is on the bottom row.
        assert!(rows.last().is_some_and(|l| !l.is_empty()), "{text}");
        let n = rows.len();
        // The frame records the detail's length.
        let total = app.view().popup().lines();
        assert!(
            text.contains(&format!("{}-{total} of {total}", total - n + 1)),
            "{text}"
        );
        // Down at the end does not scroll the text up further, and one Up moves it.
        app.update(Action::Down);
        assert_eq!(detail_rows(&draw(&mut app, w, h)), rows);
        app.update(Action::Up);
        let up = detail_rows(&draw(&mut app, w, h));
        assert_eq!(up[1..], rows[..n - 1], "one line up from the end");
    }
}

/// A row the search counts shows why: a match in a field the row leaves out (here a
/// timeline entry's detail) ends the row, highlighted.
#[test]
fn a_match_outside_the_row_is_shown_as_a_snippet() {
    let mut app = wannacry();
    app.update(Action::Search);
    type_text(&mut app, "swift and");
    app.update(Action::Apply);
    assert_eq!(app.focus(), brief::app::Pane::Timeline);
    let t = draw(&mut app, 80, 24);
    let l = brief::ui::layout(&app, ratatui::layout::Rect::new(0, 0, 80, 24));
    let (_, r) = l
        .panes
        .iter()
        .find(|(p, _)| *p == brief::app::Pane::Timeline)
        .unwrap();
    let buf = t.backend().buffer();
    let lit = (r.top()..r.bottom())
        .flat_map(|y| (r.left()..r.right()).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            buf[(x, y)].bg == ratatui::style::Color::Yellow
                && buf[(x, y)]
                    .modifier
                    .contains(ratatui::style::Modifier::UNDERLINED)
        })
        .count();
    assert_eq!(lit, "swift and".len(), "{}", screen_text(&t));
    assert!(screen_text(&t).contains("swift and"), "{}", screen_text(&t));
}

/// At 80x24 a focused Briefings, Timeline or Quotes pane has two thirds of the width or
/// of the height.
#[test]
fn the_focused_pane_gets_the_room() {
    let mut app = bundled();
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    for focus in [0, 3, 4] {
        app.update(Action::Focus(focus));
        draw(&mut app, 80, 24);
        let l = brief::ui::layout(&app, area);
        let (pane, r) = l.panes.iter().find(|(p, _)| *p == app.focus()).unwrap();
        assert!(
            r.width * 3 >= area.width * 2 || r.height * 3 >= l.body.height * 2,
            "{pane:?} is {}x{} of {}x{}",
            r.width,
            r.height,
            area.width,
            l.body.height
        );
    }
}

/// A focused pane that needs less than two thirds of its column leaves the rest to
/// the others; one that needs more gets two thirds.
#[test]
fn a_short_focused_pane_leaves_the_room_to_the_others() {
    let mut app = wannacry();
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    app.update(Action::Focus(5));
    draw(&mut app, 80, 24);
    let l = brief::ui::layout(&app, area);
    let height = |p| {
        l.panes
            .iter()
            .find(|(q, _)| *q == p)
            .map(|(_, r)| r.height)
            .unwrap()
    };
    // Five implications and two borders.
    assert_eq!(height(brief::app::Pane::Implications), 5 + 2);
    app.update(Action::Focus(4));
    draw(&mut app, 80, 24);
    let l = brief::ui::layout(&app, area);
    let quotes = l
        .panes
        .iter()
        .find(|(q, _)| *q == brief::app::Pane::Quotes)
        .map(|(_, r)| r.height)
        .unwrap();
    assert!(
        quotes * 3 >= l.body.height * 2,
        "{quotes} of {}",
        l.body.height
    );
}

/// The help for any view fits in two pages at 80x24, even under the longest title.
#[test]
fn help_fits_in_two_pages_at_80x24() {
    let mut app = bundled();
    // The longest title still takes one line of the title bar.
    while app.briefing().is_some_and(|b| b.title.shown().len() <= 78) {
        app.update(Action::Down);
    }
    draw(&mut app, 80, 24);
    assert_eq!(
        brief::ui::layout(&app, ratatui::layout::Rect::new(0, 0, 80, 24))
            .title
            .height,
        1
    );
    for open in [
        vec![],
        vec![Action::Focus(4), Action::Open],
        vec![Action::LibraryTimeline],
        vec![Action::Errors],
    ] {
        for a in &open {
            app.update(*a);
        }
        app.update(Action::Help);
        draw(&mut app, 80, 24);
        // What the frame recorded of the help: its lines, and how many were in view.
        let lines = app.view().popup().lines();
        let page = app.view().popup().page();
        assert!(
            lines <= 2 * page,
            "{} lines of help, pages of {page}, after {open:?}",
            lines
        );
        app.update(Action::Back);
        for _ in &open {
            app.update(Action::Back);
        }
    }
}

/// The title bar is one line that always shows the briefing's file: at 80x24 with the
/// bundled library, and narrower, a title that does not fit is cut with `…` and the
/// body starts on the second row.
#[test]
fn the_title_bar_is_one_line_and_always_shows_the_file() {
    for (w, h) in [(80, 24), (60, 20)] {
        let mut app = bundled();
        let n = app.library().briefings.len();
        for _ in 0..n {
            let terminal = draw(&mut app, w, h);
            let br = app.briefing().expect("a briefing is shown");
            let file = br
                .path
                .file_name()
                .and_then(|f| f.to_str())
                .expect("a file name")
                .to_string();
            let title = br.title.shown().to_string();
            let screen = screen_text(&terminal);
            let rows: Vec<&str> = screen.lines().collect();
            // Whole at 80 columns; narrower, it may be cut in the middle with `…`.
            let middle_cut = w < 80
                && rows[0].contains(&file[..8])
                && rows[0].contains('\u{2026}')
                && rows[0].contains(".yaml");
            assert!(
                rows[0].contains(&file) || middle_cut,
                "{w}x{h}: the title bar leaves out {file}: {:?}",
                rows[0]
            );
            if !rows[0].contains(&title) {
                assert!(
                    rows[0].contains('\u{2026}'),
                    "{w}x{h}: a cut title is not marked: {:?}",
                    rows[0]
                );
            }
            // The body (the list pane's border) starts right under the one-line bar.
            assert!(
                rows[1].starts_with('\u{250f}') || rows[1].starts_with('\u{250c}'),
                "{w}x{h}: the title bar took more than one line: {:?}",
                rows[1]
            );
            app.update(Action::Down);
        }
    }
}

/// Every title on a border ends in the border or in `…`: one cut by the border's
/// corner would show letters running into it.
fn titles_cut_with_a_mark(screen: &str) -> Result<(), String> {
    for (y, row) in screen.lines().enumerate() {
        let cells: Vec<char> = row.chars().collect();
        for x in 1..cells.len() {
            if matches!(cells[x], '┐' | '┓' | '┘' | '┛') {
                let before = cells[x - 1];
                if !matches!(before, '─' | '━' | ' ' | '…') {
                    return Err(format!("row {y} col {x}: {row:?}"));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn border_titles_are_cut_with_a_mark() {
    let views: [&[Action]; 10] = [
        &[],
        &[Action::Focus(4), Action::Open],
        &[Action::Focus(0), Action::Open],
        &[Action::Help],
        &[Action::ActorPicker],
        &[Action::Focus(5), Action::Zoom],
        &[Action::Focus(4), Action::OpenSource],
        &[Action::Focus(1), Action::OpenSource],
        &[Action::Focus(2), Action::Down, Action::Dossier],
        &[Action::LibraryTimeline],
    ];
    for (w, h) in [(40, 12), (44, 14), (50, 16), (60, 20), (80, 24)] {
        for (keys, down) in views.iter().flat_map(|k| [(k, 0), (k, 1)]) {
            let mut app = bundled();
            for _ in 0..down {
                app.update(Action::Down);
            }
            for k in keys.iter() {
                app.update(*k);
            }
            let terminal = draw(&mut app, w, h);
            let screen = screen_text(&terminal);
            if let Err(e) = titles_cut_with_a_mark(&screen) {
                panic!("{w}x{h} after {keys:?}: a title cut without `…` at {e}\n{screen}");
            }
        }
    }
}

/// The Overview's date and marking line is cut with `…` when the pane is narrow.
#[test]
fn the_overview_date_and_marking_line_is_cut_with_a_mark() {
    let mut checked = 0;
    for w in 60..=100 {
        for down in 0..4 {
            let mut app = bundled();
            for _ in 0..down {
                app.update(Action::Down);
            }
            let br = app.briefing().expect("a briefing");
            let date = br.date.human();
            let Some(marking) = br.classification.as_ref().map(|c| c.shown().to_string()) else {
                continue;
            };
            let terminal = draw(&mut app, w, 24);
            let screen = screen_text(&terminal);
            // The Overview's meta line: the date, in a pane that is not the title bar.
            for row in screen.lines().skip(1) {
                let Some(at) = row.find(&format!("{date}  ")) else {
                    continue;
                };
                let rest = &row[at + date.len()..];
                let inside = rest.split(['│', '┃']).next().unwrap_or(rest);
                if inside.contains(&marking) {
                    continue;
                }
                checked += 1;
                assert!(
                    inside.contains('…'),
                    "{w}x24: the marking {marking:?} is cut without `…`: {row:?}"
                );
            }
        }
    }
    assert!(checked > 0, "no size cut the Overview's marking line");
}

/// A message in an empty full-screen list is cut with `…` inside its border.
#[test]
fn an_empty_list_message_stays_inside_its_border() {
    let mut app = bundled();
    app.update(Action::Search);
    type_text(&mut app, "zzqqxx");
    app.update(Action::Apply);
    app.update(Action::LibraryTimeline);
    let terminal = draw(&mut app, 40, 12);
    let screen = screen_text(&terminal);
    let row = screen
        .lines()
        .find(|r| r.contains("No timeline"))
        .unwrap_or_else(|| panic!("no empty-list message:\n{screen}"));
    assert!(
        row.ends_with('┃') || row.ends_with('│'),
        "the message ran over the border: {row:?}"
    );
    assert!(row.contains('…'), "the cut message is not marked: {row:?}");
}
