//! What the demo county produces: the plateau specialties of the Qaidam basin, with the words a
//! shop name, a description and a business licence need for each.

/// A specialty of the demo county. Producers list one to three; later parts of the demo
/// (products, batches, live rooms) can match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Specialty {
    Goji,
    BlackGoji,
    LakeSalt,
    YakMeat,
    TibetanMutton,
    HighlandBarley,
    Quinoa,
    RapeseedOil,
    Honey,
    Cordyceps,
    YakMilkPowder,
    SeaBuckthorn,
}

/// A Chinese word with its pinyin, so a name can be written in both scripts.
pub(crate) type Word = (&'static str, &'static str);

/// What the generators say about a specialty.
pub(crate) struct SpecialtyText {
    /// The short form used inside shop names (虫草 rather than 冬虫夏草).
    pub short: Word,
    /// What a household does, with `{n}` for its scale.
    pub practice: &'static str,
    /// The scale of a household; a cooperative is several times larger.
    pub scale: (u32, u32),
    /// Why a buyer would want it, as a clause.
    pub quality: &'static str,
    /// The registered kind of cooperative that grows or raises it.
    pub cooperative: Word,
    /// The village workshop that processes it and what it does, where one exists.
    pub workshop: Option<(Word, &'static str)>,
    /// Raised animals rather than crops: a family farm of these is a 家庭牧场 (ranch).
    pub livestock: bool,
    /// Grown or raised, rather than gathered from the wild or the lake shore: only these can be
    /// a family farm's main line.
    pub farmed: bool,
}

impl Specialty {
    pub const ALL: [Specialty; 12] = [
        Specialty::Goji,
        Specialty::BlackGoji,
        Specialty::LakeSalt,
        Specialty::YakMeat,
        Specialty::TibetanMutton,
        Specialty::HighlandBarley,
        Specialty::Quinoa,
        Specialty::RapeseedOil,
        Specialty::Honey,
        Specialty::Cordyceps,
        Specialty::YakMilkPowder,
        Specialty::SeaBuckthorn,
    ];

    /// The county's best-known product, which the showcase farm grows.
    pub const HEADLINE: Specialty = Specialty::Goji;

    /// A stable ASCII key, for URLs, fixtures and logs.
    pub const fn slug(self) -> &'static str {
        match self {
            Specialty::Goji => "goji",
            Specialty::BlackGoji => "black_goji",
            Specialty::LakeSalt => "lake_salt",
            Specialty::YakMeat => "yak_meat",
            Specialty::TibetanMutton => "tibetan_mutton",
            Specialty::HighlandBarley => "highland_barley",
            Specialty::Quinoa => "quinoa",
            Specialty::RapeseedOil => "rapeseed_oil",
            Specialty::Honey => "honey",
            Specialty::Cordyceps => "cordyceps",
            Specialty::YakMilkPowder => "yak_milk_powder",
            Specialty::SeaBuckthorn => "sea_buckthorn",
        }
    }

    pub const fn name_zh(self) -> &'static str {
        match self {
            Specialty::Goji => "枸杞",
            Specialty::BlackGoji => "黑枸杞",
            Specialty::LakeSalt => "湖盐",
            Specialty::YakMeat => "牦牛肉",
            Specialty::TibetanMutton => "藏羊肉",
            Specialty::HighlandBarley => "青稞",
            Specialty::Quinoa => "藜麦",
            Specialty::RapeseedOil => "菜籽油",
            Specialty::Honey => "蜂蜜",
            Specialty::Cordyceps => "冬虫夏草",
            Specialty::YakMilkPowder => "牦牛奶粉",
            Specialty::SeaBuckthorn => "沙棘",
        }
    }

    pub const fn name_en(self) -> &'static str {
        match self {
            Specialty::Goji => "Goji berries",
            Specialty::BlackGoji => "Black goji",
            Specialty::LakeSalt => "Lake salt",
            Specialty::YakMeat => "Yak meat",
            Specialty::TibetanMutton => "Tibetan mutton",
            Specialty::HighlandBarley => "Highland barley",
            Specialty::Quinoa => "Quinoa",
            Specialty::RapeseedOil => "Rapeseed oil",
            Specialty::Honey => "Honey",
            Specialty::Cordyceps => "Cordyceps",
            Specialty::YakMilkPowder => "Yak milk powder",
            Specialty::SeaBuckthorn => "Sea-buckthorn",
        }
    }

    pub fn parse(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub(crate) fn text(self) -> &'static SpecialtyText {
        match self {
            Specialty::Goji => &GOJI,
            Specialty::BlackGoji => &BLACK_GOJI,
            Specialty::LakeSalt => &LAKE_SALT,
            Specialty::YakMeat => &YAK_MEAT,
            Specialty::TibetanMutton => &TIBETAN_MUTTON,
            Specialty::HighlandBarley => &HIGHLAND_BARLEY,
            Specialty::Quinoa => &QUINOA,
            Specialty::RapeseedOil => &RAPESEED_OIL,
            Specialty::Honey => &HONEY,
            Specialty::Cordyceps => &CORDYCEPS,
            Specialty::YakMilkPowder => &YAK_MILK_POWDER,
            Specialty::SeaBuckthorn => &SEA_BUCKTHORN,
        }
    }
}

