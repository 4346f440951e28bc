//! What the reader keeps between runs, and nothing else: where you were in each
//! library and what you have seen there. One file, `state.json`, in
//! `$XDG_STATE_HOME/brief/` (`~/.local/state/brief/` when that is not set).
//!
//! The file is written whole to a temporary file in the same folder and renamed over
//! the old one, under a lock on the folder, so a reader stopped half-way never leaves
//! a broken file and two readers saving at once never lose each other's libraries. It
//! stays small: at most [`MAX_LIBRARIES`] libraries (the longest unused are dropped),
//! earlier texts cut to [`MAX_TEXT_CHARS`] and kept within [`TEXT_BUDGET`] per library.
//! A file that cannot be read is ignored with a message, never a failure.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The file's name in the state folder.
pub const FILE: &str = "state.json";
/// Libraries remembered; opening another drops the one unused the longest.
pub const MAX_LIBRARIES: usize = 32;
/// An earlier text is kept to this many characters.
pub const MAX_TEXT_CHARS: usize = 400;
/// Bytes of earlier texts kept for one library (the newest briefings' first).
pub const TEXT_BUDGET: usize = 256 * 1024;
/// A state file larger than this is not read: the reader never writes one so big.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The format of the file; another number is read as nothing remembered.
pub const VERSION: u32 = 1;

/// The fingerprint of one item: all that it says (`whole`), and what names it
/// (`label`: a title, or who said a quote and when), which a correction often keeps.
///
/// Aligned to 4, so that it takes 12 bytes, not 16: a library and what was seen of it
/// hold one for every item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(Rust, packed(4))]
pub struct Print {
    pub whole: u64,
    pub label: u32,
}

impl Print {
    /// `whole` as written in the file, the key of an earlier text.
    pub fn hex(self) -> String {
        format!("{:016x}", { self.whole })
    }
}

impl Serialize for Print {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:016x}:{:08x}", { self.whole }, { self.label }))
    }
}

impl<'de> Deserialize<'de> for Print {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Print, D::Error> {
        let s = String::deserialize(d)?;
        let bad = || serde::de::Error::custom(format!("`{s}` is not a fingerprint"));
        let (whole, label) = s.split_once(':').ok_or_else(bad)?;
        Ok(Print {
            whole: u64::from_str_radix(whole, 16).map_err(|_| bad())?,
            label: u32::from_str_radix(label, 16).map_err(|_| bad())?,
        })
    }
}

/// Fingerprints of one kind of item, in file order. Shared: what was seen of a
/// briefing is most often just what is loaded, and is then not a second copy.
pub type Prints = std::sync::Arc<[Print]>;

/// What was seen of one briefing (by its id): the fingerprints of its items, in
/// file order, and what some of them said, for showing beside a changed version.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeenBriefing {
    #[serde(default, skip_serializing_if = "<[Print]>::is_empty")]
    pub timeline: Prints,
    #[serde(default, skip_serializing_if = "<[Print]>::is_empty")]
    pub quotes: Prints,
    #[serde(default, skip_serializing_if = "<[Print]>::is_empty")]
    pub implications: Prints,
    /// Texts by [`Print::hex`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub before: BTreeMap<String, String>,
}

/// One item, found again by its fingerprint, else by its label, else by its row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemPlace {
    pub print: Print,
    pub index: usize,
}

/// Where the reader was: the briefing (its file, else its id), the pane, the item.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub briefing: Option<String>,
    /// The pane's name in lower case: `timeline`, `quotes`...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pane: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemPlace>,
}

/// Everything kept about one library.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LibraryState {
    /// The library's key: the files and folders it was opened on, canonical and sorted.
    pub paths: Vec<PathBuf>,
    /// When it was last saved (seconds since 1970), to know which is oldest.
    #[serde(default)]
    pub used: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// What was seen, by briefing id.
    #[serde(default)]
    pub briefings: BTreeMap<String, SeenBriefing>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    brief_state: u32,
    #[serde(default)]
    libraries: Vec<LibraryState>,
}

/// Why the state could not be read or written, in words.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("{0}: cannot be read ({1}); starting as if for the first time")]
    Unreadable(String, String),
    #[error(
        "{0}: not a state file this reader can use ({1}); starting as if for the first time, and it will be replaced"
    )]
    Corrupt(String, String),
    #[error("cannot save where you were to {0}: {1}")]
    Unwritable(String, String),
}

