//! CSRF protection for every state-changing request made with cookies: a double-submit token
//! (a random cookie that each form echoes in a hidden `csrf` field, or a script in the
//! `X-CSRF-Token` header), plus refusing requests browsers mark as cross-site.
//! Bearer-token API calls carry no ambient credential and need no token.

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use subtle::ConstantTimeEq;

use crate::auth::SESSION_COOKIE;
use crate::error::WebError;

pub const CSRF_COOKIE: &str = "fg_csrf";
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The token this request's forms must carry; put into every rendered form.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, WebError> {
        parts
            .extensions
            .get::<CsrfToken>()
            .cloned()
            .ok_or_else(|| WebError::Internal("csrf middleware not installed".into()))
    }
}

/// Middleware: checks unsafe requests, and hands out a token cookie to visitors without one.
pub async fn protect(request: Request, next: Next) -> Response {
    let jar = CookieJar::from_headers(request.headers());
    let existing = jar.get(CSRF_COOKIE).map(|c| c.value().to_owned());
    let (mut request, token) = match existing {
        Some(token) => (request, token),
        None => (request, new_token()),
    };
    if is_unsafe(request.method()) && needs_token(request.uri().path(), request.headers()) {
        let (checked, valid) = match check(request, &token).await {
            Ok(result) => result,
            Err(error) => return error.into_response(),
        };
        if !valid {
            return WebError::Csrf.into_response();
        }
        request = checked;
    }
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if jar.get(CSRF_COOKIE).is_none() && !shared_cacheable(&response) {
        let cookie = Cookie::build((CSRF_COOKIE, token))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Strict)
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// A page every visitor gets alike (`Cache-Control: public`, e.g. the trace page) has no form
/// and must carry no visitor's cookie into a shared cache.
fn shared_cacheable(response: &Response) -> bool {
    response
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("public"))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// API calls authenticated by a bearer token, or made with no session at all, have no
/// ambient credential a forged request could borrow; nor have nginx's callbacks, which read no
/// cookie and are taken only from this machine.
fn needs_token(path: &str, headers: &HeaderMap) -> bool {
    if headers.contains_key(header::AUTHORIZATION) || path.starts_with("/internal/") {
        return false;
    }
    let has_session = CookieJar::from_headers(headers)
        .get(SESSION_COOKIE)
        .is_some();
    !path.starts_with("/api/") || has_session
}

/// Reads the submitted token (header, form field or multipart field) and compares it with the
/// cookie's. The body is buffered to look inside and handed on unchanged.
async fn check(request: Request, expected: &str) -> Result<(Request, bool), WebError> {
    let cross_site = request
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site");
    let has_cookie = CookieJar::from_headers(request.headers())
        .get(CSRF_COOKIE)
        .is_some();
    if cross_site || !has_cookie {
        return Ok((request, false));
    }
    if let Some(sent) = request.headers().get(CSRF_HEADER) {
        let valid = same(sent.as_bytes(), expected);
        return Ok((request, valid));
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let (parts, body) = request.into_parts();
    // Never more than any form but a short video's, whose page sends the header instead.
    let bytes = to_bytes(body, crate::UPLOAD_LIMIT)
        .await
        .map_err(|_| WebError::TooLarge)?;
    let sent = if content_type.starts_with("application/x-www-form-urlencoded") {
        form_field(&bytes)
    } else if content_type.starts_with("multipart/form-data") {
        multipart_field(&content_type, bytes.clone()).await
    } else {
        None
    };
    let valid = sent.is_some_and(|sent| same(sent.as_bytes(), expected));
    Ok((Request::from_parts(parts, Body::from(bytes)), valid))
}

fn form_field(bytes: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
        .ok()?
        .into_iter()
        .find(|(name, _)| name == CSRF_FIELD)
        .map(|(_, value)| value)
}

async fn multipart_field(content_type: &str, bytes: Bytes) -> Option<String> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(bytes) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some(CSRF_FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

fn same(sent: &[u8], expected: &str) -> bool {
    sent.ct_eq(expected.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_token_in_a_form() {
        assert_eq!(
            form_field(b"email=a%40b.cn&csrf=tok-en&password=x"),
            Some("tok-en".to_owned())
        );
        assert_eq!(form_field(b"email=a"), None);
        assert_eq!(form_field(&[0xff, 0xfe]), None);
    }

    #[tokio::test]
    async fn finds_the_token_in_a_multipart_body() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"shop_name\"\r\n\r\n卓玛农场\r\n--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nsecret\r\n--XyZ--\r\n";
        let found = multipart_field("multipart/form-data; boundary=XyZ", Bytes::from(body)).await;
        assert_eq!(found, Some("secret".to_owned()));
    }

    #[test]
    fn tokens_compare_exactly() {
        assert!(same(b"abc", "abc"));
        assert!(!same(b"abd", "abc"));
        assert!(!same(b"ab", "abc"));
    }
}
