//! The briefing as the reader knows it: no YAML, no terminal.
//!
//! Serializing a briefing gives the format's own keys, as `brief export` prints them.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::text;

/// Text from a file: the original words, and the form that is safe to draw.
///
/// Cleaned once when loaded. A library holds millions of these, so each is one
/// allocation behind one pointer: the two lengths, the raw bytes, and the shown bytes
/// only when cleaning changed something (see [`thin`]).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Text(thin::Thin);

impl Text {
    /// A one-line field (title, name): line breaks are shown as spaces.
    pub fn line(raw: String) -> Text {
        Text::made(&raw, text::clean_line(&raw))
    }

    /// A multi-line field (summary, quote, detail): line breaks are kept.
    pub fn block(raw: String) -> Text {
        Text::made(&raw, text::clean_block(&raw))
    }

    /// Text cleaned before, as [`Text::line`] or [`Text::block`] made it: `shown` is
    /// what cleaning gave when it changed something (the cache keeps both, so that a
    /// briefing read back is not cleaned again).
    pub fn cleaned(raw: &str, shown: Option<&str>) -> Text {
        Text(thin::Thin::new(raw, shown))
    }

    /// Exactly what the file said (for export).
    pub fn raw(&self) -> &str {
        self.0.raw()
    }

    /// What may be drawn on a terminal.
    pub fn shown(&self) -> &str {
        self.0.shown()
    }
}

impl Text {
    /// A text and its cleaned form, which is only stored when it differs.
    fn made(raw: &str, shown: std::borrow::Cow<'_, str>) -> Text {
        let changed = match &shown {
            std::borrow::Cow::Borrowed(_) => None,
            std::borrow::Cow::Owned(s) => Some(s.as_str()),
        };
        Text(thin::Thin::new(raw, changed))
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Text");
        d.field("raw", &self.raw());
        if self.shown() != self.raw() {
            d.field("shown", &self.shown());
        }
        d.finish()
    }
}

/// The storage of a [`Text`], behind a pointer that is never null (so an
/// `Option<Text>` is one pointer too): a text's head and bytes. Most texts need no
/// cleaning, and then they are `[raw length | SHORT: u32][raw bytes]`; otherwise
/// `[raw length: u32][shown length: u32][raw bytes][shown bytes]`.
///
/// A text is made in a block of its own; [`pack`] then moves all the texts of a
/// briefing into one shared block, `[count: u32][size: u32]` followed by each text as
/// `[offset from the block's start: u32][head][bytes]`, 4-aligned. A pointer to a text
/// in a shared block has its lowest bit set; the block is freed with its last text.
mod thin {
    use std::alloc::{Layout, alloc, dealloc, handle_alloc_error};
    use std::ptr::NonNull;
    use std::sync::atomic::{AtomicU32, Ordering, fence};

    /// The lowest bit of a pointer to a text in a shared block.
    const PACKED: usize = 1;
    /// Past this many texts the count could not be trusted: stop, as `Arc` does.
    const MAX_COPIES: u32 = i32::MAX as u32;

    /// The head of a text shown as it was written: its length and this bit.
    const SHORT: u32 = 1 << 31;
    /// The longest text kept: a briefing file is far smaller (16 MiB by default).
    const MAX: usize = (SHORT - 1) as usize;

    pub struct Thin(NonNull<u8>);

    // Immutable once made, and owned alone: like a `Box<str>`.
    unsafe impl Send for Thin {}
    unsafe impl Sync for Thin {}

    /// `s` cut to at most [`MAX`] bytes at a character boundary (only a text of more
    /// than 2 GiB is cut).
    fn fit(s: &str) -> &str {
        if s.len() <= MAX {
            return s;
        }
        let mut end = MAX;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        &s[..end]
    }

    /// The block for a head and its bytes: lengths under 2 GiB each, so always a
    /// valid layout on 64 bits; a size no address space holds is out of memory.
    fn layout(head: usize, bytes: usize) -> Layout {
        match Layout::from_size_align(head.saturating_add(bytes), 4) {
            Ok(l) => l,
            Err(_) => handle_alloc_error(Layout::new::<[u8; 8]>()),
        }
    }

