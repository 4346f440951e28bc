//! What a search looks at, item by item, and finding it case-insensitively.

use super::BriefingIx;
use super::item::Item;
use crate::model::{Briefing, Text};

/// What is typed into the search, and the same in lower case, made once per keystroke.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    text: String,
    lower: String,
}

impl Query {
    pub fn new(text: &str) -> Query {
        Query {
            text: text.to_string(),
            lower: text.to_lowercase(),
        }
    }

    /// As typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// In lower case, as every search compares it.
    pub fn lower(&self) -> &str {
        &self.lower
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn push(&mut self, c: char) {
        self.text.push(c);
        self.lower = self.text.to_lowercase();
    }

    pub fn pop(&mut self) {
        self.text.pop();
        self.lower = self.text.to_lowercase();
    }
}

/// The texts of one item that a search matches, as shown (cleaned).
pub fn item_texts<'b>(br: &'b Briefing, item: Item) -> Vec<&'b str> {
    let opt = |t: &'b Option<Text>| t.as_ref().map(Text::shown);
    let name = |id: &str| br.actor(id).map(|a| a.name.shown());
    match item {
        Item::Briefing(_) => overview_texts(br),
        Item::Actor(_, i) => {
            let a = &br.actors[i];
            let mut v = vec![a.name.shown(), a.id.as_str()];
            v.extend(opt(&a.role));
            v.extend(opt(&a.description));
            v.extend(a.aliases.iter().map(Text::shown));
            v
        }
        Item::Event(_) => {
            let e = &br.event;
            let mut v = vec![e.title.shown()];
            v.extend(opt(&e.location));
            v.extend(opt(&e.description));
            v
        }
        Item::Entry(_, i) => {
            let e = &br.timeline[i];
            let mut v = vec![e.title.shown()];
            v.extend(opt(&e.detail));
            v.extend(e.actors.iter().filter_map(|id| name(id)));
            v
        }
        Item::Quote(_, i) => {
            let q = &br.quotes[i];
            let mut v = vec![q.text.shown()];
            v.extend(opt(&q.context));
            v.extend(name(&q.actor));
            v
        }
        Item::Implication(_, i) => {
            let m = &br.implications[i];
            let mut v = vec![m.title.shown()];
            v.extend(opt(&m.detail));
            v.extend(m.actors.iter().filter_map(|id| name(id)));
            v
        }
        Item::Failed(_) | Item::Warning(_) => Vec::new(),
    }
}

/// The Overview's texts: title, summary, marking, tags, event and sources.
pub fn overview_texts(br: &Briefing) -> Vec<&str> {
    let mut v = vec![br.title.shown()];
    v.extend(br.summary.as_ref().map(Text::shown));
    v.extend(br.classification.as_ref().map(Text::shown));
    v.extend(br.tags.iter().map(Text::shown));
    v.push(br.event.title.shown());
    v.extend(br.event.location.as_ref().map(Text::shown));
    v.extend(br.event.description.as_ref().map(Text::shown));
    for s in &br.sources {
        v.push(s.title.shown());
        v.extend(s.publisher.as_ref().map(Text::shown));
    }
    v
}

pub fn overview_matches(br: &Briefing, query_lower: &str) -> bool {
    overview_texts(br)
        .iter()
        .any(|t| contains_ci(t, query_lower))
}

pub fn item_matches(br: &Briefing, item: Item, query_lower: &str) -> bool {
    item_texts(br, item)
        .iter()
        .any(|t| contains_ci(t, query_lower))
}

/// A search made ready to run over many texts without lower-casing them first: ASCII
/// text (nearly all of it) is searched in place, ignoring ASCII case; other text is
/// lower-cased one text at a time, into a buffer used again and again.
#[derive(Clone, Debug)]
pub struct Matcher {
    lower: String,
    /// For ASCII text, when the query in lower case is ASCII too.
    ascii: Option<aho_corasick::AhoCorasick>,
    finder: memchr::memmem::Finder<'static>,
}

