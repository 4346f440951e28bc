//! The positioned YAML tree to a [`Briefing`], checked against format version 1.
//!
//! Every problem is collected with its place, so an author sees all of them at once.

use std::collections::{HashMap, HashSet};

use super::yaml::{Node, Pos, Value, pos, source_text};
use crate::date::Date;
use crate::model::{
    Actor, ActorKind, Briefing, Confidence, Event, Implication, Priority, Quote, Source, Text,
    TimelineEntry,
};
use crate::text::quoted;

const BRIEFING_KEYS: &[&str] = &[
    "briefing",
    "id",
    "title",
    "date",
    "summary",
    "classification",
    "tags",
    "sources",
    "event",
    "actors",
    "timeline",
    "quotes",
    "implications",
];
const EVENT_KEYS: &[&str] = &["title", "date", "location", "description"];
const ACTOR_KEYS: &[&str] = &[
    "id",
    "name",
    "kind",
    "role",
    "affiliation",
    "aliases",
    "description",
];
const ENTRY_KEYS: &[&str] = &[
    "date",
    "title",
    "detail",
    "actors",
    "source",
    "approximate",
    "confidence",
];
const QUOTE_KEYS: &[&str] = &["actor", "text", "date", "context", "source", "paraphrase"];
const IMPLICATION_KEYS: &[&str] = &["title", "detail", "actors", "priority", "confidence"];
const SOURCE_KEYS: &[&str] = &["id", "title", "publisher", "url", "date"];

/// The keys allowed in each mapping, by the name the schema gives it (`brief schema`
/// must list the same; a test holds them together).
pub const KEYS: &[(&str, &[&str])] = &[
    ("Briefing", BRIEFING_KEYS),
    ("Event", EVENT_KEYS),
    ("Actor", ACTOR_KEYS),
    ("TimelineEntry", ENTRY_KEYS),
    ("Quote", QUOTE_KEYS),
    ("Implication", IMPLICATION_KEYS),
    ("Source", SOURCE_KEYS),
];

/// One problem in a file: where, and what to do about it.
pub type Problem = (Pos, String);

/// Problems listed for one file; past this they are only counted, so that a
/// large file with a problem on every line is still reported at once.
pub const MAX_PROBLEMS: usize = 100;

/// Ids a "did you mean" hint is looked for among; past this there is no hint.
const MAX_HINT_CANDIDATES: usize = 1_000;

/// Checks a parsed document and builds the briefing, or returns every problem found.
pub fn briefing(src: &str, root: &Node, default_id: &str) -> Result<Briefing, Vec<Problem>> {
    let mut c = Checker {
        src,
        problems: Vec::new(),
        empty_values: Default::default(),
        required_values: Default::default(),
        actor_ids: Vec::new(),
        source_ids: Vec::new(),
        unlisted: 0,
    };
    let built = c.briefing(root, default_id);
    match built {
        Some(b) if c.problems.is_empty() => Ok(b),
        _ => {
            let mut problems = c.problems;
            problems.sort_by_key(|(p, _)| *p);
            if problems.is_empty() {
                problems.push((pos(root), "the briefing could not be read".to_string()));
            }
            if c.unlisted > 0 {
                problems.push((
                    pos(root),
                    format!(
                        "{} more problems are not listed; fix the ones above first",
                        c.unlisted
                    ),
                ));
            }
            Err(problems)
        }
    }
}

/// A reference to an actor or source id, checked once all ids are known.
struct Reference {
    at: Pos,
    id: String,
    kind: RefKind,
    within: &'static str,
}

#[derive(Clone, Copy, PartialEq)]
enum RefKind {
    Actor,
    Source,
}

struct Checker<'s> {
    src: &'s str,
    problems: Vec<Problem>,
    /// Where the key of each value-less entry (`summary:`) stands, by the value's place.
    empty_values: std::collections::BTreeMap<Pos, Pos>,
    /// Places of the values of required keys, so an empty one is not called removable.
    required_values: std::collections::BTreeSet<Pos>,
    /// Every actor and source id written, also of entries with other problems,
    /// so a reference to them is not reported as well.
    actor_ids: Vec<(String, Pos)>,
    source_ids: Vec<(String, Pos)>,
    /// Problems found past [`MAX_PROBLEMS`].
    unlisted: usize,
}

/// The keys of one mapping, after unknown and duplicate keys were reported.
struct Fields<'n> {
    at: Pos,
    what: &'static str,
    entries: Vec<(&'static str, &'n Node)>,
}

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, n)| *n)
    }
}

