//! What a search looks at, item by item, and finding it case-insensitively.

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

/// Every searchable text of a briefing, lowercased into one string (for the library
/// list's match counts); texts are separated by a newline so no match spans two.
pub fn corpus(br: &Briefing) -> Corpus {
    let mut out = String::new();
    fn push(out: &mut String, t: &str) {
        if t.is_ascii() {
            out.extend(t.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            out.extend(t.chars().flat_map(char::to_lowercase));
        }
        out.push('\n');
    }
    overview_texts(br)
        .into_iter()
        .for_each(|t| push(&mut out, t));
    for i in 0..br.actors.len() {
        item_texts(br, Item::Actor(0, i))
            .into_iter()
            .for_each(|t| push(&mut out, t));
    }
    let mut entries = Vec::with_capacity(br.timeline.len());
    for e in &br.timeline {
        let start = out.len() as u32;
        push(&mut out, e.title.shown());
        if let Some(d) = &e.detail {
            push(&mut out, d.shown());
        }
        entries.push((start, out.len() as u32));
    }
    for q in &br.quotes {
        push(&mut out, q.text.shown());
        if let Some(c) = &q.context {
            push(&mut out, c.shown());
        }
    }
    for m in &br.implications {
        push(&mut out, m.title.shown());
        if let Some(d) = &m.detail {
            push(&mut out, d.shown());
        }
    }
    out.shrink_to_fit();
    Corpus { text: out, entries }
}

/// A briefing's searchable text in lower case, and where each timeline entry's own
/// text (title and detail) stands in it.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub text: String,
    pub entries: Vec<(u32, u32)>,
}

impl Corpus {
    /// Whether timeline entry `i`'s title or detail contains the query.
    pub fn entry_contains(&self, i: usize, query_lower: &str) -> bool {
        // `get`: past 4 GiB of text the offsets would not fit and must not panic.
        self.entries.get(i).is_some_and(|&(s, e)| {
            self.text
                .as_bytes()
                .get(s as usize..e as usize)
                .is_some_and(|t| memchr::memmem::find(t, query_lower.as_bytes()).is_some())
        })
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

    #[test]
    fn finds_ranges_case_insensitively() {
        assert_eq!(find_ci("Hello hello", "hello"), vec![(0, 5), (6, 11)]);
        assert_eq!(find_ci("ÀB àb", "àb"), vec![(0, 3), (4, 7)]);
        assert!(contains_ci("WannaCry", "cry"));
    }
}
