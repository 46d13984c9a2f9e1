//! Yak, Tibetan sheep and yak milk from the summer and winter pastures. Prices are 2026 retail:
//! yak meat ¥90–160 per 500 g, Tibetan mutton ¥60–100 per 500 g, yak milk powder ¥80–200, and
//! the herders' wool crafts ¥80–2,000. Fresh meat is sold in the slaughter season.

use farmgate_domain::catalogue::Category::{Dairy, Handicrafts, Meat, Processed};

use super::GradeSpec::{First, Own, Special};
use super::{boxed, grams, jin, kilos, piece, GradeSpec, Line, Tier, LINE};

const HANDMADE: GradeSpec = Own(("手工精品", "handmade"), Tier::Middle);
const HOUSE: GradeSpec = Own(("自家制", "home-made"), Tier::Middle);

pub(crate) const YAK_MEAT: &[Line] = &[
    Line {
        name: ("鲜牦牛肉", "fresh yak meat"),
        category: Meat,
        grades: &[Special, First],
        styles: &[
            ("牛腱子", "shank"),
            ("牛腩", "brisket"),
            ("里脊", "tenderloin"),
        ],
        packs: &[
            jin(("1斤 冷链装", "1 jin chilled"), 500, 900, (90, 160)),
            kilos(
                ("2.5kg 冷链箱", "2.5 kg chilled box"),
                2500,
                3500,
                (450, 780),
            ),
        ],
        season: &[11, 12, 1, 2],
        chilled: true,
        made: &["入冬后草场上的牦牛最肥，就地屠宰排酸二十四小时，分割后真空包装"],
        stock_max: 120,
        weight: 4,
        ..LINE
    },
    Line {
        name: ("冷冻牦牛肉", "frozen yak meat"),
        category: Meat,
        styles: &[("牛排骨", "ribs"), ("牛腱子", "shank"), ("肉馅", "mince")],
        packs: &[
            jin(("1斤 冷冻装", "1 jin frozen"), 500, 900, (90, 138)),
            kilos(("2kg 冷冻装", "2 kg frozen"), 2000, 2800, (360, 550)),
        ],
        chilled: true,
        made: &["冬季宰杀的牦牛分割后急冻保存，一年四季都能冷链发货"],
        stock_max: 150,
        weight: 3,
        ..LINE
    },
    Line {
        name: ("风干牦牛肉", "air-dried yak meat"),
        category: Processed,
        grades: &[HOUSE],
        grade_in_title: false,
        styles: &[("原味", "original"), ("麻辣味", "spicy")],
        packs: &[
            grams(("250g 袋装", "250 g bag"), 250, 320, (68, 128)),
            grams(("500g 礼盒", "500 g gift box"), 500, 900, (128, 238)),
        ],
        made: &["冬天把牦牛肉切条挂在通风的木架上，自然风干四十多天，不加防腐剂"],
        weight: 4,
        ..LINE
    },
    Line {
        name: ("牦牛肉干", "yak jerky"),
        category: Processed,
        grades: &[HOUSE],
        grade_in_title: false,
        styles: &[
            ("五香味", "five-spice"),
            ("麻辣味", "spicy"),
            ("孜然味", "cumin"),
            ("原味", "original"),
        ],
        packs: &[
            grams(("200g 袋装", "200 g bag"), 200, 260, (48, 88)),
            grams(("500g 罐装", "500 g tub"), 500, 750, (108, 198)),
        ],
        made: &["选牦牛后腿肉切条，用香料卤煮入味，再低温慢慢烘干"],
        weight: 4,
        ..LINE
    },
    Line {
        name: ("牦牛绒围巾", "yak-down scarf"),
        category: Handicrafts,
        grades: &[HANDMADE],
        grade_in_title: false,
        styles: &[("本色", "undyed"), ("深灰", "charcoal")],
        packs: &[piece(
            ("180×30cm 单条", "180 x 30 cm"),
            None,
            300,
            (280, 680),
        )],
        made: &["春天梳下牦牛脱换的细绒，手工纺线，在木织机上织成"],
        stock_max: 60,
        weight: 1,
        ..LINE
    },
    Line {
        name: ("牦牛毛手工毯", "handwoven yak-hair rug"),
        category: Handicrafts,
        grades: &[HANDMADE],
        grade_in_title: false,
        packs: &[piece(("1.2×1.8m", "1.2 x 1.8 m"), None, 4500, (800, 2000))],
        made: &["牧民用牦牛粗毛手工捻线，在帐篷边的地织机上一梭一梭织成"],
        stock_max: 20,
        weight: 1,
        ..LINE
    },
];

