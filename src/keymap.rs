//! The one key table: every binding with its action and description. Dispatch and
//! the help overlay both read it, so they can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, Mode};

/// A key as written in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}
const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere except while typing.
    Global,
    /// The panes and the full-screen lists: filters, search, other views.
    Browse,
    /// Moving in any list, pane or text.
    Move,
    /// The reader's panes.
    Reader,
    /// A full-screen list (dossier, library timeline, errors).
    Screen,
    /// An item opened in full.
    Detail,
    /// The actor and tag pickers.
    Picker,
    /// Typing a search.
    Search,
    /// Asked whether to open a web address: any key not bound here cancels.
    Confirm,
}

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub scope: Scope,
    pub help: &'static str,
}

const fn bind(keys: &'static [Key], action: Action, scope: Scope, help: &'static str) -> Binding {
    Binding {
        keys,
        action,
        scope,
        help,
    }
}

use Scope::*;

pub static BINDINGS: &[Binding] = &[
    // Bindings next to each other with the same help share one line of the help.
    bind(&[ctrl('c')], Action::Quit, Global, "quit, from anywhere"),
    bind(
        &[ctrl('z')],
        Action::Suspend,
        Global,
        "suspend (fg returns)",
    ),
    bind(&[k('?')], Action::Help, Global, "help for this view"),
    bind(
        &[k('q'), code(KeyCode::Esc)],
        Action::Back,
        Global,
        "close this view, back to where you were",
    ),
    bind(
        &[k('q')],
        Action::Leave,
        Reader,
        "quit (a zoomed pane is unzoomed first)",
    ),
    bind(
        &[code(KeyCode::Esc)],
        Action::Back,
        Reader,
        "leave a zoomed pane (filters stay)",
    ),
    bind(
        &[code(KeyCode::Tab)],
        Action::FocusNext,
        Reader,
        "next / previous pane",
    ),
    bind(
        &[code(KeyCode::BackTab)],
        Action::FocusPrev,
        Reader,
        "next / previous pane",
    ),
    bind(&[k('1')], Action::Focus(0), Reader, "go to pane 1 to 6"),
    bind(&[k('2')], Action::Focus(1), Reader, "go to pane 1 to 6"),
    bind(&[k('3')], Action::Focus(2), Reader, "go to pane 1 to 6"),
    bind(&[k('4')], Action::Focus(3), Reader, "go to pane 1 to 6"),
    bind(&[k('5')], Action::Focus(4), Reader, "go to pane 1 to 6"),
    bind(&[k('6')], Action::Focus(5), Reader, "go to pane 1 to 6"),
    bind(
        &[k('z'), k('+')],
        Action::Zoom,
        Reader,
        "zoom the pane to the whole screen, and back",
    ),
    bind(
        &[k('[')],
        Action::PrevBriefing,
        Reader,
        "previous / next briefing",
    ),
    bind(
        &[k(']')],
        Action::NextBriefing,
        Reader,
        "previous / next briefing",
    ),
    bind(&[k('s')], Action::CycleSort, Reader, "sort briefings"),
    bind(
        &[code(KeyCode::Char(' '))],
        Action::ToggleActor,
        Reader,
        "Actors pane: filter by this actor too",
    ),
    bind(
        &[k('n')],
        Action::NextMatch,
        Reader,
        "next / previous match",
    ),
    bind(
        &[k('N')],
        Action::PrevMatch,
        Reader,
        "next / previous match",
    ),
    bind(&[k('J')], Action::NextItem, Detail, "next / previous item"),
    bind(&[k('K')], Action::PrevItem, Detail, "next / previous item"),
    bind(
        &[k('j'), code(KeyCode::Down)],
        Action::Down,
        Move,
        "down / up",
    ),
    bind(&[k('k'), code(KeyCode::Up)], Action::Up, Move, "down / up"),
    bind(
        &[k('g'), code(KeyCode::Home)],
        Action::First,
        Move,
        "first / last",
    ),
    bind(
        &[k('G'), code(KeyCode::End)],
        Action::Last,
        Move,
        "first / last",
    ),
    bind(
        &[code(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        Move,
        "page down / up",
    ),
    bind(
        &[code(KeyCode::PageUp), ctrl('u')],
        Action::PageUp,
        Move,
        "page down / up",
    ),
    bind(
        &[code(KeyCode::Enter)],
        Action::Open,
        Reader,
        "open in full",
    ),
    bind(
        &[code(KeyCode::Enter)],
        Action::Open,
        Screen,
        "go to the item in its briefing (a file: its errors)",
    ),
    bind(&[k('f')], Action::ActorPicker, Browse, "filter by actor"),
    bind(&[k('t')], Action::TagPicker, Browse, "filter by tag"),
    bind(&[k('/')], Action::Search, Browse, "search"),
    bind(
        &[k('F')],
        Action::ClearFilters,
        Browse,
        "clear every filter (actors, tags, search)",
    ),
    bind(&[k('A')], Action::Dossier, Browse, "dossier of the actor"),
    bind(
        &[k('T')],
        Action::LibraryTimeline,
        Browse,
        "library timeline",
    ),
    bind(&[k('E')], Action::Errors, Browse, "files with errors"),
    bind(
        &[k('y')],
        Action::Copy,
        Global,
        "copy the item, cited (y) or whole (Y)",
    ),
    bind(
        &[k('Y')],
        Action::CopyText,
        Global,
        "copy the item, cited (y) or whole (Y)",
    ),
    bind(
        &[k('o')],
        Action::OpenSource,
        Global,
        "open the item's source (asks first)",
    ),
    bind(
        &[k('e')],
        Action::Export,
        Global,
        "export the screen to Markdown",
    ),
    bind(
        &[k('u')],
        Action::NextNew,
        Browse,
        "what's new: the next item (u), all of it (W)",
    ),
    bind(
        &[k('W')],
        Action::WhatsNew,
        Browse,
        "what's new: the next item (u), all of it (W)",
    ),
    bind(
        &[k('m')],
        Action::MarkRead,
        Browse,
        "mark read: this briefing (m), everything (M)",
    ),
    bind(
        &[k('M')],
        Action::MarkAllRead,
        Browse,
        "mark read: this briefing (m), everything (M)",
    ),
    bind(
        &[code(KeyCode::Down), ctrl('n')],
        Action::Down,
        Picker,
        "down / up",
    ),
    bind(
        &[code(KeyCode::Up), ctrl('p')],
        Action::Up,
        Picker,
        "down / up",
    ),
    bind(
        &[code(KeyCode::Tab)],
        Action::Toggle,
        Picker,
        "mark / unmark the row",
    ),
    bind(
        &[code(KeyCode::Enter)],
        Action::Apply,
        Picker,
        "apply the marked rows, else the highlighted one",
    ),
    bind(&[code(KeyCode::Esc)], Action::Back, Picker, "cancel"),
    bind(&[code(KeyCode::Backspace)], Action::Erase, Picker, "erase"),
    bind(&[code(KeyCode::Enter)], Action::Apply, Search, "search"),
    bind(&[code(KeyCode::Esc)], Action::Back, Search, "cancel"),
    bind(&[code(KeyCode::Backspace)], Action::Erase, Search, "erase"),
    bind(&[ctrl('c')], Action::Quit, Picker, "quit"),
    bind(&[ctrl('c')], Action::Quit, Search, "quit"),
    bind(&[ctrl('z')], Action::Suspend, Picker, "suspend"),
    bind(&[ctrl('z')], Action::Suspend, Search, "suspend"),
    bind(
        &[k('y'), code(KeyCode::Enter)],
        Action::Apply,
        Confirm,
        "open the address shown",
    ),
    bind(
        &[code(KeyCode::Esc), k('n')],
        Action::Back,
        Confirm,
        "cancel (so does any other key)",
    ),
    bind(&[ctrl('c')], Action::Quit, Confirm, "quit"),
];

/// Scopes that apply in a mode, most specific first.
pub fn scopes(mode: Mode) -> &'static [Scope] {
    match mode {
        Mode::Reader => &[Reader, Move, Browse, Global],
        Mode::Screen => &[Move, Screen, Browse, Global],
        Mode::Detail => &[Detail, Move, Global],
        Mode::Help => &[Move, Global],
        Mode::Picker => &[Picker],
        Mode::Search => &[Search],
        Mode::Confirm => &[Confirm],
    }
}

/// The action a key press means in a mode. While typing, an unbound printable key
/// is text.
pub fn action(mode: Mode, ev: KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl_held = ev.modifiers.contains(KeyModifiers::CONTROL);
    for scope in scopes(mode) {
        for b in BINDINGS.iter().filter(|b| b.scope == *scope) {
            if b.keys
                .iter()
                .any(|key| key.code == ev.code && key.ctrl == ctrl_held)
            {
                return Some(b.action);
            }
        }
    }
    match (mode, ev.code) {
        (Mode::Picker | Mode::Search, KeyCode::Char(c)) if !ctrl_held => Some(Action::Type(c)),
        // One key answers: anything but yes is no.
        (Mode::Confirm, _) => Some(Action::Back),
        _ => None,
    }
}

/// How a key is written in help: `j`, `Ctrl-d`, `PgDn`, `↓`.
pub fn key_name(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Backspace => "Backspace".into(),
        _ => "?".into(),
    };
    if key.ctrl {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// The help for a mode: for each scope that applies, most specific first, its name
/// and rows of keys and description. Neighbouring bindings with the same description
/// share a row (`j ↓ k ↑  down / up`); a key a more specific scope takes is left out.
pub fn help(mode: Mode) -> Vec<(Scope, Vec<(String, &'static str)>)> {
    let mut taken: Vec<Key> = Vec::new();
    let mut out = Vec::new();
    for &scope in scopes(mode) {
        let mut rows: Vec<(String, &'static str)> = Vec::new();
        let mut claimed = Vec::new();
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            let keys: Vec<String> = b
                .keys
                .iter()
                .filter(|k| !taken.contains(k))
                .map(key_name)
                .collect();
            claimed.extend(b.keys.iter().copied());
            if keys.is_empty() {
                continue;
            }
            let keys = keys.join(" ");
            match rows.last_mut() {
                Some((k, help)) if *help == b.help => {
                    k.push(' ');
                    k.push_str(&keys);
                }
                _ => rows.push((keys, b.help)),
            }
        }
        taken.extend(claimed);
        if !rows.is_empty() {
            out.push((scope, rows));
        }
    }
    out
}

/// The first key bound to an action in a scope, for the hint bar.
pub fn first_key(action: Action, scope: Scope) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.action == action && b.scope == scope)
        .and_then(|b| b.keys.first())
        .map(key_name)
}
