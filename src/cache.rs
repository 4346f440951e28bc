//! Briefings already read, kept between runs so that an unchanged library opens
//! without being parsed again: one pack file per library in `$XDG_CACHE_HOME/brief/`
//! (`~/.cache/brief/` when that is not set).
//!
//! - **Never stale.** Each briefing in a pack is found by a hash (xxh3, 128 bits) of
//!   its file's bytes together with all that could change what those bytes load to:
//!   the file's name (a briefing without an `id` takes it), the format version, the
//!   pack's layout, and the program's version and build. Every file is read and
//!   hashed on every open, so one changed byte is another name, and the file is
//!   parsed again. A briefing is kept only under the name of the bytes it was parsed
//!   from: one whose file changed before it was kept is dropped ([`Fill::forget`]).
//! - **Only clean files.** A file with any problem is never kept: it is read afresh
//!   each time, so its messages are always the parser's own.
//! - **Never trusted blindly.** Each entry repeats its name and carries the length
//!   and checksum of what it holds, and so does the pack's index; a corrupt,
//!   truncated or foreign pack or entry is passed over without a word, and the pack
//!   is written anew.
//! - **Kept after the reader has everything.** The threads that load files only hash
//!   and parse them, and note which were parsed ([`Cache::fill`]); encoding those
//!   briefings waits until the whole library is delivered, and is then done a few at
//!   a time while the reader waits for keys ([`Fill::step`]), from the briefings the
//!   library holds (never a copy of them). The entries go to a thread of their own,
//!   which writes them to a new pack and, once the last is encoded, copies the
//!   entries still used from the old pack, adds the index and renames the new pack
//!   over the old one. An open that parsed nothing and found every entry in use
//!   writes nothing. On the way out, what was encoded is sealed if that takes no
//!   more than a moment ([`Fill::wait_until`]); else the new pack is given up and
//!   the old one stays as it was.
//! - **One file per library, written atomically.** One file, not one per briefing:
//!   creating tens of thousands of small files costs more than parsing them on a
//!   busy disk. Folder `0700`, files `0600`: briefings may be classified.
//! - **Bounded.** After a pack is written, the packs unused the longest are removed
//!   until the cache is within [`Cache::bound`].
//!
//! Everything that knows the model's layout is in the `stored` module below: one
//! place to change when the model changes.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

use crate::library::news::Prints;
use crate::library::{Arrival, BriefingIx, Library};
use crate::load::{self, Diagnostic, LoadOptions, Loaded, Stamp};
use crate::model::Briefing;
use crate::state::Print;

/// The version of the packs' layout (entries, index and `stored`); packs of another
/// are never read. Raise it whenever `stored` changes.
pub const LAYOUT: u32 = 2;
/// The briefing format version whose files are kept.
const FORMAT: u32 = 1;
/// The smallest bound on the cache's size: room for several ordinary libraries.
pub const MIN_BOUND: u64 = 512 * 1024 * 1024;
/// A pack used more recently than this is not marked used again.
const FRESH: Duration = Duration::from_secs(60 * 60);
/// A temporary file older than this was left by a reader that stopped mid-write.
const STALE_TEMP: Duration = Duration::from_secs(60 * 60);

const ENTRY_MAGIC: [u8; 8] = *b"briefent";
/// Magic, layout, name, payload length, payload checksum.
const ENTRY_HEADER: usize = 8 + 4 + 16 + 8 + 8;
const PACK_MAGIC: [u8; 8] = *b"briefpak";
/// At the end of a pack: magic, layout, where the index starts, how many entries it
/// lists, its checksum.
const FOOTER: usize = 8 + 4 + 8 + 8 + 8;
/// One line of the index: name, offset, length.
const INDEX_LINE: usize = 16 + 8 + 4;
/// The pack files' extension.
const PACK: &str = "pack";

/// The cache of one library, and what was done with it during one open.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// This library's pack.
    pack: PathBuf,
    /// Mixed into every name; see [`Cache::with_build`].
    build: OnceLock<Vec<u8>>,
    given_build: Option<Vec<u8>>,
    /// The pack as found, opened when the first file is loaded.
    found: OnceLock<Option<Pack>>,
    /// Names of the entries found and used in this open.
    used: Mutex<Vec<u128>>,
    /// Each file that loaded, by its number among the files loaded, with its file and
    /// entry's name when it was parsed (and so is to be kept: see [`Cache::fill`]).
    arrived: Mutex<Vec<(usize, Option<Parsed>)>>,
    hits: AtomicUsize,
    misses: AtomicUsize,
    rejected: AtomicUsize,
    /// The size of the pack after this open.
    pack_bytes: AtomicU64,
}

/// A file parsed, and the name of the bytes it was parsed from.
type Parsed = (PathBuf, u128);

/// A pack as found: the file, and where each entry is in it.
#[derive(Debug)]
struct Pack {
    file: File,
    index: HashMap<u128, (u64, u32)>,
}

/// How many encoded entries may wait for the writing thread.
const FILL_QUEUE: usize = 64;

/// How much of a new pack is held before it is written out.
const WRITE_BUFFER: usize = 1 << 20;

/// A new pack being written to a temporary file.
#[derive(Debug)]
struct Writing {
    /// Buffered: entries are written a megabyte at a time, not one system call each.
    file: std::io::BufWriter<File>,
    at: u64,
    index: Vec<(u128, u64, u32)>,
}

/// What one [`Cache`] did: for tests and measurements.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Files whose briefing came from the cache.
    pub hits: usize,
    /// Files parsed (no usable entry).
    pub misses: usize,
    /// Entries or packs found but not usable (corrupt, truncated, foreign), ignored.
    pub rejected: usize,
    /// Entries added to the pack.
    pub written: usize,
}

