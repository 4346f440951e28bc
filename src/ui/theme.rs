//! Colours and emphasis, one [`Theme`] passed to all drawing.
//!
//! Meaning never rests on colour alone, in any theme: focus has a thick border and a
//! marker, the selected row a bar (reverse video in the focused list), a search match
//! is underlined (and nothing else is), the actor filter a check mark, a paraphrase its
//! label and italics, priority and confidence their words. So `NO_COLOR`, which takes
//! every colour away, loses no information.
//!
//! Colours come only from the terminal's own palette (the 16 ANSI colours and its
//! default foreground and background), never fixed RGB values, so they follow the
//! user's terminal theme.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    /// Secondary text: counts, details, hints.
    pub dim: Style,
    pub label: Style,
    pub title: Style,
    pub border: Style,
    /// The focused pane's border and title.
    pub focus: Style,
    /// The selected row of the focused list, drawn over everything but a match.
    pub selected: Style,
    /// The selected row of a list without focus: where the cursor comes back to.
    pub selected_idle: Style,
    /// The bar in front of a selected row.
    pub selected_mark: Style,
    /// A search match. Every theme underlines it, and underlines nothing else.
    pub matched: Style,
    pub date: Style,
    pub actor: Style,
    pub quote: Style,
    pub paraphrase: Style,
    /// A classification marking, such as `EXERCISE`.
    pub marking: Style,
    pub high: Style,
    pub medium: Style,
    pub low: Style,
    pub event: Style,
    /// The title and status bars.
    pub bar: Style,
    pub key: Style,
    pub error: Style,
    /// What the actor or tag filter chose.
    pub chosen: Style,
    /// New or changed since last read; always with its mark (`●`, `◐`).
    pub new: Style,
}

const fn fg(c: Color) -> Style {
    Style::new().fg(c)
}
const fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

impl Theme {
    /// The terminal's own palette, for a dark background (and readable on a light one).
    pub const DEFAULT: Theme = Theme {
        text: Style::new(),
        dim: fg(Color::DarkGray),
        label: fg(Color::Cyan).add_modifier(Modifier::BOLD),
        title: bold(),
        border: fg(Color::DarkGray),
        focus: fg(Color::Cyan).add_modifier(Modifier::BOLD),
        selected: Style::new()
            .fg(Color::Reset)
            .bg(Color::Reset)
            .add_modifier(Modifier::REVERSED),
        selected_idle: bold(),
        selected_mark: fg(Color::Cyan).add_modifier(Modifier::BOLD),
        matched: Style::new()
            .fg(Color::Black)
            .bg(Color::Yellow)
            .add_modifier(Modifier::UNDERLINED.union(Modifier::BOLD)),
        date: fg(Color::Yellow),
        actor: fg(Color::Green),
        quote: Style::new(),
        paraphrase: Style::new().add_modifier(Modifier::ITALIC),
        marking: Style::new()
            .fg(Color::Black)
            .bg(Color::Yellow)
            .add_modifier(Modifier::BOLD),
        high: fg(Color::Red).add_modifier(Modifier::BOLD),
        medium: fg(Color::Yellow),
        low: Style::new(),
        event: fg(Color::Magenta).add_modifier(Modifier::BOLD),
        bar: Style::new(),
        key: fg(Color::Cyan).add_modifier(Modifier::BOLD),
        error: fg(Color::Red).add_modifier(Modifier::BOLD),
        chosen: fg(Color::Green).add_modifier(Modifier::BOLD),
        new: fg(Color::LightBlue).add_modifier(Modifier::BOLD),
    };

    /// For a light background: the default's accents in the palette's darker colours
    /// (no yellow, cyan or green text, which fade on white).
    pub const LIGHT: Theme = Theme {
        label: fg(Color::Blue).add_modifier(Modifier::BOLD),
        focus: fg(Color::Blue).add_modifier(Modifier::BOLD),
        selected_mark: fg(Color::Blue).add_modifier(Modifier::BOLD),
        matched: Style::new()
            .fg(Color::Black)
            .bg(Color::LightYellow)
            .add_modifier(Modifier::UNDERLINED.union(Modifier::BOLD)),
        date: fg(Color::Magenta),
        actor: fg(Color::Blue),
        medium: fg(Color::Magenta),
        event: fg(Color::Magenta).add_modifier(Modifier::BOLD),
        key: fg(Color::Blue).add_modifier(Modifier::BOLD),
        chosen: fg(Color::Blue).add_modifier(Modifier::BOLD),
        new: fg(Color::Blue).add_modifier(Modifier::BOLD),
        ..Theme::DEFAULT
    };

