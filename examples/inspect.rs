//! Summarises CFTC Commitments of Traders files: kind, scope, rows, dates,
//! markets and self-check failures.
//!
//! ```text
//! cargo run --release --example inspect -- [--json] [--scope futures_only|combined] PATH...
//! ```
//!
//! Each PATH is a text file or a zip archive as CFTC publishes it. Bad rows
//! are skipped and counted (the first few are shown); a file that cannot be
//! read at all ends the program with one line on stderr and exit code 1.

use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

use cftc_cot::check;
use cftc_cot::read::ReaderBuilder;
use cftc_cot::{ContractMarketCode, Scope};
use chrono::NaiveDate;
use serde::Serialize;

#[path = "support/say.rs"]
#[macro_use]
mod say;

/// How many failing rows to show per file.
const SHOWN: usize = 5;

#[derive(Serialize)]
struct Summary {
    path: String,
    kind: String,
    scope: String,
    scope_source: String,
    rows: u64,
    records: u64,
    skipped: u64,
    first_date: Option<NaiveDate>,
    last_date: Option<NaiveDate>,
    markets: usize,
    check_failures: u64,
    failures_by_identity: BTreeMap<String, u64>,
    first_check_failures: Vec<String>,
    first_errors: Vec<String>,
}

fn inspect(path: &str, builder: &ReaderBuilder) -> Result<Summary, cftc_cot::Error> {
    let mut reader = builder.clone().lenient().from_path(path)?;
    let kind = reader.kind();
    let scope_source = reader.scope().1;
    let mut markets = BTreeSet::<ContractMarketCode>::new();
    let (mut first, mut last) = (None::<NaiveDate>, None::<NaiveDate>);
    let mut check_failures = 0;
    let mut by_identity = BTreeMap::new();
    let mut shown = Vec::new();
    for record in &mut reader {
        let record = record?;
        markets.insert(record.code());
        let date = record.date();
        first = Some(first.map_or(date, |d| d.min(date)));
        last = Some(last.map_or(date, |d| d.max(date)));
        let failures = check::check(&record);
        if !failures.is_empty() {
            check_failures += 1;
            for f in &failures {
                *by_identity.entry(f.identity.to_string()).or_insert(0) += 1;
            }
            if shown.len() < SHOWN {
                let list: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
                shown.push(format!(
                    "{} {} {}: {}",
                    record.date(),
                    record.code(),
                    record.market().market_and_exchange_names,
                    list.join("; ")
                ));
            }
        }
    }
    let scope_now = reader.scope().0;
    let report = reader.into_report();
    Ok(Summary {
        path: path.to_owned(),
        kind: kind.to_string(),
        scope: scope_now.to_string(),
        scope_source: format!("{scope_source:?}").to_lowercase(),
        rows: report.rows,
        records: report.records,
        skipped: report.skipped,
        first_date: first,
        last_date: last,
        markets: markets.len(),
        check_failures,
        failures_by_identity: by_identity,
        first_check_failures: shown,
        first_errors: report.errors.iter().map(|e| e.to_string()).collect(),
    })
}

fn print_text(s: &Summary) {
    let date = |d: Option<NaiveDate>| d.map_or("-".to_owned(), |d| d.to_string());
    say!("{}", s.path);
    say!(
        "  {} {} (scope from {}), {} rows, {} records, {} skipped",
        s.kind,
        s.scope,
        s.scope_source,
        s.rows,
        s.records,
        s.skipped
    );
    say!(
        "  {} .. {}, {} markets",
        date(s.first_date),
        date(s.last_date),
        s.markets
    );
    say!("  rows failing a self-check: {}", s.check_failures);
    for (identity, n) in &s.failures_by_identity {
        say!("    {identity}: {n}");
    }
    for f in &s.first_check_failures {
        say!("    e.g. {f}");
    }
    for e in &s.first_errors {
        say!("  skipped: {e}");
    }
}

fn main() -> ExitCode {
    let mut json = false;
    let mut builder = ReaderBuilder::new();
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--scope" => match args.next().map(|s| s.parse::<Scope>()) {
                Some(Ok(scope)) => builder = builder.scope(scope),
                _ => {
                    eprintln!("inspect: --scope takes futures_only or combined");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                say!("usage: inspect [--json] [--scope futures_only|combined] PATH...");
                return ExitCode::SUCCESS;
            }
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        eprintln!("usage: inspect [--json] [--scope futures_only|combined] PATH...");
        return ExitCode::from(2);
    }
    // Every path is tried; any unreadable one makes the exit code 1.
    let mut failed = false;
    for path in &paths {
        match inspect(path, &builder) {
            Ok(summary) if json => match serde_json::to_string(&summary) {
                Ok(line) => say!("{line}"),
                Err(e) => {
                    eprintln!("inspect: {path}: {e}");
                    failed = true;
                }
            },
            Ok(summary) => print_text(&summary),
            Err(e) => {
                eprintln!("inspect: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
