//! Runs the real `brief` binary in a pseudo-terminal: keys go in, the raw bytes it
//! writes are kept, and a `vt100` screen shows what a user would see.
//!
//! Every wait polls against a generous deadline instead of sleeping a fixed time, and
//! the child is killed when a `Session` is dropped, so a failing test never leaves a
//! reader running.

#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any one wait may take before the test fails. Generous: the machine may be
/// busy building or running other tests.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// What the reader switches to and back from, and the cursor it hides and shows.
pub const ENTER_ALT: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
pub const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
pub const CLEAR_ALL: &[u8] = b"\x1b[2J";

/// The six panes of the reader, by the names on their borders.
pub const PANES: [&str; 6] = [
    "Briefings",
    "Overview",
    "Actors",
    "Timeline",
    "Quotes",
    "Implications",
];

/// One run of the reader in its own pseudo-terminal.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    pid: i32,
    master: Option<Box<dyn MasterPty + Send>>,
    input: Option<File>,
    output: Arc<Mutex<Vec<u8>>>,
    eof: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    pump: Option<JoinHandle<()>>,
    parser: vt100::Parser,
    parsed: usize,
    status: Option<ExitStatus>,
    /// The reader's state folder when the test gave none: its own, never the real home's.
    _state: Option<tempfile::TempDir>,
    /// Likewise its cache folder.
    _cache: Option<tempfile::TempDir>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap()
}

/// A second descriptor for the pty's master side, owned by the caller.
fn dup(fd: i32) -> File {
    // SAFETY: `fd` is an open descriptor; `dup` returns a new one (checked) that the
    // `File` then owns and closes.
    let new = unsafe { libc::dup(fd) };
    assert!(new >= 0, "dup: {}", std::io::Error::last_os_error());
    unsafe { File::from_raw_fd(new) }
}

