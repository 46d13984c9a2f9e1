//! Handicraft: a hand-knotted Tibetan rug laid flat on floorboards — borders of repeating
//! diamonds, a central medallion, and the slight colour drift (abrash) of hand-dyed wool.

use super::backdrop::{surface, Surface};
use super::canvas::{Bounds, Canvas, Rgb};
use super::rng::{fbm, noise, Rng};
use super::shapes::{mix, round_rect, scale, smoothstep};

const SHADOW: Rgb = [0.05, 0.03, 0.02];

/// The rug's palette: field, border, accent and outline colours.
struct Palette {
    field: Rgb,
    border: Rgb,
    accent: Rgb,
    ink: Rgb,
}

const PALETTES: [Palette; 3] = [
    Palette {
        field: [0.62, 0.10, 0.09],
        border: [0.14, 0.20, 0.42],
        accent: [0.90, 0.66, 0.20],
        ink: [0.10, 0.08, 0.10],
    },
    Palette {
        field: [0.13, 0.22, 0.45],
        border: [0.66, 0.14, 0.10],
        accent: [0.92, 0.74, 0.30],
        ink: [0.96, 0.92, 0.82],
    },
    Palette {
        field: [0.85, 0.60, 0.20],
        border: [0.50, 0.08, 0.10],
        accent: [0.16, 0.30, 0.50],
        ink: [0.15, 0.10, 0.08],
    },
];

pub(crate) fn handicraft(canvas: &mut Canvas, rng: &mut Rng) {
    let floor_seed = rng.noise_seed();
    let floor = mix([0.55, 0.40, 0.27], [0.45, 0.32, 0.22], rng.unit());
    canvas.fill(|x, y| surface(Surface::Wood, floor, y * 0.9, x * 1.1, floor_seed));
    let palette = &PALETTES[rng.below(PALETTES.len())];
    let (cx, cy) = (rng.around(500.0, 15.0), rng.around(500.0, 15.0));
    let (hw, hh) = (rng.around(330.0, 15.0), rng.around(420.0, 15.0));
    let seed = rng.noise_seed();
    let rug = move |x: f32, y: f32| round_rect(x, y, cx, cy, hw, hh, 6.0);
    let b = Bounds::around(cx, cy, hw, hh);
    canvas.soft(
        b.grow(40.0),
        18.0,
        |x, y| rug(x - 14.0, y - 18.0),
        SHADOW,
        0.6,
    );
    fringe(canvas, (cx, cy), hw, hh, seed);
    canvas.shape(b, rug, |x, y| {
        let (u, v) = (x - cx, y - cy);
        let colour = pattern(u, v, hw, hh, palette);
        // Wool: a fine irregular knot texture, abrash bands, and a soft pile sheen.
        let knots = 0.93 + 0.07 * noise(x * 0.45, y * 0.45, seed);
        let abrash = 0.94 + 0.1 * fbm(0.3, y * 0.01, seed ^ 5);
        let sheen = 1.04 - 0.1 * (u / hw + v / hh) / 2.0;
        (scale(colour, knots * abrash * sheen), 1.0)
    });
}

/// The knotted design at (u, v) from the rug's centre.
fn pattern(u: f32, v: f32, hw: f32, hh: f32, p: &Palette) -> Rgb {
    let edge = (hw - u.abs()).min(hh - v.abs());
    if edge < 18.0 {
        return p.ink;
    }
    if edge < 78.0 {
        // The main border: a running chain of diamonds.
        let along = if hw - u.abs() < hh - v.abs() { v } else { u };
        let across = (edge - 48.0) / 24.0;
        let phase = ((along / 60.0).rem_euclid(1.0) - 0.5).abs() * 2.0;
        let diamond = phase + across.abs();
        return if diamond < 0.55 {
            p.accent
        } else if diamond < 0.75 {
            p.ink
        } else {
            p.border
        };
    }
    if edge < 92.0 {
        return p.accent;
    }
    let (fu, fv) = (u.abs() / (hw - 92.0), v.abs() / (hh - 92.0));
    // Central medallion: nested diamonds with a round lotus at the heart.
    let medallion = fu / 0.62 + fv / 0.5;
    let round = (u * u + v * v).sqrt();
    if round < 45.0 {
        return if round < 22.0 { p.ink } else { p.accent };
    }
    if medallion < 1.0 {
        let ring = smoothstep(0.0, 0.03, (medallion * 4.0).rem_euclid(1.0) - 0.82);
        let inner = if medallion < 0.6 { p.border } else { p.accent };
        return mix(inner, p.ink, ring);
    }
    // Corner spandrels echo the medallion.
    let corner = (1.0 - fu) / 0.35 + (1.0 - fv) / 0.3;
    if corner < 1.0 {
        return if corner < 0.7 { p.border } else { p.accent };
    }
    // Small rosettes scattered over the field.
    let (gu, gv) = (
        (u / 70.0).rem_euclid(1.0) - 0.5,
        (v / 70.0).rem_euclid(1.0) - 0.5,
    );
    let rosette = gu.abs() + gv.abs();
    if rosette < 0.14 && medallion > 1.15 {
        return p.accent;
    }
    p.field
}

/// Wool threads left at the two short ends where the warp was cut.
fn fringe(canvas: &mut Canvas, (cx, cy): (f32, f32), hw: f32, hh: f32, seed: u32) {
    let length = 34.0;
    let b = Bounds::around(cx, cy, hw, hh + length);
    // Outside the two fringe strips this is a true distance (so painting can skip far
    // tiles); inside, each thread is either there or not.
    let threads = move |x: f32, y: f32| {
        let strips = round_rect(
            x,
            (y - cy).abs(),
            cx,
            hh + length / 2.0 - 1.0,
            hw - 8.0,
            length / 2.0 + 1.0,
            0.0,
        );
        if strips > 0.0 {
            return strips.max(1.0);
        }
        let beyond = (y - cy).abs() - hh;
        let wobble = noise(x * 0.2, y * 0.05, seed) * 3.0;
        let reach = length * (0.8 + 0.3 * noise(x * 0.3, 0.0, seed ^ 1));
        let gap = ((x + wobble) / 7.0).rem_euclid(1.0);
        if beyond > reach || gap > 0.55 {
            1.0
        } else {
            -1.0
        }
    };
    canvas.shape(b, threads, |_, _| ([0.93, 0.89, 0.80], 0.95));
}
