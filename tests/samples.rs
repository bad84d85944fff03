//! The synthetic files in `data-samples/`: up to date with their generator,
//! readable in every layout, and consistent with the self-checks.

use crate::common;

#[path = "../examples/make_samples.rs"]
mod make_samples;

use std::path::Path;

use cftc_cot::read::{Filter, ReaderBuilder, ScopeSource};
use cftc_cot::records::check;
use cftc_cot::{CotRecord, ReportKind, Scope};

fn read(path: &Path) -> Vec<CotRecord> {
    ReaderBuilder::new()
        .from_path(path)
        .unwrap_or_else(|e| panic!("{e}"))
        .read_all()
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

#[test]
fn committed_samples_match_the_generator() {
    let tmp = common::temp_dir();
    let written = make_samples::write_samples(tmp.path()).unwrap();
    assert_eq!(written.len(), 12);
    for path in written {
        let name = path.file_name().unwrap();
        let committed = Path::new("data-samples").join(name);
        if name.to_string_lossy().ends_with(".zip") {
            // Compare what the archives hold, not their bytes.
            assert_eq!(read(&path), read(&committed), "{}", committed.display());
        } else {
            let fresh = std::fs::read(&path).unwrap();
            let old = std::fs::read(&committed)
                .unwrap_or_else(|e| panic!("{}: {e}", committed.display()));
            assert!(
                fresh == old,
                "{} is stale: run `cargo run --example make_samples`",
                committed.display()
            );
        }
    }
}

#[test]
fn every_sample_reads_and_adds_up() {
    let cases = [
        (
            "legacy_futures_only.txt",
            ReportKind::Legacy,
            Scope::FuturesOnly,
            24,
        ),
        (
            "legacy_old_layout_annual.txt",
            ReportKind::Legacy,
            Scope::FuturesOnly,
            12,
        ),
        (
            "legacy_combined_annualof.txt",
            ReportKind::Legacy,
            Scope::Combined,
            16,
        ),
        (
            "tff_futures_only.txt",
            ReportKind::Tff,
            Scope::FuturesOnly,
            16,
        ),
        (
            "tff_ice_2015_FinFutYY.txt",
            ReportKind::Tff,
            Scope::FuturesOnly,
            6,
        ),
        (
            "tff_combined_FinComYY.txt",
            ReportKind::Tff,
            Scope::Combined,
            16,
        ),
        ("deafut.txt", ReportKind::Legacy, Scope::FuturesOnly, 3),
        ("FinFutWk.txt", ReportKind::Tff, Scope::FuturesOnly, 2),
        (
            "disaggregated_f_year.txt",
            ReportKind::Disaggregated,
            Scope::FuturesOnly,
            24,
        ),
        (
            "f_disagg.txt",
            ReportKind::Disaggregated,
            Scope::FuturesOnly,
            3,
        ),
        (
            "supplemental_annualci.txt",
            ReportKind::Supplemental,
            Scope::Combined,
            16,
        ),
        (
            "deacot2025_sample.zip",
            ReportKind::Legacy,
            Scope::FuturesOnly,
            24,
        ),
    ];
    for (name, kind, scope, rows) in cases {
        let path = Path::new("data-samples").join(name);
        let reader = ReaderBuilder::new().from_path(&path).unwrap();
        assert_eq!(reader.kind(), kind, "{name}");
        let headerless = ["deafut.txt", "FinFutWk.txt", "f_disagg.txt"].contains(&name);
        assert_eq!(reader.layout().has_header, !headerless, "{name}");
        let records = read(&path);
        assert_eq!(records.len(), rows, "{name}");
        for r in &records {
            assert_eq!((r.kind(), r.scope()), (kind, scope), "{name}");
            assert!(check::check(r).is_empty(), "{name}: {:?}", check::check(r));
        }
    }
    // The zip holds the same rows as the text it was made from.
    assert_eq!(
        read(Path::new("data-samples/deacot2025_sample.zip")),
        read(Path::new("data-samples/legacy_futures_only.txt"))
    );
    let weekly = ReaderBuilder::new()
        .from_path("data-samples/deafut.txt")
        .unwrap();
    assert_eq!(weekly.scope().1, ScopeSource::FileName);
}

#[test]
fn filter_on_samples() {
    let (records, report) = ReaderBuilder::new()
        .filter(Filter::codes(["239742"]).unwrap())
        .from_path("data-samples/legacy_futures_only.txt")
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(records.len(), 8);
    assert_eq!(report.filtered_out, 16);
    // Newest first within a market, as CFTC orders them.
    assert!(records.windows(2).all(|w| w[0].date() > w[1].date()));
}
