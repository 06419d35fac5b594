//! An address no route knows (issue 10: unknown paths gave a blank page): a browser gets the
//! 404 page in Kazakh, Russian and English, a program asking for JSON (and anything under
//! `/api/` or `/ws/`) the API's JSON `not_found` naming the path.

use crate::common::{spawn_app, sqlite};

#[tokio::test]
async fn an_unknown_address_gets_the_page_or_json_as_the_client_asks() {
    let app = spawn_app(sqlite().await).await;
    let get = |path: &'static str, accept: &'static str| {
        app.client
            .get(app.url(path))
            .header("accept", accept)
            .send()
    };
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    for path in ["/nowhere", "/exam/nowhere", "/assets/nowhere.js"] {
        let r = get(path, browser).await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        let page = r.text().await.unwrap();
        assert!(
            page.contains("Бет табылмады")
                && page.contains("lang=\"ru\"")
                && page.contains("lang=\"en\""),
            "{path}: {page}"
        );
    }
    for (path, accept) in [
        ("/nowhere", "application/json"),
        ("/api/v1/nowhere", browser),
        ("/api/v1/nowhere", "*/*"),
        ("/ws/nowhere", "*/*"),
    ] {
        let r = get(path, accept).await.unwrap();
        assert_eq!(r.status(), 404, "{path} {accept}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(
            body["error"]["code"], "not_found",
            "{path} {accept}: {body}"
        );
        assert!(
            body["error"]["message"].as_str().unwrap().contains(path),
            "{body}"
        );
    }
}
