//! The shape of a briefing file, stated once: which keys each mapping allows, which
//! of them are required ([`Must`]), and what kind of value each holds. Its rules about
//! values are in `rules.rs`.
//!
//! These structs are read two ways. serde-saphyr reads them straight from the text, the
//! quick way, passing `x-` keys over and giving up at anything else that does not fit
//! (an unknown key, a duplicate key, a missing key, a value of the wrong kind). The positioned tree (`tree.rs`) reads them
//! from any document, noting what does not fit so that the rules can report it. And
//! `brief schema` is generated from them (doc comments become the descriptions an
//! editor shows), so the schema cannot drift from the loader either.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::model::{ActorKind, Confidence, Priority};

/// A key that starts with `x-` is the author's own and is ignored, in any mapping.
pub fn is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

/// What a value must be, as the positioned reader checks before reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text; a number or a boolean is read as the text it is written as.
    Text,
    /// A date, written as text or a number (`2017`).
    Date,
    /// `true` or `false`.
    Flag,
    /// A whole number.
    Version,
    List,
    Mapping,
}

impl Kind {
    /// The name a [`Field`] gives serde for this kind, so that the positioned reader
    /// learns what is expected; serde-saphyr passes any such name through.
    pub const fn tag(self) -> &'static str {
        match self {
            Kind::Text => "brief:text",
            Kind::Date => "brief:date",
            Kind::Flag => "brief:flag",
            Kind::Version => "brief:version",
            Kind::List => "brief:list",
            Kind::Mapping => "brief:mapping",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Kind> {
        [
            Kind::Text,
            Kind::Date,
            Kind::Flag,
            Kind::Version,
            Kind::List,
            Kind::Mapping,
        ]
        .into_iter()
        .find(|k| k.tag() == tag)
    }
}

/// What a file held where something else was expected, in the words of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Nothing,
    Boolean,
    Number,
    Text,
    List,
    Mapping,
}

impl Found {
    const ALL: [Found; 6] = [
        Found::Nothing,
        Found::Boolean,
        Found::Number,
        Found::Text,
        Found::List,
        Found::Mapping,
    ];

    pub fn words(self) -> &'static str {
        match self {
            Found::Nothing => "nothing (an empty value)",
            Found::Boolean => "a boolean",
            Found::Number => "a number",
            Found::Text => "a text",
            Found::List => "a list",
            Found::Mapping => "a mapping",
        }
    }

    /// How the positioned reader hands it to a [`Field`] (see [`Field`]'s visitor).
    pub fn code(self) -> u8 {
        Found::ALL.iter().position(|f| *f == self).unwrap_or(0) as u8
    }

    fn from_code(code: u8) -> Found {
        Found::ALL
            .get(usize::from(code))
            .copied()
            .unwrap_or(Found::Nothing)
    }
}

/// A value of the kind [`Kind`] says; every type a [`Field`] holds is one.
pub trait Shaped {
    const KIND: Kind;
}

/// One key's value as the file gives it.
///
/// serde-saphyr only ever gives `Absent` or `Given`: anything else fails the quick
/// reading. The positioned reader also gives `Empty` and `Wrong`.
#[derive(Debug, Default)]
pub enum Field<T> {
    /// The key is not there.
    #[default]
    Absent,
    /// The key is there with nothing after it, or `~`, or `null`.
    Empty,
    /// Something of another kind is there.
    Wrong(Found),
    Given(T),
}

impl<'de, T: Deserialize<'de> + Shaped> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(T::KIND.tag(), FieldVisitor(PhantomData))
    }
}

struct FieldVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de> + Shaped> Visitor<'de> for FieldVisitor<T> {
    type Value = Field<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Field<T>, D::Error> {
        T::deserialize(d).map(Field::Given)
    }
    // Only the positioned reader answers these three.
    fn visit_unit<E: de::Error>(self) -> Result<Field<T>, E> {
        Ok(Field::Absent)
    }
    fn visit_none<E: de::Error>(self) -> Result<Field<T>, E> {
        Ok(Field::Empty)
    }
    fn visit_u8<E: de::Error>(self, found: u8) -> Result<Field<T>, E> {
        Ok(Field::Wrong(Found::from_code(found)))
    }
}

