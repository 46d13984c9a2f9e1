//! Our batch events as EPCIS 2.0 events, one to one: the business step and disposition are
//! CBV short names, the goods are the batch as a class (its GS1 Digital Link, GTIN and lot)
//! with a quantity, places and orders are URIs under the hub's origin. Nothing private is
//! written: a buyer's receipt has no place, and an order is named only by its id.

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::BatchId;
use farmgate_domain::time::{Timestamp, MILLIS_PER_DAY};
use farmgate_domain::trace::{
    BatchEvent, DigitalLink, EventAction, EventKind, EventPlace, EventSubject, Gtin, Lot,
};
use serde_json::{Map, Number, Value};

use super::document::{
    BizTransaction, EpcisAction, EpcisBody, EpcisDocument, EpcisEvent, EpcisEventType, PlaceId,
    QuantityElement, EPCIS_CONTEXT,
};

/// What the writer needs to know about a batch besides its events.
#[derive(Debug, Clone)]
pub struct EpcisBatch {
    pub id: BatchId,
    pub lot: Lot,
    pub harvested_on: CivilDate,
    pub units: i64,
    /// The product's GTIN; a product without one is named by a URI under the hub's origin.
    pub gtin: Option<Gtin>,
}

/// One document holding `events`, written at `created_at`; `origin` is the hub's
/// `https://host` that the URIs are made under.
pub fn epcis_document<'a>(
    origin: &str,
    created_at: Timestamp,
    events: impl IntoIterator<Item = (&'a BatchEvent, &'a EpcisBatch)>,
) -> EpcisDocument {
    let origin = origin.trim_end_matches('/');
    EpcisDocument {
        context: Value::Array(vec![Value::String(EPCIS_CONTEXT.to_owned())]),
        document_type: "EPCISDocument".to_owned(),
        schema_version: "2.0".to_owned(),
        creation_date: date_time(created_at, 0),
        body: EpcisBody {
            event_list: events
                .into_iter()
                .map(|(event, batch)| epcis_event(origin, event, batch))
                .collect(),
        },
    }
}

pub fn epcis_event(origin: &str, event: &BatchEvent, batch: &EpcisBatch) -> EpcisEvent {
    let goods = vec![QuantityElement {
        epc_class: batch_class(origin, batch),
        quantity: Some(Number::from(event.units.unwrap_or(batch.units))),
        uom: None,
    }];
    let aggregation = event.kind == EventKind::Aggregation;
    let place = |place: &Option<EventPlace>| {
        place.as_ref().map(|place| PlaceId {
            id: place_uri(origin, place),
        })
    };
    EpcisEvent {
        event_type: if aggregation {
            EpcisEventType::AggregationEvent
        } else {
            EpcisEventType::ObjectEvent
        },
        event_id: Some(format!("urn:uuid:{}", event.id)),
        event_time: date_time(event.at, event.zone_offset_minutes),
        event_time_zone_offset: zone_offset(event.zone_offset_minutes),
        record_time: Some(date_time(event.recorded_at, event.zone_offset_minutes)),
        action: Some(match event.action {
            EventAction::Add => EpcisAction::Add,
            EventAction::Observe => EpcisAction::Observe,
            EventAction::Delete => EpcisAction::Delete,
        }),
        biz_step: Some(event.biz_step.as_str().to_owned()),
        disposition: Some(event.disposition.as_str().to_owned()),
        parent_id: aggregation.then(|| parent_uri(origin, event)),
        child_quantity_list: if aggregation {
            goods.clone()
        } else {
            Vec::new()
        },
        quantity_list: if aggregation { Vec::new() } else { goods },
        read_point: place(&event.read_point),
        biz_location: place(&event.biz_location),
        biz_transaction_list: transaction(origin, &event.subject).into_iter().collect(),
        ilmd: (event.action == EventAction::Add && !aggregation).then(|| harvest(batch)),
        ..EpcisEvent::default()
    }
}

/// The batch as an EPCIS class: its Digital Link (`/01/<gtin>/10/<lot>`) when the product has
/// a GTIN; otherwise a URI under the hub's origin, still one per batch.
pub fn batch_class(origin: &str, batch: &EpcisBatch) -> String {
    let origin = origin.trim_end_matches('/');
    match &batch.gtin {
        Some(gtin) => DigitalLink::batch(gtin.clone(), batch.lot.clone()).uri(origin),
        None => format!("{origin}/batches/{}", batch.id),
    }
}

