//! # synaq-loadtests
//!
//! The load tools of synaq: a swarm of simulated candidates over WebSockets with latency
//! histograms and a lost-answer audit. The swarm comes with the live exam (the WebSocket
//! protocol it drives does not exist yet); until then this binary has no scenario and says so.

fn main() {
    eprintln!("synaq-loadtests: no load scenario is built yet (the live exam comes first)");
    std::process::exit(2);
}
