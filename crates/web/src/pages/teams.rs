//! A team's page: what its share link and QR poster open. Anyone sees how many have paid,
//! how many are still needed and by when; a signed-in buyer joins by paying; a member sees
//! their own place and the share tools.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use farmgate_documents::SharePoster;
use farmgate_domain::id::TeamId;
use farmgate_domain::order::OrderStatus;
use farmgate_services::group_buys::{seat_pay_by, TeamView};
use farmgate_services::share_links::Shared;

use super::group_buy_view::{GroupBuyHead, TeamCard};
use super::group_buys::to_cashier;
use super::seat_form::{SeatAttempt, SeatFields, SeatFormView};
use super::share::{self, Via};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::PageForm;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage {
    page: PageContext,
    head: GroupBuyHead,
    team: TeamCard,
    /// The link to send: with the viewer's mark when they are a leader.
    share_link: String,
    /// The leader's mark (`?via=…`) for the poster too; empty for others.
    mark: String,
    /// The viewer's own place, when they hold one.
    mine: Option<MySeat>,
    /// The join form, for a signed-in buyer not in the team while it has places.
    seat: Option<SeatFormView>,
    sign_in: String,
}

struct MySeat {
    /// "Your place is held until …", while it awaits payment.
    awaiting: Option<String>,
    checkout: String,
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    headers: HeaderMap,
    jar: CookieJar,
    Path(id): Path<String>,
    Query(via): Query<Via>,
) -> Result<Response, WebError> {
    let id = team_id(&id)?;
    if let Some(onward) = share::follow(&state, &page, jar, &Shared::Team(id.clone()), &via).await?
    {
        return Ok(onward);
    }
    render_page(&state, page, &headers, &id, SeatAttempt::default()).await
}

/// `POST /teams/{id}/seats`: the seat, then straight to the cashier.
pub async fn join(
    State(state): State<AppState>,
    page: PageContext,
    headers: HeaderMap,
    Path(id): Path<String>,
    PageForm(fields): PageForm<SeatFields>,
) -> Result<Response, WebError> {
    let id = team_id(&id)?;
    let user = page.signed()?;
    match state
        .services
        .join_team(&user.actor, &id, &fields.request())
        .await
    {
        Ok(seat) => to_cashier(&state, user, &seat.checkout).await,
        Err(error) => {
            let (status, attempt) = SeatAttempt::refused(fields, error, &page)?;
            let body = render_page(&state, page, &headers, &id, attempt).await?;
            Ok((status, body).into_response())
        }
    }
}

/// `GET /teams/{id}/poster.svg`: the team's share poster, its QR code opening the team (with
/// a leader's mark, when `via` carries a genuine one).
pub async fn poster(
    State(state): State<AppState>,
    page: PageContext,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(via): Query<Via>,
) -> Result<Response, WebError> {
    let id = team_id(&id)?;
    let (view, team) = state.services.team(&id).await?;
    let head = GroupBuyHead::new(&view, page.t);
    let card = TeamCard::new(&team, view.group_buy.terms.team_size, &state, &page);
    let gt = page.t.group_buy;
    let standing = match card.needed.is_empty() {
        true => card.status.to_owned(),
        false => format!("{} · {}", head.team_of, card.needed),
    };
    let poster = SharePoster {
        badge: gt.badge.to_owned(),
        title: head.title,
        price: head.team_price,
        was: head.regular_price,
        lines: vec![standing, card.ends],
        scan: gt.scan_to_join.to_owned(),
        link: share::poster_link(
            &state,
            &headers,
            &Shared::Team(id.clone()),
            &path(&id),
            &via,
        )
        .await?,
    };
    share::poster_svg(&poster, &format!("team-{id}"))
}

async fn render_page(
    state: &AppState,
    page: PageContext,
    headers: &HeaderMap,
    id: &TeamId,
    attempt: SeatAttempt,
) -> Result<Response, WebError> {
    let (view, team) = state.services.team(id).await?;
    let head = GroupBuyHead::new(&view, page.t);
    let card = TeamCard::new(&team, view.group_buy.terms.team_size, state, &page);
    let mine = my_seat(state, &page, &team);
    let seat = match (&page.user, &mine) {
        (Some(_), None) if card.places_left > 0 => Some(
            attempt
                .view(
                    state,
                    &page,
                    format!("/teams/{id}/seats"),
                    page.t.group_buy.join,
                    head.per_buyer_limit,
                )
                .await?,
        ),
        _ => None,
    };
    let mark = share::leader_mark(state, &page, &Shared::Team(id.clone())).await?;
    render(&TeamPage {
        share_link: format!("{}{}{mark}", state.site_base(headers), path(id)),
        mark,
        sign_in: format!("/signin?next=/teams/{id}"),
        head,
        team: card,
        mine,
        seat,
        page,
    })
}

/// The viewer's seat that still holds a place in the team.
fn my_seat(state: &AppState, page: &PageContext, team: &TeamView) -> Option<MySeat> {
    let viewer = &page.user.as_ref()?.actor.account_id;
    let seat = team
        .team
        .seats
        .iter()
        .find(|seat| &seat.buyer_id == viewer && seat.holds_place())?;
    let awaiting = (seat.order_status == OrderStatus::PendingPayment).then(|| {
        let pay_by = seat_pay_by(seat.taken_at, team.team.deadline);
        page.t
            .group_buy
            .awaiting_payment
            .replace("{time}", &state.site.local_time(pay_by))
    });
    Some(MySeat {
        awaiting,
        checkout: seat.checkout_id.to_string(),
    })
}

fn path(id: &TeamId) -> String {
    format!("/teams/{id}")
}

fn team_id(text: &str) -> Result<TeamId, WebError> {
    TeamId::parse(text).ok_or(WebError::NotFound)
}
