//! Where each pane goes, for any terminal size: a pure function of the size and the
//! state. Drawing records the areas it used, and a mouse click is found in those.
//!
//! The focused pane gets the room, as in lazygit: at least two thirds of its column's
//! height, and its column two thirds of the width when it is the narrow one. `z`
//! gives it the whole body.

use ratatui::layout::Rect;

use crate::app::{App, Pane};

/// Below this the reader says the terminal is too small instead of drawing.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

pub struct Layout {
    pub title: Rect,
    pub body: Rect,
    pub status: Rect,
    pub hints: Rect,
    pub panes: Vec<(Pane, Rect)>,
}

pub fn layout(app: &App, area: Rect) -> Layout {
    let head = 1;
    let title = Rect::new(area.x, area.y, area.width, head.min(area.height));
    let hints = Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
    let status = Rect::new(area.x, area.bottom().saturating_sub(2), area.width, 1);
    let body = Rect::new(
        area.x,
        area.y + head,
        area.width,
        area.height.saturating_sub(head + 2),
    );
    let mut left: Vec<Pane> = Vec::new();
    if app.shows_list() {
        left.push(Pane::Briefings);
    }
    left.push(Pane::Actors);
    let right = [
        Pane::Overview,
        Pane::Timeline,
        Pane::Quotes,
        Pane::Implications,
    ];
    let focus = app.focus();
    let focus_left = left.contains(&focus);

    let panes = if app.zoomed() {
        vec![(focus, body)]
    } else if body.width >= 120 && body.height >= 28 {
        // Wide: list and actors on the left, overview on top, timeline and quotes side
        // by side, implications below; the focused pane takes the larger share.
        let lw = if focus_left {
            body.width.div_ceil(3) * 2
        } else {
            (body.width * 28 / 100).clamp(30, 48)
        };
        let (l, r) = split_h(body, lw);
        let mut v = column(app, l, &left, Some(focus));
        let (oh, ih) = match focus {
            Pane::Overview => (r.height / 2, (r.height / 6).clamp(4, 8)),
            Pane::Implications => ((r.height / 6).clamp(5, 9), r.height / 2),
            _ => ((r.height / 5).clamp(5, 10), (r.height / 6).clamp(4, 8)),
        };
        let top = Rect::new(r.x, r.y, r.width, oh);
        let bottom = Rect::new(r.x, r.bottom() - ih, r.width, ih);
        let middle = Rect::new(r.x, r.y + oh, r.width, r.height - oh - ih);
        let tw = match focus {
            Pane::Timeline => middle.width * 2 / 3,
            Pane::Quotes => middle.width / 3,
            _ => middle.width / 2,
        };
        let (tl, qu) = split_h(middle, tw);
        v.extend([
            (Pane::Overview, top),
            (Pane::Timeline, tl),
            (Pane::Quotes, qu),
            (Pane::Implications, bottom),
        ]);
        v
    } else if body.width >= 70 {
        // Medium: two columns; the column of the focused pane is the wide one.
        let lw = if focus_left {
            body.width.div_ceil(3) * 2
        } else {
            (body.width * 30 / 100).clamp(24, 36)
        };
        let (l, r) = split_h(body, lw);
        let mut v = column(app, l, &left, Some(focus));
        v.extend(column(app, r, &right, Some(focus)));
        v
    } else {
        // Narrow: one column, stacked.
        let mut all = left.clone();
        all.extend(right);
        all.sort_by_key(|p| p.index());
        column(app, body, &all, Some(focus))
    };
    Layout {
        title,
        body,
        status,
        hints,
        panes,
    }
}

fn split_h(area: Rect, left_width: u16) -> (Rect, Rect) {
    let lw = left_width.min(area.width);
    (
        Rect::new(area.x, area.y, lw, area.height),
        Rect::new(area.x + lw, area.y, area.width - lw, area.height),
    )
}

/// Stacks panes in a column. A focused pane here gets two thirds of the height (less
/// when all it shows needs less) and the others share the rest; with no focus here
/// they share it evenly. A pane with too little room shrinks to its title.
fn column(app: &App, area: Rect, panes: &[Pane], focus: Option<Pane>) -> Vec<(Pane, Rect)> {
    let n = panes.len() as u16;
    if n == 0 {
        return Vec::new();
    }
    let at = panes.iter().position(|p| Some(*p) == focus);
    let mut heights = vec![0u16; panes.len()];
    let mut rest = area.height;
    if let Some(at) = at {
        let others = n - 1;
        heights[at] = if others == 0 {
            area.height
        } else {
            let two_thirds = (area.height * 2).div_ceil(3);
            two_thirds
                .min(needed(app, panes[at], area.width, two_thirds))
                .min(area.height.saturating_sub(others))
                .max(area.height.min(1))
        };
        rest = area.height - heights[at];
    }
    let others: Vec<usize> = (0..panes.len()).filter(|&i| Some(i) != at).collect();
    if !others.is_empty() {
        let each = rest / others.len() as u16;
        let mut extra = rest % others.len() as u16;
        for &i in &others {
            heights[i] = each + u16::from(extra > 0);
            extra = extra.saturating_sub(1);
        }
    }
    let mut y = area.y;
    panes
        .iter()
        .zip(heights)
        .map(|(p, h)| {
            let h = h.min(area.bottom().saturating_sub(y));
            let r = Rect::new(area.x, y, area.width, h);
            y += h;
            (*p, r)
        })
        .collect()
}

/// The height a pane needs to show all it has at this width (borders included), when
/// given at most `most`.
fn needed(app: &App, pane: Pane, width: u16, most: u16) -> u16 {
    let inner = (width.saturating_sub(2), most.saturating_sub(2));
    let lines = if app.current().is_none() && pane != Pane::Briefings {
        1
    } else if pane == Pane::Overview {
        super::parts::passages_height(
            &super::panes::overview_passages(app, &super::Theme::DEFAULT),
            inner.0 as usize,
        )
    } else {
        super::panes::row_heights(app, pane, inner).iter().sum()
    };
    (lines.max(1) + 2).min(u16::MAX as usize) as u16
}
