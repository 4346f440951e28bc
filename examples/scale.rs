//! Whole-process figures on one library, each against the bare-parse floor measured in
//! the same rounds: `brief check`, the reader until every briefing is loaded (cold,
//! without the cache; warm, from it; and a first open, the cache on and empty, so
//! filled as the files are read), and the peak memory of each.
//!
//! ```text
//! cargo build --release --bin brief --examples
//! target/release/examples/scale DIR [ROUNDS]
//! ```
//!
//! Each round runs floor, check, the reader cold, warm and first, one after the other,
//! so that a change in the machine's load hits them alike; it prints every round and
//! then the medians, and the median of the rounds' ratios. The reader runs in a 160x50
//! pseudo-terminal with its own empty state and cache folders; "loaded" is the first
//! frame whose status bar counts the briefings with no loading gauge left.
//! `SCALE_CACHE=0` leaves the warm and first runs out (for a build without a cache);
//! `SCALE_BRIEF=PATH` measures another build of the reader in the same way. Peak
//! memory is the process's high-water mark (`VmHWM`, read at that moment for the
//! reader; `ru_maxrss` for the others).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Run {
    secs: f64,
    peak_mb: f64,
    /// CPU seconds (user and system, every thread): on a machine shared with other
    /// work, steadier than the wall clock.
    cpu: f64,
}

/// The CPU seconds process `pid` has had so far (`/proc/PID/stat`, in clock ticks).
fn cpu_secs(pid: u32) -> f64 {
    // SAFETY: sysconf only reads a system setting.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            // The fields after the command name, which is in parentheses.
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split(' ').collect();
            // utime and stime are fields 14 and 15 of the whole line.
            Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / ticks)
        })
        .unwrap_or(f64::NAN)
}

/// Whether the cache folder under `home` holds a pack.
fn has_pack(home: &Path) -> bool {
    std::fs::read_dir(home.join("cache/brief"))
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| e.path().extension().is_some_and(|x| x == "pack"))
}

fn release(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/release")
        .join(name)
}

/// The reader measured: `SCALE_BRIEF` when set (another build, to compare in the same
/// minutes), else this worktree's release build.
fn brief() -> PathBuf {
    std::env::var_os("SCALE_BRIEF").map_or_else(|| release("brief"), PathBuf::from)
}

