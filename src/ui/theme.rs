//! Colours and emphasis in one place. Meaning never rests on colour alone: focus has a
//! thick border and a marker, the selection a bar, matches are underlined too.

use ratatui::style::{Color, Modifier, Style};

pub struct Theme;

impl Theme {
    pub const TEXT: Style = Style::new();
    pub const DIM: Style = Style::new().fg(Color::DarkGray);
    pub const LABEL: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
    pub const BORDER: Style = Style::new().fg(Color::DarkGray);
    pub const FOCUS: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    pub const SELECTED: Style = Style::new().bg(Color::Rgb(40, 48, 64));
    pub const SELECTED_MARK: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    pub const SELECTED_PATCH: Style = Style::new().add_modifier(Modifier::BOLD);
    pub const MATCH: Style = Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::UNDERLINED);
    pub const DATE: Style = Style::new().fg(Color::Yellow);
    pub const ACTOR: Style = Style::new().fg(Color::Green);
    pub const QUOTE: Style = Style::new();
    pub const PARAPHRASE: Style = Style::new().add_modifier(Modifier::ITALIC).fg(Color::Gray);
    pub const MARKING: Style = Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD);
    pub const HIGH: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
    pub const MEDIUM: Style = Style::new().fg(Color::Yellow);
    pub const LOW: Style = Style::new().fg(Color::Gray);
    pub const EVENT: Style = Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD);
    pub const BAR: Style = Style::new().bg(Color::Rgb(30, 30, 30));
    pub const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    pub const ERROR: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
    pub const CHOSEN: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
    /// New or changed since last read (with a mark: `●`, `◐`).
    pub const NEW: Style = Style::new()
        .fg(Color::LightBlue)
        .add_modifier(Modifier::BOLD);

    /// Whether a span carries the search highlight.
    pub fn is_match(style: Style) -> bool {
        style.bg == Theme::MATCH.bg && style.add_modifier.contains(Modifier::UNDERLINED)
    }
}
