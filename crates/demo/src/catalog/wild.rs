//! Lake salt from the salt-lake shore, cordyceps dug on the high meadows, and honey from hives
//! moved between rapeseed fields and mountain pasture. Prices are 2026 retail: lake salt
//! ¥8–25, whole cordyceps ¥200–600 a gram (graded by roots per gram), honey ¥50–150.

use farmgate_domain::catalogue::Category::{Handicrafts, Herbs, Honey, Seasonings};

use super::GradeSpec::{First, Own};
use super::{boxed, grams, kilos, piece, GradeSpec, Line, Tier, LINE};

const HANDMADE: GradeSpec = Own(("手工精品", "handmade"), Tier::Middle);
const RIPENED: GradeSpec = Own(("天然成熟蜜", "naturally ripened"), Tier::Top);

pub(crate) const LAKE_SALT: &[Line] = &[
    Line {
        name: ("食用湖盐", "table lake salt"),
        category: Seasonings,
        grades: &[Own(("优级", "premium grade"), Tier::Middle), First],
        styles: &[("细盐", "fine"), ("中粗盐", "medium grain")],
        packs: &[
            grams(("400g 袋装", "400 g bag"), 400, 450, (8, 15)),
            grams(("800g 罐装", "800 g tub"), 800, 1000, (15, 25)),
        ],
        made: &["夏秋在盐湖边的晒场引卤水晒盐，再经溶解、过滤、重结晶制成，不加抗结剂"],
        stock_max: 500,
        weight: 5,
        ..LINE
    },
    Line {
        name: ("大颗粒湖盐", "coarse lake salt"),
        category: Seasonings,
        packs: &[
            grams(("500g 袋装", "500 g bag"), 500, 560, (9, 18)),
            kilos(("1kg 袋装", "1 kg bag"), 1000, 1100, (14, 25)),
        ],
        made: &["盐湖卤水在高原的阳光和风里自然结晶，人工捞盐后晾干过筛，颗粒大、适合研磨"],
        stock_max: 500,
        weight: 3,
        ..LINE
    },
    Line {
        name: ("研磨湖盐", "lake salt grinder"),
        category: Seasonings,
        grade_in_title: false,
        packs: &[grams(
            ("200g 玻璃瓶", "200 g glass bottle"),
            200,
            380,
            (15, 25),
        )],
        made: &["大颗粒湖盐装进自带研磨器的玻璃瓶，现磨现撒"],
        weight: 2,
        ..LINE
    },
    Line {
        name: ("腌制湖盐", "curing lake salt"),
        category: Seasonings,
        grade_in_title: false,
        packs: &[kilos(("2.5kg 袋装", "2.5 kg bag"), 2500, 2700, (15, 25))],
        made: &["不加碘的原盐，颗粒粗，腌菜、腌肉都用它"],
        weight: 1,
        ..LINE
    },
    Line {
        name: ("湖盐灯", "lake salt lamp"),
        category: Handicrafts,
        grades: &[HANDMADE],
        grade_in_title: false,
        packs: &[piece(("约2kg", "about 2 kg"), None, 2600, (98, 298))],
        made: &["从盐湖采出整块结晶盐，手工雕刻打磨，再装上暖光灯座"],
        stock_max: 60,
        weight: 1,
        ..LINE
    },
];

