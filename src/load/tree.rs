//! The positioned reading, for a file the quick one could not take: the parsed tree
//! (`yaml.rs`, every node with its line and column) read into the shape of a briefing
//! whatever it holds, and a [`Report`] that turns the rules' paths into places.
//!
//! Reading notes what the shape cannot hold: keys that are unknown, written twice or
//! not names, and values of the wrong kind (which become [`Field::Wrong`]). The
//! rules then report those with everything else, in the format's order.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Deserialize;
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

use super::rules::{self, Anchor, KeyProblem, Path, Report, Step};
use super::shape::{self, Field, Found, Kind, RawBriefing};
use super::yaml::{Node, Pos, Value, pos, source_text};

/// Problems listed for one file; past this they are only counted, so that a
/// large file with a problem on every line is still reported at once.
pub const MAX_PROBLEMS: usize = 100;

/// What reading a tree noted besides the briefing's fields.
#[derive(Debug, Default)]
pub struct Notes {
    /// Keys the shape could not take, by the path of their mapping, in file order.
    keys: HashMap<Path, Vec<(Pos, KeyProblem)>>,
    /// Where the key of each value-less entry (`summary:`) stands, by the value's place.
    empty_values: BTreeMap<Pos, Pos>,
}

/// Reads a parsed document into the shape of a briefing, whatever it holds.
pub fn read(src: &str, root: &Node) -> (Field<RawBriefing>, Notes) {
    let reader = Reader {
        src,
        notes: RefCell::new(Notes::default()),
    };
    let raw = Field::<RawBriefing>::deserialize(NodeDe {
        node: root,
        path: Path::ROOT,
        reader: &reader,
    })
    // Reading a tree cannot fail: every value of the wrong kind is noted instead.
    .unwrap_or(Field::Wrong(found(&root.value)));
    (raw, reader.notes.into_inner())
}

/// What a value is, in the words of the shape.
fn found(v: &Value) -> Found {
    match v {
        Value::Null => Found::Nothing,
        Value::Bool(_) => Found::Boolean,
        Value::Int(_) | Value::Float(_) => Found::Number,
        Value::Str(_) => Found::Text,
        Value::Seq(_) => Found::List,
        Value::Map(_) => Found::Mapping,
    }
}

/// Whether a value can be read as a kind: a number or boolean is text, as written.
fn fits(kind: Kind, v: &Value) -> bool {
    match kind {
        Kind::Text => matches!(
            v,
            Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_)
        ),
        Kind::Date => matches!(v, Value::Str(_) | Value::Int(_) | Value::Float(_)),
        Kind::Flag => matches!(v, Value::Bool(_)),
        Kind::Version => matches!(v, Value::Int(_)),
        Kind::List => matches!(v, Value::Seq(_)),
        Kind::Mapping => matches!(v, Value::Map(_)),
    }
}

/// The text of a mapping key or scalar as written (`1.10`, not `1.1`).
fn scalar_text<'a>(src: &'a str, node: &'a Node) -> Option<Cow<'a, str>> {
    match &node.value {
        Value::Str(s) => Some(Cow::Borrowed(s.as_str())),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => Some(
            source_text(src, node)
                .map(|s| Cow::Borrowed(s.trim()))
                .unwrap_or_else(|| Cow::Owned(plain(&node.value))),
        ),
        _ => None,
    }
}

/// A scalar's text when the source is not at hand (aliases).
fn plain(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(x) => x.to_string(),
        Value::Str(s) => s.clone(),
        _ => String::new(),
    }
}

struct Reader<'t> {
    src: &'t str,
    notes: RefCell<Notes>,
}

/// Reading stopped where it cannot go on; with the shape's own types this never happens.
#[derive(Debug)]
pub struct Unreadable;

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("unreadable")
    }
}

impl std::error::Error for Unreadable {}

impl de::Error for Unreadable {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Unreadable
    }
}

