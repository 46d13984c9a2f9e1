//! Product titles and descriptions the way county shops write them: the origin first, then the
//! product word (so 枸杞, gouqi and goji all find it), then style, grade and pack
//! ("柴达木黑枸杞 特级 250g罐装"); and a description that says where it grows, how high, how
//! it is harvested and made, and how it ships.

use crate::catalog::{GradeSpec, Line, Pack, Text, Tier};
use crate::county::COUNTY_NAME;
use crate::places::Village;
use crate::rng::Rng;

/// The longest English title the plan produces, so it fits a search result line.
pub(crate) const TITLE_EN_MAX: usize = 80;

/// The place a shop puts at the front of its titles, in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    pub zh: String,
    pub en: String,
}

/// One origin per shop, so a shop's titles read alike: its township, the county, the basin,
/// the province, "plateau", or now and then its own village.
pub(crate) fn origin(rng: &mut Rng, village: &Village) -> Origin {
    let county = COUNTY_NAME.0.trim_end_matches('县');
    let county_en = COUNTY_NAME.1.trim_end_matches(" Xian");
    let township = village.township.name;
    let choices: [(Text, u32); 6] = [
        (township, 3),
        ((county, county_en), 2),
        (("柴达木", "Qaidam"), 3),
        (("青海", "Qinghai"), 2),
        (("高原", "Plateau"), 1),
        (village.name, 1),
    ];
    let (zh, en) = *rng.weighted(&choices);
    Origin {
        zh: zh.to_owned(),
        en: en.to_owned(),
    }
}

/// What a title shows: everything optional but the line's name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TitleParts<'a> {
    pub origin: Option<&'a Origin>,
    pub line: &'static Line,
    pub style: Option<Text>,
    pub grade: GradeSpec,
    /// The pack, when the product has only one SKU and the title can name it.
    pub pack: Option<&'static Pack>,
    pub presale: bool,
}

impl TitleParts<'_> {
    /// The origin, unless the product's name already starts with a place word (高原百花蜂蜜).
    fn origin(&self) -> Option<&Origin> {
        self.origin
            .filter(|o| !self.line.name.0.contains(o.zh.as_str()))
    }

    fn grade(&self) -> Option<Text> {
        self.line.grade_in_title.then(|| self.grade.label())
    }
}

/// "预售 柴达木黑枸杞 特级 250g罐装": words separated by spaces, the pack without its space.
pub(crate) fn title_zh(parts: &TitleParts<'_>) -> String {
    let mut title = String::new();
    if parts.presale {
        title.push_str("预售 ");
    }
    if let Some(origin) = parts.origin() {
        title.push_str(&origin.zh);
    }
    title.push_str(parts.line.name.0);
    let pack = parts.pack.map(|p| p.name.replace(' ', ""));
    let words = [parts.style.map(|s| s.0), parts.grade().map(|g| g.0)];
    for word in words.into_iter().flatten().chain(pack.as_deref()) {
        title.push(' ');
        title.push_str(word);
    }
    title
}

/// "Pre-sale: Qaidam black goji, special grade, 250 g jar". When that would be longer than
/// [`TITLE_EN_MAX`], the pack goes first, then the grade, then the origin.
pub(crate) fn title_en(parts: &TitleParts<'_>) -> String {
    let full = english(parts, true, true, true);
    [
        full,
        english(parts, true, true, false),
        english(parts, true, false, false),
        english(parts, false, false, false),
    ]
    .into_iter()
    .find(|t| t.chars().count() <= TITLE_EN_MAX)
    .unwrap_or_else(|| parts.line.name.1.chars().take(TITLE_EN_MAX).collect())
}

