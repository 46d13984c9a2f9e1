//! The buyers of the county's history: people all over the country, most in the big consumer
//! provinces, some in Qinghai and a few in the county itself (goods sent *down* into it). The
//! pool grows over the two years, so later months have more buyers as well as more orders.

use farmgate_domain::calendar::CivilDate;

use super::DemoBuyer;
use crate::accounts::email;
use crate::county::COUNTY_NAME;
use crate::rng::Rng;

/// Accounts in the pool; about two in five exist before the history starts, the rest join
/// evenly over it.
pub(crate) const BUYERS: usize = 9_000;
const PRESENT_AT_START_PERCENT: usize = 40;

/// Where buyers live: province code, city, district or county, and how many in a thousand.
const HOMES: [(&str, &str, &str, u32); 34] = [
    ("44", "广州市", "天河区", 55),
    ("44", "深圳市", "南山区", 55),
    ("44", "东莞市", "南城街道", 20),
    ("33", "杭州市", "西湖区", 45),
    ("33", "宁波市", "鄞州区", 20),
    ("32", "南京市", "鼓楼区", 30),
    ("32", "苏州市", "工业园区", 35),
    ("31", "上海市", "浦东新区", 60),
    ("31", "上海市", "徐汇区", 25),
    ("11", "北京市", "朝阳区", 50),
    ("11", "北京市", "海淀区", 30),
    ("12", "天津市", "南开区", 15),
    ("37", "济南市", "历下区", 20),
    ("37", "青岛市", "市南区", 20),
    ("51", "成都市", "武侯区", 40),
    ("50", "重庆市", "渝北区", 25),
    ("42", "武汉市", "洪山区", 25),
    ("43", "长沙市", "岳麓区", 20),
    ("41", "郑州市", "金水区", 25),
    ("13", "石家庄市", "长安区", 15),
    ("61", "西安市", "雁塔区", 30),
    ("62", "兰州市", "城关区", 25),
    ("64", "银川市", "兴庆区", 10),
    ("65", "乌鲁木齐市", "天山区", 10),
    ("35", "厦门市", "思明区", 20),
    ("34", "合肥市", "蜀山区", 15),
    ("36", "南昌市", "红谷滩区", 10),
    ("53", "昆明市", "五华区", 15),
    ("21", "沈阳市", "和平区", 15),
    ("23", "哈尔滨市", "南岗区", 10),
    ("63", "西宁市", "城西区", 70),
    ("63", "西宁市", "城中区", 45),
    ("63", "海西蒙古族藏族自治州", "格尔木市", 30),
    ("63", "海西蒙古族藏族自治州", COUNTY_NAME.0, 45),
];

const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋",
];
const GIVEN: [&str; 32] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明",
    "超", "秀英", "晓燕", "建华", "海燕", "志强", "佳怡", "子涵", "雨桐", "浩然", "思远", "梓轩",
    "欣怡", "文博", "一诺", "嘉豪",
];
const STREETS: [&str; 12] = [
    "人民路",
    "中山路",
    "建设路",
    "解放路",
    "文化路",
    "和平路",
    "新华街",
    "长江路",
    "胜利街",
    "学府路",
    "光明路",
    "振兴路",
];

pub(crate) fn buyers(rng: &mut Rng, from: CivilDate, to: CivilDate) -> Vec<DemoBuyer> {
    let span = (to.day_number() - from.day_number()).max(1);
    let present = BUYERS * PRESENT_AT_START_PERCENT / 100;
    (0..BUYERS)
        .map(|index| {
            let joined = if index < present {
                from
            } else {
                let rank = i64::try_from(index - present).unwrap_or(0);
                let later = i64::try_from(BUYERS - present).unwrap_or(1).max(1);
                from.plus_days(rank * span / later)
            };
            buyer(rng, email(&format!("shopper{:05}", index + 1)), joined)
        })
        .collect()
}

/// A buyer somewhere in China, with a name, a phone and a home address.
pub(crate) fn buyer(rng: &mut Rng, email: String, joined: CivilDate) -> DemoBuyer {
    let homes: Vec<(usize, u32)> = HOMES.iter().enumerate().map(|(i, h)| (i, h.3)).collect();
    let (province, city, county, _) = HOMES[*rng.weighted(&homes)];
    let name = format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN));
    let detail = format!(
        "{}{}号{}栋{}室",
        rng.pick(&STREETS),
        rng.between(1, 388),
        rng.between(1, 24),
        rng.between(101, 2_806)
    );
    DemoBuyer {
        email,
        display_name: name,
        phone: format!(
            "1{}{:09}",
            rng.pick(&[3, 5, 7, 8, 9]),
            rng.next_u64() % 1_000_000_000
        ),
        province: province.to_owned(),
        city: city.to_owned(),
        county: county.to_owned(),
        address_detail: detail,
        joined,
    }
}

/// The number of buyers who had joined by `day`: the pool's first that many.
pub(crate) fn joined_by(buyers: &[DemoBuyer], day: CivilDate) -> usize {
    buyers.partition_point(|buyer| buyer.joined <= day)
}
