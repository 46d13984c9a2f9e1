//! Highland barley, quinoa and rapeseed oil from the basin's fields. Prices are 2026 retail:
//! barley ¥12–40 a kilogram, quinoa ¥20–60 a kilogram, pressed rapeseed oil ¥60–120 for 5 L.
//! Oil grades are the pressed-oil grades of GB/T 1536 (压榨一级, 压榨二级).

use farmgate_domain::catalogue::Category::{Grain, Oils, Processed, Tea};

use super::GradeSpec::{First, Own, Special};
use super::{boxed, grams, kilos, piece, GradeSpec, Line, Tier, LINE};

const ROASTED: GradeSpec = Own(("炒制", "roasted"), Tier::Middle);
const PRESSED_FIRST: GradeSpec = Own(("压榨一级", "pressed, first grade"), Tier::Middle);
const PRESSED_SECOND: GradeSpec = Own(("压榨二级", "pressed, second grade"), Tier::Low);

const BARLEY_HARVEST: &str = "八月底收割，晾晒脱粒后去壳，保留麸皮";
const QUINOA_HARVEST: &str = "九月收割，晾晒脱粒后反复水洗去掉表皮的皂苷，再低温烘干";

pub(crate) const HIGHLAND_BARLEY: &[Line] = &[
    Line {
        name: ("青稞米", "highland barley rice"),
        category: Grain,
        grades: &[Special, First],
        packs: &[
            kilos(("1kg 真空装", "1 kg vacuum pack"), 1000, 1100, (12, 28)),
            kilos(("2.5kg 袋装", "2.5 kg bag"), 2500, 2700, (30, 80)),
            kilos(("5kg 袋装", "5 kg bag"), 5000, 5300, (60, 150)),
        ],
        made: &[
            BARLEY_HARVEST,
            "黑青稞和白青稞分开收，碾去外壳后过筛，煮饭要先泡两小时",
        ],
        stock_max: 500,
        weight: 5,
        ..LINE
    },
    Line {
        name: ("青稞面粉", "highland barley flour"),
        category: Grain,
        packs: &[
            kilos(("1kg 袋装", "1 kg bag"), 1000, 1100, (12, 26)),
            kilos(("2.5kg 袋装", "2.5 kg bag"), 2500, 2700, (30, 62)),
        ],
        made: &["本地青稞用石磨磨成全麦粉，可以做馍馍和面条"],
        weight: 2,
        ..LINE
    },
    Line {
        name: ("青稞糌粑", "roasted barley tsampa"),
        category: Processed,
        grades: &[ROASTED],
        grade_in_title: false,
        packs: &[
            grams(("500g 袋装", "500 g bag"), 500, 560, (15, 32)),
            kilos(("1kg 袋装", "1 kg bag"), 1000, 1100, (26, 55)),
        ],
        made: &["青稞洗净后在铁锅里翻炒，再用水磨磨成糌粑面，拌上酥油和奶茶吃"],
        weight: 3,
        ..LINE
    },
    Line {
        name: ("青稞茶", "roasted barley tea"),
        category: Tea,
        grades: &[ROASTED],
        grade_in_title: false,
        packs: &[
            grams(("150g 袋泡30包", "30 tea bags, 150 g"), 150, 260, (22, 48)),
            grams(("250g 罐装", "250 g tin"), 250, 400, (25, 58)),
        ],
        made: &["青稞粒低温烘焙出麦香，开水冲泡，汤色金黄"],
        weight: 2,
        ..LINE
    },
    Line {
        name: ("青稞麦片", "highland barley flakes"),
        category: Processed,
        grades: &[First],
        grade_in_title: false,
        styles: &[("原味", "plain"), ("无蔗糖", "no added sugar")],
        packs: &[
            grams(("500g 袋装", "500 g bag"), 500, 560, (18, 36)),
            kilos(("1kg 罐装", "1 kg tub"), 1000, 1300, (32, 62)),
        ],
        made: &["青稞蒸熟后压成片，再低温烘干，开水一冲就能吃"],
        weight: 1,
        ..LINE
    },
    Line {
        name: ("青稞挂面", "highland barley noodles"),
        category: Processed,
        grades: &[First],
        grade_in_title: false,
        packs: &[kilos(("1kg 袋装", "1 kg bag"), 1000, 1100, (18, 35))],
        made: &["青稞粉掺小麦粉手工压面，挂在院子里晾干"],
        weight: 1,
        ..LINE
    },
];

