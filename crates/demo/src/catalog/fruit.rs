//! Goji, black goji and sea-buckthorn as the basin's shops sell them. Prices are 2026 retail:
//! red goji ¥30–80 per 500 g, black goji ¥80–300 per 250 g by grade, sea-buckthorn purée
//! ¥40–120 a box. Goji's own grades follow the berry count per 50 g of GB/T 18672.

use farmgate_domain::catalogue::Category::{Fruit, Oils, Processed, Tea};

use super::GradeSpec::{First, Own, Second, Special};
use super::{boxed, grams, jin, kilos, piece, GradeSpec, Line, Tier, GRADED, LINE};

const PREMIUM_GOJI: GradeSpec = Own(("特优 280粒/50g", "premium, 280 per 50 g"), Tier::Top);
const PURE_JUICE: GradeSpec = Own(("鲜果原浆", "pure juice"), Tier::Middle);

pub(crate) const GOJI: &[Line] = &[
    Line {
        name: ("红枸杞", "red goji"),
        category: Fruit,
        grades: &[PREMIUM_GOJI, Special, First, Second],
        packs: &[
            grams(("250g 袋装", "250 g bag"), 250, 300, (18, 45)),
            grams(("500g 罐装", "500 g jar"), 500, 700, (30, 80)),
            kilos(("1kg 袋装", "1 kg bag"), 1000, 1100, (55, 150)),
            jin(("5斤 家庭装", "5 jin family pack"), 2500, 2700, (138, 360)),
        ],
        made: &[
            "七月到十月分批采摘，鲜果铺在晾晒架上自然晒干，再人工挑出青果和破果",
            "鲜果采下后低温热风烘干，不熏硫、不打蜡，人工分拣分级",
        ],
        stock_max: 500,
        weight: 6,
        ..LINE
    },
    Line {
        name: ("头茬枸杞", "first-flush goji"),
        category: Fruit,
        grades: &[PREMIUM_GOJI, Special],
        packs: &[
            grams(("500g 礼盒", "500 g gift box"), 500, 900, (58, 128)),
            boxed(
                ("250g×2罐 礼盒", "2 x 250 g jar gift box"),
                500,
                1100,
                (78, 168),
            ),
        ],
        made: &["只收每年七月的头一茬果，粒大肉厚，在阴凉通风处慢慢晾干"],
        weight: 2,
        ..LINE
    },
    Line {
        name: ("鲜枸杞", "fresh goji"),
        category: Fruit,
        grades: &[Special, First],
        packs: &[
            kilos(("1kg 冷链盒装", "1 kg chilled box"), 1000, 1600, (38, 78)),
            jin(("3斤 冷链装", "3 jin chilled pack"), 1500, 2200, (58, 118)),
        ],
        season: &[7, 8, 9, 10],
        chilled: true,
        made: &["当天清晨采摘，预冷后装进带冰袋的泡沫箱冷链发出"],
        stock_max: 200,
        weight: 2,
        ..LINE
    },
    Line {
        name: ("枸杞原浆", "goji juice"),
        category: Processed,
        grades: &[PURE_JUICE],
        grade_in_title: false,
        packs: &[
            boxed(
                ("30ml×10袋 礼盒", "10 x 30 ml gift box"),
                300,
                450,
                (68, 128),
            ),
            boxed(
                ("30ml×30袋 礼盒", "30 x 30 ml gift box"),
                900,
                1200,
                (168, 328),
            ),
        ],
        made: &["鲜枸杞清洗后低温破壁榨汁，巴氏杀菌后小袋灌装，不加水、不加糖"],
        weight: 2,
        ..LINE
    },
    Line {
        name: ("枸杞芽茶", "goji leaf tea"),
        category: Tea,
        grades: &[Special, First],
        packs: &[
            grams(("100g 罐装", "100 g tin"), 100, 250, (38, 78)),
            grams(("250g 袋装", "250 g bag"), 250, 320, (68, 138)),
        ],
        made: &["四月采摘枸杞树的嫩芽，经杀青、揉捻、烘干制成，冲泡清香回甘"],
        weight: 1,
        ..LINE
    },
];

