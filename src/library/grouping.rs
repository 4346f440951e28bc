//! Which actors of different briefings are one actor: grouped by name and alias,
//! near-linearly (a union-find), and never joined by an alias that names actors known
//! to be different.
//!
//! Actors are one when their names are the same once compared loosely (see
//! [`normalize`]). An alias joins its actor to the actor of that name, and to the other
//! actors with the same alias. Two rules keep one file from joining actors that are
//! different:
//!
//! 1. When the aliases of one actor name two or more actors that are otherwise distinct
//!    (by name), none of those aliases joins anything: one actor cannot be Canada and
//!    the United States.
//! 2. Two actors of one briefing are different actors: an alias never puts them in one
//!    group.
//!
//! Each refusal is a warning naming the file, the alias and the actors it would join.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Arc;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::load::{Diagnostic, Severity};
use crate::model::Briefing;

/// Index of a briefing in the library.
pub type BriefingIx = usize;

/// What grouping needs to know of one briefing: where it is, and each actor's name and
/// aliases as shown.
///
/// Shared: the same actors appear in thousands of briefings, and each actor (and each
/// name) is kept once per thread that makes rosters, however many rosters hold it. A
/// library of 20,000 briefings then keeps its rosters in a few megabytes.
#[derive(Clone, Debug, Default)]
pub struct Roster {
    pub path: PathBuf,
    pub actors: Vec<Arc<RosterActor>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RosterActor {
    pub id: Arc<str>,
    pub name: Arc<str>,
    pub aliases: Box<[Arc<str>]>,
}

/// What rosters made on one thread hold, each once.
#[derive(Default)]
struct Shared {
    names: HashSet<Arc<str>>,
    actors: HashSet<Arc<RosterActor>>,
}

impl Shared {
    /// `s` as a shared name: the one already held, or a new one from now on.
    fn name(&mut self, s: &str) -> Arc<str> {
        if let Some(n) = self.names.get(s) {
            return n.clone();
        }
        let n: Arc<str> = Arc::from(s);
        self.names.insert(n.clone());
        n
    }

    fn actor(&mut self, a: RosterActor) -> Arc<RosterActor> {
        if let Some(held) = self.actors.get(&a) {
            return held.clone();
        }
        let a = Arc::new(a);
        self.actors.insert(a.clone());
        a
    }
}

thread_local! {
    static SHARED: RefCell<Shared> = RefCell::new(Shared::default());
}

impl Roster {
    pub fn of(b: &Briefing) -> Roster {
        SHARED.with(|shared| {
            let shared = &mut shared.borrow_mut();
            let actors = b
                .actors
                .iter()
                .map(|a| {
                    let actor = RosterActor {
                        id: shared.name(&a.id),
                        name: shared.name(a.name.shown()),
                        aliases: a.aliases.iter().map(|t| shared.name(t.shown())).collect(),
                    };
                    shared.actor(actor)
                })
                .collect();
            Roster {
                path: b.path.clone(),
                actors,
            }
        })
    }
}

/// A name compared across files: Unicode compatibility forms folded (fullwidth `ＡＣＭＥ`
/// is `ACME`), and case, punctuation and spacing do not count, so `North Korea`,
/// `north-korea` and `NORTH  KOREA` are one.
pub fn normalize(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if name.is_ascii() {
        let mut key = name.to_ascii_lowercase();
        key.retain(|c| c.is_ascii_alphanumeric());
        return key;
    }
    name.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .nfkc()
        .collect()
}

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
    /// Normalized names, for matching what a user types.
    names: Vec<String>,
    /// Normalized aliases that joined or could have joined it (not the refused ones).
    alias_keys: Vec<String>,
    /// Local ids, as written.
    ids: Vec<String>,
}

impl LibraryActor {
    /// True when `query` (any case, any punctuation) is one of its names, or part of one.
    pub fn matches(&self, query: &str) -> bool {
        self.has_key_containing(&normalize(query))
    }

    /// [`LibraryActor::matches`] for a query already normalized.
    pub fn has_key_containing(&self, key: &str) -> bool {
        key.is_empty()
            || self
                .names
                .iter()
                .chain(&self.alias_keys)
                .any(|k| k.contains(key))
    }

