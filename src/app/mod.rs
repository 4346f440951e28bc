//! The reader's state and the one place it changes: [`App::update`].
//!
//! Keys become [`Action`]s (see `keymap`); files arriving from the loader come in
//! through [`App::receive`]. Nothing else changes the state: its fields are private,
//! and drawing reads `&App`, writing only the geometry of what it drew ([`View`]).
//!
//! - `action.rs`: [`Action`], [`Mode`], [`Pane`];
//! - `panes.rs`: what each pane lists, made again after every change;
//! - `moving.rs`: moving in panes and popups, paging, the mouse;
//! - `filters.rs`: the actor and tag filters and their pickers;
//! - `search.rs`: typing a search and stepping through its matches;
//! - `lists.rs`: the full-screen lists (dossier, library timeline, errors);
//! - `share.rs`: what leaves the reader (copy, open a source, export), as effects;
//! - `keepup.rs`: files reloaded while open, the place remembered, what is new;
//! - `view.rs`: the geometry of the last frame.

mod action;
mod filters;
mod keepup;
mod lists;
mod moving;
mod notice;
mod panes;
mod search;
mod share;
mod view;

use std::collections::HashMap;

pub use action::{Action, Mode, Pane, PerPane, Sort};
pub use filters::{Picker, PickerKind};
pub use keepup::REST_TICKS;
pub use lists::Screen;
pub use notice::Notice;
pub use panes::Shown;
pub use search::Search;
pub use share::{Effect, openable};
pub use view::{Scroll, View};

use crate::library::news::News;
use crate::library::{
    ActorIndex, ActorIx, Arrival, BriefingIx, FailedFile, Filters, Hits, Item, Library, Roster,
    lists::ListKind,
};
use crate::model::Briefing;

/// What is drawn over the panes; `Confirm` asks before a web address is opened.
#[rustfmt::skip]
#[derive(Clone, Debug)]
pub enum Overlay {
    /// An item in full; `scroll` is its first line in view; `J`/`K` go through the
    /// list it was opened from.
    Detail { item: Item, scroll: usize, from: ListOf },
    /// The help for what is under it, which it returns to when closed.
    Help { scroll: usize, under: Option<Box<Overlay>> },
    Picker(Picker),
    /// Asking before this web address is opened.
    Confirm(String),
}

/// The list a detail view was opened from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListOf {
    Pane(Pane),
    /// The full-screen list (the files with errors).
    Screen,
}

/// How many finished searches for shorter queries are kept for erasing.
const EARLIER_HITS: usize = 8;

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
    library: Library,
    loading: Option<Progress>,
    /// The briefing the panes show.
    current: Option<BriefingIx>,
    focus: Pane,
    /// Whether the focused pane fills the body.
    zoomed: bool,
    /// Where the reader is in each pane: the row of a list, the first line of the Overview.
    places: PerPane<usize>,
    /// Places from before the actor filter was set, restored when it is cleared.
    stashed: Option<PerPane<usize>>,
    /// Places in the briefings left, restored on return.
    remembered: HashMap<BriefingIx, PerPane<usize>>,
    filters: Filters,
    sort: Sort,
    search: Search,
    overlay: Option<Overlay>,
    screen: Option<Screen>,
    shown: Shown,
    view: View,
    mouse: bool,
    quit: bool,
    /// A one-time message for the status bar.
    notice: Option<Notice>,
    /// What the terminal loop is to do next on the reader's behalf.
    effect: Option<Effect>,
    /// Actor names given with `--actor` that matched nothing (said once loaded).
    pending_actors: Vec<String>,
    pending_dossier: Option<String>,
    /// Whether the user chose a briefing; until then the newest is shown as files arrive.
    chose_briefing: bool,
    /// What is new since the library was last read.
    news: News,
    /// The item the cursor rests on, and for how many ticks.
    rest: Option<(Item, u8)>,
    /// Where the reader was when this library was last closed, until it is restored.
    pending_place: Option<crate::state::Place>,
    /// Whether a key was pressed yet: until then the reader may take you somewhere.
    touched: bool,
    /// The search over the library for the query in `filters`, as far as it has gone.
    hits: Option<Hits>,
    /// Finished searches for the shorter queries typed before this one, shortest
    /// first: erasing a letter goes back to one at once.
    earlier_hits: Vec<Hits>,
    /// Whether the search is left to run a slice at a time ([`App::search_further`])
    /// rather than done at once on each keystroke.
    streaming: bool,
}