/// Runs a command to its end; wall time and peak RSS (from `wait4`).
// The child is reaped by `wait4`, which `Child::wait` cannot do with its usage.
#[allow(clippy::zombie_processes)]
fn run_to_end(argv: &[PathBuf]) -> Run {
    let start = Instant::now();
    let child = Command::new(&argv[0])
        .args(&argv[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for the child just spawned, which nothing else waits for.
    unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    Run {
        secs: start.elapsed().as_secs_f64(),
        peak_mb: usage.ru_maxrss as f64 / 1024.0,
        cpu: (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) as f64
            + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) as f64 / 1e6,
    }
}

fn vm_hwm_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Whether the reader's status bar says every briefing is loaded.
fn loaded(screen: &vt100::Screen) -> bool {
    let text = screen.contents();
    !text.contains("Loading")
        && text
            .lines()
            .any(|l| l.trim_start().split(' ').nth(1) == Some("briefings,"))
}

/// Starts the reader on `dir` and returns how long until everything is loaded.
fn reader(dir: &Path, home: &Path, extra: &[&str]) -> Run {
    reader_then(dir, home, extra, false).0
}

/// [`reader`]; when `sealed` is asked, the reader is left running until its cache
/// pack is written, and the seconds from "loaded" to then come too.
fn reader_then(dir: &Path, home: &Path, extra: &[&str], sealed: bool) -> (Run, f64) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 160,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open pty");
    let mut cmd = CommandBuilder::new(brief());
    cmd.args(extra);
    cmd.arg(dir);
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home);
    cmd.env("XDG_STATE_HOME", home.join("state"));
    cmd.env("XDG_CACHE_HOME", home.join("cache"));
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    let mut out = pair.master.try_clone_reader().expect("reader");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    let pid = child.process_id().expect("pid");
    drop(pair.slave);
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut vt = vt100::Parser::new(
        std::num::NonZeroU16::new(50).unwrap(),
        std::num::NonZeroU16::new(160).unwrap(),
        0,
    );
    let deadline = Duration::from_secs(600);
    let secs = loop {
        match rx.recv_timeout(Duration::from_millis(20)) {
            Ok(bytes) => {
                vt.process(&bytes);
                // Take everything already waiting before looking at the screen.
                while let Ok(more) = rx.try_recv() {
                    vt.process(&more);
                }
                if loaded(vt.screen()) {
                    break start.elapsed().as_secs_f64();
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) if start.elapsed() < deadline => {}
            Err(_) => break f64::NAN,
        }
    };
    let peak_mb = vm_hwm_mb(pid);
    let cpu = cpu_secs(pid);
    let mut sealed_after = f64::NAN;
    if sealed {
        let loaded_at = Instant::now();
        while !has_pack(home) && loaded_at.elapsed() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        sealed_after = loaded_at.elapsed().as_secs_f64();
    }
    let _ = child.kill();
    let _ = child.wait();
    (Run { secs, peak_mb, cpu }, sealed_after)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: scale DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let disk_mb = disk_bytes(&dir) as f64 / 1e6 * (1e6 / 1048576.0);
    let home = tempfile::tempdir().expect("temp dir");
    let caches = std::env::var("SCALE_CACHE").map_or(true, |v| v != "0");
    // One run to fill the cache before the rounds (and the page cache for everyone):
    // the pack is written after everything is loaded, while the reader waits for keys.
    if caches {
        let (run, sealed) = reader_then(&dir, home.path(), &[], true);
        println!(
            "cache filled: loaded in {:.3} s, pack written {:.3} s after",
            run.secs, sealed
        );
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{} ({:.1} MiB of files), {rounds} rounds, load average {}",
        dir.display(),
        disk_mb,
        load.split(' ').take(3).collect::<Vec<_>>().join(" ")
    );
    println!(
        "{:>5} {:>9} {:>9} {:>9} {:>9} | {:>8} {:>8} {:>8} {:>8} (MiB)",
        "round", "floor s", "check s", "cold s", "warm s", "floor", "check", "cold", "warm"
    );
    let mut rows = Vec::new();
    for round in 1..=rounds {
        let floor = run_to_end(&[release("examples/floor"), dir.clone()]);
        let check = run_to_end(&[brief(), "check".into(), dir.clone()]);
        let cold_args: &[&str] = if caches {
            &["--fresh", "--no-cache"]
        } else {
            &["--fresh"]
        };
        let cold = reader(&dir, home.path(), cold_args);
        let warm = if caches {
            reader(&dir, home.path(), &["--fresh"])
        } else {
            Run {
                secs: f64::NAN,
                peak_mb: f64::NAN,
                cpu: f64::NAN,
            }
        };
        // A first open as a user has it: the cache on and empty, filled as it reads.
        let first = if caches {
            let empty = tempfile::tempdir().expect("temp dir");
            reader(&dir, empty.path(), &["--fresh"])
        } else {
            Run {
                secs: f64::NAN,
                peak_mb: f64::NAN,
                cpu: f64::NAN,
            }
        };
        println!(
            "{round:>5} {:>9.3} {:>9.3} {:>9.3} {:>9.3} | {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
            floor.secs,
            check.secs,
            cold.secs,
            warm.secs,
            floor.peak_mb,
            check.peak_mb,
            cold.peak_mb,
            warm.peak_mb
        );
        println!(
            "{:>5} first open, cache empty: {:.3} s, peak {:.1} MiB",
            "", first.secs, first.peak_mb
        );
        println!(
            "{:>5} CPU s: floor {:.2}, check {:.2}, cold {:.2}, warm {:.2}, first {:.2}",
            "", floor.cpu, check.cpu, cold.cpu, warm.cpu, first.cpu
        );
        rows.push([floor, check, cold, warm, first]);
    }
    let col = |i: usize, f: fn(&Run) -> f64| median(rows.iter().map(|r| f(&r[i])).collect());
    let ratio = |i: usize| median(rows.iter().map(|r| r[i].secs / r[0].secs).collect());
    let cpu_ratio = |i: usize| median(rows.iter().map(|r| r[i].cpu / r[0].cpu).collect());
    println!();
    println!("medians: floor {:.3} s", col(0, |r| r.secs));
    for (i, name) in [
        (1, "brief check"),
        (2, "reader, cold"),
        (3, "reader, warm"),
        (4, "reader, first"),
    ] {
        println!(
            "  {name:<13} {:>8.3} s = {:.2}x the floor (median of the rounds' ratios), CPU {:.2}x the floor's; peak {:.1} MiB = {:.2}x the library",
            col(i, |r| r.secs),
            ratio(i),
            cpu_ratio(i),
            col(i, |r| r.peak_mb),
            col(i, |r| r.peak_mb) / disk_mb
        );
    }
    println!(
        "  floor peak {:.1} MiB = {:.2}x the library",
        col(0, |r| r.peak_mb),
        col(0, |r| r.peak_mb) / disk_mb
    );
}

/// Bytes of every file under `dir` (what `du --apparent-size` counts).
fn disk_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                Ok(t) if t.is_file() => total += e.metadata().map_or(0, |m| m.len()),
                _ => {}
            }
        }
    }
    total
}
