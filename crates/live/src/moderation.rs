//! A room's moderation: the blocked keywords (a line containing one is refused to its sender
//! and never broadcast) and muted users with the instant their mute ends.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

/// Most keywords one room blocks.
pub const MAX_BLOCKED_WORDS: usize = 200;
/// Longest keyword, in characters.
pub const MAX_BLOCKED_WORD_CHARS: usize = 40;
/// Longest mute, in minutes (a day).
pub const MAX_MUTE_MINUTES: u32 = 24 * 60;

#[derive(Debug, Default)]
pub(crate) struct Moderation {
    /// Lower-cased, trimmed, without duplicates, in the order given.
    blocked: Vec<String>,
    muted: HashMap<String, Instant>,
}

/// Why a block list was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BadBlockList {
    TooMany,
    TooLong,
}

impl Moderation {
    pub fn blocked_words(&self) -> &[String] {
        &self.blocked
    }

    /// Replaces the block list; blank words are dropped.
    pub fn set_blocked_words(&mut self, words: &[String]) -> Result<(), BadBlockList> {
        let mut cleaned: Vec<String> = Vec::new();
        for word in words {
            let word = word.trim().to_lowercase();
            if word.is_empty() || cleaned.contains(&word) {
                continue;
            }
            if word.chars().count() > MAX_BLOCKED_WORD_CHARS {
                return Err(BadBlockList::TooLong);
            }
            cleaned.push(word);
        }
        if cleaned.len() > MAX_BLOCKED_WORDS {
            return Err(BadBlockList::TooMany);
        }
        self.blocked = cleaned;
        Ok(())
    }

    /// Case-insensitive, anywhere in the line: keywords are often Chinese, without spaces.
    pub fn is_blocked(&self, text: &str) -> bool {
        if self.blocked.is_empty() {
            return false;
        }
        let text = text.to_lowercase();
        self.blocked.iter().any(|word| text.contains(word.as_str()))
    }

    pub fn mute(&mut self, user: &str, length: Duration, now: Instant) {
        self.muted.insert(user.to_owned(), now + length);
    }

    /// When the user's mute ends, if it has not yet.
    pub fn muted_until(&self, user: &str, now: Instant) -> Option<Instant> {
        self.muted.get(user).copied().filter(|until| *until > now)
    }

    pub fn forget_expired(&mut self, now: Instant) {
        self.muted.retain(|_, until| *until > now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_words_match_anywhere_whatever_the_case() {
        let mut moderation = Moderation::default();
        let words = ["  加微信 ".to_owned(), "SPAM".to_owned(), String::new()];
        moderation.set_blocked_words(&words).unwrap();
        assert_eq!(moderation.blocked_words(), ["加微信", "spam"]);
        assert!(moderation.is_blocked("便宜，加微信聊"));
        assert!(moderation.is_blocked("no Spam here"));
        assert!(!moderation.is_blocked("好吃的枸杞"));
    }

    #[test]
    fn block_lists_are_bounded() {
        let mut moderation = Moderation::default();
        let many: Vec<String> = (0..=MAX_BLOCKED_WORDS).map(|i| format!("w{i}")).collect();
        assert_eq!(
            moderation.set_blocked_words(&many),
            Err(BadBlockList::TooMany)
        );
        let long = vec!["长".repeat(MAX_BLOCKED_WORD_CHARS + 1)];
        assert_eq!(
            moderation.set_blocked_words(&long),
            Err(BadBlockList::TooLong)
        );
        assert!(moderation.blocked_words().is_empty());
    }

    #[test]
    fn a_mute_ends_when_its_time_is_up() {
        let now = Instant::now();
        let mut moderation = Moderation::default();
        moderation.mute("u1", Duration::from_secs(60), now);
        assert!(moderation.muted_until("u1", now).is_some());
        assert!(moderation.muted_until("u2", now).is_none());
        let later = now + Duration::from_secs(60);
        assert!(moderation.muted_until("u1", later).is_none());
        moderation.forget_expired(later);
        assert!(moderation.muted.is_empty());
    }
}
