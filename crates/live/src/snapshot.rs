//! What a viewer who just arrived needs to draw the room: the latest of each posted state, the
//! last chat lines, the ticker's recent purchases and the counts.

use std::collections::VecDeque;

use serde::Serialize;
use serde_json::Value;

use crate::chat::ChatLine;
use crate::event::RoomEvent;
use crate::frame::{self, Frame};
use crate::{SNAPSHOT_CHAT_LINES, SNAPSHOT_PURCHASES};

#[derive(Debug, Default, Serialize)]
pub(crate) struct Shown {
    live_state: Value,
    pinned: Value,
    sale: Value,
    coupon: Value,
    draw: Value,
    chat: VecDeque<ChatLine>,
    purchases: VecDeque<Value>,
}

#[derive(Serialize)]
struct SnapshotBody<'a> {
    #[serde(flatten)]
    shown: &'a Shown,
    viewers: u64,
    likes: u64,
}

impl Shown {
    pub fn apply(&mut self, event: &RoomEvent) {
        let data = event.data().clone();
        match event {
            RoomEvent::LiveState(_) => self.live_state = data,
            RoomEvent::Pinned(_) => self.pinned = data,
            RoomEvent::Sale(_) => self.sale = data,
            RoomEvent::Coupon(_) => self.coupon = data,
            RoomEvent::Draw(_) => self.draw = data,
            RoomEvent::Purchase(_) => push_bounded(&mut self.purchases, data, SNAPSHOT_PURCHASES),
        }
    }

    pub fn add_chat(&mut self, line: ChatLine) {
        push_bounded(&mut self.chat, line, SNAPSHOT_CHAT_LINES);
    }

    /// Drops a line; false when it is not among the lines kept.
    pub fn remove_chat(&mut self, id: u64) -> bool {
        let before = self.chat.len();
        self.chat.retain(|line| line.id != id);
        self.chat.len() != before
    }

    pub fn frame(&self, seq: u64, viewers: u64, likes: u64) -> Frame {
        let body = SnapshotBody {
            shown: self,
            viewers,
            likes,
        };
        frame::numbered(seq, "snapshot", body)
    }
}

fn push_bounded<T>(items: &mut VecDeque<T>, item: T, keep: usize) {
    if items.len() == keep {
        items.pop_front();
    }
    items.push_back(item);
}
