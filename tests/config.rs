//! The configuration file: what it sets, how its keys merge over the built-in table,
//! how each mistake is reported (line, column, what to do), that the reader refuses to
//! start with one, and that help and the hint bar show the keys in force.

mod ui_common;

use std::path::Path;
use std::process::Command;

use brief::app::{Action, Mode};
use brief::config::{self, Config, ThemeName};
use brief::keymap::{Keymap, Scope};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ui_common::{draw_with, screen_text, wannacry};

fn parse(text: &str) -> Result<Config, Vec<config::Problem>> {
    config::parse(Path::new("config.toml"), text)
}

/// Each problem as the reader prints it.
fn problems(text: &str) -> Vec<String> {
    match parse(text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(ps) => ps.iter().map(|p| p.to_string()).collect(),
    }
}

fn press(keys: &Keymap, mode: Mode, code: KeyCode) -> Option<Action> {
    keys.action(mode, KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn the_printed_default_reads_back_as_the_builtin_behaviour() {
    let text = config::default_text();
    let read = parse(&text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(read, Config::default());
    assert_eq!(read.keys, *Keymap::builtin());
    // It names every action of every scope, so it is a full list to edit from.
    for b in Keymap::builtin().bindings() {
        let section = format!("[keys.{}]", b.scope.name());
        let from = text.find(&section).unwrap_or_else(|| panic!("{section}"));
        let to = text[from + 1..]
            .find("\n[")
            .map_or(text.len(), |i| from + 1 + i);
        assert!(
            text[from..to].contains(&format!("\n{} = [", b.name)),
            "{} missing from {section}",
            b.name
        );
    }
}

#[test]
fn an_empty_file_is_the_builtin_behaviour() {
    assert_eq!(parse("").unwrap(), Config::default());
    assert_eq!(parse("# nothing\n\n").unwrap(), Config::default());
}

#[test]
fn keys_merge_over_the_builtin_table() {
    let c = parse(
        "theme = \"high-contrast\"\n\
         mouse = true\n\
         [keys.move]\n\
         down = [\"w\", \"down\"]\n\
         [keys.global]\n\
         help = \"F1\"\n\
         [keys.reader]\n\
         leave = [\"Q\"]\n\
         [keys.picker]\n\
         mark = [\"ctrl-x\"]\n",
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(c.theme, ThemeName::HighContrast);
    assert!(c.mouse);
    let k = &c.keys;
    // Rebound: the new keys do it, the old ones no longer do.
    assert_eq!(
        press(k, Mode::Reader, KeyCode::Char('w')),
        Some(Action::Down)
    );
    assert_eq!(press(k, Mode::Reader, KeyCode::Down), Some(Action::Down));
    assert_eq!(press(k, Mode::Reader, KeyCode::Char('j')), None);
    assert_eq!(
        press(k, Mode::Reader, KeyCode::Char('Q')),
        Some(Action::Leave)
    );
    // `q` no longer leaves from the panes; what it does everywhere else shows through.
    assert_eq!(
        press(k, Mode::Reader, KeyCode::Char('q')),
        Some(Action::Back)
    );
    assert_eq!(press(k, Mode::Reader, KeyCode::F(1)), Some(Action::Help));
    let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
    assert_eq!(k.action(Mode::Picker, ctrl_x), Some(Action::Toggle));
    // Tab marks no more in the picker, now that mark has another key.
    assert_eq!(press(k, Mode::Picker, KeyCode::Tab), None);
    // Untouched: everything else keeps its built-in keys, in every scope.
    assert_eq!(press(k, Mode::Reader, KeyCode::Char('k')), Some(Action::Up));
    assert_eq!(press(k, Mode::Picker, KeyCode::Down), Some(Action::Down));
    for b in Keymap::builtin().bindings() {
        let changed = [
            (Scope::Move, "down"),
            (Scope::Reader, "leave"),
            (Scope::Global, "help"),
            (Scope::Picker, "mark"),
        ];
        if !changed.contains(&(b.scope, b.name)) {
            let now = k
                .bindings()
                .iter()
                .find(|x| x.scope == b.scope && x.name == b.name)
                .unwrap();
            assert_eq!(now.keys, b.keys, "{} in {:?}", b.name, b.scope);
        }
    }
}

#[test]
fn an_action_can_be_left_without_a_key() {
    let c = parse("[keys.browse]\nerrors = []\n").unwrap();
    assert_eq!(press(&c.keys, Mode::Reader, KeyCode::Char('E')), None);
    assert_eq!(c.keys.first_key(Action::Errors, Scope::Browse), None);
    // Its key is then free for another action.
    let c = parse("[keys.browse]\nerrors = []\nlibrary-timeline = [\"E\"]\n").unwrap();
    assert_eq!(
        press(&c.keys, Mode::Reader, KeyCode::Char('E')),
        Some(Action::LibraryTimeline)
    );
}

#[test]
fn a_key_bound_twice_in_one_scope_is_reported_at_its_line() {
    let p = problems("theme = \"default\"\n[keys.browse]\nsearch = [\"/\", \"t\"]\n");
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("config.toml:3:16: error: \u{201c}t\u{201d} is bound to both "),
        "{}",
        p[0]
    );
    assert!(
        p[0].contains("filter-tags ([keys.browse], built in)"),
        "{}",
        p[0]
    );
    assert!(p[0].contains("search ([keys.browse], line 3)"), "{}", p[0]);

    // Two lines of the file: the later one is pointed at, the earlier one named.
    let p = problems("[keys.global]\nhelp = [\"x\"]\nexport = [\"x\"]\n");
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("config.toml:3:11: error:"), "{}", p[0]);
    assert!(p[0].contains("help ([keys.global], line 2)"), "{}", p[0]);
    assert!(p[0].contains("export ([keys.global], line 3)"), "{}", p[0]);
}

#[test]
fn a_key_that_would_hide_another_where_both_apply_is_reported() {
    // `f` in the reader panes would hide the actor filter, which applies there too.
    let p = problems("[keys.reader]\nsort = [\"f\"]\n");
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("config.toml:2:9: error:"), "{}", p[0]);
    assert!(
        p[0].contains("filter-actors ([keys.browse], built in)"),
        "{}",
        p[0]
    );
    // The picker and the reader never apply together: the same key is fine.
    parse("[keys.picker]\nmark = [\"shift-tab\"]\n").unwrap();
    // What the built-in table hides on purpose (the panes' own q) is no mistake,
    // even written out in the file.
    parse("[keys.global]\nback = [\"q\", \"esc\"]\n[keys.reader]\nleave = [\"q\"]\n").unwrap();
}

#[test]
fn malformed_files_are_reported_with_line_and_column() {
    let cases: [(&str, &str); 6] = [
        ("[keys.move]\ndown = [\"j\"\n", "config.toml:2:"),
        ("theme = default\n", "config.toml:1:9:"),
        ("mouse = \"yes\"\n", "config.toml:1:9:"),
        ("[keys.move]\ndown = [\"j\", 5]\n", "config.toml:2:14:"),
        ("[keys.move]\ndown = true\n", "config.toml:2:8:"),
        ("mose = true\n", "config.toml:1:1:"),
    ];
    for (text, at) in cases {
        let p = problems(text);
        assert!(p[0].starts_with(at), "{text:?}: {p:?}");
        assert!(p[0].contains(": error: "), "{p:?}");
    }
    let p = problems("mose = true\n");
    assert!(p[0].contains("unknown setting `mose`"), "{p:?}");
    assert!(p[0].contains("`mouse`"), "{p:?}");
}

#[test]
fn unknown_names_are_reported_each_with_a_way_out() {
    let text = "theme = \"ligth\"\n\
                [keys.move]\n\
                frist = [\"g\"]\n\
                down = [\"j\", \"upp\"]\n\
                sort = [\"s\"]\n\
                [keys.serch]\n\
                apply = [\"enter\"]\n";
    let p = problems(text);
    assert_eq!(p.len(), 5, "{p:#?}");
    assert!(p[0].starts_with("config.toml:1:9: error: there is no theme \u{201c}ligth\u{201d} (did you mean \u{201c}light\u{201d}?); the themes are default, light, high-contrast"), "{}", p[0]);
    assert!(
        p[1].starts_with("config.toml:3:1: error: there is no action \u{201c}frist\u{201d} in [keys.move] (did you mean \u{201c}first\u{201d}?)"),
        "{}",
        p[1]
    );
    assert!(
        p[2].starts_with("config.toml:4:14: error: no key is called \u{201c}upp\u{201d}"),
        "{}",
        p[2]
    );
    assert!(
        p[3].starts_with("config.toml:5:1: error: there is no action \u{201c}sort\u{201d} in [keys.move]; it is in [keys.reader]"),
        "{}",
        p[3]
    );
    assert!(
        p[4].starts_with("config.toml:6:7: error: there is no key section [keys.serch] (did you mean \u{201c}search\u{201d}?)"),
        "{}",
        p[4]
    );
}

#[test]
fn keys_that_could_not_work_are_refused() {
    // A plain character would be typed into the search instead.
    let p = problems("[keys.search]\napply = [\"x\"]\n");
    assert!(p[0].starts_with("config.toml:2:10: error:"), "{p:?}");
    assert!(p[0].contains("typed as text"), "{p:?}");
    // No way out of the reader.
    let p = problems("[keys.global]\nquit = []\n");
    assert!(
        p[0].starts_with("config.toml:2:8: error: quit needs"),
        "{p:?}"
    );
    for bad in ["alt-x", "f13", "ctrl-ctrl-x", ""] {
        let p = problems(&format!("[keys.move]\ndown = [\"{bad}\"]\n"));
        assert!(p[0].starts_with("config.toml:2:9: error:"), "{bad}: {p:?}");
    }
}

#[test]
fn what_the_file_says_is_cleaned_before_it_is_printed() {
    let p = problems("[keys.move]\ndown = [\"\\u001b]0;owned\\u0007x\"]\n");
    assert!(!p[0].contains('\u{1b}') && !p[0].contains('\u{7}'), "{p:?}");
    assert!(p[0].starts_with("config.toml:2:9: error:"), "{p:?}");
}

#[test]
fn help_and_the_hint_bar_show_a_remapped_key() {
    let c =
        parse("[keys.move]\ndown = [\"w\", \"down\"]\n[keys.global]\nhelp = [\"h\"]\n").unwrap();
    let mut app = wannacry();
    let t = draw_with(&mut app, 80, 24, &brief::ui::Theme::DEFAULT, &c.keys);
    let hints = screen_text(&t).lines().last().unwrap().to_string();
    assert!(hints.contains("w/k move"), "{hints}");
    assert!(hints.contains("h help"), "{hints}");
    app.update(Action::Help);
    let t = draw_with(&mut app, 80, 24, &brief::ui::Theme::DEFAULT, &c.keys);
    let screen = screen_text(&t);
    assert!(
        screen
            .lines()
            .any(|l| l.contains(" w ↓ k ↑ ") && l.contains("down / up")),
        "{screen}"
    );
    assert!(screen.contains("w/k scroll"), "{screen}");
    insta::assert_snapshot!("help_remapped_80x24", t.backend());
}

#[test]
fn messages_name_the_key_in_force() {
    let c = parse("[keys.browse]\nsearch = [\"ctrl-f\"]\n").unwrap();
    let mut app = wannacry();
    // `n` with no search says how to start one: with the key bound to search now.
    app.update(Action::NextMatch);
    let t = draw_with(&mut app, 80, 24, &brief::ui::Theme::DEFAULT, &c.keys);
    let screen = screen_text(&t);
    assert!(
        screen.contains("No search: press Ctrl-f to search"),
        "{screen}"
    );
    // A message that quotes what the user typed is shown as it is, braces and all.
    app.update(Action::Search);
    ui_common::type_text(&mut app, "{}zz");
    app.update(Action::Apply);
    app.update(Action::NextMatch);
    let t = draw_with(&mut app, 80, 24, &brief::ui::Theme::DEFAULT, &c.keys);
    let screen = screen_text(&t);
    assert!(
        screen.contains("No match for \u{201c}{}zz\u{201d}"),
        "{screen}"
    );
}

// ---- the real binary ----

fn brief(args: &[&str], config_home: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run brief")
}

#[test]
fn the_reader_does_not_start_with_a_bad_configuration() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("brief");
    std::fs::create_dir(&dir).unwrap();
    let file = dir.join("config.toml");
    std::fs::write(&file, "[keys.move]\ndown = [\"j\"]\nfrist = [\"g\"]\n").unwrap();
    // Found through XDG_CONFIG_HOME, and checked before anything else.
    let out = brief(&["briefings/"], home.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty());
    let first = err.lines().next().unwrap_or("");
    assert_eq!(
        first,
        format!(
            "{}:3:1: error: there is no action \u{201c}frist\u{201d} in [keys.move] (did you mean \u{201c}first\u{201d}?); the actions there are down, up, first, last, page-down, page-up",
            file.display()
        )
    );
    assert!(err.contains("the reader did not start"), "{err}");
    // `brief config` reports the same, with exit status 1.
    let out = brief(&["config"], home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with(first));
    // The file is never written.
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "[keys.move]\ndown = [\"j\"]\nfrist = [\"g\"]\n"
    );
}