impl Session {
    /// Starts `brief ARGS...` in a `cols` x `rows` terminal, from the crate's folder so
    /// that relative paths such as `briefings/` are stable.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args);
        Session::spawn(cmd, &[], cols, rows)
    }

    /// Starts `brief ARGS...` from the folder `dir`, with extra environment variables.
    pub fn start_in(
        dir: &std::path::Path,
        args: &[&str],
        env: &[(&str, &std::path::Path)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args);
        cmd.cwd(dir);
        // Applied last, so that they win over the folders a session sets by default.
        let env: Vec<(&str, &str)> = env
            .iter()
            .map(|(k, v)| (*k, v.to_str().expect("a UTF-8 path")))
            .collect();
        Session::spawn(cmd, &env, cols, rows)
    }

    /// Runs `sh -c SCRIPT` in the terminal, with `$BRIEF` the binary: for what only a
    /// shell sets up, such as other standard streams. The script should `exec` brief.
    pub fn start_sh(script: &str, cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script]);
        cmd.env("BRIEF", env!("CARGO_BIN_EXE_brief"));
        Session::spawn(cmd, &[], cols, rows)
    }

    /// Runs any program in the terminal, with extra environment variables.
    pub fn start_program(
        program: &std::path::Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        Session::spawn(cmd, env, cols, rows)
    }

    /// Starts `brief ARGS...` with extra environment variables (`NO_COLOR`, ...).
    pub fn start_env(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args);
        Session::spawn(cmd, env, cols, rows)
    }

    fn spawn(mut cmd: CommandBuilder, env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pseudo-terminal");
        if cmd.get_cwd().is_none() {
            cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        }
        cmd.env("TERM", "xterm-256color");
        // What the reader remembers goes to a folder of this session's own, unless
        // the test chose one: tests never read or write the real home's state.
        let state = if cmd.get_env("XDG_STATE_HOME").is_none() {
            let dir = tempfile::tempdir().expect("a state folder");
            cmd.env("XDG_STATE_HOME", dir.path());
            Some(dir)
        } else {
            None
        };
        // Likewise the cache of briefings read.
        let cache = if cmd.get_env("XDG_CACHE_HOME").is_none() {
            let dir = tempfile::tempdir().expect("a cache folder");
            cmd.env("XDG_CACHE_HOME", dir.path());
            Some(dir)
        } else {
            None
        };
        for var in ["COLUMNS", "LINES", "NO_COLOR", "TMUX", "STY"] {
            cmd.env_remove(var);
        }
        // The user's own configuration stays out of the tests.
        cmd.env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/brief-tests-no-config"),
        );
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("start brief");
        // Only the child may hold the terminal side, so that reading the master side
        // ends when the child does.
        drop(pair.slave);
        let pid = child.process_id().expect("child pid") as i32;
        let fd = pair.master.as_raw_fd().expect("master fd");
        let input = dup(fd);
        let reader = dup(fd);
        let output = Arc::new(Mutex::new(Vec::new()));
        let eof = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let pump = {
            let (output, eof, stop) = (output.clone(), eof.clone(), stop.clone());
            std::thread::spawn(move || pump(reader, &output, &eof, &stop))
        };
        Session {
            child,
            pid,
            master: Some(pair.master),
            input: Some(input),
            output,
            eof,
            stop,
            pump: Some(pump),
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            parsed: 0,
            status: None,
            _state: state,
            _cache: cache,
        }
    }

    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// Types `bytes` as if on the keyboard.
    pub fn send(&mut self, bytes: &[u8]) {
        let input = self.input.as_mut().expect("terminal still open");
        input.write_all(bytes).expect("write to the pty");
        input.flush().expect("flush the pty");
    }

    /// Types one key and waits until the screen shows what `ready` expects.
    pub fn key(&mut self, bytes: &[u8], what: &str, ready: impl Fn(&str) -> bool) -> String {
        self.send(bytes);
        self.wait_for(what, ready)
    }

    /// Sends a signal to the reader.
    pub fn signal(&self, sig: i32) {
        // SAFETY: plain kill(2) on our own child's pid.
        let r = unsafe { libc::kill(self.pid, sig) };
        assert_eq!(r, 0, "kill: {}", std::io::Error::last_os_error());
    }

    /// Everything the reader has written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// The screen as text, one line per row, after everything written so far.
    pub fn screen(&mut self) -> String {
        let out = self.output.lock().unwrap();
        if out.len() > self.parsed {
            self.parser.process(&out[self.parsed..]);
            self.parsed = out.len();
        }
        drop(out);
        self.parser.screen().contents()
    }

    /// The emulated screen after everything written so far, for cells' attributes.
    pub fn vt_screen(&mut self) -> &vt100::Screen {
        self.screen();
        self.parser.screen()
    }

    /// Resizes the terminal (the child gets SIGWINCH) and the model screen with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.screen();
        self.master
            .as_ref()
            .expect("terminal still open")
            .resize(size(cols, rows))
            .expect("resize the pty");
        self.parser.set_size(nonzero(rows), nonzero(cols));
    }

    /// Polls until the screen satisfies `ready`; fails with the screen shown otherwise.
    pub fn wait_for(&mut self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                self.status = Some(status.clone());
                // Take what it wrote last before judging.
                self.wait_eof();
                let screen = self.screen();
                if ready(&screen) {
                    return screen;
                }
                panic!("brief exited ({status}) while waiting for {what}; screen:\n{screen}");
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the screen to contain `text`.
    pub fn wait_text(&mut self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Waits for the raw output to satisfy `ready` (for bytes the screen hides).
    pub fn wait_raw(&mut self, what: &str, ready: impl Fn(&[u8]) -> bool) {
        let start = Instant::now();
        while !ready(&self.output.lock().unwrap()) {
            if start.elapsed() > DEADLINE {
                let raw = self.raw();
                panic!("timed out waiting for {what}; output ends {}", show(&raw));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the reader to exit and for everything it wrote to be read.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        while self.status.is_none() {
            if let Some(status) = self.child.try_wait().expect("wait for brief") {
                self.status = Some(status);
                break;
            }
            if start.elapsed() > DEADLINE {
                let screen = self.screen();
                panic!("brief did not exit; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.wait_eof();
        self.screen();
        self.status.clone().unwrap()
    }

    /// Whether the reader is still running (not exited; stopped counts as running).
    pub fn alive(&mut self) -> bool {
        if self.status.is_some() {
            return false;
        }
        match self.child.try_wait() {
            Ok(Some(status)) => {
                self.status = Some(status);
                false
            }
            _ => true,
        }
    }

    /// The process state letter from `/proc/PID/stat` (`S` sleeping, `T` stopped...).
    #[cfg(target_os = "linux")]
    pub fn state(&self) -> Option<char> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).ok()?;
        // The command name may hold spaces and parentheses: the state follows the last `)`.
        let rest = &stat[stat.rfind(')')? + 1..];
        rest.trim_start().chars().next()
    }

    /// Polls until the process state is `want`.
    #[cfg(target_os = "linux")]
    pub fn wait_state(&mut self, want: char) {
        let start = Instant::now();
        loop {
            let state = self.state();
            if state == Some(want) {
                return;
            }
            if start.elapsed() > DEADLINE {
                let screen = self.screen();
                panic!("process state is {state:?}, not {want:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Closes the master side, as a terminal emulator does when its window is closed:
    /// the reader's terminal hangs up. Nothing more can be sent or read after this.
    pub fn hang_up(&mut self) {
        self.stop_pump();
        self.input = None;
        self.master = None;
    }

    fn wait_eof(&mut self) {
        let start = Instant::now();
        while !self.eof.load(Ordering::SeqCst) && self.pump.is_some() {
            if start.elapsed() > DEADLINE {
                panic!("the terminal did not close after brief exited");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn stop_pump(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(pump) = self.pump.take() {
            let _ = pump.join();
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.status.is_none() && !matches!(self.child.try_wait(), Ok(Some(_))) {
            // SAFETY: kill(2) on our own child; SIGKILL works even on a stopped process.
            unsafe { libc::kill(self.pid, libc::SIGKILL) };
            let _ = self.child.wait();
        }
        self.stop_pump();
    }
}

/// Copies what the child writes into `output` until the terminal closes or `stop`.
fn pump(mut reader: File, output: &Mutex<Vec<u8>>, eof: &AtomicBool, stop: &AtomicBool) {
    let mut buf = [0u8; 16 * 1024];
    while !stop.load(Ordering::SeqCst) {
        let mut pfd = libc::pollfd {
            fd: reader.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd; a short timeout so that `stop` is seen.
        let ready = unsafe { libc::poll(&mut pfd, 1, 50) };
        if ready <= 0 {
            continue;
        }
        match reader.read(&mut buf) {
            // Linux reports EIO on the master side once the last terminal-side
            // descriptor is closed, i.e. when the child has exited.
            Ok(0) | Err(_) => break,
            Ok(n) => output.lock().unwrap().extend_from_slice(&buf[..n]),
        }
    }
    eof.store(true, Ordering::SeqCst);
}

/// Where `needle` occurs in `hay`, every time.
pub fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| &hay[i..i + needle.len()] == needle)
        .collect()
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !find_all(hay, needle).is_empty()
}

/// The bytes, printable, for failure messages: the tail of a long stream.
pub fn show(bytes: &[u8]) -> String {
    let tail = &bytes[bytes.len().saturating_sub(600)..];
    format!("{:?}", String::from_utf8_lossy(tail))
}

/// Whether the terminal was handed back: the alternate screen left, the cursor shown,
/// every other private mode the reader turned on (mouse reporting, bracketed paste...)
/// turned off again, and nothing drawn after leaving. `Err` says what is wrong.
pub fn restored(raw: &[u8]) -> Result<(), String> {
    let modes = private_modes(raw);
    match modes.get(&1049) {
        Some(false) => {}
        Some(true) => return Err("the alternate screen was not left".into()),
        None => return Err("the alternate screen was never used".into()),
    }
    if modes.get(&25) == Some(&false) {
        return Err("the cursor was left hidden".into());
    }
    let on: Vec<u32> = modes
        .iter()
        .filter(|&(&m, &set)| set && m != 25)
        .map(|(&m, _)| m)
        .collect();
    if !on.is_empty() {
        return Err(format!("private modes left on: {on:?}"));
    }
    let left = find_all(raw, LEAVE_ALT).last().copied().unwrap_or(0);
    let after = strip_csi(&raw[left + LEAVE_ALT.len()..]);
    if !after.is_empty() {
        return Err(format!(
            "text was written after leaving the alternate screen: {}",
            show(&after)
        ));
    }
    Ok(())
}

/// The last state of each DEC private mode set (`ESC [ ? N h`) or reset (`ESC [ ? N l`)
/// in the output, several modes per sequence allowed (`ESC [ ? 1000 ; 1006 h`).
pub fn private_modes(raw: &[u8]) -> std::collections::BTreeMap<u32, bool> {
    let mut modes = std::collections::BTreeMap::new();
    for at in find_all(raw, b"\x1b[?") {
        let rest = &raw[at + 3..];
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b';'))
            .unwrap_or(rest.len());
        let set = match rest.get(end) {
            Some(b'h') => true,
            Some(b'l') => false,
            _ => continue,
        };
        for n in rest[..end].split(|b| *b == b';') {
            if let Ok(n) = std::str::from_utf8(n).unwrap_or("").parse() {
                modes.insert(n, set);
            }
        }
    }
    modes
}

/// Asserts `restored`, showing the end of the output when it fails.
pub fn assert_restored(raw: &[u8]) {
    if let Err(e) = restored(raw) {
        panic!("terminal not restored: {e}; output ends {}", show(raw));
    }
}

/// `bytes` without its CSI sequences (`ESC [` parameters, final byte).
pub fn strip_csi(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            i += 2;
            while i < bytes.len() && !(0x40..=0x7e).contains(&bytes[i]) {
                i += 1;
            }
            i += 1;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}