    /// Most contrast on any background: the terminal's own foreground and background,
    /// bold and reverse video; no faint text; colour only as black on bright yellow.
    pub const HIGH_CONTRAST: Theme = Theme {
        text: Style::new(),
        dim: Style::new(),
        label: bold(),
        title: bold(),
        border: Style::new(),
        focus: bold(),
        selected: Style::new()
            .fg(Color::Reset)
            .bg(Color::Reset)
            .add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
        selected_idle: bold(),
        selected_mark: bold(),
        matched: Style::new()
            .fg(Color::Black)
            .bg(Color::LightYellow)
            .add_modifier(Modifier::UNDERLINED.union(Modifier::BOLD)),
        date: Style::new(),
        // Plain, so that the actors the filter chose stand out in bold.
        actor: Style::new(),
        quote: Style::new(),
        paraphrase: Style::new().add_modifier(Modifier::ITALIC),
        marking: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
        high: bold(),
        medium: Style::new(),
        low: Style::new(),
        event: bold(),
        bar: Style::new(),
        key: bold(),
        error: bold(),
        chosen: bold(),
        new: bold(),
    };

    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Default => Theme::DEFAULT,
            ThemeName::Light => Theme::LIGHT,
            ThemeName::HighContrast => Theme::HIGH_CONTRAST,
        }
    }

    /// The theme to draw with: `NO_COLOR` (any value but empty) takes every colour out.
    pub fn for_terminal(name: ThemeName, no_color: bool) -> Theme {
        let theme = Theme::named(name);
        if no_color {
            theme.without_colour()
        } else {
            theme
        }
    }

    /// The same emphasis with no colour at all. What a background colour set apart (a
    /// match, a marking) is set apart by reverse video instead.
    pub fn without_colour(self) -> Theme {
        let plain = |s: Style| {
            let mut out = Style::new()
                .add_modifier(s.add_modifier)
                .remove_modifier(s.sub_modifier);
            if matches!(s.bg, Some(c) if c != Color::Reset) {
                out = out.add_modifier(Modifier::REVERSED);
            }
            out
        };
        Theme {
            text: plain(self.text),
            dim: plain(self.dim),
            label: plain(self.label),
            title: plain(self.title),
            border: plain(self.border),
            focus: plain(self.focus),
            selected: plain(self.selected),
            selected_idle: plain(self.selected_idle),
            selected_mark: plain(self.selected_mark),
            matched: plain(self.matched),
            date: plain(self.date),
            actor: plain(self.actor),
            quote: plain(self.quote),
            paraphrase: plain(self.paraphrase),
            marking: plain(self.marking),
            high: plain(self.high),
            medium: plain(self.medium),
            low: plain(self.low),
            event: plain(self.event),
            bar: plain(self.bar),
            key: plain(self.key),
            error: plain(self.error),
            chosen: plain(self.chosen),
            new: plain(self.new),
        }
    }

    /// Whether a span carries the search highlight: underline, which in every theme
    /// marks a match and nothing else.
    pub fn is_match(&self, style: Style) -> bool {
        style.add_modifier.contains(Modifier::UNDERLINED)
    }

    /// Every style with its field name, for checks that hold across themes.
    pub fn styles(&self) -> [(&'static str, Style); 24] {
        [
            ("text", self.text),
            ("dim", self.dim),
            ("label", self.label),
            ("title", self.title),
            ("border", self.border),
            ("focus", self.focus),
            ("selected", self.selected),
            ("selected_idle", self.selected_idle),
            ("selected_mark", self.selected_mark),
            ("matched", self.matched),
            ("date", self.date),
            ("actor", self.actor),
            ("quote", self.quote),
            ("paraphrase", self.paraphrase),
            ("marking", self.marking),
            ("high", self.high),
            ("medium", self.medium),
            ("low", self.low),
            ("event", self.event),
            ("bar", self.bar),
            ("key", self.key),
            ("error", self.error),
            ("chosen", self.chosen),
            ("new", self.new),
        ]
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<(&'static str, Theme)> {
        let mut out = Vec::new();
        for name in ThemeName::ALL {
            out.push((name.name(), Theme::named(name)));
            out.push((name.name(), Theme::for_terminal(name, true)));
        }
        out
    }

    /// Only the 16 ANSI colours and the terminal's defaults: never RGB or the 256-colour
    /// cube, whose fixed values ignore the user's palette.
    #[test]
    fn colours_come_from_the_terminal_palette() {
        for (name, theme) in all() {
            for (field, s) in theme.styles() {
                for c in [s.fg, s.bg, s.underline_color].into_iter().flatten() {
                    assert!(
                        !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                        "{name}.{field} uses {c:?}"
                    );
                }
            }
        }
    }

    /// Underline marks a search match and nothing else, so the selected row can leave
    /// matches as they are, and a match shows without colour.
    #[test]
    fn only_a_match_is_underlined() {
        for (name, theme) in all() {
            for (field, s) in theme.styles() {
                let underlined = s.add_modifier.contains(Modifier::UNDERLINED);
                assert_eq!(underlined, field == "matched", "{name}.{field}");
            }
        }
    }

    #[test]
    fn no_color_leaves_no_colour_and_keeps_emphasis() {
        for name in ThemeName::ALL {
            let plain = Theme::for_terminal(name, true);
            for (field, s) in plain.styles() {
                assert_eq!(
                    (s.fg, s.bg, s.underline_color),
                    (None, None, None),
                    "{field}"
                );
            }
            assert!(plain.selected.add_modifier.contains(Modifier::REVERSED));
            assert!(plain.matched.add_modifier.contains(Modifier::REVERSED));
            assert!(plain.paraphrase.add_modifier.contains(Modifier::ITALIC));
        }
    }
}
