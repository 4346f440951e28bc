//! Every theme, with colour and with `NO_COLOR`, drawn on a screen that shows each
//! state at once: the focused pane, selected rows, search matches, the actor filter,
//! paraphrases, priorities and confidence. The checks read only each cell's symbol and
//! its modifiers (bold, reverse, underline, italic), never its colour: what they find
//! is what a reader without colour sees.

mod ui_common;

use brief::app::{Action, App, Pane};
use brief::config::ThemeName;
use brief::keymap::Keymap;
use brief::ui::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ui_common::{draw_with, type_text, wannacry};

const W: u16 = 160;
const H: u16 = 50;

/// WannaCry filtered to Tom Bossert, searched for "keyboard": the search moves the
/// focus and the cursor to a match in the Quotes pane.
fn scene() -> App {
    let mut app = wannacry();
    app.select_actors_by_name(&["Tom Bossert".into()]);
    app.update(Action::Search);
    type_text(&mut app, "keyboard");
    app.update(Action::Apply);
    app
}

fn themes() -> Vec<(String, Theme, bool)> {
    let mut out = Vec::new();
    for name in ThemeName::ALL {
        for no_color in [false, true] {
            let label = format!("{}{}", name.name(), if no_color { " NO_COLOR" } else { "" });
            out.push((label, Theme::for_terminal(name, no_color), no_color));
        }
    }
    out
}

fn text(buf: &Buffer, y: u16, xs: std::ops::Range<u16>) -> String {
    xs.map(|x| buf[(x, y)].symbol()).collect()
}

fn inner(r: Rect) -> Rect {
    Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2)
}

fn has(buf: &Buffer, x: u16, y: u16, m: Modifier) -> bool {
    buf[(x, y)].modifier.contains(m)
}

