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
    /// The actor picker's actors: each name and how many briefings it appears in.
    actors: Vec<(String, usize)>,
    /// Each actor's entries in the library timeline, by the entries' places.
    entries_by_actor: Vec<(String, Vec<u32>)>,
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
    let lib = app.library();
    let whole = app.screen().unwrap().rows.entries();
    let entries_by_actor = (0..lib.actors.len())
        .map(|ix| {
            let of = lib.actor_entries(&std::collections::BTreeSet::from([ix]), whole);
            (lib.actors[ix].name.clone(), of)
        })
        .collect();
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
        actors: app
            .library()
            .actors
            .iter()
            .map(|a| (a.name.clone(), a.appearances.len()))
            .collect(),
        entries_by_actor,
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

/// While loading, briefings arrive before their actors are grouped (on a thread of
/// their own): what keys asked for in between is made again with the grouping.
#[test]
fn a_grouping_that_comes_after_its_briefings_shows_up_in_every_list() {
    use brief::library::grouping::{Roster, group};
    let briefings = generated(30);
    let mut app = App::new(Library::new(briefings[..20].to_vec(), Vec::new()));
    app.start_loading();
    let actor = busiest(app.library());
    lists(&mut app, &actor);
    let progress = Progress {
        done: 30,
        total: 30,
    };
    app.receive_ungrouped(briefings[20..].to_vec(), Vec::new(), progress);
    // Asked for before the grouping comes: the first twenty's.
    lists(&mut app, &actor);
    let rosters: Vec<Roster> = briefings.iter().map(Roster::of).collect();
    app.receive_grouping(group(&rosters));
    assert_eq!(lists(&mut app, &actor), afresh(&briefings, &actor));
}

/// Briefing `b` saved again with one thing changed, by what is changed; `busiest` is
/// the place of an actor of the busiest library actor among its actors.
fn one_change(b: &Briefing, what: &str, busiest: usize) -> Briefing {
    let mut b = b.clone();
    let line = |s: &str| Text::line(s.to_string());
    match what {
        "a sentence of its summary" => b.summary = Some(line("Corrected.")),
        "an entry's title" => b.timeline[0].title = line("Retitled"),
        "its date" => b.date = Date::parse("2099-01-01").unwrap(),
        "its date, same instant, another offset" => {
            b.date = Date::parse("2016-06-01T12:00:00+02:00").unwrap()
        }
        "its title" => b.title = line("Aardvark first"),
        "a tag" => b.tags.push(line("aaa-first")),
        "an entry's date" => b.timeline[0].date = Date::parse("1901-01-01").unwrap(),
        "an entry fewer" => {
            b.timeline.pop();
        }
        "the actors an entry names" => {
            let actors: Vec<_> = b.actors.iter().map(|a| a.id.clone()).collect();
            b.timeline[0].actors = actors.into();
        }
        "an actor's name" => b.actors[0].name = line("Zebediah Renamed"),
        "the busiest actor's name, apart from the others" => {
            b.actors[busiest].name = line("Zebediah Apart");
            b.actors[busiest].aliases = Default::default();
        }
        "an actor more" => {
            let mut a = b.actors[0].clone();
            a.id = brief::model::Id::from("zebediah".to_string());
            a.name = line("Zebediah Newcomer");
            a.aliases = Default::default();
            b.actors.push(a);
        }
        _ => unreachable!("{what}"),
    }
    b
}

/// Each kind of change a saved file can bring, alone: the lists after it are those of
/// a reader opened afresh, whether what the library keeps is made again or kept.
#[test]
fn a_briefing_saved_with_one_thing_changed_shows_up_in_every_list() {
    let mut briefings = generated(30);
    // The briefing changed holds the busiest actor.
    let first = Library::new(briefings.clone(), Vec::new());
    let actor = busiest(&first);
    let (b, busiest_at) = first.actors[first.find_actors(&actor)[0]].appearances[0];
    // An instant to move to another offset, beside one at the same instant: the two
    // are ordered as written.
    let other = if b == 0 { 1 } else { 0 };
    briefings[b].date = Date::parse("2016-06-01T10:00:00Z").unwrap();
    briefings[other].date = Date::parse("2016-06-01T11:00:00+01:00").unwrap();
    // The busiest actor named by an entry: renamed apart, the entry is another's.
    briefings[b].timeline[0].actors = vec![briefings[b].actors[busiest_at].id.clone()].into();
    for what in [
        "a sentence of its summary",
        "an entry's title",
        "its date",
        "its date, same instant, another offset",
        "its title",
        "a tag",
        "an entry's date",
        "an entry fewer",
        "the actors an entry names",
        "an actor's name",
        "the busiest actor's name, apart from the others",
        "an actor more",
    ] {
        let mut app = App::new(Library::new(briefings.clone(), Vec::new()));
        lists(&mut app, &actor);
        let now = one_change(&briefings[b], what, busiest_at);
        app.reload(vec![(now.path.clone(), Ok(now.clone()))], Vec::new());
        let mut files = briefings.clone();
        files[b] = now;
        assert_eq!(lists(&mut app, &actor), afresh(&files, &actor), "{what}");
    }
}
