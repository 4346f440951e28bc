//! The reader's state and the one place it changes: [`App::update`].
//!
//! Keys become [`Action`]s (see `keymap`); drawing reads `&App` and never changes it.
//! What the panes list is derived from the state by [`App::refresh`] after each change.

use std::collections::{BTreeSet, HashMap};

use crate::library::{ActorIndex, ActorIx, BriefingIx, FailedFile, Library, Roster, contains_ci};
use crate::model::Briefing;

/// Everything a key, the mouse or the terminal can ask of the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// `Ctrl-z`: handled by the terminal loop, which owns the terminal.
    Suspend,
    Help,
    Back,
    FocusNext,
    FocusPrev,
    Focus(usize),
    Down,
    Up,
    First,
    Last,
    PageDown,
    PageUp,
    Open,
    PrevBriefing,
    NextBriefing,
    ActorPicker,
    ToggleActor,
    ClearActors,
    Search,
    NextMatch,
    PrevMatch,
    Dossier,
    LibraryTimeline,
    CycleSort,
    TagPicker,
    Errors,
    Toggle,
    Apply,
    Erase,
    Type(char),
    /// `y`, `Y`: copy the selected item with its citation, or whole as text.
    Copy,
    CopyText,
    /// `o`: open the selected item's source, after a confirmation.
    OpenSource,
    /// `e`: export what is on screen to a Markdown file.
    Export,
    Click {
        x: u16,
        y: u16,
    },
    ScrollDown {
        x: u16,
        y: u16,
    },
    ScrollUp {
        x: u16,
        y: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
}

/// A one-time message for the status bar. A key it names is kept as its action, so
/// that the status bar names the key bound to it now: each `{}` in the text stands for
/// the next action of `keys`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    text: String,
    keys: Vec<Action>,
}

impl Notice {
    pub fn with_keys(text: &str, keys: &[Action]) -> Notice {
        Notice {
            text: text.to_string(),
            keys: keys.to_vec(),
        }
    }

    /// The message, each key written by `name`. A message with no keys is shown as it
    /// is, whatever it holds (it may quote what the user typed).
    pub fn show(&self, name: impl Fn(Action) -> String) -> String {
        if self.keys.is_empty() {
            return self.text.clone();
        }
        let mut parts = self.text.split("{}");
        let mut out = parts.next().unwrap_or("").to_string();
        for (i, part) in parts.enumerate() {
            match self.keys.get(i) {
                Some(&key) => out.push_str(&name(key)),
                None => out.push_str("{}"),
            }
            out.push_str(part);
        }
        out
    }
}

impl From<String> for Notice {
    fn from(text: String) -> Notice {
        Notice {
            text,
            keys: Vec::new(),
        }
    }
}

impl From<&str> for Notice {
    fn from(text: &str) -> Notice {
        Notice::from(text.to_string())
    }
}

/// The words as written, `{}` where a key goes: what tests compare.
impl std::ops::Deref for Notice {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

/// Which keys apply now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Reader,
    Screen,
    Detail,
    Help,
    Picker,
    Search,
    /// Asking before a web address is opened.
    Confirm,
}

/// The reader's panes, in `Tab` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    Briefings,
    Overview,
    Actors,
    Timeline,
    Quotes,
    Implications,
}

impl Pane {
    pub const ALL: [Pane; 6] = [
        Pane::Briefings,
        Pane::Overview,
        Pane::Actors,
        Pane::Timeline,
        Pane::Quotes,
        Pane::Implications,
    ];

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Briefings => "Briefings",
            Pane::Overview => "Overview",
            Pane::Actors => "Actors",
            Pane::Timeline => "Timeline",
            Pane::Quotes => "Quotes",
            Pane::Implications => "Implications",
        }
    }
}

/// A row of the Timeline pane: the briefing's own event has a place among the entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimelineRow {
    Event,
    Entry(usize),
}

/// One thing that can be opened in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Briefing(BriefingIx),
    Actor(BriefingIx, usize),
    Event(BriefingIx),
    Entry(BriefingIx, usize),
    Quote(BriefingIx, usize),
    Implication(BriefingIx, usize),
    Failed(usize),
    /// A warning of the library (`Library::warning`).
    Warning(usize),
}

/// A row of a full-screen list (dossier, library timeline, errors).
#[derive(Clone, Debug, PartialEq)]
pub enum ScreenRow {
    Heading(String),
    Item(Item),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreenKind {
    Dossier(ActorIx),
    Timeline,
    Errors,
}

#[derive(Clone, Debug)]
pub struct Screen {
    pub kind: ScreenKind,
    pub rows: Vec<ScreenRow>,
    pub cursor: usize,
    /// What the rows were made from.
    basis: ScreenBasis,
}

/// The library size, filters and search (lower case) a full-screen list was made under.
#[derive(Clone, Debug, PartialEq)]
struct ScreenBasis {
    briefings: usize,
    actors: BTreeSet<ActorIx>,
    tags: BTreeSet<String>,
    query: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerKind {
    Actors,
    Tags,
}

/// Choosing actors or tags: type to narrow, `Space` to select, `Enter` to apply.
#[derive(Clone, Debug)]
pub struct Picker {
    pub kind: PickerKind,
    pub query: String,
    /// `(label, detail)` of every choice.
    pub choices: Vec<(String, String)>,
    /// Choices that match the query, as indices into `choices`.
    pub shown: Vec<usize>,
    pub chosen: BTreeSet<usize>,
    pub cursor: usize,
}

/// What is drawn over the panes; `Confirm` asks before a web address is opened.
#[derive(Clone, Debug)]
pub enum Overlay {
    Detail { item: Item, scroll: usize },
    Help { scroll: usize },
    Picker(Picker),
    Confirm(String),
}

/// The search: what is typed, where it matches in the current briefing.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub query: String,
    /// The query before this edit, restored by `Esc`.
    pub before: Option<String>,
    pub editing: bool,
    /// `(pane, row)` of every match in the current briefing's panes.
    pub matches: Vec<(Pane, usize)>,
    pub current: Option<usize>,
}

impl Search {
    pub fn active(&self) -> bool {
        !self.query.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Newest,
    Oldest,
    Title,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Sort::Newest => "newest first",
            Sort::Oldest => "oldest first",
            Sort::Title => "by title",
        }
    }
}

