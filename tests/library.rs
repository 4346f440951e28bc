//! A library of briefings: one actor followed across files, its dossier, the merged
//! timeline, files with errors, and a reader that works while files still arrive.

mod ui_common;

use std::path::{Path, PathBuf};

use brief::app::{Action, App, Progress};
use brief::library::lists::{self, ListKind, ListRow};
use brief::library::{FailedFile, Item, Library};
use brief::load;
use ui_common::{draw, screen_text, type_text};

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Loads a folder the way the reader does: good files into the library, the rest listed.
fn open(dir: &Path) -> Library {
    let files = load::discover(&[dir.to_path_buf()]).unwrap();
    let mut briefings = Vec::new();
    let mut failed = Vec::new();
    for (path, l) in files
        .iter()
        .zip(load::load_all(&files, &Default::default()))
    {
        match l {
            Ok(b) => briefings.push(b),
            Err(problems) => failed.push(FailedFile {
                path: path.clone(),
                problems,
            }),
        }
    }
    Library::new(briefings, failed)
}

fn following() -> App {
    App::new(open(&fixture_dir("following")))
}

#[test]
fn the_same_actor_is_one_across_files_by_name_alias_case_and_punctuation() {
    let lib = open(&fixture_dir("following"));
    let nk = lib.find_actors("north korea");
    assert_eq!(nk.len(), 1, "one library actor");
    let actor = &lib.actors[nk[0]];
    assert_eq!(
        actor.appearances.len(),
        3,
        "named in all three briefings: {actor:?}"
    );
    for name in [
        "DPRK",
        "Democratic People's Republic of Korea",
        "NORTH  KOREA.",
        "north-korea",
        "nk",
        "dprk",
    ] {
        assert_eq!(lib.find_actors(name), nk, "{name}");
    }
    assert_ne!(lib.find_actors("South Korea"), nk);
    // Aliases of every file are known, the commonest spelling is the name.
    assert!(actor.aliases.iter().any(|a| a == "DPRK"));
}

#[test]
fn filtering_by_actor_lists_only_briefings_that_involve_it() {
    let mut app = following();
    app.select_actors_by_name(&["South Korea".into()]);
    let titles: Vec<&str> = app
        .shown()
        .briefings
        .iter()
        .map(|&b| app.library().briefings[b].title.shown())
        .collect();
    assert_eq!(titles, ["Regional analysis"]);
    app.update(Action::ClearFilters);
    app.select_actors_by_name(&["DPRK".into()]);
    assert_eq!(app.shown().briefings.len(), 3);
}

#[test]
fn the_dossier_gathers_the_actor_from_every_briefing() {
    let mut app = following();
    app.open_dossier_by_name("North Korea");
    let screen = app.screen().expect("dossier open");
    let lib = &app.library();
    let items: Vec<Item> = screen
        .rows
        .iter()
        .filter_map(|r| match r {
            ListRow::Item(i) => Some(*i),
            _ => None,
        })
        .collect();
    let appearances = items
        .iter()
        .filter(|i| matches!(i, Item::Actor(..)))
        .count();
    assert_eq!(appearances, 3);
    let entries: Vec<String> = items
        .iter()
        .filter_map(|i| match *i {
            Item::Entry(b, e) => Some(lib.briefings[b].timeline[e].date.to_string()),
            _ => None,
        })
        .collect();
    // Merged across files, chronological, coarser first at equal instants; the
    // +09:00 instant is 11 May in UTC, before the day 12 May.
    assert_eq!(
        entries,
        [
            "2017",
            "2017-05",
            "2017-05-12T08:00:00+09:00",
            "2017-05-12",
            "2017-12-19"
        ]
    );
    let quotes: Vec<&str> = items
        .iter()
        .filter_map(|i| match *i {
            Item::Quote(b, q) => Some(lib.briefings[b].quotes[q].text.shown()),
            _ => None,
        })
        .collect();
    assert_eq!(
        quotes,
        ["The accusation is groundless."],
        "only its own words, not KCNA's"
    );
    let implications = items
        .iter()
        .filter(|i| matches!(i, Item::Implication(..)))
        .count();
    assert_eq!(implications, 1);
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("Dossier: North Korea"), "{text}");
    assert!(
        text.contains("as Democratic People's Republic of Korea"),
        "{text}"
    );
}

