//! Live reload, driven through a real folder: files are edited, broken, saved the way
//! editors save them, removed and added by the thousand while the watcher follows, and
//! the reader takes each batch in. Every wait is bounded by a generous deadline.
#![cfg(unix)]

mod ui_common;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use brief::app::{Action, App, Pane};
use brief::library::Library;
use brief::load::{self, LoadOptions};
use brief::watch::{self, Batch};
use ui_common::{draw, press, screen_text};

/// How long a test waits for the watcher before it fails: the machine may be busy.
const DEADLINE: Duration = Duration::from_secs(30);

/// A briefing with the quotes and the implication detail given.
pub fn briefing(title: &str, quotes: &[&str], detail: &str) -> String {
    let mut s = format!(
        "title: {title}\ndate: 2024-03-01\nevent:\n  title: Ransomware hits the port\n  date: 2024-03-01\n\
         actors:\n  - id: ops\n    name: Port operator\n\
         timeline:\n  - date: 2024-03-01\n    title: Systems go dark\n  - date: 2024-03-02\n    title: Ships wait offshore\n"
    );
    if !quotes.is_empty() {
        s.push_str("quotes:\n");
        for q in quotes {
            s.push_str(&format!("  - actor: ops\n    text: {q}\n"));
        }
    }
    s.push_str(&format!(
        "implications:\n  - title: Supply delays\n    detail: {detail}\n"
    ));
    s
}

const QUOTES: [&str; 3] = [
    "We are working to restore systems.",
    "No data was taken.",
    "Ships will be rerouted.",
];

/// A folder with two briefings, `port.yaml` and `grid.yaml`.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("port.yaml"),
        briefing("Port ransomware", &QUOTES, "A week of delays."),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("grid.yaml"),
        briefing("Grid intrusion", &[], "Outages possible."),
    )
    .unwrap();
    dir
}

/// The library as the reader loads it from the folder (paths named the same way).
fn load_folder(dir: &Path) -> Library {
    let files = load::discover(&[dir.to_path_buf()]).unwrap();
    let loaded = load::load_all(&files, &LoadOptions::default());
    Library::new(loaded.into_iter().map(|l| l.unwrap()).collect(), Vec::new())
}

/// Each file of the folder with its stamp now (nothing changes them meanwhile here).
fn stamps(dir: &Path) -> watch::Stamps {
    load::discover(&[dir.to_path_buf()])
        .unwrap()
        .into_iter()
        .map(|p| {
            let s = load::Stamp::now(&p).unwrap();
            (p, s)
        })
        .collect()
}

/// The reader on the folder, followed from once it is loaded, as the reader does.
fn open(dir: &Path) -> (App, Receiver<Batch>) {
    let (follow, first_read) = std::sync::mpsc::channel();
    let following =
        watch::start(vec![dir.to_path_buf()], LoadOptions::default(), first_read).unwrap();
    let stamps = stamps(dir);
    let app = App::new(load_folder(dir));
    follow.send(stamps).unwrap();
    // Nothing changed since the reading: the first look finds nothing to hand over.
    following.begun.recv().unwrap();
    assert!(following.batches.try_recv().is_err(), "a batch for nothing");
    (app, following.batches)
}

/// A file written, one added and one removed after the first load read the folder,
/// before the following began, arrive in the first batch.
#[test]
fn what_changed_between_the_reading_and_the_following_arrives_first() {
    let dir = folder();
    let (follow, first_read) = std::sync::mpsc::channel();
    let following = watch::start(
        vec![dir.path().to_path_buf()],
        LoadOptions::default(),
        first_read,
    )
    .unwrap();
    let stamps = stamps(dir.path());
    let mut app = App::new(load_folder(dir.path()));
    std::fs::write(
        dir.path().join("port.yaml"),
        briefing("Port ransomware (updated)", &QUOTES, "A week of delays."),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("new.yaml"),
        briefing("Pipeline outage", &[], "Fuel shortages."),
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("grid.yaml")).unwrap();
    follow.send(stamps).unwrap();
    let batch = following.batches.recv_timeout(DEADLINE).expect("a batch");
    let mut read: Vec<PathBuf> = batch.loaded.iter().map(|(p, _)| p.clone()).collect();
    read.sort();
    assert_eq!(
        read,
        vec![dir.path().join("new.yaml"), dir.path().join("port.yaml")]
    );
    assert_eq!(batch.removed, vec![dir.path().join("grid.yaml")]);
    app.reload(batch.loaded, batch.removed);
    let mut titles: Vec<String> = app
        .library()
        .briefings
        .iter()
        .map(|b| b.title.shown().to_string())
        .collect();
    titles.sort();
    assert_eq!(titles, ["Pipeline outage", "Port ransomware (updated)"]);
}

