//! Where a parcel goes: the buyer's shipping address, the 31 mainland provincial-level
//! divisions, and the shipping zones that fee templates are priced by.

use serde::{Deserialize, Serialize};

use crate::account::Phone;
use crate::validation::{text_length, Problem, ValidationErrors};

/// The 31 provincial-level divisions of the mainland (GB/T 2260). Hong Kong, Macao and Taiwan
/// are outside the domestic express network and customs-free shipping, so they are not offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Province(u8);

/// (code, Chinese short name, Chinese full name, English name), in code order.
const PROVINCES: [(u8, &str, &str, &str); 31] = [
    (11, "北京", "北京市", "Beijing"),
    (12, "天津", "天津市", "Tianjin"),
    (13, "河北", "河北省", "Hebei"),
    (14, "山西", "山西省", "Shanxi"),
    (15, "内蒙古", "内蒙古自治区", "Inner Mongolia"),
    (21, "辽宁", "辽宁省", "Liaoning"),
    (22, "吉林", "吉林省", "Jilin"),
    (23, "黑龙江", "黑龙江省", "Heilongjiang"),
    (31, "上海", "上海市", "Shanghai"),
    (32, "江苏", "江苏省", "Jiangsu"),
    (33, "浙江", "浙江省", "Zhejiang"),
    (34, "安徽", "安徽省", "Anhui"),
    (35, "福建", "福建省", "Fujian"),
    (36, "江西", "江西省", "Jiangxi"),
    (37, "山东", "山东省", "Shandong"),
    (41, "河南", "河南省", "Henan"),
    (42, "湖北", "湖北省", "Hubei"),
    (43, "湖南", "湖南省", "Hunan"),
    (44, "广东", "广东省", "Guangdong"),
    (45, "广西", "广西壮族自治区", "Guangxi"),
    (46, "海南", "海南省", "Hainan"),
    (50, "重庆", "重庆市", "Chongqing"),
    (51, "四川", "四川省", "Sichuan"),
    (52, "贵州", "贵州省", "Guizhou"),
    (53, "云南", "云南省", "Yunnan"),
    (54, "西藏", "西藏自治区", "Tibet"),
    (61, "陕西", "陕西省", "Shaanxi"),
    (62, "甘肃", "甘肃省", "Gansu"),
    (63, "青海", "青海省", "Qinghai"),
    (64, "宁夏", "宁夏回族自治区", "Ningxia"),
    (65, "新疆", "新疆维吾尔自治区", "Xinjiang"),
];

impl Province {
    /// Every province in code order.
    pub fn all() -> impl Iterator<Item = Province> {
        PROVINCES.iter().map(|p| Province(p.0))
    }

    /// From the two-digit code, the first two digits of every area code in it.
    pub fn from_code(code: u8) -> Option<Province> {
        PROVINCES
            .iter()
            .any(|p| p.0 == code)
            .then_some(Province(code))
    }

    /// Accepts the code ("63"), the short or full Chinese name ("青海", "青海省") or the
    /// English name, any case ("qinghai", "Xizang" too).
    pub fn parse(value: &str) -> Option<Province> {
        let value = value.trim();
        if let Ok(code) = value.parse::<u8>() {
            return Province::from_code(code);
        }
        if value.eq_ignore_ascii_case("xizang") {
            return Province::from_code(54);
        }
        PROVINCES
            .iter()
            .find(|p| p.1 == value || p.2 == value || p.3.eq_ignore_ascii_case(value))
            .map(|p| Province(p.0))
    }

    pub const fn code(self) -> u8 {
        self.0
    }

    fn row(self) -> (u8, &'static str, &'static str, &'static str) {
        PROVINCES
            .iter()
            .copied()
            .find(|p| p.0 == self.0)
            .unwrap_or((self.0, "", "", ""))
    }

    pub fn name_zh(self) -> &'static str {
        self.row().2
    }

    pub fn short_name_zh(self) -> &'static str {
        self.row().1
    }

    pub fn name_en(self) -> &'static str {
        self.row().3
    }

    fn index(self) -> usize {
        PROVINCES.iter().position(|p| p.0 == self.0).unwrap_or(0)
    }
}

impl TryFrom<String> for Province {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Province::parse(&value).ok_or_else(|| format!("not a province: {value}"))
    }
}

impl From<Province> for String {
    fn from(province: Province) -> String {
        format!("{:02}", province.0)
    }
}

/// Shipping fees are priced by zone, the way express carriers quote a shipper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShippingZone {
    /// The county's own province and its neighbours on direct trunk lines: 1–2 days.
    Near,
    /// Central, northern and south-western provinces reached through the Xi'an, Chengdu or
    /// Zhengzhou hubs: 2–3 days.
    Central,
    /// The east and south coast and the north-east, 2,000–3,000 km away: 3–4 days.
    Far,
    /// Where carriers add a remote-area surcharge (偏远地区): vast, thinly served regions and
    /// the island province. Shops selling fresh goods often refuse these.
    Remote,
}

