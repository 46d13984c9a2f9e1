//! Grains and sticks: highland barley with its bearded ears on burlap, tricolour quinoa in a
//! wooden bowl, and cordyceps laid out on red silk as they are sold.

use std::f32::consts::{PI, TAU};

use super::backdrop::{Studio, Surface};
use super::canvas::{Canvas, Rgb};
use super::pile::{glossy, piece, Mound};
use super::props::bowl;
use super::rng::{fbm, Rng};
use super::shapes::{lit, mix, scale, smoothstep, Ellipse, Tube};

const SHADOW: Rgb = [0.06, 0.04, 0.03];

pub(crate) fn highland_barley(canvas: &mut Canvas, rng: &mut Rng) {
    Studio {
        wall: ([0.93, 0.89, 0.80], [0.86, 0.80, 0.68]),
        table: ([0.74, 0.63, 0.46], [0.66, 0.55, 0.38]),
        horizon: Some(rng.around(260.0, 30.0)),
        surface: Surface::Burlap,
        seed: rng.noise_seed(),
    }
    .paint(canvas);
    for _ in 0..2 + rng.below(2) {
        let head = (rng.range(120.0, 880.0), rng.range(330.0, 460.0));
        let angle = rng.around(PI * 0.25, 0.5) + if rng.chance(0.5) { PI * 0.5 } else { 0.0 };
        ear(canvas, rng, head, angle);
    }
    let mound = Mound {
        cx: rng.around(500.0, 30.0),
        base: rng.around(730.0, 20.0),
        half_width: rng.around(390.0, 20.0),
        height: rng.around(280.0, 25.0),
        depth: 110.0,
    };
    mound.ground(canvas, [0.30, 0.20, 0.08]);
    for (x, y) in mound.scatter(rng, 1900, 6.0) {
        let e = Ellipse::new(
            x,
            y,
            rng.range(13.0, 16.0),
            rng.range(6.5, 8.0),
            rng.range(0.0, TAU),
        );
        grain(canvas, rng, &e, mound.light_at(x, y), false);
    }
    for _ in 0..12 + rng.below(10) {
        let (x, y) = (rng.range(120.0, 880.0), rng.range(830.0, 960.0));
        let e = Ellipse::new(x, y, 15.0, 7.5, rng.range(0.0, TAU));
        grain(canvas, rng, &e, 1.0, true);
    }
}

/// A barley kernel: matte gold, with the darker crease along its length.
fn grain(canvas: &mut Canvas, rng: &mut Rng, e: &Ellipse, light: f32, shadow: bool) {
    let gold = mix([0.88, 0.70, 0.36], [0.76, 0.56, 0.26], rng.unit());
    if shadow {
        glossy(canvas, e, scale(gold, light), 0.18, 10.0);
    } else {
        piece(canvas, e, scale(gold, light), 0.18, 10.0);
    }
    let crease = Ellipse::new(e.cx, e.cy, e.a * 0.7, e.b * 0.14, 0.0);
    let (x1, y1) = e.point(1.0, 0.0);
    let angle = (y1 - e.cy).atan2(x1 - e.cx);
    let crease = Ellipse::new(crease.cx, crease.cy, crease.a, crease.b, angle);
    canvas.soft(
        crease.bounds(),
        0.0,
        |x, y| crease.sdf(x, y),
        scale(gold, 0.45 * light),
        0.5,
    );
}

