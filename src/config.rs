//! The user's configuration: `$XDG_CONFIG_HOME/brief/config.toml` (or the file given
//! with `--config`). It holds keys merged over the built-in table, the theme, and
//! defaults such as `mouse`. A file with any problem is refused whole, each problem
//! named with its line and column, so the reader never starts half-configured. The
//! reader only reads the file; `brief config --default` prints one to start from.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use crate::keymap::{KEY_NAMES_HELP, Key, Keymap, Scope};

/// A configuration larger than this is not one (and is not read into memory).
const MAX_SIZE: u64 = 1 << 20;

/// The colour themes, by the names the configuration uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeName {
    /// The terminal's own palette.
    #[default]
    Default,
    /// The palette's darker colours, for a light background.
    Light,
    /// The terminal's own foreground and background, bold and reverse video.
    HighContrast,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [
        ThemeName::Default,
        ThemeName::Light,
        ThemeName::HighContrast,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            ThemeName::Default => "the terminal's own 16 colours, for a dark background",
            ThemeName::Light => "the same in darker colours, for a light background",
            ThemeName::HighContrast => "bold and reverse video, no faint text, on any background",
        }
    }
}

/// What the configuration sets: the built-in behaviour when there is no file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub keys: Keymap,
    pub theme: ThemeName,
    pub mouse: bool,
}

/// A problem with the configuration, where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    /// Line and column, from 1; none when the file as a whole is the problem.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for Problem {
    /// `PATH:LINE:COLUMN: error: MESSAGE`, cleaned for the terminal: a path or a key
    /// name in the file may hold anything.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let path = crate::text::clean_line(&self.path.display().to_string()).into_owned();
        let message = crate::text::clean_line(&self.message).into_owned();
        match self.at {
            Some((line, column)) => write!(f, "{path}:{line}:{column}: error: {message}"),
            None => write!(f, "{path}: error: {message}"),
        }
    }
}

/// Where the configuration is when `--config` does not say: the XDG config folder
/// (`$XDG_CONFIG_HOME`, else `~/.config`), on every system but Windows.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("brief").join("config.toml"))
}

