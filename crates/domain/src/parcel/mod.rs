//! Parcels travelling the county network both ways. Down: a carrier's parcel arrives at the
//! county warehouse, rides a route run to its village point and is collected there by code.
//! Up: produce declared at a village point rides a run to the warehouse and is handed to a
//! carrier. Each step is a tracking event; the parcel keeps the furthest step it reached.

mod code;
mod intake;
mod measures;
mod notice;
mod stage;

use serde::{Deserialize, Serialize};

use crate::account::Phone;
use crate::id::{AccountId, CarrierId, NetworkNodeId, OrderId, ParcelId, RouteRunId};
use crate::time::Timestamp;

pub use code::{ParcelCode, PickupCode};
pub use intake::{
    validate_intake, Destination, IntakeDraft, IntakeForm, MAX_TRACKING_CHARS,
    MAX_VILLAGER_NAME_CHARS,
};
pub use measures::{
    measure, promised_by, CarrierMeasures, NetworkMeasures, RunCost, Share, Trip, Visit,
    PROMISE_DAYS,
};
pub use notice::{pickup_notice_text, PickupNotice};
pub use stage::{Advance, ParcelStage, StageRefused};

/// The heaviest parcel the network takes, in grams: what two people can lift into a van.
pub const MAX_WEIGHT_G: i64 = 100_000;

/// Wrong pickup codes tried on one parcel before it is held for the point's staff to check
/// the villager's identity: six digits are guessed in well under a million tries, never in five.
pub const MAX_WRONG_PICKUP_CODES: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From a carrier, through the county warehouse, to a village point.
    Down,
    /// From a village point, through the county warehouse, to a carrier.
    Up,
}

impl Direction {
    pub const ALL: [Direction; 2] = [Direction::Down, Direction::Up];

    pub const fn as_str(self) -> &'static str {
        match self {
            Direction::Down => "down",
            Direction::Up => "up",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// The villager a parcel is for (down) or from (up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Villager {
    pub name: String,
    pub phone: Phone,
}

/// A parcel as the network knows it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parcel {
    pub id: ParcelId,
    /// The network's own label, printed as a QR code and typed when a camera fails.
    pub code: ParcelCode,
    pub direction: Direction,
    /// Down: the carrier that brought it. Up: the carrier it is handed to, once known.
    pub carrier: Option<CarrierId>,
    /// That carrier's waybill number (运单号), unique per carrier.
    pub carrier_tracking: Option<String>,
    /// The village point it goes to (down) or comes from (up).
    pub point: NetworkNodeId,
    pub villager: Villager,
    pub weight_g: i64,
    /// Up parcels that carry a Farmgate order.
    pub order: Option<OrderId>,
    pub stage: ParcelStage,
    /// The route run it is planned on, from `Planned` until the run has carried it.
    pub run: Option<RouteRunId>,
    /// Given when a down parcel reaches its village point; sent to the villager.
    pub pickup_code: Option<PickupCode>,
    pub wrong_pickup_codes: i64,
    pub created_at: Timestamp,
}

impl Parcel {
    /// Too many wrong codes: the point's staff must check the villager before handing it over.
    pub fn pickup_held(&self) -> bool {
        self.wrong_pickup_codes >= MAX_WRONG_PICKUP_CODES
    }
}

/// One step of a parcel's path: what happened, when the scanner says it happened, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParcelEvent {
    pub parcel: ParcelId,
    pub stage: ParcelStage,
    /// When it happened, as the scanning device saw it (a phone offline in a valley sends its
    /// scans later, so this may be well before `recorded_at`).
    pub at: Timestamp,
    pub node: Option<NetworkNodeId>,
    pub run: Option<RouteRunId>,
    pub by: Option<AccountId>,
    pub recorded_at: Timestamp,
}