impl<'s> Checker<'s> {
    fn problem(&mut self, at: Pos, message: String) {
        if self.full() {
            self.unlisted += 1;
        } else {
            self.problems.push((at, message));
        }
    }

    /// No more problems are listed; only counted.
    fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    /// The text of a mapping key or scalar as written.
    fn scalar_text<'a>(&self, node: &'a Node) -> Option<std::borrow::Cow<'a, str>>
    where
        's: 'a,
    {
        match &node.value {
            Value::Str(s) => Some(std::borrow::Cow::Borrowed(s.as_str())),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => Some(
                source_text(self.src, node)
                    .map(|s| std::borrow::Cow::Borrowed(s.trim()))
                    .unwrap_or_else(|| std::borrow::Cow::Owned(plain(&node.value))),
            ),
            _ => None,
        }
    }

    fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &'static str,
        allowed: &'static [&'static str],
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            let found = node.value.kind();
            self.problem(
                pos(node),
                format!(
                    "{} must be a mapping of keys ({}), found {found}",
                    article(what),
                    allowed.join(", ")
                ),
            );
            return None;
        };
        let mut fields = Fields {
            at: pos(node),
            what,
            entries: Vec::with_capacity(entries.len()),
        };
        let mut seen: Vec<(&'static str, Pos)> = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let Some(name) = self.scalar_text(key) else {
                self.problem(
                    pos(key),
                    format!(
                        "a key in {what} must be a plain name, found {}",
                        key.value.kind()
                    ),
                );
                continue;
            };
            if name.starts_with("x-") {
                continue;
            }
            let Some(known) = allowed.iter().copied().find(|k| *k == name) else {
                if self.full() {
                    self.unlisted += 1;
                    continue;
                }
                let hint = match closest(&name, allowed) {
                    Some(k) => format!("; did you mean `{k}`?"),
                    None => String::new(),
                };
                self.problem(
                    pos(key),
                    format!(
                        "unknown key `{}` in {what}{hint} (allowed keys: {}; keys starting with `x-` are ignored)",
                        quoted(&name),
                        allowed.join(", ")
                    ),
                );
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == known) {
                let first = first.line;
                self.problem(
                    pos(key),
                    format!(
                        "duplicate key `{known}` in {what} (first at line {first}); keep only one"
                    ),
                );
                continue;
            }
            seen.push((known, pos(key)));
            // `summary:` with nothing after it: point at the key, not at the colon.
            if let Value::Null = value.value
                && source_text(self.src, value).is_none_or(|t| t.trim().is_empty())
            {
                self.empty_values.insert(pos(value), pos(key));
            }
            fields.entries.push((known, value));
        }
        Some(fields)
    }

    fn required<'n>(&mut self, fields: &Fields<'n>, key: &str) -> Option<&'n Node> {
        let found = fields.get(key);
        match found {
            None => self.problem(
                fields.at,
                format!("missing required key `{key}` in {}", fields.what),
            ),
            // A required key left empty must be filled in, not removed.
            Some(node) => {
                self.required_values.insert(pos(node));
            }
        }
        found
    }

    fn wrong_type(&mut self, node: &Node, key: &str, what: &str, expected: &str) {
        let found = node.value.kind();
        if matches!(node.value, Value::Null) {
            let at = pos(node);
            let or_remove = if self.required_values.contains(&at) {
                ""
            } else {
                " or remove the key"
            };
            self.problem(
                self.empty_values.get(&at).copied().unwrap_or(at),
                format!("`{key}` in {what} has no value; write {expected}{or_remove}"),
            );
        } else {
            self.problem(
                pos(node),
                format!("`{key}` in {what} must be {expected}, found {found}"),
            );
        }
    }

    fn text_of(&mut self, node: &Node, key: &str, what: &str) -> Option<String> {
        match self.scalar_text(node) {
            Some(s) if s.trim().is_empty() => {
                self.problem(
                    pos(node),
                    format!("`{key}` in {what} is empty; write some text or remove the key"),
                );
                None
            }
            Some(s) if !has_visible(&s) => {
                self.problem(
                    pos(node),
                    format!(
                        "`{key}` in {what} has no visible characters; write some text or remove the key"
                    ),
                );
                None
            }
            Some(s) => Some(s.into_owned()),
            None => {
                self.wrong_type(node, key, what, "a text");
                None
            }
        }
    }

    /// Item `index` (from 0) of the list under `key`: a text, the message naming that
    /// item rather than the whole list.
    fn item_text_of(&mut self, node: &Node, key: &str, what: &str, index: usize) -> Option<String> {
        let item = format!("item {} of `{key}` in {what}", index + 1);
        let problem = match self.scalar_text(node) {
            Some(s) if s.trim().is_empty() => {
                "is empty; write some text or remove the item".to_string()
            }
            Some(s) if !has_visible(&s) => {
                "has no visible characters; write some text or remove the item".to_string()
            }
            Some(s) => return Some(s.into_owned()),
            None if matches!(node.value, Value::Null) => {
                "has no value; write a text or remove the item".to_string()
            }
            None => format!("must be a text, found {}", node.value.kind()),
        };
        self.problem(pos(node), format!("{item} {problem}"));
        None
    }

    fn line(&mut self, f: &Fields, key: &str) -> Option<Text> {
        let node = f.get(key)?;
        self.text_of(node, key, f.what).map(Text::line)
    }

    fn block(&mut self, f: &Fields, key: &str) -> Option<Text> {
        let node = f.get(key)?;
        self.text_of(node, key, f.what).map(Text::block)
    }

    fn required_line(&mut self, f: &Fields, key: &str) -> Option<Text> {
        let node = self.required(f, key)?;
        self.text_of(node, key, f.what).map(Text::line)
    }

    fn slug_of(&mut self, node: &Node, key: &str, what: &str) -> Option<String> {
        let text = self.text_of(node, key, what)?;
        if is_slug(&text) {
            Some(text)
        } else {
            self.problem(
                pos(node),
                format!(
                    "`{}` is not a valid {key} in {what}: use 1 to 64 characters of a-z, 0-9, `-` and `_`, starting with a letter or digit (e.g. `{}`)",
                    quoted(&text),
                    slugify(&text)
                ),
            );
            None
        }
    }

    fn date_of(&mut self, node: &Node, key: &str, what: &str) -> Option<Date> {
        let text = match &node.value {
            Value::Str(_) | Value::Int(_) | Value::Float(_) => self.scalar_text(node)?.into_owned(),
            _ => {
                self.wrong_type(
                    node,
                    key,
                    what,
                    "a date (2017, 2017-05, 2017-12-19 or 2017-12-19T15:30:00Z)",
                );
                return None;
            }
        };
        match Date::parse(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.problem(pos(node), format!("bad `{key}` in {what}: {e}"));
                None
            }
        }
    }

    fn date(&mut self, f: &Fields, key: &str) -> Option<Date> {
        let node = f.get(key)?;
        self.date_of(node, key, f.what)
    }

    fn required_date(&mut self, f: &Fields, key: &str) -> Option<Date> {
        let node = self.required(f, key)?;
        self.date_of(node, key, f.what)
    }

    fn flag(&mut self, f: &Fields, key: &str) -> bool {
        let Some(node) = f.get(key) else { return false };
        match node.value {
            Value::Bool(b) => b,
            _ => {
                self.wrong_type(node, key, f.what, "true or false");
                false
            }
        }
    }

    /// One of a closed set of words (kind, priority, confidence).
    fn choice<T: Copy>(&mut self, f: &Fields, key: &str, choices: &[(&str, T)]) -> Option<T> {
        let node = f.get(key)?;
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        if let Value::Null = node.value {
            self.wrong_type(node, key, f.what, &format!("one of {}", names.join(", ")));
            return None;
        }
        let text = self.text_of(node, key, f.what)?;
        if let Some((_, v)) = choices.iter().find(|(n, _)| *n == text) {
            return Some(*v);
        }
        let hint = match choices
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(text.trim()))
        {
            Some((n, _)) => format!("; did you mean `{n}`?"),
            None => closest(&text, &names)
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default(),
        };
        self.problem(
            pos(node),
            format!(
                "bad {key} `{}` in {}{hint} (one of: {})",
                quoted(&text),
                f.what,
                names.join(", ")
            ),
        );
        None
    }

    fn list<'n>(&mut self, f: &Fields<'n>, key: &str) -> &'n [Node] {
        let Some(node) = f.get(key) else { return &[] };
        match &node.value {
            Value::Seq(items) => items,
            _ => {
                self.wrong_type(node, key, f.what, "a list");
                &[]
            }
        }
    }

    fn texts(&mut self, f: &Fields, key: &str) -> Vec<Text> {
        let what = f.what;
        self.list(f, key)
            .iter()
            .enumerate()
            .filter_map(|(i, n)| self.item_text_of(n, key, what, i).map(Text::line))
            .collect()
    }

    /// A list of actor ids, each remembered for checking once all actors are known.
    fn actor_ids(&mut self, f: &Fields, refs: &mut Vec<Reference>) -> Vec<String> {
        let what = f.what;
        let items = self.list(f, "actors");
        let mut ids = Vec::with_capacity(items.len());
        for (i, n) in items.iter().enumerate() {
            if let Some(id) = self.item_text_of(n, "actors", what, i) {
                refs.push(Reference {
                    at: pos(n),
                    id: id.clone(),
                    kind: RefKind::Actor,
                    within: what,
                });
                ids.push(id);
            }
        }
        ids
    }

    fn reference(
        &mut self,
        f: &Fields,
        key: &str,
        kind: RefKind,
        refs: &mut Vec<Reference>,
    ) -> Option<String> {
        let node = f.get(key)?;
        let id = self.text_of(node, key, f.what)?;
        // An actor's affiliation names another actor: say which key, or it reads oddly.
        let within = if key == "affiliation" {
            "actor's `affiliation`"
        } else {
            f.what
        };
        refs.push(Reference {
            at: pos(node),
            id: id.clone(),
            kind,
            within,
        });
        Some(id)
    }

    fn briefing(&mut self, root: &Node, default_id: &str) -> Option<Briefing> {
        if let Value::Null = root.value {
            self.problem(pos(root), "the file is empty; a briefing needs at least `title`, `date`, `event` and `actors`".to_string());
            return None;
        }
        if !matches!(root.value, Value::Map(_)) {
            self.problem(
                pos(root),
                format!(
                    "a briefing must be a mapping of keys (title, date, event, actors, ...), found {}; see the briefing format",
                    root.value.kind()
                ),
            );
            return None;
        }
        let f = self.mapping(root, "briefing", BRIEFING_KEYS)?;
        if let Some(v) = f.get("briefing") {
            match v.value {
                Value::Int(1) => {}
                Value::Int(n) => self.problem(pos(v), format!("unsupported format version `briefing: {n}`; this reader knows version 1 only")),
                _ => self.wrong_type(v, "briefing", "briefing", "the format version number 1"),
            }
        }
        let id = match f.get("id") {
            Some(n) => self.slug_of(n, "id", "briefing"),
            None => Some(slugify(default_id)),
        };
        let title = self.required_line(&f, "title");
        let date = self.required_date(&f, "date");
        let summary = self.block(&f, "summary");
        let classification = self.line(&f, "classification");
        let tags = self.texts(&f, "tags");

        let mut refs = Vec::new();
        let sources = self.sources(&f);
        let event = self.required(&f, "event").and_then(|n| self.event(n));
        let actors = self.actors(&f, &mut refs);
        let timeline = self.timeline(&f, &mut refs);
        let quotes = self.quotes(&f, &mut refs);
        let implications = self.implications(&f, &mut refs);
        self.check_references(&refs);

        let mut timeline = timeline;
        timeline.sort_by_key(|e| e.date);
        Some(Briefing {
            briefing: 1,
            id: id?,
            title: title?,
            date: date?,
            summary,
            classification,
            tags,
            sources: sources.into_iter().map(|(s, _)| s).collect(),
            event: event?,
            actors: actors.into_iter().map(|(a, _)| a).collect(),
            timeline,
            quotes,
            implications,
            path: Default::default(),
        })
    }

    fn event(&mut self, node: &Node) -> Option<Event> {
        let f = self.mapping(node, "event", EVENT_KEYS)?;
        let title = self.required_line(&f, "title");
        let date = self.required_date(&f, "date");
        let location = self.line(&f, "location");
        let description = self.block(&f, "description");
        Some(Event {
            title: title?,
            date: date?,
            location,
            description,
        })
    }

    /// Items of a list of mappings, each checked by `item`; `None` items are dropped
    /// (their problems are already recorded).
    fn items<T>(
        &mut self,
        f: &Fields,
        key: &str,
        what: &'static str,
        allowed: &'static [&'static str],
        mut item: impl FnMut(&mut Self, &Fields) -> Option<T>,
    ) -> Vec<T> {
        let nodes = self.list(f, key);
        let mut out = Vec::with_capacity(nodes.len());
        for n in nodes {
            if let Some(fields) = self.mapping(n, what, allowed)
                && let Some(v) = item(self, &fields)
            {
                out.push(v);
            }
        }
        out
    }

    fn sources(&mut self, f: &Fields) -> Vec<(Source, Pos)> {
        let list: Vec<(Source, Pos)> = self.items(f, "sources", "source", SOURCE_KEYS, |c, s| {
            let id = c
                .required(s, "id")
                .and_then(|n| c.slug_of(n, "id", "source").map(|id| (id, pos(n))));
            let title = c.required_line(s, "title");
            let publisher = c.line(s, "publisher");
            let url = c.line(s, "url");
            if let (Some(u), Some(n)) = (&url, s.get("url")) {
                let raw = u.raw().trim();
                if !is_web_address(raw) {
                    c.problem(
                        pos(n),
                        format!(
                            "`url` in source must start with http:// or https://, found `{}`",
                            quoted(raw)
                        ),
                    );
                }
            }
            let date = c.date(s, "date");
            if let Some((id, at)) = &id {
                c.source_ids.push((id.clone(), *at));
            }
            let (id, at) = id?;
            Some((
                Source {
                    id,
                    title: title?,
                    publisher,
                    url,
                    date,
                },
                at,
            ))
        });
        let ids = self.source_ids.clone();
        self.unique_ids(ids.iter().map(|(id, at)| (id.as_str(), *at)), "source");
        list
    }

    fn actors(&mut self, f: &Fields, refs: &mut Vec<Reference>) -> Vec<(Actor, Pos)> {
        if let Some(node) = self.required(f, "actors")
            && let Value::Seq(items) = &node.value
            && items.is_empty()
        {
            self.problem(
                pos(node),
                "`actors` is empty; a briefing needs at least one actor".to_string(),
            );
        }
        let list: Vec<(Actor, Pos)> = self.items(f, "actors", "actor", ACTOR_KEYS, |c, a| {
            let id = c
                .required(a, "id")
                .and_then(|n| c.slug_of(n, "id", "actor").map(|id| (id, pos(n))));
            let name = c.required_line(a, "name");
            let kind = c.choice(a, "kind", &ActorKind::ALL);
            let role = c.line(a, "role");
            let affiliation = c.reference(a, "affiliation", RefKind::Actor, refs);
            let aliases = c.texts(a, "aliases");
            let description = c.block(a, "description");
            if let Some((id, at)) = &id {
                c.actor_ids.push((id.clone(), *at));
            }
            let (id, at) = id?;
            Some((
                Actor {
                    id,
                    name: name?,
                    kind,
                    role,
                    affiliation,
                    aliases,
                    description,
                },
                at,
            ))
        });
        let ids = self.actor_ids.clone();
        self.unique_ids(ids.iter().map(|(id, at)| (id.as_str(), *at)), "actor");
        list
    }

    fn timeline(&mut self, f: &Fields, refs: &mut Vec<Reference>) -> Vec<TimelineEntry> {
        self.items(f, "timeline", "timeline entry", ENTRY_KEYS, |c, e| {
            let date = c.required_date(e, "date");
            let title = c.required_line(e, "title");
            let detail = c.block(e, "detail");
            let actors = c.actor_ids(e, refs);
            let source = c.reference(e, "source", RefKind::Source, refs);
            let approximate = c.flag(e, "approximate");
            let confidence = c.choice(e, "confidence", &Confidence::ALL);
            Some(TimelineEntry {
                date: date?,
                title: title?,
                detail,
                actors,
                source,
                approximate,
                confidence,
            })
        })
    }

    fn quotes(&mut self, f: &Fields, refs: &mut Vec<Reference>) -> Vec<Quote> {
        self.items(f, "quotes", "quote", QUOTE_KEYS, |c, q| {
            let actor = c
                .required(q, "actor")
                .and_then(|_| c.reference(q, "actor", RefKind::Actor, refs));
            let text = c
                .required(q, "text")
                .and_then(|n| c.text_of(n, "text", "quote"))
                .map(Text::block);
            let date = c.date(q, "date");
            let context = c.block(q, "context");
            let source = c.reference(q, "source", RefKind::Source, refs);
            let paraphrase = c.flag(q, "paraphrase");
            Some(Quote {
                actor: actor?,
                text: text?,
                date,
                context,
                source,
                paraphrase,
            })
        })
    }

    fn implications(&mut self, f: &Fields, refs: &mut Vec<Reference>) -> Vec<Implication> {
        self.items(
            f,
            "implications",
            "implication",
            IMPLICATION_KEYS,
            |c, i| {
                let title = c.required_line(i, "title");
                let detail = c.block(i, "detail");
                let actors = c.actor_ids(i, refs);
                let priority = c.choice(i, "priority", &Priority::ALL);
                let confidence = c.choice(i, "confidence", &Confidence::ALL);
                Some(Implication {
                    title: title?,
                    detail,
                    actors,
                    priority,
                    confidence,
                })
            },
        )
    }

    fn unique_ids<'a>(&mut self, ids: impl Iterator<Item = (&'a str, Pos)>, what: &str) {
        let mut first: HashMap<&str, Pos> = HashMap::new();
        for (id, at) in ids {
            if let Some(prev) = first.get(id) {
                let line = prev.line;
                self.problem(at, format!("duplicate {what} id `{id}` (first defined at line {line}); {what} ids must be unique in a briefing"));
            } else {
                first.insert(id, at);
            }
        }
    }

    fn check_references(&mut self, refs: &[Reference]) {
        let (actors, sources) = (self.actor_ids.clone(), self.source_ids.clone());
        let mut actor_ids: Vec<&str> = actors.iter().map(|(id, _)| id.as_str()).collect();
        let mut source_ids: Vec<&str> = sources.iter().map(|(id, _)| id.as_str()).collect();
        dedup_keep_order(&mut actor_ids);
        dedup_keep_order(&mut source_ids);
        let actor_set: HashSet<&str> = actor_ids.iter().copied().collect();
        let source_set: HashSet<&str> = source_ids.iter().copied().collect();
        for r in refs {
            let (ids, set, noun) = match r.kind {
                RefKind::Actor => (&actor_ids, &actor_set, "actor"),
                RefKind::Source => (&source_ids, &source_set, "source"),
            };
            if set.contains(r.id.as_str()) {
                continue;
            }
            if self.full() {
                self.unlisted += 1;
                continue;
            }
            let hint = if ids.len() <= MAX_HINT_CANDIDATES {
                closest(&r.id, ids)
                    .map(|k| format!("; did you mean `{k}`?"))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            let known = if ids.is_empty() {
                format!("this briefing defines no {noun}s; add it under `{noun}s`")
            } else {
                format!("{noun}s in this briefing: {}", list_some(ids))
            };
            let id = quoted(&r.id);
            self.problem(
                r.at,
                format!("unknown {noun} `{id}` in {}{hint} ({known})", r.within),
            );
        }
    }
}

