//! The quick way in: serde-saphyr straight into the shape of a briefing, then the
//! rules, without building a positioned tree. Most files are valid and end here.
//!
//! It only ever says "valid, here it is" or "not sure": a file it cannot read, one
//! with a key the format does not know, or one the rules find a problem in, is read
//! again the positioned way, which reports every problem with its place. The rules
//! are the same both ways (`rules.rs`).

use serde::{Deserialize, Deserializer};

use super::known;
use super::rules::{self, Quick};
use super::shape::{Field, RawBriefing};
use super::yaml;
use crate::model::Briefing;

/// The briefing, if the file is valid and nothing about it needs a closer look.
pub fn briefing(src: &str, default_id: &str) -> Option<Briefing> {
    let Known(raw) =
        serde_saphyr::from_str_with_options::<Known<RawBriefing>>(src, yaml::strict_options())
            .ok()?;
    let mut report = Quick::default();
    let b = rules::check(Field::Given(raw?), default_id, &mut report)?;
    (!report.found).then_some(b)
}

/// A value read with the author's `x-` keys passed over, or `None` when it has any
/// other key its shape does not know (the positioned reading then says where).
struct Known<T>(Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Known<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let unknown = std::cell::Cell::new(false);
        let value = known::deserialize(d, &unknown)?;
        Ok(Known((!unknown.get()).then_some(value)))
    }
}
