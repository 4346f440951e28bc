//! What is new since you last read, across two runs of the reader: the first visit is
//! a baseline, then a colleague edits a briefing and adds one, and the next run marks
//! exactly what arrived or changed, lists it, goes to it, and forgets it once read.
//! The place you left is where the next run starts.

mod ui_common;

use std::path::{Path, PathBuf};

use brief::app::{Action, App, Pane, Progress};
use brief::library::Item;
use brief::library::lists::{ListKind, ListRow};
use brief::library::news::{Kind, Mark};
use brief::library::{Arrival, Library};
use brief::load::{self, LoadOptions};
use brief::state::{LibraryState, Store};
use ui_common::{draw, press, screen_text};

fn briefing(title: &str, date: &str, quotes: &[&str], detail: &str) -> String {
    let mut s = format!(
        "title: {title}\ndate: {date}\nevent:\n  title: Something happens\n  date: {date}\n\
         actors:\n  - id: ops\n    name: Port operator\n\
         timeline:\n  - date: {date}\n    title: Systems go dark\n"
    );
    s.push_str("quotes:\n");
    for q in quotes {
        s.push_str(&format!(
            "  - actor: ops\n    text: {q}\n    date: {date}\n"
        ));
    }
    s.push_str(&format!(
        "implications:\n  - title: Supply delays\n    detail: {detail}\n"
    ));
    s
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// One run of the reader: the library from the folder and what the store kept.
fn run(dir: &Path, store: &Store) -> App {
    let files = load::discover(&[dir.to_path_buf()]).unwrap();
    let loaded = load::load_all(&files, &LoadOptions::default());
    let lib = Library::new(loaded.into_iter().map(|l| l.unwrap()).collect(), Vec::new());
    let mut app = App::new(lib);
    app.remember(store.load(&key(dir)).unwrap());
    app
}

fn key(dir: &Path) -> Vec<PathBuf> {
    brief::state::library_key(&[dir.to_path_buf()])
}

/// Quits: what the reader keeps goes to the store.
fn quit(app: &App, dir: &Path, store: &Store) {
    let mut kept: LibraryState = app.keepsake().expect("something to keep");
    kept.paths = key(dir);
    store.save(kept).unwrap();
}

struct Setup {
    dir: tempfile::TempDir,
    _state: tempfile::TempDir,
    store: Store,
}

/// A first visit to a folder of two briefings, then a colleague's changes: a quote
/// added to the port briefing, its implication corrected, and a new briefing.
fn after_a_colleagues_changes() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let store = Store::at(state.path().join("brief"));
    write(
        dir.path(),
        "port.yaml",
        &briefing(
            "Port ransomware",
            "2024-03-01",
            &["We are working on it."],
            "A week of delays.",
        ),
    );
    write(
        dir.path(),
        "grid.yaml",
        &briefing("Grid intrusion", "2023-01-10", &["All is well."], "None."),
    );
    let first = run(dir.path(), &store);
    assert_eq!(first.news().totals(), (0, 0), "a first visit is a baseline");
    quit(&first, dir.path(), &store);
    write(
        dir.path(),
        "port.yaml",
        &briefing(
            "Port ransomware",
            "2024-03-01",
            &["We are working on it.", "Systems are back."],
            "Two weeks of delays.",
        ),
    );
    write(
        dir.path(),
        "water.yaml",
        &briefing(
            "Water utility breach",
            "2024-05-20",
            &["Water is safe."],
            "Checks.",
        ),
    );
    Setup {
        dir,
        _state: state,
        store,
    }
}

fn index_of(app: &App, title: &str) -> usize {
    app.library()
        .briefings
        .iter()
        .position(|b| b.title.shown() == title)
        .unwrap()
}

#[test]
fn the_next_run_marks_what_is_new_and_what_changed() {
    let s = after_a_colleagues_changes();
    let mut app = run(s.dir.path(), &s.store);
    let port = index_of(&app, "Port ransomware");
    let water = index_of(&app, "Water utility breach");
    let grid = index_of(&app, "Grid intrusion");
    let news = app.news();
    assert_eq!(news.mark(port, Kind::Quote, 0), Mark::Seen);
    assert_eq!(news.mark(port, Kind::Quote, 1), Mark::New);
    assert!(matches!(
        news.mark(port, Kind::Implication, 0),
        Mark::Changed(_)
    ));
    assert_eq!(news.mark(port, Kind::Entry, 0), Mark::Seen);
    assert!(news.briefing(water).unwrap().new);
    assert!(!news.briefing(grid).unwrap().any());
    // Two in port, three (entry, quote, implication) in the new one.
    assert_eq!(news.totals(), (2, 5));
    // The list marks them with a count; the grid briefing is not marked.
    press(&mut app, &[Action::Focus(0)]);
    let text = screen_text(&draw(&mut app, 120, 40));
    let row = |t: &str| {
        text.lines()
            // The list is the leftmost column.
            .find(|l| l.contains(t) && l.starts_with('\u{2503}'))
            .unwrap()
            .to_string()
    };
    assert!(
        row("Port ransomware").contains("\u{25cf}2 Port ransomware"),
        "{text}"
    );
    assert!(row("Water utility b").contains("\u{25cf}3 Water"), "{text}");
    assert!(!row("Grid intrusion").contains('\u{25cf}'), "{text}");
    assert!(
        text.lines().next().unwrap().contains("\u{25cf}5 new"),
        "{text}"
    );
}