    /// Where a text's parts are in its block.
    struct Parts {
        head: usize,
        raw: usize,
        /// The shown text's length, when it is not the raw text.
        shown: Option<usize>,
    }

    impl Parts {
        fn bytes(&self) -> usize {
            self.raw + self.shown.unwrap_or(0)
        }
    }

    impl Thin {
        pub fn new(raw: &str, shown: Option<&str>) -> Thin {
            let raw = fit(raw);
            let shown = shown.map(fit);
            let head = if shown.is_some() { 8 } else { 4 };
            let layout = layout(head, raw.len() + shown.map_or(0, str::len));
            // SAFETY: the layout has a non-zero size (the head) and an alignment of 4;
            // the block is written in full before it is read: the head, then the raw
            // and shown bytes.
            unsafe {
                let Some(p) = NonNull::new(alloc(layout)) else {
                    handle_alloc_error(layout)
                };
                let at = p.as_ptr();
                match shown {
                    None => at.cast::<u32>().write(raw.len() as u32 | SHORT),
                    Some(s) => {
                        at.cast::<u32>().write(raw.len() as u32);
                        at.add(4).cast::<u32>().write(s.len() as u32);
                    }
                }
                std::ptr::copy_nonoverlapping(raw.as_ptr(), at.add(head), raw.len());
                if let Some(s) = shown {
                    std::ptr::copy_nonoverlapping(s.as_ptr(), at.add(head + raw.len()), s.len());
                }
                Thin(p)
            }
        }

        fn is_packed(&self) -> bool {
            self.0.as_ptr() as usize & PACKED != 0
        }

        /// Where the text's head starts (in its own block, or in a shared one after
        /// its offset).
        fn at(&self) -> *mut u8 {
            if self.is_packed() {
                self.0.as_ptr().wrapping_sub(PACKED).wrapping_add(4)
            } else {
                self.0.as_ptr()
            }
        }

        /// The shared block of a packed text.
        fn block(&self) -> *mut u8 {
            let entry = self.0.as_ptr().wrapping_sub(PACKED);
            // SAFETY: a packed text's entry starts with its offset from the block's
            // start, written in `pack`, aligned to 4.
            unsafe { entry.sub(entry.cast::<u32>().read() as usize) }
        }

        fn count(&self) -> &AtomicU32 {
            // SAFETY: a shared block starts with the count, aligned to 4, for as long
            // as any of its texts lives.
            unsafe { &*self.block().cast::<AtomicU32>() }
        }

        fn parts(&self) -> Parts {
            let at = self.at();
            // SAFETY: every text starts with its head, written in `new`, aligned to 4.
            let first = unsafe { at.cast::<u32>().read() };
            if first & SHORT != 0 {
                return Parts {
                    head: 4,
                    raw: (first & !SHORT) as usize,
                    shown: None,
                };
            }
            // SAFETY: a head without SHORT has the shown length after the raw one.
            let shown = unsafe { at.add(4).cast::<u32>().read() };
            Parts {
                head: 8,
                raw: first as usize,
                shown: Some(shown as usize),
            }
        }

        fn str_at(&self, from: usize, len: usize) -> &str {
            // SAFETY: `from..from + len` is inside the block and holds the bytes of a
            // `str` copied there in `new`, so they are valid UTF-8.
            unsafe {
                let bytes = std::slice::from_raw_parts(self.at().add(from), len);
                std::str::from_utf8_unchecked(bytes)
            }
        }

        pub fn raw(&self) -> &str {
            let p = self.parts();
            self.str_at(p.head, p.raw)
        }

        pub fn shown(&self) -> &str {
            self.shown_if_changed().unwrap_or_else(|| self.raw())
        }

        fn shown_if_changed(&self) -> Option<&str> {
            let p = self.parts();
            p.shown.map(|len| self.str_at(p.head + p.raw, len))
        }
    }

