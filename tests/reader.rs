//! The reader's behaviour without a terminal: navigation, focus, the actor filter,
//! search and the detail view, driven through `App::update` as keys would, and every
//! key of the README pressed through the real key table (`keymap::action`).

mod ui_common;

use brief::app::{Action, Mode, Overlay, Pane};
use brief::library::lists::{ListKind, ListRow};
use brief::library::{Item, TimelineRow};
use ui_common::{bundled, draw, press, type_text, wannacry};

#[test]
fn one_briefing_hides_the_list_and_focus_cycles_over_five_panes() {
    let mut app = wannacry();
    assert!(!app.shows_list());
    assert_eq!(app.focus(), Pane::Timeline);
    let mut seen = Vec::new();
    for _ in 0..5 {
        app.update(Action::FocusNext);
        seen.push(app.focus());
    }
    assert_eq!(
        seen,
        [
            Pane::Quotes,
            Pane::Implications,
            Pane::Overview,
            Pane::Actors,
            Pane::Timeline
        ]
    );
    app.update(Action::FocusPrev);
    assert_eq!(app.focus(), Pane::Actors);
    app.update(Action::Focus(0));
    assert_eq!(
        app.focus(),
        Pane::Actors,
        "the hidden Briefings pane cannot take focus"
    );
    app.update(Action::Focus(4));
    assert_eq!(app.focus(), Pane::Quotes);
}

#[test]
fn a_library_starts_on_the_newest_briefing_with_the_list_focused() {
    let app = bundled();
    assert!(app.shows_list());
    assert_eq!(app.focus(), Pane::Briefings);
    let newest = app.briefing().unwrap();
    assert!(
        app.library()
            .briefings
            .iter()
            .all(|b| b.date <= newest.date)
    );
}

#[test]
fn moving_stays_within_bounds() {
    let mut app = wannacry();
    app.update(Action::Focus(4));
    let n = app.pane_len(Pane::Quotes);
    press(&mut app, &[Action::Up, Action::Up]);
    assert_eq!(app.cursor(Pane::Quotes), 0);
    for _ in 0..n + 5 {
        app.update(Action::Down);
    }
    assert_eq!(app.cursor(Pane::Quotes), n - 1);
    app.update(Action::First);
    assert_eq!(app.cursor(Pane::Quotes), 0);
    app.update(Action::Last);
    assert_eq!(app.cursor(Pane::Quotes), n - 1);
    app.update(Action::PageUp);
    assert!(app.cursor(Pane::Quotes) < n - 1);
    app.update(Action::PageDown);
    assert_eq!(app.cursor(Pane::Quotes), n - 1);
}

#[test]
fn brackets_step_through_the_library_and_stop_at_the_ends() {
    let mut app = bundled();
    let order: Vec<_> = app.shown().briefings.clone();
    assert_eq!(app.current(), Some(order[0]));
    app.update(Action::NextBriefing);
    assert_eq!(app.current(), Some(order[1]));
    for _ in 0..10 {
        app.update(Action::NextBriefing);
    }
    assert_eq!(app.current(), order.last().copied());
    assert_eq!(app.notice(), Some("Last briefing"));
    app.update(Action::PrevBriefing);
    assert_eq!(app.current(), Some(order[order.len() - 2]));
}

#[test]
fn enter_opens_the_item_in_full_and_esc_closes_it() {
    let mut app = wannacry();
    app.update(Action::Focus(4));
    app.update(Action::Down);
    app.update(Action::Open);
    let b = app.current().unwrap();
    match app.overlay() {
        Some(Overlay::Detail { item, scroll, .. }) => {
            assert_eq!(*item, Item::Quote(b, app.shown().quotes[1]));
            assert_eq!(*scroll, 0);
        }
        other => panic!("expected a detail, got {other:?}"),
    }
    assert_eq!(app.mode(), Mode::Detail);
    app.update(Action::Back);
    assert!(app.overlay().is_none());
    assert_eq!(app.mode(), Mode::Reader);
}

