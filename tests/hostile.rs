//! Input made to hurt: a loader that fails on one file, files that are not regular
//! files, folders that cannot be read, text that JSON passes on, aliases that would
//! join every actor. Each gives a clear message for that one thing, and the rest loads.

mod common;

use std::path::{Path, PathBuf};

use brief::load;

/// A panic while loading one file becomes an error for that file, naming it, with the
/// panic's message cleaned; the other files load.
#[test]
fn a_panic_in_a_loader_becomes_an_internal_error_for_that_file() {
    let files: Vec<PathBuf> = ["first.yaml", "bad\u{1b}]0;x\u{7}.yaml", "third.yaml"]
        .iter()
        .map(PathBuf::from)
        .collect();
    let mut out: Vec<Option<load::Loaded>> = vec![None, None, None];
    load::load_parallel_with(
        &files,
        |path: &Path| {
            if path.to_string_lossy().starts_with("bad") {
                panic!("byte index 7 is not a char boundary of `\u{1b}]0;pwned\u{7}`");
            }
            load::load_str(
                path,
                "title: T\ndate: 2017\nevent: {title: E, date: 2017}\nactors: [{id: a, name: A}]\n",
            )
        },
        |i, loaded| out[i] = Some(loaded),
    );
    assert!(matches!(out[0], Some(Ok(_))));
    assert!(matches!(out[2], Some(Ok(_))));
    let Some(Err(diags)) = &out[1] else {
        panic!("the failing file should have an error");
    };
    assert_eq!(diags.len(), 1);
    let shown = diags[0].to_string();
    assert!(
        shown.starts_with("bad\u{241b}]0;x\u{2407}.yaml:1:1: error: internal error in bad\u{241b}]0;x\u{2407}.yaml"),
        "{shown}"
    );
    assert!(
        shown.contains("not a char boundary of `\u{241b}]0;pwned\u{2407}`"),
        "{shown}"
    );
    assert!(
        shown.contains("the other files are not affected"),
        "{shown}"
    );
    assert!(
        !diags[0].message.contains(['\u{1b}', '\u{7}']),
        "{:?}",
        diags[0].message
    );
}

/// Characters some terminals act on, or that reorder or hide text, each in a text the
/// export keeps: C1 controls, bidi embeddings, overrides, isolates and marks, and the
/// Unicode line and paragraph separators.
const ACTED_ON: &[char] = &[
    '\u{80}', '\u{85}', '\u{8d}', '\u{90}', '\u{9b}', '\u{9c}', '\u{9d}', '\u{9f}', '\u{61c}',
    '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}',
    '\u{2067}', '\u{2068}', '\u{2069}', '\u{2028}', '\u{2029}',
];

#[test]
fn json_export_escapes_what_a_terminal_acts_on_and_keeps_the_text() {
    let text: String = ACTED_ON.iter().map(|c| format!("{c}x")).collect::<String>()
        + "\u{9d}0;title\u{9c} caf\u{e9} \u{4e2d} \u{1f600}";
    let escaped: String = text
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("\\U{:08x}", c as u32)
            }
        })
        .collect();
    let src = format!(
        "title: \"{escaped}\"\ndate: 2017\nsummary: \"{escaped}\"\nevent: {{title: E, date: 2017}}\nactors: [{{id: a, name: \"{escaped}\", aliases: [\"{escaped}\"]}}]\n"
    );
    let b = common::expect_ok(common::load_yaml("acted-on.yaml", &src));
    assert_eq!(b.title.raw(), text);
    let json = brief::export::json(&[&b]).expect("serializes");
    for c in ACTED_ON {
        assert!(!json.contains(*c), "{c:?} raw in the JSON:\n{json}");
        assert!(
            json.contains(&format!("\\u{:04x}", *c as u32)),
            "{c:?} not escaped:\n{json}"
        );
    }
    // Other text stays as it is, and the data read back is exactly the same.
    assert!(json.contains("caf\u{e9} \u{4e2d} \u{1f600}"), "{json}");
    let back: serde_json::Value = serde_json::from_str(&json).unwrap();
    let plain: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&[&b]).unwrap()).unwrap();
    assert_eq!(back, plain);
    assert_eq!(back[0]["title"], text.as_str());
    assert_eq!(back[0]["actors"][0]["aliases"][0], text.as_str());
}

#[test]
fn brief_export_prints_no_raw_c1_or_bidi_control() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = ACTED_ON
        .iter()
        .map(|c| format!("\\U{:08x}", *c as u32))
        .collect();
    std::fs::write(
        dir.path().join("acted-on.yaml"),
        format!("title: \"{text}\"\ndate: 2017\nevent: {{title: E, date: 2017}}\nactors: [{{id: a, name: A}}]\n"),
    )
    .unwrap();
    let out = common::brief(&["export", &dir.path().to_string_lossy()]);
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains(ACTED_ON), "{stdout}");
    let back: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let want: String = ACTED_ON.iter().collect();
    assert_eq!(back[0]["title"], want.as_str());
}
