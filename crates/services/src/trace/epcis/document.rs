//! An EPCIS 2.0 JSON(-LD) document as typed structs: what we write, and what we read from
//! others (fields we do not use, such as sensor data or user extensions, are skipped on
//! reading rather than refused).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

/// GS1's JSON-LD context for EPCIS 2.0 documents.
pub const EPCIS_CONTEXT: &str = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpcisDocument {
    /// A URI, an inline context object or a list of them.
    #[serde(rename = "@context")]
    pub context: Value,
    #[serde(rename = "type")]
    pub document_type: String,
    #[serde(rename = "schemaVersion")]
    pub schema_version: String,
    #[serde(rename = "creationDate")]
    pub creation_date: String,
    #[serde(rename = "epcisBody")]
    pub body: EpcisBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpcisBody {
    #[serde(rename = "eventList")]
    pub event_list: Vec<EpcisEvent>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EpcisEventType {
    #[default]
    ObjectEvent,
    AggregationEvent,
    TransactionEvent,
    TransformationEvent,
    AssociationEvent,
    /// A user-defined event type (a URI); read, never written.
    #[serde(other)]
    Extension,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EpcisAction {
    Add,
    Observe,
    Delete,
}

/// One event of any type; the fields a type does not have stay empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EpcisEvent {
    #[serde(rename = "type")]
    pub event_type: EpcisEventType,
    #[serde(rename = "eventID", default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    pub event_time: String,
    pub event_time_zone_offset: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<EpcisAction>,
    /// A CBV short name (`shipping`) or a URI of another vocabulary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biz_step: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disposition: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub epc_list: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantity_list: Vec<QuantityElement>,
    #[serde(rename = "parentID", default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    #[serde(rename = "childEPCs", default, skip_serializing_if = "Vec::is_empty")]
    pub child_epcs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub child_quantity_list: Vec<QuantityElement>,
    #[serde(
        rename = "inputEPCList",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub input_epc_list: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub input_quantity_list: Vec<QuantityElement>,
    #[serde(
        rename = "outputEPCList",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub output_epc_list: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub output_quantity_list: Vec<QuantityElement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_point: Option<PlaceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biz_location: Option<PlaceId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub biz_transaction_list: Vec<BizTransaction>,
    /// Instance/lot master data, keyed by compact URIs such as `cbvmda:harvestStartDate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ilmd: Option<Map<String, Value>>,
}

/// So many of a class (a GTIN, or a GTIN and lot); without `uom` the quantity counts items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuantityElement {
    pub epc_class: String,
    /// An EPCIS decimal, kept exactly as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uom: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceId {
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BizTransaction {
    /// A CBV type (`po`, `testres`) or a URI; absent when no type fits.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<String>,
    #[serde(rename = "bizTransaction")]
    pub id: String,
}

impl EpcisDocument {
    /// Reads an EPCIS 2.0 document in JSON or JSON-LD.
    pub fn read(json: &str) -> Result<EpcisDocument, serde_json::Error> {
        serde_json::from_str(json)
    }

    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }
}
