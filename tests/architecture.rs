//! The layers of `src/` hold: data walks one way, and no module names one above it.
//!
//! ```text
//! text → crash, date → model → load, citation → library → export, cache → app → keymap
//!   → config → ui → tui, cli → commands
//! ```
//!
//! Every `crate::` path in a file (in a `use` or in code), and every `super::` that
//! climbs out of its module, must name a module of a lower layer. A new module must be
//! given its layer here (and in docs/architecture.md) before it can be used.

use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and its layer: a module may use only lower layers.
const LAYERS: &[(&str, u8)] = &[
    ("text", 0),
    ("crash", 1),
    ("date", 1),
    ("model", 2),
    ("load", 3),
    ("citation", 3),
    ("state", 3),
    ("library", 4),
    ("watch", 4),
    ("export", 5),
    ("cache", 5),
    ("app", 6),
    ("keymap", 7),
    ("config", 8),
    ("ui", 9),
    ("tui", 10),
    ("cli", 10),
    ("commands", 11),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// Every `.rs` file under a folder.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("an entry of src/").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file below `src/`: `src/app/moving.rs` is `[app, moving]`,
/// `src/ui/mod.rs` is `[ui]`; the crate root files are `[]`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code of a file without its comments (line and block), string contents kept.
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The names right inside a `{...}` group that starts at `s` (after the `{`).
fn group_heads(s: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut at_item_start = true;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => at_item_start = true,
            c if at_item_start && !c.is_whitespace() => {
                heads.push(ident(&s[i..]).to_string());
                at_item_start = false;
            }
            _ => {}
        }
    }
    heads
}

/// The top-level modules a file's code names: `crate::x`, `crate::{x, y}`, and
/// `super::` paths that leave the file's own top-level module.
fn named_modules(file_module: &[String], code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + "crate::".len()..];
        // `$crate::` in macros and names such as `my_crate::` are not this crate.
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            match after.strip_prefix('{') {
                Some(group) => out.extend(group_heads(group)),
                None => out.push(ident(after).to_string()),
            }
        }
        rest = after;
    }
    let mut rest = code;
    while let Some(at) = rest.find("super::") {
        let before = rest[..at].chars().next_back();
        let mut after = &rest[at..];
        rest = &rest[at + "super::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut up = 0;
        while let Some(r) = after.strip_prefix("super::") {
            up += 1;
            after = r;
        }
        // A file's own module is the parent of what `super` means in it.
        let base = file_module.len().saturating_sub(up);
        if base == 0 {
            match after.strip_prefix('{') {
                Some(group) => out.extend(group_heads(group)),
                None => out.push(ident(after).to_string()),
            }
        }
    }
    out
}

#[test]
fn no_module_uses_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for file in &files {
        let rel = file.strip_prefix(&src).expect("below src/");
        let module = module_path(rel);
        let Some(own) = module.first() else {
            continue; // lib.rs and main.rs only declare and start the others
        };
        let Some(own_layer) = layer(own) else {
            wrong.push(format!(
                "{}: module `{own}` has no layer; add it to LAYERS and docs/architecture.md",
                rel.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("a readable source file");
        for used in named_modules(&module, &code(&text)) {
            if used == *own || used.is_empty() || used == "self" {
                continue;
            }
            checked += 1;
            match layer(&used) {
                Some(l) if l < own_layer => {}
                Some(l) => wrong.push(format!(
                    "{}: `{own}` (layer {own_layer}) uses `{used}` (layer {l}), which is not below it",
                    rel.display()
                )),
                None => wrong.push(format!(
                    "{}: uses `{used}`, which is not a module with a layer",
                    rel.display()
                )),
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} uses found: is the parsing right?"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_parsing_finds_every_kind_of_path() {
    let code = code(
        "use crate::{app::{App, Pane}, library};\n\
         // use crate::ui::Commented;\n\
         let x = crate::text::clean_line(\"a // b\");\n\
         use super::super::keymap::Scope;\n\
         use super::sibling;\n\
         $crate::ignored::x; my_crate::ignored::y;",
    );
    let module = vec!["ui".to_string(), "panes".to_string()];
    assert_eq!(
        named_modules(&module, &code),
        ["app", "library", "text", "keymap"]
    );
}
