//! Network records as a person types them (a form or a CSV row), checked field by field. Every
//! problem of a submission is reported at once; references to other records (a village's
//! place, a vehicle's depot) are resolved by the services, which know what exists.

use crate::account::Phone;
use crate::money::{Currency, Money};
use crate::place::{AreaCode, GeoPoint};
use crate::range::whole_number;
use crate::validation::{text_length, FieldError, Problem, ValidationErrors};

use super::{Contact, DayWindow, MinuteOfDay, NodeKind, NodeRole, OpeningHours, StationServices};

pub const MAX_CODE: usize = 32;
pub const MAX_NAME: usize = 60;
pub const MAX_CONTACT: usize = 30;
pub const MAX_PLATE: usize = 12;
/// A heavy lorry carries about 30 t; more is a typing mistake.
pub const MAX_CAPACITY_KG: i64 = 50_000;
pub const MAX_CAPACITY_PARCELS: i64 = 10_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeForm {
    pub code: String,
    pub name: String,
    pub kind: String,
    /// Decimal degrees, e.g. "36.4123".
    pub lat: String,
    pub lon: String,
    pub hours: String,
    /// Stations only: "ecommerce express post bus_freight".
    pub services: String,
    /// Village points only: the village's 12-digit area code.
    pub village: String,
    pub contact_name: String,
    pub contact_phone: String,
}

/// A node ready to store, once the services have checked its village exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeDraft {
    pub code: String,
    pub name: String,
    pub location: GeoPoint,
    pub hours: OpeningHours,
    pub role: NodeRole,
}

pub fn validate_node(form: &NodeForm) -> Result<NodeDraft, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let code = errors.check(code("code", &form.code));
    let name = errors.check(text_length("name", &form.name, 1, MAX_NAME));
    let kind = NodeKind::parse(&form.kind);
    if kind.is_none() {
        errors.push("kind", required_or_invalid(&form.kind));
    }
    let location = errors.check(parse_location(&form.lat, &form.lon));
    let hours = errors.check(OpeningHours::parse("hours", &form.hours));
    let role = kind.and_then(|kind| match role(kind, form) {
        Ok(role) => Some(role),
        Err(problems) => {
            errors.0.extend(problems.0);
            None
        }
    });
    match (code, name, location, hours, role) {
        (Some(code), Some(name), Some(location), Some(hours), Some(role)) if errors.is_empty() => {
            Ok(NodeDraft {
                code,
                name,
                location,
                hours,
                role,
            })
        }
        _ => Err(errors),
    }
}

