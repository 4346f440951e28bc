//! Loading a library against its floor.
//!
//! A synthetic library (see `common/library.rs`) is written to a temporary
//! folder once per size, then criterion measures:
//!
//! - `floor`: every file read and deserialized by serde-saphyr alone into
//!   plain structs, on every core (`common/floor.rs`);
//! - `load`: `brief::load::load_all`, which parses, validates and builds the
//!   briefings on every core.
//!
//! The summary at the end prints load / floor for wall time and for CPU time
//! (user + system of the whole process, which other programs running on the
//! machine disturb less). The target is load <= 1.3x floor.
//!
//! `cargo bench --bench load` measures 200 briefings (about 4 MB);
//! `BRIEF_BENCH_SIZES=200,2000 cargo bench --bench load` measures other sizes
//! too (2000 takes several minutes: `benches/measure.sh` times 2000 as whole
//! processes instead). Without `--bench` (as `cargo test --benches` runs it)
//! each routine runs once, as a smoke test.

#[path = "common/floor.rs"]
mod floor;
#[path = "common/library.rs"]
mod library;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};

const SEED: u64 = 1;
const TARGET: f64 = 1.3;

/// Wall and CPU time of one iteration, for each sample criterion took.
#[derive(Default)]
struct Samples {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

impl Samples {
    /// Times `iters` runs of `f` for criterion, and keeps the per-run average.
    fn time<T>(&mut self, iters: u64, mut f: impl FnMut() -> T) -> Duration {
        let cpu0 = process_cpu();
        let start = Instant::now();
        for _ in 0..iters {
            black_box(f());
        }
        let wall = start.elapsed();
        let cpu = process_cpu().saturating_sub(cpu0);
        let n = iters.max(1) as u32;
        self.wall.push(wall / n);
        self.cpu.push(cpu / n);
        wall
    }

    /// The median of the last `n` samples: criterion's measured samples come
    /// after its warm-up calls.
    fn median(v: &[Duration], n: usize) -> Option<Duration> {
        let mut last: Vec<Duration> = v[v.len().saturating_sub(n)..].to_vec();
        if last.is_empty() {
            return None;
        }
        last.sort();
        Some(last[last.len() / 2])
    }
}

/// User + system time of this process so far, all threads, from /proc (Linux);
/// zero elsewhere.
fn process_cpu() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // Fields after the command name, which is in parentheses and may hold spaces.
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return Duration::ZERO;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    // The kernel reports in USER_HZ, 100 a second on Linux.
    Duration::from_millis(ticks * 10)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn ratio(load: Option<Duration>, floor: Option<Duration>) -> String {
    match (load, floor) {
        (Some(l), Some(f)) if !f.is_zero() => {
            let r = l.as_secs_f64() / f.as_secs_f64();
            let verdict = if r <= TARGET { "within" } else { "ABOVE" };
            format!(
                "{} / {} = {r:.2}x ({verdict} the {TARGET}x target)",
                ms(l),
                ms(f)
            )
        }
        _ => "not measured in this run".to_string(),
    }
}

fn main() {
    let sizes: Vec<usize> = match std::env::var("BRIEF_BENCH_SIZES") {
        Ok(v) => v
            .split(',')
            .map(|s| {
                s.trim()
                    .parse()
                    .expect("BRIEF_BENCH_SIZES is a list of counts, like 200,2000")
            })
            .collect(),
        Err(_) => vec![200],
    };
    let sample_size = 10;

    let tmp = tempfile::Builder::new()
        .prefix("brief-bench-")
        .tempdir()
        .expect("a temporary folder for the library");
    let mut c = Criterion::default()
        .sample_size(sample_size)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();

    let mut report = Vec::new();
    for &n in &sizes {
        let dir = tmp.path().join(format!("library-{n}"));
        let summary = library::generate(&dir, n, SEED).expect("the library is written");
        let files: Vec<PathBuf> =
            brief::load::discover(std::slice::from_ref(&dir)).expect("the library is found");
        assert_eq!(files.len(), summary.files, "every generated file is found");
        // Both must accept every file, or the comparison means nothing.
        for (path, p) in files.iter().zip(floor::parse_all(&files)) {
            if let Err(e) = p {
                panic!("floor cannot read {}: {e}", path.display());
            }
        }
        for l in brief::load::load_all(&files, &Default::default()) {
            if let Err(d) = l {
                panic!("the generated library has errors: {}", d[0]);
            }
        }

        let mut floor_samples = Samples::default();
        let mut load_samples = Samples::default();
        let mut g = c.benchmark_group(format!("load-{n}"));
        g.throughput(Throughput::Bytes(summary.bytes));
        if n >= 1000 {
            // Ten samples of one run each; criterion warns that it needs longer.
            g.measurement_time(Duration::from_secs(n as u64 / 100));
        }
        g.bench_function("floor", |b| {
            b.iter_custom(|iters| floor_samples.time(iters, || floor::parse_all(&files)))
        });
        g.bench_function("load", |b| {
            b.iter_custom(|iters| {
                load_samples.time(iters, || {
                    brief::load::load_all(&files, &brief::load::LoadOptions::default())
                })
            })
        });
        g.finish();
        report.push((n, summary.bytes, floor_samples, load_samples));
    }
    c.final_summary();

    println!();
    println!("load / floor (medians of criterion's samples; target <= {TARGET}x)");
    if !std::env::args().any(|a| a == "--bench") {
        println!("  (test mode: one run each, maybe unoptimized: not a measurement)");
    }
    for (n, bytes, floor, load) in &report {
        let k = sample_size;
        println!("  {n} briefings, {:.1} MB:", *bytes as f64 / 1e6,);
        println!(
            "    wall: {}",
            ratio(
                Samples::median(&load.wall, k),
                Samples::median(&floor.wall, k)
            )
        );
        println!(
            "    cpu:  {}",
            ratio(
                Samples::median(&load.cpu, k),
                Samples::median(&floor.cpu, k)
            )
        );
    }
}
