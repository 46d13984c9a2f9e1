//! A frame as it goes on the wire: JSON text serialised once and shared (a `Bytes` clone is a
//! reference count), with the sequence number kept beside it so nobody parses it again.

use bytes::Bytes;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    seq: u64,
    json: Bytes,
}

impl Frame {
    /// The room's sequence number: of the frame itself, or for a snapshot the last frame it
    /// includes.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// The JSON text, always valid UTF-8.
    pub fn bytes(&self) -> Bytes {
        self.json.clone()
    }

    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.json).unwrap_or_default()
    }
}

#[derive(Serialize)]
struct Numbered<'a, B: Serialize> {
    seq: u64,
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(flatten)]
    body: B,
}

#[derive(Serialize)]
struct Unnumbered<'a, B: Serialize> {
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(flatten)]
    body: B,
}

/// `{"seq":seq,"type":kind,…body}`; `body` must serialise as a map.
pub(crate) fn numbered(seq: u64, kind: &str, body: impl Serialize) -> Frame {
    Frame {
        seq,
        json: to_json(&Numbered { seq, kind, body }),
    }
}

/// A frame for one viewer only (a refusal, a pong, a moderator's acknowledgement): it is not
/// part of the room's sequence, so it carries none.
pub fn private_frame(kind: &str, body: impl Serialize) -> Bytes {
    to_json(&Unnumbered { kind, body })
}

/// Serialising plain data to JSON fails only for maps with non-string keys, which no frame has.
fn to_json(value: &impl Serialize) -> Bytes {
    match serde_json::to_vec(value) {
        Ok(json) => Bytes::from(json),
        Err(error) => {
            tracing::error!(%error, "a room frame could not be serialised");
            Bytes::from_static(b"{\"type\":\"error\",\"code\":\"internal\"}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn frames_carry_their_sequence_and_type_beside_the_body() {
        let frame = numbered(7, "like", json!({ "likes": 3 }));
        assert_eq!(frame.seq(), 7);
        let parsed: serde_json::Value = serde_json::from_str(frame.text()).unwrap();
        assert_eq!(parsed, json!({ "seq": 7, "type": "like", "likes": 3 }));
        let pong: serde_json::Value =
            serde_json::from_slice(&private_frame("pong", json!({}))).unwrap();
        assert_eq!(pong, json!({ "type": "pong" }));
    }
}
