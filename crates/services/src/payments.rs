//! Payment set-up that needs the store: the sandbox provider's signing key, made once per
//! installation and kept in the store so every node and every restart signs alike.

use farmgate_payments::Signer;

use crate::{ServiceResult, Services};

/// The meta key holding the sandbox provider's callback-signing key (base64).
pub const SANDBOX_KEY: &str = "payments.sandbox.key";

impl Services {
    /// The sandbox's signing key, created on first use.
    pub async fn sandbox_signer(&self) -> ServiceResult<Signer> {
        if let Some(key) = self.store.meta(SANDBOX_KEY).await? {
            return Ok(Signer::new(key.as_bytes()));
        }
        self.store
            .set_meta(SANDBOX_KEY, &Signer::generate_key())
            .await?;
        // Read back what is stored, so a node that raced this one ends up with the same key.
        let key = self.store.meta(SANDBOX_KEY).await?.unwrap_or_default();
        Ok(Signer::new(key.as_bytes()))
    }
}
