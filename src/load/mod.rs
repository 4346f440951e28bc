//! Files and folders to briefings, with every problem reported as `PATH:LINE:COLUMN`.
//!
//! - `shape.rs`: the keys of each mapping and the kind of each value, stated once.
//! - `rules.rs`: every rule about values, ids and references, stated once.
//! - `fast.rs`: the quick reading, straight into the shape; most files end there.
//!   `known.rs` watches its keys: only the author's `x-` keys may be passed over.
//! - `tree.rs` and `yaml.rs`: the positioned reading, for a file with a problem, which
//!   the rules report with its line and column.

pub mod fast;
mod known;
pub mod rules;
pub mod shape;
pub mod tree;
pub mod yaml;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

pub use rules::{closest, has_visible, is_slug, is_web_address, slugify};
pub use shape::{mappings, schema};

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
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            // The caret goes under the column: past what the line shows before it, as
            // drawn once cleaned (a tab is wider than one character, a control picture
            // is not, a removed character takes no room).
            let before: String = line.chars().take(excerpt_caret(self.column)).collect();
            let caret_at = drawn_width(&crate::text::clean_line(&before));
            out.push_str(&format!(
                "\n {pad} |\n {gutter} | {shown}\n {pad} | {}^",
                " ".repeat(caret_at)
            ));
        }
        out
    }
}

/// The number of cells `s` takes on a terminal, cluster by cluster.
fn drawn_width(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    s.graphemes(true)
        .map(unicode_width::UnicodeWidthStr::width)
        .sum()
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

/// A path named on the command line that does not exist at all.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    #[error("{}: no such file or folder", shown(.0))]
    Missing(PathBuf),
}

impl PathError {
    /// The path as named.
    pub fn path(&self) -> &Path {
        match self {
            PathError::Missing(p) => p,
        }
    }

    /// What is wrong with it, without the path.
    pub fn reason(&self) -> String {
        match self {
            PathError::Missing(_) => "no such file or folder".to_string(),
        }
    }
}

/// A path as it may be shown.
fn shown(p: &Path) -> String {
    crate::text::clean_line(&p.display().to_string()).into_owned()
}

/// Every briefing file named by `paths`: files as given, folders searched for
/// `*.yaml` / `*.yml` below them (hidden files and folders skipped), in a stable order.
///
/// Only the files; [`find`] also says what could not be read on the way.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, PathError> {
    find(paths).map(|found| found.files)
}

/// What [`find`] found: the briefing files, and a problem for each path that could
/// not be read (an error) or was passed over (a warning), one path each.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub problems: Vec<Diagnostic>,
}

/// Every briefing file named by `paths`, as [`discover`] finds them, and what stood in
/// the way: a folder that cannot be read or a path too long for the system is an
/// error for that path, a file that is not a regular file (a FIFO, a socket, a
/// device) is refused without being opened, and a link that leads nowhere, loops or
/// leads to such a file is a warning. Nothing is passed over in silence but hidden
/// names and names that are not briefings; everything else still loads.
///
/// Only a path named here that does not exist at all is an error for the whole call.
pub fn find(paths: &[PathBuf]) -> Result<Found, PathError> {
    let mut found = Found::default();
    // Each file's real path, to read a file named twice once.
    let mut real_paths: Vec<PathBuf> = Vec::new();
    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(PathError::Missing(p.clone()));
            }
            Err(e) => {
                found.problems.push(Diagnostic::error(
                    p,
                    1,
                    1,
                    format!("cannot be read: {}", path_reason(&e, p)),
                ));
                continue;
            }
        };
        if meta.is_dir() {
            let (mut files, mut problems, mut links) = (Vec::new(), Vec::new(), HashSet::new());
            walk(p, &mut files, &mut problems, &mut links);
            debug_assert!(files.is_sorted());
            problems.sort_by(|a, b| a.path.cmp(&b.path));
            // A file found in a folder is its folder's real path and its own names (the
            // folders on the way are real folders): only links need the system's help,
            // which looks up every part of a path (half a second for 20,000 files).
            let real_root = real_path(p);
            for f in files {
                let real = match f.strip_prefix(p) {
                    Ok(rel) if !links.contains(&f) => real_root.join(rel),
                    _ => real_path(&f),
                };
                found.files.push(f);
                real_paths.push(real);
            }
            found.problems.extend(problems);
        } else if meta.is_file() {
            real_paths.push(real_path(p));
            found.files.push(p.clone());
        } else {
            found
                .problems
                .push(Diagnostic::error(p, 1, 1, not_regular(&meta.file_type())));
        }
    }
    // The same file named twice (a folder and a file in it) is read once, and said
    // once when it cannot be.
    let mut seen = HashSet::new();
    let mut real = real_paths.into_iter();
    found
        .files
        .retain(|_| real.next().is_none_or(|r| seen.insert(r)));
    let mut said = HashSet::new();
    found
        .problems
        .retain(|d| said.insert((d.path.clone(), d.message.clone())));
    Ok(found)
}

