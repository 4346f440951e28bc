//! Files as they come: byte-order marks, CRLF line ends, other encodings, files
//! that are not briefings at all, files too large, and folders of files.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use brief::load::{self, LoadOptions, PathError};
use common::*;

fn bytes_of(name: &str, bytes: &[u8]) -> load::Loaded {
    load::load_bytes(Path::new(name), bytes)
}

fn crlf(s: &str) -> String {
    s.replace('\n', "\r\n")
}

#[test]
fn a_byte_order_mark_is_fine() {
    let src = format!("\u{feff}{MINIMAL}");
    let b = expect_ok(bytes_of("bom.yaml", src.as_bytes()));
    assert_eq!(b.title.raw(), "T");
}

#[test]
fn a_byte_order_mark_does_not_shift_columns() {
    let src = format!("\u{feff}titel: T\n{}", &MINIMAL["title: T\n".len()..]);
    let diags = expect_err(bytes_of("bom.yaml", src.as_bytes()));
    let all = shown(&diags);
    assert_error(
        &all[0],
        "bom.yaml:1:1: error: ",
        &["unknown key `titel`", "did you mean `title`?"],
    );
}

#[test]
fn crlf_line_ends_are_fine_and_never_reach_the_text() {
    let src = crlf(&format!(
        "{MINIMAL}summary: |\n  line one\n  line two\nquotes:\n  - actor: a\n    text: \"said\n      over two lines\"\n"
    ));
    let b = expect_ok(bytes_of("crlf.yaml", src.as_bytes()));
    assert_eq!(b.summary.as_ref().unwrap().raw(), "line one\nline two\n");
    assert_eq!(b.quotes[0].text.raw(), "said over two lines");
    assert!(!serde_json::to_string(&b).unwrap().contains('\r'));
}

#[test]
fn errors_in_a_crlf_file_have_the_right_line_and_column() {
    let src = crlf(&format!(
        "{MINIMAL}    kidn: person\nquotes:\n  - actor: b\n    text: Q\n"
    ));
    let diags = expect_err(bytes_of("crlf.yaml", src.as_bytes()));
    let all = shown(&diags);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_error(
        &all[0],
        "crlf.yaml:9:5: error: ",
        &["unknown key `kidn` in actor; did you mean `kind`?"],
    );
    assert_error(&all[1], "crlf.yaml:11:12: error: ", &["unknown actor `b`"]);
    // The excerpt shown under the message has no carriage return in it.
    assert_eq!(diags[0].excerpt.as_deref(), Some("    kidn: person"));
}

#[test]
fn bom_and_crlf_together_are_fine() {
    let src = format!("\u{feff}{}", crlf(MINIMAL));
    expect_ok(bytes_of("both.yaml", src.as_bytes()));
}

#[test]
fn not_utf8_names_utf8_with_line_and_column_in_characters() {
    // Two-byte characters before the bad byte count as one column each.
    let mut bytes = MINIMAL.as_bytes().to_vec();
    bytes.extend_from_slice("summary: Ünïcode then ".as_bytes());
    bytes.push(0xff);
    bytes.extend_from_slice(b" end\n");
    let diags = expect_err(bytes_of("latin1.yaml", &bytes));
    assert_one_error(
        &diags,
        "latin1.yaml:9:23: error: ",
        &["not valid UTF-8", "0xff", "save it as UTF-8"],
    );
}

#[test]
fn utf16_says_so() {
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(MINIMAL.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let diags = expect_err(bytes_of("utf16.yaml", &utf16));
    assert_one_error(&diags, "utf16.yaml:1:1: error: ", &["UTF-16", "UTF-8"]);
}

#[test]
fn an_empty_file_says_it_is_empty() {
    for src in ["", "\n\n", "# only a comment\n", "---\n"] {
        let diags = expect_err(bytes_of("empty.yaml", src.as_bytes()));
        let all = shown(&diags);
        assert_eq!(all.len(), 1, "{src:?}: {all:#?}");
        assert!(all[0].starts_with("empty.yaml:"), "{}", all[0]);
        assert!(all[0].contains("the file is empty"), "{src:?}: {}", all[0]);
    }
    let diags = expect_err(bytes_of("empty.yaml", b""));
    assert_one_error(
        &diags,
        "empty.yaml:1:1: error: ",
        &["the file is empty", "`title`"],
    );
}

#[test]
fn a_bare_scalar_is_not_a_briefing() {
    let diags = expect_err(bytes_of("scalar.yaml", b"Just a sentence.\n"));
    assert_one_error(
        &diags,
        "scalar.yaml:1:1: error: ",
        &["a briefing must be a mapping of keys", "found a text"],
    );
}

#[test]
fn a_list_at_top_level_is_not_a_briefing() {
    let diags = expect_err(bytes_of("list.yaml", b"- title: T\n- title: U\n"));
    assert_one_error(
        &diags,
        "list.yaml:1:1: error: ",
        &["a briefing must be a mapping of keys", "found a list"],
    );
}

#[test]
fn a_binary_file_says_it_is_binary() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00";
    let diags = expect_err(bytes_of("image.yaml", png));
    assert_one_error(&diags, "image.yaml:3:1: error: ", &["binary file", "NUL"]);
}

