//! A deterministic catalogue of any size for `farmgate bench search`: the county's specialties
//! crossed with places, varieties, grades, producers and pack sizes, so titles vary the way real
//! listings do and term frequencies look like a real county's (many goji, few thangka).

use farmgate_search::ProductDoc;

/// SplitMix64: tiny, fast, and the same sequence on every machine for a given seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// What the county sells: Chinese and English names, category slug, share of the catalogue
/// (relative) and price range in yuan.
struct Specialty {
    zh: &'static str,
    en: &'static str,
    category: &'static str,
    share: usize,
    yuan: (i64, i64),
}

const fn s(
    zh: &'static str,
    en: &'static str,
    category: &'static str,
    share: usize,
    yuan: (i64, i64),
) -> Specialty {
    Specialty {
        zh,
        en,
        category,
        share,
        yuan,
    }
}

const SPECIALTIES: &[Specialty] = &[
    s("红枸杞", "red goji", "fruit", 14, (30, 200)),
    s("枸杞子", "goji berries", "fruit", 8, (30, 180)),
    s("黑枸杞", "black goji", "fruit", 10, (60, 400)),
    s("枸杞原浆", "goji juice", "processed", 4, (60, 300)),
    s("冬虫夏草", "cordyceps", "herbs", 3, (500, 3000)),
    s("湖盐", "lake salt", "seasonings", 4, (8, 40)),
    s("牦牛肉", "yak meat", "meat", 6, (80, 400)),
    s("牦牛肉干", "yak jerky", "processed", 5, (40, 200)),
    s("藏羊肉", "Tibetan mutton", "meat", 4, (80, 350)),
    s("牦牛奶粉", "yak milk powder", "dairy", 4, (80, 300)),
    s("牦牛酸奶", "yak yoghurt", "dairy", 2, (20, 80)),
    s("青稞米", "highland barley", "grain", 5, (20, 90)),
    s("青稞面", "highland barley flour", "grain", 3, (15, 60)),
    s(
        "青稞酒",
        "highland barley liquor",
        "processed",
        2,
        (40, 400),
    ),
    s("藜麦", "quinoa", "grain", 6, (20, 120)),
    s("菜籽油", "rapeseed oil", "oils", 5, (40, 180)),
    s("油菜花蜜", "rapeseed honey", "honey", 3, (40, 160)),
    s("百花蜜", "wildflower honey", "honey", 2, (50, 200)),
    s("沙棘汁", "sea buckthorn juice", "processed", 3, (40, 200)),
    s("沙棘果油", "sea buckthorn oil", "herbs", 1, (100, 500)),
    s("唐卡", "thangka", "handicrafts", 1, (500, 20000)),
    s("土族盘绣", "Tu embroidery", "handicrafts", 1, (80, 2000)),
    s(
        "牦牛绒围巾",
        "yak wool scarf",
        "handicrafts",
        1,
        (200, 1200),
    ),
    s("雪菊", "snow chrysanthemum tea", "tea", 2, (30, 150)),
    s("黄蘑菇", "yellow mushrooms", "fungi", 2, (40, 200)),
    s("胡萝卜", "carrots", "vegetables", 2, (10, 40)),
    s("土鸡蛋", "free-range eggs", "eggs", 2, (30, 90)),
    s("虹鳟鱼", "rainbow trout", "aquatic", 1, (60, 200)),
    s("酥油", "yak butter", "dairy", 1, (50, 200)),
];

const PLACES: &[(&str, &str)] = &[
    ("柴达木", "Qaidam"),
    ("青海", "Qinghai"),
    ("雪源", "Xueyuan"),
    ("察汗诺", "Chahannuo"),
    ("高原", "plateau"),
    ("德令哈", "Delingha"),
    ("", ""),
    ("", ""),
];

const VARIETIES: &[(&str, &str)] = &[
    ("野生", "wild"),
    ("有机", "organic"),
    ("头茬", "first-picking"),
    ("精选", "selected"),
    ("手工", "handmade"),
    ("农家", "farmhouse"),
    ("", ""),
    ("", ""),
    ("", ""),
];

const GRADES: &[(&str, &str)] = &[
    ("特级", "special grade"),
    ("一级", "first grade"),
    ("二级", "second grade"),
    ("特优", "premium"),
    ("", ""),
    ("", ""),
];

const PACKS: &[&str] = &[
    "100g",
    "250g",
    "500g",
    "1kg",
    "2.5kg",
    "5kg",
    "礼盒装",
    "散装",
    "家庭装",
    "500g×2",
    "6瓶",
];

