//! What leaves the reader: `y` and `Y` copy the selected item (with its citation, or
//! whole as text), `o` opens its source after a confirmation, `e` exports what is on
//! screen. The reader hands each over as an effect; the bytes the terminal receives
//! for a copy, and the files an export writes, are checked here too.

mod ui_common;

use std::path::Path;

use brief::app::Effect;
use brief::app::{Action, App, Mode, Overlay, Pane};
use brief::keymap::Keymap;
use brief::library::Library;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ui_common::{bundled, draw, press, screen_text, wannacry};

/// The format's example: its source has a web address.
fn with_url() -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/valid/wannacry-attribution.yaml");
    let b = brief::load::load_file(&path, &Default::default()).expect("the fixture loads");
    let mut app = App::new(Library::new(vec![b], Vec::new()));
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app
}

fn copied(app: &mut App) -> String {
    match app.take_effect() {
        Some(Effect::Copy(text)) => text,
        other => panic!("nothing copied: {other:?}, notice {:?}", app.notice()),
    }
}

const FCW: &str = "(FCW, \u{201c}U.S. blames WannaCry on North Korea\u{201d})";

#[test]
fn y_copies_a_quote_with_its_citation() {
    let mut app = wannacry();
    press(&mut app, &[Action::Focus(4), Action::Copy]);
    assert_eq!(
        copied(&mut app),
        format!(
            "\u{201c}After careful investigation, the United States is publicly attributing the \
             massive WannaCry cyberattack to North Korea\u{201d} \u{2014} Tom Bossert, White \
             House homeland security advisor, Dec. 19 press call with reporters, 19 Dec 2017 \
             {FCW}"
        )
    );
    // The status bar says what was copied.
    assert_eq!(
        app.notice(),
        Some(
            "Copied the quote with its citation: \u{201c}After careful investigation, the United \
             States is publicly attributing the massive WannaCry cyberattack to North \
             Korea\u{201d} \u{2014} Tom Bossert, White House homeland security advisor, Dec. 19 \
             press call with reporters, 19 Dec 2017 (FCW, \u{201c}U.S. blames WannaCry on North \
             Korea\u{201d})"
        )
    );
    let t = draw(&mut app, 80, 24);
    assert!(
        screen_text(&t).contains(" Copied the quote with its citation: \u{201c}After careful"),
        "{}",
        screen_text(&t)
    );
}

#[test]
fn a_paraphrase_is_never_put_in_quotation_marks() {
    let mut app = wannacry();
    press(&mut app, &[Action::Focus(4), Action::Down, Action::Down]);
    app.update(Action::Copy);
    let text = copied(&mut app);
    assert_eq!(
        text,
        format!(
            "Paraphrase, not a direct quote: allies like the United Kingdom, Australia, New \
             Zealand, Canada and Japan have seen the U.S. government's analysis \u{2014} Tom \
             Bossert, White House homeland security advisor, Dec. 19 press call with reporters, \
             19 Dec 2017 {FCW}"
        )
    );
    assert!(app.notice().unwrap().starts_with("Copied the paraphrase "));
    // No paraphrase of the briefing is quoted, copied either way.
    let mut app = wannacry();
    app.update(Action::Focus(4));
    let quotes = app.briefing().unwrap().quotes.clone();
    for (row, q) in quotes.iter().enumerate() {
        for action in [Action::Copy, Action::CopyText] {
            app.update(action);
            let text = copied(&mut app);
            let words = text.split(" \u{2014} ").next().unwrap();
            assert_eq!(
                words.starts_with('\u{201c}'),
                !q.paraphrase,
                "row {row}: {text}"
            );
            assert_eq!(words.starts_with("Paraphrase, "), q.paraphrase, "row {row}");
        }
        app.update(Action::Down);
    }
}

#[test]
fn y_copies_entries_and_implications_with_their_citation() {
    let mut app = wannacry();
    press(&mut app, &[Action::Focus(3), Action::Down]);
    app.update(Action::Copy);
    assert_eq!(
        copied(&mut app),
        format!(
            "Dec 2017 (approximate): Facebook and Microsoft move against North Korean cyber \
             activity, Bossert says {FCW}"
        )
    );
    press(&mut app, &[Action::Focus(5), Action::Down, Action::Copy]);
    assert_eq!(
        copied(&mut app),
        "Assessment (priority medium, low confidence): Allies back the attribution, according \
         to Bossert (briefing \u{201c}U.S. blames WannaCry on North Korea\u{201d}, 19 Dec 2017)"
    );
}

