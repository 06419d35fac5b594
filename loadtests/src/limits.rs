//! The open-file limit: every candidate holds a socket, so a run of N candidates needs a soft
//! limit above N plus the HTTP pool. The standard library cannot raise it, so the tool reads it
//! from `/proc/self/limits` (Linux) and warns; raise it with `ulimit -n` before the run.

/// Descriptors kept aside for the HTTP pool, stdio and the runtime.
const SPARE: u64 = 300;

/// The soft and hard open-file limits, when the system tells them.
pub fn open_files() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    parse(&text)
}

fn parse(text: &str) -> Option<(u64, u64)> {
    let line = text.lines().find(|l| l.starts_with("Max open files"))?;
    let mut fields = line["Max open files".len()..].split_whitespace();
    let number = |f: Option<&str>| match f? {
        "unlimited" => Some(u64::MAX),
        n => n.parse().ok(),
    };
    Some((number(fields.next())?, number(fields.next())?))
}

/// A warning when `candidates` sockets may not fit under the soft limit.
pub fn warning(candidates: u64) -> Option<String> {
    let (soft, hard) = open_files()?;
    check(candidates, soft, hard)
}

fn check(candidates: u64, soft: u64, hard: u64) -> Option<String> {
    let need = candidates.saturating_add(SPARE);
    if need <= soft {
        return None;
    }
    let advice = if need <= hard {
        format!("run `ulimit -n {hard}` first")
    } else {
        format!("even the hard limit is {hard}: split the swarm over several processes")
    };
    Some(format!(
        "{candidates} candidates need about {need} open files but the soft limit is {soft}: {advice}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: &str = "Limit                     Soft Limit           Hard Limit           Units     \n\
Max cpu time              unlimited            unlimited            seconds   \n\
Max open files            1024                 20000                files     \n";

    #[test]
    fn reads_the_open_file_limits() {
        assert_eq!(parse(LIMITS), Some((1024, 20_000)));
    }

    #[test]
    fn many_candidates_under_a_low_soft_limit_are_warned_with_ulimit() {
        let w = check(5_000, 1_024, 20_000).unwrap();
        assert!(w.contains("ulimit -n 20000"), "{w}");
        assert_eq!(check(500, 1_024, 20_000), None);
    }

    #[test]
    fn beyond_the_hard_limit_the_swarm_must_be_split() {
        assert!(check(30_000, 20_000, 20_000).unwrap().contains("split"));
    }
}