/// The status line's text, with room for all of it.
fn status(app: &brief::app::App) -> String {
    let line = brief::ui::status_line(&brief::ui::Drawing::builtin(app), 300);
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn filter_by(app: &mut brief::app::App, name: &str) {
    app.update(Action::ActorPicker);
    type_text(app, name);
    app.update(Action::Toggle);
    app.update(Action::Apply);
}

#[test]
fn actor_filter_keeps_only_items_involving_the_actor() {
    let mut app = wannacry();
    filter_by(&mut app, "bossert");
    let br = app.briefing().unwrap();
    assert!(!app.shown().quotes.is_empty());
    assert!(
        app.shown()
            .quotes
            .iter()
            .all(|&i| br.quotes[i].actor == "tom-bossert")
    );
    assert!(app.shown().quotes.len() < br.quotes.len());
    for row in &app.shown().timeline {
        if let TimelineRow::Entry(i) = row {
            assert!(br.timeline[*i].actors.iter().any(|a| a == "tom-bossert"));
        }
    }
    let summary = status(&app);
    let entries = app
        .shown()
        .timeline
        .iter()
        .filter(|r| matches!(r, TimelineRow::Entry(_)))
        .count();
    assert!(
        summary.starts_with(&format!(
            "Actor: Tom Bossert \u{b7} F clears \u{b7} {entries}/{} entries",
            br.timeline.len()
        )),
        "{summary}"
    );
    assert!(summary.contains(&format!(
        "{}/{} quotes",
        app.shown().quotes.len(),
        br.quotes.len()
    )));
}

#[test]
fn actor_filter_is_any_of_the_selected_actors() {
    let mut app = wannacry();
    app.select_actors_by_name(&["Tom Bossert".into()]);
    let bossert = app.shown().quotes.len();
    app.update(Action::ClearFilters);
    app.select_actors_by_name(&["Jeanette Manfra".into()]);
    let manfra = app.shown().quotes.len();
    app.update(Action::ClearFilters);
    app.select_actors_by_name(&["tom bossert".into(), "MANFRA".into()]);
    assert_eq!(app.shown().quotes.len(), bossert + manfra);
}

#[test]
fn actors_match_by_id_alias_case_and_punctuation() {
    let mut app = wannacry();
    for name in [
        "north-korea",
        "Pyongyang",
        "pyongyang",
        "north korea",
        "North  Korea!",
    ] {
        app.update(Action::ClearFilters);
        app.select_actors_by_name(&[name.to_string()]);
        assert_eq!(app.filters().actors.len(), 1, "{name}");
        let ix = *app.filters().actors.iter().next().unwrap();
        assert_eq!(app.library().actors[ix].name, "North Korea", "{name}");
    }
    app.update(Action::ClearFilters);
    app.select_actors_by_name(&["Nobody At All".into()]);
    assert!(app.filters().actors.is_empty());
    assert!(
        app.notice()
            .unwrap()
            .contains("No actor named Nobody At All")
    );
}

#[test]
fn space_in_the_actors_pane_toggles_that_actor() {
    let mut app = wannacry();
    app.update(Action::Focus(2));
    app.update(Action::Down);
    app.update(Action::ToggleActor);
    assert_eq!(app.filters().actors.len(), 1);
    app.update(Action::ToggleActor);
    assert!(app.filters().actors.is_empty());
}

#[test]
fn clearing_the_filter_returns_each_pane_to_where_it_was() {
    let mut app = wannacry();
    app.update(Action::Focus(4));
    press(&mut app, &[Action::Down, Action::Down, Action::Down]);
    app.update(Action::Focus(3));
    app.update(Action::Down);
    let before = (app.cursor(Pane::Quotes), app.cursor(Pane::Timeline));
    filter_by(&mut app, "manfra");
    app.update(Action::Focus(4));
    app.update(Action::Last);
    app.update(Action::ClearFilters);
    assert_eq!(
        (app.cursor(Pane::Quotes), app.cursor(Pane::Timeline)),
        before
    );
}

#[test]
fn the_picker_cancels_with_esc_and_narrows_by_alias() {
    let mut app = wannacry();
    app.update(Action::ActorPicker);
    type_text(&mut app, "pyongyang");
    let Some(Overlay::Picker(p)) = &app.overlay() else {
        panic!("picker closed")
    };
    assert_eq!(p.shown.len(), 1);
    assert_eq!(p.choices[p.shown[0]].0, "North Korea");
    app.update(Action::Toggle);
    app.update(Action::Back);
    assert!(app.overlay().is_none());
    assert!(app.filters().actors.is_empty(), "Esc applies nothing");
}

#[test]
fn a_filter_on_the_library_lists_only_briefings_involving_the_actor() {
    let mut app = bundled();
    app.select_actors_by_name(&["Veloria".into()]);
    let names: Vec<&str> = app
        .shown()
        .briefings
        .iter()
        .map(|&b| app.library().briefings[b].id.as_str())
        .collect();
    assert!(!names.is_empty());
    assert!(!names.contains(&"wannacry-attribution"));
    for &b in &app.shown().briefings {
        assert!(
            app.library().briefings[b]
                .actors
                .iter()
                .any(|a| a.name.shown().contains("Veloria")
                    || a.aliases.iter().any(|x| x.shown() == "Veloria"))
        );
    }
}

#[test]
fn search_counts_matches_and_n_wraps_around() {
    let mut app = wannacry();
    app.update(Action::Search);
    assert_eq!(app.mode(), Mode::Search);
    type_text(&mut app, "bossert");
    app.update(Action::Apply);
    assert_eq!(app.mode(), Mode::Reader);
    let n = app.search().matches.len();
    assert!(n > 3, "{n} matches");
    // n and N go through the matches of the focused pane, so the layout keeps still.
    let pane = app.focus();
    let here = app.matches_in(pane).len();
    assert!(here > 1, "{here} matches in {pane:?}");
    let first = app.search().current.unwrap();
    for _ in 0..here {
        app.update(Action::NextMatch);
        assert_eq!(app.focus(), pane, "n stays in the focused pane");
    }
    assert_eq!(app.search().current, Some(first), "n wraps around");
    assert!(app.notice().unwrap_or("").contains("wrapped"));
    app.update(Action::PrevMatch);
    let (at, row) = app.search().matches[app.search().current.unwrap()];
    assert_eq!(
        (app.focus(), app.cursor(at)),
        (pane, row),
        "the cursor is on the match"
    );
    app.update(Action::Back);
    assert!(app.searching(), "Esc does not clear the search");
    app.update(Action::ClearFilters);
    assert!(!app.searching(), "F clears it");

    // A pane without a match: n goes on to the next pane that has one.
    app.update(Action::Search);
    type_text(&mut app, "keyboard");
    app.update(Action::Apply);
    let none = (1..6)
        .find(|&i| app.matches_in(Pane::ALL[i]).is_empty())
        .expect("a pane without a match");
    app.update(Action::Focus(none));
    app.update(Action::NextMatch);
    let next = (none + 1..6)
        .chain(1..none)
        .find(|&i| !app.matches_in(Pane::ALL[i]).is_empty())
        .unwrap();
    assert_eq!(app.focus(), Pane::ALL[next]);
}

#[test]
fn search_is_case_insensitive_and_esc_while_typing_restores() {
    let mut app = wannacry();
    app.update(Action::Search);
    type_text(&mut app, "WANNACRY");
    assert!(!app.search().matches.is_empty());
    app.update(Action::Apply);
    app.update(Action::Search);
    type_text(&mut app, "zzz");
    app.update(Action::Back);
    assert_eq!(app.filters().query.text(), "WANNACRY");
}

#[test]
fn dossier_and_library_timeline_open_and_jump_back() {
    let mut app = bundled();
    app.open_dossier_by_name("Tessaline Security");
    let Some(screen) = &app.screen() else {
        panic!("no dossier")
    };
    assert!(matches!(screen.kind, ListKind::Dossier(_)));
    app.update(Action::Back);
    assert!(app.screen().is_none());
    app.update(Action::LibraryTimeline);
    let Some(screen) = &app.screen() else {
        panic!("no timeline")
    };
    let total: usize = app
        .library()
        .briefings
        .iter()
        .map(|b| b.timeline.len())
        .sum();
    let items = screen
        .rows
        .to_vec()
        .iter()
        .filter(|r| matches!(r, ListRow::Item(_)))
        .count();
    assert_eq!(items, total);
    app.update(Action::Down);
    app.update(Action::Open);
    assert!(app.screen().is_none());
    assert_eq!(app.focus(), Pane::Timeline);
}

#[test]
fn help_opens_and_closes() {
    let mut app = wannacry();
    app.update(Action::Help);
    assert_eq!(app.mode(), Mode::Help);
    app.update(Action::Down);
    app.update(Action::Back);
    assert_eq!(app.mode(), Mode::Reader);
    app.update(Action::Quit);
    assert!(app.quit_requested());
}

#[test]
fn the_mouse_is_off_unless_asked_and_then_clicks_select() {
    let mut app = wannacry();
    // A click is on what the last frame drew.
    draw(&mut app, 160, 50);
    let l = brief::ui::layout(&app, ratatui::layout::Rect::new(0, 0, 160, 50));
    let (_, quotes) = *l.panes.iter().find(|(p, _)| *p == Pane::Quotes).unwrap();
    // Each quote takes two lines: the third line inside the border is the second quote.
    let (x, y) = (quotes.x + 3, quotes.y + 1 + 2);
    app.update(Action::Click { x, y });
    assert_eq!(
        app.focus(),
        Pane::Timeline,
        "without --mouse a click does nothing"
    );
    app.set_mouse(true);
    app.update(Action::Click { x, y });
    assert_eq!((app.focus(), app.cursor(Pane::Quotes)), (Pane::Quotes, 1));
    app.update(Action::ScrollDown { x, y });
    assert_eq!(app.cursor(Pane::Quotes), 4, "the wheel moves three rows");
}

#[test]
fn the_picker_selects_several_actors_across_narrowings() {
    let mut app = wannacry();
    app.update(Action::ActorPicker);
    type_text(&mut app, "bossert");
    app.update(Action::Toggle);
    for _ in 0.."bossert".len() {
        app.update(Action::Erase);
    }
    type_text(&mut app, "manfra");
    app.update(Action::Toggle);
    app.update(Action::Apply);
    let names: Vec<&str> = app
        .filters()
        .actors
        .iter()
        .map(|&i| app.library().actors[i].name.as_str())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names.contains(&"Tom Bossert") && names.contains(&"Jeanette Manfra"),
        "{names:?}"
    );
    assert!(status(&app).starts_with("Actors: "), "{}", status(&app));
}

