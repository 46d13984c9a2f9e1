//! Farmgate's live rooms: one real-time hub per live session. Every frame a room sends is
//! serialised once, numbered, and shared by all its viewers; a viewer that falls behind is sent
//! a fresh snapshot instead of a backlog, so a slow phone never slows the room or grows memory.
//! Rooms are keyed by plain strings: the hub knows nothing of sessions, shops or accounts.

mod audience;
mod chat;
mod draw;
mod event;
mod frame;
mod hub;
mod moderation;
mod protocol;
mod receive;
mod room;
mod snapshot;
mod viewer;

pub use audience::{RoomFigures, MAX_CLICKED_PRODUCTS, MAX_UNIQUE_VISITORS};
pub use chat::Speaker;
pub use draw::{DrawOpening, Entrant, MAX_DRAW_ENTRANTS};
pub use event::RoomEvent;
pub use frame::{private_frame, Batch, Frame};
pub use hub::RoomHub;
pub use protocol::{parse_client_message, ClientMessage, Refusal, MAX_CLIENT_MESSAGE_BYTES};
pub use receive::{Member, Reply};
pub use room::Room;
pub use viewer::{Delivery, Joined, Viewer};

use std::time::Duration;

/// How often likes and the viewer count are sent: at most one frame of each per room per tick.
pub const COUNTS_TICK: Duration = Duration::from_secs(1);
/// How long a room gathers frames before it sends them as one batch: a busy room costs each
/// connection one message per window instead of one per frame, for at most this much delay.
pub const BATCH_WINDOW: Duration = Duration::from_millis(25);
/// A batch this long is sent at once, without waiting for the window to end.
pub const MAX_BATCH_FRAMES: usize = 64;
/// Batches a viewer may be behind before it is sent a snapshot instead.
pub const VIEWER_QUEUE: usize = 256;
/// Frames kept for viewers resuming with `?after=`; older gaps get a snapshot.
pub const RESUME_RING: usize = 256;
/// Chat lines a snapshot carries.
pub const SNAPSHOT_CHAT_LINES: usize = 50;
/// Purchases a snapshot carries for the ticker.
pub const SNAPSHOT_PURCHASES: usize = 10;
/// A room with no viewers and nothing posted for this long is forgotten.
pub const ROOM_IDLE: Duration = Duration::from_secs(600);
