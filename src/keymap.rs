//! The one key table: every binding with its action, its name in the configuration
//! and its description. Dispatch, the help overlay and the hint bar all read the same
//! [`Keymap`] (the built-in table with the user's keys merged over it), so they can
//! never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, Mode};

/// A key as written in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

/// Keys with a name, as the configuration writes them (any case) and as help shows them.
const NAMED: [(KeyCode, &str, &str); 16] = [
    (KeyCode::Up, "up", "↑"),
    (KeyCode::Down, "down", "↓"),
    (KeyCode::Left, "left", "←"),
    (KeyCode::Right, "right", "→"),
    (KeyCode::Enter, "enter", "Enter"),
    (KeyCode::Esc, "esc", "Esc"),
    (KeyCode::Tab, "tab", "Tab"),
    (KeyCode::BackTab, "shift-tab", "Shift-Tab"),
    (KeyCode::Char(' '), "space", "Space"),
    (KeyCode::Backspace, "backspace", "Backspace"),
    (KeyCode::Delete, "delete", "Delete"),
    (KeyCode::Insert, "insert", "Insert"),
    (KeyCode::Home, "home", "Home"),
    (KeyCode::End, "end", "End"),
    (KeyCode::PageUp, "pgup", "PgUp"),
    (KeyCode::PageDown, "pgdn", "PgDn"),
];

/// Other spellings people write for the named keys.
const ALIASES: [(&str, &str); 8] = [
    ("return", "enter"),
    ("escape", "esc"),
    ("backtab", "shift-tab"),
    ("pageup", "pgup"),
    ("pagedown", "pgdn"),
    ("del", "delete"),
    ("ins", "insert"),
    ("bs", "backspace"),
];

/// How to write keys in the configuration, for error messages and the default file.
pub const KEY_NAMES_HELP: &str = "a character (\"k\", \"G\", \"/\"), \"ctrl-\" and a letter (\"ctrl-d\"), \
     or up, down, left, right, enter, esc, tab, shift-tab, space, backspace, delete, \
     insert, home, end, pgup, pgdn, f1 to f12";

impl Key {
    /// Reads a key as the configuration writes it: `k`, `G`, `ctrl-d`, `up`, `pgdn`,
    /// `shift-tab`, `f5`. The error says what is wrong with the name.
    pub fn parse(name: &str) -> Result<Key, String> {
        let mut chars = name.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_control() {
                return Err("a control character is not a key name".to_string());
            }
            return Ok(k(c));
        }
        let lower = name.to_ascii_lowercase();
        let lower = ALIASES
            .iter()
            .find(|(alias, _)| *alias == lower)
            .map_or(lower.as_str(), |(_, to)| to);
        if let Some((_, mut rest)) = split_prefix(lower, &["ctrl-", "ctrl+"]) {
            // The character after `ctrl-` keeps its case only to be lowered: terminals
            // send the same byte for Ctrl-D and Ctrl-d.
            rest = &name[name.len() - rest.len()..];
            let key = Key::parse(rest)?;
            return match key.code {
                _ if key.ctrl => Err("write ctrl- once".to_string()),
                KeyCode::Char(c) => Ok(ctrl(c.to_ascii_lowercase())),
                code => Ok(Key { code, ctrl: true }),
            };
        }
        if let Some((_, rest)) = split_prefix(lower, &["shift-", "shift+"]) {
            let original = &name[name.len() - rest.len()..];
            let mut cs = original.chars();
            return match (cs.next(), cs.next()) {
                (Some(c), None) if c.is_alphabetic() => Ok(k(c.to_uppercase().next().unwrap_or(c))),
                _ if rest == "tab" => Ok(code(KeyCode::BackTab)),
                _ => Err("shift- goes with a letter (shift-g is \"G\") or tab".to_string()),
            };
        }
        if split_prefix(lower, &["alt-", "alt+", "meta-"]).is_some() {
            return Err("Alt combinations are not supported; use a plain key or ctrl-".to_string());
        }
        if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            return if (1..=12).contains(&n) {
                Ok(code(KeyCode::F(n)))
            } else {
                Err("function keys go from f1 to f12".to_string())
            };
        }
        NAMED
            .iter()
            .find(|(_, n, _)| *n == lower)
            .map(|(c, _, _)| code(*c))
            .ok_or_else(|| format!("no key is called \u{201c}{name}\u{201d}"))
    }

    /// The key as the configuration writes it; [`Key::parse`] reads it back.
    pub fn config_name(&self) -> String {
        let base = match self.code {
            KeyCode::F(n) => format!("f{n}"),
            KeyCode::Char(c) if c != ' ' => c.to_string(),
            code => NAMED
                .iter()
                .find(|(c, _, _)| *c == code)
                .map_or_else(|| "?".to_string(), |(_, n, _)| n.to_string()),
        };
        if self.ctrl {
            format!("ctrl-{base}")
        } else {
            base
        }
    }

    /// A plain character that, while typing a search or a name, would be text. Space
    /// is not counted: the picker's built-in keys already take it to select.
    pub fn is_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(c) if c != ' ') && !self.ctrl
    }
}