/// The path with every link and `..` resolved, or the path itself when it cannot be.
fn real_path(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// What a path that is neither a regular file nor a folder is.
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "neither a file nor a folder"
    }
}

/// Why a path that is not a regular file or a folder is not read.
fn not_regular(kind: &std::fs::FileType) -> String {
    format!(
        "not a regular file but {}; only briefing files and folders of them are read",
        special_kind(kind)
    )
}

/// Finds briefing files below `root`, one folder at a time (no recursion, so no depth
/// of folders can exhaust the stack), in path order: each folder's names are sorted
/// and its folders gone into where they fall, which is the order of the whole paths
/// without comparing them (20,000 whole paths took a tenth of a second to sort).
fn walk(
    root: &Path,
    out: &mut Vec<PathBuf>,
    problems: &mut Vec<Diagnostic>,
    links: &mut HashSet<PathBuf>,
) {
    // What is still to be looked at, the next on top.
    let mut pending: Vec<(PathBuf, Option<std::fs::FileType>)> = vec![(root.to_path_buf(), None)];
    while let Some((path, kind)) = pending.pop() {
        let Some(kind) = kind else {
            read_folder(&path, &mut pending, problems);
            continue;
        };
        if kind.is_symlink() {
            links.insert(path.clone());
            follow_link(path, out, problems);
        } else if is_briefing_name(&path) {
            if kind.is_file() {
                out.push(path);
            } else {
                problems.push(Diagnostic::error(&path, 1, 1, not_regular(&kind)));
            }
        }
    }
}

/// Puts what `dir` holds on top of `pending`, the first name on top: folders with no
/// kind (to be read), the rest with theirs. Hidden names are passed over.
fn read_folder(
    dir: &Path,
    pending: &mut Vec<(PathBuf, Option<std::fs::FileType>)>,
    problems: &mut Vec<Diagnostic>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Diagnostic::error(
                dir,
                1,
                1,
                format!(
                    "cannot read the folder: {}; the other folders are read",
                    path_reason(&e, dir)
                ),
            ));
            return;
        }
    };
    let mut here: Vec<(std::ffi::OsString, Option<std::fs::FileType>)> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::error(
                    dir,
                    1,
                    1,
                    format!("cannot read the whole folder: {}", path_reason(&e, dir)),
                ));
                break;
            }
        };
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        match entry.file_type() {
            Ok(k) if k.is_dir() => here.push((name, None)),
            Ok(k) => here.push((name, Some(k))),
            Err(e) => {
                let path = entry.path();
                problems.push(Diagnostic::error(
                    &path,
                    1,
                    1,
                    format!("cannot be read: {}", path_reason(&e, &path)),
                ));
            }
        }
    }
    here.sort_unstable_by(|a, b| b.0.cmp(&a.0));
    pending.extend(here.into_iter().map(|(name, kind)| (dir.join(name), kind)));
}

