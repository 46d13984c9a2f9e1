//! A file served whole or by one byte range, as video players ask (`Range: bytes=…`): Safari
//! plays nothing without ranges, and every browser seeks with them. The body is read in
//! pieces as it is sent, so a long video never sits whole in memory.

use std::io::SeekFrom;
use std::path::Path;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use crate::error::WebError;

/// Bytes read from the file per piece of the body.
const PIECE: u64 = 256 * 1024;

/// `path` as `content_type`, whole or the range `headers` ask for; cached for good, as a made
/// file never changes under its name.
pub async fn serve_ranged(
    path: &Path,
    content_type: &'static str,
    headers: &HeaderMap,
) -> Result<Response, WebError> {
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(|_| WebError::NotFound)?;
    let size = file
        .metadata()
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?
        .len();
    let asked = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .map(|text| byte_range(text, size));
    let (status, start, end) = match asked {
        None => (StatusCode::OK, 0, size),
        Some(Some((start, end))) => (StatusCode::PARTIAL_CONTENT, start, end),
        Some(None) => {
            let unsatisfiable = format!("bytes */{size}");
            return Ok((
                StatusCode::RANGE_NOT_SATISFIABLE,
                [(header::CONTENT_RANGE, unsatisfiable)],
            )
                .into_response());
        }
    };
    file.seek(SeekFrom::Start(start))
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let pieces = futures_util::stream::unfold((file, end - start), |(mut file, left)| async move {
        if left == 0 {
            return None;
        }
        let mut piece = vec![0; PIECE.min(left) as usize];
        match file.read_exact(&mut piece).await {
            Ok(_) => Some((Ok(Bytes::from(piece)), (file, left - PIECE.min(left)))),
            Err(error) => Some((Err(error), (file, 0))),
        }
    });
    let mut response = Body::from_stream(pieces).into_response();
    *response.status_mut() = status;
    let set = response.headers_mut();
    set.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    set.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    set.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    set.insert(header::CONTENT_LENGTH, HeaderValue::from(end - start));
    if status == StatusCode::PARTIAL_CONTENT {
        let range = format!("bytes {start}-{}/{size}", end - 1);
        if let Ok(value) = HeaderValue::from_str(&range) {
            set.insert(header::CONTENT_RANGE, value);
        }
    }
    Ok(response)
}

/// The half-open byte range `[start, end)` one `bytes=` range asks of a file of `size` bytes:
/// `a-b`, `a-` or the last `-n`. `None` when it lies outside the file or is not one range.
fn byte_range(text: &str, size: u64) -> Option<(u64, u64)> {
    let spec = text.trim().strip_prefix("bytes=")?;
    let (first, last) = spec.split_once('-')?;
    let (first, last) = (first.trim(), last.trim());
    let (start, end) = if first.is_empty() {
        let suffix: u64 = last.parse().ok()?;
        (size.saturating_sub(suffix), size)
    } else {
        let start: u64 = first.parse().ok()?;
        let end = if last.is_empty() {
            size
        } else {
            last.parse::<u64>().ok()?.saturating_add(1).min(size)
        };
        (start, end)
    };
    (start < end).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_range_is_read_in_each_of_its_forms() {
        assert_eq!(byte_range("bytes=0-", 1000), Some((0, 1000)));
        assert_eq!(byte_range("bytes=0-1", 1000), Some((0, 2)));
        assert_eq!(byte_range("bytes=990-2000", 1000), Some((990, 1000)));
        assert_eq!(byte_range("bytes=-100", 1000), Some((900, 1000)));
        assert_eq!(byte_range("bytes=-5000", 1000), Some((0, 1000)));
    }

    #[test]
    fn ranges_outside_the_file_or_not_one_range_are_refused() {
        assert_eq!(byte_range("bytes=1000-", 1000), None);
        assert_eq!(byte_range("bytes=5-1", 1000), None);
        assert_eq!(byte_range("bytes=0-1,5-9", 1000), None);
        assert_eq!(byte_range("items=0-1", 1000), None);
        assert_eq!(byte_range("bytes=-0", 1000), None);
        assert_eq!(byte_range("bytes=x-", 1000), None);
    }

    #[tokio::test]
    async fn a_range_is_served_with_its_place_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("video.mp4");
        let bytes: Vec<u8> = (0..=255u8).cycle().take(600_000).collect();
        std::fs::write(&path, &bytes).unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(header::RANGE, HeaderValue::from_static("bytes=300000-"));
        let response = serve_ranged(&path, "video/mp4", &headers).await.unwrap();
        assert_eq!(response.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(
            response.headers()[header::CONTENT_RANGE],
            "bytes 300000-599999/600000"
        );
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(&body[..], &bytes[300_000..]);

        let whole = serve_ranged(&path, "video/mp4", &HeaderMap::new())
            .await
            .unwrap();
        assert_eq!(whole.status(), StatusCode::OK);
        let body = axum::body::to_bytes(whole.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(body.len(), 600_000);
    }
}
