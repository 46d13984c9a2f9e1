//! The rooms of one server, created when first posted to or joined and forgotten when nobody
//! has watched or posted for `ROOM_IDLE`. Each room has a task that sends its frames in
//! batches, its counts once a second, and notices when it is idle.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};

use tokio::time::{Instant, MissedTickBehavior};

use crate::audience::RoomFigures;
use crate::draw::{DrawOpening, Entrant};
use crate::event::RoomEvent;
use crate::room::Room;
use crate::viewer::{Joined, Viewer};
use crate::{BATCH_WINDOW, COUNTS_TICK, ROOM_IDLE};

/// Cheap to clone; every clone is the same hub.
#[derive(Clone, Default)]
pub struct RoomHub {
    inner: Arc<HubInner>,
}

#[derive(Default)]
struct HubInner {
    rooms: Mutex<HashMap<String, Arc<Room>>>,
}

impl RoomHub {
    pub fn new() -> Self {
        Self::default()
    }

    /// Tells a room's viewers (and the snapshot of those still to come) what happened.
    pub fn post(&self, room: &str, event: RoomEvent) {
        let room = {
            let mut rooms = self.inner.lock();
            self.open(&mut rooms, room)
        };
        room.post(&event);
    }

    /// A new viewer of `room`, counted in at once. `after` is the last sequence number a
    /// reconnecting client saw.
    pub fn join(&self, room: &str, after: Option<u64>) -> Joined {
        let room = {
            let mut rooms = self.inner.lock();
            let room = self.open(&mut rooms, room);
            // Counted under the hub's lock, so an idle room is never dropped as someone joins.
            room.add_viewer();
            room
        };
        Viewer::join(room, after)
    }

    /// The room, if it is open.
    pub fn room(&self, room: &str) -> Option<Arc<Room>> {
        self.inner.lock().get(room).cloned()
    }

    /// Keeps a room open however idle (while its session is on air), or lets it go again.
    pub fn keep(&self, room: &str, kept: bool) {
        let room = if kept {
            let mut rooms = self.inner.lock();
            Some(self.open(&mut rooms, room))
        } else {
            self.room(room)
        };
        if let Some(room) = room {
            room.keep(kept);
        }
    }

    /// Starts a lucky draw in the room; the room stays open until it is closed.
    pub fn open_draw(&self, room: &str, opening: DrawOpening) {
        let room = {
            let mut rooms = self.inner.lock();
            self.open(&mut rooms, room)
        };
        room.open_draw(opening);
    }

    /// Ends the draw and hands over its entrants; `None` when the room does not have it open
    /// (closed already, or lost in a restart).
    pub fn close_draw(&self, room: &str, draw: &str) -> Option<Vec<Entrant>> {
        self.room(room)?.close_draw(draw)
    }

    /// The room's figures, if it is open.
    pub fn figures(&self, room: &str) -> Option<RoomFigures> {
        self.room(room).map(|room| room.figures())
    }

    pub fn open_rooms(&self) -> usize {
        self.inner.lock().len()
    }

    fn open(&self, rooms: &mut HashMap<String, Arc<Room>>, id: &str) -> Arc<Room> {
        if let Some(room) = rooms.get(id) {
            return room.clone();
        }
        let room = Arc::new(Room::new(id));
        rooms.insert(id.to_owned(), room.clone());
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(run(Arc::downgrade(&self.inner), room.clone()));
            }
            Err(_) => tracing::warn!(room = id, "room opened outside a runtime: nothing sent"),
        }
        room
    }
}

impl HubInner {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Arc<Room>>> {
        self.rooms.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Forgets the room if nobody watches and nothing happened for a while; true when the room
    /// is no longer this hub's.
    fn close_if_idle(&self, room: &Arc<Room>) -> bool {
        let mut rooms = self.lock();
        match rooms.get(room.id()) {
            Some(open) if Arc::ptr_eq(open, room) => {
                let idle = room.viewers() == 0 && room.idle_for(Instant::now()) >= ROOM_IDLE;
                if idle {
                    rooms.remove(room.id());
                }
                idle
            }
            _ => true,
        }
    }
}

/// The room's task, for as long as the room is open.
async fn run(hub: Weak<HubInner>, room: Arc<Room>) {
    let mut interval = tokio::time::interval(COUNTS_TICK);
    interval.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = interval.tick() => {
                room.tick();
                match hub.upgrade() {
                    Some(hub) if !hub.close_if_idle(&room) => {}
                    _ => return,
                }
            }
            () = room.batch_started() => {
                tokio::time::sleep(BATCH_WINDOW).await;
                room.flush();
            }
        }
    }
}