/// What the panes show, derived from the library and the filters.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    pub briefings: Vec<BriefingIx>,
    pub actors: Vec<usize>,
    pub timeline: Vec<TimelineRow>,
    pub quotes: Vec<usize>,
    pub implications: Vec<usize>,
    /// Search matches per briefing, for the list.
    pub match_counts: HashMap<BriefingIx, usize>,
}

/// Where the selected actors and the dossier's actor first appear, as
/// `(briefing, actor)`: what stays the same when actors are grouped again.
type Anchors = (Vec<(BriefingIx, usize)>, Option<(BriefingIx, usize)>);

/// Files still being read in the background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

pub struct App {
    pub library: Library,
    pub loading: Option<Progress>,
    pub current: Option<BriefingIx>,
    pub focus: Pane,
    /// Row of each pane, by [`Pane::index`].
    pub cursors: [usize; 6],
    /// Rows before the actor filter was set, restored when it is cleared.
    stashed: Option<[usize; 6]>,
    /// Rows of briefings left, restored on return.
    remembered: HashMap<BriefingIx, [usize; 6]>,
    pub actor_filter: BTreeSet<ActorIx>,
    pub tag_filter: BTreeSet<String>,
    pub sort: Sort,
    pub search: Search,
    pub overlay: Option<Overlay>,
    pub screen: Option<Screen>,
    pub view: Derived,
    pub size: (u16, u16),
    pub mouse: bool,
    pub quit: bool,
    /// A one-time message for the status bar.
    pub notice: Option<Notice>,
    /// What the terminal loop is to do next on the reader's behalf (see `share`).
    pub effect: Option<crate::share::Effect>,
    /// Actor names given with `--actor` that matched nothing (said once loaded).
    pending_actors: Vec<String>,
    pending_dossier: Option<String>,
    /// Whether the user chose a briefing; until then the newest is shown as files arrive.
    chose_briefing: bool,
}

impl App {
    pub fn new(library: Library) -> App {
        let mut app = App {
            library,
            loading: None,
            current: None,
            focus: Pane::Timeline,
            cursors: [0; 6],
            stashed: None,
            remembered: HashMap::new(),
            actor_filter: BTreeSet::new(),
            tag_filter: BTreeSet::new(),
            sort: Sort::Newest,
            search: Search::default(),
            overlay: None,
            screen: None,
            view: Derived::default(),
            size: (80, 24),
            mouse: false,
            quit: false,
            notice: None,
            effect: None,
            pending_actors: Vec::new(),
            pending_dossier: None,
            chose_briefing: false,
        };
        app.refresh();
        app.focus = app.default_focus();
        app
    }

    fn default_focus(&self) -> Pane {
        if self.shows_list() {
            Pane::Briefings
        } else {
            Pane::Timeline
        }
    }

    /// The briefing the panes show.
    pub fn briefing(&self) -> Option<&Briefing> {
        self.current.and_then(|b| self.library.briefings.get(b))
    }