fn role(kind: NodeKind, form: &NodeForm) -> Result<NodeRole, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let role = match kind {
        NodeKind::Warehouse => Some(NodeRole::Warehouse),
        NodeKind::Station => match StationServices::parse(&form.services) {
            Some(services) if !services.is_empty() => Some(NodeRole::Station { services }),
            _ => {
                errors.push("services", required_or_invalid(&form.services));
                None
            }
        },
        NodeKind::VillagePoint => {
            let village = AreaCode::parse(form.village.trim());
            if village.is_none() {
                errors.push("village", required_or_invalid(&form.village));
            }
            let name = errors.check(text_length(
                "contact_name",
                &form.contact_name,
                1,
                MAX_CONTACT,
            ));
            let phone = errors.check(Phone::parse("contact_phone", &form.contact_phone));
            match (village, name, phone) {
                (Some(village), Some(name), Some(phone)) => Some(NodeRole::VillagePoint {
                    village,
                    contact: Contact { name, phone },
                }),
                _ => None,
            }
        }
    };
    match role {
        Some(role) if errors.is_empty() => Ok(role),
        _ => Err(errors),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CarrierForm {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarrierDraft {
    pub code: String,
    pub name: String,
}

pub fn validate_carrier(form: &CarrierForm) -> Result<CarrierDraft, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let code = errors.check(code("code", &form.code));
    let name = errors.check(text_length("name", &form.name, 1, MAX_NAME));
    match (code, name) {
        (Some(code), Some(name)) => Ok(CarrierDraft { code, name }),
        _ => Err(errors),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VehicleForm {
    pub plate: String,
    /// The code of its warehouse or station.
    pub depot: String,
    pub capacity_kg: String,
    pub capacity_parcels: String,
    /// "07:30".
    pub shift_start: String,
    pub shift_end: String,
    /// Yuan per kilometre, e.g. "2.40".
    pub cost_per_km: String,
}

/// A vehicle ready to store once its depot code is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VehicleDraft {
    pub plate: String,
    pub depot_code: String,
    pub capacity_kg: i64,
    pub capacity_parcels: i64,
    pub shift: DayWindow,
    pub cost_per_km: Money,
}

pub fn validate_vehicle(form: &VehicleForm) -> Result<VehicleDraft, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let plate = errors
        .check(text_length("plate", &form.plate, 2, MAX_PLATE).map(|plate| plate.to_uppercase()));
    let depot_code = errors.check(code("depot", &form.depot));
    let capacity_kg = errors.check(count("capacity_kg", &form.capacity_kg, MAX_CAPACITY_KG));
    let capacity_parcels = errors.check(count(
        "capacity_parcels",
        &form.capacity_parcels,
        MAX_CAPACITY_PARCELS,
    ));
    let start = errors.check(minute("shift_start", &form.shift_start));
    let end = errors.check(minute("shift_end", &form.shift_end));
    let shift = match (start, end) {
        (Some(start), Some(end)) => {
            let shift = DayWindow::new(start, end);
            if shift.is_none() {
                errors.push("shift_end", Problem::Invalid);
            }
            shift
        }
        _ => None,
    };
    let cost_per_km = Money::parse_major(&form.cost_per_km, Currency::Cny);
    if cost_per_km.is_none() {
        errors.push("cost_per_km", required_or_invalid(&form.cost_per_km));
    }
    match (
        plate,
        depot_code,
        capacity_kg,
        capacity_parcels,
        shift,
        cost_per_km,
    ) {
        (Some(plate), Some(depot_code), Some(kg), Some(parcels), Some(shift), Some(cost))
            if errors.is_empty() =>
        {
            Ok(VehicleDraft {
                plate,
                depot_code,
                capacity_kg: kg,
                capacity_parcels: parcels,
                shift,
                cost_per_km: cost,
            })
        }
        _ => Err(errors),
    }
}

/// Reads decimal degrees ("36.41", "-0.5", "99.123456") exactly into micro-degrees; at most
/// six decimals.
pub fn parse_degrees(text: &str) -> Option<i32> {
    let text = text.trim();
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || !digits(whole) || !digits(fraction) {
        return None;
    }
    if fraction.len() > 6 {
        return None;
    }
    let whole: i32 = whole.parse().ok()?;
    let fraction: i32 = format!("{fraction:0<6}").parse().ok()?;
    let value = whole.checked_mul(1_000_000)?.checked_add(fraction)?;
    Some(if negative { -value } else { value })
}

/// A point typed as decimal degrees in the fields `lat` and `lon`.
pub fn parse_location(lat: &str, lon: &str) -> Result<GeoPoint, FieldError> {
    let lat_e6 = parse_degrees(lat).filter(|v| (-90_000_000..=90_000_000).contains(v));
    let Some(lat_e6) = lat_e6 else {
        return Err(FieldError {
            field: "lat",
            problem: required_or_invalid(lat),
        });
    };
    parse_degrees(lon)
        .and_then(|lon_e6| GeoPoint::new(lat_e6, lon_e6))
        .ok_or(FieldError {
            field: "lon",
            problem: required_or_invalid(lon),
        })
}

/// A code as typed, upper-cased: letters, digits, `-` and `_`.
fn code(field: &'static str, text: &str) -> Result<String, FieldError> {
    let code = text_length(field, text, 1, MAX_CODE)?.to_ascii_uppercase();
    if code
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
    {
        Ok(code)
    } else {
        Err(FieldError {
            field,
            problem: Problem::Invalid,
        })
    }
}

/// A whole number in `1..=max`.
fn count(field: &'static str, text: &str, max: i64) -> Result<i64, FieldError> {
    whole_number(field, text, 1, max)
}

fn minute(field: &'static str, text: &str) -> Result<MinuteOfDay, FieldError> {
    MinuteOfDay::parse(text).ok_or(FieldError {
        field,
        problem: required_or_invalid(text),
    })
}

fn required_or_invalid(text: &str) -> Problem {
    if text.trim().is_empty() {
        Problem::Required
    } else {
        Problem::Invalid
    }
}

#[cfg(test)]
mod tests;
