//! What each command does: `check`, `export`, `config`, and opening the reader.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use std::io::IsTerminal;

use crate::app::App;
use crate::cli::{ExportFormat, Limits, ReadArgs};
use crate::config;
use crate::library::{FailedFile, Library};
use crate::load::{self, LoadOptions};
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

/// What `brief check` keeps of one file: its problems, or what the warnings about the
/// whole library need of it (its id, and its actors' names for grouping them).
enum Checked {
    Bad(Vec<load::Diagnostic>),
    Good {
        id: Box<str>,
        roster: crate::library::grouping::Roster,
    },
}

/// `brief check`: every problem as `PATH:LINE:COLUMN: error: MESSAGE`, then a summary.
///
/// Each file is read, checked and let go on one core, its problems written as soon as
/// the files before it are done: memory holds what grouping needs of each briefing,
/// never the briefings, whatever the size of the library.
pub fn check(paths: &[PathBuf], opts: &LoadOptions) -> ExitCode {
    let found = match find_or_report(paths) {
        Ok(f) => f,
        Err(code) => return code,
    };
    if found.files.is_empty() && found.problems.is_empty() {
        eprintln!("brief: no briefing files (.yaml, .yml) found in the paths given");
    }
    let (unreadable, passed_over) = split_problems(found.problems);
    let mut out = std::io::stdout().lock();
    let mut bad = 0;
    let mut ids: Vec<Box<str>> = Vec::new();
    let mut rosters: Vec<crate::library::grouping::Roster> = Vec::new();
    // Never through the reader's cache: check judges every file as it is now.
    load::load_in_order(
        &found.files,
        opts,
        |_, loaded| match loaded {
            Ok(b) => Checked::Good {
                id: b.id.as_str().into(),
                roster: crate::library::grouping::Roster::of(&b),
            },
            Err(problems) => Checked::Bad(problems),
        },
        |checked| {
            match checked {
                Checked::Bad(problems) => {
                    bad += 1;
                    for d in &problems {
                        let _ = writeln!(out, "{}", d.with_excerpt());
                    }
                }
                Checked::Good { id, roster } => {
                    ids.push(id);
                    rosters.push(roster);
                }
            }
            true
        },
    );
    // A path that could not be read is an error of its own; the rest was checked.
    for d in &unreadable {
        let _ = writeln!(out, "{}", d.with_excerpt());
        bad += 1;
    }
    // Warnings go to stderr: they do not make a briefing invalid.
    let duplicates = duplicate_ids(
        ids.iter()
            .map(|id| &**id)
            .zip(rosters.iter().map(|r| r.path.as_path())),
    );
    let grouping = crate::library::grouping::warnings(&rosters);
    drop(rosters);
    // Written through one buffer: a library can have thousands of warnings, and a
    // write each would cost more than reading a file.
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    for warning in passed_over.iter().chain(&duplicates).chain(&grouping) {
        let _ = writeln!(err, "{warning}");
    }
    let _ = err.flush();
    drop(err);
    let n = found.files.len() + unreadable.len();
    let noun = if n == 1 { "briefing" } else { "briefings" };
    let _ = writeln!(out, "{n} {noun} checked, {bad} with errors");
    if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Briefing ids used by more than one file: a warning, since the reader tells them
/// apart by file, but links and exports by id would be ambiguous. `briefings` gives
/// each valid briefing's id and file, in library order.
fn duplicate_ids<'a>(
    briefings: impl Iterator<Item = (&'a str, &'a std::path::Path)>,
) -> Vec<load::Diagnostic> {
    let mut first: std::collections::HashMap<&str, &std::path::Path> = Default::default();
    let mut out = Vec::new();
    for (id, path) in briefings {
        match first.get(id) {
            Some(other) => out.push(load::Diagnostic {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                severity: load::Severity::Warning,
                message: format!(
                    "briefing id `{}` is also used by {}; ids should be unique in a library (set `id:` to tell them apart)",
                    id,
                    other.display()
                ),
                excerpt: None,
            }),
            None => {
                first.insert(id, path);
            }
        }
    }
    out
}

/// What `brief export` keeps of one valid briefing until it is read again to be
/// written: what choosing the briefings of the document needs.
struct Listed {
    path: PathBuf,
    tags: Box<[Box<str>]>,
    classification: Option<Box<str>>,
}

