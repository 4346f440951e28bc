//! The floor for `brief check`: the same files found the same way, each
//! deserialized by serde-saphyr alone into plain structs on every core, with
//! no validation. Prints how many parsed.
//!
//! ```text
//! cargo run --release --example floor -- PATH...
//! ```

#[path = "../benches/common/floor.rs"]
mod floor;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: floor PATH...");
        return ExitCode::from(2);
    }
    let files = match brief::load::discover(&paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("floor: {e}");
            return ExitCode::from(2);
        }
    };
    let parsed = floor::parse_all(&files);
    let mut bad = 0;
    for (path, p) in files.iter().zip(&parsed) {
        if let Err(e) = p {
            bad += 1;
            eprintln!("{}: {e}", path.display());
        }
    }
    println!("{} files parsed, {bad} failed", parsed.len());
    if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
