//! The cache of briefings already read: a warm open gives exactly what parsing gives,
//! a changed byte is read again, a file with problems is never kept, and a damaged,
//! truncated, foreign or other-version pack is passed over and written anew.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use brief::cache::{Cache, Stats};
use brief::library::Library;
use brief::load::{self, LoadOptions, Loaded};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A library of its own: the sample briefings, one whose text needs cleaning before it
/// is shown, one with dates at every precision, and one with an error.
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut from: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("briefings"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    from.extend(
        [
            "tests/fixtures/hostile/escapes.yaml",
            "tests/fixtures/valid/dates.yaml",
            "tests/fixtures/errors/bad-date.yaml",
        ]
        .map(|f| Path::new(ROOT).join(f)),
    );
    for f in from {
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    dir
}

/// Clean files in [`library`].
const CLEAN: usize = 6;

/// Every outcome, all that it holds written out: texts as read and as shown, dates,
/// paths, and for a file with problems, every message.
fn shown(loaded: &[Loaded]) -> Vec<String> {
    loaded.iter().map(|l| format!("{l:?}")).collect()
}

fn files(lib: &Path) -> Vec<PathBuf> {
    load::discover(&[lib.to_path_buf()]).unwrap()
}

/// Loads the library through a cache in `dir`, as a program of build `build`; the
/// library made of what loaded, in file order, as the reader holds it; and the cache
/// to fill from it.
fn load_as(lib: &Path, dir: &Path, build: &str) -> (Vec<Loaded>, Library, Cache) {
    let cache = Cache::with_build(dir, &[lib.to_path_buf()], build);
    let files = files(lib);
    let mut out: Vec<Option<Loaded>> = files.iter().map(|_| None).collect();
    brief::cache::load_parallel(&files, &LoadOptions::default(), Some(&cache), |i, l| {
        out[i] = Some(l)
    });
    let loaded: Vec<Loaded> = out.into_iter().map(Option::unwrap).collect();
    let mut library = Library::default();
    library.append(loaded.iter().flatten().cloned().collect(), Vec::new());
    (loaded, library, cache)
}

/// [`load_as`], then keeps every briefing parsed and waits for the pack, as the reader
/// does once everything is delivered and it waits for keys.
fn open_as(lib: &Path, dir: &Path, build: &str) -> (Vec<Loaded>, Stats) {
    let (loaded, library, cache) = load_as(lib, dir, build);
    (loaded, cache.keep_all(&library))
}

fn open(lib: &Path, dir: &Path) -> (Vec<Loaded>, Stats) {
    open_as(lib, dir, "one")
}

/// What parsing every file gives, without any cache.
fn parsed(lib: &Path) -> Vec<String> {
    shown(&load::load_all(&files(lib), &LoadOptions::default()))
}

fn pack(lib: &Path, dir: &Path) -> PathBuf {
    Cache::at(dir, &[lib.to_path_buf()]).pack().to_path_buf()
}

#[test]
fn a_warm_open_gives_what_parsing_gives() {
    let (lib, dir) = (library(), tempfile::tempdir().unwrap());
    let fresh = parsed(lib.path());
    assert!(
        fresh.iter().any(|l| l.starts_with("Err")),
        "a file with an error"
    );
    let (cold, stats) = open(lib.path(), dir.path());
    assert_eq!(shown(&cold), fresh);
    assert_eq!((stats.hits, stats.written), (0, CLEAN));
    let (warm, stats) = open(lib.path(), dir.path());
    assert_eq!(shown(&warm), fresh);
    // Every clean file from the cache; the one with an error is parsed again.
    assert_eq!(
        stats,
        Stats {
            hits: CLEAN,
            misses: 1,
            rejected: 0,
            written: 0
        }
    );
    // The text that needed cleaning is kept as it was and as it is shown.
    let escapes = warm
        .iter()
        .flatten()
        .find(|b| b.path.ends_with("escapes.yaml"))
        .unwrap();
    assert_ne!(escapes.title.raw(), escapes.title.shown());
}

#[test]
fn one_changed_byte_is_read_again() {
    let (lib, dir) = (library(), tempfile::tempdir().unwrap());
    open(lib.path(), dir.path());
    let file = lib.path().join("wannacry-attribution.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
    let changed = title.replacen('W', "V", 1);
    assert_ne!(title, changed);
    std::fs::write(&file, text.replacen(title, &changed, 1)).unwrap();
    let (warm, stats) = open(lib.path(), dir.path());
    assert_eq!(shown(&warm), parsed(lib.path()));
    assert_eq!((stats.hits, stats.misses, stats.written), (CLEAN - 1, 2, 1));
    let b = warm
        .iter()
        .flatten()
        .find(|b| b.path == file)
        .expect("the changed file loads");
    assert!(b.title.raw().contains('V'), "{}", b.title.raw());
}

#[test]
fn the_same_bytes_under_another_name_are_another_briefing() {
    // A briefing without an id takes its file's name: the name is part of the key.
    let (lib, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let text =
        "title: T\ndate: 2024\nevent:\n  title: E\n  date: 2024\nactors:\n  - id: a\n    name: A\n";
    std::fs::write(lib.path().join("first.yaml"), text).unwrap();
    open(lib.path(), dir.path());
    std::fs::rename(
        lib.path().join("first.yaml"),
        lib.path().join("second.yaml"),
    )
    .unwrap();
    let (warm, stats) = open(lib.path(), dir.path());
    assert_eq!(stats.hits, 0);
    assert_eq!(warm[0].as_ref().unwrap().id, "second");
}

#[test]
fn a_file_with_problems_is_never_kept() {
    let (lib, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::copy(
        Path::new(ROOT).join("tests/fixtures/errors/several-errors.yaml"),
        lib.path().join("several-errors.yaml"),
    )
    .unwrap();
    for _ in 0..2 {
        let (loaded, stats) = open(lib.path(), dir.path());
        assert_eq!(shown(&loaded), parsed(lib.path()));
        assert_eq!((stats.hits, stats.written), (0, 0));
    }
    assert!(!pack(lib.path(), dir.path()).exists(), "no pack for it");
}

/// Damages the pack with `damage`, then checks that the next open gives what parsing
/// gives, says nothing, writes the pack anew, and that the one after uses all of it.
fn survives(what: &str, damage: impl Fn(&Path)) {
    let (lib, dir) = (library(), tempfile::tempdir().unwrap());
    open(lib.path(), dir.path());
    let pack = pack(lib.path(), dir.path());
    damage(&pack);
    let (loaded, stats) = open(lib.path(), dir.path());
    assert_eq!(shown(&loaded), parsed(lib.path()), "{what}");
    assert!(
        stats.hits < CLEAN,
        "{what}: the damage went unseen: {stats:?}"
    );
    assert!(stats.rejected >= 1, "{what}: {stats:?}");
    let (again, stats) = open(lib.path(), dir.path());
    assert_eq!(shown(&again), parsed(lib.path()), "{what}");
    assert_eq!(
        (stats.hits, stats.rejected),
        (CLEAN, 0),
        "{what}: not rebuilt"
    );
}

#[test]
fn a_flipped_byte_in_an_entry_is_passed_over_and_rebuilt() {
    survives("a byte flipped in an entry", |pack| {
        let mut bytes = std::fs::read(pack).unwrap();
        // Within the first entry's text, well past its header.
        bytes[200] ^= 0x20;
        std::fs::write(pack, bytes).unwrap();
    });
}

#[test]
fn a_flipped_byte_anywhere_is_passed_over_and_rebuilt() {
    let len = {
        let (lib, dir) = (library(), tempfile::tempdir().unwrap());
        open(lib.path(), dir.path());
        std::fs::metadata(pack(lib.path(), dir.path()))
            .unwrap()
            .len() as usize
    };
    // The entries' headers, texts, the index and the footer.
    for at in [0, 9, 20, 45, len / 2, len - 200, len - 30, len - 1] {
        survives(&format!("byte {at} of {len} flipped"), |pack| {
            let mut bytes = std::fs::read(pack).unwrap();
            bytes[at] ^= 0x01;
            std::fs::write(pack, bytes).unwrap();
        });
    }
}

#[test]
fn a_truncated_pack_is_passed_over_and_rebuilt() {
    for keep in [0.0, 0.5, 0.99] {
        survives(&format!("cut to {keep} of its length"), |pack| {
            let len = std::fs::metadata(pack).unwrap().len();
            let f = std::fs::OpenOptions::new().write(true).open(pack).unwrap();
            f.set_len((len as f64 * keep) as u64).unwrap();
        });
    }
}

#[test]
fn garbage_in_place_of_a_pack_is_passed_over_and_rebuilt() {
    survives("garbage", |pack| {
        let len = std::fs::metadata(pack).unwrap().len() as usize;
        let garbage: Vec<u8> = (0..len).map(|i| (i * 7919 % 251) as u8).collect();
        std::fs::write(pack, garbage).unwrap();
    });
    survives("a short text", |pack| {
        std::fs::write(pack, "not a pack\n").unwrap();
    });
}

#[test]
fn a_pack_of_another_library_is_passed_over() {
    let (lib, other, dir) = (
        library(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let text =
        "title: T\ndate: 2024\nevent:\n  title: E\n  date: 2024\nactors:\n  - id: a\n    name: A\n";
    std::fs::write(other.path().join("other.yaml"), text).unwrap();
    open(other.path(), dir.path());
    std::fs::copy(pack(other.path(), dir.path()), pack(lib.path(), dir.path())).unwrap();
    let (loaded, stats) = open(lib.path(), dir.path());
    assert_eq!(shown(&loaded), parsed(lib.path()));
    assert_eq!(stats.hits, 0);
    assert_eq!(open(lib.path(), dir.path()).1.hits, CLEAN);
}

#[test]
fn another_build_of_the_program_never_reads_the_pack() {
    let (lib, dir) = (library(), tempfile::tempdir().unwrap());
    open_as(lib.path(), dir.path(), "one");
    let (loaded, stats) = open_as(lib.path(), dir.path(), "two");
    assert_eq!(shown(&loaded), parsed(lib.path()));
    assert_eq!((stats.hits, stats.written), (0, CLEAN));
    assert_eq!(open_as(lib.path(), dir.path(), "two").1.hits, CLEAN);
}

#[test]
fn an_unchanged_library_writes_nothing_and_a_smaller_one_a_smaller_pack() {
    let (lib, dir) = (library(), tempfile::tempdir().unwrap());
    open(lib.path(), dir.path());
    let pack = pack(lib.path(), dir.path());
    let before = std::fs::read(&pack).unwrap();
    let written = std::fs::metadata(&pack).unwrap().modified().unwrap();
    open(lib.path(), dir.path());
    assert_eq!(std::fs::read(&pack).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&pack).unwrap().modified().unwrap(),
        written
    );
    // A briefing gone: the pack keeps only what the library holds.
    std::fs::remove_file(lib.path().join("wannacry-attribution.yaml")).unwrap();
    let (_, stats) = open(lib.path(), dir.path());
    assert_eq!((stats.hits, stats.written), (CLEAN - 1, 0));
    assert!(std::fs::metadata(&pack).unwrap().len() < before.len() as u64);
    assert_eq!(open(lib.path(), dir.path()).1.hits, CLEAN - 1);
}

#[test]
fn a_cache_that_cannot_be_written_is_no_failure() {
    let (lib, home) = (library(), tempfile::tempdir().unwrap());
    // A file where the cache folder would be.
    let dir = home.path().join("brief");
    std::fs::write(&dir, "").unwrap();
    for _ in 0..2 {
        let (loaded, stats) = open(lib.path(), &dir);
        assert_eq!(shown(&loaded), parsed(lib.path()));
        assert_eq!((stats.hits, stats.written), (0, 0));
    }
}

#[test]
fn pruning_removes_the_packs_unused_longest_and_never_this_one() {
    let (lib, dir) = (library(), tempfile::tempdir().unwrap());
    open(lib.path(), dir.path());
    let this = pack(lib.path(), dir.path());
    let now = SystemTime::now();
    let old = |name: &str, days: u64, len: u64| {
        let p = dir.path().join(name);
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(len).unwrap();
        f.set_modified(now - Duration::from_secs(days * 86_400))
            .unwrap();
        p
    };
    let oldest = old("a.pack", 30, 1000);
    let older = old("b.pack", 20, 1000);
    let newer = old("c.pack", 10, 1000);
    let temp = old(".1.2.tmp", 2, 10);
    let stranger = old("notes.txt", 90, 5000);
    // This library's pack is made the oldest of all: it stays all the same.
    std::fs::File::options()
        .append(true)
        .open(&this)
        .unwrap()
        .set_modified(now - Duration::from_secs(40 * 86_400))
        .unwrap();
    let this_len = std::fs::metadata(&this).unwrap().len();
    let cache = Cache::at(dir.path(), &[lib.path().to_path_buf()]);
    cache.prune(this_len + 1500);
    assert!(this.exists());
    assert!(!oldest.exists() && !older.exists(), "the oldest go first");
    assert!(newer.exists(), "only as many as needed go");
    assert!(!temp.exists(), "a temporary file left behind goes");
    cache.prune(0);
    assert!(this.exists() && !newer.exists());
    assert!(stranger.exists(), "what the reader did not write stays");
    assert_eq!(cache.bound(), brief::cache::MIN_BOUND);
}

/// The fingerprints of each briefing's items (what is new is told by them) are kept in
/// its entry: a warm open gives the ones working them out gives, item for item.
#[test]
fn a_warm_open_gives_the_fingerprints_parsing_gives() {
    let (lib, dir) = (library(), tempfile::tempdir().unwrap());
    let arrive = || {
        let cache = Cache::with_build(dir.path(), &[lib.path().to_path_buf()], "one");
        let files = files(lib.path());
        let mut out: Vec<Option<_>> = files.iter().map(|_| None).collect();
        brief::cache::arrive_parallel(
            &files,
            &LoadOptions::default(),
            Some(&cache),
            |i, (a, _)| out[i] = Some(a),
        );
        let arrivals = out.into_iter().flatten().flatten().collect::<Vec<_>>();
        let mut library = Library::default();
        library.append_arrivals(arrivals.clone(), Vec::new());
        (arrivals, cache.keep_all(&library))
    };
    let (cold, stats) = arrive();
    assert_eq!((stats.hits, stats.written), (0, CLEAN));
    let (warm, stats) = arrive();
    assert_eq!(stats.hits, CLEAN);
    assert_eq!(warm.len(), CLEAN);
    let items: usize = warm
        .iter()
        .map(|a| a.prints.timeline.len() + a.prints.quotes.len() + a.prints.implications.len())
        .sum();
    assert!(items > 20, "items of every kind: {items}");
    for (w, c) in warm.iter().zip(&cold) {
        assert_eq!(w.briefing.path, c.briefing.path);
        assert_eq!(w.prints, brief::library::news::prints(&w.briefing));
        assert_eq!(w.prints, c.prints);
    }
}

/// The reader keeps the briefings it parsed after it has them all, a few at a time
/// while it waits for keys: step by step, every one is kept, and the next open parses
/// nothing.
#[test]
fn a_first_open_keeps_every_briefing_parsed_a_step_at_a_time() {
    let (lib, dir) = (library(), tempfile::tempdir().unwrap());
    let (loaded, library, cache) = load_as(lib.path(), dir.path(), "one");
    assert_eq!(shown(&loaded), parsed(lib.path()));
    assert!(
        !pack(lib.path(), dir.path()).exists(),
        "nothing written while loading"
    );
    let mut fill = cache.fill().expect("a thread to write");
    assert_eq!(fill.left(), CLEAN);
    // No time at all for a step: one briefing each.
    let mut steps = 0;
    while fill.step(&library, Duration::ZERO) {
        steps += 1;
        assert_eq!(fill.left(), CLEAN - steps);
    }
    assert_eq!(steps + 1, CLEAN);
    let stats = fill.wait().expect("sealed");
    assert_eq!(
        (stats.hits, stats.misses, stats.written),
        (0, CLEAN + 1, CLEAN)
    );
    let (warm, stats) = open(lib.path(), dir.path());
    assert_eq!(shown(&warm), parsed(lib.path()));
    // Only the file with an error is parsed again.
    assert_eq!((stats.hits, stats.misses, stats.written), (CLEAN, 1, 0));
}

/// A file read again before its briefing was kept (the reader took the change in) is
/// not kept under the name of the bytes first read: those bytes back, the file is
/// parsed, not given the changed briefing. Briefings after a file removed meanwhile
/// are still found and kept.
#[test]
fn a_file_changed_before_it_is_kept_is_not_kept_under_its_old_name() {
    let (lib, dir) = (library(), tempfile::tempdir().unwrap());
    let (_, mut library, cache) = load_as(lib.path(), dir.path(), "one");
    // In file order: the changed one, then the removed one, then others.
    let changed = lib.path().join("exercise-election-influence.yaml");
    let removed = lib.path().join("exercise-port-ransomware.yaml");
    let first = std::fs::read_to_string(&changed).unwrap();
    let mut fill = cache.fill().expect("a thread to write");
    assert!(fill.step(&library, Duration::ZERO), "more than one to keep");
    // The first briefing is kept; then the reader takes in a change and a removal.
    std::fs::write(
        &changed,
        first.replace("\"EXERCISE: Pale", "\"CHANGED: Pale"),
    )
    .unwrap();
    std::fs::remove_file(&removed).unwrap();
    fill.forget([changed.as_path(), removed.as_path()]);
    let reread = load::load_file(&changed, &LoadOptions::default());
    assert!(
        reread
            .as_ref()
            .unwrap()
            .title
            .shown()
            .starts_with("CHANGED")
    );
    library.apply(
        vec![(changed.clone(), reread)],
        std::slice::from_ref(&removed),
    );
    while fill.step(&library, Duration::ZERO) {}
    let stats = fill.wait().expect("sealed");
    // The bytes first read are back.
    std::fs::write(&changed, &first).unwrap();
    let (again, again_stats) = open(lib.path(), dir.path());
    assert_eq!(shown(&again), parsed(lib.path()));
    assert_eq!(
        stats.written,
        CLEAN - 2,
        "all but the changed and the removed one: {stats:?}"
    );
    assert_eq!(
        (again_stats.hits, again_stats.misses),
        (CLEAN - 2, 2),
        "{again_stats:?}"
    );
}

/// Quitting before every briefing is kept seals what was: the pack is whole, the next
/// open takes those from it, parses the rest, and keeps them in turn.
#[test]
fn quitting_mid_fill_keeps_what_was_encoded() {
    let (lib, dir) = (library(), tempfile::tempdir().unwrap());
    let (_, library, cache) = load_as(lib.path(), dir.path(), "one");
    let mut fill = cache.fill().expect("a thread to write");
    assert!(fill.step(&library, Duration::ZERO));
    assert!(fill.step(&library, Duration::ZERO));
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    assert!(fill.wait_until(deadline), "sealed");
    let (again, stats) = open(lib.path(), dir.path());
    assert_eq!(shown(&again), parsed(lib.path()));
    assert_eq!((stats.hits, stats.written), (2, CLEAN - 2), "{stats:?}");
    assert_eq!(open(lib.path(), dir.path()).1.hits, CLEAN);
}

/// Quitting with no time left gives up the new pack or seals it, never anything
/// between: the next open is exact, and no temporary file stays.
#[test]
fn quitting_with_no_time_to_seal_leaves_the_cache_whole() {
    let (lib, dir) = (library(), tempfile::tempdir().unwrap());
    open(lib.path(), dir.path());
    // One file changed: a new pack is begun on the next open.
    let changed = lib.path().join("exercise-port-ransomware.yaml");
    let first = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(
        &changed,
        first.replace("\"EXERCISE: Veloria", "\"CHANGED: Veloria"),
    )
    .unwrap();
    let (_, library, cache) = load_as(lib.path(), dir.path(), "one");
    let mut fill = cache.fill().expect("a thread to write");
    while fill.step(&library, Duration::ZERO) {}
    fill.wait_until(std::time::Instant::now());
    let temps = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count()
    };
    // The writing thread may still be at work: it ends by itself.
    let until = std::time::Instant::now() + Duration::from_secs(60);
    while temps() > 0 && std::time::Instant::now() < until {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(temps(), 0, "a temporary file stayed");
    let (again, stats) = open(lib.path(), dir.path());
    assert_eq!(shown(&again), parsed(lib.path()));
    assert_eq!(stats.rejected, 0, "{stats:?}");
    assert!(
        stats.hits >= CLEAN - 1,
        "the old pack stays usable: {stats:?}"
    );
}
