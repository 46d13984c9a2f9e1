//! The words of the GS1 codes pages (issue 6): the hub's company prefix and a product's trace
//! settings — one field of `Texts`, with both languages here.

pub struct Gs1Texts {
    pub prefix_title: &'static str,
    pub prefix_intro: &'static str,
    pub prefix_hint: &'static str,
    /// The link from the marketplace settings page.
    pub prefix_link: &'static str,
    pub save: &'static str,
    pub product_title: &'static str,
    pub product_intro: &'static str,
    pub gtin_hint: &'static str,
    pub assign_gtin: &'static str,
    /// "Next free GTIN under the county's prefix {prefix}".
    pub assign_hint: &'static str,
    /// Shown instead of the assign choice while the hub has set no prefix.
    pub no_prefix: &'static str,
    pub passed_only: &'static str,
    pub passed_only_hint: &'static str,
    /// The link from the shop's product list.
    pub product_link: &'static str,
    /// "the check digit should be {digit}".
    pub check_digit: &'static str,
    pub fields: &'static [(&'static str, &'static str)],
}

pub const GS1_EN: Gs1Texts = Gs1Texts {
    prefix_title: "GS1 codes",
    prefix_intro: "The county's GS1 company prefix, licensed from GS1 China. Products can be given GTINs under it; their batch labels then carry GS1 Digital Link QR codes.",
    prefix_hint: "6 to 12 digits, e.g. 6901234. Leave empty if the county has none.",
    prefix_link: "GS1 company prefix",
    save: "Save",
    product_title: "Traceability settings",
    product_intro: "The product's GTIN goes on every batch label (as a GS1 Digital Link) and in EPCIS exports.",
    gtin_hint: "8, 12, 13 or 14 digits as printed under the barcode; leave empty for none.",
    assign_gtin: "Give it the next free GTIN of the county",
    assign_hint: "Under the county's prefix {prefix}; a GTIN the product already has is kept.",
    no_prefix: "The hub has not set a GS1 company prefix yet, so GTINs can only be typed.",
    passed_only: "Sell only batches that passed inspection",
    passed_only_hint: "Buyers can order this product only while a batch that passed inspection has units left.",
    product_link: "Traceability",
    check_digit: "the check digit should be {digit}",
    fields: &[
        ("company_prefix", "GS1 company prefix"),
        ("gtin", "GTIN"),
        ("passed_batches_only", "Sell only passed batches"),
    ],
};

pub const GS1_ZH: Gs1Texts = Gs1Texts {
    prefix_title: "GS1 编码",
    prefix_intro: "本县从中国物品编码中心取得的 GS1 厂商识别代码。商品可在其下分配 GTIN，批次标签随即印上 GS1 数字链接二维码。",
    prefix_hint: "6 至 12 位数字，例如 6901234。本县没有时留空。",
    prefix_link: "GS1 厂商识别代码",
    save: "保存",
    product_title: "溯源设置",
    product_intro: "商品的 GTIN 印在每个批次标签上（GS1 数字链接），也写入 EPCIS 导出。",
    gtin_hint: "条码下方印的 8、12、13 或 14 位数字；没有则留空。",
    assign_gtin: "分配本县下一个空闲的 GTIN",
    assign_hint: "在本县厂商识别代码 {prefix} 下分配；商品已有的 GTIN 保持不变。",
    no_prefix: "枢纽尚未设置 GS1 厂商识别代码，目前只能手动填写 GTIN。",
    passed_only: "只销售检测合格的批次",
    passed_only_hint: "只有仍有余量的检测合格批次时，买家才能下单此商品。",
    product_link: "溯源",
    check_digit: "校验位应为 {digit}",
    fields: &[
        ("company_prefix", "GS1 厂商识别代码"),
        ("gtin", "GTIN"),
        ("passed_batches_only", "只销售合格批次"),
    ],
};
