//! Chat lines and the per-user rate limit: a token bucket, so a viewer may send a short burst
//! and then about one line a second.

use std::time::Duration;

use serde::Serialize;
use tokio::time::Instant;

/// Longest chat line, in characters.
pub const CHAT_MAX_CHARS: usize = 200;
/// Lines a viewer may send at once.
pub const CHAT_BURST: f64 = 5.0;
/// Lines a viewer may send per second, sustained.
pub const CHAT_PER_SECOND: f64 = 1.0;

/// Who is talking: an account's id (what moderators mute) and the name shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub id: String,
    pub name: String,
}

/// A line as the room broadcasts it and keeps it for the snapshot. `id` is the sequence number
/// of the frame that carried it, so moderators remove a line by the number everyone saw.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChatLine {
    pub id: u64,
    pub user: String,
    pub name: String,
    pub text: String,
    /// Milliseconds since the epoch, for showing the time.
    pub at: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct TokenBucket {
    tokens: f64,
    updated: Instant,
}

impl TokenBucket {
    pub fn full(now: Instant) -> Self {
        TokenBucket {
            tokens: CHAT_BURST,
            updated: now,
        }
    }

    /// Takes a token, or says how long until one is there.
    pub fn take(&mut self, now: Instant) -> Result<(), Duration> {
        self.refill(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - self.tokens) / CHAT_PER_SECOND,
            ))
        }
    }

    /// A full bucket is the same as none, so it can be forgotten.
    pub fn is_full(&mut self, now: Instant) -> bool {
        self.refill(now);
        self.tokens >= CHAT_BURST
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        self.tokens = (self.tokens + elapsed * CHAT_PER_SECOND).min(CHAT_BURST);
        self.updated = now;
    }
}

/// The line as it will be shown: trimmed; `None` when nothing is left.
pub(crate) fn clean(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_a_burst_then_one_line_a_second() {
        let start = Instant::now();
        let mut bucket = TokenBucket::full(start);
        for _ in 0..5 {
            assert!(bucket.take(start).is_ok());
        }
        let wait = bucket.take(start).unwrap_err();
        assert_eq!(wait, Duration::from_secs(1));
        assert!(bucket.take(start + Duration::from_millis(500)).is_err());
        assert!(bucket.take(start + Duration::from_secs(1)).is_ok());
        assert!(!bucket.is_full(start + Duration::from_secs(2)));
        assert!(bucket.is_full(start + Duration::from_secs(10)));
    }

    #[test]
    fn blank_lines_are_nothing() {
        assert_eq!(clean("  你好 \n"), Some("你好"));
        assert_eq!(clean(" \t\n"), None);
    }
}