const GOJI: SpecialtyText = SpecialtyText {
    short: ("枸杞", "Gouqi"),
    practice: "种植柴达木枸杞{n}亩",
    scale: (8, 120),
    quality: "日照长、昼夜温差大，果粒饱满、自然晾晒",
    cooperative: ("枸杞种植专业合作社", "Gouqi Zhongzhi Zhuanye Hezuoshe"),
    workshop: Some((
        ("枸杞烘干坊", "Gouqi Honggan Fang"),
        "收购本地鲜枸杞，低温烘干、分拣分级",
    )),
    livestock: false,
    farmed: true,
};

const BLACK_GOJI: SpecialtyText = SpecialtyText {
    short: ("黑枸杞", "Hei Gouqi"),
    practice: "在戈壁滩上种植黑枸杞{n}亩",
    scale: (5, 60),
    quality: "由野生品种驯化而来，花青素含量高，泡水呈蓝紫色",
    cooperative: (
        "黑枸杞种植专业合作社",
        "Hei Gouqi Zhongzhi Zhuanye Hezuoshe",
    ),
    workshop: None,
    livestock: false,
    farmed: true,
};

const LAKE_SALT: SpecialtyText = SpecialtyText {
    short: ("湖盐", "Huyan"),
    practice: "在盐湖边晾晒天然湖盐，年产约{n}吨",
    scale: (5, 60),
    quality: "不加抗结剂，颗粒晶莹、咸味柔和",
    cooperative: ("湖盐专业合作社", "Huyan Zhuanye Hezuoshe"),
    workshop: Some((
        ("湖盐工坊", "Huyan Gongfang"),
        "取盐湖原盐手工晾晒、研磨、分装",
    )),
    livestock: false,
    farmed: false,
};

const YAK_MEAT: SpecialtyText = SpecialtyText {
    short: ("牦牛肉", "Maoniurou"),
    practice: "在夏季草场放养牦牛{n}头",
    scale: (20, 260),
    quality: "高寒草场自然放牧，肉质紧实、脂肪少",
    cooperative: ("牦牛养殖专业合作社", "Maoniu Yangzhi Zhuanye Hezuoshe"),
    workshop: Some((
        ("牦牛肉加工坊", "Maoniurou Jiagongfang"),
        "收购周边牧户的牦牛，按传统方法制成风干牦牛肉",
    )),
    livestock: true,
    farmed: true,
};

const TIBETAN_MUTTON: SpecialtyText = SpecialtyText {
    short: ("藏羊肉", "Zangyangrou"),
    practice: "放养藏羊{n}只",
    scale: (60, 600),
    quality: "吃高原牧草、喝雪山融水，肉嫩不膻",
    cooperative: ("藏羊养殖专业合作社", "Zangyang Yangzhi Zhuanye Hezuoshe"),
    workshop: None,
    livestock: true,
    farmed: true,
};

