//! The cache as a user meets it, with the real binary in a pseudo-terminal: a first
//! open keeps every briefing once everything is loaded, while the reader waits for
//! keys, so the next open parses nothing; quitting at once leaves a cache that is
//! whole (or none), and the next open is exact.
#![cfg(unix)]

mod support {
    pub mod pty;
}

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use brief::cache::Cache;
use brief::load::{self, LoadOptions, Loaded};
use support::pty::*;

/// A library of `n` small briefings, each its own.
fn library(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let s = format!(
            "title: Briefing number {i}\ndate: 2024-03-01\nevent:\n  title: Something happens\n  \
             date: 2024-03-01\nactors:\n  - id: ops\n    name: Port operator {i}\n\
             timeline:\n  - date: 2024-03-01\n    title: Systems go dark\nquotes:\n  \
             - actor: ops\n    text: Quote {i}.\n"
        );
        std::fs::write(dir.path().join(format!("b{i:05}.yaml")), s).unwrap();
    }
    dir
}

fn program() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_brief"))
}

/// Starts the reader on `lib` with its cache under `cache` and waits until every
/// briefing is loaded.
fn open(lib: &Path, cache: &Path, n: usize) -> Session {
    let mut s = Session::start_program(
        program(),
        &["--fresh", lib.to_str().unwrap()],
        &[("XDG_CACHE_HOME", cache.to_str().unwrap())],
        100,
        30,
    );
    let all = format!("Briefings {n}");
    s.wait_for("every briefing", |scr| {
        scr.contains(&all) && !scr.contains("Loading")
    });
    s
}

/// The library's pack, as the reader names it.
fn pack(lib: &Path, cache: &Path) -> PathBuf {
    Cache::at(cache.join("brief"), &[lib.to_path_buf()])
        .pack()
        .to_path_buf()
}

fn temps(cache: &Path) -> Vec<String> {
    std::fs::read_dir(cache.join("brief"))
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// Every file loaded through what the reader kept (named as that program names its
/// entries), every outcome written out, and what the cache did.
fn through_cache(lib: &Path, cache: &Path) -> (Vec<String>, brief::cache::Stats) {
    let cache = Cache::of_program(cache.join("brief"), &[lib.to_path_buf()], program());
    let files = load::discover(&[lib.to_path_buf()]).unwrap();
    let mut out: Vec<Option<Loaded>> = files.iter().map(|_| None).collect();
    brief::cache::load_parallel(&files, &LoadOptions::default(), Some(&cache), |i, l| {
        out[i] = Some(l)
    });
    let shown = out
        .into_iter()
        .map(|l| format!("{:?}", l.unwrap()))
        .collect();
    (shown, cache.stats())
}

fn parsed(lib: &Path) -> Vec<String> {
    let files = load::discover(&[lib.to_path_buf()]).unwrap();
    load::load_all(&files, &LoadOptions::default())
        .iter()
        .map(|l| format!("{l:?}"))
        .collect()
}

/// Waits (with no key pressed) until the pack is written.
fn wait_for_pack(pack: &Path) {
    let start = Instant::now();
    while !pack.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the reader left alone never wrote its cache"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A first open writes nothing until everything is loaded, then keeps every briefing
/// while the reader waits for keys: the next open takes each from the cache.
#[test]
fn a_first_open_keeps_every_briefing_for_the_next() {
    const N: usize = 300;
    let (lib, cache) = (library(N), tempfile::tempdir().unwrap());
    let pack = pack(lib.path(), cache.path());
    let mut s = open(lib.path(), cache.path(), N);
    wait_for_pack(&pack);
    // The reader still answers keys.
    s.send(b"j");
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert_eq!(temps(cache.path()), Vec::<String>::new());
    let (shown, stats) = through_cache(lib.path(), cache.path());
    assert_eq!((stats.hits, stats.misses, stats.rejected), (N, 0, 0));
    assert_eq!(shown, parsed(lib.path()));
}

/// Quitting as soon as everything is loaded (the cache still being filled) leaves a
/// whole pack or none, never a temporary file, and the next open is exact; a reader
/// then left alone keeps the rest.
#[test]
fn quitting_while_the_cache_fills_leaves_it_whole() {
    const N: usize = 1500;
    let (lib, cache) = (library(N), tempfile::tempdir().unwrap());
    let mut s = open(lib.path(), cache.path(), N);
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert_eq!(temps(cache.path()), Vec::<String>::new());
    let (shown, stats) = through_cache(lib.path(), cache.path());
    assert_eq!(shown, parsed(lib.path()));
    assert_eq!(stats.rejected, 0, "{stats:?}");
    assert_eq!(stats.hits + stats.misses, N);
    // Once more, left alone until the pack is whole: every briefing is kept.
    let pack = pack(lib.path(), cache.path());
    let _ = std::fs::remove_file(&pack);
    let mut s = open(lib.path(), cache.path(), N);
    wait_for_pack(&pack);
    s.send(b"q");
    assert!(s.wait_exit().success());
    let (_, stats) = through_cache(lib.path(), cache.path());
    assert_eq!((stats.hits, stats.misses), (N, 0), "{stats:?}");
}