fn english(parts: &TitleParts<'_>, origin: bool, grade: bool, pack: bool) -> String {
    let name = parts.line.name.1;
    let mut title = match parts.origin().filter(|_| origin) {
        Some(o) => format!("{} {name}", o.en),
        None => capitalised(name),
    };
    if parts.presale {
        title.insert_str(0, "Pre-sale: ");
    }
    let grade = parts.grade().filter(|_| grade).map(|g| g.1);
    let pack = parts.pack.filter(|_| pack).map(|p| p.name_en);
    for word in [parts.style.map(|s| s.1), grade, pack]
        .into_iter()
        .flatten()
    {
        title.push_str(", ");
        title.push_str(word);
    }
    title
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Why the plateau suits it, as a clause after the altitude.
const CLIMATES: &[&str] = &[
    "日照长、昼夜温差大",
    "空气干燥洁净，周围没有工厂",
    "冬长夏短，病虫害少",
    "紧挨着雪山和草场",
];

/// How an ordinary parcel goes out.
const SHIPPING: &[&str] = &[
    "下单后48小时内发货",
    "由县电商服务中心统一打包发出",
    "每批都附检测报告",
    "邮政和顺丰都能送到",
];

/// How a chilled or frozen parcel goes out.
const COLD_SHIPPING: &[&str] = &[
    "顺丰冷链发货，新疆、西藏等偏远地区暂不发货",
    "冰袋加泡沫箱包装，收到后请尽快冷藏或冷冻",
];

/// Two to four sentences: the place and its altitude, how the line is harvested and made,
/// what the grade means (when it is worth saying), and how it ships or when a pre-sale ships.
pub(crate) fn describe(
    rng: &mut Rng,
    line: &Line,
    grade: GradeSpec,
    village: &Village,
    presale: bool,
) -> String {
    let altitude = village.altitude_m / 10 * 10;
    let township = village.township.name_zh();
    let village_name = village.name_zh();
    let climate = rng.pick(CLIMATES);
    let mut text = if rng.chance(50) {
        format!("产自{township}{village_name}，海拔{altitude}米，{climate}。")
    } else {
        format!("{village_name}在{township}，海拔{altitude}米，{climate}。")
    };
    let made = *rng.pick(line.made);
    text.push_str(made);
    text.push('。');
    if let Some(sentence) = grade_sentence(line, grade) {
        if rng.chance(70) {
            text.push_str(&sentence);
        }
    }
    if presale {
        text.push_str("这是新一季的预售，上市后按付款顺序陆续发货。");
    } else if rng.chance(70) {
        let shipping = if line.chilled {
            rng.pick(COLD_SHIPPING)
        } else {
            rng.pick(SHIPPING)
        };
        text.push_str(shipping);
        text.push('。');
    }
    text
}

/// What a national grade (特级, 一级, 二级) tells a buyer; handicrafts say instead that no two
/// pieces are alike.
fn grade_sentence(line: &Line, grade: GradeSpec) -> Option<String> {
    if line.category == farmgate_domain::catalogue::Category::Handicrafts {
        return Some("每件都是手工做的，大小和花纹会略有不同。".to_owned());
    }
    // A product's own standard (3根/克, 压榨一级, 全脂) speaks for itself in the title.
    if !line.grade_in_title || matches!(grade, GradeSpec::Own(..)) {
        return None;
    }
    let label = grade.label().0;
    Some(match grade.tier() {
        Tier::Top => format!("这一款是{label}，只挑最好的一批，个头匀、成色足。"),
        Tier::Middle => format!("这一款是{label}，品质稳定，自家日常用正合适。"),
        Tier::Low => format!("这一款是{label}，外观稍差，品质不打折，价格更实惠。"),
    })
}

#[cfg(test)]
mod tests {
    use farmgate_domain::catalogue::{ProductDescription, ProductTitle};

    use super::*;
    use crate::catalog::lines;
    use crate::places::county;
    use crate::specialties::Specialty;

    #[test]
    fn titles_read_like_shop_titles_in_both_languages() {
        let county = county();
        let qaidam = Origin {
            zh: "柴达木".into(),
            en: "Qaidam".into(),
        };
        let line = &lines(Specialty::BlackGoji)[0];
        let parts = TitleParts {
            origin: Some(&qaidam),
            line,
            style: None,
            grade: GradeSpec::Special,
            pack: line.packs.get(1),
            presale: false,
        };
        assert_eq!(title_zh(&parts), "柴达木黑枸杞 特级 250g罐装");
        assert_eq!(
            title_en(&parts),
            "Qaidam black goji, special grade, 250 g jar"
        );
        let presale = TitleParts {
            origin: None,
            presale: true,
            ..parts
        };
        assert_eq!(title_zh(&presale), "预售 黑枸杞 特级 250g罐装");
        assert_eq!(
            title_en(&presale),
            "Pre-sale: Black goji, special grade, 250 g jar"
        );
        let mut rng = Rng::new(5);
        for specialty in Specialty::ALL {
            for line in lines(specialty) {
                for village in county.villages.iter().take(3) {
                    let shop_origin = origin(&mut rng, village);
                    let parts = TitleParts {
                        origin: Some(&shop_origin),
                        line,
                        style: line.styles.first().copied(),
                        grade: line.grades[0],
                        pack: line.packs.last(),
                        presale: true,
                    };
                    let zh = title_zh(&parts);
                    assert_eq!(
                        ProductTitle::parse(&zh).map(|t| t.as_str().to_owned()),
                        Ok(zh)
                    );
                    let en = title_en(&parts);
                    assert!(en.is_ascii() && en.len() <= TITLE_EN_MAX, "{en}");
                }
            }
        }
    }

    #[test]
    fn descriptions_say_where_how_high_and_how_it_is_made() {
        let county = county();
        let mut rng = Rng::new(6);
        for specialty in Specialty::ALL {
            for line in lines(specialty) {
                for (i, village) in county.villages.iter().enumerate().step_by(7) {
                    let text = describe(&mut rng, line, line.grades[0], village, i % 2 == 0);
                    assert!(ProductDescription::parse(&text).is_ok());
                    assert!(text.contains("海拔") && text.contains(village.name.0));
                    let sentences = text.matches('。').count();
                    assert!((2..=4).contains(&sentences), "{text}");
                    assert!(line.made.iter().any(|m| text.contains(m)));
                }
            }
        }
    }
}