    impl Drop for Thin {
        fn drop(&mut self) {
            if !self.is_packed() {
                let p = self.parts();
                // SAFETY: allocated in `new` with this very layout, and freed once.
                unsafe { dealloc(self.0.as_ptr(), layout(p.head, p.bytes())) };
                return;
            }
            if self.count().fetch_sub(1, Ordering::Release) != 1 {
                return;
            }
            // Every other text's use of the block happens before it is freed.
            fence(Ordering::Acquire);
            let block = self.block();
            // SAFETY: the last text of the block: allocated in `pack` with its size
            // (written after the count) and an alignment of 4, and freed once.
            unsafe {
                let size = block.add(4).cast::<u32>().read() as usize;
                dealloc(block, Layout::from_size_align_unchecked(size, 4));
            }
        }
    }

    impl Clone for Thin {
        fn clone(&self) -> Thin {
            if !self.is_packed() {
                return Thin::new(self.raw(), self.shown_if_changed());
            }
            if self.count().fetch_add(1, Ordering::Relaxed) > MAX_COPIES {
                std::process::abort();
            }
            Thin(self.0)
        }
    }

    /// The room a text takes in a shared block: its offset, head and bytes, 4-aligned.
    fn entry_size(t: &Thin) -> usize {
        let p = t.parts();
        (4 + p.head + p.bytes()).next_multiple_of(4)
    }

    /// Moves `texts` into one shared block: one allocation instead of one each, and no
    /// allocator's rounding and bookkeeping for each. Texts too many or too large for
    /// one block (4 GiB) are left as they are.
    pub fn pack(texts: &mut [&mut Thin]) {
        if texts.len() < 2 {
            return;
        }
        let size = texts.iter().map(|t| entry_size(t)).sum::<usize>() + 8;
        let (Ok(count), Ok(size32)) = (u32::try_from(texts.len()), u32::try_from(size)) else {
            return;
        };
        if count > MAX_COPIES {
            return;
        }
        let Ok(layout) = Layout::from_size_align(size, 4) else {
            return;
        };
        // SAFETY: the layout has a non-zero size (8 and more) and an alignment of 4.
        // Each entry is written in full, inside the block (the sizes were summed
        // above), before the text that points at it is made; the pointer of each is
        // 4-aligned, so its lowest bit is free.
        unsafe {
            let Some(block) = NonNull::new(alloc(layout)) else {
                handle_alloc_error(layout)
            };
            let block = block.as_ptr();
            block.cast::<AtomicU32>().write(AtomicU32::new(count));
            block.add(4).cast::<u32>().write(size32);
            let mut offset = 8;
            for t in texts.iter_mut() {
                let entry = block.add(offset);
                let p = t.parts();
                entry.cast::<u32>().write(offset as u32);
                std::ptr::copy_nonoverlapping(t.at(), entry.add(4), p.head + p.bytes());
                offset += entry_size(t);
                let packed = Thin(NonNull::new_unchecked(entry.wrapping_add(PACKED)));
                // The text's own block (or its place in another shared one) is let go.
                drop(std::mem::replace(&mut **t, packed));
            }
        }
    }

    impl Default for Thin {
        fn default() -> Thin {
            Thin::new("", None)
        }
    }

    impl PartialEq for Thin {
        fn eq(&self, other: &Thin) -> bool {
            self.raw() == other.raw() && self.shown() == other.shown()
        }
    }

    impl Eq for Thin {}
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.shown())
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.raw())
    }
}

/// The id of an actor or a source, and each reference to one.
///
/// A briefing names its few actors and sources over and over (every timeline entry,
/// quote and implication does): each reference shares the one copy the actor's or
/// source's own id holds, so a reference costs no allocation. Reads as a `&str`.
///
/// One pointer: references fill the lists of thousands of entries.
#[derive(Clone)]
pub struct Id(one::Shared);

