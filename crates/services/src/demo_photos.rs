//! The demo's product photos: one drawing per subject, shown on every product of that subject
//! (its files are stored once). Drawing and encoding are the slowest part of the demo and need
//! no database, so every drawing is started first and finished while the rest is written.

use std::collections::HashMap;

use farmgate_demo::DemoProduct;
use farmgate_domain::catalogue::Category;
use farmgate_domain::id::{PhotoId, ProductId};
use farmgate_media::Subject;
use tokio::task::JoinHandle;

use crate::{new_id, ServiceError, ServiceResult, Services};

/// The same drawings on every start.
const DRAWING_SEED: u64 = 7;

/// A drawing's stored files and size.
#[derive(Debug, Clone)]
struct Drawing {
    file_id: String,
    width: u32,
    height: u32,
}

/// Drawings under way, one per subject.
pub(crate) struct DemoDrawings {
    pending: HashMap<Subject, JoinHandle<ServiceResult<Drawing>>>,
}

/// What a product's photo shows.
pub(crate) fn subject_of(product: &DemoProduct) -> Subject {
    match product.category {
        Category::Handicrafts => Subject::Handicraft,
        _ => Subject::from_slug(product.specialty.slug()).unwrap_or(Subject::Goji),
    }
}

impl Services {
    /// Starts drawing and storing every subject `products` show; `None` when this
    /// Farmgate keeps no photos.
    pub(crate) fn start_demo_drawings(&self, products: &[DemoProduct]) -> Option<DemoDrawings> {
        self.photos.as_ref()?;
        let mut pending = HashMap::new();
        for subject in products.iter().map(subject_of) {
            pending.entry(subject).or_insert_with(|| {
                let services = self.clone();
                tokio::spawn(async move { services.draw(subject).await })
            });
        }
        Some(DemoDrawings { pending })
    }

    async fn draw(&self, subject: Subject) -> ServiceResult<Drawing> {
        let photo =
            tokio::task::spawn_blocking(move || farmgate_media::demo_photo(subject, DRAWING_SEED))
                .await
                .map_err(|e| ServiceError::Internal(e.to_string()))?
                .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let (width, height) = (photo.width, photo.height);
        let id: PhotoId = new_id();
        self.save_photo_files(&id, photo).await?;
        Ok(Drawing {
            file_id: id.to_string(),
            width,
            height,
        })
    }

    /// Shows each product's drawing on it, as its first photo, once the drawings are done.
    pub(crate) async fn show_demo_drawings(
        &self,
        drawings: Option<DemoDrawings>,
        products: &[(ProductId, Subject)],
    ) -> ServiceResult<()> {
        let Some(drawings) = drawings else {
            return Ok(());
        };
        let mut done = HashMap::with_capacity(drawings.pending.len());
        for (subject, handle) in drawings.pending {
            let drawing = handle
                .await
                .map_err(|e| ServiceError::Internal(e.to_string()))??;
            done.insert(subject, drawing);
        }
        for (product, subject) in products {
            let drawing = done
                .get(subject)
                .ok_or_else(|| ServiceError::Internal(format!("no demo drawing of {subject:?}")))?;
            self.reuse_photo(product, &drawing.file_id, drawing.width, drawing.height, 0)
                .await?;
        }
        Ok(())
    }
}
