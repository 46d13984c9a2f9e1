//! The demo's short videos, made the way a producer's upload is: each clip (a slow zoom over
//! the product's photo) is written where an upload waits and made by the worker, which
//! transcodes it with progress and shows it. `farmgate demo` makes them before it returns;
//! `serve --demo` (for a store seeded without them) in the background.

use farmgate_services::Services;
use farmgate_web::ShortVideoWorker;

/// Length of a demo clip.
const CLIP_SECONDS: u32 = 8;

/// Stores the demo's videos (once per store) and makes them one by one; how many.
pub async fn make_demo_shorts(
    services: &Services,
    worker: &ShortVideoWorker,
) -> anyhow::Result<usize> {
    let Some(ffmpeg) = worker.ffmpeg() else {
        return Ok(0);
    };
    let shorts = services.seed_demo_short_videos().await?;
    for short in &shorts {
        let source = worker.source_path(&short.id);
        if let Some(folder) = source.parent() {
            tokio::fs::create_dir_all(folder).await?;
        }
        let clip = farmgate_video::still_clip(&ffmpeg, &short.picture, &source, CLIP_SECONDS);
        if let Err(error) = clip.await {
            // The worker then fails the video for want of its source, as the console shows.
            tracing::warn!(%error, "could not make a demo clip");
        }
        worker.make(services, &short.id).await;
    }
    Ok(shorts.len())
}

/// `make_demo_shorts` in the background, so the server answers at once.
pub fn start_demo_shorts(services: &Services, worker: &ShortVideoWorker) {
    let (services, worker) = (services.clone(), worker.clone());
    tokio::spawn(async move {
        if let Err(error) = make_demo_shorts(&services, &worker).await {
            tracing::warn!(%error, "could not make the demo's short videos");
        }
    });
}
