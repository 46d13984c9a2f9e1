//! The text message that tells a villager their parcel is at the village point: where, the
//! pickup code, and when the point is open. Chinese only: it goes to phones in the county.

use crate::account::Phone;
use crate::id::ParcelId;
use crate::network::OpeningHours;
use crate::time::Timestamp;

use super::PickupCode;

/// A pickup notice as sent: one per parcel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickupNotice {
    pub parcel: ParcelId,
    pub phone: Phone,
    pub text: String,
    /// Which provider carried it ("outbox" for the built-in one) and its reference there.
    pub provider: String,
    pub provider_ref: String,
    pub sent_at: Timestamp,
}

pub fn pickup_notice_text(point_name: &str, hours: &OpeningHours, code: &PickupCode) -> String {
    format!(
        "【农门】您的包裹已到{point_name}，取件码 {code}，营业时间 {hours}。请凭取件码到村服务点取件。",
        code = code.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_names_the_point_the_code_and_the_hours() {
        let hours = OpeningHours::parse("hours", "08:00-12:00, 14:00-18:00").unwrap();
        let code = PickupCode::parse("042917").unwrap();
        let text = pickup_notice_text("河湾村服务点", &hours, &code);
        assert!(text.contains("河湾村服务点"), "{text}");
        assert!(text.contains("取件码 042917"), "{text}");
        assert!(text.contains("08:00-12:00"), "{text}");
    }
}
