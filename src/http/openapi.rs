//! The OpenAPI 3.1 document of the API, served at `GET /api/openapi.json`, built from the route
//! table itself ([`super::table`]). Each entry's method, path, path parameters, security and
//! roles come from the table (the same values the router is built from); the entry's [`Doc`],
//! given beside the route as `.doc(...)`, adds what the table cannot know: the summary, the
//! request body, the answers and the errors the handler gives. So the document cannot list a
//! route the router lacks, nor give it other roles, and a route under `/api/`, `/ws/` or
//! `/health` without its `Doc` fails the tests (`every_api_route_has_an_operation` below, and
//! tests/api/openapi.rs over HTTP). The pages and their assets (`/`, `/exam`, `/me`,
//! `/commission`, `/review`, `/assets/{*path}`) are HTML for browsers and are left out.
//!
//! Request bodies and views derive `utoipa::ToSchema`, so their schemas are the types' own
//! serde shapes; the error body is one shared schema (`Error`, from error.rs). What this file
//! leaves to others: the handlers (it only describes them) and docs/protocol.md (the prose and
//! the `view=` examples the views are tested against).

use std::sync::OnceLock;

use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::extensions::ExtensionsBuilder;
use utoipa::openapi::path::{
    HttpMethod, OperationBuilder, Parameter, ParameterBuilder, ParameterIn, PathsBuilder,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{
    ArrayBuilder, ComponentsBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type,
};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{Components, InfoBuilder, OpenApi, OpenApiBuilder, Ref, RefOr, Required};
use utoipa::{IntoParams, ToSchema};

use super::error::ErrorBody;
use super::route::{Access, Entry};
use crate::domain::role::Role;

/// Where the document is served.
pub const PATH: &str = "/api/openapi.json";

/// Whether `path` is an API route (documented here) rather than a page or an asset.
pub fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/ws/") || path == "/health"
}

/// How a vendor's callback is signed (docs/proctoring.md, "Signatures").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signature {
    /// `X-Synaq-Timestamp` and `X-Synaq-Signature: sha256=<HMAC-SHA256>` (native, Open edX).
    Native,
    /// `X-ProctorU-Signature: sha1=<HMAC-SHA1>`.
    ProctorU,
    /// Inside the body: the envelope's `nonce` and `signature` (Proctorio).
    Envelope,
}

/// One answer of an operation: status, what it means, and its body if it has one.
struct Answer {
    status: u16,
    description: &'static str,
    content: Option<(&'static str, RefOr<Schema>)>,
}

/// What a route's entry says about itself in the document, beyond what the table knows.
pub struct Doc {
    summary: &'static str,
    description: Option<&'static str>,
    /// The request body by content type.
    body: Vec<(&'static str, RefOr<Schema>)>,
    /// Whether the body is JSON read by `extract::Json` (400, 413, 415 follow).
    json_body: bool,
    query: Vec<Parameter>,
    /// Path parameters that are integers (the others are strings).
    integers: Vec<&'static str>,
    answers: Vec<Answer>,
    /// The error statuses the handler gives, beyond those of its access and body.
    errors: Vec<u16>,
    signature: Option<Signature>,
    /// The component schemas the body and answers refer to.
    schemas: Vec<(String, RefOr<Schema>)>,
}

/// A reference to the component schema of `T`, recording it (and what it refers to) in
/// `schemas`.
fn reference<T: ToSchema>(schemas: &mut Vec<(String, RefOr<Schema>)>) -> RefOr<Schema> {
    schemas.push((T::name().into_owned(), T::schema()));
    T::schemas(schemas);
    RefOr::Ref(Ref::from_schema_name(T::name()))
}

/// Any JSON object, its shape described in prose.
pub fn object(description: &'static str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(description))
        .into()
}

/// A text body.
pub fn text(description: &'static str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .into()
}

/// A binary body (a PDF).
pub fn binary(description: &'static str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
        .description(Some(description))
        .into()
}

/// A `multipart/form-data` body of one or more file parts named `file`.
pub fn files(description: &'static str) -> RefOr<Schema> {
    let file = ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)));
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property(
            "file",
            ArrayBuilder::new().items(file).min_items(Some(1)).build(),
        )
        .required("file")
        .description(Some(description))
        .into()
}