    /// What of it a picker's query (normalized) matches: `None` when nothing;
    /// `Some("")` for the name it is shown by (or an empty query); else `alias: DPRK` or
    /// `id: haddad`, to show why it is listed.
    pub fn matched_by(&self, key: &str) -> Option<String> {
        if key.is_empty() || normalize(&self.name).contains(key) {
            return Some(String::new());
        }
        let known = |n: &String| self.names.contains(n) || self.alias_keys.contains(n);
        if let Some(a) = self.aliases.iter().find(|a| {
            let n = normalize(a);
            n.contains(key) && known(&n)
        }) {
            return Some(format!("alias: {a}"));
        }
        if let Some(id) = self.ids.iter().find(|id| normalize(id).contains(key)) {
            return Some(format!("id: {}", crate::text::clean_line(id)));
        }
        self.has_key_containing(key).then(String::new)
    }

    /// How well `name` names it: 3 by one of its names, 2 by an alias, 1 by a local id
    /// (any case), 0 not exactly.
    pub fn named_by(&self, name: &str) -> u8 {
        let n = normalize(name);
        if !n.is_empty() && self.names.contains(&n) {
            3
        } else if !n.is_empty() && self.alias_keys.contains(&n) {
            2
        } else if self
            .ids
            .iter()
            .any(|id| id.eq_ignore_ascii_case(name.trim()))
        {
            1
        } else {
            0
        }
    }

    /// In how many briefings it appears.
    pub fn briefing_count(&self) -> usize {
        let mut n = 0;
        let mut last = None;
        for &(b, _) in &self.appearances {
            if last != Some(b) {
                n += 1;
                last = Some(b);
            }
        }
        n
    }
}

/// The actors that `name` names exactly: by one of their names if any does, else by an
/// alias, else by a local id; when none does, those whose names contain it.
pub fn find(actors: &[LibraryActor], name: &str) -> Vec<usize> {
    let levels: Vec<u8> = actors.iter().map(|a| a.named_by(name)).collect();
    if let Some(&best) = levels.iter().max()
        && best > 0
    {
        return (0..actors.len()).filter(|&i| levels[i] == best).collect();
    }
    if normalize(name).is_empty() {
        return Vec::new();
    }
    (0..actors.len())
        .filter(|&i| actors[i].matches(name))
        .collect()
}

/// The actors of a library, grouped, with the warnings grouping gave.
#[derive(Clone, Debug, Default)]
pub struct ActorIndex {
    pub actors: Vec<LibraryActor>,
    /// For each briefing, the library actor of each of its actors.
    pub actor_of: Vec<Vec<usize>>,
    pub warnings: Vec<Diagnostic>,
}

/// A union-find over actors, with path compression and union by rank.
struct Groups {
    parent: Vec<u32>,
    rank: Vec<u8>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n as u32).collect(),
            rank: vec![0; n],
        }
    }

    fn find(&mut self, x: usize) -> usize {
        let mut root = x;
        while self.parent[root] as usize != root {
            root = self.parent[root] as usize;
        }
        let mut x = x;
        while self.parent[x] as usize != root {
            let next = self.parent[x] as usize;
            self.parent[x] = root as u32;
            x = next;
        }
        root
    }

    /// Joins the groups of two roots; returns the root of the joined group.
    fn union(&mut self, a: usize, b: usize) -> usize {
        let (a, b) = if self.rank[a] < self.rank[b] {
            (b, a)
        } else {
            (a, b)
        };
        self.parent[b] = a as u32;
        if self.rank[a] == self.rank[b] {
            self.rank[a] += 1;
        }
        a
    }
}

/// An actor an alias names: (its group, an actor of it, the alias, the actor whose
/// alias it is).
type Target = (usize, usize, u32, usize);

/// One actor of one briefing: where it is, and which [`Keys`] it has.
struct Node {
    briefing: u32,
    actor: u32,
    keys: u32,
}

impl Node {
    fn briefing(&self) -> usize {
        self.briefing as usize
    }

    fn actor(&self) -> usize {
        self.actor as usize
    }
}

/// An actor's normalized name and aliases, as numbers: worked out once for each
/// actor as written, however many briefings name it that way.
struct Keys {
    name: Option<u32>,
    aliases: Box<[u32]>,
}

/// Groups the actors of `rosters` (the library's briefings, in order).
pub fn group(rosters: &[Roster]) -> ActorIndex {
    grouped(rosters, true)
}

/// The warnings [`group`] gives, without the library's actors (which `brief check`
/// does not need, and which take memory in proportion to the library).
pub fn warnings(rosters: &[Roster]) -> Vec<Diagnostic> {
    grouped(rosters, false).warnings
}

