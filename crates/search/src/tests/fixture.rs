//! A small, realistic catalogue of the demo county for relevance tests: goji and black goji,
//! cordyceps, lake salt, yak and Tibetan mutton, dairy, highland barley, quinoa, oil, honey,
//! sea buckthorn and handicrafts, plus a few traps (a 盐湖 tapestry, wild 灰藜 with 荞麦 noodles,
//! goji honey) that a careless analyser would confuse with the real thing.

use crate::ProductDoc;

/// Category slug → searchable names, as the catalogue will send them.
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

/// Village code → origin text. Codes are 632830 (the demo county) + township + village.
fn origin(code: &str) -> &'static str {
    match code {
        "632830100206" => "雪源镇红柳村 Hongliu Village, Xueyuan Town",
        "632830100201" => "雪源镇城东村 Chengdong Village, Xueyuan Town",
        "632830101205" => "察汗诺镇枸杞滩村 Gouqitan Village, Chahannuo Town",
        "632830101201" => "察汗诺镇察汗村 Chahan Village, Chahannuo Town",
        "632830102202" => "巴音塔拉镇青稞滩村 Qingketan Village, Bayintala Town",
        "632830103201" => "诺木达镇诺木达村 Nuomuda Village, Nuomuda Town",
        "632830200203" => "热格乡热格村 Rege Village, Rege Township",
        "632830201202" => "夏隆乡夏隆村 Xialong Village, Xialong Township",
        _ => "雪源县 Xueyuan County",
    }
}

const RED: &str = "632830101205";
const CHAHAN: &str = "632830101201";
const HONGLIU: &str = "632830100206";
const CHENGDONG: &str = "632830100201";
const BARLEY: &str = "632830102202";
const NUOMUDA: &str = "632830103201";
const REGE: &str = "632830200203";
const XIALONG: &str = "632830201202";

type Row = (
    &'static str, // id
    &'static str, // title
    &'static str, // title_en
    &'static str, // category
    &'static str, // village code
    &'static str, // producer
    &'static str, // grade
    i64,          // price in fen
    bool,         // in stock
    i64,          // sales
);

