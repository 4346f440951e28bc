//! Compact JSON, byte for byte as `serde_json::to_writer` writes it, for the items'
//! fingerprints (see [`super::news`]): every item of every file loaded is written
//! out to be hashed, and serde_json looks at strings one byte at a time. Here a text
//! with nothing to escape (nearly all of them) is copied whole, and dates are written
//! without a formatting machinery.
//!
//! Only what the model's items are made of is written: structs, strings, booleans,
//! options, lists and unit variants. Anything else is an error, and the caller hashes
//! what serde_json would have left after failing (nothing). A test holds every item
//! of the bundled briefings, and strings with every byte that needs escaping, to
//! serde_json's output.

use std::fmt::{self, Display, Write as _};

use serde::ser::{self, Serialize};

/// Appends `value`'s JSON to `out`; on an error what was appended is left for the
/// caller to remove.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(Writer { out })
}

/// A value that is not one of the model's: never written.
#[derive(Debug)]
pub struct Error;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a briefing item")
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(_: T) -> Self {
        Error
    }
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

/// Whether a byte is written escaped: quote, backslash and control characters (as
/// serde_json does; DEL and everything beyond ASCII are written as they are).
fn escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// `s` between quotes, escaped as serde_json escapes it.
fn string(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    fragment(out, s);
    out.push(b'"');
}

/// `s` escaped, without quotes.
fn fragment(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let (mut start, mut at) = (0, 0);
    loop {
        // Passed over 16 bytes at a time while there is nothing to escape: a look at
        // all of them together, which the compiler makes a few vector instructions.
        while let Some(chunk) = bytes.get(at..at + 16) {
            if chunk.iter().fold(false, |any, &b| any | escaped(b)) {
                break;
            }
            at += 16;
        }
        let Some(i) = bytes[at..].iter().position(|&b| escaped(b)) else {
            break;
        };
        let i = at + i;
        out.extend_from_slice(&bytes[start..i]);
        escape(out, bytes[i]);
        (start, at) = (i + 1, i + 1);
    }
    out.extend_from_slice(&bytes[start..]);
}

/// One byte that is written escaped.
fn escape(out: &mut Vec<u8>, b: u8) {
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 0xf) as usize]);
        }
    }
}

/// What `Display` writes, escaped as it comes.
struct Fragments<'a>(&'a mut Vec<u8>);

impl fmt::Write for Fragments<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        fragment(self.0, s);
        Ok(())
    }
}

/// Serializer methods for values no item holds: each refuses.
macro_rules! refused {
    ($($method:ident($value:ty)),* $(,)?) => {
        $(fn $method(self, _: $value) -> Result<(), Error> {
            Err(Error)
        })*
    };
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = Seq<'a>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        string(self.out, v);
        Ok(())
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.out.push(b'"');
        write!(Fragments(self.out), "{value}").map_err(|_| Error)?;
        self.out.push(b'"');
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        string(self.out, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Seq<'a>, Error> {
        self.out.push(b'[');
        Ok(Seq::open(self.out))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Seq<'a>, Error> {
        self.out.push(b'{');
        Ok(Seq::open(self.out))
    }

    // Nothing else is in a briefing's items.
    refused! {
        serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64),
        serialize_f32(f32), serialize_f64(f64), serialize_char(char), serialize_bytes(&[u8])
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error)
    }
}

/// A list or a struct being written: a comma before every part but the first.
pub struct Seq<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Seq<'a> {
    fn open(out: &'a mut Vec<u8>) -> Self {
        Seq { out, first: true }
    }

    fn comma(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.out.push(b',');
        }
    }

    /// The writer of one part.
    fn part(&mut self) -> Writer<'_> {
        Writer { out: self.out }
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(self.part())
    }

    fn end(self) -> Result<(), Error> {
        self.out.push(b']');
        Ok(())
    }
}