/// Presses a key as the terminal would deliver it: through the key table.
fn key(app: &mut brief::app::App, code: ratatui::crossterm::event::KeyCode, ctrl: bool) {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let mods = if ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    if let Some(a) = brief::keymap::Keymap::builtin().action(app.mode(), KeyEvent::new(code, mods))
    {
        app.update(a);
    }
}

fn ch(app: &mut brief::app::App, c: char) {
    key(app, ratatui::crossterm::event::KeyCode::Char(c), false);
}

fn esc(app: &mut brief::app::App) {
    key(app, ratatui::crossterm::event::KeyCode::Esc, false);
}

#[test]
fn q_closes_each_view_and_quits_only_from_the_panes() {
    let mut app = bundled();
    // A detail, the help over it, a full-screen list, a zoomed pane: q steps back.
    ch(&mut app, '5');
    key(&mut app, ratatui::crossterm::event::KeyCode::Enter, false);
    assert_eq!(app.mode(), Mode::Detail);
    ch(&mut app, '?');
    assert_eq!(app.mode(), Mode::Help);
    ch(&mut app, 'q');
    assert_eq!(
        app.mode(),
        Mode::Detail,
        "q closes the help back to the detail"
    );
    ch(&mut app, 'q');
    assert_eq!(app.mode(), Mode::Reader);
    ch(&mut app, 'T');
    assert_eq!(app.mode(), Mode::Screen);
    ch(&mut app, 'q');
    assert_eq!(app.mode(), Mode::Reader);
    ch(&mut app, 'z');
    assert!(app.zoomed());
    ch(&mut app, 'q');
    assert!(
        !app.zoomed() && !app.quit_requested(),
        "q leaves the zoomed pane first"
    );
    // In a picker q is a letter.
    ch(&mut app, 'f');
    ch(&mut app, 'q');
    match app.overlay() {
        Some(Overlay::Picker(p)) => assert_eq!(p.query.text(), "q"),
        other => panic!("the picker closed: {other:?}"),
    }
    esc(&mut app);
    assert!(!app.quit_requested());
    ch(&mut app, 'q');
    assert!(app.quit_requested(), "q quits from the panes");

    // Ctrl-c quits from anywhere, a picker and a detail included.
    for open in ['f', '?', 'T'] {
        let mut app = bundled();
        ch(&mut app, open);
        key(
            &mut app,
            ratatui::crossterm::event::KeyCode::Char('c'),
            true,
        );
        assert!(app.quit_requested(), "Ctrl-c after {open}");
    }
}

