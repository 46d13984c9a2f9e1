//! A frame as it goes on the wire: JSON text serialised once and shared (a `Bytes` clone is a
//! reference count), with the sequence number kept beside it so nobody parses it again. The
//! room sends its frames in batches: each batch is one JSON array, one WebSocket message.

use std::sync::Arc;

use bytes::{BufMut, Bytes, BytesMut};
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

/// Frames published together, in sequence order, with their JSON array made once for every
/// viewer: a busy room costs each connection one message per batch, not one per frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    frames: Arc<[Frame]>,
    json: Bytes,
}

impl Batch {
    /// `frames` must be in sequence order and not empty.
    pub(crate) fn new(frames: Vec<Frame>) -> Batch {
        let length = frames
            .iter()
            .map(|frame| frame.json.len() + 1)
            .sum::<usize>()
            + 1;
        let mut json = BytesMut::with_capacity(length);
        json.put_u8(b'[');
        for (index, frame) in frames.iter().enumerate() {
            if index > 0 {
                json.put_u8(b',');
            }
            json.put_slice(&frame.json);
        }
        json.put_u8(b']');
        Batch {
            frames: frames.into(),
            json: json.freeze(),
        }
    }

    pub fn frames(&self) -> &[Frame] {
        &self.frames
    }

    /// The sequence number of the batch's last frame.
    pub fn last_seq(&self) -> u64 {
        self.frames.last().map_or(0, Frame::seq)
    }

    /// The frames after `seq` only: what a viewer that has already seen up to `seq` (from a
    /// snapshot or a resume taken while this batch was filling) still needs.
    pub(crate) fn after(&self, seq: u64) -> Option<Batch> {
        if self.frames.first().is_some_and(|first| first.seq > seq) {
            return Some(self.clone());
        }
        let newer: Vec<Frame> = self
            .frames
            .iter()
            .filter(|frame| frame.seq > seq)
            .cloned()
            .collect();
        (!newer.is_empty()).then(|| Batch::new(newer))
    }

    /// A JSON array of the frames, always valid UTF-8.
    pub fn bytes(&self) -> Bytes {
        self.json.clone()
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

    #[test]
    fn a_batch_is_one_json_array_and_drops_what_a_viewer_has_seen() {
        let frames: Vec<Frame> = (5..8)
            .map(|seq| numbered(seq, "chat", json!({ "text": seq })))
            .collect();
        let batch = Batch::new(frames);
        assert_eq!(batch.last_seq(), 7);
        let parsed: serde_json::Value = serde_json::from_slice(&batch.bytes()).unwrap();
        assert_eq!(parsed[0], json!({ "seq": 5, "type": "chat", "text": 5 }));
        assert_eq!(parsed.as_array().unwrap().len(), 3);
        assert_eq!(batch.after(4), Some(batch.clone()));
        let newer = batch.after(6).unwrap();
        assert_eq!(
            newer.frames().iter().map(Frame::seq).collect::<Vec<_>>(),
            [7]
        );
        let parsed: serde_json::Value = serde_json::from_slice(&newer.bytes()).unwrap();
        assert_eq!(parsed, json!([{ "seq": 7, "type": "chat", "text": 7 }]));
        assert_eq!(batch.after(7), None);
    }
}
