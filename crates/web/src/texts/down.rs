//! The words of the down flow's pages (issue 5): the logistics console, parcels in, receiving,
//! sorting, the village points with collection by code, pickup notices and carrier tokens —
//! one field of `Texts`, with both languages here.

use farmgate_domain::parcel::{Direction, ParcelStage};
use farmgate_services::down::{
    LineProblem, ALREADY_COLLECTED, NO_PARCEL_WITH_CODE, PICKUP_HELD, PICKUP_NOT_AT_POINT,
};

use super::Texts;

pub struct DownTexts {
    pub console: &'static str,
    pub console_intro: &'static str,
    pub today: &'static str,
    /// In the down path's order.
    pub stages: [&'static str; 6],
    /// "{n} parcels from earlier days are still on their way".
    pub earlier_open: &'static str,
    /// "{n} pickup notices waiting to be sent".
    pub notices_owed: &'static str,
    pub intake: &'static str,
    pub receiving: &'static str,
    pub sorting: &'static str,
    pub points: &'static str,
    pub notices: &'static str,
    pub carrier_tokens: &'static str,
    pub back: &'static str,
    pub counter: &'static str,
    pub counter_intro: &'static str,
    pub destination_hint: &'static str,
    pub enter: &'static str,
    /// "Parcel {code} received: it goes to {point}."
    pub entered: &'static str,
    pub manifest: &'static str,
    /// `{columns}` is filled in.
    pub manifest_intro: &'static str,
    /// "{rows} rows read, {n} parcels announced."
    pub manifest_done: &'static str,
    /// "The file lacks the columns {columns}; nothing was imported."
    pub missing_columns: &'static str,
    pub unknown_carrier: &'static str,
    /// "{value} is neither …".
    pub unknown_destination: &'static str,
    /// "no village point serves {village} ({code})".
    pub no_point_serves: &'static str,
    pub tracking_known: &'static str,
    pub tracking_repeated: &'static str,
    pub receiving_intro: &'static str,
    pub scanned: &'static str,
    pub receive: &'static str,
    pub goes_to: &'static str,
    pub already_received: &'static str,
    pub no_such_parcel: &'static str,
    pub sorting_intro: &'static str,
    pub station: &'static str,
    pub point: &'static str,
    pub parcels: &'static str,
    pub weight_kg: &'static str,
    pub consolidated: &'static str,
    pub nothing_waiting: &'static str,
    pub points_intro: &'static str,
    pub waiting: &'static str,
    /// "{n} more on their way here".
    pub coming: &'static str,
    pub collect: &'static str,
    pub collect_intro: &'static str,
    pub hand_over: &'static str,
    /// "Parcel {code} handed to {name}."
    pub handed: &'static str,
    /// "Wrong pickup code: {n} tries left before the parcel is held."
    pub wrong_code: &'static str,
    pub held_badge: &'static str,
    pub notices_intro: &'static str,
    pub sent_at: &'static str,
    pub phone: &'static str,
    pub message: &'static str,
    pub provider: &'static str,
    pub none_yet: &'static str,
    pub tokens_intro: &'static str,
    pub issue: &'static str,
    pub revoke: &'static str,
    pub no_token: &'static str,
    /// "Issued {at}".
    pub issued: &'static str,
    /// "The new token of {carrier} — copy it now, it is not shown again:".
    pub token_once: &'static str,
    pub already_collected: &'static str,
    pub not_at_point: &'static str,
    pub held: &'static str,
    pub no_parcel_with_code: &'static str,
    pub fields: &'static [(&'static str, &'static str)],
}

impl DownTexts {
    pub fn stage(&self, stage: ParcelStage) -> &'static str {
        let index = ParcelStage::path(Direction::Down)
            .iter()
            .position(|s| *s == stage)
            .unwrap_or(0);
        self.stages[index]
    }

    /// The sentence for one of the down flow's refusals.
    pub fn conflict(&self, detail: &str) -> Option<&'static str> {
        match detail {
            ALREADY_COLLECTED => Some(self.already_collected),
            PICKUP_NOT_AT_POINT => Some(self.not_at_point),
            PICKUP_HELD => Some(self.held),
            NO_PARCEL_WITH_CODE => Some(self.no_parcel_with_code),
            _ => None,
        }
    }
}

