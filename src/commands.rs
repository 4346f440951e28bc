//! What each command does: `check`, `export`, `config`, and opening the reader.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use std::io::IsTerminal;

use crate::app::App;
use crate::cli::{ExportFormat, Limits, ReadArgs};
use crate::config;
use crate::library::{FailedFile, Library};
use crate::load::{self, LoadOptions, Loaded};
use crate::tui;
use crate::ui::Theme;

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
    if files.is_empty() {
        eprintln!("brief: no briefing files (.yaml, .yml) found in the paths given");
    }
    let loaded = load::load_all(&files, opts);
    let mut out = std::io::stdout().lock();
    let bad = report(&loaded, &mut out, true);
    // Warnings go to stderr: they do not make a briefing invalid.
    for warning in duplicate_ids(&loaded) {
        eprintln!("{warning}");
    }
    let n = loaded.len();
    let noun = if n == 1 { "briefing" } else { "briefings" };
    let _ = writeln!(out, "{n} {noun} checked, {bad} with errors");
    if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Briefing ids used by more than one file: a warning, since the reader tells them
/// apart by file, but links and exports by id would be ambiguous.
fn duplicate_ids(loaded: &[Loaded]) -> Vec<load::Diagnostic> {
    let mut first: std::collections::HashMap<&str, &std::path::Path> = Default::default();
    let mut out = Vec::new();
    for b in loaded.iter().filter_map(|l| l.as_ref().ok()) {
        match first.get(b.id.as_str()) {
            Some(other) => out.push(load::Diagnostic {
                path: b.path.clone(),
                line: 1,
                column: 1,
                severity: load::Severity::Warning,
                message: format!(
                    "briefing id `{}` is also used by {}; ids should be unique in a library (set `id:` to tell them apart)",
                    b.id,
                    other.display()
                ),
                excerpt: None,
            }),
            None => {
                first.insert(&b.id, &b.path);
            }
        }
    }
    out
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

/// The sample library compiled into the binary, for a first run with nothing else.
const BUNDLED: [(&str, &str); 4] = [
    (
        "wannacry-attribution.yaml",
        include_str!("../briefings/wannacry-attribution.yaml"),
    ),
    (
        "exercise-election-influence.yaml",
        include_str!("../briefings/exercise-election-influence.yaml"),
    ),
    (
        "exercise-port-ransomware.yaml",
        include_str!("../briefings/exercise-port-ransomware.yaml"),
    ),
    (
        "exercise-grid-intrusion.yaml",
        include_str!("../briefings/exercise-grid-intrusion.yaml"),
    ),
];

/// The bundled sample library, loaded from the binary itself.
pub fn bundled_library() -> Library {
    let mut briefings = Vec::new();
    let mut failed = Vec::new();
    for (name, text) in BUNDLED {
        let path = std::path::Path::new("(bundled)").join(name);
        match load::load_str(&path, text) {
            Ok(b) => briefings.push(b),
            Err(problems) => failed.push(FailedFile { path, problems }),
        }
    }
    Library::new(briefings, failed)
}

/// `brief config`: the built-in configuration with `--default`; otherwise where the
/// configuration is and whether it is valid.
pub fn config(default: bool, given: Option<&std::path::Path>) -> ExitCode {
    if default {
        let mut out = std::io::stdout().lock();
        return match out.write_all(config::default_text().as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("brief: cannot write the configuration: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let path = given.map(PathBuf::from).or_else(config::default_path);
    let shown =
        |p: &std::path::Path| crate::text::clean_line(&p.display().to_string()).into_owned();
    match (config::load(given), path) {
        (Err(problems), _) => {
            for p in &problems {
                eprintln!("{p}");
            }
            ExitCode::FAILURE
        }
        (Ok(_), Some(p)) if p.is_file() => {
            println!("{}: valid", shown(&p));
            ExitCode::SUCCESS
        }
        (Ok(_), Some(p)) => {
            println!(
                "{}: no file; the built-in configuration applies (brief config --default prints it)",
                shown(&p)
            );
            ExitCode::SUCCESS
        }
        (Ok(_), None) => {
            println!("No home folder to look for a configuration in; the built-in one applies");
            ExitCode::SUCCESS
        }
    }
}

/// Opens the reader: on the paths given, else `./briefings`, else the bundled library.
/// A configuration with problems stops it before it starts.
pub fn read(args: ReadArgs) -> ExitCode {
    let config = match config::load(args.config.as_deref()) {
        Ok(c) => c,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            let n = problems.len();
            eprintln!(
                "brief: the reader did not start: {n} problem{} in the configuration \
                 (brief config --default prints a valid one)",
                if n == 1 { "" } else { "s" }
            );
            return ExitCode::from(USAGE);
        }
    };
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "brief: standard output is not a terminal, so the reader cannot open.\n\
             To print briefings instead, use `brief export --format text PATH...` (or --format json);\n\
             to check them, `brief check PATH...`."
        );
        return ExitCode::from(USAGE);
    }
    let mut paths = args.paths.clone();
    if paths.is_empty() && std::path::Path::new("briefings").is_dir() {
        paths.push(PathBuf::from("briefings"));
    }
    for p in &paths {
        if std::fs::metadata(p).is_err() {
            eprintln!(
                "brief: {}: no such file or folder",
                crate::text::clean_line(&p.display().to_string())
            );
            return ExitCode::from(USAGE);
        }
    }
    let (library, loads) = if paths.is_empty() {
        (bundled_library(), None)
    } else {
        (
            Library::default(),
            Some(tui::load_in_background(paths, args.limits.into())),
        )
    };
    let mouse = !args.no_mouse && (args.mouse || config.mouse);
    // https://no-color.org: set and not empty means no colour.
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let look = tui::Look {
        theme: Theme::for_terminal(config.theme, no_color),
        keys: config.keys,
    };
    let mut app = App::new(library);
    app.mouse = mouse;
    if loads.is_some() {
        app.start_loading();
    }
    if !args.actor.is_empty() {
        app.select_actors_by_name(&args.actor);
    }
    if let Some(name) = &args.dossier {
        app.open_dossier_by_name(name);
    }
    match tui::run(app, loads, mouse, &look) {
        Ok(tui::Exit::Quit) => ExitCode::SUCCESS,
        Ok(tui::Exit::Signal(sig)) => ExitCode::from((128 + sig).clamp(0, 255) as u8),
        Err(e) => {
            eprintln!("brief: the terminal failed: {e}");
            ExitCode::FAILURE
        }
    }
}
