//! Each subcommand's own flags.

use std::path::PathBuf;

use cftc_cot::history::Unit;
use cftc_cot::{ReportKind, TraderGroup};
use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;

use super::{
    AlignArg, DataArgs, OverlapArg, ScopeArg, SortArg, parse_group, parse_moment, parse_report,
    parse_unit,
};

#[derive(Args)]
#[command(group(clap::ArgGroup::new("output").required(true).args(["parquet", "dataset"])))]
pub struct ExportArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The report (with --dataset: only this one; default all four)
    #[arg(long, value_parser = parse_report, required_unless_present = "dataset")]
    pub report: Option<ReportKind>,
    /// Futures and options combined (the Supplemental report always is; with
    /// --dataset, only the combined scope)
    #[arg(long)]
    pub combined: bool,
    /// The Parquet file to write
    #[arg(long, value_name = "PATH")]
    pub parquet: Option<PathBuf>,
    /// A directory for a Hive-partitioned Parquet dataset
    /// (report=/scope=/year=), every report in one table
    #[arg(long, value_name = "DIR", conflicts_with = "market")]
    pub dataset: Option<PathBuf>,
    /// Only these markets: a family or contract market codes, comma-separated
    /// (with `--source api`, the query; without it the whole dataset)
    #[arg(long, short, value_name = "FAMILY_OR_CODES")]
    pub market: Option<String>,
}

#[derive(Args)]
pub struct ExtremesArgs {
    /// A CSV of `date,value` lines (a header line is allowed)
    pub path: PathBuf,
    /// k, for the k-week changes
    #[arg(long, short = 'k', default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=520))]
    pub weeks: u32,
    /// The date to describe (default: the last)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub at: Option<NaiveDate>,
    /// The indicators' window, in years
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(i64).range(1..=100))]
    pub window_years: i64,
    /// Readings further apart than this many days leave a gap (default: CFTC's weekly cadence)
    #[arg(long, value_parser = clap::value_parser!(i64).range(1..=3660))]
    pub max_days: Option<i64>,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The market: a family (`russell 2000`, `s&p 500`), a contract market
    /// code (`088691`), or any fragment of a name CFTC printed (`gold`,
    /// `10-year`, `crude`)
    #[arg(
        long,
        short,
        default_value = "russell 2000",
        value_name = "TEXT_OR_CODE"
    )]
    pub market: String,
    /// The trader group; it picks the report. Legacy: noncommercial,
    /// commercial, nonreportable. TFF: leveraged-funds, asset-managers,
    /// dealers, other-reportables, tff-nonreportable. Disaggregated:
    /// producer-merchant, swap-dealers, managed-money,
    /// disaggregated-other-reportables, disaggregated-nonreportable.
    /// Supplemental: index-traders, ...
    #[arg(long, short, default_value = "noncommercial", value_parser = parse_group)]
    pub group: TraderGroup,
    /// Futures only, or futures and options combined
    #[arg(long, value_enum, default_value = "futures-only")]
    pub scope: ScopeArg,
    /// The same as --scope combined
    #[arg(long, conflicts_with = "scope")]
    pub combined: bool,
    /// The unit: emini-equivalents, dollars-per-point or contracts (default:
    /// E-mini equivalents for a family, contracts for a single code whose
    /// size is not in the registry)
    #[arg(long, value_parser = parse_unit)]
    pub unit: Option<Unit>,
    /// The date of the reading to describe (default: the latest)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub at: Option<NaiveDate>,
    /// Answer as it could be given at this moment: only the reports CFTC
    /// had published by then (YYYY-MM-DD for the end of that day in New
    /// York, YYYY-MM-DDTHH:MM New York time, or RFC 3339 with an offset)
    #[arg(long, value_name = "MOMENT", value_parser = parse_moment)]
    pub as_known_at: Option<DateTime<Utc>>,
    /// k, for the k-week changes and swings
    #[arg(long, short = 'k', default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=520))]
    pub weeks: u32,
    /// The trailing window of the COT index, percentile and z-score, in years
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(i64).range(1..=100))]
    pub window_years: i64,
    /// Two member contracts in one week: add them, or keep the larger
    #[arg(long, value_enum, default_value = "sum")]
    pub overlap: OverlapArg,
    /// Add the Micro E-mini to the Russell 2000
    #[arg(long)]
    pub with_micro: bool,
    /// How many of the largest swings to list
    #[arg(long, default_value_t = 10)]
    pub swings: usize,
    /// Fail when CFTC's files cannot be had, instead of answering (and
    /// saying so on stderr and in every output) from the snapshot built
    /// into cftc
    #[arg(long)]
    pub no_snapshot: bool,
    /// Print the report as one JSON object
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print the weekly series as CSV instead of the report
    #[arg(long)]
    pub csv: bool,
    /// Also write the weekly series as CSV to this file
    #[arg(long, value_name = "PATH")]
    pub series_csv: Option<PathBuf>,
    /// Also write the weekly series to this Parquet file (feature `parquet`)
    #[arg(long, value_name = "PATH")]
    pub parquet: Option<PathBuf>,
    /// Line the series up (`--csv`, `--series-csv`, `--parquet`) by as-of
    /// date, or by release: each Friday, the latest week CFTC had
    /// published by 4 pm New York time (what a backtest could have known)
    #[arg(long, value_enum, default_value = "as-of")]
    pub align: AlignArg,
    /// Also draw the history as an SVG chart into this file: the net
    /// position with its records, extremes, gaps and contract changes, and
    /// the COT index
    #[arg(long, value_name = "PATH.svg")]
    pub chart: Option<PathBuf>,
}

