//! The steps of a parcel's path, and what a new scan does to a parcel at some step. Scans come
//! late, twice, or out of order (a driver scans at the village before the warehouse scan syncs),
//! so a step already passed is history, a step repeated is nothing new, and a step further along
//! moves the parcel on — except the two steps only the system takes.

use serde::{Deserialize, Serialize};

use super::Direction;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParcelStage {
    /// Down: on a carrier's manifest, not yet at the warehouse.
    Announced,
    /// Up: declared at a village point, waiting for a run.
    Declared,
    /// At the county warehouse (down: from the carrier; up: off a run).
    Received,
    /// On a planned route run.
    Planned,
    /// Down: in the van, leaving the depot.
    Loaded,
    /// Down: left at its village point; a pickup code has gone to the villager.
    AtPoint,
    /// Down: the villager took it, with the right code.
    Collected,
    /// Up: taken on board at its village point.
    PickedUp,
    /// Up: given to the carrier, with the carrier's tracking number.
    HandedOver,
}

const DOWN: [ParcelStage; 6] = [
    ParcelStage::Announced,
    ParcelStage::Received,
    ParcelStage::Planned,
    ParcelStage::Loaded,
    ParcelStage::AtPoint,
    ParcelStage::Collected,
];

const UP: [ParcelStage; 5] = [
    ParcelStage::Declared,
    ParcelStage::Planned,
    ParcelStage::PickedUp,
    ParcelStage::Received,
    ParcelStage::HandedOver,
];

impl ParcelStage {
    pub const ALL: [ParcelStage; 9] = [
        ParcelStage::Announced,
        ParcelStage::Declared,
        ParcelStage::Received,
        ParcelStage::Planned,
        ParcelStage::Loaded,
        ParcelStage::AtPoint,
        ParcelStage::Collected,
        ParcelStage::PickedUp,
        ParcelStage::HandedOver,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ParcelStage::Announced => "announced",
            ParcelStage::Declared => "declared",
            ParcelStage::Received => "received",
            ParcelStage::Planned => "planned",
            ParcelStage::Loaded => "loaded",
            ParcelStage::AtPoint => "at_point",
            ParcelStage::Collected => "collected",
            ParcelStage::PickedUp => "picked_up",
            ParcelStage::HandedOver => "handed_over",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The steps of a direction's path, in order.
    pub fn path(direction: Direction) -> &'static [ParcelStage] {
        match direction {
            Direction::Down => &DOWN,
            Direction::Up => &UP,
        }
    }

    /// Where a parcel of this direction starts.
    pub fn first(direction: Direction) -> ParcelStage {
        Self::path(direction)[0]
    }

    /// Where it is done travelling the network.
    pub fn last(direction: Direction) -> ParcelStage {
        let path = Self::path(direction);
        path[path.len() - 1]
    }

    fn position(self, direction: Direction) -> Option<usize> {
        Self::path(direction).iter().position(|s| *s == self)
    }

    /// What reaching `next` means for a parcel of `direction` now at `self`.
    pub fn advance(self, direction: Direction, next: ParcelStage) -> Result<Advance, StageRefused> {
        let (Some(now), Some(then)) = (self.position(direction), next.position(direction)) else {
            return Err(StageRefused::NotOnPath);
        };
        if then == now {
            return Ok(Advance::Repeated);
        }
        if then < now {
            return Ok(Advance::History);
        }
        match next {
            // Collecting needs the code, checked at the point; planning needs the planner.
            ParcelStage::Collected if self != ParcelStage::AtPoint => Err(StageRefused::NotAtPoint),
            ParcelStage::Planned => Err(StageRefused::PlannedByPlanner),
            _ => Ok(Advance::Moved),
        }
    }

    /// Whether a parcel here still waits for a run (and may be planned, or planned again).
    pub fn awaits_run(self, direction: Direction) -> bool {
        match direction {
            Direction::Down => matches!(self, ParcelStage::Received | ParcelStage::Planned),
            Direction::Up => matches!(self, ParcelStage::Declared | ParcelStage::Planned),
        }
    }
}

/// What a scan did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advance {
    /// The parcel moved on to the scanned step.
    Moved,
    /// It was already there: nothing new.
    Repeated,
    /// It is already further along: the scan is kept as history, the parcel stays.
    History,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub enum StageRefused {
    NotOnPath,
    NotAtPoint,
    PlannedByPlanner,
}

impl StageRefused {
    pub const fn message(self) -> &'static str {
        match self {
            StageRefused::NotOnPath => "that step is not on this parcel's path",
            StageRefused::NotAtPoint => "the parcel is not at its village point yet",
            StageRefused::PlannedByPlanner => "parcels are put on runs by planning the day",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ParcelStage::*;

    #[test]
    fn every_stage_round_trips_through_text() {
        for stage in ParcelStage::ALL {
            assert_eq!(ParcelStage::parse(stage.as_str()), Some(stage));
        }
        assert_eq!(ParcelStage::parse("lost"), None);
    }

    #[test]
    fn a_scan_further_along_moves_the_parcel_even_past_a_missed_step() {
        assert_eq!(
            Received.advance(Direction::Down, Planned),
            Err(StageRefused::PlannedByPlanner)
        );
        assert_eq!(Planned.advance(Direction::Down, Loaded), Ok(Advance::Moved));
        assert_eq!(
            Planned.advance(Direction::Down, AtPoint),
            Ok(Advance::Moved)
        );
        assert_eq!(Planned.advance(Direction::Up, Received), Ok(Advance::Moved));
    }

    #[test]
    fn repeated_and_late_scans_do_not_move_the_parcel() {
        assert_eq!(
            Loaded.advance(Direction::Down, Loaded),
            Ok(Advance::Repeated)
        );
        assert_eq!(
            AtPoint.advance(Direction::Down, Loaded),
            Ok(Advance::History)
        );
        assert_eq!(
            Received.advance(Direction::Up, PickedUp),
            Ok(Advance::History)
        );
    }

    #[test]
    fn collection_needs_the_parcel_at_its_point() {
        assert_eq!(
            Loaded.advance(Direction::Down, Collected),
            Err(StageRefused::NotAtPoint)
        );
        assert_eq!(
            AtPoint.advance(Direction::Down, Collected),
            Ok(Advance::Moved)
        );
        assert_eq!(
            Collected.advance(Direction::Down, Collected),
            Ok(Advance::Repeated)
        );
    }

    #[test]
    fn steps_of_the_other_direction_are_refused() {
        assert_eq!(
            Received.advance(Direction::Down, PickedUp),
            Err(StageRefused::NotOnPath)
        );
        assert_eq!(
            Declared.advance(Direction::Up, AtPoint),
            Err(StageRefused::NotOnPath)
        );
    }

    #[test]
    fn only_parcels_before_their_run_await_one() {
        assert!(Received.awaits_run(Direction::Down));
        assert!(!Announced.awaits_run(Direction::Down));
        assert!(Declared.awaits_run(Direction::Up));
        assert!(!Received.awaits_run(Direction::Up));
        assert_eq!(ParcelStage::last(Direction::Up), HandedOver);
    }
}
