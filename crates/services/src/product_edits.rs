//! Editing a product. The rule: a change to what a buyer reads about a product — its text,
//! category, grade, origin, photos, or a variant's name, unit or weights, or a new variant —
//! sends a listed product back to the hub's review, and it is hidden (from its page, search and
//! checkout) until approved again. Price, season and pre-sale changes are the producer's daily
//! work and go live at once; stock is changed by the stocktake, never by an edit, so an edit
//! cannot undo what checkouts took meanwhile.

use farmgate_domain::access::Actor;
use farmgate_domain::catalogue::limits;
use farmgate_domain::id::{ProductId, SkuId};
use farmgate_domain::listing::{transition, ListingEvent, ListingStatus};
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{ProductDetail, ProductEdit, ProductRecord, SkuRecord};

use crate::catalogue::{both_checked, is_blank, validate_sku, ProductForm};
use crate::{ServiceError, ServiceResult, Services};

impl Services {
    /// Edits a product of a shop the actor manages. `sku_ids` runs beside `form.skus`: the id
    /// of the variant a row edits, or empty for a new variant (a blank new row is ignored).
    /// Variants the form leaves out are kept as they are: orders refer to them.
    pub async fn edit_product(
        &self,
        actor: &Actor,
        id: &ProductId,
        form: &ProductForm,
        sku_ids: &[String],
    ) -> ServiceResult<ProductDetail> {
        let before = self.managed_product(actor, id).await?;
        let now = self.clock.now();
        let product = self
            .validate_product(id, &before.product.shop_id, form, now)
            .await;
        let skus = edited_skus(&before, form, sku_ids);
        let (product, (changed_skus, new_skus)) = both_checked(product, skus)?;
        let from = before.product.status;
        let review = needs_review(&before, &product, &changed_skus, &new_skus);
        let to = if review && from == ListingStatus::Listed {
            transition(from, &ListingEvent::ReviseMaterially)
                .map_err(|_| ServiceError::Conflict("this listing cannot be revised now"))?
        } else {
            from
        };
        let edit = ProductEdit {
            product: ProductRecord {
                status: to,
                review_reason: before.product.review_reason.clone(),
                sales: before.product.sales,
                created_at: before.product.created_at,
                ..product
            },
            from,
            changed_skus,
            new_skus,
        };
        self.store.update_product(&edit).await?;
        self.catalogue_changed([id.clone()]);
        self.store.product(id).await?.ok_or(ServiceError::NotFound)
    }
}

type EditedSkus = (Vec<SkuRecord>, Vec<SkuRecord>);

/// The form's rows as changed existing variants and new ones, checked by the product form's
/// rules. An existing variant keeps its id, position and stock.
fn edited_skus(
    before: &ProductDetail,
    form: &ProductForm,
    sku_ids: &[String],
) -> Result<EditedSkus, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut changed: Vec<SkuRecord> = Vec::new();
    let mut added = Vec::new();
    let mut next_position = before
        .skus
        .iter()
        .map(|s| s.position + 1)
        .max()
        .unwrap_or(0);
    for (row, sku_form) in form.skus.iter().enumerate() {
        let id = sku_ids.get(row).map_or("", |id| id.trim());
        if id.is_empty() && is_blank(sku_form) {
            continue;
        }
        let existing = SkuId::parse(id).and_then(|id| before.skus.iter().find(|s| s.id == id));
        let position = existing.map_or(next_position, |s| s.position);
        let checked = match validate_sku(&before.product.id, position as usize, sku_form) {
            Ok(record) => record,
            Err(problems) => {
                errors.0.extend(problems.0);
                continue;
            }
        };
        match existing {
            Some(old) if !changed.iter().any(|c| c.id == old.id) => changed.push(SkuRecord {
                id: old.id.clone(),
                stock: old.stock,
                ..checked
            }),
            // An id that is not one of this product's variants, or one given twice.
            Some(_) => errors.push("skus", Problem::Invalid),
            None if !id.is_empty() => errors.push("skus", Problem::Invalid),
            None => {
                added.push(checked);
                next_position += 1;
            }
        }
    }
    if before.skus.len() + added.len() > limits::MAX_SKUS {
        errors.push(
            "skus",
            Problem::TooLong {
                max: limits::MAX_SKUS,
            },
        );
    }
    errors.into_result()?;
    Ok((changed, added))
}

/// Whether the edit changes what a buyer reads (see the module's rule).
fn needs_review(
    before: &ProductDetail,
    after: &ProductRecord,
    changed: &[SkuRecord],
    added: &[SkuRecord],
) -> bool {
    let old = &before.product;
    let text_changed = old.title != after.title
        || old.title_en != after.title_en
        || old.description != after.description
        || old.category != after.category
        || old.grade != after.grade
        || old.origin != after.origin;
    let variant_changed = changed.iter().any(|new| {
        before
            .skus
            .iter()
            .find(|old| old.id == new.id)
            .is_some_and(|old| old.name != new.name || old.pack != new.pack)
    });
    text_changed || variant_changed || !added.is_empty()
}