pub(crate) const QUINOA: &[Line] = &[
    Line {
        name: ("白藜麦", "white quinoa"),
        category: Grain,
        grades: &[Special, First],
        packs: &[
            grams(("500g 袋装", "500 g bag"), 500, 560, (12, 30)),
            kilos(("1kg 罐装", "1 kg tub"), 1000, 1300, (20, 60)),
            kilos(
                ("2.5kg 家庭装", "2.5 kg family pack"),
                2500,
                2800,
                (50, 138),
            ),
        ],
        made: &[QUINOA_HARVEST],
        stock_max: 500,
        weight: 5,
        ..LINE
    },
    Line {
        name: ("三色藜麦", "tri-colour quinoa"),
        category: Grain,
        grades: &[Special, First],
        packs: &[
            grams(("500g 袋装", "500 g bag"), 500, 560, (16, 30)),
            kilos(("1kg 罐装", "1 kg tub"), 1000, 1300, (30, 60)),
        ],
        made: &[
            QUINOA_HARVEST,
            "白、红、黑三种藜麦分块种植，分别收割后按比例混装",
        ],
        weight: 3,
        ..LINE
    },
    Line {
        name: ("红藜麦", "red quinoa"),
        category: Grain,
        packs: &[
            grams(("500g 袋装", "500 g bag"), 500, 560, (15, 30)),
            kilos(("1kg 袋装", "1 kg bag"), 1000, 1100, (28, 58)),
        ],
        made: &[QUINOA_HARVEST],
        weight: 2,
        ..LINE
    },
    Line {
        name: ("藜麦片", "quinoa flakes"),
        category: Processed,
        grade_in_title: false,
        packs: &[grams(("400g 罐装", "400 g tub"), 400, 600, (22, 45))],
        made: &["藜麦蒸熟后压片烘干，不加糖，冲泡或煮粥都行"],
        weight: 1,
        ..LINE
    },
    Line {
        name: ("藜麦挂面", "quinoa noodles"),
        category: Processed,
        grade_in_title: false,
        packs: &[kilos(("1kg 袋装", "1 kg bag"), 1000, 1100, (22, 42))],
        made: &["藜麦粉掺小麦粉压成挂面，自然晾干"],
        weight: 1,
        ..LINE
    },
];

pub(crate) const RAPESEED_OIL: &[Line] = &[
    Line {
        name: ("小榨菜籽油", "small-batch rapeseed oil"),
        category: Oils,
        grades: &[PRESSED_FIRST, PRESSED_SECOND],
        packs: &[
            piece(("2.5L 桶装", "2.5 L jug"), Some(2300), 2600, (35, 68)),
            piece(("5L 桶装", "5 L jug"), Some(4600), 5000, (60, 120)),
            boxed(("1.8L×2 礼盒", "2 x 1.8 L gift box"), 3300, 4000, (78, 148)),
        ],
        made: &["九月收下小油菜籽，晒干后炒籽、物理压榨，自然沉淀四十天再过滤"],
        stock_max: 200,
        weight: 5,
        ..LINE
    },
    Line {
        name: ("冷榨菜籽油", "cold-pressed rapeseed oil"),
        category: Oils,
        grades: &[Own(("头道冷榨", "first cold press"), Tier::Top)],
        packs: &[
            piece(("1L 玻璃瓶", "1 L glass bottle"), Some(920), 1500, (28, 48)),
            piece(("5L 桶装", "5 L jug"), Some(4600), 5000, (80, 120)),
        ],
        made: &["菜籽不炒直接冷榨，只取头道油，颜色浅、保留菜籽的清香"],
        stock_max: 150,
        weight: 2,
        ..LINE
    },
    Line {
        name: ("浓香菜籽油", "roasted-seed rapeseed oil"),
        category: Oils,
        grades: &[PRESSED_FIRST],
        packs: &[
            piece(("5L 桶装", "5 L jug"), Some(4600), 5000, (60, 110)),
            piece(("10L 桶装", "10 L jug"), Some(9200), 9800, (118, 220)),
        ],
        made: &["菜籽用柴火大锅炒到焦香，老式木榨压出，油色深黄、香味冲"],
        stock_max: 150,
        weight: 2,
        ..LINE
    },
];
