//! The painting surface: a floating-point RGB buffer addressed in design units (the picture is
//! always 1000 × 1000 of them, whatever its pixel size), with anti-aliased shape filling driven
//! by signed distance functions. Drawing code never thinks about pixels.

use image::RgbImage;

use super::shapes::mix;

/// A colour with channels in [0, 1] (sRGB-encoded; blending there looks fine at this scale).
pub(crate) type Rgb = [f32; 3];

/// The width and height of every picture in design units.
pub(crate) const DESIGN: f32 = 1000.0;

/// Side of the square blocks of pixels that shape painting skips when a shape is far away.
const TILE: usize = 16;

/// A rectangle in design units: the area a shape may touch.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Bounds {
    pub(crate) fn around(cx: f32, cy: f32, rx: f32, ry: f32) -> Self {
        Bounds {
            x0: cx - rx,
            y0: cy - ry,
            x1: cx + rx,
            y1: cy + ry,
        }
    }

    pub(crate) fn grow(self, by: f32) -> Self {
        Bounds {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }
}

pub(crate) struct Canvas {
    size: u32,
    /// Pixels per design unit.
    k: f32,
    px: Vec<Rgb>,
}

impl Canvas {
    pub(crate) fn new(size: u32) -> Self {
        let size = size.max(1);
        Canvas {
            size,
            k: size as f32 / DESIGN,
            px: vec![[0.0; 3]; (size as usize) * (size as usize)],
        }
    }

    /// Sets every pixel from a function of its design position: backgrounds. The function is
    /// sampled every other pixel and interpolated, which quarters the cost of the noise-heavy
    /// textures; the result reads as a background slightly out of focus, as in a photograph.
    pub(crate) fn fill(&mut self, colour: impl Fn(f32, f32) -> Rgb) {
        let (size, k) = (self.size as usize, self.k);
        let n = size / 2 + 2;
        let samples: Vec<Rgb> = (0..n * n)
            .map(|i| colour(((i % n) * 2) as f32 / k, ((i / n) * 2) as f32 / k))
            .collect();
        let at = |x: usize, y: usize| samples.get(y * n + x).copied().unwrap_or([0.0; 3]);
        for (i, px) in self.px.iter_mut().enumerate() {
            let (x, y) = (i % size, i / size);
            let (sx, sy) = (x / 2, y / 2);
            let (fx, fy) = ((x % 2) as f32 * 0.5, (y % 2) as f32 * 0.5);
            let top = mix(at(sx, sy), at(sx + 1, sy), fx);
            let bottom = mix(at(sx, sy + 1), at(sx + 1, sy + 1), fx);
            *px = mix(top, bottom, fy);
        }
    }

    /// Paints a solid-edged shape: `sdf` is the signed distance to its outline in design units
    /// (negative inside); `ink` gives colour and opacity at a covered point.
    pub(crate) fn shape(
        &mut self,
        bounds: Bounds,
        sdf: impl Fn(f32, f32) -> f32,
        ink: impl Fn(f32, f32) -> (Rgb, f32),
    ) {
        self.paint(bounds, 0.0, sdf, |x, y, _| ink(x, y));
    }

    /// Like `shape`, but `ink` is also told the signed distance, for shapes whose outline is
    /// costly to compute and whose colour depends on it (rims, fat caps).
    pub(crate) fn shape_by_distance(
        &mut self,
        bounds: Bounds,
        sdf: impl Fn(f32, f32) -> f32,
        ink: impl Fn(f32, f32, f32) -> (Rgb, f32),
    ) {
        self.paint(bounds, 0.0, sdf, ink);
    }

    /// A shape in one flat colour.
    pub(crate) fn flat(&mut self, bounds: Bounds, sdf: impl Fn(f32, f32) -> f32, colour: Rgb) {
        self.paint(bounds, 0.0, sdf, |_, _, _| (colour, 1.0));
    }