#[test]
fn a_file_over_the_size_limit_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    fs::write(&path, MINIMAL).unwrap();
    let size = MINIMAL.len() as u64;

    let at_limit = LoadOptions {
        max_file_size: size,
    };
    expect_ok(load::load_file(&path, &at_limit));

    let under = LoadOptions {
        max_file_size: size - 1,
    };
    let diags = expect_err(load::load_file(&path, &under));
    assert_one_error(
        &diags,
        &format!("{}:1:1: error: ", path.display()),
        &[
            &format!("the file is {size} bytes"),
            &format!("the limit is {} bytes", size - 1),
            "--max-file-size",
        ],
    );
}

#[test]
fn the_default_size_limit_is_16_mib() {
    assert_eq!(LoadOptions::default().max_file_size, 16 * 1024 * 1024);
    assert_eq!(load::human_size(16 * 1024 * 1024), "16.0 MiB");
}

/// Writes `files` (path relative to `root`, contents) into `root`.
fn write_tree(root: &Path, files: &[&str]) {
    for rel in files {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, MINIMAL).unwrap();
    }
}

fn relative(root: &Path, found: &[PathBuf]) -> Vec<String> {
    found
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

#[test]
fn folders_are_searched_recursively_for_yaml_and_yml_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_tree(
        root,
        &[
            "zeta.yaml",
            "alpha.yml",
            "Mixed.YAML",
            "2017/12/wannacry.yaml",
            "2017/05/notpetya.yml",
            "2017/readme.md",
            "notes.txt",
            "yaml",
            "data.json",
            "backup.yaml~",
            ".hidden.yaml",
            ".git/config.yaml",
            "2017/.drafts/draft.yaml",
        ],
    );
    let found = load::discover(&[root.to_path_buf()]).unwrap();
    assert_eq!(
        relative(root, &found),
        [
            "2017/05/notpetya.yml",
            "2017/12/wannacry.yaml",
            "Mixed.YAML",
            "alpha.yml",
            "zeta.yaml",
        ]
    );
    // The same again: the order does not depend on the file system.
    assert_eq!(load::discover(&[root.to_path_buf()]).unwrap(), found);
}

#[test]
fn files_named_on_the_command_line_are_read_whatever_their_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_tree(root, &["notes.txt", ".hidden.yaml", "a.yaml"]);
    let named = [
        root.join("notes.txt"),
        root.join(".hidden.yaml"),
        root.to_path_buf(),
        root.join("a.yaml"),
    ];
    let found = load::discover(&named).unwrap();
    // Files in the order given, a folder's files where it stands, each file once.
    assert_eq!(
        relative(root, &found),
        ["notes.txt", ".hidden.yaml", "a.yaml"]
    );
}

#[test]
fn a_missing_path_names_the_path() {
    let err = load::discover(&[PathBuf::from("no/such/briefings")]).unwrap_err();
    assert!(matches!(err, PathError::Missing(_)));
    assert_eq!(err.to_string(), "no/such/briefings: no such file or folder");
}

/// A named path that exists but cannot be looked at (here a link that leads to
/// itself) is an error for that path alone: the other paths are still read, and
/// `brief check` says why and checks them.
#[cfg(unix)]
#[test]
fn a_named_path_that_cannot_be_looked_at_is_an_error_for_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("good.yaml"), MINIMAL).unwrap();
    std::os::unix::fs::symlink("loop.yaml", root.join("loop.yaml")).unwrap();
    let found = load::find(&[root.join("loop.yaml"), root.join("good.yaml")]).unwrap();
    assert_eq!(found.files, [root.join("good.yaml")]);
    assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
    let said = found.problems[0].to_string();
    assert!(
        said.contains("loop.yaml:1:1: error: cannot be read: "),
        "{said}"
    );
    let out = brief_in(root, &["check", "loop.yaml", "good.yaml"]);
    let text = stdout(&out);
    assert_eq!(status(&out), 1, "{text}{}", stderr(&out));
    assert_eq!(
        text,
        "loop.yaml:1:1: error: cannot be read: the links on its path loop (they lead \
         back to themselves)\n2 briefings checked, 1 with errors\n"
    );
}

