//! Valid files are read the quick way (typed structs), the rest the thorough way
//! (a positioned tree). The quick way must never accept what the thorough one rejects,
//! nor build anything different: this holds them to one result on every file at hand.

use std::path::{Path, PathBuf};

use brief::load::{self, fast};

#[path = "../benches/common/library.rs"]
#[allow(dead_code)]
mod generated;

/// The bundled briefings, every fixture, and a generated library of varied ones.
fn every_file(generated_dir: &Path) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    generated::generate(generated_dir, 150, 7).expect("generate a library");
    let mut files = load::discover(&[
        root.join("briefings"),
        root.join("tests/fixtures"),
        generated_dir.to_path_buf(),
    ])
    .unwrap();
    files.sort();
    files
}

#[test]
fn the_quick_way_agrees_with_the_validator_on_every_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let mut quick = 0;
    let mut checked = 0;
    for path in every_file(dir.path()) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(src) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let thorough = load::load_positioned(&path, src);
        checked += 1;
        let quick_one = fast::briefing(src, &stem);
        if let Some(b) = quick_one {
            quick += 1;
            let Ok(expected) = &thorough else {
                panic!(
                    "{}: the quick way accepted a file the validator rejects: {:?}",
                    path.display(),
                    thorough.err()
                );
            };
            assert_eq!(
                serde_json::to_string(&b).unwrap(),
                serde_json::to_string(expected).unwrap(),
                "{}: the quick way built something else",
                path.display()
            );
        }
    }
    assert!(checked > 190, "{checked} files checked");
    assert!(quick > 140, "the quick way took only {quick} files");
}

/// Files that are valid YAML and nearly valid briefings, where a lenient reading
/// would let a mistake through.
#[test]
fn the_quick_way_leaves_every_doubtful_file_to_the_validator() {
    let base = "title: T\ndate: 2017\nevent: {title: E, date: 2017}\nactors: [{id: a, name: A}]\n";
    assert!(fast::briefing(base, "x").is_some());
    for extra in [
        "summary:\n",
        "summary: ~\n",
        "tags:\n",
        "tags: cyber\n",
        "briefing: \"1\"\n",
        "briefing: 2\n",
        "titel: a key the format does not know\n",
        "event: {title: E, date: 2017, where: here}\n",
        "actors: [{id: a, name: A, rank: 3}]\n",
        "timeline: [{date: 2017, title: t, x-ok: 1, who: [a]}]\n",
        "X-note: only a lower-case x- is the author's own\n",
        "x-note: 1\nx-note: 2\n",
        "title: again\n",
        "timeline: [{date: 2017, title: t, approximate: \"true\"}]\n",
        "timeline: [{date: 2017, title: t, approximate: yes}]\n",
        "quotes: [{actor: b, text: t}]\n",
        "quotes: [{actor: a, text: \"  \"}]\n",
        "sources: [{id: s, title: S, url: ftp://x}]\n",
        "implications: [{title: I, priority: High}]\n",
        "id: Not-A-Slug\n",
    ] {
        let src = format!("{base}{extra}");
        assert!(fast::briefing(&src, "x").is_none(), "accepted: {extra:?}");
        // And the validator says why.
        assert!(
            load::load_positioned(Path::new("x.yaml"), &src).is_err()
                || extra.starts_with("x-note: 1"),
            "{extra:?}"
        );
    }
}

/// The author's own `x-` keys, in every mapping the format has, are passed over the
/// quick way: the file is not read twice, and what is built is what the validator
/// builds.
#[test]
fn extension_keys_anywhere_are_read_the_quick_way() {
    let src = "x-top: {any: [thing, 1]}\nbriefing: 1\ntitle: T\ndate: 2017\n\
        sources: [{id: s, title: S, x-s: 1}]\n\
        event: {title: E, date: 2017, x-e: [1, 2]}\n\
        actors: [{id: a, name: A, x-a: {deep: {er: 1}}}]\n\
        timeline: [{date: 2017, title: t, actors: [a], x-t: ~}]\n\
        quotes: [{actor: a, text: said, source: s, x-q: true}]\n\
        implications: [{title: I, x-i: \"\"}]\n";
    let quick = fast::briefing(src, "x").expect("read the quick way");
    let thorough = load::load_positioned(Path::new("x.yaml"), src).expect("valid");
    assert_eq!(
        serde_json::to_string(&quick).unwrap(),
        serde_json::to_string(&thorough).unwrap()
    );
    assert_eq!(quick.timeline.len(), 1);
    assert_eq!(quick.quotes.len(), 1);
}