impl Doc {
    pub fn new(summary: &'static str) -> Doc {
        Doc {
            summary,
            description: None,
            body: Vec::new(),
            json_body: false,
            query: Vec::new(),
            integers: Vec::new(),
            answers: Vec::new(),
            errors: Vec::new(),
            signature: None,
            schemas: Vec::new(),
        }
    }

    /// More than the summary says: rules, limits, where the prose is.
    pub fn describe(mut self, description: &'static str) -> Doc {
        self.description = Some(description);
        self
    }

    /// A JSON body of type `T`, read by `extract::Json`.
    pub fn json<T: ToSchema>(mut self) -> Doc {
        let schema = reference::<T>(&mut self.schemas);
        self.body.push(("application/json", schema));
        self.json_body = true;
        self
    }

    /// A body of `content_type` (text, multipart, a raw JSON document).
    pub fn body(mut self, content_type: &'static str, schema: RefOr<Schema>) -> Doc {
        self.body.push((content_type, schema));
        self
    }

    /// The query parameters of `T`.
    pub fn query<T: IntoParams>(mut self) -> Doc {
        self.query
            .extend(T::into_params(|| Some(ParameterIn::Query)));
        self
    }

    /// The path parameter `{name}` is an integer.
    pub fn integer(mut self, name: &'static str) -> Doc {
        self.integers.push(name);
        self
    }

    /// A vendor's signed callback: its raw JSON body, verified before it is parsed.
    pub fn signed(mut self, signature: Signature, body: &'static str) -> Doc {
        self.signature = Some(signature);
        self.body.push(("application/json", object(body)));
        self
    }

    /// A JSON answer of type `T`.
    pub fn ok<T: ToSchema>(mut self, status: u16, description: &'static str) -> Doc {
        let schema = reference::<T>(&mut self.schemas);
        self.answers.push(Answer {
            status,
            description,
            content: Some(("application/json", schema)),
        });
        self
    }

    /// A JSON answer that is an array of `T`.
    pub fn ok_array<T: ToSchema>(mut self, status: u16, description: &'static str) -> Doc {
        let items = reference::<T>(&mut self.schemas);
        self.answers.push(Answer {
            status,
            description,
            content: Some(("application/json", ArrayBuilder::new().items(items).into())),
        });
        self
    }

    /// An answer with a body of `content_type` described by `schema`.
    pub fn answer(
        mut self,
        status: u16,
        description: &'static str,
        content_type: &'static str,
        schema: RefOr<Schema>,
    ) -> Doc {
        self.answers.push(Answer {
            status,
            description,
            content: Some((content_type, schema)),
        });
        self
    }

    /// An answer without a body.
    pub fn empty(mut self, status: u16, description: &'static str) -> Doc {
        self.answers.push(Answer {
            status,
            description,
            content: None,
        });
        self
    }

    /// The error statuses the handler itself gives (404, 409, 422, 429, ...). Those of the
    /// route's access (401, 403) and of a JSON body or query (400, 413, 415) are added.
    pub fn errors(mut self, statuses: &[u16]) -> Doc {
        self.errors.extend_from_slice(statuses);
        self
    }

    /// Every error status of the route: the handler's, its access's and its body's.
    fn error_statuses(&self, access: Access) -> Vec<u16> {
        let mut statuses = self.errors.clone();
        match access {
            Access::Public => {}
            Access::Authenticated(_) => statuses.extend([401, 403]),
            // docs/proctoring.md, "Refusals": unknown vendor, signature, size, envelope.
            Access::Signed => statuses.extend([400, 401, 404, 413, 422]),
        }
        if self.json_body {
            statuses.extend([400, 413, 415]);
        }
        if !self.query.is_empty() {
            statuses.push(400);
        }
        statuses.sort_unstable();
        statuses.dedup();
        statuses
    }
}

