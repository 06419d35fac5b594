//! The socket loop driven over channels: a real `Application` on a temporary SQLite database with
//! in-process live state and a manual clock, and no WebSocket at all.

use std::sync::Arc;
use std::time::Duration;

use futures_util::{sink, stream};
use tokio::sync::mpsc;

use super::*;
use crate::app::Wiring;
use crate::domain::bank::Lang;
use crate::live::{ManualClock, memory::MemoryState};

/// The candidate's end of a socket driven over channels.
struct Peer {
    to_server: mpsc::Sender<Incoming>,
    from_server: mpsc::Receiver<Outgoing>,
    done: tokio::task::JoinHandle<()>,
}

impl Peer {
    async fn text(&self, text: impl Into<String>) {
        self.to_server
            .send(Incoming::Text(text.into()))
            .await
            .unwrap();
    }

    async fn json(&self, value: serde_json::Value) {
        self.text(value.to_string()).await;
    }

    /// The next frame, skipping `time` ticks.
    async fn next(&mut self) -> Outgoing {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(10), self.from_server.recv())
                .await
                .expect("a frame within 10 s")
                .expect("the socket is open");
            if !matches!(frame, Outgoing::Message(ServerMessage::Time { .. })) {
                return frame;
            }
        }
    }

    /// The next message's JSON (panics on a close frame).
    async fn message(&mut self) -> serde_json::Value {
        match self.next().await {
            Outgoing::Message(m) => serde_json::to_value(m).unwrap(),
            close => panic!("expected a message, got {close:?}"),
        }
    }

    async fn close_code(&mut self) -> u16 {
        match self.next().await {
            Outgoing::Close(code, _) => code,
            other => panic!("expected a close frame, got {other:?}"),
        }
    }

    /// Answers the server's close as a browser does; the loop then ends.
    async fn finish(self) {
        let _ = self.to_server.send(Incoming::Closed).await;
        tokio::time::timeout(Duration::from_secs(10), self.done)
            .await
            .expect("the loop ends once the close is answered")
            .unwrap();
    }
}

struct Fixture {
    exams: Arc<Application>,
    clock: Arc<ManualClock>,
    session_id: String,
    _dir: tempfile::TempDir,
}

/// A started exam on a fresh database.
async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = store::Db::connect(&format!("sqlite://{}/s.db", dir.path().display()))
        .await
        .unwrap();
    let now = jiff::Timestamp::now();
    let clock = Arc::new(ManualClock::new(now));
    let bank = store::bank::import(
        &db,
        &crate::sample::bank(),
        "sample",
        &Actor::Cli,
        now,
        |_| {},
    )
    .await
    .unwrap();
    let today = now
        .to_zoned_datetime(crate::domain::calendar::almaty())
        .date();
    let campaign = store::campaign::Campaign {
        campaign_id: crate::id::new_id(),
        name: "Test".into(),
        bank_version: bank.version,
        procedure: crate::domain::rules::Procedure::Periodic,
        languages: vec![Lang::Kk, Lang::Ru],
        blueprint: crate::domain::paper::Blueprint::default(),
        opens_on: today.saturating_sub(jiff::Span::new().days(1)),
        closes_on: today.saturating_add(jiff::Span::new().days(1)),
        duration_min: 120,
    };
    store::campaign::create(&db, &campaign, &Actor::Cli, now)
        .await
        .unwrap();
    let iin = (0..10u32)
        .find_map(|k| {
            let base = format!("8503103{k:04}");
            let digits: [u8; 11] = std::array::from_fn(|i| base.as_bytes()[i] - b'0');
            crate::domain::iin::check_digit(&digits).map(|c| format!("{base}{c}"))
        })
        .unwrap();
    let rows = crate::domain::roster::parse(&format!(
        "iin,name,position,organization,procedure\n{iin},Кандидат,tmc_employment_specialist,ЦТМ,periodic\n"
    ), today)
    .expect("a valid roster");
    let codes = store::campaign::add_roster(
        &db,
        &campaign.campaign_id,
        &rows,
        store::campaign::RosterOrigin::QioUpload,
        &Actor::Cli,
        now,
    )
    .await
    .unwrap();
    let exams = Application::build(Wiring {
        db,
        live: Arc::new(MemoryState::new("unit")),
        clock: clock.clone(),
    })
    .await
    .unwrap();
    let session_id = codes[0].session_id.clone();
    exams
        .choose_lang(&session_id, Lang::Ru, &Actor::candidate(&session_id))
        .await
        .unwrap();
    exams
        .start_exam(&session_id, &Actor::candidate(&session_id))
        .await
        .unwrap();
    Fixture {
        exams,
        clock,
        session_id,
        _dir: dir,
    }
}

