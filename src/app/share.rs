//! What leaves the reader: the selected item copied with its citation (`y`) or whole
//! as text (`Y`), its source opened in the browser after a confirmation (`o`), and
//! what is on screen exported to a Markdown file (`e`).
//!
//! The reader only decides what to hand over, as an [`Effect`]; the terminal loop
//! carries it out (the clipboard goes through the terminal, see `tui`), so the
//! reader's state stays free of input and output.

use std::collections::BTreeSet;

use super::{Action, App, Notice, Overlay};
use crate::citation;
use crate::export::{self, Memo, Part};
use crate::library::lists::{ListKind, ListRow};
use crate::library::{Item, TimelineRow};
use crate::model::Briefing;

/// Something for the terminal loop to do on the reader's behalf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard, through the terminal (OSC 52).
    Copy(String),
    /// Open this web address (http or https, checked) in the browser.
    Open(String),
    /// Write this Markdown to a new file in the current folder, named from `stem`.
    Export { stem: String, markdown: String },
}

/// A web address the reader may hand to the browser: http or https, and nothing in
/// it that the screen would show differently from what is opened.
pub fn openable(url: &str) -> Result<&str, String> {
    let url = url.trim();
    let scheme = url.split_once(':').map_or("", |(s, _)| s);
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        let shown = crate::text::clean_line(scheme);
        return Err(if shown.is_empty() {
            "Only http and https addresses are opened; this one has no scheme".to_string()
        } else {
            format!("Only http and https addresses are opened, not {shown}:")
        });
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("This address holds spaces or control characters; it is not opened".into());
    }
    if crate::text::clean_line(url) != url {
        return Err("This address holds invisible characters; it is not opened".into());
    }
    Ok(url)
}

impl App {
    /// The item the keys act on: the one open in full, the row of a full-screen
    /// list, or the row of the focused pane.
    pub fn selected_item(&self) -> Option<Item> {
        match &self.overlay {
            Some(Overlay::Detail { item, .. }) => return Some(*item),
            Some(_) => return None,
            None => {}
        }
        match &self.screen {
            Some(s) => s.rows.item(s.cursor),
            None => self.item_at_cursor(self.focus),
        }
    }

    /// What the terminal loop is to do for the reader, once: taking it clears it.
    pub fn take_effect(&mut self) -> Option<Effect> {
        self.effect.take()
    }

    /// The terminal loop says how an effect went, for the status bar.
    pub fn effect_done(&mut self, notice: String) {
        self.notice = Some(Notice::from(notice));
    }

    /// `y`, `Y`, `o`, `e` and the answer to the confirmation of `o`.
    pub(super) fn update_share(&mut self, action: Action) {
        if let Some(Overlay::Confirm(url)) = &self.overlay {
            let url = url.clone();
            self.overlay = None;
            match action {
                // Only an address the last frame showed whole is opened.
                Action::Apply if !self.view.showed_whole(&url) => {
                    self.notice = Some(Notice::from(
                        "Not opened: the window is too small to show the whole address".to_string(),
                    ))
                }
                Action::Apply => self.effect = Some(Effect::Open(url)),
                Action::Quit => self.quit = true,
                _ => self.notice = Some(Notice::from("Not opened".to_string())),
            }
            return;
        }
        match action {
            Action::Copy => self.copy(false),
            Action::CopyText => self.copy(true),
            Action::OpenSource => self.ask_to_open(),
            Action::Export => self.export_view(),
            _ => {}
        }
    }

    fn copy(&mut self, whole: bool) {
        let Some(item) = self.selected_item() else {
            self.notice = Some(Notice::from("Nothing selected to copy".to_string()));
            return;
        };
        let lib = &self.library;
        let (what, text) = match item {
            Item::Quote(b, i) => {
                let br = &lib.briefings[b];
                let q = &br.quotes[i];
                let what = if q.paraphrase { "paraphrase" } else { "quote" };
                let text = if whole {
                    export::quote_lines(br, i).join("\n")
                } else {
                    citation::quote(br, q)
                };
                (what, text)
            }
            Item::Entry(b, i) => {
                let br = &lib.briefings[b];
                let text = if whole {
                    export::entry_lines(br, i).join("\n")
                } else {
                    citation::entry(br, &br.timeline[i])
                };
                ("timeline entry", text)
            }
            Item::Implication(b, i) => {
                let br = &lib.briefings[b];
                let text = if whole {
                    export::implication_lines(br, i).join("\n")
                } else {
                    citation::implication(br, &br.implications[i])
                };
                ("implication", text)
            }
            Item::Event(b) => {
                let br = &lib.briefings[b];
                let text = if whole {
                    export::event_lines(br).join("\n")
                } else {
                    citation::event(br)
                };
                ("event", text)
            }
            Item::Actor(b, i) => {
                let br = &lib.briefings[b];
                let text = if whole {
                    export::actor_lines(br, i).join("\n")
                } else {
                    citation::speaker(br, &br.actors[i].id)
                };
                ("actor", text)
            }
            Item::Briefing(b) => {
                let br = &lib.briefings[b];
                let text = if whole {
                    export::plain_text(br)
                } else {
                    citation::briefing(br)
                };
                ("briefing", text)
            }
            Item::Failed(_) | Item::Warning(_) => {
                self.notice = Some(Notice::from(
                    "A file with errors has nothing to copy".to_string(),
                ));
                return;
            }
        };
        let how = if whole {
            "as text"
        } else {
            "with its citation"
        };
        let first = text.lines().next().unwrap_or("");
        self.notice = Some(Notice::from(format!("Copied the {what} {how}: {first}")));
        self.effect = Some(Effect::Copy(text));
    }

