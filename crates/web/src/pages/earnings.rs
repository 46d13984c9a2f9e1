//! A shop's earnings page in the producer console: balances, the statement of ledger lines,
//! payout history, and the bank account payouts go to.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::access::{permits, Action};
use farmgate_domain::id::ShopId;
use farmgate_domain::money::Money;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::payouts::payee_line;
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "shop_earnings.html")]
struct EarningsPage {
    page: PageContext,
    shop_id: String,
    shop_name: String,
    held: String,
    payable: String,
    /// Refunds after a payout left the shop owing the platform.
    owes: bool,
    paid_out: String,
    commission: String,
    lines: Vec<Line>,
    page_number: i64,
    has_more: bool,
    payouts: Vec<PayoutRow>,
    payee: String,
    can_edit_payee: bool,
    form: PayeeForm,
    errors: FieldErrors,
}

struct Line {
    date: String,
    what: String,
    reference: String,
    held: String,
    payable: String,
}

struct PayoutRow {
    date: String,
    amount: String,
    payee: String,
    reference: String,
}

#[derive(Deserialize)]
pub struct StatementQuery {
    page: Option<i64>,
}

#[derive(Default, Deserialize)]
pub struct PayeeForm {
    #[serde(default)]
    holder: String,
    #[serde(default)]
    bank: String,
    #[serde(default)]
    number: String,
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
    Query(query): Query<StatementQuery>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    let page_number = query.page.unwrap_or(1).clamp(1, 100_000);
    render_earnings(
        &state,
        page,
        &shop,
        page_number,
        None,
        FieldErrors::default(),
    )
    .await
}

pub async fn set_payee(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
    PageForm(form): PageForm<PayeeForm>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let saved = state
        .services
        .set_shop_payee(&user.actor, &shop, &form.holder, &form.bank, &form.number)
        .await;
    match saved {
        Ok(_) => Ok(Redirect::to(&format!("/console/shops/{shop}/earnings")).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_earnings(&state, page, &shop, 1, Some(form), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn render_earnings(
    state: &AppState,
    page: PageContext,
    shop: &ShopId,
    page_number: i64,
    form: Option<PayeeForm>,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let books = state
        .services
        .shop_books(&user.actor, shop, page_number - 1)
        .await?;
    let t = page.t;
    let lines = books
        .statement
        .iter()
        .map(|line| {
            let m = line.movement;
            let mut what = t.entry_kind(line.kind).to_owned();
            if m.commission.minor() != 0 {
                what = format!("{what} · {} {}", t.commission_note, m.commission);
            }
            Line {
                date: state.site.local_time(line.at),
                what,
                reference: line.reference.clone(),
                held: signed(m.held),
                payable: signed(m.payable),
            }
        })
        .collect();
    let payouts = books
        .payouts
        .iter()
        .map(|p| PayoutRow {
            date: state.site.local_time(p.paid_at.unwrap_or(p.created_at)),
            amount: p.amount.to_string(),
            payee: payee_line(&p.payee),
            reference: p.reference.clone(),
        })
        .collect();
    let form = form.unwrap_or_else(|| match &books.payee {
        Some(payee) => PayeeForm {
            holder: payee.holder().to_owned(),
            bank: payee.bank().to_owned(),
            number: payee.number().to_owned(),
        },
        None => PayeeForm::default(),
    });
    let b = books.balances;
    render(&EarningsPage {
        shop_id: shop.to_string(),
        shop_name: books.shop.name.clone(),
        held: b.held.to_string(),
        payable: b.payable.to_string(),
        owes: b.payable.minor() < 0,
        paid_out: b.paid_out.to_string(),
        commission: b.commission.to_string(),
        lines,
        page_number,
        has_more: books.more,
        payouts,
        payee: books
            .payee
            .as_ref()
            .map_or_else(|| t.no_payee.to_owned(), payee_line),
        can_edit_payee: permits(&user.actor, &Action::ManageShopPayee(shop)),
        form,
        errors,
        page,
    })
}

/// "+¥12.00", "-¥3.40", or nothing for no change, so a statement column reads at a glance.
fn signed(amount: Money) -> String {
    match amount.minor() {
        0 => String::new(),
        m if m > 0 => format!("+{amount}"),
        _ => amount.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_amounts_carry_their_sign() {
        assert_eq!(signed(Money::fen(1_200)), "+¥12.00");
        assert_eq!(signed(Money::fen(-340)), "-¥3.40");
        assert_eq!(signed(Money::fen(0)), "");
    }
}
