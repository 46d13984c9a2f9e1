//! Village e-commerce leaders at work: the hub's terms (attribution window and commission per
//! category), the clicks their share links bring, and what they have earned. How an order is
//! attributed and its commission booked is in `leader_commission.rs`.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::attribution::AttributionWindow;
use farmgate_domain::commission::{CommissionRate, CommissionSchedule};
use farmgate_domain::id::{AccountId, PostingId};
use farmgate_domain::ledger::{leader_payout, LedgerError};
use farmgate_domain::money::Money;
use farmgate_domain::role::Role;
use farmgate_domain::validation::{FieldError, Problem, ValidationErrors};
use farmgate_store::{AccountRecord, ClickRecord, LeaderFigures, LeaderRank, StoreError};
use serde::{Deserialize, Serialize};

use crate::settings::{schedule_from, CommissionForm};
use crate::share_links::Shared;
use crate::{new_id, ServiceError, ServiceResult, Services};

const TERMS_KEY: &str = "settings.leaders";
/// What leaders earn until the hub says otherwise: 3% of what the buyer paid for the goods.
const DEFAULT_RATE_BP: u16 = 300;
/// Leaders in the hub's ranking.
const RANKED: i64 = 50;
/// Refusals of a payment to a leader.
pub const NOTHING_OWED: &str = "nothing is owed to this leader";
pub const ALREADY_PAID: &str = "this leader was just paid";
/// The days the hub's ranking looks back over.
pub const RANKING_DAYS: i64 = 30;

/// The hub's terms for leaders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderTerms {
    pub window: AttributionWindow,
    pub rates: CommissionSchedule,
}

#[derive(Serialize, Deserialize)]
struct StoredTerms {
    window_days: i64,
    rates: CommissionSchedule,
}

/// The terms as typed: the window in days and the rates as percentages.
#[derive(Debug, Clone, Default)]
pub struct LeaderTermsForm {
    pub window_days: String,
    pub rates: CommissionForm,
}

impl Services {
    pub async fn leader_terms(&self) -> ServiceResult<LeaderTerms> {
        let Some(json) = self.setting(TERMS_KEY).await? else {
            return Ok(LeaderTerms {
                window: AttributionWindow::DEFAULT,
                rates: CommissionRate::new(DEFAULT_RATE_BP)
                    .map(CommissionSchedule::flat)
                    .unwrap_or_default(),
            });
        };
        let stored: StoredTerms =
            serde_json::from_str(&json).map_err(|e| ServiceError::Internal(e.to_string()))?;
        Ok(LeaderTerms {
            window: AttributionWindow::parse("window_days", stored.window_days).unwrap_or_default(),
            rates: stored.rates,
        })
    }

    pub async fn set_leader_terms(
        &self,
        actor: &Actor,
        form: &LeaderTermsForm,
    ) -> ServiceResult<LeaderTerms> {
        authorize(actor, &Action::AppointLeaders)?;
        let mut errors = ValidationErrors::default();
        let window = errors.check(window(&form.window_days));
        let rates = match schedule_from(&form.rates) {
            Ok(rates) => Some(rates),
            Err(rate_errors) => {
                errors.0.extend(rate_errors.0);
                None
            }
        };
        let (Some(window), Some(rates)) = (window, rates) else {
            return Err(errors.into());
        };
        let stored = StoredTerms {
            window_days: window.days(),
            rates: rates.clone(),
        };
        self.save(TERMS_KEY, &stored).await?;
        Ok(LeaderTerms { window, rates })
    }

    /// A visit through a share link: the click is recorded when its token holds and its leader
    /// still is one, for the `visitor` if signed in. Answers the click's id, which a visitor
    /// who is signed out keeps (in a cookie) to claim it when they sign in.
    pub async fn follow_share_link(
        &self,
        token: &str,
        shared: &Shared,
        visitor: Option<&AccountId>,
    ) -> ServiceResult<Option<String>> {
        let Some(mark) = self.read_share_token(token, shared).await? else {
            return Ok(None);
        };
        let lookup = async {
            let account = self.store.account(&mark.leader).await?;
            Ok::<_, ServiceError>(account.is_some_and(|a| a.roles.contains(&Role::Leader)))
        };
        let still_leader = self
            .caches
            .leaders
            .get_or_load(&mark.leader, lookup)
            .await?;
        if !still_leader {
            return Ok(None);
        }
        let click = ClickRecord {
            id: new_id::<String>(),
            leader: mark.leader,
            shared: shared.to_string(),
            buyer: visitor.cloned(),
            at: self.clock.now(),
        };
        self.store.record_click(&click).await?;
        Ok(Some(click.id))
    }

    /// Gives a click made while signed out to the buyer who has now signed in.
    pub async fn claim_share_click(&self, click: &str, buyer: &AccountId) -> ServiceResult<bool> {
        Ok(self.store.claim_click(click, buyer).await?)
    }

    /// What the signed-in leader has brought and earned.
    pub async fn my_leader_figures(&self, actor: &Actor) -> ServiceResult<LeaderFigures> {
        if !actor.has(Role::Leader) {
            return Err(ServiceError::Forbidden);
        }
        Ok(self.store.leader_figures(&actor.account_id).await?)
    }

    /// The county's leaders with what each has brought and earned.
    pub async fn leaders_with_figures(
        &self,
        actor: &Actor,
    ) -> ServiceResult<Vec<(AccountRecord, LeaderFigures)>> {
        let leaders = self.leaders(actor).await?;
        let mut figured = Vec::with_capacity(leaders.len());
        for leader in leaders {
            let figures = self.store.leader_figures(&leader.id).await?;
            figured.push((leader, figures));
        }
        Ok(figured)
    }

    /// Pays a leader everything they are owed now (their commission earned less what was
    /// paid), recording it in the ledger; answers the amount.
    pub async fn pay_leader(&self, actor: &Actor, leader: &AccountId) -> ServiceResult<Money> {
        authorize(actor, &Action::AppointLeaders)?;
        let figures = self.store.leader_figures(leader).await?;
        let internal = |e: LedgerError| ServiceError::Internal(e.to_string());
        let owed = figures.owed();
        if owed.minor() <= 0 {
            return Err(ServiceError::Conflict(NOTHING_OWED));
        }
        let entry = leader_payout(leader, owed, owed).map_err(internal)?;
        // Named by what was paid before: a second payment on the same figures is refused.
        let reference = format!("leader:{leader}:{}", figures.paid.minor());
        let id = new_id::<PostingId>().to_string();
        match self
            .store
            .pay_leader(&id, &entry, &reference, self.clock.now())
            .await
        {
            Ok(()) => Ok(owed),
            Err(StoreError::Conflict(_)) => Err(ServiceError::Conflict(ALREADY_PAID)),
            Err(other) => Err(other.into()),
        }
    }

    /// The county's leaders by the commission their orders brought in the last
    /// [`RANKING_DAYS`].
    pub async fn leader_ranking(&self, actor: &Actor) -> ServiceResult<Vec<LeaderRank>> {
        authorize(actor, &Action::AppointLeaders)?;
        let since = self.clock.now().plus_days(-RANKING_DAYS);
        Ok(self.store.leader_ranking(since, RANKED).await?)
    }
}

fn window(text: &str) -> Result<AttributionWindow, FieldError> {
    let days = text.trim().parse::<i64>().map_err(|_| FieldError {
        field: "window_days",
        problem: Problem::Invalid,
    })?;
    AttributionWindow::parse("window_days", days)
}