const TOWNSHIPS: &[(&str, &str, &[&str])] = &[
    (
        "100",
        "雪源镇",
        &[
            "城东",
            "城西",
            "新华",
            "团结",
            "河滩",
            "红柳",
            "沙柳泉",
            "金光",
        ],
    ),
    (
        "101",
        "察汗诺镇",
        &[
            "察汗",
            "巴彦",
            "苏木图",
            "乌兰格",
            "枸杞滩",
            "戈壁",
            "新源",
            "塔温",
        ],
    ),
    (
        "102",
        "巴音塔拉镇",
        &[
            "塔拉",
            "青稞滩",
            "上庄",
            "下庄",
            "东沟",
            "西沟",
            "前进",
            "幸福",
        ],
    ),
    (
        "103",
        "诺木达镇",
        &[
            "诺木达",
            "盐湖",
            "查查",
            "哈图",
            "新村",
            "光明",
            "和平",
            "胜利",
        ],
    ),
    (
        "200",
        "热格乡",
        &[
            "热格", "扎麻", "多隆", "雪山", "草原", "达布", "香日", "宗务",
        ],
    ),
    (
        "201",
        "夏隆乡",
        &[
            "夏隆", "卡力", "加木", "曲什", "尕日", "角什", "科才", "阿滩",
        ],
    ),
];

const SURNAMES: &[&str] = &[
    "马", "韩", "李", "王", "才让", "扎西", "巴图", "张", "冶", "索南",
];
const GIVEN: &[&str] = &[
    "建国", "玉兰", "德吉", "海军", "秀英", "多杰", "卓玛", "福寿", "卫东",
];
const KINDS: &[&str] = &[
    "专业合作社",
    "家庭农场",
    "家庭牧场",
    "工坊",
    "商贸公司",
    "特产店",
];

fn weighted_specialty(rng: &mut Rng) -> &'static Specialty {
    let total: usize = SPECIALTIES.iter().map(|s| s.share).sum();
    let mut roll = rng.below(total);
    for specialty in SPECIALTIES {
        if roll < specialty.share {
            return specialty;
        }
        roll -= specialty.share;
    }
    &SPECIALTIES[0]
}

fn category_names(slug: &str) -> &'static str {
    match slug {
        "fruit" => "果品 Fruit & berries",
        "grain" => "粮食杂粮 Grain & cereals",
        "meat" => "畜禽肉类 Meat & poultry",
        "dairy" => "乳制品 Dairy",
        "herbs" => "滋补药材 Herbs & tonics",
        "fungi" => "食用菌 Edible fungi",
        "seasonings" => "盐与调味品 Salt & seasonings",
        "oils" => "食用油 Edible oils",
        "honey" => "蜂蜜蜂产品 Honey & bee products",
        "tea" => "茶叶 Tea",
        "vegetables" => "蔬菜 Vegetables",
        "eggs" => "禽蛋 Eggs",
        "aquatic" => "水产品 Aquatic products",
        "processed" => "加工食品 Processed foods & snacks",
        "handicrafts" => "手工艺品 Handicrafts",
        _ => "其他 Other",
    }
}

/// Product number `n` of the catalogue drawn from `rng`.
pub fn product(rng: &mut Rng, n: usize) -> ProductDoc {
    let specialty = weighted_specialty(rng);
    let (name, name_en, category) = (specialty.zh, specialty.en, specialty.category);
    let (low, high) = specialty.yuan;
    let &(place, place_en) = rng.pick(PLACES);
    let &(variety, variety_en) = rng.pick(VARIETIES);
    let &(grade, grade_en) = rng.pick(GRADES);
    let pack = rng.pick(PACKS);
    let township_index = rng.below(TOWNSHIPS.len());
    let (township_code, township, villages) = TOWNSHIPS[township_index];
    let village_index = rng.below(villages.len());
    let village = villages[village_index];
    let person = format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
    let producer = if rng.chance(50) {
        format!("{person}{}", rng.pick(KINDS))
    } else {
        format!("{village}{}", rng.pick(KINDS))
    };
    let title = format!("{place}{variety}{name} {grade} {pack}")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let title_en = if rng.chance(60) {
        format!("{place_en} {variety_en} {name_en} {grade_en}")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        String::new()
    };
    let yuan = low + rng.below((high - low).max(1) as usize) as i64;
    // Sales are skewed: most listings sell little, a few sell a lot.
    let spread = (rng.next() % 1000) as f64 / 1000.0;
    let sales = (spread.powi(4) * 20_000.0) as i64;
    ProductDoc {
        id: format!("p{n:08}"),
        shop_id: format!("s{:05}", rng.below(5_000)),
        title,
        title_en,
        category: category.to_string(),
        category_names: category_names(category).to_string(),
        village_code: format!("632830{township_code}{:03}", 201 + village_index),
        origin: format!("{township}{village}村"),
        producer,
        grade: grade.to_string(),
        price_fen: yuan * 100 + rng.below(100) as i64,
        in_stock: rng.chance(85),
        sales,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_is_the_same_for_a_seed_and_varied() {
        let draw = |seed| {
            let mut rng = Rng::new(seed);
            (0..500).map(|n| product(&mut rng, n)).collect::<Vec<_>>()
        };
        let products = draw(7);
        assert_eq!(products, draw(7));
        assert_ne!(products, draw(8));
        let titles: std::collections::HashSet<&str> =
            products.iter().map(|p| p.title.as_str()).collect();
        assert!(titles.len() > 300, "only {} distinct titles", titles.len());
        assert!(products
            .iter()
            .all(|p| p.village_code.len() == 12 && p.price_fen > 0));
    }
}