/// One node being read, and where it is.
#[derive(Clone, Copy)]
struct NodeDe<'a, 't> {
    node: &'t Node,
    path: Path,
    reader: &'a Reader<'t>,
}

impl<'a, 't> NodeDe<'a, 't> {
    fn at(self, node: &'t Node, path: Path) -> NodeDe<'a, 't> {
        NodeDe { node, path, ..self }
    }

    /// The entries of a mapping the shape can take: named keys it allows, first
    /// occurrence only, `x-` keys left out. The others are noted.
    fn entries(
        self,
        entries: &'t [(Node, Node)],
        allowed: &'static [&'static str],
    ) -> Vec<(&'static str, &'t Node)> {
        let src = self.reader.src;
        let mut notes = self.reader.notes.borrow_mut();
        let mut out = Vec::with_capacity(entries.len());
        let mut seen: Vec<(&'static str, Pos)> = Vec::with_capacity(entries.len());
        let mut noted = Vec::new();
        for (key, value) in entries {
            let Some(name) = scalar_text(src, key) else {
                noted.push((pos(key), KeyProblem::NotAName(found(&key.value))));
                continue;
            };
            if shape::is_extension(&name) {
                continue;
            }
            let Some(known) = allowed.iter().copied().find(|k| *k == name) else {
                noted.push((pos(key), KeyProblem::Unknown(name.into_owned())));
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == known) {
                noted.push((pos(key), KeyProblem::Duplicate(known, first.line)));
                continue;
            }
            seen.push((known, pos(key)));
            // `summary:` with nothing after it: point at the key, not at the colon.
            if let Value::Null = value.value
                && source_text(src, value).is_none_or(|t| t.trim().is_empty())
            {
                notes.empty_values.insert(pos(value), pos(key));
            }
            out.push((known, value));
        }
        if !noted.is_empty() {
            notes.keys.insert(self.path, noted);
        }
        out
    }
}

