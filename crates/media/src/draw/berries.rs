//! Berries: a heap of glossy goji on linen, dark black goji on pale stone, and sea-buckthorn
//! branches crowded with orange fruit.

use std::f32::consts::TAU;

use super::backdrop::{Studio, Surface};
use super::canvas::{Bounds, Canvas, Rgb};
use super::garnish::{bokeh, leaf};
use super::pile::{glossy, piece, Mound};
use super::rng::Rng;
use super::shapes::{lit, mix, round_rect, scale, Ellipse, Tube};

pub(crate) fn goji(canvas: &mut Canvas, rng: &mut Rng) {
    let warm = rng.unit();
    Studio {
        wall: (
            mix([0.96, 0.92, 0.85], [0.95, 0.89, 0.86], warm),
            [0.90, 0.84, 0.75],
        ),
        table: ([0.87, 0.80, 0.69], [0.80, 0.72, 0.60]),
        horizon: Some(rng.around(250.0, 30.0)),
        surface: Surface::Linen,
        seed: rng.noise_seed(),
    }
    .paint(canvas);
    let mound = Mound {
        cx: rng.around(500.0, 30.0),
        base: rng.around(700.0, 20.0),
        half_width: rng.around(400.0, 25.0),
        height: rng.around(330.0, 30.0),
        depth: 120.0,
    };
    garnish_leaves(canvas, rng, &mound);
    mound.ground(canvas, [0.32, 0.04, 0.03]);
    let red = |rng: &mut Rng| -> Rgb {
        let ripe = mix([0.88, 0.17, 0.08], [0.93, 0.30, 0.09], rng.unit());
        if rng.chance(0.15) {
            scale(ripe, 0.8)
        } else {
            ripe
        }
    };
    for (x, y) in mound.scatter(rng, 720, 10.0) {
        let e = Ellipse::new(
            x,
            y,
            rng.range(19.0, 25.0),
            rng.range(10.0, 12.5),
            rng.range(0.0, TAU),
        );
        let colour = scale(red(rng), mound.light_at(x, y));
        goji_berry(canvas, &e, colour, false);
    }
    for _ in 0..rng.below(5) + 5 {
        let x = rng.range(120.0, 880.0);
        let y = rng.range(mound.base + mound.depth + 25.0, 940.0);
        let e = Ellipse::new(
            x,
            y,
            rng.range(21.0, 26.0),
            rng.range(11.0, 13.0),
            rng.range(0.0, TAU),
        );
        goji_berry(canvas, &e, red(rng), true);
    }
}

/// A goji berry: glossy, elongated, with the pale scar where the stalk was. Berries inside
/// the heap go without their own shadow (see `piece`).
fn goji_berry(canvas: &mut Canvas, e: &Ellipse, colour: Rgb, shadow: bool) {
    if shadow {
        glossy(canvas, e, colour, 0.55, 26.0);
    } else {
        piece(canvas, e, colour, 0.55, 26.0);
    }
    let (sx, sy) = e.point(0.82, 0.0);
    let scar = Ellipse::circle(sx, sy, e.b * 0.22);
    canvas.flat(
        scar.bounds(),
        |x, y| scar.sdf(x, y),
        mix(colour, [0.85, 0.75, 0.45], 0.6),
    );
}

fn garnish_leaves(canvas: &mut Canvas, rng: &mut Rng, mound: &Mound) {
    let green = [0.30, 0.48, 0.16];
    for side in [-1.0f32, 1.0] {
        if rng.chance(0.75) {
            let base = (mound.cx + side * mound.half_width * 0.7, mound.base + 20.0);
            let tip = (
                base.0 + side * rng.range(110.0, 170.0),
                base.1 + rng.range(30.0, 110.0),
            );
            leaf(canvas, base, tip, rng.range(30.0, 40.0), green);
        }
    }
}