fn grouped(rosters: &[Roster], with_actors: bool) -> ActorIndex {
    // Every normalized name and alias, as a number.
    let mut key_of: HashMap<String, u32> = HashMap::new();
    let mut key_text: Vec<String> = Vec::new();
    let mut intern = |s: &str| -> Option<u32> {
        let k = normalize(s);
        if k.is_empty() {
            return None;
        }
        let next = key_text.len() as u32;
        Some(*key_of.entry(k).or_insert_with_key(|k| {
            key_text.push(k.clone());
            next
        }))
    };
    // Actors are shared among rosters: each is worked out once.
    let mut keys_of: HashMap<*const RosterActor, u32> = HashMap::new();
    let mut keys: Vec<Keys> = Vec::new();
    let mut nodes: Vec<Node> = Vec::with_capacity(rosters.iter().map(|r| r.actors.len()).sum());
    for (b, r) in rosters.iter().enumerate() {
        for (a, actor) in r.actors.iter().enumerate() {
            let k = *keys_of.entry(Arc::as_ptr(actor)).or_insert_with(|| {
                let name = intern(&actor.name);
                let mut aliases: Vec<u32> = Vec::new();
                for alias in &actor.aliases {
                    if let Some(k) = intern(alias)
                        && Some(k) != name
                        && !aliases.contains(&k)
                    {
                        aliases.push(k);
                    }
                }
                keys.push(Keys {
                    name,
                    aliases: aliases.into(),
                });
                (keys.len() - 1) as u32
            });
            nodes.push(Node {
                briefing: b as u32,
                actor: a as u32,
                keys: k,
            });
        }
    }
    drop(keys_of);
    let shown = |n: &Node| &*rosters[n.briefing()].actors[n.actor()].name;
    let mut groups = Groups::new(nodes.len());
    let mut warnings = Vec::new();

    // By name: the same name is the same actor.
    let mut named: HashMap<u32, usize> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if let Some(k) = keys[n.keys as usize].name {
            match named.get(&k) {
                Some(&first) => {
                    let (x, y) = (groups.find(i), groups.find(first));
                    if x != y {
                        groups.union(x, y);
                    }
                }
                None => {
                    named.insert(k, i);
                }
            }
        }
    }

    // Rule 1: an actor whose aliases name two or more actors, distinct by name. Actors
    // named alike are one actor, so their aliases count together: otherwise actors
    // named `Everyone`, `everyone.` and `EVERYONE`, each with one alias, in one file
    // or several, would join every actor they name.
    let mut refused = vec![false; nodes.len()];
    // By name group, in order of first appearance: the actors its aliases name, each
    // once, as (their group, an actor of it, the alias, the actor whose alias it is).
    let mut pooled: Vec<(HashSet<usize>, Vec<Target>)> = Vec::new();
    let mut pool_of: HashMap<usize, usize> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        let own = groups.find(i);
        for &k in keys[node.keys as usize].aliases.iter() {
            if let Some(&other) = named.get(&k) {
                let root = groups.find(other);
                if root == own {
                    continue;
                }
                let at = *pool_of.entry(own).or_insert_with(|| {
                    pooled.push((HashSet::new(), Vec::new()));
                    pooled.len() - 1
                });
                let (seen, targets) = &mut pooled[at];
                if seen.insert(root) {
                    targets.push((root, other, k, i));
                }
            }
        }
    }
    let mut refused_groups: HashSet<usize> = HashSet::new();
    for (_, targets) in &pooled {
        if targets.len() < 2 {
            continue;
        }
        let first = targets[0].3;
        refused_groups.insert(groups.find(first));
        let mut whose: Vec<usize> = targets.iter().map(|t| t.3).collect();
        whose.dedup();
        let aliases: Vec<String> = targets
            .iter()
            .map(|&(_, _, k, i)| {
                let n = &nodes[i];
                alias_as_written(
                    &rosters[n.briefing()].actors[n.actor()],
                    &key_text[k as usize],
                )
            })
            .collect();
        let actors: Vec<&str> = targets
            .iter()
            .map(|&(_, o, _, _)| shown(&nodes[o]))
            .collect();
        let n = &nodes[first];
        let also = if whose.len() > 1 {
            " and of the actors named like it"
        } else {
            ""
        };
        warnings.push(warning(
            &rosters[n.briefing()].path,
            format!(
                "the aliases {} of actor `{}`{also} name {} actors that are otherwise distinct ({}); an alias should be another name of this actor only, so they join nothing",
                quoted_list(&aliases),
                crate::text::quoted(shown(n)),
                targets.len(),
                names_list(&actors),
            ),
        ));
    }
    for (i, r) in refused.iter_mut().enumerate() {
        *r = refused_groups.contains(&groups.find(i));
    }

    // By alias, under rule 2: each group knows the briefings it is in.
    // Boxed: one word for each actor that is not the root of its group.
    let mut briefings_of: Vec<Option<Box<HashSet<u32>>>> = vec![None; nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        let root = groups.find(i);
        briefings_of[root]
            .get_or_insert_with(Box::default)
            .insert(n.briefing);
    }
    let mut first_with_alias: HashMap<u32, usize> = HashMap::new();
    let mut kept_apart: HashSet<(usize, usize)> = HashSet::new();
    // (briefing of the actor, alias) -> the actors it would have joined.
    let mut clashes: Vec<((usize, u32), Vec<usize>)> = Vec::new();
    let mut clash_at: HashMap<(usize, u32), usize> = HashMap::new();
    let mut refused_alias: HashSet<(usize, u32)> = HashSet::new();
    for i in 0..nodes.len() {
        if refused[i] {
            continue;
        }
        for &k in keys[nodes[i].keys as usize].aliases.iter() {
            let mut others: Vec<usize> = Vec::with_capacity(2);
            others.extend(named.get(&k).copied());
            match first_with_alias.get(&k) {
                Some(&o) => others.push(o),
                None => {
                    first_with_alias.insert(k, i);
                }
            }
            for other in others {
                let (x, y) = (groups.find(i), groups.find(other));
                if x == y {
                    continue;
                }
                let pair = (x.min(y), x.max(y));
                let apart = kept_apart.contains(&pair) || {
                    let (sx, sy) = (&briefings_of[x], &briefings_of[y]);
                    let (small, large) = match (sx, sy) {
                        (Some(a), Some(b)) if a.len() <= b.len() => (a, b),
                        (Some(a), Some(b)) => (b, a),
                        _ => continue,
                    };
                    small.iter().any(|b| large.contains(b))
                };
                if apart {
                    kept_apart.insert(pair);
                    refused_alias.insert((i, k));
                    let key = (nodes[i].briefing(), k);
                    let at = *clash_at.entry(key).or_insert_with(|| {
                        clashes.push((key, vec![i]));
                        clashes.len() - 1
                    });
                    clashes[at].1.extend([i, other]);
                    continue;
                }
                let (mut sx, mut sy) = (briefings_of[x].take(), briefings_of[y].take());
                let root = groups.union(x, y);
                // The smaller set goes into the larger: each briefing moves O(log n) times.
                if let (Some(a), Some(b)) = (&mut sx, &mut sy) {
                    if a.len() < b.len() {
                        std::mem::swap(a, b);
                    }
                    a.extend(b.drain());
                }
                briefings_of[root] = sx.or(sy);
            }
        }
    }
    for ((b, k), mut members) in clashes {
        // The actor with the alias first, then the others in library order.
        members[1..].sort_unstable();
        let mut names: Vec<&str> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for &m in &members {
            if seen.insert(shown(&nodes[m])) {
                names.push(shown(&nodes[m]));
            }
        }
        let first = &nodes[members[0]];
        let alias = alias_as_written(
            &rosters[first.briefing()].actors[first.actor()],
            &key_text[k as usize],
        );
        warnings.push(warning(
            &rosters[b].path,
            format!(
                "the alias `{}` would join actors that are different actors of one briefing ({}); it joins none of them",
                crate::text::quoted(&alias),
                names_list(&names),
            ),
        ));
    }

    if !with_actors {
        return ActorIndex {
            warnings,
            ..ActorIndex::default()
        };
    }
    // What the rules needed is let go before the library's actors are made: grouping
    // a large library ends as its loading does, when memory is at its fullest.
    drop((briefings_of, first_with_alias, kept_apart, clash_at));
    drop((named, pooled, pool_of, refused_groups));
    // The groups, in the order their first actor appears.
    let mut ix_of_root: HashMap<usize, usize> = HashMap::new();
    let mut actors: Vec<LibraryActor> = Vec::new();
    let mut actor_of: Vec<Vec<usize>> = rosters
        .iter()
        .map(|r| Vec::with_capacity(r.actors.len()))
        .collect();
    // (group, shown name) -> index in that group's counts; (group, text) seen.
    let mut counts: Vec<Vec<(&str, usize)>> = Vec::new();
    let mut count_at: HashMap<(usize, &str), usize> = HashMap::new();
    let mut alias_seen: HashSet<(usize, &str)> = HashSet::new();
    let mut id_seen: HashSet<(usize, &str)> = HashSet::new();
    let mut key_seen: HashSet<(usize, u32, bool)> = HashSet::new();
    // How many appearances each group has, so that each list is made its size at once
    // (an actor in every briefing of a large library appears tens of thousands of times).
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    for i in 0..nodes.len() {
        *sizes.entry(groups.find(i)).or_default() += 1;
    }
    for (i, n) in nodes.iter().enumerate() {
        let root = groups.find(i);
        let ix = *ix_of_root.entry(root).or_insert_with(|| {
            actors.push(LibraryActor {
                name: String::new(),
                aliases: Vec::new(),
                appearances: Vec::with_capacity(sizes.get(&root).copied().unwrap_or(0)),
                names: Vec::new(),
                alias_keys: Vec::new(),
                ids: Vec::new(),
            });
            counts.push(Vec::new());
            actors.len() - 1
        });
        let r = &rosters[n.briefing()].actors[n.actor()];
        let la = &mut actors[ix];
        la.appearances.push((n.briefing(), n.actor()));
        actor_of[n.briefing()].push(ix);
        if id_seen.insert((ix, &*r.id)) {
            la.ids.push(r.id.to_string());
        }
        match count_at.get(&(ix, &*r.name)) {
            Some(&c) => counts[ix][c].1 += 1,
            None => {
                count_at.insert((ix, &*r.name), counts[ix].len());
                counts[ix].push((&*r.name, 1));
            }
        }
        for alias in &r.aliases {
            if alias_seen.insert((ix, &**alias)) {
                la.aliases.push(alias.to_string());
            }
        }
        if let Some(k) = keys[n.keys as usize].name
            && key_seen.insert((ix, k, true))
        {
            la.names.push(key_text[k as usize].clone());
        }
        for &k in keys[n.keys as usize].aliases.iter() {
            if !refused[i] && !refused_alias.contains(&(i, k)) && key_seen.insert((ix, k, false)) {
                la.alias_keys.push(key_text[k as usize].clone());
            }
        }
    }
    for (la, counts) in actors.iter_mut().zip(&counts) {
        let name = counts
            .iter()
            .enumerate()
            .max_by_key(|(i, (_, c))| (*c, std::cmp::Reverse(*i)))
            .map_or("", |(_, (n, _))| *n);
        let mut aliases = std::mem::take(&mut la.aliases);
        let known: HashSet<String> = aliases.iter().cloned().collect();
        for (n, _) in counts {
            if !known.contains(*n) {
                aliases.push(n.to_string());
            }
        }
        aliases.retain(|a| a != name);
        la.name = name.to_string();
        la.aliases = aliases;
    }
    ActorIndex {
        actors,
        actor_of,
        warnings,
    }
}

/// The alias of `actor` whose normalized form is `key`, as written.
fn alias_as_written(actor: &RosterActor, key: &str) -> String {
    actor
        .aliases
        .iter()
        .find(|a| normalize(a) == key)
        .map_or_else(|| key.to_string(), |a| a.to_string())
}

fn warning(path: &std::path::Path, message: String) -> Diagnostic {
    Diagnostic {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        severity: Severity::Warning,
        message,
        excerpt: None,
    }
}

/// `` `a`, `b` `` (at most a few, then how many more).
fn quoted_list(items: &[String]) -> String {
    let out: Vec<String> = items
        .iter()
        .take(SHOWN)
        .map(|a| format!("`{}`", crate::text::quoted(a)))
        .collect();
    let mut out = out.join(", ");
    if items.len() > SHOWN {
        out.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    out
}

/// `a; b; c` (at most a few, then how many more).
fn names_list(items: &[&str]) -> String {
    let mut out: Vec<String> = items
        .iter()
        .take(SHOWN)
        .map(|a| crate::text::quoted(a))
        .collect();
    if items.len() > SHOWN {
        out.push(format!("and {} more", items.len() - SHOWN));
    }
    out.join("; ")
}

/// How many names a warning lists.
const SHOWN: usize = 6;