#[test]
fn the_next_run_goes_straight_to_the_newest_and_says_so() {
    let s = after_a_colleagues_changes();
    let app = run(s.dir.path(), &s.store);
    let water = index_of(&app, "Water utility breach");
    // The newest new thing is the new briefing (20 May 2024), its own row first.
    assert_eq!(app.current(), Some(water));
    assert_eq!(app.focus(), Pane::Overview);
    let notice = app.notice().unwrap().to_string();
    assert_eq!(
        notice,
        "New since you last read: 5 items in 2 briefings (u next, W lists them, M marks all read)"
    );
}

#[test]
fn whats_new_lists_everything_newest_first_and_enter_goes_to_it() {
    let s = after_a_colleagues_changes();
    let mut app = run(s.dir.path(), &s.store);
    let port = index_of(&app, "Port ransomware");
    let water = index_of(&app, "Water utility breach");
    press(&mut app, &[Action::WhatsNew]);
    let screen = app.screen().unwrap();
    assert_eq!(screen.kind, ListKind::WhatsNew);
    let items: Vec<Item> = screen
        .rows
        .to_vec()
        .iter()
        .filter_map(|r| match r {
            ListRow::Item(i) => Some(*i),
            _ => None,
        })
        .collect();
    assert_eq!(
        items,
        vec![
            Item::Briefing(water),
            Item::Entry(water, 0),
            Item::Quote(water, 0),
            Item::Implication(water, 0),
            Item::Quote(port, 1),
            Item::Implication(port, 0),
        ]
    );
    // Under a heading for their year, as the library timeline is.
    let rows = screen.rows.to_vec();
    let headings: Vec<&str> = rows
        .iter()
        .filter_map(|r| match r {
            ListRow::Heading(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(headings, ["2024"]);
    assert!(matches!(&rows[0], ListRow::Heading(_)));
    let text = screen_text(&draw(&mut app, 120, 30));
    assert!(
        text.contains("What's new since you last read: 5 items in 2 briefings"),
        "{text}"
    );
    assert!(text.contains("\u{25cf} Port operator"), "{text}");
    assert!(
        text.contains("\u{25cf} Port operator \u{b7} 1 Mar 2024  \u{b7} Port ransomware"),
        "{text}"
    );
    assert!(
        text.contains("\u{25d0}   -  Supply delays  \u{b7} Port ransomware"),
        "{text}"
    );
    assert!(
        text.contains("20 May 2024 Water utility breach  \u{b7} a new briefing"),
        "{text}"
    );
    // Down to the port quote; Enter goes to it in its pane.
    press(
        &mut app,
        &[Action::Down, Action::Down, Action::Down, Action::Down],
    );
    press(&mut app, &[Action::Open]);
    assert!(app.screen().is_none());
    assert_eq!(app.current(), Some(port));
    assert_eq!(app.focus(), Pane::Quotes);
    assert_eq!(app.item_at_cursor(Pane::Quotes), Some(Item::Quote(port, 1)));
}

#[test]
fn a_changed_item_shows_what_it_said_before_and_reading_clears_its_mark() {
    let s = after_a_colleagues_changes();
    let mut app = run(s.dir.path(), &s.store);
    let port = index_of(&app, "Port ransomware");
    // Go to the changed implication with u from the port briefing's start.
    press(&mut app, &[Action::WhatsNew]);
    press(&mut app, &[Action::Last, Action::Open]);
    assert_eq!(
        app.item_at_cursor(Pane::Implications),
        Some(Item::Implication(port, 0))
    );
    press(&mut app, &[Action::Open]);
    let text = screen_text(&draw(&mut app, 100, 30));
    assert!(text.contains("Two weeks of delays."), "{text}");
    // After the item as it is now: what it said before, in order.
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("no `{needle}` in\n{text}"))
    };
    let now = at("Two weeks of delays.");
    let heading = at("\u{25d0} Changed since you last read it. Before, it said:");
    let before = at("A week of delays.");
    assert!(now < heading && heading < before, "{text}");
    // Opened is read; the detail still shows the earlier text while open.
    assert_eq!(app.news().mark(port, Kind::Implication, 0), Mark::Seen);
    assert!(screen_text(&draw(&mut app, 100, 30)).contains("A week of delays."));
    press(&mut app, &[Action::Back]);
    assert_eq!(app.news().totals(), (2, 4));
}

#[test]
fn u_walks_the_new_items_and_m_and_m_mark_read() {
    let s = after_a_colleagues_changes();
    let mut app = run(s.dir.path(), &s.store);
    let port = index_of(&app, "Port ransomware");
    let water = index_of(&app, "Water utility breach");
    let mut seen = Vec::new();
    for _ in 0..5 {
        press(&mut app, &[Action::NextNew]);
        seen.push(app.item_at_cursor(app.focus()).unwrap());
    }
    // In list order (newest briefing first), each briefing's items in pane order.
    assert_eq!(
        seen,
        vec![
            Item::Entry(water, 0),
            Item::Quote(water, 0),
            Item::Implication(water, 0),
            Item::Quote(port, 1),
            Item::Implication(port, 0),
        ]
    );
    // And around.
    press(&mut app, &[Action::NextNew]);
    assert_eq!(app.item_at_cursor(app.focus()), Some(Item::Entry(water, 0)));
    // m: this briefing is read.
    press(&mut app, &[Action::MarkRead]);
    assert!(!app.news().briefing(water).unwrap().any());
    assert_eq!(app.notice(), Some("Marked read: Water utility breach"));
    // M: everything.
    press(&mut app, &[Action::MarkAllRead]);
    assert_eq!(app.news().totals(), (0, 0));
    assert_eq!(app.notice(), Some("Marked read: 2 items"));
    press(&mut app, &[Action::NextNew]);
    assert_eq!(app.notice(), Some("Nothing new since you last read"));
    // Read stays read in the next run.
    quit(&app, s.dir.path(), &s.store);
    let again = run(s.dir.path(), &s.store);
    assert_eq!(again.news().totals(), (0, 0));
}

#[test]
fn resting_on_an_item_reads_it() {
    let s = after_a_colleagues_changes();
    let mut app = run(s.dir.path(), &s.store);
    let port = index_of(&app, "Port ransomware");
    press(
        &mut app,
        &[
            Action::NextNew,
            Action::NextNew,
            Action::NextNew,
            Action::NextNew,
        ],
    );
    assert_eq!(app.item_at_cursor(app.focus()), Some(Item::Quote(port, 1)));
    // A moment is not enough; a second is.
    let rest = brief::app::REST_TICKS as usize;
    for _ in 0..rest - 1 {
        app.update(Action::Tick);
    }
    assert_eq!(app.news().mark(port, Kind::Quote, 1), Mark::New);
    app.update(Action::Tick);
    assert_eq!(app.news().mark(port, Kind::Quote, 1), Mark::Seen);
    // Ticks keep the notice.
    assert!(app.notice().is_some());
    // Only what is rested on: the changed implication is still changed.
    assert!(matches!(
        app.news().mark(port, Kind::Implication, 0),
        Mark::Changed(_)
    ));
}

#[test]
fn the_next_run_returns_to_the_place_left() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let store = Store::at(state.path());
    write(
        dir.path(),
        "port.yaml",
        &briefing(
            "Port ransomware",
            "2024-03-01",
            &["One.", "Two.", "Three."],
            "D.",
        ),
    );
    write(
        dir.path(),
        "grid.yaml",
        &briefing(
            "Grid intrusion",
            "2023-01-10",
            &["Alpha.", "Beta.", "Gamma."],
            "E.",
        ),
    );
    let mut first = run(dir.path(), &store);
    let grid = index_of(&first, "Grid intrusion");
    // The grid briefing is second in the list (newest first).
    press(
        &mut first,
        &[
            Action::Focus(0),
            Action::Down,
            Action::Focus(4),
            Action::Down,
            Action::Down,
        ],
    );
    assert_eq!(
        first.item_at_cursor(Pane::Quotes),
        Some(Item::Quote(grid, 2))
    );
    quit(&first, dir.path(), &store);
    let second = run(dir.path(), &store);
    let grid = index_of(&second, "Grid intrusion");
    assert_eq!(second.current(), Some(grid));
    assert_eq!(second.focus(), Pane::Quotes);
    assert_eq!(
        second.item_at_cursor(Pane::Quotes),
        Some(Item::Quote(grid, 2))
    );
    assert_eq!(second.notice(), None);
}