    /// A blurred shape, for shadows and glows: the edge fades over `blur` design units.
    pub(crate) fn soft(
        &mut self,
        bounds: Bounds,
        blur: f32,
        sdf: impl Fn(f32, f32) -> f32,
        colour: Rgb,
        opacity: f32,
    ) {
        self.paint(bounds, blur, sdf, |_, _, _| (colour, opacity));
    }

    fn paint(
        &mut self,
        bounds: Bounds,
        blur: f32,
        sdf: impl Fn(f32, f32) -> f32,
        ink: impl Fn(f32, f32, f32) -> (Rgb, f32),
    ) {
        let k = self.k;
        // Half the width of the edge ramp, in pixels: half a pixel gives plain anti-aliasing.
        let ramp = (blur * k).max(0.5);
        let reach = ramp / k;
        let b = bounds.grow(reach + 1.0 / k);
        let clamp = |v: f32| (v * k).floor().clamp(0.0, self.size as f32) as usize;
        let (x0, x1, y0, y1) = (clamp(b.x0), clamp(b.x1), clamp(b.y0), clamp(b.y1));
        let size = self.size as usize;
        // Tiles whose centre is far outside the shape are skipped whole: long diagonal stems
        // and glints would otherwise cost their entire bounding box. The margin allows for
        // distance functions that are only approximately distances (ellipses, profiles).
        let cull = 1.5 * (TILE as f32 * 0.71 / k + reach) + 6.0;
        for ty in (y0..y1).step_by(TILE) {
            let ty1 = (ty + TILE).min(y1);
            for tx in (x0..x1).step_by(TILE) {
                let tx1 = (tx + TILE).min(x1);
                let (mx, my) = ((tx + tx1) as f32 / 2.0 / k, (ty + ty1) as f32 / 2.0 / k);
                if sdf(mx, my) > cull {
                    continue;
                }
                for py in ty..ty1 {
                    let y = (py as f32 + 0.5) / k;
                    let row = &mut self.px[py * size + tx..py * size + tx1];
                    for (i, pixel) in row.iter_mut().enumerate() {
                        let x = ((tx + i) as f32 + 0.5) / k;
                        let d = sdf(x, y);
                        if d >= reach {
                            continue;
                        }
                        let t = ((ramp - d * k) / (2.0 * ramp)).clamp(0.0, 1.0);
                        let coverage = t * t * (3.0 - 2.0 * t);
                        let (colour, opacity) = ink(x, y, d);
                        let a = (coverage * opacity).clamp(0.0, 1.0);
                        for c in 0..3 {
                            pixel[c] += (colour[c] - pixel[c]) * a;
                        }
                    }
                }
            }
        }
    }

    /// The finished picture, its corners darkened by `vignette` as a lens does, with a touch
    /// of sensor grain so flat areas do not look drawn.
    pub(crate) fn into_image(self, vignette: f32, grain_seed: u32) -> RgbImage {
        let size = self.size as usize;
        let half = self.size as f32 / 2.0;
        let mut raw = Vec::with_capacity(size * size * 3);
        let mut grain = Grain(u64::from(grain_seed) | 1);
        for (i, px) in self.px.iter().enumerate() {
            let (x, y) = (i % size, i / size);
            let (dx, dy) = (
                (x as f32 + 0.5 - half) / half,
                (y as f32 + 0.5 - half) / half,
            );
            let r2 = (dx * dx + dy * dy) * 0.5;
            let f = 1.0 - vignette * r2 * r2.sqrt();
            let n = grain.next() * 0.012;
            raw.extend(px.map(|c| ((c * f + n).clamp(0.0, 1.0) * 255.0 + 0.5) as u8));
        }
        RgbImage::from_raw(self.size, self.size, raw)
            .unwrap_or_else(|| RgbImage::new(self.size, self.size))
    }
}

/// Sensor noise, one value in [-1, 1] per pixel in turn: a plain LCG, since hashing each
/// position was a tenth of the drawing time for a texture nobody looks at closely.
struct Grain(u64);

impl Grain {
    fn next(&mut self) -> f32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    }
}
