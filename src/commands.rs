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

fn find_or_report(paths: &[PathBuf]) -> Result<load::Found, ExitCode> {
    load::find(paths).map_err(|e| {
        eprintln!("brief: {e}");
        ExitCode::from(USAGE)
    })
}

/// The paths that could not be read (errors) and those passed over (warnings).
fn split_problems(
    problems: Vec<load::Diagnostic>,
) -> (Vec<load::Diagnostic>, Vec<load::Diagnostic>) {
    problems
        .into_iter()
        .partition(|d| d.severity == load::Severity::Error)
}

/// `brief check`: every problem as `PATH:LINE:COLUMN: error: MESSAGE`, then a summary.
pub fn check(paths: &[PathBuf], opts: &LoadOptions) -> ExitCode {
    let found = match find_or_report(paths) {
        Ok(f) => f,
        Err(code) => return code,
    };
    if found.files.is_empty() && found.problems.is_empty() {
        eprintln!("brief: no briefing files (.yaml, .yml) found in the paths given");
    }
    // Never through the reader's cache: check judges every file as it is now.
    let loaded = load::load_all(&found.files, opts);
    let (unreadable, passed_over) = split_problems(found.problems);
    let mut out = std::io::stdout().lock();
    let mut bad = report(&loaded, &mut out, true);
    // A path that could not be read is an error of its own; the rest was checked.
    for d in &unreadable {
        let _ = writeln!(out, "{}", d.with_excerpt());
        bad += 1;
    }
    // Warnings go to stderr: they do not make a briefing invalid.
    let rosters: Vec<crate::library::grouping::Roster> = loaded
        .iter()
        .filter_map(|l| l.as_ref().ok())
        .map(crate::library::grouping::Roster::of)
        .collect();
    let grouping = crate::library::grouping::group(&rosters);
    // Written through one buffer: a library can have thousands of warnings, and a
    // write each would cost more than reading a file.
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    for warning in passed_over
        .iter()
        .chain(&duplicate_ids(&loaded))
        .chain(&grouping.warnings)
    {
        let _ = writeln!(err, "{warning}");
    }
    let _ = err.flush();
    drop(err);
    let n = loaded.len() + unreadable.len();
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

/// `brief export`: the valid briefings on stdout, narrowed to actors and tags when
/// asked; problems on stderr.
pub fn export(
    format: ExportFormat,
    actors: &[String],
    tags: &[String],
    paths: &[PathBuf],
    opts: &LoadOptions,
) -> ExitCode {
    let found = match find_or_report(paths) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let loaded = load::load_all(&found.files, opts);
    let mut bad = report(&loaded, &mut std::io::stderr().lock(), false);
    for d in &found.problems {
        eprintln!("{d}");
        if d.severity == load::Severity::Error {
            bad += 1;
        }
    }
    let briefings: Vec<_> = loaded.into_iter().filter_map(Result::ok).collect();
    let library = Library::new(briefings, Vec::new());
    let memo = match narrow(&library, actors, tags) {
        Ok(m) => m,
        Err(message) => {
            eprintln!("brief: {message}");
            return ExitCode::from(USAGE);
        }
    };
    let mut out = std::io::stdout().lock();
    let written = match format {
        ExportFormat::Json => {
            let narrowed: Vec<_>;
            let json = if memo.filters.is_empty() {
                crate::export::write_json(&mut out, &library.briefings)
            } else {
                narrowed = memo
                    .parts
                    .iter()
                    .map(crate::export::narrowed)
                    .collect::<Vec<_>>();
                crate::export::write_json(&mut out, &narrowed)
            };
            json.map_err(|e| match e.io_error_kind() {
                Some(kind) => std::io::Error::from(kind),
                None => std::io::Error::other(e),
            })
            .and_then(|_| writeln!(out))
        }
        ExportFormat::Text => write!(out, "{}", crate::export::text(&memo)),
        ExportFormat::Markdown => write!(out, "{}", crate::export::markdown(&memo)),
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("brief: cannot write the export: {}", load::io_reason(&e));
        }
        return ExitCode::FAILURE;
    }
    if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The view `--actor` and `--tag` ask for; a name or tag that matches nothing is an
/// error, so that a typo never passes for "nothing to report".
fn narrow<'a>(
    library: &'a Library,
    actors: &[String],
    tags: &[String],
) -> Result<crate::export::Memo<'a>, String> {
    let mut selected = std::collections::BTreeSet::new();
    for name in actors {
        let found = library.find_actors(name);
        if found.is_empty() {
            return Err(format!(
                "no actor named \u{201c}{}\u{201d} in the briefings given (an actor's name, id or alias, in any case)",
                crate::text::clean_line(name)
            ));
        }
        selected.extend(found);
    }
    let known = library.tags();
    for tag in tags {
        let t = tag.trim().to_lowercase();
        if !known.iter().any(|(k, _)| k.trim().to_lowercase() == t) {
            let names: Vec<&str> = known.iter().map(|(k, _)| k.as_str()).collect();
            return Err(format!(
                "no briefing is tagged \u{201c}{}\u{201d}; tags in the briefings given: {}",
                crate::text::clean_line(tag),
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ));
        }
    }
    Ok(crate::export::select(library, &selected, tags))
}

