//! The vendor simulator: sends correctly signed callbacks of every adapter's shape to a synaq
//! server over plain HTTP (a local or test server; no TLS), and prints each answer.
//!
//! `synaq-proctor-sim --url http://127.0.0.1:8080 --vendor acme --adapter native
//!  --secret S --session ID --kind tab_hidden [--count N] [--snapshot webcam.png]`
//!
//! With `--snapshot` (native only) each callback is `multipart/form-data`: the batch in the
//! `events` part, the image in a part the event names `part:snapshot`.

use clap::{Parser, ValueEnum};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use synaq_proctor::adapter::{proctorio, proctoru};
use synaq_proctor::signal::{Kind, Verdict};
use synaq_proctor::{multipart, verify};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Adapter {
    Native,
    Edx,
    Proctorio,
    Proctoru,
}

#[derive(Debug, Parser)]
#[command(about = "Send signed proctoring callbacks to a synaq server")]
struct Args {
    /// The server, `http://host:port`.
    #[arg(long)]
    url: String,
    /// The vendor name in the route, `/api/v1/proctor/{vendor}/...`.
    #[arg(long)]
    vendor: String,
    #[arg(long, value_enum)]
    adapter: Adapter,
    /// The shared secret the vendor signs with.
    #[arg(long)]
    secret: String,
    /// The session (edx attempt, proctorio attempt, proctoru reservation) id.
    #[arg(long)]
    session: String,
    /// A neutral kind (`tab_hidden`, ...); for edx a verdict (`verdict_violation`, ...).
    #[arg(long)]
    kind: String,
    /// How many callbacks to send, each with a fresh event id.
    #[arg(long, default_value_t = 1)]
    count: u32,
    /// A JPEG, PNG or WebP file sent with each native event as a multipart snapshot.
    #[arg(long)]
    snapshot: Option<std::path::PathBuf>,
}

/// The multipart boundary of a callback with a snapshot.
const BOUNDARY: &str = "synaq-proctor-sim-boundary";

/// One signed callback, ready to send.
#[derive(Debug)]
struct Request {
    path: String,
    content_type: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

fn reverse<const N: usize>(
    table: &[(&'static str, Kind); N],
    kind: Kind,
    vendor: &str,
) -> Result<&'static str, String> {
    table
        .iter()
        .find(|(_, k)| *k == kind)
        .map(|(n, _)| *n)
        .ok_or_else(|| format!("{vendor} has no event for kind `{}`", kind.name()))
}

/// Build the `n`th callback at time `now`, with the `snapshot` image's bytes if given (native
/// only). Pure, so the tests check it against the verifier.
fn build(args: &Args, n: u32, now: i64, snapshot: Option<&[u8]>) -> Result<Request, String> {
    if snapshot.is_some() && args.adapter != Adapter::Native {
        return Err("--snapshot is sent by the native adapter only".into());
    }
    let kind =
        Kind::from_name(&args.kind).ok_or_else(|| format!("unknown kind `{}`", args.kind))?;
    let id = format!("sim-{now}-{n}");
    let (vendor, secret, session) = (&args.vendor, args.secret.as_bytes(), &args.session);
    let native_headers = |body: &[u8]| {
        vec![
            ("X-Synaq-Timestamp", now.to_string()),
            ("X-Synaq-Signature", verify::sign_native(secret, now, body)),
        ]
    };
    let json = |v: serde_json::Value| v.to_string().into_bytes();
    let json_type = "application/json".to_owned();
    Ok(match args.adapter {
        Adapter::Native => {
            let evidence: &[&str] = if snapshot.is_some() {
                &["part:snapshot"]
            } else {
                &[]
            };
            let events = json(serde_json::json!({"events": [{
                "id": id, "session_id": session, "kind": kind.name(), "confidence": 0.9,
                "occurred_at": now, "duration_s": 5, "evidence": evidence
            }]}));
            let (content_type, body) = match snapshot {
                None => (json_type, events),
                Some(image) => (
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                    multipart::build(
                        BOUNDARY,
                        &[
                            ("events", "application/json", &events),
                            ("snapshot", "application/octet-stream", image),
                        ],
                    ),
                ),
            };
            Request {
                path: format!("/api/v1/proctor/{vendor}/events"),
                content_type,
                headers: native_headers(&body),
                body,
            }
        }
        Adapter::Edx => {
            let status = match kind {
                Kind::Verdict(Verdict::Clean) => "passed",
                Kind::Verdict(Verdict::Suspicious) => "suspicious",
                Kind::Verdict(Verdict::Violation) => "violation",
                Kind::Verdict(Verdict::NotReviewed) => "not_reviewed",
                _ => return Err("edx sends verdicts: --kind verdict_clean|verdict_suspicious|verdict_violation|verdict_not_reviewed".into()),
            };
            let body = json(serde_json::json!({
                "status": status,
                "comments": [{"comment": format!("simulated review {n}"), "status": status, "start": now - 60, "stop": now}],
                "reviewed_by": "synaq-proctor-sim"
            }));
            Request {
                path: format!("/api/v1/proctor/{vendor}/edx/attempts/{session}/reviewed"),
                content_type: json_type,
                headers: native_headers(&body),
                body,
            }
        }
        Adapter::Proctorio => {
            let flag = reverse(&proctorio::FLAGS, kind, "proctorio")?;
            let data = serde_json::json!({
                "id": id, "suspicion": 50, "user_id": "sim-user", "attempt_id": session,
                "flags": { flag: 0.25 }
            })
            .to_string();
            let signature = verify::sign_proctorio(secret, &id, &data);
            let body = format!(
                r#"{{"type":"attempt.flagged","nonce":"{id}","signature":"{signature}","data":{data}}}"#
            );
            Request {
                path: format!("/api/v1/proctor/{vendor}/proctorio"),
                content_type: json_type,
                headers: vec![],
                body: body.into_bytes(),
            }
        }
        Adapter::Proctoru => {
            let ty = reverse(&proctoru::TYPES, kind, "proctoru")?;
            let body = json(serde_json::json!({
                "incident_id": id, "reservation_id": session, "type": ty, "severity": "medium",
                "occurred_at": now, "duration_s": 5, "description": "simulated incident"
            }));
            let sig = verify::sign_proctoru(secret, &body);
            Request {
                path: format!("/api/v1/proctor/{vendor}/proctoru"),
                content_type: json_type,
                headers: vec![("X-ProctorU-Signature", sig)],
                body,
            }
        }
    })
}

/// POST over HTTP/1.1 and return the status line.
fn send(url: &str, req: &Request) -> Result<String, String> {
    let authority = url
        .strip_prefix("http://")
        .ok_or("--url must start with http:// (the simulator speaks plain HTTP)")?
        .trim_end_matches('/');
    let mut stream =
        TcpStream::connect(authority).map_err(|e| format!("connect {authority}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    let mut head = format!(
        "POST {} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        req.path,
        req.content_type,
        req.body.len()
    );
    for (name, value) in &req.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(&req.body))
        .map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| format!("read answer: {e}"))?;
    Ok(answer.lines().next().unwrap_or("no answer").to_owned())
}

fn main() {
    let args = Args::parse();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let snapshot = match &args.snapshot {
        None => None,
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                eprintln!("--snapshot {}: {e}", path.display());
                std::process::exit(2);
            }
        },
    };
    let mut failed = false;
    for n in 0..args.count {
        let outcome = build(&args, n, now, snapshot.as_deref())
            .and_then(|req| send(&args.url, &req).map(|s| (req.path, s)));
        match outcome {
            Ok((path, status)) => println!("{n}: POST {path} -> {status}"),
            Err(e) => {
                eprintln!("{n}: {e}");
                failed = true;
                break;
            }
        }
    }
    std::process::exit(i32::from(failed));
}

