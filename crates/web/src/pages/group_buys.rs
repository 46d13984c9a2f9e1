//! A group-buy's page: the offer, the teams forming now (each a link to join), and the form
//! that opens a new team. Opening one is paying for the first seat; the cashier brings the
//! buyer back to the new team's page to share it.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::{CheckoutId, GroupBuyId};
use farmgate_services::accounts::Signed;

use super::group_buy_view::{GroupBuyHead, TeamCard};
use super::seat_form::{SeatAttempt, SeatFields, SeatFormView};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::PageForm;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "group_buy.html")]
struct GroupBuyPage {
    page: PageContext,
    head: GroupBuyHead,
    teams: Vec<TeamCard>,
    /// The form that opens a team, for a signed-in buyer while the group-buy runs.
    seat: Option<SeatFormView>,
    sign_in: String,
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = group_buy_id(&id)?;
    render_page(&state, page, &id, SeatAttempt::default()).await
}

/// `POST /group-buys/{id}/teams`: the seat, then straight to the cashier.
pub async fn open(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(fields): PageForm<SeatFields>,
) -> Result<Response, WebError> {
    let id = group_buy_id(&id)?;
    let user = page.signed()?;
    match state
        .services
        .open_team(&user.actor, &id, &fields.request())
        .await
    {
        Ok(seat) => to_cashier(&state, user, &seat.checkout).await,
        Err(error) => {
            let (status, attempt) = SeatAttempt::refused(fields, error, &page)?;
            let body = render_page(&state, page, &id, attempt).await?;
            Ok((status, body).into_response())
        }
    }
}

/// The cashier for a seat just taken.
pub(super) async fn to_cashier(
    state: &AppState,
    user: &Signed,
    checkout: &CheckoutId,
) -> Result<Response, WebError> {
    let url = state.services.pay_checkout(&user.actor, checkout).await?;
    Ok(Redirect::to(&url).into_response())
}

async fn render_page(
    state: &AppState,
    page: PageContext,
    id: &GroupBuyId,
    attempt: SeatAttempt,
) -> Result<Response, WebError> {
    let view = state.services.group_buy(id).await?;
    let head = GroupBuyHead::new(&view, page.t);
    let size = view.group_buy.terms.team_size;
    let teams = view
        .open_teams
        .iter()
        .map(|team| TeamCard::new(team, size, state, &page))
        .collect();
    let seat = match (&page.user, head.closed) {
        (Some(_), false) => Some(
            attempt
                .view(
                    state,
                    &page,
                    format!("/group-buys/{id}/teams"),
                    page.t.group_buy.open_team,
                    head.per_buyer_limit,
                )
                .await?,
        ),
        _ => None,
    };
    render(&GroupBuyPage {
        head,
        teams,
        seat,
        sign_in: format!("/signin?next=/group-buys/{id}"),
        page,
    })
}

fn group_buy_id(text: &str) -> Result<GroupBuyId, WebError> {
    GroupBuyId::parse(text).ok_or(WebError::NotFound)
}