impl Matcher {
    pub fn new(query_lower: &str) -> Matcher {
        let ascii = (query_lower.is_ascii() && !query_lower.is_empty())
            .then(|| {
                // One short pattern: its DFA is small, and the fastest to run.
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .build([query_lower])
                    .ok()
            })
            .flatten();
        Matcher {
            lower: query_lower.to_string(),
            ascii,
            finder: memchr::memmem::Finder::new(query_lower.as_bytes()).into_owned(),
        }
    }

    /// The query in lower case.
    pub fn lower(&self) -> &str {
        &self.lower
    }

    /// How often the query occurs in `text` lower-cased letter by letter (occurrences
    /// that do not overlap), as the match counts of the Briefings list give it.
    pub fn count(&self, text: &str, buf: &mut String) -> usize {
        if self.lower.is_empty() {
            return 0;
        }
        match &self.ascii {
            // An ASCII query can only match ASCII letters (see `lowers_to_ascii`),
            // which lower-case in place: the text is searched as it is.
            Some(ac) if !lowers_to_ascii(text) => return ac.find_iter(text).count(),
            // ASCII lower-cases to ASCII: a query that is not ASCII cannot occur.
            None if text.is_ascii() => return 0,
            _ => {}
        }
        buf.clear();
        buf.extend(text.chars().flat_map(char::to_lowercase));
        self.finder.find_iter(buf.as_bytes()).count()
    }

    /// Whether `text` contains the query in any case (as [`contains_ci`]).
    pub fn contains(&self, text: &str) -> bool {
        if self.lower.is_empty() {
            return false;
        }
        match &self.ascii {
            Some(ac) if !lowers_to_ascii(text) => return ac.is_match(text),
            None if text.is_ascii() => return false,
            _ => {}
        }
        self.finder.find(text.to_lowercase().as_bytes()).is_some()
    }
}

/// Whether `text` holds one of the two letters outside ASCII whose lower case is
/// (partly) ASCII: the dotted capital I (`İ`, to `i` and a combining dot) and the
/// Kelvin sign (to `k`). Every other letter outside ASCII lower-cases to letters
/// outside ASCII, and ASCII bytes never occur inside them in UTF-8: so without these
/// two, an ASCII query is found in the lower-cased text exactly where it is found in
/// the text itself, ignoring ASCII case.
fn lowers_to_ascii(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(0xc4, 0xe2, b).any(|i| {
        b[i..].starts_with("\u{130}".as_bytes()) || b[i..].starts_with("\u{212a}".as_bytes())
    })
}

/// Where a search occurs in one briefing: how often in all its text, and which
/// timeline entries it matches (by their title or detail, or an actor's name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub count: usize,
    pub entries: Box<[bool]>,
}

/// Searches every text of a briefing once; `None` when the query is not in it.
pub fn scan(br: &Briefing, m: &Matcher, buf: &mut String) -> Option<Found> {
    let mut count = 0;
    let mut add = |t: &str, buf: &mut String| {
        let n = m.count(t, buf);
        count += n;
        n > 0
    };
    for t in overview_texts(br) {
        add(t, buf);
    }
    for a in &br.actors {
        add(a.name.shown(), buf);
        add(&a.id, buf);
        for t in a.role.iter().chain(&a.description).chain(&a.aliases) {
            add(t.shown(), buf);
        }
    }
    let mut entries = Vec::with_capacity(br.timeline.len());
    for e in &br.timeline {
        // Both counted: the count is of every occurrence.
        let title = add(e.title.shown(), buf);
        let detail = e.detail.as_ref().is_some_and(|d| add(d.shown(), buf));
        entries.push(title || detail);
    }
    for q in &br.quotes {
        add(q.text.shown(), buf);
        if let Some(c) = &q.context {
            add(c.shown(), buf);
        }
    }
    for i in &br.implications {
        add(i.title.shown(), buf);
        if let Some(d) = &i.detail {
            add(d.shown(), buf);
        }
    }
    if count == 0 {
        return None;
    }
    // An entry matches by the name of one of its actors too.
    let named: Vec<&str> = br
        .actors
        .iter()
        .filter(|a| m.contains(a.name.shown()))
        .map(|a| a.id.as_str())
        .collect();
    if !named.is_empty() {
        for (hit, e) in entries.iter_mut().zip(&br.timeline) {
            *hit = *hit || e.actors.iter().any(|id| named.contains(&id.as_str()));
        }
    }
    Some(Found {
        count,
        entries: entries.into_boxed_slice(),
    })
}