#[cfg(test)]
mod tests {
    use super::*;
    use synaq_proctor::adapter::{edx, native};
    use synaq_proctor::verify::{NativeHeaders, Secrets};

    const NOW: i64 = 1_767_225_600;

    fn args(adapter: Adapter, kind: &str) -> Args {
        Args {
            url: "http://127.0.0.1:1".into(),
            vendor: "acme".into(),
            adapter,
            secret: "s3cret".into(),
            session: "s-9".into(),
            kind: kind.into(),
            count: 1,
            snapshot: None,
        }
    }

    fn header<'a>(r: &'a Request, name: &str) -> Option<&'a str> {
        r.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn every_adapter_sends_what_the_verifier_accepts_and_the_adapter_parses() {
        let secrets = Secrets::new("s3cret");
        let r = build(&args(Adapter::Native, "gaze_away"), 0, NOW, None).unwrap();
        let h = NativeHeaders {
            timestamp: header(&r, "X-Synaq-Timestamp"),
            signature: header(&r, "X-Synaq-Signature"),
        };
        verify::verify_native(h, &r.body, &secrets, NOW).unwrap();
        assert_eq!(
            native::parse(&r.body, "acme").unwrap()[0].kind,
            Kind::GazeAway
        );
        assert_eq!(r.path, "/api/v1/proctor/acme/events");

        let r = build(&args(Adapter::Edx, "verdict_violation"), 0, NOW, None).unwrap();
        let h = NativeHeaders {
            timestamp: header(&r, "X-Synaq-Timestamp"),
            signature: header(&r, "X-Synaq-Signature"),
        };
        verify::verify_native(h, &r.body, &secrets, NOW).unwrap();
        assert_eq!(
            edx::parse(&r.body, "acme", "s-9", NOW).unwrap()[0].kind,
            Kind::Verdict(Verdict::Violation)
        );
        assert_eq!(r.path, "/api/v1/proctor/acme/edx/attempts/s-9/reviewed");

        let r = build(&args(Adapter::Proctorio, "multiple_faces"), 0, NOW, None).unwrap();
        let env = verify::verify_proctorio(&r.body, &secrets).unwrap();
        let s = proctorio::parse(&env.raw_data, "acme", NOW).unwrap();
        assert_eq!(
            (s[0].kind, s[0].session_id.as_str()),
            (Kind::MultipleFaces, "s-9")
        );

        let r = build(&args(Adapter::Proctoru, "phone_detected"), 0, NOW, None).unwrap();
        verify::verify_proctoru(header(&r, "X-ProctorU-Signature"), &r.body, &secrets).unwrap();
        assert_eq!(
            proctoru::parse(&r.body, "acme").unwrap()[0].kind,
            Kind::PhoneDetected
        );
    }

    #[test]
    fn a_wrong_secret_is_refused_and_successive_events_have_fresh_ids() {
        let r = build(
            &args(Adapter::Proctoru, "talking_is_not_a_kind"),
            0,
            NOW,
            None,
        );
        assert!(r.unwrap_err().contains("unknown kind"));
        let r = build(&args(Adapter::Proctoru, "voice_detected"), 0, NOW, None).unwrap();
        let other = Secrets::new("other");
        assert!(
            verify::verify_proctoru(header(&r, "X-ProctorU-Signature"), &r.body, &other).is_err()
        );
        let a = build(&args(Adapter::Native, "tab_hidden"), 0, NOW, None).unwrap();
        let b = build(&args(Adapter::Native, "tab_hidden"), 1, NOW, None).unwrap();
        let ids = |r: &Request| native::parse(&r.body, "acme").unwrap()[0].event_id.clone();
        assert_ne!(ids(&a), ids(&b));
    }

    #[test]
    fn a_snapshot_goes_as_a_signed_multipart_part_the_event_names() {
        let image = b"\x89PNG not decoded here";
        let r = build(
            &args(Adapter::Native, "phone_detected"),
            0,
            NOW,
            Some(image),
        )
        .unwrap();
        let h = NativeHeaders {
            timestamp: header(&r, "X-Synaq-Timestamp"),
            signature: header(&r, "X-Synaq-Signature"),
        };
        verify::verify_native(h, &r.body, &Secrets::new("s3cret"), NOW).unwrap();
        let boundary = multipart::boundary(&r.content_type).unwrap();
        let parts = multipart::native(&r.body, &boundary, &Default::default()).unwrap();
        let event = &native::parse(parts.events, "acme").unwrap()[0];
        assert_eq!(event.evidence, ["part:snapshot"]);
        assert_eq!(parts.snapshots[0].name, "snapshot");
        assert_eq!(parts.snapshots[0].data, image);
        assert!(
            build(
                &args(Adapter::Proctoru, "phone_detected"),
                0,
                NOW,
                Some(image)
            )
            .unwrap_err()
            .contains("native")
        );
    }

    #[test]
    fn kinds_a_vendor_cannot_send_are_refused() {
        assert!(
            build(&args(Adapter::Edx, "tab_hidden"), 0, NOW, None)
                .unwrap_err()
                .contains("verdict")
        );
        assert!(
            build(&args(Adapter::Proctorio, "devtools_open"), 0, NOW, None)
                .unwrap_err()
                .contains("proctorio has no event")
        );
    }

    #[test]
    fn a_sent_callback_arrives_byte_for_byte_and_verifies() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut got = Vec::new();
            let mut buf = [0u8; 4096];
            let (head_end, len) = loop {
                let n = conn.read(&mut buf).unwrap();
                got.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&got).into_owned();
                if let Some(end) = text.find("\r\n\r\n") {
                    let len: usize = text
                        .lines()
                        .find_map(|l| l.strip_prefix("Content-Length: "))
                        .unwrap()
                        .parse()
                        .unwrap();
                    if got.len() >= end + 4 + len {
                        break (end + 4, len);
                    }
                }
            };
            let head = String::from_utf8_lossy(&got[..head_end]).into_owned();
            let field = |name: &str| {
                head.lines()
                    .find_map(|l| l.strip_prefix(&format!("{name}: ")).map(str::to_owned))
            };
            let ts = field("X-Synaq-Timestamp");
            let sig = field("X-Synaq-Signature");
            let h = NativeHeaders {
                timestamp: ts.as_deref(),
                signature: sig.as_deref(),
            };
            let body = &got[head_end..head_end + len];
            let ok = verify::verify_native(h, body, &Secrets::new("s3cret"), NOW).is_ok();
            let status = if ok { "200 OK" } else { "401 Unauthorized" };
            write!(conn, "HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n").unwrap();
            head.lines().next().unwrap().to_owned()
        });
        let r = build(&args(Adapter::Native, "copy_paste"), 0, NOW, None).unwrap();
        assert_eq!(send(&url, &r).unwrap(), "HTTP/1.1 200 OK");
        assert_eq!(
            server.join().unwrap(),
            "POST /api/v1/proctor/acme/events HTTP/1.1"
        );
    }

    #[test]
    fn sending_to_a_non_http_url_is_refused() {
        let r = build(&args(Adapter::Native, "tab_hidden"), 0, NOW, None).unwrap();
        assert!(
            send("https://example.test", &r)
                .unwrap_err()
                .contains("http://")
        );
    }
}
