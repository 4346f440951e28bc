//! The terminal: set up, one loop (draw, read one event, update), and hand back in a
//! usable state on every way out: `q`, a panic, SIGTERM/SIGHUP/SIGQUIT/SIGINT, a
//! terminal that hangs up, and `Ctrl-z`.

use std::io::{self, IsTerminal, Write};
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use crate::app::Effect;
use crate::app::Mode;
use crate::app::{Action, App, Progress};
use crate::cache::{Cache, Fill};
use crate::keymap::Keymap;
use crate::library::{ActorIndex, Arrival, FailedFile, Roster};
use crate::load::{self, LoadOptions, Stamp};
use crate::state::{LibraryState, StateError, Store};
use crate::ui::{Drawing, Theme};
use crate::watch::{Batch, Stamps};

/// Files read in the background, delivered in file order.
pub enum Delivery {
    /// How many files (and unreadable paths) were found.
    Found(usize),
    /// A briefing, with its fingerprints and roster. Boxed: it is large.
    Briefing(Box<Arrival>),
    /// A file or path that could not be read, or was passed over with a warning.
    Failed(Vec<load::Diagnostic>),
    /// After the last file: the briefings parsed, to be kept in the cache once the
    /// reader has them all (see [`Fill`]).
    Fill(Fill),
}

impl Delivery {
    fn of(loaded: Result<Arrival, Vec<load::Diagnostic>>) -> Delivery {
        match loaded {
            Ok(a) => Delivery::Briefing(Box::new(a)),
            Err(problems) => Delivery::Failed(problems),
        }
    }
}

/// How much larger the library must have grown, while files still arrive, before its
/// actors are grouped again.
const GROWTH: usize = 4;

/// Groups the library's actors on a thread of its own, so that a library whose
/// actors take long to group never keeps the reader from its keys: rosters of new
/// briefings go in (with whether they are the last), and a grouping of all received
/// so far comes out. Each grouping goes through every roster again, so while files
/// still arrive the next waits until there are [`GROWTH`] times as many: the
/// groupings made while loading together cost a third of the last one, not one per
/// batch, and take little from the cores that parse.
fn group_in_background() -> (mpsc::Sender<(Vec<Roster>, bool)>, Receiver<ActorIndex>) {
    let (to_group, rosters) = mpsc::channel::<(Vec<Roster>, bool)>();
    let (done, groupings) = mpsc::channel();
    std::thread::spawn(move || {
        yield_to_loading();
        let mut all: Vec<Roster> = Vec::new();
        let mut grouped = 0;
        while let Ok((batch, mut last)) = rosters.recv() {
            all.extend(batch);
            while let Ok((more, end)) = rosters.try_recv() {
                all.extend(more);
                last |= end;
            }
            if !last && grouped > 0 && all.len() < GROWTH * grouped {
                continue;
            }
            grouped = all.len();
            // A failure here leaves the last grouping in place.
            let Ok(index) = crate::crash::catching(|| crate::library::grouping::group(&all)) else {
                continue;
            };
            if done.send(index).is_err() {
                return;
            }
        }
    });
    (to_group, groupings)
}

/// Lowers the calling thread's priority (Linux: each thread has its own), so that
/// while files load, grouping takes only what the loading threads leave of the
/// cores; once they are done it has them all.
fn yield_to_loading() {
    #[cfg(target_os = "linux")]
    // SAFETY: changes only the scheduling priority of this thread; a failure leaves
    // it as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 10);
    }
}

