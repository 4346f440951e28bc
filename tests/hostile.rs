//! Input made to hurt: a loader that fails on one file, files that are not regular
//! files, folders that cannot be read, text that JSON passes on, aliases that would
//! join every actor. Each gives a clear message for that one thing, and the rest loads.

mod common;
mod ui_common;

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

/// A folder with one good briefing and every kind of path that is not one: a FIFO, a
/// socket, links that lead nowhere, loop, or lead to a FIFO, a device or a folder.
fn special_folder() -> (tempfile::TempDir, std::os::unix::net::UnixListener) {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("good.yaml"), common::MINIMAL).unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/later.yaml"), common::MINIMAL).unwrap();
    let fifo = std::ffi::CString::new(root.join("pipe.yaml").to_str().unwrap()).unwrap();
    // SAFETY: mkfifo(3) with a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let socket = std::os::unix::net::UnixListener::bind(root.join("socket.yaml")).unwrap();
    symlink("nowhere.yaml", root.join("dangling.yaml")).unwrap();
    symlink("loop-b.yaml", root.join("loop-a.yaml")).unwrap();
    symlink("loop-a.yaml", root.join("loop-b.yaml")).unwrap();
    symlink("../pipe.yaml", root.join("sub/to-pipe.yaml")).unwrap();
    symlink("/dev/zero", root.join("device.yaml")).unwrap();
    symlink("sub", root.join("folder-link")).unwrap();
    (dir, socket)
}

#[test]
fn fifos_sockets_and_devices_are_refused_without_waiting_and_links_warned_about() {
    let (dir, _socket) = special_folder();
    let root = dir.path().to_str().unwrap();
    let pipe = format!("{root}/pipe.yaml");
    // The FIFO also named on its own, and a device: neither may be opened.
    let out = common::brief_within_deadline(&["check", root, &pipe, "/dev/zero"]);
    let stdout = common::stdout(&out);
    let stderr = common::stderr(&out);
    assert_eq!(common::status(&out), 1, "{stdout}{stderr}");
    let errors: Vec<&str> = stdout.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors,
        [
            format!("{root}/pipe.yaml:1:1: error: not a regular file but a named pipe (FIFO); only briefing files and folders of them are read"),
            format!("{root}/socket.yaml:1:1: error: not a regular file but a socket; only briefing files and folders of them are read"),
            "/dev/zero:1:1: error: not a regular file but a device; only briefing files and folders of them are read".to_string(),
        ],
        "{stdout}"
    );
    assert!(
        stdout.ends_with("5 briefings checked, 3 with errors\n"),
        "{stdout}"
    );
    let warnings: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        warnings,
        [
            format!(
                "{root}/dangling.yaml:1:1: warning: a link that leads nowhere (what it points to does not exist); skipped"
            ),
            format!(
                "{root}/device.yaml:1:1: warning: a link to a device, not to a regular file; skipped"
            ),
            format!(
                "{root}/folder-link:1:1: warning: a link to a folder, not followed; name the folder itself to read it"
            ),
            format!(
                "{root}/loop-a.yaml:1:1: warning: a link that loops (it leads back to itself through other links); skipped"
            ),
            format!(
                "{root}/loop-b.yaml:1:1: warning: a link that loops (it leads back to itself through other links); skipped"
            ),
            format!(
                "{root}/sub/to-pipe.yaml:1:1: warning: a link to a named pipe (FIFO), not to a regular file; skipped"
            ),
        ],
        "{stderr}"
    );

    // Export goes on with what loads, and says the same.
    let out = common::brief_within_deadline(&["export", root, &pipe]);
    assert_eq!(common::status(&out), 1);
    let exported: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(exported.as_array().map(Vec::len), Some(2));
    assert!(common::stderr(&out).contains("pipe.yaml:1:1: error: not a regular file"));

    // Loading a FIFO directly refuses it too.
    let diags = common::expect_err(load::load_file(Path::new(&pipe), &Default::default()));
    assert!(
        diags[0]
            .message
            .starts_with("not a regular file but a named pipe")
    );
}

