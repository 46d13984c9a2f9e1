//! A parcel's path as pages show it: each step in the reader's words with its place and local
//! time. Shared by the buyer's and the producer's orders and the public tracking page.

use farmgate_domain::access::Actor;
use farmgate_domain::parcel::ParcelStage;
use farmgate_domain::parcel_up::NETWORK_CARRIER;
use farmgate_services::up_parcels::ParcelPath;
use farmgate_store::{OrderRecord, ShipmentRecord};

use crate::error::WebError;
use crate::state::{AppState, SiteConfig};
use crate::texts::Texts;

pub struct PathView {
    pub code: String,
    pub direction: &'static str,
    /// The furthest step reached.
    pub stage: &'static str,
    pub steps: Vec<StepView>,
}

pub struct StepView {
    pub what: String,
    pub at: String,
}

pub fn path_view(t: &Texts, site: &SiteConfig, path: &ParcelPath) -> PathView {
    let parcel = &path.parcel;
    let steps = path
        .steps
        .iter()
        .map(|step| {
            let mut what = t.parcel_up.stage(step.stage).to_owned();
            let carrier = path.carrier.as_ref().filter(|_| {
                step.stage == ParcelStage::HandedOver || step.stage == ParcelStage::Announced
            });
            if let Some(carrier) = carrier {
                what = format!("{what} {}", carrier.name);
                if let Some(tracking) = &parcel.carrier_tracking {
                    what = format!("{what} {tracking}");
                }
            } else if let Some(place) = &step.place {
                what = format!("{what} {place}");
            }
            if let Some(run) = &step.run {
                let short: String = run.as_str().chars().rev().take(6).collect();
                let short: String = short.chars().rev().collect();
                what = format!("{what} · {}", t.parcel_up.run.replace("{run}", &short));
            }
            StepView {
                what,
                at: site.local_time(step.at),
            }
        })
        .collect();
    PathView {
        code: parcel.code.as_str().to_owned(),
        direction: t.parcel_up.direction(parcel.direction),
        stage: t.parcel_up.stage(parcel.stage),
        steps,
    }
}

/// An order's shipment in the reader's words: the county network by name, others as stored.
pub fn shipment_text(t: &Texts, shipment: &ShipmentRecord) -> String {
    let carrier = if shipment.carrier == NETWORK_CARRIER {
        t.parcel_up.network_carrier
    } else {
        shipment.carrier.as_str()
    };
    format!("{carrier} {}", shipment.tracking_no)
}

/// The path of the parcel a shipped order went up in, for its buyer or its shop.
pub async fn order_path(
    state: &AppState,
    actor: &Actor,
    t: &Texts,
    order: &OrderRecord,
) -> Result<Option<PathView>, WebError> {
    if order.shipment.is_none() {
        return Ok(None);
    }
    let path = state.services.order_parcel_path(actor, &order.id).await?;
    Ok(path.map(|path| path_view(t, &state.site, &path)))
}