    /// The Briefings pane is shown only when there is more than one to choose from.
    pub fn shows_list(&self) -> bool {
        self.library.briefings.len() > 1 || self.loading.is_some()
    }

    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Detail { .. }) => Mode::Detail,
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Picker(_)) => Mode::Picker,
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            None if self.search.editing => Mode::Search,
            None if self.screen.is_some() => Mode::Screen,
            None => Mode::Reader,
        }
    }

    /// Filters by actor names given on the command line (names, ids or aliases).
    /// Names not found yet are tried again as more briefings load.
    pub fn select_actors_by_name(&mut self, names: &[String]) {
        let mut missing = Vec::new();
        for name in names {
            let found = self.library.find_actors(name);
            if found.is_empty() {
                missing.push(name.clone());
            }
            self.actor_filter.extend(found);
        }
        self.pending_actors = missing;
        self.after_filter_change();
        if !self.settling() {
            self.say_missing_actors();
        }
    }

    pub fn open_dossier_by_name(&mut self, name: &str) {
        match self.library.find_actors(name).first() {
            Some(&ix) => self.open_screen(ScreenKind::Dossier(ix)),
            None if self.settling() => self.pending_dossier = Some(name.to_string()),
            None => {
                self.notice = Some(Notice::from(format!(
                    "No actor named \u{201c}{}\u{201d}",
                    clean(name)
                )))
            }
        }
    }

    fn say_missing_actors(&mut self) {
        if !self.pending_actors.is_empty() {
            let names: Vec<String> = self.pending_actors.iter().map(|n| clean(n)).collect();
            self.notice = Some(Notice::from(format!(
                "No actor named {} in the library",
                names.join(", ")
            )));
            self.pending_actors.clear();
        }
    }

    /// Files are about to arrive from the background loader: show the list for them.
    pub fn start_loading(&mut self) {
        self.loading = Some(Progress { done: 0, total: 0 });
        self.focus = Pane::Briefings;
    }

    /// Briefings that arrived, their actors grouped at once with the rest.
    pub fn receive(
        &mut self,
        briefings: Vec<Briefing>,
        failed: Vec<FailedFile>,
        progress: Progress,
    ) {
        let had_list = self.shows_list();
        let anchors = self.actor_anchors();
        self.library.extend(briefings, failed);
        self.reanchor(anchors);
        self.after_arrival(had_list, progress);
    }

    /// Briefings that arrived from the background loader, with their search text; their
    /// actors are grouped elsewhere, and the grouping arrives by
    /// [`App::receive_grouping`]. Returns what the grouping needs of them.
    pub fn receive_ungrouped(
        &mut self,
        arrivals: Vec<(Briefing, crate::search::Corpus)>,
        failed: Vec<FailedFile>,
        progress: Progress,
    ) -> Vec<Roster> {
        let had_list = self.shows_list();
        let rosters = self.library.append(arrivals, failed);
        self.after_arrival(had_list, progress);
        rosters
    }

    /// A grouping of the actors of the briefings received so far (or of the first
    /// ones): the actor filter and an open dossier keep their actors.
    pub fn receive_grouping(&mut self, index: ActorIndex) {
        let anchors = self.actor_anchors();
        self.library.set_index(index);
        self.reanchor(anchors);
        self.resolve_pending();
        self.refresh();
        if !self.settling() {
            self.say_missing_actors();
        }
    }

    /// Files still arrive, or their actors are not all grouped yet.
    fn settling(&self) -> bool {
        self.loading.is_some() || self.library.grouped() < self.library.briefings.len()
    }

    /// Where each selected actor (and the dossier's) first appears, which stays the
    /// same when the actors are grouped again, unlike their numbers.
    fn actor_anchors(&self) -> Anchors {
        let first = |ix: ActorIx| {
            self.library
                .actors
                .get(ix)
                .and_then(|a| a.appearances.first().copied())
        };
        let selected = self
            .actor_filter
            .iter()
            .filter_map(|&ix| first(ix))
            .collect();
        let dossier = match self.screen.as_ref().map(|s| s.kind) {
            Some(ScreenKind::Dossier(ix)) => first(ix),
            _ => None,
        };
        (selected, dossier)
    }

    fn reanchor(&mut self, (selected, dossier): Anchors) {
        if !selected.is_empty() {
            self.actor_filter = selected
                .into_iter()
                .filter_map(|(b, a)| self.library.actor_at(b, a))
                .collect();
        }
        if let (Some((b, a)), Some(screen)) = (dossier, self.screen.as_mut())
            && let Some(ix) = self.library.actor_at(b, a)
        {
            screen.kind = ScreenKind::Dossier(ix);
        }
    }

    /// Actor names from the command line, tried again now that more is known.
    fn resolve_pending(&mut self) {
        if !self.pending_actors.is_empty() {
            let names = std::mem::take(&mut self.pending_actors);
            let mut still = Vec::new();
            for n in names {
                let found = self.library.find_actors(&n);
                if found.is_empty() {
                    still.push(n);
                }
                self.actor_filter.extend(found);
            }
            self.pending_actors = still;
        }
        if let Some(name) = self.pending_dossier.take() {
            self.open_dossier_by_name(&name);
        }
    }

    fn after_arrival(&mut self, had_list: bool, progress: Progress) {
        self.loading = (progress.done < progress.total).then_some(progress);
        self.resolve_pending();
        self.refresh();
        if !self.chose_briefing
            && let Some(&first) = self.view.briefings.first()
        {
            self.cursors[0] = 0;
            self.show_briefing(first);
        }
        if self.loading.is_none() {
            if !self.settling() {
                self.say_missing_actors();
            }
            if self.focus == Pane::Briefings && !self.shows_list() {
                self.focus = Pane::Timeline;
            }
        }
        if !had_list && self.shows_list() && self.current.is_none() {
            self.focus = Pane::Briefings;
        }
    }

    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. }) {
            self.notice = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => self.size = (width, height),
            Action::Click { x, y } => self.click(x, y),
            Action::ScrollDown { x, y } => self.scroll_at(x, y, 3),
            Action::ScrollUp { x, y } => self.scroll_at(x, y, -3),
            Action::Copy | Action::CopyText | Action::OpenSource | Action::Export => {
                self.update_share(action)
            }
            _ => match self.mode() {
                Mode::Confirm => self.update_share(action),
                Mode::Picker => self.update_picker(action),
                Mode::Search => self.update_search_input(action),
                Mode::Detail | Mode::Help => self.update_overlay(action),
                Mode::Screen => self.update_screen(action),
                Mode::Reader => self.update_reader(action),
            },
        }
    }

    fn update_reader(&mut self, action: Action) {
        match action {
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Back => {
                if self.search.active() {
                    self.clear_search();
                } else if !self.actor_filter.is_empty() {
                    self.clear_actor_filter();
                }
            }
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::Focus(i) => {
                let pane = Pane::ALL[i.min(5)];
                if pane == Pane::Briefings && !self.shows_list() {
                    self.notice = Some(Notice::from("Only one briefing is open".to_string()));
                } else {
                    self.focus = pane;
                }
            }
            Action::Down => self.move_cursor(1),
            Action::Up => self.move_cursor(-1),
            Action::PageDown => self.move_cursor(self.page() as isize),
            Action::PageUp => self.move_cursor(-(self.page() as isize)),
            Action::First => self.set_cursor(0),
            Action::Last => self.set_cursor(usize::MAX),
            Action::Open => {
                if let Some(item) = self.item_at_cursor(self.focus) {
                    self.overlay = Some(Overlay::Detail { item, scroll: 0 });
                }
            }
            Action::PrevBriefing => self.step_briefing(-1),
            Action::NextBriefing => self.step_briefing(1),
            Action::ActorPicker => self.open_actor_picker(),
            Action::ToggleActor => self.toggle_actor_under_cursor(),
            Action::ClearActors => self.clear_actor_filter(),
            Action::Search => self.start_search(),
            Action::NextMatch => self.step_match(1),
            Action::PrevMatch => self.step_match(-1),
            Action::Dossier => self.open_dossier_here(),
            Action::LibraryTimeline => self.open_screen(ScreenKind::Timeline),
            Action::Errors => self.open_screen(ScreenKind::Errors),
            Action::CycleSort => {
                self.sort = match self.sort {
                    Sort::Newest => Sort::Oldest,
                    Sort::Oldest => Sort::Title,
                    Sort::Title => Sort::Newest,
                };
                self.refresh();
                self.notice = Some(Notice::from(format!(
                    "Briefings sorted {}",
                    self.sort.label()
                )));
            }
            Action::TagPicker => self.open_tag_picker(),
            _ => {}
        }
    }

    fn cycle_focus(&mut self, step: isize) {
        let panes: Vec<Pane> = Pane::ALL
            .into_iter()
            .filter(|p| *p != Pane::Briefings || self.shows_list())
            .collect();
        let at = panes.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        let n = panes.len() as isize;
        self.focus = panes[((at + step).rem_euclid(n)) as usize];
    }

    /// Rows a page moves: the height of the focused pane's area, roughly.
    fn page(&self) -> usize {
        (self.size.1 as usize / 3).max(3)
    }

    /// How many rows the pane has (for the Overview, lines of text).
    pub fn pane_len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Briefings => self.view.briefings.len(),
            Pane::Overview => crate::ui::overview_line_count(self, self.size.0),
            Pane::Actors => self.view.actors.len(),
            Pane::Timeline => self.view.timeline.len(),
            Pane::Quotes => self.view.quotes.len(),
            Pane::Implications => self.view.implications.len(),
        }
    }

    /// The pane's row, kept within its rows.
    pub fn cursor(&self, pane: Pane) -> usize {
        self.cursors[pane.index()].min(self.pane_len(pane).saturating_sub(1))
    }

    fn move_cursor(&mut self, by: isize) {
        let now = self.cursor(self.focus) as isize;
        self.set_cursor(now.saturating_add(by).max(0) as usize);
    }

    fn set_cursor(&mut self, row: usize) {
        let len = self.pane_len(self.focus);
        let row = row.min(len.saturating_sub(1));
        self.cursors[self.focus.index()] = row;
        if self.focus == Pane::Briefings
            && let Some(&b) = self.view.briefings.get(row)
        {
            self.chose_briefing = true;
            self.show_briefing(b);
        }
    }

    /// Shows briefing `b` in the panes, remembering where the reader was in the last one.
    fn show_briefing(&mut self, b: BriefingIx) {
        if self.current == Some(b) {
            return;
        }
        if let Some(old) = self.current {
            self.remembered.insert(old, self.cursors);
        }
        let list_row = self.cursors[0];
        self.cursors = self.remembered.get(&b).copied().unwrap_or([0; 6]);
        self.cursors[0] = list_row;
        self.current = Some(b);
        self.refresh_panes();
    }

    fn step_briefing(&mut self, step: isize) {
        self.chose_briefing = true;
        let list = &self.view.briefings;
        if list.is_empty() {
            return;
        }
        let at = self.current.and_then(|c| list.iter().position(|&b| b == c));
        let row = match at {
            Some(i) => (i as isize + step).clamp(0, list.len() as isize - 1) as usize,
            None => 0,
        };
        if Some(row) == at {
            self.notice = Some(Notice::from(
                if step > 0 {
                    "Last briefing"
                } else {
                    "First briefing"
                }
                .to_string(),
            ));
        }
        self.cursors[0] = row;
        let b = list[row];
        self.show_briefing(b);
    }

    /// The item on the pane's current row.
    pub fn item_at_cursor(&self, pane: Pane) -> Option<Item> {
        self.item_at(pane, self.cursor(pane))
    }

    /// The item on a row of a pane, in the current briefing.
    fn item_at(&self, pane: Pane, row: usize) -> Option<Item> {
        let b = self.current?;
        let v = &self.view;
        match pane {
            Pane::Briefings => v.briefings.get(row).map(|&b| Item::Briefing(b)),
            Pane::Overview => Some(Item::Briefing(b)),
            Pane::Actors => v.actors.get(row).map(|&i| Item::Actor(b, i)),
            Pane::Timeline => v.timeline.get(row).map(|r| match *r {
                TimelineRow::Event => Item::Event(b),
                TimelineRow::Entry(i) => Item::Entry(b, i),
            }),
            Pane::Quotes => v.quotes.get(row).map(|&i| Item::Quote(b, i)),
            Pane::Implications => v.implications.get(row).map(|&i| Item::Implication(b, i)),
        }
    }

    // ---- the actor filter ----

    fn toggle_actor_under_cursor(&mut self) {
        if self.focus != Pane::Actors {
            self.notice = Some(Notice::with_keys(
                "{} selects an actor in the Actors pane; {} opens the actor filter",
                &[Action::ToggleActor, Action::ActorPicker],
            ));
            return;
        }
        let Some(Item::Actor(b, i)) = self.item_at_cursor(Pane::Actors) else {
            return;
        };
        let Some(ix) = self.library.actor_at(b, i) else {
            return;
        };
        if !self.actor_filter.remove(&ix) {
            self.actor_filter.insert(ix);
        }
        self.after_filter_change();
    }

    pub fn clear_actor_filter(&mut self) {
        if !self.actor_filter.is_empty() {
            self.actor_filter.clear();
            self.after_filter_change();
        }
    }

    /// Keeps the rows from before a filter, so clearing it returns each pane there.
    fn after_filter_change(&mut self) {
        if self.actor_filter.is_empty() {
            if let Some(saved) = self.stashed.take() {
                let list_row = self.cursors[0];
                self.cursors = saved;
                self.cursors[0] = list_row;
            }
        } else if self.stashed.is_none() {
            self.stashed = Some(self.cursors);
            for p in [Pane::Timeline, Pane::Quotes, Pane::Implications] {
                self.cursors[p.index()] = 0;
            }
        }
        self.refresh();
    }

    fn open_actor_picker(&mut self) {
        let choices: Vec<(String, String)> = self
            .library
            .actors
            .iter()
            .map(|a| {
                let n = a.briefing_count();
                let mut detail = if self.library.briefings.len() > 1 {
                    format!("{n} briefing{}", if n == 1 { "" } else { "s" })
                } else {
                    let (b, i) = a.appearances[0];
                    let actor = &self.library.briefings[b].actors[i];
                    actor
                        .role
                        .as_ref()
                        .map(|r| r.shown().to_string())
                        .unwrap_or_default()
                };
                if !a.aliases.is_empty() {
                    if !detail.is_empty() {
                        detail.push_str(" · ");
                    }
                    detail.push_str(&format!("aka {}", a.aliases.join(", ")));
                }
                (a.name.clone(), detail)
            })
            .collect();
        let mut order: Vec<usize> = (0..choices.len()).collect();
        order.sort_by_key(|&i| choices[i].0.to_lowercase());
        let chosen = self.actor_filter.iter().copied().collect();
        let mut picker = Picker {
            kind: PickerKind::Actors,
            query: String::new(),
            choices,
            shown: order,
            chosen,
            cursor: 0,
        };
        self.narrow_picker(&mut picker);
        self.overlay = Some(Overlay::Picker(picker));
    }

    fn open_tag_picker(&mut self) {
        let tags = self.library.tags();
        if tags.is_empty() {
            self.notice = Some(Notice::from("No briefing has tags".to_string()));
            return;
        }
        let choices: Vec<(String, String)> = tags
            .into_iter()
            .map(|(t, n)| (t, format!("{n} briefing{}", if n == 1 { "" } else { "s" })))
            .collect();
        let chosen = (0..choices.len())
            .filter(|&i| self.tag_filter.contains(&choices[i].0))
            .collect();
        let mut picker = Picker {
            kind: PickerKind::Tags,
            query: String::new(),
            shown: (0..choices.len()).collect(),
            choices,
            chosen,
            cursor: 0,
        };
        self.narrow_picker(&mut picker);
        self.overlay = Some(Overlay::Picker(picker));
    }

    fn narrow_picker(&self, p: &mut Picker) {
        let q = p.query.trim().to_lowercase();
        let key = crate::library::normalize(&q);
        let mut shown: Vec<usize> = (0..p.choices.len())
            .filter(|&i| match p.kind {
                PickerKind::Actors => self.library.actors[i].has_key_containing(&key),
                PickerKind::Tags => q.is_empty() || contains_ci(&p.choices[i].0, &q),
            })
            .collect();
        shown.sort_by_cached_key(|&i| (!p.chosen.contains(&i), p.choices[i].0.to_lowercase()));
        p.shown = shown;
        p.cursor = p.cursor.min(p.shown.len().saturating_sub(1));
    }

    fn update_picker(&mut self, action: Action) {
        let Some(Overlay::Picker(mut p)) = self.overlay.take() else {
            return;
        };
        match action {
            Action::Back => return,
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::Down => p.cursor = (p.cursor + 1).min(p.shown.len().saturating_sub(1)),
            Action::Up => p.cursor = p.cursor.saturating_sub(1),
            Action::Toggle => {
                if let Some(&i) = p.shown.get(p.cursor)
                    && !p.chosen.remove(&i)
                {
                    p.chosen.insert(i);
                }
            }
            Action::Type(c) => {
                p.query.push(c);
                p.cursor = 0;
                self.narrow_picker(&mut p);
            }
            Action::Erase => {
                p.query.pop();
                self.narrow_picker(&mut p);
            }
            Action::Apply => {
                // Enter with nothing selected takes the one under the cursor.
                if p.chosen.is_empty()
                    && let Some(&i) = p.shown.get(p.cursor)
                {
                    p.chosen.insert(i);
                }
                match p.kind {
                    PickerKind::Actors => {
                        self.actor_filter = p.chosen.iter().copied().collect();
                        self.after_filter_change();
                    }
                    PickerKind::Tags => {
                        self.tag_filter =
                            p.chosen.iter().map(|&i| p.choices[i].0.clone()).collect();
                        self.refresh();
                    }
                }
                return;
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Picker(p));
    }

    // ---- search ----

    fn start_search(&mut self) {
        self.search.before = Some(self.search.query.clone());
        self.search.query.clear();
        self.search.editing = true;
        self.refresh();
    }

    fn clear_search(&mut self) {
        self.search = Search::default();
        self.refresh();
    }

    fn update_search_input(&mut self, action: Action) {
        match action {
            Action::Type(c) => {
                self.search.query.push(c);
                self.refresh();
            }
            Action::Erase => {
                self.search.query.pop();
                self.refresh();
            }
            Action::Apply => {
                self.search.editing = false;
                self.search.before = None;
                if self.search.active() {
                    self.jump_to_first_match();
                }
            }
            Action::Back => {
                self.search.query = self.search.before.take().unwrap_or_default();
                self.search.editing = false;
                self.refresh();
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// The first match at or after the cursor of the focused pane, else the first.
    fn jump_to_first_match(&mut self) {
        if self.search.matches.is_empty() {
            return;
        }
        let here = (self.focus.index(), self.cursor(self.focus));
        let i = self
            .search
            .matches
            .iter()
            .position(|(p, r)| (p.index(), *r) >= here)
            .unwrap_or(0);
        self.go_to_match(i);
    }

    fn step_match(&mut self, step: isize) {
        if !self.search.active() {
            self.notice = Some(Notice::with_keys(
                "No search: press {} to search",
                &[Action::Search],
            ));
            return;
        }
        let n = self.search.matches.len();
        if n == 0 {
            self.notice = Some(Notice::from(format!(
                "No match for \u{201c}{}\u{201d}",
                clean(&self.search.query)
            )));
            return;
        }
        let next = match self.search.current {
            Some(c) => (c as isize + step).rem_euclid(n as isize) as usize,
            None => {
                if step > 0 {
                    0
                } else {
                    n - 1
                }
            }
        };
        if let Some(c) = self.search.current
            && ((step > 0 && next < c) || (step < 0 && next > c))
        {
            self.notice = Some(Notice::from(
                if step > 0 {
                    "Search wrapped to the top"
                } else {
                    "Search wrapped to the bottom"
                }
                .to_string(),
            ));
        }
        self.go_to_match(next);
    }

    fn go_to_match(&mut self, i: usize) {
        let Some(&(pane, row)) = self.search.matches.get(i) else {
            return;
        };
        self.search.current = Some(i);
        self.focus = pane;
        self.cursors[pane.index()] = row;
        if pane == Pane::Briefings
            && let Some(&b) = self.view.briefings.get(row)
        {
            self.chose_briefing = true;
            self.show_briefing(b);
        }
    }

    // ---- overlays and full-screen lists ----

    fn update_overlay(&mut self, action: Action) {
        let max = match &self.overlay {
            Some(Overlay::Detail { item, .. }) => {
                crate::ui::detail_line_count(self, *item, self.size.0)
            }
            Some(Overlay::Help { .. }) => crate::ui::help_line_count(),
            _ => 0,
        };
        let page = self.page();
        let Some(Overlay::Detail { scroll, .. } | Overlay::Help { scroll }) = &mut self.overlay
        else {
            return;
        };
        let last = max.saturating_sub(1);
        match action {
            Action::Back | Action::Open => self.overlay = None,
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Down => *scroll = (*scroll + 1).min(last),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll = (*scroll + page).min(last),
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::First => *scroll = 0,
            Action::Last => *scroll = last,
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    fn open_dossier_here(&mut self) {
        let actor = match (self.focus, self.item_at_cursor(self.focus)) {
            (Pane::Actors, Some(Item::Actor(b, i))) => self.library.actor_at(b, i),
            (_, Some(Item::Quote(b, q))) => self
                .library
                .actor_ix(b, &self.library.briefings[b].quotes[q].actor),
            _ => None,
        };
        let actor = actor.or_else(|| {
            (self.actor_filter.len() == 1).then(|| *self.actor_filter.iter().next().unwrap_or(&0))
        });
        match actor {
            Some(ix) => self.open_screen(ScreenKind::Dossier(ix)),
            None => {
                self.notice = Some(Notice::with_keys(
                    "Choose an actor first: in the Actors pane, or filter by one actor ({})",
                    &[Action::ActorPicker],
                ))
            }
        }
    }

    pub fn open_screen(&mut self, kind: ScreenKind) {
        let rows = crate::screens::rows(self, kind);
        self.overlay = None;
        self.screen = Some(Screen {
            kind,
            cursor: first_item_row(&rows, 0, 1),
            rows,
            basis: self.screen_basis(),
        });
    }

    fn update_screen(&mut self, action: Action) {
        let page = self.page() as isize;
        let Some(screen) = &mut self.screen else {
            return;
        };
        let step = |s: &mut Screen, by: isize| {
            let target =
                (s.cursor as isize + by).clamp(0, s.rows.len().saturating_sub(1) as isize) as usize;
            s.cursor = first_item_row(&s.rows, target, if by >= 0 { 1 } else { -1 });
        };
        match action {
            Action::Back => self.screen = None,
            Action::Down => step(screen, 1),
            Action::Up => step(screen, -1),
            Action::PageDown => step(screen, page),
            Action::PageUp => step(screen, -page),
            Action::First => screen.cursor = first_item_row(&screen.rows, 0, 1),
            Action::Last => {
                screen.cursor =
                    first_item_row(&screen.rows, screen.rows.len().saturating_sub(1), -1)
            }
            Action::Open => {
                if let Some(ScreenRow::Item(item)) = screen.rows.get(screen.cursor).cloned() {
                    match item {
                        Item::Failed(_) | Item::Warning(_) => {
                            self.overlay = Some(Overlay::Detail { item, scroll: 0 })
                        }
                        _ => self.jump_to(item),
                    }
                }
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::ActorPicker => self.open_actor_picker(),
            Action::ClearActors => self.clear_actor_filter(),
            Action::TagPicker => self.open_tag_picker(),
            Action::Search => self.start_search(),
            Action::LibraryTimeline => self.open_screen(ScreenKind::Timeline),
            Action::Errors => self.open_screen(ScreenKind::Errors),
            Action::Dossier => {
                let here = self
                    .screen
                    .as_ref()
                    .and_then(|s| match s.rows.get(s.cursor) {
                        Some(ScreenRow::Item(Item::Quote(b, q))) => self
                            .library
                            .actor_ix(*b, &self.library.briefings[*b].quotes[*q].actor),
                        _ => None,
                    });
                if let Some(ix) = here {
                    self.open_screen(ScreenKind::Dossier(ix));
                }
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// Leaves a full-screen list for the item in its briefing.
    fn jump_to(&mut self, item: Item) {
        self.chose_briefing = true;
        let (b, pane) = match item {
            Item::Briefing(b) => (b, Pane::Overview),
            Item::Actor(b, _) => (b, Pane::Actors),
            Item::Event(b) | Item::Entry(b, _) => (b, Pane::Timeline),
            Item::Quote(b, _) => (b, Pane::Quotes),
            Item::Implication(b, _) => (b, Pane::Implications),
            Item::Failed(_) | Item::Warning(_) => return,
        };
        self.screen = None;
        if !self.view.briefings.contains(&b)
            && (!self.tag_filter.is_empty() || self.search.active())
        {
            self.tag_filter.clear();
            self.search = Search::default();
            self.refresh();
        }
        if let Some(row) = self.view.briefings.iter().position(|&x| x == b) {
            self.cursors[0] = row;
        }
        self.show_briefing(b);
        self.focus = pane;
        let found = match pane {
            Pane::Overview => Some(0),
            _ => (0..self.pane_len(pane)).find(|&row| self.item_at(pane, row) == Some(item)),
        };
        match found {
            Some(row) => self.cursors[pane.index()] = row,
            None if pane != Pane::Overview => {
                self.notice = Some(Notice::with_keys(
                    "That item is hidden by the actor filter ({} clears it)",
                    &[Action::ClearActors],
                ))
            }
            None => {}
        }
    }

    // ---- the mouse ----

    fn click(&mut self, x: u16, y: u16) {
        if !self.mouse || self.overlay.is_some() || self.screen.is_some() {
            return;
        }
        let layout = crate::ui::layout(
            self,
            ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1),
        );
        let Some((pane, area)) = layout.panes.iter().find(|(_, r)| r.contains((x, y).into()))
        else {
            return;
        };
        self.focus = *pane;
        if *pane == Pane::Overview {
            return;
        }
        let inner_top = area.y + 1;
        if y < inner_top {
            return;
        }
        let heights = crate::ui::row_heights(self, *pane);
        let view_height = area.height.saturating_sub(2) as usize;
        let offset = crate::ui::list_offset(&heights, self.cursor(*pane), view_height);
        let mut line = (y - inner_top) as usize;
        for (row, h) in heights.iter().enumerate().skip(offset) {
            if line < *h {
                self.set_cursor(row);
                return;
            }
            line -= h;
        }
    }

    fn scroll_at(&mut self, x: u16, y: u16, by: isize) {
        if !self.mouse {
            return;
        }
        match &self.overlay {
            Some(_) => self.update_overlay(if by > 0 { Action::Down } else { Action::Up }),
            None if self.screen.is_some() => {
                for _ in 0..by.unsigned_abs() {
                    self.update_screen(if by > 0 { Action::Down } else { Action::Up });
                }
            }
            None => {
                let layout = crate::ui::layout(
                    self,
                    ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1),
                );
                if let Some((pane, _)) =
                    layout.panes.iter().find(|(_, r)| r.contains((x, y).into()))
                {
                    self.focus = *pane;
                    self.move_cursor(by);
                }
            }
        }
    }

    // ---- what the panes show ----

    /// Recomputes the derived lists after the library, a filter or the search changed.
    pub fn refresh(&mut self) {
        self.refresh_list();
        self.refresh_panes();
        // A full-screen list follows the filters and the search too. While only the
        // search grows, the rows can only narrow: keep those that still match, instead
        // of going through the whole library on every keystroke.
        if let Some(screen) = &self.screen {
            let basis = self.screen_basis();
            let old = &screen.basis;
            let narrows = screen.kind == ScreenKind::Timeline
                && (old.briefings, &old.actors, &old.tags)
                    == (basis.briefings, &basis.actors, &basis.tags)
                && basis.query.contains(&old.query);
            let rows = if narrows {
                crate::screens::narrow(self, &screen.rows, &basis.query)
            } else {
                crate::screens::rows(self, screen.kind)
            };
            if let Some(screen) = &mut self.screen {
                let at = screen.cursor.min(rows.len().saturating_sub(1));
                screen.cursor = first_item_row(&rows, at, 1);
                screen.rows = rows;
                screen.basis = basis;
            }
        }
    }

    fn screen_basis(&self) -> ScreenBasis {
        ScreenBasis {
            briefings: self.library.briefings.len(),
            actors: self.actor_filter.clone(),
            tags: self.tag_filter.clone(),
            query: self.search.query.to_lowercase(),
        }
    }

    fn refresh_list(&mut self) {
        let lib = &self.library;
        let q = self.search.query.to_lowercase();
        let mut counts = HashMap::new();
        let mut list: Vec<BriefingIx> = (0..lib.briefings.len())
            .filter(|&b| {
                self.actor_filter.is_empty() || lib.briefing_involves(b, &self.actor_filter)
            })
            .filter(|&b| {
                self.tag_filter.is_empty()
                    || lib.briefings[b]
                        .tags
                        .iter()
                        .any(|t| self.tag_filter.contains(t.shown()))
            })
            .filter(|&b| {
                if q.is_empty() {
                    return true;
                }
                let n = lib.count_matches(b, &q);
                if n > 0 {
                    counts.insert(b, n);
                }
                n > 0
            })
            .collect();
        let bs = &lib.briefings;
        match self.sort {
            Sort::Newest => list.sort_by(|&a, &b| bs[b].date.cmp(&bs[a].date).then(a.cmp(&b))),
            Sort::Oldest => list.sort_by(|&a, &b| bs[a].date.cmp(&bs[b].date).then(a.cmp(&b))),
            Sort::Title => list.sort_by_cached_key(|&a| (bs[a].title.shown().to_lowercase(), a)),
        }
        self.view.briefings = list;
        self.view.match_counts = counts;
        // Keep showing the current briefing if it is still listed; otherwise the first.
        let keep = self.current.filter(|c| self.view.briefings.contains(c));
        match keep {
            Some(c) => {
                self.cursors[0] = self
                    .view
                    .briefings
                    .iter()
                    .position(|&b| b == c)
                    .unwrap_or(0)
            }
            None => {
                self.cursors[0] = 0;
                match self.view.briefings.first() {
                    Some(&b) => self.show_briefing(b),
                    None if self.library.briefings.is_empty() => self.current = None,
                    // Everything is filtered out: keep the briefing on screen for context.
                    None => {}
                }
            }
        }
    }

    fn refresh_panes(&mut self) {
        let Some(b) = self.current else {
            self.view.actors.clear();
            self.view.timeline.clear();
            self.view.quotes.clear();
            self.view.implications.clear();
            self.search.matches.clear();
            return;
        };
        let lib = &self.library;
        let br = &lib.briefings[b];
        let sel = &self.actor_filter;
        let filtered = !sel.is_empty();
        self.view.actors = (0..br.actors.len()).collect();
        let mut timeline: Vec<TimelineRow> = (0..br.timeline.len())
            .filter(|&i| !filtered || lib.involves(b, &br.timeline[i].actors, sel))
            .map(TimelineRow::Entry)
            .collect();
        // The event goes after entries that start before it, and before the rest.
        let at = timeline
            .iter()
            .position(
                |r| matches!(r, TimelineRow::Entry(i) if br.timeline[*i].date > br.event.date),
            )
            .unwrap_or(timeline.len());
        timeline.insert(at, TimelineRow::Event);
        self.view.timeline = timeline;
        self.view.quotes = (0..br.quotes.len())
            .filter(|&i| {
                !filtered || lib.involves(b, std::slice::from_ref(&br.quotes[i].actor), sel)
            })
            .collect();
        self.view.implications = (0..br.implications.len())
            .filter(|&i| !filtered || lib.involves(b, &br.implications[i].actors, sel))
            .collect();
        self.refresh_matches();
    }

    fn refresh_matches(&mut self) {
        let q = self.search.query.to_lowercase();
        self.search.matches.clear();
        self.search.current = None;
        if q.is_empty() {
            return;
        }
        let mut m = Vec::new();
        for (row, &b) in self.view.briefings.iter().enumerate() {
            if self.view.match_counts.contains_key(&b) && self.shows_list() {
                m.push((Pane::Briefings, row));
            }
        }
        if let Some(b) = self.current {
            let br = &self.library.briefings[b];
            if crate::search::overview_matches(br, &q) {
                m.push((Pane::Overview, 0));
            }
            for (row, &i) in self.view.actors.iter().enumerate() {
                if crate::search::item_matches(br, Item::Actor(b, i), &q) {
                    m.push((Pane::Actors, row));
                }
            }
            for (row, r) in self.view.timeline.iter().enumerate() {
                let item = match *r {
                    TimelineRow::Event => Item::Event(b),
                    TimelineRow::Entry(i) => Item::Entry(b, i),
                };
                if crate::search::item_matches(br, item, &q) {
                    m.push((Pane::Timeline, row));
                }
            }
            for (row, &i) in self.view.quotes.iter().enumerate() {
                if crate::search::item_matches(br, Item::Quote(b, i), &q) {
                    m.push((Pane::Quotes, row));
                }
            }
            for (row, &i) in self.view.implications.iter().enumerate() {
                if crate::search::item_matches(br, Item::Implication(b, i), &q) {
                    m.push((Pane::Implications, row));
                }
            }
        }
        self.search.matches = m;
    }

    /// `Actor: Tom Bossert — timeline 2/6, quotes 3/5`, when filtered by actor.
    pub fn filter_summary(&self) -> Option<String> {
        if self.actor_filter.is_empty() {
            return None;
        }
        let names: Vec<&str> = self
            .actor_filter
            .iter()
            .filter_map(|&i| self.library.actors.get(i))
            .map(|a| a.name.as_str())
            .collect();
        let label = if names.len() == 1 { "Actor" } else { "Actors" };
        let mut parts = Vec::new();
        if self.shows_list() {
            parts.push(format!(
                "briefings {}/{}",
                self.view.briefings.len(),
                self.library.briefings.len()
            ));
        }
        if let Some(br) = self.briefing() {
            let entries = self
                .view
                .timeline
                .iter()
                .filter(|r| matches!(r, TimelineRow::Entry(_)))
                .count();
            parts.push(format!("timeline {entries}/{}", br.timeline.len()));
            parts.push(format!(
                "quotes {}/{}",
                self.view.quotes.len(),
                br.quotes.len()
            ));
            parts.push(format!(
                "implications {}/{}",
                self.view.implications.len(),
                br.implications.len()
            ));
        }
        Some(format!(
            "{label}: {} \u{2014} {}",
            names.join(", "),
            parts.join(", ")
        ))
    }
}

/// The nearest row at or after (`dir` 1) or before (`dir` -1) `from` that is an item.
fn first_item_row(rows: &[ScreenRow], from: usize, dir: isize) -> usize {
    let n = rows.len() as isize;
    let mut i = from as isize;
    while i >= 0 && i < n {
        if matches!(rows[i as usize], ScreenRow::Item(_)) {
            return i as usize;
        }
        i += dir;
    }
    // None that way: try the other way.
    let mut i = from as isize;
    while i >= 0 && i < n {
        if matches!(rows[i as usize], ScreenRow::Item(_)) {
            return i as usize;
        }
        i -= dir;
    }
    0
}

fn clean(s: &str) -> String {
    crate::text::clean_line(s).into_owned()
}
