//! Product photos: checked and resized off the async threads, a few at a time (the largest
//! allowed upload needs hundreds of megabytes while it is decoded), stored on disk under the
//! data folder, recorded with the product.

use std::sync::Arc;

use farmgate_domain::access::Actor;
use farmgate_domain::catalogue::limits;
use farmgate_domain::id::{PhotoId, ProductId};
use farmgate_domain::listing::{ListingEvent, ListingStatus};
use farmgate_domain::validation::{FieldError, Problem};
use farmgate_media::{PhotoError, PhotoStore, ProcessedPhoto};
use farmgate_store::PhotoRecord;
use tokio::sync::Semaphore;

use crate::{new_id, ServiceError, ServiceResult, Services};

/// Uploads processed at once, at most.
const PARALLEL_UPLOADS: usize = 2;

/// Where photos live, and the gate that keeps their processing from exhausting memory.
#[derive(Clone)]
pub struct Photos {
    pub store: PhotoStore,
    gate: Arc<Semaphore>,
}

impl Photos {
    pub fn new(store: PhotoStore) -> Self {
        Self {
            store,
            gate: Arc::new(Semaphore::new(PARALLEL_UPLOADS)),
        }
    }
}

impl Services {
    pub fn with_photos(mut self, photos: Photos) -> Self {
        self.photos = Some(photos);
        self
    }

    fn photos(&self) -> ServiceResult<&Photos> {
        self.photos
            .as_ref()
            .ok_or_else(|| ServiceError::Internal("no photo folder is configured".into()))
    }

    /// Adds an uploaded photo to a product, after the gallery's last one.
    pub async fn add_product_photo(
        &self,
        actor: &Actor,
        product: &ProductId,
        bytes: Vec<u8>,
    ) -> ServiceResult<PhotoRecord> {
        let detail = self.managed_product(actor, product).await?;
        if detail.photos.len() >= limits::MAX_PHOTOS {
            return Err(field(
                "photo",
                Problem::TooLong {
                    max: limits::MAX_PHOTOS,
                },
            )
            .into());
        }
        let processed = self.process(bytes).await?;
        let position = detail
            .photos
            .iter()
            .map(|p| p.position + 1)
            .max()
            .unwrap_or(0);
        let photo = self.keep_photo(product, processed, position).await?;
        // A new photo is something buyers see: a listed product goes back to review.
        if detail.product.status == ListingStatus::Listed {
            self.change_listing(product, ListingEvent::ReviseMaterially)
                .await?;
        }
        Ok(photo)
    }

    /// Stores a processed photo's files and records it on the product at `position`.
    pub async fn keep_photo(
        &self,
        product: &ProductId,
        photo: ProcessedPhoto,
        position: i64,
    ) -> ServiceResult<PhotoRecord> {
        let id: PhotoId = new_id();
        let record = PhotoRecord {
            id: id.clone(),
            product_id: product.clone(),
            file_id: id.to_string(),
            position,
            width: i64::from(photo.width),
            height: i64::from(photo.height),
            created_at: self.clock.now(),
        };
        self.save_photo_files(&id, photo).await?;
        if let Err(error) = self.store.add_photo(&record).await {
            // Nothing refers to the files yet: take them back rather than leave them behind.
            self.remove_photo_files(&[id.to_string()]);
            return Err(error.into());
        }
        self.directory.invalidate();
        Ok(record)
    }

    /// Records a photo whose files are already stored (`file_id`), e.g. one demo drawing
    /// shown on several products.
    pub async fn reuse_photo(
        &self,
        product: &ProductId,
        file_id: &str,
        width: u32,
        height: u32,
        position: i64,
    ) -> ServiceResult<PhotoRecord> {
        let record = PhotoRecord {
            id: new_id(),
            product_id: product.clone(),
            file_id: file_id.to_owned(),
            position,
            width: i64::from(width),
            height: i64::from(height),
            created_at: self.clock.now(),
        };
        self.store.add_photo(&record).await?;
        Ok(record)
    }

    /// Writes a processed photo's renditions under `id`.
    pub(crate) async fn save_photo_files(
        &self,
        id: &PhotoId,
        photo: ProcessedPhoto,
    ) -> ServiceResult<()> {
        let files = self.photos()?.store.clone();
        let file_id = id.to_string();
        tokio::task::spawn_blocking(move || files.save(&file_id, &photo))
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?
            .map_err(|e| ServiceError::Internal(format!("saving a photo: {e}")))
    }

    /// Takes back files nothing refers to; a file left behind is only wasted space.
    pub(crate) fn remove_photo_files(&self, file_ids: &[String]) {
        if let Ok(photos) = self.photos() {
            for id in file_ids {
                let _ = photos.store.remove(id);
            }
        }
    }

    pub(crate) async fn process(&self, bytes: Vec<u8>) -> ServiceResult<ProcessedPhoto> {
        let photos = self.photos()?;
        let _permit = photos
            .gate
            .acquire()
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(move || farmgate_media::process_upload(&bytes))
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?
            .map_err(photo_error)
    }
}

fn field(name: &'static str, problem: Problem) -> FieldError {
    FieldError {
        field: name,
        problem,
    }
}

fn photo_error(error: PhotoError) -> ServiceError {
    let problem = match error {
        PhotoError::TooLarge { max_bytes } => Problem::TooLarge { max_bytes },
        PhotoError::UnsupportedFormat => Problem::UnsupportedFormat,
        PhotoError::TooSmall { min_side, .. } => Problem::TooShort {
            min: min_side as usize,
        },
        PhotoError::TooManyPixels { .. } | PhotoError::Invalid(_) => Problem::Invalid,
        PhotoError::Encode(cause) => return ServiceError::Internal(cause),
    };
    field("photo", problem).into()
}
