//! The exam socket's bounds and endings against a real WebSocket client: the message rate, the
//! message size, the close codes after the end, and `synaq serve` shutting down on SIGTERM.

use futures_util::SinkExt;
use serde_json::json;
use tokio_tungstenite::tungstenite::Message;

use crate::common::{self, TestApp};
use crate::exam_nodes::Server;
use crate::exam_support::*;
use crate::on_both_stacks;

/// A flood of 2,000 answers from one connection is cut off after the burst: `rate_limited`,
/// close 1008, and only what was acknowledged is saved.
async fn a_flood_is_cut_off_with_rate_limited_and_1008(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    let frames: Vec<Message> = (1..=2000usize)
        .map(|seq| {
            let q = (seq - 1) % 100 + 1;
            let m = json!({"type": "answer", "q": q, "choice": [option(&state, q, seq % 2)], "seq": seq});
            Message::Text(m.to_string().into())
        })
        .collect();
    let started = std::time::Instant::now();
    for frame in frames {
        if ws.feed(frame).await.is_err() {
            break;
        }
    }
    let _ = ws.flush().await;
    assert!(
        started.elapsed().as_secs_f64() < 1.0,
        "the flood took under a second"
    );
    let mut acks = Vec::new();
    let refused = loop {
        let message = next(&mut ws).await;
        match message["type"].as_str().unwrap() {
            "ack" => acks.push(message["seq"].as_i64().unwrap()),
            "error" => break message,
            "time" => {}
            _ => panic!("neither an ack nor the refusal: {message}"),
        }
    };
    assert_eq!(refused["code"], "rate_limited", "{refused}");
    assert_eq!(
        refused["seq"],
        serde_json::Value::Null,
        "the page keeps it to replay"
    );
    assert_eq!(expect(&mut ws, "close").await["code"], 1008);
    let burst = synaq::live::session::BURST as usize;
    assert!(
        acks.len() >= burst && acks.len() < burst + 100,
        "{} acknowledged: the burst, and the refill while they were saved",
        acks.len()
    );
    let journal = synaq::store::exam::journal(&app.db, &codes[0].1)
        .await
        .unwrap();
    assert_eq!(
        journal.iter().map(|j| j.seq).collect::<Vec<_>>(),
        acks,
        "exactly the acknowledged answers are saved"
    );
    // The page reconnects and goes on.
    let mut ws = connect(&app, &token).await;
    let resumed = ready(&app, &token, &mut ws).await;
    assert_eq!(resumed["last_seq"], json!(acks.last().unwrap()));
}
on_both_stacks!(flood, a_flood_is_cut_off_with_rate_limited_and_1008);

/// A message over 4 KiB gets `too_large` and the socket goes on; one over the transport's
/// 64 KiB gets `too_large` and close 1009.
async fn oversized_messages_get_too_large(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    let padded = json!({"type": "answer", "q": 1, "choice": ["x".repeat(5000)], "seq": 1});
    send(&mut ws, padded).await;
    let refused = expect(&mut ws, "error").await;
    assert_eq!(refused["code"], "too_large", "{refused}");
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": [option(&state, 1, 0)], "seq": 2}),
    )
    .await;
    assert_eq!(expect(&mut ws, "ack").await["seq"], 2, "the socket went on");
    let _ = ws.send(Message::Text("x".repeat(100 * 1024).into())).await;
    assert_eq!(expect(&mut ws, "error").await["code"], "too_large");
    assert_eq!(expect(&mut ws, "close").await["code"], 1009);
    let journal = synaq::store::exam::journal(&app.db, &codes[0].1)
        .await
        .unwrap();
    assert_eq!(journal.iter().map(|j| j.seq).collect::<Vec<_>>(), vec![2]);
}
on_both_stacks!(too_large, oversized_messages_get_too_large);

/// Sends answers until the close frame arrives; its code.
async fn close_code_while_sending(ws: &mut Socket) -> Option<u64> {
    loop {
        send_lenient(ws, json!({"type": "heartbeat"})).await;
        let message = next(ws).await;
        if message["type"] == "close" {
            return message["code"].as_u64();
        }
    }
}

