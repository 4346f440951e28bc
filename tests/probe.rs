//! Variants of hostile input found after the first round of fixes: each test names
//! what a user would have seen.

mod common;

use brief::load;

/// The bundled library plus `extra` files, loaded as the reader loads them.
fn bundled_with(extra: &[(&str, &str)]) -> brief::library::Library {
    let mut briefings: Vec<brief::model::Briefing> = std::fs::read_dir("briefings")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| common::expect_ok(load::load_file(&p, &Default::default())))
        .collect();
    briefings.sort_by(|a, b| a.path.cmp(&b.path));
    for (name, src) in extra {
        briefings.push(common::expect_ok(common::load_yaml(name, src)));
    }
    brief::library::Library::new(briefings, Vec::new())
}

/// Actors named alike are one actor, so one alias each does not let them join every
/// actor they name: not in one file (`Everyone`, `everyone.`, fullwidth `ｅｖｅｒｙｏｎｅ`),
/// nor across files (`Bridge` here, `bridge` there).
#[test]
fn actors_named_alike_cannot_join_several_actors_one_alias_each() {
    let one_file = "title: One file
date: 2020
event: {title: E, date: 2020}
actors:
  - {id: b1, name: Everyone, aliases: [Canada]}
  - {id: b2, name: everyone., aliases: [Drovakia]}
  - {id: b3, name: \u{ff45}\u{ff56}\u{ff45}\u{ff52}\u{ff59}\u{ff4f}\u{ff4e}\u{ff45}, aliases: [Jonah Ebbesen]}
";
    let here = "title: Here
date: 2020
event: {title: E, date: 2020}
actors: [{id: b, name: Bridge, aliases: [Japan]}]
";
    let there = "title: There
date: 2020
event: {title: E, date: 2020}
actors: [{id: b, name: bridge, aliases: [Veloria]}]
";
    let alone = bundled_with(&[]);
    let lib = bundled_with(&[
        ("one.yaml", one_file),
        ("here.yaml", here),
        ("there.yaml", there),
    ]);
    for name in ["Canada", "Japan", "Drovakia", "Veloria", "Jonah Ebbesen"] {
        let before = &alone.actors[alone.find_actors(name)[0]];
        let found = lib.find_actors(name);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        let actor = &lib.actors[found[0]];
        assert_eq!(actor.name, before.name);
        // Only the briefings it was in before: it joined no other actor.
        assert_eq!(
            actor.briefing_count(),
            before.briefing_count(),
            "{name}: {actor:?}"
        );
    }
    let warnings: Vec<String> = lib.all_warnings().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("one.yaml:1:1: warning: the aliases `Canada`, `Drovakia`, `Jonah Ebbesen` of actor `Everyone` and of the actors named like it name 3 actors that are otherwise distinct"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].starts_with("here.yaml:1:1: warning: the aliases `Japan`, `Veloria` of actor `Bridge` and of the actors named like it name 2 actors"),
        "{}",
        warnings[1]
    );

    // As the reader shows it: --actor Canada is Canada, in its one briefing.
    let mut app = brief::app::App::new(lib);
    app.select_actors_by_name(&["Canada".to_string()]);
    assert_eq!(app.shown().briefings.len(), 1);
}

/// One actor named alike in several files, each time with the same alias: that is an
/// alias used consistently, and it still joins.
#[test]
fn the_same_alias_given_by_actors_named_alike_still_joins() {
    let a = "title: A
date: 2020
event: {title: E, date: 2020}
actors: [{id: k, name: Kingdom of Eskeland, aliases: [Eskeland]}]
";
    let b = "title: B
date: 2020
event: {title: E, date: 2020}
actors: [{id: k, name: kingdom of eskeland, aliases: [ESKELAND]}]
";
    let lib = bundled_with(&[("a.yaml", a), ("b.yaml", b)]);
    let found = lib.find_actors("Kingdom of Eskeland");
    assert_eq!(found, lib.find_actors("Eskeland"));
    assert_eq!(lib.all_warnings().count(), 0);
}
