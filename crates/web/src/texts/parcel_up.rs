//! The words of produce going up through the county network: sending an order or other
//! produce from the console, the warehouse's handover to carriers, a parcel's path and the
//! public tracking page — one field of `Texts`, with both languages here.

use farmgate_domain::parcel::{Direction, ParcelStage};
use farmgate_services::up_parcels::{NOT_RECEIVED, NO_VILLAGE_POINT, ONLY_UP_PARCELS};
use farmgate_store::{CARRIER_TRACKING_TAKEN, ONLY_PAID_ORDERS_GO_UP};

pub struct ParcelUpTexts {
    pub send_up: &'static str,
    pub send_up_intro: &'static str,
    pub weight_kg: &'static str,
    pub weight_hint: &'static str,
    pub contact_phone: &'static str,
    pub declare_produce: &'static str,
    pub declare_produce_intro: &'static str,
    pub destination: &'static str,
    pub declare: &'static str,
    /// The carrier an order names while the network carries it.
    pub network_carrier: &'static str,
    pub parcel: &'static str,
    pub path_title: &'static str,
    /// In `ParcelStage::ALL` order.
    pub stages: [&'static str; 9],
    /// "run {run}".
    pub run: &'static str,
    pub handover_title: &'static str,
    pub handover_intro: &'static str,
    pub any_carrier: &'static str,
    pub carrier_wanted: &'static str,
    pub hand_over: &'static str,
    /// "{code}", "{carrier}", "{tracking}".
    pub handed_over_ok: &'static str,
    /// "{code}".
    pub already_handed_over: &'static str,
    pub nothing_waiting: &'static str,
    pub weight: &'static str,
    pub track_title: &'static str,
    pub track_intro: &'static str,
    /// In `Direction::ALL` order: who the villager is to the parcel.
    pub villager: [&'static str; 2],
    /// In `Direction::ALL` order.
    pub directions: [&'static str; 2],
    pub no_village_point: &'static str,
    pub only_paid: &'static str,
    pub tracking_taken: &'static str,
    pub not_received: &'static str,
    pub only_up: &'static str,
    /// Labels of the forms' own fields, for their error messages.
    pub fields: &'static [(&'static str, &'static str)],
}

impl ParcelUpTexts {
    pub fn stage(&self, stage: ParcelStage) -> &'static str {
        let index = ParcelStage::ALL
            .iter()
            .position(|s| *s == stage)
            .unwrap_or(0);
        self.stages[index]
    }

    pub fn direction(&self, direction: Direction) -> &'static str {
        self.directions[usize::from(direction == Direction::Up)]
    }

    pub fn villager(&self, direction: Direction) -> &'static str {
        self.villager[usize::from(direction == Direction::Up)]
    }

    /// The reader's sentence for a refusal of sending up or handing over, when `detail` is one.
    pub fn conflict(&self, detail: &str) -> Option<&'static str> {
        [
            (NO_VILLAGE_POINT, self.no_village_point),
            (ONLY_PAID_ORDERS_GO_UP, self.only_paid),
            (CARRIER_TRACKING_TAKEN, self.tracking_taken),
            (NOT_RECEIVED, self.not_received),
            (ONLY_UP_PARCELS, self.only_up),
        ]
        .into_iter()
        .find_map(|(known, sentence)| (known == detail).then_some(sentence))
    }
}