/// `brief export`: the valid briefings on stdout, narrowed to actors and tags when
/// asked; problems on stderr.
///
/// Written in bounded memory, one file at a time per core: the briefings are read once
/// to learn which of them the document holds and what it says around them (their
/// count and classification markings, their actors grouped when narrowed to actors),
/// then read again and written one after the other. The whole library as JSON needs
/// only the second reading.
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
    let mut bad = 0;
    let mut out = std::io::stdout().lock();
    let written = if actors.is_empty() && tags.is_empty() && format == ExportFormat::Json {
        write_json_streamed(&mut out, &found.files, opts, &mut bad, |_, b| Some(b))
    } else {
        let mut listed: Vec<Listed> = Vec::new();
        // Only when the document is narrowed to actors: theirs are grouped.
        let mut rosters: Vec<crate::library::grouping::Roster> = Vec::new();
        load::load_in_order(
            &found.files,
            opts,
            |i, loaded| {
                loaded.map(|b| {
                    let listed = Listed {
                        path: found.files[i].clone(),
                        tags: b.tags.iter().map(|t| t.shown().into()).collect(),
                        classification: b.classification.as_ref().map(|c| c.shown().into()),
                    };
                    let roster =
                        (!actors.is_empty()).then(|| crate::library::grouping::Roster::of(&b));
                    (listed, roster)
                })
            },
            |loaded| {
                match loaded {
                    Ok((l, roster)) => {
                        listed.push(l);
                        rosters.extend(roster);
                    }
                    Err(problems) => {
                        bad += 1;
                        for d in &problems {
                            eprintln!("{d}");
                        }
                    }
                }
                true
            },
        );
        let memo = match narrow(&listed, rosters, actors, tags) {
            Ok(m) => m,
            Err(message) => {
                for d in &found.problems {
                    eprintln!("{d}");
                }
                eprintln!("brief: {message}");
                return ExitCode::from(USAGE);
            }
        };
        write_narrowed(&mut out, format, &memo, opts, &mut bad)
    };
    for d in &found.problems {
        eprintln!("{d}");
        if d.severity == load::Severity::Error {
            bad += 1;
        }
    }
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

/// The briefings of a narrowed document: which files, with the library actor of each
/// of their actors, and what the document says around them.
struct Narrowed {
    files: Vec<PathBuf>,
    actor_of: Vec<Vec<crate::library::ActorIx>>,
    actors: std::collections::BTreeSet<crate::library::ActorIx>,
    tags: Vec<String>,
    frame: crate::export::Frame,
}

/// The document `--actor` and `--tag` ask for, from what the first reading kept of
/// each valid briefing (and, narrowed to actors, their rosters); a name or tag that
/// matches nothing is an error, so that a typo never passes for "nothing to report".
fn narrow(
    listed: &[Listed],
    rosters: Vec<crate::library::grouping::Roster>,
    actors: &[String],
    tags: &[String],
) -> Result<Narrowed, String> {
    let index = if actors.is_empty() {
        crate::library::ActorIndex::default()
    } else {
        crate::library::grouping::group(&rosters)
    };
    drop(rosters);
    let mut selected = std::collections::BTreeSet::new();
    for name in actors {
        let found = crate::library::grouping::find(&index.actors, name);
        if found.is_empty() {
            return Err(format!(
                "no actor named \u{201c}{}\u{201d} in the briefings given (an actor's name, id or alias, in any case)",
                crate::text::clean_line(name)
            ));
        }
        selected.extend(found);
    }
    let known = crate::library::count_tags(listed.iter().map(|l| l.tags.iter().map(|t| &**t)));
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
    let tags: Vec<String> = tags.iter().map(|t| t.trim().to_lowercase()).collect();
    let no_actors: Vec<crate::library::ActorIx> = Vec::new();
    let mut files = Vec::new();
    let mut actor_of = Vec::new();
    let mut classifications = Vec::new();
    for (k, l) in listed.iter().enumerate() {
        let its_actors = index.actor_of.get(k).unwrap_or(&no_actors);
        if crate::export::keeps(
            l.tags.iter().map(|t| &**t),
            its_actors.iter().map(|&a| Some(a)),
            &selected,
            &tags,
        ) {
            files.push(l.path.clone());
            actor_of.push(its_actors.clone());
            classifications.push(l.classification.as_deref());
        }
    }
    let names: Vec<&str> = selected
        .iter()
        .filter_map(|&a| index.actors.get(a))
        .map(|a| a.name.as_str())
        .collect();
    let filters = crate::export::filter_words(&names, &tags);
    let frame = crate::export::Frame {
        parts: files.len(),
        out_of: (!filters.is_empty()).then_some(listed.len()),
        filters,
        marking: crate::export::marking(classifications.into_iter()),
    };
    Ok(Narrowed {
        files,
        actor_of,
        actors: selected,
        tags,
        frame,
    })
}

