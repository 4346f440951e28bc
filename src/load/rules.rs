//! The rules of format version 1 about values, each written once: what a text, slug,
//! date, choice or URL must be, that a required key is there (the shape says which,
//! `shape.rs`), unique ids, and references that resolve.
//!
//! They check a briefing however it was read and build the [`Briefing`].
//! Each problem is reported at a [`Path`] (`quotes[3].actor`); a [`Report`] decides
//! what to do with it: the quick reading only notes that there is one, the positioned
//! one turns the path into a line and column. Problems come in the order of the
//! format's keys, which is also the order in which a long list of them is cut short.

use std::fmt;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::shape::{
    self, Choice, Field, Flag, Must, RawActor, RawBriefing, RawDate, RawEntry, RawEvent,
    RawImplication, RawQuote, RawSource, RawText, Slug, Version, WebAddress, Words, Written,
};
use crate::date::Date;
use crate::model::{
    Actor, Briefing, Event, Id, Ids, Implication, Quote, Source, Text, TimelineEntry,
};
use crate::text::quoted;

/// Ids a "did you mean" hint is looked for among; past this there is no hint.
const MAX_HINT_CANDIDATES: usize = 1_000;

/// One step into a document: a key of a mapping or an item of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Key(&'static str),
    Item(u32),
}

/// Where in a briefing a problem is: `quotes[3].actor`. A briefing is never deeper
/// than four steps (`timeline[2].actors[1]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Path {
    steps: [Option<Step>; 4],
}

impl Path {
    /// The document itself.
    pub const ROOT: Path = Path { steps: [None; 4] };

