//! Things sold in glass: a bottle of golden rapeseed oil before a field in flower, and a jar of
//! amber honey with a wooden dipper and a piece of comb.

use std::f32::consts::PI;

use super::backdrop::{surface, Studio, Surface};
use super::canvas::{Bounds, Canvas, Rgb};
use super::garnish::{blossom, bokeh};
use super::rng::Rng;
use super::shapes::{lit, mix, round_rect, scale, smoothstep, Ellipse, Tube};

const SHADOW: Rgb = [0.06, 0.04, 0.02];

/// The outline of a round glass vessel: half-width as a function of height.
struct Profile {
    cx: f32,
    top: f32,
    bottom: f32,
    half_width: Box<dyn Fn(f32) -> f32>,
}

impl Profile {
    fn sdf(&self, x: f32, y: f32) -> f32 {
        let w = (self.half_width)(y.clamp(self.top, self.bottom));
        let side = (x - self.cx).abs() - w;
        let foot = Ellipse::new(self.cx, self.bottom - 14.0, w, 14.0, 0.0)
            .sdf(x, y)
            .max(self.bottom - 14.0 - y);
        side.max(self.top - y).max(y - self.bottom + 14.0).min(foot)
    }

    fn bounds(&self) -> Bounds {
        let w = (self.half_width)(self.bottom);
        Bounds {
            x0: self.cx - w * 1.1,
            x1: self.cx + w * 1.1,
            y0: self.top,
            y1: self.bottom,
        }
    }

    /// Position across the vessel at height y: -1 at the left wall, 1 at the right.
    fn across(&self, x: f32, y: f32) -> f32 {
        ((x - self.cx) / (self.half_width)(y.clamp(self.top, self.bottom)).max(1.0))
            .clamp(-1.0, 1.0)
    }

    /// Glass catches the light in two vertical streaks: a broad one on the lit side, a thin
    /// one on the far side.
    fn glints(&self, canvas: &mut Canvas, from: f32, to: f32) {
        for (at, w, o) in [(-0.62, 9.0, 0.55), (0.72, 3.5, 0.4)] {
            let x = |y: f32| self.cx + at * (self.half_width)(y);
            let glint = Tube::new(
                vec![
                    (x(from), from),
                    (x((from + to) / 2.0), (from + to) / 2.0),
                    (x(to), to),
                ],
                w,
                w * 0.7,
            );
            canvas.soft(
                glint.bounds(),
                w * 0.7,
                |x, y| glint.sdf(x, y),
                [1.0, 1.0, 1.0],
                o,
            );
        }
    }
}

pub(crate) fn rapeseed_oil(canvas: &mut Canvas, rng: &mut Rng) {
    let horizon = rng.around(690.0, 20.0);
    let seed = rng.noise_seed();
    canvas.fill(|x, y| {
        if y < horizon {
            let t = y / horizon;
            mix(
                [0.80, 0.88, 0.95],
                mix([0.86, 0.84, 0.45], [0.78, 0.76, 0.22], t),
                smoothstep(0.25, 0.8, t),
            )
        } else {
            surface(
                Surface::Wood,
                [0.66, 0.50, 0.34],
                x,
                (y - horizon) * 3.0,
                seed,
            )
        }
    });
    bokeh(
        canvas,
        rng,
        &[[1.0, 0.92, 0.35], [0.98, 0.86, 0.2], [0.7, 0.8, 0.35]],
        40,
        horizon,
    );
    let cx = rng.around(420.0, 30.0);
    let bottom = rng.around(900.0, 15.0);
    let bottle = Profile {
        cx,
        top: bottom - 720.0,
        bottom,
        half_width: Box::new(move |y| {
            let shoulder = smoothstep(bottom - 520.0, bottom - 400.0, y);
            36.0 + (125.0 - 36.0) * shoulder
        }),
    };
    let shadow = Ellipse::new(cx + 90.0, bottom - 6.0, 190.0, 26.0, 0.0);
    canvas.soft(shadow.bounds(), 26.0, |x, y| shadow.sdf(x, y), SHADOW, 0.5);
    let level = bottle.top + 140.0;
    canvas.shape(
        bottle.bounds(),
        |x, y| bottle.sdf(x, y),
        |x, y| {
            let a = bottle.across(x, y);
            if y < level {
                return ([0.95, 0.97, 0.92], 0.25);
            }
            // Light passes through the middle of the oil and is lost at the walls.
            let oil = mix([1.0, 0.86, 0.32], [0.78, 0.47, 0.04], a * a);
            (scale(oil, 1.0 - 0.12 * a), 0.95)
        },
    );
    let label_top = bottom - 330.0;
    canvas.shape(
        bottle.bounds(),
        |x, y| bottle.sdf(x, y).max(label_top - y).max(y - bottom + 110.0),
        |x, y| {
            let a = bottle.across(x, y);
            let n = [a, 0.0, (1.0 - a * a).sqrt()];
            let band = (y - label_top - 40.0).abs() < 8.0 || (y - bottom + 150.0).abs() < 8.0;
            let paper = if band {
                [0.25, 0.45, 0.20]
            } else {
                [0.96, 0.93, 0.84]
            };
            (lit(paper, n, 0.45, 0.1, 10.0), 1.0)
        },
    );
    let emblem = (cx, label_top + 110.0);
    blossom(canvas, rng, emblem.0, emblem.1, 34.0, [0.98, 0.82, 0.10]);
    let cap_top = bottle.top - 45.0;
    canvas.shape(
        Bounds::around(cx, cap_top + 30.0, 46.0, 32.0),
        |x, y| round_rect(x, y, cx, cap_top + 28.0, 44.0, 30.0, 6.0),
        |x, y| {
            let a = ((x - cx) / 44.0).clamp(-1.0, 1.0);
            let ridge = 0.9
                + 0.1
                    * ((x - cx) * 0.6).sin().abs()
                    * smoothstep(cap_top + 10.0, cap_top + 14.0, y);
            (
                lit(
                    scale([0.16, 0.40, 0.20], ridge),
                    [a, 0.0, (1.0 - a * a).sqrt()],
                    0.35,
                    0.5,
                    25.0,
                ),
                1.0,
            )
        },
    );
    canvas.soft(
        bottle.bounds(),
        0.0,
        |x, y| bottle.sdf(x, y).abs() - 1.5,
        [1.0, 1.0, 0.95],
        0.4,
    );
    bottle.glints(canvas, bottle.top + 30.0, bottom - 40.0);
    flowers(canvas, rng, cx + 300.0, bottom);
}

