//! Farmgate served on a loopback port for a benchmark, taking payments through the sandbox,
//! as `farmgate serve` would run it.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use farmgate_services::Services;
use farmgate_store::sql::SqlStore;
use farmgate_web::DemoAccount;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::callbacks::sandbox_provider;
use crate::serve::{app_state, jiff_zone, with_sandbox_payments};
use crate::video::Video;

pub struct BenchServer {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl BenchServer {
    /// Serves `services` with the demo's sign-in accounts; `extra` routes (a benchmark's own
    /// baseline) are merged beside Farmgate's.
    pub async fn start(
        sql: Arc<SqlStore>,
        services: Services,
        demo: Vec<DemoAccount>,
        data: &Path,
        extra: Option<Router>,
    ) -> anyhow::Result<BenchServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        tokio::spawn(sql.clone().checkpoint_forever());
        let sandbox = sandbox_provider(sql, services.sandbox_signer().await?, &base);
        let state = app_state(
            with_sandbox_payments(services, sandbox.clone(), &base),
            sandbox,
            demo,
            jiff_zone("Asia/Shanghai")?,
            false,
            &Video::off(data),
        );
        let app = farmgate_web::app(state);
        let app = match extra {
            Some(routes) => app.merge(routes),
            None => app,
        };
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(farmgate_web::serve(listener, app, async {
            stopped.await.ok();
        }));
        Ok(BenchServer { base, stop, task })
    }

    /// Stops it and waits until it has.
    pub async fn stop(self) -> anyhow::Result<()> {
        self.stop.send(()).ok();
        self.task.await.context("server task")??;
        Ok(())
    }
}