    pub fn steps(&self) -> impl Iterator<Item = Step> + '_ {
        self.steps.iter().map_while(|s| *s)
    }

    fn then(mut self, step: Step) -> Path {
        if let Some(free) = self.steps.iter_mut().find(|s| s.is_none()) {
            *free = Some(step);
        }
        self
    }

    pub fn key(self, key: &'static str) -> Path {
        self.then(Step::Key(key))
    }

    pub fn item(self, i: usize) -> Path {
        self.then(Step::Item(u32::try_from(i).unwrap_or(u32::MAX)))
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.steps().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Item(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Which point of the file a problem at a path is shown at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The value at the path (for a missing key: the mapping that lacks it).
    Value,
    /// A key written with no value (`summary:`): the key, not the empty space after it.
    KeyOfEmpty,
}

/// A key of a mapping that the reading could not take, found by the positioned reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyProblem {
    /// A key that is not a name (a list, a mapping, nothing).
    NotAName(shape::Found),
    Unknown(String),
    /// A key written twice; `first` is the line of the first.
    Duplicate(&'static str, u32),
}

/// Where the problems go.
pub trait Report {
    /// A problem at `path`; `message` is only called when the words are wanted.
    fn problem(&mut self, path: Path, anchor: Anchor, message: impl FnOnce() -> String);
    /// The line a path is on, for "first defined at line 8".
    fn line(&self, path: Path) -> u32;
    /// A mapping is being checked: the problems of its keys come first. `allowed` lists
    /// its keys, for the messages.
    fn mapping(&mut self, path: Path, what: &'static str, allowed: fn() -> &'static [&'static str]);
}

/// Checks a briefing and builds it, reporting every problem; `None` when it cannot be built.
pub fn check(
    raw: Field<RawBriefing>,
    default_id: &str,
    report: &mut impl Report,
) -> Option<Briefing> {
    let mut c = Checker {
        r: report,
        actor_ids: Vec::new(),
        source_ids: Vec::new(),
        known_actors: None,
        known_sources: None,
        refs: Vec::new(),
    };
    c.briefing(raw, default_id)
}

/// The message for a key the reading could not take.
pub fn key_message(problem: &KeyProblem, what: &str, allowed: &[&str]) -> String {
    match problem {
        KeyProblem::NotAName(found) => {
            format!(
                "a key in {what} must be a plain name, found {}",
                found.words()
            )
        }
        KeyProblem::Unknown(name) => {
            let hint = match closest(name, allowed) {
                Some(k) => format!("; did you mean `{k}`?"),
                None => String::new(),
            };
            format!(
                "unknown key `{}` in {what}{hint} (allowed keys: {}; keys starting with `x-` are ignored)",
                quoted(name),
                allowed.join(", ")
            )
        }
        KeyProblem::Duplicate(key, first) => {
            format!("duplicate key `{key}` in {what} (first at line {first}); keep only one")
        }
    }
}

/// A reference to an actor or source id, checked once all ids are known.
struct Reference {
    at: Path,
    id: Id,
    kind: RefKind,
    within: &'static str,
}

#[derive(Clone, Copy, PartialEq)]
enum RefKind {
    Actor,
    Source,
}

/// The expected value of each kind, in the words of a message.
const A_TEXT: &str = "a text";
const A_LIST: &str = "a list";
const A_DATE: &str = "a date (2017, 2017-05, 2017-12-19 or 2017-12-19T15:30:00Z)";
const A_FLAG: &str = "true or false";
const A_VERSION: &str = "the format version number 1";

struct Checker<'r, R: Report> {
    r: &'r mut R,
    /// Every actor and source id written, also of entries with other problems,
    /// so a reference to them is not reported as well.
    actor_ids: Vec<(Id, Path)>,
    source_ids: Vec<(Id, Path)>,
    /// Those ids once the list is read, so a reference is looked up as it is read
    /// (and shares the id's copy).
    known_actors: Option<HashSet<Id>>,
    known_sources: Option<HashSet<Id>>,
    /// References to ids not (yet) known, in the order written; reported last.
    refs: Vec<Reference>,
}

/// A mapping being checked: where it is and what it is called in messages.
#[derive(Clone, Copy)]
struct At {
    path: Path,
    what: &'static str,
}

impl At {
    fn key(self, key: &'static str) -> Path {
        self.path.key(key)
    }
}

/// A key's value, and whether the format requires the key (its type in the shape says).
struct Slot<T> {
    field: Field<T>,
    required: bool,
}

impl<T> From<Field<T>> for Slot<T> {
    fn from(field: Field<T>) -> Self {
        Slot {
            field,
            required: false,
        }
    }
}

impl<T> From<Must<T>> for Slot<T> {
    fn from(Must(field): Must<T>) -> Self {
        Slot {
            field,
            required: true,
        }
    }
}

impl<R: Report> Checker<'_, R> {
    fn problem(&mut self, path: Path, message: impl FnOnce() -> String) {
        self.r.problem(path, Anchor::Value, message);
    }

    /// The value of a key (or list item) at `path` in the mapping `at`, or `None` after
    /// saying why there is none: a required key missing, no value, a value of another kind.
    fn given<T>(
        &mut self,
        slot: impl Into<Slot<T>>,
        at: At,
        path: Path,
        key: &str,
        expected: &str,
    ) -> Option<T> {
        let Slot { field, required } = slot.into();
        let what = at.what;
        match field {
            Field::Given(v) => Some(v),
            Field::Absent => {
                if required {
                    self.problem(at.path, || {
                        format!("missing required key `{key}` in {what}")
                    });
                }
                None
            }
            Field::Empty => {
                // A required key left empty must be filled in, not removed.
                let or_remove = if required { "" } else { " or remove the key" };
                self.r.problem(path, Anchor::KeyOfEmpty, || {
                    format!("`{key}` in {what} has no value; write {expected}{or_remove}")
                });
                None
            }
            Field::Wrong(found) => {
                self.problem(path, || {
                    format!(
                        "`{key}` in {what} must be {expected}, found {}",
                        found.words()
                    )
                });
                None
            }
        }
    }

    /// Text that is not blank.
    fn text<T: Written>(
        &mut self,
        slot: impl Into<Slot<T>>,
        at: At,
        path: Path,
        key: &str,
    ) -> Option<String> {
        let s = self.given(slot, at, path, key, A_TEXT)?.written();
        let what = at.what;
        if s.trim().is_empty() {
            self.problem(path, || {
                format!("`{key}` in {what} is empty; write some text or remove the key")
            });
            return None;
        }
        if !has_visible(&s) {
            self.problem(path, || {
                format!(
                    "`{key}` in {what} has no visible characters; write some text or remove the key"
                )
            });
            return None;
        }
        Some(s)
    }

    /// Item `i` (from 0) of the list under `key`: a text, the message naming that item
    /// rather than the whole list.
    fn item_text<T: Written>(
        &mut self,
        f: Field<T>,
        at: At,
        key: &'static str,
        i: usize,
    ) -> Option<String> {
        let problem = match f {
            Field::Given(v) => {
                let s = v.written();
                if s.trim().is_empty() {
                    "is empty; write some text or remove the item".to_string()
                } else if !has_visible(&s) {
                    "has no visible characters; write some text or remove the item".to_string()
                } else {
                    return Some(s);
                }
            }
            Field::Absent => return None,
            Field::Empty => "has no value; write a text or remove the item".to_string(),
            Field::Wrong(found) => format!("must be a text, found {}", found.words()),
        };
        let what = at.what;
        self.problem(at.key(key).item(i), || {
            format!("item {} of `{key}` in {what} {problem}", i + 1)
        });
        None
    }

    fn line(&mut self, slot: impl Into<Slot<RawText>>, at: At, key: &'static str) -> Option<Text> {
        self.text(slot, at, at.key(key), key).map(Text::line)
    }

    fn block(&mut self, slot: impl Into<Slot<RawText>>, at: At, key: &'static str) -> Option<Text> {
        self.text(slot, at, at.key(key), key).map(Text::block)
    }

    fn slug(&mut self, slot: impl Into<Slot<Slug>>, at: At, key: &'static str) -> Option<String> {
        let path = at.key(key);
        let text = self.text(slot, at, path, key)?;
        if is_slug(&text) {
            return Some(text);
        }
        let what = at.what;
        self.problem(path, || {
            format!(
                "`{}` is not a valid {key} in {what}: use 1 to 64 characters of a-z, 0-9, `-` and `_`, starting with a letter or digit (e.g. `{}`)",
                quoted(&text),
                slugify(&text)
            )
        });
        None
    }

    fn date(&mut self, slot: impl Into<Slot<RawDate>>, at: At, key: &'static str) -> Option<Date> {
        let path = at.key(key);
        let text = self.given(slot, at, path, key, A_DATE)?.0;
        match Date::parse(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                let what = at.what;
                self.problem(path, || format!("bad `{key}` in {what}: {e}"));
                None
            }
        }
    }

    fn flag(&mut self, f: Field<Flag>, at: At, key: &'static str) -> bool {
        self.given(f, at, at.key(key), key, A_FLAG)
            .is_some_and(|Flag(b)| b)
    }

    /// A web address: http or https.
    fn url(&mut self, f: Field<WebAddress>, at: At, key: &'static str) -> Option<Text> {
        let path = at.key(key);
        let url = self.text(f, at, path, key).map(Text::line)?;
        if !is_web_address(url.raw()) {
            self.problem(path, || {
                format!(
                    "`{key}` in {} must start with http:// or https://, found `{}`",
                    at.what,
                    quoted(url.raw().trim())
                )
            });
        }
        Some(url)
    }

    /// One word of a closed list (kind, priority, confidence).
    fn choice<T: Words>(&mut self, f: Field<Choice<T>>, at: At, key: &'static str) -> Option<T> {
        let path = at.key(key);
        let names: Vec<&str> = T::ALL.iter().map(|(n, _)| *n).collect();
        let text = match f {
            // Nothing written: say which words there are.
            Field::Empty => {
                let one_of = format!("one of {}", names.join(", "));
                self.given(Field::<Choice<T>>::Empty, at, path, key, &one_of);
                return None;
            }
            f => self.text(f, at, path, key)?,
        };
        if let Some((_, v)) = T::ALL.iter().find(|(n, _)| *n == text) {
            return Some(*v);
        }
        let what = at.what;
        self.problem(path, || {
            let hint = match T::ALL
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(text.trim()))
            {
                Some((n, _)) => format!("; did you mean `{n}`?"),
                None => closest(&text, &names)
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default(),
            };
            format!(
                "bad {key} `{}` in {what}{hint} (one of: {})",
                quoted(&text),
                names.join(", ")
            )
        });
        None
    }

    fn list<T>(
        &mut self,
        slot: impl Into<Slot<Vec<Field<T>>>>,
        at: At,
        key: &'static str,
    ) -> Vec<Field<T>> {
        self.given(slot, at, at.key(key), key, A_LIST)
            .unwrap_or_default()
    }

    /// A list of texts, one line each (tags, aliases).
    fn texts(&mut self, f: Field<Vec<Field<RawText>>>, at: At, key: &'static str) -> Vec<Text> {
        let items = self.list(f, at, key);
        let mut texts: Vec<Text> = items
            .into_iter()
            .enumerate()
            .filter_map(|(i, t)| self.item_text(t, at, key, i).map(Text::line))
            .collect();
        // Kept as long as the library is open: no room to grow.
        texts.shrink_to_fit();
        texts
    }

    /// A list of actor ids, each looked up once all actors are known.
    fn actor_ids(&mut self, f: Field<Vec<Field<Slug>>>, at: At) -> Ids {
        let key = "actors";
        let items = self.list(f, at, key);
        let list = at.key(key);
        let mut ids = Vec::with_capacity(items.len());
        for (i, t) in items.into_iter().enumerate() {
            let path = list.item(i);
            if let Some(id) = self.item_text(t, at, key, i) {
                ids.push(self.refer(path, id, RefKind::Actor, at.what));
            }
        }
        Ids::from(ids)
    }

    fn reference(
        &mut self,
        slot: impl Into<Slot<Slug>>,
        at: At,
        key: &'static str,
        kind: RefKind,
    ) -> Option<Id> {
        let path = at.key(key);
        let id = self.text(slot, at, path, key)?;
        // An actor's affiliation names another actor: say which key, or it reads oddly.
        let within = if key == "affiliation" {
            "actor's `affiliation`"
        } else {
            at.what
        };
        Some(self.refer(path, id, kind, within))
    }

    /// A reference to an id: the id's own copy when its list is read and names it,
    /// else kept for the end, to be looked up or reported then.
    fn refer(&mut self, at: Path, id: String, kind: RefKind, within: &'static str) -> Id {
        let known = match kind {
            RefKind::Actor => &self.known_actors,
            RefKind::Source => &self.known_sources,
        };
        if let Some(shared) = known.as_ref().and_then(|ids| ids.get(id.as_str())) {
            return shared.clone();
        }
        let id = Id::from(id);
        self.refs.push(Reference {
            at,
            id: id.clone(),
            kind,
            within,
        });
        id
    }

    /// A mapping, or `None` after saying it is something else (or, for a required
    /// key of `within`, that it is missing).
    fn mapping<T: serde::Deserialize<'static>>(
        &mut self,
        slot: impl Into<Slot<T>>,
        within: Option<(At, &str)>,
        path: Path,
        what: &'static str,
    ) -> Option<(T, At)> {
        let Slot { field, required } = slot.into();
        if let (Field::Absent, true, Some((at, key))) = (&field, required, within) {
            self.problem(at.path, || {
                format!("missing required key `{key}` in {}", at.what)
            });
        }
        let found = match field {
            Field::Given(v) => {
                self.r.mapping(path, what, shape::keys::<T>);
                return Some((v, At { path, what }));
            }
            Field::Absent => return None,
            Field::Empty => shape::Found::Nothing,
            Field::Wrong(found) => found,
        };
        self.problem(path, || {
            format!(
                "{} must be a mapping of keys ({}), found {}",
                article(what),
                shape::keys::<T>().join(", "),
                found.words()
            )
        });
        None
    }

    /// The items of a list of mappings, each checked by `item`; `None` items are dropped
    /// (their problems are already reported).
    fn items<T: serde::Deserialize<'static>, U>(
        &mut self,
        slot: impl Into<Slot<Vec<Field<T>>>>,
        at: At,
        key: &'static str,
        what: &'static str,
        mut item: impl FnMut(&mut Self, T, At) -> Option<U>,
    ) -> Vec<U> {
        let nodes = self.list(slot, at, key);
        let list = at.key(key);
        let mut out = Vec::with_capacity(nodes.len());
        for (i, n) in nodes.into_iter().enumerate() {
            if let Some((fields, at)) = self.mapping(n, None, list.item(i), what)
                && let Some(v) = item(self, fields, at)
            {
                out.push(v);
            }
        }
        out
    }

    fn briefing(&mut self, raw: Field<RawBriefing>, default_id: &str) -> Option<Briefing> {
        let root = Path::ROOT;
        let raw = match raw {
            Field::Given(raw) => raw,
            Field::Absent | Field::Empty => {
                self.problem(root, || {
                    "the file is empty; a briefing needs at least `title`, `date`, `event` and `actors`".to_string()
                });
                return None;
            }
            Field::Wrong(found) => {
                self.problem(root, || {
                    format!(
                        "a briefing must be a mapping of keys (title, date, event, actors, ...), found {}; see the briefing format",
                        found.words()
                    )
                });
                return None;
            }
        };
        let (b, at) = self.mapping(Field::Given(raw), None, root, "briefing")?;
        let version = at.key("briefing");
        match self.given(b.briefing, at, version, "briefing", A_VERSION) {
            None | Some(Version(1)) => {}
            Some(Version(n)) => self.problem(version, || {
                format!(
                    "unsupported format version `briefing: {n}`; this reader knows version 1 only"
                )
            }),
        }
        let id = match b.id {
            Field::Absent => Some(slugify(default_id)),
            id => self.slug(id, at, "id"),
        };
        let title = self.line(b.title, at, "title");
        let date = self.date(b.date, at, "date");
        let summary = self.block(b.summary, at, "summary");
        let classification = self.line(b.classification, at, "classification");
        let tags = self.texts(b.tags, at, "tags");

        let sources = self.sources(b.sources, at);
        let event = self.event(b.event, at);
        let actors = self.actors(b.actors, at);
        let mut timeline = self.timeline(b.timeline, at);
        let quotes = self.quotes(b.quotes, at);
        let implications = self.implications(b.implications, at);
        self.check_references();

        timeline.sort_by_key(|e| e.date);
        let mut b = Briefing {
            briefing: 1,
            id: id?,
            title: title?,
            date: date?,
            summary,
            classification,
            tags,
            sources,
            event: event?,
            actors,
            timeline,
            quotes,
            implications,
            path: Default::default(),
        };
        b.pack_texts();
        Some(b)
    }

    fn event(&mut self, f: Must<RawEvent>, within: At) -> Option<Event> {
        let (e, at) = self.mapping(f, Some((within, "event")), within.key("event"), "event")?;
        let title = self.line(e.title, at, "title");
        let date = self.date(e.date, at, "date");
        let location = self.line(e.location, at, "location");
        let description = self.block(e.description, at, "description");
        Some(Event {
            title: title?,
            date: date?,
            location,
            description,
        })
    }

    fn sources(&mut self, f: Field<Vec<Field<RawSource>>>, at: At) -> Vec<Source> {
        let list = self.items(f, at, "sources", "source", |c, s: RawSource, at| {
            let id = c.slug(s.id, at, "id").map(Id::from);
            let title = c.line(s.title, at, "title");
            let publisher = c.line(s.publisher, at, "publisher");
            let url = c.url(s.url, at, "url");
            let date = c.date(s.date, at, "date");
            if let Some(id) = &id {
                c.source_ids.push((id.clone(), at.key("id")));
            }
            Some(Source {
                id: id?,
                title: title?,
                publisher,
                url,
                date,
            })
        });
        let ids = std::mem::take(&mut self.source_ids);
        self.unique_ids(&ids, "source");
        self.known_sources = Some(ids.iter().map(|(id, _)| id.clone()).collect());
        self.source_ids = ids;
        list
    }

    fn actors(&mut self, f: Must<Vec<Field<RawActor>>>, at: At) -> Vec<Actor> {
        if let Field::Given(items) = &f.0
            && items.is_empty()
        {
            self.problem(at.key("actors"), || {
                "`actors` is empty; a briefing needs at least one actor".to_string()
            });
        }
        let list = self.items(f, at, "actors", "actor", |c, a: RawActor, at| {
            let id = c.slug(a.id, at, "id").map(Id::from);
            let name = c.line(a.name, at, "name");
            let kind = c.choice(a.kind, at, "kind");
            let role = c.line(a.role, at, "role");
            let affiliation = c.reference(a.affiliation, at, "affiliation", RefKind::Actor);
            let aliases = c.texts(a.aliases, at, "aliases").into();
            let description = c.block(a.description, at, "description");
            if let Some(id) = &id {
                c.actor_ids.push((id.clone(), at.key("id")));
            }
            Some(Actor {
                id: id?,
                name: name?,
                kind,
                role,
                affiliation,
                aliases,
                description,
            })
        });
        let ids = std::mem::take(&mut self.actor_ids);
        self.unique_ids(&ids, "actor");
        let known: HashSet<Id> = ids.iter().map(|(id, _)| id.clone()).collect();
        // Affiliations were read before all actors were: look them up now.
        self.refs
            .retain(|r| r.kind != RefKind::Actor || !known.contains(&r.id));
        let mut list = list;
        for a in &mut list {
            if let Some(shared) = a.affiliation.as_ref().and_then(|id| known.get(id)) {
                a.affiliation = Some(shared.clone());
            }
        }
        self.known_actors = Some(known);
        self.actor_ids = ids;
        list
    }

    fn timeline(&mut self, f: Field<Vec<Field<RawEntry>>>, at: At) -> Vec<TimelineEntry> {
        self.items(f, at, "timeline", "timeline entry", |c, e: RawEntry, at| {
            let date = c.date(e.date, at, "date");
            let title = c.line(e.title, at, "title");
            let detail = c.block(e.detail, at, "detail");
            let actors = c.actor_ids(e.actors, at);
            let source = c.reference(e.source, at, "source", RefKind::Source);
            let approximate = c.flag(e.approximate, at, "approximate");
            let confidence = c.choice(e.confidence, at, "confidence");
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

    fn quotes(&mut self, f: Field<Vec<Field<RawQuote>>>, at: At) -> Vec<Quote> {
        self.items(f, at, "quotes", "quote", |c, q: RawQuote, at| {
            let actor = c.reference(q.actor, at, "actor", RefKind::Actor);
            let text = c.block(q.text, at, "text");
            let date = c.date(q.date, at, "date");
            let context = c.block(q.context, at, "context");
            let source = c.reference(q.source, at, "source", RefKind::Source);
            let paraphrase = c.flag(q.paraphrase, at, "paraphrase");
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

    fn implications(&mut self, f: Field<Vec<Field<RawImplication>>>, at: At) -> Vec<Implication> {
        self.items(
            f,
            at,
            "implications",
            "implication",
            |c, m: RawImplication, at| {
                let title = c.line(m.title, at, "title");
                let detail = c.block(m.detail, at, "detail");
                let actors = c.actor_ids(m.actors, at);
                let priority = c.choice(m.priority, at, "priority");
                let confidence = c.choice(m.confidence, at, "confidence");
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

    /// Two actors, or two sources, with one id.
    fn unique_ids(&mut self, ids: &[(Id, Path)], what: &'static str) {
        let mut first: HashMap<&str, Path> = HashMap::with_capacity(ids.len());
        for (id, at) in ids {
            match first.get(id.as_str()) {
                Some(&prev) => {
                    let line = self.r.line(prev);
                    self.problem(*at, || {
                        format!("duplicate {what} id `{id}` (first defined at line {line}); {what} ids must be unique in a briefing")
                    });
                }
                None => {
                    first.insert(id, *at);
                }
            }
        }
    }

    /// Every reference to an id the briefing does not define, in the order written.
    fn check_references(&mut self) {
        let refs = std::mem::take(&mut self.refs);
        let Checker {
            r,
            actor_ids,
            source_ids,
            ..
        } = self;
        for reference in &refs {
            let (written, noun) = match reference.kind {
                RefKind::Actor => (&*actor_ids, "actor"),
                RefKind::Source => (&*source_ids, "source"),
            };
            r.problem(reference.at, Anchor::Value, || {
                // Each id once, in the order written.
                let mut ids: Vec<&str> = written.iter().map(|(id, _)| id.as_str()).collect();
                dedup_keep_order(&mut ids);
                let hint = if ids.len() <= MAX_HINT_CANDIDATES {
                    closest(&reference.id, &ids)
                        .map(|k| format!("; did you mean `{k}`?"))
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                let known = if ids.is_empty() {
                    format!("this briefing defines no {noun}s; add it under `{noun}s`")
                } else {
                    format!("{noun}s in this briefing: {}", list_some(&ids))
                };
                let id = quoted(&reference.id);
                format!(
                    "unknown {noun} `{id}` in {}{hint} ({known})",
                    reference.within
                )
            });
        }
    }
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
    ["http://", "https://"].iter().any(|p| {
        url.len() > p.len()
            && url
                .get(..p.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(p))
    })
}

/// "a quote", "an actor", "an event", for the start of a message.
fn article(what: &str) -> String {
    let an = what.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {what}", if an { "an" } else { "a" })
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

/// A report for the quick reading: whether there is any problem, nothing more.
#[derive(Debug, Default)]
pub struct Quick {
    pub found: bool,
}

impl Report for Quick {
    fn problem(&mut self, _: Path, _: Anchor, _: impl FnOnce() -> String) {
        self.found = true;
    }
    fn line(&self, _: Path) -> u32 {
        0
    }
    fn mapping(&mut self, _: Path, _: &'static str, _: fn() -> &'static [&'static str]) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_written() {
        let p = Path::ROOT.key("quotes").item(3).key("actor");
        assert_eq!(p.to_string(), "quotes[3].actor");
        assert_eq!(
            Path::ROOT
                .key("timeline")
                .item(2)
                .key("actors")
                .item(1)
                .to_string(),
            "timeline[2].actors[1]"
        );
    }

    /// Collects each problem's path and words.
    #[derive(Default)]
    struct Paths(Vec<String>);

    impl Report for Paths {
        fn problem(&mut self, path: Path, _: Anchor, message: impl FnOnce() -> String) {
            self.0.push(format!("{path}: {}", message()));
        }
        fn line(&self, _: Path) -> u32 {
            0
        }
        fn mapping(&mut self, _: Path, _: &'static str, _: fn() -> &'static [&'static str]) {}
    }

    #[test]
    fn the_typed_briefing_is_checked_at_paths() {
        let src = "title: T\ndate: 2017\nevent: {title: E, date: 2017}\n\
                   actors: [{id: a, name: A}, {id: b, name: B, kind: persn}]\n\
                   quotes: [{actor: a, text: t}, {actor: c, text: \"  \"}]\n";
        let raw: RawBriefing =
            serde_saphyr::from_str_with_options(src, crate::load::yaml::strict_options()).unwrap();
        let mut found = Paths::default();
        assert!(check(Field::Given(raw), "x", &mut found).is_some());
        assert_eq!(found.0.len(), 3, "{:?}", found.0);
        assert!(found.0[0].starts_with("actors[1].kind: bad kind `persn`"));
        assert!(found.0[1].starts_with("quotes[1].text: `text` in quote is empty"));
        assert!(found.0[2].starts_with("quotes[1].actor: unknown actor `c`"));
    }

    #[test]
    fn a_web_address_is_checked_without_cutting_a_character() {
        assert!(is_web_address(" HTTPS://example.org"));
        assert!(!is_web_address("https://"));
        assert!(!is_web_address("htt\u{e9}ps://x"));
        assert!(!is_web_address("ftp://x"));
    }
}
