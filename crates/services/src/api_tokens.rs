//! Personal API tokens: how scripts and other systems act for an account. The secret is shown
//! once at creation; only its hash is kept, and a token can be revoked at any time.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::TokenId;
use farmgate_domain::validation::text_length;
use farmgate_store::ApiTokenRecord;

use crate::accounts::Signed;
use crate::secrets::{hash_secret, new_secret};
use crate::{new_id, ServiceError, ServiceResult, Services};

/// Every token starts with this, so a leaked one is recognisable in logs and secret scanners.
pub const TOKEN_PREFIX: &str = "fgt_";

/// "Last used" is recorded to the minute: writing it on every call would put a database write
/// on every API request.
const TOUCH_EVERY_MILLIS: i64 = 60_000;

#[derive(Debug)]
pub struct CreatedToken {
    pub record: ApiTokenRecord,
    /// The whole bearer token; shown to the person once.
    pub secret: String,
}

impl Services {
    pub async fn create_api_token(&self, actor: &Actor, name: &str) -> ServiceResult<CreatedToken> {
        authorize(actor, &Action::ManageOwnAccount)?;
        let name = text_length("name", name, 1, 60)?;
        let secret = format!("{TOKEN_PREFIX}{}", new_secret());
        let record = ApiTokenRecord {
            id: new_id(),
            account_id: actor.account_id.clone(),
            name,
            token_hash: hash_secret(&secret),
            created_at: self.clock.now(),
            last_used_at: None,
            revoked_at: None,
        };
        self.store.insert_token(&record).await?;
        Ok(CreatedToken { record, secret })
    }

    pub async fn api_tokens(&self, actor: &Actor) -> ServiceResult<Vec<ApiTokenRecord>> {
        authorize(actor, &Action::ManageOwnAccount)?;
        Ok(self.store.tokens_of(&actor.account_id).await?)
    }

    /// Revokes one of the actor's own tokens; someone else's token is "not found".
    pub async fn revoke_api_token(&self, actor: &Actor, id: &TokenId) -> ServiceResult<()> {
        authorize(actor, &Action::ManageOwnAccount)?;
        let revoked = self
            .store
            .revoke_token(&actor.account_id, id, self.clock.now())
            .await?;
        self.accounts_changed();
        if revoked {
            Ok(())
        } else {
            Err(ServiceError::NotFound)
        }
    }

    /// The account behind a bearer token, if the token is active.
    pub async fn token_account(&self, secret: &str) -> ServiceResult<Option<Signed>> {
        if !secret.starts_with(TOKEN_PREFIX) {
            return Ok(None);
        }
        let hash = hash_secret(secret);
        if let Some(signed) = self.caches.bearers.get(&hash) {
            return Ok(Some(signed));
        }
        let Some(token) = self.store.active_token(&hash).await? else {
            return Ok(None);
        };
        let now = self.clock.now();
        let stale = token
            .last_used_at
            .is_none_or(|used| now.millis() - used.millis() >= TOUCH_EVERY_MILLIS);
        if stale {
            self.store.touch_token(&token.id, now).await?;
        }
        let signed = self.signed(&token.account_id).await?;
        if let Some(signed) = &signed {
            self.caches.bearers.insert(hash, signed.clone());
        }
        Ok(signed)
    }
}
