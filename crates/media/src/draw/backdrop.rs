//! Backgrounds: a studio set (a wall meeting a table, out of focus) or a flat-lay surface, with
//! the table textures product photographers use — linen, wood, burlap, slate.

use super::canvas::{Canvas, Rgb};
use super::rng::{fbm, floor, noise};
use super::shapes::{mix, scale, smoothstep};

#[derive(Debug, Clone, Copy)]
pub(crate) enum Surface {
    Plain,
    Linen,
    Wood,
    Burlap,
    Slate,
}

/// What is behind and under the product.
pub(crate) struct Studio {
    /// Wall colour at the top and where it meets the table.
    pub wall: (Rgb, Rgb),
    /// Table colour far away and at the bottom edge.
    pub table: (Rgb, Rgb),
    /// Where the table meets the wall, in design units from the top; `None` for a flat lay
    /// (camera straight down, table filling the frame).
    pub horizon: Option<f32>,
    pub surface: Surface,
    pub seed: u32,
}

impl Studio {
    pub(crate) fn paint(&self, canvas: &mut Canvas) {
        canvas.fill(|x, y| self.colour(x, y));
    }

    fn colour(&self, x: f32, y: f32) -> Rgb {
        let Some(horizon) = self.horizon else {
            let base = mix(self.table.0, self.table.1, y / 1000.0);
            return surface(self.surface, base, x, y, self.seed);
        };
        let wall = mix(self.wall.0, self.wall.1, (y / horizon).min(1.0));
        // The wall is out of focus: a soft seam, and a glow behind the product.
        let glow = 1.0 + 0.08 * (1.0 - (((x - 500.0) / 500.0).powi(2))).max(0.0);
        let wall = scale(wall, glow);
        let depth = ((y - horizon) / (1000.0 - horizon)).max(0.0);
        // Perspective: the table's texture shrinks towards the horizon.
        let s = 0.35 + depth;
        let (u, v) = (500.0 + (x - 500.0) / s, 400.0 * s.ln() * 2.0);
        let table = mix(self.table.0, self.table.1, depth.sqrt());
        // Far away the texture is out of focus (and would alias): fade it into plain colour.
        let table = mix(
            table,
            surface(self.surface, table, u, v, self.seed),
            smoothstep(0.0, 0.3, depth),
        );
        mix(wall, table, smoothstep(horizon - 18.0, horizon + 18.0, y))
    }
}

/// A surface texture modulating `base` at texture position (u, v).
pub(crate) fn surface(kind: Surface, base: Rgb, u: f32, v: f32, seed: u32) -> Rgb {
    match kind {
        Surface::Plain => scale(base, 0.98 + 0.04 * fbm(u * 0.004, v * 0.004, seed)),
        Surface::Linen => linen(base, u, v, seed),
        Surface::Wood => wood(base, u, v, seed),
        Surface::Burlap => burlap(base, u, v, seed),
        Surface::Slate => slate(base, u, v, seed),
    }
}

fn linen(base: Rgb, u: f32, v: f32, seed: u32) -> Rgb {
    // Slubs: thicker threads running across, plus a gentle fold.
    let slub = noise(u * 0.01, v * 0.35, seed) - 0.5;
    let warp = noise(u * 0.35, v * 0.012, seed ^ 7) - 0.5;
    let fold = noise(u * 0.003 + v * 0.001, v * 0.004, seed ^ 11) - 0.5;
    scale(base, 1.0 + 0.07 * slub + 0.05 * warp + 0.12 * fold)
}

/// Wood grain: stretched noise bent into rings, with darker late wood and fine streaks.
pub(crate) fn wood(base: Rgb, u: f32, v: f32, seed: u32) -> Rgb {
    let bend = noise(u * 0.002, v * 0.01, seed) * 3.5;
    let ring = fract(v * 0.045 + bend);
    let late = smoothstep(0.55, 0.95, ring) * (1.0 - smoothstep(0.95, 1.0, ring));
    let streak = noise(u * 0.002, v * 0.25, seed ^ 3) - 0.5;
    let plank = (noise(0.5, floor(v / 260.0) as f32, seed ^ 5) - 0.5) * 0.12;
    scale(base, 1.0 - 0.14 * late + 0.14 * streak + plank)
}

fn burlap(base: Rgb, u: f32, v: f32, seed: u32) -> Rgb {
    // Coarse basket weave: threads about 8 units wide, alternating over and under.
    let (cu, cv) = (floor(u / 8.0), floor(v / 8.0));
    let (fu, fv) = (fract(u / 8.0), fract(v / 8.0));
    let over = (cu + cv) % 2 == 0;
    let thread = if over {
        (fv * std::f32::consts::PI).sin()
    } else {
        (fu * std::f32::consts::PI).sin()
    };
    let fibre = noise(u * 0.3, v * 0.3, seed) - 0.5;
    let blotch = fbm(u * 0.006, v * 0.006, seed ^ 9) - 0.5;
    scale(base, 0.78 + 0.26 * thread + 0.12 * fibre + 0.16 * blotch)
}

fn slate(base: Rgb, u: f32, v: f32, seed: u32) -> Rgb {
    let cloud = fbm(u * 0.006, v * 0.006, seed) - 0.5;
    let speck = noise(u * 0.4, v * 0.4, seed ^ 13) - 0.5;
    scale(base, 1.0 + 0.3 * cloud + 0.06 * speck)
}

/// The fractional part, in [0, 1) for negative numbers too.
fn fract(x: f32) -> f32 {
    x - floor(x) as f32
}