/// A link found in a folder: a link to a briefing file is read like the file. Links
/// to folders are not followed (a link back up would never end); a link that leads
/// nowhere, loops, or leads to something other than a file is a warning.
fn follow_link(path: PathBuf, out: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let warn = |problems: &mut Vec<Diagnostic>, message: String| {
        let mut d = Diagnostic::error(&path, 1, 1, message);
        d.severity = Severity::Warning;
        problems.push(d);
    };
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() => {
            if is_briefing_name(&path) {
                out.push(path);
            }
        }
        Ok(m) if m.is_dir() => warn(
            problems,
            "a link to a folder, not followed; name the folder itself to read it".to_string(),
        ),
        Ok(m) => {
            if is_briefing_name(&path) {
                let kind = special_kind(&m.file_type());
                warn(
                    problems,
                    format!("a link to {kind}, not to a regular file; skipped"),
                );
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => warn(
            problems,
            "a link that leads nowhere (what it points to does not exist); skipped".to_string(),
        ),
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => warn(
            problems,
            "a link that loops (it leads back to itself through other links); skipped".to_string(),
        ),
        Err(e) => warn(
            problems,
            format!(
                "cannot follow the link: {}; skipped",
                path_reason(&e, &path)
            ),
        ),
    }
}

/// Whether a file name is one `brief` reads as a briefing: `.yaml` or `.yml`.
pub fn is_briefing_name(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The outcome of loading one file.
pub type Loaded = Result<Briefing, Vec<Diagnostic>>;

/// Reads and checks one file.
pub fn load_file(path: &Path, opts: &LoadOptions) -> Loaded {
    let bytes = read_file(path, opts)?;
    load_bytes(path, &bytes)
}

/// What tells one version of a file from the next without reading it: a file whose
/// stamp is the same has not been written since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
}

impl Stamp {
    pub fn of(m: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            dev: m.dev(),
            ino: m.ino(),
            len: m.len(),
            modified: (m.mtime(), m.mtime_nsec()),
            changed: (m.ctime(), m.ctime_nsec()),
        }
    }

    /// The file's stamp now, if it can be looked at.
    pub fn now(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path).ok().map(|m| Stamp::of(&m))
    }
}

/// The bytes of one file, read as [`load_file`] reads them: only a regular file, never
/// more than the limit, or a message that says why not.
pub fn read_file(path: &Path, opts: &LoadOptions) -> Result<Vec<u8>, Vec<Diagnostic>> {
    read_stamped(path, opts).0
}

/// [`read_file`], with the file's stamp from just before it was read (when it could
/// be looked at): a file written since has another stamp, even while it is read.
pub fn read_stamped(
    path: &Path,
    opts: &LoadOptions,
) -> (Result<Vec<u8>, Vec<Diagnostic>>, Option<Stamp>) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let message = format!("cannot read the file: {}", path_reason(&e, path));
            return (Err(vec![Diagnostic::error(path, 1, 1, message)]), None);
        }
    };
    (read_looked_at(path, &meta, opts), Some(Stamp::of(&meta)))
}