pub const PARCEL_UP_EN: ParcelUpTexts = ParcelUpTexts {
    send_up: "Send through the county network",
    send_up_intro: "The village point serving your village takes the parcel. The order shows as shipped with the parcel's code, then with the carrier's number once the county warehouse hands it over.",
    weight_kg: "Weight (kg)",
    weight_hint: "Leave empty to use the items' net weight.",
    contact_phone: "Your phone, for the village point",
    declare_produce: "Send other produce",
    declare_produce_intro: "Produce that is not a Farmgate order: the village point takes it up to the county warehouse for a carrier. Write the parcel's code on it.",
    destination: "Destination",
    declare: "Declare",
    network_carrier: "County network",
    parcel: "Parcel",
    path_title: "Parcel journey",
    stages: [
        "Announced by the carrier",
        "Declared at",
        "Received at",
        "Planned on a run",
        "Loaded",
        "At the village point",
        "Collected",
        "Picked up",
        "Handed over to",
    ],
    run: "run {run}",
    handover_title: "Handover to carriers",
    handover_intro: "Up parcels received at the county warehouse, by the carrier wanted. Scan or type the carrier's tracking number to hand one over.",
    any_carrier: "Any carrier",
    carrier_wanted: "Carrier wanted",
    hand_over: "Hand over",
    handed_over_ok: "Parcel {code} handed to {carrier}, tracking number {tracking}.",
    already_handed_over: "Parcel {code} was already handed over.",
    nothing_waiting: "No up parcels are waiting at the warehouse.",
    weight: "Weight",
    track_title: "Track a parcel",
    track_intro: "Anyone with a parcel's code sees its path; names and phones are partly hidden.",
    villager: ["For", "From"],
    directions: ["Coming to the village", "Leaving the village"],
    no_village_point: "No village point serves your shop's village yet; ask the hub to add one.",
    only_paid: "Only a paid order can be sent through the county network.",
    tracking_taken: "This carrier's tracking number is already on another parcel.",
    not_received: "Only a parcel received at the county warehouse can be handed over.",
    only_up: "Only parcels leaving the villages are handed to a carrier.",
    fields: &[
        ("weight", "Weight (kg)"),
        ("contact_phone", "Your phone"),
        ("destination", "Destination"),
    ],
};

pub const PARCEL_UP_ZH: ParcelUpTexts = ParcelUpTexts {
    send_up: "交县域共配网络寄出",
    send_up_intro: "由您村的村级服务点揽收。订单随即显示为已发货，运单号为包裹码；县级仓交给快递公司后，改为快递公司的运单号。",
    weight_kg: "重量（公斤）",
    weight_hint: "留空则按商品净重计算。",
    contact_phone: "您的手机（供服务点联系）",
    declare_produce: "寄送其他农产品",
    declare_produce_intro: "不是本平台订单的农产品：由村级服务点送到县级仓，再交给快递公司。请把包裹码写在包裹上。",
    destination: "寄往",
    declare: "申报",
    network_carrier: "县域共配网络",
    parcel: "包裹",
    path_title: "包裹轨迹",
    stages: [
        "快递公司已预报",
        "已申报于",
        "已入库于",
        "已排入车次",
        "已装车",
        "已到村级服务点",
        "已取件",
        "已揽收",
        "已交给",
    ],
    run: "车次 {run}",
    handover_title: "交接快递公司",
    handover_intro: "已到县级仓的出村包裹，按指定的快递公司分组。扫描或输入快递公司的运单号即完成交接。",
    any_carrier: "任一快递公司",
    carrier_wanted: "指定快递公司",
    hand_over: "交接",
    handed_over_ok: "包裹 {code} 已交给 {carrier}，运单号 {tracking}。",
    already_handed_over: "包裹 {code} 此前已交接。",
    nothing_waiting: "县级仓暂无待交接的出村包裹。",
    weight: "重量",
    track_title: "包裹查询",
    track_intro: "凭包裹码即可查看轨迹；姓名和手机号部分隐藏。",
    villager: ["收件人", "寄件人"],
    directions: ["进村", "出村"],
    no_village_point: "您店铺所在的村还没有村级服务点，请联系平台添加。",
    only_paid: "只有已付款的订单才能交县域共配网络寄出。",
    tracking_taken: "该快递公司的这个运单号已用于另一个包裹。",
    not_received: "只有已到县级仓的包裹才能交接。",
    only_up: "只有出村的包裹才交给快递公司。",
    fields: &[
        ("weight", "重量（公斤）"),
        ("contact_phone", "您的手机"),
        ("destination", "寄往"),
    ],
};
