//! The reader on a large library: building the cross-briefing index, marking what is
//! new, taking in a changed briefing, applying and clearing an actor filter, a search
//! keystroke, and drawing one frame at 160x50. Then (`-- keys`) every kind of key as
//! the terminal loop drives it, the search streaming between keys: the median and
//! worst of each, from the key to its frame.
//!
//! `cargo bench --bench reader` (BRIEF_BENCH_COUNT sets the library size, 2000 by default).
//! The floor for the interactive figures is one frame at 60 Hz (16.7 ms); the render
//! target is 2 ms.

#[path = "common/library.rs"]
#[allow(dead_code)]
mod library;

use std::hint::black_box;
use std::time::{Duration, Instant};

use brief::app::{Action, App};
use brief::library::Library;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn count() -> usize {
    std::env::var("BRIEF_BENCH_COUNT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000)
}

fn loaded_library(n: usize) -> Library {
    let dir = tempfile::tempdir().expect("temp dir");
    library::generate(dir.path(), n, 1).expect("generate library");
    let files = brief::load::discover(&[dir.path().to_path_buf()]).expect("discover");
    let briefings = brief::load::load_all(&files, &Default::default())
        .into_iter()
        .map(|l| l.expect("generated briefings are valid"))
        .collect();
    Library::new(briefings, Vec::new())
}

fn reader(c: &mut Criterion) {
    if only_keys() {
        return;
    }
    let n = count();
    let lib = loaded_library(n);
    let briefings = lib.briefings.clone();
    let mut g = c.benchmark_group(format!("reader/{n}"));
    g.sample_size(20)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));

    g.bench_function(
        "index the library (actors across files, search text)",
        |b| b.iter(|| black_box(Library::new(briefings.clone(), Vec::new()))),
    );

    g.bench_function("what is new: mark every item of the library", |b| {
        b.iter(|| {
            let mut news = brief::library::news::News::default();
            news.remember(Default::default(), &lib);
            black_box(news.totals())
        })
    });

    let mut app = App::new(lib);
    // A file saved again: read in by the watcher's thread, taken in here.
    let saved = app.library().briefings[0].clone();
    g.bench_function("take in one changed briefing (reload)", |b| {
        b.iter(|| app.reload(vec![(saved.path.clone(), Ok(saved.clone()))], Vec::new()))
    });
    app.update(Action::Resize {
        width: 160,
        height: 50,
    });
    let actor = app
        .library()
        .actors
        .iter()
        .max_by_key(|a| a.appearances.len())
        .map(|a| a.name.clone())
        .unwrap();
    // Each figure times one step alone; the step that undoes it runs off the clock.
    g.bench_function("apply an actor filter", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                app.select_actors_by_name(std::slice::from_ref(&actor));
                total += t.elapsed();
                app.update(Action::ClearFilters);
            }
            total
        })
    });
    g.bench_function("clear an actor filter", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                app.select_actors_by_name(std::slice::from_ref(&actor));
                let t = Instant::now();
                app.update(Action::ClearFilters);
                total += t.elapsed();
            }
            total
        })
    });

    app.update(Action::Search);
    for ch in "sanc".chars() {
        app.update(Action::Type(ch));
    }
    g.bench_function("a search keystroke on the whole library", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                app.update(Action::Type('t'));
                total += t.elapsed();
                app.update(Action::Erase);
            }
            total
        })
    });
    app.update(Action::Back);

    let mut terminal = Terminal::new(TestBackend::new(160, 50)).unwrap();
    g.bench_function("render one frame at 160x50", |b| {
        b.iter(|| {
            terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
        })
    });
    g.finish();
}

/// Actors of different names that share one alias, one per briefing: they are one
/// actor, and grouping them must grow with their number, not its square. Two sizes,
/// eight times apart: the second should take about eight times the first.
fn grouping(c: &mut Criterion) {
    use brief::library::grouping::{Roster, RosterActor, group};
    let rosters = |n: usize| -> Vec<Roster> {
        (0..n)
            .map(|i| Roster {
                path: format!("b{i}.yaml").into(),
                actors: vec![
                    RosterActor {
                        id: format!("a{i}").into(),
                        name: format!("Actor number {i}").into(),
                        aliases: vec!["Shared alias".into()].into(),
                    }
                    .into(),
                ],
            })
            .collect()
    };
    if only_keys() {
        return;
    }
    let mut g = c.benchmark_group("grouping actors that share one alias");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    for n in [6_250, 50_000] {
        let input = rosters(n);
        g.bench_function(format!("{n} actors"), |b| {
            b.iter(|| black_box(group(&input)))
        });
    }
}