/// A barley ear lying on the table: straw stem, two rows of kernels, and long awns.
fn ear(canvas: &mut Canvas, rng: &mut Rng, head: (f32, f32), angle: f32) {
    let (ux, uy) = (angle.cos(), angle.sin());
    let straw = [0.86, 0.74, 0.48];
    let stem_end = (head.0 - ux * 420.0, head.1 - uy * 420.0);
    let stem = Tube::new(vec![stem_end, head], 4.5, 5.5);
    canvas.soft(
        stem.bounds().grow(12.0),
        5.0,
        |x, y| stem.sdf(x - 6.0, y - 8.0),
        SHADOW,
        0.35,
    );
    canvas.shape(
        stem.bounds(),
        |x, y| stem.sdf(x, y),
        |x, y| (lit(straw, stem.probe(x, y).normal, 0.4, 0.2, 12.0), 1.0),
    );
    let kernels = 9 + rng.below(3);
    let mut awns = Vec::new();
    for i in 0..kernels {
        for side in [-1.0f32, 1.0] {
            let t = i as f32 * 24.0 + if side > 0.0 { 12.0 } else { 0.0 };
            let spread = side * 0.38;
            let (ca, sa) = ((angle + spread).cos(), (angle + spread).sin());
            let base = (
                head.0 + ux * t - uy * side * 7.0,
                head.1 + uy * t + ux * side * 7.0,
            );
            let centre = (base.0 + ca * 14.0, base.1 + sa * 14.0);
            let e = Ellipse::new(centre.0, centre.1, 17.0, 7.5, angle + spread);
            let gold = mix([0.90, 0.76, 0.42], [0.80, 0.62, 0.30], rng.unit());
            glossy(canvas, &e, gold, 0.2, 12.0);
            let tip = e.point(1.0, 0.0);
            let bend = rng.around(0.0, 0.06);
            let len = rng.range(160.0, 230.0);
            let (aa, ab) = (
                angle + spread * 0.3 + bend,
                angle + spread * 0.2 + bend * 2.0,
            );
            let mid = (tip.0 + aa.cos() * len * 0.5, tip.1 + aa.sin() * len * 0.5);
            let end = (tip.0 + ab.cos() * len, tip.1 + ab.sin() * len);
            awns.push(Tube::curve(tip, mid, end, 4, 1.6, 0.5));
        }
    }
    for awn in &awns {
        canvas.soft(
            awn.bounds(),
            0.3,
            |x, y| awn.sdf(x, y),
            [0.88, 0.78, 0.52],
            0.85,
        );
    }
}

pub(crate) fn quinoa(canvas: &mut Canvas, rng: &mut Rng) {
    Studio {
        wall: ([0.92, 0.91, 0.88], [0.84, 0.82, 0.78]),
        table: ([0.62, 0.46, 0.32], [0.52, 0.37, 0.25]),
        horizon: Some(rng.around(250.0, 25.0)),
        surface: Surface::Wood,
        seed: rng.noise_seed(),
    }
    .paint(canvas);
    let (cx, cy) = (rng.around(500.0, 30.0), rng.around(560.0, 20.0));
    let (rx, ry, depth) = (rng.around(320.0, 20.0), 120.0, 210.0);
    bowl(canvas, cx, cy, rx, ry, depth, [0.55, 0.36, 0.22]);
    let colours = tricolour(rng);
    let filling = Mound {
        cx,
        base: cy + 8.0,
        half_width: rx * 0.93,
        height: 70.0,
        depth: ry * 0.85,
    };
    for (x, y) in filling.scatter(rng, 2600, 3.0) {
        seed_grain(canvas, rng, x, y, &colours, filling.light_at(x, y));
    }
    let rim = Ellipse::new(cx, cy, rx, ry, 0.0);
    canvas.soft(
        rim.bounds(),
        1.5,
        |x, y| (rim.sdf(x, y).abs() - 4.0).max(cy - 10.0 - y),
        [0.70, 0.52, 0.36],
        1.0,
    );
    let spill = Mound {
        cx: cx + rng.around(180.0, 60.0),
        base: 880.0,
        half_width: 130.0,
        height: 35.0,
        depth: 45.0,
    };
    for (x, y) in spill.scatter(rng, 260, 0.0) {
        seed_grain(canvas, rng, x, y, &colours, 1.0);
    }
}

/// White, red and black quinoa in proportions that vary a little by seed.
fn tricolour(rng: &mut Rng) -> Vec<(Rgb, f32)> {
    vec![
        ([0.93, 0.87, 0.72], rng.range(0.40, 0.55)),
        ([0.66, 0.24, 0.16], rng.range(0.22, 0.32)),
        ([0.20, 0.15, 0.12], 1.0),
    ]
}

