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

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
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

// An optional key's schema is its value's: absent is allowed (the key is not
// required), null is not.
impl<T: JsonSchema> JsonSchema for Present<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        T::json_schema(g)
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

impl JsonSchema for Flag {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Flag".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "boolean" })
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

impl JsonSchema for Version {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Version".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer", "const": 1 })
    }
}

/// Defines a string newtype read as the file wrote it, with the schema of the values
/// the validator accepts for it.
macro_rules! value {
    ($(#[$doc:meta])* $name:ident as $schema_name:literal, $schema:tt) => {
        $(#[$doc])*
        #[derive(Debug, Deserialize)]
        #[serde(transparent)]
        struct $name(String);

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                $schema_name.into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

value!(
    /// Text: a string that is not blank. A number or true/false is read as the text
    /// written (`title: 2017` is the title "2017").
    Words as "Text",
    {
        "description": "Text that is not blank. A number or true/false is read as the text written.",
        "type": ["string", "number", "boolean"],
        "pattern": "\\S"
    }
);

value!(
    /// An id, or a reference to one: a slug.
    Slug as "Slug",
    {
        "description": "A slug: 1 to 64 characters of a-z, 0-9, - and _, starting with a letter or digit (e.g. tom-bossert). References name the id of an actor or source of this briefing.",
        "type": ["string", "integer"],
        "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$",
        "minimum": 0
    }
);

value!(
    /// A date at its precision: year, month, day, or RFC 3339 date and time.
    When as "Date",
    {
        "description": "A date at the precision known: a year (2017), a month (2017-05), a day (2017-12-19) or an RFC 3339 date and time with its offset (2017-12-19T15:30:00-05:00, 2017-12-19T20:30:00Z).",
        "type": ["string", "integer"],
        "pattern": "^\\s*[0-9]{4}(-[0-9]{2}(-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2}))?)?)?\\s*$",
        "minimum": 1,
        "maximum": 9999
    }
);

value!(
    /// A web address: http or https only.
    WebAddress as "WebAddress",
    {
        "description": "A web address starting with http:// or https://.",
        "type": "string",
        "pattern": "^\\s*[Hh][Tt][Tt][Pp][Ss]?://[\\s\\S]*\\S"
    }
);

type Opt = Present<Words>;

// The keys of each mapping, as the loader reads them. `brief schema` is generated
// from these types (doc comments become the descriptions an editor shows), so the
// schema cannot drift from the loader; a test holds the validator's key lists to it.

/// A briefing, format version 1. Keys starting with `x-` are extensions and are ignored.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Briefing", extend("patternProperties" = { "^x-": true }))]
struct RawBriefing {
    /// The format version; only 1 exists.
    // Read only to be checked: only version 1 gets this far.
    #[serde(default)]
    #[allow(dead_code)]
    briefing: Present<Version>,
    /// A short unique name for the briefing in the library; made from the file name when left out.
    #[serde(default)]
    id: Present<Slug>,
    /// The headline.
    title: Words,
    /// When the briefing was issued.
    date: When,
    /// The bottom line, in one paragraph.
    #[serde(default)]
    summary: Opt,
    /// The marking shown in the title bar, such as UNCLASSIFIED or EXERCISE.
    #[serde(default)]
    classification: Opt,
    /// Topics, for searching and filtering.
    #[serde(default)]
    tags: Present<Vec<Words>>,
    /// Where the facts come from.
    #[serde(default)]
    sources: Present<Vec<RawSource>>,
    /// The event the briefing is about.
    event: RawEvent,
    /// Every person, body, country or group that acts; at least one.
    #[schemars(length(min = 1))]
    actors: Vec<RawActor>,
    /// Dated happenings, in any order.
    #[serde(default)]
    timeline: Present<Vec<RawEntry>>,
    /// What actors said.
    #[serde(default)]
    quotes: Present<Vec<RawQuote>>,
    /// What it means for policy.
    #[serde(default)]
    implications: Present<Vec<RawImplication>>,
}

/// The event the briefing is about.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Event", extend("patternProperties" = { "^x-": true }))]
struct RawEvent {
    /// What happened, in one line.
    title: Words,
    /// When it happened, as precisely as known.
    date: When,
    /// Where, if known.
    #[serde(default)]
    location: Opt,
    /// A few sentences.
    #[serde(default)]
    description: Opt,
}

/// A person, body, country or group that acts.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Actor", extend("patternProperties" = { "^x-": true }))]
struct RawActor {
    /// The name the rest of the briefing uses for this actor; unique in the briefing.
    id: Slug,
    /// The name shown to readers.
    name: Words,
    /// What sort of actor it is.
    #[serde(default)]
    kind: Present<ActorKind>,
    /// A title or function.
    #[serde(default)]
    role: Opt,
    /// The id of the actor this one belongs to.
    #[serde(default)]
    affiliation: Present<Slug>,
    /// Other names the actor goes by, as a source uses them; they link the same actor across briefings.
    #[serde(default)]
    aliases: Present<Vec<Words>>,
    /// Anything else the reader should know.
    #[serde(default)]
    description: Opt,
}

/// A dated happening.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "TimelineEntry", extend("patternProperties" = { "^x-": true }))]
struct RawEntry {
    /// When, at the precision actually known.
    date: When,
    /// What happened, in one line.
    title: Words,
    /// More on it.
    #[serde(default)]
    detail: Opt,
    /// The ids of the actors who took part.
    #[serde(default)]
    actors: Present<Vec<Slug>>,
    /// The id of the source that reports it.
    #[serde(default)]
    source: Present<Slug>,
    /// True when the date is an estimate ("earlier this year") rather than a reported fact.
    #[serde(default)]
    approximate: Present<Flag>,
    /// How sure the author is that it happened as written.
    #[serde(default)]
    confidence: Present<Confidence>,
}

/// Something an actor said.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Quote", extend("patternProperties" = { "^x-": true }))]
struct RawQuote {
    /// The id of the actor who said it.
    actor: Slug,
    /// The words themselves, without surrounding quotation marks; exactly as the source gives them unless `paraphrase` is true.
    text: Words,
    /// When it was said.
    #[serde(default)]
    date: Present<When>,
    /// Where, or to whom, it was said.
    #[serde(default)]
    context: Opt,
    /// The id of the source that reports it.
    #[serde(default)]
    source: Present<Slug>,
    /// True when the source reports what was said without quoting it.
    #[serde(default)]
    paraphrase: Present<Flag>,
}

/// What the event means for policy.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Implication", extend("patternProperties" = { "^x-": true }))]
struct RawImplication {
    /// The implication, in one line.
    title: Words,
    /// The reasoning.
    #[serde(default)]
    detail: Opt,
    /// The ids of the actors it concerns.
    #[serde(default)]
    actors: Present<Vec<Slug>>,
    /// How urgently readers should attend to it.
    #[serde(default)]
    priority: Present<Priority>,
    /// How sure the author is of the judgement.
    #[serde(default)]
    confidence: Present<Confidence>,
}

/// Where facts come from.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source", extend("patternProperties" = { "^x-": true }))]
struct RawSource {
    /// The name timeline entries and quotes use to cite it; unique in the briefing.
    id: Slug,
    /// The title of the article, report or statement.
    title: Words,
    /// Who published it.
    #[serde(default)]
    publisher: Opt,
    /// A web address starting with http:// or https://; leave it out rather than guess.
    #[serde(default)]
    url: Present<WebAddress>,
    /// When it was published.
    #[serde(default)]
    date: Present<When>,
}

/// The JSON Schema (draft 2020-12) of a briefing file, made from the types above.
pub fn schema() -> Schema {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<RawBriefing>();
    schema.insert("title".into(), "A brief briefing, format version 1".into());
    schema
}

/// Non-empty text, as the validator requires.
fn text(mut s: String) -> Option<String> {
    s.shrink_to_fit();
    (!s.trim().is_empty() && has_visible(&s)).then_some(s)
}

fn line(w: Words) -> Option<Text> {
    text(w.0).map(Text::line)
}

fn block(w: Words) -> Option<Text> {
    text(w.0).map(Text::block)
}

/// An optional field: absent is fine, present must be valid.
fn opt<V, T>(p: Present<V>, f: impl FnOnce(V) -> Option<T>) -> Option<Option<T>> {
    match p.0 {
        None => Some(None),
        Some(v) => f(v).map(Some),
    }
}

fn slug(s: Slug) -> Option<String> {
    let mut s = s.0;
    s.shrink_to_fit();
    is_slug(&s).then_some(s)
}

/// A reference to an id: any text here; whether it names an id is checked below.
fn reference(s: Slug) -> Option<String> {
    text(s.0)
}

fn date(s: When) -> Option<Date> {
    Date::parse(&s.0).ok()
}

fn texts(p: Present<Vec<Words>>) -> Option<Vec<Text>> {
    p.0.unwrap_or_default().into_iter().map(line).collect()
}

fn ids(p: Present<Vec<Slug>>) -> Option<Vec<String>> {
    p.0.unwrap_or_default().into_iter().map(reference).collect()
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
            let url = opt(s.url, |u| line(Words(u.0)))?;
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
                kind: a.kind.0,
                role: opt(a.role, line)?,
                affiliation: opt(a.affiliation, reference)?,
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
                source: opt(e.source, reference)?,
                approximate: e.approximate.0.is_some_and(|f| f.0),
                confidence: e.confidence.0,
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
                actor: reference(q.actor)?,
                text: block(q.text)?,
                date: opt(q.date, date)?,
                context: opt(q.context, block)?,
                source: opt(q.source, reference)?,
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
                priority: m.priority.0,
                confidence: m.confidence.0,
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