#[test]
fn enter_in_the_dossier_goes_to_the_item_in_its_briefing() {
    let mut app = following();
    app.open_dossier_by_name("dprk");
    let ListKind::Dossier(_) = app.screen().unwrap().kind else {
        panic!()
    };
    // Move to the first quote and open it.
    let rows = app.screen().unwrap().rows.clone();
    let at = rows
        .iter()
        .position(|r| matches!(r, ListRow::Item(Item::Quote(..))))
        .unwrap();
    while app.screen().unwrap().cursor < at {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    assert!(app.screen().is_none());
    assert_eq!(
        app.briefing().unwrap().title.shown(),
        "Pyongyang denies involvement"
    );
    assert_eq!(app.focus(), brief::app::Pane::Quotes);
}

#[test]
fn the_library_timeline_merges_every_file_and_follows_filter_and_search() {
    let mut app = following();
    app.update(Action::LibraryTimeline);
    let dates = |app: &App| -> Vec<String> {
        app.screen()
            .as_ref()
            .unwrap()
            .rows
            .iter()
            .filter_map(|r| match r {
                ListRow::Item(Item::Entry(b, e)) => {
                    Some(app.library().briefings[*b].timeline[*e].date.to_string())
                }
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        dates(&app),
        [
            "2017",
            "2017-05",
            "2017-05-12T08:00:00+09:00",
            "2017-05-12",
            "2017-09",
            "2017-12-19"
        ]
    );
    app.update(Action::Back);
    app.select_actors_by_name(&["south korea".into()]);
    app.update(Action::LibraryTimeline);
    assert_eq!(dates(&app), ["2017-05-12T08:00:00+09:00", "2017-09"]);
    app.update(Action::Back);
    app.update(Action::ClearFilters);
    app.update(Action::Search);
    type_text(&mut app, "infections");
    app.update(Action::Apply);
    app.update(Action::LibraryTimeline);
    assert_eq!(dates(&app), ["2017-05-12"]);
}

#[test]
fn the_list_sorts_by_date_or_title_and_filters_by_tag() {
    let mut app = following();
    let titles = |app: &App| -> Vec<String> {
        app.shown()
            .briefings
            .iter()
            .map(|&b| app.library().briefings[b].title.shown().to_string())
            .collect()
    };
    assert_eq!(
        titles(&app),
        [
            "Regional analysis",
            "Pyongyang denies involvement",
            "Attribution announced"
        ]
    );
    app.update(Action::CycleSort);
    assert_eq!(
        titles(&app),
        [
            "Attribution announced",
            "Pyongyang denies involvement",
            "Regional analysis"
        ]
    );
    app.update(Action::CycleSort);
    assert_eq!(
        titles(&app),
        [
            "Attribution announced",
            "Pyongyang denies involvement",
            "Regional analysis"
        ]
    );
    app.update(Action::CycleSort);
    app.update(Action::TagPicker);
    type_text(&mut app, "cyber");
    app.update(Action::Apply);
    assert_eq!(
        titles(&app),
        ["Pyongyang denies involvement", "Attribution announced"]
    );
}

#[test]
fn searching_the_list_counts_matches_per_briefing() {
    let mut app = following();
    app.update(Action::Search);
    type_text(&mut app, "korea");
    app.update(Action::Apply);
    let counts: Vec<(String, usize)> = app
        .shown()
        .briefings
        .iter()
        .map(|&b| {
            (
                app.library().briefings[b].id.clone(),
                app.shown().match_counts[&b],
            )
        })
        .collect();
    assert_eq!(counts.len(), 3);
    assert!(counts.iter().all(|(_, n)| *n >= 1), "{counts:?}");
    let text = screen_text(&draw(&mut app, 100, 30));
    assert!(
        text.contains("\u{00d7} Regional"),
        "match counts shown in the list: {text}"
    );
}

#[test]
fn bad_files_do_not_stop_the_library_and_are_listed_in_the_errors_view() {
    let lib = open(&fixture_dir("library"));
    assert_eq!(lib.briefings.len(), 1);
    assert_eq!(lib.failed.len(), 1);
    let mut app = App::new(lib);
    let text = screen_text(&draw(&mut app, 100, 30));
    assert!(text.contains("1 file with errors (E)"), "{text}");
    app.update(Action::Errors);
    let text = screen_text(&draw(&mut app, 100, 30));
    assert!(text.contains("Files with errors: 1"), "{text}");
    assert!(text.contains("bad.yaml"), "{text}");
}

#[test]
fn the_reader_works_while_files_are_still_arriving() {
    let lib = open(&fixture_dir("following"));
    let mut app = App::new(Library::default());
    app.start_loading();
    let text = screen_text(&draw(&mut app, 100, 30));
    assert!(text.contains("Loading 0 / 0"), "{text}");
    let mut briefings = lib.briefings.clone().into_iter();
    app.receive(
        briefings.next().into_iter().collect(),
        Vec::new(),
        Progress { done: 1, total: 3 },
    );
    let text = screen_text(&draw(&mut app, 100, 30));
    assert!(text.contains("Loading 1 / 3"), "{text}");
    assert!(text.contains("Attribution announced"), "{text}");
    // Usable meanwhile: move, filter, open.
    app.update(Action::Down);
    app.select_actors_by_name(&["DPRK".into()]);
    app.receive(
        briefings.collect(),
        Vec::new(),
        Progress { done: 3, total: 3 },
    );
    assert!(app.loading().is_none());
    assert_eq!(
        app.shown().briefings.len(),
        3,
        "a name not known at first is matched once its file arrives"
    );
    let text = screen_text(&draw(&mut app, 100, 30));
    assert!(!text.contains("Loading"), "{text}");
}

#[test]
fn check_warns_of_an_id_used_twice_without_failing() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(fixture_dir("following").join("a-attribution.yaml")).unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("same.yaml"), &src).unwrap();
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("check")
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("b/same.yaml:1:1: warning: briefing id `same` is also used by"),
        "{stderr}"
    );
    assert!(
        stdout.contains("2 briefings checked, 0 with errors"),
        "{stdout}"
    );
}