fn seed_grain(
    canvas: &mut Canvas,
    rng: &mut Rng,
    x: f32,
    y: f32,
    colours: &[(Rgb, f32)],
    light: f32,
) {
    let pick = rng.unit();
    let mut acc = 0.0;
    let mut colour = [0.9, 0.85, 0.7];
    for &(c, share) in colours {
        acc += share;
        if pick < acc {
            colour = c;
            break;
        }
    }
    let r = rng.range(5.5, 7.0);
    let e = Ellipse::new(x, y, r, r * 0.85, rng.range(0.0, TAU));
    piece(canvas, &e, scale(colour, light), 0.25, 14.0);
}

pub(crate) fn cordyceps(canvas: &mut Canvas, rng: &mut Rng) {
    let silk = mix([0.62, 0.08, 0.10], [0.55, 0.10, 0.16], rng.unit());
    let seed = rng.noise_seed();
    canvas.fill(|x, y| {
        // Broad soft folds of cloth, lit from the upper left.
        let fold = fbm(x * 0.0025 + y * 0.0015, y * 0.003, seed);
        let sheen = smoothstep(0.45, 0.7, fold);
        mix(
            scale(silk, 0.7 + 0.5 * fold),
            [0.92, 0.55, 0.50],
            sheen * 0.25,
        )
    });
    let count = 9 + rng.below(5);
    let fan = rng.around(0.0, 0.3);
    for i in 0..count {
        let t = (i as f32 + 0.5) / count as f32;
        let angle = fan + (t - 0.5) * 0.9 + rng.around(0.0, 0.06) - PI / 2.0;
        let (ux, uy) = (angle.cos(), angle.sin());
        let root = (500.0 + (t - 0.5) * 640.0, rng.around(760.0, 30.0));
        let length = rng.range(210.0, 260.0);
        caterpillar(canvas, rng, root, (ux, uy), length);
    }
}

/// One cordyceps: the ringed golden-brown larva and the dark fungal stalk growing from its head.
fn caterpillar(canvas: &mut Canvas, rng: &mut Rng, root: (f32, f32), dir: (f32, f32), length: f32) {
    let (ux, uy) = dir;
    let curl = rng.around(0.0, 30.0);
    let head = (root.0 + ux * length, root.1 + uy * length);
    let mid = (
        root.0 + ux * length / 2.0 - uy * curl,
        root.1 + uy * length / 2.0 + ux * curl,
    );
    let body = Tube::curve(root, mid, head, 10, 11.0, 14.5);
    let stalk_len = rng.range(170.0, 260.0);
    let sway = rng.around(0.0, 40.0);
    let tip = (
        head.0 + ux * stalk_len - uy * sway,
        head.1 + uy * stalk_len + ux * sway,
    );
    let bend = (head.0 + ux * stalk_len * 0.5, head.1 + uy * stalk_len * 0.5);
    let stalk = Tube::curve(head, bend, tip, 8, 6.0, 3.5);
    for tube in [&body, &stalk] {
        canvas.soft(
            tube.bounds().grow(14.0),
            6.0,
            |x, y| tube.sdf(x - 6.0, y - 9.0),
            [0.12, 0.0, 0.02],
            0.5,
        );
    }
    let tan = mix([0.82, 0.62, 0.34], [0.74, 0.52, 0.28], rng.unit());
    let rings = rng.range(16.0, 22.0);
    canvas.shape(
        body.bounds(),
        |x, y| body.sdf(x, y),
        |x, y| {
            let p = body.probe(x, y);
            let ring = 0.82 + 0.18 * (p.along * rings * PI).sin().abs();
            let head_end = smoothstep(0.85, 1.0, p.along);
            let colour = mix(scale(tan, ring), [0.52, 0.30, 0.16], head_end);
            (lit(colour, p.normal, 0.35, 0.25, 18.0), 1.0)
        },
    );
    canvas.shape(
        stalk.bounds(),
        |x, y| stalk.sdf(x, y),
        |x, y| {
            let p = stalk.probe(x, y);
            let colour = mix([0.34, 0.22, 0.14], [0.18, 0.11, 0.07], p.along);
            (lit(colour, p.normal, 0.35, 0.2, 14.0), 1.0)
        },
    );
}