/// Rapeseed in flower: green stems topped with clusters of small four-petalled blossoms.
fn flowers(canvas: &mut Canvas, rng: &mut Rng, x: f32, ground: f32) {
    for _ in 0..3 + rng.below(2) {
        let top = (x + rng.around(0.0, 120.0), rng.range(300.0, 460.0));
        let foot = (x + rng.around(0.0, 60.0), ground + 60.0);
        let stem = Tube::curve(
            foot,
            (top.0 + rng.around(0.0, 40.0), (foot.1 + top.1) / 2.0),
            top,
            6,
            7.0,
            4.0,
        );
        canvas.shape(
            stem.bounds(),
            |x, y| stem.sdf(x, y),
            |x, y| {
                (
                    lit([0.36, 0.55, 0.20], stem.probe(x, y).normal, 0.4, 0.2, 12.0),
                    1.0,
                )
            },
        );
        for _ in 0..14 + rng.below(6) {
            let angle = rng.range(PI, 2.0 * PI);
            let r = rng.range(0.0, 85.0);
            let (fx, fy) = (
                top.0 + angle.cos() * r,
                top.1 + angle.sin() * r * 0.8 + 20.0,
            );
            let size = rng.range(17.0, 24.0);
            blossom(canvas, rng, fx, fy, size, [1.0, 0.85, 0.12]);
        }
    }
}

pub(crate) fn honey(canvas: &mut Canvas, rng: &mut Rng) {
    Studio {
        wall: ([0.95, 0.88, 0.74], [0.86, 0.74, 0.55]),
        table: ([0.62, 0.44, 0.28], [0.52, 0.35, 0.21]),
        horizon: Some(rng.around(420.0, 20.0)),
        surface: Surface::Wood,
        seed: rng.noise_seed(),
    }
    .paint(canvas);
    let cx = rng.around(400.0, 30.0);
    let bottom = rng.around(840.0, 15.0);
    let jar = Profile {
        cx,
        top: bottom - 470.0,
        bottom,
        half_width: Box::new(move |y| {
            let neck = smoothstep(bottom - 470.0, bottom - 400.0, y);
            128.0 + 37.0 * neck
        }),
    };
    let shadow = Ellipse::new(cx + 100.0, bottom - 4.0, 220.0, 30.0, 0.0);
    canvas.soft(shadow.bounds(), 30.0, |x, y| shadow.sdf(x, y), SHADOW, 0.55);
    let level = jar.top + 60.0;
    canvas.shape(
        jar.bounds(),
        |x, y| jar.sdf(x, y),
        |x, y| {
            let a = jar.across(x, y);
            if y < level {
                return ([0.98, 0.95, 0.88], 0.3);
            }
            let depth = smoothstep(level, jar.bottom, y);
            let amber = mix(
                [0.98, 0.66, 0.14],
                [0.62, 0.27, 0.03],
                (a * a * 0.8 + depth * 0.4).min(1.0),
            );
            (amber, 0.96)
        },
    );
    let lid_y = jar.top - 20.0;
    canvas.shape(
        Bounds::around(cx, lid_y, 140.0, 40.0),
        |x, y| round_rect(x, y, cx, lid_y, 136.0, 34.0, 8.0),
        |x, y| {
            let a = ((x - cx) / 136.0).clamp(-1.0, 1.0);
            let ridge = 0.88 + 0.12 * ((y - lid_y) * 0.5).sin().abs();
            (
                lit(
                    scale([0.80, 0.62, 0.22], ridge),
                    [a, 0.0, (1.0 - a * a).sqrt()],
                    0.3,
                    0.8,
                    30.0,
                ),
                1.0,
            )
        },
    );
    canvas.soft(
        jar.bounds(),
        0.0,
        |x, y| jar.sdf(x, y).abs() - 1.5,
        [1.0, 0.98, 0.9],
        0.45,
    );
    jar.glints(canvas, level + 20.0, bottom - 40.0);
    comb(canvas, rng, (cx - 170.0, bottom + 70.0));
    dipper(canvas, rng, (cx + 200.0, bottom + 60.0));
}

