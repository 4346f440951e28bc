//! What filling the cache after a first open costs the thread that reads keys: a
//! library loaded through an empty cache in this process, as the reader loads it, then
//! the briefings parsed encoded in steps of at most 2 ms (the reader's `FILL_STEP`),
//! as the reader does between keys; how many steps, the longest, and how long from
//! the first step until the pack is sealed.
//!
//! ```text
//! cargo build --release --examples
//! target/release/examples/fill-steps DIR
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use brief::cache::Cache;
use brief::library::Library;
use brief::load::LoadOptions;

const FILL_STEP: Duration = Duration::from_millis(2);

/// The CPU time this thread has had: a step's own cost, apart from the time the
/// machine gave to others meanwhile.
fn thread_cpu() -> Duration {
    // SAFETY: an all-zero timespec is valid, and clock_gettime only fills it.
    let mut t: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: a valid clock and a valid pointer to a timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: fill-steps DIR");
        std::process::exit(2);
    };
    let files = brief::load::discover(std::slice::from_ref(&dir)).expect("the library");
    let work = tempfile::tempdir().expect("a folder");
    let cache = Cache::at(work.path(), std::slice::from_ref(&dir));
    let started = Instant::now();
    let mut arrived: Vec<Option<_>> = files.iter().map(|_| None).collect();
    brief::cache::arrive_parallel(
        &files,
        &LoadOptions::default(),
        Some(&cache),
        |i, (a, _)| arrived[i] = a.ok(),
    );
    let mut library = Library::default();
    library.append_arrivals(arrived.into_iter().flatten().collect(), Vec::new());
    let loaded = started.elapsed();
    let mut fill = cache.fill().expect("a thread to write");
    let left = fill.left();
    let filling = Instant::now();
    let mut steps: Vec<Duration> = Vec::new();
    let mut cpu: Vec<Duration> = Vec::new();
    loop {
        let (step, on_cpu) = (Instant::now(), thread_cpu());
        let more = fill.step(&library, FILL_STEP);
        steps.push(step.elapsed());
        cpu.push(thread_cpu() - on_cpu);
        if !more {
            break;
        }
    }
    let encoded = filling.elapsed();
    let stats = fill.wait().expect("sealed");
    let sealed = filling.elapsed();
    let busy: Duration = steps.iter().sum();
    steps.sort();
    cpu.sort();
    let at = |q: f64| steps[((steps.len() - 1) as f64 * q) as usize];
    let cpu_at = |q: f64| cpu[((cpu.len() - 1) as f64 * q) as usize];
    println!(
        "{} files, {} briefings to keep: loaded in {:.3} s",
        files.len(),
        left,
        loaded.as_secs_f64()
    );
    println!(
        "{} steps, {:.3} s encoding in all; a step takes {:.2} ms (median), {:.2} ms (99%), {:.2} ms at most",
        steps.len(),
        busy.as_secs_f64(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3
    );
    println!(
        "  on the CPU: {:.2} ms (median), {:.2} ms (99%), {:.2} ms at most (the rest is other work on the machine)",
        cpu_at(0.5).as_secs_f64() * 1e3,
        cpu_at(0.99).as_secs_f64() * 1e3,
        cpu_at(1.0).as_secs_f64() * 1e3
    );
    println!(
        "every briefing encoded {:.3} s after the first step, the pack sealed {:.3} s after ({} entries written)",
        encoded.as_secs_f64(),
        sealed.as_secs_f64(),
        stats.written
    );
}
