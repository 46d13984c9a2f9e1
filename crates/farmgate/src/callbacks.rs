//! Delivers the sandbox provider's callbacks over real HTTP, as a provider's servers would:
//! a sweep every second sends what is due and leaves the retry schedule to the sandbox.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use farmgate_payments::sandbox::{CallbackTransport, SandboxProvider};
use farmgate_payments::Signer;
use farmgate_services::Services;
use farmgate_store::sql::SqlStore;

/// How often due callbacks are looked for.
const SWEEP_EVERY: Duration = Duration::from_secs(1);
/// A merchant that does not answer within this is treated as down.
const CALLBACK_TIMEOUT: Duration = Duration::from_secs(10);

/// The sandbox provider, keeping its books in `store` and serving its cashier under
/// `public_url`.
pub fn sandbox_provider(
    store: Arc<SqlStore>,
    signer: Signer,
    public_url: &str,
) -> Arc<SandboxProvider> {
    let cashier = format!("{}/sandbox/pay", public_url.trim_end_matches('/'));
    Arc::new(SandboxProvider::new(store, signer, cashier))
}

pub struct HttpCallbacks {
    client: reqwest::Client,
}

impl HttpCallbacks {
    pub fn new() -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(CALLBACK_TIMEOUT)
            .build()?;
        Ok(Self { client })
    }
}

#[async_trait]
impl CallbackTransport for HttpCallbacks {
    async fn post(&self, url: &str, headers: &[(&'static str, String)], body: &str) -> bool {
        let mut request = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .body(body.to_owned());
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        match request.send().await {
            Ok(response) => response.status().is_success(),
            Err(error) => {
                tracing::debug!(%url, %error, "sandbox callback not delivered");
                false
            }
        }
    }
}

/// Runs forever, sending due callbacks.
pub async fn deliver_forever(
    sandbox: Arc<SandboxProvider>,
    services: Services,
    transport: HttpCallbacks,
) {
    let mut interval = tokio::time::interval(SWEEP_EVERY);
    loop {
        interval.tick().await;
        let now = services.clock.now();
        if let Err(error) = sandbox.deliver_due(&transport, now).await {
            tracing::warn!(%error, "sandbox callback sweep failed");
        }
    }
}