impl ShippingZone {
    pub const ALL: [ShippingZone; 4] = [
        ShippingZone::Near,
        ShippingZone::Central,
        ShippingZone::Far,
        ShippingZone::Remote,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ShippingZone::Near => "near",
            ShippingZone::Central => "central",
            ShippingZone::Far => "far",
            ShippingZone::Remote => "remote",
        }
    }

    pub const fn name_zh(self) -> &'static str {
        match self {
            ShippingZone::Near => "邻近地区",
            ShippingZone::Central => "中部地区",
            ShippingZone::Far => "沿海及东北",
            ShippingZone::Remote => "偏远地区",
        }
    }

    pub fn parse(value: &str) -> Option<ShippingZone> {
        Self::ALL.into_iter().find(|zone| zone.as_str() == value)
    }

    pub(crate) const fn index(self) -> usize {
        match self {
            ShippingZone::Near => 0,
            ShippingZone::Central => 1,
            ShippingZone::Far => 2,
            ShippingZone::Remote => 3,
        }
    }
}

/// Which zone each province is in, seen from the county that ships. A hub elsewhere in China
/// starts from this map and moves provinces to fit its own carriers' quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneMap {
    zones: Vec<ShippingZone>,
}

impl ZoneMap {
    /// Zones from a Qinghai plateau county shipping through Xining: Qinghai and the provinces
    /// next door on direct trunk lines (Gansu, Ningxia, Shaanxi, Sichuan) are near; Xinjiang
    /// and Tibet border Qinghai but are remote by distance (≈1,900 km to Ürümqi or Lhasa) and
    /// by carrier surcharge, as are Inner Mongolia and Hainan.
    pub fn qinghai() -> ZoneMap {
        let zones = PROVINCES
            .iter()
            .map(|p| match p.0 {
                63 | 62 | 64 | 61 | 51 => ShippingZone::Near,
                50 | 52 | 53 | 14 | 41 | 42 | 43 | 13 | 11 | 12 | 37 => ShippingZone::Central,
                65 | 54 | 15 | 46 => ShippingZone::Remote,
                _ => ShippingZone::Far,
            })
            .collect();
        ZoneMap { zones }
    }

    pub fn zone_of(&self, province: Province) -> ShippingZone {
        self.zones
            .get(province.index())
            .copied()
            .unwrap_or(ShippingZone::Remote)
    }

    pub fn set(&mut self, province: Province, zone: ShippingZone) {
        if let Some(slot) = self.zones.get_mut(province.index()) {
            *slot = zone;
        }
    }

    pub fn provinces_in(&self, zone: ShippingZone) -> Vec<Province> {
        Province::all()
            .filter(|p| self.zone_of(*p) == zone)
            .collect()
    }
}

impl Default for ZoneMap {
    fn default() -> Self {
        ZoneMap::qinghai()
    }
}

/// A shipping address as typed, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressInput<'a> {
    pub recipient: &'a str,
    pub phone: &'a str,
    pub province: &'a str,
    pub city: &'a str,
    pub county: &'a str,
    pub detail: &'a str,
}

/// Where an order is delivered. Carriers need the recipient's mobile for the delivery call and
/// the pickup code, and a detail line long enough to find the door (road, number, building).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShippingAddress {
    pub recipient: String,
    pub phone: Phone,
    pub province: Province,
    pub city: String,
    /// County or district (区/县).
    pub county: String,
    pub detail: String,
}

impl ShippingAddress {
    pub fn parse(input: &AddressInput<'_>) -> Result<ShippingAddress, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let recipient = errors.check(text_length("recipient", input.recipient, 1, 25));
        let phone = errors.check(Phone::parse("phone", input.phone));
        let province = Province::parse(input.province);
        if province.is_none() {
            let problem = if input.province.trim().is_empty() {
                Problem::Required
            } else {
                Problem::Invalid
            };
            errors.push("province", problem);
        }
        let city = errors.check(text_length("city", input.city, 1, 30));
        let county = errors.check(text_length("county", input.county, 1, 30));
        let detail = errors.check(text_length("detail", input.detail, 5, 120));
        match (recipient, phone, province, city, county, detail) {
            (
                Some(recipient),
                Some(phone),
                Some(province),
                Some(city),
                Some(county),
                Some(detail),
            ) if errors.is_empty() => Ok(ShippingAddress {
                recipient,
                phone,
                province,
                city,
                county,
                detail,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests;
