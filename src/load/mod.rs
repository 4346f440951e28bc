//! Files and folders to briefings, with every problem reported as `PATH:LINE:COLUMN`.

pub mod fast;
mod validate;
pub mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

pub use fast::schema;
pub use validate::{KEYS, closest, is_slug, slugify};

use crate::model::Briefing;

/// The default cap on one file's size: far above any briefing, far below harm.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem with a file, located at the offending key or value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    pub message: String,
    /// The source line the problem is on, for showing under the message.
    pub excerpt: Option<String>,
}

impl fmt::Display for Diagnostic {
    /// `PATH:LINE:COLUMN: error: MESSAGE`; the path and message are cleaned for display.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {level}: {}",
            crate::text::clean_line(&self.path.display().to_string()),
            self.line,
            self.column,
            crate::text::clean_line(&self.message)
        )
    }
}

impl Diagnostic {
    fn error(path: &Path, line: u32, column: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            severity: Severity::Error,
            message: message.into(),
            excerpt: None,
        }
    }

    /// The message with the source line and a caret under the column, as `check` prints it.
    pub fn with_excerpt(&self) -> String {
        let mut out = self.to_string();
        if let Some(line) = &self.excerpt {
            let shown = crate::text::clean_line(line);
            let shown: String = shown.chars().take(200).collect();
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            let caret_at: usize = shown
                .chars()
                .take(self.column.saturating_sub(1) as usize)
                .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
                .sum();
            out.push_str(&format!(
                "\n {pad} |\n {gutter} | {shown}\n {pad} | {}^",
                " ".repeat(caret_at)
            ));
        }
        out
    }
}

/// Settings for reading files.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// A path named on the command line that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    #[error("{0}: no such file or folder")]
    Missing(String),
    #[error("{0}: cannot read the folder: {1}")]
    Unreadable(String, std::io::Error),
}

/// Every briefing file named by `paths`: files as given, folders searched for
/// `*.yaml` / `*.yml` below them (hidden files and folders skipped), in a stable order.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, PathError> {
    let mut out = Vec::new();
    for p in paths {
        let shown = || crate::text::clean_line(&p.display().to_string()).into_owned();
        let meta = std::fs::metadata(p).map_err(|_| PathError::Missing(shown()))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found).map_err(|e| PathError::Unreadable(shown(), e))?;
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    // The same file named twice (a folder and a file in it) is read once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type()?;
        // Follow links to files and folders, but only one level of folder links deep
        // would still allow cycles; links to folders are skipped instead.
        if kind.is_dir() {
            walk(&path, out)?;
        } else if is_briefing_name(&path)
            && (kind.is_file() || (kind.is_symlink() && path.is_file()))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Whether a file name is one `brief` reads as a briefing: `.yaml` or `.yml`.
pub fn is_briefing_name(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The outcome of loading one file.
pub type Loaded = Result<Briefing, Vec<Diagnostic>>;

/// Reads and checks one file.
pub fn load_file(path: &Path, opts: &LoadOptions) -> Loaded {
    let fail = |msg: String| Err(vec![Diagnostic::error(path, 1, 1, msg)]);
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => return fail(format!("cannot read the file: {}", io_reason(&e))),
    };
    if size > opts.max_file_size {
        return fail(format!(
            "the file is {} and the limit is {}; a briefing is far smaller (raise the limit with --max-file-size if this one is right)",
            human_size(size),
            human_size(opts.max_file_size)
        ));
    }
    // Read no more than the limit even when the size above is not the real one
    // (a device or a pipe named on the command line).
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| {
        std::io::Read::read_to_end(
            &mut std::io::Read::take(f, opts.max_file_size.saturating_add(1)),
            &mut bytes,
        )
    });
    if let Err(e) = read {
        return fail(format!("cannot read the file: {}", io_reason(&e)));
    }
    if bytes.len() as u64 > opts.max_file_size {
        return fail(format!(
            "the file is larger than the limit of {}; a briefing is far smaller (raise the limit with --max-file-size if this one is right)",
            human_size(opts.max_file_size)
        ));
    }
    load_bytes(path, &bytes)
}

/// Checks a briefing given as bytes; `path` names it in messages and gives its default id.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Loaded {
    let src = match decode(path, bytes) {
        Ok(s) => s,
        Err(d) => return Err(vec![d]),
    };
    load_str(path, src)
}