/// Whether only the keys are asked for (`cargo bench --bench reader -- keys`): the
/// library is not loaded for figures that will not be taken.
fn only_keys() -> bool {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    !filters.is_empty() && filters.iter().all(|f| f == "keys")
}

/// Whether a part of this file is asked for: by no filter, or a filter it contains.
fn wanted(name: &str) -> bool {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()))
}

/// The reader as the terminal loop drives it, the search left to run between keys,
/// with every key timed from the key to its frame drawn at 160x50.
struct Keys {
    app: App,
    terminal: Terminal<TestBackend>,
    times: Vec<(String, Vec<Duration>)>,
}

impl Keys {
    fn frame(&mut self) {
        let app = &self.app;
        self.terminal
            .draw(|f| f.render_widget(app, f.area()))
            .unwrap();
    }

    /// One key and the frame that answers it, timed under `what`.
    fn key(&mut self, what: &str, action: Action) {
        let t = Instant::now();
        self.app.update(action);
        self.frame();
        self.record(what, t.elapsed());
    }

    fn record(&mut self, what: &str, took: Duration) {
        match self.times.iter_mut().find(|(w, _)| w == what) {
            Some((_, v)) => v.push(took),
            None => self.times.push((what.to_string(), vec![took])),
        }
    }

    /// Off the clock: a key, and its frame.
    fn untimed(&mut self, action: Action) {
        self.app.update(action);
        self.frame();
    }

    /// Off the clock: the search run to its end and shown, as a pause in typing lets it.
    fn settle(&mut self) {
        while self.app.search_further(usize::MAX) {}
        self.app.show_found();
        self.frame();
    }

    /// Types `word` into the search prompt one key at a time, the search settling
    /// between keys when `pause`, then erases it and leaves the prompt.
    fn type_search(&mut self, what: &str, word: &str, pause: bool) {
        self.untimed(Action::Search);
        for ch in word.chars() {
            self.key(&format!("search keystroke: {what}"), Action::Type(ch));
            if pause {
                self.settle();
            }
        }
        for _ in word.chars() {
            self.key(&format!("search erase: {what}"), Action::Erase);
            if pause {
                self.settle();
            }
        }
        self.untimed(Action::Back);
        self.settle();
    }

    fn print(&self, n: usize) {
        println!("keys at {n} briefings, each from the key to its frame at 160x50:");
        for (what, v) in &self.times {
            let mut v = v.clone();
            v.sort();
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            println!(
                "  {what:<60} median {:>7.2} ms  worst {:>7.2} ms  ({} keys)",
                ms(v[v.len() / 2]),
                ms(v[v.len() - 1]),
                v.len()
            );
        }
    }
}