#[test]
fn a_configuration_given_must_be_there_and_be_a_file() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("nope.toml");
    let out = brief(&["--config", missing.to_str().unwrap()], home.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "{}: error: cannot be read: no such file",
            missing.display()
        )),
        "{err}"
    );
    // A FIFO is refused without being opened (opening it would wait for a writer).
    let fifo = home.path().join("fifo.toml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo(3) with a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let out = brief(&["config", "--config", fifo.to_str().unwrap()], home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a regular file"));
}

#[test]
fn with_no_file_the_builtin_configuration_applies() {
    let home = tempfile::tempdir().unwrap();
    let out = brief(&["config"], home.path());
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stdout);
    let expected = home.path().join("brief").join("config.toml");
    assert!(
        said.starts_with(&format!("{}: no file;", expected.display())),
        "{said}"
    );
    // Nothing was created.
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
}

#[test]
fn config_default_prints_a_file_the_reader_accepts() {
    let home = tempfile::tempdir().unwrap();
    let out = brief(&["config", "--default"], home.path());
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, config::default_text());
    let dir = home.path().join("brief");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), &text).unwrap();
    let out = brief(&["config"], home.path());
    assert_eq!(out.status.code(), Some(0), "{:?}", out);
    assert!(String::from_utf8_lossy(&out.stdout).ends_with(": valid\n"));
}
