//! Yak milk powder: a tin with a plateau landscape on its label (no words), a heap of powder
//! and a scoop in front of it, on a cool bright set.

use super::backdrop::{Studio, Surface};
use super::canvas::{Bounds, Canvas, Rgb};
use super::pile::Mound;
use super::rng::{fbm, Rng};
use super::shapes::{lit, mix, round_rect, scale, smoothstep, Ellipse, Polygon, Tube};

const SHADOW: Rgb = [0.05, 0.06, 0.08];

pub(crate) fn yak_milk_powder(canvas: &mut Canvas, rng: &mut Rng) {
    Studio {
        wall: ([0.80, 0.87, 0.94], [0.90, 0.93, 0.96]),
        table: ([0.92, 0.92, 0.91], [0.84, 0.85, 0.86]),
        horizon: Some(rng.around(470.0, 20.0)),
        surface: Surface::Plain,
        seed: rng.noise_seed(),
    }
    .paint(canvas);
    let label = [[0.16, 0.40, 0.70], [0.15, 0.50, 0.35], [0.70, 0.16, 0.14]][rng.below(3)];
    let place = (rng.around(400.0, 30.0), rng.around(800.0, 10.0));
    tin(canvas, rng, place, label);
    let heap = Mound {
        cx: rng.around(700.0, 30.0),
        base: 850.0,
        half_width: 180.0,
        height: 75.0,
        depth: 50.0,
    };
    powder(canvas, heap, rng.noise_seed());
    scoop(canvas, rng, (heap.cx - 260.0, 905.0));
}

/// A milk-powder tin: a white cylinder with a printed band and a silver lid.
fn tin(canvas: &mut Canvas, rng: &mut Rng, (cx, bottom): (f32, f32), label: Rgb) {
    let (hw, height, ry) = (170.0, 500.0, 34.0);
    let top = bottom - height;
    let body = move |x: f32, y: f32| {
        let side = round_rect(x, y, cx, (top + bottom) / 2.0, hw, height / 2.0, 0.0);
        side.min(Ellipse::new(cx, bottom, hw, ry, 0.0).sdf(x, y))
    };
    let b = Bounds::around(cx, (top + bottom) / 2.0, hw, height / 2.0 + ry);
    let shadow = Ellipse::new(cx + 110.0, bottom, hw * 1.3, 40.0, 0.0);
    canvas.soft(shadow.bounds(), 35.0, |x, y| shadow.sdf(x, y), SHADOW, 0.45);
    let (band_top, band_bottom) = (top + 150.0, top + 400.0);
    let seed = rng.noise_seed();
    let peaks: Vec<(f32, f32)> = (0..5)
        .map(|i| {
            (
                i as f32 * 0.25 - 0.5 + rng.around(0.0, 0.06),
                rng.range(0.35, 0.75),
            )
        })
        .collect();
    canvas.shape(b, body, |x, y| {
        let a = ((x - cx) / hw).clamp(-1.0, 1.0);
        let n = [a, 0.0, (1.0 - a * a).sqrt()];
        let colour = if y > band_top && y < band_bottom {
            landscape(
                a,
                (y - band_top) / (band_bottom - band_top),
                &peaks,
                label,
                seed,
            )
        } else {
            [0.96, 0.96, 0.95]
        };
        (lit(colour, n, 0.45, 0.35, 24.0), 1.0)
    });
    let lid = Ellipse::new(cx, top, hw, ry, 0.0);
    let lid_side = move |x: f32, y: f32| {
        round_rect(x, y, cx, top - 8.0, hw + 4.0, 14.0, 0.0)
            .min(Ellipse::new(cx, top + 6.0, hw + 4.0, ry, 0.0).sdf(x, y))
    };
    canvas.shape(b.grow(10.0), lid_side, |x, _| {
        let a = ((x - cx) / hw).clamp(-1.0, 1.0);
        (
            lit(
                [0.78, 0.80, 0.84],
                [a, 0.0, (1.0 - a * a).sqrt()],
                0.35,
                0.8,
                30.0,
            ),
            1.0,
        )
    });
    let top_face = lid.moved(0.0, -22.0, 1.0);
    canvas.shape(
        top_face.bounds(),
        |x, y| top_face.sdf(x, y),
        |x, y| {
            let shine = smoothstep(-0.6, 0.8, -(x - cx) / hw - (y - top) / ry * 0.3);
            (mix([0.72, 0.74, 0.78], [0.95, 0.96, 0.98], shine), 1.0)
        },
    );
}