/// Builds `depth` nested folders of long names below `root` (with `*at` calls, since
/// the whole path is longer than the system takes) and puts a briefing at the bottom.
fn nest_too_deep(root: &Path, depth: usize) {
    use std::ffi::CString;
    let name = CString::new("n".repeat(250)).unwrap();
    let root = CString::new(root.to_str().unwrap()).unwrap();
    // SAFETY: plain openat/mkdirat/close calls on descriptors opened here, with
    // NUL-terminated names; every return value is checked.
    unsafe {
        let mut fd = libc::open(root.as_ptr(), libc::O_DIRECTORY | libc::O_RDONLY);
        assert!(fd >= 0);
        for _ in 0..depth {
            assert_eq!(libc::mkdirat(fd, name.as_ptr(), 0o755), 0);
            let next = libc::openat(fd, name.as_ptr(), libc::O_DIRECTORY | libc::O_RDONLY);
            assert!(next >= 0);
            libc::close(fd);
            fd = next;
        }
        let file = CString::new("deep.yaml").unwrap();
        let f = libc::openat(fd, file.as_ptr(), libc::O_CREAT | libc::O_WRONLY, 0o644);
        assert!(f >= 0);
        let text = common::MINIMAL.as_bytes();
        assert_eq!(
            libc::write(f, text.as_ptr().cast(), text.len()),
            text.len() as isize
        );
        libc::close(f);
        libc::close(fd);
    }
}

#[test]
fn a_path_too_long_for_the_system_is_an_error_for_that_path_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("good.yaml"), common::MINIMAL).unwrap();
    nest_too_deep(root, 20);
    let out = common::brief_within_deadline(&["check", root.to_str().unwrap()]);
    let stdout = common::stdout(&out);
    assert_eq!(common::status(&out), 1, "{stdout}{}", common::stderr(&out));
    let errors: Vec<&str> = stdout.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 1, "{stdout}");
    assert!(
        errors[0]
            .contains(": error: cannot read the folder: the path is too long for the system ("),
        "{stdout}"
    );
    assert!(
        errors[0].ends_with("bytes); the other folders are read"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("2 briefings checked, 1 with errors\n"),
        "{stdout}"
    );
}

#[test]
fn an_unreadable_folder_is_an_error_for_that_folder_alone() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid(2) has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        // Permissions do not stop root; the too-long path above fails the same way.
        eprintln!("skipped: running as root, every folder is readable");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("good.yaml"), common::MINIMAL).unwrap();
    std::fs::create_dir(root.join("locked")).unwrap();
    std::fs::write(root.join("locked/hidden.yaml"), common::MINIMAL).unwrap();
    std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = common::brief_within_deadline(&["check", root.to_str().unwrap()]);
    std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let stdout = common::stdout(&out);
    assert!(
        stdout.contains("/locked:1:1: error: cannot read the folder: permission denied; the other folders are read"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("2 briefings checked, 1 with errors\n"),
        "{stdout}"
    );
}

/// The bundled briefings and `extra` (name, YAML) files, as the reader groups them.
fn bundled_with(extra: &[(&str, &str)]) -> brief::library::Library {
    let mut briefings: Vec<brief::model::Briefing> = std::fs::read_dir("briefings")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| common::expect_ok(load::load_file(&p, &Default::default())))
        .collect();
    briefings.sort_by(|a, b| a.path.cmp(&b.path));
    for (name, src) in extra {
        briefings.push(common::expect_ok(common::load_yaml(name, src)));
    }
    brief::library::Library::new(briefings, Vec::new())
}

const EVERYONE: &str = "title: Everyone is one
date: 2018
event: {title: E, date: 2018}
actors:
  - id: everyone
    name: Everyone
    aliases: [Canada, United States, United Kingdom, North Korea, Tom Bossert, Microsoft]
";

