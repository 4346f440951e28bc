//! The reader on a large library: building the cross-briefing index, marking what is
//! new, taking in a changed briefing, applying and clearing an actor filter, a search
//! keystroke, and drawing one frame at 160x50.
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
                actors: vec![RosterActor {
                    id: format!("a{i}").into(),
                    name: format!("Actor number {i}").into(),
                    aliases: vec!["Shared alias".into()].into(),
                }],
            })
            .collect()
    };
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

criterion_group!(benches, reader, grouping);
criterion_main!(benches);