#[test]
fn capital_y_copies_the_whole_item_as_text() {
    let mut app = wannacry();
    press(
        &mut app,
        &[Action::Focus(5), Action::Down, Action::CopyText],
    );
    assert_eq!(
        copied(&mut app),
        "Allies back the attribution, according to Bossert (priority medium, low confidence)\n\
         According to Bossert, the United States makes the accusation \"with evidence and with \
         partners\", and allies like the United Kingdom, Australia, New Zealand, Canada and Japan \
         have seen the U.S. government's analysis and \"stand behind the assertion.\" The article \
         reports no word from the allies themselves; if they confirm it, the attribution carries \
         weight beyond Washington.\n\
         Concerns: United States, Tom Bossert, United Kingdom, Australia, New Zealand, Canada, \
         Japan."
    );
    assert!(
        app.notice()
            .unwrap()
            .starts_with("Copied the implication as text: Allies back")
    );
    press(&mut app, &[Action::Focus(4), Action::CopyText]);
    assert_eq!(
        copied(&mut app),
        format!(
            "\u{201c}After careful investigation, the United States is publicly attributing the \
             massive WannaCry cyberattack to North Korea\u{201d} \u{2014} Tom Bossert, White \
             House homeland security advisor, Dec. 19 press call with reporters, 19 Dec 2017 \
             {FCW}\n\
             Source: FCW, \u{201c}U.S. blames WannaCry on North Korea\u{201d}, 19 Dec 2017.\n\
             From the briefing \u{201c}U.S. blames WannaCry on North Korea\u{201d}, 19 Dec 2017."
        )
    );
}

#[test]
fn the_item_open_in_full_or_on_a_full_screen_list_is_the_one_copied() {
    let mut app = wannacry();
    press(&mut app, &[Action::Focus(4), Action::Down, Action::Open]);
    assert_eq!(app.mode(), Mode::Detail);
    app.update(Action::Copy);
    assert!(copied(&mut app).starts_with("\u{201c}We do not make this accusation lightly"));

    let mut app = bundled();
    app.open_dossier_by_name("Jeanette Manfra");
    // The dossier opens on her actor row; move to her timeline entry.
    app.update(Action::Down);
    app.update(Action::Copy);
    assert!(
        copied(&mut app).starts_with("19 Dec 2017 (approximate): DHS says it plans"),
        "{:?}",
        app.notice()
    );
}

#[test]
fn o_asks_before_opening_and_shows_the_whole_address() {
    let mut app = with_url();
    press(&mut app, &[Action::Focus(4), Action::OpenSource]);
    let url = "https://fcw.com/articles/2017/12/19/wannacry-attribution.aspx";
    assert!(matches!(app.overlay(), Some(Overlay::Confirm(u)) if u == url));
    assert_eq!(app.mode(), Mode::Confirm);
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("Open in the browser?"), "{text}");
    assert!(text.contains(url), "{text}");
    assert!(
        app.take_effect().is_none(),
        "nothing is opened before the answer"
    );

    // Any key but yes cancels.
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(
        Keymap::builtin().action(Mode::Confirm, key('x')),
        Some(Action::Back)
    );
    assert_eq!(
        Keymap::builtin().action(Mode::Confirm, key('o')),
        Some(Action::Back)
    );
    assert_eq!(
        Keymap::builtin().action(Mode::Confirm, key('y')),
        Some(Action::Apply)
    );
    assert_eq!(
        Keymap::builtin().action(
            Mode::Confirm,
            KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
        ),
        Some(Action::Apply)
    );
    app.update(Action::Back);
    assert!(app.overlay().is_none());
    assert!(app.take_effect().is_none());
    assert_eq!(app.notice(), Some("Not opened"));

    press(&mut app, &[Action::OpenSource, Action::Apply]);
    assert_eq!(app.take_effect(), Some(Effect::Open(url.to_string())));
}

#[test]
fn o_says_why_when_there_is_nothing_to_open() {
    let mut app = wannacry();
    press(&mut app, &[Action::Focus(4), Action::OpenSource]);
    assert!(app.overlay().is_none() && app.take_effect().is_none());
    assert_eq!(
        app.notice(),
        Some(
            "Its source, FCW, \u{201c}U.S. blames WannaCry on North Korea\u{201d}, gives no web \
             address"
        )
    );
    press(&mut app, &[Action::Focus(5), Action::OpenSource]);
    assert_eq!(
        app.notice(),
        Some("Only a quote, a timeline entry or a briefing names a source")
    );
}

