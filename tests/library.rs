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

/// A name that is exactly an alias picks that actor alone, even where other actors'
/// names contain it (`us` is in Australia, Lazarus Group and Rust Marten).
#[test]
fn an_exact_alias_picks_one_actor_not_every_name_that_contains_it() {
    let lib = ui_common::library(&[
        "wannacry-attribution.yaml",
        "exercise-election-influence.yaml",
        "exercise-port-ransomware.yaml",
        "exercise-grid-intrusion.yaml",
    ]);
    for (name, expected) in [
        ("US", "United States"),
        ("us", "United States"),
        ("U.S.", "United States"),
        ("u.s. government", "United States"),
        ("united-states", "United States"),
        ("Pyongyang", "North Korea"),
        ("Bossert", "Tom Bossert"),
        ("TG-4471", "Rust Marten"),
        ("Drovak", "Drovak Federation"),
    ] {
        let found: Vec<&str> = lib
            .find_actors(name)
            .iter()
            .map(|&i| lib.actors[i].name.as_str())
            .collect();
        assert_eq!(found, [expected], "{name}");
    }
    // Only a name that is no name, alias or id of anyone falls back to a part of one.
    let found: Vec<&str> = lib
        .find_actors("lazar")
        .iter()
        .map(|&i| lib.actors[i].name.as_str())
        .collect();
    assert_eq!(found, ["Lazarus Group"]);
}

