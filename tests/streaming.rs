//! The search left to run between keys, as the terminal loop runs it: what it shows
//! once done is what a search done at once shows, a newer keystroke leaves nothing of
//! an older search behind, and until it is done the screen says it is still searching.

#[path = "../benches/common/library.rs"]
#[allow(dead_code)]
mod generator;
mod ui_common;

use std::collections::BTreeMap;

use brief::app::{Action, App};
use brief::library::Library;
use brief::library::lists::ListRow;
use ui_common::{draw, screen_text, type_text};

/// A generated library of `n` briefings (the benchmarks' generator: actors shared
/// across files, long texts).
fn generated(n: usize) -> Library {
    let dir = tempfile::tempdir().unwrap();
    generator::generate(dir.path(), n, 7).unwrap();
    let files = brief::load::discover(&[dir.path().to_path_buf()]).unwrap();
    let briefings = brief::load::load_all(&files, &Default::default())
        .into_iter()
        .map(|l| l.expect("generated briefings load"))
        .collect();
    Library::new(briefings, Vec::new())
}

fn streaming(lib: &Library) -> App {
    let mut app = App::new(lib.clone());
    app.stream_search(true);
    app
}

/// Runs the search to its end a few briefings at a time, showing what it found after
/// each step, as the terminal loop does between keys.
fn run_out(app: &mut App) -> usize {
    let mut steps = 0;
    while app.search_further(3) {
        app.show_found();
        steps += 1;
    }
    app.show_found();
    steps
}

/// What a user sees of a search: the list, its counts, the matches in the panes, and
/// an open full-screen list.
#[derive(Debug)]
struct Seen {
    briefings: Vec<usize>,
    counts: BTreeMap<usize, usize>,
    matches: Vec<(brief::app::Pane, usize)>,
    current: Option<usize>,
    screen: Option<Vec<ListRow>>,
}

/// Field by field, so that a difference is easy to read.
fn assert_same(a: &Seen, b: &Seen, when: &str) {
    assert_eq!(a.briefings, b.briefings, "the list, {when}");
    assert_eq!(a.counts, b.counts, "the match counts, {when}");
    assert_eq!(a.current, b.current, "the briefing shown, {when}");
    assert_eq!(a.matches, b.matches, "the matches in the panes, {when}");
    assert_eq!(a.screen, b.screen, "the library timeline, {when}");
}

fn seen(app: &App) -> Seen {
    Seen {
        briefings: app.shown().briefings.clone(),
        counts: app.shown().match_counts.clone().into_iter().collect(),
        matches: app.search().matches.clone(),
        current: app.current(),
        screen: app.screen().map(|s| s.rows.to_vec()),
    }
}

#[test]
fn a_streamed_search_ends_showing_what_a_search_done_at_once_shows() {
    let lib = generated(40);
    for timeline in [false, true] {
        let mut at_once = App::new(lib.clone());
        let mut streamed = streaming(&lib);
        for app in [&mut at_once, &mut streamed] {
            if timeline {
                app.update(Action::LibraryTimeline);
            }
            app.update(Action::Search);
        }
        for c in "sanction".chars() {
            at_once.update(Action::Type(c));
            streamed.update(Action::Type(c));
            let steps = run_out(&mut streamed);
            if c == 's' {
                assert!(steps > 1, "the search took more than one step");
            }
            assert_same(&seen(&streamed), &seen(&at_once), &format!("after {c:?}"));
        }
        assert!(
            !at_once.shown().briefings.is_empty(),
            "the word is in the library"
        );
        for _ in 0..3 {
            at_once.update(Action::Erase);
            streamed.update(Action::Erase);
            run_out(&mut streamed);
            assert_same(&seen(&streamed), &seen(&at_once), "after erasing");
            // Erasing goes back to an earlier search: the same as one made afresh.
            let mut fresh = App::new(lib.clone());
            if timeline {
                fresh.update(Action::LibraryTimeline);
            }
            fresh.update(Action::Search);
            type_text(&mut fresh, streamed.filters().query.text());
            let (a, b) = (seen(&streamed), seen(&fresh));
            assert_eq!(a.briefings, b.briefings, "the list after erasing");
            assert_eq!(a.counts, b.counts, "the counts after erasing");
            assert_eq!(a.screen, b.screen, "the library timeline after erasing");
        }
    }
}

