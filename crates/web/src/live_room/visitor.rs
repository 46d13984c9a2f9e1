//! Who a room counts as one distinct viewer: the account when signed in, otherwise the random
//! id in the `fg_visitor` cookie the room page hands out (HttpOnly; it identifies a browser to
//! the viewer count and to nothing else). A client without either counts once per connection.

use axum::http::{header, HeaderMap, HeaderValue};
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use farmgate_services::accounts::Signed;
use rand::RngCore;

const VISITOR_COOKIE: &str = "fg_visitor";

/// The identity the room counts: `account:<id>`, `visitor:<cookie>` or a fresh one.
pub fn identity(user: Option<&Signed>, headers: &HeaderMap) -> String {
    if let Some(user) = user {
        return format!("account:{}", user.account.id);
    }
    match CookieJar::from_headers(headers).get(VISITOR_COOKIE) {
        Some(cookie) if !cookie.value().is_empty() => format!("visitor:{}", cookie.value()),
        _ => format!("connection:{}", random_id()),
    }
}

/// A `Set-Cookie` giving this browser a visitor id, unless it has one.
pub fn visitor_cookie(headers: &HeaderMap) -> Option<HeaderValue> {
    if CookieJar::from_headers(headers)
        .get(VISITOR_COOKIE)
        .is_some()
    {
        return None;
    }
    let cookie = Cookie::build((VISITOR_COOKIE, random_id()))
        .path("/live")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::days(365))
        .build();
    HeaderValue::from_str(&cookie.to_string()).ok()
}

/// Appends the visitor cookie to a room page's response when the browser has none.
pub fn give_visitor_id(headers: &HeaderMap, response: &mut axum::response::Response) {
    if let Some(value) = visitor_cookie(headers) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

fn random_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_keeps_its_visitor_id_and_others_get_one() {
        let mut headers = HeaderMap::new();
        let given = visitor_cookie(&headers).unwrap();
        let given = given.to_str().unwrap();
        assert!(
            given.contains("HttpOnly") && given.contains("Path=/live"),
            "{given}"
        );
        let pair = given.split(';').next().unwrap().to_owned();
        headers.insert(header::COOKIE, HeaderValue::from_str(&pair).unwrap());
        assert!(visitor_cookie(&headers).is_none());
        let value = pair.trim_start_matches("fg_visitor=");
        assert_eq!(identity(None, &headers), format!("visitor:{value}"));
        let anonymous = HeaderMap::new();
        assert_ne!(identity(None, &anonymous), identity(None, &anonymous));
    }
}
