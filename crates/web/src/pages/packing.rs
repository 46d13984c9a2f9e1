//! The producer's packing page for one order: which batch each line's units came from, chosen
//! from the open batches or scanned from a box's label.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::OrderId;
use farmgate_domain::trace::PackForm;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "packing.html")]
struct PackingPage {
    page: PageContext,
    order_id: String,
    shop_id: String,
    lines: Vec<LineView>,
    errors: FieldErrors,
    /// The line the errors are about.
    errors_line: i64,
}

struct LineView {
    line_no: i64,
    title: String,
    quantity: i64,
    /// "lot × units" of each batch the line is packed from.
    packed: Vec<String>,
    /// `(batch id, "lot · n left")`.
    choices: Vec<(String, String)>,
}

/// Two batches chosen from the list and one scanned; blank rows are left out.
#[derive(Deserialize)]
pub struct PackingForm {
    #[serde(default)]
    batch_1: String,
    #[serde(default)]
    units_1: String,
    #[serde(default)]
    batch_2: String,
    #[serde(default)]
    units_2: String,
    #[serde(default)]
    link: String,
    #[serde(default)]
    link_units: String,
}

impl PackingForm {
    fn rows(self) -> [PackForm; 3] {
        let chosen = |batch, units| PackForm {
            batch,
            link: String::new(),
            units,
        };
        [
            chosen(self.batch_1, self.units_1),
            chosen(self.batch_2, self.units_2),
            PackForm {
                batch: String::new(),
                link: self.link,
                units: self.link_units,
            },
        ]
    }
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(order): Path<String>,
) -> Result<Response, WebError> {
    let order = OrderId::parse(&order).ok_or(WebError::NotFound)?;
    render_packing(&state, page, &order, FieldErrors::default(), -1).await
}

pub async fn pack(
    State(state): State<AppState>,
    page: PageContext,
    Path((order, line_no)): Path<(String, i64)>,
    PageForm(form): PageForm<PackingForm>,
) -> Result<Response, WebError> {
    let order = OrderId::parse(&order).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    match state
        .services
        .pack_order_line(&user.actor, &order, line_no, &form.rows())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/console/orders/{order}/packing")).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_packing(&state, page, &order, errors, line_no).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn render_packing(
    state: &AppState,
    page: PageContext,
    order: &OrderId,
    errors: FieldErrors,
    errors_line: i64,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let shop = state.services.order_shop(&user.actor, order).await?;
    let packing = state.services.packing_lines(&user.actor, order).await?;
    let mut lines = Vec::with_capacity(packing.len());
    for line in packing {
        let mut packed = Vec::with_capacity(line.ties.len());
        for tie in &line.ties {
            let batch = state.services.batch(&user.actor, &tie.batch).await?;
            packed.push(format!("{} × {}", batch.lot, tie.units));
        }
        lines.push(LineView {
            line_no: line.line.line_no,
            title: format!("{} · {}", line.line.title, line.line.sku_name),
            quantity: line.line.quantity,
            packed,
            choices: line
                .choices
                .iter()
                .map(|stock| {
                    let left = page
                        .t
                        .recall
                        .units_left
                        .replace("{n}", &stock.units_left().to_string());
                    (
                        stock.batch.id.to_string(),
                        format!("{} · {left}", stock.batch.lot),
                    )
                })
                .collect(),
        });
    }
    render(&PackingPage {
        page,
        order_id: order.to_string(),
        shop_id: shop.to_string(),
        lines,
        errors,
        errors_line,
    })
}
