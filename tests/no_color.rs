//! `NO_COLOR` end to end: the real binary in a pseudo-terminal, walked through every
//! view that draws a state (focus, selection, search match, actor filter, picker, help,
//! an item in full, a full-screen list), writes no colour escape at all, while still
//! writing the bold, underline, italic and reverse video that carry those states.
//!
//! What counts as colour: SGR parameters 30-37 and 90-97 (foreground), 40-47 and
//! 100-107 (background), 38, 48 and 58 (extended foreground, background and underline
//! colour, in `;` or `:` form), and OSC 4, 10, 11, 12, 17 and 19 (changing the
//! palette or the default colours). Not counted: 39, 49 and 59, which only hand the
//! cell back to the terminal's own default colours (ratatui's backend writes them at
//! the end of every frame), and 0, the reset of everything.
//!
//! crossterm, under ratatui, leaves colour sequences out by itself when `NO_COLOR` is
//! set, so the bytes alone would not show whether the reader's own themes honour it.
//! The screen does: what a colour background set apart (the classification marking)
//! must come out in reverse video instead.
#![cfg(unix)]

mod support {
    pub mod pty;
}

use support::pty::*;

const ENTER: &[u8] = b"\r";
const ESC: &[u8] = b"\x1b";

/// One SGR sequence's parameters, each as its first number (`38:5:1` is 38).
fn sgr_sequences(raw: &[u8]) -> Vec<Vec<u32>> {
    let mut out = Vec::new();
    for at in find_all(raw, b"\x1b[") {
        let rest = &raw[at + 2..];
        let params = rest
            .iter()
            .position(|b| !(0x30..=0x3f).contains(b))
            .unwrap_or(rest.len());
        if rest.get(params) != Some(&b'm') {
            continue;
        }
        let text = String::from_utf8_lossy(&rest[..params]);
        // A private sequence (`ESC [ ? ...`, `ESC [ > ...`) is no SGR.
        if text.starts_with(['?', '<', '=', '>']) {
            continue;
        }
        out.push(
            text.split(';')
                .map(|p| p.split(':').next().unwrap_or("").parse().unwrap_or(0))
                .collect(),
        );
    }
    out
}

/// The colour codes in the output, as written: empty when there are none.
fn colour_codes(raw: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for params in sgr_sequences(raw) {
        let mut i = 0;
        while i < params.len() {
            let p = params[i];
            match p {
                30..=37 | 40..=47 | 90..=97 | 100..=107 => found.push(format!("SGR {p}")),
                38 | 48 | 58 => {
                    found.push(format!("SGR {p}"));
                    // Its arguments (5;N or 2;R;G;B) are not codes of their own.
                    i += match params.get(i + 1) {
                        Some(5) => 2,
                        Some(2) => 4,
                        _ => 0,
                    };
                }
                _ => {}
            }
            i += 1;
        }
    }
    for osc in ["4;", "10;", "11;", "12;", "17;", "19;"] {
        let seq = format!("\x1b]{osc}");
        if contains(raw, seq.as_bytes()) {
            found.push(format!("OSC {osc}"));
        }
    }
    found
}

/// Every SGR attribute turned on in the output (1 bold, 3 italic, 4 underline, ...).
fn attributes(raw: &[u8]) -> std::collections::BTreeSet<u32> {
    sgr_sequences(raw)
        .into_iter()
        .flatten()
        .filter(|p| (1..=9).contains(p))
        .collect()
}

/// Whether a classification marking (` EXERCISE `, the Overview's badge) is on screen
/// in reverse video, padding and all.
fn marking_in_reverse(s: &mut Session) -> bool {
    let screen = s.vt_screen();
    let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
    (0..rows).any(|r| {
        let cells: Vec<(String, bool)> = (0..cols)
            .map(|c| {
                screen.cell(r, c).map_or((" ".to_string(), false), |x| {
                    (x.contents().to_string(), x.inverse())
                })
            })
            .collect();
        let text: Vec<&str> = cells.iter().map(|(t, _)| t.as_str()).collect();
        (1..cells.len().saturating_sub(9)).any(|c| {
            text[c - 1..c + 9].concat() == " EXERCISE "
                && cells[c - 1..c + 9].iter().all(|(_, inverse)| *inverse)
        })
    })
}

