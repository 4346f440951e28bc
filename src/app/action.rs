//! What a key, the mouse or the terminal can ask of the reader, and the names of
//! the places it can ask it in.

/// Everything a key, the mouse or the terminal can ask of the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// `Ctrl-c`: quits from anywhere.
    Quit,
    /// `q` in the panes: steps out of a zoomed pane, else quits.
    Leave,
    /// `Ctrl-z`: handled by the terminal loop, which owns the terminal.
    Suspend,
    Help,
    Back,
    FocusNext,
    FocusPrev,
    Focus(usize),
    /// Shows the focused pane on the whole body, or all panes again.
    Zoom,
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
    /// Clears every filter: actors, tags and the search.
    ClearFilters,
    /// The next or previous item of the list a detail view was opened from.
    NextItem,
    PrevItem,
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
    /// `u`: the next new or changed item across the library.
    NextNew,
    /// `m`: everything in this briefing counts as read.
    MarkRead,
    /// `M`: everything in the library counts as read.
    MarkAllRead,
    /// `W`: every new or changed item, newest first.
    WhatsNew,
    /// Time passes (a few times a second): the item rested on is read.
    Tick,
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

/// One of something for each pane: where the reader is in it, how it was drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PerPane<T> {
    pub briefings: T,
    pub overview: T,
    pub actors: T,
    pub timeline: T,
    pub quotes: T,
    pub implications: T,
}

impl<T> PerPane<T> {
    pub fn get(&self, pane: Pane) -> &T {
        match pane {
            Pane::Briefings => &self.briefings,
            Pane::Overview => &self.overview,
            Pane::Actors => &self.actors,
            Pane::Timeline => &self.timeline,
            Pane::Quotes => &self.quotes,
            Pane::Implications => &self.implications,
        }
    }

    pub fn get_mut(&mut self, pane: Pane) -> &mut T {
        match pane {
            Pane::Briefings => &mut self.briefings,
            Pane::Overview => &mut self.overview,
            Pane::Actors => &mut self.actors,
            Pane::Timeline => &mut self.timeline,
            Pane::Quotes => &mut self.quotes,
            Pane::Implications => &mut self.implications,
        }
    }
}

/// The order of the Briefings pane.
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

    pub fn next(self) -> Sort {
        match self {
            Sort::Newest => Sort::Oldest,
            Sort::Oldest => Sort::Title,
            Sort::Title => Sort::Newest,
        }
    }
}
