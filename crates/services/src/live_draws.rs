//! Lucky draws in a live session. The host opens one; the room collects who comments the
//! keyword; when the window ends (a timer) or the host closes it early, winners are drawn with
//! the operating system's CSPRNG, written with their notifications in one transaction and
//! announced in the room. Entrants live only in the room's memory: a draw still open when the
//! server starts lost them, and is closed as interrupted rather than drawn among nobody.

use std::time::Duration;

use farmgate_domain::access::Actor;
use farmgate_domain::id::{AccountId, LiveDrawId, LiveSessionId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::live_draw::{masked_name, DrawInput, DrawStatus, DrawTerms};
use farmgate_live::{DrawOpening, Entrant, RoomEvent};
use farmgate_store::{DrawOutcome, DrawRecord, DrawWinner, StoreError};
use rand::rngs::OsRng;
use serde_json::{json, Value};

use crate::{new_id, ServiceError, ServiceResult, Services};

/// Refusal when a draw is started outside a live session.
pub const DRAW_NOT_LIVE: &str = "a lucky draw can only be started while the session is live";
/// Refusal when the session already has a draw taking entries.
pub const DRAW_ALREADY_OPEN: &str = "the session already has a draw open";

/// What a host fills in, as typed.
#[derive(Debug, Clone, Default)]
pub struct DrawForm {
    pub keyword: String,
    pub prize: String,
    pub winners: String,
    pub window_seconds: String,
}

/// A draw as its host sees it: with the entrants so far while it is open.
#[derive(Debug, Clone)]
pub struct HostedDraw {
    pub draw: DrawRecord,
    pub entrants_so_far: Option<usize>,
}

impl Services {
    pub async fn start_draw(
        &self,
        actor: &Actor,
        session: &LiveSessionId,
        form: &DrawForm,
    ) -> ServiceResult<DrawRecord> {
        let live = self.hosted_live(actor, session).await?;
        if live.status != LiveStatus::Live {
            return Err(ServiceError::Conflict(DRAW_NOT_LIVE));
        }
        let input = DrawInput {
            keyword: &form.keyword,
            prize: &form.prize,
            winners: &form.winners,
            window_seconds: &form.window_seconds,
        };
        let terms = DrawTerms::parse(&input, self.clock.now())?;
        let draw = DrawRecord {
            id: new_id(),
            session_id: session.clone(),
            keyword: terms.keyword,
            prize: terms.prize,
            winners: terms.winners,
            opens_at: terms.opens_at,
            closes_at: terms.closes_at,
            status: DrawStatus::Open,
            entrants: None,
            closed_at: None,
            won: Vec::new(),
        };
        let mut excluded: Vec<String> = self
            .store
            .draw_excluded_accounts(session)
            .await?
            .into_iter()
            .map(|id| id.to_string())
            .collect();
        excluded.push(actor.account_id.to_string());
        self.store.insert_draw(&draw).await.map_err(|e| match e {
            StoreError::Conflict(_) => ServiceError::Conflict(DRAW_ALREADY_OPEN),
            other => other.into(),
        })?;
        let open_for = window(&draw);
        let opening = DrawOpening {
            id: draw.id.to_string(),
            keyword: draw.keyword.clone(),
            open_for,
            excluded,
        };
        self.rooms.open_draw(session.as_str(), opening);
        self.rooms
            .post(session.as_str(), RoomEvent::Draw(opened_card(&draw)));
        let services = self.clone();
        let id = draw.id.clone();
        tokio::spawn(async move {
            tokio::time::sleep(open_for).await;
            if let Err(error) = services.finish_draw(&id).await {
                tracing::warn!(draw = %id, %error, "a lucky draw could not be closed on time");
            }
        });
        Ok(draw)
    }

    /// The host ends a draw before its window is over; the draw as it then stands.
    pub async fn close_draw_now(
        &self,
        actor: &Actor,
        session: &LiveSessionId,
        id: &LiveDrawId,
    ) -> ServiceResult<DrawRecord> {
        self.hosted_live(actor, session).await?;
        let draw = self.store.draw(id).await?;
        if draw.as_ref().is_none_or(|draw| &draw.session_id != session) {
            return Err(ServiceError::NotFound);
        }
        self.finish_draw(id).await?;
        self.store.draw(id).await?.ok_or(ServiceError::NotFound)
    }

    /// The session's draws, newest first, for its host.
    pub async fn hosted_draws(
        &self,
        actor: &Actor,
        session: &LiveSessionId,
    ) -> ServiceResult<Vec<HostedDraw>> {
        self.hosted_live(actor, session).await?;
        let room = self.rooms.room(session.as_str());
        Ok(self
            .store
            .draws_of(session)
            .await?
            .into_iter()
            .map(|draw| HostedDraw {
                entrants_so_far: room
                    .as_ref()
                    .and_then(|room| room.draw_entrants(draw.id.as_str())),
                draw,
            })
            .collect())
    }

    /// At start-up: every draw still open lost its entrants with the previous process, so it
    /// is closed as interrupted and its room told. Returns how many.
    pub async fn interrupt_lost_draws(&self) -> ServiceResult<usize> {
        let open = self.store.open_draws().await?;
        let now = self.clock.now();
        let mut interrupted = 0;
        for draw in open {
            if self
                .store
                .close_draw(&draw.id, &DrawOutcome::Interrupted, now)
                .await?
            {
                interrupted += 1;
                let card = json!({ "id": draw.id, "state": "interrupted", "prize": draw.prize });
                self.rooms
                    .post(draw.session_id.as_str(), RoomEvent::Draw(card));
            }
        }
        Ok(interrupted)
    }

    /// Draws the winners of an open draw, once: whoever takes the entrants from the room (the
    /// timer or the host) writes the result; the other finds nothing to do.
    async fn finish_draw(&self, id: &LiveDrawId) -> ServiceResult<()> {
        let draw = self.store.draw(id).await?.ok_or(ServiceError::NotFound)?;
        if draw.status != DrawStatus::Open {
            return Ok(());
        }
        let Some(entrants) = self.rooms.close_draw(draw.session_id.as_str(), id.as_str()) else {
            return Ok(());
        };
        let count = i64::try_from(entrants.len()).unwrap_or(i64::MAX);
        let won = pick_winners(entrants, draw.winners);
        let outcome = DrawOutcome::Drawn {
            entrants: count,
            won: won.clone(),
            link: format!("/live/{}", draw.session_id),
        };
        if self
            .store
            .close_draw(id, &outcome, self.clock.now())
            .await?
        {
            let card = json!({
                "id": draw.id,
                "state": "drawn",
                "keyword": draw.keyword,
                "prize": draw.prize,
                "entrants": count,
                "winners": won.iter().map(|w| masked_name(&w.display_name)).collect::<Vec<_>>(),
            });
            self.rooms
                .post(draw.session_id.as_str(), RoomEvent::Draw(card));
        }
        Ok(())
    }
}

/// Up to `winners` entrants, each equally likely, none twice, drawn with the OS's CSPRNG.
fn pick_winners(entrants: Vec<Entrant>, winners: i64) -> Vec<DrawWinner> {
    let wanted = usize::try_from(winners).unwrap_or(0).min(entrants.len());
    let chosen = rand::seq::index::sample(&mut OsRng, entrants.len(), wanted);
    chosen
        .into_iter()
        .filter_map(|index| entrants.get(index))
        .map(|entrant| DrawWinner {
            account_id: AccountId::new(entrant.id.clone()),
            display_name: entrant.name.clone(),
        })
        .collect()
}

/// How long the draw takes entries from now (its window as set).
fn window(draw: &DrawRecord) -> Duration {
    let millis = draw
        .closes_at
        .millis()
        .saturating_sub(draw.opens_at.millis());
    Duration::from_millis(u64::try_from(millis).unwrap_or(0))
}

/// What viewers see while a draw is open: "comment 「keyword」 to enter", with a countdown.
fn opened_card(draw: &DrawRecord) -> Value {
    json!({
        "id": draw.id,
        "state": "open",
        "keyword": draw.keyword,
        "prize": draw.prize,
        "winner_count": draw.winners,
        "closes_at": draw.closes_at.millis(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entrants(n: usize) -> Vec<Entrant> {
        (0..n)
            .map(|i| Entrant {
                id: format!("a{i}"),
                name: format!("n{i}"),
            })
            .collect()
    }

    #[test]
    fn winners_are_distinct_entrants_and_at_most_as_many_as_entered() {
        let won = pick_winners(entrants(10), 3);
        assert_eq!(won.len(), 3);
        let mut ids: Vec<&str> = won.iter().map(|w| w.account_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 3);
        assert_eq!(pick_winners(entrants(2), 5).len(), 2);
        assert!(pick_winners(Vec::new(), 5).is_empty());
    }

    #[test]
    fn every_entrant_can_win() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..200 {
            for winner in pick_winners(entrants(4), 1) {
                seen.insert(winner.account_id);
            }
        }
        assert_eq!(seen.len(), 4);
    }
}
