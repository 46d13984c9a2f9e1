//! Meat: marbled dark-red yak steaks on a wooden board, and pink Tibetan lamb chops with their
//! fat caps and bones on slate, each with rosemary and pepper beside.

use std::f32::consts::PI;

use super::backdrop::{Studio, Surface};
use super::canvas::{Bounds, Canvas, Rgb};
use super::props::{rosemary, Board};
use super::rng::{fbm, noise, Rng};
use super::shapes::{lit, mix, scale, smoothstep, Ellipse, Polygon, Tube};

const SHADOW: Rgb = [0.04, 0.02, 0.02];

pub(crate) fn yak_meat(canvas: &mut Canvas, rng: &mut Rng) {
    Studio {
        wall: ([0.30, 0.28, 0.27], [0.22, 0.21, 0.20]),
        table: ([0.26, 0.25, 0.24], [0.18, 0.17, 0.17]),
        horizon: Some(rng.around(200.0, 20.0)),
        surface: Surface::Slate,
        seed: rng.noise_seed(),
    }
    .paint(canvas);
    Board {
        cx: 500.0,
        cy: rng.around(560.0, 15.0),
        half_width: 420.0,
        half_height: 300.0,
        colour: mix([0.62, 0.44, 0.28], [0.55, 0.36, 0.22], rng.unit()),
        surface: Surface::Wood,
        seed: rng.noise_seed(),
    }
    .paint(canvas);
    let cuts = 2 + rng.below(2);
    for i in 0..cuts {
        let t = (i as f32 + 0.5) / cuts as f32;
        let centre = (
            170.0 + 660.0 * t + rng.around(0.0, 20.0),
            rng.around(530.0, 40.0),
        );
        let size = (
            rng.range(150.0, 180.0) * 2.2 / cuts as f32,
            rng.range(110.0, 140.0),
        );
        let angle = PI / 2.0 + rng.around(0.0, 0.3);
        let cut = Cut::new(rng, centre, size, angle);
        cut.paint(canvas, rng, [0.46, 0.07, 0.07], 0.035, None);
    }
    garnish(canvas, rng);
}

pub(crate) fn tibetan_mutton(canvas: &mut Canvas, rng: &mut Rng) {
    Studio {
        wall: ([0.86, 0.84, 0.80], [0.76, 0.74, 0.70]),
        table: ([0.70, 0.66, 0.60], [0.60, 0.56, 0.50]),
        horizon: Some(rng.around(200.0, 20.0)),
        surface: Surface::Linen,
        seed: rng.noise_seed(),
    }
    .paint(canvas);
    Board {
        cx: 500.0,
        cy: rng.around(560.0, 15.0),
        half_width: 420.0,
        half_height: 300.0,
        colour: [0.24, 0.25, 0.27],
        surface: Surface::Slate,
        seed: rng.noise_seed(),
    }
    .paint(canvas);
    let chops = 3 + rng.below(2);
    let fan = rng.around(0.0, 0.2);
    for i in 0..chops {
        let t = (i as f32 + 0.5) / chops as f32;
        let centre = (190.0 + 560.0 * t, rng.around(610.0, 25.0));
        let angle = fan - PI / 2.0 + (t - 0.5) * 0.7;
        chop(canvas, rng, centre, angle);
    }
    garnish(canvas, rng);
}

/// A lamb chop: the frenched bone with its knuckle, then the eye of meat in its fat cap.
fn chop(canvas: &mut Canvas, rng: &mut Rng, centre: (f32, f32), angle: f32) {
    let (ux, uy) = (angle.cos(), angle.sin());
    let size = (rng.range(105.0, 120.0), rng.range(80.0, 95.0));
    let side = rng.around(0.0, 25.0);
    let at = |t: f32| (centre.0 + ux * t - uy * side, centre.1 + uy * t + ux * side);
    let length = rng.range(190.0, 230.0);
    let bone = Tube::new(vec![at(40.0), at(length)], 16.0, 13.0);
    let knuckle = Ellipse::new(at(length).0, at(length).1, 20.0, 16.0, angle);
    let bone_colour = [0.94, 0.89, 0.80];
    canvas.soft(
        bone.bounds().grow(24.0),
        10.0,
        |x, y| bone.sdf(x - 10.0, y - 14.0),
        SHADOW,
        0.5,
    );
    canvas.shape(
        bone.bounds(),
        |x, y| bone.sdf(x, y),
        |x, y| {
            (
                lit(bone_colour, bone.probe(x, y).normal, 0.35, 0.3, 20.0),
                1.0,
            )
        },
    );
    canvas.shape(
        knuckle.bounds(),
        |x, y| knuckle.sdf(x, y),
        |x, y| (lit(bone_colour, knuckle.normal(x, y), 0.35, 0.3, 20.0), 1.0),
    );
    // The strip of meat and fat that stays along the bone next to the eye.
    let strip = Tube::new(vec![at(30.0), at(size.0 + 40.0)], 34.0, 18.0);
    canvas.shape(
        strip.bounds(),
        |x, y| strip.sdf(x, y),
        |x, y| {
            let p = strip.probe(x, y);
            (lit([0.93, 0.84, 0.74], p.normal, 0.45, 0.2, 14.0), 1.0)
        },
    );
    let cut = Cut::new(rng, centre, size, angle + PI / 2.0);
    cut.paint(canvas, rng, [0.84, 0.40, 0.42], 0.05, Some((ux, uy)));
}