/// Writes a narrowed document, reading its briefings again one at a time per core. A
/// file that no longer loads since it was first read is reported and left out.
fn write_narrowed(
    out: &mut impl Write,
    format: ExportFormat,
    memo: &Narrowed,
    opts: &LoadOptions,
    bad: &mut usize,
) -> std::io::Result<()> {
    let part = |k: usize, b: &crate::model::Briefing, write: &dyn Fn(&crate::export::Part)| {
        let actor_of = &memo.actor_of[k];
        if let Some(p) =
            crate::export::part_of(b, |i| actor_of.get(i).copied(), &memo.actors, &memo.tags)
        {
            write(&p);
        }
    };
    match format {
        ExportFormat::Json => {
            let narrowed = !memo.frame.filters.is_empty();
            write_json_streamed(out, &memo.files, opts, bad, |k, b| {
                let kept = std::cell::RefCell::new(None);
                part(k, &b, &|p| {
                    *kept.borrow_mut() = Some(narrowed.then(|| crate::export::narrowed(p)))
                });
                // A file changed since it was chosen may no longer be part of it.
                kept.into_inner().map(|n| n.unwrap_or(b))
            })
        }
        ExportFormat::Text | ExportFormat::Markdown => {
            let text = format == ExportFormat::Text;
            let f = &memo.frame;
            let (head, between, foot) = if text {
                (
                    crate::export::text_head(f),
                    crate::export::TEXT_BETWEEN,
                    crate::export::text_foot(f),
                )
            } else {
                (
                    crate::export::markdown_head(f),
                    crate::export::MARKDOWN_BETWEEN,
                    crate::export::markdown_foot(f),
                )
            };
            out.write_all(head.as_bytes())?;
            let mut written = 0;
            let mut failed = Ok(());
            load::load_in_order(
                &memo.files,
                opts,
                |k, loaded| {
                    loaded.map(|b| {
                        let shown = std::cell::RefCell::new(None);
                        part(k, &b, &|p| {
                            *shown.borrow_mut() = Some(if text {
                                crate::export::text_of_part(f, p)
                            } else {
                                crate::export::markdown_part(f, p)
                            })
                        });
                        shown.into_inner()
                    })
                },
                |shown| {
                    let shown = match shown {
                        Ok(Some(s)) => s,
                        // Changed since it was chosen, and no longer part of it.
                        Ok(None) => return true,
                        Err(problems) => {
                            *bad += 1;
                            for d in &problems {
                                eprintln!("{d}");
                            }
                            return true;
                        }
                    };
                    if written > 0 {
                        failed = out.write_all(between.as_bytes());
                    }
                    written += 1;
                    if failed.is_ok() {
                        failed = out.write_all(shown.as_bytes());
                    }
                    failed.is_ok()
                },
            );
            failed?;
            out.write_all(foot.as_bytes())
        }
    }
}

/// Writes the briefings of `files` that load as one JSON array, each as `shown` makes
/// it from its index and briefing (none: left out), read one at a time per core while the array is
/// written; the problems of the others go to stderr.
fn write_json_streamed(
    out: &mut impl Write,
    files: &[PathBuf],
    opts: &LoadOptions,
    bad: &mut usize,
    shown: impl Fn(usize, crate::model::Briefing) -> Option<crate::model::Briefing> + Sync,
) -> std::io::Result<()> {
    let written = std::thread::scope(|s| {
        // A few briefings ahead of the writer, no more.
        let (tx, rx) = std::sync::mpsc::sync_channel(8);
        let shown = &shown;
        s.spawn(move || {
            load::load_in_order(
                files,
                opts,
                |k, loaded| loaded.map(|b| shown(k, b)),
                |loaded| tx.send(loaded).is_ok(),
            );
        });
        let briefings = rx.into_iter().filter_map(|loaded| match loaded {
            Ok(b) => b,
            Err(problems) => {
                *bad += 1;
                for d in &problems {
                    eprintln!("{d}");
                }
                None
            }
        });
        crate::export::write_json(&mut *out, &crate::export::Streamed::new(briefings))
    });
    written
        .map_err(|e| match e.io_error_kind() {
            Some(kind) => std::io::Error::from(kind),
            None => std::io::Error::other(e),
        })
        .and_then(|_| writeln!(out))
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
    // Followed from the end of the first load, with each file as that load read it, so
    // that nothing changed meanwhile is missed.
    let (follow, first_read) = std::sync::mpsc::channel();
    let changes = if paths.is_empty() {
        None
    } else {
        crate::watch::start(paths.clone(), opts, first_read)
            .map_err(|e| said.push(e.to_string()))
            .ok()
            .map(|f| f.batches)
    };
    let follow = changes.as_ref().map(|_| follow);
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
            Some(tui::load_in_background(paths.clone(), opts, cache, follow)),
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
    // The state file holds every library's fingerprints (megabytes for a large one):
    // read on a thread of its own, so the first frame does not wait for it.
    let saved = store.clone().map(|s| {
        let (tx, rx) = std::sync::mpsc::channel();
        let (store, library) = (s.clone(), key.clone());
        let started = std::thread::Builder::new()
            .name("brief state".to_string())
            .spawn(move || {
                let _ = tx.send(store.load(&library));
            });
        match started {
            Ok(_) => rx,
            // No thread to read it on: read here.
            Err(_) => {
                let (tx, rx) = std::sync::mpsc::channel();
                let _ = tx.send(s.load(&key));
                rx
            }
        }
    });
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
        saved,
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
