//! Criterion benchmarks on the real CFTC files.
//!
//! `cargo bench --bench parse`; the files come from `CFTC_COT_DATA`
//! (default `../shared/cftc`). A full legacy year is about 16 MB of text:
//! the 2025 file (11 weeks, 4 MB) is repeated to that size in memory, rows
//! only, so the numbers are for real rows. The zipped corpus (340 MB of text
//! in 60 archives, see `examples/bench.rs`) is built under `target/` on first
//! use. The side-by-side comparison with pandas is `benches/compare.py`.

use std::hint::black_box;
use std::path::PathBuf;

use cftc_cot::TraderGroup;
use cftc_cot::history::HistoryBuilder;
use cftc_cot::history::analytics::{
    Series, Subject, Window, cot_index, extremes, headline, k_week_changes, largest_swings,
    percentile_rank, record_flags, z_score,
};
use cftc_cot::read::{Filter, ReaderBuilder};
use cftc_cot::records::registry::Family;
use cftc_cot::source::Source;
use cftc_cot::{ReportKind, Scope};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "../examples/bench.rs"]
mod corpus;

fn data_dir() -> PathBuf {
    std::env::var_os("CFTC_COT_DATA").map_or_else(|| PathBuf::from("../shared/cftc"), PathBuf::from)
}

use corpus::repeated;

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

    // A Disaggregated year (17.7 MB of text, the 2019 futures-only file),
    // inflated once.
    let disaggregated = {
        use std::io::Read;
        let mut text = Vec::new();
        let file = std::fs::File::open(dir.join("disagg_fut/2019/fut_disagg_txt_2019.zip"));
        if let Ok(mut zip) = file
            .map_err(|e| e.to_string())
            .and_then(|f| zip::ZipArchive::new(f).map_err(|e| e.to_string()))
            && let Ok(mut member) = zip.by_index(0)
        {
            let _ = member.read_to_end(&mut text);
        }
        text
    };
    let mut group = c.benchmark_group("disaggregated_2019");
    group.throughput(Throughput::Bytes(disaggregated.len() as u64));
    group.sample_size(10);
    group.bench_function("typed_parse_all_rows", |b| {
        b.iter(|| {
            let reader = ReaderBuilder::new()
                .from_reader(disaggregated.as_slice(), "f_year.txt")
                .unwrap();
            black_box(reader.filter(Result::is_ok).count())
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

fn corpus_benches(c: &mut Criterion) {
    let dir = data_dir();
    let corpus_dir = PathBuf::from("target/bench-corpus");
    if corpus::build_corpus(&dir, &corpus_dir).is_err() {
        eprintln!("skipped: cannot build the corpus from {}", dir.display());
        return;
    }
    let family = Family::russell_2000();
    let builder = ReaderBuilder::new()
        .lenient()
        .filter(Filter::all().with_codes(family.codes()));
    let legacy = corpus_dir.join("legacy");
    let mut group = c.benchmark_group("corpus_300MB");
    group.sample_size(10);
    group.bench_function("filtered_read_russell_family", |b| {
        b.iter(|| {
            let read = Source::dir(&legacy)
                .load(&builder, ReportKind::Legacy, Scope::FuturesOnly)
                .unwrap();
            black_box(read.merged.records.len())
        })
    });
    let read = Source::dir(&legacy)
        .load(&builder, ReportKind::Legacy, Scope::FuturesOnly)
        .unwrap();
    group.bench_function("build_history_from_records", |b| {
        b.iter(|| {
            let h = HistoryBuilder::new(family.clone())
                .group(TraderGroup::NonCommercial)
                .build(&read.merged.records)
                .unwrap();
            black_box(h.points().len())
        })
    });
    group.finish();
}

/// A 1,600-week random walk (about 31 years), analysed end to end.
fn analytics_benches(c: &mut Criterion) {
    let start = chrono::NaiveDate::from_ymd_opt(1994, 1, 4).unwrap();
    let mut v = 0.0f64;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let pairs = (0..1600).map(|i| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        v += (state % 20_001) as f64 - 10_000.0;
        (start + chrono::Duration::weeks(i), v)
    });
    let series = Series::from_pairs(pairs).unwrap();
    let subject = Subject::positions("Large speculators", "Russell 2000 futures", "contracts");
    let last = *series.dates().last().unwrap();
    let mut group = c.benchmark_group("analytics_1600_weeks");
    group.bench_function("changes_records_top10", |b| {
        b.iter(|| {
            let ch = k_week_changes(&series, 2);
            black_box((
                record_flags(&ch).len(),
                largest_swings(&ch.changes, 10).len(),
            ))
        })
    });
    group.bench_function("extremes", |b| {
        b.iter(|| black_box(extremes(&series).len()))
    });
    group.bench_function("cot_index_percentile_zscore_3y", |b| {
        let w = Window::years(3);
        b.iter(|| {
            black_box((
                cot_index(&series, w).len(),
                percentile_rank(&series, w).len(),
                z_score(&series, w).len(),
            ))
        })
    });
    group.bench_function("headline", |b| {
        b.iter(|| black_box(headline(&series, last, 2, &subject).map(|h| h.sentence.len())))
    });
    group.finish();
}

/// `cftc screen --report tff`: loading every TFF futures-only file of
/// `../shared/cftc`, and screening its markets once loaded.
fn screen_benches(c: &mut Criterion) {
    use cftc_cot::history::screen::{ScreenOptions, screen};
    let dir = data_dir();
    if !dir.is_dir() {
        return;
    }
    let builder = ReaderBuilder::new().lenient();
    let load = || {
        Source::dir(&dir)
            .load(&builder, ReportKind::Tff, Scope::FuturesOnly)
            .unwrap()
    };
    let loaded = load();
    let options = ScreenOptions::new(ReportKind::Tff);
    let mut group = c.benchmark_group("screen_tff_shared_cftc");
    group.sample_size(10);
    group.bench_function("load_every_tff_file", |b| {
        b.iter(|| black_box(load().merged.records.len()))
    });
    group.bench_function("screen_every_market", |b| {
        b.iter(|| black_box(screen(&loaded.merged.records, &options).unwrap().len()))
    });
    group.finish();
}

criterion_group!(
    parse,
    benches,
    corpus_benches,
    analytics_benches,
    screen_benches
);
criterion_main!(parse);