/// Finds and loads files on every core, sending each outcome in file order so the
/// library is the same whatever the timing; through `cache` when there is one, whose
/// filling is sent after the last file (the reader keeps the briefings parsed while it
/// waits for keys). Then `follow` gets each file read, with its stamp from before the
/// reading, for the watcher to take up from.
pub fn load_in_background(
    paths: Vec<PathBuf>,
    opts: LoadOptions,
    cache: Option<Cache>,
    follow: Option<Sender<Stamps>>,
) -> Receiver<Delivery> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // Each file read (by its number), with its stamp from before the reading, for
        // the watcher to take up from once everything is loaded.
        let mut stamps: Vec<(usize, Stamp)> = Vec::new();
        let found = match load::find(&paths) {
            Ok(f) => f,
            Err(e) => {
                let _ = tx.send(Delivery::Found(1));
                let d = load::Diagnostic {
                    path: e.path().to_path_buf(),
                    line: 1,
                    column: 1,
                    severity: load::Severity::Error,
                    message: e.reason(),
                    excerpt: None,
                };
                let _ = tx.send(Delivery::Failed(vec![d]));
                if let Some(follow) = follow {
                    let _ = follow.send(Stamps::new());
                }
                return;
            }
        };
        let mut files = found.files;
        if tx
            .send(Delivery::Found(files.len() + found.problems.len()))
            .is_err()
        {
            return;
        }
        // Paths that could not be read, and those passed over with a warning, first:
        // the library keeps each where it belongs.
        for problem in found.problems {
            if tx.send(Delivery::Failed(vec![problem])).is_err() {
                return;
            }
        }
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0;
        let mut gone = false;
        // Each briefing's fingerprints and roster are worked out here, on the core that
        // loaded it, not on the thread that reads keys.
        crate::cache::arrive_parallel(&files, &opts, cache.as_ref(), |i, (loaded, stamp)| {
            if let Some(stamp) = stamp.filter(|_| follow.is_some()) {
                stamps.push((i, stamp));
            }
            pending.insert(i, loaded);
            while !gone && let Some(l) = pending.remove(&next) {
                next += 1;
                gone = tx.send(Delivery::of(l)).is_err();
            }
        });
        // Only hashing and parsing held the files up: keeping them comes after, on
        // the reader's thread while it waits, and a thread that writes.
        if let Some(fill) = cache.filter(|_| !gone).and_then(Cache::fill) {
            let _ = tx.send(Delivery::Fill(fill));
        }
        // The library is whole once the sender is gone.
        drop(tx);
        if let Some(follow) = follow.filter(|_| !gone) {
            let stamps = stamps
                .into_iter()
                .map(|(i, stamp)| (std::mem::take(&mut files[i]), stamp))
                .collect();
            let _ = follow.send(stamps);
        }
    });
    rx
}

/// What keeps the reader up to date while it is open, and remembers it after.
#[derive(Default)]
pub struct Keeping {
    /// Files changed on disk (see [`crate::watch`]).
    pub changes: Option<Receiver<Batch>>,
    /// Where the reading state is kept, and the key of this library in it.
    pub store: Option<(Store, Vec<PathBuf>)>,
    /// What the state kept of this library, being read: taken in before any file
    /// loaded is, so that what is new is told against it.
    pub saved: Option<Receiver<Result<Option<LibraryState>, StateError>>>,
}

/// How often, at most, what arrived is handed over to the reader while files load.
const HAND_OVER: Duration = Duration::from_millis(150);

/// Briefings searched between looks for a key: a small part of a frame.
const SEARCH_STEP: usize = 32;
/// How long the briefings parsed are encoded for the cache between looks for a key.
const FILL_STEP: Duration = Duration::from_millis(2);
/// How long, at most, quitting waits for the cache to seal what was encoded.
const FILL_SEAL_ON_QUIT: Duration = Duration::from_millis(100);
/// How long the search runs before what it found is shown (showing it makes the
/// lists again, which takes a while itself on a large library).
const SEARCH_SLICE: Duration = Duration::from_millis(100);

/// How often time passes for the reader (an item rested on is read after a few).
const TICK: Duration = Duration::from_millis(250);
/// How often the reading state is saved while something happens, besides on the way out.
const SAVE_EVERY: Duration = Duration::from_secs(30);
/// How long no key must have come before such a save.
const SAVE_AT_REST: Duration = Duration::from_secs(2);

/// What the reader keeps of this library, ready to save; `None` when nothing is to be
/// saved (`--fresh`, or a first visit whose first load has not finished).
fn keepsake(app: &App, store: &Option<(Store, Vec<PathBuf>)>) -> Option<(Store, LibraryState)> {
    // Without a store (`--fresh`) nothing is made: the keepsake formats every fingerprint.
    let (store, key) = store.as_ref()?;
    let mut kept = app.keepsake()?;
    kept.paths = key.clone();
    Some((store.clone(), kept))
}

/// Saves what the reader keeps of this library.
fn save(app: &App, store: &Option<(Store, Vec<PathBuf>)>) -> Result<(), StateError> {
    match keepsake(app, store) {
        Some((store, kept)) => store.save(kept),
        None => Ok(()),
    }
}

