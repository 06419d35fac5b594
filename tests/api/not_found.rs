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

#[tokio::test]
async fn a_known_address_asked_with_another_method_says_so_in_json_with_allow() {
    let app = spawn_app(sqlite().await).await;
    for (method, path) in [
        (reqwest::Method::GET, "/api/v1/exam/login"),
        (reqwest::Method::POST, "/exam"),
        (reqwest::Method::DELETE, "/api/v1/admin/campaigns"),
    ] {
        let r = app
            .client
            .request(method.clone(), app.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{method} {path}");
        let allow = r
            .headers()
            .get("allow")
            .map(|v| v.to_str().unwrap().to_owned());
        assert!(
            allow.is_some_and(|a| !a.is_empty()),
            "{method} {path}: no Allow"
        );
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "method_not_allowed", "{body}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(path),
            "{body}"
        );
    }
}