pub(crate) const CORDYCEPS: &[Line] = &[
    Line {
        name: ("冬虫夏草", "cordyceps"),
        category: Herbs,
        grades: &[
            Own(("3根/克", "3 per gram"), Tier::Top),
            Own(("4根/克", "4 per gram"), Tier::Middle),
            Own(("5根/克", "5 per gram"), Tier::Low),
        ],
        packs: &[
            grams(("1g 体验装", "1 g trial"), 1, 60, (200, 600)),
            grams(("5g 礼盒", "5 g gift box"), 5, 300, (1000, 3000)),
            grams(("10g 礼盒", "10 g gift box"), 10, 400, (2000, 6000)),
        ],
        made: &["每年五月底到六月中旬，在海拔4000米以上的草甸上逐根采挖，刷净泥土后自然晾干"],
        stock_max: 60,
        weight: 6,
        ..LINE
    },
    Line {
        name: ("冬虫夏草 断草", "broken cordyceps"),
        category: Herbs,
        grades: &[Own(("断草", "broken pieces"), Tier::Middle)],
        grade_in_title: false,
        packs: &[
            grams(("5g 瓶装", "5 g bottle"), 5, 150, (380, 900)),
            grams(("10g 瓶装", "10 g bottle"), 10, 200, (720, 1680)),
        ],
        made: &["采挖和晾晒时断开的虫草，成分一样，价格实惠，适合炖汤"],
        stock_max: 60,
        weight: 2,
        ..LINE
    },
    Line {
        name: ("鲜冬虫夏草", "fresh cordyceps"),
        category: Herbs,
        grades: &[Own(("鲜草", "fresh"), Tier::Middle)],
        grade_in_title: false,
        packs: &[boxed(
            ("20根 冷链盒", "20 roots, chilled box"),
            40,
            500,
            (600, 1600),
        )],
        season: &[5, 6],
        chilled: true,
        made: &["采挖当天刷掉泥土，不晾晒，装进冰袋保鲜盒顺丰发出"],
        stock_max: 40,
        weight: 1,
        ..LINE
    },
];

pub(crate) const HONEY: &[Line] = &[
    Line {
        name: ("油菜花蜂蜜", "rapeseed-blossom honey"),
        category: Honey,
        grades: &[First, RIPENED],
        packs: &[
            grams(("500g 瓶装", "500 g jar"), 500, 800, (50, 98)),
            kilos(("1kg 瓶装", "1 kg jar"), 1000, 1500, (88, 150)),
        ],
        made: &["七月油菜花开时在地头放蜂，等蜂蜜在巢脾里封盖成熟才摇出来，不浓缩、不过度过滤"],
        weight: 5,
        ..LINE
    },
    Line {
        name: ("高原百花蜂蜜", "highland wildflower honey"),
        category: Honey,
        grades: &[First, RIPENED],
        packs: &[
            grams(("500g 瓶装", "500 g jar"), 500, 800, (58, 118)),
            kilos(("1kg 罐装", "1 kg tub"), 1000, 1500, (98, 150)),
        ],
        made: &["夏天把蜂群转到高山草甸，采的是黄芪、苜蓿和各种野花，天冷后会自然结晶"],
        weight: 4,
        ..LINE
    },
    Line {
        name: ("枸杞蜂蜜", "goji-blossom honey"),
        category: Honey,
        grades: &[First, RIPENED],
        packs: &[grams(("500g 瓶装", "500 g jar"), 500, 800, (68, 128))],
        made: &["六月枸杞开花时把蜂箱搬进枸杞地，蜜色浅黄，带一点枸杞的清香"],
        weight: 2,
        ..LINE
    },
    Line {
        name: ("蜂巢蜜", "comb honey"),
        category: Honey,
        grades: &[Own(("原巢", "whole comb"), Tier::Top)],
        grade_in_title: false,
        packs: &[grams(("500g 盒装", "500 g box"), 500, 800, (88, 150))],
        made: &["整块巢脾从蜂箱里切下来直接装盒，连蜂蜡一起嚼着吃"],
        weight: 2,
        ..LINE
    },
    Line {
        name: ("油菜蜂花粉", "rapeseed bee pollen"),
        category: Honey,
        grade_in_title: false,
        packs: &[grams(("250g 罐装", "250 g jar"), 250, 380, (38, 78))],
        made: &["在蜂箱口装上脱粉器收集花粉团，低温烘干后过筛"],
        weight: 1,
        ..LINE
    },
    Line {
        name: ("蜂蜡手工蜡烛", "beeswax candles"),
        category: Handicrafts,
        grades: &[HANDMADE],
        grade_in_title: false,
        packs: &[piece(("4支 礼盒", "gift box of 4"), None, 600, (80, 168))],
        made: &["用自家蜂场的蜂蜡熔化过滤，手工浇注成蜡烛，点着时有淡淡的蜜香"],
        stock_max: 80,
        weight: 1,
        ..LINE
    },
];
