//! The quick reading's watch on keys: any deserializer wrapped so that a key the
//! shape passes over is noted unless it is the author's own (`x-`), with nothing
//! copied on the way (each key is looked at where the parser holds it).
//!
//! The shape's structs accept unknown keys (serde passes their values over with
//! `deserialize_ignored_any`); here each value is told whether its key was `x-`, and
//! one passed over under any other key makes the whole reading doubtful, so that the
//! positioned reading, which says where, takes the file.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::shape;

/// Reads `T` from `d`; `unknown` is set when a key other than `x-` was passed over.
pub fn deserialize<'de, D, T>(d: D, unknown: &Cell<bool>) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: de::Deserialize<'de>,
{
    T::deserialize(Watched {
        de: d,
        unknown,
        role: Role::Plain,
    })
}

/// Where a value stands.
#[derive(Clone, Copy)]
enum Role<'a> {
    /// In a list, or the document itself.
    Plain,
    /// A mapping's key: whether it is `x-` goes into the cell.
    Key(&'a Cell<bool>),
    /// A mapping's value, under an `x-` key (`true`) or another.
    Value(bool),
}

struct Watched<'a, D> {
    de: D,
    unknown: &'a Cell<bool>,
    role: Role<'a>,
}

impl<'a, D> Watched<'a, D> {
    fn wrap<V>(&self, v: V) -> Wrap<'a, V> {
        Wrap {
            v,
            unknown: self.unknown,
            role: self.role,
        }
    }
}

macro_rules! forward_deserialize {
    ($($method:ident ($($arg:ident : $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
                let wrapped = self.wrap(visitor);
                self.de.$method($($arg,)* wrapped)
            }
        )*
    };
}

impl<'de, 'a, D: Deserializer<'de>> Deserializer<'de> for Watched<'a, D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16();
        deserialize_i32(); deserialize_i64(); deserialize_i128(); deserialize_u8();
        deserialize_u16(); deserialize_u32(); deserialize_u64(); deserialize_u128();
        deserialize_f32(); deserialize_f64(); deserialize_char(); deserialize_str();
        deserialize_string(); deserialize_bytes(); deserialize_byte_buf();
        deserialize_option(); deserialize_unit(); deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str); deserialize_seq();
        deserialize_tuple(len: usize); deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map(); deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
    }

    /// A value passed over: the shape had no key for it.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        if !matches!(self.role, Role::Value(true)) {
            self.unknown.set(true);
        }
        self.de.deserialize_ignored_any(de::IgnoredAny)?;
        visitor.visit_unit()
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

struct Wrap<'a, V> {
    v: V,
    unknown: &'a Cell<bool>,
    role: Role<'a>,
}

impl<'a, V> Wrap<'a, V> {
    /// What the value holds is read with the same role (an option or a newtype is
    /// its content), or as plain (the items of a list or mapping have their own).
    fn inner<D>(&self, de: D, same: bool) -> Watched<'a, D> {
        Watched {
            de,
            unknown: self.unknown,
            role: if same { self.role } else { Role::Plain },
        }
    }

    fn note_key(&self, key: &str) {
        if let Role::Key(extension) = self.role {
            extension.set(shape::is_extension(key));
        }
    }
}

macro_rules! forward_visit {
    ($($method:ident ($ty:ty);)*) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
                self.v.$method(v)
            }
        )*
    };
}

impl<'de, 'a, V: Visitor<'de>> Visitor<'de> for Wrap<'a, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.v.expecting(f)
    }

    forward_visit! {
        visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
        visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
        visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char);
        visit_bytes(&[u8]); visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>);
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.note_key(v);
        self.v.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.note_key(v);
        self.v.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.note_key(&v);
        self.v.visit_string(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.v.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.v.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        let inner = self.inner(d, true);
        self.v.visit_some(inner)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        let inner = self.inner(d, true);
        self.v.visit_newtype_struct(inner)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.v.visit_seq(Items {
            items: seq,
            unknown: self.unknown,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.v.visit_map(Entries {
            entries: map,
            unknown: self.unknown,
            extension: Cell::new(false),
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.v.visit_enum(Variant {
            access: data,
            unknown: self.unknown,
        })
    }
}

/// A seed whose value is read watched, in the role given.
struct Seed<'a, S> {
    seed: S,
    unknown: &'a Cell<bool>,
    role: Role<'a>,
}

impl<'de, 'a, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'a, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Watched {
            de: d,
            unknown: self.unknown,
            role: self.role,
        })
    }
}