#[test]
fn an_actor_whose_aliases_name_several_actors_joins_none_of_them() {
    let lib = bundled_with(&[("everyone.yaml", EVERYONE)]);
    let canada = lib.find_actors("Canada");
    assert_eq!(canada.len(), 1, "{canada:?}");
    let actor = &lib.actors[canada[0]];
    assert_eq!(actor.name, "Canada");
    assert_eq!(actor.briefing_count(), 1, "{actor:?}");
    assert!(!actor.aliases.iter().any(|a| a == "Everyone"), "{actor:?}");
    let us = lib.find_actors("United States");
    assert_eq!(lib.actors[us[0]].name, "United States");
    assert_ne!(us, canada);
    // The file, the aliases and the actors they would have joined are named.
    let warnings: Vec<String> = lib.all_warnings().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = &warnings[0];
    assert!(w.starts_with("everyone.yaml:1:1: warning: "), "{w}");
    for words in [
        // Six aliases, all listed, and no "and 0 more".
        "the aliases `Canada`, `United States`, `United Kingdom`, `North Korea`, `Tom Bossert`, `Microsoft` of actor `Everyone` name",
        "name 6 actors that are otherwise distinct",
        "(Canada; United States; United Kingdom; North Korea; Tom Bossert; Microsoft)",
    ] {
        assert!(w.contains(words), "no {words} in {w}");
    }

    // As the reader shows it: --actor Canada picks Canada, in its one briefing.
    let mut app = brief::app::App::new(lib);
    app.select_actors_by_name(&["Canada".to_string()]);
    assert_eq!(app.shown().briefings.len(), 1);
    let line = brief::ui::status_line(&brief::ui::Drawing::builtin(&app), 300);
    let summary: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    assert!(
        summary.starts_with("Actor: Canada \u{b7} F clears \u{b7} 1/5 briefings"),
        "{summary}"
    );
}

/// Actors named alike in two files are one actor, so their aliases count together: one
/// alias each, naming two actors, is refused as one alias naming both would be, and the
/// warning says so. A refused alias is no name of the actor: part of it, as `--actor`
/// takes it, picks only the actor that goes by it.
#[test]
fn aliases_of_actors_named_alike_are_refused_together_and_name_nothing() {
    let a = "title: A\ndate: 2018\nevent: {title: E, date: 2018}\n\
             actors: [{id: e, name: Everyone, aliases: [Canada]}]\n";
    let b = "title: B\ndate: 2018\nevent: {title: E, date: 2018}\n\
             actors: [{id: e, name: everyone., aliases: [United States]}]\n";
    let lib = bundled_with(&[("a.yaml", a), ("b.yaml", b)]);
    let warnings: Vec<String> = lib.all_warnings().map(|d| d.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "a.yaml:1:1: warning: the aliases `Canada`, `United States` of actor `Everyone` and of the actors named like it name 2 actors that are otherwise distinct (Canada; United States); an alias should be another name of this actor only, so they join nothing"
        ]
    );
    let names = |query: &str| -> Vec<String> {
        lib.find_actors(query)
            .into_iter()
            .map(|i| lib.actors[i].name.clone())
            .collect()
    };
    assert_eq!(names("canad"), ["Canada"]);
    assert_eq!(names("united stat"), ["United States"]);
    assert_eq!(names("everyone"), ["Everyone"]);
}

#[test]
fn an_alias_never_joins_two_actors_of_one_briefing() {
    // Canada and the United States are two actors of the WannaCry briefing: an alias
    // elsewhere cannot make them one, nor can two actors of one file sharing an alias.
    let sly = "title: Sly
date: 2018
event: {title: E, date: 2018}
actors:
  - id: canada
    name: Canada
    aliases: [United States]
  - id: one
    name: Zed One
    aliases: [Shared]
  - id: two
    name: Zed Two
    aliases: [Shared]
";
    let lib = bundled_with(&[("sly.yaml", sly)]);
    let canada = lib.find_actors("Canada");
    let us = lib.find_actors("United States");
    assert_eq!((canada.len(), us.len()), (1, 1));
    assert_ne!(canada, us);
    assert_eq!(lib.actors[canada[0]].briefing_count(), 2);
    assert_ne!(lib.find_actors("Zed One"), lib.find_actors("Zed Two"));
    let warnings: Vec<String> = lib.all_warnings().map(|d| d.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "sly.yaml:1:1: warning: the alias `United States` would join actors that are different actors of one briefing (Canada; United States); it joins none of them",
            "sly.yaml:1:1: warning: the alias `Shared` would join actors that are different actors of one briefing (Zed Two; Zed One); it joins none of them",
        ]
    );
}

