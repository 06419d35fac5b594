//! `GET /review`: the proctoring review page (src/web/reviewer/). The page itself is public;
//! everything it shows comes from the review API, which admits only `proctor_reviewer` and
//! `admin`.

use axum::http::header;
use axum::response::IntoResponse;

/// The page, with the same strict policy as the candidate's pages (thumbnails are `data:`
/// images).
pub async fn review() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        crate::web::REVIEW_HTML,
    )
}
