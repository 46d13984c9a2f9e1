//! What can go wrong running video: files, nginx that will not start, ffmpeg that fails.

use std::net::SocketAddr;

#[derive(Debug, thiserror::Error)]
pub enum VideoError {
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("nginx stopped as it started ({status}); its last words: {stderr}")]
    NginxFailed { status: String, stderr: String },
    #[error("nginx did not take RTMP connections on {addr} within {seconds} s")]
    NginxNotReady { addr: SocketAddr, seconds: u64 },
    #[error("ffmpeg could not transcode {input} ({status}): {stderr}")]
    Transcode {
        input: String,
        status: String,
        stderr: String,
    },
    #[error("ffmpeg could not make a replay of {input} ({status}): {stderr}")]
    Replay {
        input: String,
        status: String,
        stderr: String,
    },
}

/// Wraps an I/O error with what was being done.
pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> VideoError {
    let context = context.into();
    move |source| VideoError::Io { context, source }
}
