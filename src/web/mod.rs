//! The pages the server renders itself (no front-end build is needed to run it), and the
//! presentation of times in Asia/Almaty, where every user of the product lives.

/// The landing page: what this server is, in Kazakh, Russian and English.
pub const LANDING_HTML: &str = include_str!("landing.html");

/// The candidate's exam page (login, rules, exam, result), served at `/exam`.
pub const EXAM_HTML: &str = include_str!("exam/index.html");
/// The exam page's script, served at `/exam/exam.js`.
pub const EXAM_JS: &str = include_str!("exam/exam.js");
/// The exam page's styles, served at `/exam/exam.css`.
pub const EXAM_CSS: &str = include_str!("exam/exam.css");
/// The personal cabinet (p.12, p.20), served at `/me`.
pub const ME_HTML: &str = include_str!("exam/me.html");

/// The time zone times are shown in (UTC+5 for the whole country since 2024-03-01).
pub const ALMATY: &str = "Asia/Almaty";

/// Now, in Asia/Almaty, as RFC 3339 with the offset (e.g. `2026-11-27T13:30:00+05:00`).
pub fn almaty_now() -> String {
    almaty(jiff::Timestamp::now())
}

/// `at` in Asia/Almaty, as RFC 3339 with the offset, to the second.
pub fn almaty(at: jiff::Timestamp) -> String {
    at.to_zoned_datetime(crate::domain::calendar::almaty())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn almaty_is_utc_plus_5_since_march_2024() {
        let at: jiff::Timestamp = "2026-11-27T08:30:00Z".parse().unwrap();
        assert_eq!(super::almaty(at), "2026-11-27T13:30:00+05:00");
        let before: jiff::Timestamp = "2024-01-15T00:00:00Z".parse().unwrap();
        assert_eq!(super::almaty(before), "2024-01-15T06:00:00+06:00");
    }
}