/// What an error status means here (docs/protocol.md, the error table).
fn error_description(status: u16) -> &'static str {
    match status {
        400 => {
            "`bad_request` (or `ambiguous`): the body or a parameter does not parse or does not fit; the message names the field"
        }
        401 => {
            "`unauthenticated`: no credentials, or unknown or expired ones; for a vendor callback a missing, wrong or stale signature"
        }
        403 => {
            "`forbidden`: the caller's role is not one the route admits; `csrf`: a cookie without its X-CSRF-Token on an unsafe method"
        }
        404 => "`not_found`: no such session, campaign, appeal, vendor or year",
        409 => {
            "`conflict`: the request conflicts with the state of what it acts on (the message names the clause)"
        }
        413 => "`payload_too_large`: the body is over the route's limit (docs/limits.md)",
        415 => "`unsupported_media_type`: the body is not of the content type the route reads",
        422 => {
            "well-formed but refused content, the code naming why; `details` lists every problem"
        }
        429 => "`rate_limited`: over a per-minute limit; `Retry-After` says when to try again",
        503 => {
            "`too_many_sockets`: the node holds its bound of sockets or is shutting down; `Retry-After` says when to reconnect"
        }
        _ => "an error (docs/protocol.md)",
    }
}

/// A readable description of a path parameter.
fn parameter_description(name: &str) -> &'static str {
    match name {
        "session" => "the exam session's id",
        "campaign" => "the campaign's id",
        "appeal" => "the appeal's id",
        "vendor" => "the proctoring vendor's registered name",
        "year" => "the calendar year",
        "number" => "the certificate's number (`<region>-<year>-<sequence>-<random>`)",
        "file" => "the certificate's number, `.pdf` for the PDF",
        _ => "a path parameter",
    }
}

/// The names of the `{parameters}` of a path template.
pub fn path_parameters(template: &str) -> Vec<&str> {
    template
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect()
}

fn http_method(method: &Method) -> HttpMethod {
    match *method {
        Method::GET => HttpMethod::Get,
        Method::POST => HttpMethod::Post,
        Method::PUT => HttpMethod::Put,
        Method::DELETE => HttpMethod::Delete,
        Method::PATCH => HttpMethod::Patch,
        ref other => panic!("{other}: teach the OpenAPI document this method"),
    }
}

/// `post /api/v1/admin/sessions/{session}/void` -> `post_api_v1_admin_sessions_session_void`.
fn operation_id(method: &Method, path: &str) -> String {
    let words = path
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    std::iter::once(method.as_str().to_ascii_lowercase())
        .chain(words.map(str::to_owned))
        .collect::<Vec<_>>()
        .join("_")
}

/// The group of a path, for the document's tags: `admin`, `exam`, `review`, ...
fn tag(path: &str) -> String {
    let rest = path
        .strip_prefix("/api/v1/")
        .unwrap_or(path.trim_start_matches('/'));
    let rest = rest.strip_prefix("ws/").unwrap_or(rest);
    rest.split('/').next().unwrap_or("api").to_owned()
}

/// The roles an access admits, as the document states them (`x-roles`).
fn roles(access: Access) -> Vec<&'static str> {
    match access {
        Access::Authenticated(roles) => roles.iter().map(|r| r.as_str()).collect(),
        Access::Public | Access::Signed => Vec::new(),
    }
}

fn access_name(access: Access) -> &'static str {
    match access {
        Access::Public => "public",
        Access::Authenticated(_) => "authenticated",
        Access::Signed => "signed",
    }
}

/// The security requirements of a route: any one of them admits the request.
fn security(
    access: Access,
    method: &Method,
    signature: Option<Signature>,
) -> Vec<SecurityRequirement> {
    match access {
        Access::Public => Vec::new(),
        Access::Authenticated(_) => {
            let safe = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
            let cookie = if safe {
                SecurityRequirement::new("cookie", Vec::<String>::new())
            } else {
                SecurityRequirement::new("cookie", Vec::<String>::new())
                    .add("csrf", Vec::<String>::new())
            };
            vec![
                SecurityRequirement::new("bearer", Vec::<String>::new()),
                cookie,
            ]
        }
        Access::Signed => match signature {
            Some(Signature::Native) => vec![
                SecurityRequirement::new("vendor_timestamp", Vec::<String>::new())
                    .add("vendor_signature", Vec::<String>::new()),
            ],
            Some(Signature::ProctorU) => {
                vec![SecurityRequirement::new(
                    "proctoru_signature",
                    Vec::<String>::new(),
                )]
            }
            // The signature rides in the body; nothing for the document's security.
            Some(Signature::Envelope) | None => Vec::new(),
        },
    }
}

