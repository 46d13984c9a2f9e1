//! The agricultural catalogue: categories (with what commerce statistics and food-safety rules
//! need to know about each), grades, and the limits on a product's text and media.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::validation::{text_length, FieldError};

/// Where a product sits in the county's taxonomy. Dairy and eggs, and edible fungi and
/// herbs, are separate because the compliance certificate and the primary/processed split of
/// commerce statistics treat them differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Fresh and dried fruit and berries: goji, black goji, sea buckthorn.
    Fruit,
    Vegetables,
    /// Grain and coarse cereals: highland barley, quinoa, broad beans.
    Grain,
    /// Livestock and poultry meat: yak, Tibetan mutton, chicken.
    Meat,
    Eggs,
    /// Milk and milk products: yak milk powder, yoghurt, butter.
    Dairy,
    /// Cultivated and wild edible mushrooms.
    Fungi,
    /// Medicinal herbs and tonics: cordyceps, snow lotus, rhubarb.
    Herbs,
    /// Lake salt, chilli, Sichuan pepper and other seasonings.
    Seasonings,
    /// Rapeseed and other edible oils.
    Oils,
    /// Honey, royal jelly, propolis, bee pollen.
    Honey,
    Tea,
    /// Farmed and wild fish and other aquatic products, e.g. rainbow trout from the reservoirs.
    Aquatic,
    /// Processed foods and snacks: yak jerky, barley cakes, dried noodles.
    Processed,
    /// Thangka, embroidery, silverware, woollen goods.
    Handicrafts,
    Other,
}

/// How commerce statistics split agricultural products.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgriculturalStage {
    /// Grown or raised and at most cleaned, dried, sorted or packed.
    Primary,
    /// Transformed into a food product (under a food production licence).
    Processed,
}

impl Category {
    pub const ALL: [Category; 16] = [
        Category::Fruit,
        Category::Vegetables,
        Category::Grain,
        Category::Meat,
        Category::Eggs,
        Category::Dairy,
        Category::Fungi,
        Category::Herbs,
        Category::Seasonings,
        Category::Oils,
        Category::Honey,
        Category::Tea,
        Category::Aquatic,
        Category::Processed,
        Category::Handicrafts,
        Category::Other,
    ];

    /// The stable text used in URLs, storage and imports.
    pub const fn slug(self) -> &'static str {
        self.names().0
    }

    pub const fn name_zh(self) -> &'static str {
        self.names().1
    }

    pub const fn name_en(self) -> &'static str {
        self.names().2
    }

    const fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Category::Fruit => ("fruit", "果品", "Fruit & berries"),
            Category::Vegetables => ("vegetables", "蔬菜", "Vegetables"),
            Category::Grain => ("grain", "粮食杂粮", "Grain & cereals"),
            Category::Meat => ("meat", "畜禽肉类", "Meat & poultry"),
            Category::Eggs => ("eggs", "禽蛋", "Eggs"),
            Category::Dairy => ("dairy", "乳制品", "Dairy"),
            Category::Fungi => ("fungi", "食用菌", "Edible fungi"),
            Category::Herbs => ("herbs", "滋补药材", "Herbs & tonics"),
            Category::Seasonings => ("seasonings", "盐与调味品", "Salt & seasonings"),
            Category::Oils => ("oils", "食用油", "Edible oils"),
            Category::Honey => ("honey", "蜂蜜蜂产品", "Honey & bee products"),
            Category::Tea => ("tea", "茶叶", "Tea"),
            Category::Aquatic => ("aquatic", "水产品", "Aquatic products"),
            Category::Processed => ("processed", "加工食品", "Processed foods & snacks"),
            Category::Handicrafts => ("handicrafts", "手工艺品", "Handicrafts"),
            Category::Other => ("other", "其他", "Other"),
        }
    }

    /// Accepts the slug, the Chinese or the English name (as typed in an import file).
    pub fn parse(value: &str) -> Option<Category> {
        let value = value.trim();
        Self::ALL.into_iter().find(|category| {
            category.slug() == value
                || category.name_zh() == value
                || category.name_en().eq_ignore_ascii_case(value)
        })
    }

    /// Whether sales count as online retail of agricultural products. Commerce statistics
    /// count processed foods, seasonings and tonics too; handicrafts and "other" are not food.
    pub const fn is_agricultural(self) -> bool {
        self.stage().is_some()
    }

    /// Primary or processed, for agricultural categories. Tea counts as processed because
    /// what is sold online is finished tea made under a food licence, not fresh leaf.
    pub const fn stage(self) -> Option<AgriculturalStage> {
        use AgriculturalStage::{Primary, Processed};
        match self {
            Category::Fruit
            | Category::Vegetables
            | Category::Grain
            | Category::Meat
            | Category::Eggs
            | Category::Fungi
            | Category::Herbs
            | Category::Honey
            | Category::Aquatic => Some(Primary),
            Category::Dairy
            | Category::Seasonings
            | Category::Oils
            | Category::Tea
            | Category::Processed => Some(Processed),
            Category::Handicrafts | Category::Other => None,
        }
    }

    /// Whether the compliance certificate (承诺达标合格证) is required unless the hub says
    /// otherwise. Since 2026 it covers vegetables and cultivated fungi, fruit, fresh tea leaf,
    /// livestock and poultry, eggs and farmed aquatic products; finished tea is not fresh
    /// leaf, so tea is off by default and a hub selling fresh leaf turns it on.
    pub const fn certificate_required_by_default(self) -> bool {
        matches!(
            self,
            Category::Vegetables
                | Category::Fungi
                | Category::Fruit
                | Category::Meat
                | Category::Eggs
                | Category::Aquatic
        )
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug())
    }
}

