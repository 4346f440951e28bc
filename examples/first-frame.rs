//! Time from start to the reader's first frame, in a real pseudo-terminal, against a
//! floor measured in the same run: starting a trivial program in the same terminal.
//!
//! cargo build --release && cargo run --release --example first-frame -- /tmp/lib

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const RUNS: usize = 15;

/// Starts `argv` in a 160x50 pty and returns how long until `marker` is on screen.
fn time_to(argv: &[String], marker: &str) -> Duration {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 50,
            cols: 160,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open pty");
    let mut cmd = CommandBuilder::new(&argv[0]);
    cmd.args(&argv[1..]);
    cmd.env("TERM", "xterm-256color");
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut seen = Vec::new();
    let mut buf = [0u8; 65536];
    let elapsed = loop {
        let n = reader.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break start.elapsed();
        }
        seen.extend_from_slice(&buf[..n]);
        if String::from_utf8_lossy(&seen).contains(marker) {
            break start.elapsed();
        }
    };
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    std::thread::sleep(Duration::from_millis(50));
    let _ = child.kill();
    let _ = child.wait();
    elapsed
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let brief = concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/brief").to_string();
    let mut reader_argv = vec![brief];
    reader_argv.extend(paths.iter().cloned());
    let floor_argv = vec!["/bin/echo".to_string(), "Briefings".to_string()];
    let floor = median(
        (0..RUNS)
            .map(|_| time_to(&floor_argv, "Briefings"))
            .collect(),
    );
    let first = median(
        (0..RUNS)
            .map(|_| time_to(&reader_argv, "Briefings"))
            .collect(),
    );
    println!(
        "floor (start /bin/echo in a pty): {:.1} ms",
        floor.as_secs_f64() * 1000.0
    );
    println!(
        "first frame of `brief {}`: {:.1} ms",
        paths.join(" "),
        first.as_secs_f64() * 1000.0
    );
    println!(
        "ratio: {:.2}x the floor; target: under 100 ms",
        first.as_secs_f64() / floor.as_secs_f64()
    );
}