fn read_looked_at(
    path: &Path,
    meta: &std::fs::Metadata,
    opts: &LoadOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let fail = |msg: String| Err(vec![Diagnostic::error(path, 1, 1, msg)]);
    if meta.is_dir() {
        return fail("cannot read the file: it is a folder".to_string());
    }
    // A FIFO, a socket or a device is never opened: opening a FIFO waits for a writer
    // that may never come, and a device can be read without end.
    if !meta.is_file() {
        return fail(not_regular(&meta.file_type()));
    }
    let size = meta.len();
    if size > opts.max_file_size {
        return fail(format!(
            "the file is {} and the limit is {}; a briefing is far smaller (raise the limit with --max-file-size if this one is right)",
            human_size(size),
            human_size(opts.max_file_size)
        ));
    }
    // Opened without waiting, in case the path was swapped for a FIFO since it was
    // looked at; what was opened is checked again, and no more than the limit is read.
    let opened = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
    };
    let file = match opened.and_then(|f| f.metadata().map(|m| (f, m))) {
        Ok((_, m)) if !m.is_file() => return fail(not_regular(&m.file_type())),
        Ok((f, _)) => f,
        Err(e) => return fail(format!("cannot read the file: {}", path_reason(&e, path))),
    };
    // Room for the whole file and the byte that says it ended, in one go.
    let mut bytes = Vec::with_capacity(size as usize + 1);
    let read = std::io::Read::read_to_end(
        &mut std::io::Read::take(file, opts.max_file_size.saturating_add(1)),
        &mut bytes,
    );
    if let Err(e) = read {
        return fail(format!("cannot read the file: {}", path_reason(&e, path)));
    }
    if bytes.len() as u64 > opts.max_file_size {
        return fail(format!(
            "the file is larger than the limit of {}; a briefing is far smaller (raise the limit with --max-file-size if this one is right)",
            human_size(opts.max_file_size)
        ));
    }
    Ok(bytes)
}

/// Checks a briefing given as bytes; `path` names it in messages and gives its default id.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Loaded {
    let src = match decode(path, bytes) {
        Ok(s) => s,
        Err(d) => return Err(vec![d]),
    };
    load_str(path, src)
}

/// Characters of the source line kept with a message.
const EXCERPT_CHARS: usize = 200;
/// Past this column, the excerpt is the part of the line around the column.
const EXCERPT_SHIFT_FROM: u32 = 150;
/// Characters kept before the column when the excerpt is shifted.
const EXCERPT_BEFORE: usize = 100;

/// The part of a source line a message shows: its start, or, when the problem is far
/// along a long line, the characters around the column, with `…` where it is cut.
fn excerpt(line: &str, column: u32) -> String {
    let from = if column > EXCERPT_SHIFT_FROM {
        (column as usize - 1) - EXCERPT_BEFORE
    } else {
        0
    };
    let mut chars = line.char_indices().skip(from);
    // A line shorter than where the excerpt starts shows only that it was cut.
    let start = chars.next().map_or(line.len(), |(i, _)| i);
    let end = chars.nth(EXCERPT_CHARS - 1).map(|(i, _)| i);
    let mut out = String::new();
    if from > 0 {
        out.push('\u{2026}');
    }
    out.push_str(&line[start..end.unwrap_or(line.len())]);
    if end.is_some() {
        out.push('\u{2026}');
    }
    out
}

/// How many characters of an [`excerpt`] come before the column.
fn excerpt_caret(column: u32) -> usize {
    if column > EXCERPT_SHIFT_FROM {
        EXCERPT_BEFORE + 1
    } else {
        column.saturating_sub(1) as usize
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
        d.excerpt = source_line.map(|l| excerpt(l, column.max(1)));
        d
    };
    let root = match yaml::parse(src) {
        Ok(root) => root,
        Err(e) => {
            let line = source_lines(src).nth(e.pos.line.saturating_sub(1) as usize);
            return Err(vec![located(line, e.pos.line, e.pos.column, e.message)]);
        }
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (raw, notes) = tree::read(src, &root);
    let mut report = tree::Located::new(src, &root, notes);
    match rules::check(raw, &stem, &mut report) {
        Some(mut b) if report.is_clean() => {
            b.path = path.to_path_buf();
            Ok(b)
        }
        _ => {
            // Split once: there can be a problem on every line of a large file.
            let lines: Vec<&str> = source_lines(src).collect();
            Err(report
                .finish()
                .into_iter()
                .map(|(p, m)| {
                    let line = lines.get(p.line.saturating_sub(1) as usize).copied();
                    located(line, p.line, p.column, m)
                })
                .collect())
        }
    }
}

/// The lines of a source as YAML counts them: a line ends at a line feed, a carriage
/// return and line feed, or a carriage return alone (as files from old Macs end
/// them), so an excerpt shows the line a message's number names.
fn source_lines(src: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(src);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.find(['\n', '\r']) {
            Some(i) => {
                let next = if text[i..].starts_with("\r\n") {
                    i + 2
                } else {
                    i + 1
                };
                rest = Some(&text[next..]);
                Some(&text[..i])
            }
            None => {
                rest = None;
                // A last line break ends the last line; it starts none.
                (!text.is_empty()).then_some(text)
            }
        }
    })
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

