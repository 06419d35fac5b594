//! The calendar routes: an admin sees a provisional year, confirms it (stored, audited), and
//! deadlines counting its days stop being provisional; bad confirmations are refused naming
//! the field.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::on_both_stacks;

on_both_stacks!(
    an_admin_confirms_2027_and_it_stops_being_provisional,
    confirm_2027
);

async fn confirm_2027(app: crate::common::TestApp) {
    {
        let admin = app.token("admin").await;
        let url = app.url("/api/v1/admin/calendar/years/2027");
        let before: Value = app
            .client
            .get(&url)
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(before["status"], "provisional", "{before}");
        assert_eq!(before["kurban_ait"], "2027-05-16");
        let confirm = app.url("/api/v1/admin/calendar/years/2027/confirm");
        let body = json!({"kurban_ait": "2027-05-17", "transfers": [
            {"day_off": "2027-01-08", "working_day": "2027-01-09"}], "source": "order No. 1"});
        for role in ["author", "leb_officer"] {
            let token = app.token(role).await;
            let refused = app
                .client
                .post(&confirm)
                .bearer_auth(&token)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{role}");
        }
        let bad = app
            .client
            .post(&confirm)
            .bearer_auth(&admin)
            .json(&json!({"kurban_ait": "2027-05-17", "transfers": [
                {"day_off": "2027-01-09", "working_day": "2027-01-10"}], "source": "order"}))
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let bad: Value = bad.json().await.unwrap();
        assert_eq!(bad["error"]["code"], "invalid_calendar_year");
        assert!(
            bad["error"]["message"]
                .as_str()
                .unwrap()
                .contains("2027-01-09"),
            "{bad}"
        );
        let bad_date = app
            .client
            .post(&confirm)
            .bearer_auth(&admin)
            .json(&json!({"kurban_ait": "17.05.2027", "source": "order"}))
            .send()
            .await
            .unwrap();
        assert_eq!(bad_date.status(), StatusCode::BAD_REQUEST);
        let bad_date: Value = bad_date.json().await.unwrap();
        assert!(
            bad_date["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("kurban_ait:"),
            "{bad_date}"
        );
        let done = app
            .client
            .post(&confirm)
            .bearer_auth(&admin)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(done.status(), StatusCode::OK);
        let done: Value = done.json().await.unwrap();
        assert_eq!(done["status"], "confirmed", "{done}");
        assert_eq!(done["source"], "order No. 1");
        let after: Value = app
            .client
            .get(&url)
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(after["status"], "confirmed");
        let days: Vec<&str> = after["days"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["date"].as_str().unwrap())
            .collect();
        assert!(days.contains(&"2027-05-17") && !days.contains(&"2027-05-16"));
        assert!(days.contains(&"2027-01-08") && days.contains(&"2027-01-09"));
        // The stored confirmation is what the calendar now counts with.
        let stored = synaq::store::calendar::confirmations(&app.db)
            .await
            .unwrap();
        let (calendar, _) = synaq::domain::calendar::Calendar::embedded()
            .unwrap()
            .with_confirmations(stored)
            .unwrap();
        let d = synaq::domain::calendar::appeal_filing_deadline(
            &calendar,
            jiff::civil::date(2026, 12, 30),
        )
        .unwrap();
        assert!(!d.provisional, "{d:?}");
        // Audited.
        let entries = synaq::store::audit::entries_after(&app.db, 0, 10_000)
            .await
            .unwrap();
        assert!(
            entries
                .iter()
                .any(|e| e.record.action == "calendar.confirm_year"
                    && e.record.subject == "calendar/2027"),
            "the confirmation is in the audit chain"
        );
        // A year the file enters cannot be confirmed over.
        let entered = app
            .client
            .post(app.url("/api/v1/admin/calendar/years/2026/confirm"))
            .bearer_auth(&admin)
            .json(&json!({"kurban_ait": "2026-05-27", "source": "order"}))
            .send()
            .await
            .unwrap();
        assert_eq!(entered.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
