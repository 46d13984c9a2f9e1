//! Name tables, each entry in Chinese with its pinyin. Haixi is home to Han, Hui, Tibetan and
//! Mongolian families, so the demo's people carry names from all four traditions.

use crate::specialties::Word;

/// Common surnames of Han families in Qinghai (祁 and 鲁 are local).
pub(crate) const HAN_SURNAMES: &[Word] = &[
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("赵", "Zhao"),
    ("杨", "Yang"),
    ("祁", "Qi"),
    ("何", "He"),
    ("朱", "Zhu"),
    ("鲁", "Lu"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("郭", "Guo"),
    ("胡", "Hu"),
    ("魏", "Wei"),
    ("吴", "Wu"),
    ("周", "Zhou"),
    ("贾", "Jia"),
    ("谢", "Xie"),
];

/// Surnames of Hui families; 马 is listed three times because it is that much more common.
pub(crate) const HUI_SURNAMES: &[Word] = &[
    ("马", "Ma"),
    ("马", "Ma"),
    ("马", "Ma"),
    ("韩", "Han"),
    ("冶", "Ye"),
    ("喇", "La"),
    ("白", "Bai"),
    ("苏", "Su"),
    ("沙", "Sha"),
    ("米", "Mi"),
];

/// Two-character given names shared by Han and Hui families.
pub(crate) const GIVEN_NAMES: &[Word] = &[
    ("建国", "Jianguo"),
    ("秀兰", "Xiulan"),
    ("海燕", "Haiyan"),
    ("文辉", "Wenhui"),
    ("玉梅", "Yumei"),
    ("志强", "Zhiqiang"),
    ("春花", "Chunhua"),
    ("国庆", "Guoqing"),
    ("红霞", "Hongxia"),
    ("永福", "Yongfu"),
    ("晓东", "Xiaodong"),
    ("丽娟", "Lijuan"),
    ("成林", "Chenglin"),
    ("德明", "Deming"),
    ("桂英", "Guiying"),
    ("海军", "Haijun"),
    ("金花", "Jinhua"),
    ("学文", "Xuewen"),
    ("长青", "Changqing"),
    ("雪梅", "Xuemei"),
    ("宝山", "Baoshan"),
    ("兰英", "Lanying"),
    ("向东", "Xiangdong"),
    ("淑芳", "Shufang"),
    ("福林", "Fulin"),
    ("明辉", "Minghui"),
    ("小军", "Xiaojun"),
    ("建华", "Jianhua"),
    ("玉珍", "Yuzhen"),
    ("生荣", "Shengrong"),
    ("占青", "Zhanqing"),
    ("继红", "Jihong"),
];

/// Given names heard more often in Hui families.
pub(crate) const HUI_GIVEN_NAMES: &[Word] = &[
    ("福海", "Fuhai"),
    ("明德", "Mingde"),
    ("进财", "Jincai"),
    ("占山", "Zhanshan"),
    ("有福", "Youfu"),
    ("海龙", "Hailong"),
    ("秀英", "Xiuying"),
    ("国忠", "Guozhong"),
    ("玉兰", "Yulan"),
    ("尕西", "Gaxi"),
    ("法图麦", "Fatumai"),
    ("哈桑", "Hasang"),
];

/// One-character given names, common among people born since the 1980s.
pub(crate) const SHORT_GIVEN_NAMES: &[Word] = &[
    ("艳", "Yan"),
    ("勇", "Yong"),
    ("静", "Jing"),
    ("强", "Qiang"),
    ("敏", "Min"),
    ("军", "Jun"),
    ("芳", "Fang"),
    ("涛", "Tao"),
    ("磊", "Lei"),
    ("娟", "Juan"),
    ("鹏", "Peng"),
    ("燕", "Yan"),
];

/// Tibetan names; people commonly go by one of these or by two together (才让卓玛).
pub(crate) const TIBETAN_NAMES: &[Word] = &[
    ("卓玛", "Zhuoma"),
    ("扎西", "Zhaxi"),
    ("才让", "Cairang"),
    ("多杰", "Duojie"),
    ("拉毛", "Lamao"),
    ("尼玛", "Nima"),
    ("索南", "Suonan"),
    ("旦增", "Danzeng"),
    ("央金", "Yangjin"),
    ("德吉", "Deji"),
    ("桑杰", "Sangjie"),
    ("更登", "Gengdeng"),
    ("仁青", "Renqing"),
    ("措毛", "Cuomao"),
    ("拉姆", "Lamu"),
    ("格桑", "Gesang"),
    ("次仁", "Ciren"),
    ("达娃", "Dawa"),
    ("华旦", "Huadan"),
    ("完玛", "Wanma"),
    ("卓嘎", "Zhuoga"),
    ("加措", "Jiacuo"),
    ("东周", "Dongzhou"),
    ("才旦", "Caidan"),
    ("周毛", "Zhoumao"),
    ("先巴", "Xianba"),
    ("公保", "Gongbao"),
    ("吉美", "Jimei"),
];

/// Mongolian names of Haixi's Mongol families.
pub(crate) const MONGOLIAN_NAMES: &[Word] = &[
    ("巴特尔", "Bateer"),
    ("其其格", "Qiqige"),
    ("乌兰", "Wulan"),
    ("斯琴", "Siqin"),
    ("娜仁", "Naren"),
    ("那日苏", "Narisu"),
    ("图雅", "Tuya"),
    ("宝音", "Baoyin"),
    ("朝鲁", "Chaolu"),
    ("孟和", "Menghe"),
    ("萨仁", "Saren"),
    ("额尔敦", "Eerdun"),
    ("苏和", "Suhe"),
    ("乌力吉", "Wuliji"),
    ("吉日格勒", "Jirigele"),
    ("阿拉坦", "Alatan"),
    ("敖登", "Aodeng"),
    ("巴雅尔", "Bayaer"),
    ("哈斯", "Hasi"),
    ("格日勒", "Gerile"),
    ("其木格", "Qimuge"),
    ("诺敏", "Nuomin"),
    ("塔娜", "Tana"),
    ("额尔德尼", "Eerdeni"),
    ("桑布", "Sangbu"),
    ("乌云", "Wuyun"),
    ("布和", "Buhe"),
    ("特木尔", "Temuer"),
    ("苏日娜", "Surina"),
    ("呼和", "Huhe"),
    ("斯日古楞", "Siriguleng"),
    ("满都拉", "Manduola"),
];

/// Auspicious words cooperatives and workshops put in their registered names.
pub(crate) const BRAND_WORDS: &[Word] = &[
    ("富民", "Fumin"),
    ("兴农", "Xingnong"),
    ("惠农", "Huinong"),
    ("绿源", "Lvyuan"),
    ("丰源", "Fengyuan"),
    ("金穗", "Jinsui"),
    ("雪域", "Xueyu"),
    ("高原红", "Gaoyuanhong"),
    ("昆仑", "Kunlun"),
    ("圣湖", "Shenghu"),
    ("瑞丰", "Ruifeng"),
    ("祥和", "Xianghe"),
    ("格桑花", "Gesanghua"),
    ("天润", "Tianrun"),
    ("戈壁红", "Gebihong"),
    ("雪莲", "Xuelian"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_non_empty_and_romanised_in_ascii() {
        for table in [
            HAN_SURNAMES,
            HUI_SURNAMES,
            GIVEN_NAMES,
            HUI_GIVEN_NAMES,
            SHORT_GIVEN_NAMES,
            TIBETAN_NAMES,
            MONGOLIAN_NAMES,
            BRAND_WORDS,
        ] {
            assert!(!table.is_empty());
            for (zh, py) in table {
                assert!(!zh.is_ascii(), "{zh} should be written in Chinese");
                assert!(
                    py.bytes().all(|b| b.is_ascii_alphabetic() || b == b' '),
                    "{py}"
                );
            }
        }
    }
}
