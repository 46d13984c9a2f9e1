//! Lucky draws of live sessions: the terms while open, then the result written once — the
//! winners and their notifications together, or `interrupted` when the entrants were lost.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, LiveDrawId, LiveSessionId};
use farmgate_domain::live_draw::DrawStatus;
use farmgate_domain::time::Timestamp;

use crate::StoreResult;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawRecord {
    pub id: LiveDrawId,
    pub session_id: LiveSessionId,
    pub keyword: String,
    pub prize: String,
    /// How many may win.
    pub winners: i64,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    pub status: DrawStatus,
    /// How many entered, once drawn.
    pub entrants: Option<i64>,
    pub closed_at: Option<Timestamp>,
    /// Those drawn, in the order they were drawn.
    pub won: Vec<DrawWinner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawWinner {
    pub account_id: AccountId,
    /// The name they chatted under.
    pub display_name: String,
}

/// How a draw ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrawOutcome {
    /// Winners drawn among `entrants`; each winner is told with a notification linking `link`.
    Drawn {
        entrants: i64,
        won: Vec<DrawWinner>,
        link: String,
    },
    /// The entrants were lost (a restart while it was open): nobody is drawn.
    Interrupted,
}

#[async_trait]
pub trait LiveDraws: Send + Sync {
    /// `StoreError::Conflict` when the session already has a draw open.
    async fn insert_draw(&self, draw: &DrawRecord) -> StoreResult<()>;
    async fn draw(&self, id: &LiveDrawId) -> StoreResult<Option<DrawRecord>>;
    /// Newest first.
    async fn draws_of(&self, session: &LiveSessionId) -> StoreResult<Vec<DrawRecord>>;
    /// Every draw still open, in any session.
    async fn open_draws(&self) -> StoreResult<Vec<DrawRecord>>;
    /// Ends an open draw with its outcome in one transaction: the draw, its winners and their
    /// notifications (keyed by the draw, so each is written once). False, writing nothing,
    /// when the draw was no longer open.
    async fn close_draw(
        &self,
        id: &LiveDrawId,
        outcome: &DrawOutcome,
        at: Timestamp,
    ) -> StoreResult<bool>;
    /// The accounts that may not enter the session's draws: the shop's members and the host.
    async fn draw_excluded_accounts(&self, session: &LiveSessionId) -> StoreResult<Vec<AccountId>>;
}
