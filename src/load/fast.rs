//! The quick way in: serde-saphyr straight into the shape of a briefing, then the
//! rules, without building a positioned tree. Most files are valid and end here.
//!
//! It only ever says "valid, here it is" or "not sure": a file it cannot read, or one
//! the rules find a problem in, is read again the positioned way, which reports every
//! problem with its place. The rules are the same both ways (`rules.rs`).

use super::rules::{self, Quick};
use super::shape::{Field, RawBriefing};
use super::yaml;
use crate::model::Briefing;

/// The briefing, if the file is valid and nothing about it needs a closer look.
pub fn briefing(src: &str, default_id: &str) -> Option<Briefing> {
    let raw: RawBriefing = serde_saphyr::from_str_with_options(src, yaml::strict_options()).ok()?;
    let mut report = Quick::default();
    let b = rules::check(Field::Given(raw), default_id, &mut report)?;
    (!report.found).then_some(b)
}
