//! Share links that carry a village e-commerce leader's mark (`?via=<token>`). The token names
//! the leader, what is shared and when, and is signed with the county's own key (HMAC-SHA256,
//! kept in the store's meta), so a mark can be neither forged nor moved to another leader or
//! another product or team. Where the mark leads — clicks, attribution, commission — is in
//! `domain::attribution`.

use std::fmt;

use farmgate_domain::access::Actor;
use farmgate_domain::id::{AccountId, ProductId, TeamId};
use farmgate_domain::role::Role;
use farmgate_domain::time::Timestamp;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::secrets::new_secret;
use crate::{ServiceError, ServiceResult, Services};

const SHARE_KEY: &str = "share_link_key";
/// Signature bytes kept in a token: 128 bits, as hex.
const SIGNATURE_BYTES: usize = 16;

/// What a leader shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shared {
    Product(ProductId),
    Team(TeamId),
}

impl fmt::Display for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Product(id) => write!(f, "p{id}"),
            Self::Team(id) => write!(f, "t{id}"),
        }
    }
}

/// A mark read back from a token whose signature holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareMark {
    pub leader: AccountId,
    pub shared_at: Timestamp,
}

impl Services {
    /// The token a leader's share link for `shared` carries.
    pub async fn share_token(&self, actor: &Actor, shared: &Shared) -> ServiceResult<String> {
        if !actor.has(Role::Leader) {
            return Err(ServiceError::Forbidden);
        }
        let payload = format!(
            "{}.{shared}.{}",
            actor.account_id,
            self.clock.now().millis() / 1_000
        );
        let signature = sign(&self.share_key().await?, &payload)?;
        Ok(format!("{payload}.{signature}"))
    }

    /// The leader behind a token for `shared`; `None` for a token that was altered, forged,
    /// made for something else, or unreadable.
    pub async fn read_share_token(
        &self,
        token: &str,
        shared: &Shared,
    ) -> ServiceResult<Option<ShareMark>> {
        let Some((payload, signature)) = token.rsplit_once('.') else {
            return Ok(None);
        };
        let expected = sign(&self.share_key().await?, payload)?;
        if !bool::from(expected.as_bytes().ct_eq(signature.as_bytes())) {
            return Ok(None);
        }
        let mut parts = payload.split('.');
        let (Some(leader), Some(target), Some(seconds), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Ok(None);
        };
        let Ok(seconds) = seconds.parse::<i64>() else {
            return Ok(None);
        };
        if target != shared.to_string() {
            return Ok(None);
        }
        Ok(Some(ShareMark {
            leader: AccountId::new(leader),
            shared_at: Timestamp::from_millis(seconds.saturating_mul(1_000)),
        }))
    }

    /// The county's signing key, made on first use; read through the settings cache, as
    /// every marked visit needs it.
    async fn share_key(&self) -> ServiceResult<String> {
        if let Some(key) = self.setting(SHARE_KEY).await? {
            return Ok(key);
        }
        let key = self.store.meta_or_insert(SHARE_KEY, &new_secret()).await?;
        self.caches.settings.remove(&SHARE_KEY);
        Ok(key)
    }
}

fn sign(key: &str, payload: &str) -> ServiceResult<String> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes())
        .map_err(|error| ServiceError::Internal(format!("share link key: {error}")))?;
    mac.update(payload.as_bytes());
    Ok(mac.finalize().into_bytes()[..SIGNATURE_BYTES]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}