impl App {
    pub fn new(library: Library) -> App {
        let mut app = App {
            library,
            loading: None,
            current: None,
            focus: Pane::Timeline,
            zoomed: false,
            places: PerPane::default(),
            stashed: None,
            remembered: HashMap::new(),
            filters: Filters::default(),
            sort: Sort::Newest,
            search: Search::default(),
            overlay: None,
            screen: None,
            shown: Shown::default(),
            view: View::default(),
            mouse: false,
            quit: false,
            notice: None,
            effect: None,
            pending_actors: Vec::new(),
            pending_dossier: None,
            chose_briefing: false,
            news: News::default(),
            rest: None,
            pending_place: None,
            touched: false,
            hits: None,
            earlier_hits: Vec::new(),
            streaming: false,
        };
        app.refresh();
        app.focus = app.default_focus();
        app.news.observe(&app.library);
        if !app.library.briefings.is_empty() {
            app.news.settle();
        }
        app
    }

    fn default_focus(&self) -> Pane {
        if self.shows_list() {
            Pane::Briefings
        } else {
            Pane::Timeline
        }
    }

    // ---- reading the state ----

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Files still being read, while they are.
    pub fn loading(&self) -> Option<Progress> {
        self.loading
    }

    /// The index of the briefing the panes show.
    pub fn current(&self) -> Option<BriefingIx> {
        self.current
    }

