//! `cftc export`: every record of a report to a Parquet file, or every
//! report to a Hive-partitioned Parquet dataset.

use crate::args::ExportArgs;
use crate::failure::Failure;
#[cfg(feature = "parquet")]
use crate::{
    output::say,
    sources::{market_codes, mode, source},
};
#[cfg(feature = "parquet")]
use cftc_cot::{
    ReportKind, Scope,
    read::{Filter, ReaderBuilder},
};

#[cfg(feature = "parquet")]
pub fn run(a: ExportArgs) -> Result<(), Failure> {
    match (&a.dataset, &a.parquet, a.report) {
        (Some(dir), _, _) => dataset(&a, dir),
        (None, Some(path), Some(report)) => file(&a, path, report),
        _ => Err("give --parquet PATH with --report, or --dataset DIR".into()),
    }
}

#[cfg(feature = "parquet")]
fn dataset(a: &ExportArgs, dir: &std::path::Path) -> Result<(), Failure> {
    use cftc_cot::export::dataset::{PUBLISHED, export_dataset};
    let reports: Vec<(ReportKind, Scope)> = PUBLISHED
        .iter()
        .copied()
        .filter(|(r, s)| {
            a.report.is_none_or(|want| want == *r) && (!a.combined || *s == Scope::Combined)
        })
        .collect();
    let source = source(&a.data);
    let builder = ReaderBuilder::new().mode(mode(&a.data));
    let summary = export_dataset(&source, &builder, dir, &reports)
        .map_err(|e| Failure::from_source(e, &a.data))?;
    if summary.parts.is_empty() {
        return Err(Failure::Message(format!(
            "no COT files of the reports asked for in {source}; {} inputs were skipped",
            summary.skipped.len()
        )));
    }
    say(&format!(
        "{} rows of {} files written to {} ({} partitions; {} rows replaced by newer files)",
        summary.rows,
        summary.files.len(),
        dir.display(),
        summary.parts.len(),
        summary.replaced,
    ));
    crate::output::rows_skipped(summary.rows_skipped, &[]);
    crate::output::skipped(&summary.skipped);
    Ok(())
}

#[cfg(feature = "parquet")]
fn file(a: &ExportArgs, path: &std::path::Path, report: ReportKind) -> Result<(), Failure> {
    let scope = if a.combined || report == ReportKind::Supplemental {
        Scope::Combined
    } else {
        Scope::FuturesOnly
    };
    let source = source(&a.data);
    let mut builder = ReaderBuilder::new().mode(mode(&a.data));
    if let Some(market) = &a.market {
        let codes = market_codes(&source, market, report, scope, mode(&a.data))?;
        builder = builder.filter(Filter::all().with_codes(codes));
    }
    // The archives first, so that a failed download leaves no file.
    source
        .prepare(report, scope)
        .map_err(|e| Failure::from_source(e, &a.data))?;
    // Written whole or not at all: a failed export leaves an earlier file.
    let exported = cftc_cot::export::atomic_write(path, |w| {
        cftc_cot::export::parquet::export_source(&source, &builder, report, scope, w)
    })
    .map_err(|e| Failure::from_source(e, &a.data))?;
    if exported.files.is_empty() {
        return Err(Failure::Message(format!(
            "no {} {scope} files in {source}; {} inputs were skipped",
            report,
            exported.skipped.len()
        )));
    }
    say(&format!(
        "{} rows of {} files written to {}",
        exported.rows,
        exported.files.len(),
        path.display(),
    ));
    crate::output::rows_skipped(exported.rows_skipped, &[]);
    crate::output::skipped(&exported.skipped);
    Ok(())
}

#[cfg(not(feature = "parquet"))]
pub fn run(_: ExportArgs) -> Result<(), Failure> {
    Err("this build of cftc has no Parquet export: install it with `--features cli,parquet`".into())
}