#[test]
fn esc_never_clears_a_filter_and_f_clears_them_all() {
    let mut app = bundled();
    app.select_actors_by_name(&["Tom Bossert".into()]);
    app.update(Action::TagPicker);
    type_text(&mut app, "cyber");
    app.update(Action::Apply);
    app.update(Action::Search);
    type_text(&mut app, "attribution");
    app.update(Action::Apply);
    for _ in 0..3 {
        esc(&mut app);
    }
    assert_eq!(app.filters().actors.len(), 1);
    assert_eq!(app.filters().tags.len(), 1);
    assert!(app.searching());
    // The message names the keys in force: the built-in ones here.
    let said = app
        .notice_with_keys()
        .map(|n| n.show(|a| brief::ui::Drawing::builtin(&app).any_key(a)))
        .unwrap_or_default();
    assert!(said.contains("F clears"), "{said}");
    ch(&mut app, 'F');
    assert!(app.filters().actors.is_empty() && app.filters().tags.is_empty());
    assert!(!app.searching());
    assert_eq!(app.shown().briefings.len(), 4);
}

fn picker(app: &brief::app::App) -> &brief::app::Picker {
    match app.overlay() {
        Some(Overlay::Picker(p)) => p,
        other => panic!("no picker: {other:?}"),
    }
}

