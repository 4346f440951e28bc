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
