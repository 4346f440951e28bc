//! The briefing as the reader knows it: no YAML, no terminal.
//!
//! Serializing a briefing gives the format's own keys, as `brief export` prints them.

use std::fmt;
use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::text;

/// Text from a file: the original words, and the form that is safe to draw.
///
/// Cleaned once when loaded; `shown` is only stored when cleaning changed something.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    raw: String,
    shown: Option<Box<str>>,
}

impl Text {
    /// A one-line field (title, name): line breaks are shown as spaces.
    pub fn line(mut raw: String) -> Text {
        // Parsers leave spare capacity; a library keeps thousands of these.
        raw.shrink_to_fit();
        let shown = match text::clean_line(&raw) {
            std::borrow::Cow::Borrowed(_) => None,
            std::borrow::Cow::Owned(s) => Some(s.into_boxed_str()),
        };
        Text { raw, shown }
    }

    /// A multi-line field (summary, quote, detail): line breaks are kept.
    pub fn block(mut raw: String) -> Text {
        raw.shrink_to_fit();
        let shown = match text::clean_block(&raw) {
            std::borrow::Cow::Borrowed(_) => None,
            std::borrow::Cow::Owned(s) => Some(s.into_boxed_str()),
        };
        Text { raw, shown }
    }

    /// Text cleaned before, as [`Text::line`] or [`Text::block`] made it: `shown` is
    /// what cleaning gave when it changed something (the cache keeps both, so that a
    /// briefing read back is not cleaned again).
    pub fn cleaned(raw: &str, shown: Option<&str>) -> Text {
        Text {
            raw: raw.to_string(),
            shown: shown.map(Box::from),
        }
    }

    /// Exactly what the file said (for export).
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// What may be drawn on a terminal.
    pub fn shown(&self) -> &str {
        self.shown.as_deref().unwrap_or(&self.raw)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.shown())
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Briefing {
    /// The format version; only 1 exists.
    pub briefing: u32,
    pub id: String,
    pub title: Text,
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    pub event: Event,
    pub actors: Vec<Actor>,
    /// Sorted chronologically when loaded (stable: equal dates keep file order).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<TimelineEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub implications: Vec<Implication>,
    /// Where the briefing was read from.
    #[serde(skip)]
    pub path: PathBuf,
}

#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub title: Text,
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// What sort of actor it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Government,
    Country,
    Group,
}

impl ActorKind {
    pub const ALL: [(&'static str, ActorKind); 5] = [
        ("person", ActorKind::Person),
        ("organization", ActorKind::Organization),
        ("government", ActorKind::Government),
        ("country", ActorKind::Country),
        ("group", ActorKind::Group),
    ];

    pub fn name(self) -> &'static str {
        ActorKind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("")
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Actor {
    pub id: String,
    pub name: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActorKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// The three-step scale analysts use for how sure they are: low, moderate, high.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Moderate,
    High,
}

impl Confidence {
    pub const ALL: [(&'static str, Confidence); 3] = [
        ("low", Confidence::Low),
        ("moderate", Confidence::Moderate),
        ("high", Confidence::High),
    ];

    pub fn name(self) -> &'static str {
        Confidence::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("")
    }
}

/// How urgently readers should attend to an implication: low, medium, high.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Low,
    Medium,
    High,
}

impl Priority {
    pub const ALL: [(&'static str, Priority); 3] = [
        ("low", Priority::Low),
        ("medium", Priority::Medium),
        ("high", Priority::High),
    ];

    pub fn name(self) -> &'static str {
        Priority::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("")
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct TimelineEntry {
    pub date: Date,
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Quote {
    pub actor: String,
    pub text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub paraphrase: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Implication {
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub id: String,
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

impl Briefing {
    /// The actor with this id in this briefing (references are checked when loaded).
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The name to show for an actor id: its display name, or the id itself.
    pub fn actor_name(&self, id: &str) -> String {
        self.actor(id)
            .map(|a| a.name.shown().to_string())
            .unwrap_or_else(|| id.to_string())
    }
}