#[test]
fn a_newer_keystroke_leaves_nothing_of_the_older_search() {
    let lib = generated(40);
    let mut streamed = streaming(&lib);
    streamed.update(Action::LibraryTimeline);
    streamed.update(Action::Search);
    // "sa" half searched, then "san" (narrowing what "sa" found so far), then back to
    // "s" and on to "st": searches that do not narrow the one before.
    type_text(&mut streamed, "sa");
    streamed.search_further(5);
    streamed.show_found();
    streamed.update(Action::Type('n'));
    streamed.search_further(4);
    streamed.show_found();
    streamed.update(Action::Erase);
    streamed.update(Action::Erase);
    streamed.search_further(2);
    streamed.update(Action::Type('t'));
    run_out(&mut streamed);

    let mut at_once = App::new(lib.clone());
    at_once.update(Action::LibraryTimeline);
    at_once.update(Action::Search);
    type_text(&mut at_once, "st");
    assert_same(&seen(&streamed), &seen(&at_once), "at the end");
    // And every briefing listed holds the query.
    for &b in &streamed.shown().briefings {
        let text = format!("{:?}", streamed.library().briefings[b]).to_lowercase();
        assert!(text.contains("st"), "briefing {b} listed for \"st\"");
    }
}

#[test]
fn while_the_search_goes_the_screen_says_so_and_gives_no_final_count() {
    let lib = generated(40);
    let mut app = streaming(&lib);
    app.update(Action::Search);
    type_text(&mut app, "a");
    app.search_further(5);
    app.show_found();
    let partial = screen_text(&draw(&mut app, 140, 30));
    assert!(
        partial.contains("searching\u{2026} 5 of 40"),
        "the status says how far the search has gone:\n{partial}"
    );
    assert!(
        partial.contains("so far"),
        "counts are said to be partial:\n{partial}"
    );
    run_out(&mut app);
    let done = screen_text(&draw(&mut app, 140, 30));
    assert!(!done.contains("searching"), "{done}");
    assert!(!done.contains("so far"), "{done}");
    let n = app.shown().briefings.len();
    assert!(
        done.contains(&format!("{n} briefings")) || done.contains(&format!("of {n}")),
        "the final count is given once done:\n{done}"
    );

    // The library timeline says so in its title.
    app.update(Action::Apply);
    app.update(Action::LibraryTimeline);
    app.update(Action::Search);
    type_text(&mut app, "e");
    app.search_further(1);
    app.show_found();
    let partial = screen_text(&draw(&mut app, 140, 30));
    assert!(
        partial.contains("entries so far, searching\u{2026} "),
        "{partial}"
    );
    run_out(&mut app);
    let done = screen_text(&draw(&mut app, 140, 30));
    assert!(!done.contains("searching"), "{done}");
    assert!(
        done.contains("Library timeline: ") && done.contains(" entries"),
        "{done}"
    );
}

#[test]
fn a_search_on_arrivals_takes_in_briefings_that_come_while_it_goes() {
    let lib = generated(30);
    let mut app = App::new(Library::default());
    app.stream_search(true);
    app.start_loading();
    let mut rest = lib.briefings.clone();
    let later = rest.split_off(10);
    app.receive(
        rest,
        Vec::new(),
        brief::app::Progress {
            done: 10,
            total: 30,
        },
    );
    app.update(Action::Search);
    type_text(&mut app, "sanction");
    app.search_further(4);
    app.receive(
        later,
        Vec::new(),
        brief::app::Progress {
            done: 30,
            total: 30,
        },
    );
    run_out(&mut app);

    let mut at_once = App::new(lib.clone());
    at_once.update(Action::Search);
    type_text(&mut at_once, "sanction");
    assert_eq!(app.shown().match_counts, at_once.shown().match_counts);
    assert_eq!(app.shown().briefings, at_once.shown().briefings);
}

/// The library timeline's order, worked out the long way: every entry by its first
/// instant, then its precision, then file order.
fn sorted_the_long_way(lib: &Library) -> Vec<(usize, usize)> {
    let mut all = Vec::new();
    for (b, br) in lib.briefings.iter().enumerate() {
        for (i, e) in br.timeline.iter().enumerate() {
            all.push(((e.date.start(), e.date.precision()), b, i));
        }
    }
    all.sort();
    all.into_iter().map(|(_, b, i)| (b, i)).collect()
}

