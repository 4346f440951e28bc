//! Following the files on disk while the reader is open. The folders and files given
//! are watched (notify); once changes stop for a moment, a thread of its own lists the
//! briefing files again, reads those whose size, time or inode moved, and hands the
//! outcome over as one [`Batch`]. The loop that reads keys only takes it in.
//!
//! What changed is decided by looking at the files, not by trusting the events: an
//! editor's atomic save (a temporary file renamed over the briefing), a truncate then
//! write, a folder moved in or out, a lost event, all come down to "this file is not
//! as it was". A burst of changes (a `git pull` of a thousand files) is one batch: the
//! thread waits for the events to stop for a moment before it looks.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher};

use crate::load::{self, LoadOptions, Loaded, Stamp};

/// A batch is looked at once no event has come for this long...
const QUIET: Duration = Duration::from_millis(300);
/// ...or after this long of events that do not stop, so the screen still follows.
const AT_MOST: Duration = Duration::from_secs(3);

/// Files read again and files gone, from one look at the disk.
#[derive(Debug)]
pub struct Batch {
    /// Each changed or new file with its outcome, under the path the library uses.
    pub loaded: Vec<(PathBuf, Loaded)>,
    pub removed: Vec<PathBuf>,
    /// Why the files are no longer followed, in the last batch when they are not.
    pub stopped: Option<WatchError>,
}

/// Every briefing file under the roots now, as [`load::discover`] names them, with its
/// signature. A root that is gone has no files.
fn scan(roots: &[PathBuf]) -> BTreeMap<PathBuf, Stamp> {
    let mut files = Vec::new();
    for root in roots {
        if let Ok(found) = load::discover(std::slice::from_ref(root)) {
            files.extend(found);
        }
    }
    if roots.len() > 1 {
        // The same file under two roots is read once, as discover does for them all.
        let mut seen = HashSet::new();
        files.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    }
    files
        .into_iter()
        .filter_map(|p| Stamp::now(&p).map(|s| (p, s)))
        .collect()
}

/// Why the files cannot be followed, in words.
#[derive(Debug, thiserror::Error)]
#[error("changes to the files are not followed: {0}")]
pub struct WatchError(String);

/// Whether an event may mean a file changed. Reading a file is not a change: the
/// reader opens each file it finds changed (and anything else reading the library
/// opens files too, a backup, a grep), and each look at the disk goes over every
/// file again.
/// A file closed after writing is a change.
fn may_change(event: &notify::Result<notify::Event>) -> bool {
    match event {
        Ok(e) => match e.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        },
        // Events may have been lost: look again.
        Err(_) => true,
    }
}

/// The files the first load read, each with its stamp from before it was read.
pub type Stamps = Vec<(PathBuf, Stamp)>;

/// Following the files: the batches, and when the following began.
pub struct Following {
    /// Batches arrive here until it is dropped.
    pub batches: Receiver<Batch>,
    /// Says (or hangs up) once the folders are watched and the first look at them is
    /// done (its batch, if any, sent before): every change after that raises a batch.
    pub begun: Receiver<()>,
}

/// Starts following `roots` once the first load has read them: the loader sends what
/// it read, with each file's stamp, on `first`. Only then are the folders watched and
/// looked at, so that the first load's own reading raises no events and nothing waits
/// for the look; what changed between a file's reading and that look (a file written,
/// added or removed meanwhile) has another stamp than the one read, and arrives as the
/// first batch. The thread ends when `first` hangs up without sending.
pub fn start(
    roots: Vec<PathBuf>,
    opts: LoadOptions,
    first: Receiver<Stamps>,
) -> Result<Following, WatchError> {
    let (events_tx, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        if may_change(&event) {
            let _ = events_tx.send(());
        }
    })
    .map_err(|e| WatchError(e.to_string()))?;
    // What to watch for each root. A file is followed through its folder: an atomic
    // save puts a new file in its place, which a watch on the old one would never see.
    let mut to_watch = Vec::new();
    for root in &roots {
        let meta = std::fs::metadata(root).map_err(|e| WatchError(e.to_string()))?;
        to_watch.push(if meta.is_dir() {
            (root.clone(), RecursiveMode::Recursive)
        } else {
            let parent = root
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            (parent.to_path_buf(), RecursiveMode::NonRecursive)
        });
    }
    let (tx, rx) = mpsc::channel();
    let (begun_tx, begun) = mpsc::channel();
    std::thread::Builder::new()
        .name("brief watch".to_string())
        .spawn(move || {
            let Ok(read) = first.recv() else { return };
            for (watched, mode) in &to_watch {
                if let Err(e) = watcher.watch(watched, *mode) {
                    let shown =
                        crate::text::clean_line(&watched.display().to_string()).into_owned();
                    let _ = tx.send(Batch {
                        loaded: Vec::new(),
                        removed: Vec::new(),
                        stopped: Some(WatchError(format!("{shown}: {e}"))),
                    });
                    return;
                }
            }
            // Events stop when the watcher is dropped: it lives as long as this thread.
            let _watcher = watcher;
            let mut known: BTreeMap<PathBuf, Stamp> = read.into_iter().collect();
            // What changed since each file was read, before the watch began.
            if !look(&roots, &opts, &mut known, &tx) {
                return;
            }
            let _ = begun_tx.send(());
            // Any event that may mean a change (an error too) means look again, once
            // they stop for a moment.
            while events.recv().is_ok() {
                let first = Instant::now();
                loop {
                    match events.recv_timeout(QUIET) {
                        Ok(_) if first.elapsed() < AT_MOST => continue,
                        Ok(_) | Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                if !look(&roots, &opts, &mut known, &tx) {
                    return;
                }
            }
        })
        .map_err(|e| WatchError(e.to_string()))?;
    Ok(Following { batches: rx, begun })
}

/// Looks at the files, reads those not as `known` has them and hands them over as one
/// batch with the files gone; `known` becomes what was looked at. False once no one
/// takes batches any more.
fn look(
    roots: &[PathBuf],
    opts: &LoadOptions,
    known: &mut BTreeMap<PathBuf, Stamp>,
    tx: &mpsc::Sender<Batch>,
) -> bool {
    let now = scan(roots);
    let changed: Vec<PathBuf> = now
        .iter()
        .filter(|(p, s)| known.get(*p) != Some(s))
        .map(|(p, _)| p.clone())
        .collect();
    let removed: Vec<PathBuf> = known
        .keys()
        .filter(|p| !now.contains_key(*p))
        .cloned()
        .collect();
    *known = now;
    if changed.is_empty() && removed.is_empty() {
        return true;
    }
    let mut loaded: Vec<Option<Loaded>> = (0..changed.len()).map(|_| None).collect();
    load::load_parallel(&changed, opts, |i, l| loaded[i] = Some(l));
    let loaded = changed
        .into_iter()
        .zip(loaded)
        .filter_map(|(p, l)| l.map(|l| (p, l)))
        .collect();
    let batch = Batch {
        loaded,
        removed,
        stopped: None,
    };
    tx.send(batch).is_ok()
}