#[test]
fn while_loading_the_newest_briefing_is_shown_until_the_user_picks_one() {
    let lib = open(&fixture_dir("following"));
    let mut app = App::new(Library::default());
    app.start_loading();
    let mut briefings = lib.briefings.clone().into_iter();
    app.receive(
        briefings.next().into_iter().collect(),
        Vec::new(),
        Progress { done: 1, total: 3 },
    );
    assert_eq!(
        app.briefing().unwrap().title.shown(),
        "Attribution announced"
    );
    app.receive(
        briefings.next().into_iter().collect(),
        Vec::new(),
        Progress { done: 2, total: 3 },
    );
    assert_eq!(
        app.briefing().unwrap().title.shown(),
        "Pyongyang denies involvement",
        "newest first"
    );
    app.update(Action::Down);
    app.receive(
        briefings.collect(),
        Vec::new(),
        Progress { done: 3, total: 3 },
    );
    assert_eq!(
        app.briefing().unwrap().title.shown(),
        "Attribution announced",
        "the user's choice stays"
    );
}

#[test]
fn an_open_library_timeline_follows_a_filter_set_from_it() {
    let mut app = following();
    app.update(Action::LibraryTimeline);
    let entries = |app: &App| {
        app.screen()
            .as_ref()
            .unwrap()
            .rows
            .iter()
            .filter(|r| matches!(r, ListRow::Item(_)))
            .count()
    };
    assert_eq!(entries(&app), 6);
    app.update(Action::ActorPicker);
    type_text(&mut app, "south korea");
    app.update(Action::Apply);
    assert!(app.screen().is_some(), "still on the library timeline");
    assert_eq!(entries(&app), 2);
    app.update(Action::ClearFilters);
    assert_eq!(entries(&app), 6);
}

#[test]
fn typing_a_search_in_the_library_timeline_narrows_to_what_a_rebuild_shows() {
    let mut app = following();
    app.update(Action::LibraryTimeline);
    app.update(Action::Search);
    for c in "seo".chars() {
        app.update(Action::Type(c));
        let shown = app.screen().unwrap().rows.clone();
        assert_eq!(
            shown,
            lists::rows(app.library(), app.filters(), app.news(), ListKind::Timeline),
            "after {c:?}"
        );
    }
    assert_eq!(
        app.screen()
            .as_ref()
            .unwrap()
            .rows
            .iter()
            .filter(|r| matches!(r, ListRow::Item(_)))
            .count(),
        2,
        "the two Seoul entries"
    );
    app.update(Action::Erase);
    assert_eq!(
        app.screen().unwrap().rows,
        lists::rows(app.library(), app.filters(), app.news(), ListKind::Timeline)
    );
}

#[test]
fn an_open_library_timeline_takes_in_files_as_they_arrive() {
    let lib = open(&fixture_dir("following"));
    let mut app = App::new(Library::default());
    app.start_loading();
    let mut briefings = lib.briefings.clone().into_iter();
    app.receive(
        briefings.next().into_iter().collect(),
        Vec::new(),
        Progress { done: 1, total: 3 },
    );
    app.update(Action::LibraryTimeline);
    let entries = |app: &App| {
        app.screen()
            .as_ref()
            .unwrap()
            .rows
            .iter()
            .filter(|r| matches!(r, ListRow::Item(_)))
            .count()
    };
    assert_eq!(entries(&app), 2);
    app.receive(
        briefings.collect(),
        Vec::new(),
        Progress { done: 3, total: 3 },
    );
    assert_eq!(entries(&app), 6);
}
