//! Many briefings at once: the same actor followed across files, and what a
//! filter by actor, tag or search keeps.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use crate::load::Diagnostic;
use crate::model::{Actor, Briefing};

/// Index of a briefing in [`Library::briefings`].
pub type BriefingIx = usize;
/// Index of an actor followed across the library, in [`Library::actors`].
pub type ActorIx = usize;

/// One actor as the library knows it: every briefing that names it, under any of
/// its names or aliases.
#[derive(Clone, Debug)]
pub struct LibraryActor {
    /// The name most briefings use (the first seen, at a tie).
    pub name: String,
    /// Every other name and alias it goes by, as written.
    pub aliases: Vec<String>,
    /// `(briefing, actor index in that briefing)`, in library order.
    pub appearances: Vec<(BriefingIx, usize)>,
    /// Normalized names and aliases, for matching what a user types.
    keys: Vec<String>,
}

impl LibraryActor {
    /// True when `query` (any case, any punctuation) is one of its names, or part of one.
    pub fn matches(&self, query: &str) -> bool {
        let q = normalize(query);
        q.is_empty() || self.keys.iter().any(|k| k.contains(&q))
    }

    /// What of it a picker's query matches: `None` when nothing; `Some("")` for its name
    /// (or an empty query); else `alias: DPRK` or `id: haddad`, to show why it is listed.
    /// Case, spaces and punctuation do not count, as everywhere names are compared.
    pub fn matched_by(&self, query: &str, library: &Library) -> Option<String> {
        let q = normalize(query);
        if q.is_empty() || normalize(&self.name).contains(&q) {
            return Some(String::new());
        }
        if self.keys.iter().any(|k| k.contains(&q))
            && let Some(a) = self.aliases.iter().find(|a| normalize(a).contains(&q))
        {
            return Some(format!("alias: {a}"));
        }
        self.appearances.iter().find_map(|&(b, a)| {
            let id = &library.briefings[b].actors[a].id;
            normalize(id)
                .contains(&q)
                .then(|| format!("id: {}", crate::text::clean_line(id)))
        })
    }

    /// True when `name` is exactly one of its names, aliases (normalized) or local ids.
    pub fn is_named(&self, name: &str, library: &Library) -> bool {
        let n = normalize(name);
        self.keys.contains(&n)
            || self.appearances.iter().any(|&(b, a)| {
                library.briefings[b].actors[a]
                    .id
                    .eq_ignore_ascii_case(name.trim())
            })
    }
}

/// A file that could not be loaded, with all of its problems.
#[derive(Clone, Debug)]
pub struct FailedFile {
    pub path: PathBuf,
    pub problems: Vec<Diagnostic>,
}

/// The briefings loaded so far, the files that failed, and the actor index over them.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub briefings: Vec<Briefing>,
    pub failed: Vec<FailedFile>,
    pub actors: Vec<LibraryActor>,
    /// For each briefing, the library actor of each of its actors.
    actor_of: Vec<Vec<ActorIx>>,
    /// For each briefing, its searchable text in lower case (see [`crate::search::corpus`]).
    corpus: Vec<crate::search::Corpus>,
    /// For each briefing and actor, its normalized name and aliases (made once), as
    /// numbers into `key_names`: actors recur across files, their names far less.
    keys: Vec<Vec<Vec<u32>>>,
    key_ids: HashMap<String, u32>,
    key_names: Vec<String>,
    /// The files and folders the library was opened from, as given.
    roots: Vec<PathBuf>,
}