#[test]
fn the_picker_types_spaces_marks_with_tab_and_applies_the_highlighted_row() {
    let mut app = bundled();
    ch(&mut app, 'f');
    for c in "united s".chars() {
        ch(&mut app, c);
    }
    let p = picker(&app);
    assert_eq!(p.query.text(), "united s");
    assert!(p.chosen.is_empty(), "Space typed, marked nothing");
    assert_eq!(p.choices[p.shown[p.cursor]].0, "United States");
    key(&mut app, ratatui::crossterm::event::KeyCode::Enter, false);
    let names: Vec<&str> = app
        .filters()
        .actors
        .iter()
        .map(|&i| app.library().actors[i].name.as_str())
        .collect();
    assert_eq!(names, ["United States"]);

    // Tab marks; Enter applies the marked rows, not the highlighted one.
    ch(&mut app, 'f');
    assert!(picker(&app).chosen.is_empty(), "a picker starts unmarked");
    for c in "tom b".chars() {
        ch(&mut app, c);
    }
    key(&mut app, ratatui::crossterm::event::KeyCode::Tab, false);
    for _ in 0..5 {
        key(
            &mut app,
            ratatui::crossterm::event::KeyCode::Backspace,
            false,
        );
    }
    for c in "manfra".chars() {
        ch(&mut app, c);
    }
    key(&mut app, ratatui::crossterm::event::KeyCode::Tab, false);
    for c in " x".chars() {
        ch(&mut app, c);
    }
    let p = picker(&app);
    assert_eq!(p.chosen.len(), 2);
    assert_eq!(p.shown.len(), 2, "both marks stay in view");
    key(&mut app, ratatui::crossterm::event::KeyCode::Enter, false);
    let mut names: Vec<&str> = app
        .filters()
        .actors
        .iter()
        .map(|&i| app.library().actors[i].name.as_str())
        .collect();
    names.sort();
    assert_eq!(names, ["Jeanette Manfra", "Tom Bossert"]);
}

#[test]
fn the_picker_finds_an_actor_by_alias_or_id_and_says_which() {
    let mut app = bundled();
    for (typed, name, why) in [
        ("pyongyang", "North Korea", "alias: Pyongyang"),
        (
            "cs-and-c",
            "Office of Cybersecurity and Communications",
            "id: cs-and-c",
        ),
        ("tg 4471", "Rust Marten", "alias: TG-4471"),
        ("bossert", "Tom Bossert", ""),
    ] {
        app.update(Action::ActorPicker);
        type_text(&mut app, typed);
        let p = picker(&app);
        let i = p.shown[p.cursor];
        assert_eq!(p.choices[i].0, name, "{typed}");
        assert_eq!(p.why[i].as_deref(), Some(why), "{typed}");
        app.update(Action::Back);
    }
    // The tag picker types spaces too.
    app.update(Action::TagPicker);
    type_text(&mut app, "critical inf");
    let p = picker(&app);
    assert_eq!(p.choices[p.shown[p.cursor]].0, "critical infrastructure");
}

#[test]
fn a_opens_the_dossier_of_the_actor_in_view() {
    let mut app = wannacry();
    // The one actor filtered to, wherever the Actors pane's cursor was left.
    app.update(Action::Focus(2));
    app.update(Action::Last);
    app.select_actors_by_name(&["Jeanette Manfra".into()]);
    app.update(Action::Dossier);
    let manfra = *app.filters().actors.iter().next().unwrap();
    assert_eq!(
        app.screen().map(|s| s.kind),
        Some(ListKind::Dossier(manfra))
    );
    app.update(Action::Back);
    app.update(Action::ClearFilters);
    // No filter: the highlighted actor of the focused Actors pane.
    app.update(Action::First);
    app.update(Action::Dossier);
    let first = app.library().actor_at(app.current().unwrap(), 0).unwrap();
    assert_eq!(app.screen().map(|s| s.kind), Some(ListKind::Dossier(first)));
    app.update(Action::Back);
    // Nothing to go by: a picker to choose, whose Enter opens the dossier.
    app.update(Action::Focus(3));
    app.update(Action::Dossier);
    assert_eq!(picker(&app).kind, brief::app::PickerKind::Dossier);
    type_text(&mut app, "lazarus");
    app.update(Action::Apply);
    let kind = app.screen().map(|s| s.kind);
    let Some(ListKind::Dossier(ix)) = kind else {
        panic!("no dossier: {kind:?}")
    };
    assert_eq!(app.library().actors[ix].name, "Lazarus Group");
}

#[test]
fn j_and_k_page_through_the_list_a_detail_came_from() {
    let mut app = wannacry();
    app.select_actors_by_name(&["Tom Bossert".into()]);
    app.update(Action::Focus(4));
    app.update(Action::Open);
    let b = app.current().unwrap();
    let mut seen = Vec::new();
    loop {
        match app.overlay() {
            Some(Overlay::Detail { item, .. }) => seen.push(*item),
            other => panic!("the detail closed: {other:?}"),
        }
        let before = seen.len();
        app.update(Action::NextItem);
        if matches!(app.overlay(), Some(Overlay::Detail { item, .. }) if Some(item) == seen.last())
        {
            assert_eq!(before, app.shown().quotes.len());
            break;
        }
    }
    let all: Vec<Item> = app
        .shown()
        .quotes
        .iter()
        .map(|&i| Item::Quote(b, i))
        .collect();
    assert_eq!(seen, all, "J goes through every quote in the pane's order");
    assert!(app.notice().unwrap_or("").contains("last"));
    app.update(Action::PrevItem);
    app.update(Action::Back);
    assert_eq!(
        app.cursor(Pane::Quotes),
        all.len() - 2,
        "closing returns to the last quote read"
    );
}

