//! Heaps of small things (berries, grains, crystals): where each piece goes, in what order, and
//! how much of the heap's own shadow falls on it.

use super::canvas::{Bounds, Canvas, Rgb};
use super::rng::Rng;
use super::shapes::{lit, scale, Ellipse};

/// A dome-shaped heap seen from slightly above: a half-ellipse rising from the base line and a
/// shallower half-ellipse for its near side.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mound {
    pub cx: f32,
    pub base: f32,
    pub half_width: f32,
    pub height: f32,
    pub depth: f32,
}

impl Mound {
    pub(crate) fn sdf(&self, x: f32, y: f32) -> f32 {
        let top = Ellipse::new(self.cx, self.base, self.half_width, self.height, 0.0);
        let near = Ellipse::new(self.cx, self.base, self.half_width, self.depth, 0.0);
        let top = top.sdf(x, y).max(y - self.base);
        top.min(near.sdf(x, y))
    }

    pub(crate) fn bounds(&self) -> Bounds {
        Bounds {
            x0: self.cx - self.half_width,
            x1: self.cx + self.half_width,
            y0: self.base - self.height,
            y1: self.base + self.depth,
        }
    }

    /// `n` positions inside the heap, back to front (top to bottom), so nearer pieces overlap
    /// farther ones as they would in a photograph.
    pub(crate) fn scatter(&self, rng: &mut Rng, n: usize, inset: f32) -> Vec<(f32, f32)> {
        let b = self.bounds();
        let mut points = Vec::with_capacity(n);
        let mut tries = 0;
        while points.len() < n && tries < n * 20 {
            tries += 1;
            let (x, y) = (rng.range(b.x0, b.x1), rng.range(b.y0, b.y1));
            if self.sdf(x, y) < -inset {
                points.push((x, y));
            }
        }
        points.sort_by(|a, b| a.1.total_cmp(&b.1));
        points
    }

    /// How lit a piece at (x, y) is: the top faces the light, the base and the side away from
    /// the light sit in the heap's own shadow.
    pub(crate) fn light_at(&self, x: f32, y: f32) -> f32 {
        let b = self.bounds();
        let down = ((y - b.y0) / (b.y1 - b.y0)).clamp(0.0, 1.0);
        let across = ((x - self.cx) / self.half_width).clamp(-1.0, 1.0);
        1.1 - 0.4 * down * down - 0.15 * across
    }

    /// The soft shadow the heap casts on the table, away from the light, and a dark fill so
    /// gaps between pieces read as depth rather than table.
    pub(crate) fn ground(&self, canvas: &mut Canvas, gap_colour: Rgb) {
        let shadow = Ellipse::new(
            self.cx + self.half_width * 0.08,
            self.base + self.depth * 0.55,
            self.half_width * 1.08,
            self.depth * 1.25,
            0.0,
        );
        canvas.soft(
            shadow.bounds(),
            self.depth * 0.9,
            |x, y| shadow.sdf(x, y),
            [0.05, 0.04, 0.03],
            0.55,
        );
        let m = *self;
        canvas.soft(m.bounds(), 8.0, |x, y| m.sdf(x, y) + 30.0, gap_colour, 1.0);
    }
}

/// A glossy rounded piece (berry, grain) with its small contact shadow.
pub(crate) fn glossy(canvas: &mut Canvas, e: &Ellipse, colour: Rgb, gloss: f32, shininess: f32) {
    let shadow = e.moved(e.a.min(e.b) * 0.25, e.a.min(e.b) * 0.4, 1.02);
    canvas.soft(
        shadow.bounds(),
        e.a.min(e.b) * 0.3,
        |x, y| shadow.sdf(x, y),
        [0.03, 0.02, 0.02],
        0.45,
    );
    piece(canvas, e, colour, gloss, shininess);
}

/// A glossy rounded piece without a shadow of its own: inside a heap the shadow would be
/// hidden by the next piece anyway, and the heap's dark fill already reads as depth.
pub(crate) fn piece(canvas: &mut Canvas, e: &Ellipse, colour: Rgb, gloss: f32, shininess: f32) {
    canvas.shape(
        e.bounds(),
        |x, y| e.sdf(x, y),
        |x, y| {
            let n = e.normal(x, y);
            // The rim darkens a little more than Lambert says: skins are not perfect spheres.
            let rim = 0.78 + 0.22 * n[2];
            (lit(scale(colour, rim), n, 0.28, gloss, shininess), 1.0)
        },
    );
}
