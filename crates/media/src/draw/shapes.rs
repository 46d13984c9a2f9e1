//! Shapes as signed distance functions, and the lighting that makes them look solid: every
//! object is lit by one soft key light from the upper left, as on a product-photo table.

use super::canvas::{Bounds, Rgb};

/// Direction towards the key light (screen y points down, z towards the viewer).
const LIGHT: [f32; 3] = [-0.47, -0.58, 0.665];
/// Halfway between the light and the viewer, for specular highlights.
const HALF: [f32; 3] = [-0.266, -0.328, 0.906];

pub(crate) fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

pub(crate) fn scale(c: Rgb, f: f32) -> Rgb {
    [c[0] * f, c[1] * f, c[2] * f]
}

pub(crate) fn smoothstep(e0: f32, e1: f32, x: f32) -> f32 {
    let t = ((x - e0) / (e1 - e0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Colour of a surface with normal `n`: diffuse plus an ambient floor, and a white specular
/// highlight whose size falls as `shininess` grows.
pub(crate) fn lit(base: Rgb, n: [f32; 3], ambient: f32, gloss: f32, shininess: f32) -> Rgb {
    let diffuse = (n[0] * LIGHT[0] + n[1] * LIGHT[1] + n[2] * LIGHT[2]).max(0.0);
    let facing = (n[0] * HALF[0] + n[1] * HALF[1] + n[2] * HALF[2]).max(0.0);
    let spec = gloss * sharpen(facing, shininess);
    let f = ambient + (1.0 - ambient) * diffuse * 1.25;
    [base[0] * f + spec, base[1] * f + spec, base[2] * f + spec]
}

/// Approximately `x.powf(n)` for x in [0, 1], from the Schlick-style `(1 - n(1-x)/4)^4`:
/// indistinguishable in a highlight, and `powf` was a tenth of the drawing time.
fn sharpen(x: f32, n: f32) -> f32 {
    let t = (1.0 - n * (1.0 - x) / 4.0).max(0.0);
    let t2 = t * t;
    t2 * t2
}

/// A rotated ellipse; also the silhouette of a rounded solid (berry, grain, crystal of fat).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ellipse {
    pub cx: f32,
    pub cy: f32,
    pub a: f32,
    pub b: f32,
    cos: f32,
    sin: f32,
}

impl Ellipse {
    pub(crate) fn new(cx: f32, cy: f32, a: f32, b: f32, angle: f32) -> Self {
        Ellipse {
            cx,
            cy,
            a: a.max(0.01),
            b: b.max(0.01),
            cos: angle.cos(),
            sin: angle.sin(),
        }
    }

    pub(crate) fn circle(cx: f32, cy: f32, r: f32) -> Self {
        Ellipse::new(cx, cy, r, r, 0.0)
    }

    /// Position in the ellipse's own frame, scaled so the outline is the unit circle.
    pub(crate) fn unit(&self, x: f32, y: f32) -> (f32, f32) {
        let (dx, dy) = (x - self.cx, y - self.cy);
        (
            (dx * self.cos + dy * self.sin) / self.a,
            (-dx * self.sin + dy * self.cos) / self.b,
        )
    }

    /// The screen position of a point given in the ellipse's unit frame.
    pub(crate) fn point(&self, u: f32, v: f32) -> (f32, f32) {
        let (lx, ly) = (u * self.a, v * self.b);
        (
            self.cx + lx * self.cos - ly * self.sin,
            self.cy + lx * self.sin + ly * self.cos,
        )
    }

    /// Approximate signed distance (exact for circles), after Quílez's ellipse bound.
    pub(crate) fn sdf(&self, x: f32, y: f32) -> f32 {
        let (u, v) = self.unit(x, y);
        let k0 = (u * u + v * v).sqrt();
        let k1 = ((u / self.a).powi(2) + (v / self.b).powi(2)).sqrt();
        if k1 <= f32::EPSILON {
            return -self.a.min(self.b);
        }
        k0 * (k0 - 1.0) / k1
    }

    pub(crate) fn bounds(&self) -> Bounds {
        let r = self.a.max(self.b);
        Bounds::around(self.cx, self.cy, r, r)
    }

    /// The normal of the ellipsoid this ellipse outlines, in screen space.
    pub(crate) fn normal(&self, x: f32, y: f32) -> [f32; 3] {
        let (u, v) = self.unit(x, y);
        let r2 = (u * u + v * v).min(1.0);
        let (nx, ny) = (u * self.cos - v * self.sin, u * self.sin + v * self.cos);
        [nx, ny, (1.0 - r2).sqrt()]
    }

    /// Same ellipse moved by (dx, dy) and scaled by `f`: shadows, highlights, inner parts.
    pub(crate) fn moved(&self, dx: f32, dy: f32, f: f32) -> Self {
        Ellipse {
            cx: self.cx + dx,
            cy: self.cy + dy,
            a: self.a * f,
            b: self.b * f,
            ..*self
        }
    }
}

/// A stroke along a polyline whose radius tapers from start to end: stems, sticks, awns.
#[derive(Debug, Clone)]
pub(crate) struct Tube {
    points: Vec<(f32, f32)>,
    r0: f32,
    r1: f32,
}

/// The nearest point of a tube to a position.
pub(crate) struct Probe {
    pub sd: f32,
    /// Cylinder normal at that position (unit length on the surface).
    pub normal: [f32; 3],
    /// How far along the tube, 0 at the start, 1 at the end.
    pub along: f32,
}

impl Tube {
    pub(crate) fn new(points: Vec<(f32, f32)>, r0: f32, r1: f32) -> Self {
        Tube { points, r0, r1 }
    }

    /// A quadratic curve from `a` to `c` pulled towards `b`, in `steps` segments.
    pub(crate) fn curve(
        a: (f32, f32),
        b: (f32, f32),
        c: (f32, f32),
        steps: usize,
        r0: f32,
        r1: f32,
    ) -> Self {
        let steps = steps.max(1);
        let points = (0..=steps)
            .map(|i| {
                let t = i as f32 / steps as f32;
                let (u, v, w) = ((1.0 - t) * (1.0 - t), 2.0 * t * (1.0 - t), t * t);
                (u * a.0 + v * b.0 + w * c.0, u * a.1 + v * b.1 + w * c.1)
            })
            .collect();
        Tube::new(points, r0, r1)
    }

    pub(crate) fn bounds(&self) -> Bounds {
        let r = self.r0.max(self.r1);
        let mut b = Bounds::around(0.0, 0.0, 0.0, 0.0);
        if let Some(&(x, y)) = self.points.first() {
            b = Bounds::around(x, y, 0.0, 0.0);
        }
        for &(x, y) in &self.points {
            b.x0 = b.x0.min(x);
            b.x1 = b.x1.max(x);
            b.y0 = b.y0.min(y);
            b.y1 = b.y1.max(y);
        }
        b.grow(r)
    }

    /// A point `t` of the way along (by segment count, which is close to length for curves).
    pub(crate) fn at(&self, t: f32) -> (f32, f32) {
        let n = self.points.len().saturating_sub(1);
        if n == 0 {
            return self.points.first().copied().unwrap_or((0.0, 0.0));
        }
        let f = t.clamp(0.0, 1.0) * n as f32;
        let i = (f.floor() as usize).min(n - 1);
        let (a, b) = (self.points[i], self.points[i + 1]);
        let h = f - i as f32;
        (a.0 + (b.0 - a.0) * h, a.1 + (b.1 - a.1) * h)
    }

    pub(crate) fn probe(&self, x: f32, y: f32) -> Probe {
        let n = self.points.len().saturating_sub(1).max(1) as f32;
        let mut best = Probe {
            sd: f32::MAX,
            normal: [0.0, 0.0, 1.0],
            along: 0.0,
        };
        for (i, pair) in self.points.windows(2).enumerate() {
            let [(ax, ay), (bx, by)] = [pair[0], pair[1]];
            let (ex, ey, wx, wy) = (bx - ax, by - ay, x - ax, y - ay);
            let len2 = (ex * ex + ey * ey).max(1e-6);
            let h = ((wx * ex + wy * ey) / len2).clamp(0.0, 1.0);
            let (dx, dy) = (wx - ex * h, wy - ey * h);
            let dist = (dx * dx + dy * dy).sqrt();
            let along = (i as f32 + h) / n;
            let r = self.r0 + (self.r1 - self.r0) * along;
            let sd = dist - r;
            if sd < best.sd {
                let (nx, ny) = (dx / r.max(1e-3), dy / r.max(1e-3));
                let nz = (1.0 - (nx * nx + ny * ny).min(1.0)).sqrt();
                best = Probe {
                    sd,
                    normal: [nx, ny, nz],
                    along,
                };
            }
        }
        best
    }

    pub(crate) fn sdf(&self, x: f32, y: f32) -> f32 {
        self.probe(x, y).sd
    }
}

/// A closed polygon: crystals, cuts of meat, bottle shoulders.
#[derive(Debug, Clone)]
pub(crate) struct Polygon {
    pub points: Vec<(f32, f32)>,
}

impl Polygon {
    /// Exact signed distance with the even-odd rule (Quílez).
    pub(crate) fn sdf(&self, x: f32, y: f32) -> f32 {
        let Some(&first) = self.points.first() else {
            return f32::MAX;
        };
        let mut d = (x - first.0).powi(2) + (y - first.1).powi(2);
        let mut sign = 1.0;
        let n = self.points.len();
        for i in 0..n {
            let (vi, vj) = (self.points[i], self.points[(i + n - 1) % n]);
            let (ex, ey, wx, wy) = (vj.0 - vi.0, vj.1 - vi.1, x - vi.0, y - vi.1);
            let h = ((wx * ex + wy * ey) / (ex * ex + ey * ey).max(1e-6)).clamp(0.0, 1.0);
            d = d.min((wx - ex * h).powi(2) + (wy - ey * h).powi(2));
            let c = [y >= vi.1, y < vj.1, ex * wy > ey * wx];
            if c.iter().all(|&b| b) || c.iter().all(|&b| !b) {
                sign = -sign;
            }
        }
        sign * d.sqrt()
    }

    pub(crate) fn bounds(&self) -> Bounds {
        let mut b = Bounds::around(f32::MAX, f32::MAX, 0.0, 0.0);
        b.x1 = f32::MIN;
        b.y1 = f32::MIN;
        for &(x, y) in &self.points {
            b.x0 = b.x0.min(x);
            b.x1 = b.x1.max(x);
            b.y0 = b.y0.min(y);
            b.y1 = b.y1.max(y);
        }
        b
    }

    /// A rough ring of `n` corners around a centre, each radius jittered by the closure.
    pub(crate) fn ring(cx: f32, cy: f32, n: usize, mut radius_at: impl FnMut(f32) -> f32) -> Self {
        let points = (0..n)
            .map(|i| {
                let angle = i as f32 / n as f32 * std::f32::consts::TAU;
                let r = radius_at(angle);
                (cx + r * angle.cos(), cy + r * angle.sin())
            })
            .collect();
        Polygon { points }
    }
}

/// Signed distance to an axis-aligned rectangle with rounded corners.
pub(crate) fn round_rect(x: f32, y: f32, cx: f32, cy: f32, hw: f32, hh: f32, r: f32) -> f32 {
    let qx = (x - cx).abs() - hw + r;
    let qy = (y - cy).abs() - hh + r;
    let outside = (qx.max(0.0).powi(2) + qy.max(0.0).powi(2)).sqrt();
    outside + qx.max(qy).min(0.0) - r
}