fn split_prefix<'a>(s: &'a str, prefixes: &[&'a str]) -> Option<(&'a str, &'a str)> {
    prefixes
        .iter()
        .find_map(|p| s.strip_prefix(p).map(|rest| (*p, rest)))
        .filter(|(_, rest)| !rest.is_empty())
}

/// How a key is written in help: `j`, `Ctrl-d`, `PgDn`, `↓`.
pub fn key_name(key: &Key) -> String {
    let base = match key.code {
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(c) if c != ' ' => c.to_string(),
        code => NAMED
            .iter()
            .find(|(c, _, _)| *c == code)
            .map_or_else(|| "?".to_string(), |(_, _, shown)| shown.to_string()),
    };
    if key.ctrl {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

impl Scope {
    pub const ALL: [Scope; 9] = [
        Scope::Global,
        Scope::Browse,
        Scope::Move,
        Scope::Reader,
        Scope::Screen,
        Scope::Detail,
        Scope::Picker,
        Scope::Search,
        Scope::Confirm,
    ];

    /// The scope's name in the configuration: `[keys.NAME]`.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Browse => "browse",
            Scope::Move => "move",
            Scope::Reader => "reader",
            Scope::Screen => "screen",
            Scope::Detail => "detail",
            Scope::Picker => "picker",
            Scope::Search => "search",
            Scope::Confirm => "confirm",
        }
    }

    pub fn from_name(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Where the scope's keys apply, in words, as help heads them.
    pub fn describe(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Browse => "Filters, search and other views",
            Scope::Move => "Moving",
            Scope::Reader => "In the panes",
            Scope::Screen => "In this list",
            Scope::Detail => "In this view",
            Scope::Picker => "In the picker",
            Scope::Search => "Typing a search",
            Scope::Confirm => "Asked to open a source",
        }
    }

    /// Whether an unbound character typed here is text (a search, a name).
    pub fn is_typing(self) -> bool {
        matches!(self, Scope::Picker | Scope::Search)
    }
}

/// One action and the keys that do it in a scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The action's name in the configuration, unique in its scope.
    pub name: &'static str,
    pub keys: Vec<Key>,
    pub action: Action,
    pub scope: Scope,
    pub help: &'static str,
}

struct Builtin {
    keys: &'static [Key],
    name: &'static str,
    action: Action,
    scope: Scope,
    help: &'static str,
}

const fn bind(
    keys: &'static [Key],
    name: &'static str,
    action: Action,
    scope: Scope,
    help: &'static str,
) -> Builtin {
    Builtin {
        keys,
        name,
        action,
        scope,
        help,
    }
}

use Scope::*;

