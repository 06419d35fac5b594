//! The mock's HTTP side: a hand-parsed HTTP/1.1 keep-alive loop and the routes the tool calls.

use std::sync::Arc;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{ADMIN, Mock, Session};

struct Request {
    method: String,
    path: String,
    bearer: Option<String>,
    body: Vec<u8>,
}

pub async fn serve(mut stream: TcpStream, mock: Arc<Mock>) {
    let mut buf = Vec::new();
    while let Some(request) = read_request(&mut stream, &mut buf).await {
        let (status, body) = route(&mock, &request);
        let body = body.to_string();
        let head = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        if stream.write_all(head.as_bytes()).await.is_err()
            || stream.write_all(body.as_bytes()).await.is_err()
        {
            return;
        }
    }
}

async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Request> {
    let end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
    let mut lines = head.lines();
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_owned(), first.next()?.to_owned());
    let mut length = 0;
    let mut bearer = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "authorization" => bearer = value.trim().strip_prefix("Bearer ").map(str::to_owned),
            _ => {}
        }
    }
    while buf.len() < end + length {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf[end..end + length].to_vec();
    buf.drain(..end + length);
    Some(Request {
        method,
        path,
        bearer,
        body,
    })
}

fn error(status: u16, code: &str) -> (u16, Value) {
    (status, json!({"error": {"code": code, "message": code}}))
}

fn view(id: &str, s: &Session) -> Value {
    json!({"session_id": id, "status": s.status, "lang": "kk", "deadline": null, "result": null})
}

fn route(mock: &Mock, r: &Request) -> (u16, Value) {
    let admin = r.bearer.as_deref() == Some(ADMIN);
    let body: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
    let mut store = mock.store.lock().expect("store");
    let parts: Vec<&str> = r.path.trim_start_matches('/').split('/').collect();
    match (r.method.as_str(), parts.as_slice()) {
        (_, ["api", "v1", ..]) if parts.get(2) == Some(&"admin") && !admin => {
            error(403, "forbidden")
        }
        ("POST", ["api", "v1", "auth", "login"]) => {
            if body["username"] == "admin" && body["password"] == "pw" {
                (
                    200,
                    json!({"token": ADMIN, "csrf": "c", "role": "admin", "name": "Admin"}),
                )
            } else {
                error(401, "bad_credentials")
            }
        }
        ("GET", ["api", "v1", "exam", "paper"]) if r.bearer.is_some() => {
            (200, json!({"questions": super::ws::paper()}))
        }
        ("GET", ["api", "v1", "banks"]) if admin => (200, json!([{"version": "mock-v1"}])),
        ("GET", ["api", "v1", "banks"]) => error(401, "unauthenticated"),
        ("POST", ["api", "v1", "admin", "campaigns"]) => {
            store.campaigns += 1;
            (201, json!({"campaign_id": store.campaigns}))
        }
        ("POST", ["api", "v1", "admin", "campaigns", _, "roster"]) => {
            let csv = String::from_utf8_lossy(&r.body).into_owned();
            let mut entries = Vec::new();
            for (i, line) in csv.lines().skip(1).enumerate() {
                let iin = line.split(',').next().unwrap_or_default().to_owned();
                let n = store.sessions.len() + 1;
                let (id, code) = (format!("s{n}"), format!("CODE-{n:04}-{i}"));
                store.sessions.insert(
                    id.clone(),
                    Session {
                        status: "scheduled".into(),
                        ..Session::default()
                    },
                );
                store.codes.insert(code.clone(), id.clone());
                entries.push(json!({"roster_id": n, "session_id": id, "iin": iin, "name": "x", "code": code}));
            }
            (201, json!({ "entries": entries }))
        }
        ("GET", ["api", "v1", "admin", "sessions", id, "answers"]) => {
            let Some(s) = store.sessions.get(*id) else {
                return error(404, "not_found");
            };
            let answers: Vec<Value> = s
                .answers
                .iter()
                .map(|(q, (seq, c))| json!({"q": q, "choice": c, "seq": seq}))
                .collect();
            let journal: Vec<Value> = s
                .journal
                .iter()
                .map(|(seq, q, c, kind)| json!({"seq": seq, "q": q, "choice": c, "kind": kind}))
                .collect();
            (200, json!({"answers": answers, "journal": journal}))
        }
        ("POST", ["api", "v1", "exam", "login"]) => {
            let code = body["code"].as_str().unwrap_or_default();
            let Some(id) = store.codes.get(code).cloned() else {
                return error(401, "bad_code");
            };
            let token = format!("tok-{id}");
            store.tokens.insert(token.clone(), id.clone());
            let session = view(&id, &store.sessions[&id]);
            (
                200,
                json!({"token": token, "csrf": "c", "session": session}),
            )
        }
        ("POST", ["api", "v1", "exam", step @ ("rules" | "start")]) => {
            let Some(id) = r.bearer.as_ref().and_then(|t| store.tokens.get(t)).cloned() else {
                return error(401, "unauthenticated");
            };
            let s = store.sessions.get_mut(&id).expect("session of a token");
            s.status = if *step == "rules" {
                "rules"
            } else {
                "in_progress"
            }
            .into();
            (200, view(&id, s))
        }
        _ => error(404, "not_found"),
    }
}