impl Id {
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl PartialEq for Id {
    fn eq(&self, other: &Id) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Id {}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Id) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

// As a `str` hashes, so that a set of ids is looked up by `&str` (`Borrow`).
impl std::hash::Hash for Id {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

/// The storage of an [`Id`]: one heap block, `[count: u32][length: u32][bytes]`,
/// shared by every copy (like an `Arc<str>`, in one pointer instead of two).
mod one {
    use std::alloc::{Layout, alloc, dealloc, handle_alloc_error};
    use std::ptr::NonNull;
    use std::sync::atomic::{AtomicU32, Ordering, fence};

    const HEAD: usize = 8;
    /// The longest id kept: ids are slugs of at most 64 bytes; a reference that
    /// names none is quoted in a message, and no more is needed of it.
    const MAX: usize = 64 * 1024;
    /// Past this many copies the count could not be trusted: stop, as `Arc` does.
    const MAX_COPIES: u32 = i32::MAX as u32;

    pub struct Shared(NonNull<u8>);

    // Immutable once made; the count is atomic: like an `Arc<str>`.
    unsafe impl Send for Shared {}
    unsafe impl Sync for Shared {}

    fn layout(bytes: usize) -> Layout {
        match Layout::from_size_align(HEAD + bytes, 4) {
            Ok(l) => l,
            Err(_) => handle_alloc_error(Layout::new::<[u8; HEAD]>()),
        }
    }

    impl Shared {
        pub fn new(s: &str) -> Shared {
            let s = if s.len() <= MAX {
                s
            } else {
                let mut end = MAX;
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                &s[..end]
            };
            let layout = layout(s.len());
            // SAFETY: the layout has a non-zero size (HEAD) and an alignment of 4, as
            // the count needs; the head and the bytes are written before any read.
            unsafe {
                let Some(p) = NonNull::new(alloc(layout)) else {
                    handle_alloc_error(layout)
                };
                p.as_ptr().cast::<AtomicU32>().write(AtomicU32::new(1));
                p.as_ptr().add(4).cast::<u32>().write(s.len() as u32);
                std::ptr::copy_nonoverlapping(s.as_ptr(), p.as_ptr().add(HEAD), s.len());
                Shared(p)
            }
        }

        fn count(&self) -> &AtomicU32 {
            // SAFETY: the block starts with the count, aligned to 4, for as long as
            // any copy lives.
            unsafe { &*self.0.as_ptr().cast::<AtomicU32>() }
        }

        fn len(&self) -> usize {
            // SAFETY: the length follows the count and never changes.
            unsafe { self.0.as_ptr().add(4).cast::<u32>().read() as usize }
        }

        pub fn as_str(&self) -> &str {
            // SAFETY: the bytes after the head are a `str` copied there in `new`.
            unsafe {
                let bytes = std::slice::from_raw_parts(self.0.as_ptr().add(HEAD), self.len());
                std::str::from_utf8_unchecked(bytes)
            }
        }
    }

    impl Clone for Shared {
        fn clone(&self) -> Shared {
            if self.count().fetch_add(1, Ordering::Relaxed) > MAX_COPIES {
                std::process::abort();
            }
            Shared(self.0)
        }
    }

    impl Drop for Shared {
        fn drop(&mut self) {
            if self.count().fetch_sub(1, Ordering::Release) != 1 {
                return;
            }
            // Every other copy's use of the block happens before it is freed.
            fence(Ordering::Acquire);
            // SAFETY: the last copy: allocated in `new` with this layout, freed once.
            unsafe { dealloc(self.0.as_ptr(), layout(self.len())) }
        }
    }
}

/// A list kept for as long as the library is open, in one pointer where a `Vec`
/// takes three and a boxed slice two, and with nothing allocated when it is empty.
/// Reads as a slice. Lists of ids ([`Ids`]: the actors a timeline entry or an
/// implication names) and of texts ([`Texts`]: an actor's aliases) fill hundreds of
/// thousands of items.
pub struct List<T>(list::Thin<T>);

/// The ids an item names.
pub type Ids = List<Id>;
/// The texts of a list field (an actor's aliases).
pub type Texts = List<Text>;

impl<T> Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.0.as_slice()
    }
}