/// Takes batches in until `done` holds.
fn follow(app: &mut App, changes: &Receiver<Batch>, what: &str, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(app) {
        let left = DEADLINE.saturating_sub(start.elapsed());
        match changes.recv_timeout(left) {
            Ok(batch) => app.reload(batch.loaded, batch.removed),
            Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}"),
            Err(RecvTimeoutError::Disconnected) => panic!("the watcher stopped"),
        }
    }
}

fn index_of(app: &App, title: &str) -> usize {
    app.library()
        .briefings
        .iter()
        .position(|b| b.title.shown() == title)
        .unwrap_or_else(|| panic!("no briefing `{title}`"))
}

/// Shows `title` with the Quotes pane on `row`.
fn go_to_quote(app: &mut App, title: &str, row: usize) {
    let b = index_of(app, title);
    let list_row = app.shown().briefings.iter().position(|&x| x == b).unwrap();
    press(app, &[Action::Focus(0), Action::First]);
    for _ in 0..list_row {
        app.update(Action::Down);
    }
    press(app, &[Action::Focus(4), Action::First]);
    for _ in 0..row {
        app.update(Action::Down);
    }
}

fn selected_quote(app: &App) -> String {
    let b = app.current().unwrap();
    match app.item_at_cursor(Pane::Quotes) {
        Some(brief::library::Item::Quote(qb, i)) if qb == b => app.library().briefings[b].quotes[i]
            .text
            .shown()
            .to_string(),
        other => panic!("not on a quote: {other:?}"),
    }
}

#[test]
fn an_edit_is_reloaded_and_the_reader_stays_on_its_item() {
    let dir = folder();
    let (mut app, changes) = open(dir.path());
    go_to_quote(&mut app, "Port ransomware", 1);
    assert_eq!(selected_quote(&app), "No data was taken.");
    // A quote added before the one selected, and the title corrected.
    std::fs::write(
        dir.path().join("port.yaml"),
        briefing(
            "Port ransomware (updated)",
            &[QUOTES[0], "A new statement.", QUOTES[1], QUOTES[2]],
            "A week of delays.",
        ),
    )
    .unwrap();
    follow(&mut app, &changes, "the edit", |a| {
        a.briefing()
            .is_some_and(|b| b.title.shown() == "Port ransomware (updated)")
    });
    assert_eq!(app.focus(), Pane::Quotes);
    assert_eq!(
        selected_quote(&app),
        "No data was taken.",
        "the selection moved"
    );
    assert_eq!(app.briefing().unwrap().quotes.len(), 4);
    assert_eq!(app.notice(), Some("Reloaded port.yaml"));
    // The new quote is marked as new where it stands.
    let text = screen_text(&draw(&mut app, 120, 40));
    // A quote takes two lines: who said it, marked, then the words.
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("A new statement."))
        .expect("the new quote is shown");
    assert!(
        lines[at - 1].contains("\u{25cf} Port operator"),
        "not marked new: {}",
        lines[at - 1]
    );
    assert!(
        !lines[at - 3].contains('\u{25cf}'),
        "the quote before is marked: {}",
        lines[at - 3]
    );
    assert!(text.contains("Quotes 4 \u{25cf}1"), "{text}");
}

