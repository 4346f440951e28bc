//! The library brought up to date with the files on disk: a changed file replaces its
//! briefing where it stands, a new one joins, a removed one leaves, and a file that no
//! longer loads keeps its last good version on screen, marked stale, with its
//! problems among the files with errors until it loads again.

use std::path::{Path, PathBuf};

use super::{FailedFile, Library, Roster};
use crate::date::Date;
use crate::load::Loaded;
use crate::model::Briefing;

/// What a reload did, file by file, for saying so.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// New briefings.
    pub added: Vec<PathBuf>,
    /// Briefings read again (recovered ones included).
    pub updated: Vec<PathBuf>,
    /// Briefings that no longer load: their last good version stays, marked stale.
    pub broken: Vec<PathBuf>,
    /// Files that never loaded and still do not.
    pub failed: Vec<PathBuf>,
    /// Files that are gone, with the title of the briefing they held.
    pub removed: Vec<(PathBuf, Option<String>)>,
    /// Briefings whose file was renamed (or moved): a file gone and a new one with
    /// the same briefing id, `(before, after)`.
    pub renamed: Vec<(PathBuf, PathBuf)>,
}

impl Applied {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.updated.is_empty()
            && self.broken.is_empty()
            && self.failed.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
    }
}

impl Library {
    /// Takes in files read again (`loaded`, each with its path as the library knows
    /// it) and files that are gone. Indices of briefings after a removed one move down.
    pub fn apply(&mut self, loaded: Vec<(PathBuf, Loaded)>, removed: &[PathBuf]) -> Applied {
        let mut done = Applied::default();
        // What the briefings read again changed: only that is made again (a file saved
        // with a corrected sentence leaves every order, count and grouping as it was).
        let mut touched = Touched::default();
        for (path, outcome) in loaded {
            self.failed.retain(|f| f.path != path);
            let at = self.position_of(&path);
            match outcome {
                Ok(mut b) => {
                    b.path = path.clone();
                    self.stale.remove(&path);
                    let roster = Roster::of(&b);
                    let prints = super::news::prints(&b);
                    match at {
                        Some(i) => {
                            touched.note(i, &self.briefings[i], &b);
                            touched.actors |= !same_roster(&self.rosters[i], &roster);
                            self.keep_earlier_texts(i);
                            self.rosters[i] = roster;
                            self.prints[i] = prints;
                            self.briefings[i] = b;
                            done.updated.push(path);
                        }
                        None => {
                            touched.all = true;
                            self.rosters.push(roster);
                            self.prints.push(prints);
                            self.briefings.push(b);
                            done.added.push(path);
                        }
                    }
                }
                Err(problems) => {
                    if at.is_some() {
                        self.stale.insert(path.clone());
                        done.broken.push(path.clone());
                    } else {
                        done.failed.push(path.clone());
                    }
                    self.failed.push(FailedFile { path, problems });
                }
            }
        }
        let mut gone: Vec<usize> = removed.iter().filter_map(|p| self.position_of(p)).collect();
        gone.sort_unstable_by(|a, b| b.cmp(a));
        gone.dedup();
        touched.all |= !gone.is_empty();
        for i in gone {
            self.keep_earlier_texts(i);
            let b = self.briefings.remove(i);
            self.rosters.remove(i);
            self.prints.remove(i);
            self.stale.remove(&b.path);
            // The same briefing under a new name: renamed, not removed and added.
            let moved_to = done
                .added
                .iter()
                .position(|p| self.briefings.iter().any(|x| &x.path == p && x.id == b.id));
            match moved_to {
                Some(k) => {
                    let to = done.added.remove(k);
                    done.renamed.push((b.path, to));
                }
                None => done
                    .removed
                    .push((b.path, Some(b.title.shown().to_string()))),
            }
        }
        for path in removed {
            let before = self.failed.len();
            self.failed.retain(|f| &f.path != path);
            if self.failed.len() < before && !done.removed.iter().any(|(p, _)| p == path) {
                done.removed.push((path.clone(), None));
            }
        }
        if touched.all {
            self.rechronicle();
        } else if !touched.redated.is_empty() {
            self.rechronicle_some(&touched.redated);
        }
        // Grouped here and now: the numbers of actors must match the briefings before
        // anything draws them again.
        if touched.all {
            self.forget_derived();
            self.set_index(super::grouping::group(&self.rosters));
        } else {
            if touched.actors {
                self.regroup();
            }
            self.forget_touched(&touched);
        }
        done
    }

    /// Where the briefing of `path` is. Paths are compared as written first (one
    /// comparison of bytes each), then as paths, which is slower but sees `a//b` as
    /// `a/b`.
    pub fn position_of(&self, path: &Path) -> Option<usize> {
        let bs = &self.briefings;
        bs.iter()
            .position(|b| b.path.as_os_str() == path.as_os_str())
            .or_else(|| bs.iter().position(|b| b.path == path))
    }
}

/// What briefings read again in place changed of what the library keeps over them.
#[derive(Debug, Default)]
pub(super) struct Touched {
    /// Briefings came or went: everything is made again.
    pub all: bool,
    /// A briefing's date: the orders by date.
    pub dates: bool,
    /// A title: the order by title.
    pub titles: bool,
    /// Tags: the tags' counts and briefings.
    pub tags: bool,
    /// How many entries a timeline has, or an entry's date: the chronology and the
    /// library timeline, where each briefing's entries start.
    pub entry_dates: bool,
    /// The briefings whose entries' dates or count changed.
    pub redated: Vec<usize>,
    /// Which actors an entry names: each actor's entries.
    pub entry_actors: bool,
    /// A briefing's actors (ids, names, aliases): the grouping.
    pub actors: bool,
}

impl Touched {
    /// Notes what `now` changes of `was`, the same file's briefing before.
    fn note(&mut self, b: usize, was: &Briefing, now: &Briefing) {
        self.dates |= !same_date(&was.date, &now.date);
        self.titles |= was.title.shown() != now.title.shown();
        self.tags |= !was
            .tags
            .iter()
            .map(|t| t.shown())
            .eq(now.tags.iter().map(|t| t.shown()));
        let entries = || was.timeline.iter().zip(&now.timeline);
        let same_count = was.timeline.len() == now.timeline.len();
        if !same_count || entries().any(|(x, y)| !same_date(&x.date, &y.date)) {
            self.entry_dates = true;
            self.redated.push(b);
        }
        self.entry_actors |= !same_count || entries().any(|(a, b)| a.actors != b.actors);
    }
}

/// The same date, written the same way (dates equal as instants can be written in
/// different offsets, which orders them).
fn same_date(a: &Date, b: &Date) -> bool {
    a == b && a.precision() == b.precision() && a.to_string() == b.to_string()
}

fn same_roster(a: &Roster, b: &Roster) -> bool {
    a.path == b.path
        && a.actors.len() == b.actors.len()
        && a.actors.iter().zip(&b.actors).all(|(x, y)| **x == **y)
}
