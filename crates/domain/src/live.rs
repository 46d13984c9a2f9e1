//! Live selling (直播带货): a shop schedules a session with a trailer and a shopping bag of its
//! products, streams into it with a secret key, pins one product at a time, and the recording
//! becomes a replay. These are the session's rules; the room and the video are engines.

use serde::{Deserialize, Serialize};

use crate::id::ProductId;
use crate::time::{Timestamp, MILLIS_PER_DAY};
use crate::validation::{text_length, Problem, ValidationErrors};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveStatus {
    Scheduled,
    Live,
    Ended,
    Cancelled,
}

impl LiveStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Scheduled => "scheduled",
            Self::Live => "live",
            Self::Ended => "ended",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Scheduled, Self::Live, Self::Ended, Self::Cancelled]
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    /// A stream key opens its session only before and during the broadcast: a leaked key of a
    /// finished session is worthless.
    pub const fn accepts_stream(self) -> bool {
        matches!(self, Self::Scheduled | Self::Live)
    }

    /// The host may still change the title, trailer, time and bag.
    pub const fn is_editable(self) -> bool {
        matches!(self, Self::Scheduled | Self::Live)
    }
}

/// A session can be announced this far ahead at most.
pub const SCHEDULE_HORIZON_DAYS: i64 = 90;
/// Products in one shopping bag (小黄车): more than a host can present in a session.
pub const BAG_LIMIT: usize = 50;

/// What a host announces: title, trailer text and start time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSchedule {
    pub title: String,
    pub trailer: String,
    pub starts_at: Timestamp,
}

impl LiveSchedule {
    /// Checks every field at once. A start up to an hour in the past is allowed: a host who is
    /// a little late scheduling a session that is about to begin should not be refused.
    pub fn parse(
        title: &str,
        trailer: &str,
        starts_at: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let title = errors.check(text_length("title", title, 2, 60));
        let trailer = errors.check(text_length("trailer", trailer, 0, 500));
        let starts_at = match starts_at {
            None => {
                errors.push("starts_at", Problem::Required);
                None
            }
            Some(at)
                if at < now.plus_millis(-3_600_000)
                    || at > now.plus_days(SCHEDULE_HORIZON_DAYS) =>
            {
                errors.push("starts_at", Problem::Invalid);
                None
            }
            Some(at) => Some(at),
        };
        match (title, trailer, starts_at) {
            (Some(title), Some(trailer), Some(starts_at)) => Ok(Self {
                title,
                trailer,
                starts_at,
            }),
            _ => Err(errors),
        }
    }
}

/// The bag in the order the host listed it, without repeats; at least one product, at most
/// [`BAG_LIMIT`].
pub fn shopping_bag(products: Vec<ProductId>) -> Result<Vec<ProductId>, ValidationErrors> {
    let mut bag: Vec<ProductId> = Vec::with_capacity(products.len());
    for product in products {
        if !bag.contains(&product) {
            bag.push(product);
        }
    }
    if bag.is_empty() {
        return Err(ValidationErrors::single("products", Problem::Required));
    }
    if bag.len() > BAG_LIMIT {
        return Err(ValidationErrors::single(
            "products",
            Problem::TooLong { max: BAG_LIMIT },
        ));
    }
    Ok(bag)
}

/// Where in a replay a product was shown: milliseconds from the start of the broadcast.
pub fn replay_offset(went_live_at: Timestamp, pinned_at: Timestamp) -> i64 {
    (pinned_at.millis() - went_live_at.millis()).max(0)
}

/// Sessions that never went live are dropped from "upcoming" a day after their start time.
pub fn is_stale_schedule(starts_at: Timestamp, now: Timestamp) -> bool {
    now.millis() - starts_at.millis() > MILLIS_PER_DAY
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp::from_millis(1_800_000_000_000);

    fn product(n: u32) -> ProductId {
        ProductId::new(format!("01937c3e-8f2a-7b3c-9d4e-{n:012}"))
    }

    #[test]
    fn only_scheduled_and_live_sessions_take_a_stream() {
        assert!(LiveStatus::Scheduled.accepts_stream());
        assert!(LiveStatus::Live.accepts_stream());
        assert!(!LiveStatus::Ended.accepts_stream());
        assert!(!LiveStatus::Cancelled.accepts_stream());
    }

    #[test]
    fn status_text_round_trips() {
        for status in [
            LiveStatus::Scheduled,
            LiveStatus::Live,
            LiveStatus::Ended,
            LiveStatus::Cancelled,
        ] {
            assert_eq!(LiveStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(LiveStatus::parse("paused"), None);
    }

    #[test]
    fn schedule_reports_every_problem() {
        let errors = LiveSchedule::parse("", &"长".repeat(501), None, NOW).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "trailer", "starts_at"]);
    }

    #[test]
    fn schedule_refuses_the_distant_past_and_future() {
        let past = NOW.plus_millis(-3_600_001);
        let late_but_fine = NOW.plus_millis(-3_600_000);
        let too_far = NOW.plus_days(SCHEDULE_HORIZON_DAYS).plus_millis(1);
        assert!(LiveSchedule::parse("高原枸杞采摘直播", "", Some(past), NOW).is_err());
        assert!(LiveSchedule::parse("高原枸杞采摘直播", "", Some(too_far), NOW).is_err());
        let schedule =
            LiveSchedule::parse(" 高原枸杞采摘直播 ", "明早九点", Some(late_but_fine), NOW)
                .unwrap();
        assert_eq!(schedule.title, "高原枸杞采摘直播");
        assert_eq!(schedule.trailer, "明早九点");
    }

    #[test]
    fn bag_drops_repeats_and_keeps_order() {
        let bag = shopping_bag(vec![product(2), product(1), product(2)]).unwrap();
        assert_eq!(bag, vec![product(2), product(1)]);
    }

    #[test]
    fn bag_needs_one_to_fifty_products() {
        assert!(shopping_bag(vec![]).is_err());
        let many = (0..=BAG_LIMIT as u32).map(product).collect();
        assert!(shopping_bag(many).is_err());
    }

    #[test]
    fn replay_offsets_never_go_negative() {
        assert_eq!(replay_offset(NOW, NOW.plus_millis(90_000)), 90_000);
        assert_eq!(replay_offset(NOW, NOW.plus_millis(-5)), 0);
    }

    #[test]
    fn schedules_go_stale_a_day_after_their_start() {
        assert!(!is_stale_schedule(NOW, NOW.plus_days(1)));
        assert!(is_stale_schedule(NOW, NOW.plus_days(1).plus_millis(1)));
    }
}