#[derive(Args)]
pub struct InspectArgs {
    /// CFTC files: text, zip or Excel
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The scope of legacy files whose name does not say it
    #[arg(long, value_enum)]
    pub scope: Option<ScopeArg>,
    /// One JSON object per file
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct MarketsArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Only markets with a name (or code) matching this, case-insensitively
    #[arg(long, short)]
    pub search: Option<String>,
    /// Only markets of this report
    #[arg(long, value_parser = parse_report)]
    pub report: Option<ReportKind>,
    /// The directory as it could be known at this moment: only the reports
    /// CFTC had published by then (reads every file)
    #[arg(long, value_name = "MOMENT", value_parser = parse_moment)]
    pub as_known_at: Option<DateTime<Utc>>,
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
}

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

#[derive(Args)]
pub struct ScreenArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The report
    #[arg(long, value_parser = parse_report, default_value = "legacy")]
    pub report: ReportKind,
    /// The trader group (default: noncommercial for legacy, leveraged-funds
    /// for TFF, managed-money for Disaggregated, index-traders for
    /// Supplemental)
    #[arg(long, short, value_parser = parse_group)]
    pub group: Option<TraderGroup>,
    /// Futures and options combined (the Supplemental report always is)
    #[arg(long)]
    pub combined: bool,
    /// The date (default: the report's latest in the data)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub at: Option<NaiveDate>,
    /// Answer as it could be given at this moment: only the reports CFTC
    /// had published by then (YYYY-MM-DD for the end of that day in New
    /// York, YYYY-MM-DDTHH:MM New York time, or RFC 3339 with an offset)
    #[arg(long, value_name = "MOMENT", value_parser = parse_moment)]
    pub as_known_at: Option<DateTime<Utc>>,
    /// k, for the k-week changes
    #[arg(long, short = 'k', default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=520))]
    pub weeks: u32,
    /// The indicators' window, in years
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(i64).range(1..=100))]
    pub window_years: i64,
    /// Only markets at the top or bottom of their window: COT index within
    /// MARGIN points of 100 or 0
    #[arg(long, value_name = "MARGIN", num_args = 0..=1, default_missing_value = "0")]
    pub extreme: Option<f64>,
    /// Only markets whose k-week change is a record rise or fall
    #[arg(long)]
    pub records: bool,
    /// Sort by: z (size of the z-score, the default), index, change, name
    #[arg(long, value_enum, default_value = "z")]
    pub sort: SortArg,
    /// At most this many markets
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print a JSON array
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV
    #[arg(long)]
    pub csv: bool,
}
