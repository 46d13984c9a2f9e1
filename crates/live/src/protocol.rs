//! What a viewer's client may send, and every way the room can say no. Refusals go back to
//! the sender only, as `{"type":"error","code":…,"message":…}`; the web layer words them.

use std::time::Duration;

use serde::Deserialize;

/// Largest message a client may send; a chat line is far smaller.
pub const MAX_CLIENT_MESSAGE_BYTES: usize = 2048;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMessage {
    Chat {
        text: String,
    },
    Like,
    Ping,
    /// A viewer clicked a product's card or buy button: counted for the host, not broadcast.
    Click {
        product: String,
    },
    /// Moderators: silence an account for a while.
    Mute {
        user: String,
        minutes: u32,
    },
    /// Moderators: take a chat line down, by its id (the sequence number it was sent with).
    Remove {
        message: u64,
    },
    /// Moderators: replace the room's blocked keywords.
    Block {
        words: Vec<String>,
    },
}

impl ClientMessage {
    pub fn needs_moderator(&self) -> bool {
        matches!(
            self,
            ClientMessage::Mute { .. } | ClientMessage::Remove { .. } | ClientMessage::Block { .. }
        )
    }

    pub fn needs_account(&self) -> bool {
        !matches!(self, ClientMessage::Ping | ClientMessage::Click { .. })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooLarge,
    InvalidMessage,
    SignInRequired,
    NotModerator,
    EmptyChat,
    ChatTooLong,
    RateLimited { retry_after: Duration },
    Muted { remaining: Duration },
    Blocked,
    UnknownMessage,
    InvalidMute,
    BlockListTooLong,
    BlockedWordTooLong,
}

impl Refusal {
    /// A stable code clients can act on.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::TooLarge => "too_large",
            Refusal::InvalidMessage => "invalid_message",
            Refusal::SignInRequired => "sign_in_required",
            Refusal::NotModerator => "not_moderator",
            Refusal::EmptyChat => "empty_chat",
            Refusal::ChatTooLong => "chat_too_long",
            Refusal::RateLimited { .. } => "rate_limited",
            Refusal::Muted { .. } => "muted",
            Refusal::Blocked => "blocked",
            Refusal::UnknownMessage => "unknown_message",
            Refusal::InvalidMute => "invalid_mute",
            Refusal::BlockListTooLong => "block_list_too_long",
            Refusal::BlockedWordTooLong => "blocked_word_too_long",
        }
    }
}

/// Reads one client message; never panics, whatever the input.
pub fn parse_client_message(text: &str) -> Result<ClientMessage, Refusal> {
    if text.len() > MAX_CLIENT_MESSAGE_BYTES {
        return Err(Refusal::TooLarge);
    }
    serde_json::from_str(text).map_err(|_| Refusal::InvalidMessage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_messages_are_read_by_their_type() {
        assert_eq!(
            parse_client_message(r#"{"type":"chat","text":"好"}"#),
            Ok(ClientMessage::Chat { text: "好".into() })
        );
        assert_eq!(
            parse_client_message(r#"{"type":"like"}"#),
            Ok(ClientMessage::Like)
        );
        assert_eq!(
            parse_client_message(r#"{"type":"mute","user":"u","minutes":5}"#),
            Ok(ClientMessage::Mute {
                user: "u".into(),
                minutes: 5
            })
        );
        assert_eq!(
            parse_client_message(r#"{"type":"click","product":"p1"}"#),
            Ok(ClientMessage::Click {
                product: "p1".into()
            })
        );
        assert!(ClientMessage::Remove { message: 3 }.needs_moderator());
        assert!(!ClientMessage::Ping.needs_account());
        assert!(!ClientMessage::Click {
            product: "p".into()
        }
        .needs_account());
    }

    #[test]
    fn junk_and_oversized_messages_are_refused() {
        for junk in [
            "",
            "not json",
            "[]",
            r#"{"type":"dance"}"#,
            r#"{"type":"chat"}"#,
            r#"{"type":"chat","text":1}"#,
            r#"{"type":"chat","text":"x","extra":true}"#,
            r#"{"type":"remove","message":-1}"#,
        ] {
            assert_eq!(
                parse_client_message(junk),
                Err(Refusal::InvalidMessage),
                "{junk}"
            );
        }
        let huge = format!(r#"{{"type":"chat","text":"{}"}}"#, "x".repeat(3000));
        assert_eq!(parse_client_message(&huge), Err(Refusal::TooLarge));
    }
}
