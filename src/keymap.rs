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
    /// Moving in any list, pane or text.
    Move,
    /// The reader's panes.
    Reader,
    /// A full-screen list (dossier, library timeline, errors).
    Screen,
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
    bind(&[k('q'), ctrl('c')], Action::Quit, Global, "quit"),
    bind(
        &[ctrl('z')],
        Action::Suspend,
        Global,
        "suspend (fg returns)",
    ),
    bind(&[k('?')], Action::Help, Global, "help"),
    bind(&[code(KeyCode::Esc)], Action::Back, Global, "close / back"),
    bind(
        &[code(KeyCode::Tab)],
        Action::FocusNext,
        Reader,
        "next pane",
    ),
    bind(
        &[code(KeyCode::BackTab)],
        Action::FocusPrev,
        Reader,
        "previous pane",
    ),
    bind(&[k('1')], Action::Focus(0), Reader, "Briefings pane"),
    bind(&[k('2')], Action::Focus(1), Reader, "Overview pane"),
    bind(&[k('3')], Action::Focus(2), Reader, "Actors pane"),
    bind(&[k('4')], Action::Focus(3), Reader, "Timeline pane"),
    bind(&[k('5')], Action::Focus(4), Reader, "Quotes pane"),
    bind(&[k('6')], Action::Focus(5), Reader, "Implications pane"),
    bind(&[k('j'), code(KeyCode::Down)], Action::Down, Move, "down"),
    bind(&[k('k'), code(KeyCode::Up)], Action::Up, Move, "up"),
    bind(&[k('g'), code(KeyCode::Home)], Action::First, Move, "first"),
    bind(&[k('G'), code(KeyCode::End)], Action::Last, Move, "last"),
    bind(
        &[code(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        Move,
        "page down",
    ),
    bind(
        &[code(KeyCode::PageUp), ctrl('u')],
        Action::PageUp,
        Move,
        "page up",
    ),
    bind(
        &[code(KeyCode::Enter)],
        Action::Open,
        Move,
        "open in full / go to",
    ),
    bind(&[k('[')], Action::PrevBriefing, Reader, "previous briefing"),
    bind(&[k(']')], Action::NextBriefing, Reader, "next briefing"),
    bind(&[k('f')], Action::ActorPicker, Global, "filter by actor"),
    bind(
        &[code(KeyCode::Char(' '))],
        Action::ToggleActor,
        Reader,
        "Actors pane: filter by this actor",
    ),
    bind(&[k('F')], Action::ClearActors, Global, "clear actor filter"),
    bind(&[k('/')], Action::Search, Global, "search"),
    bind(&[k('n')], Action::NextMatch, Global, "next match"),
    bind(&[k('N')], Action::PrevMatch, Global, "previous match"),
    bind(&[k('A')], Action::Dossier, Global, "dossier of the actor"),
    bind(
        &[k('T')],
        Action::LibraryTimeline,
        Global,
        "library timeline",
    ),
    bind(&[k('s')], Action::CycleSort, Reader, "sort briefings"),
    bind(&[k('t')], Action::TagPicker, Global, "filter by tag"),
    bind(&[k('E')], Action::Errors, Global, "files with errors"),
    bind(
        &[k('y')],
        Action::Copy,
        Global,
        "copy the item with its citation",
    ),
    bind(
        &[k('Y')],
        Action::CopyText,
        Global,
        "copy the whole item as text",
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
        Global,
        "next new or changed item",
    ),
    bind(
        &[k('W')],
        Action::WhatsNew,
        Global,
        "what's new since you last read",
    ),
    bind(
        &[k('m')],
        Action::MarkRead,
        Global,
        "mark this briefing read",
    ),
    bind(
        &[k('M')],
        Action::MarkAllRead,
        Global,
        "mark everything read",
    ),
    bind(
        &[code(KeyCode::Down), ctrl('n')],
        Action::Down,
        Picker,
        "down",
    ),
    bind(&[code(KeyCode::Up), ctrl('p')], Action::Up, Picker, "up"),
    bind(
        &[code(KeyCode::Char(' '))],
        Action::Toggle,
        Picker,
        "select / unselect",
    ),
    bind(&[code(KeyCode::Enter)], Action::Apply, Picker, "apply"),
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
fn scopes(mode: Mode) -> &'static [Scope] {
    match mode {
        Mode::Reader => &[Reader, Move, Global],
        Mode::Screen => &[Move, Screen, Global],
        Mode::Detail | Mode::Help => &[Move, Global],
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

/// Help rows for one scope: keys and description.
pub fn help_rows(scope: Scope) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope)
        .map(|b| {
            (
                b.keys.iter().map(key_name).collect::<Vec<_>>().join(" "),
                b.help,
            )
        })
        .collect()
}

/// The first key bound to an action in a scope, for the hint bar.
pub fn first_key(action: Action, scope: Scope) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.action == action && b.scope == scope)
        .and_then(|b| b.keys.first())
        .map(key_name)
}