/// Saves the reading state on a thread of its own while the reader is open: the state
/// file holds every library's fingerprints (megabytes for a large library) and is read,
/// merged and written again each time, which must not hold up a key.
struct Saver {
    to_save: Option<Sender<(Store, LibraryState)>>,
    failures: Receiver<StateError>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Saver {
    fn start() -> Saver {
        let (to_save, states) = mpsc::channel::<(Store, LibraryState)>();
        let (failed, failures) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("brief save".to_string())
            .spawn(move || {
                while let Ok(mut next) = states.recv() {
                    // Only the newest counts.
                    while let Ok(newer) = states.try_recv() {
                        next = newer;
                    }
                    let (store, kept) = next;
                    if let Err(e) = store.save(kept)
                        && failed.send(e).is_err()
                    {
                        return;
                    }
                }
            })
            .ok();
        Saver {
            to_save: thread.as_ref().map(|_| to_save),
            failures,
            thread,
        }
    }

    /// Saves in the background, or here when there is no thread to save on.
    fn save(&self, app: &App, store: &Option<(Store, Vec<PathBuf>)>) -> Result<(), StateError> {
        let Some((store, kept)) = keepsake(app, store) else {
            return Ok(());
        };
        match &self.to_save {
            Some(tx) => match tx.send((store, kept)) {
                Ok(()) => Ok(()),
                Err(mpsc::SendError((store, kept))) => store.save(kept),
            },
            None => store.save(kept),
        }
    }
}

impl Drop for Saver {
    /// Waits for a save under way, so that the last save (on the way out) comes last.
    fn drop(&mut self) {
        self.to_save = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// How the reader ended, as an exit status.
pub enum Exit {
    Quit,
    Signal(i32),
}

/// Signals received and not yet acted on.
#[derive(Default)]
struct Signals {
    /// The last signal asking the reader to end, or 0.
    stop: Arc<AtomicUsize>,
    /// SIGTSTP from outside (`Ctrl-z` itself arrives as a key in raw mode).
    suspend: Arc<AtomicBool>,
}

/// What comes of the first load: the files as they are read, then the briefings
/// parsed, to be kept in the cache.
struct FirstLoad {
    files: Option<Receiver<Delivery>>,
    fill: Option<Fill>,
}

/// What the user chose to read with: the keys in force and the theme.
pub struct Look {
    pub keys: Keymap,
    pub theme: Theme,
}

/// Runs the reader until the user quits or a signal asks it to stop.
pub fn run(
    mut app: App,
    loads: Option<Receiver<Delivery>>,
    mouse: bool,
    look: &Look,
    keeping: Keeping,
) -> io::Result<Exit> {
    // Separate flags, so that a stop request arriving after a termination cannot
    // overwrite it: the loop looks at the termination first.
    let signals = Signals::default();
    // In raw mode Ctrl-c is a key, but SIGINT can still come from another process.
    for sig in [SIGTERM, SIGHUP, SIGQUIT, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signals.stop), sig as usize)?;
    }
    signal_hook::flag::register(SIGTSTP, Arc::clone(&signals.suspend))?;
    let mut terminal = setup(mouse)?;
    exit_on_hangup();
    let mut first = FirstLoad {
        files: loads,
        fill: None,
    };
    let result = event_loop(
        &mut terminal,
        &mut app,
        &mut first,
        mouse,
        look,
        &signals,
        &keeping,
    );
    let mut fill = first.fill;
    // The cache seals what was encoded while the terminal is handed back and the state
    // saved; quitting waits for it only a moment (see `cache`).
    let quit = std::time::Instant::now();
    if let Some(fill) = &mut fill {
        fill.stop();
    }
    teardown(&mut terminal, mouse);
    // Said on the terminal given back: the reader itself is done.
    if let Err(e) = save(&app, &keeping.store) {
        eprintln!("brief: {e}");
    }
    if let Some(fill) = fill {
        fill.wait_until(quit + FILL_SEAL_ON_QUIT);
    }
    // The process ends next, and gives its memory back whole: taking a large library
    // apart piece by piece first would only keep the shell waiting.
    std::mem::forget(app);
    result
}

/// Takes over the terminal: raw mode, the alternate screen, the mouse if asked. A
/// panic on this thread hands the terminal back before its (cleaned) message is
/// printed; a panic on another thread (a file being loaded) leaves the terminal
/// alone, since the reader goes on, and the file is reported as failed instead.
///
/// The panic hook is [`crate::crash`]'s, installed before any thread starts; this only
/// tells it how to hand the terminal back. (ratatui's own `init` would install a hook
/// of its own that restores the terminal on a panic of any thread.)
pub fn setup(mouse: bool) -> io::Result<DefaultTerminal> {
    take(mouse)?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))
}