#[test]
fn aliases_still_join_the_names_of_one_actor() {
    // The usual case stays as the format describes it: "Kingdom of Eskeland" with the
    // alias "Eskeland" is the "Eskeland" of another briefing.
    let lib = bundled_with(&[]);
    assert_eq!(lib.all_warnings().count(), 0);
    let eskeland = lib.find_actors("Eskeland");
    assert_eq!(eskeland.len(), 1);
    assert!(lib.actors[eskeland[0]].briefing_count() >= 2);
    assert_eq!(lib.find_actors("Kingdom of Eskeland"), eskeland);
}

#[test]
fn check_warns_about_an_alias_that_would_join_several_actors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("everyone.yaml"), EVERYONE).unwrap();
    let root = dir.path().to_str().unwrap();
    let out = common::brief(&["check", "briefings/", root]);
    assert_eq!(common::status(&out), 0, "{out:?}");
    let stderr = common::stderr(&out);
    assert!(
        stderr.contains(&format!(
            "{root}/everyone.yaml:1:1: warning: the aliases `Canada`, `United States`"
        )),
        "{stderr}"
    );
    assert!(common::stdout(&out).ends_with("5 briefings checked, 0 with errors\n"));
}

#[test]
fn fullwidth_and_other_compatibility_forms_name_the_same_actor() {
    let one = "title: One\ndate: 2018\nevent: {title: E, date: 2018}\nactors: [{id: acme, name: \"\u{ff21}\u{ff23}\u{ff2d}\u{ff25} Corp\"}]\n";
    let two = "title: Two\ndate: 2018\nevent: {title: E, date: 2018}\nactors: [{id: acme, name: ACME Corp}]\n";
    let lib = brief::library::Library::new(
        vec![
            common::expect_ok(common::load_yaml("one.yaml", one)),
            common::expect_ok(common::load_yaml("two.yaml", two)),
        ],
        Vec::new(),
    );
    assert_eq!(lib.actors.len(), 1, "{:?}", lib.actors);
    assert_eq!(lib.actors[0].briefing_count(), 2);
    assert_eq!(lib.find_actors("acme corp"), [0]);
    assert_eq!(lib.find_actors("\u{ff41}\u{ff43}\u{ff4d}\u{ff45}"), [0]);
}

#[test]
fn the_actor_picker_counts_briefings_not_appearances() {
    // One briefing names the same actor twice (as two ids); the picker says 1 briefing.
    let twice = "title: Twice\ndate: 2018\nevent: {title: E, date: 2018}\nactors:\n  - {id: a, name: Veloria}\n  - {id: b, name: VELORIA}\n";
    let other = "title: Other\ndate: 2018\nevent: {title: E, date: 2018}\nactors: [{id: x, name: Someone}]\n";
    let lib = brief::library::Library::new(
        vec![
            common::expect_ok(common::load_yaml("twice.yaml", twice)),
            common::expect_ok(common::load_yaml("other.yaml", other)),
        ],
        Vec::new(),
    );
    let mut app = brief::app::App::new(lib);
    app.update(brief::app::Action::ActorPicker);
    let Some(brief::app::Overlay::Picker(p)) = &app.overlay() else {
        panic!("no picker");
    };
    let veloria = p
        .choices
        .iter()
        .find(|c| c.0 == "Veloria")
        .expect("Veloria");
    assert!(
        veloria.1.starts_with("1 briefing \u{b7} aka VELORIA"),
        "{veloria:?}"
    );
}