/// The value of a key the format requires: the quick reading fails when it is
/// missing, the positioned one reads it as [`Field::Absent`] for the rules to report.
#[derive(Debug)]
pub struct Must<T>(pub Field<T>);

impl<'de, T: Deserialize<'de> + Shaped> Deserialize<'de> for Must<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Field::deserialize(d).map(Must)
    }
}

// A key's schema is its value's; whether the key is required is the struct's to say.
macro_rules! schema_of_value {
    ($($wrapper:ident),*) => {
        $(impl<T: JsonSchema> JsonSchema for $wrapper<T> {
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
        })*
    };
}
schema_of_value!(Field, Must);

/// Defines a text read as the file wrote it, with the schema of the values the rules
/// accept for it.
macro_rules! written {
    ($(#[$doc:meta])* $name:ident: $kind:ident as $schema_name:literal, $schema:tt) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name(pub String);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map($name)
            }
        }

        impl Shaped for $name {
            const KIND: Kind = Kind::$kind;
        }

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

written!(
    /// Text as written: `title: 2017` is the text `2017`. The rules want it not blank.
    RawText: Text as "Text",
    {
        "description": "Text that is not blank. A number or true/false is read as the text written.",
        "type": ["string", "number", "boolean"],
        "pattern": "\\S"
    }
);

written!(
    /// An id, or a reference to one: a slug, as the rules check.
    Slug: Text as "Slug",
    {
        "description": "A slug: 1 to 64 characters of a-z, 0-9, - and _, starting with a letter or digit (e.g. tom-bossert). References name the id of an actor or source of this briefing.",
        "type": ["string", "integer"],
        "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$",
        "minimum": 0
    }
);

written!(
    /// A date at its precision (year, month, day, or RFC 3339 date and time), as
    /// written; the rules read it.
    RawDate: Date as "Date",
    {
        "description": "A date at the precision known: a year (2017), a month (2017-05), a day (2017-12-19) or an RFC 3339 date and time with its offset (2017-12-19T15:30:00-05:00, 2017-12-19T20:30:00Z).",
        "type": ["string", "integer"],
        "pattern": "^\\s*[0-9]{4}(-[0-9]{2}(-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2}))?)?)?\\s*$",
        "minimum": 1,
        "maximum": 9999
    }
);

written!(
    /// A web address: http or https only, as the rules check.
    WebAddress: Text as "WebAddress",
    {
        "description": "A web address starting with http:// or https://.",
        "type": "string",
        "pattern": "^\\s*[Hh][Tt][Tt][Pp][Ss]?://[\\s\\S]*\\S"
    }
);

/// One word of a closed list (`kind`, `priority`, `confidence`), as written; the
/// rules look it up, with a hint when it is near one.
#[derive(Debug)]
pub struct Choice<T>(pub String, PhantomData<T>);

impl<'de, T> Deserialize<'de> for Choice<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| Choice(s, PhantomData))
    }
}

impl<T> Shaped for Choice<T> {
    const KIND: Kind = Kind::Text;
}

schema_of_value!(Choice);

/// The words of a closed list and what each means.
pub trait Words: Copy + 'static {
    const ALL: &'static [(&'static str, Self)];
}

impl Words for ActorKind {
    const ALL: &'static [(&'static str, Self)] = &ActorKind::ALL;
}
impl Words for Confidence {
    const ALL: &'static [(&'static str, Self)] = &Confidence::ALL;
}
impl Words for Priority {
    const ALL: &'static [(&'static str, Self)] = &Priority::ALL;
}

/// A text-like value as the file wrote it.
pub trait Written {
    fn written(self) -> String;
}

impl Written for RawText {
    fn written(self) -> String {
        self.0
    }
}
impl Written for Slug {
    fn written(self) -> String {
        self.0
    }
}
impl Written for WebAddress {
    fn written(self) -> String {
        self.0
    }
}
impl<T> Written for Choice<T> {
    fn written(self) -> String {
        self.0
    }
}

/// `true` or `false` as YAML booleans; a quoted "true" is text.
#[derive(Debug)]
pub struct Flag(pub bool);