pub(crate) fn black_goji(canvas: &mut Canvas, rng: &mut Rng) {
    let cool = rng.unit();
    Studio {
        wall: (
            mix([0.86, 0.87, 0.89], [0.88, 0.86, 0.84], cool),
            [0.78, 0.79, 0.81],
        ),
        table: ([0.74, 0.74, 0.75], [0.64, 0.64, 0.66]),
        horizon: Some(rng.around(320.0, 30.0)),
        surface: Surface::Slate,
        seed: rng.noise_seed(),
    }
    .paint(canvas);
    infusion_glass(canvas, rng);
    let mound = Mound {
        cx: rng.around(430.0, 25.0),
        base: rng.around(710.0, 20.0),
        half_width: rng.around(360.0, 20.0),
        height: rng.around(280.0, 25.0),
        depth: 110.0,
    };
    mound.ground(canvas, [0.04, 0.01, 0.04]);
    let purple = |rng: &mut Rng| mix([0.20, 0.05, 0.20], [0.11, 0.03, 0.13], rng.unit());
    for (x, y) in mound.scatter(rng, 900, 8.0) {
        let r = rng.range(13.0, 16.0);
        let e = Ellipse::new(x, y, r, r * rng.range(0.82, 0.95), rng.range(0.0, TAU));
        let colour = scale(purple(rng), mound.light_at(x, y));
        piece(canvas, &e, colour, 0.65, 40.0);
    }
    for _ in 0..rng.below(5) + 4 {
        let (x, y) = (rng.range(150.0, 850.0), rng.range(830.0, 950.0));
        let e = Ellipse::new(x, y, 15.0, 13.5, rng.range(0.0, TAU));
        glossy(canvas, &e, purple(rng), 0.65, 40.0);
    }
}

/// A glass of black-goji tea: the anthocyanins turn water violet, which buyers know.
fn infusion_glass(canvas: &mut Canvas, rng: &mut Rng) {
    let (cx, top, bottom, hw, ry) = (rng.around(770.0, 20.0), 300.0, 640.0, 92.0, 16.0);
    let level = top + rng.around(80.0, 15.0);
    let body = move |x: f32, y: f32, inset: f32, from: f32| {
        let side = round_rect(
            x,
            y,
            cx,
            (from + bottom) / 2.0,
            hw - inset,
            (bottom - from) / 2.0,
            0.0,
        );
        let foot = Ellipse::new(cx, bottom, hw - inset, ry, 0.0).sdf(x, y);
        let mouth = Ellipse::new(cx, from, hw - inset, ry, 0.0).sdf(x, y);
        side.min(foot).min(mouth)
    };
    let all = Bounds::around(cx, (top + bottom) / 2.0, hw, (bottom - top) / 2.0 + ry);
    let shadow = Ellipse::new(cx + 50.0, bottom + 4.0, hw * 1.35, 28.0, 0.0);
    canvas.soft(
        shadow.bounds(),
        24.0,
        |x, y| shadow.sdf(x, y),
        [0.12, 0.04, 0.14],
        0.4,
    );
    canvas.soft(all, 0.0, |x, y| body(x, y, 0.0, top), [1.0, 1.0, 1.0], 0.1);
    canvas.shape(
        all,
        |x, y| body(x, y, 5.0, level),
        |x, _| {
            let across = ((x - cx) / hw).clamp(-1.0, 1.0);
            let deep = mix([0.50, 0.22, 0.62], [0.20, 0.05, 0.30], across.abs().powi(2));
            (scale(deep, 1.0 - 0.15 * across), 0.88)
        },
    );
    let surface = Ellipse::new(cx, level, hw - 5.0, ry - 2.0, 0.0);
    canvas.flat(
        surface.bounds(),
        |x, y| surface.sdf(x, y),
        [0.58, 0.36, 0.68],
    );
    let rim = Ellipse::new(cx, top, hw, ry, 0.0);
    canvas.soft(
        rim.bounds(),
        0.0,
        |x, y| rim.sdf(x, y).abs() - 1.5,
        [1.0, 1.0, 1.0],
        0.7,
    );
    canvas.soft(
        all,
        0.0,
        |x, y| body(x, y, 0.0, top).abs() - 1.5,
        [0.95, 0.95, 1.0],
        0.45,
    );
    for (dx, w, o) in [(-0.62, 7.0, 0.6), (0.7, 3.0, 0.35)] {
        let glint = Tube::new(
            vec![(cx + hw * dx, top + 30.0), (cx + hw * dx, bottom - 20.0)],
            w,
            w * 0.6,
        );
        canvas.soft(
            glint.bounds(),
            w * 0.6,
            |x, y| glint.sdf(x, y),
            [1.0, 1.0, 1.0],
            o,
        );
    }
}