#[test]
fn an_invalid_edit_keeps_the_last_good_version_until_the_file_is_valid_again() {
    let dir = folder();
    let (mut app, changes) = open(dir.path());
    go_to_quote(&mut app, "Port ransomware", 2);
    let port = dir.path().join("port.yaml");
    let good = std::fs::read_to_string(&port).unwrap();
    // Half-written: cut in the middle of a key.
    std::fs::write(&port, &good[..good.find("quotes:").unwrap() + 3]).unwrap();
    follow(&mut app, &changes, "the broken file", |a| {
        !a.library().failed.is_empty()
    });
    let b = index_of(&app, "Port ransomware");
    assert!(app.library().is_stale(b));
    assert_eq!(
        app.library().briefings[b].quotes.len(),
        3,
        "the last good version"
    );
    assert_eq!(selected_quote(&app), "Ships will be rerouted.");
    let notice = app.notice().unwrap().to_string();
    assert!(
        notice.contains("Errors in port.yaml: its last good version stays"),
        "{notice}"
    );
    let text = screen_text(&draw(&mut app, 120, 40));
    // Stale in its title and on its row, with a symbol.
    let title = text.lines().next().unwrap();
    let (stale, name) = (
        title.find("\u{26a0} last good version"),
        title.find("Port ransomware"),
    );
    assert!(stale.is_some() && stale < name, "{text}");
    // The list's row: the mark leads the title.
    assert!(text.contains("\u{26a0} Port ransomware"), "{text}");
    // Its problems are in the Errors view, which says the last good version is shown.
    press(&mut app, &[Action::Errors]);
    let errors = screen_text(&draw(&mut app, 120, 40));
    assert!(errors.contains("port.yaml"), "{errors}");
    assert!(
        errors.contains("its last good version is still shown"),
        "{errors}"
    );
    press(&mut app, &[Action::Back]);
    // Saved whole again: normal.
    std::fs::write(&port, &good).unwrap();
    follow(&mut app, &changes, "the repaired file", |a| {
        a.library().failed.is_empty()
    });
    let b = index_of(&app, "Port ransomware");
    assert!(!app.library().is_stale(b));
    assert_eq!(app.notice(), Some("Loads again: port.yaml"));
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(!text.contains('\u{26a0}'), "{text}");
}

#[test]
fn an_atomic_save_by_rename_is_followed() {
    let dir = folder();
    let (mut app, changes) = open(dir.path());
    go_to_quote(&mut app, "Port ransomware", 0);
    // As editors do: write a temporary file beside it, then rename it over the file.
    let temp = dir.path().join(".port.yaml.swp");
    std::fs::write(
        &temp,
        briefing("Port ransomware", &QUOTES, "Two weeks of delays."),
    )
    .unwrap();
    std::fs::rename(&temp, dir.path().join("port.yaml")).unwrap();
    follow(&mut app, &changes, "the renamed save", |a| {
        a.briefing()
            .and_then(|b| b.implications[0].detail.as_ref())
            .is_some_and(|d| d.shown() == "Two weeks of delays.")
    });
    assert_eq!(
        app.library().briefings.len(),
        2,
        "the temporary file is not a briefing"
    );
    assert!(app.library().failed.is_empty());
    assert_eq!(selected_quote(&app), QUOTES[0]);
}

#[test]
fn truncate_then_write_is_followed_to_the_whole_file() {
    use std::io::Write;
    let dir = folder();
    let (mut app, changes) = open(dir.path());
    let port = dir.path().join("port.yaml");
    let new = briefing("Port ransomware", &QUOTES[..2], "Three days of delays.");
    // As other editors do: empty the file, then write it, in two steps.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&port)
        .unwrap();
    f.flush().unwrap();
    std::thread::sleep(Duration::from_millis(50));
    f.write_all(&new.as_bytes()[..40]).unwrap();
    f.flush().unwrap();
    std::thread::sleep(Duration::from_millis(50));
    f.write_all(&new.as_bytes()[40..]).unwrap();
    drop(f);
    follow(&mut app, &changes, "the rewritten file", |a| {
        let b = index_of(a, "Port ransomware");
        a.library().briefings[b].quotes.len() == 2 && a.library().failed.is_empty()
    });
    let b = index_of(&app, "Port ransomware");
    assert!(!app.library().is_stale(b));
}

#[test]
fn a_removed_file_leaves_with_a_notice() {
    let dir = folder();
    let (mut app, changes) = open(dir.path());
    go_to_quote(&mut app, "Port ransomware", 1);
    std::fs::remove_file(dir.path().join("port.yaml")).unwrap();
    follow(&mut app, &changes, "the removal", |a| {
        a.library().briefings.len() == 1
    });
    let notice = app.notice().unwrap().to_string();
    assert!(
        notice.contains("Removed: port.yaml (Port ransomware)"),
        "{notice}"
    );
    assert!(
        notice.contains("The briefing you were reading was removed"),
        "{notice}"
    );
    assert_eq!(app.briefing().unwrap().title.shown(), "Grid intrusion");
    let text = screen_text(&draw(&mut app, 100, 30));
    let lines: Vec<&str> = text.lines().collect();
    let above_status = lines[..lines.len() - 2].join("\n");
    assert!(!above_status.contains("Port ransomware"), "{text}");
}

