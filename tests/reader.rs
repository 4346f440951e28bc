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
    match &app.overlay() {
        Some(Overlay::Detail { item, scroll }) => {
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
    let summary = app.filter_summary().unwrap();
    assert!(
        summary.starts_with("Actor: Tom Bossert \u{2014} timeline "),
        "{summary}"
    );
    assert!(summary.contains(&format!(
        "quotes {}/{}",
        app.shown().quotes.len(),
        br.quotes.len()
    )));
}

#[test]
fn actor_filter_is_any_of_the_selected_actors() {
    let mut app = wannacry();
    app.select_actors_by_name(&["Tom Bossert".into()]);
    let bossert = app.shown().quotes.len();
    app.update(Action::ClearActors);
    app.select_actors_by_name(&["Jeanette Manfra".into()]);
    let manfra = app.shown().quotes.len();
    app.update(Action::ClearActors);
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
        app.update(Action::ClearActors);
        app.select_actors_by_name(&[name.to_string()]);
        assert_eq!(app.filters().actors.len(), 1, "{name}");
        let ix = *app.filters().actors.iter().next().unwrap();
        assert_eq!(app.library().actors[ix].name, "North Korea", "{name}");
    }
    app.update(Action::ClearActors);
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
    app.update(Action::ClearActors);
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
    let first = app.search().current.unwrap();
    for _ in 0..n {
        app.update(Action::NextMatch);
    }
    assert_eq!(app.search().current, Some(first), "n wraps around");
    app.update(Action::PrevMatch);
    assert_eq!(app.search().current, Some((first + n - 1) % n));
    let (pane, row) = app.search().matches[app.search().current.unwrap()];
    assert_eq!(
        (app.focus(), app.cursor(pane)),
        (pane, row),
        "the cursor is on the match"
    );
    app.update(Action::Back);
    assert!(!app.searching(), "Esc clears the search");
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
    assert!(app.filter_summary().unwrap().starts_with("Actors: "));
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
fn key(app: &mut App, name: &str) {
    match brief::keymap::action(app.mode(), key_event(name)) {
        Some(action) => app.update(action),
        None => panic!("{name} does nothing in {:?}", app.mode()),
    }
}

fn keys(app: &mut App, names: &[&str]) {
    for n in names {
        key(app, n);
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
        assert!(
            brief::keymap::action(Mode::Reader, key_event(name)).is_some(),
            "the README lists {name}, which the reader does not know"
        );
    }
}

#[test]
fn tab_shift_tab_and_numbers_move_the_focus() {
    let mut app = bundled();
    assert_eq!(app.focus(), Pane::Briefings);
    key(&mut app, "Tab");
    assert_eq!(app.focus(), Pane::Overview);
    key(&mut app, "Shift-Tab");
    assert_eq!(app.focus(), Pane::Briefings);
    key(&mut app, "Shift-Tab");
    assert_eq!(app.focus(), Pane::Implications, "Shift-Tab wraps around");
    for (n, pane) in ["1", "2", "3", "4", "5", "6"].iter().zip(Pane::ALL) {
        key(&mut app, n);
        assert_eq!(app.focus(), pane, "{n}");
    }
}

#[test]
fn moving_and_paging_keys_move_by_a_row_a_page_or_to_an_end() {
    let mut app = wannacry();
    key(&mut app, "3");
    // A page is as many rows as the pane showed.
    draw(&mut app, 80, 14);
    let page = app.view().pane(Pane::Actors).page();
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
        key(&mut app, name);
        assert_eq!(at(&app), expected, "after {name}");
    }
}

#[test]
fn brackets_go_to_the_previous_and_next_briefing_in_the_list() {
    let mut app = bundled();
    let list = app.shown().briefings.clone();
    assert_eq!(app.current(), Some(list[0]));
    key(&mut app, "]");
    assert_eq!(app.current(), Some(list[1]));
    key(&mut app, "]");
    assert_eq!(app.current(), Some(list[2]));
    key(&mut app, "[");
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
    key(&mut app, "s");
    assert_eq!((app.sort(), titles(&app)), (Sort::Oldest, oldest));
    key(&mut app, "s");
    assert_eq!(app.sort(), Sort::Title);
    let mut by_title = titles(&app);
    by_title.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles(&app), by_title);
    key(&mut app, "s");
    assert_eq!((app.sort(), titles(&app)), (Sort::Newest, newest));
}