/// The top face of a cut of meat: a lumpy oval with a little thickness showing below it.
/// The outline is a radius per direction, so its distance costs one noise lookup per pixel.
struct Cut {
    centre: (f32, f32),
    a: f32,
    b: f32,
    cos: f32,
    sin: f32,
    seed: u32,
}

impl Cut {
    fn new(rng: &mut Rng, centre: (f32, f32), size: (f32, f32), angle: f32) -> Self {
        Cut {
            centre,
            a: size.0,
            b: size.1,
            cos: angle.cos(),
            sin: angle.sin(),
            seed: rng.noise_seed(),
        }
    }

    fn sdf(&self, x: f32, y: f32) -> f32 {
        let (dx, dy) = (x - self.centre.0, y - self.centre.1);
        let (u, v) = (
            dx * self.cos + dy * self.sin,
            -dx * self.sin + dy * self.cos,
        );
        let len = (u * u + v * v).sqrt().max(1e-3);
        let (c, s) = (u / len, v / len);
        let (a, b) = (self.a, self.b);
        let r = a * b / ((b * c).powi(2) + (a * s).powi(2)).sqrt();
        len - r * (0.9 + 0.2 * noise(c * 1.5 + 3.0, s * 1.5 + 3.0, self.seed))
    }

    fn bounds(&self) -> Bounds {
        let r = self.a.max(self.b) * 1.1;
        Bounds::around(self.centre.0, self.centre.1, r, r)
    }

    /// Paints the cut; `marbling` is how much fat runs through it, and `fat_towards` puts a
    /// fat cap on the side facing away from that direction (chops carry theirs opposite the
    /// bone).
    fn paint(
        &self,
        canvas: &mut Canvas,
        rng: &mut Rng,
        red: Rgb,
        marbling: f32,
        fat_towards: Option<(f32, f32)>,
    ) {
        let shape = self;
        let seed = rng.noise_seed();
        let thick = 24.0;
        let b = shape.bounds().grow(thick);
        canvas.soft(
            b.grow(30.0),
            16.0,
            |x, y| shape.sdf(x - 12.0, y - thick - 12.0),
            SHADOW,
            0.6,
        );
        canvas.shape(
            b,
            |x, y| shape.sdf(x, y - thick),
            |x, y| {
                let layers = 0.8 + 0.2 * noise(x * 0.02, y * 0.3, seed ^ 1);
                (scale(red, 0.5 * layers), 1.0)
            },
        );
        let fat = [0.96, 0.91, 0.82];
        let (cx, cy, r) = (self.centre.0, self.centre.1, self.a.max(self.b));
        let grain = rng.range(0.0, PI);
        let (gx, gy) = (grain.cos(), grain.sin());
        canvas.shape_by_distance(
            b,
            |x, y| shape.sdf(x, y),
            |x, y, d| {
                // Muscle fibres run one way across the cut; fat follows the ridges of a noise field
                // and fades in and out, as real marbling does.
                let (along, across) = (x * gx + y * gy, -x * gy + y * gx);
                let fibre = noise(along * 0.03, across * 0.35, seed);
                let tone = noise(x * 0.008, y * 0.008, seed ^ 7);
                let flesh = scale(red, 0.8 + 0.25 * fibre + 0.35 * (tone - 0.5));
                let field = fbm(x * 0.014, y * 0.014, seed ^ 9);
                let presence = smoothstep(0.35, 0.65, noise(x * 0.01, y * 0.01, seed ^ 4));
                let vein = (1.0 - smoothstep(0.0, marbling, (field - 0.5).abs())) * presence;
                let mut colour = mix(flesh, [0.94, 0.80, 0.76], vein * 0.8);
                if let Some((ux, uy)) = fat_towards {
                    let away = -((x - cx) * ux + (y - cy) * uy) / r;
                    let cap = smoothstep(-34.0, -27.0, d) * smoothstep(-0.15, 0.15, away);
                    colour = mix(colour, fat, cap);
                }
                // A wet sheen: broad soft highlights where the surface tilts to the light.
                let sheen = smoothstep(0.6, 0.8, noise(x * 0.018, y * 0.018, seed ^ 11)) * 0.2;
                let rim = smoothstep(-10.0, 0.0, d) * 0.3;
                (mix(scale(colour, 1.0 - rim), [1.0, 0.93, 0.93], sheen), 1.0)
            },
        );
    }
}

/// Rosemary, cracked pepper and coarse salt: the garnish that says "butcher", not "plastic".
fn garnish(canvas: &mut Canvas, rng: &mut Rng) {
    let y = rng.around(800.0, 20.0);
    let x = rng.around(700.0, 80.0);
    rosemary(canvas, rng, (x - 160.0, y + 30.0), (x + 150.0, y - 40.0));
    for _ in 0..14 + rng.below(10) {
        let (px, py) = (rng.range(100.0, 900.0), rng.range(300.0, 860.0));
        let corn = Ellipse::circle(px, py, rng.range(5.0, 8.0));
        canvas.shape(
            corn.bounds(),
            |x, y| corn.sdf(x, y),
            |x, y| {
                (
                    lit([0.12, 0.09, 0.07], corn.normal(x, y), 0.3, 0.3, 20.0),
                    1.0,
                )
            },
        );
    }
    for _ in 0..20 + rng.below(12) {
        let (px, py) = (rng.range(100.0, 900.0), rng.range(300.0, 860.0));
        let r = rng.range(3.0, 6.0);
        let grain = Polygon::ring(px, py, 5, |_| r * rng.range(0.6, 1.1));
        canvas.flat(grain.bounds(), |x, y| grain.sdf(x, y), [0.95, 0.95, 0.96]);
    }
}
