//! Each carrier's own way in: the hub issues a carrier a token (shown once, kept as its
//! SHA-256 like personal API tokens), and the carrier's system posts its manifest with it.
//! Sending a tracking number again returns the parcel already made for it, so a carrier may
//! retry a request safely; a request with any bad item writes nothing.

use std::collections::HashSet;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::CarrierId;
use farmgate_domain::network::Carrier;
use farmgate_domain::parcel::{IntakeForm, ParcelCode, ParcelStage};
use farmgate_domain::time::Timestamp;
use farmgate_store::{CarrierToken, CARRIER_TRACKING_TAKEN};

use super::intake::{LineProblem, NewParcel};
use crate::secrets::{hash_secret, new_secret};
use crate::{ServiceError, ServiceResult, Services};

/// Carrier tokens look unlike personal ones (`fgt_`), so neither is mistaken for the other.
pub const CARRIER_TOKEN_PREFIX: &str = "fgc_";

/// Tries when a concurrent request of the same carrier announced one of the same parcels.
const RACE_RETRIES: usize = 3;

#[derive(Debug)]
pub struct IssuedCarrierToken {
    pub carrier: Carrier,
    /// The whole bearer token; shown once.
    pub secret: String,
}

/// A carrier and when its token was issued, if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarrierTokenView {
    pub carrier: Carrier,
    pub issued_at: Option<Timestamp>,
}

/// What became of one item of a carrier's request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeReceipt {
    pub tracking: String,
    pub code: ParcelCode,
    /// `false` when the tracking number was already known and nothing new was made.
    pub created: bool,
}

impl Services {
    pub async fn carrier_tokens(&self, actor: &Actor) -> ServiceResult<Vec<CarrierTokenView>> {
        authorize(actor, &Action::ManageNetwork)?;
        let tokens = self.store.carrier_tokens().await?;
        Ok(self
            .store
            .carriers()
            .await?
            .into_iter()
            .map(|carrier| CarrierTokenView {
                issued_at: tokens
                    .iter()
                    .find(|token| token.carrier == carrier.id)
                    .map(|token| token.issued_at),
                carrier,
            })
            .collect())
    }

    /// Issues a new token, replacing the carrier's old one.
    pub async fn issue_carrier_token(
        &self,
        actor: &Actor,
        carrier: &CarrierId,
    ) -> ServiceResult<IssuedCarrierToken> {
        authorize(actor, &Action::ManageNetwork)?;
        let carrier = self
            .store
            .carrier(carrier)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let secret = format!("{CARRIER_TOKEN_PREFIX}{}", new_secret());
        self.store
            .set_carrier_token(&CarrierToken {
                carrier: carrier.id.clone(),
                token_hash: hash_secret(&secret),
                issued_at: self.clock.now(),
            })
            .await?;
        Ok(IssuedCarrierToken { carrier, secret })
    }

    pub async fn revoke_carrier_token(
        &self,
        actor: &Actor,
        carrier: &CarrierId,
    ) -> ServiceResult<()> {
        authorize(actor, &Action::ManageNetwork)?;
        if self.store.revoke_carrier_token(carrier).await? {
            Ok(())
        } else {
            Err(ServiceError::NotFound)
        }
    }

    /// The carrier a bearer token belongs to; `Unauthenticated` for any other token.
    pub async fn token_carrier(&self, secret: &str) -> ServiceResult<CarrierId> {
        if !secret.starts_with(CARRIER_TOKEN_PREFIX) {
            return Err(ServiceError::Unauthenticated);
        }
        self.store
            .carrier_by_token(&hash_secret(secret))
            .await?
            .ok_or(ServiceError::Unauthenticated)
    }

    /// Announces a carrier's parcels. `Ok(Err(problems))` lists each bad item by its index;
    /// then nothing is written.
    pub async fn intake_from_carrier(
        &self,
        carrier: &CarrierId,
        items: &[IntakeForm],
    ) -> ServiceResult<Result<Vec<IntakeReceipt>, Vec<(usize, Vec<LineProblem>)>>> {
        for _ in 0..RACE_RETRIES {
            let CheckedItems {
                receipts,
                fresh,
                problems,
            } = self.check_items(carrier, items).await?;
            if !problems.is_empty() {
                return Ok(Err(problems));
            }
            let added = self
                .add_down_parcels(&fresh, ParcelStage::Announced, None, None)
                .await;
            match added {
                Ok(parcels) => {
                    let mut made = parcels.into_iter();
                    let receipts = receipts
                        .into_iter()
                        .map(|receipt| match receipt {
                            Some(known) => Some(known),
                            None => made.next().map(|parcel| IntakeReceipt {
                                tracking: parcel.carrier_tracking.unwrap_or_default(),
                                code: parcel.code,
                                created: true,
                            }),
                        })
                        .collect::<Option<Vec<_>>>()
                        .ok_or(ServiceError::Internal("intake lost an item".into()))?;
                    return Ok(Ok(receipts));
                }
                // A retry of this request raced it: look again at what is known now.
                Err(ServiceError::Conflict(CARRIER_TRACKING_TAKEN)) => continue,
                Err(other) => return Err(other),
            }
        }
        Err(ServiceError::Conflict(
            "the same parcels are being announced by another request; try again",
        ))
    }

    async fn check_items(
        &self,
        carrier: &CarrierId,
        items: &[IntakeForm],
    ) -> ServiceResult<CheckedItems> {
        let known = self.destinations().await?;
        let mut receipts = Vec::new();
        let mut fresh = Vec::new();
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for (index, item) in items.iter().enumerate() {
            let line = match known.check(Some(carrier), item) {
                Ok(line) => line,
                Err(found) => {
                    problems.push((index, found));
                    continue;
                }
            };
            if !seen.insert(line.draft.tracking.clone()) {
                problems.push((index, vec![LineProblem::TrackingRepeated]));
                continue;
            }
            match self
                .store
                .parcel_by_tracking(carrier, &line.draft.tracking)
                .await?
            {
                Some(parcel) => receipts.push(Some(IntakeReceipt {
                    tracking: line.draft.tracking,
                    code: parcel.code,
                    created: false,
                })),
                None => {
                    receipts.push(None);
                    fresh.push(line);
                }
            }
        }
        Ok(CheckedItems {
            receipts,
            fresh,
            problems,
        })
    }
}

/// A request's items as checked against what is known.
struct CheckedItems {
    /// Per item: the receipt of a known parcel, or `None` for a new one.
    receipts: Vec<Option<IntakeReceipt>>,
    /// The new lines, in item order.
    fresh: Vec<NewParcel>,
    /// Each bad item's problems, by its index.
    problems: Vec<(usize, Vec<LineProblem>)>,
}
