//! # synaq — an online proctored testing engine
//!
//! It runs the attestation exams of the employees of Kazakhstan's labor mobility centers and
//! career centers (the rules: `docs/rules.md`).
//!
//! # Layout
//! - [`domain`]: pure rules, no I/O — the bank model and its importers, paper assembly, the
//!   audit chain's arithmetic and vocabulary, roles, profiles, the rules, the calendar, appeals,
//!   the reports (Appendix 2 and 5, due-date statuses, the evaluation upload), the roster and
//!   the TMC's list of attestees read from CSV or XLSX, admission.
//! - [`store`]: sqlx repositories over one schema on SQLite (default) and PostgreSQL.
//! - [`app`]: the application layer — the workflows (lifecycle, scoring, proctoring, appeals), the only
//!   code that calls `store`, `live` and `domain` together; `Application::build` is the one
//!   composition root.
//! - [`live`]: the exam socket and its protocol, this node's socket registry and command bus,
//!   the deadline sweeper, the clock, and the live state shared between nodes.
//! - [`http`]: the route table (every route with its access, checked by the router), one
//!   folder per audience and one file per action, the typed views, the extractors and the one
//!   error-to-response mapping.
//! - [`web`]: the pages the server renders, and Asia/Almaty time presentation.
//! - [`export`]: tables for spreadsheets (CSV, XLSX) whose cells are never formulas.
//! - [`cli`]: the `synaq` command line (`serve` and the operators' tools).
//! - [`sample`]: the embedded sample bank for a server on an empty database.
//! - [`config`]: run-time configuration.
//! - [`id`]: every random byte and row id, from the operating system's CSPRNG.

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod export;
pub mod http;
pub mod id;
pub mod live;
pub mod sample;
pub mod store;
pub mod web;
