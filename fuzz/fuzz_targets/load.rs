//! Arbitrary bytes through the loader, and every loaded briefing or message
//! through what the reader does with it next.
#![no_main]

use std::path::Path;

use brief::load::{Diagnostic, Loaded, load_bytes, load_str};
use libfuzzer_sys::fuzz_target;

fn exercise(loaded: Loaded) {
    match loaded {
        Ok(b) => {
            let json = serde_json::to_string(&b).expect("a briefing serializes to JSON");
            assert!(!json.is_empty());
            let text = brief::export::plain_text(&b);
            assert!(!text.is_empty());
            let markdown = brief::export::markdown(&brief::export::Memo::whole([&b]));
            assert!(!markdown.is_empty());
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "a failed load says why");
            for d in &problems {
                show(d);
            }
        }
    }
}

fn show(d: &Diagnostic) {
    assert!(d.line >= 1 && d.column >= 1, "positions are 1-based: {d:?}");
    let line = d.to_string();
    assert!(d.with_excerpt().starts_with(&line));
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.yaml");
    exercise(load_bytes(path, data));
    if let Ok(s) = std::str::from_utf8(data) {
        exercise(load_str(path, s));
    }
});