/// The canonical, sorted paths that name a library: the same library opened as
/// `briefings/` or by its full path is the same library.
pub fn library_key(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut key: Vec<PathBuf> = paths
        .iter()
        .map(|p| fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    key.sort();
    key.dedup();
    key
}

/// The state folder and the one file in it.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// `$XDG_STATE_HOME/brief` (an absolute one), else `~/.local/state/brief`; none
    /// when there is no home to put it in.
    pub fn default_location() -> Option<Store> {
        use etcetera::BaseStrategy;
        let base = etcetera::choose_base_strategy().ok()?;
        Some(Store::at(base.state_dir()?.join("brief")))
    }

    pub fn at(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The state file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    fn shown(&self) -> String {
        crate::text::clean_line(&self.path().display().to_string()).into_owned()
    }

    /// What is kept about the library with this key; `Ok(None)` when nothing is.
    pub fn load(&self, key: &[PathBuf]) -> Result<Option<LibraryState>, StateError> {
        Ok(self.read()?.libraries.into_iter().find(|l| l.paths == key))
    }

    /// The whole file, or nothing when there is none yet.
    fn read(&self) -> Result<StateFile, StateError> {
        let path = self.path();
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(StateFile::default()),
            Err(e) => return Err(StateError::Unreadable(self.shown(), reason(&e))),
        };
        let meta = file
            .metadata()
            .map_err(|e| StateError::Unreadable(self.shown(), reason(&e)))?;
        if !meta.is_file() {
            return Err(StateError::Unreadable(
                self.shown(),
                "it is not a regular file".to_string(),
            ));
        }
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| StateError::Unreadable(self.shown(), reason(&e)))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(StateError::Corrupt(
                self.shown(),
                "it is larger than any the reader writes".to_string(),
            ));
        }
        let state: StateFile = serde_json::from_slice(&bytes)
            .map_err(|e| StateError::Corrupt(self.shown(), e.to_string()))?;
        if state.brief_state != VERSION {
            return Err(StateError::Corrupt(
                self.shown(),
                format!("format {} where {VERSION} is expected", state.brief_state),
            ));
        }
        Ok(state)
    }

    /// Keeps `library` (replacing what was kept under the same key), stamped now.
    pub fn save(&self, library: LibraryState) -> Result<(), StateError> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        self.save_at(library, now)
    }

    /// [`Store::save`] at a given time (seconds since 1970).
    pub fn save_at(&self, mut library: LibraryState, now: u64) -> Result<(), StateError> {
        let fail = |e: std::io::Error| StateError::Unwritable(self.shown(), reason(&e));
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)
            .map_err(fail)?;
        // Readers saving at the same moment take turns: each reads what the last one
        // wrote and adds its own library to it.
        let _lock = FolderLock::take(&self.dir).map_err(fail)?;
        // A file that cannot be read was said so when the reader started; it is replaced.
        let mut state = self.read().unwrap_or_default();
        state.brief_state = VERSION;
        library.used = now;
        for seen in library.briefings.values_mut() {
            for text in seen.before.values_mut() {
                cut(text, MAX_TEXT_CHARS);
            }
        }
        state.libraries.retain(|l| l.paths != library.paths);
        state.libraries.push(library);
        // Newest first; the longest unused go when there are too many.
        state
            .libraries
            .sort_by(|a, b| b.used.cmp(&a.used).then_with(|| a.paths.cmp(&b.paths)));
        state.libraries.truncate(MAX_LIBRARIES);
        let bytes = serde_json::to_vec(&state).map_err(|e| fail(std::io::Error::other(e)))?;
        write_atomically(&self.dir, &self.path(), &bytes).map_err(fail)
    }
}

/// An exclusive lock on the state folder, held until dropped.
struct FolderLock(File);

impl FolderLock {
    fn take(dir: &Path) -> std::io::Result<FolderLock> {
        use std::os::fd::AsRawFd;
        let f = File::open(dir)?;
        loop {
            // SAFETY: flock(2) on a descriptor this function owns and keeps open.
            if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) } == 0 {
                return Ok(FolderLock(f));
            }
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        use std::os::fd::AsRawFd;
        // SAFETY: as above; closing the file would release it too.
        unsafe { libc::flock(self.0.as_raw_fd(), libc::LOCK_UN) };
    }
}

/// Writes `bytes` to a new temporary file beside `path`, then renames it over `path`:
/// whoever reads `path` sees the old file or the new one, never part of one.
fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let temp = dir.join(format!(
        ".{FILE}.{}.{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&temp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|_| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// `text` cut to `max` characters, with `…` where it was cut.
pub fn cut(text: &mut String, max: usize) {
    if let Some((at, _)) = text.char_indices().nth(max) {
        text.truncate(at);
        text.push('\u{2026}');
    }
}

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A library and what was seen of it hold one for each item.
    #[test]
    fn a_print_takes_twelve_bytes() {
        assert_eq!(std::mem::size_of::<Print>(), 12);
    }

    #[test]
    fn a_print_is_written_as_hex_and_read_back() {
        let p = Print {
            whole: 0x0123_4567_89ab_cdef,
            label: 0xdead_beef,
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, "\"0123456789abcdef:deadbeef\"");
        assert_eq!(serde_json::from_str::<Print>(&json).unwrap(), p);
        assert!(serde_json::from_str::<Print>("\"zz:1\"").is_err());
    }

    #[test]
    fn cut_keeps_whole_characters() {
        let mut s = "ééééé".to_string();
        cut(&mut s, 3);
        assert_eq!(s, "ééé\u{2026}");
        let mut short = "ab".to_string();
        cut(&mut short, 3);
        assert_eq!(short, "ab");
    }
}