/// A link in a folder that cannot be followed for another reason than a loop or a
/// missing target (here it leads through a file as if it were a folder) is skipped
/// with the system's reason, not called a loop.
#[cfg(unix)]
#[test]
fn a_link_that_cannot_be_followed_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("good.yaml"), MINIMAL).unwrap();
    std::os::unix::fs::symlink("good.yaml/inside.yaml", root.join("through.yaml")).unwrap();
    let found = load::find(&[root.to_path_buf()]).unwrap();
    assert_eq!(found.files, [root.join("good.yaml")]);
    assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
    let said = found.problems[0].to_string();
    assert!(
        said.contains("through.yaml:1:1: warning: cannot follow the link: "),
        "{said}"
    );
    assert!(!said.contains("loops"), "{said}");
}

/// A file gone by the time it is read (removed after the folder was listed) says so
/// in words, not with the system's.
#[test]
fn a_file_gone_before_it_is_read_says_it_no_longer_exists() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone.yaml");
    let problems = load::load_file(&gone, &LoadOptions::default()).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].message,
        "cannot read the file: it no longer exists"
    );
}

#[cfg(unix)]
#[test]
fn links_to_folders_are_not_followed_so_a_loop_cannot_hang() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_tree(root, &["sub/a.yaml"]);
    std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
    // A link to a file is read; a file reached twice is read once.
    let elsewhere = tempfile::tempdir().unwrap();
    write_tree(elsewhere.path(), &["b.yaml"]);
    std::os::unix::fs::symlink(elsewhere.path().join("b.yaml"), root.join("link.yaml")).unwrap();
    std::os::unix::fs::symlink(root.join("sub/a.yaml"), root.join("sub/same.yaml")).unwrap();
    let found = load::discover(&[root.to_path_buf()]).unwrap();
    assert_eq!(relative(root, &found), ["link.yaml", "sub/a.yaml"]);
}

#[test]
fn in_a_library_one_bad_file_never_stops_the_others() {
    let lib = fixture("library");
    let files = load::discover(&[lib]).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["bad.yaml", "good.yaml"]);
    let loaded = load::load_all(&files, &LoadOptions::default());
    let diags = expect_err(loaded[0].clone());
    assert_one_error(
        &diags,
        "tests/fixtures/library/bad.yaml:9:11: error: ",
        &["bad kind `spy`"],
    );
    let good = expect_ok(loaded[1].clone());
    assert_eq!(good.id, "good");
    assert_eq!(good.path, fixture("library/good.yaml"));
}

#[cfg(unix)]
#[test]
fn a_file_named_twice_is_read_once_however_it_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    write_tree(&root, &["a.yaml", "sub/b.yaml", "sub/deeper/c.yaml"]);
    // The same folder through a link, through `..`, a folder inside it and a file.
    std::os::unix::fs::symlink(&root, dir.path().join("also")).unwrap();
    let paths = [
        root.clone(),
        dir.path().join("also"),
        root.join("sub/../sub"),
        root.join("sub"),
        root.join("sub/deeper/c.yaml"),
        dir.path().join("also/a.yaml"),
    ];
    let found = load::discover(&paths).unwrap();
    assert_eq!(
        relative(&root, &found),
        ["a.yaml", "sub/b.yaml", "sub/deeper/c.yaml"]
    );
}

#[test]
fn files_come_in_path_order_with_folders_where_their_names_fall() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let names = [
        "sub.yaml",
        "sub/b.yaml",
        "sub/a/z.yaml",
        "sub-a.yaml",
        "sub a/c.yaml",
        "A.yaml",
        "z/y/x.yaml",
        "z.yaml",
        "é.yaml",
        "m/n/o/p.yaml",
        "m.yml",
    ];
    write_tree(root, &names);
    let found = load::discover(&[root.to_path_buf()]).unwrap();
    let mut sorted = found.clone();
    sorted.sort();
    assert_eq!(found, sorted);
    assert_eq!(
        relative(root, &found),
        [
            "A.yaml",
            "m/n/o/p.yaml",
            "m.yml",
            "sub/a/z.yaml",
            "sub/b.yaml",
            "sub a/c.yaml",
            "sub-a.yaml",
            "sub.yaml",
            "z/y/x.yaml",
            "z.yaml",
            "é.yaml",
        ]
    );
}