impl<T> std::ops::DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.0.as_mut_slice()
    }
}

impl<T> Default for List<T> {
    fn default() -> List<T> {
        List(list::Thin::new(Vec::new()))
    }
}

impl<T: Clone> Clone for List<T> {
    fn clone(&self) -> List<T> {
        List::from(self.to_vec())
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> List<T> {
        List(list::Thin::new(items))
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> List<T> {
        List::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: PartialEq> PartialEq for List<T> {
    fn eq(&self, other: &List<T>) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for List<T> {}

impl<T: fmt::Debug> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

/// The storage of a [`List`]: nothing for an empty list, else one heap block,
/// `[length: usize][items]`.
mod list {
    use std::alloc::{Layout, alloc, dealloc, handle_alloc_error};
    use std::marker::PhantomData;
    use std::ptr::NonNull;

    pub struct Thin<T> {
        block: Option<NonNull<usize>>,
        /// Owns its items, like a `Box<[T]>`.
        items: PhantomData<T>,
    }

    // SAFETY: the items are owned alone, reached only through `&self` or `&mut self`:
    // sent and shared as a `Box<[T]>` is.
    unsafe impl<T: Send> Send for Thin<T> {}
    // SAFETY: as above.
    unsafe impl<T: Sync> Sync for Thin<T> {}

    /// The block for `len` items and where they start: the length, then the items.
    /// A size no address space holds is out of memory.
    fn layout<T>(len: usize) -> (Layout, usize) {
        match Layout::array::<T>(len).and_then(|items| Layout::new::<usize>().extend(items)) {
            Ok((l, at)) => (l.pad_to_align(), at),
            Err(_) => handle_alloc_error(Layout::new::<usize>()),
        }
    }

    impl<T> Thin<T> {
        pub fn new(items: Vec<T>) -> Thin<T> {
            if items.is_empty() {
                return Thin {
                    block: None,
                    items: PhantomData,
                };
            }
            let len = items.len();
            let (layout, at) = layout::<T>(len);
            // SAFETY: the layout has a non-zero size (the length) and an alignment
            // that suits both the length and the items; the length is written first,
            // then each item moved into its own place after it, inside the block, so
            // that the block is whole before it is read.
            unsafe {
                let Some(p) = NonNull::new(alloc(layout)) else {
                    handle_alloc_error(layout)
                };
                p.as_ptr().cast::<usize>().write(len);
                let first = p.as_ptr().add(at).cast::<T>();
                for (i, item) in items.into_iter().enumerate() {
                    first.add(i).write(item);
                }
                Thin {
                    block: Some(p.cast::<usize>()),
                    items: PhantomData,
                }
            }
        }

        /// The length and the first item of a block made in `new`.
        fn parts(p: NonNull<usize>) -> (usize, *mut T) {
            let at = layout::<T>(0).1;
            // SAFETY: a block made in `new` starts with its length, and its items
            // start `at` bytes in, as `layout` placed them.
            unsafe {
                (
                    p.as_ptr().read(),
                    p.as_ptr().cast::<u8>().add(at).cast::<T>(),
                )
            }
        }

        pub fn as_slice(&self) -> &[T] {
            match self.block {
                None => &[],
                Some(p) => {
                    let (len, first) = Thin::<T>::parts(p);
                    // SAFETY: `len` items, each valid while the list lives; borrowed
                    // with `self`.
                    unsafe { std::slice::from_raw_parts(first, len) }
                }
            }
        }

        pub fn as_mut_slice(&mut self) -> &mut [T] {
            match self.block {
                None => &mut [],
                Some(p) => {
                    let (len, first) = Thin::<T>::parts(p);
                    // SAFETY: as in `as_slice`, borrowed mutably with `self`.
                    unsafe { std::slice::from_raw_parts_mut(first, len) }
                }
            }
        }
    }

    impl<T> Drop for Thin<T> {
        fn drop(&mut self) {
            let Some(p) = self.block else { return };
            let (len, first) = Thin::<T>::parts(p);
            // SAFETY: the block made in `new`, with that length: each item is dropped
            // once, then the block is freed with the layout it was made with.
            unsafe {
                std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(first, len));
                dealloc(p.as_ptr().cast::<u8>(), layout::<T>(len).0);
            }
        }
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id(one::Shared::new(s))
    }
}

impl From<String> for Id {
    fn from(s: String) -> Id {
        Id(one::Shared::new(&s))
    }
}

impl From<&Id> for String {
    fn from(id: &Id) -> String {
        id.as_str().to_string()
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Id> for String {
    fn eq(&self, other: &Id) -> bool {
        self == other.as_str()
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Briefing {
    /// The format version; only 1 exists.
    pub briefing: u32,
    pub id: String,
    pub title: Text,
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    pub event: Event,
    pub actors: Vec<Actor>,
    /// Sorted chronologically when loaded (stable: equal dates keep file order).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<TimelineEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub implications: Vec<Implication>,
    /// Where the briefing was read from.
    #[serde(skip)]
    pub path: PathBuf,
}

#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub title: Text,
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// What sort of actor it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Government,
    Country,
    Group,
}

impl ActorKind {
    pub const ALL: [(&'static str, ActorKind); 5] = [
        ("person", ActorKind::Person),
        ("organization", ActorKind::Organization),
        ("government", ActorKind::Government),
        ("country", ActorKind::Country),
        ("group", ActorKind::Group),
    ];

    pub fn name(self) -> &'static str {
        ActorKind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("")
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Actor {
    pub id: Id,
    pub name: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActorKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<Id>,
    #[serde(skip_serializing_if = "<[Text]>::is_empty")]
    pub aliases: Texts,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// The three-step scale analysts use for how sure they are: low, moderate, high.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Moderate,
    High,
}

impl Confidence {
    pub const ALL: [(&'static str, Confidence); 3] = [
        ("low", Confidence::Low),
        ("moderate", Confidence::Moderate),
        ("high", Confidence::High),
    ];

    pub fn name(self) -> &'static str {
        Confidence::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("")
    }
}

/// How urgently readers should attend to an implication: low, medium, high.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Low,
    Medium,
    High,
}

impl Priority {
    pub const ALL: [(&'static str, Priority); 3] = [
        ("low", Priority::Low),
        ("medium", Priority::Medium),
        ("high", Priority::High),
    ];

    pub fn name(self) -> &'static str {
        Priority::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("")
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct TimelineEntry {
    pub date: Date,
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Text>,
    #[serde(skip_serializing_if = "<[Id]>::is_empty")]
    pub actors: Ids,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Id>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Quote {
    pub actor: Id,
    pub text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Id>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub paraphrase: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Implication {
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Text>,
    #[serde(skip_serializing_if = "<[Id]>::is_empty")]
    pub actors: Ids,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub id: Id,
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

impl Briefing {
    /// Keeps every text of the briefing in one block (see [`thin::pack`]): a briefing
    /// has hundreds of texts, each of them its own allocation when read.
    pub fn pack_texts(&mut self) {
        fn add<'a>(all: &mut Vec<&'a mut thin::Thin>, t: &'a mut Option<Text>) {
            all.extend(t.as_mut().map(|t| &mut t.0));
        }
        let Briefing {
            title,
            summary,
            classification,
            tags,
            sources,
            event,
            actors,
            timeline,
            quotes,
            implications,
            ..
        } = self;
        let mut all: Vec<&mut thin::Thin> = Vec::new();
        all.push(&mut title.0);
        add(&mut all, summary);
        add(&mut all, classification);
        all.extend(tags.iter_mut().map(|t| &mut t.0));
        for s in sources.iter_mut() {
            all.push(&mut s.title.0);
            add(&mut all, &mut s.publisher);
            add(&mut all, &mut s.url);
        }
        all.push(&mut event.title.0);
        add(&mut all, &mut event.location);
        add(&mut all, &mut event.description);
        for a in actors.iter_mut() {
            all.push(&mut a.name.0);
            add(&mut all, &mut a.role);
            all.extend(a.aliases.iter_mut().map(|t| &mut t.0));
            add(&mut all, &mut a.description);
        }
        for e in timeline.iter_mut() {
            all.push(&mut e.title.0);
            add(&mut all, &mut e.detail);
        }
        for q in quotes.iter_mut() {
            all.push(&mut q.text.0);
            add(&mut all, &mut q.context);
        }
        for m in implications.iter_mut() {
            all.push(&mut m.title.0);
            add(&mut all, &mut m.detail);
        }
        thin::pack(&mut all);
    }

    /// The actor with this id in this briefing (references are checked when loaded).
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The name to show for an actor id: its display name, or the id itself.
    pub fn actor_name(&self, id: &str) -> String {
        self.actor(id)
            .map(|a| a.name.shown().to_string())
            .unwrap_or_else(|| id.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_the_raw_words_and_shows_the_cleaned_ones() {
        let cases = [
            ("", "", ""),
            ("Plain words", "Plain words", "Plain words"),
            ("中文 🇺🇳 é", "中文 🇺🇳 é", "中文 🇺🇳 é"),
            ("a\u{1b}[31mb", "a\u{241b}[31mb", "a\u{241b}[31mb"),
            ("one\ntwo", "one two", "one\ntwo"),
            ("x\u{202e}y\tz", "xy  z", "xy  z"),
        ];
        for (raw, line, block) in cases {
            let l = Text::line(raw.to_string());
            assert_eq!((l.raw(), l.shown()), (raw, line), "{raw:?}");
            assert_eq!(l.to_string(), line);
            let b = Text::block(raw.to_string());
            assert_eq!((b.raw(), b.shown()), (raw, block), "{raw:?}");
            let copy = b.clone();
            assert_eq!(copy, b);
            assert_eq!((copy.raw(), copy.shown()), (raw, block));
            assert_eq!(
                serde_json::to_string(&b).unwrap(),
                serde_json::to_string(raw).unwrap()
            );
        }
        assert_eq!(Text::default().raw(), "");
        assert_eq!(Text::default(), Text::line(String::new()));
        assert_ne!(Text::line("a\nb".into()), Text::block("a\nb".into()));
    }

    #[test]
    fn an_id_reads_as_its_words_and_its_copies_share_them() {
        let id = Id::from("tom-bossert");
        let copies: Vec<Id> = (0..1000).map(|_| id.clone()).collect();
        assert!(copies.iter().all(|c| std::ptr::eq(c.as_str(), id.as_str())));
        drop(copies);
        assert_eq!(id.as_str(), "tom-bossert");
        assert_eq!(id, "tom-bossert");
        assert_eq!(id, Id::from(String::from("tom-bossert")));
        assert_ne!(id, Id::from("tom"));
        assert_eq!(Id::from("a").cmp(&Id::from("b")), std::cmp::Ordering::Less);
        assert_eq!(format!("{id} {id:?}"), "tom-bossert \"tom-bossert\"");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"tom-bossert\"");
        let known: std::collections::HashSet<Id> = [id.clone(), Id::from("")].into();
        assert_eq!(
            known.get("tom-bossert").map(Id::as_str),
            Some("tom-bossert")
        );
        assert!(known.contains(""));
        // Copies made and dropped on other threads leave the id whole.
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| (0..10_000).for_each(|_| drop(id.clone())));
            }
        });
        assert_eq!(id.as_str(), "tom-bossert");
        let long = "é".repeat(40_000);
        assert!(long.starts_with(Id::from(long.as_str()).as_str()));
    }

    #[test]
    fn texts_packed_into_one_block_read_as_before_and_outlive_each_other() {
        let words = [
            "",
            "Plain words",
            "中文 🇺🇳 é",
            "a\u{1b}[31mb",
            "one\ntwo",
            "x\u{202e}y\tz",
        ];
        let made = || -> Vec<Text> {
            words
                .iter()
                .flat_map(|w| [Text::line(w.to_string()), Text::block(w.to_string())])
                .collect()
        };
        let expected = made();
        let mut texts = made();
        let mut refs: Vec<&mut thin::Thin> = texts.iter_mut().map(|t| &mut t.0).collect();
        thin::pack(&mut refs);
        assert_eq!(texts, expected);
        for (t, e) in texts.iter().zip(&expected) {
            assert_eq!((t.raw(), t.shown()), (e.raw(), e.shown()));
        }
        // Packed again, with copies of the first block still held.
        let copies = texts.clone();
        let mut refs: Vec<&mut thin::Thin> = texts.iter_mut().map(|t| &mut t.0).collect();
        thin::pack(&mut refs);
        assert_eq!(texts, expected);
        // Each text lives on alone, in any order, on any thread.
        let mut kept: Vec<Text> = copies.into_iter().chain(texts).collect();
        std::thread::scope(|s| {
            for chunk in kept.chunks(5) {
                let chunk = chunk.to_vec();
                s.spawn(move || drop(chunk));
            }
        });
        let last = kept.swap_remove(3);
        drop(kept);
        assert_eq!(last.raw(), expected[3].raw());
        assert_eq!(last.shown(), expected[3].shown());
    }

    /// A library holds millions of these: each is one pointer, also when optional.
    #[test]
    fn texts_and_ids_are_one_pointer_each() {
        use std::mem::size_of;
        assert_eq!(size_of::<Text>(), size_of::<usize>());
        assert_eq!(size_of::<Option<Text>>(), size_of::<usize>());
        assert_eq!(size_of::<Id>(), size_of::<usize>());
        assert_eq!(size_of::<Option<Id>>(), size_of::<usize>());
        assert_eq!(size_of::<Ids>(), size_of::<usize>());
    }

    #[test]
    fn a_list_of_ids_reads_as_its_ids_and_copies_whole() {
        let a = Id::from("a");
        for n in [0, 1, 2, 3, 40] {
            let ids: Vec<Id> = (0..n).map(|i| Id::from(format!("id-{i}"))).collect();
            let list = Ids::from(ids.clone());
            assert_eq!(&*list, ids.as_slice());
            assert_eq!(list.is_empty(), n == 0);
            let copy = list.clone();
            drop(list);
            assert_eq!(&*copy, ids.as_slice());
            assert_eq!(
                serde_json::to_string(&copy).unwrap(),
                serde_json::to_string(&ids).unwrap()
            );
        }
        // The list holds its ids as shared copies: dropped with it, in any thread.
        let list: Ids = std::iter::repeat_n(a.clone(), 3).collect();
        assert!(list.iter().all(|x| std::ptr::eq(x.as_str(), a.as_str())));
        std::thread::spawn(move || drop(list)).join().unwrap();
        assert_eq!(a.as_str(), "a");
        assert_eq!(Ids::default().len(), 0);
        // Texts too, changed in place.
        let mut texts: Texts = ["one", "two"]
            .map(|t| Text::line(t.into()))
            .into_iter()
            .collect();
        texts[1] = Text::line("three".into());
        let shown: Vec<&str> = texts.iter().map(Text::shown).collect();
        assert_eq!(shown, ["one", "three"]);
        assert_eq!(size_of::<Texts>(), size_of::<usize>());
    }

    /// Hundreds of thousands of entries: each takes 48 bytes with its date, flags and
    /// references (a pointer for each text and list).
    #[test]
    fn an_entry_takes_six_pointers() {
        use std::mem::size_of;
        assert_eq!(size_of::<TimelineEntry>(), 6 * size_of::<usize>());
        assert_eq!(size_of::<Quote>(), 6 * size_of::<usize>());
        assert_eq!(size_of::<Actor>(), 7 * size_of::<usize>());
    }
}
