//! Why a photo was refused. Every refusal of an upload is the uploader's to fix (a 4xx), except
//! `Encode`, which is ours (a 500); `code()` gives the web layer a stable key for its messages.

use thiserror::Error;

/// A photo that could not be accepted or processed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhotoError {
    /// The uploaded file is bigger than we accept, checked before anything is parsed.
    #[error("the photo is larger than {max_bytes} bytes")]
    TooLarge { max_bytes: usize },
    /// The image is wider or taller than we decode, or would need more memory than the
    /// decompression-bomb guard allows.
    #[error("the photo is too large to decode: at most {max_side} pixels on a side")]
    TooManyPixels { max_side: u32 },
    /// Too small to make a sharp card picture.
    #[error("the photo is {width}×{height} pixels; it must be at least {min_side} on each side")]
    TooSmall {
        width: u32,
        height: u32,
        min_side: u32,
    },
    /// Not a JPEG, PNG or WebP image, judged by its content rather than its name.
    #[error("the photo must be a JPEG, PNG or WebP image")]
    UnsupportedFormat,
    /// Looks like a supported format but is damaged or truncated.
    #[error("the photo could not be read: {0}")]
    Invalid(String),
    /// Encoding a rendition failed: a fault on our side, not the uploader's.
    #[error("a rendition of the photo could not be encoded: {0}")]
    Encode(String),
}

impl PhotoError {
    /// A stable key for API responses and translated messages.
    pub const fn code(&self) -> &'static str {
        match self {
            PhotoError::TooLarge { .. } => "photo_too_large",
            PhotoError::TooManyPixels { .. } => "photo_too_many_pixels",
            PhotoError::TooSmall { .. } => "photo_too_small",
            PhotoError::UnsupportedFormat => "photo_unsupported_format",
            PhotoError::Invalid(_) => "photo_invalid",
            PhotoError::Encode(_) => "photo_encode_failed",
        }
    }

    /// Whether the uploader can fix this by sending another file (a 4xx rather than a 500).
    pub const fn is_client_error(&self) -> bool {
        !matches!(self, PhotoError::Encode(_))
    }
}
