//! What the rest of the application tells a room. Payloads are JSON the services build (a
//! product card, a sale's state, a ticker line); the room keeps the latest of each for the
//! snapshot and broadcasts it as `{"seq":N,"type":…,"data":…}`.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub enum RoomEvent {
    /// The session's state (`scheduled`, `live`, `ended`, …) and whatever the page shows with it.
    LiveState(Value),
    /// The pinned product card; `Value::Null` unpins.
    Pinned(Value),
    /// The flash sale on show: price, remaining, opens_at, closes_at; `Value::Null` when none.
    Sale(Value),
    /// One line of the purchase ticker ("someone from Xining just bought 2 × black goji").
    Purchase(Value),
    /// A coupon dropped in the room; `Value::Null` when withdrawn.
    Coupon(Value),
    /// A lucky draw: opened, or its winners.
    Draw(Value),
}

impl RoomEvent {
    /// The frame type viewers see.
    pub fn kind(&self) -> &'static str {
        match self {
            RoomEvent::LiveState(_) => "live_state",
            RoomEvent::Pinned(_) => "pinned",
            RoomEvent::Sale(_) => "sale",
            RoomEvent::Purchase(_) => "purchase",
            RoomEvent::Coupon(_) => "coupon",
            RoomEvent::Draw(_) => "draw",
        }
    }

    pub fn data(&self) -> &Value {
        match self {
            RoomEvent::LiveState(data)
            | RoomEvent::Pinned(data)
            | RoomEvent::Sale(data)
            | RoomEvent::Purchase(data)
            | RoomEvent::Coupon(data)
            | RoomEvent::Draw(data) => data,
        }
    }
}