/// Why reading `path` failed, in words.
fn path_reason(e: &std::io::Error, path: &Path) -> String {
    match e.raw_os_error() {
        Some(libc::ENAMETOOLONG) => format!(
            "the path is too long for the system ({} bytes)",
            path.as_os_str().len()
        ),
        Some(libc::ELOOP) => {
            "the links on its path loop (they lead back to themselves)".to_string()
        }
        _ => io_reason(e),
    }
}

/// Why reading or writing failed, in words: the kind of failure, never the system's
/// error number.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::NotFound => "it no longer exists".to_string(),
        ErrorKind::IsADirectory => "it is a folder".to_string(),
        _ => {
            // The system's description, without the number it appends.
            let words = e.to_string();
            match words.rfind(" (os error ") {
                Some(at) if words.ends_with(')') => words[..at].to_string(),
                _ => words,
            }
        }
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
    load_parallel_with(files, |path| load_file(path, opts), on_loaded);
}

/// [`load_parallel`] with the way one file is loaded given (to a briefing, or to
/// anything made of one): a panic in `load` is reported for that file as an internal
/// error, with its message cleaned.
pub fn load_parallel_with<T: Send>(
    files: &[PathBuf],
    load: impl Fn(&Path) -> Result<T, Vec<Diagnostic>> + Sync,
    on_loaded: impl FnMut(usize, Result<T, Vec<Diagnostic>>),
) {
    for_each_file(
        files,
        |_, path| {
            // A bug in reading one file must not take the others down.
            crate::crash::catching(|| load(path))
                .unwrap_or_else(|message| Err(vec![internal_error(path, &message)]))
        },
        {
            let mut on_loaded = on_loaded;
            move |i, loaded| {
                on_loaded(i, loaded);
                true
            }
        },
    );
}

/// Loads files on every core and hands each outcome, made smaller by `keep` (given
/// the file's index) on the core that loaded it, to `on_loaded` in the order of
/// `files`. Only what `keep` returns waits for its turn, so a command that needs
/// little of each briefing holds little, however many files there are. `on_loaded`
/// returns false to stop: the files not yet read are then not read.
pub fn load_in_order<T: Send>(
    files: &[PathBuf],
    opts: &LoadOptions,
    keep: impl Fn(usize, Loaded) -> T + Sync,
    mut on_loaded: impl FnMut(T) -> bool,
) {
    let mut pending = std::collections::BTreeMap::new();
    let mut next = 0;
    for_each_file(
        files,
        |i, path| {
            let loaded = crate::crash::catching(|| load_file(path, opts))
                .unwrap_or_else(|message| Err(vec![internal_error(path, &message)]));
            keep(i, loaded)
        },
        |i, kept| {
            pending.insert(i, kept);
            while let Some(kept) = pending.remove(&next) {
                next += 1;
                if !on_loaded(kept) {
                    return false;
                }
            }
            true
        },
    );
}

/// Runs `work` on every file on every core; `on_done` receives `(index, result)` as
/// files finish, in any order, and returns false to stop the rest. Returns when all
/// are done or stopped.
fn for_each_file<T: Send>(
    files: &[PathBuf],
    work: impl Fn(usize, &Path) -> T + Sync,
    on_done: impl FnMut(usize, T) -> bool,
) {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    // Bounded: when `on_done` waits (a slow reader of the output), the workers wait
    // too, instead of piling up what they read.
    let (tx, rx) = mpsc::sync_channel(workers * 4);
    let mut on_done = on_done;
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            let work = &work;
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    if tx.send((i, work(i, path))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, done) in rx.iter() {
            if !on_done(i, done) {
                // The workers stop at their next file, when they find no one listening.
                next.store(files.len(), Ordering::Relaxed);
                break;
            }
        }
    });
}

