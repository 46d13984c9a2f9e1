//! `GET /console/batches/{batch}/labels.pdf?per=unit|box&count=N`: the batch's QR label sheet,
//! each label's QR code the Digital Link a buyer scans to open the trace page.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use farmgate_documents::{BatchLabel, BatchLabelCaptions, MAX_BATCH_LABELS};
use farmgate_domain::id::BatchId;
use farmgate_domain::trace::LabelPlan;
use serde::Deserialize;

use super::documents::{pdf, render};
use super::PageContext;
use crate::error::WebError;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct LabelQuery {
    #[serde(default)]
    per: String,
    #[serde(default)]
    count: String,
}

pub async fn sheet(
    State(state): State<AppState>,
    page: PageContext,
    headers: HeaderMap,
    Path(batch): Path<String>,
    Query(query): Query<LabelQuery>,
) -> Result<Response, WebError> {
    let batch = BatchId::parse(&batch).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let detail = state.services.batch_for_labels(&user.actor, &batch).await?;
    let gtin = detail.gtin.clone().ok_or(WebError::NotFound)?;
    let max = i64::try_from(MAX_BATCH_LABELS).unwrap_or(i64::MAX);
    let plan = LabelPlan::parse(&query.per, &query.count, detail.batch.units, max)
        .map_err(|e| WebError::field(e.field, e.problem))?;
    let origin = state.site_base(&headers);
    let q = page.t.quality;
    let total = plan.count();
    let counter = |n: i64| match plan {
        LabelPlan::PerUnit(_) => format!("{n}/{total}"),
        LabelPlan::PerBox(_) => format!("{} {n}/{total}", q.boxes),
    };
    let labels: Vec<BatchLabel> = (1..=total)
        .map(|n| BatchLabel {
            uri: plan.link(&gtin, &detail.batch, n).uri(&origin),
            product: detail.product_title.clone(),
            lot: detail.batch.lot.to_string(),
            harvested_on: detail.batch.harvested_on.to_string(),
            counter: counter(n),
        })
        .collect();
    let captions = BatchLabelCaptions {
        heading: format!("{} {}", q.labels_title, detail.batch.lot),
        lot: q.lot.to_owned(),
        harvested_on: q.harvested_on.to_owned(),
        scan: q.scan_to_trace.to_owned(),
    };
    let font = state.label_font.clone();
    let document =
        render(move || farmgate_documents::batch_labels(&labels, &captions, &font)).await?;
    Ok(pdf(document, &format!("batch-{}.pdf", detail.batch.id)))
}