/// Raw mode, the alternate screen and the mouse, with the panic hook told how to hand
/// them back.
fn take(mouse: bool) -> io::Result<()> {
    crate::crash::install();
    enable_raw_mode()?;
    crate::crash::on_panic_restore(move || {
        if mouse {
            let _ = execute!(io::stdout(), DisableMouseCapture);
        }
        // Every frame hides the cursor; ratatui's restore does not show it again.
        let _ = execute!(io::stdout(), ratatui::crossterm::cursor::Show);
        ratatui::restore();
    });
    execute!(io::stdout(), EnterAlternateScreen)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Ends the reader when its terminal hangs up (the window is closed, the connection
/// drops). crossterm's reader takes the EOF and EIO of a terminal that is gone for
/// "try again" and spins, so `event::poll` never returns and the loop never sees the
/// SIGHUP. A thread that only waits for the hangup, reading nothing, ends the process
/// instead, with the status a SIGHUP gives; there is no terminal left to restore.
fn exit_on_hangup() {
    let fd = if io::stdin().is_terminal() {
        io::stdin().as_raw_fd()
    } else {
        io::stdout().as_raw_fd()
    };
    std::thread::spawn(move || {
        loop {
            let mut watched = libc::pollfd {
                fd,
                events: 0,
                revents: 0,
            };
            // SAFETY: one valid pollfd, on a standard stream that stays open as long as
            // the process. With no events asked, only a hangup or an error wakes it.
            let ready = unsafe { libc::poll(&mut watched, 1, -1) };
            if ready > 0 {
                if watched.revents & (libc::POLLHUP | libc::POLLERR) != 0 {
                    // SAFETY: ends the process at once; other threads are not touched,
                    // and nothing buffered can reach a terminal that is gone anyway.
                    unsafe { libc::_exit(128 + SIGHUP) };
                }
                // Anything else (a descriptor that is not valid) cannot be watched.
                return;
            }
            if ready < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                return;
            }
        }
    });
}

/// Hands the terminal back: mouse, raw mode, alternate screen, and the cursor, which
/// every frame hides (left to the terminal's drop it would stay hidden on `Ctrl-z`).
fn teardown(terminal: &mut DefaultTerminal, mouse: bool) {
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    let _ = terminal.show_cursor();
    let _ = io::stdout().flush();
    crate::crash::release_terminal();
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    first: &mut FirstLoad,
    mouse: bool,
    look: &Look,
    signals: &Signals,
    keeping: &Keeping,
) -> io::Result<Exit> {
    let FirstLoad { files: loads, fill } = first;
    // Dropped on the way out, waiting for a save under way: the last save comes after.
    let saver = Saver::start();
    app.stream_search(true);
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut found = 0;
    let mut done = 0;
    let mut arrived: Vec<Arrival> = Vec::new();
    let (to_group, groupings) = group_in_background();
    // Rosters sent to be grouped whose grouping has not come back yet.
    let mut grouping = false;
    let mut failed: Vec<FailedFile> = Vec::new();
    let mut handed_over = std::time::Instant::now();
    let mut hand_over_took = Duration::ZERO;
    let mut dirty = true;
    let mut ticked = std::time::Instant::now();
    let mut saved = std::time::Instant::now();
    let mut unsaved = false;
    let mut save_failed = false;
    let mut last_key = std::time::Instant::now();
    let mut failures: Vec<StateError> = Vec::new();
    let mut state_read = keeping.saved.as_ref();
    let mut shown_found = std::time::Instant::now();
    loop {
        if dirty {
            let drawing = Drawing {
                app,
                theme: &look.theme,
                keys: &look.keys,
            };
            terminal.draw(|frame| frame.render_widget(drawing, frame.area()))?;
            dirty = false;
        }
        // Wake often while files arrive or are grouped, less often while files are
        // followed, rarely otherwise (signals are checked too).
        let searching = app.search_progress().is_some();
        // Briefings parsed are kept once the library is whole.
        let filling = loads.is_none() && fill.as_ref().is_some_and(Fill::is_encoding);
        let wait = if searching || filling {
            0
        } else if loads.is_some() || grouping {
            30
        } else if keeping.changes.is_some() {
            100
        } else {
            250
        };
        if event::poll(Duration::from_millis(wait))? {
            // A hangup does not come back here as an error: see `exit_on_hangup`.
            let ev = event::read()?;
            if let Some(action) = to_action(app, &look.keys, &ev) {
                if action == Action::Suspend {
                    suspend(terminal, app, mouse)?;
                } else {
                    app.update(action);
                }
                if let Some(effect) = app.take_effect() {
                    carry_out(terminal, app, effect);
                }
                dirty = true;
                unsaved = true;
                last_key = std::time::Instant::now();
            }
        }
        // The search goes on between keys, a few briefings at a time, giving way at
        // once to a key (which may start it again); what it found is shown a few
        // times a second, with how far it has gone.
        // Not before the frame that answers a key is drawn (the next turn of the loop).
        if !dirty && app.search_progress().is_some() && !event::poll(Duration::ZERO)? {
            let until = std::time::Instant::now() + SEARCH_SLICE;
            let mut key_waits = false;
            while app.search_further(SEARCH_STEP) && std::time::Instant::now() < until {
                if event::poll(Duration::ZERO)? {
                    key_waits = true;
                    break;
                }
            }
            // A key that waits comes first, unless what was found has not been shown
            // for a while (keys held down must not hide it for good).
            if !key_waits || shown_found.elapsed() >= SEARCH_SLICE * 3 {
                app.show_found();
                shown_found = std::time::Instant::now();
                dirty = true;
            }
        }
        // Then, with no search going on, the briefings parsed are encoded for the
        // cache, a step at a time between looks for a key.
        if filling
            && !dirty
            && app.search_progress().is_none()
            && !event::poll(Duration::ZERO)?
            && let Some(f) = fill.as_mut()
        {
            f.step(app.library(), FILL_STEP);
        }
        if ticked.elapsed() >= TICK {
            ticked = std::time::Instant::now();
            let before = app.news().totals();
            app.update(Action::Tick);
            dirty |= app.news().totals() != before;
        }
        // Changes on disk wait for the first load and its grouping of actors (which
        // numbers briefings as they were), and for a picker to close (its choices are
        // numbered by the library as it was).
        if let Some(rx) = &keeping.changes
            && loads.is_none()
            && !grouping
            && app.mode() != Mode::Picker
        {
            while let Ok(batch) = rx.try_recv() {
                if let Some(stopped) = batch.stopped {
                    app.tell(stopped.to_string());
                }
                if !batch.loaded.is_empty() || !batch.removed.is_empty() {
                    // What was parsed from these files is no longer what they hold.
                    if let Some(f) = fill.as_mut() {
                        let loaded = batch.loaded.iter().map(|(p, _)| p.as_path());
                        f.forget(loaded.chain(batch.removed.iter().map(PathBuf::as_path)));
                    }
                    app.reload(batch.loaded, batch.removed);
                }
                dirty = true;
                unsaved = true;
            }
        }
        // Saved while the reader rests: making what is saved takes a moment in a large
        // library, and a key pressed meanwhile would wait for it.
        if unsaved && saved.elapsed() >= SAVE_EVERY && last_key.elapsed() >= SAVE_AT_REST {
            saved = std::time::Instant::now();
            unsaved = false;
            if let Err(e) = saver.save(app, &keeping.store) {
                failures.push(e);
            }
        }
        failures.extend(saver.failures.try_iter());
        if let Some(e) = failures.pop()
            && !save_failed
        {
            // Said once; the reader goes on, and tries again on the way out.
            save_failed = true;
            app.tell(e.to_string());
            dirty = true;
        }
        // What the state kept is taken in first; files that arrive meanwhile wait in
        // their channel (they go on loading), so each is told new or not against it.
        if let Some(rx) = state_read {
            match rx.try_recv() {
                Ok(kept) => {
                    match kept {
                        Ok(kept) => app.remember(kept),
                        Err(e) => app.tell(e.to_string()),
                    }
                    state_read = None;
                    dirty = true;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => state_read = None,
            }
        }
        if let Some(rx) = loads.as_ref().filter(|_| state_read.is_none()) {
            let mut finished = false;
            loop {
                match rx.try_recv() {
                    Ok(Delivery::Found(n)) => found = n,
                    Ok(Delivery::Fill(f)) => *fill = Some(f),
                    Ok(Delivery::Briefing(b)) => {
                        done += 1;
                        arrived.push(*b);
                    }
                    Ok(Delivery::Failed(problems)) => {
                        done += 1;
                        failed.push(FailedFile {
                            path: problems.first().map(|p| p.path.clone()).unwrap_or_default(),
                            problems,
                        });
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        finished = true;
                        break;
                    }
                }
            }
            // Hand over what arrived a few times a second: each hand-over lists the
            // library again, which need not happen for every file. A large library
            // takes longer to list, so the wait grows with what the last hand-over
            // took: the thread that reads keys spends at most a tenth of its time on
            // them, and leaves the rest of the cores to the loading.
            let wait = HAND_OVER.max(hand_over_took * 9);
            let due = handed_over.elapsed() >= wait || app.library().briefings.is_empty();
            if finished || (due && (!arrived.is_empty() || !failed.is_empty())) {
                let waited = handed_over.elapsed();
                let total = if finished { done } else { found.max(done) };
                let rosters = app.receive_arrivals(
                    std::mem::take(&mut arrived),
                    std::mem::take(&mut failed),
                    Progress { done, total },
                );
                if (finished || !rosters.is_empty()) && to_group.send((rosters, finished)).is_ok() {
                    grouping = true;
                }
                hand_over_took = handed_over.elapsed().saturating_sub(waited);
                handed_over = std::time::Instant::now();
                dirty = true;
            }
            if finished {
                *loads = None;
            }
        }
        // Only the newest grouping counts; older ones cover fewer briefings.
        if let Some(index) = groupings.try_iter().last() {
            app.receive_grouping(index);
            grouping = app.library().grouped() < app.library().briefings.len();
            dirty = true;
        }
        // A termination wins over a stop request; one that arrives while the reader
        // is stopped (`kill %1` sends SIGTERM, then SIGCONT) is seen on resuming.
        if signals.suspend.swap(false, Ordering::SeqCst) && signals.stop.load(Ordering::SeqCst) == 0
        {
            suspend(terminal, app, mouse)?;
            dirty = true;
        }
        match signals.stop.load(Ordering::SeqCst) {
            0 => {}
            s => return Ok(Exit::Signal(s as i32)),
        }
        if app.quit_requested() {
            return Ok(Exit::Quit);
        }
    }
}

/// `Ctrl-z`: give the terminal back, stop, and set it up again on `fg`.
///
/// The same `Terminal` is kept. It is resized rather than cleared, because `Terminal::clear` asks the
/// terminal where the cursor is and fails when no answer comes; resizing clears the
/// screen and makes the next frame a full redraw, at the size the terminal has now
/// (it may have changed while the reader was stopped, with no SIGWINCH to tell it).
fn suspend(terminal: &mut DefaultTerminal, app: &mut App, mouse: bool) -> io::Result<()> {
    teardown(terminal, mouse);
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
    // Execution continues here after SIGCONT.
    take(mouse)?;
    let size = terminal.size()?;
    terminal.resize(size.into())?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    Ok(())
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard: the
/// text cleaned first (so nothing in it can act on whatever it is pasted into), then
/// base64, ended by ST. It works over SSH, and inside tmux with `set-clipboard on`.
pub fn osc52(text: &str) -> String {
    use base64::Engine as _;
    let text = crate::text::clean_block(text);
    format!(
        "\x1b]52;c;{}\x1b\\",
        base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
    )
}

/// Does what the reader asked for ([`Effect`]) and says how it went in the status bar.
fn carry_out(terminal: &mut DefaultTerminal, app: &mut App, effect: Effect) {
    match effect {
        Effect::Copy(text) => {
            let out = terminal.backend_mut();
            let written = out
                .write_all(osc52(&text).as_bytes())
                .and_then(|_| out.flush());
            if let Err(e) = written {
                app.effect_done(format!("Could not copy: {}", load::io_reason(&e)));
            }
        }
        Effect::Open(url) => {
            // Checked again here, where it is handed over: only http and https.
            let opened = crate::app::openable(&url)
                .map_err(io::Error::other)
                .and_then(open::that_detached);
            app.effect_done(match opened {
                Ok(()) => format!("Handed to the browser: {url}"),
                Err(e) => format!("Could not open a browser: {}", load::io_reason(&e)),
            });
        }
        Effect::Export { stem, markdown } => {
            let written = std::env::current_dir()
                .and_then(|dir| crate::export::write_new(&dir, &stem, &markdown));
            app.effect_done(match written {
                Ok(path) => {
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                    format!(
                        "Exported to ./{}",
                        crate::text::clean_line(&name.unwrap_or_default())
                    )
                }
                Err(e) => format!("Could not export: {}", load::io_reason(&e)),
            });
        }
    }
}

fn to_action(app: &App, keys: &Keymap, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => keys.action(app.mode(), *key),
        Event::Resize(w, h) => Some(Action::Resize {
            width: *w,
            height: *h,
        }),
        Event::Mouse(m) if app.mouse() => match m.kind {
            MouseEventKind::Down(_) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp {
                x: m.column,
                y: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}
