//! The server's CPU time over the steady answering window, read from `/proc/PID/stat` when the
//! server runs on this machine (`--server-pid`): user + system time (fields 14 and 15, in
//! clock ticks). The window opens when every candidate has its first `state` (the start burst
//! is over) and closes when the run stops, before the audit: setup, the burst and the audit's
//! reads are not charged to the saves.

use std::time::Duration;

/// The CPU seconds a process has used, from the text of its `/proc/PID/stat`.
pub fn parse_stat(stat: &str, ticks_per_s: f64) -> Option<f64> {
    // The command name (field 2) is in parentheses and may hold spaces: count after its `)`.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (state): utime is field 14, stime field 15.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / ticks_per_s)
}

/// The CPU seconds process `pid` has used so far, or `None` when it cannot be read.
pub fn process_cpu_s(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Linux reports in USER_HZ, 100 on every architecture the tool runs on.
    parse_stat(&stat, 100.0)
}

/// A reading at one end of the window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub cpu_s: f64,
    pub acked: u64,
    pub at: Duration,
}

/// The server's CPU per acknowledged save between two marks, in microseconds, and the saves
/// per second in the window; `None` when no save was acknowledged in it.
pub fn per_save(open: Mark, close: Mark) -> Option<(f64, f64)> {
    let saves = close.acked.checked_sub(open.acked)?;
    let secs = close.at.checked_sub(open.at)?.as_secs_f64();
    if saves == 0 || secs <= 0.0 {
        return None;
    }
    Some((
        (close.cpu_s - open.cpu_s) * 1e6 / saves as f64,
        saves as f64 / secs,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_fields_are_counted_after_the_command_name() {
        // A command name with spaces and a parenthesis; utime 250, stime 50 ticks.
        let stat = "4242 (synaq (serve) x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 50 0 0 20 0 9 0 100 200000000 5000 18446744073709551615";
        assert_eq!(parse_stat(stat, 100.0), Some(3.0));
        assert_eq!(parse_stat("garbage", 100.0), None);
    }

    #[test]
    fn this_process_has_a_cpu_time() {
        let cpu = process_cpu_s(std::process::id()).expect("readable on Linux");
        assert!(cpu >= 0.0);
    }

    #[test]
    fn cpu_per_save_is_over_the_window_only() {
        let open = Mark {
            cpu_s: 10.0,
            acked: 1_000,
            at: Duration::from_secs(5),
        };
        let close = Mark {
            cpu_s: 12.0,
            acked: 21_000,
            at: Duration::from_secs(15),
        };
        let (us, rate) = per_save(open, close).unwrap();
        assert!((us - 100.0).abs() < 1e-9, "{us}");
        assert!((rate - 2_000.0).abs() < 1e-9, "{rate}");
        assert_eq!(per_save(close, close), None);
    }
}
