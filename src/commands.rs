//! What each command does, outside the reader: `check` and `export`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{ExportFormat, Limits, ReadArgs};
use crate::load::{self, LoadOptions, Loaded};

impl From<Limits> for LoadOptions {
    fn from(l: Limits) -> Self {
        LoadOptions {
            max_file_size: l.max_file_size,
        }
    }
}

/// Exit status for a usage error (a path that does not exist).
const USAGE: u8 = 2;

fn discover_or_report(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ExitCode> {
    load::discover(paths).map_err(|e| {
        eprintln!("brief: {e}");
        ExitCode::from(USAGE)
    })
}

/// `brief check`: every problem as `PATH:LINE:COLUMN: error: MESSAGE`, then a summary.
pub fn check(paths: &[PathBuf], opts: &LoadOptions) -> ExitCode {
    let files = match discover_or_report(paths) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let loaded = load::load_all(&files, opts);
    let mut out = std::io::stdout().lock();
    let bad = report(&loaded, &mut out, true);
    let n = loaded.len();
    let noun = if n == 1 { "briefing" } else { "briefings" };
    let _ = writeln!(out, "{n} {noun} checked, {bad} with errors");
    if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes every file's problems; returns how many files have errors.
fn report(loaded: &[Loaded], out: &mut impl Write, excerpts: bool) -> usize {
    let mut bad = 0;
    for l in loaded {
        if let Err(diags) = l {
            bad += 1;
            for d in diags {
                let line = if excerpts {
                    d.with_excerpt()
                } else {
                    d.to_string()
                };
                let _ = writeln!(out, "{line}");
            }
        }
    }
    bad
}

/// `brief export`: the valid briefings on stdout; problems on stderr.
pub fn export(format: ExportFormat, paths: &[PathBuf], opts: &LoadOptions) -> ExitCode {
    let files = match discover_or_report(paths) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let loaded = load::load_all(&files, opts);
    let bad = report(&loaded, &mut std::io::stderr().lock(), false);
    let briefings: Vec<_> = loaded.iter().filter_map(|l| l.as_ref().ok()).collect();
    let mut out = std::io::stdout().lock();
    let written = match format {
        ExportFormat::Json => serde_json::to_writer_pretty(&mut out, &briefings)
            .map_err(|e| match e.io_error_kind() {
                Some(kind) => std::io::Error::from(kind),
                None => std::io::Error::other(e),
            })
            .and_then(|_| writeln!(out)),
        ExportFormat::Text => briefings
            .iter()
            .try_for_each(|b| write!(out, "{}", crate::export::plain_text(b))),
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("brief: cannot write the export: {e}");
        }
        return ExitCode::FAILURE;
    }
    if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Opens the reader.
pub fn read(args: ReadArgs) -> ExitCode {
    let paths = args.paths.clone();
    let files = match discover_or_report(&paths) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let loaded = load::load_all(&files, &args.limits.into());
    for l in &loaded {
        match l {
            Ok(b) => println!("{}  {}", b.date, b.title),
            Err(d) => d.iter().for_each(|d| eprintln!("{d}")),
        }
    }
    ExitCode::SUCCESS
}