/// The keys the reader has when the configuration names none.
static BUILTIN: &[Builtin] = &[
    // Bindings next to each other with the same help share one line of the help.
    bind(
        &[ctrl('c')],
        "quit",
        Action::Quit,
        Global,
        "quit, from anywhere",
    ),
    bind(
        &[ctrl('z')],
        "suspend",
        Action::Suspend,
        Global,
        "suspend (fg returns)",
    ),
    bind(
        &[k('?')],
        "help",
        Action::Help,
        Global,
        "help for this view",
    ),
    bind(
        &[k('q'), code(KeyCode::Esc)],
        "back",
        Action::Back,
        Global,
        "close this view, back to where you were",
    ),
    bind(
        &[k('q')],
        "leave",
        Action::Leave,
        Reader,
        "quit (a zoomed pane is unzoomed first)",
    ),
    bind(
        &[code(KeyCode::Esc)],
        "back",
        Action::Back,
        Reader,
        "leave a zoomed pane (filters stay)",
    ),
    bind(
        &[code(KeyCode::Tab)],
        "next-pane",
        Action::FocusNext,
        Reader,
        "next / previous pane",
    ),
    bind(
        &[code(KeyCode::BackTab)],
        "previous-pane",
        Action::FocusPrev,
        Reader,
        "next / previous pane",
    ),
    bind(
        &[k('1')],
        "focus-briefings",
        Action::Focus(0),
        Reader,
        "go to pane 1 to 6",
    ),
    bind(
        &[k('2')],
        "focus-overview",
        Action::Focus(1),
        Reader,
        "go to pane 1 to 6",
    ),
    bind(
        &[k('3')],
        "focus-actors",
        Action::Focus(2),
        Reader,
        "go to pane 1 to 6",
    ),
    bind(
        &[k('4')],
        "focus-timeline",
        Action::Focus(3),
        Reader,
        "go to pane 1 to 6",
    ),
    bind(
        &[k('5')],
        "focus-quotes",
        Action::Focus(4),
        Reader,
        "go to pane 1 to 6",
    ),
    bind(
        &[k('6')],
        "focus-implications",
        Action::Focus(5),
        Reader,
        "go to pane 1 to 6",
    ),
    bind(
        &[k('z'), k('+')],
        "zoom",
        Action::Zoom,
        Reader,
        "zoom the pane to the whole screen, and back",
    ),
    bind(
        &[k('[')],
        "previous-briefing",
        Action::PrevBriefing,
        Reader,
        "previous / next briefing",
    ),
    bind(
        &[k(']')],
        "next-briefing",
        Action::NextBriefing,
        Reader,
        "previous / next briefing",
    ),
    bind(
        &[k('s')],
        "sort",
        Action::CycleSort,
        Reader,
        "sort briefings",
    ),
    bind(
        &[code(KeyCode::Char(' '))],
        "toggle-actor",
        Action::ToggleActor,
        Reader,
        "Actors pane: filter by this actor too",
    ),
    bind(
        &[k('n')],
        "next-match",
        Action::NextMatch,
        Reader,
        "next / previous match",
    ),
    bind(
        &[k('N')],
        "previous-match",
        Action::PrevMatch,
        Reader,
        "next / previous match",
    ),
    bind(
        &[k('J')],
        "next-item",
        Action::NextItem,
        Detail,
        "next / previous item",
    ),
    bind(
        &[k('K')],
        "previous-item",
        Action::PrevItem,
        Detail,
        "next / previous item",
    ),
    bind(
        &[k('j'), code(KeyCode::Down)],
        "down",
        Action::Down,
        Move,
        "down / up",
    ),
    bind(
        &[k('k'), code(KeyCode::Up)],
        "up",
        Action::Up,
        Move,
        "down / up",
    ),
    bind(
        &[k('g'), code(KeyCode::Home)],
        "first",
        Action::First,
        Move,
        "first / last",
    ),
    bind(
        &[k('G'), code(KeyCode::End)],
        "last",
        Action::Last,
        Move,
        "first / last",
    ),
    bind(
        &[code(KeyCode::PageDown), ctrl('d')],
        "page-down",
        Action::PageDown,
        Move,
        "page down / up",
    ),
    bind(
        &[code(KeyCode::PageUp), ctrl('u')],
        "page-up",
        Action::PageUp,
        Move,
        "page down / up",
    ),
    bind(
        &[code(KeyCode::Enter)],
        "open",
        Action::Open,
        Reader,
        "open in full",
    ),
    bind(
        &[code(KeyCode::Enter)],
        "open",
        Action::Open,
        Screen,
        "go to the item in its briefing (a file: its errors)",
    ),
    bind(
        &[k('f')],
        "filter-actors",
        Action::ActorPicker,
        Browse,
        "filter by actor",
    ),
    bind(
        &[k('t')],
        "filter-tags",
        Action::TagPicker,
        Browse,
        "filter by tag",
    ),
    bind(&[k('/')], "search", Action::Search, Browse, "search"),
    bind(
        &[k('F')],
        "clear-filters",
        Action::ClearFilters,
        Browse,
        "clear every filter (actors, tags, search)",
    ),
    bind(
        &[k('A')],
        "dossier",
        Action::Dossier,
        Browse,
        "dossier of the actor",
    ),
    bind(
        &[k('T')],
        "library-timeline",
        Action::LibraryTimeline,
        Browse,
        "library timeline",
    ),
    bind(
        &[k('E')],
        "errors",
        Action::Errors,
        Browse,
        "files with errors",
    ),
    bind(
        &[k('y')],
        "copy",
        Action::Copy,
        Global,
        "copy the item, cited (y) or whole (Y)",
    ),
    bind(
        &[k('Y')],
        "copy-text",
        Action::CopyText,
        Global,
        "copy the item, cited (y) or whole (Y)",
    ),
    bind(
        &[k('o')],
        "open-source",
        Action::OpenSource,
        Global,
        "open the item's source (asks first)",
    ),
    bind(
        &[k('e')],
        "export",
        Action::Export,
        Global,
        "export the screen to Markdown",
    ),
    bind(
        &[k('u')],
        "next-new",
        Action::NextNew,
        Browse,
        "what's new: the next item (u), all of it (W)",
    ),
    bind(
        &[k('W')],
        "whats-new",
        Action::WhatsNew,
        Browse,
        "what's new: the next item (u), all of it (W)",
    ),
    bind(
        &[k('m')],
        "mark-read",
        Action::MarkRead,
        Browse,
        "mark read: this briefing (m), everything (M)",
    ),
    bind(
        &[k('M')],
        "mark-all-read",
        Action::MarkAllRead,
        Browse,
        "mark read: this briefing (m), everything (M)",
    ),
    bind(
        &[code(KeyCode::Down), ctrl('n')],
        "down",
        Action::Down,
        Picker,
        "down / up",
    ),
    bind(
        &[code(KeyCode::Up), ctrl('p')],
        "up",
        Action::Up,
        Picker,
        "down / up",
    ),
    bind(
        &[code(KeyCode::Tab)],
        "mark",
        Action::Toggle,
        Picker,
        "mark / unmark the row",
    ),
    bind(
        &[code(KeyCode::Enter)],
        "apply",
        Action::Apply,
        Picker,
        "apply the marked rows, else the highlighted one",
    ),
    bind(
        &[code(KeyCode::Esc)],
        "back",
        Action::Back,
        Picker,
        "cancel",
    ),
    bind(
        &[code(KeyCode::Backspace)],
        "erase",
        Action::Erase,
        Picker,
        "erase",
    ),
    bind(
        &[code(KeyCode::Enter)],
        "apply",
        Action::Apply,
        Search,
        "search",
    ),
    bind(
        &[code(KeyCode::Esc)],
        "back",
        Action::Back,
        Search,
        "cancel",
    ),
    bind(
        &[code(KeyCode::Backspace)],
        "erase",
        Action::Erase,
        Search,
        "erase",
    ),
    bind(&[ctrl('c')], "quit", Action::Quit, Picker, "quit"),
    bind(&[ctrl('c')], "quit", Action::Quit, Search, "quit"),
    bind(&[ctrl('z')], "suspend", Action::Suspend, Picker, "suspend"),
    bind(&[ctrl('z')], "suspend", Action::Suspend, Search, "suspend"),
    bind(
        &[k('y'), code(KeyCode::Enter)],
        "apply",
        Action::Apply,
        Confirm,
        "open the address shown",
    ),
    bind(
        &[code(KeyCode::Esc), k('n')],
        "back",
        Action::Back,
        Confirm,
        "cancel (so does any other key)",
    ),
    bind(&[ctrl('c')], "quit", Action::Quit, Confirm, "quit"),
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

/// Every way the modes put scopes together, for finding keys that would shadow others.
const MODES: [Mode; 7] = [
    Mode::Reader,
    Mode::Screen,
    Mode::Detail,
    Mode::Help,
    Mode::Picker,
    Mode::Search,
    Mode::Confirm,
];

/// One key bound to two actions where both apply: only the first could ever run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clash {
    pub key: Key,
    /// `(scope, action name)` of each binding.
    pub first: (Scope, &'static str),
    pub second: (Scope, &'static str),
}

/// The keys in force: the built-in table with the user's keys merged over it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    /// The built-in keys.
    fn default() -> Keymap {
        Keymap {
            bindings: BUILTIN
                .iter()
                .map(|b| Binding {
                    name: b.name,
                    keys: b.keys.to_vec(),
                    action: b.action,
                    scope: b.scope,
                    help: b.help,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The built-in keys, made once.
    pub fn builtin() -> &'static Keymap {
        static BUILT: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
        BUILT.get_or_init(Keymap::default)
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Gives the action called `name` in `scope` these keys instead of its own; `false`
    /// when the scope has no such action.
    pub fn rebind(&mut self, scope: Scope, name: &str, keys: Vec<Key>) -> bool {
        match self
            .bindings
            .iter_mut()
            .find(|b| b.scope == scope && b.name == name)
        {
            Some(b) => {
                let mut unique: Vec<Key> = Vec::with_capacity(keys.len());
                for key in keys {
                    if !unique.contains(&key) {
                        unique.push(key);
                    }
                }
                b.keys = unique;
                true
            }
            None => false,
        }
    }

    /// The names of the actions in a scope, in table order.
    pub fn names(&self, scope: Scope) -> Vec<&'static str> {
        self.bindings
            .iter()
            .filter(|b| b.scope == scope)
            .map(|b| b.name)
            .collect()
    }

    /// The action a key press means in a mode. While typing, an unbound printable key
    /// is text.
    pub fn action(&self, mode: Mode, ev: KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl_held = ev.modifiers.contains(KeyModifiers::CONTROL);
        for scope in scopes(mode) {
            for b in self.bindings.iter().filter(|b| b.scope == *scope) {
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

    /// Help rows for one scope: keys and description.
    pub fn help_rows(&self, scope: Scope) -> Vec<(String, &'static str)> {
        self.bindings
            .iter()
            .filter(|b| b.scope == scope)
            .map(|b| {
                let keys = if b.keys.is_empty() {
                    "(no key)".to_string()
                } else {
                    b.keys.iter().map(key_name).collect::<Vec<_>>().join(" ")
                };
                (keys, b.help)
            })
            .collect()
    }

    /// The help for a mode: for each scope that applies, most specific first, its name
    /// and rows of keys and description. Neighbouring bindings with the same description
    /// share a row (`j ↓ k ↑  down / up`); a key a more specific scope takes is left out.
    pub fn help(&self, mode: Mode) -> Vec<(Scope, Vec<(String, &'static str)>)> {
        let mut taken: Vec<Key> = Vec::new();
        let mut out = Vec::new();
        for &scope in scopes(mode) {
            let mut rows: Vec<(String, &'static str)> = Vec::new();
            let mut claimed = Vec::new();
            for b in self.bindings.iter().filter(|b| b.scope == scope) {
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

    /// The first key bound to an action in a scope, for the hint bar and messages.
    pub fn first_key(&self, action: Action, scope: Scope) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.action == action && b.scope == scope)
            .and_then(|b| b.keys.first())
            .map(key_name)
    }

    /// Every key bound to an action in a scope, as help writes them.
    pub fn keys_of(&self, action: Action, scope: Scope) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|b| b.action == action && b.scope == scope)
            .flat_map(|b| b.keys.iter().map(key_name))
            .collect()
    }

    /// Keys bound to two actions that apply at the same time (in one scope, or in
    /// scopes one mode puts together), each pair once, in table order.
    pub fn clashes(&self) -> Vec<Clash> {
        let mut out: Vec<Clash> = Vec::new();
        for mode in MODES {
            let live: Vec<&Binding> = self
                .bindings
                .iter()
                .filter(|b| scopes(mode).contains(&b.scope))
                .collect();
            for (i, a) in live.iter().enumerate() {
                for b in &live[i + 1..] {
                    for key in a.keys.iter().filter(|key| b.keys.contains(key)) {
                        let clash = Clash {
                            key: *key,
                            first: (a.scope, a.name),
                            second: (b.scope, b.name),
                        };
                        if !out.contains(&clash) {
                            out.push(clash);
                        }
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_in_each_scope() {
        let map = Keymap::default();
        for scope in Scope::ALL {
            let names = map.names(scope);
            for (i, n) in names.iter().enumerate() {
                assert!(!names[i + 1..].contains(n), "{n} twice in {scope:?}");
            }
        }
    }

    /// Two actions never share a key in one scope. (A narrower scope may hide a key of
    /// a wider one on purpose; the configuration accepts exactly those.)
    #[test]
    fn the_builtin_keys_never_clash_in_one_scope() {
        let same_scope: Vec<Clash> = Keymap::default()
            .clashes()
            .into_iter()
            .filter(|c| c.first.0 == c.second.0)
            .collect();
        assert_eq!(same_scope, vec![]);
    }

    #[test]
    fn every_builtin_key_reads_back_from_its_config_name() {
        for b in Keymap::default().bindings() {
            for key in &b.keys {
                assert_eq!(Key::parse(&key.config_name()), Ok(*key), "{key:?}");
            }
        }
    }

    #[test]
    fn key_names_in_their_spellings() {
        let p = |s| Key::parse(s);
        assert_eq!(p("k"), Ok(k('k')));
        assert_eq!(p("G"), Ok(k('G')));
        assert_eq!(p("shift-g"), Ok(k('G')));
        assert_eq!(p("Ctrl-D"), Ok(ctrl('d')));
        assert_eq!(p("ctrl+space"), Ok(ctrl(' ')));
        assert_eq!(p("UP"), Ok(code(KeyCode::Up)));
        assert_eq!(p("PageDown"), Ok(code(KeyCode::PageDown)));
        assert_eq!(p("backtab"), Ok(code(KeyCode::BackTab)));
        assert_eq!(p("shift-tab"), Ok(code(KeyCode::BackTab)));
        assert_eq!(p("f12"), Ok(code(KeyCode::F(12))));
        assert_eq!(p(" "), Ok(code(KeyCode::Char(' '))));
        assert!(p("f13").is_err());
        assert!(p("alt-x").is_err());
        assert!(p("ctrl-").is_err());
        assert!(p("").is_err());
        assert!(p("\u{1b}").is_err());
        assert!(p("upp").unwrap_err().contains("upp"));
    }

    #[test]
    fn a_rebound_action_answers_to_its_new_keys_only() {
        let mut map = Keymap::default();
        assert!(map.rebind(Move, "down", vec![k('e'), code(KeyCode::Down)]));
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.action(Mode::Reader, press('e')), Some(Action::Down));
        assert_eq!(map.action(Mode::Reader, press('j')), None);
        assert!(!map.rebind(Move, "no-such-action", vec![]));
    }
}