fn security_schemes() -> Vec<(&'static str, SecurityScheme)> {
    let header = |name: &str, description: &str| {
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            name,
            description,
        )))
    };
    vec![
        (
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "`Authorization: Bearer <token>`: a login's token (POST /api/v1/auth/login, /api/v1/exam/login) or an API token (`synaq token issue`)",
                    ))
                    .build(),
            ),
        ),
        (
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                super::auth::COOKIE,
                "the login cookie (HttpOnly, SameSite=Strict) set by either login",
            ))),
        ),
        (
            "csrf",
            header(
                "X-CSRF-Token",
                "with the cookie on an unsafe method: the `csrf` of the login answer",
            ),
        ),
        (
            "vendor_timestamp",
            header(
                "X-Synaq-Timestamp",
                "Unix seconds, within the replay window (docs/proctoring.md)",
            ),
        ),
        (
            "vendor_signature",
            header(
                "X-Synaq-Signature",
                "`sha256=<hex HMAC-SHA256(secret, timestamp + \".\" + raw body)>`",
            ),
        ),
        (
            "proctoru_signature",
            header(
                "X-ProctorU-Signature",
                "`sha1=<hex HMAC-SHA1(secret, raw body)>`",
            ),
        ),
    ]
}

/// The operation of one entry of the table.
fn operation(entry: &Entry, doc: &Doc) -> utoipa::openapi::path::Operation {
    let route = &entry.route;
    let roles = roles(route.access);
    let who = match route.access {
        Access::Public => "Access: public.".to_owned(),
        Access::Authenticated(admits) if admits == Role::ALL.as_slice() => {
            "Access: anyone logged in.".to_owned()
        }
        Access::Authenticated(_) => format!("Access: roles {}.", roles.join(", ")),
        Access::Signed => {
            "Access: the vendor's signature over the raw body (docs/proctoring.md).".to_owned()
        }
    };
    let description = match doc.description {
        Some(text) => format!("{text}\n\n{who}"),
        None => who,
    };
    let mut parameters: Vec<Parameter> = path_parameters(route.path)
        .into_iter()
        .map(|name| {
            let integer = doc.integers.contains(&name);
            let schema = ObjectBuilder::new().schema_type(if integer {
                Type::Integer
            } else {
                Type::String
            });
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .description(Some(parameter_description(name)))
                .schema(Some(schema))
                .build()
        })
        .collect();
    parameters.extend(doc.query.iter().cloned());
    let mut op = OperationBuilder::new()
        .operation_id(Some(operation_id(&route.method, route.path)))
        .summary(Some(doc.summary))
        .description(Some(description))
        .tag(tag(route.path))
        .parameters(Some(parameters))
        .extensions(Some(
            ExtensionsBuilder::new()
                .add("x-roles", serde_json::json!(roles))
                .add("x-access", access_name(route.access))
                .build(),
        ));
    if !doc.body.is_empty() {
        let mut body = RequestBodyBuilder::new().required(Some(Required::True));
        for (content_type, schema) in &doc.body {
            body = body.content(
                *content_type,
                ContentBuilder::new().schema(Some(schema.clone())).build(),
            );
        }
        op = op.request_body(Some(body.build()));
    }
    // Answers of one status with different media types are one response with several
    // contents (an export in JSON, GIFT or XML).
    let mut statuses: Vec<u16> = doc.answers.iter().map(|a| a.status).collect();
    statuses.dedup();
    for status in statuses {
        let same: Vec<&Answer> = doc.answers.iter().filter(|a| a.status == status).collect();
        let mut response = ResponseBuilder::new().description(same[0].description);
        for answer in same {
            if let Some((content_type, schema)) = &answer.content {
                response = response.content(
                    *content_type,
                    ContentBuilder::new().schema(Some(schema.clone())).build(),
                );
            }
        }
        op = op.response(status.to_string(), response.build());
    }
    for status in doc.error_statuses(route.access) {
        let response = ResponseBuilder::new()
            .description(error_description(status))
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(RefOr::Ref(Ref::from_schema_name(ErrorBody::name()))))
                    .build(),
            );
        op = op.response(status.to_string(), response.build());
    }
    for requirement in security(route.access, &route.method, doc.signature) {
        op = op.security(requirement);
    }
    op.build()
}