    /// The briefing the panes show.
    pub fn briefing(&self) -> Option<&Briefing> {
        self.current.and_then(|b| self.library.briefings.get(b))
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// Whether the focused pane fills the body (`z`).
    pub fn zoomed(&self) -> bool {
        self.zoomed
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Typing a search, and where it matches.
    pub fn search(&self) -> &Search {
        &self.search
    }

    /// Whether a search narrows what is shown.
    pub fn searching(&self) -> bool {
        !self.filters.query.is_empty()
    }

    /// The search over the library, as far as it has gone.
    pub fn hits(&self) -> Option<&Hits> {
        self.hits.as_ref()
    }

    /// While the search is still going through the library: how many briefings it
    /// has settled, of how many. What is shown until then is what it found so far.
    pub fn search_progress(&self) -> Option<(usize, usize)> {
        self.hits
            .as_ref()
            .filter(|h| !h.done())
            .map(|h| h.progress())
    }

    // ---- the search, a slice at a time ----

    /// Leaves the search to run a slice at a time: a keystroke only starts it, and
    /// [`App::search_further`] and [`App::show_found`] take it on between keys.
    /// Otherwise (the default) each keystroke searches the whole library at once.
    pub fn stream_search(&mut self, on: bool) {
        self.streaming = on;
    }

    /// Searches up to `briefings` more briefings for the query; true while some are
    /// left. What was found is shown by [`App::show_found`].
    pub fn search_further(&mut self, briefings: usize) -> bool {
        match &mut self.hits {
            Some(h) if !h.done() => !h.step(&self.library, briefings),
            _ => false,
        }
    }

    /// Shows in the lists what the search has found so far.
    pub fn show_found(&mut self) {
        self.show_search_so_far();
    }

    /// Makes the search follow the query and the library: a new query starts it again
    /// (from what a shorter one found, when it grew), briefings that arrived are
    /// searched too, and unless streaming, it is done at once.
    fn follow_query(&mut self) {
        let q = self.filters.query.lower();
        if q.is_empty() {
            self.hits = None;
            self.earlier_hits.clear();
            return;
        }
        match &mut self.hits {
            Some(h) if h.query_lower() == q => h.grow(&self.library),
            _ => {
                let old = self.hits.take();
                let grew = old.as_ref().is_some_and(|o| q.contains(o.query_lower()));
                // Erasing goes back to the search for what was typed before, if kept.
                let mut again = None;
                if !grew {
                    while let Some(h) = self.earlier_hits.pop() {
                        if h.query_lower() == q {
                            again = Some(h);
                            break;
                        }
                    }
                }
                self.hits = Some(match again {
                    Some(mut h) => {
                        h.grow(&self.library);
                        h
                    }
                    None => Hits::start(&self.library, q, old.as_ref()),
                });
                if let Some(old) = old.filter(|o| grew && o.done()) {
                    if self.earlier_hits.len() == EARLIER_HITS {
                        self.earlier_hits.remove(0);
                    }
                    self.earlier_hits.push(old);
                }
            }
        }
        if !self.streaming
            && let Some(h) = &mut self.hits
        {
            h.step(&self.library, usize::MAX);
        }
    }

    /// The library changed in place: what the search found names briefings by number.
    fn forget_hits(&mut self) {
        self.hits = None;
        self.earlier_hits.clear();
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The full-screen list, when one is open.
    pub fn screen(&self) -> Option<&Screen> {
        self.screen.as_ref()
    }

    /// What each pane lists.
    pub fn shown(&self) -> &Shown {
        &self.shown
    }

    /// The geometry of the last frame; drawing records it.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// Whether clicks and the wheel are taken.
    pub fn mouse(&self) -> bool {
        self.mouse
    }

    pub fn quit_requested(&self) -> bool {
        self.quit
    }

    /// A one-time message for the status bar, `{}` where it names a key.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The message with the actions whose keys it names, for the status bar.
    pub fn notice_with_keys(&self) -> Option<&Notice> {
        self.notice.as_ref()
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

    // ---- from the command line and the loader ----

    /// Lets the mouse click and scroll (`--mouse`).
    pub fn set_mouse(&mut self, on: bool) {
        self.mouse = on;
    }

    /// Filters by actor names given on the command line (names, ids or aliases).
    /// Names not found yet are tried again as more briefings load.
    pub fn select_actors_by_name(&mut self, names: &[String]) {
        let mut missing = Vec::new();
        for name in names {
            let found = self.actors_named(name);
            if found.is_empty() {
                missing.push(name.clone());
            }
            self.filters.actors.extend(found);
        }
        self.pending_actors = missing;
        self.after_filter_change();
        if !self.settling() {
            self.say_missing_actors();
        }
    }

    /// The actors a name given on the command line means. While files still arrive or
    /// their actors are being grouped, only an exact name, alias or id counts: the file
    /// with the actor meant may not be in yet, and another actor's name may contain the
    /// name (`us` in Pale Chorus); a part of a name is tried once all is known.
    fn actors_named(&self, name: &str) -> Vec<ActorIx> {
        let exact = self.library.actors.iter().any(|a| a.named_by(name) > 0);
        if self.settling() && !exact {
            return Vec::new();
        }
        self.library.find_actors(name)
    }

    pub fn open_dossier_by_name(&mut self, name: &str) {
        match self.actors_named(name).first() {
            Some(&ix) => self.open_screen(ListKind::Dossier(ix)),
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

    /// Briefings that arrived from the background loader; their actors are grouped
    /// elsewhere, and the grouping arrives by [`App::receive_grouping`]. Returns what
    /// the grouping needs of them.
    pub fn receive_ungrouped(
        &mut self,
        arrivals: Vec<Briefing>,
        failed: Vec<FailedFile>,
        progress: Progress,
    ) -> Vec<Roster> {
        let arrivals = arrivals.into_iter().map(Arrival::of).collect();
        self.receive_arrivals(arrivals, failed, progress)
    }

    /// [`App::receive_ungrouped`] for briefings whose fingerprints and roster were
    /// worked out where they were loaded.
    pub fn receive_arrivals(
        &mut self,
        arrivals: Vec<Arrival>,
        failed: Vec<FailedFile>,
        progress: Progress,
    ) -> Vec<Roster> {
        let had_list = self.shows_list();
        let rosters = self.library.append_arrivals(arrivals, failed);
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
            .filters
            .actors
            .iter()
            .filter_map(|&ix| first(ix))
            .collect();
        let dossier = match self.screen.as_ref().map(|s| s.kind) {
            Some(ListKind::Dossier(ix)) => first(ix),
            _ => None,
        };
        (selected, dossier)
    }

    fn reanchor(&mut self, (selected, dossier): Anchors) {
        if !selected.is_empty() {
            self.filters.actors = selected
                .into_iter()
                .filter_map(|(b, a)| self.library.actor_at(b, a))
                .collect();
        }
        if let (Some((b, a)), Some(screen)) = (dossier, self.screen.as_mut())
            && let Some(ix) = self.library.actor_at(b, a)
        {
            screen.kind = ListKind::Dossier(ix);
        }
    }

    /// Actor names from the command line, tried again now that more is known.
    fn resolve_pending(&mut self) {
        if !self.pending_actors.is_empty() {
            let names = std::mem::take(&mut self.pending_actors);
            let mut still = Vec::new();
            for n in names {
                let found = self.actors_named(&n);
                if found.is_empty() {
                    still.push(n);
                }
                self.filters.actors.extend(found);
            }
            self.pending_actors = still;
        }
        if let Some(name) = self.pending_dossier.take() {
            self.open_dossier_by_name(&name);
        }
    }

    fn after_arrival(&mut self, had_list: bool, progress: Progress) {
        self.news.observe_arrivals(&self.library);
        self.loading = (progress.done < progress.total).then_some(progress);
        self.resolve_pending();
        self.refresh();
        if !self.chose_briefing
            && let Some(&first) = self.shown.briefings.first()
        {
            self.places.briefings = 0;
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
        if self.loading.is_none() {
            self.library.loaded();
            self.first_load_done();
        }
    }

    // ---- the one way in for keys, the mouse and the terminal ----

    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. } | Action::Tick) {
            self.notice = None;
            self.touched = true;
            self.search.jump_when_found = false;
        }
        match action {
            Action::Tick => self.rest_tick(),
            Action::NextNew => self.next_new(),
            Action::MarkRead => self.mark_read(),
            Action::MarkAllRead => self.mark_all_read(),
            Action::WhatsNew => self.open_screen(ListKind::WhatsNew),
            Action::Quit => self.quit = true,
            // The next frame is drawn at the new size and records it.
            Action::Resize { .. } => {}
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
        // An item opened in full is read.
        if let Some(Overlay::Detail { item, .. }) = self.overlay {
            self.read(item);
        }
    }

    fn update_reader(&mut self, action: Action) {
        match action {
            Action::Help => self.open_help(),
            // Esc never clears a filter: a stray Esc must not throw away a search or a
            // selection. It leaves a zoomed pane, and says how filters are cleared.
            Action::Back if self.zoomed => self.zoomed = false,
            Action::Back if self.filters.is_active() => {
                self.notice = Some(Notice::with_keys(
                    "{} clears the filters; {} quits",
                    &[Action::ClearFilters, Action::Leave],
                ));
            }
            Action::Leave if self.zoomed => self.zoomed = false,
            Action::Leave => self.quit = true,
            Action::Zoom => self.zoomed = !self.zoomed,
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
            Action::Last => self.go_to_last(),
            Action::Open => {
                if let Some(item) = self.item_at_cursor(self.focus) {
                    self.open_overlay(Overlay::Detail {
                        item,
                        scroll: 0,
                        from: ListOf::Pane(self.focus),
                    });
                }
            }
            Action::PrevBriefing => self.step_briefing(-1),
            Action::NextBriefing => self.step_briefing(1),
            Action::ActorPicker => self.open_actor_picker(),
            Action::ToggleActor => self.toggle_actor_under_cursor(),
            Action::ClearFilters => self.clear_filters(),
            Action::Search => self.start_search(),
            Action::NextMatch => self.step_match(1),
            Action::PrevMatch => self.step_match(-1),
            Action::Dossier => self.open_dossier_here(),
            Action::LibraryTimeline => self.open_screen(ListKind::Timeline),
            Action::Errors => self.open_screen(ListKind::Errors),
            Action::CycleSort => {
                self.sort = self.sort.next();
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

    /// The help for the view in front, which it returns to when closed.
    fn open_help(&mut self) {
        if matches!(self.overlay, Some(Overlay::Help { .. })) {
            return;
        }
        let under = self.overlay.take().map(Box::new);
        self.open_overlay(Overlay::Help { scroll: 0, under });
    }

    /// The mode the help is about: that of the view under it.
    pub fn help_context(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help {
                under: Some(under), ..
            }) => match **under {
                Overlay::Detail { .. } => Mode::Detail,
                Overlay::Help { .. } => Mode::Help,
                Overlay::Picker(_) => Mode::Picker,
                Overlay::Confirm(_) => Mode::Confirm,
            },
            _ if self.screen.is_some() => Mode::Screen,
            _ => Mode::Reader,
        }
    }

    /// Opens a popup; what the last one showed no longer applies.
    fn open_overlay(&mut self, overlay: Overlay) {
        self.view.popup().forget();
        self.overlay = Some(overlay);
    }
}

/// Text from a file or the command line, cleaned for the status bar.
fn clean(s: &str) -> String {
    crate::text::clean_line(s).into_owned()
}
