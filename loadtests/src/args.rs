//! The command line: one subcommand per scenario (only `exam` so far).

use clap::{Args, Parser, Subcommand};

/// Load tools for synaq.
#[derive(Debug, Parser)]
#[command(name = "synaq-loadtests", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// A swarm of candidates sitting the live exam, then a lost-answer audit.
    Exam(ExamArgs),
    /// A flood of signed native proctoring callbacks at a target rate.
    Callbacks(CallbacksArgs),
}

/// What `callbacks` is told.
#[derive(Debug, Clone, Args)]
pub struct CallbacksArgs {
    /// The server's base URL (plain `http://`).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    pub url: String,
    /// The vendor of the route (`/api/v1/proctor/{vendor}/events`), adapter `native`.
    #[arg(long)]
    pub vendor: String,
    /// The vendor's secret the callbacks are signed with.
    #[arg(long, env = "SYNAQ_VENDOR_SECRET", hide_env_values = true)]
    pub secret: String,
    /// Target events per second.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub rate: u32,
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub duration_s: u64,
    /// Events per callback.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub batch: u32,
    /// Requests in flight at most.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub concurrency: u32,
    /// The event kind (`window_resize` has no default rule: it only records).
    #[arg(long, default_value = "window_resize")]
    pub kind: String,
    /// Existing session ids to report on (repeatable); without it, `--admin-token` creates
    /// `--sessions` of them.
    #[arg(long)]
    pub session: Vec<String>,
    /// An admin token: registers the vendor (if new) and creates the sessions.
    #[arg(long, env = "SYNAQ_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=20_000))]
    pub sessions: u32,
    /// Print one JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

/// What `exam` is told. Defaults give a small run (100 candidates, one minute).
#[derive(Debug, Clone, Args)]
pub struct ExamArgs {
    /// The server's base URL (plain `http://`: the tool carries no TLS).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    pub url: String,
    /// Other nodes of the same deployment (repeatable), for failover runs: candidate i opens
    /// its socket on the i-th of (`--url`, `--also-url`...) in turn, and after a failed
    /// connection or a dropped socket tries the next. HTTP steps and the audit use `--url`.
    #[arg(long)]
    pub also_url: Vec<String>,
    /// An admin bearer token: the setup (campaign, roster) and the audit need it (`synaq
    /// token issue --role admin --name loadtest`).
    #[arg(
        long,
        env = "SYNAQ_ADMIN_TOKEN",
        hide_env_values = true,
        required_unless_present = "admin_user"
    )]
    pub admin_token: Option<String>,
    /// Instead of a token: an administrator's username (with `--admin-password`), logged in
    /// through `POST /api/v1/auth/login` (e.g. the demo administrator `synaq serve` prints).
    #[arg(long, requires = "admin_password", conflicts_with = "admin_token")]
    pub admin_user: Option<String>,
    #[arg(long, env = "SYNAQ_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,
    /// How many candidates sit the exam at once.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=200_000))]
    pub candidates: u32,
    /// Mean think time before each answer, in milliseconds (each wait is drawn ±50%).
    #[arg(long, default_value_t = 1_000)]
    pub think_ms: u64,
    /// The whole answering phase stops after this many seconds; candidates still answering
    /// just disconnect (their acknowledged answers still count and are audited).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub duration_s: u64,
    /// The bank version of the campaign (default: the newest of `GET /api/v1/banks`).
    #[arg(long)]
    pub bank: Option<String>,
    /// Per answer sent, the chance of dropping the socket at once and reconnecting (the
    /// unacknowledged answers are then replayed).
    #[arg(long, default_value_t = 0.01, value_parser = probability)]
    pub reconnect_prob: f64,
    /// The logins are spread evenly over this many seconds.
    #[arg(long, default_value_t = 0)]
    pub ramp_s: u64,
    /// The position slug written on every roster row.
    #[arg(long, default_value = "tmc_employment_specialist")]
    pub position: String,
    /// At most this many candidates in their HTTP steps (login, rules, start) at once, and
    /// this many audit requests at once.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub http_concurrency: u32,
    /// The server's process id, when it runs on this machine: its CPU time over the steady
    /// window (from the last candidate's first `state` to the stop) is read from
    /// `/proc/PID/stat` and reported per acknowledged save.
    #[arg(long)]
    pub server_pid: Option<u32>,
    /// Print one JSON summary on stdout instead of a table.
    #[arg(long)]
    pub json: bool,
}

fn probability(text: &str) -> Result<f64, String> {
    let p: f64 = text.parse().map_err(|e| format!("{e}"))?;
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!("{p} is not a probability between 0 and 1"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exam_flags_parse_with_defaults() {
        let cli = Cli::try_parse_from([
            "synaq-loadtests",
            "exam",
            "--admin-token",
            "t",
            "--candidates",
            "5",
        ])
        .unwrap();
        let Command::Exam(args) = cli.command else {
            panic!("exam parses as exam");
        };
        assert_eq!(args.admin_token.as_deref(), Some("t"));
        assert_eq!(args.candidates, 5);
        assert_eq!(args.reconnect_prob, 0.01);
        assert_eq!(args.position, "tmc_employment_specialist");
        assert!(!args.json);
    }

    #[test]
    fn other_nodes_are_repeated_also_urls() {
        let cli = Cli::try_parse_from([
            "synaq-loadtests",
            "exam",
            "--admin-token",
            "t",
            "--also-url",
            "http://127.0.0.1:2",
            "--also-url",
            "http://127.0.0.1:3",
        ])
        .unwrap();
        let Command::Exam(args) = cli.command else {
            panic!("exam parses as exam");
        };
        assert_eq!(args.also_url, ["http://127.0.0.1:2", "http://127.0.0.1:3"]);
    }

    #[test]
    fn admin_user_needs_a_password() {
        let base = ["synaq-loadtests", "exam", "--admin-user", "admin"];
        if std::env::var_os("SYNAQ_ADMIN_PASSWORD").is_none() {
            assert!(Cli::try_parse_from(base).is_err());
        }
        let with = Cli::try_parse_from(base.iter().chain(&["--admin-password", "p"]));
        assert!(with.is_ok());
    }

    #[test]
    fn callbacks_flags_parse_and_a_zero_rate_is_refused() {
        let cli = Cli::try_parse_from([
            "synaq-loadtests",
            "callbacks",
            "--vendor",
            "acme",
            "--secret",
            "s",
            "--rate",
            "5000",
            "--duration-s",
            "30",
            "--json",
        ])
        .unwrap();
        let Command::Callbacks(args) = cli.command else {
            panic!("callbacks parses as callbacks");
        };
        assert_eq!((args.rate, args.duration_s, args.batch), (5000, 30, 1));
        assert!(args.json && args.session.is_empty());
        let zero = [
            "synaq-loadtests",
            "callbacks",
            "--vendor",
            "a",
            "--secret",
            "s",
            "--rate",
            "0",
        ];
        assert!(Cli::try_parse_from(zero).is_err());
    }

    #[test]
    fn reconnect_probability_above_one_is_refused() {
        let parsed = Cli::try_parse_from([
            "synaq-loadtests",
            "exam",
            "--admin-token",
            "t",
            "--reconnect-prob",
            "1.5",
        ]);
        assert!(parsed.is_err());
    }
}