#[rustfmt::skip]
const ROWS: &[Row] = &[
    ("goji-special", "柴达木红枸杞 特级 500g", "Qaidam red goji, special grade", "fruit", RED, "枸杞滩红果合作社", "特级", 8_800, true, 950),
    ("goji-first", "宁夏品种 枸杞子 一级 250g", "", "fruit", RED, "马建国家庭农场", "一级", 3_900, true, 610),
    ("goji-fresh", "察汗诺 头茬枸杞干 特级", "", "fruit", CHAHAN, "察汗诺枸杞专业合作社", "特级", 6_600, true, 420),
    ("goji-organic", "有机枸杞 礼盒装 1kg", "Organic goji berries gift box", "fruit", RED, "雪源县有机农业公司", "特级", 19_800, false, 130),
    ("goji-juice", "枸杞原浆 30ml×10袋", "Goji juice concentrate", "processed", CHENGDONG, "雪源食品厂", "", 12_800, true, 300),
    ("sesame-goji-paste", "枸杞黑芝麻糊 600g", "Goji and black sesame paste", "processed", CHENGDONG, "雪源食品厂", "", 3_900, true, 880),
    ("bgoji-special", "柴达木野生黑枸杞 特级 100g", "Wild Qaidam black goji, special grade", "fruit", CHAHAN, "察汗诺黑果合作社", "特级", 15_800, true, 260),
    ("bgoji-first", "黑枸杞 一级 250g", "Black goji, first grade", "fruit", CHAHAN, "巴彦黑枸杞农场", "一级", 11_800, true, 700),
    ("bgoji-juice", "黑枸杞原浆 礼盒", "", "processed", CHAHAN, "雪源食品厂", "", 16_800, true, 90),
    ("bgoji-bulk", "黑枸杞 二级 散装 500g", "Black goji, bulk", "fruit", CHAHAN, "察汗诺黑果合作社", "二级", 9_800, true, 150),
    ("cordyceps-special", "冬虫夏草 特级 5g 礼盒", "Cordyceps, special grade", "herbs", XIALONG, "夏隆草原合作社", "特级", 128_000, true, 40),
    ("cordyceps-first", "玉树冬虫夏草 一级 10g", "", "herbs", XIALONG, "才让多杰家庭牧场", "一级", 168_000, true, 25),
    ("cordyceps-flower", "虫草花 干货 250g", "Cordyceps flower, dried", "fungi", HONGLIU, "红柳菌菇坊", "", 3_500, true, 400),
    ("salt-chaka", "茶卡湖盐 天然大颗粒 1kg", "Chaka lake salt, coarse", "seasonings", NUOMUDA, "诺木达盐业", "", 1_200, true, 2_000),
    ("salt-qaidam", "柴达木湖盐 500g×2", "", "seasonings", NUOMUDA, "诺木达盐业", "", 990, true, 1_500),
    ("salt-lamp", "湖盐晶 雕刻盐灯", "Lake salt crystal lamp", "handicrafts", NUOMUDA, "盐湖工艺社", "", 15_800, true, 60),
    ("yak-fresh", "牦牛肉 鲜切 2.5kg", "Fresh yak meat", "meat", REGE, "热格牧业合作社", "", 32_000, true, 380),
    ("yak-jerky", "风干牦牛肉干 五香 500g", "Air-dried yak jerky", "processed", REGE, "热格牧业合作社", "", 9_800, true, 1_200),
    ("yak-ribs", "高原牦牛排 1kg", "", "meat", REGE, "扎西家庭牧场", "", 13_800, false, 90),
    ("yak-milk-powder", "牦牛奶粉 全脂 400g", "Yak milk powder, full cream", "dairy", REGE, "热格乳业", "", 16_800, true, 500),
    ("yak-yoghurt", "牦牛酸奶 200g×6", "", "dairy", XIALONG, "夏隆乳业", "", 4_800, true, 800),
    ("mutton-ribs", "藏羊肉 羊排 2kg", "Tibetan mutton ribs", "meat", XIALONG, "夏隆牧业合作社", "", 26_000, true, 210),
    ("mutton-hand", "高原藏羊 手抓羊肉 1.5kg", "", "meat", XIALONG, "才让多杰家庭牧场", "", 19_800, true, 160),
    ("barley-rice", "青稞米 5kg", "Highland barley rice", "grain", BARLEY, "青稞滩粮油合作社", "", 6_500, true, 900),
    ("barley-flour", "黑青稞面 2.5kg", "", "grain", BARLEY, "青稞滩粮油合作社", "", 4_200, true, 350),
    ("barley-liquor", "青稞酒 42度 500ml", "Highland barley liquor", "processed", BARLEY, "巴音塔拉酒坊", "", 8_800, true, 240),
    ("barley-flakes", "青稞麦片 无糖 1kg", "Barley flakes, no sugar", "processed", BARLEY, "雪源食品厂", "", 3_600, true, 620),
    ("quinoa-white", "柴达木白藜麦 2.5kg", "Qaidam white quinoa", "grain", BARLEY, "巴音塔拉藜麦合作社", "一级", 7_800, true, 480),
    ("quinoa-tricolour", "三色藜麦 1kg", "Tricolour quinoa", "grain", BARLEY, "巴音塔拉藜麦合作社", "", 4_500, true, 330),
    ("quinoa-organic", "有机藜麦米 500g", "", "grain", HONGLIU, "红柳生态农场", "", 3_200, true, 210),
    ("wild-veg-box", "山野杂粮礼盒 灰藜干菜 荞麦面", "Wild greens and buckwheat noodle box", "vegetables", HONGLIU, "红柳生态农场", "", 8_800, true, 45),
    ("oil-small-press", "小榨菜籽油 5L", "Small-press rapeseed oil", "oils", BARLEY, "巴音塔拉油坊", "一级", 9_800, true, 1_100),
    ("oil-fragrant", "浓香菜籽油 1.8L", "", "oils", CHENGDONG, "雪源粮油公司", "一级", 4_600, true, 870),
    ("honey-rape", "油菜花蜜 500g", "Rapeseed flower honey", "honey", BARLEY, "巴音塔拉蜂业", "", 5_800, true, 560),
    ("honey-goji", "枸杞蜜 高原土蜂蜜 1kg", "Goji flower honey", "honey", RED, "枸杞滩蜂场", "", 9_900, true, 75),
    ("honey-wild", "雪域百花蜜 500g", "Plateau wildflower honey", "honey", REGE, "热格蜂业", "", 6_800, true, 330),
    ("buckthorn-juice", "沙棘汁 原浆 250ml×12", "Sea buckthorn juice", "processed", CHAHAN, "察汗诺沙棘饮品厂", "", 9_600, true, 720),
    ("buckthorn-oil", "沙棘果油 软胶囊 60粒", "", "herbs", CHAHAN, "察汗诺沙棘饮品厂", "", 19_800, true, 110),
    ("thangka", "热贡唐卡 手绘 绿度母", "Hand-painted thangka, Green Tara", "handicrafts", REGE, "热格唐卡画院", "", 380_000, true, 6),
    ("embroidery-purse", "土族盘绣 钱包", "Tu embroidery purse", "handicrafts", HONGLIU, "红柳绣坊", "", 16_800, true, 55),
    ("yak-wool-scarf", "牦牛绒 围巾", "Yak wool scarf", "handicrafts", REGE, "热格绒毛工坊", "", 29_800, true, 85),
    ("butter-lamp", "藏式银器 酥油灯", "Tibetan silver butter lamp", "handicrafts", XIALONG, "夏隆银匠铺", "", 45_000, false, 12),
    ("salt-lake-tapestry", "察尔汗盐湖风光 手工刺绣挂毯", "Qarhan salt lake embroidered tapestry", "handicrafts", NUOMUDA, "盐湖工艺社", "", 58_000, true, 18),
    ("snow-chrysanthemum", "雪菊 花草茶 50g", "Snow chrysanthemum tea", "tea", XIALONG, "夏隆草原合作社", "", 4_800, true, 260),
    ("mushroom", "黄蘑菇 干货 250g", "Dried yellow mushrooms", "fungi", REGE, "热格山货店", "", 8_800, true, 140),
    ("carrots", "诺木洪 胡萝卜 5kg", "Nuomuhong carrots", "vegetables", NUOMUDA, "诺木达蔬菜合作社", "", 2_500, true, 300),
    ("eggs", "高原土鸡蛋 30枚", "Free-range eggs", "eggs", HONGLIU, "红柳生态农场", "", 4_500, true, 640),
    ("trout", "冷水虹鳟鱼 1kg", "Cold-water rainbow trout", "aquatic", NUOMUDA, "诺木达渔场", "", 8_800, true, 190),
    ("noodles-low-salt", "低盐 青稞挂面 2kg", "Low-salt highland barley noodles", "processed", BARLEY, "雪源食品厂", "", 2_800, true, 510),
    ("ghee", "牧区酥油 500g", "Yak butter (ghee)", "dairy", REGE, "热格乳业", "", 6_800, true, 230),
    ("tsampa", "青稞糌粑 1kg", "Roasted barley flour (tsampa)", "processed", XIALONG, "夏隆乳业", "", 3_800, true, 410),
];

/// The fixture catalogue.
pub(crate) fn products() -> Vec<ProductDoc> {
    ROWS.iter()
        .map(
            |&(id, title, title_en, category, village, producer, grade, price, stock, sales)| {
                ProductDoc {
                    id: id.to_string(),
                    shop_id: format!("shop-{producer}"),
                    title: title.to_string(),
                    title_en: title_en.to_string(),
                    category: category.to_string(),
                    category_names: category_names(category).to_string(),
                    village_code: village.to_string(),
                    origin: origin(village).to_string(),
                    producer: producer.to_string(),
                    grade: grade.to_string(),
                    price_fen: price,
                    in_stock: stock,
                    sales,
                }
            },
        )
        .collect()
}

/// Ids of the fixture whose id starts with one of `prefixes`.
pub(crate) fn ids_starting(prefixes: &[&str]) -> Vec<&'static str> {
    ROWS.iter()
        .map(|row| row.0)
        .filter(|id| prefixes.iter().any(|p| id.starts_with(p)))
        .collect()
}