#[test]
fn help_closes_back_to_exactly_where_it_was_opened() {
    let mut app = wannacry();
    app.update(Action::Focus(4));
    app.update(Action::Down);
    app.update(Action::Open);
    press(&mut app, &[Action::Down, Action::Down]);
    let before = format!("{:?}", app.overlay());
    app.update(Action::Help);
    assert_eq!(app.mode(), Mode::Help);
    app.update(Action::Down);
    app.update(Action::Back);
    assert_eq!(format!("{:?}", app.overlay()), before);
}

// ---- every key of the README, through the real key table ----

use brief::app::{App, PickerKind, Sort};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as the README and the help write it (`j`, `Shift-Tab`, `Ctrl-u`, `PgDn`, `↓`),
/// as the terminal reports it.
fn key_event(name: &str) -> KeyEvent {
    let (code, modifiers) = match name {
        "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "Shift-Tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
        "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
        "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
        "Home" => (KeyCode::Home, KeyModifiers::NONE),
        "End" => (KeyCode::End, KeyModifiers::NONE),
        "↓" => (KeyCode::Down, KeyModifiers::NONE),
        "↑" => (KeyCode::Up, KeyModifiers::NONE),
        _ => match name.strip_prefix("Ctrl-") {
            Some(c) => (
                KeyCode::Char(c.chars().next().unwrap()),
                KeyModifiers::CONTROL,
            ),
            None => {
                let mut chars = name.chars();
                let c = chars.next().unwrap();
                assert!(chars.next().is_none(), "unknown key name {name:?}");
                let shift = if c.is_uppercase() {
                    KeyModifiers::SHIFT
                } else {
                    KeyModifiers::NONE
                };
                (KeyCode::Char(c), shift)
            }
        },
    };
    KeyEvent::new(code, modifiers)
}

/// Presses a key: the key table says what it means in the current mode.
fn hit_key(app: &mut App, name: &str) {
    match brief::keymap::Keymap::builtin().action(app.mode(), key_event(name)) {
        Some(action) => app.update(action),
        None => panic!("{name} does nothing in {:?}", app.mode()),
    }
}

fn keys(app: &mut App, names: &[&str]) {
    for n in names {
        hit_key(app, n);
    }
}

#[test]
fn every_key_in_the_readme_is_bound_in_the_reader() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = readme
        .split("### Keys")
        .nth(1)
        .expect("a Keys section")
        .lines()
        .filter(|l| l.starts_with("| `"));
    let mut names = Vec::new();
    for row in table {
        let cell = row.split('|').nth(1).unwrap();
        names.extend(cell.split('`').skip(1).step_by(2));
    }
    assert!(names.len() > 30, "{names:?}");
    for name in names {
        // `J` and `K` step through the items of an open view, and only there.
        let mode = if matches!(name, "J" | "K") {
            Mode::Detail
        } else {
            Mode::Reader
        };
        assert!(
            brief::keymap::Keymap::builtin()
                .action(mode, key_event(name))
                .is_some(),
            "the README lists {name}, which the reader does not know in {mode:?}"
        );
    }
}

#[test]
fn tab_shift_tab_and_numbers_move_the_focus() {
    let mut app = bundled();
    assert_eq!(app.focus(), Pane::Briefings);
    hit_key(&mut app, "Tab");
    assert_eq!(app.focus(), Pane::Overview);
    hit_key(&mut app, "Shift-Tab");
    assert_eq!(app.focus(), Pane::Briefings);
    hit_key(&mut app, "Shift-Tab");
    assert_eq!(app.focus(), Pane::Implications, "Shift-Tab wraps around");
    for (n, pane) in ["1", "2", "3", "4", "5", "6"].iter().zip(Pane::ALL) {
        hit_key(&mut app, n);
        assert_eq!(app.focus(), pane, "{n}");
    }
}

#[test]
fn moving_and_paging_keys_move_by_a_row_a_page_or_to_an_end() {
    let mut app = wannacry();
    hit_key(&mut app, "3");
    // A page is as many rows as the pane showed.
    draw(&mut app, 80, 14);
    // A page keeps one row of the last in view.
    let page = app.view().pane(Pane::Actors).page() - 1;
    let n = app.pane_len(Pane::Actors);
    assert!(page > 3 && n > 2 * page, "{n} actors, {page} a page");
    let at = |app: &App| app.cursor(Pane::Actors);
    for (name, expected) in [
        ("j", 1),
        ("↓", 2),
        ("k", 1),
        ("↑", 0),
        ("PgDn", page),
        ("Ctrl-d", 2 * page),
        ("PgUp", page),
        ("Ctrl-u", 0),
        ("End", n - 1),
        ("Home", 0),
        ("G", n - 1),
        ("g", 0),
    ] {
        hit_key(&mut app, name);
        assert_eq!(at(&app), expected, "after {name}");
    }
}

