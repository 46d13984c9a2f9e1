//! One viewer's place in a room. It reads the room's broadcast, which holds at most
//! `VIEWER_QUEUE` batches for everyone together: a viewer that falls further behind gets a
//! fresh snapshot instead of the backlog, and one that keeps falling behind is let go.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use tokio::sync::broadcast::Receiver;
use tokio::time::Instant;

use crate::frame::{Batch, Frame};
use crate::room::Room;

/// Snapshots a viewer may need within `LAG_WINDOW` before it is let go.
pub const MAX_LAGS: usize = 3;
pub const LAG_WINDOW: Duration = Duration::from_secs(30);

/// A viewer just in the room and what to send it first: a snapshot, or the frames it missed.
pub struct Joined {
    pub viewer: Viewer,
    pub first: Vec<Frame>,
}

pub struct Viewer {
    room: Arc<Room>,
    receiver: Receiver<Batch>,
    /// The last sequence number this viewer has been given.
    seen: u64,
    lags: VecDeque<Instant>,
}

#[derive(Debug, PartialEq)]
pub enum Delivery {
    Batch(Batch),
    /// The viewer fell behind: this replaces everything it missed.
    Snapshot(Frame),
    /// The viewer cannot keep up: close its connection (its client reconnects with `?after=`).
    TooSlow,
}

impl Viewer {
    /// Counts the viewer in; the room's hub has already added it to the count.
    pub(crate) fn join(room: Arc<Room>, after: Option<u64>) -> Joined {
        let (receiver, first, seen) = room.subscribe(after);
        Joined {
            viewer: Viewer {
                room,
                receiver,
                seen,
                lags: VecDeque::new(),
            },
            first,
        }
    }

    pub fn room(&self) -> &Room {
        &self.room
    }

    /// The next thing to send this viewer.
    pub async fn next(&mut self) -> Delivery {
        loop {
            let delivery = match self.receiver.recv().await {
                Ok(batch) => self.unseen(&batch).map(Delivery::Batch),
                Err(RecvError::Lagged(_)) => Some(self.fell_behind()),
                Err(RecvError::Closed) => Some(Delivery::TooSlow),
            };
            if let Some(delivery) = delivery {
                return delivery;
            }
        }
    }

    /// The next thing to send if it is already there, so a writer can send several at once.
    pub fn try_next(&mut self) -> Option<Delivery> {
        loop {
            let delivery = match self.receiver.try_recv() {
                Ok(batch) => self.unseen(&batch).map(Delivery::Batch),
                Err(TryRecvError::Lagged(_)) => Some(self.fell_behind()),
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Closed) => Some(Delivery::TooSlow),
            };
            if delivery.is_some() {
                return delivery;
            }
        }
    }

    /// What of the batch this viewer has not been given yet (by its snapshot or resume).
    fn unseen(&mut self, batch: &Batch) -> Option<Batch> {
        let unseen = batch.after(self.seen)?;
        self.seen = unseen.last_seq();
        Some(unseen)
    }

    fn fell_behind(&mut self) -> Delivery {
        let now = Instant::now();
        while self
            .lags
            .front()
            .is_some_and(|at| now.saturating_duration_since(*at) >= LAG_WINDOW)
        {
            self.lags.pop_front();
        }
        self.lags.push_back(now);
        if self.lags.len() > MAX_LAGS {
            return Delivery::TooSlow;
        }
        let (receiver, mut first, seen) = self.room.subscribe(None);
        self.receiver = receiver;
        self.seen = seen;
        match first.pop() {
            Some(snapshot) => Delivery::Snapshot(snapshot),
            None => Delivery::TooSlow,
        }
    }
}

impl Drop for Viewer {
    fn drop(&mut self) {
        self.room.remove_viewer();
    }
}
