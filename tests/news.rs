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
    let mut first: Vec<Arrival> = arrived.into_iter().map(Option::unwrap).collect();
    let rest = first.split_off(1);
    let total = files.len();
    let mut app = App::new(Library::default());
    app.start_loading();
    app.remember(store.load(&key(dir)).unwrap());
    app.receive_arrivals(first, Vec::new(), Progress { done: 1, total });
    app.receive_arrivals(rest, Vec::new(), Progress { done: total, total });
    let stats = cache.keep_all(app.library());
    (app, stats)
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

/// A briefing whose timeline is `entries` (date, title).
fn timeline_briefing(entries: &[(&str, &str)]) -> String {
    let mut s = String::from(
        "title: Port ransomware\ndate: 2024-03-01\nevent:\n  title: Something happens\n  \
         date: 2024-03-01\nactors:\n  - id: ops\n    name: Port operator\ntimeline:\n",
    );
    for (date, title) in entries {
        s.push_str(&format!("  - date: {date}\n    title: {title}\n"));
    }
    s
}

const FIRST_TIMELINE: [(&str, &str); 2] = [
    ("2024-03-01", "Systems go dark"),
    ("2024-03-02", "Ships wait offshore"),
];
/// The same timeline with an entry added above the others and the last one's date
/// corrected.
const NEXT_TIMELINE: [(&str, &str); 3] = [
    ("2024-02-28", "Early warning"),
    ("2024-03-01", "Systems go dark"),
    ("2024-03-03", "Ships wait offshore"),
];

fn timeline_marks(app: &App) -> Vec<Mark> {
    let port = index_of(app, "Port ransomware");
    (0..3)
        .map(|i| app.news().mark(port, Kind::Entry, i))
        .collect()
}

/// The reader opened on `FIRST_TIMELINE` and quit, then opened again once the file
/// holds `timeline`; the folders live as long as what is returned beside it.
fn reopened_with(timeline: &[(&str, &str)]) -> (App, [tempfile::TempDir; 2]) {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let store = Store::at(state.path().join("brief"));
    write(dir.path(), "port.yaml", &timeline_briefing(&FIRST_TIMELINE));
    let first = run(dir.path(), &store);
    quit(&first, dir.path(), &store);
    write(dir.path(), "port.yaml", &timeline_briefing(timeline));
    (run(dir.path(), &store), [dir, state])
}

/// An entry added above one whose date was corrected: the added one is new, the
/// corrected one changed (found by its title), not the other way round.
#[test]
fn an_entry_added_above_a_corrected_one_is_new_and_the_corrected_one_changed() {
    let (app, _files) = reopened_with(&NEXT_TIMELINE);
    let marks = timeline_marks(&app);
    assert_eq!(marks[0], Mark::New, "{marks:?}");
    assert_eq!(marks[1], Mark::Seen, "{marks:?}");
    assert!(matches!(marks[2], Mark::Changed(_)), "{marks:?}");
}

/// What an earlier build kept in the state file still finds the items after an
/// upgrade: fingerprints (FNV-1a of the item's JSON, and of its title) as written
/// for `FIRST_TIMELINE`, then the same additions and correction as above.
#[test]
fn fingerprints_kept_by_an_earlier_build_still_find_a_corrected_item() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "port.yaml", &timeline_briefing(&NEXT_TIMELINE));
    let files = load::discover(&[dir.path().to_path_buf()]).unwrap();
    let loaded = load::load_all(&files, &LoadOptions::default());
    let lib = Library::new(loaded.into_iter().map(|l| l.unwrap()).collect(), Vec::new());
    let mut app = App::new(lib);
    let kept: LibraryState = serde_json::from_str(KEPT_BY_AN_EARLIER_BUILD).unwrap();
    app.remember(Some(kept));
    let marks = timeline_marks(&app);
    assert_eq!(marks[0], Mark::New, "{marks:?}");
    assert_eq!(marks[1], Mark::Seen, "{marks:?}");
    assert!(matches!(marks[2], Mark::Changed(_)), "{marks:?}");
}

/// The state file's record of `FIRST_TIMELINE` (fingerprints `whole:label`, in hex),
/// as the reader writes it.
const KEPT_BY_AN_EARLIER_BUILD: &str = r#"{"paths": [], "briefings": {"port": {"timeline": [
    "ea68b2d35532742a:6e66fe06", "786b2ff4e1b849df:bf5ec998"]}}}"#;

/// An entry retitled where it stands: changed (found by its row), not new.
#[test]
fn an_entry_retitled_where_it_stands_is_changed() {
    let retitled = [FIRST_TIMELINE[0], ("2024-03-02", "Ships rerouted")];
    let (app, _files) = reopened_with(&retitled);
    let port = index_of(&app, "Port ransomware");
    assert_eq!(app.news().mark(port, Kind::Entry, 0), Mark::Seen);
    assert!(matches!(
        app.news().mark(port, Kind::Entry, 1),
        Mark::Changed(_)
    ));
    assert_eq!(
        app.news().before(app.library(), port, Kind::Entry, 1),
        Some("2 Mar 2024: Ships wait offshore")
    );
}