/// The hub's setting of which categories need the compliance certificate before a batch is
/// sold. Starts from the national defaults; the hub may tighten or relax per category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificatePolicy {
    required: BTreeSet<Category>,
}

impl Default for CertificatePolicy {
    fn default() -> Self {
        Self {
            required: Category::ALL
                .into_iter()
                .filter(|category| category.certificate_required_by_default())
                .collect(),
        }
    }
}

impl CertificatePolicy {
    pub fn requires(&self, category: Category) -> bool {
        self.required.contains(&category)
    }

    pub fn set(&mut self, category: Category, required: bool) {
        if required {
            self.required.insert(category);
        } else {
            self.required.remove(&category);
        }
    }
}

/// A product's grade. The national and industry standards for most produce use special,
/// first and second grade; where a product follows its own (enterprise or group) standard, the
/// producer writes the grade as that standard names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Grade {
    Special,
    First,
    Second,
    Own(String),
}

impl Grade {
    pub const OWN_MAX_CHARS: usize = 20;

    /// A grade in the product's own standard, e.g. "一等品 (Q/QH 001)": 1–20 characters.
    pub fn own(text: &str) -> Result<Grade, FieldError> {
        text_length("grade", text, 1, Self::OWN_MAX_CHARS).map(Grade::Own)
    }

    /// Reads a stored or typed grade: `special`/`特级`, `first`/`一级`, `second`/`二级`, or
    /// anything else as the product's own standard.
    pub fn parse(value: &str) -> Result<Grade, FieldError> {
        match value.trim() {
            "special" | "特级" => Ok(Grade::Special),
            "first" | "一级" => Ok(Grade::First),
            "second" | "二级" => Ok(Grade::Second),
            other => Grade::own(other),
        }
    }

    pub fn label_zh(&self) -> &str {
        match self {
            Grade::Special => "特级",
            Grade::First => "一级",
            Grade::Second => "二级",
            Grade::Own(text) => text,
        }
    }

    pub fn label_en(&self) -> &str {
        match self {
            Grade::Special => "Special grade",
            Grade::First => "First grade",
            Grade::Second => "Second grade",
            Grade::Own(text) => text,
        }
    }
}

impl TryFrom<String> for Grade {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Grade::parse(&value).map_err(|_| format!("not a valid grade: {value}"))
    }
}

/// Stored as `special`, `first`, `second`, or the own standard's text.
impl From<Grade> for String {
    fn from(grade: Grade) -> String {
        match grade {
            Grade::Special => "special".into(),
            Grade::First => "first".into(),
            Grade::Second => "second".into(),
            Grade::Own(text) => text,
        }
    }
}

/// A product's title: 2–60 characters, long enough for "青海柴达木特级黑枸杞 250g 罐装".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProductTitle(String);

impl ProductTitle {
    pub const MIN_CHARS: usize = 2;
    pub const MAX_CHARS: usize = 60;

    pub fn parse(value: &str) -> Result<Self, FieldError> {
        text_length("title", value, Self::MIN_CHARS, Self::MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ProductTitle {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        ProductTitle::parse(&value).map_err(|_| format!("not a valid product title: {value}"))
    }
}

impl From<ProductTitle> for String {
    fn from(value: ProductTitle) -> String {
        value.0
    }
}

/// A product's description: up to 5,000 characters, may be empty. Line breaks are kept
/// (they are how producers lay out a description on a phone); other control characters are not.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProductDescription(String);

impl ProductDescription {
    pub const MAX_CHARS: usize = 5_000;

    pub fn parse(value: &str) -> Result<Self, FieldError> {
        let without_breaks: String = value
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        text_length("description", &without_breaks, 0, Self::MAX_CHARS)?;
        Ok(Self(value.trim().replace("\r\n", "\n").replace('\r', "\n")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ProductDescription {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        ProductDescription::parse(&value).map_err(|_| format!("not a valid description: {value}"))
    }
}

impl From<ProductDescription> for String {
    fn from(value: ProductDescription) -> String {
        value.0
    }
}

/// How much one product may carry: enough for any real listing, small enough that a product
/// page loads on a cheap phone.
pub mod limits {
    /// Photos per product (the first is the cover), as on the large platforms.
    pub const MAX_PHOTOS: usize = 9;
    /// Variants (SKUs) per product.
    pub const MAX_SKUS: usize = 30;
}

#[cfg(test)]
mod tests;
