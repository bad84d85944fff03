//! Contract sizes as the files tell them: the registry's multipliers
//! against CFTC's units text, and the reports in which a contract changed
//! size (a split or a merge).
//!
//! ```text
//! cargo run --release --example audit -- --data DIR [--all] [--json]
//! ```
//!
//! Reads every legacy and TFF file under DIR (futures only and combined),
//! prints every units run that disagrees with the registry (`--all`: every
//! run), then every size change found, with the units text before and after.

use std::path::PathBuf;
use std::process::ExitCode;

use cftc_cot::read::ReaderBuilder;
use cftc_cot::records::audit::{self, SizeChange, UnitsRun};
use cftc_cot::records::registry::Registry;
use cftc_cot::source::Source;
use cftc_cot::{ReportKind, Scope};
use serde::Serialize;

#[path = "support/say.rs"]
#[macro_use]
mod say;

const USAGE: &str = "usage: audit --data DIR [--all] [--json]";

#[derive(Serialize)]
struct Report {
    files_read: usize,
    records: usize,
    units: Vec<UnitsRun>,
    size_changes: Vec<SizeChange>,
}

fn run() -> Result<(), String> {
    let mut data = None;
    let mut all = false;
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => data = Some(PathBuf::from(args.next().ok_or("--data needs a value")?)),
            "--all" => all = true,
            "--json" => json = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?} ({USAGE})")),
        }
    }
    let dir = data.ok_or(USAGE)?;
    let builder = ReaderBuilder::new().lenient();
    let mut records = Vec::new();
    let mut files_read = 0;
    for kind in [ReportKind::Legacy, ReportKind::Tff] {
        for scope in [Scope::FuturesOnly, Scope::Combined] {
            let read = Source::dir(&dir)
                .load(&builder, kind, scope)
                .map_err(|e| e.to_string())?;
            files_read += read.read.len();
            records.extend(read.merged.records);
        }
    }
    let registry = Registry::builtin();
    let units: Vec<UnitsRun> = audit::units(&registry, &records)
        .into_iter()
        .filter(|r| all || !r.agrees())
        .collect();
    let report = Report {
        files_read,
        records: records.len(),
        size_changes: audit::size_changes(&records),
        units,
    };
    if json {
        let line = serde_json::to_string(&report).map_err(|e| e.to_string())?;
        say!("{line}");
        return Ok(());
    }
    say!(
        "{} records from {} files under {}",
        report.records,
        report.files_read,
        dir.display()
    );
    say!();
    say!(
        "Units text against the registry ({}):",
        if all { "every run" } else { "disagreements" }
    );
    for run in &report.units {
        say!("  {run}");
    }
    if report.units.is_empty() {
        say!("  none");
    }
    say!();
    say!("Contract size changes:");
    for change in &report.size_changes {
        say!("  {change}");
    }
    if report.size_changes.is_empty() {
        say!("  none");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("audit: {e}");
            ExitCode::FAILURE
        }
    }
}
