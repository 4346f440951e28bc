//! YAML to a tree of positioned nodes, with every parser option in one place.
//!
//! The tree keeps each node's line and column and its source text, so the
//! positioned reading (`tree.rs`) can report every problem of a file at once, where it is.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::options::{DuplicateKeyPolicy, MergeKeyPolicy, NonFiniteFloatPolicy};
use serde_saphyr::{Options, Spanned};

/// Depth of nested mappings and sequences; a briefing needs about six.
///
/// The parser recurses once per level, with large frames in unoptimized builds
/// (about 40 KiB a level), and files are loaded on threads with the default
/// 2 MiB stack: 64 levels overflowed it, 24 stay well inside.
pub const MAX_DEPTH: usize = 24;
/// Nodes in one file, aliases expanded (a 16 MiB briefing has far fewer).
pub const MAX_NODES: usize = 2_000_000;
/// Parser events in one file (a value is one, a mapping or list two).
pub const MAX_EVENTS: usize = 1_000_000;
/// Alias uses in one file; briefings hardly need any.
pub const MAX_ALIASES: usize = 10_000;
/// Nodes that alias expansion may add in all (stops "billion laughs").
pub const MAX_ALIAS_EVENTS: usize = 100_000;

/// The parser settings, all of them: strict booleans, budgets, and duplicate keys
/// passed through to the positioned reading, which reports every one of them with its place.
fn options() -> Options {
    with_duplicates(DuplicateKeyPolicy::PassThrough)
}

/// The same settings, but a duplicate key is an error: for the typed quick way in,
/// which leaves such a file to the positioned reading.
pub fn strict_options() -> Options {
    with_duplicates(DuplicateKeyPolicy::Error)
}

fn with_duplicates(duplicate_keys: DuplicateKeyPolicy) -> Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_events: MAX_EVENTS,
            max_aliases: MAX_ALIASES,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_EVENTS,
        },
        strict_booleans: true,
        // `.inf` or `.nan` where text is expected is read as its text, like any number.
        non_finite_float_policy: NonFiniteFloatPolicy::PassThrough,
        duplicate_keys: duplicate_keys,
        merge_keys: MergeKeyPolicy::Merge,
    }
}

/// A node of the document with where it stands in the file.
pub type Node = Spanned<Value>;

#[derive(Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// 1-based line and column, counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

pub fn pos(node: &Node) -> Pos {
    Pos {
        line: node.referenced.line().min(u32::MAX as u64) as u32,
        column: node.referenced.column().min(u32::MAX as u64) as u32,
    }
}

/// The text of a scalar as written in the file (`1.10`, not `1.1`), when known.
///
/// Read where the value is defined: for an alias (`*d`) that is its anchor's
/// value, not the alias itself.
pub fn source_text<'s>(src: &'s str, node: &Node) -> Option<&'s str> {
    let span = node.defined.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    src.get(start..start.checked_add(len)?)
}

/// A document that could not be read as YAML, with where and why.
#[derive(Debug)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Stack for the parser, which recurses once per level: [`MAX_DEPTH`] levels need
/// a few MiB in an unoptimized build, more than a spawned thread's default 2 MiB.
const PARSE_STACK: usize = 32 * 1024 * 1024;

/// Parses one YAML document into a positioned tree.
///
/// The parser runs on a thread of its own with a stack sized for [`MAX_DEPTH`],
/// whatever thread the caller is on; if that thread cannot be started, it runs here.
pub fn parse(src: &str) -> Result<Node, SyntaxError> {
    let run = || {
        crate::crash::catching(|| {
            serde_saphyr::from_str_with_options::<Node>(src, options())
                .map_err(|e| syntax_error(&e))
        })
        .unwrap_or_else(|message| {
            Err(SyntaxError {
                pos: Pos { line: 1, column: 1 },
                message: format!(
                    "the YAML parser failed on this file (a bug, not in the file): {message}"
                ),
            })
        })
    };
    std::thread::scope(|s| {
        match std::thread::Builder::new()
            .name("yaml".into())
            .stack_size(PARSE_STACK)
            .spawn_scoped(s, run)
        {
            Ok(handle) => handle.join().unwrap_or_else(|_| {
                Err(SyntaxError {
                    pos: Pos { line: 1, column: 1 },
                    message: "the YAML parser failed on this file (a bug, not in the file)"
                        .to_string(),
                })
            }),
            Err(_) => run(),
        }
    })
}

fn syntax_error(e: &serde_saphyr::Error) -> SyntaxError {
    let pos = e
        .location()
        .map(|l| Pos {
            line: l.line().min(u32::MAX as u64) as u32,
            column: l.column().min(u32::MAX as u64) as u32,
        })
        .unwrap_or(Pos { line: 1, column: 1 });
    let message = limit_reached(e).unwrap_or_else(|| explain(e));
    SyntaxError { pos, message }
}

