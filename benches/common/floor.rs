//! The floor for loading: every file read and deserialized by serde-saphyr
//! alone into plain structs that mirror the briefing format, with no
//! positions, no validation and no cleaning, on every core in the same way as
//! `brief::load::load_parallel`. Loading cannot be expected to beat this.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::Deserialize;

// The fields are only filled in, never read: what is measured is the work of filling them.
#[allow(dead_code)]
#[derive(Deserialize)]
pub struct Briefing {
    briefing: Option<u32>,
    id: Option<String>,
    title: String,
    date: String,
    summary: Option<String>,
    classification: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    sources: Vec<Source>,
    event: Event,
    actors: Vec<Actor>,
    #[serde(default)]
    timeline: Vec<Entry>,
    #[serde(default)]
    quotes: Vec<Quote>,
    #[serde(default)]
    implications: Vec<Implication>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct Event {
    title: String,
    date: String,
    location: Option<String>,
    description: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct Actor {
    id: String,
    name: String,
    kind: Option<String>,
    role: Option<String>,
    affiliation: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    description: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct Entry {
    date: String,
    title: String,
    detail: Option<String>,
    #[serde(default)]
    actors: Vec<String>,
    source: Option<String>,
    #[serde(default)]
    approximate: bool,
    confidence: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct Quote {
    actor: String,
    text: String,
    date: Option<String>,
    context: Option<String>,
    source: Option<String>,
    #[serde(default)]
    paraphrase: bool,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct Implication {
    title: String,
    detail: Option<String>,
    #[serde(default)]
    actors: Vec<String>,
    priority: Option<String>,
    confidence: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct Source {
    id: String,
    title: String,
    publisher: Option<String>,
    url: Option<String>,
    date: Option<String>,
}

/// One file read and deserialized, or why not.
pub type Parsed = Result<Briefing, String>;

fn parse_file(path: &std::path::Path) -> Parsed {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    serde_saphyr::from_str(text).map_err(|e| e.to_string())
}

/// Every file on every core, outcomes in the order of `files`: the same
/// scoped threads, shared counter and channel as the loader.
pub fn parse_all(files: &[PathBuf]) -> Vec<Parsed> {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    let mut out: Vec<Option<Parsed>> = (0..files.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    if tx.send((i, parse_file(path))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, parsed) in rx {
            out[i] = Some(parsed);
        }
    });
    out.into_iter()
        .map(|p| p.expect("every file is parsed once"))
        .collect()
}