#[test]
fn an_address_too_long_for_the_window_is_not_opened() {
    let mut app = with_url();
    press(&mut app, &[Action::Focus(4), Action::OpenSource]);
    app.update(Action::Resize {
        width: 40,
        height: 6,
    });
    app.update(Action::Apply);
    assert!(app.take_effect().is_none());
    assert_eq!(
        app.notice(),
        Some("Not opened: the window is too small to show the whole address")
    );
}

fn exported(app: &mut App) -> (String, String) {
    match app.take_effect() {
        Some(Effect::Export { stem, markdown }) => (stem, markdown),
        other => panic!("nothing exported: {other:?}, notice {:?}", app.notice()),
    }
}

#[test]
fn e_exports_the_briefing_as_it_is_on_screen() {
    let mut app = wannacry();
    app.update(Action::Export);
    let (stem, md) = exported(&mut app);
    assert_eq!(stem, "wannacry-attribution");
    let b = app.briefing().unwrap();
    assert_eq!(
        md,
        brief::export::markdown(&brief::export::Memo::whole([b]))
    );

    app.select_actors_by_name(&["Jeanette Manfra".into()]);
    app.update(Action::Export);
    let (stem, md) = exported(&mut app);
    assert_eq!(stem, "wannacry-attribution-filtered");
    assert!(md.contains(
        "\n*Filtered view: only what involves Jeanette Manfra. Shown: 1 of 6 timeline entries, 2 \
         of 23 quotes, 1 of 5 implications.*\n"
    ));
    // The same memo as `brief export --actor` makes.
    let lib = app.library().clone();
    let memo = brief::export::select(&lib, &app.filters().actors, &[]);
    let from_cli = brief::export::markdown(&memo).replace(" (1 of 1 briefing)", "");
    assert_eq!(md, from_cli);
}

#[test]
fn e_exports_a_dossier_and_the_library_timeline() {
    let mut app = bundled();
    app.open_dossier_by_name("Tom Bossert");
    app.update(Action::Export);
    let (stem, md) = exported(&mut app);
    assert_eq!(stem, "dossier-Tom Bossert");
    assert!(md.contains("Filtered view: only what involves Tom Bossert (1 of 4 briefings)."));

    let mut app = bundled();
    app.update(Action::LibraryTimeline);
    app.update(Action::Export);
    let (stem, md) = exported(&mut app);
    assert_eq!(stem, "library-timeline");
    assert!(
        md.starts_with("**UNCLASSIFIED / EXERCISE**\n\n# Library timeline\n\n*"),
        "{md}"
    );
    let entries: usize = app
        .library()
        .briefings
        .iter()
        .map(|b| b.timeline.len())
        .sum();
    assert_eq!(
        md.matches("\n| ").count(),
        entries + 1,
        "a header and every entry"
    );

    app.update(Action::Errors);
    app.update(Action::Export);
    assert!(app.take_effect().is_none());
}

#[test]
fn the_keys_are_in_the_one_key_table_and_in_help() {
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    for mode in [Mode::Reader, Mode::Screen, Mode::Detail] {
        assert_eq!(Keymap::builtin().action(mode, key('y')), Some(Action::Copy));
        assert_eq!(
            Keymap::builtin().action(mode, key('Y')),
            Some(Action::CopyText)
        );
        assert_eq!(
            Keymap::builtin().action(mode, key('o')),
            Some(Action::OpenSource)
        );
        assert_eq!(
            Keymap::builtin().action(mode, key('e')),
            Some(Action::Export)
        );
    }
    // While typing, they are letters.
    assert_eq!(
        Keymap::builtin().action(Mode::Search, key('y')),
        Some(Action::Type('y'))
    );
    let mut app = wannacry();
    app.update(Action::Help);
    let help = screen_text(&draw(&mut app, 160, 50));
    for (keys, what) in [
        ("y Y ", "copy the item, cited (y) or whole (Y)"),
        ("o ", "open the item's source (asks first)"),
        ("e ", "export the screen to Markdown"),
    ] {
        let listed = help.lines().any(|l| {
            let row = l.trim_matches(|c: char| c == '\u{2503}' || c == ' ');
            row.starts_with(keys) && row.ends_with(what)
        });
        assert!(listed, "{keys}{what}\n{help}");
    }
    let _ = Pane::Quotes;
}

