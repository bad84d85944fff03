//! Criterion benchmarks of the readers on the real CFTC files.
//!
//! `cargo bench --bench parse`; the files come from `CFTC_COT_DATA`
//! (default `../shared/cftc`). A full legacy year is about 16 MB of text:
//! the 2025 file (11 weeks, 4 MB) is repeated to that size in memory, rows
//! only, so the numbers are for real rows.

use std::hint::black_box;
use std::path::PathBuf;

use cftc_cot::read::{Filter, ReaderBuilder};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn data_dir() -> PathBuf {
    std::env::var_os("CFTC_COT_DATA").map_or_else(|| PathBuf::from("../shared/cftc"), PathBuf::from)
}

/// The header plus the rows of `text` repeated until `target` bytes.
fn repeated(text: &[u8], target: usize) -> Vec<u8> {
    let split = text.iter().position(|&b| b == b'\n').map_or(0, |i| i + 1);
    let (header, rows) = text.split_at(split);
    let mut out = header.to_vec();
    while out.len() < target {
        out.extend_from_slice(rows);
    }
    out
}

fn benches(c: &mut Criterion) {
    let dir = data_dir();
    let Ok(legacy) = std::fs::read(dir.join("legacy_fut/2025_partial_thru_0318/annual.txt")) else {
        eprintln!("skipped: no CFTC files at {}", dir.display());
        return;
    };
    let year = repeated(&legacy, 16 << 20);
    let tff = std::fs::read(dir.join("tff_fut/2024/FinFutYY.txt")).unwrap_or_default();

    let mut group = c.benchmark_group("legacy_16MB");
    group.throughput(Throughput::Bytes(year.len() as u64));
    group.sample_size(10);
    group.bench_function("typed_parse_all_rows", |b| {
        b.iter(|| {
            let reader = ReaderBuilder::new()
                .from_reader(year.as_slice(), "annual.txt")
                .unwrap();
            black_box(
                reader
                    .map(|r| r.map(|r| r.date()))
                    .filter(Result::is_ok)
                    .count(),
            )
        })
    });
    group.bench_function("filtered_one_market", |b| {
        let filter = Filter::codes(["239742"]).unwrap();
        b.iter(|| {
            let reader = ReaderBuilder::new()
                .filter(filter.clone())
                .from_reader(year.as_slice(), "annual.txt")
                .unwrap();
            black_box(reader.filter(Result::is_ok).count())
        })
    });
    group.bench_function("csv_byte_records_only", |b| {
        b.iter(|| {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(year.as_slice());
            let mut rec = csv::ByteRecord::new();
            let mut n = 0usize;
            while rdr.read_byte_record(&mut rec).unwrap() {
                n += rec.len();
            }
            black_box(n)
        })
    });
    group.finish();

    let mut group = c.benchmark_group("tff_2024");
    group.throughput(Throughput::Bytes(tff.len() as u64));
    group.bench_function("typed_parse_all_rows", |b| {
        b.iter(|| {
            let reader = ReaderBuilder::new()
                .from_reader(tff.as_slice(), "FinFutYY.txt")
                .unwrap();
            black_box(reader.filter(Result::is_ok).count())
        })
    });
    group.finish();
}

criterion_group!(parse, benches);
criterion_main!(parse);
