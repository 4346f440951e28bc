//! How long the reader takes to have every briefing of a library loaded, opened cold
//! without the cache (`--no-cache`), cold while writing the cache, and warm from it,
//! against the bare-parse floor (`examples/floor`) timed in the same rounds, in turn.
//! Whole processes: the reader in a real pseudo-terminal until its status line counts
//! every briefing, the floor until it exits.
//!
//! ```text
//! cargo build --release --examples && cargo build --release
//! target/release/examples/warm-open DIR [ROUNDS]
//! ```
//!
//! A run with the cache is left alone until its pack is written (after everything is
//! loaded) before it quits. The cache goes to a temporary folder of its own; its size is printed beside the
//! library's. Each round also loads every file through a cache in this process, with
//! no reader around it: the cache's own share of a warm open.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// `n` with thousands separated by commas, as the reader's status line writes it.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Starts the reader on `dir` and returns how long until every briefing is loaded.
fn reader(dir: &Path, extra: &[&str], cache: &Path, state: &Path, marker: &str) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 160,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open pty");
    let brief = concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/brief");
    let mut cmd = CommandBuilder::new(brief);
    cmd.args(extra);
    cmd.arg(dir);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CACHE_HOME", cache);
    cmd.env("XDG_STATE_HOME", state);
    cmd.env("XDG_CONFIG_HOME", state);
    let mut out = pair.master.try_clone_reader().expect("reader");
    let mut input = pair.master.take_writer().expect("writer");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut screen = vt100::Parser::new(50.try_into().unwrap(), 160.try_into().unwrap(), 0);
    let mut buf = vec![0u8; 1 << 16];
    let elapsed = loop {
        let n = out.read(&mut buf).unwrap_or(0);
        if n == 0 {
            panic!("the reader ended before loading everything");
        }
        screen.process(&buf[..n]);
        let shown = screen.screen().contents();
        if shown.contains(marker) && !shown.contains("Loading") {
            break start.elapsed();
        }
    };
    // The cache is written after everything is loaded, while the reader waits for
    // keys: left alone until its pack is there, so that the next run is warm.
    if !extra.contains(&"--no-cache") {
        let waiting = Instant::now();
        let packs = cache.join("brief");
        let has_pack = || {
            std::fs::read_dir(&packs)
                .into_iter()
                .flatten()
                .flatten()
                .any(|e| e.path().extension().is_some_and(|x| x == "pack"))
        };
        while !has_pack() && waiting.elapsed() < Duration::from_secs(600) {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let _ = std::io::Write::write_all(&mut input, b"q");
    let _ = child.wait();
    elapsed
}

/// The bare parse of the same files, as a process.
fn floor(dir: &Path) -> Duration {
    let exe = concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/examples/floor");
    let start = Instant::now();
    let out = Command::new(exe).arg(dir).output().expect("run the floor");
    assert!(out.status.success(), "the floor failed");
    start.elapsed()
}

/// Every file loaded through a cache in `dir` in this process, without the reader:
/// the cache's own share of a warm open (the first call writes the pack).
fn through_cache(dir: &Path, files: &[PathBuf], cache_dir: &Path) -> Duration {
    let start = Instant::now();
    let cache = brief::cache::Cache::at(cache_dir, &[dir.to_path_buf()]);
    let mut loaded: Vec<Option<_>> = files.iter().map(|_| None).collect();
    brief::cache::load_parallel(
        files,
        &brief::load::LoadOptions::default(),
        Some(&cache),
        |i, l| loaded[i] = l.ok(),
    );
    // In file order, as the reader holds them, to be kept from.
    let loaded: Vec<_> = loaded.into_iter().flatten().collect();
    assert!(!loaded.is_empty(), "nothing loaded");
    let mut library = brief::library::Library::default();
    library.append(loaded, Vec::new());
    cache.keep_all(&library);
    start.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn bytes_below(dir: &Path) -> u64 {
    let mut total = 0;
    let mut folders = vec![dir.to_path_buf()];
    while let Some(d) = folders.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let Ok(m) = e.metadata() else { continue };
            if m.is_dir() {
                folders.push(e.path());
            } else {
                total += m.len();
            }
        }
    }
    total
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: warm-open DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let files = brief::load::discover(std::slice::from_ref(&dir)).expect("the library");
    let count = files.len();
    let marker = format!("{} briefings", thousands(count));
    let work = tempfile::tempdir().expect("a folder");
    let (cache, state) = (work.path().join("cache"), work.path().join("state"));
    let entries = cache.join("brief");
    println!("library: {count} briefings, {} bytes", bytes_below(&dir));
    println!("load average before: {}", load_average());
    let inproc = work.path().join("in-process");
    let primed = through_cache(&dir, &files, &inproc);
    println!(
        "in this process, loading every file and writing the cache: {:.2} s",
        primed.as_secs_f64()
    );
    let (mut floors, mut bare, mut cold, mut warm) = (vec![], vec![], vec![], vec![]);
    let mut layer = vec![];
    for round in 1..=rounds {
        let f = floor(&dir);
        let l = through_cache(&dir, &files, &inproc);
        let b = reader(&dir, &["--no-cache"], &cache, &state, &marker);
        let _ = std::fs::remove_dir_all(&entries);
        let c = reader(&dir, &[], &cache, &state, &marker);
        let w = reader(&dir, &[], &cache, &state, &marker);
        println!(
            "round {round}: floor {:.2} s, cache alone {:.2} s, --no-cache {:.2} s, cold writing {:.2} s, warm {:.2} s (warm/floor {:.3}), load {}",
            f.as_secs_f64(),
            l.as_secs_f64(),
            b.as_secs_f64(),
            c.as_secs_f64(),
            w.as_secs_f64(),
            w.as_secs_f64() / f.as_secs_f64(),
            load_average()
        );
        floors.push(f);
        layer.push(l);
        bare.push(b);
        cold.push(c);
        warm.push(w);
    }
    let (f, b, c, w) = (median(floors), median(bare), median(cold), median(warm));
    let l = median(layer);
    println!("medians of {rounds} rounds:");
    println!("  floor (bare parse)        {:.2} s", f.as_secs_f64());
    println!(
        "  every file from the cache {:.2} s  {:.3}x the floor (in one process, no reader)",
        l.as_secs_f64(),
        l.as_secs_f64() / f.as_secs_f64()
    );
    println!(
        "  reader --no-cache         {:.2} s  {:.2}x the floor",
        b.as_secs_f64(),
        b.as_secs_f64() / f.as_secs_f64()
    );
    println!(
        "  reader cold, writing      {:.2} s  {:.2}x the floor, {:.2}x --no-cache",
        c.as_secs_f64(),
        c.as_secs_f64() / f.as_secs_f64(),
        c.as_secs_f64() / b.as_secs_f64()
    );
    println!(
        "  reader warm, from cache   {:.2} s  {:.3}x the floor (target < 0.25x)",
        w.as_secs_f64(),
        w.as_secs_f64() / f.as_secs_f64()
    );
    println!(
        "cache on disk: {} bytes for a library of {} bytes",
        bytes_below(&entries),
        bytes_below(&dir)
    );
    println!("load average after: {}", load_average());
}