#[test]
fn a_burst_of_a_thousand_files_is_one_reload_pass() {
    let dir = folder();
    let (mut app, changes) = open(dir.path());
    go_to_quote(&mut app, "Port ransomware", 2);
    let pulled = dir.path().join("pulled");
    std::fs::create_dir(&pulled).unwrap();
    for i in 0..1000 {
        std::fs::write(
            pulled.join(format!("b{i:04}.yaml")),
            briefing(&format!("Pulled {i}"), &[], "Nothing yet."),
        )
        .unwrap();
    }
    let batch = changes.recv_timeout(DEADLINE).expect("a batch");
    assert_eq!(
        batch.loaded.len(),
        1000,
        "the burst came in more than one pass"
    );
    assert!(batch.loaded.iter().all(|(_, l)| l.is_ok()));
    app.reload(batch.loaded, batch.removed);
    assert_eq!(app.library().briefings.len(), 1002);
    assert_eq!(app.notice(), Some("1000 new files"));
    // The reader is where it was.
    assert_eq!(app.briefing().unwrap().title.shown(), "Port ransomware");
    assert_eq!(selected_quote(&app), QUOTES[2]);
    // New briefings are marked in the list, with how many new items each has.
    press(&mut app, &[Action::Focus(0)]);
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("\u{25cf}3 Pulled"), "{text}");
}

#[test]
fn filters_and_search_stay_through_a_reload() {
    let dir = folder();
    let (mut app, changes) = open(dir.path());
    app.select_actors_by_name(&["Port operator".to_string()]);
    press(&mut app, &[Action::Search]);
    ui_common::type_text(&mut app, "week");
    press(&mut app, &[Action::Apply]);
    let filtered = app.filters().actors.clone();
    assert_eq!(filtered.len(), 1);
    std::fs::write(
        dir.path().join("grid.yaml"),
        briefing("Grid intrusion", &["Power is back."], "Outages possible."),
    )
    .unwrap();
    follow(&mut app, &changes, "the edit", |a| {
        a.notice() == Some("Reloaded grid.yaml")
    });
    assert_eq!(app.filters().actors.len(), 1);
    let a = *app.filters().actors.iter().next().unwrap();
    assert_eq!(app.library().actors[a].name, "Port operator");
    assert_eq!(app.filters().query.text(), "week");
    assert_eq!(app.shown().match_counts.len(), 1);
}

/// The paths the watcher names are the ones the library was loaded with.
#[test]
fn the_watcher_names_files_as_discover_does() {
    let dir = folder();
    let (_app, changes) = open(dir.path());
    std::fs::write(
        dir.path().join("grid.yaml"),
        briefing("Grid intrusion", &["Again."], "Outages possible."),
    )
    .unwrap();
    let batch = changes.recv_timeout(DEADLINE).expect("a batch");
    let paths: Vec<PathBuf> = batch.loaded.into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, vec![dir.path().join("grid.yaml")]);
}

#[test]
fn a_renamed_file_is_the_same_briefing_and_the_reader_follows_it() {
    let dir = folder();
    // A briefing that names its id keeps it under any file name.
    let port = dir.path().join("port.yaml");
    let text = std::fs::read_to_string(&port).unwrap();
    std::fs::write(&port, format!("id: port-ransomware\n{text}")).unwrap();
    let (mut app, changes) = open(dir.path());
    go_to_quote(&mut app, "Port ransomware", 2);
    std::fs::create_dir(dir.path().join("archive")).unwrap();
    std::fs::rename(
        dir.path().join("port.yaml"),
        dir.path().join("archive/port-2024.yaml"),
    )
    .unwrap();
    follow(&mut app, &changes, "the rename", |a| {
        a.briefing()
            .is_some_and(|b| b.path.ends_with("archive/port-2024.yaml"))
    });
    assert_eq!(app.library().briefings.len(), 2);
    assert_eq!(
        app.notice(),
        Some("Renamed: port.yaml \u{2192} port-2024.yaml")
    );
    assert_eq!(app.focus(), Pane::Quotes);
    assert_eq!(selected_quote(&app), QUOTES[2]);
}