#[test]
fn a_first_visit_that_ends_before_its_first_load_keeps_nothing() {
    let mut app = App::new(Library::default());
    app.start_loading();
    app.remember(None);
    assert!(app.keepsake().is_none());
}

#[test]
fn where_the_reader_takes_you_is_not_read_until_you_are_there() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let store = Store::at(state.path());
    let port = |quotes: &[&str]| briefing("Port ransomware", "2024-03-01", quotes, "D.");
    write(dir.path(), "port.yaml", &port(&["One."]));
    write(
        dir.path(),
        "grid.yaml",
        &briefing("Grid intrusion", "2023-01-10", &["Alpha."], "E."),
    );
    quit(&run(dir.path(), &store), dir.path(), &store);
    write(dir.path(), "port.yaml", &port(&["One.", "Two."]));
    let mut app = run(dir.path(), &store);
    let b = index_of(&app, "Port ransomware");
    assert_eq!(app.focus(), Pane::Quotes);
    assert_eq!(app.item_at_cursor(Pane::Quotes), Some(Item::Quote(b, 1)));
    let rest = brief::app::REST_TICKS as usize;
    for _ in 0..rest * 3 {
        app.update(Action::Tick);
    }
    assert_eq!(
        app.news().mark(b, Kind::Quote, 1),
        Mark::New,
        "read unattended"
    );
    // Once a key is pressed, resting there reads it.
    press(&mut app, &[Action::Up, Action::Down]);
    for _ in 0..rest {
        app.update(Action::Tick);
    }
    assert_eq!(app.news().mark(b, Kind::Quote, 1), Mark::Seen);
}