#[test]
fn brackets_go_to_the_previous_and_next_briefing_in_the_list() {
    let mut app = bundled();
    let list = app.shown().briefings.clone();
    assert_eq!(app.current(), Some(list[0]));
    hit_key(&mut app, "]");
    assert_eq!(app.current(), Some(list[1]));
    hit_key(&mut app, "]");
    assert_eq!(app.current(), Some(list[2]));
    hit_key(&mut app, "[");
    assert_eq!(app.current(), Some(list[1]));
}

#[test]
fn s_cycles_the_sort_of_the_list_through_oldest_title_and_newest() {
    let mut app = bundled();
    let titles = |app: &App| -> Vec<String> {
        app.shown()
            .briefings
            .iter()
            .map(|&b| app.library().briefings[b].title.shown().to_string())
            .collect()
    };
    let mut by_date: Vec<(String, String)> = app
        .library()
        .briefings
        .iter()
        .map(|b| (b.date.to_string(), b.title.shown().to_string()))
        .collect();
    by_date.sort();
    let oldest: Vec<String> = by_date.iter().map(|(_, t)| t.clone()).collect();
    let newest: Vec<String> = oldest.iter().rev().cloned().collect();
    assert_eq!(titles(&app), newest);
    hit_key(&mut app, "s");
    assert_eq!((app.sort(), titles(&app)), (Sort::Oldest, oldest));
    hit_key(&mut app, "s");
    assert_eq!(app.sort(), Sort::Title);
    let mut by_title = titles(&app);
    by_title.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles(&app), by_title);
    hit_key(&mut app, "s");
    assert_eq!((app.sort(), titles(&app)), (Sort::Newest, newest));
}

#[test]
fn f_space_and_capital_f_choose_and_clear_the_actor_filter() {
    let mut app = wannacry();
    hit_key(&mut app, "f");
    assert!(
        matches!(app.overlay(), Some(Overlay::Picker(p)) if p.kind == PickerKind::Actors),
        "f opens the actor picker"
    );
    // Tab in the picker marks a row: two actors, one found after the other.
    type_text(&mut app, "manfra");
    hit_key(&mut app, "Tab");
    keys(&mut app, &["Backspace"; 6]);
    type_text(&mut app, "bossert");
    hit_key(&mut app, "Tab");
    hit_key(&mut app, "Enter");
    let names = |app: &App| -> Vec<String> {
        app.filters()
            .actors
            .iter()
            .map(|&i| app.library().actors[i].name.clone())
            .collect()
    };
    assert_eq!(names(&app), ["Tom Bossert", "Jeanette Manfra"]);
    hit_key(&mut app, "F");
    assert!(app.filters().actors.is_empty(), "F clears the filter");
    // Space in the Actors pane selects the actor under the cursor, and again unselects.
    keys(&mut app, &["3", "j"]);
    hit_key(&mut app, "Space");
    assert_eq!(names(&app), ["The White House"]);
    hit_key(&mut app, "Space");
    assert!(app.filters().actors.is_empty());
}

#[test]
fn slash_n_and_capital_n_search_and_step_through_matches() {
    let mut app = wannacry();
    hit_key(&mut app, "/");
    assert_eq!(app.mode(), Mode::Search);
    type_text(&mut app, "bossert");
    hit_key(&mut app, "Enter");
    let first = app.search().current.expect("on a match");
    let n = app.search().matches.len();
    hit_key(&mut app, "n");
    assert_eq!(app.search().current, Some((first + 1) % n));
    hit_key(&mut app, "n");
    assert_eq!(app.search().current, Some((first + 2) % n));
    hit_key(&mut app, "N");
    assert_eq!(app.search().current, Some((first + 1) % n));
    hit_key(&mut app, "Esc");
    assert!(app.searching(), "Esc in the panes keeps the search");
    hit_key(&mut app, "F");
    assert!(!app.searching(), "F clears the search");
}

#[test]
fn capital_a_t_and_e_open_the_full_screen_lists() {
    let mut app = bundled();
    // In the Actors pane, A opens that actor's dossier.
    keys(&mut app, &["3", "j", "j"]);
    let b = app.current().unwrap();
    let expected = app.library().actor_at(b, app.shown().actors[2]).unwrap();
    hit_key(&mut app, "A");
    assert_eq!(
        app.screen().map(|s| s.kind),
        Some(ListKind::Dossier(expected))
    );
    hit_key(&mut app, "Esc");
    assert!(app.screen().is_none());
    hit_key(&mut app, "T");
    assert_eq!(app.screen().map(|s| s.kind), Some(ListKind::Timeline));
    hit_key(&mut app, "E");
    assert_eq!(app.screen().map(|s| s.kind), Some(ListKind::Errors));
    hit_key(&mut app, "Esc");
    assert!(app.screen().is_none());
}

