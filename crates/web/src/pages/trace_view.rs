//! What the public trace page and the batch pages show of inspections, certificates and a
//! batch's journey, in the reader's language; and the village drawn among the county's.

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::place::{AreaCode, GeoPoint, Place, PlaceLevel};
use farmgate_domain::trace::{journey, BatchEvent, Certificate, CertificateState, Inspection};

use super::network_map::{Projection, WIDTH};
use crate::i18n::Lang;
use crate::state::SiteConfig;
use crate::texts::Texts;

pub struct InspectionView {
    pub id: String,
    pub kind: &'static str,
    pub lab: String,
    pub date: String,
    pub passed: bool,
    pub result: &'static str,
    /// Where its lab report opens; empty on the public page or without a report.
    pub report_url: String,
    /// (name, measured, limit, unit, passed).
    pub rows: Vec<(String, String, String, &'static str, bool)>,
}

/// `with_reports`: link the lab reports (for those signed in who may read the batch).
pub fn inspection_views(
    inspections: &[Inspection],
    t: &Texts,
    with_reports: bool,
) -> Vec<InspectionView> {
    let q = t.quality;
    inspections
        .iter()
        .map(|inspection| InspectionView {
            id: inspection.id.to_string(),
            kind: q.inspection_kind(inspection.kind),
            lab: inspection.lab.clone(),
            date: inspection.inspected_on.to_string(),
            passed: inspection.passed(),
            result: if inspection.passed() {
                q.passed
            } else {
                q.failed
            },
            report_url: if with_reports && inspection.report.is_some() {
                format!("/quality/inspections/{}/report", inspection.id)
            } else {
                String::new()
            },
            rows: inspection
                .measurements
                .iter()
                .map(|m| {
                    let (value, limit) = (m.value.to_string(), m.limit.to_string());
                    (m.name.clone(), value, limit, m.unit.as_str(), m.passed())
                })
                .collect(),
        })
        .collect()
}

pub struct CertificateView {
    pub kind: &'static str,
    pub number: String,
    pub issuer: String,
    pub valid: String,
    pub state: &'static str,
    pub state_class: &'static str,
    /// The compliance certificate's promise and quantity.
    pub promise: Option<(String, String)>,
}

pub fn certificate_views(
    certificates: &[Certificate],
    today: CivilDate,
    t: &Texts,
) -> Vec<CertificateView> {
    let q = t.quality;
    certificates
        .iter()
        .map(|c| {
            let state = c.state(today);
            CertificateView {
                kind: q.certificate_kind(c.kind),
                number: c.number.clone(),
                issuer: c.issuer.clone(),
                valid: format!("{} – {}", c.valid_from, c.valid_to),
                state: q.certificate_state(state),
                state_class: match state {
                    CertificateState::Valid => "ok",
                    CertificateState::Expired | CertificateState::NotYetValid => "warn",
                },
                promise: c
                    .promise
                    .as_ref()
                    .map(|p| (p.promise.clone(), p.quantity.clone())),
            }
        })
        .collect()
}

/// (stage, dates, counts) per stage the batch reached; no order, buyer or parcel.
pub fn journey_rows(
    events: &[BatchEvent],
    site: &SiteConfig,
    t: &Texts,
) -> Vec<(&'static str, String, String)> {
    journey(events)
        .into_iter()
        .map(|step| {
            let (first, last) = (site.local_date(step.first), site.local_date(step.last));
            let dates = if first == last {
                first
            } else {
                format!("{first} – {last}")
            };
            let counts = t
                .quality
                .journey_counts
                .replace("{times}", &step.times.to_string())
                .replace("{units}", &step.units.to_string());
            (t.quality.stage(step.stage), dates, counts)
        })
        .collect()
}

/// The county's villages as dots with the batch's village (and field) marked.
#[derive(Default)]
pub struct VillageDrawing {
    pub width: i64,
    pub height: i64,
    pub others: Vec<(i64, i64)>,
    pub village: Option<(i64, i64)>,
    pub field: Option<(i64, i64)>,
}

pub fn draw_village(
    places: &[Place],
    village: &AreaCode,
    field: Option<GeoPoint>,
) -> VillageDrawing {
    let villages: Vec<&Place> = places
        .iter()
        .filter(|p| p.level() == PlaceLevel::Village)
        .collect();
    let points = villages.iter().map(|p| p.location).chain(field);
    let Some(projection) = Projection::fitting(points) else {
        return VillageDrawing::default();
    };
    let at = |p: GeoPoint| projection.place(p);
    VillageDrawing {
        width: WIDTH,
        height: projection.height,
        others: villages
            .iter()
            .filter(|p| &p.code != village)
            .map(|p| at(p.location))
            .collect(),
        village: villages
            .iter()
            .find(|p| &p.code == village)
            .map(|p| at(p.location)),
        field: field.map(at),
    }
}

/// "Township · Village" in the reader's language.
pub fn village_name(places: &[Place], village: &AreaCode, lang: Lang) -> String {
    let name = |code: &AreaCode| {
        places.iter().find(|p| &p.code == code).map(|p| match lang {
            Lang::Zh => p.name_zh.clone(),
            Lang::En => p.name_en.clone(),
        })
    };
    let own = name(village).unwrap_or_else(|| village.as_str().to_owned());
    match village.parent().and_then(|township| name(&township)) {
        Some(township) => format!("{township} · {own}"),
        None => own,
    }
}
