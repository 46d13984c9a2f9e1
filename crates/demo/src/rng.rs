//! The demo's only source of chance: SplitMix64 (Steele, Lea & Flood, "Fast splittable
//! pseudorandom number generators", 2014), written out here so a seed gives the same county on
//! every machine and every Rust release, with no dependency whose algorithm could change. It is
//! for picking names and numbers only, never for anything secret.

/// A SplitMix64 generator: a 64-bit counter stepped by the golden-ratio constant and passed
/// through a bijective mixer, so every seed, even 0, yields a full-quality stream.
#[derive(Debug, Clone)]
pub(crate) struct Rng {
    state: u64,
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// An independent stream for one part of the plan, so that changing how producers are drawn
    /// does not reshuffle the applicants drawn after them.
    pub(crate) fn stream(seed: u64, stream: u64) -> Self {
        let mut mixer = Self::new(seed ^ stream.wrapping_mul(GOLDEN_GAMMA));
        Self::new(mixer.next_u64())
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0) by Lemire's multiply-shift; for the small `n` used
    /// here its bias is below 2^-50, far under anything a demo could show.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        let wide = u128::from(self.next_u64()) * n as u128;
        usize::try_from(wide >> 64).unwrap_or(0)
    }

    /// A number in `low..=high`.
    pub(crate) fn between(&mut self, low: u32, high: u32) -> u32 {
        let span = high.saturating_sub(low) as usize + 1;
        low + u32::try_from(self.below(span)).unwrap_or(0)
    }

    /// A signed offset in `-limit..=limit`.
    pub(crate) fn offset(&mut self, limit: u32) -> i32 {
        let drawn = i64::from(self.between(0, limit.saturating_mul(2)));
        i32::try_from(drawn - i64::from(limit)).unwrap_or(0)
    }

    /// True `percent` times in a hundred.
    pub(crate) fn chance(&mut self, percent: u32) -> bool {
        self.between(1, 100) <= percent
    }

    /// One item of a non-empty table. Every table in this crate is a non-empty constant, which
    /// the tests check; an empty one would be a programming error and panics here.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One item of a non-empty table, each as likely as its weight.
    pub(crate) fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, weight)| u64::from(*weight)).sum();
        let mut roll = self.next_u64() % total.max(1);
        for (item, weight) in items {
            if roll < u64::from(*weight) {
                return item;
            }
            roll -= u64::from(*weight);
        }
        &items[items.len() - 1].0
    }

    /// Fisher–Yates: every order equally likely.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_splitmix64_sequence() {
        // Rosetta Code, "Pseudo-random numbers/Splitmix64", seed 1234567.
        let mut rng = Rng::new(1_234_567);
        let expected = [
            6_457_827_717_110_365_317,
            3_203_168_211_198_807_973,
            9_817_491_932_198_370_423,
            4_593_380_528_125_082_431,
            16_408_922_859_458_223_821,
        ];
        for value in expected {
            assert_eq!(rng.next_u64(), value);
        }
    }

    #[test]
    fn draws_stay_in_their_ranges() {
        let mut rng = Rng::new(7);
        for _ in 0..10_000 {
            assert!(rng.below(5) < 5);
            assert!((10..=12).contains(&rng.between(10, 12)));
            assert!((-3..=3).contains(&rng.offset(3)));
        }
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.between(4, 4), 4);
    }

    #[test]
    fn weights_and_shuffles_behave() {
        let mut rng = Rng::new(11);
        let table = [("never", 0), ("always", 5)];
        for _ in 0..1_000 {
            assert_eq!(*rng.weighted(&table), "always");
        }
        let mut items: Vec<u32> = (0..50).collect();
        rng.shuffle(&mut items);
        let mut sorted = items.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_ne!(items, sorted, "a shuffle of 50 items left them in order");
    }

    #[test]
    fn streams_differ_by_seed_and_by_stream() {
        let first = |seed, stream| Rng::stream(seed, stream).next_u64();
        assert_eq!(first(1, 1), first(1, 1));
        assert_ne!(first(1, 1), first(1, 2));
        assert_ne!(first(1, 1), first(2, 1));
    }
}