impl ser::SerializeStruct for Seq<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.comma();
        // A field's name is a Rust name: nothing in it is escaped.
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
        value.serialize(self.part())
    }

    fn end(self) -> Result<(), Error> {
        self.out.push(b'}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours<T: Serialize + ?Sized>(v: &T) -> Vec<u8> {
        let mut out = Vec::new();
        write(&mut out, v).unwrap();
        out
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all: Vec<String> = (0u8..0x80).map(|b| format!("a{}b", b as char)).collect();
        all.extend(
            [
                "",
                "plain",
                "\"quoted\"",
                "back\\slash",
                "tab\tnew\nline\r",
                "\u{7f}",
                "é ü ø Θ 日本 🦀",
                "\u{1b}]52;c;x\u{7}",
                "\u{202e}rtl",
                "end\\",
                "\"",
            ]
            .map(String::from),
        );
        // Escapes at every place around the 16-byte steps, alone and in pairs.
        for len in 0..40 {
            for at in 0..len {
                let mut t: Vec<char> = "é".repeat(len).chars().collect();
                t[at] = '"';
                all.push(t.iter().collect());
                t[len - 1 - at] = '\n';
                all.push(t.iter().collect());
            }
        }
        for s in &all {
            assert_eq!(ours(s), serde_json::to_vec(s).unwrap(), "{s:?}");
        }
        let list = ["a", "b\"", ""];
        assert_eq!(ours(&list[..]), serde_json::to_vec(&list[..]).unwrap());
        assert_eq!(ours(&Some("x")), serde_json::to_vec(&Some("x")).unwrap());
        assert_eq!(ours(&None::<&str>), b"null");
        assert_eq!(ours(&true), b"true");
        assert_eq!(ours(&false), b"false");
    }

    #[test]
    fn displayed_values_are_escaped_too() {
        struct Odd;
        impl Display for Odd {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a\"b")?;
                f.write_str("\n")
            }
        }
        impl Serialize for Odd {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        assert_eq!(ours(&Odd), serde_json::to_vec(&Odd).unwrap());
    }

    #[test]
    fn every_item_of_the_bundled_briefings_is_written_as_serde_json_writes_it() {
        let mut items = 0;
        for src in [
            include_str!("../../briefings/wannacry-attribution.yaml"),
            include_str!("../../briefings/exercise-election-influence.yaml"),
            include_str!("../../briefings/exercise-port-ransomware.yaml"),
            include_str!("../../briefings/exercise-grid-intrusion.yaml"),
        ] {
            let b = crate::load::load_str(std::path::Path::new("b.yaml"), src).unwrap();
            for e in &b.timeline {
                assert_eq!(ours(e), serde_json::to_vec(e).unwrap());
                items += 1;
            }
            for q in &b.quotes {
                assert_eq!(ours(q), serde_json::to_vec(q).unwrap());
                items += 1;
            }
            for m in &b.implications {
                assert_eq!(ours(m), serde_json::to_vec(m).unwrap());
                items += 1;
            }
            // Whole briefings have numbers, which items never do: refused, not miswritten.
            assert!(write(&mut Vec::new(), &b).is_err());
        }
        assert!(items > 50, "{items}");
    }

    #[test]
    fn items_with_every_field_and_awkward_texts_are_written_as_serde_json_writes_them() {
        let src = r#"
title: Every field
date: 2017
event: {title: E, date: 2017}
sources:
  - {id: s, title: "A \"source\""}
actors:
  - {id: a, name: A}
  - {id: b, name: B}
timeline:
  - date: 2017-12-19T15:30:00.250-05:00
    title: "tab\there, a \"quote\", back\\slash, bell \a, DEL \x7f, é 日本 🦀"
    detail: |
      Two lines,
      	one tabbed.
    actors: [a, b]
    source: s
    approximate: true
    confidence: high
  - {date: 0999-01-02, title: plain}
  - {date: 2017-05, title: month, confidence: low, approximate: false}
quotes:
  - actor: a
    text: "Said \"so\"."
    date: 2017-12-19T20:30:00Z
    context: "In a \\ context"
    source: s
    paraphrase: true
  - {actor: b, text: plain}
implications:
  - title: "Act\r\nnow"
    detail: Soon.
    actors: [b]
    priority: medium
    confidence: moderate
  - {title: plain}
"#;
        let b = crate::load::load_str(std::path::Path::new("b.yaml"), src).unwrap();
        assert_eq!(
            (b.timeline.len(), b.quotes.len(), b.implications.len()),
            (3, 2, 2)
        );
        for e in &b.timeline {
            assert_eq!(ours(e), serde_json::to_vec(e).unwrap());
        }
        for q in &b.quotes {
            assert_eq!(ours(q), serde_json::to_vec(q).unwrap());
        }
        for m in &b.implications {
            assert_eq!(ours(m), serde_json::to_vec(m).unwrap());
        }
        let full = b.timeline.iter().find(|e| e.detail.is_some()).unwrap();
        let first = String::from_utf8(ours(full)).unwrap();
        for part in [
            "\\t",
            "\\\"quote",
            "\\u0007",
            "\"approximate\":true",
            "\"actors\":[\"a\",\"b\"]",
        ] {
            assert!(first.contains(part), "{part} in {first}");
        }
    }
}