/// `2026-11-27T10:00:00.000+08:00`: the instant as read in the zone `offset_minutes` east.
pub fn date_time(at: Timestamp, offset_minutes: i32) -> String {
    let offset_minutes = clamp_offset(offset_minutes);
    let local = at
        .millis()
        .saturating_add(i64::from(offset_minutes) * 60_000);
    // `in_china` reads an instant on the +08:00 wall clock; shifting by China's offset makes it
    // read `local`'s date instead.
    let china = farmgate_domain::calendar::CHINA_UTC_OFFSET_MILLIS;
    let date = CivilDate::in_china(Timestamp::from_millis(local.saturating_sub(china)));
    let of_day = local.rem_euclid(MILLIS_PER_DAY);
    format!(
        "{date}T{:02}:{:02}:{:02}.{:03}{}",
        of_day / 3_600_000,
        of_day / 60_000 % 60,
        of_day / 1000 % 60,
        of_day % 1000,
        zone_offset(offset_minutes)
    )
}

/// `+08:00`; EPCIS allows offsets from -14:00 to +14:00.
pub fn zone_offset(minutes: i32) -> String {
    let minutes = clamp_offset(minutes);
    let sign = if minutes < 0 { '-' } else { '+' };
    let minutes = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

fn clamp_offset(minutes: i32) -> i32 {
    minutes.clamp(-14 * 60, 14 * 60)
}

fn place_uri(origin: &str, place: &EventPlace) -> String {
    match place {
        EventPlace::Village(code) => format!("{origin}/places/{code}"),
        EventPlace::Node(node) => format!("{origin}/network/nodes/{node}"),
    }
}

/// The box the units went into: the parcel on the county network, else the order's package.
fn parent_uri(origin: &str, event: &BatchEvent) -> String {
    match (&event.parcel, &event.subject) {
        (Some(parcel), _) => format!("{origin}/parcels/{parcel}"),
        (None, EventSubject::Order(order)) => format!("{origin}/orders/{order}/package"),
        (None, _) => format!("{origin}/batches/{}/package", event.batch),
    }
}

/// The business document behind the step: a purchase order (`po`), a test result
/// (`testres`) or a recall; only its id, never its content.
fn transaction(origin: &str, subject: &EventSubject) -> Option<BizTransaction> {
    let (kind, id) = match subject {
        EventSubject::Batch => return None,
        EventSubject::Order(order) => (Some("po"), format!("{origin}/orders/{order}")),
        EventSubject::Inspection(inspection) => (
            Some("testres"),
            format!("{origin}/inspections/{inspection}"),
        ),
        EventSubject::Recall(recall) => (None, format!("{origin}/recalls/{recall}")),
    };
    Some(BizTransaction {
        transaction_type: kind.map(str::to_owned),
        id,
    })
}

/// CBV master data of the lot, written when it comes into being: harvested on that day, in
/// China.
fn harvest(batch: &EpcisBatch) -> Map<String, Value> {
    let day = Value::String(batch.harvested_on.to_string());
    Map::from_iter([
        ("cbvmda:harvestStartDate".to_owned(), day.clone()),
        ("cbvmda:harvestEndDate".to_owned(), day),
        (
            "cbvmda:countryOfOrigin".to_owned(),
            Value::String("CN".to_owned()),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_the_events_zone() {
        // 2026-11-26T18:30:05.250Z is 02:30 the next morning in China.
        let at = Timestamp::from_millis(1_795_717_805_250);
        assert_eq!(date_time(at, 480), "2026-11-27T02:30:05.250+08:00");
        assert_eq!(date_time(at, 0), "2026-11-26T18:30:05.250+00:00");
        assert_eq!(zone_offset(-330), "-05:30");
        assert_eq!(zone_offset(9999), "+14:00");
    }

    #[test]
    fn packed_units_go_into_their_parcel_when_it_rides_the_network() {
        use farmgate_domain::id::{OrderId, ParcelId};
        use farmgate_domain::trace::{BizStep, Disposition};

        let mut packing = BatchEvent::new(
            "e1".to_owned().into(),
            BatchId::new("b1"),
            BizStep::Packing,
            Disposition::InProgress,
            Timestamp::from_millis(0),
        );
        packing.kind = EventKind::Aggregation;
        packing.subject = EventSubject::Order(OrderId::new("o1"));
        assert_eq!(
            parent_uri("https://h", &packing),
            "https://h/orders/o1/package"
        );
        packing.parcel = Some(ParcelId::new("p1"));
        assert_eq!(parent_uri("https://h", &packing), "https://h/parcels/p1");
    }
}
