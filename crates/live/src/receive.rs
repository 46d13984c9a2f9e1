//! What a room does with a message from one viewer's client. Anyone may watch, ping and click;
//! chatting and liking need an account; muting, removing and the block list need a moderator.
//! Whoever decided those (the web layer, through the domain's access rules) hands in a `Member`.

use bytes::Bytes;
use serde_json::json;

use crate::chat::Speaker;
use crate::frame::private_frame;
use crate::protocol::{parse_client_message, ClientMessage, Refusal};
use crate::room::Room;

/// A signed-in viewer.
#[derive(Debug, Clone)]
pub struct Member {
    pub speaker: Speaker,
    pub moderator: bool,
}

/// What goes back to the sender alone; everything else the room broadcasts.
#[derive(Debug, PartialEq, Eq)]
pub enum Reply {
    Nothing,
    Pong,
    /// A moderator's block list as the room now holds it.
    BlockedWords(Vec<String>),
    Muted {
        user: String,
        minutes: u32,
    },
}

impl Reply {
    pub fn frame(&self) -> Option<Bytes> {
        match self {
            Reply::Nothing => None,
            Reply::Pong => Some(private_frame("pong", json!({}))),
            Reply::BlockedWords(words) => {
                Some(private_frame("blocked_words", json!({ "words": words })))
            }
            Reply::Muted { user, minutes } => Some(private_frame(
                "muted",
                json!({ "user": user, "minutes": minutes }),
            )),
        }
    }
}

impl Room {
    pub fn receive(&self, member: Option<&Member>, text: &str) -> Result<Reply, Refusal> {
        let message = parse_client_message(text)?;
        match message {
            ClientMessage::Ping => return Ok(Reply::Pong),
            ClientMessage::Click { product } => {
                self.click(&product);
                return Ok(Reply::Nothing);
            }
            _ => {}
        }
        let member = member.ok_or(Refusal::SignInRequired)?;
        if message.needs_moderator() && !member.moderator {
            return Err(Refusal::NotModerator);
        }
        match message {
            ClientMessage::Ping | ClientMessage::Click { .. } => Ok(Reply::Nothing),
            ClientMessage::Chat { text } => {
                self.chat(&member.speaker, &text).map(|_| Reply::Nothing)
            }
            ClientMessage::Like => {
                self.like();
                Ok(Reply::Nothing)
            }
            ClientMessage::Mute { user, minutes } => {
                self.mute(&user, minutes)?;
                Ok(Reply::Muted { user, minutes })
            }
            ClientMessage::Remove { message } => self.remove(message).map(|()| Reply::Nothing),
            ClientMessage::Block { words } => {
                self.set_blocked_words(&words)?;
                Ok(Reply::BlockedWords(self.blocked_words()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RoomHub;

    fn member(moderator: bool) -> Member {
        Member {
            speaker: Speaker {
                id: "u1".into(),
                name: "小王".into(),
            },
            moderator,
        }
    }

    #[tokio::test]
    async fn anyone_pings_members_chat_and_only_moderators_moderate() {
        let hub = RoomHub::new();
        let room = hub.join("r", None).viewer;
        let room = room.room();
        assert_eq!(room.receive(None, r#"{"type":"ping"}"#), Ok(Reply::Pong));
        let click = r#"{"type":"click","product":"goji"}"#;
        assert_eq!(room.receive(None, click), Ok(Reply::Nothing));
        assert_eq!(room.figures().clicks, [("goji".to_owned(), 1)]);
        for text in [r#"{"type":"chat","text":"hi"}"#, r#"{"type":"like"}"#] {
            assert_eq!(room.receive(None, text), Err(Refusal::SignInRequired));
        }
        let viewer = member(false);
        assert_eq!(
            room.receive(Some(&viewer), r#"{"type":"chat","text":"hi"}"#),
            Ok(Reply::Nothing)
        );
        room.receive(Some(&viewer), r#"{"type":"like"}"#).unwrap();
        assert_eq!(room.likes(), 1);
        let block = r#"{"type":"block","words":["Spam"]}"#;
        assert_eq!(
            room.receive(Some(&viewer), block),
            Err(Refusal::NotModerator)
        );
        assert!(room.blocked_words().is_empty());
        let moderator = member(true);
        assert_eq!(
            room.receive(Some(&moderator), block),
            Ok(Reply::BlockedWords(vec!["spam".into()]))
        );
        let mute = r#"{"type":"mute","user":"u1","minutes":10}"#;
        let muted = room.receive(Some(&moderator), mute).unwrap();
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&muted.frame().unwrap()).unwrap(),
            json!({ "type": "muted", "user": "u1", "minutes": 10 })
        );
        assert!(matches!(
            room.receive(Some(&viewer), r#"{"type":"chat","text":"again"}"#),
            Err(Refusal::Muted { .. })
        ));
        assert_eq!(
            room.receive(Some(&viewer), "{"),
            Err(Refusal::InvalidMessage)
        );
    }
}
