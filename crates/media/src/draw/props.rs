//! Props shared by several still lifes: bowls, boards and the herbs laid beside meat.

use super::backdrop::{surface, Surface};
use super::canvas::{Bounds, Canvas, Rgb};
use super::rng::{fbm, Rng};
use super::shapes::{lit, round_rect, scale, smoothstep, Ellipse, Tube};

const SHADOW: Rgb = [0.06, 0.04, 0.03];

/// A turned bowl seen from above at an angle; the filling is painted after it.
pub(crate) fn bowl(canvas: &mut Canvas, cx: f32, cy: f32, rx: f32, ry: f32, depth: f32, wood: Rgb) {
    let outer = move |x: f32, y: f32| {
        let body = Ellipse::new(cx, cy, rx, depth, 0.0).sdf(x, y).max(cy - y);
        body.min(Ellipse::new(cx, cy, rx, ry, 0.0).sdf(x, y))
    };
    let shadow = Ellipse::new(cx + 60.0, cy + depth * 0.8, rx * 1.05, depth * 0.45, 0.0);
    canvas.soft(shadow.bounds(), 50.0, |x, y| shadow.sdf(x, y), SHADOW, 0.55);
    let b = Bounds::around(cx, cy + depth / 2.0, rx, depth / 2.0 + ry);
    canvas.shape(b, outer, |x, y| {
        let across = ((x - cx) / rx).clamp(-1.0, 1.0);
        let down = ((y - cy) / depth).clamp(0.0, 1.0);
        let n = [across, down * 0.5, (1.0 - across * across).max(0.0).sqrt()];
        let grain = 0.9 + 0.2 * fbm(x * 0.05, y * 0.004, 17);
        (lit(scale(wood, grain), n, 0.35, 0.25, 20.0), 1.0)
    });
    let inside = Ellipse::new(cx, cy, rx - 8.0, ry - 6.0, 0.0);
    canvas.shape(
        inside.bounds(),
        |x, y| inside.sdf(x, y),
        |_, y| {
            (
                scale(wood, 0.45 + 0.3 * smoothstep(cy - ry, cy + ry, y)),
                1.0,
            )
        },
    );
}

/// A sprig of rosemary: a woody stem with pairs of narrow dark needles.
pub(crate) fn rosemary(canvas: &mut Canvas, rng: &mut Rng, from: (f32, f32), to: (f32, f32)) {
    let bend = (
        (from.0 + to.0) / 2.0 + rng.around(0.0, 25.0),
        (from.1 + to.1) / 2.0 + rng.around(0.0, 25.0),
    );
    let stem = Tube::curve(from, bend, to, 6, 3.5, 2.0);
    canvas.soft(
        stem.bounds().grow(30.0),
        8.0,
        |x, y| stem.sdf(x - 6.0, y - 9.0) - 14.0,
        SHADOW,
        0.3,
    );
    canvas.shape(
        stem.bounds(),
        |x, y| stem.sdf(x, y),
        |x, y| {
            (
                lit([0.45, 0.40, 0.25], stem.probe(x, y).normal, 0.4, 0.1, 8.0),
                1.0,
            )
        },
    );
    let angle = (to.1 - from.1).atan2(to.0 - from.0);
    let needles = 22;
    for i in 0..needles {
        let t = 0.08 + 0.9 * i as f32 / needles as f32;
        let (sx, sy) = stem.at(t);
        let side = if i % 2 == 0 { 1.0 } else { -1.0 };
        let tilt = angle + side * rng.range(0.5, 0.9);
        let len = rng.range(26.0, 34.0) * (1.0 - 0.35 * t);
        let e = Ellipse::new(sx + tilt.cos() * len, sy + tilt.sin() * len, len, 4.5, tilt);
        let green = [0.20, 0.33, 0.22];
        canvas.shape(
            e.bounds(),
            |x, y| e.sdf(x, y),
            |x, y| (lit(green, e.normal(x, y), 0.4, 0.25, 16.0), 1.0),
        );
    }
}

/// A serving board seen from above at an angle: textured top, a darker front edge for its
/// thickness, and its shadow on the table.
pub(crate) struct Board {
    pub cx: f32,
    pub cy: f32,
    pub half_width: f32,
    pub half_height: f32,
    pub colour: Rgb,
    pub surface: Surface,
    pub seed: u32,
}

impl Board {
    pub(crate) fn paint(&self, canvas: &mut Canvas) {
        let (cx, cy, hw, hh) = (self.cx, self.cy, self.half_width, self.half_height);
        let thick = 22.0;
        let top = move |x: f32, y: f32| round_rect(x, y, cx, cy, hw, hh, 26.0);
        let b = Bounds::around(cx, cy, hw, hh + thick);
        canvas.soft(
            b.grow(60.0),
            40.0,
            |x, y| top(x - 40.0, y - thick - 30.0),
            SHADOW,
            0.6,
        );
        canvas.shape(
            b,
            |x, y| top(x, y - thick),
            |x, _| {
                let across = ((x - cx) / hw).abs();
                (scale(self.colour, 0.55 - 0.15 * across), 1.0)
            },
        );
        canvas.shape(b, top, |x, y| {
            let c = surface(self.surface, self.colour, x, y * 1.6, self.seed);
            let light = 1.06 - 0.12 * ((x - cx) / hw + (y - cy) / hh) / 2.0;
            (scale(c, light), 1.0)
        });
        // A bevel catching the light along the far edge.
        canvas.soft(
            b,
            1.0,
            |x, y| (top(x, y).abs() - 2.0).max(y - cy),
            scale(self.colour, 1.35),
            0.6,
        );
    }
}
