//! Lake salt: coarse white and rose crystals heaped in a bowl, a few large ones spilled in
//! front — the crystals are jittered polygons with lit facets.

use std::f32::consts::TAU;

use super::backdrop::{Studio, Surface};
use super::canvas::{Canvas, Rgb};
use super::pile::Mound;
use super::props::bowl;
use super::rng::Rng;
use super::shapes::{mix, scale, Polygon};

pub(crate) fn lake_salt(canvas: &mut Canvas, rng: &mut Rng) {
    Studio {
        wall: ([0.88, 0.91, 0.94], [0.80, 0.84, 0.88]),
        table: ([0.86, 0.86, 0.87], [0.78, 0.79, 0.81]),
        horizon: Some(rng.around(270.0, 25.0)),
        surface: Surface::Linen,
        seed: rng.noise_seed(),
    }
    .paint(canvas);
    let pink = rng.range(0.0, 0.6);
    let (cx, cy) = (rng.around(490.0, 30.0), rng.around(560.0, 20.0));
    let (rx, ry) = (rng.around(300.0, 20.0), 115.0);
    let glaze = mix([0.20, 0.26, 0.34], [0.30, 0.22, 0.20], rng.unit());
    bowl(canvas, cx, cy, rx, ry, 200.0, glaze);
    let heap = Mound {
        cx,
        base: cy + 10.0,
        half_width: rx * 0.92,
        height: rng.around(130.0, 20.0),
        depth: ry * 0.8,
    };
    for (x, y) in heap.scatter(rng, 850, 6.0) {
        let r = rng.range(9.0, 18.0);
        let colour = tint(rng, pink);
        crystal(canvas, rng, (x, y), r, colour, heap.light_at(x, y), false);
    }
    for _ in 0..6 + rng.below(6) {
        let (x, y) = (rng.range(120.0, 880.0), rng.range(820.0, 950.0));
        let (r, colour) = (rng.range(18.0, 30.0), tint(rng, pink));
        crystal(canvas, rng, (x, y), r, colour, 1.0, true);
    }
}

fn tint(rng: &mut Rng, pink: f32) -> Rgb {
    if rng.chance(pink) {
        mix([0.97, 0.86, 0.86], [0.93, 0.76, 0.78], rng.unit())
    } else {
        mix([0.97, 0.97, 0.98], [0.90, 0.92, 0.95], rng.unit())
    }
}

/// One crystal: a rough polygon whose facets, fanned from an off-centre peak, are lit by how
/// they face the light; a darker rim makes it read as solid. Crystals inside the heap skip
/// their own shadow, which the next crystal would hide.
fn crystal(
    canvas: &mut Canvas,
    rng: &mut Rng,
    centre: (f32, f32),
    r: f32,
    colour: Rgb,
    light: f32,
    shadow: bool,
) {
    let corners = 5 + rng.below(3);
    let turn = rng.range(0.0, TAU);
    let shape = Polygon::ring(centre.0, centre.1, corners, |_| r * rng.range(0.7, 1.1));
    let shape = Polygon {
        points: shape
            .points
            .iter()
            .map(|&(x, y)| {
                let (dx, dy) = (x - centre.0, y - centre.1);
                let (c, s) = (turn.cos(), turn.sin());
                (centre.0 + dx * c - dy * s, centre.1 + dx * s + dy * c)
            })
            .collect(),
    };
    let peak = (
        centre.0 + rng.around(0.0, r * 0.3),
        centre.1 + rng.around(0.0, r * 0.3),
    );
    let facets: Vec<f32> = shape
        .points
        .iter()
        .map(|&(x, y)| {
            // Facet brightness by how its outward direction faces the upper-left light.
            let angle = (y - peak.1).atan2(x - peak.0) + TAU / (2.0 * corners as f32);
            let facing = -(angle.cos() * 0.6 + angle.sin() * 0.8);
            0.82 + 0.16 * facing + rng.around(0.0, 0.05)
        })
        .collect();
    if shadow {
        let cast = Polygon {
            points: shape
                .points
                .iter()
                .map(|&(x, y)| (x + r * 0.3, y + r * 0.45))
                .collect(),
        };
        canvas.soft(
            cast.bounds(),
            r * 0.3,
            |x, y| cast.sdf(x, y),
            [0.1, 0.1, 0.14],
            0.35,
        );
    }
    let first_angle = {
        let (x, y) = shape.points.first().copied().unwrap_or(centre);
        (y - peak.1).atan2(x - peak.0)
    };
    canvas.shape_by_distance(
        shape.bounds(),
        |x, y| shape.sdf(x, y),
        |x, y, d| {
            let angle = ((y - peak.1).atan2(x - peak.0) - first_angle).rem_euclid(TAU);
            let i = ((angle / TAU * corners as f32) as usize).min(corners - 1);
            let facet = facets.get(i).copied().unwrap_or(0.9);
            let edge = (d + 2.5).clamp(0.0, 2.5) / 2.5;
            (scale(colour, (facet - 0.1 * edge) * light), 1.0)
        },
    );
}