/// A name compared across files: case, punctuation and spacing do not count, so
/// `North Korea`, `north-korea` and `NORTH  KOREA` are one.
pub fn normalize(name: &str) -> String {
    if name.is_ascii() {
        return name
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase() as char)
            .collect();
    }
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Library {
    pub fn new(briefings: Vec<Briefing>, failed: Vec<FailedFile>) -> Library {
        let mut lib = Library::default();
        lib.extend(briefings, failed);
        lib
    }

    /// Remembers the files and folders the library is opened from, to say where each
    /// briefing came from.
    pub fn set_roots(&mut self, roots: Vec<PathBuf>) {
        self.roots = roots;
    }

    /// Where briefing `b` came from, relative to the folder opened and starting with
    /// that folder's name (`briefings/wannacry.yaml`), so two folders opened together
    /// can be told apart. Cleaned for display.
    pub fn place(&self, b: BriefingIx) -> String {
        let Some(path) = self.briefings.get(b).map(|br| &br.path) else {
            return String::new();
        };
        let shown = self
            .roots
            .iter()
            .find_map(|root| {
                let rest = path.strip_prefix(root).ok()?;
                if rest.as_os_str().is_empty() {
                    return path.file_name().map(PathBuf::from);
                }
                Some(match root.file_name() {
                    Some(folder) => std::path::Path::new(folder).join(rest),
                    None => rest.to_path_buf(),
                })
            })
            .unwrap_or_else(|| path.clone());
        crate::text::clean_line(&shown.display().to_string()).into_owned()
    }

    /// Adds briefings as they arrive from the loader; the actor index follows.
    pub fn extend(&mut self, briefings: Vec<Briefing>, failed: Vec<FailedFile>) {
        self.corpus
            .extend(briefings.iter().map(crate::search::corpus));
        for b in &briefings {
            let mut per_actor = Vec::with_capacity(b.actors.len());
            for a in &b.actors {
                let mut ids: Vec<u32> = Vec::new();
                for key in names(a).map(normalize).filter(|k| !k.is_empty()) {
                    let next = self.key_names.len() as u32;
                    let id = *self.key_ids.entry(key).or_insert_with_key(|k| {
                        self.key_names.push(k.clone());
                        next
                    });
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                per_actor.push(ids);
            }
            self.keys.push(per_actor);
        }
        self.briefings.extend(briefings);
        self.failed.extend(failed);
        self.reindex();
    }

    /// How often `query_lower` occurs in briefing `b`'s text.
    pub fn count_matches(&self, b: BriefingIx, query_lower: &str) -> usize {
        match self.corpus.get(b) {
            Some(c) if !query_lower.is_empty() => {
                memchr::memmem::find_iter(c.text.as_bytes(), query_lower.as_bytes()).count()
            }
            _ => 0,
        }
    }

    /// For each timeline entry of briefing `b`, whether the search matches it: its
    /// title or detail, or the name of one of its actors (as a search of the entry
    /// itself would, but from the text made once per briefing).
    pub fn entries_matching(&self, b: BriefingIx, query_lower: &str) -> Vec<bool> {
        let (Some(br), Some(c)) = (self.briefings.get(b), self.corpus.get(b)) else {
            return Vec::new();
        };
        let named: Vec<&str> = br
            .actors
            .iter()
            .filter(|a| contains_ci(a.name.shown(), query_lower))
            .map(|a| a.id.as_str())
            .collect();
        (0..br.timeline.len())
            .map(|i| {
                c.entry_contains(i, query_lower)
                    || br.timeline[i]
                        .actors
                        .iter()
                        .any(|id| named.contains(&id.as_str()))
            })
            .collect()
    }

    /// Groups actors of all briefings that share a normalized name or alias.
    fn reindex(&mut self) {
        let mut nodes: Vec<(BriefingIx, usize)> = Vec::new();
        let mut parent: Vec<usize> = Vec::new();
        // The first actor seen with each name: later ones with that name join it.
        let mut owner: Vec<Option<usize>> = vec![None; self.key_names.len()];
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for (b, briefing) in self.briefings.iter().enumerate() {
            for a in 0..briefing.actors.len() {
                let node = nodes.len();
                nodes.push((b, a));
                parent.push(node);
                for &key in &self.keys[b][a] {
                    match owner[key as usize] {
                        Some(other) => {
                            let (x, y) = (find(&mut parent, node), find(&mut parent, other));
                            if x != y {
                                parent[x.max(y)] = x.min(y);
                            }
                        }
                        None => owner[key as usize] = Some(node),
                    }
                }
            }
        }
        let mut group_ix: HashMap<usize, ActorIx> = HashMap::new();
        let mut actors: Vec<LibraryActor> = Vec::new();
        let mut actor_of: Vec<Vec<ActorIx>> = self
            .briefings
            .iter()
            .map(|b| Vec::with_capacity(b.actors.len()))
            .collect();
        for (node, &(b, a)) in nodes.iter().enumerate() {
            let root = find(&mut parent, node);
            let ix = *group_ix.entry(root).or_insert_with(|| {
                actors.push(LibraryActor {
                    name: String::new(),
                    aliases: Vec::new(),
                    appearances: Vec::new(),
                    keys: Vec::new(),
                });
                actors.len() - 1
            });
            actors[ix].appearances.push((b, a));
            actor_of[b].push(ix);
        }
        for la in &mut actors {
            // Names and aliases as written, compared by reference until the end.
            let mut counts: Vec<(&str, usize)> = Vec::new();
            let mut aliases: Vec<&str> = Vec::new();
            for &(b, a) in &la.appearances {
                let actor = &self.briefings[b].actors[a];
                let name = actor.name.shown();
                match counts.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, c)) => *c += 1,
                    None => counts.push((name, 1)),
                }
                for alias in &actor.aliases {
                    if !aliases.contains(&alias.shown()) {
                        aliases.push(alias.shown());
                    }
                }
                for &k in &self.keys[b][a] {
                    let name = &self.key_names[k as usize];
                    if !la.keys.contains(name) {
                        la.keys.push(name.clone());
                    }
                }
            }
            let name = counts
                .iter()
                .enumerate()
                .max_by_key(|(i, (_, c))| (*c, std::cmp::Reverse(*i)))
                .map_or("", |(_, (n, _))| *n);
            for (n, _) in &counts {
                if !aliases.contains(n) {
                    aliases.push(n);
                }
            }
            aliases.retain(|a| *a != name);
            la.name = name.to_string();
            la.aliases = aliases.into_iter().map(str::to_string).collect();
        }
        self.actors = actors;
        self.actor_of = actor_of;
    }

    /// The library actor of actor `local` (an id) in briefing `b`.
    pub fn actor_ix(&self, b: BriefingIx, local: &str) -> Option<ActorIx> {
        let i = self
            .briefings
            .get(b)?
            .actors
            .iter()
            .position(|a| a.id == local)?;
        self.actor_of.get(b)?.get(i).copied()
    }

    /// The library actor of the `i`-th actor of briefing `b`.
    pub fn actor_at(&self, b: BriefingIx, i: usize) -> Option<ActorIx> {
        self.actor_of.get(b)?.get(i).copied()
    }

    /// Library actors whose name, alias or local id is `name` (an exact match first;
    /// otherwise those whose names contain it).
    pub fn find_actors(&self, name: &str) -> Vec<ActorIx> {
        let exact: Vec<ActorIx> = (0..self.actors.len())
            .filter(|&i| self.actors[i].is_named(name, self))
            .collect();
        if !exact.is_empty() || normalize(name).is_empty() {
            return exact;
        }
        (0..self.actors.len())
            .filter(|&i| self.actors[i].matches(name))
            .collect()
    }

    /// True when any of `ids` (local actor ids of briefing `b`) is a selected actor.
    pub fn involves(&self, b: BriefingIx, ids: &[String], selected: &BTreeSet<ActorIx>) -> bool {
        ids.iter().any(|id| {
            self.actor_ix(b, id)
                .is_some_and(|ix| selected.contains(&ix))
        })
    }

    /// True when briefing `b` names any selected actor.
    pub fn briefing_involves(&self, b: BriefingIx, selected: &BTreeSet<ActorIx>) -> bool {
        self.actor_of
            .get(b)
            .is_some_and(|v| v.iter().any(|ix| selected.contains(ix)))
    }

    /// Every tag in the library, sorted, with how many briefings carry it.
    pub fn tags(&self) -> Vec<(String, usize)> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for b in &self.briefings {
            let mut seen = BTreeSet::new();
            for t in &b.tags {
                if seen.insert(t.shown()) {
                    *counts.entry(t.shown().to_string()).or_default() += 1;
                }
            }
        }
        let mut v: Vec<_> = counts.into_iter().collect();
        v.sort_by(|a, b| {
            a.0.to_lowercase()
                .cmp(&b.0.to_lowercase())
                .then(a.0.cmp(&b.0))
        });
        v
    }
}