/// Every kind of key at the library size asked for: a search keystroke in each view,
/// the actor and tag filters, sorting, a dossier, the library timeline; the median
/// and the worst of each. And what a key can wait behind: one step of the search and
/// one showing of what it found.
fn keys(_: &mut Criterion) {
    if !wanted("keys") {
        return;
    }
    let n = count();
    let lib = loaded_library(n);
    let actor = lib
        .actors
        .iter()
        .max_by_key(|a| a.appearances.len())
        .map(|a| a.name.clone())
        .unwrap();
    let mut app = App::new(lib);
    app.stream_search(true);
    app.update(Action::Resize {
        width: 160,
        height: 50,
    });
    let mut k = Keys {
        app,
        terminal: Terminal::new(TestBackend::new(160, 50)).unwrap(),
        times: Vec::new(),
    };
    k.frame();
    let rounds = 3;
    for _ in 0..rounds {
        // The search, typed with pauses (the search done between keys) and without.
        for (i, pane) in [
            "Briefings",
            "Overview",
            "Actors",
            "Timeline",
            "Quotes",
            "Implications",
        ]
        .iter()
        .enumerate()
        {
            k.untimed(Action::Focus(i));
            k.type_search(&format!("{pane} pane"), "sanction", true);
        }
        k.untimed(Action::Focus(0));
        k.type_search("Briefings pane, typed fast", "sanction", false);

        // Sorting, and sorting what a search and a tag filter kept.
        for _ in 0..3 {
            k.key("sort", Action::CycleSort);
        }
        k.untimed(Action::Search);
        for ch in "sanc".chars() {
            k.untimed(Action::Type(ch));
        }
        k.untimed(Action::Apply);
        k.settle();
        for _ in 0..3 {
            k.key("sort (a search kept)", Action::CycleSort);
        }
        k.untimed(Action::ClearFilters);

        // The actor filter: picker, typing a name, applying, clearing.
        k.key("actor filter: open the picker", Action::ActorPicker);
        for ch in actor.chars() {
            k.key("actor filter: a keystroke in the picker", Action::Type(ch));
        }
        k.key("actor filter: apply", Action::Apply);
        k.key("filters: clear (actor)", Action::ClearFilters);

        // The tag filter: picker, typing and erasing, applying, sorting, clearing.
        k.key("tag filter: open the picker", Action::TagPicker);
        for ch in "se".chars() {
            k.key("tag filter: a keystroke in the picker", Action::Type(ch));
        }
        for _ in 0..2 {
            k.key("tag filter: erase in the picker", Action::Erase);
        }
        k.untimed(Action::Toggle);
        k.key("tag filter: apply", Action::Apply);
        for _ in 0..3 {
            k.key("sort (a tag filter kept)", Action::CycleSort);
        }
        k.key("filters: clear (tag)", Action::ClearFilters);

        // The library timeline: open, move, search, filter by actor, close.
        k.key("library timeline: open", Action::LibraryTimeline);
        for _ in 0..5 {
            k.key("library timeline: down", Action::Down);
            k.key("library timeline: page down", Action::PageDown);
        }
        k.type_search("library timeline", "sanction", true);
        k.type_search("library timeline, typed fast", "sanction", false);
        k.untimed(Action::ActorPicker);
        for ch in actor.chars() {
            k.untimed(Action::Type(ch));
        }
        k.key("library timeline: apply an actor filter", Action::Apply);
        k.key("library timeline: clear the filters", Action::ClearFilters);
        k.key("library timeline: open the tag picker", Action::TagPicker);
        k.untimed(Action::Toggle);
        k.key("library timeline: apply a tag filter", Action::Apply);
        k.key("library timeline: clear the filters", Action::ClearFilters);
        k.untimed(Action::Last);
        k.key("library timeline: up (at the end)", Action::Up);
        k.key("library timeline: close", Action::Back);

        // A dossier: of the actor filtered to, searched in, closed.
        k.app.select_actors_by_name(std::slice::from_ref(&actor));
        k.frame();
        k.key("dossier: open", Action::Dossier);
        k.type_search("dossier", "sanction", true);
        k.key("dossier: close", Action::Back);
        k.untimed(Action::ClearFilters);
        // A dossier chosen in the picker (no actor filtered to, none highlighted).
        k.untimed(Action::Focus(0));
        k.key("dossier: open the picker", Action::Dossier);
        for ch in actor.chars() {
            k.untimed(Action::Type(ch));
        }
        k.key("dossier: open from the picker", Action::Apply);
        k.untimed(Action::Back);

        // A briefing saved again while reading (read by the watcher's thread): taken
        // in with its frame, then the keys that walk the library's lists.
        let saved = k.app.library().briefings[0].clone();
        for (what, action) in [
            ("after a file was saved: sort", Action::CycleSort),
            (
                "after a file was saved: library timeline open",
                Action::LibraryTimeline,
            ),
            ("after a file was saved: tag picker", Action::TagPicker),
        ] {
            let t = Instant::now();
            k.app
                .reload(vec![(saved.path.clone(), Ok(saved.clone()))], Vec::new());
            k.frame();
            k.record(
                "a file saved while reading: taken in, its frame",
                t.elapsed(),
            );
            k.key(what, action);
            k.untimed(Action::Back);
        }
    }

    // What a key can find the loop busy with while a search streams: one step of the
    // search, and one showing of what it found (the library timeline open: the most
    // there is to show).
    k.untimed(Action::LibraryTimeline);
    k.untimed(Action::Search);
    let mut steps = Vec::new();
    let mut shows = Vec::new();
    let mut whole = Duration::ZERO;
    for ch in ['s', 'x'] {
        k.untimed(Action::Type(ch));
        let started = Instant::now();
        loop {
            let t = Instant::now();
            let more = k.app.search_further(32);
            steps.push(t.elapsed());
            let t = Instant::now();
            k.app.show_found();
            shows.push(t.elapsed());
            if !more {
                break;
            }
        }
        whole += started.elapsed();
        k.untimed(Action::Erase);
        k.settle();
    }
    k.times.push((
        "streaming: one step of the search (32 briefings)".into(),
        steps,
    ));
    k.times.push((
        "streaming: showing what was found (library timeline open)".into(),
        shows,
    ));
    k.print(n);
    println!(
        "  a whole search of the library for one letter, shown every 32 briefings: {:.0} ms each",
        whole.as_secs_f64() * 1000.0 / 2.0
    );
}

criterion_group!(benches, reader, grouping, keys);
criterion_main!(benches);
