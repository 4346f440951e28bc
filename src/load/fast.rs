//! The quick way in for a valid briefing: serde-saphyr straight into typed structs,
//! then the same checks as the validator, without building a positioned tree.
//!
//! It only ever says "valid, here it is" or "not sure": anything unusual (an `x-` key,
//! a duplicate key, a null, a wrong type, any failed check) returns `None`, and the
//! positioned validator reads the file again to report every problem with its place.
//! So it may be stricter than the validator, never more lenient; a test holds the two
//! to the same result on every fixture.

use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::validate::{has_visible, is_slug, is_web_address, slugify};
use super::yaml;
use crate::date::Date;
use crate::model::{
    Actor, ActorKind, Briefing, Confidence, Event, Implication, Priority, Quote, Source, Text,
    TimelineEntry,
};

/// The briefing, if the file is valid and nothing about it needs a closer look.
pub fn briefing(src: &str, default_id: &str) -> Option<Briefing> {
    let raw: RawBriefing = serde_saphyr::from_str_with_options(src, yaml::strict_options()).ok()?;
    build(raw, default_id)
}

/// A key that, when present, holds a value: a null is not "absent" here, since the
/// validator rejects it (`summary:` with nothing after it).
#[derive(Debug)]
struct Present<T>(Option<T>);

impl<T> Default for Present<T> {
    fn default() -> Self {
        Present(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Present<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|v| Present(Some(v)))
    }
}

/// `true` or `false` as YAML booleans; a quoted "true" is text, as the validator says.
#[derive(Debug, Default)]
struct Flag(bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true or false")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// The format version: the plain number 1 and nothing else.
#[derive(Debug)]
struct Version;

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Version;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("1")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Version, E> {
                if v == 1 {
                    Ok(Version)
                } else {
                    Err(E::custom("version"))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Version, E> {
                if v == 1 {
                    Ok(Version)
                } else {
                    Err(E::custom("version"))
                }
            }
        }
        d.deserialize_any(V)
    }
}

