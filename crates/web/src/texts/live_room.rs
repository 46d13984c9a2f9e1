//! What a live room says to one viewer when it refuses their message, kept together as one
//! field of `Texts`, with their English and Chinese values.

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

pub const LIVE_ROOM_EN: LiveRoomTexts = LiveRoomTexts {
    too_large: "That message is too long for the room.",
    invalid_message: "The room did not understand that message.",
    sign_in_required: "Sign in to chat and like.",
    not_moderator: "Only the room's moderators can do that.",
    empty_chat: "Write something first.",
    chat_too_long: "A chat line is at most 200 characters.",
    rate_limited: "You are sending too fast: try again in {seconds} s.",
    muted: "You are muted for {minutes} more minute(s).",
    blocked: "This message contains a blocked word and was not sent.",
    unknown_message: "That message is no longer in the room.",
    invalid_mute: "A mute lasts from 1 to 1,440 minutes.",
    block_list_too_long: "A room blocks at most 200 words.",
    blocked_word_too_long: "A blocked word is at most 40 characters.",
};

pub const LIVE_ROOM_ZH: LiveRoomTexts = LiveRoomTexts {
    too_large: "消息太长，直播间无法接收。",
    invalid_message: "直播间无法识别这条消息。",
    sign_in_required: "请先登录再发言和点赞。",
    not_moderator: "只有直播间管理员可以这样做。",
    empty_chat: "请先输入内容。",
    chat_too_long: "每条发言最多 200 个字。",
    rate_limited: "发言太快了，请 {seconds} 秒后再试。",
    muted: "你已被禁言，还剩 {minutes} 分钟。",
    blocked: "这条消息含有屏蔽词，未能发送。",
    unknown_message: "这条消息已不在直播间中。",
    invalid_mute: "禁言时长为 1 到 1440 分钟。",
    block_list_too_long: "每个直播间最多屏蔽 200 个词。",
    blocked_word_too_long: "屏蔽词最多 40 个字。",
};

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
