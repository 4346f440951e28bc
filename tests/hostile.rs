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