/// `brief schema`: the JSON Schema of the format, made from the loader's own types.
pub fn schema() -> ExitCode {
    let text = serde_json::to_string_pretty(&load::schema()).unwrap_or_default();
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("brief: cannot write the schema: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The skeleton `brief new` writes: every key, each explained, values left empty.
pub const SKELETON: &str = include_str!("new_briefing.yaml");

/// `brief new [PATH]`: the skeleton, to a new file or to standard output.
pub fn new_briefing(path: Option<&std::path::Path>) -> ExitCode {
    let Some(path) = path else {
        return match std::io::stdout().lock().write_all(SKELETON.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                eprintln!("brief: cannot write the skeleton: {e}");
                ExitCode::FAILURE
            }
            _ => ExitCode::SUCCESS,
        };
    };
    let shown = crate::text::clean_line(&path.display().to_string()).into_owned();
    if !load::is_briefing_name(path) {
        eprintln!(
            "brief: {shown}: name the file with .yaml or .yml at the end, so that brief reads it"
        );
        return ExitCode::from(USAGE);
    }
    // `create_new` fails when anything is there already, a dangling link included.
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match created {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "brief: {shown} already exists; brief new never overwrites a file, so choose another name"
            );
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("brief: cannot create {shown}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = file
        .write_all(SKELETON.as_bytes())
        .and_then(|_| file.sync_all())
    {
        // Leave no half-written skeleton behind.
        let _ = std::fs::remove_file(path);
        eprintln!("brief: cannot write {shown}: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "Wrote {shown}. Fill in every key that has no value (or remove the optional ones), then run: brief check {shown}"
    );
    ExitCode::SUCCESS
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
    let opts: LoadOptions = args.limits.into();
    let mut said: Vec<String> = Vec::new();
    // Followed from before the first load, so that nothing changed meanwhile is missed.
    let changes = if paths.is_empty() {
        None
    } else {
        crate::watch::start(paths.clone(), opts)
            .map_err(|e| said.push(e.to_string()))
            .ok()
    };
    let (library, loads) = if paths.is_empty() {
        (bundled_library(), None)
    } else {
        let mut library = Library::default();
        library.set_roots(paths.clone());
        let cache = if args.no_cache {
            None
        } else {
            crate::cache::Cache::default_location(&paths)
        };
        (
            library,
            Some(tui::load_in_background(paths.clone(), opts, cache)),
        )
    };
    let store = if args.fresh {
        None
    } else {
        let store = crate::state::Store::default_location();
        if store.is_none() {
            said.push(
                "No home folder: your place and what you read are not remembered (set XDG_STATE_HOME)"
                    .to_string(),
            );
        }
        store
    };
    let key = if paths.is_empty() {
        vec![PathBuf::from("(the sample library built into brief)")]
    } else {
        crate::state::library_key(&paths)
    };
    let saved = match &store {
        Some(s) => s.load(&key).unwrap_or_else(|e| {
            said.push(e.to_string());
            None
        }),
        None => None,
    };
    let mouse = !args.no_mouse && (args.mouse || config.mouse);
    // https://no-color.org: set and not empty means no colour.
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let look = tui::Look {
        theme: Theme::for_terminal(config.theme, no_color),
        keys: config.keys,
    };
    let mut app = App::new(library);
    app.set_mouse(mouse);
    if loads.is_some() {
        app.start_loading();
    }
    app.remember(saved);
    if !args.actor.is_empty() {
        app.select_actors_by_name(&args.actor);
    }
    if let Some(name) = &args.dossier {
        app.open_dossier_by_name(name);
    }
    if !said.is_empty() {
        app.tell(said.join("; "));
    }
    let keeping = tui::Keeping {
        changes,
        store: store.map(|s| (s, key)),
    };
    match tui::run(app, loads, mouse, &look, keeping) {
        Ok(tui::Exit::Quit) => ExitCode::SUCCESS,
        Ok(tui::Exit::Signal(sig)) => ExitCode::from((128 + sig).clamp(0, 255) as u8),
        Err(e) => {
            eprintln!("brief: the terminal failed: {}", load::io_reason(&e));
            ExitCode::FAILURE
        }
    }
}
