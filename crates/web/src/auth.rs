//! Who is asking: a personal API token (`Authorization: Bearer fgt_…`) or a session cookie.
//! Handlers name what they need in their signature — `MaybeUser` or `RequireUser` — and the
//! use case they call decides what that user may do.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use farmgate_services::accounts::{Signed, SESSION_DAYS};

use crate::error::WebError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "fg_session";

/// The signed-in user, if any. Looked up once per request.
#[derive(Clone)]
pub struct MaybeUser(pub Option<Signed>);

/// A signed-in user; anyone else gets 401 (API) or the sign-in page.
pub struct RequireUser(pub Signed);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        if let Some(user) = parts.extensions.get::<MaybeUser>() {
            return Ok(user.clone());
        }
        let user = MaybeUser(resolve(parts, state).await?);
        parts.extensions.insert(user.clone());
        Ok(user)
    }
}

impl FromRequestParts<AppState> for RequireUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        match MaybeUser::from_request_parts(parts, state).await?.0 {
            Some(user) => Ok(RequireUser(user)),
            None => Err(WebError::Unauthenticated),
        }
    }
}

/// A bearer token, when sent, is the only credential considered: a wrong one is refused rather
/// than falling back to a cookie.
async fn resolve(parts: &Parts, state: &AppState) -> Result<Option<Signed>, WebError> {
    if let Some(value) = parts.headers.get(AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(WebError::Unauthenticated)?;
        return match state.services.token_account(token.trim()).await? {
            Some(user) => Ok(Some(user)),
            None => Err(WebError::Unauthenticated),
        };
    }
    let jar = CookieJar::from_headers(&parts.headers);
    match jar.get(SESSION_COOKIE) {
        Some(cookie) => Ok(state.services.session_account(cookie.value()).await?),
        None => Ok(None),
    }
}

/// The cookie that carries a new session's secret.
pub fn session_cookie(secret: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, secret))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time_days(SESSION_DAYS))
        .build()
}

pub fn removal_cookie() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, "")).path("/").build()
}

fn time_days(days: i64) -> cookie::time::Duration {
    cookie::time::Duration::days(days)
}