fn names(actor: &Actor) -> impl Iterator<Item = &str> {
    std::iter::once(actor.name.shown()).chain(actor.aliases.iter().map(|a| a.shown()))
}

/// Case-insensitive search in one briefing's text; the haystack is cleaned text.
pub fn contains_ci(haystack: &str, needle_lower: &str) -> bool {
    if needle_lower.is_empty() {
        return false;
    }
    if haystack.is_ascii() && needle_lower.is_ascii() {
        let h = haystack.as_bytes();
        let n = needle_lower.as_bytes();
        if h.len() < n.len() {
            return false;
        }
        // Jump between places where the first letter stands, in either case.
        let (lo, up) = (n[0].to_ascii_lowercase(), n[0].to_ascii_uppercase());
        return memchr::memchr2_iter(lo, up, &h[..=h.len() - n.len()])
            .any(|i| h[i..i + n.len()].eq_ignore_ascii_case(n));
    }
    haystack.to_lowercase().contains(needle_lower)
}

/// Byte ranges of `needle_lower` in `haystack`, case-insensitively (for highlighting).
pub fn find_ci(haystack: &str, needle_lower: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if needle_lower.is_empty() {
        return out;
    }
    // Lowercase char by char, remembering where each lowered char came from, so that
    // ranges map back to the original even when lowercasing changes lengths.
    let mut lowered = String::with_capacity(haystack.len());
    let mut origin: Vec<usize> = Vec::with_capacity(haystack.len());
    for (i, c) in haystack.char_indices() {
        for l in c.to_lowercase() {
            let before = lowered.len();
            lowered.push(l);
            origin.extend(std::iter::repeat_n(i, lowered.len() - before));
        }
    }
    origin.push(haystack.len());
    let mut from = 0;
    while let Some(p) = lowered[from..].find(needle_lower) {
        let start = from + p;
        let end = start + needle_lower.len();
        let (s, mut e) = (origin[start], origin[end.min(origin.len() - 1)]);
        if e <= s {
            e = haystack[s..].chars().next().map_or(s, |c| s + c.len_utf8());
        }
        out.push((s, e));
        from = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_starts_at_the_folder_opened() {
        let yaml = include_str!("../tests/fixtures/valid/minimal.yaml");
        let at = |p: &str| {
            let path = std::path::Path::new(p);
            crate::load::load_str(path, yaml).expect("minimal loads")
        };
        let mut lib = Library::new(
            vec![
                at("/srv/one/sub/a.yaml"),
                at("two/a.yaml"),
                at("./b.yaml"),
                at("elsewhere/c.yaml"),
            ],
            Vec::new(),
        );
        lib.set_roots(vec![
            PathBuf::from("/srv/one"),
            PathBuf::from("two/"),
            PathBuf::from("./b.yaml"),
        ]);
        assert_eq!(lib.place(0), "one/sub/a.yaml");
        assert_eq!(lib.place(1), "two/a.yaml");
        assert_eq!(lib.place(2), "b.yaml");
        assert_eq!(lib.place(3), "elsewhere/c.yaml");
    }

    #[test]
    fn normalizes_case_punctuation_and_spaces() {
        assert_eq!(normalize("North Korea"), normalize("north  korea"));
        assert_eq!(normalize("U.S."), normalize("us"));
        assert_eq!(
            normalize("Democratic People's Republic"),
            "democraticpeoplesrepublic"
        );
    }

    #[test]
    fn finds_ranges_case_insensitively() {
        assert_eq!(find_ci("Hello hello", "hello"), vec![(0, 5), (6, 11)]);
        assert_eq!(find_ci("ÀB àb", "àb"), vec![(0, 3), (4, 7)]);
        assert!(contains_ci("WannaCry", "cry"));
    }
}
