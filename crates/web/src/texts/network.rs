//! The words of the hub's logistics network pages: the map, coverage, the lists, the forms and
//! the import report — one field of `Texts`, with both languages here.

use farmgate_domain::network::{NodeKind, StationService};

pub struct NetworkTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub map: &'static str,
    pub unserved_village: &'static str,
    /// In `NodeKind::ALL` order.
    pub kinds: [&'static str; 3],
    /// In `StationService::ALL` order.
    pub services: [&'static str; 4],
    pub coverage: &'static str,
    /// "{served} of {total} villages have a village point".
    pub villages_served: &'static str,
    pub unserved: &'static str,
    pub all_served: &'static str,
    /// "{service}: {n} stations".
    pub stations_merging: &'static str,
    pub nodes: &'static str,
    pub carriers: &'static str,
    pub vehicles: &'static str,
    pub add_node: &'static str,
    pub add_carrier: &'static str,
    pub add_vehicle: &'static str,
    pub edit_node: &'static str,
    pub edit_carrier: &'static str,
    pub edit_vehicle: &'static str,
    pub none_yet: &'static str,
    pub edit: &'static str,
    pub save: &'static str,
    pub back: &'static str,
    pub location: &'static str,
    pub detail: &'static str,
    pub capacity: &'static str,
    pub shift: &'static str,
    pub hours_hint: &'static str,
    pub services_hint: &'static str,
    pub import: &'static str,
    /// `{columns}` is filled in.
    pub import_intro: &'static str,
    /// "{rows} rows read".
    pub import_read: &'static str,
    /// "{n} records imported".
    pub import_done: &'static str,
    pub no_kind_column: &'static str,
    /// Labels of the form's fields, for their error messages.
    pub fields: &'static [(&'static str, &'static str)],
}

impl NetworkTexts {
    pub fn kind(&self, kind: NodeKind) -> &'static str {
        let index = NodeKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        self.kinds[index]
    }

    pub fn service(&self, service: StationService) -> &'static str {
        let index = StationService::ALL
            .iter()
            .position(|s| *s == service)
            .unwrap_or(0);
        self.services[index]
    }
}

pub const NETWORK_EN: NetworkTexts = NetworkTexts {
    title: "Logistics network",
    intro: "The county warehouse, the township stations and the village points, with the carriers and vehicles that run between them.",
    map: "Map",
    unserved_village: "Village without a point",
    kinds: ["Warehouse", "Station", "Village point"],
    services: ["E-commerce", "Express", "Post", "Bus freight"],
    coverage: "Coverage",
    villages_served: "{served} of {total} villages have a village point",
    unserved: "Villages without service",
    all_served: "Every village has a village point.",
    stations_merging: "{service}: {n} stations",
    nodes: "Sites",
    carriers: "Carriers",
    vehicles: "Vehicles",
    add_node: "Add a site",
    add_carrier: "Add a carrier",
    add_vehicle: "Add a vehicle",
    edit_node: "Edit site",
    edit_carrier: "Edit carrier",
    edit_vehicle: "Edit vehicle",
    none_yet: "None yet.",
    edit: "Edit",
    save: "Save",
    back: "Back to the network",
    location: "Location",
    detail: "Detail",
    capacity: "Capacity",
    shift: "Shift",
    hours_hint: "Opening hours such as 08:00-12:00 14:00-18:00",
    services_hint: "Stations: any of ecommerce express post bus_freight",
    import: "Import from a file",
    import_intro: "A CSV or XLSX file with a kind column (warehouse, station, village_point, carrier, vehicle); the columns are: {columns}. A row leaves blank what its kind does not use.",
    import_read: "{rows} rows read.",
    import_done: "{n} records imported.",
    no_kind_column: "The file has no kind column, so nothing was imported.",
    fields: &[
        ("kind", "Kind"),
        ("lat", "Latitude"),
        ("lon", "Longitude"),
        ("hours", "Opening hours"),
        ("services", "Services"),
        ("contact_name", "Contact"),
        ("contact_phone", "Contact phone"),
        ("plate", "Plate"),
        ("depot", "Depot"),
        ("capacity_kg", "Capacity (kg)"),
        ("capacity_parcels", "Capacity (parcels)"),
        ("shift_start", "Shift starts"),
        ("shift_end", "Shift ends"),
        ("cost_per_km", "Cost per km (yuan)"),
        ("code", "Code"),
    ],
};

pub const NETWORK_ZH: NetworkTexts = NetworkTexts {
    title: "物流网络",
    intro: "县级仓储中心、乡镇服务站和村级服务点，以及往来其间的快递公司和车辆。",
    map: "网络图",
    unserved_village: "尚无服务点的村",
    kinds: ["县级仓", "乡镇站", "村级点"],
    services: ["电商", "快递", "邮政", "客货邮"],
    coverage: "覆盖情况",
    villages_served: "{total} 个村中 {served} 个有村级服务点",
    unserved: "尚无服务的村",
    all_served: "每个村都有村级服务点。",
    stations_merging: "{service}：{n} 个站",
    nodes: "站点",
    carriers: "快递公司",
    vehicles: "车辆",
    add_node: "添加站点",
    add_carrier: "添加快递公司",
    add_vehicle: "添加车辆",
    edit_node: "编辑站点",
    edit_carrier: "编辑快递公司",
    edit_vehicle: "编辑车辆",
    none_yet: "暂无。",
    edit: "编辑",
    save: "保存",
    back: "返回物流网络",
    location: "位置",
    detail: "详情",
    capacity: "载量",
    shift: "班次",
    hours_hint: "营业时间，例如 08:00-12:00 14:00-18:00",
    services_hint: "乡镇站：ecommerce express post bus_freight 中的若干项",
    import: "从文件导入",
    import_intro: "CSV 或 XLSX 文件，须有 kind 列（warehouse、station、village_point、carrier、vehicle）；可用的列：{columns}。某类记录用不到的列留空。",
    import_read: "共读取 {rows} 行。",
    import_done: "已导入 {n} 条记录。",
    no_kind_column: "文件没有 kind 列，未导入任何内容。",
    fields: &[
        ("kind", "类型"),
        ("lat", "纬度"),
        ("lon", "经度"),
        ("hours", "营业时间"),
        ("services", "服务"),
        ("contact_name", "联系人"),
        ("contact_phone", "联系电话"),
        ("plate", "车牌"),
        ("depot", "所属站点"),
        ("capacity_kg", "载重（公斤）"),
        ("capacity_parcels", "载件（件）"),
        ("shift_start", "上班时间"),
        ("shift_end", "下班时间"),
        ("cost_per_km", "每公里成本（元）"),
        ("code", "编号"),
    ],
};