impl Texts {
    /// One problem of a parcel line as a sentence, starting with the field it is about.
    pub fn line_problem(&self, problem: &LineProblem) -> String {
        let d = self.down;
        let sentence = match problem {
            LineProblem::Field(error) => return self.problem(error.field, &error.problem),
            LineProblem::UnknownCarrier => d.unknown_carrier.to_owned(),
            LineProblem::UnknownDestination(value) => {
                d.unknown_destination.replace("{value}", value)
            }
            LineProblem::NoPointServes { village, code } => d
                .no_point_serves
                .replace("{village}", village)
                .replace("{code}", code.as_str()),
            LineProblem::TrackingKnown => d.tracking_known.to_owned(),
            LineProblem::TrackingRepeated => d.tracking_repeated.to_owned(),
        };
        format!("{}{}{sentence}", self.field(problem.field()), self.colon)
    }
}

pub const DOWN_EN: DownTexts = DownTexts {
    console: "Logistics",
    console_intro: "Carriers' parcels coming down to the villages: in, received, sorted, at the village points and collected.",
    today: "Today's down parcels",
    stages: ["Announced", "Received", "Planned", "Loaded", "At the point", "Collected"],
    earlier_open: "{n} parcels from earlier days are still on their way.",
    notices_owed: "{n} pickup notices waiting to be sent.",
    intake: "Parcels in",
    receiving: "Receiving",
    sorting: "Sorting",
    points: "Village points",
    notices: "Pickup notices",
    carrier_tokens: "Carrier intake tokens",
    back: "Back to logistics",
    counter: "At the counter",
    counter_intro: "A parcel a carrier hands over at the warehouse counter: it is received at once.",
    destination_hint: "A village point's code (VP-0101) or the village's 12-digit area code",
    enter: "Receive this parcel",
    entered: "Parcel {code} received: it goes to {point}.",
    manifest: "A carrier's manifest",
    manifest_intro: "A CSV or XLSX file of one carrier's parcels, one a row, announced before they arrive. The columns are: {columns}.",
    manifest_done: "{rows} rows read, {n} parcels announced.",
    missing_columns: "The file lacks the columns {columns}, so nothing was imported.",
    unknown_carrier: "choose a carrier",
    unknown_destination: "{value} is neither a village point's code nor a village of the county",
    no_point_serves: "no village point serves {village} ({code})",
    tracking_known: "this carrier's tracking number is already in the network",
    tracking_repeated: "the same tracking number is listed twice",
    receiving_intro: "Scan or type the carrier's tracking number or our parcel code of each arriving parcel.",
    scanned: "Tracking number or parcel code",
    receive: "Receive",
    goes_to: "Goes to",
    already_received: "Already received",
    no_such_parcel: "No down parcel has this number.",
    sorting_intro: "Parcels at the warehouse waiting for a run, by the village point they go to, with each carrier's share: one village's parcels ride together whatever their carrier.",
    station: "Nearest station",
    point: "Village point",
    parcels: "Parcels",
    weight_kg: "kg",
    consolidated: "several carriers",
    nothing_waiting: "Nothing is waiting at the warehouse.",
    points_intro: "Each village point's parcels waiting for their villagers.",
    waiting: "Waiting here",
    coming: "{n} more on their way here.",
    collect: "Hand over by pickup code",
    collect_intro: "Ask for the pickup code the villager was sent; scan the parcel's label (or leave it empty to find the parcel by the code).",
    hand_over: "Hand over",
    handed: "Parcel {code} handed to {name}.",
    wrong_code: "Wrong pickup code: {n} tries left before the parcel is held.",
    held_badge: "held",
    notices_intro: "Messages sent to villagers when their parcel reaches the village point. The built-in outbox stands in for an SMS gateway: what it sent is listed here.",
    sent_at: "Sent",
    phone: "Phone",
    message: "Message",
    provider: "Provider",
    none_yet: "None yet.",
    tokens_intro: "A carrier's system announces its parcels with POST /api/v1/intake/parcels and its own token as Authorization: Bearer. Issuing a new token replaces the old one.",
    issue: "Issue a new token",
    revoke: "Revoke",
    no_token: "No token",
    issued: "Issued {at}",
    token_once: "The new token of {carrier}. Copy it now: it is not shown again.",
    already_collected: "This parcel has already been collected.",
    not_at_point: "This parcel is not waiting at this village point.",
    held: "Too many wrong codes: this parcel is held until the staff have checked the villager.",
    no_parcel_with_code: "No parcel waiting here has this pickup code.",
    fields: &[
        ("carrier", "Carrier"),
        ("tracking", "Tracking number"),
        ("destination", "Destination"),
        ("villager_name", "Recipient"),
        ("villager_phone", "Recipient's phone"),
        ("weight_g", "Weight (g)"),
        ("parcel", "Parcel"),
        ("pickup_code", "Pickup code"),
    ],
};

