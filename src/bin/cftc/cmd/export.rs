//! `cftc export`: every record of a report to a Parquet file.

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
    let scope = if a.combined || a.report == ReportKind::Supplemental {
        Scope::Combined
    } else {
        Scope::FuturesOnly
    };
    let source = source(&a.data);
    let mut builder = ReaderBuilder::new().mode(mode(&a.data));
    if let Some(market) = &a.market {
        let codes = market_codes(&source, market, a.report, scope, mode(&a.data))?;
        builder = builder.filter(Filter::all().with_codes(codes));
    }
    // The archives first, so that a failed download leaves no file.
    source
        .prepare(a.report, scope)
        .map_err(|e| Failure::from_source(e, &a.data))?;
    // Written whole or not at all: a failed export leaves an earlier file.
    let exported = cftc_cot::export::atomic_write(&a.parquet, |w| {
        cftc_cot::export::parquet::export_source(&source, &builder, a.report, scope, w)
    })
    .map_err(|e| Failure::from_source(e, &a.data))?;
    if exported.files.is_empty() {
        return Err(Failure::Message(format!(
            "no {} {scope} files in {source}; {} inputs were skipped",
            a.report,
            exported.skipped.len()
        )));
    }
    say(&format!(
        "{} rows of {} files written to {}",
        exported.rows,
        exported.files.len(),
        a.parquet.display(),
    ));
    crate::output::rows_skipped(exported.rows_skipped, &[]);
    crate::output::skipped(&exported.skipped);
    Ok(())
}

#[cfg(not(feature = "parquet"))]
pub fn run(_: ExportArgs) -> Result<(), Failure> {
    Err("this build of cftc has no Parquet export: install it with `--features cli,parquet`".into())
}