pub(crate) const TIBETAN_MUTTON: &[Line] = &[
    Line {
        name: ("鲜藏羊肉", "fresh Tibetan mutton"),
        category: Meat,
        grades: &[Special, First],
        styles: &[("羊腿", "leg"), ("羊排", "rack"), ("羊肉块", "diced")],
        packs: &[
            jin(("1斤 冷链装", "1 jin chilled"), 500, 900, (60, 100)),
            kilos(
                ("2.5kg 冷链箱", "2.5 kg chilled box"),
                2500,
                3500,
                (300, 500),
            ),
        ],
        season: &[9, 10, 11, 12],
        chilled: true,
        made: &["秋天草场上的羊最肥，当天屠宰排酸后分割，冷链发货"],
        stock_max: 150,
        weight: 4,
        ..LINE
    },
    Line {
        name: ("藏羊肉 整只", "whole Tibetan lamb"),
        category: Meat,
        packs: &[piece(
            ("约15kg/只", "about 15 kg"),
            Some(15_000),
            17_000,
            (1800, 3000),
        )],
        season: &[9, 10, 11, 12],
        chilled: true,
        made: &["一岁左右的藏羊，屠宰排酸后整只分割装箱，适合家宴和单位团购"],
        stock_max: 30,
        weight: 1,
        ..LINE
    },
    Line {
        name: ("冷冻藏羊肉", "frozen Tibetan mutton"),
        category: Meat,
        styles: &[
            ("羊排", "rack"),
            ("羊蝎子", "spine"),
            ("羊肉卷", "sliced rolls"),
        ],
        packs: &[
            jin(("1斤 冷冻装", "1 jin frozen"), 500, 900, (60, 100)),
            kilos(("1kg 冷冻装", "1 kg frozen"), 1000, 1600, (120, 200)),
        ],
        chilled: true,
        made: &["秋季宰杀后分割急冻，一年四季冷链发货"],
        weight: 3,
        ..LINE
    },
    Line {
        name: ("手抓藏羊肉", "hand-pulled Tibetan mutton"),
        category: Processed,
        grades: &[HOUSE],
        grade_in_title: false,
        packs: &[grams(
            ("500g 真空装", "500 g vacuum pack"),
            500,
            650,
            (68, 118),
        )],
        made: &["带骨羊肉清水慢煮，只放盐和花椒，真空包装后高温杀菌，加热就能吃"],
        weight: 3,
        ..LINE
    },
    Line {
        name: ("藏羊毛毡坐垫", "felted wool cushion"),
        category: Handicrafts,
        grades: &[HANDMADE],
        grade_in_title: false,
        packs: &[piece(("45cm 圆垫", "45 cm round"), None, 600, (80, 198))],
        made: &["用本地藏羊毛手工擀毡，再绣上传统的吉祥纹样"],
        stock_max: 80,
        weight: 1,
        ..LINE
    },
    Line {
        name: ("藏羊毛披肩", "Tibetan wool shawl"),
        category: Handicrafts,
        grades: &[HANDMADE],
        grade_in_title: false,
        packs: &[piece(("200×70cm", "200 x 70 cm"), None, 450, (260, 780))],
        made: &["剪下的藏羊毛洗净梳开，手工纺线织成，用植物染色"],
        stock_max: 60,
        weight: 1,
        ..LINE
    },
];

pub(crate) const YAK_MILK_POWDER: &[Line] = &[
    Line {
        name: ("牦牛奶粉", "yak milk powder"),
        category: Dairy,
        grades: &[Own(("全脂", "whole milk"), Tier::Middle)],
        packs: &[
            grams(("400g 罐装", "400 g tin"), 400, 650, (88, 168)),
            boxed(("25g×20条 礼盒", "20 x 25 g sachets"), 500, 800, (118, 188)),
            grams(("800g 罐装", "800 g tin"), 800, 1150, (148, 200)),
        ],
        made: &["夏季牧场上挤的牦牛鲜奶，当天送进乳品厂低温喷雾干燥，不添加植脂末"],
        weight: 6,
        ..LINE
    },
    Line {
        name: ("牦牛奶片", "yak milk tablets"),
        category: Dairy,
        grades: &[HOUSE],
        grade_in_title: false,
        styles: &[("原味", "plain"), ("酸奶味", "yoghurt flavour")],
        packs: &[
            grams(("100g 袋装", "100 g bag"), 100, 150, (25, 45)),
            grams(("250g 罐装", "250 g tub"), 250, 400, (52, 98)),
        ],
        made: &["牦牛奶粉直接压成小片，干吃奶香浓"],
        weight: 2,
        ..LINE
    },
    Line {
        name: ("牦牛酥油", "yak butter"),
        category: Dairy,
        grades: &[Own(("手工打制", "hand-churned"), Tier::Middle)],
        grade_in_title: false,
        packs: &[
            grams(("500g 块装", "500 g block"), 500, 800, (58, 98)),
            kilos(("1kg 块装", "1 kg block"), 1000, 1400, (108, 178)),
        ],
        chilled: true,
        made: &["牦牛鲜奶静置后打出奶油，反复揉压挤净水分，捏成块"],
        weight: 2,
        ..LINE
    },
    Line {
        name: ("牦牛奶曲拉", "yak milk churra"),
        category: Dairy,
        grades: &[HOUSE],
        grade_in_title: false,
        packs: &[grams(("500g 袋装", "500 g bag"), 500, 600, (38, 78))],
        made: &["打完酥油剩下的奶渣煮开、压干，在太阳下晾成小块"],
        weight: 1,
        ..LINE
    },
];