/// Reads the configuration from `given`, or from the default place. With no file at
/// the default place the built-in behaviour applies; a file given must exist.
pub fn load(given: Option<&Path>) -> Result<Config, Vec<Problem>> {
    let (path, required) = match given {
        Some(p) => (p.to_path_buf(), true),
        None => match default_path() {
            Some(p) => (p, false),
            None => return Ok(Config::default()),
        },
    };
    let whole = |message: String| {
        vec![Problem {
            path: path.clone(),
            at: None,
            message,
        }]
    };
    // Looked at before opening: a FIFO or a device would block or never end.
    match std::fs::metadata(&path) {
        Err(e)
            if !required
                && matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
        {
            return Ok(Config::default());
        }
        Err(e) => return Err(whole(format!("cannot be read: {}", io_reason(&e)))),
        Ok(m) if !m.is_file() => return Err(whole("is not a regular file".to_string())),
        Ok(m) if m.len() > MAX_SIZE => {
            return Err(whole(format!(
                "is {} bytes; a configuration is a few lines (at most 1 MiB)",
                m.len()
            )));
        }
        Ok(_) => {}
    }
    let bytes =
        std::fs::read(&path).map_err(|e| whole(format!("cannot be read: {}", io_reason(&e))))?;
    match String::from_utf8(bytes) {
        Ok(text) => parse(&path, &text),
        Err(e) => {
            let bytes = e.as_bytes();
            let good = e.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(&bytes[..good]);
            Err(vec![Problem {
                path: path.clone(),
                at: Some(line_column(&before, good)),
                message: "is not UTF-8 text; save the file as UTF-8".to_string(),
            }])
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// The file as TOML: every key optional, nothing else allowed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    theme: Option<Spanned<String>>,
    mouse: Option<bool>,
    keys: Option<BTreeMap<Spanned<String>, Spanned<Section>>>,
}

/// `[keys.SCOPE]`: action names and their keys.
type Section = BTreeMap<Spanned<String>, Spanned<KeyList>>;

/// The keys of one action: a list of key names (a single name is taken as a list of one).
enum KeyList {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyList, D::Error> {
        struct Names;
        impl<'de> Visitor<'de> for Names {
            type Value = KeyList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of key names, such as [\"k\", \"up\"]")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<KeyList, E> {
                Ok(KeyList::One(s.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyList, A::Error> {
                let mut out = Vec::new();
                while let Some(name) = seq.next_element::<Spanned<String>>()? {
                    out.push(name);
                }
                Ok(KeyList::Many(out))
            }
        }
        d.deserialize_any(Names)
    }
}

/// Where a key came from in the file, to point at it when it clashes.
struct Origin {
    scope: Scope,
    action: &'static str,
    key: Key,
    span: Range<usize>,
}

/// Reads a configuration's text. Every problem is collected, in the order of the file.
pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Problem>> {
    let at = |span: &Range<usize>, message: String| Problem {
        path: path.to_path_buf(),
        at: Some(line_column(text, span.start)),
        message,
    };
    let file: File = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        vec![at(&span, toml_message(e.message()))]
    })?;
    let mut problems: Vec<(Range<usize>, Problem)> = Vec::new();
    let mut report = |span: Range<usize>, message: String| {
        let p = at(&span, message);
        problems.push((span, p));
    };
    let mut config = Config {
        mouse: file.mouse.unwrap_or(false),
        ..Config::default()
    };
    if let Some(theme) = &file.theme {
        match ThemeName::ALL.iter().find(|t| t.name() == theme.get_ref()) {
            Some(t) => config.theme = *t,
            None => report(
                theme.span(),
                format!(
                    "there is no theme \u{201c}{}\u{201d}{}; the themes are {}",
                    theme.get_ref(),
                    did_you_mean(theme.get_ref(), ThemeName::ALL.iter().map(|t| t.name())),
                    names_list(ThemeName::ALL.iter().map(|t| t.name()))
                ),
            ),
        }
    }
    let mut origins: Vec<Origin> = Vec::new();
    for (section, table) in file.keys.iter().flatten() {
        let Some(scope) = Scope::from_name(section.get_ref()) else {
            report(
                section.span(),
                format!(
                    "there is no key section [keys.{}]{}; the sections are {}",
                    section.get_ref(),
                    did_you_mean(section.get_ref(), Scope::ALL.iter().map(|s| s.name())),
                    names_list(Scope::ALL.iter().map(|s| format!("[keys.{}]", s.name())))
                ),
            );
            continue;
        };
        for (action, list) in table.get_ref() {
            let names = config.keys.names(scope);
            let Some(&name) = names.iter().find(|n| **n == action.get_ref()) else {
                report(
                    action.span(),
                    unknown_action(&config.keys, scope, action.get_ref()),
                );
                continue;
            };
            let named: Vec<(String, Range<usize>)> = match list.get_ref() {
                KeyList::One(s) => vec![(s.clone(), list.span())],
                KeyList::Many(v) => v.iter().map(|s| (s.get_ref().clone(), s.span())).collect(),
            };
            let mut keys = Vec::new();
            for (key_name, span) in named {
                match Key::parse(&key_name) {
                    Err(why) => report(span, format!("{why}; a key is {KEY_NAMES_HELP}")),
                    Ok(key) if scope.is_typing() && key.is_text() => report(
                        span,
                        format!(
                            "\u{201c}{key_name}\u{201d} is typed as text in [keys.{}]; \
                             use a ctrl- key or a named key such as enter",
                            scope.name()
                        ),
                    ),
                    Ok(key) => {
                        origins.push(Origin {
                            scope,
                            action: name,
                            key,
                            span,
                        });
                        keys.push(key);
                    }
                }
            }
            if keys.is_empty() && scope == Scope::Global && name == "quit" {
                report(
                    list.span(),
                    "quit needs at least one key, or the reader could not be left".to_string(),
                );
            }
            config.keys.rebind(scope, name, keys);
        }
    }
    // A more specific scope may hide a key of a wider one on purpose in the built-in
    // table (the reader's own `q`); only what the file adds is a mistake.
    let built_in = Keymap::builtin().clashes();
    for clash in config.keys.clashes() {
        if built_in.contains(&clash) {
            continue;
        }
        let find = |(scope, action): (Scope, &str)| {
            origins
                .iter()
                .find(|o| o.scope == scope && o.action == action && o.key == clash.key)
        };
        let (first, second) = (find(clash.first), find(clash.second));
        // Point at the later of the two in the file.
        let here = match (first, second) {
            (Some(a), Some(b)) => {
                if a.span.start > b.span.start {
                    a
                } else {
                    b
                }
            }
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => continue,
        };
        let describe = |(scope, action): (Scope, &str), origin: Option<&Origin>| {
            let whence = match origin {
                Some(o) => format!("line {}", line_column(text, o.span.start).0),
                None => "built in".to_string(),
            };
            format!("{action} ([keys.{}], {whence})", scope.name())
        };
        report(
            here.span.clone(),
            format!(
                "\u{201c}{}\u{201d} is bound to both {} and {}, which apply at the same \
                 time; give one of them another key",
                clash.key.config_name(),
                describe(clash.first, first),
                describe(clash.second, second)
            ),
        );
    }
    if problems.is_empty() {
        Ok(config)
    } else {
        problems.sort_by_key(|(span, _)| span.start);
        Err(problems.into_iter().map(|(_, p)| p).collect())
    }
}

/// What to say of an action name a section does not have.
fn unknown_action(keys: &Keymap, scope: Scope, action: &str) -> String {
    let here = keys.names(scope);
    let elsewhere: Vec<&str> = Scope::ALL
        .into_iter()
        .filter(|s| *s != scope && keys.names(*s).contains(&action))
        .map(|s| s.name())
        .collect();
    let mut msg = format!(
        "there is no action \u{201c}{action}\u{201d} in [keys.{}]",
        scope.name()
    );
    if let Some(s) = elsewhere.first() {
        msg.push_str(&format!("; it is in [keys.{s}]"));
    } else if here.is_empty() {
        msg.push_str("; no action has keys of its own there");
    } else {
        msg.push_str(&did_you_mean(action, here.iter().copied()));
        msg.push_str(&format!(
            "; the actions there are {}",
            names_list(here.iter().copied())
        ));
    }
    msg
}

/// `" (did you mean “light”?)"` when one name is close, else nothing.
fn did_you_mean<S: AsRef<str>>(wrong: &str, names: impl Iterator<Item = S>) -> String {
    names
        .map(|n| {
            (
                strsim::damerau_levenshtein(wrong, n.as_ref()),
                n.as_ref().to_string(),
            )
        })
        .filter(|(d, n)| *d <= 2 && *d < n.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| format!(" (did you mean \u{201c}{n}\u{201d}?)"))
        .unwrap_or_default()
}

fn names_list<S: AsRef<str>>(names: impl Iterator<Item = S>) -> String {
    names
        .map(|n| n.as_ref().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// toml's messages, in the words of this file: its fields are called keys.
fn toml_message(m: &str) -> String {
    let m = m.trim_end_matches('\n').trim_end_matches('.');
    match m.strip_prefix("unknown field ") {
        Some(rest) => format!("unknown setting {rest}",)
            .replace(", expected one of", "; the settings are")
            .replace(", expected", "; the setting is"),
        None => m.to_string(),
    }
}

/// Line and column (from 1, the column in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// A TOML string: quoted, with `"` and `\` and control characters escaped.
fn quoted(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The built-in configuration as a file, with comments: it reads back as exactly the
/// built-in behaviour.
pub fn default_text() -> String {
    let builtin = Config::default();
    let mut out = String::new();
    let themes: Vec<String> = ThemeName::ALL
        .iter()
        .map(|t| format!("#   {:<15} {}", quoted(t.name()), t.describe()))
        .collect();
    out.push_str(&format!(
        "\
# brief's configuration.
#
# brief reads it from $XDG_CONFIG_HOME/brief/config.toml (~/.config/brief/config.toml),
# or from the file given with `brief --config PATH`. It never writes it.
# Everything here is the built-in behaviour: keep only what you change.

# Colours:
{}
# NO_COLOR set to anything but empty turns every colour off, whatever the theme;
# nothing is lost, since no state is shown by colour alone.
theme = {}

# Let the mouse click and scroll (turns off the terminal's own text selection).
# `brief --mouse` and `brief --no-mouse` choose for one run.
mouse = {}

# Keys. Each action takes a list of keys, which replaces its built-in keys; an action
# not named keeps its own, and [] leaves it without a key.
# A key is a character (\"k\", \"G\", \"/\"), \"ctrl-\" and a letter (\"ctrl-d\"), or one of
# up, down, left, right, enter, esc, tab, shift-tab, space, backspace, delete,
# insert, home, end, pgup, pgdn, f1 to f12.
# A key does one thing where it applies: two actions in one section, or in sections
# that apply together (in the panes: reader, move, browse and global), cannot share
# it, except where the built-in keys do so on purpose (q quits from the panes and
# steps back elsewhere). Help (?) and the hint bar show the keys in force.
",
        themes.join("\n"),
        quoted(builtin.theme.name()),
        builtin.mouse,
    ));
    for scope in Scope::ALL {
        if builtin.keys.names(scope).is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n[keys.{}]\n# {}\n",
            scope.name(),
            scope.describe()
        ));
        for b in builtin.keys.bindings().iter().filter(|b| b.scope == scope) {
            let keys: Vec<String> = b.keys.iter().map(|k| quoted(&k.config_name())).collect();
            let line = format!("{} = [{}]", b.name, keys.join(", "));
            out.push_str(&format!("{line:<36} # {}\n", b.help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\n\u{e9}t\u{e9} = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // After "été" (two 2-byte characters and one 1-byte).
        assert_eq!(line_column(text, 11), (2, 4));
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn a_close_name_is_suggested() {
        assert!(did_you_mean("ligth", ThemeName::ALL.iter().map(|t| t.name())).contains("light"));
        assert_eq!(did_you_mean("zzzzzzz", ["quit", "help"].iter()), "");
    }
}