/// The format version as written; the rules accept only 1.
#[derive(Debug)]
pub struct Version(pub i64);

impl Shaped for Flag {
    const KIND: Kind = Kind::Flag;
}
impl Shaped for Version {
    const KIND: Kind = Kind::Version;
}
impl<T> Shaped for Vec<T> {
    const KIND: Kind = Kind::List;
}

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

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Version;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Version, E> {
                Ok(Version(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Version, E> {
                i64::try_from(v)
                    .map(Version)
                    .map_err(|_| E::custom("version"))
            }
        }
        d.deserialize_any(V)
    }
}

macro_rules! mapping {
    ($($name:ident),*) => {
        $(impl Shaped for $name {
            const KIND: Kind = Kind::Mapping;
        })*
    };
}
mapping!(
    RawBriefing,
    RawEvent,
    RawActor,
    RawEntry,
    RawQuote,
    RawImplication,
    RawSource
);

type Text = Field<RawText>;
type List<T> = Field<Vec<Field<T>>>;

// The keys of each mapping. A key is required when its value is a `Must`; the others
// are read as absent when left out (`#[serde(default)]`).

/// A briefing, format version 1. Keys starting with `x-` are extensions and are ignored.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Briefing", extend("patternProperties" = { "^x-": true }, "additionalProperties" = false))]
pub struct RawBriefing {
    /// The format version; only 1 exists.
    #[serde(default)]
    pub briefing: Field<Version>,
    /// A short unique name for the briefing in the library; made from the file name when left out.
    #[serde(default)]
    pub id: Field<Slug>,
    /// The headline.
    pub title: Must<RawText>,
    /// When the briefing was issued.
    pub date: Must<RawDate>,
    /// The bottom line, in one paragraph.
    #[serde(default)]
    pub summary: Text,
    /// The marking shown in the title bar, such as UNCLASSIFIED or EXERCISE.
    #[serde(default)]
    pub classification: Text,
    /// Topics, for searching and filtering.
    #[serde(default)]
    pub tags: List<RawText>,
    /// Where the facts come from.
    #[serde(default)]
    pub sources: List<RawSource>,
    /// The event the briefing is about.
    pub event: Must<RawEvent>,
    /// Every person, body, country or group that acts; at least one.
    #[schemars(length(min = 1))]
    pub actors: Must<Vec<Field<RawActor>>>,
    /// Dated happenings, in any order.
    #[serde(default)]
    pub timeline: List<RawEntry>,
    /// What actors said.
    #[serde(default)]
    pub quotes: List<RawQuote>,
    /// What it means for policy.
    #[serde(default)]
    pub implications: List<RawImplication>,
}

/// The event the briefing is about.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Event", extend("patternProperties" = { "^x-": true }, "additionalProperties" = false))]
pub struct RawEvent {
    /// What happened, in one line.
    pub title: Must<RawText>,
    /// When it happened, as precisely as known.
    pub date: Must<RawDate>,
    /// Where, if known.
    #[serde(default)]
    pub location: Text,
    /// A few sentences.
    #[serde(default)]
    pub description: Text,
}

/// A person, body, country or group that acts.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Actor", extend("patternProperties" = { "^x-": true }, "additionalProperties" = false))]
pub struct RawActor {
    /// The name the rest of the briefing uses for this actor; unique in the briefing.
    pub id: Must<Slug>,
    /// The name shown to readers.
    pub name: Must<RawText>,
    /// What sort of actor it is.
    #[serde(default)]
    pub kind: Field<Choice<ActorKind>>,
    /// A title or function.
    #[serde(default)]
    pub role: Text,
    /// The id of the actor this one belongs to.
    #[serde(default)]
    pub affiliation: Field<Slug>,
    /// Other names the actor goes by, as a source uses them; they link the same actor across briefings.
    #[serde(default)]
    pub aliases: List<RawText>,
    /// Anything else the reader should know.
    #[serde(default)]
    pub description: Text,
}