/// The document of `entries`: every entry with a [`Doc`]. Panics when two different schemas
/// share a name (one would silently replace the other).
pub(super) fn build(entries: &[Entry]) -> OpenApi {
    let mut paths = PathsBuilder::new().build();
    let mut schemas: Vec<(String, RefOr<Schema>)> = Vec::new();
    reference::<ErrorBody>(&mut schemas);
    for entry in entries {
        let Some(doc) = entry.operation() else {
            continue;
        };
        paths.add_path_operation(
            entry.route.path,
            vec![http_method(&entry.route.method)],
            operation(entry, doc),
        );
        schemas.extend(doc.schemas.iter().cloned());
    }
    let mut components = ComponentsBuilder::new();
    let mut named: std::collections::BTreeMap<String, RefOr<Schema>> = Default::default();
    for (name, schema) in schemas {
        match named.get(&name) {
            Some(known) if *known != schema => {
                panic!("two different schemas are named {name}: rename one (`#[schema(as = ...)]`)")
            }
            Some(_) => {}
            None => {
                named.insert(name, schema);
            }
        }
    }
    for (name, schema) in named {
        components = components.schema(name, schema);
    }
    for (name, scheme) in security_schemes() {
        components = components.security_scheme(name, scheme);
    }
    let components: Components = components.build();
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("synaq")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "The HTTP API of the synaq exam engine: candidates, authors, administrators, the appeal commission, proctoring reviewers and vendors' callbacks. Built from the server's route table; the prose and examples are docs/protocol.md and docs/proctoring.md.",
                ))
                .build(),
        )
        .paths(paths)
        .components(Some(components))
        .build()
}

/// The document of the server's route table.
pub fn document() -> OpenApi {
    build(&super::table())
}

/// The document as JSON, built once.
pub fn json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        document()
            .to_json()
            .expect("the OpenAPI document serializes")
    })
}

/// `GET /api/openapi.json`.
pub(super) async fn serve() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], json()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_api_route_has_an_operation_and_no_page_has_one() {
        let missing: Vec<String> = super::super::table()
            .iter()
            .filter(|e| is_api(e.route.path) != e.operation().is_some())
            .map(|e| format!("{} {}", e.route.method, e.route.path))
            .collect();
        assert!(
            missing.is_empty(),
            "API routes without `.doc(...)` (or pages with one): {missing:?}"
        );
    }

    #[test]
    fn an_entry_without_its_doc_is_missing_from_the_document() {
        use super::super::route::Entry;
        let entries = vec![
            Entry::get("/api/v1/documented", Access::Public, || async { "" })
                .doc(Doc::new("documented").empty(204, "nothing")),
            Entry::get("/api/v1/undocumented", Access::Public, || async { "" }),
        ];
        let doc = build(&entries);
        assert!(doc.paths.paths.contains_key("/api/v1/documented"));
        assert!(!doc.paths.paths.contains_key("/api/v1/undocumented"));
    }

    #[test]
    fn errors_add_those_of_the_access_and_the_body() {
        let doc = Doc::new("x").errors(&[404, 409]);
        assert_eq!(doc.error_statuses(Access::Public), vec![404, 409]);
        assert_eq!(
            doc.error_statuses(Access::Authenticated(&[Role::Admin])),
            vec![401, 403, 404, 409]
        );
        let with_body = Doc::new("x").json::<ErrorBody>();
        assert_eq!(
            with_body.error_statuses(Access::Public),
            vec![400, 413, 415]
        );
    }

    #[test]
    fn ids_and_tags_come_from_the_path() {
        assert_eq!(
            operation_id(&Method::POST, "/api/v1/admin/sessions/{session}/void"),
            "post_api_v1_admin_sessions_session_void"
        );
        assert_eq!(tag("/api/v1/admin/users"), "admin");
        assert_eq!(tag("/ws/exam"), "exam");
        assert_eq!(tag("/health"), "health");
        assert_eq!(path_parameters("/a/{x}/b/{y}"), vec!["x", "y"]);
    }
}
