//! Photos of a batch (the field, the harvest), checked and resized like product photos and
//! stored beside them.

use farmgate_domain::access::{permits, Action, Actor};
use farmgate_domain::id::{BatchId, PhotoId};
use farmgate_domain::trace::Batch;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::BatchPhoto;

use crate::{new_id, ServiceError, ServiceResult, Services};

/// Photos one batch may carry.
pub const MAX_BATCH_PHOTOS: usize = 8;

impl Services {
    pub async fn add_batch_photo(
        &self,
        actor: &Actor,
        batch: &BatchId,
        bytes: Vec<u8>,
    ) -> ServiceResult<BatchPhoto> {
        self.batch_for_photos(actor, batch).await?;
        if self.store.batch_photos(batch).await?.len() >= MAX_BATCH_PHOTOS {
            let problem = Problem::TooLong {
                max: MAX_BATCH_PHOTOS,
            };
            return Err(ValidationErrors::single("photo", problem).into());
        }
        let processed = self.process(bytes).await?;
        let id: PhotoId = new_id();
        let photo = BatchPhoto {
            batch: batch.clone(),
            file_id: id.to_string(),
            position: 0,
            width: i64::from(processed.width),
            height: i64::from(processed.height),
            created_at: self.clock.now(),
        };
        self.save_photo_files(&id, processed).await?;
        match self.store.add_batch_photo(&photo).await {
            Ok(photo) => Ok(photo),
            Err(error) => {
                self.remove_photo_files(&[photo.file_id]);
                Err(error.into())
            }
        }
    }

    /// The batch, when the actor may add its photos (its shop's members and the hub); to
    /// anyone else it does not exist. Asked before an upload is read.
    pub async fn batch_for_photos(&self, actor: &Actor, batch: &BatchId) -> ServiceResult<Batch> {
        let record = self
            .store
            .batch(batch)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if !permits(actor, &Action::ManageBatches(&record.shop)) {
            return Err(ServiceError::NotFound);
        }
        Ok(record)
    }
}