impl Cache {
    /// The cache of the library opened on `paths`, in `$XDG_CACHE_HOME/brief` (an
    /// absolute one), else `~/.cache/brief`; none when there is no home to put it in.
    /// Nothing is read or written until files are loaded.
    pub fn default_location(paths: &[PathBuf]) -> Option<Cache> {
        use etcetera::BaseStrategy;
        let base = etcetera::choose_base_strategy().ok()?;
        Some(Cache::at(base.cache_dir().join("brief"), paths))
    }

    /// The cache of the library opened on `paths`, kept in `dir`.
    pub fn at(dir: impl Into<PathBuf>, paths: &[PathBuf]) -> Cache {
        let dir = dir.into();
        let mut key = Xxh3::new();
        for p in crate::state::library_key(paths) {
            key.update(p.as_os_str().as_encoded_bytes());
            key.update(&[0]);
        }
        let pack = dir.join(format!("{:032x}.{PACK}", key.digest128()));
        Cache {
            dir,
            pack,
            build: OnceLock::new(),
            given_build: None,
            found: OnceLock::new(),
            used: Mutex::new(Vec::new()),
            arrived: Mutex::new(Vec::new()),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            rejected: AtomicUsize::new(0),
            pack_bytes: AtomicU64::new(0),
        }
    }

    /// A cache that names its entries as a program of build `build` would; by default
    /// the build is told by the executable's size and time, so that a rebuilt program
    /// never reads what an older one wrote.
    pub fn with_build(dir: impl Into<PathBuf>, paths: &[PathBuf], build: &str) -> Cache {
        Cache {
            given_build: Some(build.as_bytes().to_vec()),
            ..Cache::at(dir, paths)
        }
    }

    /// A cache that names its entries as the program at `program` does: to look into
    /// what that program kept.
    pub fn of_program(dir: impl Into<PathBuf>, paths: &[PathBuf], program: &Path) -> Cache {
        Cache::with_build(dir, paths, &build_of(program))
    }

    /// The folder of all packs.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// This library's pack.
    pub fn pack(&self) -> &Path {
        &self.pack
    }

