//! The demo's short videos: one for each of a few specialties (goji, yak meat, lake salt,
//! highland barley), from its first shop's product with a photo, showing that product and one
//! more of the shop's. They are stored as a producer's upload is, and the caller makes their
//! clips and hands them to the same worker. Once per store.

use std::path::PathBuf;

use farmgate_domain::catalogue::Category;
use farmgate_domain::id::ShortVideoId;
use farmgate_domain::money::Money;
use farmgate_domain::short_video::VideoStatus;
use farmgate_media::Rendition;
use farmgate_store::{ProductDetail, ShortVideoRecord};

use crate::{new_id, ServiceResult, Services};

const DEMO_SHORT_VIDEOS_KEY: &str = "demo_short_videos";
const HOUR: i64 = 3_600_000;
/// Products read while choosing.
const PRODUCTS_READ: i64 = 1_000;

/// The specialties filmed, with the video's title after the product's.
const FILMED: [(Category, &str); 4] = [
    (Category::Fruit, "清晨采摘，颗颗饱满"),
    (Category::Meat, "高原牧场，自然放养"),
    (Category::Seasonings, "盐湖采盐，天然结晶"),
    (Category::Grain, "高原好粮，颗粒归仓"),
];

/// A demo video stored as processing, and the picture its clip is made from.
pub struct DemoShort {
    pub id: ShortVideoId,
    pub picture: PathBuf,
}

impl Services {
    /// Stores the demo's short videos unless this store has them.
    pub async fn seed_demo_short_videos(&self) -> ServiceResult<Vec<DemoShort>> {
        let (Some(_), Some(photos)) = (
            self.demo_step_due(DEMO_SHORT_VIDEOS_KEY).await?,
            self.photos.as_ref(),
        ) else {
            return Ok(Vec::new());
        };
        let products = self.store.products_after(None, PRODUCTS_READ).await?;
        let now = self.clock.now();
        let mut made = Vec::new();
        for (n, (category, caption)) in FILMED.iter().enumerate() {
            let Some((first, picture)) = products.iter().find_map(|d| {
                let cover = d.photos.first()?;
                let fits = d.product.category == *category && d.product.status.is_on_sale();
                fits.then(|| (d, photos.store.path(&cover.file_id, Rendition::Large)))
            }) else {
                continue;
            };
            let Some(picture) = picture else { continue };
            let video = ShortVideoRecord {
                id: new_id(),
                shop_id: first.product.shop_id.clone(),
                title: format!("{}｜{caption}", first.product.title),
                status: VideoStatus::Processing,
                progress: 0,
                duration_ms: None,
                failure: None,
                created_at: now.plus_millis(-(n as i64 + 1) * 5 * HOUR),
                ready_at: None,
                products: cards(first, &products),
                orders: 0,
                paid: Money::fen(0),
            };
            self.store.insert_short_video(&video).await?;
            made.push(DemoShort {
                id: video.id,
                picture,
            });
        }
        self.store.set_meta(DEMO_SHORT_VIDEOS_KEY, "1").await?;
        Ok(made)
    }
}

/// The filmed product, and another of its shop's on sale.
fn cards(first: &ProductDetail, products: &[ProductDetail]) -> Vec<farmgate_domain::id::ProductId> {
    let other = products.iter().find(|d| {
        d.product.shop_id == first.product.shop_id
            && d.product.id != first.product.id
            && d.product.status.is_on_sale()
    });
    std::iter::once(first)
        .chain(other)
        .map(|d| d.product.id.clone())
        .collect()
}