pub(crate) const BLACK_GOJI: &[Line] = &[
    Line {
        name: ("黑枸杞", "black goji"),
        category: Fruit,
        grades: GRADED,
        packs: &[
            grams(("100g 罐装", "100 g jar"), 100, 220, (38, 128)),
            grams(("250g 罐装", "250 g jar"), 250, 420, (80, 300)),
            boxed(
                ("150g×2罐 礼盒", "2 x 150 g jar gift box"),
                300,
                900,
                (128, 398),
            ),
            grams(("500g 袋装", "500 g bag"), 500, 600, (150, 560)),
        ],
        made: &[
            "八月到十月人工逐粒采摘，阴干后筛去碎果和杂质，按果粒大小分级",
            "果实熟透后带露采摘，自然阴干不暴晒，保住花青素",
        ],
        weight: 6,
        ..LINE
    },
    Line {
        name: ("野生黑枸杞", "wild black goji"),
        category: Fruit,
        grades: &[Own(("野生小果", "wild, small berry"), Tier::Middle)],
        packs: &[
            grams(("50g 试吃装", "50 g trial pack"), 50, 120, (22, 58)),
            grams(("250g 罐装", "250 g jar"), 250, 420, (98, 260)),
        ],
        made: &["在戈壁滩的野生灌丛里人工采摘，果小色深，晾干后过筛去杂"],
        stock_max: 120,
        weight: 2,
        ..LINE
    },
    Line {
        name: ("冻干黑枸杞", "freeze-dried black goji"),
        category: Fruit,
        grades: &[Special, First],
        packs: &[grams(("60g 罐装", "60 g jar"), 60, 180, (68, 158))],
        made: &["鲜果零下四十度速冻后真空冷冻干燥，颗粒饱满、入口酥脆"],
        weight: 1,
        ..LINE
    },
    Line {
        name: ("黑枸杞原浆", "black goji juice"),
        category: Processed,
        grades: &[PURE_JUICE],
        grade_in_title: false,
        packs: &[boxed(
            ("30ml×10袋 礼盒", "10 x 30 ml gift box"),
            300,
            450,
            (88, 168),
        )],
        made: &["黑枸杞鲜果冷榨取汁，低温灭菌后小袋灌装，颜色紫黑"],
        weight: 1,
        ..LINE
    },
];

pub(crate) const SEA_BUCKTHORN: &[Line] = &[
    Line {
        name: ("沙棘原浆", "sea-buckthorn puree"),
        category: Processed,
        grades: &[Own(("原浆", "pure puree"), Tier::Middle)],
        grade_in_title: false,
        packs: &[
            boxed(("30ml×10袋", "10 x 30 ml box"), 300, 450, (40, 88)),
            boxed(
                ("30ml×20袋 礼盒", "20 x 30 ml gift box"),
                600,
                800,
                (68, 120),
            ),
        ],
        made: &["霜降后采收鲜果，清洗后低温压榨，连果肉一起灌装，不加水、不加糖"],
        weight: 4,
        ..LINE
    },
    Line {
        name: ("沙棘果汁", "sea-buckthorn juice"),
        category: Processed,
        grades: &[Own(("果汁饮料", "juice drink"), Tier::Middle)],
        grade_in_title: false,
        packs: &[boxed(
            ("245ml×10瓶 箱装", "case of 10 x 245 ml"),
            2600,
            3200,
            (48, 98),
        )],
        made: &["用本地沙棘原浆调配，果汁含量不低于百分之三十，冰镇后更好喝"],
        weight: 2,
        ..LINE
    },
    Line {
        name: ("沙棘鲜果", "sea-buckthorn berries"),
        category: Fruit,
        grades: &[First, Second],
        styles: &[("冷冻", "frozen")],
        packs: &[
            kilos(("1kg 冷冻装", "1 kg frozen"), 1000, 1600, (28, 58)),
            kilos(("2.5kg 冷冻装", "2.5 kg frozen"), 2500, 3300, (58, 118)),
        ],
        season: &[10, 11, 12, 1],
        chilled: true,
        made: &["霜降后连枝剪下，冷冻后敲落果粒，拣去枝叶后冷链发货"],
        stock_max: 200,
        weight: 2,
        ..LINE
    },
    Line {
        name: ("沙棘籽油", "sea-buckthorn seed oil"),
        category: Oils,
        grades: &[Own(("冷榨", "cold-pressed"), Tier::Top)],
        packs: &[piece(
            ("100ml 瓶装", "100 ml bottle"),
            Some(92),
            300,
            (98, 198),
        )],
        made: &["沙棘籽晒干后低温冷榨取油，静置过滤后避光灌装"],
        stock_max: 100,
        weight: 1,
        ..LINE
    },
    Line {
        name: ("沙棘叶茶", "sea-buckthorn leaf tea"),
        category: Tea,
        packs: &[grams(("100g 罐装", "100 g tin"), 100, 260, (28, 58))],
        made: &["夏季采摘沙棘嫩叶，杀青后低温烘干，冲泡微酸回甘"],
        weight: 1,
        ..LINE
    },
    Line {
        name: ("沙棘果干", "dried sea-buckthorn"),
        category: Fruit,
        packs: &[grams(("250g 袋装", "250 g bag"), 250, 320, (25, 48))],
        made: &["鲜果低温烘干成果干，酸甜可口，可以直接吃"],
        weight: 1,
        ..LINE
    },
];