const HIGHLAND_BARLEY: SpecialtyText = SpecialtyText {
    short: ("青稞", "Qingke"),
    practice: "种植青稞{n}亩",
    scale: (15, 200),
    quality: "高原冷凉气候里慢慢长成，可做糌粑、青稞面和青稞米",
    cooperative: ("青稞种植专业合作社", "Qingke Zhongzhi Zhuanye Hezuoshe"),
    workshop: Some((
        ("糌粑加工坊", "Zanba Jiagongfang"),
        "收购本地青稞，炒制研磨成糌粑和青稞面",
    )),
    livestock: false,
    farmed: true,
};

const QUINOA: SpecialtyText = SpecialtyText {
    short: ("藜麦", "Limai"),
    practice: "种植藜麦{n}亩",
    scale: (15, 160),
    quality: "生长期长，颗粒圆润、蛋白质含量高",
    cooperative: ("藜麦种植专业合作社", "Limai Zhongzhi Zhuanye Hezuoshe"),
    workshop: None,
    livestock: false,
    farmed: true,
};

const RAPESEED_OIL: SpecialtyText = SpecialtyText {
    short: ("菜籽油", "Caiziyou"),
    practice: "种植小油菜{n}亩，自家压榨菜籽油",
    scale: (15, 180),
    quality: "传统物理压榨，油色金黄、香味浓郁",
    cooperative: ("油菜种植专业合作社", "Youcai Zhongzhi Zhuanye Hezuoshe"),
    workshop: Some((
        ("榨油坊", "Zhayoufang"),
        "收购本地油菜籽，物理压榨、自然沉淀",
    )),
    livestock: false,
    farmed: true,
};

const HONEY: SpecialtyText = SpecialtyText {
    short: ("蜂蜜", "Fengmi"),
    practice: "养蜂{n}箱",
    scale: (30, 260),
    quality: "采自油菜花和高原野花，自然成熟、不浓缩",
    cooperative: ("养蜂专业合作社", "Yangfeng Zhuanye Hezuoshe"),
    workshop: None,
    livestock: false,
    farmed: true,
};

const CORDYCEPS: SpecialtyText = SpecialtyText {
    short: ("虫草", "Chongcao"),
    practice: "每年五六月上山采挖冬虫夏草",
    scale: (0, 0),
    quality: "产自海拔4000米以上的高山草甸，逐根挑选、原草晾干",
    cooperative: ("虫草专业合作社", "Chongcao Zhuanye Hezuoshe"),
    workshop: None,
    livestock: false,
    farmed: false,
};

const YAK_MILK_POWDER: SpecialtyText = SpecialtyText {
    short: ("牦牛奶粉", "Maoniu Naifen"),
    practice: "有产奶母牦牛{n}头，鲜奶低温制成奶粉",
    scale: (20, 160),
    quality: "奶源来自高寒牧场，乳脂丰富、奶香浓",
    cooperative: ("牦牛乳业专业合作社", "Maoniu Ruye Zhuanye Hezuoshe"),
    workshop: Some((
        ("乳品工坊", "Rupin Gongfang"),
        "收购周边牧户的牦牛鲜奶，低温喷雾干燥制成奶粉",
    )),
    livestock: true,
    farmed: true,
};

const SEA_BUCKTHORN: SpecialtyText = SpecialtyText {
    short: ("沙棘", "Shaji"),
    practice: "在河谷滩地种植沙棘，年收鲜果约{n}吨",
    scale: (2, 30),
    quality: "维生素C含量高，酸甜适口",
    cooperative: ("沙棘种植专业合作社", "Shaji Zhongzhi Zhuanye Hezuoshe"),
    workshop: Some((
        ("沙棘加工坊", "Shaji Jiagongfang"),
        "收购野生沙棘鲜果，榨汁制成沙棘原浆",
    )),
    livestock: false,
    farmed: true,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_specialty_has_names_and_round_trips() {
        for specialty in Specialty::ALL {
            assert_eq!(Specialty::parse(specialty.slug()), Some(specialty));
            assert!(!specialty.name_zh().is_empty() && !specialty.name_en().is_empty());
            let text = specialty.text();
            assert!(text.scale.0 <= text.scale.1);
            assert_eq!(
                text.practice.contains("{n}"),
                text.scale.1 > 0,
                "{specialty:?}: a scale is drawn only where the practice shows it"
            );
            assert!(text.short.1.is_ascii() && text.cooperative.1.is_ascii());
        }
        assert_eq!(Specialty::parse("durian"), None);
    }
}
