//! The demo's short videos, made the way a producer's upload is: each clip (a slow zoom over
//! the product's photo) is written where an upload waits and handed to the worker, which
//! transcodes it with progress and shows it. Clips are made in the background, one at a
//! time, so the server answers at once.

use farmgate_services::Services;
use farmgate_web::ShortVideoWorker;

/// Length of a demo clip.
const CLIP_SECONDS: u32 = 8;

/// Stores the demo's videos (once per store) and makes them in the background.
pub async fn start_demo_shorts(
    services: &Services,
    worker: &ShortVideoWorker,
) -> anyhow::Result<()> {
    let Some(ffmpeg) = worker.ffmpeg() else {
        return Ok(());
    };
    let shorts = services.seed_demo_short_videos().await?;
    let (services, worker) = (services.clone(), worker.clone());
    tokio::spawn(async move {
        for short in shorts {
            let source = worker.source_path(&short.id);
            if let Some(folder) = source.parent() {
                if let Err(error) = tokio::fs::create_dir_all(folder).await {
                    tracing::warn!(%error, "could not make a demo video's folder");
                    continue;
                }
            }
            let clip = farmgate_video::still_clip(&ffmpeg, &short.picture, &source, CLIP_SECONDS);
            if let Err(error) = clip.await {
                // The worker then fails the video for want of its source, as the console shows.
                tracing::warn!(%error, "could not make a demo clip");
            }
            worker.submit(services.clone(), short.id);
        }
    });
    Ok(())
}
