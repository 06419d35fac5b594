//! # synaq-loadtests
//!
//! The load tools of synaq. `exam` drives a swarm of simulated candidates through the live
//! exam protocol (`docs/protocol.md`): it sets up a campaign and a roster with an admin token,
//! logs every candidate in, answers the 100 questions over `/ws/exam` with think time and
//! random reconnects, measures how long each answer takes to be acknowledged, then audits the
//! server: every acknowledged answer must be in the session's journal. `docs/loadtest.md`
//! tells how to run it and what each figure means.
//!
//! # Layout
//! - `args`: the command line.
//! - `iin`: distinct valid Kazakh IINs for the generated roster.
//! - `api`: the HTTP calls (setup, candidate login, audit), one typed error.
//! - `setup`: bank, campaign and roster, in chunks.
//! - `protocol`: the socket's JSON messages.
//! - `stats`: counters, gauges and the latency histogram shared by all candidates.
//! - `candidate`: one candidate's whole exam (HTTP part, then the socket).
//! - `socket`: the answering phase over one or more sockets, with the outbox and replay.
//! - `swarm`: the run: ramp, bounded concurrency, progress, stop at `--duration-s`.
//! - `audit`: the lost-answer audit.
//! - `report`: the summary as JSON or as a table.
//! - `limits`: the open-file limit check.
//! - `callbacks`: the `callbacks` flood of signed proctoring callbacks.

mod api;
mod args;
mod audit;
mod callbacks;
mod candidate;
mod cpu;
mod iin;
mod limits;
#[cfg(test)]
mod mock;
mod protocol;
mod report;
mod setup;
mod socket;
mod stats;
mod swarm;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Callbacks(args) => match callbacks::run(&args).await {
            Ok(summary) => {
                callbacks::print(&summary, args.json);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("synaq-loadtests: the run could not start: {e:#}");
                ExitCode::from(2)
            }
        },
        Command::Exam(args) => match swarm::run(&args).await {
            Ok(summary) => {
                report::print(&summary, args.json);
                if summary.passed() {
                    ExitCode::SUCCESS
                } else {
                    eprintln!(
                        "synaq-loadtests: FAILED: {} acknowledged answer(s) lost, {} session(s) not audited",
                        summary.lost, summary.unaudited
                    );
                    ExitCode::from(1)
                }
            }
            Err(e) => {
                eprintln!("synaq-loadtests: the run could not start: {e:#}");
                ExitCode::from(2)
            }
        },
    }
}
