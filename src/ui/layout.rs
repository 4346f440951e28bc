//! Where each pane goes, for any terminal size: a pure function of the size and the
//! state. Drawing records the areas it used, and a mouse click is found in those.

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
    let title = Rect::new(area.x, area.y, area.width, 1);
    let hints = Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
    let status = Rect::new(area.x, area.bottom().saturating_sub(2), area.width, 1);
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(3),
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

    let panes = if body.width >= 120 && body.height >= 28 {
        // Wide: list and actors on the left, overview on top, timeline and quotes side
        // by side, implications below.
        let lw = (body.width * 28 / 100).clamp(30, 48);
        let (l, r) = split_h(body, lw);
        let mut v = column(l, &left, None);
        let oh = (r.height / 4).clamp(7, 12);
        let ih = (r.height / 5).clamp(5, 10);
        let top = Rect::new(r.x, r.y, r.width, oh);
        let bottom = Rect::new(r.x, r.bottom() - ih, r.width, ih);
        let middle = Rect::new(r.x, r.y + oh, r.width, r.height - oh - ih);
        let (tl, qu) = split_h(middle, middle.width / 2);
        v.extend([
            (Pane::Overview, top),
            (Pane::Timeline, tl),
            (Pane::Quotes, qu),
            (Pane::Implications, bottom),
        ]);
        v
    } else if body.width >= 70 {
        // Medium: two columns; the focused pane of each column gets the most room.
        let lw = (body.width * 30 / 100).clamp(24, 36);
        let (l, r) = split_h(body, lw);
        let mut v = column(l, &left, Some(focus));
        v.extend(column(r, &right, Some(focus)));
        v
    } else {
        // Narrow: one column, stacked.
        let mut all = left.clone();
        all.extend(right);
        all.sort_by_key(|p| p.index());
        column(body, &all, Some(focus))
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

/// Stacks panes in a column. With a focus, it gets three shares of the room and the
/// others one; when even three lines each do not fit, the others shrink to their title.
fn column(area: Rect, panes: &[Pane], focus: Option<Pane>) -> Vec<(Pane, Rect)> {
    let n = panes.len() as u16;
    if n == 0 {
        return Vec::new();
    }
    let focused_here = focus.filter(|f| panes.contains(f));
    let min_each = 3u16;
    let heights: Vec<u16> = if area.height >= min_each * n {
        let weights: Vec<u16> = panes
            .iter()
            .map(|p| if Some(*p) == focused_here { 3 } else { 1 })
            .collect();
        let total_w: u16 = weights.iter().sum();
        let spare = area.height - min_each * n;
        let mut hs: Vec<u16> = weights
            .iter()
            .map(|w| min_each + spare * w / total_w)
            .collect();
        let used: u16 = hs.iter().sum();
        // Rounding leftovers go to the focused pane (or the last).
        let at = panes
            .iter()
            .position(|p| Some(*p) == focused_here)
            .unwrap_or(panes.len() - 1);
        hs[at] += area.height - used;
        hs
    } else {
        let at = panes
            .iter()
            .position(|p| Some(*p) == focused_here)
            .unwrap_or(0);
        let rest = n - 1;
        panes
            .iter()
            .enumerate()
            .map(|(i, _)| {
                if i == at {
                    area.height.saturating_sub(rest)
                } else {
                    1.min(area.height)
                }
            })
            .collect()
    };
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
