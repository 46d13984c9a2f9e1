//! The public trace page at a GS1 Digital Link path, `/01/{gtin}/10/{lot}[/21/{serial}]`: what a
//! phone camera opens from a package's QR code. No account, no script, no cookie read beyond
//! the language, nothing private; the same page for everyone, so caches may keep it.

use askama::Template;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use farmgate_domain::trace::{
    BatchStatus, DigitalLink, DigitalLinkError, GtinError, QualityStatus,
};
use farmgate_services::ServiceError;

use super::trace_view::{
    certificate_views, draw_village, inspection_views, journey_rows, village_name, CertificateView,
    InspectionView, VillageDrawing,
};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::texts::Texts;

/// Five minutes: a recall must reach the page soon, and a scan storm must not reach the store.
const CACHE_CONTROL: &str = "public, max-age=300";

#[derive(Template)]
#[template(path = "trace.html")]
struct TracePage {
    lang: Lang,
    t: &'static Texts,
    asset_version: &'static str,
    product: String,
    shop: String,
    village: String,
    lot: String,
    serial: String,
    harvested_on: String,
    grade: String,
    notes: String,
    quality: &'static str,
    quality_class: &'static str,
    recalled: bool,
    failed: bool,
    drawing: VillageDrawing,
    inspections: Vec<InspectionView>,
    certificates: Vec<CertificateView>,
    journey: Vec<(&'static str, String, String)>,
}

#[derive(Template)]
#[template(path = "trace_missing.html")]
struct MissingPage {
    lang: Lang,
    t: &'static Texts,
    asset_version: &'static str,
    message: String,
}

/// `GET /01/{gtin}/10/{lot}` and `/01/{gtin}/10/{lot}/21/{serial}`. The raw path is read so
/// percent-encoded lots decode exactly as GS1 writes them.
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, WebError> {
    let lang = Lang::negotiate(&headers);
    let t = lang.texts();
    let link = match DigitalLink::parse_path(uri.path()) {
        Ok(link) => link,
        Err(error) => return missing(lang, StatusCode::BAD_REQUEST, refusal(&error, t)),
    };
    let trace = match state.services.public_trace(&link).await {
        Ok(trace) => trace,
        Err(ServiceError::NotFound) => {
            return missing(lang, StatusCode::NOT_FOUND, t.quality.not_found.to_owned())
        }
        Err(other) => return Err(other.into()),
    };
    let places = state.services.places().await?;
    let batch = &trace.batch;
    let q = t.quality;
    let page = TracePage {
        lang,
        t,
        asset_version: env!("CARGO_PKG_VERSION"),
        product: match lang {
            Lang::En if !trace.product_title_en.is_empty() => trace.product_title_en.clone(),
            _ => trace.product_title.clone(),
        },
        shop: trace.shop_name.clone(),
        village: village_name(&places, &batch.village, lang),
        lot: batch.lot.to_string(),
        serial: link.serial.map(|s| s.to_string()).unwrap_or_default(),
        harvested_on: batch.harvested_on.to_string(),
        grade: match lang {
            Lang::Zh => batch.grade.label_zh().to_owned(),
            Lang::En => batch.grade.label_en().to_owned(),
        },
        notes: batch.notes.clone(),
        quality: q.quality_status(batch.quality),
        quality_class: match batch.quality {
            QualityStatus::Passed => "ok",
            QualityStatus::Failed => "warn",
            QualityStatus::Uninspected => "",
        },
        recalled: batch.status == BatchStatus::Recalled,
        failed: batch.quality == QualityStatus::Failed,
        drawing: draw_village(&places, &batch.village, batch.field),
        inspections: inspection_views(&trace.inspections, t, false),
        certificates: certificate_views(&trace.certificates, state.services.today(), t),
        journey: journey_rows(&trace.events, &state.site, t),
    };
    Ok((
        [
            (header::CACHE_CONTROL, CACHE_CONTROL),
            (header::VARY, "Accept-Language, Cookie"),
        ],
        Html(page.render()?),
    )
        .into_response())
}

fn refusal(error: &DigitalLinkError, t: &Texts) -> String {
    match error {
        DigitalLinkError::Gtin(GtinError::CheckDigit { expected, found }) => t
            .quality
            .bad_check_digit
            .replace("{expected}", &expected.to_string())
            .replace("{found}", &found.to_string()),
        _ => t.quality.bad_link.to_owned(),
    }
}

fn missing(lang: Lang, status: StatusCode, message: String) -> Result<Response, WebError> {
    let page = MissingPage {
        lang,
        t: lang.texts(),
        asset_version: env!("CARGO_PKG_VERSION"),
        message,
    };
    Ok((status, Html(page.render()?)).into_response())
}
