//! The project's extractors for request bodies and query strings: their rejections are the
//! project's error body ([`Error`]), naming the field at fault and where, so no handler maps a
//! rejection by hand.
//!
//! - [`Json`]: 415 `unsupported_media_type` unless `Content-Type: application/json`; 413
//!   `payload_too_large` over the route's body limit, naming it; 400 `bad_request` naming the
//!   field path (`languages[1]`, or `body` for the whole) and the line and column of a body that
//!   does not parse or does not fit the expected shape.
//! - [`Text`]: a UTF-8 body, 413 and 400 as above.
//! - [`Query`]: 400 `bad_request` on the `query`, the message naming the parameter.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

use super::{Error, JSON_BODY_LIMIT};

/// A JSON request body deserialized into `T`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

/// Whether the request says its body is JSON (`application/json`, or `application/*+json`).
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim();
    let essence = essence.to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Deserializes `bytes` as `T`, naming the field path of the first problem (`body` when it
/// concerns the whole document) and its line and column.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "body".to_owned() } else { path };
        Error::bad_request(field, e.into_inner().to_string())
    })?;
    de.end()
        .map_err(|e| Error::bad_request("body", e.to_string()))?;
    Ok(value)
}

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Json<T>, Error> {
        if !is_json(request.headers()) {
            return Err(Error::UnsupportedMediaType {
                expected: "application/json",
            });
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| body_error(e.status(), e.body_text(), JSON_BODY_LIMIT))?;
        parse(&bytes).map(Json)
    }
}

/// A body that could not be read at all: over `limit` (413 naming it), or broken (400).
pub fn body_error(status: StatusCode, text: String, limit: usize) -> Error {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        Error::PayloadTooLarge { limit }
    } else {
        Error::bad_request("body", text)
    }
}

/// A text body (a roster's CSV): 413 over the route's limit, 400 naming the offset of the
/// first byte that is not UTF-8.
#[derive(Debug, Clone, Default)]
pub struct Text(pub String);

impl<S: Send + Sync> FromRequest<S> for Text {
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Text, Error> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| body_error(e.status(), e.body_text(), JSON_BODY_LIMIT))?;
        String::from_utf8(Vec::from(bytes)).map(Text).map_err(|e| {
            Error::bad_request(
                "body",
                format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
            )
        })
    }
}

/// A query string deserialized into `T`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Query<T>, Error> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Query(value))
            .map_err(|e| Error::bad_request("query", e.body_text()))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        languages: Vec<String>,
    }

    fn field_and_message(e: Error) -> (String, String) {
        match e {
            Error::BadRequest { field, message } => (field, message),
            other => panic!("not a bad request: {other:?}"),
        }
    }

    #[test]
    fn a_wrong_type_names_the_field_path_line_and_column() {
        let e = parse::<Body>(br#"{"name": "x", "languages": ["kk", 7]}"#).unwrap_err();
        let (field, message) = field_and_message(e);
        assert_eq!(field, "languages[1]");
        assert!(message.contains("line 1 column"), "{message}");
    }

    #[test]
    fn a_missing_field_names_the_body_and_a_broken_document_its_place() {
        let (field, message) = field_and_message(parse::<Body>(br#"{"name": "x"}"#).unwrap_err());
        assert_eq!(field, "body");
        assert!(message.contains("missing field `languages`"), "{message}");
        let (field, message) = field_and_message(parse::<Body>(b"{\n\"name\": ").unwrap_err());
        assert_eq!(
            field, "name",
            "the document ends inside the value of `name`"
        );
        assert!(message.contains("line 2"), "{message}");
        let (field, _) = field_and_message(
            parse::<Body>(br#"{"name": "x", "languages": []} trailing"#).unwrap_err(),
        );
        assert_eq!(field, "body");
    }

    #[test]
    fn json_content_types_are_recognised_and_others_are_not() {
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, v.parse().unwrap());
            is_json(&h)
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(with("application/problem+json"));
        assert!(!with("text/plain"));
        assert!(!with("application/jsonx"));
        assert!(!is_json(&HeaderMap::new()));
    }
}
