use super::*;
use crate::validation::Problem;

#[test]
fn every_category_round_trips_and_names_are_unique() {
    for category in Category::ALL {
        assert_eq!(Category::parse(category.slug()), Some(category));
        assert_eq!(Category::parse(category.name_zh()), Some(category));
        assert_eq!(Category::parse(category.name_en()), Some(category));
        // Serde writes the variant name in snake_case; single-word variants keep it the slug.
        assert_eq!(format!("{category:?}").to_lowercase(), category.slug());
    }
    let slugs: BTreeSet<_> = Category::ALL.iter().map(|c| c.slug()).collect();
    let zh: BTreeSet<_> = Category::ALL.iter().map(|c| c.name_zh()).collect();
    assert_eq!(slugs.len(), Category::ALL.len());
    assert_eq!(zh.len(), Category::ALL.len());
    assert_eq!(Category::parse(" fruit & BERRIES "), Some(Category::Fruit));
    assert_eq!(Category::parse("electronics"), None);
}

#[test]
fn statistics_split_primary_and_processed() {
    assert_eq!(Category::Fruit.stage(), Some(AgriculturalStage::Primary));
    assert_eq!(Category::Herbs.stage(), Some(AgriculturalStage::Primary));
    assert_eq!(Category::Oils.stage(), Some(AgriculturalStage::Processed));
    assert_eq!(Category::Dairy.stage(), Some(AgriculturalStage::Processed));
    assert!(Category::Seasonings.is_agricultural());
    assert!(!Category::Handicrafts.is_agricultural());
    assert!(!Category::Other.is_agricultural());
}

#[test]
fn certificate_defaults_follow_the_2026_scope_and_can_be_changed() {
    let mut policy = CertificatePolicy::default();
    for required in [
        Category::Vegetables,
        Category::Fungi,
        Category::Fruit,
        Category::Meat,
        Category::Eggs,
        Category::Aquatic,
    ] {
        assert!(policy.requires(required), "{required}");
    }
    for exempt in [
        Category::Dairy,
        Category::Herbs,
        Category::Tea,
        Category::Honey,
        Category::Handicrafts,
    ] {
        assert!(!policy.requires(exempt), "{exempt}");
    }
    policy.set(Category::Tea, true);
    policy.set(Category::Aquatic, false);
    assert!(policy.requires(Category::Tea));
    assert!(!policy.requires(Category::Aquatic));
}

#[test]
fn grades_are_standard_or_the_products_own() {
    assert_eq!(Grade::parse("特级"), Ok(Grade::Special));
    assert_eq!(Grade::parse("first"), Ok(Grade::First));
    assert_eq!(Grade::parse(" 二级 "), Ok(Grade::Second));
    assert_eq!(Grade::parse("一等品").unwrap().label_zh(), "一等品");
    assert_eq!(
        Grade::own(&"级".repeat(20)).unwrap().label_en(),
        "级".repeat(20)
    );
    assert_eq!(
        Grade::own(&"级".repeat(21)).unwrap_err().problem,
        Problem::TooLong { max: 20 }
    );
    assert_eq!(Grade::parse("  ").unwrap_err().problem, Problem::Required);
}

#[test]
fn titles_are_2_to_60_characters() {
    assert_eq!(ProductTitle::parse(" 枸杞 ").unwrap().as_str(), "枸杞");
    assert_eq!(
        ProductTitle::parse("枸").unwrap_err().problem,
        Problem::TooShort { min: 2 }
    );
    assert!(ProductTitle::parse(&"枸".repeat(60)).is_ok());
    assert!(ProductTitle::parse(&"枸".repeat(61)).is_err());
    assert!(ProductTitle::parse("枸杞\u{0}").is_err());
}

#[test]
fn descriptions_keep_line_breaks_and_stop_at_5000_characters() {
    let text = "第一行\r\n第二行\r\t第三行";
    assert_eq!(
        ProductDescription::parse(text).unwrap().as_str(),
        "第一行\n第二行\n\t第三行"
    );
    assert!(ProductDescription::parse("").is_ok());
    assert!(ProductDescription::parse(&"字".repeat(5_000)).is_ok());
    assert_eq!(
        ProductDescription::parse(&"字".repeat(5_001))
            .unwrap_err()
            .problem,
        Problem::TooLong { max: 5_000 }
    );
    assert!(ProductDescription::parse("bell\u{7}").is_err());
}

#[test]
fn stored_text_is_checked_again_when_read() {
    for grade in [
        Grade::Special,
        Grade::First,
        Grade::Second,
        Grade::Own("一等品".into()),
    ] {
        assert_eq!(Grade::try_from(String::from(grade.clone())), Ok(grade));
    }
    assert!(Grade::try_from("级".repeat(21)).is_err());
    assert!(ProductTitle::try_from("x".to_owned()).is_err());
    assert_eq!(
        String::from(ProductTitle::try_from("枸杞".to_owned()).unwrap()),
        "枸杞"
    );
    assert!(ProductDescription::try_from("字".repeat(5_001)).is_err());
}
