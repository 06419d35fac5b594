//! The pages the server serves itself — HTML, native ES modules and style sheets embedded in
//! the binary, no front-end build — and the presentation of times in Asia/Almaty, where every
//! user of the product lives. The layout of the page files is in docs/architecture.md (Web
//! pages); node unit tests of the pure modules are in tests/web/.

pub mod commission;
pub mod leb;

/// The landing page: what this server is, in Kazakh, Russian and English.
pub const LANDING_HTML: &str = include_str!("landing.html");
/// The candidate's exam page (login, rules, exam, result), served at `/exam`.
pub const EXAM_HTML: &str = include_str!("candidate/exam.html");
/// The personal cabinet (p.12, p.20), served at `/me`.
pub const ME_HTML: &str = include_str!("candidate/me.html");
/// The administrators' console (campaigns, their sessions and exports, one session's
/// drill-down and actions, staff accounts), served at `/admin`.
pub const ADMIN_HTML: &str = include_str!("admin/console.html");
/// The proctoring review page (reviewers, admins), served at `/review`.
pub const REVIEW_HTML: &str = include_str!("reviewer/review.html");
/// The author page (question bank upload, versions, diff), served at `/author`.
pub const AUTHOR_HTML: &str = include_str!("author/author.html");
/// The TMC operators' page (list of attestees, personnel data, corrections, codes), served at
/// `/tmc`.
pub const TMC_HTML: &str = include_str!("tmc/tmc.html");
/// The page for an unknown address, in Kazakh, Russian and English (served with 404).
pub const NOT_FOUND_HTML: &str = include_str!("shared/not_found.html");

/// A file the pages load, served at `/assets/{path}`.
pub struct Asset {
    pub path: &'static str,
    pub content_type: &'static str,
    pub body: &'static str,
}

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

macro_rules! assets {
    ($($path:literal: $type:expr),* $(,)?) => {
        &[$(Asset { path: $path, content_type: $type, body: include_str!($path) }),*]
    };
}

/// Every script and style sheet of the pages: native ES modules, embedded in the binary, so
/// the server never reads the source tree. Pages per audience (`candidate/`, and beside it the
/// pages of reviewers, the commission and admins), modules they share in `shared/`.
pub const ASSETS: &[Asset] = assets![
    "author/author.js": JS,
    "author/author_model.js": JS,
    "author/author.css": CSS,
    "admin/console.js": JS,
    "admin/console_model.js": JS,
    "admin/ui.js": JS,
    "admin/campaigns.js": JS,
    "admin/session.js": JS,
    "admin/users.js": JS,
    "admin/reports.js": JS,
    "admin/reports_model.js": JS,
    "admin/planning.js": JS,
    "admin/planning_model.js": JS,
    "candidate/exam.js": JS,
    "candidate/me.js": JS,
    "candidate/me_model.js": JS,
    "candidate/appeal.js": JS,
    "candidate/appeal_model.js": JS,
    "candidate/close.js": JS,
    "candidate/code.js": JS,
    "candidate/keyboard.js": JS,
    "candidate/outbox.js": JS,
    "candidate/render.js": JS,
    "candidate/signals.js": JS,
    "candidate/socket.js": JS,
    "candidate/timer.js": JS,
    "commission/console.js": JS,
    "commission/console_model.js": JS,
    "leb/console.js": JS,
    "leb/console_model.js": JS,
    "reviewer/review.js": JS,
    "shared/api.js": JS,
    "shared/clock.js": JS,
    "shared/dom.js": JS,
    "shared/i18n.js": JS,
    "shared/notices.js": JS,
    "shared/result.js": JS,
    "shared/storage.js": JS,
    "shared/strings.js": JS,
    "shared/time.js": JS,
    "shared/page.css": CSS,
    "shared/landing.css": CSS,
    "tmc/tmc.js": JS,
    "tmc/tmc_model.js": JS,
];

/// The asset at `path` (relative to `/assets/`), if there is one.
pub fn asset(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.path == path)
}

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
    /// Every module a served module imports is served too (a missing one would be a blank
    /// page), and every `.js` and `.css` file under src/web is in the table.
    #[test]
    fn every_imported_module_and_every_file_is_served() {
        for a in super::ASSETS.iter().filter(|a| a.path.ends_with(".js")) {
            let dir = a.path.rsplit_once('/').map_or("", |(d, _)| d);
            for line in a.body.lines().filter(|l| l.starts_with("import ")) {
                let spec = line
                    .rsplit_once(" from '")
                    .map(|(_, s)| s)
                    .unwrap_or_else(|| line.trim_start_matches("import '"));
                let spec = spec.trim_end_matches("';");
                let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
                for p in spec.split('/') {
                    match p {
                        "." => {}
                        ".." => {
                            parts.pop();
                        }
                        p => parts.push(p),
                    }
                }
                let target = parts.join("/");
                assert!(
                    super::asset(&target).is_some(),
                    "{} imports {spec}, which is not served",
                    a.path
                );
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
        for dir in [
            "admin",
            "author",
            "candidate",
            "commission",
            "leb",
            "reviewer",
            "shared",
        ] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let name = entry.unwrap().file_name().into_string().unwrap();
                if name.ends_with(".js") || name.ends_with(".css") {
                    let path = format!("{dir}/{name}");
                    assert!(super::asset(&path).is_some(), "{path} is not in ASSETS");
                }
            }
        }
        assert!(super::asset("../mod.rs").is_none());
    }

    #[test]
    fn almaty_is_utc_plus_5_since_march_2024() {
        let at: jiff::Timestamp = "2026-11-27T08:30:00Z".parse().unwrap();
        assert_eq!(super::almaty(at), "2026-11-27T13:30:00+05:00");
        let before: jiff::Timestamp = "2024-01-15T00:00:00Z".parse().unwrap();
        assert_eq!(super::almaty(before), "2024-01-15T06:00:00+06:00");
    }
}