/// A search over the whole library, made a slice at a time so that typing never
/// waits for it: briefings still to be searched, and what was found in those done.
/// A newer query starts a new one (the older is dropped, unfinished); a longer one
/// searches only the briefings the shorter one found.
#[derive(Clone, Debug)]
pub struct Hits {
    matcher: Matcher,
    /// By briefing: what was found, once searched.
    found: Vec<Option<Found>>,
    /// Briefings to search, in order; those before `next` are done.
    todo: Vec<BriefingIx>,
    /// By briefing: still to be searched.
    waiting: Vec<bool>,
    next: usize,
    buf: String,
}

impl Hits {
    /// A search for `query_lower` over `lib`, nothing searched yet. When `before` was
    /// a search for part of this query over the same briefings, only what it found
    /// (or had not reached) is searched again.
    pub fn start(lib: &super::Library, query_lower: &str, before: Option<&Hits>) -> Hits {
        let n = lib.briefings.len();
        let todo = match before {
            Some(old) if old.found.len() == n && query_lower.contains(old.matcher.lower()) => {
                let mut searched = vec![false; n];
                for &b in &old.todo[..old.next] {
                    searched[b] = true;
                }
                (0..n)
                    .filter(|&b| !searched[b] || old.found[b].is_some())
                    .collect()
            }
            _ => (0..n).collect(),
        };
        let mut waiting = vec![false; n];
        for &b in &todo {
            waiting[b] = true;
        }
        Hits {
            matcher: Matcher::new(query_lower),
            found: vec![None; n],
            waiting,
            todo,
            next: 0,
            buf: String::new(),
        }
    }

    /// Searches up to `n` more briefings; true when all are done.
    pub fn step(&mut self, lib: &super::Library, n: usize) -> bool {
        let end = self.next.saturating_add(n).min(self.todo.len());
        for k in self.next..end {
            let b = self.todo[k];
            self.waiting[b] = false;
            let Some(br) = lib.briefings.get(b) else {
                continue;
            };
            let found = scan(br, &self.matcher, &mut self.buf);
            self.found[b] = found;
        }
        self.next = end;
        self.done()
    }

    /// Briefings that arrived since the search began are searched too.
    pub fn grow(&mut self, lib: &super::Library) {
        let n = lib.briefings.len();
        if n > self.found.len() {
            self.todo.extend(self.found.len()..n);
            self.found.resize(n, None);
            self.waiting.resize(n, true);
        }
    }

    pub fn done(&self) -> bool {
        self.next >= self.todo.len()
    }

    /// How many briefings are settled (searched, or left out by a shorter query's
    /// search), of how many.
    pub fn progress(&self) -> (usize, usize) {
        let total = self.found.len();
        (total - (self.todo.len() - self.next), total)
    }

    /// Whether briefing `b` is still to be searched.
    pub fn waiting(&self, b: BriefingIx) -> bool {
        self.waiting.get(b).copied().unwrap_or(false)
    }

    pub fn query_lower(&self) -> &str {
        self.matcher.lower()
    }

    /// What was found in briefing `b` (`None`: no match, or not searched yet).
    pub fn found(&self, b: BriefingIx) -> Option<&Found> {
        self.found.get(b)?.as_ref()
    }

    /// Whether timeline entry `i` of briefing `b` matches.
    pub fn entry(&self, b: BriefingIx, i: usize) -> bool {
        self.found(b)
            .is_some_and(|f| f.entries.get(i).copied().unwrap_or(false))
    }

    /// The same search done at once over the whole library.
    pub fn complete(lib: &super::Library, query_lower: &str) -> Hits {
        let mut hits = Hits::start(lib, query_lower, None);
        hits.step(lib, usize::MAX);
        hits
    }
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

