//! The words of the product import page and its report, kept together as one field of
//! `Texts`; the values are at the end of `en.rs` and `zh.rs`.

pub struct ImportTexts {
    pub products: &'static str,
    pub intro: &'static str,
    pub template: &'static str,
    pub required_columns: &'static str,
    pub optional_columns: &'static str,
    pub file: &'static str,
    pub valid_rows: &'static str,
    pub check: &'static str,
    pub read: &'static str,
    pub done: &'static str,
    pub nothing: &'static str,
    pub left_out: &'static str,
    pub row: &'static str,
    pub column: &'static str,
    pub problem: &'static str,
    pub differs: &'static str,
    pub file_empty: &'static str,
    pub file_too_large: &'static str,
    pub file_too_many_rows: &'static str,
    pub file_type: &'static str,
    pub file_encoding: &'static str,
    pub file_workbook: &'static str,
    pub file_missing: &'static str,
    pub file_duplicate: &'static str,
}
