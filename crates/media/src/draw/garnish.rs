//! Small natural props that tell the eye what it is looking at: leaves, blossoms, bokeh.

use super::canvas::{Bounds, Canvas, Rgb};
use super::rng::Rng;
use super::shapes::{lit, mix, scale, smoothstep, Ellipse};

/// A pointed leaf from `base` to `tip`, `half_width` at its widest, with a midrib.
pub(crate) fn leaf(
    canvas: &mut Canvas,
    base: (f32, f32),
    tip: (f32, f32),
    half_width: f32,
    colour: Rgb,
) {
    let (dx, dy) = (tip.0 - base.0, tip.1 - base.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let (mx, my) = ((base.0 + tip.0) / 2.0, (base.1 + tip.1) / 2.0);
    // A lens: the intersection of two circles whose centres sit either side of the midrib.
    let w = half_width.max(0.5);
    let r = (len * len / 4.0 + w * w) / (2.0 * w);
    let off = r - w;
    let c1 = (mx - uy * off, my + ux * off);
    let c2 = (mx + uy * off, my - ux * off);
    let sdf = move |x: f32, y: f32| {
        let d1 = ((x - c1.0).powi(2) + (y - c1.1).powi(2)).sqrt() - r;
        let d2 = ((x - c2.0).powi(2) + (y - c2.1).powi(2)).sqrt() - r;
        d1.max(d2)
    };
    let bounds = Bounds::around(mx, my, len / 2.0 + w, len / 2.0 + w);
    let shadow = move |x: f32, y: f32| sdf(x - 4.0, y - 6.0);
    canvas.soft(bounds.grow(8.0), 6.0, shadow, [0.05, 0.04, 0.03], 0.35);
    canvas.shape(bounds, sdf, |x, y| {
        // Signed distance across the leaf, as a fraction of its half-width.
        let across = ((x - mx) * -uy + (y - my) * ux) / w;
        let n = [-uy * across * 0.6, ux * across * 0.6, 0.8];
        let rib = 1.0 - smoothstep(0.0, 0.07, across.abs());
        let c = mix(
            lit(colour, n, 0.35, 0.18, 12.0),
            scale(colour, 1.35),
            rib * 0.6,
        );
        (c, 1.0)
    });
}

/// Out-of-focus light behind the subject: soft discs of the given tints.
pub(crate) fn bokeh(canvas: &mut Canvas, rng: &mut Rng, tints: &[Rgb], count: usize, max_y: f32) {
    for _ in 0..count {
        let disc = Ellipse::circle(
            rng.range(0.0, 1000.0),
            rng.range(0.0, max_y),
            rng.range(30.0, 90.0),
        );
        let tint = tints
            .get(rng.below(tints.len()))
            .copied()
            .unwrap_or([1.0; 3]);
        let opacity = rng.range(0.12, 0.3);
        canvas.soft(disc.bounds(), 10.0, |x, y| disc.sdf(x, y), tint, opacity);
    }
}

/// A four-petalled yellow blossom, as on rapeseed and many field flowers.
pub(crate) fn blossom(canvas: &mut Canvas, rng: &mut Rng, cx: f32, cy: f32, r: f32, colour: Rgb) {
    let turn = rng.range(0.0, std::f32::consts::FRAC_PI_2);
    for i in 0..4 {
        let angle = turn + i as f32 * std::f32::consts::FRAC_PI_2;
        let petal = Ellipse::new(
            cx + angle.cos() * r * 0.55,
            cy + angle.sin() * r * 0.55,
            r * 0.58,
            r * 0.42,
            angle,
        );
        let shade = rng.range(0.9, 1.08);
        canvas.shape(
            petal.bounds(),
            |x, y| petal.sdf(x, y),
            |x, y| {
                let n = petal.normal(x, y);
                let soft = [n[0] * 0.4, n[1] * 0.4, 0.9];
                (lit(scale(colour, shade), soft, 0.45, 0.08, 8.0), 1.0)
            },
        );
    }
    let eye = Ellipse::circle(cx, cy, r * 0.22);
    canvas.flat(eye.bounds(), |x, y| eye.sdf(x, y), [0.72, 0.52, 0.08]);
}