pub(crate) fn sea_buckthorn(canvas: &mut Canvas, rng: &mut Rng) {
    let sky = mix([0.78, 0.84, 0.88], [0.86, 0.86, 0.80], rng.unit());
    canvas.fill(|_, y| mix(sky, [0.70, 0.74, 0.62], y / 1000.0));
    bokeh(
        canvas,
        rng,
        &[[1.0, 0.98, 0.9], [0.85, 0.9, 0.75], [1.0, 0.85, 0.6]],
        22,
        1000.0,
    );
    for i in 0..3 {
        // Rising diagonals, as a branch is held up to the camera.
        let y0 = 420.0 + i as f32 * 280.0 + rng.around(0.0, 40.0);
        let start = (-40.0, y0);
        let end = (1040.0, y0 - rng.range(220.0, 420.0));
        let bend = (
            rng.around(500.0, 150.0),
            (start.1 + end.1) / 2.0 + rng.around(0.0, 120.0),
        );
        branch(canvas, rng, Tube::curve(start, bend, end, 16, 11.0, 6.0));
    }
}

/// A woody twig, its silver-green leaves, and berries packed tight along it.
fn branch(canvas: &mut Canvas, rng: &mut Rng, twig: Tube) {
    let bark = [0.40, 0.31, 0.24];
    canvas.soft(
        twig.bounds().grow(20.0),
        8.0,
        |x, y| twig.sdf(x - 8.0, y - 14.0),
        [0.05, 0.05, 0.04],
        0.3,
    );
    canvas.shape(
        twig.bounds(),
        |x, y| twig.sdf(x, y),
        |x, y| {
            let p = twig.probe(x, y);
            (lit(bark, p.normal, 0.35, 0.1, 10.0), 1.0)
        },
    );
    let leafy = [0.52, 0.60, 0.46];
    for _ in 0..7 {
        let t = rng.range(0.0, 1.0);
        let (bx, by) = twig.at(t);
        let angle = rng.range(0.0, TAU);
        let len = rng.range(110.0, 170.0);
        leaf(
            canvas,
            (bx, by),
            (bx + angle.cos() * len, by + angle.sin() * len),
            11.0,
            leafy,
        );
    }
    let orange = |rng: &mut Rng| mix([0.99, 0.58, 0.07], [0.95, 0.44, 0.04], rng.unit());
    let mut berries = Vec::new();
    let mut t = rng.range(0.05, 0.12);
    while t < 0.95 {
        let (bx, by) = twig.at(t);
        for _ in 0..6 + rng.below(5) {
            let angle = rng.range(0.0, TAU);
            let off = rng.range(6.0, 34.0);
            let r = rng.range(17.0, 22.0);
            berries.push(Ellipse::new(
                bx + angle.cos() * off,
                by + angle.sin() * off,
                r,
                r * 0.88,
                rng.range(0.0, TAU),
            ));
        }
        t += rng.range(0.025, 0.045);
    }
    berries.sort_by(|a, b| a.cy.total_cmp(&b.cy));
    // Packed this tight, each berry's shadow falls on its neighbours: the rim darkening of
    // `piece` stands in for it at a fraction of the cost.
    for e in &berries {
        piece(canvas, e, orange(rng), 0.6, 36.0);
    }
}
