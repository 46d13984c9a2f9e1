//! A short video's upload form as it arrives: its text fields, and its file streamed to a
//! hidden name in the short-video folder, checked by its first bytes and size as it comes.
//! A file not kept is removed however the request ends.

use std::path::{Path, PathBuf};

use axum::extract::multipart::{Field, Multipart, MultipartRejection};
use farmgate_video::{check_upload, UploadRefused, MAX_UPLOAD_BYTES};
use rand::RngCore;
use tokio::io::AsyncWriteExt;

use super::ShortVideoWorker;
use crate::error::WebError;

/// What the form sent.
pub struct Received {
    pub title: String,
    pub products: Vec<String>,
    /// The file, or why it is refused.
    pub file: Result<ReceivedFile, UploadRefused>,
}

/// An uploaded file under a hidden name, removed when dropped unless kept.
pub struct ReceivedFile {
    path: PathBuf,
    kept: bool,
}

impl ReceivedFile {
    /// Moves the file to `path`, where the worker finds it.
    pub async fn keep_as(mut self, path: &Path) -> Result<(), WebError> {
        if let Some(folder) = path.parent() {
            tokio::fs::create_dir_all(folder).await.map_err(internal)?;
        }
        tokio::fs::rename(&self.path, path)
            .await
            .map_err(internal)?;
        self.kept = true;
        Ok(())
    }
}

impl Drop for ReceivedFile {
    fn drop(&mut self) {
        if !self.kept {
            // Nothing more can be done about a file that will not go; it is hidden.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Reads the form: `title`, `products` (repeated) and the `video` file.
pub async fn receive(
    multipart: Result<Multipart, MultipartRejection>,
    worker: &ShortVideoWorker,
) -> Result<Received, WebError> {
    let mut multipart = multipart.map_err(|e| WebError::BadRequest(e.body_text()))?;
    let mut received = Received {
        title: String::new(),
        products: Vec::new(),
        file: Err(UploadRefused::Empty),
    };
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("title") => received.title = field.text().await.map_err(bad)?,
            Some("products") => received.products.push(field.text().await.map_err(bad)?),
            Some("video") => received.file = save(field, worker).await?,
            _ => {}
        }
    }
    Ok(received)
}

/// Streams the file to disk; refused (and removed) as soon as it is too large.
async fn save(
    mut field: Field<'_>,
    worker: &ShortVideoWorker,
) -> Result<Result<ReceivedFile, UploadRefused>, WebError> {
    let mut name = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut name);
    let name: String = name.iter().map(|b| format!("{b:02x}")).collect();
    let path = worker.receiving_path(&name);
    if let Some(folder) = path.parent() {
        tokio::fs::create_dir_all(folder).await.map_err(internal)?;
    }
    let mut out = tokio::fs::File::create(&path).await.map_err(internal)?;
    let file = ReceivedFile { path, kept: false };
    let mut head: Vec<u8> = Vec::with_capacity(16);
    let mut size: u64 = 0;
    while let Some(chunk) = field.chunk().await.map_err(bad)? {
        size += chunk.len() as u64;
        if size > MAX_UPLOAD_BYTES {
            return Ok(Err(UploadRefused::TooLarge));
        }
        if head.len() < 16 {
            head.extend(chunk.iter().take(16 - head.len()));
        }
        out.write_all(&chunk).await.map_err(internal)?;
    }
    out.flush().await.map_err(internal)?;
    Ok(check_upload(&head, size).map(|()| file))
}

fn bad(error: axum::extract::multipart::MultipartError) -> WebError {
    WebError::BadRequest(error.body_text())
}

fn internal(error: std::io::Error) -> WebError {
    WebError::Internal(error.to_string())
}
