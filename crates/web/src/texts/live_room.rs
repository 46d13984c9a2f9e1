//! What a live room says to one viewer when it refuses their message, kept together as one
//! field of `Texts`; the values are at the end of `en.rs` and `zh.rs`.

use farmgate_live::Refusal;

pub struct LiveRoomTexts {
    pub too_large: &'static str,
    pub invalid_message: &'static str,
    pub sign_in_required: &'static str,
    pub not_moderator: &'static str,
    pub empty_chat: &'static str,
    pub chat_too_long: &'static str,
    /// `{seconds}`: until the next line may be sent.
    pub rate_limited: &'static str,
    /// `{minutes}`: left of the mute, rounded up.
    pub muted: &'static str,
    pub blocked: &'static str,
    pub unknown_message: &'static str,
    pub invalid_mute: &'static str,
    pub block_list_too_long: &'static str,
    pub blocked_word_too_long: &'static str,
}

impl LiveRoomTexts {
    pub fn refusal(&self, refusal: &Refusal) -> String {
        match refusal {
            Refusal::TooLarge => self.too_large.into(),
            Refusal::InvalidMessage => self.invalid_message.into(),
            Refusal::SignInRequired => self.sign_in_required.into(),
            Refusal::NotModerator => self.not_moderator.into(),
            Refusal::EmptyChat => self.empty_chat.into(),
            Refusal::ChatTooLong => self.chat_too_long.into(),
            Refusal::RateLimited { retry_after } => self
                .rate_limited
                .replace("{seconds}", &retry_after.as_secs_f64().ceil().to_string()),
            Refusal::Muted { remaining } => self
                .muted
                .replace("{minutes}", &remaining.as_secs().div_ceil(60).to_string()),
            Refusal::Blocked => self.blocked.into(),
            Refusal::UnknownMessage => self.unknown_message.into(),
            Refusal::InvalidMute => self.invalid_mute.into(),
            Refusal::BlockListTooLong => self.block_list_too_long.into(),
            Refusal::BlockedWordTooLong => self.blocked_word_too_long.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::texts::{EN, ZH};

    #[test]
    fn waits_are_rounded_up_in_both_languages() {
        let rate = Refusal::RateLimited {
            retry_after: Duration::from_millis(400),
        };
        assert_eq!(
            EN.live_room.refusal(&rate),
            "You are sending too fast: try again in 1 s."
        );
        let muted = Refusal::Muted {
            remaining: Duration::from_secs(61),
        };
        assert_eq!(ZH.live_room.refusal(&muted), "你已被禁言，还剩 2 分钟。");
    }
}