/// Two entries corrected: reading one leaves the other changed, with what it said
/// before.
#[test]
fn reading_one_corrected_entry_leaves_the_other_as_it_was() {
    let corrected = [
        ("2024-02-29", "Systems go dark"),
        ("2024-03-03", "Ships wait offshore"),
    ];
    let (mut app, _files) = reopened_with(&corrected);
    let port = index_of(&app, "Port ransomware");
    // The reader opens on the newest of them; opening it reads it.
    assert_eq!(
        app.item_at_cursor(Pane::Timeline),
        Some(Item::Entry(port, 1))
    );
    press(&mut app, &[Action::Open]);
    assert_eq!(app.news().mark(port, Kind::Entry, 1), Mark::Seen);
    assert!(matches!(
        app.news().mark(port, Kind::Entry, 0),
        Mark::Changed(_)
    ));
    assert_eq!(
        app.news().before(app.library(), port, Kind::Entry, 0),
        Some("1 Mar 2024: Systems go dark")
    );
}

/// The reader opened on the newest of what is new, no key pressed yet: a newer file
/// that arrives then is announced, and the reader stays where it opened.
#[test]
fn a_file_arriving_before_any_key_leaves_the_reader_where_it_opened() {
    let s = after_a_colleagues_changes();
    let mut app = run(s.dir.path(), &s.store);
    assert_eq!(
        app.briefing().unwrap().title.shown(),
        "Water utility breach"
    );
    let dam = s.dir.path().join("dam.yaml");
    write(
        s.dir.path(),
        "dam.yaml",
        &briefing(
            "Dam sensors spoofed",
            "2024-06-01",
            &["Levels are normal."],
            "Checks.",
        ),
    );
    let loaded = load::load_file(&dam, &LoadOptions::default());
    app.reload(vec![(dam, loaded)], Vec::new());
    assert!(app.notice().unwrap().contains("New file: dam.yaml"));
    assert_eq!(
        app.briefing().unwrap().title.shown(),
        "Water utility breach"
    );
    // And again when another file is saved after it.
    let grid = s.dir.path().join("grid.yaml");
    let loaded = load::load_file(&grid, &LoadOptions::default());
    app.reload(vec![(grid, loaded)], Vec::new());
    assert_eq!(
        app.briefing().unwrap().title.shown(),
        "Water utility breach"
    );
}

/// The reader quit before every file had loaded: what was seen of the briefings not
/// loaded yet is kept for the next run. Once all have loaded, a briefing gone from
/// the library is no longer kept.
#[test]
fn quitting_while_loading_keeps_what_was_seen_of_briefings_not_loaded_yet() {
    let s = after_a_colleagues_changes();
    let port = load::load_file(&s.dir.path().join("port.yaml"), &LoadOptions::default()).unwrap();
    let mut app = App::new(Library::new(Vec::new(), Vec::new()));
    app.start_loading();
    app.remember(s.store.load(&key(s.dir.path())).unwrap());
    app.receive(vec![port], Vec::new(), Progress { done: 1, total: 3 });
    let kept = app.keepsake().unwrap();
    let ids: Vec<&String> = kept.briefings.keys().collect();
    assert_eq!(ids, ["grid", "port"], "grid not loaded yet, still kept");
    // Loading over without it (its file gone meanwhile): it is dropped.
    app.receive(Vec::new(), Vec::new(), Progress { done: 3, total: 3 });
    let kept = app.keepsake().unwrap();
    let ids: Vec<&String> = kept.briefings.keys().collect();
    assert_eq!(ids, ["port"]);
}

/// Earlier texts are kept within a budget, the newest briefings' first: a library
/// with more text than that keeps nearly the whole budget, never more.
#[test]
fn earlier_texts_are_kept_up_to_their_budget_and_no_further() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let store = Store::at(state.path().join("brief"));
    // 100 briefings of 10 entries, each entry titled with 300 letters: 300,000 bytes.
    for n in 0..100 {
        let entries: Vec<(String, String)> = (0..10)
            .map(|i| {
                (
                    format!("2024-01-{:02}", i + 1),
                    format!("{n:03}{i}{}", "x".repeat(296)),
                )
            })
            .collect();
        let entries: Vec<(&str, &str)> = entries
            .iter()
            .map(|(d, t)| (d.as_str(), t.as_str()))
            .collect();
        let text = timeline_briefing(&entries).replace(
            "date: 2024-03-01\nevent",
            &format!("date: {}\nevent", 1900 + n),
        );
        write(dir.path(), &format!("b{n:03}.yaml"), &text);
    }
    let first = run(dir.path(), &store);
    let kept = first.keepsake().unwrap();
    let texts: usize = kept
        .briefings
        .values()
        .flat_map(|b| b.before.values())
        .map(String::len)
        .sum();
    let budget = brief::state::TEXT_BUDGET;
    assert!(texts <= budget, "{texts} bytes kept, over {budget}");
    assert!(texts > budget - 1000, "only {texts} bytes kept of {budget}");
    // The newest briefing's texts are kept, the oldest's are not.
    assert_eq!(kept.briefings["b099"].before.len(), 10);
    assert!(kept.briefings["b000"].before.is_empty());
}
