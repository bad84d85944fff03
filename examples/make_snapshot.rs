//! Regenerates the embedded snapshot `snapshot/russell2000.csv` from CFTC's
//! files: every Russell 2000 row (the micro included) of the legacy and TFF
//! reports, futures only and combined, reduced to open interest and each
//! trader group's long and short positions.
//!
//! ```text
//! cargo run --release --example make_snapshot -- [--data DIR] [--out PATH]
//! ```
//!
//! `--data` defaults to `CFTC_COT_DATA` or `../shared/cftc`. The test
//! `tests/embedded.rs` checks that the committed file is what this command
//! makes from those files.

use std::path::PathBuf;
use std::process::ExitCode;

use cftc_cot::read::{Filter, ReaderBuilder};
use cftc_cot::records::registry::Family;
use cftc_cot::source::Source;
use cftc_cot::{ReportKind, Scope};

fn run() -> Result<(), String> {
    let mut data = std::env::var_os("CFTC_COT_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/cftc"));
    let mut out = PathBuf::from("snapshot/russell2000.csv");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => data = args.next().ok_or("--data needs a value")?.into(),
            "--out" => out = args.next().ok_or("--out needs a value")?.into(),
            other => {
                return Err(format!(
                    "unknown argument {other:?} (--data DIR, --out PATH)"
                ));
            }
        }
    }
    let family = Family::russell_2000_with_micro();
    let builder = ReaderBuilder::new().filter(Filter::all().with_codes(family.codes()));
    let mut records = Vec::new();
    for kind in [ReportKind::Legacy, ReportKind::Tff] {
        for scope in [Scope::FuturesOnly, Scope::Combined] {
            let loaded = Source::dir(&data)
                .load(&builder, kind, scope)
                .map_err(|e| e.to_string())?;
            eprintln!(
                "{kind} {scope}: {} files, {} rows",
                loaded.read.len(),
                loaded.merged.records.len()
            );
            records.extend(loaded.merged.records);
        }
    }
    let about = [
        "Russell 2000 futures (codes 239772, 239741, 239742, 23977A, 239777, 239747): open interest"
            .to_string(),
        "and each trader group's long and short contracts, legacy and TFF, futures only and combined."
            .to_string(),
        "Derived from CFTC's published files by `cargo run --release --example make_snapshot`."
            .to_string(),
        "Columns: report,scope,code,date,market name,open interest, then long,short per group of the report."
            .to_string(),
    ];
    let mut text = Vec::new();
    let n = cftc_cot::history::embedded::write_snapshot(&records, &about, &mut text, "snapshot")
        .map_err(|e| e.to_string())?;
    std::fs::write(&out, text).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("{n} rows written to {}", out.display());
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("make_snapshot: {e}");
            ExitCode::FAILURE
        }
    }
}