    /// How the library counted before: every text lower-cased letter by letter into
    /// one string, texts apart by a newline, and the query (lower-cased as a whole)
    /// found in it.
    fn counted_in_lowered_copy(texts: &[&str], query: &str) -> usize {
        let mut copy = String::new();
        for t in texts {
            copy.extend(t.chars().flat_map(char::to_lowercase));
            copy.push('\n');
        }
        let q = Query::new(query);
        if q.lower().is_empty() {
            return 0;
        }
        memchr::memmem::find_iter(copy.as_bytes(), q.lower().as_bytes()).count()
    }

    #[test]
    fn counts_as_the_lowered_copy_did_in_any_script() {
        let texts = [
            "WannaCry hit the NHS; wannacry spread",
            "İstanbul, ISTANBUL, istanbul",
            "Straße, STRASSE, strasse",
            "ΟΔΟΣ, οδος, Οδός, ΣΊΣΥΦΟΣ",
            "Ǆemal, ǅemal, ǆemal",
            "KELVIN \u{212a}elvin kelvin",
            "aaaa",
            "",
            "ﬁnance FINANCE",
            "sanctions — “Sanctions” — SANCTIONS…",
            "Ça coûte: COÛT, coût; İI ıi",
        ];
        let queries = [
            "sanctions",
            "SANCTIONS",
            "\u{2014}",
            "coût",
            "COÛT",
            "ii",
            "\u{131}",
            "wannacry",
            "WANNACRY",
            "i",
            "İ",
            "i\u{307}",
            "istanbul",
            "İSTANBUL",
            "ß",
            "STRASSE",
            "strasse",
            "straße",
            "Σ",
            "σ",
            "ς",
            "ΟΔΟΣ",
            "οδος",
            "οδοσ",
            "ǅ",
            "ǆemal",
            "k",
            "\u{212a}",
            "aa",
            "a",
            "fi",
            "ﬁ",
            "FINANCE",
            "x",
            "",
        ];
        let mut buf = String::new();
        for q in queries {
            let m = Matcher::new(Query::new(q).lower());
            for t in texts {
                assert_eq!(
                    m.count(t, &mut buf),
                    counted_in_lowered_copy(&[t], q),
                    "{q:?} in {t:?}"
                );
                assert_eq!(
                    m.contains(t),
                    contains_ci(t, Query::new(q).lower()),
                    "{q:?} in {t:?}"
                );
            }
        }
        // Some of it by hand: a dotted capital I lowers to i and a combining dot; ß
        // stays ß; a capital sigma lowers letter by letter to σ, never to ς.
        let count =
            |q: &str, t: &str| Matcher::new(Query::new(q).lower()).count(t, &mut String::new());
        assert_eq!(count("i", "İstanbul"), 1);
        assert_eq!(count("İ", "İstanbul, istanbul"), 1);
        assert_eq!(count("ß", "Straße STRASSE"), 1);
        assert_eq!(count("ss", "Straße STRASSE"), 1);
        assert_eq!(count("σ", "ΟΔΟΣ"), 1);
        assert_eq!(count("ς", "ΟΔΟΣ"), 0);
        assert_eq!(count("k", "\u{212a}elvin"), 1);
        assert_eq!(count("aa", "aaaa"), 2, "occurrences do not overlap");
    }

    #[test]
    fn only_two_letters_outside_ascii_lower_case_to_ascii() {
        let to_ascii: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(to_ascii, vec!['\u{130}', '\u{212a}']);
        // Lower-casing a whole text differs only for the capital sigma, to a sigma.
        assert_eq!("ΟΔΟΣ".to_lowercase(), "οδος");
    }

    #[test]
    fn finds_ranges_case_insensitively() {
        assert_eq!(find_ci("Hello hello", "hello"), vec![(0, 5), (6, 11)]);
        assert_eq!(find_ci("ÀB àb", "àb"), vec![(0, 3), (4, 7)]);
        assert!(contains_ci("WannaCry", "cry"));
    }
}
