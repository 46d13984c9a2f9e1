//! One room: its sequence, the broadcast every viewer reads, the ring kept for resuming, what a
//! snapshot shows, and the chat rules. Frames are numbered under the room's lock and gathered
//! for `BATCH_WINDOW` (the room's task sends them), then sent as one batch under the lock too,
//! so the channel's order is the sequence's order and a snapshot taken under it is exact.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde_json::json;
use tokio::sync::{broadcast, Notify};
use tokio::time::Instant;

use crate::audience::{Audience, RoomFigures};
use crate::chat::{self, ChatLine, Speaker, TokenBucket, CHAT_MAX_CHARS};
use crate::draw::{DrawBox, DrawOpening, Entrant};
use crate::event::RoomEvent;
use crate::frame::{self, Batch, Frame};
use crate::moderation::{BadBlockList, Moderation, MAX_MUTE_MINUTES};
use crate::protocol::Refusal;
use crate::snapshot::Shown;
use crate::{MAX_BATCH_FRAMES, RESUME_RING, VIEWER_QUEUE};

pub struct Room {
    id: String,
    state: Mutex<RoomState>,
    sender: broadcast::Sender<Batch>,
    /// Woken when a frame waits in an empty batch, so the room's task sends it soon.
    batch_started: Notify,
    /// Counted without the lock; sent by the tick at most once a second.
    likes: AtomicU64,
    viewers: AtomicU64,
    peak_viewers: AtomicU64,
    /// Kept open however idle (a session on air), so its figures are not forgotten.
    kept: AtomicBool,
}

struct RoomState {
    seq: u64,
    ring: VecDeque<Frame>,
    /// Frames numbered but not sent yet.
    pending: Vec<Frame>,
    shown: Shown,
    /// The snapshot at `seq`, shared by everyone who joins or lags before the next frame.
    snapshot: Option<Frame>,
    moderation: Moderation,
    buckets: HashMap<String, TokenBucket>,
    sent_likes: u64,
    sent_viewers: u64,
    last_activity: Instant,
    /// The lucky draw collecting entries, if any.
    draw: Option<DrawBox>,
    audience: Audience,
}