/// A dated happening.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "TimelineEntry", extend("patternProperties" = { "^x-": true }, "additionalProperties" = false))]
pub struct RawEntry {
    /// When, at the precision actually known.
    pub date: Must<RawDate>,
    /// What happened, in one line.
    pub title: Must<RawText>,
    /// More on it.
    #[serde(default)]
    pub detail: Text,
    /// The ids of the actors who took part.
    #[serde(default)]
    pub actors: List<Slug>,
    /// The id of the source that reports it.
    #[serde(default)]
    pub source: Field<Slug>,
    /// True when the date is an estimate ("earlier this year") rather than a reported fact.
    #[serde(default)]
    pub approximate: Field<Flag>,
    /// How sure the author is that it happened as written.
    #[serde(default)]
    pub confidence: Field<Choice<Confidence>>,
}

/// Something an actor said.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Quote", extend("patternProperties" = { "^x-": true }, "additionalProperties" = false))]
pub struct RawQuote {
    /// The id of the actor who said it.
    pub actor: Must<Slug>,
    /// The words themselves, without surrounding quotation marks; exactly as the source gives them unless `paraphrase` is true.
    pub text: Must<RawText>,
    /// When it was said.
    #[serde(default)]
    pub date: Field<RawDate>,
    /// Where, or to whom, it was said.
    #[serde(default)]
    pub context: Text,
    /// The id of the source that reports it.
    #[serde(default)]
    pub source: Field<Slug>,
    /// True when the source reports what was said without quoting it.
    #[serde(default)]
    pub paraphrase: Field<Flag>,
}

/// What the event means for policy.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Implication", extend("patternProperties" = { "^x-": true }, "additionalProperties" = false))]
pub struct RawImplication {
    /// The implication, in one line.
    pub title: Must<RawText>,
    /// The reasoning.
    #[serde(default)]
    pub detail: Text,
    /// The ids of the actors it concerns.
    #[serde(default)]
    pub actors: List<Slug>,
    /// How urgently readers should attend to it.
    #[serde(default)]
    pub priority: Field<Choice<Priority>>,
    /// How sure the author is of the judgement.
    #[serde(default)]
    pub confidence: Field<Choice<Confidence>>,
}

/// Where facts come from.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Source", extend("patternProperties" = { "^x-": true }, "additionalProperties" = false))]
pub struct RawSource {
    /// The name timeline entries and quotes use to cite it; unique in the briefing.
    pub id: Must<Slug>,
    /// The title of the article, report or statement.
    pub title: Must<RawText>,
    /// Who published it.
    #[serde(default)]
    pub publisher: Text,
    /// A web address starting with http:// or https://; leave it out rather than guess.
    #[serde(default)]
    pub url: Field<WebAddress>,
    /// When it was published.
    #[serde(default)]
    pub date: Field<RawDate>,
}

/// The JSON Schema (draft 2020-12) of a briefing file, made from the types above.
pub fn schema() -> Schema {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<RawBriefing>();
    schema.insert("title".into(), "A brief briefing, format version 1".into());
    schema
}

/// The keys each mapping allows, by the name the schema gives the mapping.
pub fn mappings() -> [(&'static str, &'static [&'static str]); 7] {
    [
        ("Briefing", keys::<RawBriefing>()),
        ("Event", keys::<RawEvent>()),
        ("Actor", keys::<RawActor>()),
        ("TimelineEntry", keys::<RawEntry>()),
        ("Quote", keys::<RawQuote>()),
        ("Implication", keys::<RawImplication>()),
        ("Source", keys::<RawSource>()),
    ]
}

/// The keys a mapping allows, in the order of its struct, as serde's derive lists them.
pub fn keys<T: Deserialize<'static>>() -> &'static [&'static str] {
    /// Asks a struct for its keys, then stops.
    struct Probe<'k>(&'k mut &'static [&'static str]);

    #[derive(Debug)]
    struct Stop;
    impl fmt::Display for Stop {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: fmt::Display>(_: M) -> Stop {
            Stop
        }
    }

    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            *self.0 = fields;
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    let mut keys: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut keys));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_struct_fields_in_order() {
        assert_eq!(
            keys::<RawQuote>(),
            ["actor", "text", "date", "context", "source", "paraphrase"]
        );
        assert_eq!(keys::<RawBriefing>().len(), 13);
    }
}