#[test]
fn the_copy_reaches_the_terminal_as_these_exact_bytes() {
    // OSC 52, clipboard `c`, the text in base64, ended by ST.
    assert_eq!(
        brief::tui::osc52("\u{201c}Hi\u{201d} \u{2014} A"),
        "\u{1b}]52;c;4oCcSGnigJ0g4oCUIEE=\u{1b}\\"
    );
    // What a file could smuggle in is cleaned before it is encoded: the escape and
    // the bell arrive as their pictures, not as controls for the terminal pasted into.
    assert_eq!(
        brief::tui::osc52("a\u{1b}]0;x\u{7}b"),
        format!(
            "\u{1b}]52;c;{}\u{1b}\\",
            "YeKQm10wO3jikIdi" // "a␛]0;x␇b"
        )
    );
}

#[test]
fn an_export_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("memo.md"), "mine").unwrap();
    let first = brief::export::write_new(dir.path(), "memo", "one").unwrap();
    let second = brief::export::write_new(dir.path(), "memo", "two").unwrap();
    assert_eq!(first, dir.path().join("memo-2.md"));
    assert_eq!(second, dir.path().join("memo-3.md"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("memo.md")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
    assert_eq!(std::fs::read_to_string(&second).unwrap(), "two");
    // Nothing else is left behind, no temporary file either.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    // The name is made safe for a file: a dossier of "Tom Bossert".
    let p = brief::export::write_new(dir.path(), "dossier-Tom Bossert", "x").unwrap();
    assert_eq!(p, dir.path().join("dossier-tom-bossert.md"));
}

/// A hidden temporary name already taken (a reader killed half-way through an
/// export) is stepped over; a folder that cannot be written to is said so, with
/// the system's reason.
#[test]
fn an_export_steps_over_a_leftover_temporary_file_and_says_why_it_failed() {
    let dir = tempfile::tempdir().unwrap();
    let leftover = dir
        .path()
        .join(format!(".memo.md.{}-0.tmp", std::process::id()));
    std::fs::write(&leftover, "left over").unwrap();
    let p = brief::export::write_new(dir.path(), "memo", "new").unwrap();
    assert_eq!(p, dir.path().join("memo.md"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    assert_eq!(std::fs::read_to_string(&leftover).unwrap(), "left over");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);

    let gone = dir.path().join("no such folder");
    let e = brief::export::write_new(&gone, "memo", "x").unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::NotFound, "{e}");
}

/// `Y` on an actor copies its card: its other names only when it has some.
#[test]
fn capital_y_on_an_actor_copies_its_other_names() {
    let mut app = wannacry();
    press(&mut app, &[Action::Focus(2), Action::CopyText]);
    let us = copied(&mut app);
    assert_eq!(
        us,
        "United States (country)\nAlso called: U.S., U.S. government."
    );
    // Donald Trump has no other name.
    press(&mut app, &[Action::Down, Action::Down, Action::CopyText]);
    let trump = copied(&mut app);
    assert!(
        trump.starts_with("Donald Trump, President (person)\n"),
        "{trump}"
    );
    assert!(!trump.contains("Also called"), "{trump}");
}

/// `Y` on the briefing copies it whole, exactly as `brief export --format text`
/// prints it.
#[test]
fn capital_y_on_the_briefing_copies_the_text_export() {
    let mut app = wannacry();
    press(&mut app, &[Action::Focus(1), Action::CopyText]);
    let text = copied(&mut app);
    let snap = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/export__export_wannacry_text.snap"
    ))
    .unwrap();
    // The snapshot's body follows its second `---` line.
    let body = snap.splitn(3, "---\n").nth(2).unwrap();
    assert_eq!(text.trim_end(), body.trim_end());
    assert!(
        text.starts_with("UNCLASSIFIED\n\nU.S. blames WannaCry"),
        "{text}"
    );
}

/// The library timeline exported while filtered says what narrowed it; unfiltered,
/// it says nothing of filters.
#[test]
fn the_library_timeline_export_says_when_it_is_filtered() {
    let mut app = bundled();
    app.update(Action::LibraryTimeline);
    app.update(Action::Export);
    let (_, whole) = exported(&mut app);
    let entries: usize = app
        .library()
        .briefings
        .iter()
        .map(|b| b.timeline.len())
        .sum();
    assert!(
        whole.contains(&format!("\n*{entries} entries from 4 briefings.*\n")),
        "{whole}"
    );
    assert!(!whole.contains("Filtered view"), "{whole}");

    let mut app = bundled();
    app.select_actors_by_name(&["Tom Bossert".into()]);
    app.update(Action::LibraryTimeline);
    app.update(Action::Export);
    let (_, narrowed) = exported(&mut app);
    assert!(
        narrowed.contains("\n*Filtered view: only what involves Tom Bossert. "),
        "{narrowed}"
    );
}
