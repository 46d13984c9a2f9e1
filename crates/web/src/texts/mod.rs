//! Every word the interface shows, in Chinese and English. One struct with a field per text, so
//! a text missing in either language is a compile error rather than a blank on a page.

mod after_sales;
mod coupon;
mod en;
mod flash_sale;
mod import;
mod live;
mod live_buy;
mod live_dash;
mod live_room;
mod network;
mod parcel_up;
// The down flow's pages (issue 5).
mod down;
mod measures;
mod runs;
// Printed labels and run sheets (issue 5).
mod documents;
mod zh;

use farmgate_domain::application::{ApplicationStatus, DocumentKind};
use farmgate_domain::catalogue::Category;
use farmgate_domain::ledger::EntryKind;
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_domain::unit::SellingUnit;
use farmgate_domain::validation::Problem;

pub use documents::NO_PARCELS_TO_LABEL;
pub use en::EN;
pub use zh::ZH;

pub struct Texts {
    /// Whether names kept in the domain in both languages are shown in Chinese.
    pub zh: bool,
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub nav_home: &'static str,
    pub nav_console: &'static str,
    pub nav_hub: &'static str,
    pub nav_account: &'static str,
    pub nav_admin: &'static str,
    pub nav_apply: &'static str,
    pub sign_in: &'static str,
    pub sign_up: &'static str,
    pub sign_out: &'static str,
    pub language: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub townships: &'static str,
    pub villages: &'static str,
    pub shops: &'static str,
    pub featured_shops: &'static str,
    pub demo_accounts: &'static str,
    pub demo_accounts_intro: &'static str,
    pub demo_password: &'static str,
    pub role: &'static str,
    pub email: &'static str,
    pub what_it_shows: &'static str,
    pub signup_title: &'static str,
    pub display_name: &'static str,
    pub password: &'static str,
    pub password_hint: &'static str,
    pub create_account: &'static str,
    pub have_account: &'static str,
    pub signin_title: &'static str,
    pub no_account: &'static str,
    pub wrong_credentials: &'static str,
    pub console_title: &'static str,
    pub my_shops: &'static str,
    pub shop_name: &'static str,
    pub description: &'static str,
    pub village: &'static str,
    pub kind: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub view_shop: &'static str,
    pub apply_title: &'static str,
    pub apply_intro: &'static str,
    pub contact_phone: &'static str,
    pub documents: &'static str,
    pub documents_hint: &'static str,
    pub document_kind: &'static str,
    pub submit_application: &'static str,
    pub my_applications: &'static str,
    pub application_submitted: &'static str,
    pub status: &'static str,
    pub reason: &'static str,
    pub hub_title: &'static str,
    pub pending_applications: &'static str,
    pub no_pending: &'static str,
    pub applicant: &'static str,
    pub submitted: &'static str,
    pub review: &'static str,
    pub application_title: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub reject_reason_hint: &'static str,
    pub decided_by: &'static str,
    pub account_title: &'static str,
    pub api_tokens: &'static str,
    pub api_tokens_intro: &'static str,
    pub token_name: &'static str,
    pub create_token: &'static str,
    pub token_shown_once: &'static str,
    pub revoke: &'static str,
    pub revoked: &'static str,
    pub last_used: &'static str,
    pub never: &'static str,
    pub created: &'static str,
    pub admin_title: &'static str,
    pub save_roles: &'static str,
    pub located_in: &'static str,
    pub error_title: &'static str,
    pub error_not_found: &'static str,
    pub error_forbidden: &'static str,
    pub error_bad_request: &'static str,
    pub error_media_type: &'static str,
    pub error_too_large: &'static str,
    pub error_conflict: &'static str,
    pub error_internal: &'static str,
    pub error_csrf: &'static str,
    pub error_unauthenticated: &'static str,
    pub back_home: &'static str,
    pub invalid_input: &'static str,
    pub sandbox_title: &'static str,
    pub sandbox_notice: &'static str,
    pub sandbox_awaiting: &'static str,
    pub sandbox_succeeded: &'static str,
    pub sandbox_failed: &'static str,
    pub sandbox_closed: &'static str,
    pub sandbox_pay_before: &'static str,
    pub sandbox_pay: &'static str,
    pub sandbox_fail: &'static str,
    pub sandbox_return: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub products: &'static str,
    pub new_product: &'static str,
    pub product_title: &'static str,
    pub product_title_en: &'static str,
    pub category: &'static str,
    pub grade: &'static str,
    pub grade_hint: &'static str,
    pub origin: &'static str,
    pub season: &'static str,
    pub season_hint: &'static str,
    pub presale: &'static str,
    pub presale_hint: &'static str,
    pub variants: &'static str,
    pub variant: &'static str,
    pub price_yuan: &'static str,
    pub unit: &'static str,
    pub net_weight: &'static str,
    pub shipping_weight: &'static str,
    pub stock: &'static str,
    pub submit_for_review: &'static str,
    pub update_stock: &'static str,
    pub delist: &'static str,
    pub resubmit: &'static str,
    pub listings_to_review: &'static str,
    pub no_listings_to_review: &'static str,
    pub per_500g: &'static str,
    pub sold_by: &'static str,
    pub ships_from: &'static str,
    pub sold_out: &'static str,
    pub in_stock: &'static str,
    pub no_products: &'static str,
    pub review_reason: &'static str,
    pub listing_statuses: [&'static str; 5],
    pub units: [&'static str; 5],
    pub months: [&'static str; 12],
    pub add_to_cart: &'static str,
    pub cart: &'static str,
    pub cart_empty: &'static str,
    pub quantity: &'static str,
    pub update: &'static str,
    pub remove: &'static str,
    pub deliver_to: &'static str,
    pub recipient: &'static str,
    pub phone: &'static str,
    pub province: &'static str,
    pub city: &'static str,
    pub county: &'static str,
    pub address_detail: &'static str,
    pub place_order: &'static str,
    pub shipping_note: &'static str,
    pub my_orders: &'static str,
    pub no_orders: &'static str,
    pub goods: &'static str,
    pub shipping_fee: &'static str,
    pub order_total: &'static str,
    pub pay_now: &'static str,
    pub pay_by: &'static str,
    pub not_enough_stock: &'static str,
    pub order_statuses: [&'static str; 8],
    pub shop_orders: &'static str,
    pub carrier: &'static str,
    pub tracking_no: &'static str,
    pub ship: &'static str,
    pub shipped_with: &'static str,
    pub add_photo: &'static str,
    pub upload: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub all_categories: &'static str,
    pub sort: &'static str,
    pub sort_relevance: &'static str,
    pub sort_sales: &'static str,
    pub sort_price_asc: &'static str,
    pub sort_price_desc: &'static str,
    pub in_stock_only: &'static str,
    pub results: &'static str,
    pub out_of_season: &'static str,
    pub cart_out_of_season: &'static str,
    pub confirm_receipt: &'static str,
    pub settings_title: &'static str,
    pub commission: &'static str,
    pub commission_default: &'static str,
    pub commission_hint: &'static str,
    pub shipping_fees: &'static str,
    pub shipping_hint: &'static str,
    pub first_kg_fee: &'static str,
    pub additional_kg_fee: &'static str,
    pub free_over: &'static str,
    pub nav_settings: &'static str,
    pub zones: [&'static str; 4],
    pub held_until_delivery: &'static str,
    pub earned: &'static str,
    pub kinds: [&'static str; 4],
    pub roles: [&'static str; 9],
    pub statuses: [&'static str; 3],
    pub document_kinds: [&'static str; 3],
    /// Between a field's label and its problem.
    pub colon: &'static str,
    pub fields: &'static [(&'static str, &'static str)],
    pub problems: ProblemTexts,
    // After-sales (issue 3): refund and return requests and the hub's disputes.
    pub after_sales: &'static after_sales::AfterSalesTexts,
    // Payouts and the producer's earnings page.
    pub earnings: &'static str,
    pub payable_now: &'static str,
    pub paid_out_to_date: &'static str,
    pub commission_charged: &'static str,
    pub statement: &'static str,
    pub date: &'static str,
    pub what: &'static str,
    pub reference: &'static str,
    pub held: &'static str,
    pub payable: &'static str,
    pub commission_note: &'static str,
    pub no_statement: &'static str,
    pub payout_history: &'static str,
    pub no_payouts: &'static str,
    pub payee_account: &'static str,
    pub payee_hint: &'static str,
    pub payee_holder: &'static str,
    pub payee_bank: &'static str,
    pub payee_number: &'static str,
    pub no_payee: &'static str,
    pub payouts_title: &'static str,
    pub payouts_intro: &'static str,
    pub run_payouts: &'static str,
    pub nothing_payable: &'static str,
    pub run_paid: &'static str,
    pub shop: &'static str,
    pub amount: &'static str,
    /// Ledger entry kinds, in `EntryKind::ALL` order.
    pub entry_kinds: [&'static str; 5],
    // Product import and editing (issue 3).
    pub import: &'static import::ImportTexts,
    pub edit_product: &'static str,
    pub save_changes: &'static str,
    pub edit_review_note: &'static str,
    pub stock_on_products_page: &'static str,
    pub new_variant: &'static str,
    // The ledger: refunds after a payout (issue 3).
    /// Shown on the earnings page while the payable is below zero.
    pub earnings_debt_note: &'static str,
    pub live: &'static live::LiveTexts,
    // The live room (issue 4): what the room's WebSocket says when it refuses a message.
    pub live_room: &'static live_room::LiveRoomTexts,
    // Flash sales in live sessions (issue 4).
    pub flash_sale: &'static flash_sale::FlashSaleTexts,
    // Buying inside the live room (issue 4): the buy sheet and the flash-sale card.
    pub live_buy: &'static live_buy::LiveBuyTexts,
    // Live coupons (issue 4).
    pub coupon: &'static coupon::CouponTexts,
    // Lucky draws and the host's live dashboard (issue 4).
    pub live_dash: &'static live_dash::LiveDashTexts,
    // The hub's logistics network pages (issue 5).
    pub network: &'static network::NetworkTexts,
    // Produce going up through the county network (issue 5).
    pub parcel_up: &'static parcel_up::ParcelUpTexts,
    // The down flow (issue 5): logistics console, parcels in, receiving, sorting, village points.
    pub down: &'static down::DownTexts,
    // Route runs: planning the day, the runs page and the driver's pages (issue 5).
    pub runs: &'static runs::RunsTexts,
    // Printed labels and run sheets (issue 5).
    pub print: &'static documents::DocumentsTexts,
    // The network's measures (issue 5, feeding monitoring).
    pub measures: &'static measures::MeasuresTexts,
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
        let index = ProducerKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        self.kinds[index]
    }

    pub fn role(&self, role: Role) -> &'static str {
        let index = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
        self.roles[index]
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
        let index = ListingStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or(0);
        self.listing_statuses[index]
    }

    pub fn order_status(&self, status: OrderStatus) -> &'static str {
        let index = OrderStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or(0);
        self.order_statuses[index]
    }

    pub fn unit(&self, unit: SellingUnit) -> &'static str {
        let index = SellingUnit::ALL
            .iter()
            .position(|u| *u == unit)
            .unwrap_or(0);
        self.units[index]
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
            .chain(self.coupon.fields)
            .chain(self.live_dash.fields)
            .chain(self.network.fields)
            .chain(self.parcel_up.fields)
            .chain(self.down.fields)
            .chain(self.runs.fields)
            .chain(self.measures.fields)
            .find(|(field, _)| *field == name)
            .map_or(name, |(_, label)| label)
    }

    pub fn entry_kind(&self, kind: EntryKind) -> &'static str {
        let index = EntryKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        self.entry_kinds[index]
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
        };
        format!("{}{}{sentence}", self.field(field), self.colon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