/// Files arrive one by one; a name given on the command line must not settle on an
/// actor whose name merely contains it (`us` in Pale Chorus) before the file with the
/// actor it names exactly (the United States) is in.
#[test]
fn names_from_the_command_line_wait_for_an_exact_match_while_files_arrive() {
    let lib = ui_common::library(&[
        "exercise-election-influence.yaml",
        "exercise-grid-intrusion.yaml",
        "exercise-port-ransomware.yaml",
        "wannacry-attribution.yaml",
    ]);
    let mut app = App::new(Library::default());
    app.start_loading();
    app.select_actors_by_name(&["US".into()]);
    app.open_dossier_by_name("US");
    let total = lib.briefings.len();
    for (i, b) in lib.briefings.iter().enumerate() {
        app.receive(vec![b.clone()], Vec::new(), Progress { done: i + 1, total });
    }
    let names: Vec<&str> = app
        .filters()
        .actors
        .iter()
        .map(|&i| app.library().actors[i].name.as_str())
        .collect();
    assert_eq!(names, ["United States"]);
    let Some(ListKind::Dossier(ix)) = app.screen().map(|s| s.kind) else {
        panic!("no dossier open")
    };
    assert_eq!(app.library().actors[ix].name, "United States");
    // A part of a name is still enough once every file is in.
    let mut app = App::new(Library::default());
    app.start_loading();
    app.select_actors_by_name(&["bosser".into()]);
    for (i, b) in lib.briefings.iter().enumerate() {
        app.receive(vec![b.clone()], Vec::new(), Progress { done: i + 1, total });
    }
    let names: Vec<&str> = app
        .filters()
        .actors
        .iter()
        .map(|&i| app.library().actors[i].name.as_str())
        .collect();
    assert_eq!(names, ["Tom Bossert"]);
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
        .to_vec()
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
    let rows = app.screen().unwrap().rows.to_vec().clone();
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

/// Two files whose entries all begin at one instant, the finer ones in the first file:
/// merged, the coarser come first, whatever file they are in.
#[test]
fn merged_entries_at_one_instant_are_put_coarser_first() {
    let mut app = App::new(open(&fixture_dir("equal-instants")));
    let expected = ["2017", "2017-01", "2017-01-01", "2016-12-31T19:00:00-05:00"];
    let dates = |app: &App| -> Vec<String> {
        app.screen()
            .unwrap()
            .rows
            .to_vec()
            .iter()
            .filter_map(|r| match r {
                ListRow::Item(Item::Entry(b, e)) => {
                    Some(app.library().briefings[*b].timeline[*e].date.to_string())
                }
                _ => None,
            })
            .collect()
    };
    app.update(Action::LibraryTimeline);
    assert_eq!(dates(&app), expected, "the library timeline");
    app.update(Action::Back);
    app.open_dossier_by_name("Someone");
    assert_eq!(dates(&app), expected, "the dossier's timeline");
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
            .to_vec()
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

/// The titles of the Briefings list, in its order.
fn titles(app: &App) -> Vec<String> {
    app.shown()
        .briefings
        .iter()
        .map(|&b| app.library().briefings[b].title.shown().to_string())
        .collect()
}

#[test]
fn the_list_sorts_by_date_or_title_and_filters_by_tag() {
    let mut app = following();
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

/// Titles in an order that is neither the newest-first nor the oldest-first one, and
/// that differs by case: sorting by title follows the titles, ignoring case.
#[test]
fn sorting_by_title_follows_the_titles_not_the_dates() {
    let briefings = [
        ("cherry.yaml", "cherry notes", "2018"),
        ("apple.yaml", "apple report", "2019"),
        ("banana.yaml", "Banana brief", "2017"),
    ]
    .iter()
    .map(|(file, title, date)| {
        let src = format!(
            "title: {title}\ndate: {date}\nevent: {{title: E, date: {date}}}\nactors: [{{id: a, name: A}}]\n"
        );
        load::load_str(Path::new(file), &src).unwrap()
    })
    .collect();
    let mut app = App::new(Library::new(briefings, Vec::new()));
    assert_eq!(
        titles(&app),
        ["apple report", "cherry notes", "Banana brief"],
        "newest first"
    );
    app.update(Action::CycleSort);
    assert_eq!(
        titles(&app),
        ["Banana brief", "cherry notes", "apple report"],
        "oldest first"
    );
    app.update(Action::CycleSort);
    assert_eq!(
        titles(&app),
        ["apple report", "Banana brief", "cherry notes"],
        "by title, whatever the case"
    );
    let text = screen_text(&draw(&mut app, 100, 30));
    assert!(text.contains("Briefings sorted by title"), "{text}");
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
    // Exactly: the names, alias, entry and quote that say Korea.
    let mut by_id = counts.clone();
    by_id.sort();
    assert_eq!(
        by_id,
        [
            ("a-attribution".to_string(), 3),
            ("b-statement".to_string(), 2),
            ("c-analysis".to_string(), 2)
        ]
    );
    assert_eq!(
        brief::library::search::Matcher::new("").count(
            &app.library().briefings[0].title.to_string(),
            &mut String::new()
        ),
        0,
        "an empty search counts nothing"
    );
    let text = screen_text(&draw(&mut app, 100, 30));
    assert!(
        text.contains("2\u{00d7} Regional"),
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
            .to_vec()
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
        let shown = app.screen().unwrap().rows.to_vec().clone();
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
            .to_vec()
            .iter()
            .filter(|r| matches!(r, ListRow::Item(_)))
            .count(),
        2,
        "the two Seoul entries"
    );
    app.update(Action::Erase);
    assert_eq!(
        app.screen().unwrap().rows.to_vec(),
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
            .to_vec()
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

fn briefing(file: &str, actors: &str) -> brief::model::Briefing {
    let src = format!("title: T\ndate: 2017\nevent: {{title: E, date: 2017}}\nactors:\n{actors}");
    load::load_str(Path::new(file), &src).unwrap_or_else(|e| panic!("{file}: {e:?}"))
}

/// An actor named differently across files goes by the spelling most files use (the
/// first seen, at a tie); every other spelling and alias is kept as an alias.
#[test]
fn an_actor_goes_by_the_name_most_files_use() {
    let lib = Library::new(
        vec![
            briefing(
                "a.yaml",
                "  - {id: a, name: DPRK, aliases: [North Korea]}\n",
            ),
            briefing("b.yaml", "  - {id: b, name: North Korea}\n"),
            briefing(
                "c.yaml",
                "  - {id: c, name: North Korea, aliases: [Pyongyang]}\n",
            ),
            briefing("d.yaml", "  - {id: d, name: Acme, aliases: [Acme Corp]}\n"),
            briefing("e.yaml", "  - {id: e, name: Acme Corp}\n"),
        ],
        Vec::new(),
    );
    let actors: Vec<(&str, Vec<&str>)> = lib
        .actors
        .iter()
        .map(|a| {
            (
                a.name.as_str(),
                a.aliases.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        actors,
        [
            ("North Korea", vec!["Pyongyang", "DPRK"]),
            ("Acme", vec!["Acme Corp"]),
        ]
    );
}

#[test]
fn tags_are_counted_once_per_briefing() {
    let lib = open(&fixture_dir("following"));
    assert_eq!(
        lib.tags(),
        [
            ("analysis".to_string(), 1),
            ("attribution".to_string(), 1),
            ("cyber".to_string(), 2)
        ]
    );
    let mut app = App::new(lib);
    app.update(Action::TagPicker);
    let text = screen_text(&draw(&mut app, 100, 30));
    assert!(text.contains("cyber  2 briefings"), "{text}");
}

/// What a search matches and what it highlights agree, whatever the text: the ranges
/// are where the lower-cased text has the query, and cover whole characters.
#[test]
fn search_ranges_cover_what_lower_casing_matches() {
    use brief::library::{contains_ci, find_ci};
    // Lower-casing `İ` gives two characters, `i` and a dot: a search for `i` finds the
    // whole `İ`, and the Kelvin sign is a `k`.
    assert_eq!(find_ci("a\u{130}b", "i"), [(1, 3)]);
    assert!(contains_ci("a\u{130}b", "i"));
    assert_eq!(find_ci("5 \u{212a}", "k"), [(2, 5)]);
    assert!(contains_ci("5 \u{212a}", "k"));
    assert!(!contains_ci("5 k", "\u{e9}"));
    assert_eq!(find_ci("Stra\u{df}e STRASSE", "stra\u{df}e"), [(0, 7)]);
}

proptest::proptest! {
    #[test]
    fn search_matching_and_highlighting_agree(
        // Not Greek capital sigma: lower-casing a whole text turns it into a final
        // sigma at the end of a word, lower-casing it alone does not (see TESTING.md).
        hay in "[a-zA-Z \u{130}\u{212a}\u{df}\u{c4}\u{e4}\u{3c3}]{0,16}",
        needle in "[a-zA-Z\u{130}\u{212a}\u{df}\u{e4}\u{3c3}]{1,3}",
    ) {
        use brief::library::{contains_ci, find_ci};
        let lower = needle.to_lowercase();
        let expected = hay.to_lowercase().contains(&lower);
        proptest::prop_assert_eq!(contains_ci(&hay, &lower), expected);
        let ranges = find_ci(&hay, &lower);
        proptest::prop_assert_eq!(!ranges.is_empty(), expected, "{:?}", ranges);
        let mut last = 0;
        for (s, e) in ranges {
            proptest::prop_assert!(last <= s && s < e && e <= hay.len());
            proptest::prop_assert!(hay.is_char_boundary(s) && hay.is_char_boundary(e));
            last = e;
        }
    }
}

fn headings(app: &App) -> Vec<String> {
    app.screen()
        .unwrap()
        .rows
        .to_vec()
        .iter()
        .filter_map(|r| match r {
            ListRow::Heading(h) => Some(h.clone()),
            _ => None,
        })
        .collect()
}

/// The library timeline is headed by year, each year once and in order, and every
/// entry stands under the year it begins in (in UTC, as it sorts).
#[test]
fn the_library_timeline_is_headed_by_each_year_once() {
    let mut app = App::new(ui_common::library(&[
        "wannacry-attribution.yaml",
        "exercise-election-influence.yaml",
        "exercise-port-ransomware.yaml",
        "exercise-grid-intrusion.yaml",
    ]));
    app.update(Action::LibraryTimeline);
    let rows = app.screen().unwrap().rows.to_vec().clone();
    assert!(
        matches!(rows.first(), Some(ListRow::Heading(_))),
        "{rows:?}"
    );
    let mut year: Option<i32> = None;
    let mut years = Vec::new();
    for row in &rows {
        match row {
            ListRow::Heading(h) => {
                let y: i32 = h.parse().expect("a year");
                assert!(year.is_none_or(|last| last < y), "{h} after {year:?}");
                year = Some(y);
                years.push(y);
            }
            ListRow::Item(Item::Entry(b, e)) => {
                let start = app.library().briefings[*b].timeline[*e].date.start();
                assert_eq!(Some(chrono::Datelike::year(&start)), year, "{row:?}");
            }
            other => panic!("{other:?} in the library timeline"),
        }
    }
    assert!(years.len() >= 3, "{years:?}");
}

#[test]
fn the_dossier_counts_in_words() {
    let mut app = following();
    app.open_dossier_by_name("North Korea");
    assert_eq!(
        headings(&app),
        [
            "Appears in 3 briefings",
            "Timeline: 5 entries",
            "Quotes: 1",
            "Implications: 1"
        ]
    );
    app.update(Action::Back);
    app.open_dossier_by_name("South Korea");
    assert_eq!(
        headings(&app)[..2],
        ["Appears in 1 briefing", "Timeline: 2 entries"]
    );
}

/// The list of files with errors has a part for warnings only when there are some.
#[test]
fn the_errors_list_heads_warnings_only_when_there_are_some() {
    let mut app = App::new(open(&fixture_dir("library")));
    app.update(Action::Errors);
    assert!(headings(&app).is_empty(), "{:?}", headings(&app));
    let sly = "title: Sly\ndate: 2018\nevent: {title: E, date: 2018}\nactors:\n  \
               - {id: one, name: Zed One, aliases: [Shared]}\n  \
               - {id: two, name: Zed Two, aliases: [Shared]}\n";
    let mut lib = open(&fixture_dir("library"));
    lib.extend(
        vec![load::load_str(Path::new("sly.yaml"), sly).unwrap()],
        Vec::new(),
    );
    let mut app = App::new(lib);
    app.update(Action::Errors);
    assert_eq!(headings(&app), ["Warnings: 1"]);
    let rows = &app.screen().unwrap().rows.to_vec();
    assert!(
        matches!(rows.last(), Some(ListRow::Item(Item::Warning(0)))),
        "{rows:?}"
    );
}

/// A name given exactly picks that actor alone, even when it is part of another
/// actor's name, and when its id differs from it; so does an id.
#[test]
fn an_exact_name_picks_one_actor_not_every_name_that_contains_it() {
    let lib = Library::new(
        vec![briefing(
            "a.yaml",
            "  - {id: k1, name: Korea}\n  - {id: k2, name: North Korea}\n  - {id: k3, name: Korea Herald}\n",
        )],
        Vec::new(),
    );
    let found = |name: &str| -> Vec<&str> {
        lib.find_actors(name)
            .iter()
            .map(|&i| lib.actors[i].name.as_str())
            .collect()
    };
    assert_eq!(found("Korea"), ["Korea"]);
    assert_eq!(found("  korea "), ["Korea"]);
    assert_eq!(found("K2"), ["North Korea"]);
    let mut all = found("kor");
    all.sort_unstable();
    assert_eq!(all, ["Korea", "Korea Herald", "North Korea"]);
}

/// A warning about an alias naming many actors lists the first six, as written, and
/// says how many more there are.
#[test]
fn a_warning_lists_six_names_and_counts_the_rest() {
    let names = ["Ann", "Bob", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal"];
    let mut briefings: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| briefing(&format!("{i}.yaml"), &format!("  - {{id: p, name: {n}}}\n")))
        .collect();
    let written = ["ANN", "bob", "Cy", "dEE", "Eve", "FAY", "gus", "HAL"];
    briefings.push(briefing(
        "all.yaml",
        &format!(
            "  - {{id: all, name: All, aliases: [{}]}}\n",
            written.join(", ")
        ),
    ));
    let lib = Library::new(briefings, Vec::new());
    let warnings: Vec<String> = lib.all_warnings().map(|d| d.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "all.yaml:1:1: warning: the aliases `ANN`, `bob`, `Cy`, `dEE`, `Eve`, `FAY` and 2 more \
          of actor `All` name 8 actors that are otherwise distinct (Ann; Bob; Cy; Dee; Eve; Fay; \
          and 2 more); an alias should be another name of this actor only, so they join nothing"
        ]
    );
    assert_eq!(lib.warning_count(), 1);
}

/// Files are grouped on another thread while more arrive: a grouping of the first
/// files is taken as soon as it comes, so their actors can be chosen while the later
/// files wait for theirs.
#[test]
fn the_actors_of_the_first_files_show_while_later_ones_wait_for_their_grouping() {
    let lib = ui_common::library(&["wannacry-attribution.yaml", "exercise-grid-intrusion.yaml"]);
    let arrival = |i: usize| vec![lib.briefings[i].clone()];
    let mut app = App::new(Library::default());
    app.start_loading();
    let first = app.receive_ungrouped(arrival(0), Vec::new(), Progress { done: 1, total: 2 });
    let second = app.receive_ungrouped(arrival(1), Vec::new(), Progress { done: 2, total: 2 });
    app.receive_grouping(brief::library::grouping::group(&first));
    let wannacry = lib.briefings[0].actors.len();
    assert_eq!(app.library().actors.len(), wannacry);
    // The actor picker offers them.
    app.update(Action::ActorPicker);
    let text = screen_text(&draw(&mut app, 100, 30));
    assert!(
        text.contains(&format!("{wannacry} of {wannacry}")),
        "{text}"
    );
    app.update(Action::Back);

    let all: Vec<_> = first.into_iter().chain(second).collect();
    app.receive_grouping(brief::library::grouping::group(&all));
    assert_eq!(app.library().actors.len(), lib.actors.len());
}

/// A link that leads nowhere is passed over with a warning: the library counts it
/// among its warnings, not among the files with errors.
#[test]
fn a_path_passed_over_with_a_warning_is_no_file_with_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/wannacry-attribution.yaml"),
        dir.path().join("w.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("nowhere.yaml"),
        dir.path().join("gone.yaml"),
    )
    .unwrap();
    let found = load::find(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
    let briefings: Vec<_> = load::load_all(&found.files, &Default::default())
        .into_iter()
        .map(|l| l.unwrap())
        .collect();
    // As the reader hands them over: the problems of one path together.
    let failed = vec![FailedFile {
        path: found.problems[0].path.clone(),
        problems: found.problems,
    }];
    let lib = Library::new(briefings, failed);
    assert!(lib.failed.is_empty(), "{:?}", lib.failed);
    assert_eq!(lib.warning_count(), 1);
    // The list of files with errors shows it under its heading, with what it says.
    let mut app = App::new(lib);
    app.update(Action::Errors);
    let text = screen_text(&draw(&mut app, 120, 30));
    assert!(text.contains("Warnings: 1"), "{text}");
    assert!(text.contains("gone.yaml"), "{text}");
    assert!(text.contains("a link that leads nowhere"), "{text}");
}

#[test]
fn a_search_that_keeps_few_briefings_lists_their_entries_in_the_library_timeline() {
    // With many more entries elsewhere, the few kept briefings' entries are sorted on
    // their own instead of the whole chronology being walked: the rows must not change.
    let base = open(&fixture_dir("following"));
    let mut small = App::new(base.clone());
    small.update(Action::Search);
    type_text(&mut small, "infections");
    small.update(Action::Apply);
    small.update(Action::LibraryTimeline);
    let kept_rows = small.screen().unwrap().rows.to_vec().clone();
    let kept: Vec<usize> = kept_rows
        .iter()
        .filter_map(|r| match r {
            ListRow::Item(Item::Entry(b, _)) => Some(*b),
            _ => None,
        })
        .collect();
    assert_eq!(kept.len(), 1, "one entry holds the word: {kept_rows:?}");
    let mut briefings = base.briefings.clone();
    let others: Vec<_> = (0..base.briefings.len())
        .filter(|b| !kept.contains(b))
        .collect();
    for k in 0..40 {
        let mut copy = base.briefings[others[k % others.len()]].clone();
        copy.path = PathBuf::from(format!("/elsewhere/copy-{k}.yaml"));
        briefings.push(copy);
    }
    let lib = Library::new(briefings, Vec::new());
    assert!(lib.entry_count() > 8 * base.briefings[kept[0]].timeline.len());
    let mut big = App::new(lib);
    big.update(Action::Search);
    type_text(&mut big, "infections");
    big.update(Action::Apply);
    big.update(Action::LibraryTimeline);
    assert_eq!(big.screen().unwrap().rows.to_vec(), kept_rows);
}

/// The titles of the entries the open library timeline lists, in order.
fn timeline_titles(app: &App) -> Vec<String> {
    app.screen()
        .unwrap()
        .rows
        .to_vec()
        .iter()
        .filter_map(|r| match r {
            ListRow::Item(Item::Entry(b, e)) => Some(
                app.library().briefings[*b].timeline[*e]
                    .title
                    .shown()
                    .to_string(),
            ),
            _ => None,
        })
        .collect()
}

/// The library timeline of `lib` narrowed by a search for `query`.
fn searched_timeline(lib: Library, query: &str) -> Vec<String> {
    let mut app = App::new(lib);
    app.update(Action::Search);
    type_text(&mut app, query);
    app.update(Action::Apply);
    app.update(Action::LibraryTimeline);
    timeline_titles(&app)
}

fn loaded(file: &str, src: &str) -> brief::model::Briefing {
    load::load_str(Path::new(file), src).unwrap_or_else(|e| panic!("{file}: {e:?}"))
}

/// An entry is found by its own words, and by the name of an actor it involves: both,
/// also when the query names an actor and the entry's own words hold it too.
#[test]
fn a_search_finds_timeline_entries_by_their_words_and_by_their_actors_names() {
    let lib = Library::new(
        vec![loaded(
            "nhs.yaml",
            "title: Hospitals hit\ndate: 2017-05-12\nevent: {title: Outbreak, date: 2017-05-12}\n\
             actors:\n  - {id: nhs, name: NHS England}\n  - {id: ms, name: Microsoft}\n\
             timeline:\n\
             \x20 - {date: 2017-05-12, title: Hospitals turn patients away, actors: [nhs]}\n\
             \x20 - {date: 2017-05-13, title: NHS staff go back to paper, actors: [ms]}\n\
             \x20 - {date: 2017-05-14, title: A patch is published, actors: [ms]}\n",
        )],
        Vec::new(),
    );
    assert_eq!(
        searched_timeline(lib, "nhs"),
        ["Hospitals turn patients away", "NHS staff go back to paper"]
    );
}

/// Two letters outside ASCII lower-case to ASCII ones: the Kelvin sign to `k`, the
/// dotted capital I to `i` and a combining dot. An actor whose name holds one is found
/// by a query typed in plain letters, and so are the entries that involve it.
#[test]
fn an_actor_named_with_a_kelvin_sign_or_a_dotted_capital_i_brings_its_entries() {
    let lib = Library::new(
        vec![loaded(
            "names.yaml",
            "title: T\ndate: 2017\nevent: {title: E, date: 2017}\n\
             actors:\n  - {id: kl, name: \"\\u212Aaspersky Lab\"}\n  - {id: ali, name: \"AL\\u0130 YILMAZ\"}\n\
             timeline:\n\
             \x20 - {date: 2017-05-12, title: Researchers publish a decryptor, actors: [kl]}\n\
             \x20 - {date: 2017-05-13, title: A minister speaks, actors: [ali]}\n\
             \x20 - {date: 2017-05-14, title: Nothing else happens}\n",
        )],
        Vec::new(),
    );
    assert_eq!(
        lib.briefings[0].actors[0].name.shown(),
        "\u{212a}aspersky Lab"
    );
    assert_eq!(
        searched_timeline(lib.clone(), "kaspersky"),
        ["Researchers publish a decryptor"]
    );
    // "ALİ" lower-cases to "ali" and a combining dot: "ali" is in it.
    assert_eq!(searched_timeline(lib, "ali"), ["A minister speaks"]);
}

/// When a file changes on disk, the cursor of an open dossier stays on the item it was
/// on, though rows were added above it.
#[test]
fn the_dossier_keeps_its_cursor_on_the_same_item_through_a_reload() {
    let mut app = following();
    app.open_dossier_by_name("North Korea");
    let quote = |app: &App| {
        let screen = app.screen().unwrap();
        match screen.rows.item(screen.cursor) {
            Some(Item::Quote(b, q)) => app.library().briefings[b].quotes[q]
                .text
                .shown()
                .to_string(),
            other => panic!("not on a quote: {other:?}"),
        }
    };
    let rows = app.screen().unwrap().rows.to_vec();
    let at = rows
        .iter()
        .position(|r| matches!(r, ListRow::Item(Item::Quote(..))))
        .unwrap();
    while app.screen().unwrap().cursor < at {
        app.update(Action::Down);
    }
    assert_eq!(quote(&app), "The accusation is groundless.");
    // An entry naming the actor added to the file: one more row above the quote.
    let path = fixture_dir("following").join("b-statement.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "quotes:\n",
        "  - date: 2017-06\n    title: A further test\n    actors: [dprk]\nquotes:\n",
    );
    let now = loaded(&path.to_string_lossy(), &text);
    app.reload(vec![(path, Ok(now))], Vec::new());
    assert_eq!(
        headings(&app)[1],
        "Timeline: 6 entries",
        "the entry is in the dossier"
    );
    assert_eq!(app.screen().unwrap().cursor, at + 1);
    assert_eq!(quote(&app), "The accusation is groundless.");
}

/// A tag filter narrows the library timeline to the entries of the briefings that
/// carry the tag.
#[test]
fn the_library_timeline_under_a_tag_lists_only_the_tagged_briefings_entries() {
    let mut app = following();
    app.update(Action::TagPicker);
    type_text(&mut app, "analysis");
    app.update(Action::Apply);
    app.update(Action::LibraryTimeline);
    assert_eq!(
        timeline_titles(&app),
        [
            "Seoul notices the first encrypted machines",
            "Seoul raises its alert level"
        ]
    );
}

/// An actor filter lists only the entries that name the actor, not every entry of the
/// briefings it is in, also when those briefings hold few of the library's entries.
#[test]
fn an_actor_filter_lists_only_the_entries_naming_the_actor_in_a_large_library() {
    let base = open(&fixture_dir("following"));
    let mut briefings = base.briefings.clone();
    // Many more entries in briefings the actor is not in.
    let others: Vec<_> = (base.briefings.iter())
        .filter(|b| b.title.shown() != "Attribution announced")
        .cloned()
        .collect();
    for k in 0..40 {
        let mut copy = others[k % others.len()].clone();
        copy.path = PathBuf::from(format!("/elsewhere/copy-{k}.yaml"));
        briefings.push(copy);
    }
    let lib = Library::new(briefings, Vec::new());
    assert!(lib.entry_count() > 8 * 2);
    let mut app = App::new(lib);
    app.select_actors_by_name(&["united states".into()]);
    app.update(Action::LibraryTimeline);
    assert_eq!(
        timeline_titles(&app),
        ["The United States names North Korea"],
        "the entry of its briefing that names only North Korea is not listed"
    );
}

/// A briefing whose entries span three years, two actors taking turns.
fn three_years() -> brief::model::Briefing {
    loaded(
        "years.yaml",
        "title: A plan over three years\ndate: 2017\nevent: {title: E, date: 2017}\n\
         actors:\n  - {id: a, name: Ana Example}\n  - {id: b, name: Bo Example}\n\
         timeline:\n\
         \x20 - {date: 2015-03, title: Ana drafts the plan, actors: [a]}\n\
         \x20 - {date: 2016-04, title: Bo reviews the plan, actors: [b]}\n\
         \x20 - {date: 2016-05, title: Ana revises the plan, actors: [a]}\n\
         \x20 - {date: 2017-01, title: Ana signs the plan, actors: [a]}\n",
    )
}

/// Filtered by an actor, the library timeline heads each year its entries fall in.
#[test]
fn the_library_timeline_under_an_actor_filter_heads_each_year() {
    let mut app = App::new(Library::new(vec![three_years()], Vec::new()));
    app.select_actors_by_name(&["ana example".into()]);
    app.update(Action::LibraryTimeline);
    assert_eq!(headings(&app), ["2015", "2016", "2017"]);
    assert_eq!(
        timeline_titles(&app),
        [
            "Ana drafts the plan",
            "Ana revises the plan",
            "Ana signs the plan"
        ]
    );
}

/// A search that keeps a few briefings of a large library heads each year of the
/// entries it keeps.
#[test]
fn a_search_in_a_large_library_heads_each_year_it_keeps() {
    let mut briefings = vec![three_years()];
    let base = open(&fixture_dir("following"));
    for k in 0..40 {
        let mut copy = base.briefings[k % base.briefings.len()].clone();
        copy.path = PathBuf::from(format!("/elsewhere/copy-{k}.yaml"));
        briefings.push(copy);
    }
    let lib = Library::new(briefings, Vec::new());
    assert!(lib.entry_count() > 8 * 4);
    let mut app = App::new(lib);
    app.update(Action::Search);
    type_text(&mut app, "plan");
    app.update(Action::Apply);
    app.update(Action::LibraryTimeline);
    assert_eq!(headings(&app), ["2015", "2016", "2017"]);
    assert_eq!(timeline_titles(&app).len(), 4);
}

/// A briefing file named `name` whose timeline is `entries` (YAML list lines).
fn with_entries(name: &str, entries: &str) -> brief::model::Briefing {
    loaded(
        name,
        &format!(
            "title: {name}\ndate: 2017\nevent: {{title: E, date: 2017}}\n\
             actors:\n  - {{id: a, name: A}}\ntimeline:\n{entries}"
        ),
    )
}

/// Entries before 1970 (negative seconds) take their place in the library timeline
/// by date, before the later ones, wherever their files are; each year around 1970
/// (the seconds' zero) is headed.
#[test]
fn entries_before_1970_come_first_in_the_library_timeline() {
    let lib = Library::new(
        vec![
            with_entries("late.yaml", "  - {date: 2017-05-12, title: Outbreak}\n"),
            with_entries(
                "early.yaml",
                "  - {date: 1988-11-02, title: The first worm}\n\
                 \x20 - {date: 1971-03, title: A message}\n\
                 \x20 - {date: 1969-07-20, title: A landing}\n\
                 \x20 - {date: 1970-04, title: A mission}\n\
                 \x20 - {date: 1962-10, title: A crisis}\n",
            ),
        ],
        Vec::new(),
    );
    let mut app = App::new(lib);
    app.update(Action::LibraryTimeline);
    assert_eq!(
        timeline_titles(&app),
        [
            "A crisis",
            "A landing",
            "A mission",
            "A message",
            "The first worm",
            "Outbreak"
        ]
    );
    assert_eq!(
        headings(&app),
        ["1962", "1969", "1970", "1971", "1988", "2017"]
    );
}

/// Two instants within one second, the later in the first file: the library timeline
/// lists them by their fractions of a second, not in file order.
#[test]
fn instants_within_one_second_follow_their_fractions_in_the_library_timeline() {
    let lib = Library::new(
        vec![
            with_entries(
                "first.yaml",
                "  - {date: '2017-05-12T10:00:00.700Z', title: Seven tenths}\n",
            ),
            with_entries(
                "second.yaml",
                "  - {date: '2017-05-12T12:00:00.200+02:00', title: Two tenths}\n\
                 \x20 - {date: '2017-05-12T10:00:00.900Z', title: Nine tenths}\n",
            ),
        ],
        Vec::new(),
    );
    let mut app = App::new(lib);
    app.update(Action::LibraryTimeline);
    assert_eq!(
        timeline_titles(&app),
        ["Two tenths", "Seven tenths", "Nine tenths"]
    );
}

/// Two briefings dated at one instant written with different offsets: oldest first
/// lists them in the order the dates give them (as written), newest first the other
/// way round, whatever the order of the files.
#[test]
fn briefings_at_one_instant_in_other_offsets_sort_both_ways() {
    let briefing = |file: &str, title: &str, date: &str| {
        loaded(
            file,
            &format!(
                "title: {title}\ndate: '{date}'\nevent: {{title: E, date: 2017}}\n\
                 actors: [{{id: a, name: A}}]\n"
            ),
        )
    };
    let lib = Library::new(
        vec![
            briefing("a.yaml", "Berlin desk", "2017-05-12T10:00:00+02:00"),
            briefing("b.yaml", "London desk", "2017-05-12T08:00:00Z"),
        ],
        Vec::new(),
    );
    let mut app = App::new(lib);
    assert_eq!(titles(&app), ["Berlin desk", "London desk"], "newest first");
    app.update(Action::CycleSort);
    assert_eq!(
        titles(&app),
        ["London desk", "Berlin desk"],
        "oldest first: the other way round"
    );
}

/// Two actors chosen: the library timeline lists each entry naming either once, in
/// date order, also one that names both.
#[test]
fn two_actors_chosen_list_each_of_their_entries_once_in_order() {
    let mut app = following();
    app.select_actors_by_name(&["north korea".into(), "south korea".into()]);
    app.update(Action::LibraryTimeline);
    let dates: Vec<String> = (app.screen().unwrap().rows.to_vec().iter())
        .filter_map(|r| match r {
            ListRow::Item(Item::Entry(b, e)) => {
                Some(app.library().briefings[*b].timeline[*e].date.to_string())
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        dates,
        [
            "2017",
            "2017-05",
            "2017-05-12T08:00:00+09:00",
            "2017-05-12",
            "2017-09",
            "2017-12-19"
        ]
    );
}