#[test]
fn every_state_shows_without_colour_in_every_theme() {
    for (label, theme, no_color) in themes() {
        let mut app = scene();
        let t = draw_with(&mut app, W, H, &theme, Keymap::builtin());
        let buf = t.backend().buffer();
        let l = brief::ui::layout(&app, Rect::new(0, 0, W, H));
        assert_eq!(
            app.focus(),
            Pane::Quotes,
            "{label}: the search moved the focus"
        );
        let rect = |p: Pane| l.panes.iter().find(|(q, _)| *q == p).unwrap().1;

        // Focus: a thick border and a marker on the focused pane only.
        for (pane, r) in &l.panes {
            let corner = buf[(r.x, r.y)].symbol();
            let title = text(buf, r.y, r.x..r.right());
            if *pane == app.focus() {
                assert_eq!(corner, "┏", "{label}: focused {pane:?}");
                assert!(title.contains('▶'), "{label}: {title}");
            } else {
                assert_eq!(corner, "┌", "{label}: {pane:?} looks focused");
                assert!(!title.contains('▶'), "{label}: {title}");
            }
        }

        // Selection: one bar per list; the focused list's selected row is in reverse
        // video (all but its match), and no other row of that list is.
        for pane in [
            Pane::Actors,
            Pane::Timeline,
            Pane::Quotes,
            Pane::Implications,
        ] {
            let r = inner(rect(pane));
            let bars: Vec<u16> = (r.y..r.bottom())
                .filter(|&y| buf[(r.x, y)].symbol() == "▌")
                .collect();
            assert_eq!(bars.len(), 1, "{label}: {pane:?} selection bars {bars:?}");
            if pane == app.focus() {
                // The selected row, however many lines it takes (a focused quote is
                // shown whole), is the one block of reversed lines, from the bar on.
                let reversed: Vec<u16> = (r.y..r.bottom())
                    .filter(|&y| (r.x + 1..r.right()).any(|x| has(buf, x, y, Modifier::REVERSED)))
                    .collect();
                assert_eq!(reversed.first(), Some(&bars[0]), "{label}: {reversed:?}");
                let expected: Vec<u16> = (bars[0]..bars[0] + reversed.len() as u16).collect();
                assert_eq!(reversed, expected, "{label}: reversed lines not one block");
                for &y in &reversed {
                    assert!(
                        (r.x + 1..r.right())
                            .filter(|&x| !has(buf, x, y, Modifier::UNDERLINED))
                            .all(|x| has(buf, x, y, Modifier::REVERSED)),
                        "{label}: line {y} of the selected row is not reversed throughout"
                    );
                }
            } else {
                let y = bars[0];
                assert!(
                    (r.x + 1..r.right()).all(|x| has(buf, x, y, Modifier::BOLD)),
                    "{label}: the selected row of {pane:?} is not bold"
                );
            }
        }

        // Search matches: underlined, and nothing else is.
        let mut runs: Vec<String> = Vec::new();
        for y in 0..H {
            let mut run = String::new();
            for x in 0..W {
                if has(buf, x, y, Modifier::UNDERLINED) {
                    run.push_str(buf[(x, y)].symbol());
                } else if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
            if !run.is_empty() {
                runs.push(run);
            }
        }
        assert!(!runs.is_empty(), "{label}: no match on screen");
        for run in &runs {
            assert_eq!(
                run.to_lowercase(),
                "keyboard",
                "{label}: underlined {run:?}"
            );
        }

        // The actor filter: a check mark on the chosen actor only, and words below.
        let r = inner(rect(Pane::Actors));
        let checked: Vec<String> = (r.y..r.bottom())
            .map(|y| text(buf, y, r.x..r.right()))
            .filter(|row| row.contains('✓'))
            .collect();
        assert_eq!(checked.len(), 1, "{label}: {checked:?}");
        assert!(checked[0].contains("Tom Bossert"), "{label}: {checked:?}");
        let status = text(buf, H - 2, 0..W);
        assert!(status.contains("Actor: Tom Bossert"), "{label}: {status}");

        // Paraphrase: labelled and in italics; a verbatim quote is neither.
        let r = inner(rect(Pane::Quotes));
        let (mut para, mut verbatim) = (0, 0);
        for y in r.y..r.bottom() {
            let row = text(buf, y, r.x..r.right());
            let words = r.x + 3..r.right() - 1;
            let italic = words.clone().any(|x| has(buf, x, y, Modifier::ITALIC));
            if let Some(at) = row.find("≈ paraphrase: ") {
                para += 1;
                let start = r.x + row[..at].chars().count() as u16 + 14;
                assert!(
                    has(buf, start, y, Modifier::ITALIC),
                    "{label}: paraphrase not in italics: {row}"
                );
            } else if row.trim_start_matches(['▌', ' ']).starts_with('“') {
                verbatim += 1;
                assert!(!italic, "{label}: a verbatim quote in italics: {row}");
            }
        }
        assert!(para > 0 && verbatim > 0, "{label}: {para} {verbatim}");

        // Priority and confidence are words; a high priority is bold too.
        let r = inner(rect(Pane::Implications));
        let rows: Vec<String> = (r.y..r.bottom())
            .map(|y| text(buf, y, r.x..r.right()))
            .collect();
        let high = rows.iter().position(|row| row.contains("HIGH ")).unwrap();
        let x = r.x + rows[high].find("HIGH").unwrap() as u16;
        assert!(has(buf, x, r.y + high as u16, Modifier::BOLD), "{label}");
        assert!(
            rows.iter().any(|row| row.contains(" confidence]")),
            "{label}"
        );

        // Colours: none at all with NO_COLOR; otherwise only the terminal's palette.
        for cell in buf.content() {
            if no_color {
                assert_eq!(
                    (cell.fg, cell.bg, cell.underline_color),
                    (Color::Reset, Color::Reset, Color::Reset),
                    "{label}: a coloured cell {:?}",
                    cell.symbol()
                );
            } else {
                for c in [cell.fg, cell.bg] {
                    assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{label}");
                }
            }
        }
    }
}

/// The default theme's colours sit on top of that emphasis: a match keeps its own
/// colours inside the selected row instead of vanishing into the bar.
#[test]
fn a_match_in_the_selected_row_keeps_its_colours() {
    let theme = Theme::DEFAULT;
    let mut app = scene();
    let t = draw_with(&mut app, W, H, &theme, Keymap::builtin());
    let buf = t.backend().buffer();
    let l = brief::ui::layout(&app, Rect::new(0, 0, W, H));
    let r = inner(l.panes.iter().find(|(p, _)| *p == Pane::Quotes).unwrap().1);
    let bar = (r.y..r.bottom())
        .find(|&y| buf[(r.x, y)].symbol() == "▌")
        .unwrap();
    // The quote's words are on the row after its speaker's.
    let matched: Vec<_> = (r.x..r.right())
        .map(|x| &buf[(x, bar + 1)])
        .filter(|c| c.modifier.contains(Modifier::UNDERLINED))
        .collect();
    assert_eq!(matched.len(), "keyboard".len());
    for c in matched {
        assert_eq!((c.fg, c.bg), (Color::Black, Color::Yellow));
        assert!(!c.modifier.contains(Modifier::REVERSED));
    }
}