/// The message for a file that brief itself failed on (a panic while reading it),
/// with the panic's message already cleaned by [`crate::crash::catching`].
pub fn internal_error(path: &Path, message: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        1,
        1,
        format!(
            "internal error in {} (a bug in brief, not in the file): {message}; the other files are not affected",
            crate::text::quoted(&path.display().to_string())
        ),
    )
}

/// Loads files on every core and returns the outcomes in the order of `files`.
pub fn load_all(files: &[PathBuf], opts: &LoadOptions) -> Vec<Loaded> {
    let mut out: Vec<Option<Loaded>> = (0..files.len()).map(|_| None).collect();
    load_parallel(files, opts, |i, l| out[i] = Some(l));
    out.into_iter()
        .map(|l| l.expect("every file is loaded once"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An excerpt of a line shorter than where it would start (a column past the end
    /// of the line) shows that it was cut; an empty line is shown empty.
    #[test]
    fn an_excerpt_of_a_short_or_empty_line() {
        assert_eq!(excerpt("", 1), "");
        assert_eq!(excerpt("title: x", 3), "title: x");
        assert_eq!(excerpt("short", 500), "\u{2026}");
        let long = "a".repeat(300);
        let shown = excerpt(&long, 200);
        assert!(shown.starts_with('\u{2026}'), "{shown}");
        assert_eq!(shown.chars().filter(|&c| c == 'a').count(), 200);
    }

    #[test]
    fn lines_end_as_yaml_ends_them() {
        for src in ["", "a", "a\n", "a\n\nb", "a\r\nb\r\n", "\n\n", "a\r\n\r\nb"] {
            assert_eq!(
                source_lines(src).collect::<Vec<_>>(),
                src.lines().collect::<Vec<_>>(),
                "{src:?}"
            );
        }
        let lone: Vec<&str> = source_lines("a\rb\r\rc\r\nd\r").collect();
        assert_eq!(lone, ["a", "b", "", "c", "d"]);
    }

    /// A file whose lines end in a carriage return alone: each message shows its line.
    #[test]
    fn a_file_with_carriage_returns_alone_shows_the_line_of_each_problem() {
        let src = "title: T\rdate: 2017-13\revent: {title: E, date: 2017}\r";
        let errors = load_positioned(Path::new("cr.yaml"), src).unwrap_err();
        let month = errors
            .iter()
            .find(|d| d.message.contains("month"))
            .unwrap_or_else(|| panic!("{errors:?}"));
        assert_eq!(month.line, 2, "{month:?}");
        assert_eq!(month.excerpt.as_deref(), Some("date: 2017-13"));
        // A syntax error too.
        let src = "title: T\rdate: [2017\r";
        let errors = load_positioned(Path::new("cr.yaml"), src).unwrap_err();
        let e = &errors[0];
        let line = source_lines(src).nth(e.line as usize - 1);
        assert_eq!(e.excerpt.as_deref(), line, "{e:?}");
        assert!(e.excerpt.is_some(), "{e:?}");
    }

    #[test]
    fn a_failed_read_is_told_in_words_without_the_error_number() {
        let folder = std::io::Error::from_raw_os_error(libc::EISDIR);
        assert_eq!(io_reason(&folder), "it is a folder");
        let device = std::io::Error::from_raw_os_error(libc::EIO);
        assert_eq!(io_reason(&device), "Input/output error");
        let missing = PathError::Missing(PathBuf::from("lib"));
        assert_eq!(missing.to_string(), "lib: no such file or folder");
        assert_eq!(missing.reason(), "no such file or folder");
        assert_eq!(missing.path(), Path::new("lib"));
    }
}