#[test]
fn t_opens_the_tag_filter() {
    let mut app = bundled();
    hit_key(&mut app, "t");
    let Some(Overlay::Picker(p)) = app.overlay() else {
        panic!("t opens the tag picker")
    };
    assert_eq!(p.kind, PickerKind::Tags);
    let first = p.choices[p.shown[0]].0.clone();
    hit_key(&mut app, "Enter");
    assert_eq!(app.filters().tags.iter().collect::<Vec<_>>(), [&first]);
    assert!(app.shown().briefings.iter().all(|&b| {
        app.library().briefings[b]
            .tags
            .iter()
            .any(|t| t.shown() == first)
    }));
}

#[test]
fn enter_esc_help_quit_and_suspend_keys() {
    let mut app = wannacry();
    keys(&mut app, &["5", "Enter"]);
    assert_eq!(app.mode(), Mode::Detail);
    hit_key(&mut app, "Esc");
    assert_eq!(app.mode(), Mode::Reader);
    hit_key(&mut app, "?");
    assert_eq!(app.mode(), Mode::Help);
    hit_key(&mut app, "Esc");
    assert_eq!(
        brief::keymap::Keymap::builtin().action(Mode::Reader, key_event("Ctrl-z")),
        Some(Action::Suspend),
        "the terminal loop suspends on it"
    );
    for quit in ["q", "Ctrl-c"] {
        let mut app = wannacry();
        hit_key(&mut app, quit);
        assert!(app.quit_requested(), "{quit}");
    }
    // Ctrl-c quits even while typing a search or choosing actors.
    for open in ["/", "f"] {
        let mut app = wannacry();
        hit_key(&mut app, open);
        hit_key(&mut app, "Ctrl-c");
        assert!(app.quit_requested(), "Ctrl-c after {open}");
    }
}

/// The Overview is one match when its own texts (title, summary, marking, tags, event,
/// sources) have the query, and none otherwise.
#[test]
fn the_overview_is_a_match_only_when_its_texts_match() {
    let mut seen = [false, false];
    for query in [
        "keyboards",
        "wannacry",
        "bossert",
        "grobman",
        "lazarus",
        "zzz",
    ] {
        let mut app = wannacry();
        app.update(Action::Search);
        type_text(&mut app, query);
        let br = app.briefing().unwrap();
        let in_overview = brief::library::search::overview_texts(br)
            .iter()
            .any(|t| t.to_lowercase().contains(query));
        let overview_matches = app
            .search()
            .matches
            .iter()
            .filter(|(p, _)| *p == Pane::Overview)
            .count();
        assert_eq!(overview_matches, usize::from(in_overview), "{query}");
        seen[usize::from(in_overview)] |= !app.search().matches.is_empty();
    }
    assert_eq!(
        seen,
        [true, true],
        "queries found elsewhere, and in the Overview"
    );
}

/// Any one filter alone (an actor, a tag, a search) is a filter: Esc then says how
/// filters are cleared, and F clears it without saying there was none. With none,
/// Esc says nothing and F says there is nothing to clear.
#[test]
fn each_filter_alone_counts_as_a_filter() {
    let said = |app: &brief::app::App| -> String {
        app.notice_with_keys()
            .map(|n| n.show(|a| brief::ui::Drawing::builtin(app).any_key(a)))
            .unwrap_or_default()
    };
    let mut app = bundled();
    esc(&mut app);
    assert_eq!(said(&app), "");
    ch(&mut app, 'F');
    assert_eq!(said(&app), "No filter to clear");

    let by_actor = |app: &mut brief::app::App| app.select_actors_by_name(&["Tom Bossert".into()]);
    let by_tag = |app: &mut brief::app::App| {
        app.update(Action::TagPicker);
        type_text(app, "cyber");
        app.update(Action::Apply);
    };
    let by_search = |app: &mut brief::app::App| {
        app.update(Action::Search);
        type_text(app, "attribution");
        app.update(Action::Apply);
    };
    type SetFilter<'a> = (&'a str, &'a dyn Fn(&mut brief::app::App));
    let filters: [SetFilter; 3] = [
        ("actor", &by_actor),
        ("tag", &by_tag),
        ("search", &by_search),
    ];
    for (what, set) in filters {
        let mut app = bundled();
        set(&mut app);
        esc(&mut app);
        assert!(
            said(&app).contains("F clears the filters"),
            "{what}: {}",
            said(&app)
        );
        ch(&mut app, 'F');
        assert!(!said(&app).contains("No filter"), "{what}: {}", said(&app));
        assert!(!app.filters().is_active(), "{what}");
    }
}