#[test]
fn a_dossier_asked_for_stays_open_and_what_is_new_is_only_said() {
    let s = after_a_colleagues_changes();
    let files = load::discover(&[s.dir.path().to_path_buf()]).unwrap();
    let loaded = load::load_all(&files, &LoadOptions::default());
    let lib = Library::new(loaded.into_iter().map(|l| l.unwrap()).collect(), Vec::new());
    let mut app = App::new(lib);
    app.open_dossier_by_name("Port operator");
    app.remember(s.store.load(&key(s.dir.path())).unwrap());
    assert!(matches!(
        app.screen().map(|x| x.kind),
        Some(ListKind::Dossier(_))
    ));
    assert!(
        app.notice()
            .is_some_and(|n| n.starts_with("New since you last read: 5 items")),
        "{:?}",
        app.notice()
    );
}

#[test]
fn an_item_changed_on_disk_while_open_shows_what_it_said_before() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let store = Store::at(state.path().join("brief"));
    let path = dir.path().join("port.yaml");
    let port_text = |detail: &str| {
        briefing(
            "Port ransomware",
            "2024-03-01",
            &["We are working on it."],
            detail,
        )
    };
    write(dir.path(), "port.yaml", &port_text("A week of delays."));
    // A first visit: everything loaded is the baseline, seen.
    let mut app = run(dir.path(), &store);
    let port = index_of(&app, "Port ransomware");
    assert_eq!(app.news().mark(port, Kind::Implication, 0), Mark::Seen);
    // A colleague corrects the implication while the reader is open.
    write(dir.path(), "port.yaml", &port_text("Two weeks of delays."));
    let loaded = load::load_file(&path, &LoadOptions::default());
    app.reload(vec![(path.clone(), loaded)], Vec::new());
    let port = index_of(&app, "Port ransomware");
    assert!(matches!(
        app.news().mark(port, Kind::Implication, 0),
        Mark::Changed(_)
    ));
    assert_eq!(
        app.news().before(app.library(), port, Kind::Implication, 0),
        Some("Supply delays\nA week of delays.")
    );
    // What it said is kept for the next run too.
    quit(&app, dir.path(), &store);
    let app = run(dir.path(), &store);
    assert_eq!(
        app.news().before(app.library(), port, Kind::Implication, 0),
        Some("Supply delays\nA week of delays.")
    );
}