/// The printed band: sky, snow peaks and grassland in the brand colour, wrapped on the tin.
fn landscape(a: f32, v: f32, peaks: &[(f32, f32)], brand: Rgb, seed: u32) -> Rgb {
    let u = a.asin() / std::f32::consts::FRAC_PI_2 * 0.6;
    let ridge = peaks
        .iter()
        .map(|&(px, h)| h - (u - px).abs() * 1.6)
        .fold(0.0f32, f32::max);
    let height = 1.0 - v;
    if v > 0.82 {
        return scale(brand, 0.8);
    }
    if height < 0.32 + 0.03 * fbm(u * 20.0, 0.5, seed) {
        return [0.45, 0.66, 0.30];
    }
    if height < ridge {
        let snowline = 0.52 + 0.05 * fbm(u * 12.0, height * 6.0, seed);
        let shade = if u < 0.0 { 0.85 } else { 1.0 };
        let rock = scale(mix(brand, [0.30, 0.33, 0.40], 0.55), shade);
        return if height > snowline {
            scale([0.98, 0.98, 1.0], shade)
        } else {
            rock
        };
    }
    mix(brand, [0.96, 0.97, 1.0], 0.15 + 0.4 * v)
}

/// A soft heap of fine powder: matte, with a faint grain in its surface.
fn powder(canvas: &mut Canvas, heap: Mound, seed: u32) {
    heap.ground(canvas, [0.86, 0.86, 0.84]);
    // One dome spans the heap's far and near sides, so the light falls off smoothly over it.
    let dome = Ellipse::new(
        heap.cx,
        heap.base + heap.depth * 0.4,
        heap.half_width,
        heap.height + heap.depth * 0.4,
        0.0,
    );
    let edge = move |x: f32, y: f32| heap.sdf(x, y) + 8.0 * (fbm(x * 0.03, y * 0.03, seed) - 0.5);
    canvas.shape(heap.bounds().grow(6.0), edge, |x, y| {
        let n = dome.normal(x, y);
        let texture = 0.95 + 0.08 * fbm(x * 0.12, y * 0.12, seed ^ 3);
        (
            lit(scale([0.97, 0.95, 0.90], texture), n, 0.6, 0.03, 6.0),
            1.0,
        )
    });
}

/// A plastic measuring scoop lying in front, with powder in it.
fn scoop(canvas: &mut Canvas, rng: &mut Rng, at: (f32, f32)) {
    let cup = Ellipse::new(at.0, at.1, 62.0, 36.0, 0.0);
    let handle = Tube::new(
        vec![
            (at.0 - 50.0, at.1 + 5.0),
            (at.0 - 200.0, at.1 + rng.around(20.0, 15.0)),
        ],
        9.0,
        11.0,
    );
    canvas.soft(
        cup.bounds().grow(20.0),
        12.0,
        |x, y| cup.sdf(x - 10.0, y - 12.0),
        SHADOW,
        0.35,
    );
    canvas.shape(
        handle.bounds(),
        |x, y| handle.sdf(x, y),
        |x, y| {
            (
                lit(
                    [0.92, 0.93, 0.95],
                    handle.probe(x, y).normal,
                    0.45,
                    0.5,
                    30.0,
                ),
                1.0,
            )
        },
    );
    canvas.shape(
        cup.bounds(),
        |x, y| cup.sdf(x, y),
        |x, y| {
            (
                lit([0.93, 0.94, 0.96], cup.normal(x, y), 0.45, 0.5, 30.0),
                1.0,
            )
        },
    );
    let filling = Polygon::ring(at.0, at.1 - 6.0, 16, |t| {
        let (c, s) = (t.cos(), t.sin());
        52.0 * 28.0 / ((28.0 * c).powi(2) + (52.0 * s).powi(2)).sqrt() * rng.range(0.93, 1.05)
    });
    canvas.shape(
        filling.bounds(),
        |x, y| filling.sdf(x, y),
        |_, y| {
            (
                scale(
                    [0.97, 0.95, 0.90],
                    0.9 + 0.1 * ((at.1 - y) / 30.0).clamp(0.0, 1.0),
                ),
                1.0,
            )
        },
    );
}
