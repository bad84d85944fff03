//! `cftc reconcile`: CFTC's API against the archives, field by field.

use std::path::PathBuf;

use cftc_cot::api::ApiClient;
use cftc_cot::read::{Filter, ReaderBuilder};
use cftc_cot::source::Source;
use cftc_cot::{ReportKind, Scope};
use chrono::NaiveDate;
use clap::Args;

use crate::args::{DataArgs, SourceArg, parse_report};
use crate::failure::Failure;
use crate::output::{json, say};
use crate::sources::{market_codes, mode, source};

#[derive(Args)]
pub struct ReconcileArgs {
    /// The archives: CFTC files under these files or directories (default:
    /// the download cache, filled as needed)
    #[arg(long, value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Use the caches only: no request
    #[arg(long)]
    pub offline: bool,
    /// Stop at the first bad row instead of skipping and counting it
    #[arg(long)]
    pub strict: bool,
    /// The markets: a family (`russell 2000`, `s&p 500`) or contract market
    /// codes, comma-separated
    #[arg(
        long,
        short,
        default_value = "russell 2000",
        value_name = "FAMILY_OR_CODES"
    )]
    pub market: String,
    /// The report
    #[arg(long, value_parser = parse_report, default_value = "tff")]
    pub report: ReportKind,
    /// Futures and options combined (the Supplemental report always is)
    #[arg(long)]
    pub combined: bool,
    /// The first date compared
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<NaiveDate>,
    /// The last date compared
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<NaiveDate>,
    /// Print the reconciliation as JSON
    #[arg(long)]
    pub json: bool,
}

/// Reconciles; `false` when the sources differ.
pub fn run(a: ReconcileArgs) -> Result<bool, Failure> {
    let scope = if a.combined || a.report == ReportKind::Supplemental {
        Scope::Combined
    } else {
        Scope::FuturesOnly
    };
    let data = DataArgs {
        data: a.data.clone(),
        source: SourceArg::Archives,
        offline: a.offline,
        strict: a.strict,
    };
    let archives_source = source(&data);
    let codes = market_codes(&archives_source, &a.market, a.report, scope, mode(&data))?;
    let mut filter = Filter::all().with_codes(codes);
    if let Some(d) = a.from {
        filter = filter.from(d);
    }
    if let Some(d) = a.to {
        filter = filter.to(d);
    }
    let builder = ReaderBuilder::new().mode(mode(&data)).filter(filter);
    let archives = archives_source
        .load(&builder, a.report, scope)
        .map_err(|e| Failure::from_source(e, &data))?;
    let api =
        Source::api(ApiClient::from_env().offline(a.offline)).load(&builder, a.report, scope)?;
    let result =
        cftc_cot::source::reconcile::reconcile(&api.merged.records, &archives.merged.records)
            .named("api", "archives");
    for read in api.read.iter().chain(&archives.read) {
        for w in &read.summary.warnings {
            eprintln!("{}: warning: {w}", read.path.display());
        }
    }
    if a.json {
        json(&result)?;
    } else {
        say(result.to_string().trim_end());
    }
    Ok(result.is_clean())
}