/// One run of the reader as it loads a folder: files through the cache in `cache`,
/// each briefing's fingerprints worked out where it was loaded (or kept in the cache),
/// handed over in two batches, the first while the rest still load.
fn stream(dir: &Path, store: &Store, cache: &Path) -> (App, brief::cache::Stats) {
    let files = load::discover(&[dir.to_path_buf()]).unwrap();
    let cache = brief::cache::Cache::with_build(cache, &[dir.to_path_buf()], "news");
    let mut arrived: Vec<Option<Arrival>> = files.iter().map(|_| None).collect();
    brief::cache::arrive_parallel(
        &files,
        &LoadOptions::default(),
        Some(&cache),
        |i, (a, _)| arrived[i] = Some(a.unwrap()),
    );
    cache.finish();
    let mut first: Vec<Arrival> = arrived.into_iter().map(Option::unwrap).collect();
    let rest = first.split_off(1);
    let total = files.len();
    let mut app = App::new(Library::default());
    app.start_loading();
    app.remember(store.load(&key(dir)).unwrap());
    app.receive_arrivals(first, Vec::new(), Progress { done: 1, total });
    app.receive_arrivals(rest, Vec::new(), Progress { done: total, total });
    (app, cache.stats())
}

/// Every new or changed item, by briefing title, kind, index and mark.
fn news_of(app: &App) -> Vec<(String, Kind, usize, Mark)> {
    let mut out: Vec<_> = app
        .news()
        .items()
        .into_iter()
        .map(|(b, kind, i)| {
            let title = app.library().briefings[b].title.shown().to_string();
            (title, kind, i, app.news().mark(b, kind, i))
        })
        .collect();
    out.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    out
}

/// The reader loads in batches, with fingerprints from the threads that load the
/// files, and on a warm open from the cache: the first visit keeps the same baseline,
/// and the next run marks the same items, as loading everything at once does.
#[test]
fn fingerprints_from_the_loading_threads_and_the_cache_mark_the_same_items() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let store = Store::at(state.path().join("brief"));
    let port =
        |quotes: &[&str], detail: &str| briefing("Port ransomware", "2024-03-01", quotes, detail);
    write(
        dir.path(),
        "port.yaml",
        &port(&["We are working on it."], "A week of delays."),
    );
    write(
        dir.path(),
        "grid.yaml",
        &briefing("Grid intrusion", "2023-01-10", &["All is well."], "None."),
    );
    let (first, stats) = stream(dir.path(), &store, cache.path());
    assert_eq!(stats.written, 2, "the cache is filled");
    assert_eq!(first.news().totals(), (0, 0), "a first visit is a baseline");
    quit(&first, dir.path(), &store);
    write(
        dir.path(),
        "port.yaml",
        &port(
            &["We are working on it.", "Systems are back."],
            "Two weeks of delays.",
        ),
    );
    write(
        dir.path(),
        "water.yaml",
        &briefing(
            "Water utility breach",
            "2024-05-20",
            &["Water is safe."],
            "Checks.",
        ),
    );
    let (next, stats) = stream(dir.path(), &store, cache.path());
    assert_eq!(
        stats.hits, 1,
        "the unchanged grid briefing comes from the cache"
    );
    // Two in port (a new quote, a corrected implication), three in the new one.
    assert_eq!(next.news().totals(), (2, 5));
    let whole = run(dir.path(), &store);
    assert_eq!(news_of(&next), news_of(&whole));
    let grid = index_of(&next, "Grid intrusion");
    assert!(!next.news().briefing(grid).unwrap().any());
}

/// A first visit loaded in batches is a baseline of every item, not only of the
/// briefings: a file changed while the reader is open marks only what changed in it.
#[test]
fn a_first_visit_loaded_in_batches_marks_only_what_changes_while_open() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let store = Store::at(state.path().join("brief"));
    let path = dir.path().join("port.yaml");
    let port =
        |quotes: &[&str], detail: &str| briefing("Port ransomware", "2024-03-01", quotes, detail);
    write(
        dir.path(),
        "port.yaml",
        &port(&["We are working on it."], "A week of delays."),
    );
    write(
        dir.path(),
        "grid.yaml",
        &briefing("Grid intrusion", "2023-01-10", &["All is well."], "None."),
    );
    let (mut app, _) = stream(dir.path(), &store, cache.path());
    assert_eq!(app.news().totals(), (0, 0), "a first visit is a baseline");
    write(
        dir.path(),
        "port.yaml",
        &port(
            &["We are working on it.", "Systems are back."],
            "Two weeks of delays.",
        ),
    );
    let loaded = load::load_file(&path, &LoadOptions::default());
    app.reload(vec![(path.clone(), loaded)], Vec::new());
    let b = index_of(&app, "Port ransomware");
    let news = app.news();
    assert_eq!(news.mark(b, Kind::Entry, 0), Mark::Seen);
    assert_eq!(news.mark(b, Kind::Quote, 0), Mark::Seen);
    assert_eq!(news.mark(b, Kind::Quote, 1), Mark::New);
    assert!(matches!(
        news.mark(b, Kind::Implication, 0),
        Mark::Changed(_)
    ));
    assert_eq!(news.totals(), (1, 2));
}