/// After `ended`, a socket that keeps sending still gets its close code (4000, 4002): the page
/// must be able to tell "do not reconnect".
async fn a_socket_that_keeps_sending_gets_its_close_code(app: TestApp) {
    let (admin, codes) = campaign(&app, 2).await;
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    ready(&app, &token, &mut ws).await;
    for _ in 0..50 {
        send(&mut ws, json!({"type": "heartbeat"})).await;
    }
    send(&mut ws, json!({"type": "submit", "seq": 1})).await;
    assert_eq!(close_code_while_sending(&mut ws).await, Some(4000));

    let token = start(&app, &codes[1].0).await;
    let mut ws = connect(&app, &token).await;
    ready(&app, &token, &mut ws).await;
    let voided = app
        .client
        .post(app.url(&format!("/api/v1/admin/sessions/{}/void", codes[1].1)))
        .bearer_auth(&admin)
        .json(&json!({"reason": "a phone on the desk"}))
        .send()
        .await
        .unwrap();
    assert_eq!(voided.status(), 200);
    assert_eq!(close_code_while_sending(&mut ws).await, Some(4002));
    // Reconnecting to the ended exam: `ended` and 4002 again, while still sending.
    let mut ws = connect(&app, &token).await;
    assert_eq!(close_code_while_sending(&mut ws).await, Some(4002));
}
on_both_stacks!(
    close_codes_after_the_end,
    a_socket_that_keeps_sending_gets_its_close_code
);

/// SIGTERM: every socket gets 1001 (going away), every acknowledged answer is in the database,
/// and the process exits 0 within the bound.
async fn sigterm_closes_sockets_with_1001_and_keeps_every_ack(
    url: String,
    dir: std::path::PathBuf,
) {
    let server = Server::spawn(&url, &dir);
    server.ready().await;
    let db = synaq::store::Db::connect(&url).await.unwrap();
    let app = TestApp::external(server.port, db.clone());
    let (_, codes) = campaign(&app, 3).await;
    let mut sockets = Vec::new();
    for (code, session) in &codes {
        let token = start(&app, code).await;
        let mut ws = connect(&app, &token).await;
        let state = ready(&app, &token, &mut ws).await;
        for q in 1..=30usize {
            send(
                &mut ws,
                json!({"type": "answer", "q": q, "choice": [option(&state, q, 0)], "seq": q}),
            )
            .await;
        }
        let mut acked = Vec::new();
        for _ in 0..5 {
            acked.push(expect(&mut ws, "ack").await["seq"].as_i64().unwrap());
        }
        sockets.push((ws, session.clone(), acked));
    }
    let pid = server.child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    for (ws, session, acked) in &mut sockets {
        let code = loop {
            let message = next(ws).await;
            match message["type"].as_str().unwrap() {
                "ack" => acked.push(message["seq"].as_i64().unwrap()),
                "close" => break message["code"].clone(),
                "time" => {}
                _ => panic!("unexpected during the shutdown: {message}"),
            }
        };
        assert_eq!(code, 1001, "session {session}");
    }
    let mut server = server;
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(15),
            "the server did not exit within 15 s of SIGTERM"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert!(status.success(), "exit status {status}");
    for (_, session, acked) in &sockets {
        let journal = synaq::store::exam::journal(&db, session).await.unwrap();
        let saved: Vec<i64> = journal.iter().map(|j| j.seq).collect();
        for seq in acked {
            assert!(
                saved.contains(seq),
                "acknowledged {seq} of {session} was saved"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_closes_sockets_with_1001_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/term.db", dir.path().display());
    sigterm_closes_sockets_with_1001_and_keeps_every_ack(url, dir.path().to_owned()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_closes_sockets_with_1001_postgres_redis() {
    let Some(test_db) = common::postgres().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    sigterm_closes_sockets_with_1001_and_keeps_every_ack(
        test_db.url.clone(),
        dir.path().to_owned(),
    )
    .await;
}
