//! Writes a large synthetic library of valid briefings, the same bytes for the same arguments.
//!
//! ```text
//! cargo run --release --example gen-library -- COUNT DIR [SEED]
//! ```

#[path = "../benches/common/library.rs"]
mod library;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen-library COUNT DIR [SEED]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 || args.len() > 3 || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let Ok(count) = args[0].parse::<usize>() else {
        eprintln!(
            "gen-library: COUNT must be a number, found `{}`\n{USAGE}",
            args[0]
        );
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(&args[1]);
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            eprintln!(
                "gen-library: SEED must be a number, found `{}`\n{USAGE}",
                args[2]
            );
            return ExitCode::from(2);
        }
    };
    if std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some()) {
        eprintln!(
            "gen-library: note: {} is not empty; files of the same names are overwritten, others are left",
            dir.display()
        );
    }
    match library::generate(&dir, count, seed) {
        Ok(s) => {
            println!(
                "{} briefings, {} bytes ({:.1} MB) in {} (seed {seed})",
                s.files,
                s.bytes,
                s.bytes as f64 / 1e6,
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-library: cannot write into {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