/// The Overview draws only the lines in view, and they are the right ones wherever it
/// is scrolled to, in a text long enough to be kept wrapped.
#[test]
fn a_long_summary_shows_the_lines_scrolled_to() {
    let lines: Vec<String> = (0..10_000).map(|i| format!("line {i}")).collect();
    let src = format!(
        "title: Numbered\ndate: 2017\nsummary: \"{}\"\nevent: {{title: E, date: 2017}}\nactors: [{{id: a, name: A}}]\n",
        lines.join("\\n")
    );
    let b = common::expect_ok(common::load_yaml("numbered.yaml", &src));
    let mut app = brief::app::App::new(brief::library::Library::new(vec![b], Vec::new()));
    app.update(brief::app::Action::Resize {
        width: 100,
        height: 30,
    });
    app.update(brief::app::Action::Focus(1));
    // A frame is drawn before any key, as in the terminal: moving reads its geometry.
    ui_common::draw(&mut app, 100, 30);
    // Title, date and a blank line come before the summary's first line.
    for _ in 0..5_000 {
        app.update(brief::app::Action::Down);
    }
    let screen = ui_common::screen_text(&ui_common::draw(&mut app, 100, 30));
    let shown: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split('\u{2503}').nth(1))
        .map(str::trim)
        .filter(|l| l.starts_with("line "))
        .collect();
    assert!(shown.len() > 5, "{screen}");
    let want: Vec<String> = (4_997..4_997 + shown.len())
        .map(|i| format!("line {i}"))
        .collect();
    assert_eq!(shown, want, "{screen}");
    // G puts the Overview's last line at the bottom: the summary's end is above it.
    app.update(brief::app::Action::Last);
    let screen = ui_common::screen_text(&ui_common::draw(&mut app, 100, 30));
    assert!(screen.contains("Event  E"), "{screen}");
    assert!(screen.contains("line 9999"), "{screen}");
    assert!(!screen.contains("line 9980"), "{screen}");
}

/// The one error of a briefing whose `extra` line is added to a valid one.
fn only_error(extra: &str) -> brief::load::Diagnostic {
    let src = format!("{}{extra}", common::MINIMAL);
    let diags = common::expect_err(common::load_yaml("value.yaml", &src));
    assert_eq!(diags.len(), 1, "{:#?}", diags);
    diags.into_iter().next().unwrap()
}

#[test]
fn a_value_quoted_in_a_message_is_cut_short() {
    let huge = "\u{e9}x".repeat(200_000);
    for (extra, words) in [
        (format!("id: \"{huge}\"\n"), "is not a valid id"),
        (format!("? \"{huge}\"\n: 1\n"), "unknown key"),
        (
            format!("sources: [{{id: s, title: S, date: \"2017-{huge}\"}}]\n"),
            "is not a date",
        ),
        (
            format!("sources: [{{id: s, title: S, url: \"{huge}\"}}]\n"),
            "must start with http",
        ),
        (
            format!("timeline: [{{date: 2017, title: T, actors: [\"{huge}\"]}}]\n"),
            "unknown actor",
        ),
        (
            format!("implications: [{{title: T, priority: \"{huge}\"}}]\n"),
            "bad priority",
        ),
    ] {
        let d = only_error(&extra);
        let message = d.to_string();
        let start: String = message.chars().take(300).collect();
        assert!(message.contains(words), "{start}");
        assert!(
            message.chars().count() < 700,
            "{} characters: {start}",
            message.len()
        );
        assert!(message.contains("\u{e9}x\u{e9}x"), "{start}");
        assert!(message.contains("\u{2026}`"), "{start}");
        let shown = d.with_excerpt();
        assert!(shown.chars().count() < 1_200, "{} characters", shown.len());
    }
}