/// Goes through every view that shows a state, then quits; returns all bytes written
/// and whether the classification marking was in reverse video.
fn walk(env: &[(&str, &str)]) -> (Vec<u8>, bool) {
    let mut s = Session::start_env(&["briefings/"], env, 100, 30);
    s.wait_for("the library to load", |scr| {
        scr.contains("Briefings 4") && PANES.iter().all(|p| scr.contains(p))
    });
    s.key(b"g", "the first briefing", |scr| scr.contains("1 of 4"));
    let marking = marking_in_reverse(&mut s);
    s.key(b"j", "the second briefing", |scr| scr.contains("2 of 4"));
    s.key(b"4", "focus on the Timeline", |scr| {
        scr.contains("\u{25b6} 4 Timeline")
    });
    s.key(b"j", "the selection moved", |_| true);
    s.key(b"5", "focus on the Quotes", |scr| {
        scr.contains("\u{25b6} 5 Quotes")
    });
    s.send(b"/");
    s.send(b"the");
    s.key(ENTER, "a search with matches", |scr| scr.contains("/the "));
    s.key(b"f", "the actor picker", |scr| {
        scr.contains("Filter by actor")
    });
    s.send(b"a");
    // Enter applies the highlighted row.
    s.key(ENTER, "the actor filter", |scr| scr.contains("Actor: "));
    s.key(b"3", "focus on the Actors", |scr| {
        scr.contains("\u{25b6} 3 Actors")
    });
    s.key(ENTER, "an actor in full", |scr| {
        scr.contains("\u{250f} Actor ")
    });
    s.key(ESC, "back to the panes", |scr| {
        !scr.contains("\u{250f} Actor ")
    });
    s.key(b"?", "help", |scr| scr.contains("Help: keys"));
    s.key(ESC, "help closed", |scr| !scr.contains("Help: keys"));
    s.key(b"T", "the library timeline", |scr| {
        scr.contains("Library timeline")
    });
    // q steps back out of a view, and quits from the panes.
    s.key(b"q", "back to the panes", |scr| {
        !scr.contains("Library timeline")
    });
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    let raw = s.raw();
    assert_restored(&raw);
    (raw, marking)
}

#[test]
fn no_color_writes_no_colour_escape_and_keeps_every_emphasis() {
    let (raw, marking_reversed) = walk(&[("NO_COLOR", "1")]);
    assert_eq!(colour_codes(&raw), Vec::<String>::new());
    assert!(
        marking_reversed,
        "the marking lost its colour and got nothing instead"
    );
    let used = attributes(&raw);
    for (code, what) in [(1, "bold"), (3, "italic"), (4, "underline"), (7, "reverse")] {
        assert!(used.contains(&code), "no {what} (SGR {code}) in {used:?}");
    }
}

/// The check above can see colour: without `NO_COLOR`, or with it empty (which the
/// convention says to ignore), the same walk writes colour escapes.
#[test]
fn without_no_color_the_same_walk_has_colour() {
    for env in [&[][..], &[("NO_COLOR", "")][..]] {
        let (raw, marking_reversed) = walk(env);
        assert!(
            !marking_reversed,
            "{env:?}: a coloured marking needs no reverse video"
        );
        let found = colour_codes(&raw);
        assert!(
            found.iter().any(|c| c.starts_with("SGR 3")),
            "{env:?}: {found:?}"
        );
        assert!(
            found.iter().any(|c| c.starts_with("SGR 4")),
            "{env:?}: {found:?}"
        );
    }
}

#[test]
fn the_colour_scan_reads_sgr_as_a_terminal_does() {
    let codes = |s: &str| colour_codes(s.as_bytes());
    assert_eq!(
        codes("\x1b[0m\x1b[1;4;7m\x1b[39m\x1b[49m\x1b[59m\x1b[22m"),
        Vec::<String>::new()
    );
    assert_eq!(codes("\x1b[1;31m"), ["SGR 31"]);
    assert_eq!(codes("\x1b[38;5;33m"), ["SGR 38"]);
    assert_eq!(codes("\x1b[48;2;1;2;3;4m"), ["SGR 48"]);
    assert_eq!(codes("\x1b[38:5:1m"), ["SGR 38"]);
    assert_eq!(codes("\x1b[97m\x1b[104m"), ["SGR 97", "SGR 104"]);
    assert_eq!(codes("\x1b]11;rgb:00/00/00\x07"), ["OSC 11;"]);
    // Not SGR: a private mode and a cursor move with the same digits.
    assert_eq!(codes("\x1b[?31h\x1b[31;1H"), Vec::<String>::new());
}
