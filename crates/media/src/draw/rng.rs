//! Deterministic randomness for the drawings: a seeded generator for arrangements and a smooth
//! value-noise field for textures. Hand-rolled so that a seed draws the same picture forever,
//! whatever version of a random-number crate the workspace moves to.

/// SplitMix64: tiny, fast, and good enough to scatter berries.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5851_F42D_4C95_7F2D)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub(crate) fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// Uniform in [lo, hi).
    pub(crate) fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.unit()
    }

    /// `centre` give or take `spread`.
    pub(crate) fn around(&mut self, centre: f32, spread: f32) -> f32 {
        centre + spread * (2.0 * self.unit() - 1.0)
    }

    /// Uniform in 0..n (0 when n is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 32) as usize * n) >> 32
    }

    pub(crate) fn chance(&mut self, p: f32) -> bool {
        self.unit() < p
    }

    /// A seed for a noise field, so each picture's textures differ too.
    pub(crate) fn noise_seed(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }
}

fn lattice(ix: i32, iy: i32, seed: u32) -> f32 {
    let mut h = (ix as u32).wrapping_mul(0x8DA6_B343)
        ^ (iy as u32).wrapping_mul(0xD816_3841)
        ^ seed.wrapping_mul(0xCB1A_B31F);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    h = h.wrapping_mul(0x297A_2D39);
    h ^= h >> 15;
    (h >> 8) as f32 / (1u32 << 24) as f32
}

/// Smooth noise in [0, 1] with features about one unit apart.
pub(crate) fn noise(x: f32, y: f32, seed: u32) -> f32 {
    let (ix, iy) = (floor(x), floor(y));
    let (fx, fy) = (ix as f32, iy as f32);
    let (tx, ty) = (x - fx, y - fy);
    let (sx, sy) = (tx * tx * (3.0 - 2.0 * tx), ty * ty * (3.0 - 2.0 * ty));
    let top = lerp(lattice(ix, iy, seed), lattice(ix + 1, iy, seed), sx);
    let bottom = lerp(lattice(ix, iy + 1, seed), lattice(ix + 1, iy + 1, seed), sx);
    lerp(top, bottom, sy)
}

/// Two octaves of noise: enough for wood, cloth and meat without costing much per pixel.
pub(crate) fn fbm(x: f32, y: f32, seed: u32) -> f32 {
    (noise(x, y, seed) * 2.0 + noise(x * 2.13, y * 2.13, seed ^ 0x9E37)) / 3.0
}

/// `f32::floor` is a library call on baseline x86-64; truncation is one instruction, and the
/// noise runs for every pixel of every background.
pub(crate) fn floor(x: f32) -> i32 {
    let t = x as i32;
    t - i32::from((t as f32) > x)
}

pub(crate) fn lerp(a: f32, b: f32, t: f32) -> f32 {
    a + (b - a) * t
}