    /// What this open did so far (what it wrote is told by [`Fill::wait`]).
    pub fn stats(&self) -> Stats {
        Stats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            rejected: self.rejected.load(Ordering::Relaxed),
            written: 0,
        }
    }

    /// Loads one file as [`load::load_file`] does, from the cache when it holds this
    /// file's bytes, with its fingerprints; with the file's stamp from before it was
    /// read, and the name to keep it under when it was parsed and loads cleanly.
    fn arrive_stamped(&self, path: &Path, opts: &LoadOptions) -> Arriving {
        let (bytes, stamp) = load::read_stamped(path, opts);
        let (arrived, parsed) = match bytes {
            Ok(bytes) => self.arrive_bytes(path, &bytes, opts),
            Err(d) => (Err(d), None),
        };
        (
            arrived,
            stamp,
            parsed.map(|name| (path.to_path_buf(), name)),
        )
    }

    fn arrive_bytes(
        &self,
        path: &Path,
        bytes: &[u8],
        opts: &LoadOptions,
    ) -> (Arrived, Option<u128>) {
        let name = self.name(path, bytes);
        if let Some((mut b, prints)) = self.find(name, opts) {
            b.path = path.to_path_buf();
            self.hits.fetch_add(1, Ordering::Relaxed);
            lock(&self.used).push(name);
            return (Ok(Arrival::with_prints(b, prints)), None);
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        match load::load_bytes(path, bytes) {
            Ok(b) => (Ok(Arrival::of(b)), Some(name)),
            Err(d) => (Err(d), None),
        }
    }

    /// Notes file number `i`'s outcome, in whatever order the files finish.
    fn note(&self, i: usize, loaded: bool, parsed: Option<Parsed>) {
        if loaded {
            lock(&self.arrived).push((i, parsed));
        }
    }

    /// Once every file is loaded and delivered: what is left to do, which is to keep
    /// the briefings parsed in this open (see [`Fill`]) and seal the pack. The library
    /// that [`Fill::step`] is given must hold the briefings loaded, in the order of
    /// the files, as the reader's does (a reload since is followed by
    /// [`Fill::forget`]). `None` when no thread could be started to write: nothing is
    /// kept this time.
    pub fn fill(self) -> Option<Fill> {
        let stats = self.stats();
        let mut arrived = std::mem::take(&mut *lock(&self.arrived));
        arrived.sort_unstable_by_key(|(i, _)| *i);
        // The library holds the briefings that loaded, in file order: the n-th of
        // them is at n.
        let left: Vec<Keep> = arrived
            .into_iter()
            .enumerate()
            .filter_map(|(at, (_, parsed))| parsed.map(|(path, name)| Keep { at, path, name }))
            .collect();
        let temp = self.temp_path();
        let writable = Arc::new(AtomicBool::new(true));
        // A few entries at most wait for the writer: however slow the disk, what is
        // encoded is not heaped up in memory (a pack is most of the library's size).
        let (to_writer, entries) = mpsc::sync_channel(FILL_QUEUE);
        let (sealed, done) = mpsc::channel();
        let writer = {
            let (temp, writable) = (temp.clone(), Arc::clone(&writable));
            move || {
                let written = self.write(&temp, entries, &writable);
                let _ = sealed.send(Stats { written, ..stats });
            }
        };
        std::thread::Builder::new()
            .name("brief cache".to_string())
            .spawn(writer)
            .ok()?;
        Some(Fill {
            left,
            next: 0,
            moved: false,
            to_writer: Some(to_writer),
            writable,
            done,
            temp,
        })
    }

    /// Keeps every briefing parsed in this open, taken from `library` (see
    /// [`Cache::fill`]) all at once, and waits until the pack is written: for callers
    /// that read no keys meanwhile.
    pub fn keep_all(self, library: &Library) -> Stats {
        let stats = self.stats();
        let Some(mut fill) = self.fill() else {
            return stats;
        };
        while fill.step(library, Duration::from_secs(3600)) {}
        fill.wait().unwrap_or(stats)
    }

    /// The writing thread: takes entries until the last is sent, then seals the pack.
    /// Returns how many entries were written.
    fn write(
        &self,
        temp: &Path,
        entries: Receiver<(u128, Vec<u8>)>,
        writable: &AtomicBool,
    ) -> usize {
        let mut writing: Option<Writing> = None;
        let mut written = 0;
        for (name, entry) in entries {
            if !writable.load(Ordering::Relaxed) {
                continue;
            }
            if writing.is_none() {
                match self.begin(temp) {
                    Ok(w) => writing = Some(w),
                    Err(_) => {
                        writable.store(false, Ordering::Relaxed);
                        continue;
                    }
                }
            }
            let Some(w) = writing.as_mut() else { continue };
            if w.append(name, &entry).is_ok() {
                written += 1;
            } else {
                writable.store(false, Ordering::Relaxed);
                writing = None;
                let _ = fs::remove_file(temp);
            }
        }
        self.seal(temp, writing, writable);
        written
    }

    /// Once every entry of this open is written: when anything was, or some entries
    /// found were not used, writes the pack anew with exactly the entries of this
    /// open, then keeps the cache within [`Cache::bound`]. Failures are ignored: the
    /// cache is only ever a help, and the next open parses again what could not be
    /// kept.
    fn seal(&self, temp: &Path, writing: Option<Writing>, writable: &AtomicBool) {
        let found = self.found.get().and_then(Option::as_ref);
        let used = {
            let mut used = std::mem::take(&mut *lock(&self.used));
            used.sort_unstable();
            used.dedup();
            used
        };
        let all_used = found.is_none_or(|p| p.index.len() == used.len());
        if writing.is_none() && all_used {
            if found.is_some() {
                self.mark_used();
            }
            return;
        }
        if !writable.load(Ordering::Relaxed) {
            // Not writable, or given up: nothing of this open stays.
            if writing.is_some() {
                let _ = fs::remove_file(temp);
            }
            return;
        }
        let writing = match writing {
            Some(w) => Some(w),
            None => self.begin(temp).ok(),
        };
        let Some(mut w) = writing else { return };
        let done = (|| -> std::io::Result<()> {
            if let Some(found) = found {
                w.copy_from(found, &used)?;
            }
            w.seal()?;
            // Given up meanwhile (the reader is on its way out): the old pack stays.
            if !writable.load(Ordering::Relaxed) {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            fs::rename(temp, &self.pack)
        })();
        match done {
            Ok(()) => {
                self.pack_bytes.store(w.at, Ordering::Relaxed);
                self.prune(self.bound());
            }
            Err(_) => {
                let _ = fs::remove_file(temp);
            }
        }
    }

    /// The bound on the cache's size after this open: twice this library's pack (so
    /// it always fits, and another as large beside it), and never less than
    /// [`MIN_BOUND`].
    pub fn bound(&self) -> u64 {
        MIN_BOUND.max(2 * self.pack_bytes.load(Ordering::Relaxed))
    }

    /// Removes the packs unused the longest (never this library's) until the cache is
    /// within `bound`, and temporary files left by a reader that stopped mid-write.
    pub fn prune(&self, bound: u64) {
        let now = SystemTime::now();
        let mut packs = Vec::new();
        let mut total = 0u64;
        let Ok(files) = fs::read_dir(&self.dir) else {
            return;
        };
        for file in files.flatten() {
            let Ok(meta) = file.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            let path = file.path();
            let used = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            let name = file.file_name();
            let name = name.to_string_lossy();
            // Only what the reader writes here is counted or removed.
            if name.starts_with('.') && name.ends_with(".tmp") {
                if now.duration_since(used).unwrap_or_default() > STALE_TEMP {
                    let _ = fs::remove_file(&path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != PACK) {
                continue;
            }
            total += meta.len();
            if path != self.pack {
                packs.push((used, meta.len(), path));
            }
        }
        packs.sort();
        for (_, len, path) in packs {
            if total <= bound {
                break;
            }
            if fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
    }

    /// What identifies this program's entries: layout, format, version and build.
    fn build(&self) -> &[u8] {
        self.build.get_or_init(|| {
            let mut id = format!(
                "brief cache layout {LAYOUT}, format {FORMAT}, version {}, build ",
                env!("CARGO_PKG_VERSION")
            )
            .into_bytes();
            match &self.given_build {
                Some(b) => id.extend_from_slice(b),
                None => id.extend_from_slice(executable_build().as_bytes()),
            }
            id
        })
    }

    /// The entry's name for a file's bytes.
    fn name(&self, path: &Path, bytes: &[u8]) -> u128 {
        let mut h = Xxh3::new();
        h.update(self.build());
        h.update(&[0]);
        let stem = path.file_stem().unwrap_or_default();
        h.update(stem.as_encoded_bytes());
        h.update(&[0]);
        h.update(&xxh3_128(bytes).to_le_bytes());
        h.digest128()
    }

    /// The briefing kept under `name`, if its entry is whole and is what it says.
    fn find(&self, name: u128, opts: &LoadOptions) -> Option<(Briefing, Prints)> {
        let found = self.found.get_or_init(|| self.open()).as_ref()?;
        let &(at, len) = found.index.get(&name)?;
        // An entry is never much larger than the file it keeps.
        let limit = opts.max_file_size.saturating_mul(2).saturating_add(4096);
        let briefing = ENTRY.with_borrow_mut(|bytes| {
            bytes.resize(len.min(limit as u32) as usize, 0);
            found.file.read_exact_at(bytes, at).ok()?;
            crate::crash::catching(|| decode(bytes, name))
                .ok()
                .flatten()
        });
        if briefing.is_none() {
            self.rejected.fetch_add(1, Ordering::Relaxed);
        }
        briefing
    }

    /// The pack as found, with its index, if it is whole.
    fn open(&self) -> Option<Pack> {
        let mut file = File::open(&self.pack).ok()?;
        let pack = read_index(&mut file);
        if pack.is_none() {
            self.rejected.fetch_add(1, Ordering::Relaxed);
        }
        pack.map(|index| Pack { file, index })
    }

    /// A name for a new temporary pack beside this library's.
    fn temp_path(&self) -> PathBuf {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        self.dir.join(format!(
            ".{}.{}.tmp",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ))
    }

    /// A new temporary pack at `temp`.
    fn begin(&self, temp: &Path) -> std::io::Result<Writing> {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)?;
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(temp)?;
        Ok(Writing {
            file: std::io::BufWriter::with_capacity(WRITE_BUFFER, file),
            at: 0,
            index: Vec::new(),
        })
    }

    /// Marks this library's pack used, at most once an hour, so that pruning removes
    /// the packs unused the longest.
    fn mark_used(&self) {
        let Ok(file) = File::options().append(true).open(&self.pack) else {
            return;
        };
        let used = file
            .metadata()
            .and_then(|m| m.modified())
            .unwrap_or(SystemTime::UNIX_EPOCH);
        if SystemTime::now().duration_since(used).unwrap_or_default() > FRESH {
            let _ = file.set_modified(SystemTime::now());
        }
    }
}

/// A briefing parsed in this open, to be kept: where it is in the library, its file,
/// and the name of the bytes it was parsed from.
#[derive(Debug)]
struct Keep {
    at: BriefingIx,
    path: PathBuf,
    name: u128,
}

/// What is left of an open once the library is delivered: encoding the briefings
/// parsed, a few at a time, for a thread that writes them and then seals the pack.
/// See [`Cache::fill`]. Dropped, it lets that thread seal what it was sent, without
/// waiting for it.
#[derive(Debug)]
pub struct Fill {
    /// The briefings to keep, in library order; those before `next` are done.
    left: Vec<Keep>,
    next: usize,
    /// Set when the library changed since the positions in `left` were known.
    moved: bool,
    /// To the writing thread; dropped once the last entry is sent, which seals.
    to_writer: Option<SyncSender<(u128, Vec<u8>)>>,
    /// Cleared by the writing thread when the cache cannot be written (nothing more
    /// is encoded), and here to give the new pack up.
    writable: Arc<AtomicBool>,
    /// What the writing thread did, once the pack is sealed (or given up).
    done: Receiver<Stats>,
    temp: PathBuf,
}

impl Fill {
    /// Whether briefings are still to be encoded.
    pub fn is_encoding(&self) -> bool {
        self.to_writer.is_some()
    }

    /// How many briefings are still to be encoded.
    pub fn left(&self) -> usize {
        if self.is_encoding() {
            self.left.len() - self.next
        } else {
            0
        }
    }

    /// Files read again or gone since they were loaded: their briefings are not kept
    /// (the library no longer holds what was parsed under their names). Call it
    /// before the library takes the files in.
    pub fn forget<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        let gone: HashSet<&Path> = paths.into_iter().collect();
        if gone.is_empty() {
            return;
        }
        self.left.drain(..self.next);
        self.next = 0;
        self.left.retain(|k| !gone.contains(k.path.as_path()));
        self.moved = true;
    }

    /// Encodes the next briefings from `library` for the writing thread until `budget`
    /// has passed (at least one), and once the last is sent lets that thread seal the
    /// pack. Returns whether briefings are left.
    pub fn step(&mut self, library: &Library, budget: Duration) -> bool {
        let until = Instant::now().checked_add(budget);
        while self.is_encoding() && self.next < self.left.len() {
            if !self.writable.load(Ordering::Relaxed) {
                // Nothing can be written: nothing more is encoded.
                self.next = self.left.len();
                break;
            }
            let i = self.next;
            self.next += 1;
            if let Some(at) = self.place(library, i)
                && let (Some(b), Some(prints)) = (library.briefings.get(at), library.prints(at))
            {
                let name = self.left[i].name;
                if let Ok(entry) = crate::crash::catching(|| encode(b, prints, name))
                    && let Some(tx) = &self.to_writer
                    && tx.send((name, entry)).is_err()
                {
                    self.next = self.left.len();
                }
            }
            if until.is_some_and(|u| Instant::now() >= u) {
                break;
            }
        }
        if self.next >= self.left.len() {
            // The last entry is sent: the writing thread seals the pack.
            self.to_writer = None;
            self.left = Vec::new();
            self.next = 0;
        }
        self.is_encoding()
    }

    /// Where the `i`-th briefing to keep is in `library` now, if it is still the one
    /// parsed (same file; a file read again was forgotten).
    fn place(&mut self, library: &Library, i: usize) -> Option<BriefingIx> {
        let here = |k: &Keep| {
            library
                .briefings
                .get(k.at)
                .is_some_and(|b| b.path == k.path)
        };
        if here(&self.left[i]) {
            return Some(self.left[i].at);
        }
        if !self.moved {
            return None;
        }
        // A file removed moves the briefings after it: all are found again by file.
        self.moved = false;
        let at: HashMap<&Path, BriefingIx> = library
            .briefings
            .iter()
            .enumerate()
            .map(|(at, b)| (b.path.as_path(), at))
            .collect();
        for k in &mut self.left[i..] {
            k.at = at.get(k.path.as_path()).copied().unwrap_or(usize::MAX);
        }
        here(&self.left[i]).then_some(self.left[i].at)
    }

    /// Stops encoding: the writing thread seals what it was sent.
    pub fn stop(&mut self) {
        self.to_writer = None;
    }

    /// Seals what was encoded and waits for the pack to be written; what the whole
    /// open did.
    pub fn wait(mut self) -> Option<Stats> {
        self.stop();
        self.done.recv().ok()
    }

    /// [`Fill::wait`], until `deadline` at most: then the new pack is given up (its
    /// temporary file removed, the old pack left as it was), so that quitting is
    /// never held up by a slow disk. Whether the writing thread was done in time.
    pub fn wait_until(mut self, deadline: Instant) -> bool {
        self.stop();
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.done.recv_timeout(wait) {
            Ok(_) => true,
            Err(mpsc::RecvTimeoutError::Disconnected) => false,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                self.writable.store(false, Ordering::Relaxed);
                let _ = fs::remove_file(&self.temp);
                false
            }
        }
    }
}

impl Writing {
    fn append(&mut self, name: u128, entry: &[u8]) -> std::io::Result<()> {
        self.file.write_all(entry)?;
        self.index.push((name, self.at, entry.len() as u32));
        self.at += entry.len() as u64;
        Ok(())
    }

    /// Copies the entries named `used` from the pack `found`, entries that lie side by
    /// side in one go, file to file in the kernel (`copy_file_range`), not through
    /// this process.
    fn copy_from(&mut self, found: &Pack, used: &[u128]) -> std::io::Result<()> {
        let mut entries: Vec<(u64, u32, u128)> = used
            .iter()
            .filter_map(|name| found.index.get(name).map(|&(at, len)| (at, len, *name)))
            .collect();
        entries.sort_unstable();
        let mut i = 0;
        while i < entries.len() {
            // A run of entries, each starting where the one before ends.
            let start = entries[i].0;
            let mut end = start;
            let mut j = i;
            while j < entries.len() && entries[j].0 == end {
                end += u64::from(entries[j].1);
                j += 1;
            }
            if j == i {
                // Overlapping entries: none a pack written here has; copy it alone.
                end = start + u64::from(entries[i].1);
                j = i + 1;
            }
            let mut from = &found.file;
            from.seek(SeekFrom::Start(start))?;
            let copied = std::io::copy(&mut from.take(end - start), &mut self.file)?;
            if copied != end - start {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            for &(at, len, name) in &entries[i..j] {
                self.index.push((name, self.at + (at - start), len));
            }
            self.at += end - start;
            i = j;
        }
        Ok(())
    }

    /// Writes the index and the footer. Not synced: a pack cut short by a crash
    /// fails its checks and is written anew.
    fn seal(&mut self) -> std::io::Result<()> {
        let mut seen = HashSet::new();
        self.index.retain(|(name, ..)| seen.insert(*name));
        let mut index = Vec::with_capacity(self.index.len() * INDEX_LINE);
        for (name, at, len) in &self.index {
            index.extend_from_slice(&name.to_le_bytes());
            index.extend_from_slice(&at.to_le_bytes());
            index.extend_from_slice(&len.to_le_bytes());
        }
        let mut footer = Vec::with_capacity(FOOTER);
        footer.extend_from_slice(&PACK_MAGIC);
        footer.extend_from_slice(&LAYOUT.to_le_bytes());
        footer.extend_from_slice(&self.at.to_le_bytes());
        footer.extend_from_slice(&(self.index.len() as u64).to_le_bytes());
        footer.extend_from_slice(&xxh3_64(&index).to_le_bytes());
        self.file.write_all(&index)?;
        self.file.write_all(&footer)?;
        self.at += (index.len() + footer.len()) as u64;
        self.file.flush()
    }
}

/// A pack's index, if its footer and index are whole and every entry lies within it.
fn read_index(file: &mut File) -> Option<HashMap<u128, (u64, u32)>> {
    let len = file.metadata().ok()?.len();
    let start = len.checked_sub(FOOTER as u64)?;
    let mut footer = [0u8; FOOTER];
    file.seek(SeekFrom::Start(start)).ok()?;
    file.read_exact(&mut footer).ok()?;
    let (magic, rest) = footer.split_at(8);
    let (layout, rest) = rest.split_at(4);
    let (index_at, rest) = rest.split_at(8);
    let (count, check) = rest.split_at(8);
    let index_at = u64::from_le_bytes(index_at.try_into().ok()?);
    let count = u64::from_le_bytes(count.try_into().ok()?);
    if magic != PACK_MAGIC
        || u32::from_le_bytes(layout.try_into().ok()?) != LAYOUT
        || count.checked_mul(INDEX_LINE as u64)? != start.checked_sub(index_at)?
    {
        return None;
    }
    let mut index = vec![0u8; (start - index_at) as usize];
    file.read_exact_at(&mut index, index_at).ok()?;
    if xxh3_64(&index) != u64::from_le_bytes(check.try_into().ok()?) {
        return None;
    }
    let mut out = HashMap::with_capacity(count as usize);
    for line in index.chunks_exact(INDEX_LINE) {
        let (name, rest) = line.split_at(16);
        let (at, len) = rest.split_at(8);
        let at = u64::from_le_bytes(at.try_into().ok()?);
        let len = u32::from_le_bytes(len.try_into().ok()?);
        if at.checked_add(u64::from(len))? > index_at {
            return None;
        }
        out.insert(u128::from_le_bytes(name.try_into().ok()?), (at, len));
    }
    Some(out)
}

/// A lock that a panic elsewhere does not make unusable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The running program's build, told by its executable's size and modification time.
fn executable_build() -> String {
    std::env::current_exe().map_or_else(|_| "unknown".to_string(), |exe| build_of(&exe))
}

/// The build of the program at `exe`, told by its size and modification time.
fn build_of(exe: &Path) -> String {
    match fs::metadata(exe) {
        Ok(m) => {
            let since = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .unwrap_or_default();
            format!("{} bytes, {} ns", m.len(), since.as_nanos())
        }
        Err(_) => "unknown".to_string(),
    }
}

/// Loads files on every core as [`load::load_parallel`] does, through `cache` when
/// there is one (and then [`Cache::fill`] is for the caller, once it holds what was
/// loaded).
pub fn load_parallel(
    files: &[PathBuf],
    opts: &LoadOptions,
    cache: Option<&Cache>,
    on_loaded: impl FnMut(usize, Loaded),
) {
    let mut on_loaded = on_loaded;
    arrive_parallel(files, opts, cache, |i, (arrived, _)| {
        on_loaded(i, arrived.map(|a| a.briefing))
    });
}

/// One file's outcome as the reader takes it in.
pub type Arrived = Result<Arrival, Vec<Diagnostic>>;

/// One file's outcome through the cache: with its stamp, and its file and entry's
/// name when it was parsed.
type Arriving = (Arrived, Option<Stamp>, Option<Parsed>);

/// [`load_parallel`] giving each briefing with its fingerprints and roster, worked
/// out (or taken from the cache) on the core that loaded it, and the file's stamp
/// from before it was read (for following the file after).
pub fn arrive_parallel(
    files: &[PathBuf],
    opts: &LoadOptions,
    cache: Option<&Cache>,
    on_arrived: impl FnMut(usize, (Arrived, Option<Stamp>)),
) {
    let fresh = |p: &Path| {
        let (bytes, stamp) = load::read_stamped(p, opts);
        let arrived = bytes.and_then(|b| load::load_bytes(p, &b)).map(Arrival::of);
        (arrived, stamp, None)
    };
    let each = |p: &Path| -> Result<Arriving, Vec<Diagnostic>> {
        Ok(match cache {
            Some(c) => c.arrive_stamped(p, opts),
            None => fresh(p),
        })
    };
    let mut on_arrived = on_arrived;
    load::load_parallel_with(files, each, |i, outcome| {
        // A panic while loading is that file's outcome, with no stamp.
        let (arrived, stamp, parsed) = outcome.unwrap_or_else(|d| (Err(d), None, None));
        if let Some(c) = cache {
            c.note(i, arrived.is_ok(), parsed);
        }
        on_arrived(i, (arrived, stamp))
    });
}

thread_local! {
    /// bitcode's working space, kept by each thread that encodes or decodes entries
    /// rather than made anew for every briefing.
    static CODER: std::cell::RefCell<bitcode::Buffer> = std::cell::RefCell::new(bitcode::Buffer::new());
    /// An entry's bytes as read, likewise.
    static ENTRY: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What an entry holds: the briefing, and its items' fingerprints by kind (timeline,
/// quotes, implications), each `(whole, label)`.
#[derive(bitcode::Encode, bitcode::Decode)]
struct Entry<'a> {
    briefing: stored::Briefing<'a>,
    prints: [Vec<(u64, u32)>; 3],
}

fn encode(briefing: &Briefing, prints: &Prints, name: u128) -> Vec<u8> {
    let kept = |p: &[Print]| p.iter().map(|p| (p.whole, p.label)).collect();
    let entry = Entry {
        briefing: stored::Briefing::from(briefing),
        prints: [
            kept(&prints.timeline),
            kept(&prints.quotes),
            kept(&prints.implications),
        ],
    };
    // The entry is made where bitcode leaves it, with its header, in one copy.
    CODER.with_borrow_mut(|c| {
        let payload = c.encode(&entry);
        let mut out = Vec::with_capacity(ENTRY_HEADER + payload.len());
        out.extend_from_slice(&ENTRY_MAGIC);
        out.extend_from_slice(&LAYOUT.to_le_bytes());
        out.extend_from_slice(&name.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&xxh3_64(payload).to_le_bytes());
        out.extend_from_slice(payload);
        out
    })
}

fn decode(bytes: &[u8], name: u128) -> Option<(Briefing, Prints)> {
    let (header, payload) = bytes.split_at_checked(ENTRY_HEADER)?;
    let (magic, rest) = header.split_at(8);
    let (layout, rest) = rest.split_at(4);
    let (named, rest) = rest.split_at(16);
    let (len, check) = rest.split_at(8);
    let whole = magic == ENTRY_MAGIC
        && u32::from_le_bytes(layout.try_into().ok()?) == LAYOUT
        && u128::from_le_bytes(named.try_into().ok()?) == name
        && u64::from_le_bytes(len.try_into().ok()?) == payload.len() as u64
        && u64::from_le_bytes(check.try_into().ok()?) == xxh3_64(payload);
    if !whole {
        return None;
    }
    let entry: Entry<'_> = CODER.with_borrow_mut(|c| c.decode(payload)).ok()?;
    let b = entry.briefing.into_model()?;
    let [timeline, quotes, implications] = entry.prints.map(|p| {
        p.into_iter()
            .map(|(whole, label)| Print { whole, label })
            .collect::<std::sync::Arc<[_]>>()
    });
    // One fingerprint for each item, or the entry is not what it says.
    if (timeline.len(), quotes.len(), implications.len())
        != (b.timeline.len(), b.quotes.len(), b.implications.len())
    {
        return None;
    }
    let prints = Prints {
        timeline,
        quotes,
        implications,
    };
    Some((b, prints))
}

/// The one place that knows the model's layout: a briefing as kept, and the way to
/// and from [`crate::model::Briefing`]. Text goes through `Text`'s public API, dates
/// and kinds through their public forms.
mod stored {
    use bitcode::{Decode, Encode};
    use chrono::{DateTime, NaiveDate};

    use crate::date::{Date as ModelDate, Written};
    use crate::model::{self, ActorKind, Confidence, Priority};

    #[derive(Encode, Decode)]
    pub struct Briefing<'a> {
        briefing: u32,
        id: &'a str,
        title: Text<'a>,
        date: Date,
        summary: Option<Text<'a>>,
        classification: Option<Text<'a>>,
        tags: Vec<Text<'a>>,
        sources: Vec<Source<'a>>,
        event: Event<'a>,
        actors: Vec<Actor<'a>>,
        timeline: Vec<TimelineEntry<'a>>,
        quotes: Vec<Quote<'a>>,
        implications: Vec<Implication<'a>>,
    }

    /// What the file said, and what cleaning it gave when that differs.
    #[derive(Encode, Decode)]
    struct Text<'a> {
        raw: &'a str,
        shown: Option<&'a str>,
    }

    #[derive(Encode, Decode)]
    enum Date {
        Year(i32),
        Month(i32, u32),
        /// Days from 1 January of year 1.
        Day(i32),
        /// Seconds and nanoseconds since 1970 (UTC), and the offset written, in seconds.
        Instant(i64, u32, i32),
    }

    #[derive(Encode, Decode)]
    struct Event<'a> {
        title: Text<'a>,
        date: Date,
        location: Option<Text<'a>>,
        description: Option<Text<'a>>,
    }

    #[derive(Encode, Decode)]
    struct Actor<'a> {
        id: &'a str,
        name: Text<'a>,
        /// The place in [`ActorKind::ALL`].
        kind: Option<u8>,
        role: Option<Text<'a>>,
        affiliation: Option<&'a str>,
        aliases: Vec<Text<'a>>,
        description: Option<Text<'a>>,
    }

    #[derive(Encode, Decode)]
    struct TimelineEntry<'a> {
        date: Date,
        title: Text<'a>,
        detail: Option<Text<'a>>,
        actors: Vec<&'a str>,
        source: Option<&'a str>,
        approximate: bool,
        confidence: Option<u8>,
    }

    #[derive(Encode, Decode)]
    struct Quote<'a> {
        actor: &'a str,
        text: Text<'a>,
        date: Option<Date>,
        context: Option<Text<'a>>,
        source: Option<&'a str>,
        paraphrase: bool,
    }

    #[derive(Encode, Decode)]
    struct Implication<'a> {
        title: Text<'a>,
        detail: Option<Text<'a>>,
        actors: Vec<&'a str>,
        priority: Option<u8>,
        confidence: Option<u8>,
    }

    #[derive(Encode, Decode)]
    struct Source<'a> {
        id: &'a str,
        title: Text<'a>,
        publisher: Option<Text<'a>>,
        url: Option<Text<'a>>,
        date: Option<Date>,
    }

    impl<'a> From<&'a model::Text> for Text<'a> {
        fn from(t: &'a model::Text) -> Text<'a> {
            let (raw, shown) = (t.raw(), t.shown());
            Text {
                raw,
                shown: (shown != raw).then_some(shown),
            }
        }
    }

    impl From<Text<'_>> for model::Text {
        fn from(t: Text<'_>) -> model::Text {
            model::Text::cleaned(t.raw, t.shown)
        }
    }

    fn text(t: &Option<model::Text>) -> Option<Text<'_>> {
        t.as_ref().map(Text::from)
    }

    fn texts(t: &[model::Text]) -> Vec<Text<'_>> {
        t.iter().map(Text::from).collect()
    }

    fn model_text(t: Option<Text<'_>>) -> Option<model::Text> {
        t.map(model::Text::from)
    }

    fn model_texts(t: Vec<Text<'_>>) -> Vec<model::Text> {
        t.into_iter().map(model::Text::from).collect()
    }

    fn strings(s: &[model::Id]) -> Vec<&str> {
        s.iter().map(model::Id::as_str).collect()
    }

    /// The ids of a briefing read back, so that each reference shares its id's copy
    /// as it does when the file is read (see [`model::Id`]).
    struct Ids(Vec<model::Id>);

    impl Ids {
        fn of(&self, id: &str) -> model::Id {
            self.0
                .iter()
                .find(|known| known.as_str() == id)
                .cloned()
                .unwrap_or_else(|| model::Id::from(id))
        }

        fn list(&self, ids: Vec<&str>) -> model::Ids {
            ids.into_iter().map(|id| self.of(id)).collect()
        }

        fn opt(&self, id: Option<&str>) -> Option<model::Id> {
            id.map(|id| self.of(id))
        }
    }

    impl From<&ModelDate> for Date {
        fn from(d: &ModelDate) -> Date {
            use chrono::Datelike;
            match d.written() {
                Written::Year(y) => Date::Year(y),
                Written::Month(y, m) => Date::Month(y, m),
                Written::Day(d) => Date::Day(d.num_days_from_ce()),
                Written::Instant(t) => Date::Instant(
                    t.timestamp(),
                    t.timestamp_subsec_nanos(),
                    t.offset().local_minus_utc(),
                ),
            }
        }
    }

    impl Date {
        /// The date read back, if it is one a file could give (see [`ModelDate::new`]).
        fn into_model(self) -> Option<ModelDate> {
            ModelDate::new(match self {
                Date::Year(y) => Written::Year(y),
                Date::Month(y, m) => Written::Month(y, m),
                Date::Day(d) => Written::Day(NaiveDate::from_num_days_from_ce_opt(d)?),
                Date::Instant(secs, nanos, offset) => {
                    let offset = chrono::FixedOffset::east_opt(offset)?;
                    Written::Instant(DateTime::from_timestamp(secs, nanos)?.with_timezone(&offset))
                }
            })
        }
    }

    fn date(d: Option<Date>) -> Option<Option<ModelDate>> {
        match d {
            None => Some(None),
            Some(d) => d.into_model().map(Some),
        }
    }

    /// A kind, confidence or priority as its place in the type's `ALL`.
    fn place<T: PartialEq + Copy, const N: usize>(
        all: &[(&str, T); N],
        v: Option<T>,
    ) -> Option<u8> {
        v.and_then(|v| all.iter().position(|(_, k)| *k == v))
            .map(|i| i as u8)
    }

    fn unplace<T: Copy, const N: usize>(all: &[(&str, T); N], i: Option<u8>) -> Option<Option<T>> {
        match i {
            None => Some(None),
            Some(i) => all.get(usize::from(i)).map(|(_, k)| Some(*k)),
        }
    }

    impl<'a> From<&'a model::Briefing> for Briefing<'a> {
        fn from(b: &'a model::Briefing) -> Briefing<'a> {
            Briefing {
                briefing: b.briefing,
                id: &b.id,
                title: Text::from(&b.title),
                date: Date::from(&b.date),
                summary: text(&b.summary),
                classification: text(&b.classification),
                tags: texts(&b.tags),
                sources: b
                    .sources
                    .iter()
                    .map(|s| Source {
                        id: &s.id,
                        title: Text::from(&s.title),
                        publisher: text(&s.publisher),
                        url: text(&s.url),
                        date: s.date.as_ref().map(Date::from),
                    })
                    .collect(),
                event: Event {
                    title: Text::from(&b.event.title),
                    date: Date::from(&b.event.date),
                    location: text(&b.event.location),
                    description: text(&b.event.description),
                },
                actors: b
                    .actors
                    .iter()
                    .map(|a| Actor {
                        id: &a.id,
                        name: Text::from(&a.name),
                        kind: place(&ActorKind::ALL, a.kind),
                        role: text(&a.role),
                        affiliation: a.affiliation.as_deref(),
                        aliases: texts(&a.aliases),
                        description: text(&a.description),
                    })
                    .collect(),
                timeline: b
                    .timeline
                    .iter()
                    .map(|e| TimelineEntry {
                        date: Date::from(&e.date),
                        title: Text::from(&e.title),
                        detail: text(&e.detail),
                        actors: strings(&e.actors),
                        source: e.source.as_deref(),
                        approximate: e.approximate,
                        confidence: place(&Confidence::ALL, e.confidence),
                    })
                    .collect(),
                quotes: b
                    .quotes
                    .iter()
                    .map(|q| Quote {
                        actor: &q.actor,
                        text: Text::from(&q.text),
                        date: q.date.as_ref().map(Date::from),
                        context: text(&q.context),
                        source: q.source.as_deref(),
                        paraphrase: q.paraphrase,
                    })
                    .collect(),
                implications: b
                    .implications
                    .iter()
                    .map(|i| Implication {
                        title: Text::from(&i.title),
                        detail: text(&i.detail),
                        actors: strings(&i.actors),
                        priority: place(&Priority::ALL, i.priority),
                        confidence: place(&Confidence::ALL, i.confidence),
                    })
                    .collect(),
            }
        }
    }

    impl Briefing<'_> {
        /// The model's briefing (its path left empty), or none when a value kept is
        /// not one the model can hold.
        pub fn into_model(self) -> Option<model::Briefing> {
            let mut sources = Vec::with_capacity(self.sources.len());
            for s in self.sources {
                sources.push(model::Source {
                    id: model::Id::from(s.id),
                    title: s.title.into(),
                    publisher: model_text(s.publisher),
                    url: model_text(s.url),
                    date: date(s.date)?,
                });
            }
            let actor_ids = Ids(self.actors.iter().map(|a| model::Id::from(a.id)).collect());
            let source_ids = Ids(sources.iter().map(|s| s.id.clone()).collect());
            let mut actors = Vec::with_capacity(self.actors.len());
            for (a, id) in self.actors.into_iter().zip(&actor_ids.0) {
                actors.push(model::Actor {
                    id: id.clone(),
                    name: a.name.into(),
                    kind: unplace(&ActorKind::ALL, a.kind)?,
                    role: model_text(a.role),
                    affiliation: actor_ids.opt(a.affiliation),
                    aliases: model_texts(a.aliases).into(),
                    description: model_text(a.description),
                });
            }
            let mut timeline = Vec::with_capacity(self.timeline.len());
            for e in self.timeline {
                timeline.push(model::TimelineEntry {
                    date: e.date.into_model()?,
                    title: e.title.into(),
                    detail: model_text(e.detail),
                    actors: actor_ids.list(e.actors),
                    source: source_ids.opt(e.source),
                    approximate: e.approximate,
                    confidence: unplace(&Confidence::ALL, e.confidence)?,
                });
            }
            let mut quotes = Vec::with_capacity(self.quotes.len());
            for q in self.quotes {
                quotes.push(model::Quote {
                    actor: actor_ids.of(q.actor),
                    text: q.text.into(),
                    date: date(q.date)?,
                    context: model_text(q.context),
                    source: source_ids.opt(q.source),
                    paraphrase: q.paraphrase,
                });
            }
            let mut implications = Vec::with_capacity(self.implications.len());
            for i in self.implications {
                implications.push(model::Implication {
                    title: i.title.into(),
                    detail: model_text(i.detail),
                    actors: actor_ids.list(i.actors),
                    priority: unplace(&Priority::ALL, i.priority)?,
                    confidence: unplace(&Confidence::ALL, i.confidence)?,
                });
            }
            let mut b = model::Briefing {
                briefing: self.briefing,
                id: self.id.to_string(),
                title: self.title.into(),
                date: self.date.into_model()?,
                summary: model_text(self.summary),
                classification: model_text(self.classification),
                tags: model_texts(self.tags),
                sources,
                event: model::Event {
                    title: self.event.title.into(),
                    date: self.event.date.into_model()?,
                    location: model_text(self.event.location),
                    description: model_text(self.event.description),
                },
                actors,
                timeline,
                quotes,
                implications,
                path: std::path::PathBuf::new(),
            };
            b.pack_texts();
            Some(b)
        }
    }
}
