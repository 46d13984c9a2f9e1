//! The demo county's video, when nginx runs: a generated picture and tone pushed into each
//! session on air, as a host's phone would push, and a generated replay for each session that
//! ended without a recording — so a newcomer sees a playing room and a replay on first start.

use std::net::{Ipv4Addr, SocketAddr};

use farmgate_services::demo_live::DEMO_REPLAY_SECONDS;
use farmgate_services::Services;
use farmgate_video::{generated_replay, GeneratedFeed};

use crate::video::Video;

/// Starts the demo's pushes and, in the background, its missing replays.
pub async fn start_demo_video(services: &Services, video: &mut Video) -> anyhow::Result<()> {
    let (Some(rtmp), Some(ffmpeg)) = (video.rtmp, video.setup.ffmpeg.clone()) else {
        return Ok(());
    };
    let rtmp = pushable(rtmp);
    for (_, key) in services.sessions_on_air().await? {
        video
            .feeds
            .push(GeneratedFeed::start(ffmpeg.to_path_buf(), rtmp, key));
    }
    let dir = video.setup.dir.clone();
    let services = services.clone();
    tokio::spawn(async move {
        let missing = match services.sessions_without_replay().await {
            Ok(missing) => missing,
            Err(error) => return tracing::warn!(%error, "could not look for missing replays"),
        };
        for session in missing {
            let id = session.as_str();
            let (Some(recording), Some(replay)) = (dir.recording(id), dir.replay(id)) else {
                continue;
            };
            // A real recording that failed to become a replay is left for people to look at.
            if recording.exists() {
                continue;
            }
            let made = generated_replay(&ffmpeg, &replay, DEMO_REPLAY_SECONDS).await;
            let published = match made {
                Ok(_) => {
                    let playlist = format!("replays/{id}/index.m3u8");
                    services
                        .live_replay_ready(&session, &playlist)
                        .await
                        .map_err(|e| e.to_string())
                }
                Err(error) => Err(error.to_string()),
            };
            if let Err(error) = published {
                tracing::warn!(%error, %session, "could not make the demo replay");
            }
        }
    });
    Ok(())
}

/// Where a push on this machine reaches nginx: loopback when it listens on every interface.
fn pushable(rtmp: SocketAddr) -> SocketAddr {
    if rtmp.ip().is_unspecified() {
        SocketAddr::new(Ipv4Addr::LOCALHOST.into(), rtmp.port())
    } else {
        rtmp
    }
}
