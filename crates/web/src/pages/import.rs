//! Importing a shop's products from a CSV or XLSX file: the upload page, the per-row report it
//! shows after a check, and the template to start from.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use farmgate_domain::id::ShopId;
use farmgate_services::import::{
    Column, FileProblem, ImportOutcome, ImportReport, ImportRequest, RowError, RowProblem,
    MAX_FILE_BYTES,
};
use farmgate_store::Page;

use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;
use crate::texts::Texts;

/// The upload's body limit: a little over the largest file, so a file just too large is told
/// so on the page rather than cut off.
pub const IMPORT_BODY_LIMIT: usize = MAX_FILE_BYTES + 256 * 1024;

#[derive(Template)]
#[template(path = "product_import.html")]
struct ImportPage {
    page: PageContext,
    shop_id: String,
    required: Vec<&'static str>,
    optional: Vec<&'static str>,
    /// Why the file was refused, when it was.
    refused: Option<String>,
    summary: Vec<String>,
    nothing_imported: bool,
    rows: Vec<ReportRow>,
}

struct ReportRow {
    row: usize,
    column: &'static str,
    message: String,
}

/// `GET /console/shops/{shop}/products/import`
pub async fn import_page(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
) -> Result<Response, WebError> {
    let shop = managed_shop(&state, &page, &shop).await?;
    render(&import_page_for(page, &shop))
}

/// `POST /console/shops/{shop}/products/import` with a `file` and an optional `import_valid`.
pub async fn import_file(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let shop = managed_shop(&state, &page, &shop).await?;
    let user = page.signed()?;
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(UploadError::TooLarge) => {
            let problem = FileProblem::TooLarge {
                max_bytes: MAX_FILE_BYTES,
            };
            return report(page, &shop, ImportOutcome::Refused(problem));
        }
        Err(UploadError::Malformed(error)) => return Err(WebError::BadRequest(error)),
    };
    let request = ImportRequest {
        file_name: &upload.file_name,
        bytes: &upload.bytes,
        import_valid_rows: upload.import_valid,
    };
    let outcome = state
        .services
        .import_products(&user.actor, &shop, request)
        .await?;
    report(page, &shop, outcome)
}

/// `GET /console/shops/{shop}/products/import/template.csv`, headed in the reader's language.
pub async fn template(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let csv = state
        .services
        .import_template(&user.actor, &shop, page.t.zh)
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"farmgate-products.csv\"",
            ),
        ],
        csv,
    )
        .into_response())
}

/// The shop, once the user is known to manage it (the services check membership).
async fn managed_shop(
    state: &AppState,
    page: &PageContext,
    shop: &str,
) -> Result<ShopId, WebError> {
    let shop = ShopId::parse(shop).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    state
        .services
        .shop_products(&user.actor, &shop, Page::first(0))
        .await?;
    Ok(shop)
}

fn import_page_for(page: PageContext, shop: &ShopId) -> ImportPage {
    let t = page.t;
    let names = |required: bool| {
        Column::ALL
            .into_iter()
            .filter(|c| c.is_required() == required)
            .map(|c| header(t, c))
            .collect()
    };
    ImportPage {
        shop_id: shop.to_string(),
        required: names(true),
        optional: names(false),
        refused: None,
        summary: Vec::new(),
        nothing_imported: false,
        rows: Vec::new(),
        page,
    }
}

/// The page again with the check's result: 422 when nothing could be imported because of
/// problems, 200 otherwise.
fn report(page: PageContext, shop: &ShopId, outcome: ImportOutcome) -> Result<Response, WebError> {
    let t = page.t;
    let mut view = import_page_for(page, shop);
    let failed = match outcome {
        ImportOutcome::Refused(problem) => {
            view.refused = Some(file_problem(t, &problem));
            true
        }
        ImportOutcome::Checked(report) => {
            view.nothing_imported = !report.errors.is_empty() && report.imported.is_empty();
            view.summary = summary(t, &report);
            view.rows = report.errors.iter().map(|e| report_row(t, e)).collect();
            view.nothing_imported
        }
    };
    let body = render(&view)?;
    Ok(if failed {
        (StatusCode::UNPROCESSABLE_ENTITY, body).into_response()
    } else {
        body
    })
}

fn summary(t: &Texts, report: &ImportReport) -> Vec<String> {
    let mut lines = vec![t
        .import
        .read
        .replace("{rows}", &report.rows.to_string())
        .replace("{products}", &report.products.to_string())];
    if !report.imported.is_empty() {
        lines.push(
            t.import
                .done
                .replace("{products}", &report.imported.len().to_string())
                .replace("{variants}", &report.imported_variants.to_string()),
        );
    }
    lines
}

fn report_row(t: &Texts, error: &RowError) -> ReportRow {
    let column = error.column.map_or("", |c| header(t, c));
    let message = match &error.problem {
        RowProblem::Field(field) => t.problem(field.field, &field.problem),
        RowProblem::DiffersFromRow(row) => t.import.differs.replace("{n}", &row.to_string()),
    };
    ReportRow {
        row: error.row,
        column,
        message,
    }
}

pub(super) fn file_problem(t: &Texts, problem: &FileProblem) -> String {
    match problem {
        FileProblem::Empty => t.import.file_empty.to_owned(),
        FileProblem::TooLarge { max_bytes } => t
            .import
            .file_too_large
            .replace("{n}", &(max_bytes / (1024 * 1024)).to_string()),
        FileProblem::TooManyRows { max } => {
            t.import.file_too_many_rows.replace("{n}", &max.to_string())
        }
        FileProblem::UnsupportedType => t.import.file_type.to_owned(),
        FileProblem::BrokenEncoding => t.import.file_encoding.to_owned(),
        FileProblem::UnreadableWorkbook => t.import.file_workbook.to_owned(),
        FileProblem::MissingColumns(columns) => {
            let names: Vec<&str> = columns.iter().map(|c| header(t, *c)).collect();
            let separator = if t.zh { "、" } else { ", " };
            t.import
                .file_missing
                .replace("{columns}", &names.join(separator))
        }
        FileProblem::DuplicateColumn(column) => t
            .import
            .file_duplicate
            .replace("{column}", header(t, *column)),
    }
}

/// A column's header as the template in this language writes it.
fn header(t: &Texts, column: Column) -> &'static str {
    if t.zh {
        column.header_zh()
    } else {
        column.header_en()
    }
}

pub(super) struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub import_valid: bool,
}

pub(super) enum UploadError {
    TooLarge,
    Malformed(String),
}

impl From<MultipartError> for UploadError {
    fn from(error: MultipartError) -> Self {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            UploadError::TooLarge
        } else {
            UploadError::Malformed(error.body_text())
        }
    }
}

pub(super) async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Upload, UploadError> {
    let mut multipart = multipart.map_err(|e| UploadError::Malformed(e.body_text()))?;
    let mut upload = Upload {
        file_name: String::new(),
        bytes: Vec::new(),
        import_valid: false,
    };
    while let Some(field) = multipart.next_field().await? {
        match field.name() {
            Some("file") => {
                upload.file_name = field.file_name().unwrap_or_default().to_owned();
                upload.bytes = field.bytes().await?.to_vec();
            }
            Some("import_valid") => upload.import_valid = true,
            _ => {}
        }
    }
    Ok(upload)
}
