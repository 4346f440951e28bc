//! Shared helpers for the reader's tests.
#![allow(dead_code)]

use std::path::Path;

use brief::app::{Action, App};
use brief::library::Library;
use brief::load;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A library of the given files under `briefings/`, all of which must load.
pub fn library(names: &[&str]) -> Library {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let briefings = names
        .iter()
        .map(|n| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("briefings")
                .join(n);
            load::load_file(&path, &Default::default()).unwrap_or_else(|e| panic!("{n}: {e:?}"))
        })
        .collect();
    let mut lib = Library::new(briefings, Vec::new());
    // As `brief briefings/` would: files are shown from that folder on.
    lib.set_roots(vec![folder]);
    lib
}

pub fn wannacry() -> App {
    App::new(library(&["wannacry-attribution.yaml"]))
}

pub fn bundled() -> App {
    App::new(library(&[
        "wannacry-attribution.yaml",
        "exercise-election-influence.yaml",
        "exercise-port-ransomware.yaml",
        "exercise-grid-intrusion.yaml",
    ]))
}

/// Applies actions in order.
pub fn press(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(*a);
    }
}

/// Types text into a picker or the search prompt.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(c));
    }
}

/// Draws the app at a size and returns the terminal for inspection.
pub fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| f.render_widget(&*app, f.area()))
        .expect("draw");
    terminal
}

/// The screen as plain text lines.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Draws the app as the reader does, with a theme and keys of its own.
pub fn draw_with(
    app: &mut App,
    width: u16,
    height: u16,
    theme: &brief::ui::Theme,
    keys: &brief::keymap::Keymap,
) -> Terminal<TestBackend> {
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let drawing = brief::ui::Drawing { app, theme, keys };
    terminal
        .draw(|f| f.render_widget(drawing, f.area()))
        .expect("draw");
    terminal
}
