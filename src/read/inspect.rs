//! A summary of one COT file: what it is, how many rows, which dates and
//! markets, and which rows fail CFTC's own arithmetic.
//!
//! ```
//! use cftc_cot::read::inspect::inspect;
//! use cftc_cot::read::ReaderBuilder;
//! let summary = inspect("data-samples/tff_futures_only.txt", &ReaderBuilder::new())?;
//! assert_eq!(summary.kind, cftc_cot::ReportKind::Tff);
//! assert_eq!(summary.rows, 16);
//! println!("{summary}");
//! # Ok::<(), cftc_cot::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::read::{ReaderBuilder, ScopeSource};
use crate::records::check;
use crate::records::{ContractMarketCode, ReportKind, Scope};

/// How many failing rows a summary shows.
pub const SHOWN: usize = 5;

/// What [`inspect`] found in a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileSummary {
    /// The file.
    pub path: String,
    /// Its report.
    pub kind: ReportKind,
    /// Its scope.
    pub scope: Scope,
    /// Where the scope was learnt from.
    pub scope_source: ScopeSource,
    /// Data rows.
    pub rows: u64,
    /// Rows read as records.
    pub records: u64,
    /// Bad rows skipped.
    pub skipped: u64,
    /// The first as-of date.
    pub first_date: Option<NaiveDate>,
    /// The last as-of date.
    pub last_date: Option<NaiveDate>,
    /// Distinct contract market codes.
    pub markets: usize,
    /// Rows failing at least one self-check.
    pub check_failures: u64,
    /// Failures per identity.
    pub failures_by_identity: BTreeMap<String, u64>,
    /// The first few failing rows, as text.
    pub first_check_failures: Vec<String>,
    /// The first errors of the skipped rows, as text.
    pub first_errors: Vec<String>,
}

/// Reads a whole file (leniently: bad rows are counted and the first few
/// kept) and summarises it. An error means the file cannot be read at all.
pub fn inspect(path: impl AsRef<Path>, builder: &ReaderBuilder) -> Result<FileSummary> {
    let path = path.as_ref();
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
        if failures.is_empty() {
            continue;
        }
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
    let scope = reader.scope().0;
    let report = reader.into_summary();
    Ok(FileSummary {
        path: path.display().to_string(),
        kind,
        scope,
        scope_source,
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

impl fmt::Display for FileSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = |d: Option<NaiveDate>| d.map_or("-".to_owned(), |d| d.to_string());
        writeln!(f, "{}", self.path)?;
        writeln!(
            f,
            "  {} {} (scope from {}), {} rows, {} records, {} skipped",
            self.kind,
            self.scope,
            format!("{:?}", self.scope_source).to_lowercase(),
            self.rows,
            self.records,
            self.skipped
        )?;
        writeln!(
            f,
            "  {} .. {}, {} markets",
            date(self.first_date),
            date(self.last_date),
            self.markets
        )?;
        write!(f, "  rows failing a self-check: {}", self.check_failures)?;
        for (identity, n) in &self.failures_by_identity {
            write!(f, "\n    {identity}: {n}")?;
        }
        for failure in &self.first_check_failures {
            write!(f, "\n    e.g. {failure}")?;
        }
        for e in &self.first_errors {
            write!(f, "\n  skipped: {e}")?;
        }
        Ok(())
    }
}
