//! Bulk import of products from a CSV or XLSX file. Each product is checked by the product
//! form's own rules; every problem is reported by row and column. A file with problems imports
//! nothing unless the producer asks for its valid products; what is imported is written in one
//! transaction, each product whole (a product with one bad row is left out entirely), and waits
//! for the hub's review like a product made by hand.

mod columns;
mod drafts;
pub(crate) mod table;
mod template;
#[cfg(test)]
mod tests;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::catalogue::limits;
use farmgate_domain::id::{ProductId, ShopId};
use farmgate_domain::validation::{FieldError, Problem, ValidationErrors};
use farmgate_store::ProductDetail;

pub use columns::Column;
pub use table::{FileProblem, MAX_FILE_BYTES, MAX_ROWS};

use crate::catalogue::validate_sku;
use crate::{new_id, ServiceError, ServiceResult, Services};
use columns::ColumnMap;
use drafts::Draft;

/// An uploaded file and what to do when some rows are wrong.
#[derive(Debug, Clone, Copy)]
pub struct ImportRequest<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    /// Import the products without problems even when others have some.
    pub import_valid_rows: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// The file could not be read as a table of products; nothing was imported.
    Refused(FileProblem),
    Checked(ImportReport),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Data rows read.
    pub rows: usize,
    /// Products the rows describe.
    pub products: usize,
    /// The products stored, waiting for review.
    pub imported: Vec<ProductId>,
    /// Variants stored.
    pub imported_variants: usize,
    /// Every problem, by row.
    pub errors: Vec<RowError>,
}

/// One problem in one row (and column, when it belongs to one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub column: Option<Column>,
    pub problem: RowProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// What the product form would say about this value.
    Field(FieldError),
    /// A product's column contradicts the product's first row.
    DiffersFromRow(usize),
}

impl RowError {
    /// A product form problem, in the column the field is read from.
    pub fn field(row: usize, field: &'static str, problem: Problem) -> RowError {
        RowError {
            row,
            column: Column::for_field(field),
            problem: RowProblem::Field(FieldError { field, problem }),
        }
    }
}

impl Services {
    /// Checks a file of products for a shop the actor manages, and imports it as asked.
    pub async fn import_products(
        &self,
        actor: &Actor,
        shop: &ShopId,
        request: ImportRequest<'_>,
    ) -> ServiceResult<ImportOutcome> {
        authorize(actor, &Action::ManageShop(shop))?;
        self.store.shop(shop).await?.ok_or(ServiceError::NotFound)?;
        let table = match table::read(request.file_name, request.bytes) {
            Ok(table) => table,
            Err(problem) => return Ok(ImportOutcome::Refused(problem)),
        };
        let columns = match ColumnMap::from_header(&table.header) {
            Ok(columns) => columns,
            Err(problem) => return Ok(ImportOutcome::Refused(problem)),
        };
        let places = self.places().await?;
        let drafts = drafts::drafts(&table, &columns, &places);
        let mut report = ImportReport {
            rows: table.rows.len(),
            products: drafts.len(),
            ..ImportReport::default()
        };
        let mut valid = Vec::new();
        for draft in drafts {
            match self.check_draft(shop, draft).await? {
                Ok(detail) => valid.push(detail),
                Err(errors) => report.errors.extend(errors),
            }
        }
        report.errors.sort_by_key(|error| error.row);
        if report.errors.is_empty() || request.import_valid_rows {
            self.store.insert_products(&valid).await?;
            report.imported = valid.iter().map(|d| d.product.id.clone()).collect();
            report.imported_variants = valid.iter().map(|d| d.skus.len()).sum();
        }
        Ok(ImportOutcome::Checked(report))
    }

    /// A draft as a product ready to store, or every problem of its rows.
    async fn check_draft(
        &self,
        shop: &ShopId,
        draft: Draft,
    ) -> ServiceResult<Result<ProductDetail, Vec<RowError>>> {
        let id: ProductId = new_id();
        let first_row = draft.first_row();
        let mut errors = draft.errors;
        let product = match self
            .validate_product(&id, shop, &draft.form, self.clock.now())
            .await
        {
            Ok(product) => Some(product),
            Err(ServiceError::Validation(problems)) => {
                errors.extend(row_errors(first_row, problems));
                None
            }
            Err(other) => return Err(other),
        };
        let mut skus = Vec::new();
        for (position, (form, row)) in draft.form.skus.iter().zip(&draft.rows).enumerate() {
            if position == limits::MAX_SKUS {
                let too_many = Problem::TooLong {
                    max: limits::MAX_SKUS,
                };
                errors.push(RowError::field(*row, "skus", too_many));
            }
            match validate_sku(&id, position, form) {
                Ok(sku) => skus.push(sku),
                Err(problems) => errors.extend(row_errors(*row, problems)),
            }
        }
        Ok(match product {
            Some(product) if errors.is_empty() => Ok(ProductDetail {
                product,
                skus,
                photos: Vec::new(),
            }),
            _ => Err(errors),
        })
    }
}

fn row_errors(row: usize, problems: ValidationErrors) -> impl Iterator<Item = RowError> {
    problems
        .0
        .into_iter()
        .map(move |error| RowError::field(row, error.field, error.problem))
}
