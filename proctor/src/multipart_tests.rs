//! Splitting multipart callbacks: the scheme's shape, every bound and every malformed body.

use super::*;

const B: &str = "synaq-boundary-7";

fn limits() -> MultipartLimits {
    MultipartLimits::default()
}

#[test]
fn the_boundary_is_read_from_a_form_data_content_type_only() {
    assert_eq!(
        boundary("multipart/form-data; boundary=abc").as_deref(),
        Some("abc")
    );
    assert_eq!(
        boundary("Multipart/Form-Data; charset=utf-8; Boundary=\"a b\"").as_deref(),
        Some("a b")
    );
    assert_eq!(boundary("application/json"), None);
    assert_eq!(boundary("multipart/form-data"), None);
    assert_eq!(boundary("multipart/mixed; boundary=abc"), None);
    assert_eq!(
        boundary(&format!("multipart/form-data; boundary={}", "x".repeat(71))),
        None
    );
}

#[test]
fn a_built_body_splits_back_into_its_parts() {
    let body = build(
        B,
        &[
            ("events", "application/json", br#"{"events":[]}"#),
            ("snap-1", "image/png", b"\x89PNG\r\n--not-a-boundary\r\n"),
            ("snap.2", "image/jpeg", b""),
        ],
    );
    let parts = split(&body, B, &limits()).unwrap();
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0].name, "events");
    assert_eq!(parts[0].content_type.as_deref(), Some("application/json"));
    assert_eq!(parts[0].data, br#"{"events":[]}"#);
    assert_eq!(parts[1].data, b"\x89PNG\r\n--not-a-boundary\r\n");
    assert_eq!(parts[2].data, b"");
    let native = native(&body, B, &limits()).unwrap();
    assert_eq!(native.events, br#"{"events":[]}"#);
    assert_eq!(
        native
            .snapshots
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["snap-1", "snap.2"]
    );
}

#[test]
fn a_preamble_is_ignored() {
    let mut body = b"this is a preamble\r\n".to_vec();
    body.extend(build(B, &[("events", "application/json", b"{}")]));
    assert_eq!(split(&body, B, &limits()).unwrap()[0].data, b"{}");
}

#[test]
fn the_first_part_must_be_the_events() {
    let body = build(
        B,
        &[
            ("snap", "image/png", b"x"),
            ("events", "application/json", b"{}"),
        ],
    );
    assert_eq!(native(&body, B, &limits()).unwrap_err().part, "parts[0]");
    let empty = format!("--{B}--\r\n");
    assert_eq!(
        native(empty.as_bytes(), B, &limits()).unwrap_err().part,
        "parts[0]"
    );
}

#[test]
fn too_many_parts_are_refused_naming_the_first_extra() {
    let data: Vec<(String, &[u8])> = (0..4).map(|i| (format!("p{i}"), &b"x"[..])).collect();
    let parts: Vec<(&str, &str, &[u8])> = data
        .iter()
        .map(|(n, d)| (n.as_str(), "image/png", *d))
        .collect();
    let body = build(B, &parts);
    let small = MultipartLimits {
        max_parts: 3,
        ..limits()
    };
    let e = split(&body, B, &small).unwrap_err();
    assert_eq!((e.part.as_str(), e.status_hint()), ("parts[3]", 422));
    assert!(split(&body, B, &limits()).is_ok());
}

#[test]
fn a_part_over_its_byte_limit_is_413_naming_it() {
    let big = vec![7u8; 101];
    let body = build(
        B,
        &[
            ("events", "application/json", b"{}"),
            ("snap", "image/png", &big),
        ],
    );
    let small = MultipartLimits {
        max_part_bytes: 100,
        ..limits()
    };
    let e = split(&body, B, &small).unwrap_err();
    assert_eq!((e.part.as_str(), e.status_hint()), ("part:snap", 413));
    let exactly = MultipartLimits {
        max_part_bytes: 101,
        ..limits()
    };
    assert!(split(&body, B, &exactly).is_ok());
}

#[test]
fn malformed_bodies_are_refused_naming_the_part() {
    let case = |body: &[u8]| split(body, B, &limits()).unwrap_err().part;
    assert_eq!(case(b"no boundary at all"), "body");
    // Not closed.
    let mut open = build(B, &[("events", "application/json", b"{}")]);
    open.truncate(open.len() - (B.len() + 6 + 2));
    assert_eq!(case(&open), "part:events");
    // No name, a bad name, a duplicate, not form-data, headers never end.
    let raw = |headers: &str| format!("--{B}\r\n{headers}\r\n\r\nx\r\n--{B}--\r\n").into_bytes();
    assert_eq!(case(&raw("Content-Type: image/png")), "parts[0]");
    assert_eq!(
        case(&raw("Content-Disposition: form-data; name=\"a/b\"")),
        "parts[0]"
    );
    assert_eq!(
        case(&raw("Content-Disposition: attachment; name=\"a\"")),
        "parts[0]"
    );
    assert_eq!(case(&raw("garbage line")), "parts[0]");
    let twice = build(B, &[("a", "image/png", b"1"), ("a", "image/png", b"2")]);
    assert_eq!(case(&twice), "part:a");
    let endless = format!(
        "--{B}\r\nContent-Disposition: form-data; name=\"a\"\r\n{}",
        "X: y\r\n".repeat(2000)
    );
    assert_eq!(case(endless.as_bytes()), "parts[0]");
    let no_crlf = format!("--{B}Content-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--{B}--");
    assert_eq!(case(no_crlf.as_bytes()), "parts[0]");
}
