//! Properties of the socket's client messages, parsed as the session parses a text frame
//! (bounded case counts; `fuzz/` runs the same for minutes): no frame panics the parser; every
//! message round-trips through its JSON; a frame with any unknown field is refused.

use proptest::prelude::*;

use super::protocol::{ClientMessage, MAX_CLIENT_MESSAGE};

fn message() -> impl Strategy<Value = ClientMessage> {
    prop_oneof![
        (
            any::<i64>(),
            prop::collection::vec(r"\PC{0,8}", 0..6),
            any::<i64>()
        )
            .prop_map(|(q, choice, seq)| ClientMessage::Answer { q, choice, seq }),
        (any::<i64>(), any::<bool>(), any::<i64>())
            .prop_map(|(q, flagged, seq)| ClientMessage::Flag { q, flagged, seq }),
        Just(ClientMessage::Heartbeat {}),
        any::<i64>().prop_map(|seq| ClientMessage::Submit { seq }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn no_frame_panics_the_parser(text in r"\PC{0,300}") {
        let _ = serde_json::from_str::<ClientMessage>(&text);
    }

    #[test]
    fn json_shaped_frames_parse_or_are_refused(
        parts in prop::collection::vec(
            prop::sample::select(vec![
                "{", "}", "[", "]", ",", ":", "\"type\"", "\"answer\"", "\"flag\"", "\"submit\"",
                "\"heartbeat\"", "\"q\"", "\"seq\"", "\"choice\"", "\"flagged\"", "true", "1",
                "-9223372036854775809", "1e400", "\"a\"", "null", "\"\\ud800\"",
            ]),
            0..30,
        ),
    ) {
        let text = parts.concat();
        if let Ok(m) = serde_json::from_str::<ClientMessage>(&text) {
            let again: ClientMessage = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
            prop_assert_eq!(again, m);
        }
    }

    #[test]
    fn every_message_round_trips_through_json(m in message()) {
        let text = serde_json::to_string(&m).unwrap();
        let again: ClientMessage = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(again, m);
    }

    #[test]
    fn an_unknown_field_is_refused(m in message(), field in "[a-z_]{1,10}") {
        prop_assume!(!["type", "q", "choice", "seq", "flagged"].contains(&field.as_str()));
        let mut value = serde_json::to_value(&m).unwrap();
        value.as_object_mut().unwrap().insert(field, serde_json::json!(1));
        prop_assert!(serde_json::from_value::<ClientMessage>(value).is_err());
    }

    /// A message the page may send (100 questions, a few options) is far under the size limit.
    #[test]
    fn a_real_answer_is_under_the_size_limit(q in 1i64..=100, n in 1usize..=10, seq in 1i64..=100_000) {
        let choice = (0..n).map(|i| format!("opt-{i:02}")).collect();
        let text = serde_json::to_string(&ClientMessage::Answer { q, choice, seq }).unwrap();
        prop_assert!(text.len() < MAX_CLIENT_MESSAGE / 8);
    }
}