struct Items<'a, A> {
    items: A,
    unknown: &'a Cell<bool>,
}

impl<'de, 'a, A: SeqAccess<'de>> SeqAccess<'de> for Items<'a, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.items.next_element_seed(Seed {
            seed,
            unknown: self.unknown,
            role: Role::Plain,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.items.size_hint()
    }
}

struct Entries<'a, A> {
    entries: A,
    unknown: &'a Cell<bool>,
    /// Whether the key last read is `x-`.
    extension: Cell<bool>,
}

impl<'de, 'a, A: MapAccess<'de>> MapAccess<'de> for Entries<'a, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.extension.set(false);
        self.entries.next_key_seed(Seed {
            seed,
            unknown: self.unknown,
            role: Role::Key(&self.extension),
        })
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.entries.next_value_seed(Seed {
            seed,
            unknown: self.unknown,
            role: Role::Value(self.extension.get()),
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.entries.size_hint()
    }
}

struct Variant<'a, A> {
    access: A,
    unknown: &'a Cell<bool>,
}

impl<'de, 'a, A: EnumAccess<'de>> EnumAccess<'de> for Variant<'a, A> {
    type Error = A::Error;
    type Variant = Variant<'a, A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let unknown = self.unknown;
        let (value, access) = self.access.variant_seed(Seed {
            seed,
            unknown,
            role: Role::Plain,
        })?;
        Ok((value, Variant { access, unknown }))
    }
}

impl<'de, 'a, A: VariantAccess<'de>> VariantAccess<'de> for Variant<'a, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.access.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.access.newtype_variant_seed(Seed {
            seed,
            unknown: self.unknown,
            role: Role::Plain,
        })
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        let wrapped = Wrap {
            v: visitor,
            unknown: self.unknown,
            role: Role::Plain,
        };
        self.access.tuple_variant(len, wrapped)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let wrapped = Wrap {
            v: visitor,
            unknown: self.unknown,
            role: Role::Plain,
        };
        self.access.struct_variant(fields, wrapped)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Inner {
        a: u32,
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Outer {
        inner: Inner,
        #[serde(default)]
        list: Vec<Inner>,
        #[serde(default)]
        named: BTreeMap<String, u32>,
    }

    fn read(src: &str) -> (Option<Outer>, bool) {
        match serde_saphyr::from_str::<Watch>(src) {
            Ok(Watch(v, unknown)) => (Some(v), unknown),
            Err(_) => (None, false),
        }
    }

    /// `Outer` read watched, with whether a key other than `x-` was passed over.
    struct Watch(Outer, bool);

    impl<'de> de::Deserialize<'de> for Watch {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let unknown = Cell::new(false);
            let v = deserialize(d, &unknown)?;
            Ok(Watch(v, unknown.get()))
        }
    }

    #[test]
    fn extension_keys_are_passed_over_at_any_depth() {
        let (v, unknown) =
            read("inner: {a: 1, x-b: {c: [1, 2]}}\nx-top: 3\nlist: [{a: 2, x-n: ~}]\n");
        assert!(!unknown);
        let v = v.unwrap();
        assert_eq!(v.inner, Inner { a: 1 });
        assert_eq!(v.list, vec![Inner { a: 2 }]);
    }

    #[test]
    fn any_other_key_passed_over_is_noted_at_any_depth() {
        for src in [
            "inner: {a: 1}\ntop: 3\n",
            "inner: {a: 1, b: 2}\n",
            "inner: {a: 1}\nlist: [{a: 2, X-n: 1}]\n",
            "inner: {a: 1, x-ok: {b: 1}}\nlist: [{a: 2, xx-n: 1}]\n",
        ] {
            let (v, unknown) = read(src);
            assert!(v.is_some(), "{src}");
            assert!(unknown, "not noted: {src}");
        }
    }

    #[test]
    fn keys_of_a_mapping_the_shape_reads_whole_are_its_own() {
        // A mapping read as a map (not a struct) passes nothing over.
        let (v, unknown) = read("inner: {a: 1}\nnamed: {b: 1, x-c: 2}\n");
        assert!(!unknown);
        assert_eq!(v.unwrap().named.len(), 2);
    }
}