/// When the parser stopped at one of its limits: which one, in plain words, with the
/// limit, and what it means for the file.
fn limit_reached(e: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let mut e = e;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = e {
        e = error;
    }
    let bomb = "the file expands itself (an alias bomb) or is damaged; a briefing needs far less";
    let large = "the file is far larger or more intricate than any briefing; it is damaged or not a briefing";
    let defaults = serde_saphyr::budget::Budget::default();
    let what = match e {
        E::Budget { breach, .. } => match breach {
            B::Events { .. } => format!(
                "too many YAML values: more than {} values, keys, lists and mappings in all; {large}",
                MAX_EVENTS
            ),
            B::Nodes { .. } => format!(
                "too many YAML values: more than {} once its aliases (`*name`) are expanded; {bomb}",
                MAX_NODES
            ),
            B::Aliases { .. } => format!(
                "too many alias expansions: aliases (`*name`) are used more than {} times; {bomb}",
                MAX_ALIASES
            ),
            B::Anchors { .. } => format!(
                "too many anchors: more than {} values are marked with anchors (`&name`); {large}",
                defaults.max_anchors
            ),
            B::AliasAnchorRatio { aliases, anchors } => format!(
                "too many alias expansions: {anchors} anchors (`&name`) are used {aliases} times through aliases (`*name`); {bomb}"
            ),
            B::MergeKeys { .. } => format!(
                "too many merge keys: more than {} (`<<`); {large}",
                defaults.max_merge_keys
            ),
            B::ScalarBytes { .. } => format!(
                "too much text: the texts add up to more than {}; {large}",
                super::human_size(defaults.max_total_scalar_bytes as u64)
            ),
            B::Depth { .. } | B::InclusionDepth { .. } => format!(
                "nesting too deep (more than {MAX_DEPTH} levels); a briefing needs only a few: \
                 the file is damaged or not a briefing"
            ),
            B::Documents { .. } => {
                return Some(
                    "more than one YAML document in the file (a `---` line starts another); \
                     a briefing file holds exactly one: split it into several files"
                        .to_string(),
                );
            }
            _ => format!("too large or too intricate to read; {large}"),
        },
        E::AliasReplayLimitExceeded {
            max_total_replayed_events,
            ..
        } => format!(
            "too many alias expansions: the aliases (`*name`) would expand to more than {} values; {bomb}",
            max_total_replayed_events
        ),
        E::AliasExpansionLimitExceeded {
            max_expansions_per_anchor,
            ..
        } => format!(
            "too many alias expansions: one anchor (`&name`) is expanded more than {} times; {bomb}",
            max_expansions_per_anchor
        ),
        E::AliasReplayStackDepthExceeded { max_depth, .. } => format!(
            "too many alias expansions: aliases (`*name`) lead into each other more than {max_depth} deep; {bomb}"
        ),
        _ => return None,
    };
    Some(what)
}

/// The parser's error in words a briefing author can act on, by what went wrong (its
/// limits are named by [`limit_reached`]).
fn explain(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error as E;
    use serde_saphyr::granit_parser::ErrorKind as Scan;

    let too_deep = || {
        format!(
            "nesting too deep (more than {MAX_DEPTH} levels); a briefing needs only a few: \
             the file is damaged or not a briefing"
        )
    };
    // What went wrong, inside the wrappers that add a snippet or an alias's places;
    // the parser's own words, when they are shown, are those of the whole error.
    let mut inner = e;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = inner {
        inner = error;
    }
    match inner {
        E::MultipleDocuments { .. } => "more than one YAML document in the file (a `---` line \
            starts another); a briefing file holds exactly one: split it into several files"
            .to_string(),
        E::InternalDepthUnderflow { .. } => too_deep(),
        E::RecursiveReferencesRequireWeakTypes { .. } => {
            "an alias (`*name`) is used inside the value its own anchor (`&name`) marks; \
             a value cannot contain itself"
                .to_string()
        }
        E::InvalidBinaryBase64 { .. }
        | E::BinaryNotUtf8 { .. }
        | E::BytesNotSupportedMissingBinaryTag { .. } => {
            "a `!!binary` value here is not text once decoded; a briefing holds text: \
             write the text itself"
                .to_string()
        }
        E::ExternalMessage { source, .. } => match &**source {
            serde_saphyr::ExternalMessageSource::Parser(scan) => match scan.kind() {
                Scan::RecursionLimitExceeded => too_deep(),
                Scan::MappingValueNotAllowed => {
                    "not valid YAML: a `: ` here starts a key where none can be; if it is part \
                     of a text, put the text in quotes (title: \"Cyber: a new front\"), \
                     otherwise check the indentation"
                        .to_string()
                }
                Scan::UnclosedQuotedScalar => {
                    "a quoted text is never closed: add the closing quotation mark".to_string()
                }
                _ => format!("not valid YAML: {}", parser_words(e)),
            },
            _ => format!("not valid YAML: {}", parser_words(e)),
        },
        _ => format!("not valid YAML: {}", parser_words(e)),
    }
}

/// The parser's own words for an error it has no better name for, on one line.
fn parser_words(e: &serde_saphyr::Error) -> String {
    let rendered = e.without_snippet().to_string();
    let mut msg = rendered.trim();
    msg = msg.strip_prefix("error: ").unwrap_or(msg);
    if let Some(rest) = msg.strip_prefix("line ")
        && let Some(i) = rest.find(": ")
    {
        msg = &rest[i + 2..];
    }
    msg.lines().next().unwrap_or(msg).trim().to_string()
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or(Value::Float(v as f64)))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or(Value::Float(v as f64)))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or(Value::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(a.size_hint().unwrap_or(0).min(1024));
        while let Some(x) = a.next_element()? {
            items.push(x);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
        let mut entries = Vec::with_capacity(a.size_hint().unwrap_or(0).min(64));
        while let Some(kv) = a.next_entry()? {
            entries.push(kv);
        }
        Ok(Value::Map(entries))
    }
}
