//! A product's listing review: the county hub checks a listing against the grade standards
//! before buyers see it, and again when its title, photos, grade or category change.
//! Price and stock changes go live at once; they are the producer's daily work.

use serde::{Deserialize, Serialize};

use crate::validation::{text_length, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListingStatus {
    Draft,
    PendingReview,
    Listed,
    Rejected,
    /// Taken off sale by the producer or the hub; kept for order history.
    Delisted,
}

impl ListingStatus {
    pub const ALL: [ListingStatus; 5] = [
        Self::Draft,
        Self::PendingReview,
        Self::Listed,
        Self::Rejected,
        Self::Delisted,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::PendingReview => "pending_review",
            Self::Listed => "listed",
            Self::Rejected => "rejected",
            Self::Delisted => "delisted",
        }
    }

    pub fn parse(value: &str) -> Option<ListingStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// Only listed products are shown to buyers, found by search and sold.
    pub const fn is_on_sale(self) -> bool {
        matches!(self, Self::Listed)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ListingEvent {
    Submit,
    Approve,
    Reject {
        reason: String,
    },
    /// Title, photos, grade or category changed: the hub looks again.
    ReviseMaterially,
    Delist,
}

impl ListingEvent {
    /// The producer must learn what to fix: 2–500 characters.
    pub fn reject(reason: &str) -> Result<ListingEvent, FieldError> {
        text_length("reason", reason, 2, 500).map(|reason| ListingEvent::Reject { reason })
    }

    pub const fn name(&self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Approve => "approve",
            Self::Reject { .. } => "reject",
            Self::ReviseMaterially => "revise_materially",
            Self::Delist => "delist",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a listing that is {} cannot {event}", .from.as_str())]
pub struct InvalidListingTransition {
    pub from: ListingStatus,
    pub event: &'static str,
}

pub fn transition(
    from: ListingStatus,
    event: &ListingEvent,
) -> Result<ListingStatus, InvalidListingTransition> {
    use ListingEvent as E;
    use ListingStatus as S;
    let to = match (from, event) {
        (S::Draft | S::Rejected | S::Delisted, E::Submit) => S::PendingReview,
        (S::PendingReview, E::Approve) => S::Listed,
        (S::PendingReview, E::Reject { .. }) => S::Rejected,
        (S::Listed, E::ReviseMaterially) => S::PendingReview,
        (S::Listed | S::PendingReview, E::Delist) => S::Delisted,
        _ => {
            return Err(InvalidListingTransition {
                from,
                event: event.name(),
            })
        }
    };
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events() -> Vec<ListingEvent> {
        vec![
            ListingEvent::Submit,
            ListingEvent::Approve,
            ListingEvent::reject("照片看不清等级").unwrap(),
            ListingEvent::ReviseMaterially,
            ListingEvent::Delist,
        ]
    }

    #[test]
    fn the_whole_table() {
        use ListingStatus::*;
        let allowed = [
            (Draft, "submit", PendingReview),
            (Rejected, "submit", PendingReview),
            (Delisted, "submit", PendingReview),
            (PendingReview, "approve", Listed),
            (PendingReview, "reject", Rejected),
            (PendingReview, "delist", Delisted),
            (Listed, "revise_materially", PendingReview),
            (Listed, "delist", Delisted),
        ];
        for from in ListingStatus::ALL {
            for event in events() {
                let expected = allowed
                    .iter()
                    .find(|(f, e, _)| *f == from && *e == event.name())
                    .map(|row| row.2);
                assert_eq!(
                    transition(from, &event).ok(),
                    expected,
                    "{} + {}",
                    from.as_str(),
                    event.name()
                );
            }
        }
    }

    #[test]
    fn only_listed_products_are_on_sale() {
        let on_sale: Vec<_> = ListingStatus::ALL
            .into_iter()
            .filter(|s| s.is_on_sale())
            .collect();
        assert_eq!(on_sale, [ListingStatus::Listed]);
        for status in ListingStatus::ALL {
            assert_eq!(ListingStatus::parse(status.as_str()), Some(status));
        }
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        assert!(ListingEvent::reject("").is_err());
        assert!(ListingEvent::reject(&"等".repeat(501)).is_err());
        let err = transition(ListingStatus::Draft, &ListingEvent::Approve).unwrap_err();
        assert_eq!(err.to_string(), "a listing that is draft cannot approve");
    }
}
