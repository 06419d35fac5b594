//! The OpenAPI document served at `GET /api/openapi.json`: it parses, is structurally an
//! OpenAPI 3.1 document whose every `$ref` resolves, and lists exactly the API routes of the
//! router's own table (`synaq::http::routes()`) with their methods, roles, security and path
//! parameters — so a route added without its operation fails here.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::Value;
use synaq::domain::role::Role;
use synaq::http::openapi::{is_api, path_parameters};
use synaq::http::{Access, Route};

use crate::common::TestApp;
use crate::exam_support::{campaign, start};
use crate::on_both_stacks;

/// Every `$ref` under `value`, with where it was found.
fn refs<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if key == "$ref" {
                    out.push((at.clone(), v.as_str().expect("a $ref is a string")));
                } else {
                    refs(v, format!("{at}/{key}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                refs(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The problems of `doc` as an OpenAPI 3.1 document: missing required members, `$ref`s that
/// resolve to nothing, duplicate operation ids, operations without an answer.
fn problems(doc: &Value) -> Vec<String> {
    let mut found = Vec::new();
    if doc["openapi"]
        .as_str()
        .is_none_or(|v| !v.starts_with("3.1"))
    {
        found.push(format!("openapi is {}, not 3.1.x", doc["openapi"]));
    }
    for member in ["title", "version"] {
        if !doc["info"][member].is_string() {
            found.push(format!("info.{member} is missing"));
        }
    }
    let mut all = Vec::new();
    refs(doc, String::new(), &mut all);
    for (at, reference) in all {
        let resolved = reference
            .strip_prefix('#')
            .and_then(|pointer| doc.pointer(pointer));
        if resolved.is_none() {
            found.push(format!("{at}: $ref {reference} resolves to nothing"));
        }
    }
    let schemes = doc["components"]["securitySchemes"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let mut ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("a path item") {
            let at = format!("{method} {path}");
            match op["operationId"].as_str() {
                Some(id) if ids.insert(id.to_owned()) => {}
                other => found.push(format!("{at}: operationId {other:?} missing or repeated")),
            }
            let answers = op["responses"].as_object().cloned().unwrap_or_default();
            if answers.is_empty() {
                found.push(format!("{at}: no responses"));
            }
            for (status, answer) in &answers {
                if status.parse::<u16>().is_err() || !answer["description"].is_string() {
                    found.push(format!("{at}: response {status} malformed"));
                }
            }
            for requirement in op["security"].as_array().into_iter().flatten() {
                for name in requirement.as_object().expect("a requirement").keys() {
                    if !schemes.contains_key(name) {
                        found.push(format!("{at}: security scheme {name} is not defined"));
                    }
                }
            }
        }
    }
    found
}

fn role_names(access: Access) -> Vec<&'static str> {
    match access {
        Access::Authenticated(roles) => roles.iter().map(|r: &Role| r.as_str()).collect(),
        Access::Public | Access::Signed => vec![],
    }
}

/// The operation's path parameters, checked to be `in: path`, required and typed.
fn declared_path_parameters(op: &Value, at: &str) -> Vec<String> {
    op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "path")
        .map(|p| {
            assert_eq!(p["required"], true, "{at}: {p}");
            assert!(p["schema"]["type"].is_string(), "{at}: untyped {p}");
            p["name"].as_str().unwrap().to_owned()
        })
        .collect()
}

/// Checks the operation `op` documents `route` as the table states it.
fn check_operation(route: &Route, op: &Value) {
    let at = format!("{} {}", route.method, route.path);
    assert_eq!(
        op["x-roles"],
        serde_json::json!(role_names(route.access)),
        "{at}"
    );
    let access = match route.access {
        Access::Public => "public",
        Access::Authenticated(_) => "authenticated",
        Access::Signed => "signed",
    };
    assert_eq!(op["x-access"], access, "{at}");
    let mut declared = declared_path_parameters(op, &at);
    declared.sort();
    let mut template: Vec<String> = path_parameters(route.path)
        .into_iter()
        .map(str::to_owned)
        .collect();
    template.sort();
    assert_eq!(declared, template, "{at}: path parameters");
    let answers = op["responses"].as_object().unwrap();
    assert!(
        answers.keys().any(|s| s.starts_with('2') || s == "101"),
        "{at}: no success answer"
    );
    let security: Vec<Vec<String>> = op["security"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r.as_object().unwrap().keys().cloned().collect())
        .collect();
    match route.access {
        Access::Public => assert!(security.is_empty(), "{at}: {security:?}"),
        Access::Authenticated(_) => {
            let cookie: Vec<String> = if route.method == Method::GET {
                vec!["cookie".into()]
            } else {
                vec!["cookie".into(), "csrf".into()]
            };
            assert_eq!(security, vec![vec!["bearer".to_owned()], cookie], "{at}");
            for status in ["401", "403"] {
                assert_eq!(
                    answers[status]["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/Error",
                    "{at}: {status}"
                );
            }
        }
        Access::Signed => {
            assert!(
                answers.contains_key("401"),
                "{at}: a signed route refuses with 401"
            );
        }
    }
}

async fn the_document_lists_every_api_route_of_the_table(app: TestApp) {
    let response = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let doc: Value = response.json().await.expect("the document parses as JSON");
    let found = problems(&doc);
    assert!(found.is_empty(), "{found:#?}");

    let routes: Vec<Route> = synaq::http::routes()
        .into_iter()
        .filter(|r| is_api(r.path))
        .collect();
    assert!(routes.len() > 50, "{} API routes", routes.len());
    let table: BTreeSet<(String, String)> = routes
        .iter()
        .map(|r| (r.method.as_str().to_ascii_lowercase(), r.path.to_owned()))
        .collect();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(|method| (method.clone(), path.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        documented.symmetric_difference(&table).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "the document and the route table differ"
    );
    for route in &routes {
        let method = route.method.as_str().to_ascii_lowercase();
        check_operation(route, &doc["paths"][route.path][method.as_str()]);
    }
    // The pages and assets are left out.
    for page in ["/", "/exam", "/me", "/assets/{*path}"] {
        assert!(doc["paths"].get(page).is_none(), "{page}");
    }
}

/// Found by schemathesis: `GET /ws/exam` without the WebSocket handshake's headers answered
/// axum's plain-text 400; it is the API's JSON error, naming the handshake.
async fn a_socket_request_without_the_handshake_is_the_json_error(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    let token = start(&app, &codes[0].0).await;
    let response = app
        .client
        .get(app.url("/ws/exam"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "bad_request", "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("upgrade: "),
        "{body}"
    );
}

on_both_stacks!(
    socket_without_handshake,
    a_socket_request_without_the_handshake_is_the_json_error
);

on_both_stacks!(
    openapi_document,
    the_document_lists_every_api_route_of_the_table
);

#[test]
fn the_checks_find_a_dangling_ref_and_a_repeated_id() {
    let doc = serde_json::json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/a": {"get": {"operationId": "x", "responses": {"200": {"description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nope"}}}}}}},
            "/b": {"get": {"operationId": "x", "responses": {}}},
        },
        "components": {"schemas": {}},
    });
    let found = problems(&doc);
    assert!(found.iter().any(|p| p.contains("Nope")), "{found:?}");
    assert!(found.iter().any(|p| p.contains("operationId")), "{found:?}");
    assert!(
        found.iter().any(|p| p.contains("no responses")),
        "{found:?}"
    );
}

#[test]
fn the_built_document_has_no_problems() {
    let doc: Value = serde_json::from_str(synaq::http::openapi::json()).unwrap();
    let found = problems(&doc);
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(doc["openapi"], "3.1.0");
}