    fn ask_to_open(&mut self) {
        let Some(item) = self.selected_item() else {
            self.notice = Some(Notice::from("Nothing selected".to_string()));
            return;
        };
        let lib = &self.library;
        let (br, source) = match item {
            Item::Quote(b, i) => (
                &lib.briefings[b],
                lib.briefings[b].quotes[i].source.as_deref(),
            ),
            Item::Entry(b, i) => (
                &lib.briefings[b],
                lib.briefings[b].timeline[i].source.as_deref(),
            ),
            Item::Briefing(b) => {
                let br = &lib.briefings[b];
                let with_url: Vec<&str> = br
                    .sources
                    .iter()
                    .filter(|s| s.url.is_some())
                    .map(|s| s.id.as_str())
                    .collect();
                match with_url.as_slice() {
                    [one] => (br, Some(*one)),
                    [] => (br, None),
                    _ => {
                        self.notice = Some(Notice::from(
                            "This briefing has several sources: open one from a quote or a timeline entry"
                                .to_string(),
                        ));
                        return;
                    }
                }
            }
            _ => {
                self.notice = Some(Notice::from(
                    "Only a quote, a timeline entry or a briefing names a source".to_string(),
                ));
                return;
            }
        };
        let Some(id) = source else {
            self.notice = Some(Notice::from("This item names no source".to_string()));
            return;
        };
        let Some(url) = br.source(id).and_then(|s| s.url.as_ref()) else {
            self.notice = Some(Notice::from(format!(
                "Its source, {}, gives no web address",
                citation::source(br, id)
            )));
            return;
        };
        match openable(url.raw()) {
            Ok(url) => self.open_overlay(Overlay::Confirm(url.to_string())),
            Err(why) => self.notice = Some(Notice::from(why)),
        }
    }

    fn export_view(&mut self) {
        let lib = &self.library;
        let names = |set: &BTreeSet<usize>| -> Vec<String> {
            set.iter()
                .filter_map(|&a| lib.actors.get(a))
                .map(|a| a.name.clone())
                .collect()
        };
        let (stem, markdown) = match self.screen.as_ref().map(|s| (s.kind, &s.rows)) {
            Some((ListKind::Errors, _)) => {
                self.notice = Some(Notice::from(
                    "Files with errors are not exported; `brief check` lists them".to_string(),
                ));
                return;
            }
            Some((ListKind::WhatsNew, _)) => {
                self.notice = Some(Notice::from(
                    "What's new is not exported; go to an item (Enter) to copy or export it"
                        .to_string(),
                ));
                return;
            }
            Some((ListKind::Dossier(actor), _)) => {
                let Some(la) = lib.actors.get(actor) else {
                    return;
                };
                let memo = export::select(lib, &BTreeSet::from([actor]), &[]);
                (format!("dossier-{}", la.name), export::markdown(&memo))
            }
            Some((ListKind::Timeline, rows)) => {
                let entries: Vec<(&Briefing, usize)> = rows
                    .iter()
                    .filter_map(|r| match r {
                        ListRow::Item(Item::Entry(b, i)) => Some((&lib.briefings[b], i)),
                        _ => None,
                    })
                    .collect();
                let mut filters = Vec::new();
                if !self.filters.actors.is_empty() {
                    filters.push(format!(
                        "what involves {}",
                        names(&self.filters.actors).join(" or ")
                    ));
                }
                if !self.filters.tags.is_empty() {
                    let tags: Vec<&str> = self.filters.tags.iter().map(String::as_str).collect();
                    filters.push(format!("briefings tagged {}", tags.join(" or ")));
                }
                if self.searching() {
                    filters.push(format!(
                        "entries matching \u{201c}{}\u{201d}",
                        crate::text::clean_line(self.filters.query.text())
                    ));
                }
                (
                    "library-timeline".to_string(),
                    export::timeline_markdown(&entries, &filters),
                )
            }
            None => {
                let Some(b) = self.current else {
                    self.notice = Some(Notice::from("No briefing to export".to_string()));
                    return;
                };
                let br = &lib.briefings[b];
                let filtered = !self.filters.actors.is_empty();
                let part = Part {
                    briefing: br,
                    actors: (0..br.actors.len())
                        .filter(|&i| {
                            !filtered
                                || lib
                                    .actor_at(b, i)
                                    .is_some_and(|a| self.filters.actors.contains(&a))
                        })
                        .collect(),
                    timeline: self
                        .shown
                        .timeline
                        .iter()
                        .filter_map(|r| match r {
                            TimelineRow::Entry(i) => Some(*i),
                            TimelineRow::Event => None,
                        })
                        .collect(),
                    quotes: self.shown.quotes.clone(),
                    implications: self.shown.implications.clone(),
                };
                let filters = if filtered {
                    vec![format!(
                        "what involves {}",
                        names(&self.filters.actors).join(" or ")
                    )]
                } else {
                    Vec::new()
                };
                let memo = Memo {
                    parts: vec![part],
                    filters,
                    out_of: None,
                };
                let stem = if filtered {
                    format!("{}-filtered", br.id)
                } else {
                    br.id.clone()
                };
                (stem, export::markdown(&memo))
            }
        };
        self.effect = Some(Effect::Export { stem, markdown });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_are_opened() {
        assert_eq!(
            openable("https://example.org/a?b=1"),
            Ok("https://example.org/a?b=1")
        );
        assert_eq!(openable(" HTTP://example.org "), Ok("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "ftp://example.org/",
            "example.org",
            "https://example.org/a b",
            "https://example.org/\u{1b}]52;c;x\u{7}",
            "https://example.org/\u{202e}gro",
        ] {
            assert!(openable(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            openable("javascript:alert(1)"),
            Err("Only http and https addresses are opened, not javascript:".to_string())
        );
    }
}
