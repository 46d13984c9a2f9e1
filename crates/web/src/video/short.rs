//! The short-video worker: an upload waits under `DATA/short-videos/<id>/source` until its
//! turn (one transcode at a time, for a transcode takes every core it is given), is made into
//! `video.mp4` and `poster.jpg` beside it while its progress is written to the store, and is
//! then shown or marked failed. Videos a stopped server left half made start again at start-up.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use farmgate_domain::id::ShortVideoId;
use farmgate_services::Services;
use farmgate_video::{find_program, transcode_short};
use tokio::sync::{watch, Semaphore};

/// What a producer is told when ffmpeg cannot make their file into a video.
pub const UNREADABLE: &str = "this file could not be read as a video; export it again from \
     the phone's gallery and upload it once more";
/// Why uploads are refused on a server without ffmpeg.
pub const NO_FFMPEG: &str = "short videos need ffmpeg on the server; ask the hub to install it \
     (apt-get install ffmpeg)";

/// The programs a transcode runs.
#[derive(Debug)]
struct Transcoder {
    ffmpeg: PathBuf,
    ffprobe: PathBuf,
}

/// Where short videos live, and the queue that makes them.
#[derive(Clone)]
pub struct ShortVideoWorker {
    folder: PathBuf,
    transcoder: Option<Arc<Transcoder>>,
    turn: Arc<Semaphore>,
}

impl ShortVideoWorker {
    /// Short videos kept under `data`, made with this machine's ffmpeg and ffprobe if it has
    /// them (uploads are refused otherwise, saying why).
    pub fn in_data_folder(data: &Path) -> ShortVideoWorker {
        let transcoder = match (find_program("ffmpeg"), find_program("ffprobe")) {
            (Some(ffmpeg), Some(ffprobe)) => Some(Arc::new(Transcoder { ffmpeg, ffprobe })),
            _ => None,
        };
        ShortVideoWorker {
            folder: data.join("short-videos"),
            transcoder,
            turn: Arc::new(Semaphore::new(1)),
        }
    }

    /// Whether uploads can be made into videos here.
    pub fn can_transcode(&self) -> bool {
        self.transcoder.is_some()
    }

    /// The ffmpeg transcodes run, when this machine has it.
    pub fn ffmpeg(&self) -> Option<PathBuf> {
        self.transcoder.as_ref().map(|t| t.ffmpeg.clone())
    }

    /// A fresh hidden name for an upload being received, before it is a video.
    pub fn receiving_path(&self, name: &str) -> PathBuf {
        self.folder.join(format!(".upload-{name}"))
    }

    /// Where a video's upload waits for its turn.
    pub fn source_path(&self, id: &ShortVideoId) -> PathBuf {
        self.folder.join(id.as_str()).join("source")
    }

    /// A made video's file (`video.mp4` or `poster.jpg`); nothing else is served.
    pub fn made_file(&self, id: &ShortVideoId, name: &str) -> Option<PathBuf> {
        matches!(name, "video.mp4" | "poster.jpg").then(|| self.folder.join(id.as_str()).join(name))
    }

    /// Removes a video's files (a removed video's, or one whose upload was refused).
    pub async fn remove_files(&self, id: &ShortVideoId) {
        let folder = self.folder.join(id.as_str());
        if let Err(error) = tokio::fs::remove_dir_all(&folder).await {
            if error.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(%error, %id, "could not remove a short video's files");
            }
        }
    }

    /// Makes the video in the background, reporting to `services` as it goes.
    pub fn submit(&self, services: Services, id: ShortVideoId) {
        let worker = self.clone();
        tokio::spawn(async move { worker.make(&services, &id).await });
    }

    /// Starts again every video a stopped server left half made.
    pub async fn resume(&self, services: &Services) {
        match services.unfinished_short_videos().await {
            Ok(ids) => {
                for id in ids {
                    self.submit(services.clone(), id);
                }
            }
            Err(error) => tracing::warn!(%error, "could not read the unfinished short videos"),
        }
    }

    /// Makes the video when its turn comes, reporting to `services` as it goes; returns once
    /// it is ready or failed.
    pub async fn make(&self, services: &Services, id: &ShortVideoId) {
        // The semaphore is never closed, so a permit always comes.
        let Ok(_turn) = self.turn.acquire().await else {
            return;
        };
        let source = self.source_path(id);
        let Some(transcoder) = self.transcoder.as_ref() else {
            report(services.short_video_failed(id, NO_FFMPEG).await);
            return;
        };
        if !tokio::fs::try_exists(&source).await.unwrap_or(false) {
            report(services.short_video_failed(id, UNREADABLE).await);
            return;
        }
        let (percent, mut moved) = watch::channel(0u8);
        let progress = {
            let (services, id) = (services.clone(), id.clone());
            tokio::spawn(async move {
                while moved.changed().await.is_ok() {
                    let now = *moved.borrow_and_update();
                    report(services.short_video_progress(&id, now).await);
                }
            })
        };
        let folder = self.folder.join(id.as_str());
        let made = transcode_short(
            &transcoder.ffmpeg,
            &transcoder.ffprobe,
            &source,
            &folder,
            |now| {
                percent.send_replace(now);
            },
        )
        .await;
        drop(percent);
        // The last progress written before the video is declared ready, so it never goes back.
        if progress.await.is_err() {
            tracing::warn!(%id, "the progress reporter stopped");
        }
        match made {
            Ok(made) => {
                report(services.short_video_ready(id, made.seconds).await);
                if let Err(error) = tokio::fs::remove_file(&source).await {
                    tracing::warn!(%error, %id, "could not remove a short video's upload");
                }
            }
            Err(error) => {
                tracing::warn!(%error, %id, "could not make a short video");
                report(services.short_video_failed(id, UNREADABLE).await);
            }
        }
    }
}

fn report(result: Result<(), farmgate_services::ServiceError>) {
    if let Err(error) = result {
        tracing::warn!(%error, "could not record a short video's state");
    }
}
