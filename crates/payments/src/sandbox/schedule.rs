//! When a callback that was not acknowledged is sent again: WeChat Pay's published schedule
//! (15 s, 15 s, 30 s, 3 min, 10 min, 20 min, 30 min ×3, 1 h, 3 h ×3, 6 h ×2 — about a day), after
//! which the merchant is expected to query.

use farmgate_domain::time::Timestamp;

const RETRY_AFTER_SECS: [i64; 15] = [
    15, 15, 30, 180, 600, 1_200, 1_800, 1_800, 1_800, 3_600, 10_800, 10_800, 10_800, 21_600, 21_600,
];

/// When the next attempt is due after `attempts` failed ones, or `None` to give up.
pub fn next_attempt(attempts: i64, now: Timestamp) -> Option<Timestamp> {
    let index = usize::try_from(attempts.checked_sub(1)?).ok()?;
    RETRY_AFTER_SECS
        .get(index)
        .map(|secs| now.plus_millis(secs * 1_000))
}

/// How long after an acknowledged delivery its duplicate is sent.
pub const DUPLICATE_AFTER_MILLIS: i64 = 2_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_follow_the_schedule_then_stop() {
        let now = Timestamp::from_millis(0);
        assert_eq!(next_attempt(1, now), Some(Timestamp::from_millis(15_000)));
        assert_eq!(next_attempt(4, now), Some(Timestamp::from_millis(180_000)));
        assert_eq!(
            next_attempt(15, now),
            Some(Timestamp::from_millis(21_600_000))
        );
        assert_eq!(next_attempt(16, now), None);
        assert_eq!(next_attempt(0, now), None);
        let total: i64 = RETRY_AFTER_SECS.iter().sum();
        assert!((86_400..=90_000).contains(&total), "about a day: {total}");
    }
}