pub const DOWN_ZH: DownTexts = DownTexts {
    console: "物流工作台",
    console_intro: "快递公司的包裹下行到村：入库登记、到仓签收、分拣、到达村级服务点、凭码取件。",
    today: "今日下行包裹",
    stages: ["已预报", "已签收", "已排线", "已装车", "已到点", "已取件"],
    earlier_open: "往日的 {n} 件包裹仍在途中。",
    notices_owed: "{n} 条取件通知待发送。",
    intake: "包裹入库",
    receiving: "到仓签收",
    sorting: "分拣",
    points: "村级服务点",
    notices: "取件通知",
    carrier_tokens: "快递公司接入令牌",
    back: "返回物流工作台",
    counter: "柜台登记",
    counter_intro: "快递公司在仓库柜台交来的包裹：登记即签收。",
    destination_hint: "村级服务点编码（VP-0101）或村的 12 位区划代码",
    enter: "签收此包裹",
    entered: "包裹 {code} 已签收，送往 {point}。",
    manifest: "快递公司清单",
    manifest_intro: "一家快递公司的包裹清单（CSV 或 XLSX），每行一件，在到货前预报。列为：{columns}。",
    manifest_done: "读取 {rows} 行，预报 {n} 件包裹。",
    missing_columns: "文件缺少列 {columns}，未导入任何内容。",
    unknown_carrier: "请选择快递公司",
    unknown_destination: "{value} 既不是村级服务点编码，也不是本县的村",
    no_point_serves: "没有村级服务点服务{village}（{code}）",
    tracking_known: "该快递公司的运单号已在网络中",
    tracking_repeated: "同一运单号出现了两次",
    receiving_intro: "扫描或输入每件到货包裹的快递运单号或本平台包裹码。",
    scanned: "运单号或包裹码",
    receive: "签收",
    goes_to: "送往",
    already_received: "已签收过",
    no_such_parcel: "没有这个编号的下行包裹。",
    sorting_intro: "在仓库等待排线的包裹，按送往的村级服务点分组，并列出各快递公司的件数：同一个村的包裹不论哪家快递都一起配送。",
    station: "最近的乡镇站",
    point: "村级服务点",
    parcels: "件数",
    weight_kg: "公斤",
    consolidated: "多家快递",
    nothing_waiting: "仓库里没有待配送的包裹。",
    points_intro: "各村级服务点等待村民取件的包裹。",
    waiting: "待取件",
    coming: "另有 {n} 件正在送来。",
    collect: "凭取件码交付",
    collect_intro: "请村民报出收到的取件码；扫描包裹面单（或留空，按取件码查找包裹）。",
    hand_over: "交付",
    handed: "包裹 {code} 已交给 {name}。",
    wrong_code: "取件码错误：再错 {n} 次包裹将被暂扣。",
    held_badge: "暂扣",
    notices_intro: "包裹到达村级服务点时发给村民的短信。内置发件箱代替短信网关：它发出的消息列在这里。",
    sent_at: "发送时间",
    phone: "手机号",
    message: "内容",
    provider: "通道",
    none_yet: "暂无。",
    tokens_intro: "快递公司的系统用 POST /api/v1/intake/parcels 预报包裹，并以自己的令牌作为 Authorization: Bearer。签发新令牌会替换旧令牌。",
    issue: "签发新令牌",
    revoke: "吊销",
    no_token: "无令牌",
    issued: "签发于 {at}",
    token_once: "{carrier} 的新令牌。请立即复制：它不会再次显示。",
    already_collected: "该包裹已被取走。",
    not_at_point: "该包裹不在本服务点待取。",
    held: "取件码错误次数过多：包裹已暂扣，需工作人员核实村民身份。",
    no_parcel_with_code: "本服务点没有取件码为此的待取包裹。",
    fields: &[
        ("carrier", "快递公司"),
        ("tracking", "运单号"),
        ("destination", "目的地"),
        ("villager_name", "收件人"),
        ("villager_phone", "收件人手机"),
        ("weight_g", "重量（克）"),
        ("parcel", "包裹"),
        ("pickup_code", "取件码"),
    ],
};