type Opt = Present<String>;
type List = Present<Vec<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBriefing {
    // Read only to be checked: only version 1 gets this far.
    #[serde(default)]
    #[allow(dead_code)]
    briefing: Present<Version>,
    #[serde(default)]
    id: Opt,
    title: String,
    date: String,
    #[serde(default)]
    summary: Opt,
    #[serde(default)]
    classification: Opt,
    #[serde(default)]
    tags: List,
    #[serde(default)]
    sources: Present<Vec<RawSource>>,
    event: RawEvent,
    actors: Vec<RawActor>,
    #[serde(default)]
    timeline: Present<Vec<RawEntry>>,
    #[serde(default)]
    quotes: Present<Vec<RawQuote>>,
    #[serde(default)]
    implications: Present<Vec<RawImplication>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    title: String,
    date: String,
    #[serde(default)]
    location: Opt,
    #[serde(default)]
    description: Opt,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: String,
    name: String,
    #[serde(default)]
    kind: Opt,
    #[serde(default)]
    role: Opt,
    #[serde(default)]
    affiliation: Opt,
    #[serde(default)]
    aliases: List,
    #[serde(default)]
    description: Opt,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    date: String,
    title: String,
    #[serde(default)]
    detail: Opt,
    #[serde(default)]
    actors: List,
    #[serde(default)]
    source: Opt,
    #[serde(default)]
    approximate: Present<Flag>,
    #[serde(default)]
    confidence: Opt,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuote {
    actor: String,
    text: String,
    #[serde(default)]
    date: Opt,
    #[serde(default)]
    context: Opt,
    #[serde(default)]
    source: Opt,
    #[serde(default)]
    paraphrase: Present<Flag>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImplication {
    title: String,
    #[serde(default)]
    detail: Opt,
    #[serde(default)]
    actors: List,
    #[serde(default)]
    priority: Opt,
    #[serde(default)]
    confidence: Opt,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: String,
    title: String,
    #[serde(default)]
    publisher: Opt,
    #[serde(default)]
    url: Opt,
    #[serde(default)]
    date: Opt,
}

/// Non-empty text, as the validator requires.
fn text(mut s: String) -> Option<String> {
    s.shrink_to_fit();
    (!s.trim().is_empty() && has_visible(&s)).then_some(s)
}

fn line(s: String) -> Option<Text> {
    text(s).map(Text::line)
}

fn block(s: String) -> Option<Text> {
    text(s).map(Text::block)
}

/// An optional field: absent is fine, present must be valid.
fn opt<T>(p: Present<String>, f: impl FnOnce(String) -> Option<T>) -> Option<Option<T>> {
    match p.0 {
        None => Some(None),
        Some(s) => f(s).map(Some),
    }
}

fn slug(mut s: String) -> Option<String> {
    s.shrink_to_fit();
    is_slug(&s).then_some(s)
}

fn date(s: String) -> Option<Date> {
    Date::parse(&s).ok()
}

fn choice<T: Copy>(s: String, choices: &[(&str, T)]) -> Option<T> {
    choices.iter().find(|(n, _)| *n == s).map(|(_, v)| *v)
}

fn texts(p: List) -> Option<Vec<Text>> {
    p.0.unwrap_or_default().into_iter().map(line).collect()
}

fn ids(p: List) -> Option<Vec<String>> {
    p.0.unwrap_or_default().into_iter().map(text).collect()
}

fn build(raw: RawBriefing, default_id: &str) -> Option<Briefing> {
    let id = match raw.id.0 {
        Some(s) => slug(s)?,
        None => slugify(default_id),
    };
    let sources = raw
        .sources
        .0
        .unwrap_or_default()
        .into_iter()
        .map(|s| {
            let url = opt(s.url, line)?;
            if url.as_ref().is_some_and(|u| !is_web_address(u.raw())) {
                return None;
            }
            Some(Source {
                id: slug(s.id)?,
                title: line(s.title)?,
                publisher: opt(s.publisher, line)?,
                url,
                date: opt(s.date, date)?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    if raw.actors.is_empty() {
        return None;
    }
    let actors = raw
        .actors
        .into_iter()
        .map(|a| {
            Some(Actor {
                id: slug(a.id)?,
                name: line(a.name)?,
                kind: opt(a.kind, |k| choice(k, &ActorKind::ALL))?,
                role: opt(a.role, line)?,
                affiliation: opt(a.affiliation, text)?,
                aliases: texts(a.aliases)?,
                description: opt(a.description, block)?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let mut timeline = raw
        .timeline
        .0
        .unwrap_or_default()
        .into_iter()
        .map(|e| {
            Some(TimelineEntry {
                date: date(e.date)?,
                title: line(e.title)?,
                detail: opt(e.detail, block)?,
                actors: ids(e.actors)?,
                source: opt(e.source, text)?,
                approximate: e.approximate.0.is_some_and(|f| f.0),
                confidence: opt(e.confidence, |c| choice(c, &Confidence::ALL))?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let quotes = raw
        .quotes
        .0
        .unwrap_or_default()
        .into_iter()
        .map(|q| {
            Some(Quote {
                actor: text(q.actor)?,
                text: block(q.text)?,
                date: opt(q.date, date)?,
                context: opt(q.context, block)?,
                source: opt(q.source, text)?,
                paraphrase: q.paraphrase.0.is_some_and(|f| f.0),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let implications = raw
        .implications
        .0
        .unwrap_or_default()
        .into_iter()
        .map(|m| {
            Some(Implication {
                title: line(m.title)?,
                detail: opt(m.detail, block)?,
                actors: ids(m.actors)?,
                priority: opt(m.priority, |p| choice(p, &Priority::ALL))?,
                confidence: opt(m.confidence, |c| choice(c, &Confidence::ALL))?,
            })
        })
        .collect::<Option<Vec<_>>>()?;

    // Ids unique, references known: the same rules as the validator.
    let actor_ids: HashSet<&str> = actors.iter().map(|a| a.id.as_str()).collect();
    let source_ids: HashSet<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    if actor_ids.len() != actors.len() || source_ids.len() != sources.len() {
        return None;
    }
    let actor_ok = |id: &String| actor_ids.contains(id.as_str());
    let source_ok =
        |id: &Option<String>| id.as_ref().is_none_or(|s| source_ids.contains(s.as_str()));
    let refs_ok = actors
        .iter()
        .all(|a| a.affiliation.as_ref().is_none_or(actor_ok))
        && timeline
            .iter()
            .all(|e| e.actors.iter().all(actor_ok) && source_ok(&e.source))
        && quotes
            .iter()
            .all(|q| actor_ok(&q.actor) && source_ok(&q.source))
        && implications.iter().all(|m| m.actors.iter().all(actor_ok));
    if !refs_ok {
        return None;
    }
    timeline.sort_by_key(|e| e.date);
    Some(Briefing {
        briefing: 1,
        id,
        title: line(raw.title)?,
        date: date(raw.date)?,
        summary: opt(raw.summary, block)?,
        classification: opt(raw.classification, line)?,
        tags: texts(raw.tags)?,
        sources,
        event: Event {
            title: line(raw.event.title)?,
            date: date(raw.event.date)?,
            location: opt(raw.event.location, line)?,
            description: opt(raw.event.description, block)?,
        },
        actors,
        timeline,
        quotes,
        implications,
        path: Default::default(),
    })
}