/// Characters of the source line kept with a message; `with_excerpt` shows 200.
const EXCERPT_CHARS: usize = 200;

/// The start of a source line, as much of it as a message shows.
fn excerpt(line: &str) -> String {
    match line.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => line[..end].to_string(),
        None => line.to_string(),
    }
}

/// Checks a briefing given as text.
pub fn load_str(path: &Path, src: &str) -> Loaded {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(mut b) = fast::briefing(src, &stem) {
        b.path = path.to_path_buf();
        return Ok(b);
    }
    load_positioned(path, src)
}

/// Checks a briefing the thorough way only: the positioned tree and the validator,
/// which find every problem with its place. [`load_str`] tries the quick way first.
pub fn load_positioned(path: &Path, src: &str) -> Loaded {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let located = |source_line: Option<&str>, line: u32, column: u32, message: String| {
        let mut d = Diagnostic::error(path, line.max(1), column.max(1), message);
        d.excerpt = source_line.map(excerpt);
        d
    };
    let root = match yaml::parse(src) {
        Ok(root) => root,
        Err(e) => {
            let line = src.lines().nth(e.pos.line.saturating_sub(1) as usize);
            return Err(vec![located(line, e.pos.line, e.pos.column, e.message)]);
        }
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match validate::briefing(src, &root, &stem) {
        Ok(mut b) => {
            b.path = path.to_path_buf();
            Ok(b)
        }
        Err(problems) => {
            // Split once: there can be a problem on every line of a large file.
            let lines: Vec<&str> = src.lines().collect();
            Err(problems
                .into_iter()
                .map(|(p, m)| {
                    let line = lines.get(p.line.saturating_sub(1) as usize).copied();
                    located(line, p.line, p.column, m)
                })
                .collect())
        }
    }
}

/// Bytes to text, or a message that says what kind of file this is instead.
fn decode<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, Diagnostic> {
    if bytes.is_empty() {
        return Err(Diagnostic::error(
            path,
            1,
            1,
            "the file is empty; a briefing needs at least `title`, `date`, `event` and `actors`",
        ));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return Err(Diagnostic::error(
            path,
            1,
            1,
            "the file is UTF-16; save it as UTF-8",
        ));
    }
    if let Some(at) = head.iter().position(|&b| b == 0) {
        let (line, column) = line_col(bytes, at);
        return Err(Diagnostic::error(
            path,
            line,
            column,
            "this looks like a binary file, not a YAML briefing (it contains NUL bytes)",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let (line, column) = line_col(bytes, at);
        Diagnostic::error(
            path,
            line,
            column,
            format!(
                "the file is not valid UTF-8 (byte 0x{:02x} here); save it as UTF-8",
                bytes[at]
            ),
        )
    })
}

/// Line and column (in characters) of a byte offset.
fn line_col(bytes: &[u8], at: usize) -> (u32, u32) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line as u32, column as u32)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotFound => "it no longer exists".to_string(),
        _ if e.raw_os_error() == Some(21) => "it is a folder".to_string(),
        _ => e.to_string(),
    }
}

pub fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// Loads files on every core; `on_loaded` receives `(index, outcome)` as files finish,
/// in any order. Returns when all are done.
pub fn load_parallel(files: &[PathBuf], opts: &LoadOptions, on_loaded: impl FnMut(usize, Loaded)) {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    let mut on_loaded = on_loaded;
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    // A bug in reading one file must not take the others down.
                    let loaded = std::panic::catch_unwind(|| load_file(path, opts))
                        .unwrap_or_else(|_| {
                            Err(vec![Diagnostic::error(
                                path,
                                1,
                                1,
                                "brief failed on this file (an internal error); the other files are not affected",
                            )])
                        });
                    if tx.send((i, loaded)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, loaded) in rx {
            on_loaded(i, loaded);
        }
    });
}

/// Loads files on every core and returns the outcomes in the order of `files`.
pub fn load_all(files: &[PathBuf], opts: &LoadOptions) -> Vec<Loaded> {
    let mut out: Vec<Option<Loaded>> = (0..files.len()).map(|_| None).collect();
    load_parallel(files, opts, |i, l| out[i] = Some(l));
    out.into_iter()
        .map(|l| l.expect("every file is loaded once"))
        .collect()
}
