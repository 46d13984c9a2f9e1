//! Farmgate's live video, as engines go knowing nothing of shops or sessions: streams are
//! plain names. It finds nginx (with Debian's RTMP module) and ffmpeg, writes nginx's
//! configuration into the data folder, runs and supervises nginx, names the files nginx
//! writes (live HLS, recordings) and remuxes recordings into replays. It also checks and
//! transcodes producers' short product videos.

mod error;
mod generated;
mod layout;
mod nginx_conf;
mod notification;
mod probe;
mod replay;
mod short_video;
mod still_clip;
mod supervisor;
pub mod testkit;
mod transcode;

pub use error::VideoError;
pub use generated::{generated_replay, GeneratedFeed};
pub use layout::{is_stream_name, HlsFile, VideoDir};
pub use nginx_conf::{
    reachable, NginxConfig, DEFAULT_RTMP_PORT, INGEST_APP, PUBLISH_CALLBACK, PUBLISH_DONE_CALLBACK,
    RECORD_DONE_CALLBACK, SESSION_APP,
};
pub use notification::Notification;
pub use probe::{find_program, probe, ProbeError, Tools, INSTALL_COMMAND, RTMP_MODULE};
pub use replay::remux_replay;
pub use short_video::{check_upload, Progress, UploadRefused, MAX_SECONDS, MAX_UPLOAD_BYTES};
pub use still_clip::still_clip;
pub use supervisor::Supervisor;
pub use transcode::{transcode_short, Transcoded};
