//! The library brought up to date with the files on disk: a changed file replaces its
//! briefing where it stands, a new one joins, a removed one leaves, and a file that no
//! longer loads keeps its last good version on screen, marked stale, with its
//! problems among the files with errors until it loads again.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{FailedFile, Library, Roster};
use crate::load::Loaded;

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
        let mut at: HashMap<PathBuf, usize> = self
            .briefings
            .iter()
            .enumerate()
            .map(|(i, b)| (b.path.clone(), i))
            .collect();
        for (path, outcome) in loaded {
            self.failed.retain(|f| f.path != path);
            match outcome {
                Ok(mut b) => {
                    b.path = path.clone();
                    self.stale.remove(&path);
                    let roster = Roster::of(&b);
                    let prints = super::news::prints(&b);
                    match at.get(&path) {
                        Some(&i) => {
                            self.keep_earlier_texts(i);
                            self.rosters[i] = roster;
                            self.prints[i] = prints;
                            self.briefings[i] = b;
                            done.updated.push(path);
                        }
                        None => {
                            at.insert(path.clone(), self.briefings.len());
                            self.rosters.push(roster);
                            self.prints.push(prints);
                            self.briefings.push(b);
                            done.added.push(path);
                        }
                    }
                }
                Err(problems) => {
                    if at.contains_key(&path) {
                        self.stale.insert(path.clone());
                        done.broken.push(path.clone());
                    } else {
                        done.failed.push(path.clone());
                    }
                    self.failed.push(FailedFile { path, problems });
                }
            }
        }
        let mut gone: Vec<usize> = removed.iter().filter_map(|p| at.get(p).copied()).collect();
        gone.sort_unstable_by(|a, b| b.cmp(a));
        gone.dedup();
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
        self.rechronicle();
        // Grouped here and now: the numbers of actors must match the briefings before
        // anything draws them again.
        self.set_index(super::grouping::group(&self.rosters));
        done
    }
}
