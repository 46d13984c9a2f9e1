//! Share links that carry a leader's mark, seen from the web: a visit through one (`?via=…`)
//! records the click and sends the visitor on to the page without the mark, so reloading does
//! not count twice; a visitor who is signed out keeps the click in a cookie and claims it when
//! they sign in or up. A signed-in leader's pages offer links and posters with their mark.

use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use farmgate_documents::SharePoster;
use farmgate_domain::id::AccountId;
use farmgate_domain::role::Role;
use farmgate_services::share_links::Shared;
use serde::Deserialize;

use super::PageContext;
use crate::error::WebError;
use crate::state::AppState;

/// Holds a signed-out visitor's click until they sign in.
const VIA_COOKIE: &str = "fg_via";
/// As long as the longest attribution window the hub may set.
const VIA_COOKIE_DAYS: i64 = 30;

/// The mark a share link carries, if any.
#[derive(Debug, Default, Deserialize)]
pub struct Via {
    #[serde(default)]
    pub via: String,
}

/// A visit through a marked link: records the click (for the visitor, or in a cookie when
/// they are signed out) and redirects to the same page without the mark. `None` when the
/// link carries no mark; an altered or stale mark is dropped without a word.
pub async fn follow(
    state: &AppState,
    page: &PageContext,
    jar: CookieJar,
    shared: &Shared,
    via: &Via,
) -> Result<Option<Response>, WebError> {
    if via.via.is_empty() {
        return Ok(None);
    }
    let visitor = page.user.as_ref().map(|user| &user.actor.account_id);
    let click = state
        .services
        .follow_share_link(&via.via, shared, visitor)
        .await?;
    let jar = match click {
        Some(click) if visitor.is_none() => jar.add(
            Cookie::build((VIA_COOKIE, click))
                .path("/")
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(state.site.secure_cookies)
                .max_age(cookie::time::Duration::days(VIA_COOKIE_DAYS))
                .build(),
        ),
        _ => jar,
    };
    Ok(Some((jar, Redirect::to(&page.path)).into_response()))
}

/// Gives the click kept in the cookie to the account that just signed in or up.
pub async fn claim_kept_click(
    state: &AppState,
    jar: CookieJar,
    account: &AccountId,
) -> Result<CookieJar, WebError> {
    let Some(click) = jar.get(VIA_COOKIE).map(|c| c.value().to_owned()) else {
        return Ok(jar);
    };
    state.services.claim_share_click(&click, account).await?;
    Ok(jar.remove(Cookie::build((VIA_COOKIE, "")).path("/").build()))
}

/// The signed-in leader's mark for `shared`, as a query (`?via=…`) to add to its links;
/// empty for anyone who is not a leader.
pub async fn leader_mark(
    state: &AppState,
    page: &PageContext,
    shared: &Shared,
) -> Result<String, WebError> {
    let Some(user) = page.user.as_ref().filter(|u| u.actor.has(Role::Leader)) else {
        return Ok(String::new());
    };
    let token = state.services.share_token(&user.actor, shared).await?;
    Ok(format!("?via={token}"))
}

/// The absolute link a poster's code opens: `path`, with the mark when it is genuine.
pub async fn poster_link(
    state: &AppState,
    headers: &HeaderMap,
    shared: &Shared,
    path: &str,
    via: &Via,
) -> Result<String, WebError> {
    let base = format!("{}{path}", state.site_base(headers));
    let genuine = !via.via.is_empty()
        && state
            .services
            .read_share_token(&via.via, shared)
            .await?
            .is_some();
    Ok(match genuine {
        true => format!("{base}?via={}", via.via),
        false => base,
    })
}

/// A share poster drawn as SVG, served to show inline and save as `name`.svg.
pub fn poster_svg(poster: &SharePoster, name: &str) -> Result<Response, WebError> {
    let svg = farmgate_documents::share_poster(poster)
        .map_err(|error| WebError::Internal(format!("poster failed: {error}")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "image/svg+xml; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}.svg\""),
            ),
        ],
        svg,
    )
        .into_response())
}