fn timeline_entries(app: &App) -> Vec<(usize, usize)> {
    app.screen()
        .unwrap()
        .rows
        .to_vec()
        .iter()
        .filter_map(|r| match r {
            ListRow::Item(brief::library::Item::Entry(b, i)) => Some((*b, *i)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_library_timeline_is_in_date_order_however_the_files_arrived() {
    let lib = generated(60);
    let expected = sorted_the_long_way(&lib);
    assert!(expected.len() > 200, "{} entries", expected.len());
    // All at once, and in batches of different sizes, the timeline open meanwhile.
    for batch in [60, 1, 7, 25] {
        let mut app = App::new(Library::default());
        app.start_loading();
        app.update(Action::LibraryTimeline);
        let mut done = 0;
        for chunk in lib.briefings.chunks(batch) {
            done += chunk.len();
            app.receive(
                chunk.to_vec(),
                Vec::new(),
                brief::app::Progress {
                    done,
                    total: lib.briefings.len(),
                },
            );
        }
        assert_eq!(timeline_entries(&app), expected, "in batches of {batch}");
    }
}

/// Four briefings with one title each: three hold "sanction", two "sanctions"; the
/// newest holds neither.
fn four_titles() -> Library {
    let titles = [
        ("2017-01-10", "Sanctions on North Korea"),
        ("2017-02-10", "A sanction regime is drafted"),
        ("2017-06-10", "Trade talks resume"),
        ("2017-03-10", "More sanctions are announced"),
    ];
    let briefings = titles
        .iter()
        .enumerate()
        .map(|(i, (date, title))| {
            let src =
                format!("title: {title}\ndate: {date}\nevent: {{title: E, date: {date}}}\nactors: [{{id: m, name: Ministry}}]\n");
            brief::load::load_str(std::path::Path::new(&format!("b{i}.yaml")), &src)
                .unwrap_or_else(|e| panic!("{title}: {e:?}"))
        })
        .collect();
    Library::new(briefings, Vec::new())
}

fn titles_listed(app: &App) -> Vec<String> {
    app.shown()
        .briefings
        .iter()
        .map(|&b| app.library().briefings[b].title.shown().to_string())
        .collect()
}

#[test]
fn erasing_back_to_a_query_never_searched_searches_every_briefing_again() {
    let lib = four_titles();
    let mut streamed = streaming(&lib);
    streamed.update(Action::Search);
    // Typed faster than the search goes: only the whole word is searched.
    type_text(&mut streamed, "sanctions");
    run_out(&mut streamed);
    let mut listed = titles_listed(&streamed);
    listed.sort();
    assert_eq!(
        listed,
        ["More sanctions are announced", "Sanctions on North Korea"]
    );
    // "sanction" was never searched: the briefing without the "s" is found too.
    streamed.update(Action::Erase);
    run_out(&mut streamed);
    let mut at_once = App::new(lib.clone());
    at_once.update(Action::Search);
    type_text(&mut at_once, "sanction");
    assert_eq!(titles_listed(&at_once).len(), 3);
    // (The briefing shown may differ: the streamed search showed the first it found.)
    let (a, b) = (seen(&streamed), seen(&at_once));
    assert_eq!(a.briefings, b.briefings, "the list after erasing the s");
    assert_eq!(a.counts, b.counts, "the match counts after erasing the s");
}

#[test]
fn a_longer_query_starts_from_what_the_shorter_one_found() {
    let lib = four_titles();
    let mut app = streaming(&lib);
    app.update(Action::Search);
    type_text(&mut app, "sanction");
    run_out(&mut app);
    assert_eq!(app.shown().briefings.len(), 3);
    // One more letter: the briefing "sanction" is not in cannot hold "sanctions", so
    // it is settled already and only the three are searched.
    app.update(Action::Type('s'));
    let partial = screen_text(&draw(&mut app, 140, 30));
    assert!(
        partial.contains("searching\u{2026} 1 of 4"),
        "the search starts with the briefing the shorter one left out settled:\n{partial}"
    );
    let mut steps = 0;
    while app.search_further(1) {
        steps += 1;
    }
    app.show_found();
    assert_eq!(steps + 1, 3, "one briefing a step: the three found before");
    let mut at_once = App::new(lib.clone());
    at_once.update(Action::Search);
    type_text(&mut at_once, "sanctions");
    assert_same(&seen(&app), &seen(&at_once), "once done");
}

#[test]
fn the_briefing_shown_stays_until_the_search_passes_it_over() {
    let lib = four_titles();
    for streamed in [false, true] {
        let mut app = App::new(lib.clone());
        app.stream_search(streamed);
        let newest = app.current().expect("a briefing is shown");
        assert_eq!(
            app.library().briefings[newest].title.shown(),
            "Trade talks resume"
        );
        app.update(Action::Search);
        type_text(&mut app, "sanction");
        if streamed {
            // The search has not reached it yet: it may still hold the word.
            app.search_further(1);
            app.show_found();
            assert_eq!(app.current(), Some(newest), "before it is searched");
            run_out(&mut app);
        }
        // Passed over: the first briefing listed is shown instead.
        let first = app.shown().briefings[0];
        assert_ne!(first, newest);
        assert_eq!(app.current(), Some(first), "streamed: {streamed}");
        let screen = screen_text(&draw(&mut app, 140, 30));
        let title = app.library().briefings[first].title.shown().to_string();
        assert!(
            screen.matches(title.as_str()).count() >= 2,
            "listed and shown:\n{screen}"
        );
    }
}