/// The character above the caret `check` draws under an excerpt.
fn under_caret(shown: &str) -> char {
    let lines: Vec<&str> = shown.lines().collect();
    let caret = lines.last().unwrap();
    let source = lines[lines.len() - 2];
    let at = caret.find('^').unwrap();
    // The gutters (` 5 | ` and `   | `) are as wide as each other.
    let mut width = 0;
    for c in source.chars() {
        if width == at {
            return c;
        }
        width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    panic!("the caret is past the line:\n{shown}");
}

#[test]
fn the_caret_points_at_the_column_past_column_200_and_after_wide_or_hidden_text() {
    let long = "y".repeat(400);
    let d = only_error(&format!("tags: [\"{long}\", \"z\", {{bad: 1}}]\n"));
    assert!(d.column > 400, "{d:?}");
    assert_eq!(under_caret(&d.with_excerpt()), '{', "{}", d.with_excerpt());
    // A tab is drawn up to four wide, a zero-width space not at all, a wide letter two.
    let d = only_error("tags: [\"a\tb\u{200b}\u{200b}c\u{4e2d}e\u{301}\", {bad: 1}]\n");
    assert_eq!(under_caret(&d.with_excerpt()), '{', "{}", d.with_excerpt());
}

#[test]
fn a_parser_limit_is_named_in_plain_words() {
    let items = vec!["a"; 1_100_000].join(",");
    let d = only_error(&format!("x-many: [{items}]\n"));
    let m = d.to_string();
    assert!(
        m.contains("more than 1000000 values, keys, lists and mappings"),
        "{m}"
    );
    for internal in ["event", "budget", "Events", "breach"] {
        assert!(!m.contains(internal), "`{internal}` in {m}");
    }
    let bomb = "x-a: &a [x, x, x, x, x, x, x, x, x, x]\nx-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nx-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nx-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nx-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nx-f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
    let m = only_error(bomb).to_string();
    assert!(m.contains("would expand to more than 100000 values"), "{m}");
    assert!(!m.contains("Replay") && !m.contains("budget"), "{m}");
}

#[test]
fn an_empty_item_of_a_list_is_named_alone() {
    let d = only_error("tags: [a, null]\n");
    assert_eq!(
        d.to_string(),
        "value.yaml:9:11: error: item 2 of `tags` in briefing has no value; write a text or remove the item"
    );
    let d = only_error("timeline: [{date: 2017, title: T, actors: [a, ~]}]\n");
    assert!(
        d.message
            .starts_with("item 2 of `actors` in timeline entry has no value"),
        "{d}"
    );
}

#[test]
fn a_name_of_only_invisible_characters_is_an_error() {
    for invisible in [
        "\\u200b\\u200b",
        "\\u202e\\u2066\\u200e",
        "\\U000E0041\\U000E0042",
        " \\ufeff ",
    ] {
        let src = format!(
            "title: T\ndate: 2017\nevent: {{title: E, date: 2017}}\nactors: [{{id: a, name: \"{invisible}\"}}]\n"
        );
        let diags = common::expect_err(common::load_yaml("invisible.yaml", &src));
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert_eq!(
            diags[0].message,
            "`name` in actor has no visible characters; write some text or remove the key"
        );
    }
    // Joiners and marks within letters are fine.
    let src = "title: T\ndate: 2017\nevent: {title: E, date: 2017}\nactors: [{id: a, name: \"e\\u0301\\u200dx\"}]\n";
    common::expect_ok(common::load_yaml("visible.yaml", src));
}

#[test]
fn dates_keep_leap_seconds_and_refuse_what_they_cannot_keep() {
    use brief::date::Date;
    let leap = Date::parse("2016-12-31T23:59:60Z").unwrap();
    assert_eq!(leap.human(), "31 Dec 2016 23:59:60 UTC");
    assert_eq!(leap.to_string(), "2016-12-31T23:59:60Z");
    let same = Date::parse("2016-12-31T18:59:60-05:00").unwrap();
    assert_eq!(same.human(), "31 Dec 2016 18:59:60 -05:00");
    assert!(Date::parse("2016-12-31T23:59:59Z").unwrap() < leap);
    assert!(leap < Date::parse("2017-01-01T00:00:00Z").unwrap());
    for (text, words) in [
        ("2017-05-01T12:34:60Z", "leap second"),
        ("0001-01-01T00:00:00+23:59", "in the year 0 in UTC"),
        ("9999-12-31T23:59:59-23:59", "in the year 10000 in UTC"),
        (
            "2017-12-19 15:30:00Z",
            "write a `T` between the date and the time",
        ),
        (
            "2017-12-19T15:30:00.1234567891Z",
            "10 digits after the seconds' decimal point",
        ),
    ] {
        let e = Date::parse(text).unwrap_err().0;
        assert!(e.starts_with(&format!("`{text}`: ")), "{e}");
        assert!(e.contains(words), "{text}: {e}");
    }
    let nine = Date::parse("2017-12-19T15:30:00.123456789Z").unwrap();
    assert_eq!(nine.to_string(), "2017-12-19T15:30:00.123456789Z");
}