/// Opens the loop over channels.
fn open(f: &Fixture) -> Peer {
    let (to_server, incoming) = mpsc::channel::<Incoming>(1024);
    let (outgoing, from_server) = mpsc::channel::<Outgoing>(1024);
    let incoming = Box::pin(stream::unfold(incoming, |mut rx| async move {
        rx.recv().await.map(|frame| (frame, rx))
    }));
    let outgoing = Box::pin(sink::unfold(outgoing, |tx, frame: Outgoing| async move {
        tx.send(frame).await.map_err(|_| ())?;
        Ok::<_, ()>(tx)
    }));
    let admission = f.exams.gate().admit().expect("a place for the socket");
    let done = tokio::spawn(drive(
        incoming,
        outgoing,
        f.exams.clone(),
        f.session_id.clone(),
        admission,
    ));
    Peer {
        to_server,
        from_server,
        done,
    }
}

/// The first option of question `q` of the started paper.
async fn first_option(f: &Fixture, q: usize) -> String {
    let row = store::exam::get(f.exams.db(), &f.session_id).await.unwrap();
    let (paper, bank, _) = f.exams.paper(&row).await.unwrap();
    let rendered = serde_json::to_value(paper.render(&bank).questions).unwrap();
    rendered[q - 1]["options"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn answers_are_acknowledged_refusals_keep_the_socket_and_submit_closes_4000() {
    let f = fixture().await;
    let a = first_option(&f, 1).await;
    let mut peer = open(&f);
    assert_eq!(peer.message().await["type"], "state");
    peer.json(serde_json::json!({"type": "answer", "q": 1, "choice": [a], "seq": 1}))
        .await;
    assert_eq!(peer.message().await["seq"], 1);
    peer.json(serde_json::json!({"type": "answer", "q": 101, "choice": ["a"], "seq": 2}))
        .await;
    assert_eq!(peer.message().await["code"], "unknown_question");
    peer.text("{not json").await;
    assert_eq!(peer.message().await["code"], "malformed");
    // Over the protocol's 4 KiB: refused, and the socket goes on.
    peer.text(format!(
        r#"{{"type":"answer","q":2,"choice":["{}"],"seq":3}}"#,
        "x".repeat(MAX_CLIENT_MESSAGE)
    ))
    .await;
    let refused = peer.message().await;
    assert_eq!(
        (refused["type"].clone(), refused["code"].clone()),
        ("error".into(), "too_large".into())
    );
    peer.json(serde_json::json!({"type": "submit", "seq": 4}))
        .await;
    let ended = peer.message().await;
    assert_eq!(ended["reason"], "submitted");
    assert_eq!(peer.close_code().await, close::ENDED);
    peer.finish().await;
    let journal = store::exam::journal(f.exams.db(), &f.session_id)
        .await
        .unwrap();
    assert_eq!(journal.iter().map(|j| j.seq).collect::<Vec<_>>(), vec![1]);
    assert_eq!(f.exams.connected(), 0, "the socket was detached");
}

#[tokio::test]
async fn the_deadline_ends_the_socket_with_time_up_4001_p18() {
    let f = fixture().await;
    let mut peer = open(&f);
    assert_eq!(peer.message().await["type"], "state");
    f.clock.advance(jiff::SignedDuration::from_mins(120));
    assert_eq!(peer.message().await["reason"], "time_up");
    assert_eq!(peer.close_code().await, close::TIME_UP);
    peer.finish().await;
    let row = store::exam::get(f.exams.db(), &f.session_id).await.unwrap();
    assert_eq!(row.end_reason, Some(EndReason::TimeUp));
}

#[tokio::test]
async fn a_late_answer_is_refused_and_ends_with_the_same_time_up() {
    let f = fixture().await;
    let a = first_option(&f, 1).await;
    let mut peer = open(&f);
    assert_eq!(peer.message().await["type"], "state");
    f.clock.advance(jiff::SignedDuration::from_mins(121));
    peer.json(serde_json::json!({"type": "answer", "q": 1, "choice": [a], "seq": 1}))
        .await;
    // The deadline's own wake-up or the refusal comes first; either way one ending, no ack.
    let mut frames = Vec::new();
    loop {
        match peer.next().await {
            Outgoing::Close(code, _) => {
                assert_eq!(code, close::TIME_UP);
                break;
            }
            Outgoing::Message(m) => frames.push(serde_json::to_value(m).unwrap()),
        }
    }
    assert!(frames.iter().all(|m| m["type"] != "ack"), "{frames:?}");
    assert_eq!(frames.iter().filter(|m| m["type"] == "ended").count(), 1);
    peer.finish().await;
    assert!(
        store::exam::journal(f.exams.db(), &f.session_id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn an_unreadable_message_gets_too_large_and_close_1009() {
    let f = fixture().await;
    let mut peer = open(&f);
    assert_eq!(peer.message().await["type"], "state");
    peer.to_server.send(Incoming::Unreadable).await.unwrap();
    assert_eq!(peer.message().await["code"], "too_large");
    assert_eq!(peer.close_code().await, close::MESSAGE_TOO_BIG);
    peer.finish().await;
}

#[tokio::test]
async fn a_flood_is_cut_off_after_the_burst_with_rate_limited_and_1008() {
    let f = fixture().await;
    let mut peer = open(&f);
    assert_eq!(peer.message().await["type"], "state");
    for _ in 0..BURST + 50 {
        peer.json(serde_json::json!({"type": "heartbeat"})).await;
    }
    let mut times = 0;
    let refused = loop {
        match peer.from_server.recv().await.unwrap() {
            Outgoing::Message(ServerMessage::Time { .. }) => times += 1,
            Outgoing::Message(m) => break serde_json::to_value(m).unwrap(),
            close => panic!("close before the refusal: {close:?}"),
        }
    };
    assert_eq!(refused["code"], "rate_limited");
    assert_eq!(refused["seq"], serde_json::Value::Null);
    assert!((BURST..BURST + 5).contains(&times), "{times} answered");
    assert_eq!(peer.close_code().await, close::POLICY);
    peer.finish().await;
}

#[tokio::test]
async fn the_shutdown_closes_the_socket_with_1001() {
    let f = fixture().await;
    let mut peer = open(&f);
    assert_eq!(peer.message().await["type"], "state");
    f.exams.gate().shut();
    assert_eq!(peer.close_code().await, close::GOING_AWAY);
    peer.finish().await;
    assert!(f.exams.gate().drained(Duration::from_secs(1)).await);
    assert!(f.exams.gate().admit().is_none());
}

#[tokio::test]
async fn the_loop_lets_go_after_the_linger_when_the_peer_never_answers_the_close() {
    let f = fixture().await;
    let mut peer = open(&f);
    assert_eq!(peer.message().await["type"], "state");
    peer.json(serde_json::json!({"type": "submit", "seq": 1}))
        .await;
    assert_eq!(peer.message().await["type"], "ended");
    assert_eq!(peer.close_code().await, close::ENDED);
    // The peer keeps sending and never answers the close: ignored, and the loop ends anyway
    // (on paused time from here: the linger is a timer).
    tokio::time::pause();
    for _ in 0..10 {
        peer.json(serde_json::json!({"type": "heartbeat"})).await;
    }
    tokio::time::timeout(CLOSE_LINGER + Duration::from_secs(5), peer.done)
        .await
        .expect("the loop ends after the linger")
        .unwrap();
    assert!(
        peer.from_server.recv().await.is_none(),
        "nothing after the close"
    );
}
