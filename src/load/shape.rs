//! The shape of a briefing file, stated once: which keys each mapping allows and what
//! kind of value each holds. Its rules about values are in `rules.rs`.
//!
//! These structs are read two ways. serde-saphyr reads them straight from the text, the
//! quick way, and gives up at anything that does not fit (an `x-` key, a duplicate key,
//! a value of the wrong kind). The positioned tree (`tree.rs`) reads them from any
//! document, noting what does not fit so that the rules can report it.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

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
    // Only the positioned reader answers these two.
    fn visit_none<E: de::Error>(self) -> Result<Field<T>, E> {
        Ok(Field::Empty)
    }
    fn visit_u8<E: de::Error>(self, found: u8) -> Result<Field<T>, E> {
        Ok(Field::Wrong(Found::from_code(found)))
    }
}

/// Text as written: `title: 2017` is the text `2017`.
#[derive(Debug)]
pub struct RawText(pub String);

/// A date as written, checked by the rules.
#[derive(Debug)]
pub struct RawDate(pub String);

/// `true` or `false` as YAML booleans; a quoted "true" is text.
#[derive(Debug)]
pub struct Flag(pub bool);

/// The format version as written; the rules accept only 1.
#[derive(Debug)]
pub struct Version(pub i64);

impl Shaped for RawText {
    const KIND: Kind = Kind::Text;
}
impl Shaped for RawDate {
    const KIND: Kind = Kind::Date;
}
impl Shaped for Flag {
    const KIND: Kind = Kind::Flag;
}
impl Shaped for Version {
    const KIND: Kind = Kind::Version;
}
impl<T> Shaped for Vec<T> {
    const KIND: Kind = Kind::List;
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(RawText)
    }
}

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(RawDate)
    }
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
type Date = Field<RawDate>;
type List<T> = Field<Vec<Field<T>>>;

// Every key may be left out here: which are required is a rule (`rules.rs`).

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawBriefing {
    pub briefing: Field<Version>,
    pub id: Text,
    pub title: Text,
    pub date: Date,
    pub summary: Text,
    pub classification: Text,
    pub tags: List<RawText>,
    pub sources: List<RawSource>,
    pub event: Field<RawEvent>,
    pub actors: List<RawActor>,
    pub timeline: List<RawEntry>,
    pub quotes: List<RawQuote>,
    pub implications: List<RawImplication>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawEvent {
    pub title: Text,
    pub date: Date,
    pub location: Text,
    pub description: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawActor {
    pub id: Text,
    pub name: Text,
    pub kind: Text,
    pub role: Text,
    pub affiliation: Text,
    pub aliases: List<RawText>,
    pub description: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawEntry {
    pub date: Date,
    pub title: Text,
    pub detail: Text,
    pub actors: List<RawText>,
    pub source: Text,
    pub approximate: Field<Flag>,
    pub confidence: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawQuote {
    pub actor: Text,
    pub text: Text,
    pub date: Date,
    pub context: Text,
    pub source: Text,
    pub paraphrase: Field<Flag>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawImplication {
    pub title: Text,
    pub detail: Text,
    pub actors: List<RawText>,
    pub priority: Text,
    pub confidence: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawSource {
    pub id: Text,
    pub title: Text,
    pub publisher: Text,
    pub url: Text,
    pub date: Date,
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