#[test]
fn f_space_and_capital_f_choose_and_clear_the_actor_filter() {
    let mut app = wannacry();
    key(&mut app, "f");
    assert!(
        matches!(app.overlay(), Some(Overlay::Picker(p)) if p.kind == PickerKind::Actors),
        "f opens the actor picker"
    );
    // Space in the picker selects: two actors, one found after the other.
    type_text(&mut app, "manfra");
    key(&mut app, "Space");
    keys(&mut app, &["Backspace"; 6]);
    type_text(&mut app, "bossert");
    key(&mut app, "Space");
    key(&mut app, "Enter");
    let names = |app: &App| -> Vec<String> {
        app.filters()
            .actors
            .iter()
            .map(|&i| app.library().actors[i].name.clone())
            .collect()
    };
    assert_eq!(names(&app), ["Tom Bossert", "Jeanette Manfra"]);
    key(&mut app, "F");
    assert!(app.filters().actors.is_empty(), "F clears the filter");
    // Space in the Actors pane selects the actor under the cursor, and again unselects.
    keys(&mut app, &["3", "j"]);
    key(&mut app, "Space");
    assert_eq!(names(&app), ["The White House"]);
    key(&mut app, "Space");
    assert!(app.filters().actors.is_empty());
}

#[test]
fn slash_n_and_capital_n_search_and_step_through_matches() {
    let mut app = wannacry();
    key(&mut app, "/");
    assert_eq!(app.mode(), Mode::Search);
    type_text(&mut app, "bossert");
    key(&mut app, "Enter");
    let first = app.search().current.expect("on a match");
    let n = app.search().matches.len();
    key(&mut app, "n");
    assert_eq!(app.search().current, Some((first + 1) % n));
    key(&mut app, "n");
    assert_eq!(app.search().current, Some((first + 2) % n));
    key(&mut app, "N");
    assert_eq!(app.search().current, Some((first + 1) % n));
    key(&mut app, "Esc");
    assert!(!app.searching(), "Esc clears the search");
}

#[test]
fn capital_a_t_and_e_open_the_full_screen_lists() {
    let mut app = bundled();
    // In the Actors pane, A opens that actor's dossier.
    keys(&mut app, &["3", "j", "j"]);
    let b = app.current().unwrap();
    let expected = app.library().actor_at(b, app.shown().actors[2]).unwrap();
    key(&mut app, "A");
    assert_eq!(
        app.screen().map(|s| s.kind),
        Some(ListKind::Dossier(expected))
    );
    key(&mut app, "Esc");
    assert!(app.screen().is_none());
    key(&mut app, "T");
    assert_eq!(app.screen().map(|s| s.kind), Some(ListKind::Timeline));
    key(&mut app, "E");
    assert_eq!(app.screen().map(|s| s.kind), Some(ListKind::Errors));
    key(&mut app, "Esc");
    assert!(app.screen().is_none());
}

#[test]
fn t_opens_the_tag_filter() {
    let mut app = bundled();
    key(&mut app, "t");
    let Some(Overlay::Picker(p)) = app.overlay() else {
        panic!("t opens the tag picker")
    };
    assert_eq!(p.kind, PickerKind::Tags);
    let first = p.choices[p.shown[0]].0.clone();
    key(&mut app, "Enter");
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
    key(&mut app, "Esc");
    assert_eq!(app.mode(), Mode::Reader);
    key(&mut app, "?");
    assert_eq!(app.mode(), Mode::Help);
    key(&mut app, "Esc");
    assert_eq!(
        brief::keymap::action(Mode::Reader, key_event("Ctrl-z")),
        Some(Action::Suspend),
        "the terminal loop suspends on it"
    );
    for quit in ["q", "Ctrl-c"] {
        let mut app = wannacry();
        key(&mut app, quit);
        assert!(app.quit_requested(), "{quit}");
    }
    // Ctrl-c quits even while typing a search or choosing actors.
    for open in ["/", "f"] {
        let mut app = wannacry();
        key(&mut app, open);
        key(&mut app, "Ctrl-c");
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
