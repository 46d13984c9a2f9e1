//! Texts for the domain's own values (roles, statuses, units…), field labels and validation
//! problems, looked up in the language of a `Texts`.

use farmgate_domain::application::{ApplicationStatus, DocumentKind};
use farmgate_domain::catalogue::Category;
use farmgate_domain::ledger::EntryKind;
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_domain::unit::SellingUnit;
use farmgate_domain::validation::Problem;

use super::Texts;

/// The label of `value`, kept at its place in `all` (the enum's `ALL`).
fn label<T: PartialEq>(all: &[T], value: &T, labels: &[&'static str]) -> &'static str {
    let index = all.iter().position(|v| v == value).unwrap_or(0);
    labels[index]
}

/// Sentences for validation problems; `{n}` stands for the problem's number.
pub struct ProblemTexts {
    pub required: &'static str,
    pub too_short: &'static str,
    pub too_long: &'static str,
    pub invalid: &'static str,
    pub already_taken: &'static str,
    pub not_allowed: &'static str,
    pub too_large: &'static str,
    pub unsupported_format: &'static str,
}

impl Texts {
    pub fn kind(&self, kind: ProducerKind) -> &'static str {
        label(&ProducerKind::ALL, &kind, &self.kinds)
    }

    pub fn role(&self, role: Role) -> &'static str {
        label(&Role::ALL, &role, &self.roles)
    }

    pub fn status(&self, status: ApplicationStatus) -> &'static str {
        match status {
            ApplicationStatus::Pending => self.statuses[0],
            ApplicationStatus::Approved => self.statuses[1],
            ApplicationStatus::Rejected => self.statuses[2],
        }
    }

    pub fn document_kind(&self, kind: DocumentKind) -> &'static str {
        match kind {
            DocumentKind::IdentityCard => self.document_kinds[0],
            DocumentKind::BusinessLicence => self.document_kinds[1],
            DocumentKind::Other => self.document_kinds[2],
        }
    }

    pub fn listing_status(&self, status: ListingStatus) -> &'static str {
        label(&ListingStatus::ALL, &status, &self.listing_statuses)
    }

    pub fn order_status(&self, status: OrderStatus) -> &'static str {
        label(&OrderStatus::ALL, &status, &self.order_statuses)
    }

    pub fn unit(&self, unit: SellingUnit) -> &'static str {
        label(&SellingUnit::ALL, &unit, &self.units)
    }

    /// A category's name in this language.
    pub fn category(&self, category: Category) -> &'static str {
        if self.zh {
            category.name_zh()
        } else {
            category.name_en()
        }
    }

    /// A field's label as the form shows it; its API name when there is none.
    pub fn field<'a>(&self, name: &'a str) -> &'a str {
        self.fields
            .iter()
            .chain(self.after_sales.fields)
            .chain(self.flash_sale.fields)
            .chain(self.group_buy.fields)
            .chain(self.coupon.fields)
            .chain(self.campaign.fields)
            .chain(self.live_dash.fields)
            .chain(self.network.fields)
            .chain(self.parcel_up.fields)
            .chain(self.down.fields)
            .chain(self.runs.fields)
            .chain(self.measures.fields)
            .chain(self.recall.fields)
            .chain(self.gs1.fields)
            .chain(self.quality.fields)
            .chain(self.stats.fields)
            .find(|(field, _)| *field == name)
            .map_or(name, |(_, label)| label)
    }

    pub fn entry_kind(&self, kind: EntryKind) -> &'static str {
        label(&EntryKind::ALL, &kind, &self.entry_kinds)
    }

    /// One sentence a person understands, such as "Email: is already in use".
    pub fn problem(&self, field: &str, problem: &Problem) -> String {
        let p = &self.problems;
        let sentence = match problem {
            Problem::Required => p.required.to_owned(),
            Problem::TooShort { min } => p.too_short.replace("{n}", &min.to_string()),
            Problem::TooLong { max } => p.too_long.replace("{n}", &max.to_string()),
            Problem::Invalid => p.invalid.to_owned(),
            Problem::AlreadyTaken => p.already_taken.to_owned(),
            Problem::NotAllowed => p.not_allowed.to_owned(),
            Problem::TooLarge { max_bytes } => p
                .too_large
                .replace("{n}", &(max_bytes / (1024 * 1024)).to_string()),
            Problem::UnsupportedFormat => p.unsupported_format.to_owned(),
            Problem::CheckDigit { expected } => self
                .gs1
                .check_digit
                .replace("{digit}", &expected.to_string()),
        };
        format!("{}{}{sentence}", self.field(field), self.colon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::texts::{EN, ZH};

    #[test]
    fn problems_read_as_sentences_in_both_languages() {
        assert_eq!(
            EN.problem("email", &Problem::AlreadyTaken),
            "Email: is already in use"
        );
        assert_eq!(
            ZH.problem("email", &Problem::AlreadyTaken),
            "邮箱：已被使用"
        );
        assert_eq!(
            EN.problem("password", &Problem::TooShort { min: 8 }),
            "Password: must be at least 8 characters"
        );
        assert_eq!(
            ZH.problem(
                "documents",
                &Problem::TooLarge {
                    max_bytes: 5 * 1024 * 1024
                }
            ),
            "证明材料：文件不能超过 5 MB"
        );
    }

    #[test]
    fn every_field_has_a_label_in_both_languages() {
        let en: Vec<_> = EN.fields.iter().map(|(name, _)| *name).collect();
        let zh: Vec<_> = ZH.fields.iter().map(|(name, _)| *name).collect();
        assert_eq!(en, zh);
    }
}
