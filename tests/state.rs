//! The reading state on disk: it comes back as it was saved, a broken or unreadable
//! file is refused in words (and replaced on the next save), it stays bounded, and
//! readers saving at the same time never lose each other's libraries.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use brief::state::{
    self, ItemPlace, LibraryState, MAX_LIBRARIES, MAX_TEXT_CHARS, Place, Print, SeenBriefing,
    StateError, Store,
};

fn library(name: &str) -> LibraryState {
    let mut seen = SeenBriefing {
        quotes: [Print {
            whole: 0xfeed,
            label: 7,
        }]
        .into(),
        ..SeenBriefing::default()
    };
    seen.before
        .insert(format!("{:016x}", 0xfeed), "We said this.".to_string());
    LibraryState {
        paths: vec![PathBuf::from(format!("/library/{name}"))],
        used: 0,
        place: Some(Place {
            file: Some(PathBuf::from(format!("/library/{name}/a.yaml"))),
            briefing: Some("a".to_string()),
            pane: Some("quotes".to_string()),
            item: Some(ItemPlace {
                print: Print {
                    whole: 0xfeed,
                    label: 7,
                },
                index: 2,
            }),
        }),
        briefings: BTreeMap::from([("a".to_string(), seen)]),
    }
}

#[test]
fn what_is_saved_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("brief"));
    let kept = library("one");
    store.save_at(kept.clone(), 100).unwrap();
    let back = store
        .load(&kept.paths)
        .unwrap()
        .expect("the library is kept");
    assert_eq!(back, LibraryState { used: 100, ..kept });
    assert_eq!(store.load(&[PathBuf::from("/elsewhere")]).unwrap(), None);
    // The folder and the file are the user's alone, and nothing else is left there.
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: PathBuf| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(dir.path().join("brief")), 0o700);
    assert_eq!(mode(store.path()), 0o600);
    let names: Vec<_> = std::fs::read_dir(dir.path().join("brief"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, vec!["state.json"]);
}

#[test]
fn no_file_yet_is_nothing_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("brief"));
    assert_eq!(store.load(&[PathBuf::from("/x")]).unwrap(), None);
    assert!(
        !dir.path().join("brief").exists(),
        "loading created something"
    );
}

#[test]
fn a_broken_file_is_refused_in_words_and_replaced_on_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    for broken in [
        &b"{\"brief_state\": 1, \"libraries\": [{\"paths\": 3"[..],
        b"\x00\x01garbage",
        b"{\"brief_state\": 99, \"libraries\": []}",
        b"{\"brief_state\": 1, \"libraries\": [{\"paths\": [], \"briefings\": {\"a\": {\"quotes\": [\"zz\"]}}}]}",
    ] {
        std::fs::write(store.path(), broken).unwrap();
        let err = store.load(&[PathBuf::from("/x")]).unwrap_err();
        assert!(matches!(err, StateError::Corrupt(..)), "{err:?}");
        let said = err.to_string();
        assert!(
            said.starts_with(&format!("{}: not a state file", store.path().display())),
            "{said}"
        );
        assert!(said.contains("starting as if for the first time"), "{said}");
    }
    let kept = library("two");
    store.save_at(kept.clone(), 5).unwrap();
    assert!(store.load(&kept.paths).unwrap().is_some());
}

#[test]
fn a_state_file_that_is_not_a_file_is_unreadable_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    std::fs::create_dir(store.path()).unwrap();
    let err = store.load(&[PathBuf::from("/x")]).unwrap_err();
    assert!(matches!(err, StateError::Unreadable(..)), "{err:?}");
    assert!(
        err.to_string().contains("it is not a regular file"),
        "{err}"
    );
    // Saving cannot replace a folder: said, not a panic.
    let err = store.save_at(library("x"), 1).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot save where you were to "),
        "{err}"
    );
}

#[test]
fn the_longest_unused_libraries_are_dropped_and_texts_are_cut() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    for i in 0..MAX_LIBRARIES + 8 {
        let mut l = library(&format!("{i:02}"));
        let long = "word ".repeat(200);
        l.briefings
            .get_mut("a")
            .unwrap()
            .before
            .insert("00000000000000aa".to_string(), long);
        store.save_at(l, 1000 + i as u64).unwrap();
    }
    let kept = |i: usize| {
        store
            .load(&[PathBuf::from(format!("/library/{i:02}"))])
            .unwrap()
    };
    for i in 0..8 {
        assert!(kept(i).is_none(), "library {i} should have been dropped");
    }
    for i in 8..MAX_LIBRARIES + 8 {
        let l = kept(i).unwrap_or_else(|| panic!("library {i} was dropped"));
        let text = &l.briefings["a"].before["00000000000000aa"];
        assert_eq!(text.chars().count(), MAX_TEXT_CHARS + 1);
        assert!(text.ends_with('\u{2026}'));
    }
    // Saving an old library again makes it the newest.
    store.save_at(library("08"), 5000).unwrap();
    store.save_at(library("new"), 5001).unwrap();
    assert!(kept(8).is_some());
    assert!(kept(9).is_none());
}

#[test]
fn readers_saving_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let readers = 8;
    let saves = 15;
    let threads: Vec<_> = (0..readers)
        .map(|r| {
            // Each reader has its own store, as separate processes do.
            let store = Store::at(dir.path());
            std::thread::spawn(move || {
                for n in 0..saves {
                    let mut l = library(&format!("reader-{r}"));
                    l.place.as_mut().unwrap().item.as_mut().unwrap().index = n;
                    store.save_at(l, 10 + n as u64).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let store = Store::at(dir.path());
    for r in 0..readers {
        let l = store
            .load(&[PathBuf::from(format!("/library/reader-{r}"))])
            .unwrap()
            .unwrap_or_else(|| panic!("reader {r}'s library was lost"));
        assert_eq!(l.place.unwrap().item.unwrap().index, saves - 1);
    }
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_library_is_named_by_its_canonical_paths() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("briefings");
    std::fs::create_dir(&lib).unwrap();
    let a = state::library_key(&[lib.clone(), lib.join(".")]);
    let b = state::library_key(&[dir.path().join("briefings/../briefings")]);
    assert_eq!(a, b);
    assert_eq!(a, vec![std::fs::canonicalize(&lib).unwrap()]);
}

#[test]
fn a_reader_never_sees_a_half_written_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    // Large enough that writing it takes many system calls.
    let mut big = library("big");
    let seen = big.briefings.get_mut("a").unwrap();
    for i in 0..2000 {
        seen.before.insert(format!("{i:016x}"), "x".repeat(300));
    }
    store.save_at(big.clone(), 1).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (store, stop, key) = (store.clone(), stop.clone(), big.paths.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) || reads == 0 {
                let kept = store.load(&key).expect("a whole file every time");
                assert!(kept.is_some());
                reads += 1;
            }
            reads
        })
    };
    for n in 2..12 {
        store.save_at(big.clone(), n).unwrap();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(reader.join().unwrap() > 0);
}
