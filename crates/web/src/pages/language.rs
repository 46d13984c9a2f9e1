//! The language switch: remembers the choice in a cookie and returns to the same page.

use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::auth::local_path;
use crate::error::WebError;
use crate::forms::PageForm;
use crate::i18n::{Lang, LANG_COOKIE};

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    next: String,
}

pub async fn switch(
    jar: CookieJar,
    PageForm(form): PageForm<LanguageForm>,
) -> Result<Response, WebError> {
    let lang = Lang::parse(&form.lang).ok_or(WebError::BadRequest(format!(
        "unknown language {:?}",
        form.lang
    )))?;
    let cookie = Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::days(365))
        .build();
    let next = match local_path(&form.next) {
        "" => "/",
        path => path,
    };
    Ok((jar.add(cookie), Redirect::to(next)).into_response())
}