impl Room {
    pub(crate) fn new(id: &str) -> Room {
        Room {
            id: id.to_owned(),
            state: Mutex::new(RoomState {
                seq: 0,
                ring: VecDeque::with_capacity(RESUME_RING),
                pending: Vec::new(),
                shown: Shown::default(),
                snapshot: None,
                moderation: Moderation::default(),
                buckets: HashMap::new(),
                sent_likes: 0,
                sent_viewers: 0,
                last_activity: Instant::now(),
                draw: None,
                audience: Audience::default(),
            }),
            sender: broadcast::channel(VIEWER_QUEUE).0,
            batch_started: Notify::new(),
            likes: AtomicU64::new(0),
            viewers: AtomicU64::new(0),
            peak_viewers: AtomicU64::new(0),
            kept: AtomicBool::new(false),
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn viewers(&self) -> u64 {
        self.viewers.load(Ordering::Relaxed)
    }

    pub fn likes(&self) -> u64 {
        self.likes.load(Ordering::Relaxed)
    }

    /// The sequence number of the last frame sent.
    pub fn seq(&self) -> u64 {
        self.lock().seq
    }

    pub(crate) fn post(&self, event: &RoomEvent) {
        let mut state = self.lock();
        state.shown.apply(event);
        self.publish(&mut state, event.kind(), json!({ "data": event.data() }));
    }

    /// Broadcasts a line (trimmed) unless its speaker is muted, over their rate, or it holds a
    /// blocked keyword; answers the line's id.
    pub fn chat(&self, speaker: &Speaker, text: &str) -> Result<u64, Refusal> {
        let text = chat::clean(text).ok_or(Refusal::EmptyChat)?;
        if text.chars().count() > CHAT_MAX_CHARS {
            return Err(Refusal::ChatTooLong);
        }
        let now = Instant::now();
        let mut state = self.lock();
        if let Some(until) = state.moderation.muted_until(&speaker.id, now) {
            return Err(Refusal::Muted {
                remaining: until - now,
            });
        }
        state
            .buckets
            .entry(speaker.id.clone())
            .or_insert_with(|| TokenBucket::full(now))
            .take(now)
            .map_err(|retry_after| Refusal::RateLimited { retry_after })?;
        if state.moderation.is_blocked(text) {
            return Err(Refusal::Blocked);
        }
        let line = ChatLine {
            id: state.seq + 1,
            user: speaker.id.clone(),
            name: speaker.name.clone(),
            text: text.to_owned(),
            at: wall_clock_millis(),
        };
        let id = self.publish(&mut state, "chat", &line);
        if let Some(draw) = &mut state.draw {
            draw.consider(speaker, text, now);
        }
        state.shown.add_chat(line);
        Ok(id)
    }

    pub fn like(&self) {
        self.likes.fetch_add(1, Ordering::Relaxed);
    }

    pub fn mute(&self, user: &str, minutes: u32) -> Result<(), Refusal> {
        if !(1..=MAX_MUTE_MINUTES).contains(&minutes) || user.is_empty() {
            return Err(Refusal::InvalidMute);
        }
        let length = Duration::from_secs(u64::from(minutes) * 60);
        self.lock().moderation.mute(user, length, Instant::now());
        Ok(())
    }

    /// Takes a line down: out of the snapshot, and a `removed` frame tells every viewer.
    pub fn remove(&self, message: u64) -> Result<(), Refusal> {
        let mut state = self.lock();
        if !state.shown.remove_chat(message) {
            return Err(Refusal::UnknownMessage);
        }
        self.publish(&mut state, "removed", json!({ "message": message }));
        Ok(())
    }

    pub fn set_blocked_words(&self, words: &[String]) -> Result<(), Refusal> {
        self.lock()
            .moderation
            .set_blocked_words(words)
            .map_err(|bad| match bad {
                BadBlockList::TooMany => Refusal::BlockListTooLong,
                BadBlockList::TooLong => Refusal::BlockedWordTooLong,
            })
    }

    pub fn blocked_words(&self) -> Vec<String> {
        self.lock().moderation.blocked_words().to_vec()
    }

    /// Sends the likes and viewer count if they changed since last time, and forgets rate
    /// limits and mutes that no longer hold anything back.
    pub(crate) fn tick(&self) {
        let (likes, viewers) = (self.likes(), self.viewers());
        let now = Instant::now();
        let mut state = self.lock();
        if likes != state.sent_likes {
            state.sent_likes = likes;
            self.publish(&mut state, "like", json!({ "likes": likes }));
        }
        if viewers != state.sent_viewers {
            state.sent_viewers = viewers;
            self.publish(&mut state, "viewers", json!({ "viewers": viewers }));
        }
        state.buckets.retain(|_, bucket| !bucket.is_full(now));
        state.moderation.forget_expired(now);
    }

    /// How long nothing has happened; zero while the room is kept or a draw collects entries.
    pub(crate) fn idle_for(&self, now: Instant) -> Duration {
        let state = self.lock();
        if self.kept.load(Ordering::Relaxed) || state.draw.is_some() {
            return Duration::ZERO;
        }
        now.saturating_duration_since(state.last_activity)
    }

    pub(crate) fn keep(&self, kept: bool) {
        self.kept.store(kept, Ordering::Relaxed);
        self.lock().last_activity = Instant::now();
    }

    /// Counts a distinct visitor (an account id, or an anonymous visitor's own id).
    pub fn count_visitor(&self, identity: &str) {
        self.lock().audience.visit(identity);
    }

    /// A click on a product's card or button; not broadcast.
    pub fn click(&self, product: &str) {
        self.lock().audience.click(product);
    }

    pub fn figures(&self) -> RoomFigures {
        let state = self.lock();
        let (unique_viewers, unique_capped) = state.audience.unique();
        RoomFigures {
            viewers: self.viewers(),
            peak_viewers: self.peak_viewers.load(Ordering::Relaxed),
            unique_viewers,
            unique_capped,
            likes: self.likes(),
            clicks: state.audience.clicks(),
        }
    }

    /// Starts collecting entries, in place of any draw still open.
    pub(crate) fn open_draw(&self, opening: DrawOpening) {
        self.lock().draw = Some(DrawBox::open(opening, Instant::now()));
    }

    /// Stops the draw `id` and hands over its entrants; `None` when it is not the one open.
    pub(crate) fn close_draw(&self, id: &str) -> Option<Vec<Entrant>> {
        let mut state = self.lock();
        if state.draw.as_ref().is_some_and(|draw| draw.id() == id) {
            state.draw.take().map(DrawBox::into_entrants)
        } else {
            None
        }
    }

    /// Entrants so far in the draw `id`, while it is open.
    pub fn draw_entrants(&self, id: &str) -> Option<usize> {
        let state = self.lock();
        state
            .draw
            .as_ref()
            .filter(|draw| draw.id() == id)
            .map(DrawBox::entrant_count)
    }

    pub(crate) fn add_viewer(&self) {
        let now = self.viewers.fetch_add(1, Ordering::Relaxed) + 1;
        self.peak_viewers.fetch_max(now, Ordering::Relaxed);
    }

    pub(crate) fn remove_viewer(&self) {
        self.viewers.fetch_sub(1, Ordering::Relaxed);
        self.lock().last_activity = Instant::now();
    }

    /// A receiver for the batches to come, and what comes before them: the frames after `after`
    /// when the ring still holds them all, otherwise a snapshot; with the last sequence number
    /// these include (the next batch may repeat frames up to it).
    pub(crate) fn subscribe(
        &self,
        after: Option<u64>,
    ) -> (broadcast::Receiver<Batch>, Vec<Frame>, u64) {
        let mut state = self.lock();
        let receiver = self.sender.subscribe();
        if let Some(after) = after.filter(|after| state.can_resume_after(*after)) {
            let missed = state
                .ring
                .iter()
                .filter(|frame| frame.seq() > after)
                .cloned()
                .collect();
            return (receiver, missed, state.seq);
        }
        let snapshot = self.snapshot(&mut state);
        (receiver, vec![snapshot], state.seq)
    }

    /// Waits until a frame is waiting to be sent.
    pub(crate) async fn batch_started(&self) {
        self.batch_started.notified().await;
    }

    /// Sends the frames waiting, if any, as one batch.
    pub(crate) fn flush(&self) {
        let mut state = self.lock();
        self.send_pending(&mut state);
    }

    fn send_pending(&self, state: &mut RoomState) {
        if state.pending.is_empty() {
            return;
        }
        let batch = Batch::new(std::mem::take(&mut state.pending));
        // No receiver is fine: nobody is watching yet.
        let _ = self.sender.send(batch);
    }

    fn snapshot(&self, state: &mut RoomState) -> Frame {
        if let Some(snapshot) = &state.snapshot {
            return snapshot.clone();
        }
        let snapshot = state.shown.frame(state.seq, self.viewers(), self.likes());
        state.snapshot = Some(snapshot.clone());
        snapshot
    }

    fn publish(&self, state: &mut RoomState, kind: &str, body: impl Serialize) -> u64 {
        state.seq += 1;
        let frame = frame::numbered(state.seq, kind, body);
        if state.ring.len() == RESUME_RING {
            state.ring.pop_front();
        }
        state.ring.push_back(frame.clone());
        state.snapshot = None;
        state.last_activity = Instant::now();
        state.pending.push(frame);
        if state.pending.len() == 1 {
            self.batch_started.notify_one();
        } else if state.pending.len() >= MAX_BATCH_FRAMES {
            self.send_pending(state);
        }
        state.seq
    }

    fn lock(&self) -> MutexGuard<'_, RoomState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl RoomState {
    fn can_resume_after(&self, after: u64) -> bool {
        after == self.seq
            || (after < self.seq && self.ring.front().is_some_and(|f| f.seq() <= after + 1))
    }
}

fn wall_clock_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

#[cfg(test)]
mod figures_tests;
#[cfg(test)]
mod tests;
