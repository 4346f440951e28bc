//! What the library keeps between keys (each sort order of the Briefings list, the
//! tags with their counts, where each briefing's entries start) follows the files:
//! a briefing that arrives, changes or is removed while they are in use shows up in
//! every list exactly as in a reader opened afresh on the files as they are now.

#[path = "../benches/common/library.rs"]
#[allow(dead_code)]
mod generator;

use std::path::PathBuf;

use brief::app::{Action, App, Progress, Sort};
use brief::date::Date;
use brief::library::Library;
use brief::library::lists::ListRow;
use brief::model::{Briefing, Text};

fn generated(n: usize) -> Vec<Briefing> {
    let dir = tempfile::tempdir().unwrap();
    generator::generate(dir.path(), n, 11).unwrap();
    let files = brief::load::discover(&[dir.path().to_path_buf()]).unwrap();
    brief::load::load_all(&files, &Default::default())
        .into_iter()
        .map(|l| l.expect("generated briefings load"))
        .collect()
}

/// The actor named in the most briefings.
fn busiest(lib: &Library) -> String {
    lib.actors
        .iter()
        .max_by_key(|a| a.appearances.len())
        .map(|a| a.name.clone())
        .unwrap()
}

/// Turns the sort to `sort`.
fn sort_by(app: &mut App, sort: Sort) {
    while app.sort() != sort {
        app.update(Action::CycleSort);
    }
}

/// What the user sees in each list the kept orders and counts make: the Briefings
/// list in each order, with an actor filter too, the tag picker's counts, and the
/// library timeline, filtered by actor and not.
#[derive(Debug, PartialEq)]
struct Lists {
    sorted: Vec<(Sort, Vec<usize>)>,
    filtered: Vec<usize>,
    tags: Vec<(String, usize)>,
    tagged: Vec<usize>,
    tag_timeline: Vec<ListRow>,
    timeline: Vec<ListRow>,
    actor_timeline: Vec<ListRow>,
    dossier: Vec<ListRow>,
}

fn lists(app: &mut App, actor: &str) -> Lists {
    let mut sorted = Vec::new();
    for sort in [Sort::Newest, Sort::Oldest, Sort::Title] {
        sort_by(app, sort);
        sorted.push((sort, app.shown().briefings.clone()));
    }
    sort_by(app, Sort::Newest);
    app.update(Action::LibraryTimeline);
    let timeline = app.screen().unwrap().rows.to_vec();
    app.update(Action::Back);
    app.select_actors_by_name(&[actor.to_string()]);
    let filtered = app.shown().briefings.clone();
    app.update(Action::LibraryTimeline);
    let actor_timeline = app.screen().unwrap().rows.to_vec();
    app.update(Action::Back);
    app.update(Action::Dossier);
    let dossier = app.screen().unwrap().rows.to_vec();
    app.update(Action::Back);
    app.update(Action::ClearFilters);
    // The first tag in the picker (the library's tags, sorted).
    app.update(Action::TagPicker);
    app.update(Action::Toggle);
    app.update(Action::Apply);
    let tagged = app.shown().briefings.clone();
    app.update(Action::LibraryTimeline);
    let tag_timeline = app.screen().unwrap().rows.to_vec();
    app.update(Action::Back);
    app.update(Action::ClearFilters);
    Lists {
        tagged,
        tag_timeline,
        sorted,
        filtered,
        tags: app.library().tags().to_vec(),
        timeline,
        actor_timeline,
        dossier,
    }
}

/// The same lists in a reader opened afresh on `briefings`.
fn afresh(briefings: &[Briefing], actor: &str) -> Lists {
    let mut app = App::new(Library::new(briefings.to_vec(), Vec::new()));
    lists(&mut app, actor)
}

/// Briefing `b` saved again: dated last, titled first, with a tag of its own and
/// only its first two timeline entries.
fn changed(b: &Briefing) -> Briefing {
    let mut b = b.clone();
    b.date = Date::parse("2099-01-01").unwrap();
    b.title = Text::line("Aardvark: the first title".to_string());
    b.tags.push(Text::line("only-here".to_string()));
    b.tags.push(Text::line("aaa-first".to_string()));
    b.timeline.truncate(2);
    b
}

#[test]
fn a_briefing_changed_or_removed_while_the_lists_are_kept_shows_up_in_every_one() {
    let briefings = generated(30);
    let mut app = App::new(Library::new(briefings.clone(), Vec::new()));
    let actor = busiest(app.library());
    // Everything kept is in use before the files change.
    let before = lists(&mut app, &actor);
    assert_eq!(before, afresh(&briefings, &actor));

    // One file saved again, another removed.
    let lib = app.library();
    let keep = lib.order(brief::library::Order::Newest)[3];
    let gone = if keep == 7 { 8 } else { 7 };
    let now = changed(&lib.briefings[keep]);
    let gone_path: PathBuf = lib.briefings[gone].path.clone();
    app.reload(vec![(now.path.clone(), Ok(now.clone()))], vec![gone_path]);
    let mut files = briefings.clone();
    files[keep] = now;
    files.remove(gone);

    let after = lists(&mut app, &actor);
    assert_eq!(after, afresh(&files, &actor));
    assert_ne!(after.sorted, before.sorted, "the change moves the briefing");
    assert!(after.tags.iter().any(|(t, n)| t == "only-here" && *n == 1));
    let now_at = keep - usize::from(keep > gone);
    assert_eq!(
        after.tagged,
        vec![now_at],
        "the first tag is the changed briefing's"
    );
}

#[test]
fn briefings_arriving_while_the_lists_are_kept_show_up_in_every_one() {
    let briefings = generated(30);
    let mut app = App::new(Library::new(briefings[..20].to_vec(), Vec::new()));
    app.start_loading();
    let actor = busiest(app.library());
    let early = lists(&mut app, &actor);
    assert_eq!(early, afresh(&briefings[..20], &actor));

    // The rest arrive from the loader, one of them changed to sort first and last.
    let mut rest = briefings[20..].to_vec();
    rest[0] = changed(&rest[0]);
    let mut files = briefings[..20].to_vec();
    files.extend(rest.iter().cloned());
    app.receive(
        rest,
        Vec::new(),
        Progress {
            done: 30,
            total: 30,
        },
    );

    let late = lists(&mut app, &actor);
    assert_eq!(late, afresh(&files, &actor));
    assert_eq!(late.sorted[0].1.len(), 30);
    assert_eq!(late.sorted[0].1[0], 20, "the newest arrival leads");
    assert_eq!(late.tagged, vec![20], "the first tag is the arrival's");
}
