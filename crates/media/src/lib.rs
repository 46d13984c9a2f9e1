//! Farmgate's product photos: what an upload must be to be accepted and the renditions made
//! from it, where those live on disk, and procedurally drawn photos for the demo county.
//! Plain synchronous code: the web layer calls it from blocking threads.

mod draw;
mod error;
mod process;
mod store;

pub use draw::{demo_photo, draw_product, Subject};
pub use error::PhotoError;
pub use process::{
    process_upload, ProcessedPhoto, Rendition, MAX_DECODE_BYTES, MAX_SIDE, MAX_UPLOAD_BYTES,
    MIN_SIDE,
};
pub use store::PhotoStore;