/// "a quote", "an actor", "an event", for the start of a message.
fn article(what: &str) -> String {
    let an = what.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {what}", if an { "an" } else { "a" })
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

fn dedup_keep_order(ids: &mut Vec<&str>) {
    let mut seen = HashSet::new();
    ids.retain(|id| seen.insert(*id));
}

fn list_some(ids: &[&str]) -> String {
    const SHOWN: usize = 12;
    let mut out = ids
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        out.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    out
}

/// The allowed word nearest to a typo, when it is near enough to be the likely intent.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let w = word.to_lowercase();
    let w_chars = w.chars().count();
    candidates
        .iter()
        .filter_map(|c| {
            let c_chars = c.chars().count();
            let near = (c_chars / 3).max(1) + usize::from(c.len() > 5);
            // The distance is at least the difference in length; a long word
            // (a pasted paragraph as a key) is not compared letter by letter.
            if w_chars.abs_diff(c_chars) > near {
                return None;
            }
            let d = strsim::damerau_levenshtein(&w, c);
            (d <= near).then_some((d, *c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Whether a text shows anything once cleaned for display: a name made only of
/// invisible characters (zero-width spaces, bidi controls, tag characters) is no name.
pub fn has_visible(s: &str) -> bool {
    // Any printable ASCII letter settles it without cleaning (the common case).
    s.bytes().any(|b| b.is_ascii_graphic()) || !crate::text::clean_block(s).trim().is_empty()
}

/// A source's `url`: something after `http://` or `https://` (in any case).
pub fn is_web_address(url: &str) -> bool {
    let url = url.trim();
    ["http://", "https://"].iter().any(|scheme| {
        // `get`, not a slice: the text may have a wide character where the scheme ends.
        url.len() > scheme.len()
            && url
                .get(..scheme.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    })
}

pub fn is_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'_')
}

/// A slug made from any name (for ids taken from file names, and for hints).
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_' {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 64 {
            break;
        }
    }
    // A slug starts with a letter or digit: `_draft` gives `draft`.
    let out = out
        .trim_start_matches(['_', '-'])
        .trim_end_matches('-')
        .to_string();
    if out.is_empty() {
        "briefing".to_string()
    } else {
        out
    }
}
