//! Integration tests: the storage layer on both engines, and the HTTP API against a server on
//! port 0. One binary, as STYLE.md asks.

mod common;

mod access_codes;
mod admin_listing;
mod appeals;
mod appeals_live;
mod appeals_support;
mod attestees;
mod banks_api;
mod banks_author;
mod cabinet;
mod calendar;
mod certificates;
mod console;
mod exam;
mod exam_nodes;
mod exam_socket;
mod exam_support;
mod hardening;
mod item_stats;
mod logs;
mod not_found;
mod openapi;
mod proctor;
mod proctor_multipart;
mod proctor_review;
mod proctor_void;
#[path = "../support/qr.rs"]
mod qr;
mod reports;
mod retake;
mod roles;
mod roster_upload;
mod seb;
mod store_audit;
mod store_bank;
mod store_conflict;
mod store_corrupt;
mod store_misc;
