//! The words printed on parcel labels and run sheets, and the buttons that print them — one
//! field of `Texts`, with both languages here.

use farmgate_domain::parcel::Direction;

/// Refusal when a run has no parcel left to label (all carried already).
pub const NO_PARCELS_TO_LABEL: &str = "this run has no parcels to label";

pub struct DocumentsTexts {
    pub nav_logistics: &'static str,
    pub run_sheet_pdf: &'static str,
    pub labels_pdf: &'static str,
    pub label_pdf: &'static str,
    pub label_heading: &'static str,
    pub destination: &'static str,
    pub recipient: &'static str,
    pub carrier: &'static str,
    pub route: &'static str,
    pub weight: &'static str,
    pub note: &'static str,
    /// The badge of a down and an up parcel, in `Direction::ALL` order.
    pub directions: [&'static str; 2],
    /// "{plate} {departs}, stop {n}".
    pub route_stop: &'static str,
    pub sheet_heading: &'static str,
    /// "{plate} · {departs}".
    pub sheet_title: &'static str,
    pub day: &'static str,
    pub vehicle: &'static str,
    pub depot: &'static str,
    pub driver_note: &'static str,
    pub distance: &'static str,
    pub duration: &'static str,
    /// "{h} h {m} min".
    pub hours_minutes: &'static str,
    pub parcels_down: &'static str,
    pub parcels_up: &'static str,
    pub done: &'static str,
    pub seq: &'static str,
    pub stop: &'static str,
    pub arrive_depart: &'static str,
    pub window: &'static str,
    pub deliver: &'static str,
    pub pickup: &'static str,
    pub parcels: &'static str,
    pub scan: &'static str,
    pub signature: &'static str,
    pub no_parcels_to_label: &'static str,
}

impl DocumentsTexts {
    pub fn direction(&self, direction: Direction) -> &'static str {
        let index = Direction::ALL.iter().position(|d| *d == direction);
        self.directions[index.unwrap_or(0)]
    }

    pub fn conflict(&self, detail: &str) -> Option<&'static str> {
        (detail == NO_PARCELS_TO_LABEL).then_some(self.no_parcels_to_label)
    }
}

pub const DOCUMENTS_EN: DocumentsTexts = DocumentsTexts {
    nav_logistics: "Logistics",
    run_sheet_pdf: "Run sheet (PDF)",
    labels_pdf: "Labels (PDF)",
    label_pdf: "Label (PDF)",
    label_heading: "Farmgate county logistics",
    destination: "To",
    recipient: "Recipient",
    carrier: "Carrier",
    route: "Run",
    weight: "Weight",
    note: "Note",
    directions: ["Delivery", "Pickup"],
    route_stop: "{plate} {departs}, stop {n}",
    sheet_heading: "Run sheet",
    sheet_title: "{plate} · {departs}",
    day: "Day",
    vehicle: "Vehicle",
    depot: "Depot",
    driver_note: "Note",
    distance: "Distance",
    duration: "Duration",
    hours_minutes: "{h} h {m} min",
    parcels_down: "To deliver",
    parcels_up: "To pick up",
    done: "Done",
    seq: "No.",
    stop: "Stop",
    arrive_depart: "Arrive / leave",
    window: "Open",
    deliver: "Drop",
    pickup: "Pick up",
    parcels: "Parcels",
    scan: "Scan",
    signature: "Driver's signature",
    no_parcels_to_label: "This run has no parcels left to label.",
};

pub const DOCUMENTS_ZH: DocumentsTexts = DocumentsTexts {
    nav_logistics: "物流",
    run_sheet_pdf: "路单（PDF）",
    labels_pdf: "面单（PDF）",
    label_pdf: "面单（PDF）",
    label_heading: "Farmgate 县域物流",
    destination: "目的地服务点",
    recipient: "收件人",
    carrier: "承运",
    route: "线路",
    weight: "重量",
    note: "备注",
    directions: ["派送", "揽收"],
    route_stop: "{plate} {departs} 第{n}站",
    sheet_heading: "路单",
    sheet_title: "{plate} · {departs} 出发",
    day: "日期",
    vehicle: "车辆",
    depot: "出发站点",
    driver_note: "备注",
    distance: "里程",
    duration: "用时",
    hours_minutes: "{h}小时{m}分",
    parcels_down: "派送件数",
    parcels_up: "揽收件数",
    done: "完成",
    seq: "序号",
    stop: "站点",
    arrive_depart: "到达 / 离开",
    window: "营业时间",
    deliver: "卸货",
    pickup: "揽收",
    parcels: "包裹",
    scan: "扫码",
    signature: "司机签字",
    no_parcels_to_label: "这个车次已没有需要打印面单的包裹。",
};