/// A honey dipper lying on the table: turned handle and grooved head dripping honey.
fn dipper(canvas: &mut Canvas, rng: &mut Rng, head: (f32, f32)) {
    let angle = rng.around(-0.45, 0.1);
    let (ux, uy) = (angle.cos(), angle.sin());
    let wood = [0.80, 0.60, 0.36];
    let puddle = Ellipse::new(head.0 + 10.0, head.1 + 30.0, 90.0, 28.0, 0.0);
    canvas.shape(
        puddle.bounds(),
        |x, y| puddle.sdf(x, y),
        |x, y| {
            (
                lit([0.78, 0.40, 0.05], puddle.normal(x, y), 0.5, 0.9, 40.0),
                0.9,
            )
        },
    );
    let end = (head.0 + ux * 360.0, head.1 + uy * 360.0);
    let handle = Tube::new(
        vec![(head.0 + ux * 50.0, head.1 + uy * 50.0), end],
        11.0,
        14.0,
    );
    canvas.soft(
        handle.bounds().grow(20.0),
        8.0,
        |x, y| handle.sdf(x - 8.0, y - 14.0),
        SHADOW,
        0.5,
    );
    canvas.shape(
        handle.bounds(),
        |x, y| handle.sdf(x, y),
        |x, y| (lit(wood, handle.probe(x, y).normal, 0.35, 0.3, 20.0), 1.0),
    );
    for i in 0..6 {
        let t = -50.0 + i as f32 * 18.0;
        let ring = Ellipse::new(
            head.0 + ux * t,
            head.1 + uy * t,
            14.0,
            46.0 - (i as f32 - 2.5).abs() * 5.0,
            angle,
        );
        canvas.shape(
            ring.bounds(),
            |x, y| ring.sdf(x, y),
            |x, y| (lit(wood, ring.normal(x, y), 0.35, 0.3, 20.0), 1.0),
        );
    }
    let coat = Ellipse::new(head.0 - ux * 10.0, head.1 + 10.0, 70.0, 40.0, angle);
    canvas.shape(
        coat.bounds(),
        |x, y| coat.sdf(x, y).max(head.1 - 5.0 - y),
        |x, y| {
            (
                lit([0.92, 0.52, 0.08], coat.normal(x, y), 0.5, 0.9, 40.0),
                0.8,
            )
        },
    );
}

/// A slab of honeycomb: wax walls around cells full of honey.
fn comb(canvas: &mut Canvas, rng: &mut Rng, centre: (f32, f32)) {
    let (hw, hh) = (rng.around(120.0, 10.0), 60.0);
    let slab = move |x: f32, y: f32| round_rect(x, y, centre.0, centre.1, hw, hh, 14.0);
    let b = Bounds::around(centre.0, centre.1, hw, hh + 20.0);
    canvas.soft(
        b.grow(30.0),
        16.0,
        |x, y| slab(x - 16.0, y - 30.0),
        SHADOW,
        0.5,
    );
    canvas.flat(b, |x, y| slab(x, y - 16.0), [0.70, 0.42, 0.08]);
    canvas.shape(b, slab, |x, y| {
        let cell = hex_distance(x - centre.0, (y - centre.1) * 1.6, 22.0);
        let wall = smoothstep(0.80, 0.9, cell);
        let honey = mix([0.98, 0.70, 0.18], [0.75, 0.38, 0.05], cell * 0.7);
        (mix(honey, [0.98, 0.86, 0.52], wall), 1.0)
    });
}

/// Distance to the nearest hexagon centre, 0 at the centre and 1 at the cell wall.
fn hex_distance(x: f32, y: f32, size: f32) -> f32 {
    let (w, h) = (size * 3f32.sqrt(), size * 1.5);
    let row = (y / h).round();
    let offset = if (row as i32) % 2 == 0 { 0.0 } else { w / 2.0 };
    let col = ((x - offset) / w).round();
    let mut best = f32::MAX;
    for dr in [-1.0, 0.0, 1.0] {
        let r = row + dr;
        let off = if (r as i32) % 2 == 0 { 0.0 } else { w / 2.0 };
        for dc in [-1.0, 0.0, 1.0] {
            let (hx, hy) = ((col + dc) * w + off, r * h);
            let (dx, dy) = ((x - hx).abs(), (y - hy).abs());
            let d = (dx * 3f32.sqrt() / 2.0 + dy / 2.0).max(dy) / (size * 3f32.sqrt() / 2.0);
            let d = d.max(dx / (w / 2.0));
            best = best.min(d);
        }
    }
    best
}
