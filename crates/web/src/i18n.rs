//! The interface language: the visitor's explicit choice (a cookie) wins, then the browser's
//! Accept-Language, then Chinese, the county's own language.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum_extra::extract::CookieJar;

use crate::texts::{Texts, EN, ZH};

pub const LANG_COOKIE: &str = "fg_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The value of `<html lang>`.
    pub const fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn parse(value: &str) -> Option<Lang> {
        match value {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// Picks the language for a request from its cookie and headers.
    pub fn negotiate(headers: &HeaderMap) -> Lang {
        let jar = CookieJar::from_headers(headers);
        if let Some(lang) = jar.get(LANG_COOKIE).and_then(|c| Lang::parse(c.value())) {
            return lang;
        }
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .and_then(from_accept_language)
            .unwrap_or(Lang::Zh)
    }
}

/// The supported language the browser ranks highest (by q-value, then order).
fn from_accept_language(value: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for item in value.split(',') {
        let mut parts = item.trim().split(';');
        let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let quality = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        let Some(lang) = Lang::parse(primary) else {
            continue;
        };
        if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::negotiate(&parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(accept: &str, cookie: Option<&str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_str(accept).unwrap(),
        );
        if let Some(cookie) = cookie {
            headers.insert(header::COOKIE, HeaderValue::from_str(cookie).unwrap());
        }
        headers
    }

    #[test]
    fn accept_language_is_ranked_by_quality() {
        assert_eq!(Lang::negotiate(&headers("en-US,en;q=0.9", None)), Lang::En);
        assert_eq!(
            Lang::negotiate(&headers("zh-CN,zh;q=0.9,en;q=0.8", None)),
            Lang::Zh
        );
        assert_eq!(
            Lang::negotiate(&headers("fr-FR, en;q=0.5, zh;q=0.7", None)),
            Lang::Zh
        );
        assert_eq!(Lang::negotiate(&headers("de", None)), Lang::Zh);
        assert_eq!(
            Lang::negotiate(&headers("en;q=0, zh;q=0.1", None)),
            Lang::Zh
        );
    }

    #[test]
    fn the_cookie_choice_wins() {
        assert_eq!(
            Lang::negotiate(&headers("en-US", Some("fg_lang=zh"))),
            Lang::Zh
        );
        assert_eq!(
            Lang::negotiate(&headers("zh-CN", Some("fg_lang=en"))),
            Lang::En
        );
        assert_eq!(
            Lang::negotiate(&headers("zh-CN", Some("fg_lang=xx"))),
            Lang::Zh
        );
    }
}