impl<'de, 'a, 't: 'de> Deserializer<'de> for NodeDe<'a, 't> {
    type Error = Unreadable;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(x) => visitor.visit_f64(*x),
            Value::Str(s) => visitor.visit_borrowed_str(s),
            Value::Seq(_) => self.deserialize_seq(visitor),
            Value::Map(_) => Err(Unreadable),
        }
    }

    /// A [`Field`]: the kind it expects is its name.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        let Some(kind) = Kind::from_tag(name) else {
            return visitor.visit_newtype_struct(self);
        };
        let value = &self.node.value;
        if let Value::Null = value {
            visitor.visit_none()
        } else if fits(kind, value) {
            visitor.visit_newtype_struct(self)
        } else {
            visitor.visit_u8(found(value).code())
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        match scalar_text(self.reader.src, self.node) {
            Some(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Some(Cow::Owned(s)) => visitor.visit_string(s),
            None => Err(Unreadable),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        self.deserialize_string(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        let Value::Seq(items) = &self.node.value else {
            return Err(Unreadable);
        };
        visitor.visit_seq(Items {
            de: self,
            items: items.iter().enumerate(),
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        let Value::Map(entries) = &self.node.value else {
            return Err(Unreadable);
        };
        let entries = self.entries(entries, fields);
        // Keys left out are read too, as absent, so that a required one is not an error
        // here but a problem for the rules to report.
        let missing: Vec<&'static str> = fields
            .iter()
            .copied()
            .filter(|f| !entries.iter().any(|(k, _)| k == f))
            .collect();
        visitor.visit_map(Entries {
            de: self,
            entries: entries.into_iter(),
            missing: missing.into_iter(),
            value: None,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        option unit unit_struct tuple tuple_struct map enum identifier ignored_any
    }
}

struct Items<'a, 't, I> {
    de: NodeDe<'a, 't>,
    items: I,
}

impl<'de, 'a, 't: 'de, I: Iterator<Item = (usize, &'t Node)>> SeqAccess<'de> for Items<'a, 't, I> {
    type Error = Unreadable;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Unreadable> {
        match self.items.next() {
            Some((i, node)) => seed
                .deserialize(self.de.at(node, self.de.path.item(i)))
                .map(Some),
            None => Ok(None),
        }
    }
}

struct Entries<'a, 't> {
    de: NodeDe<'a, 't>,
    entries: std::vec::IntoIter<(&'static str, &'t Node)>,
    missing: std::vec::IntoIter<&'static str>,
    /// The key just read and its value, or `None` for a key left out.
    value: Option<(&'static str, Option<&'t Node>)>,
}

impl<'de, 'a, 't: 'de> MapAccess<'de> for Entries<'a, 't> {
    type Error = Unreadable;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unreadable> {
        let (key, value) = match self.entries.next() {
            Some((key, value)) => (key, Some(value)),
            None => match self.missing.next() {
                Some(key) => (key, None),
                None => return Ok(None),
            },
        };
        self.value = Some((key, value));
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, Unreadable> {
        match self.value.take().ok_or(Unreadable)? {
            (key, Some(node)) => seed.deserialize(self.de.at(node, self.de.path.key(key))),
            (_, None) => seed.deserialize(LeftOut),
        }
    }
}

/// A key left out of a mapping: a [`Field`] reads it as absent.
struct LeftOut;

impl<'de> Deserializer<'de> for LeftOut {
    type Error = Unreadable;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Unreadable> {
        Err(Unreadable)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// The report of the positioned reading: every problem with its line and column.
pub struct Located<'t> {
    src: &'t str,
    root: &'t Node,
    notes: Notes,
    problems: Vec<(Pos, String)>,
    /// Problems found past [`MAX_PROBLEMS`].
    unlisted: usize,
}

impl<'t> Located<'t> {
    pub fn new(src: &'t str, root: &'t Node, notes: Notes) -> Located<'t> {
        Located {
            src,
            root,
            notes,
            problems: Vec::new(),
            unlisted: 0,
        }
    }

    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && self.unlisted == 0
    }

    /// Every problem in the order of the file, with the count of those not listed last.
    pub fn finish(mut self) -> Vec<(Pos, String)> {
        self.problems.sort_by_key(|(p, _)| *p);
        let at = pos(self.root);
        if self.problems.is_empty() {
            self.problems
                .push((at, "the briefing could not be read".to_string()));
        }
        if self.unlisted > 0 {
            self.problems.push((
                at,
                format!(
                    "{} more problems are not listed; fix the ones above first",
                    self.unlisted
                ),
            ));
        }
        self.problems
    }

    fn push(&mut self, at: Pos, message: impl FnOnce() -> String) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.unlisted += 1;
        } else {
            self.problems.push((at, message()));
        }
    }

    /// The node at a path: each key's first occurrence, each item by its index.
    fn node(&self, path: Path) -> &'t Node {
        let mut node = self.root;
        for step in path.steps() {
            let next = match (step, &node.value) {
                (Step::Key(k), Value::Map(entries)) => entries
                    .iter()
                    .find(|(key, _)| scalar_text(self.src, key).is_some_and(|t| t == k))
                    .map(|(_, v)| v),
                (Step::Item(i), Value::Seq(items)) => items.get(i as usize),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node
    }
}

impl Report for Located<'_> {
    fn problem(&mut self, path: Path, anchor: Anchor, message: impl FnOnce() -> String) {
        let at = pos(self.node(path));
        let at = match anchor {
            Anchor::Value => at,
            Anchor::KeyOfEmpty => self.notes.empty_values.get(&at).copied().unwrap_or(at),
        };
        self.push(at, message);
    }

    fn line(&self, path: Path) -> u32 {
        pos(self.node(path)).line
    }

    fn mapping(
        &mut self,
        path: Path,
        what: &'static str,
        allowed: fn() -> &'static [&'static str],
    ) {
        for (at, problem) in self.notes.keys.remove(&path).unwrap_or_default() {
            self.push(at, || rules::key_message(&problem, what, allowed()));
        }
    }
}
