//! Benchmarks of the core: importing a 10,000-question bank (parse + validate, and storing it
//! into a fresh SQLite database) and assembling a paper from it. Numbers: docs/performance.md.

use std::collections::BTreeSet;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use synaq::domain::bank::{self, ImportOptions, Lang, SourceFile};
use synaq::domain::paper::{self, Blueprint, PaperRequest, Seed};
use synaq::domain::synth::synthetic_bank;

const QUESTIONS: usize = 10_000;

fn parse(c: &mut Criterion) {
    let json = bank::to_json(&synthetic_bank(QUESTIONS));
    let source = vec![SourceFile {
        name: "synth.json".into(),
        content: json,
        format: None,
        lang: None,
    }];
    c.bench_function("bank/parse_validate_10k_json", |b| {
        b.iter(|| bank::parse_files(&source, &ImportOptions::default()).unwrap())
    });
}

fn store(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let bank = synthetic_bank(QUESTIONS);
    let mut group = c.benchmark_group("bank");
    group.sample_size(10);
    group.bench_function("import_10k_into_fresh_sqlite", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}/bench.db", dir.path().display());
                let db = rt.block_on(synaq::store::Db::connect(&url)).unwrap();
                (dir, db)
            },
            |(dir, db)| {
                rt.block_on(synaq::store::bank::import(
                    &db,
                    &bank,
                    "bench",
                    &synaq::domain::audit::Actor::Cli,
                    jiff::Timestamp::now(),
                    |_| {},
                ))
                .unwrap();
                rt.block_on(db.close());
                drop(dir);
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn assemble(c: &mut Criterion) {
    let bank = synthetic_bank(QUESTIONS);
    let profile = synaq::domain::profile::for_position(
        "cc_employment_specialist",
        Some("case_manager"),
        jiff::civil::date(2026, 12, 1),
    )
    .unwrap();
    let blueprint = Blueprint::default();
    let exclusions = BTreeSet::new();
    let mut n = 0u64;
    c.bench_function("paper/assemble_100_from_10k", |b| {
        b.iter(|| {
            n += 1;
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&n.to_le_bytes());
            paper::assemble(&PaperRequest {
                bank: &bank,
                blueprint: &blueprint,
                profile: &profile,
                lang: Lang::Ru,
                seed: Seed::from_bytes(bytes),
                exclusions: &exclusions,
            })
            .unwrap()
        })
    });
}

criterion_group!(benches, parse, store, assemble);
criterion_main!(benches);
