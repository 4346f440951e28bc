//! The reader's behaviour without a terminal: navigation, focus, the actor filter,
//! search and the detail view, driven through `App::update` as keys would.

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