/// One file removed and another with a different briefing added in the same batch:
/// a removal and a new file, not a rename (a rename keeps the briefing's id).
#[test]
fn a_file_removed_as_another_arrives_is_no_rename() {
    let dir = folder();
    let mut app = App::new(load_folder(dir.path()));
    let port = app.library().briefings[index_of(&app, "Port ransomware")]
        .path
        .clone();
    let ferry = port.with_file_name("ferry.yaml");
    std::fs::write(
        &ferry,
        briefing("Ferry outage", &[], "Crossings cancelled."),
    )
    .unwrap();
    std::fs::remove_file(&port).unwrap();
    let loaded = load::load_file(&ferry, &LoadOptions::default());
    app.reload(vec![(ferry, loaded)], vec![port]);
    let notice = app.notice().unwrap().to_string();
    assert!(notice.contains("New file: ferry.yaml"), "{notice}");
    assert!(
        notice.contains("Removed: port.yaml (Port ransomware)"),
        "{notice}"
    );
    assert!(!notice.contains("Renamed"), "{notice}");
    assert_eq!(app.library().briefings.len(), 2);
}

/// A batch that changes nothing (a file gone before it was ever read) leaves the
/// status bar as it was: the last notice stays.
#[test]
fn a_batch_that_changes_nothing_keeps_the_last_notice() {
    let dir = folder();
    let mut app = App::new(load_folder(dir.path()));
    let port = app.library().briefings[index_of(&app, "Port ransomware")]
        .path
        .clone();
    std::fs::remove_file(&port).unwrap();
    app.reload(Vec::new(), vec![port.clone()]);
    let said = app.notice().unwrap().to_string();
    assert!(said.contains("Removed: port.yaml"), "{said}");
    app.reload(Vec::new(), vec![port.with_file_name("never-read.yaml")]);
    assert_eq!(app.notice(), Some(said.as_str()));
    let text = screen_text(&draw(&mut app, 100, 30));
    assert!(text.contains("Removed: port.yaml"), "{text}");
}

/// Two files with errors, one of them removed: it leaves the list of files with errors
/// with a notice, and the other stays in it.
#[test]
fn a_removed_file_with_errors_leaves_the_errors_list_and_only_it() {
    let dir = folder();
    let bad = dir.path().join("bad.yaml");
    let worse = dir.path().join("worse.yaml");
    std::fs::write(&bad, "title: [unclosed\n").unwrap();
    std::fs::write(&worse, "title: only a title\n").unwrap();
    let files = load::discover(&[dir.path().to_path_buf()]).unwrap();
    let (mut briefings, mut failed) = (Vec::new(), Vec::new());
    for (path, l) in files
        .iter()
        .zip(load::load_all(&files, &LoadOptions::default()))
    {
        match l {
            Ok(b) => briefings.push(b),
            Err(problems) => failed.push(brief::library::FailedFile {
                path: path.clone(),
                problems,
            }),
        }
    }
    let mut app = App::new(Library::new(briefings, failed));
    let with_errors = |app: &App| -> Vec<String> {
        (app.library().failed.iter())
            .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(with_errors(&app), ["bad.yaml", "worse.yaml"]);
    let bad = files
        .iter()
        .find(|p| p.ends_with("bad.yaml"))
        .unwrap()
        .clone();
    std::fs::remove_file(&bad).unwrap();
    app.reload(Vec::new(), vec![bad]);
    assert_eq!(with_errors(&app), ["worse.yaml"]);
    assert_eq!(app.notice(), Some("Removed: bad.yaml"));
}

/// A file kept at its last good version (it has errors now) and then removed: one
/// removal, named by the briefing's title, and no longer among the files with errors.
#[test]
fn a_removed_file_kept_at_its_last_good_version_is_removed_once() {
    let dir = folder();
    let mut app = App::new(load_folder(dir.path()));
    let port = app.library().briefings[index_of(&app, "Port ransomware")]
        .path
        .clone();
    std::fs::write(&port, "title: [unclosed\n").unwrap();
    let loaded = load::load_file(&port, &LoadOptions::default());
    app.reload(vec![(port.clone(), loaded)], Vec::new());
    assert!(app.notice().unwrap().contains("Errors in port.yaml"));
    assert_eq!(app.library().failed.len(), 1);
    std::fs::remove_file(&port).unwrap();
    app.reload(Vec::new(), vec![port]);
    let notice = app.notice().unwrap();
    assert!(
        notice.starts_with("Removed: port.yaml (Port ransomware)"),
        "{notice}"
    );
    assert!(!notice.contains("files removed"), "{notice}");
    assert!(app.library().failed.is_empty());
    assert_eq!(app.library().briefings.len(), 1);
}
