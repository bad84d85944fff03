//! The command line: the program, its subcommands and the flags they share.
//! Each subcommand's own flags are in its file under `cmd/`.

use std::path::PathBuf;

use cftc_cot::history::Unit;
use cftc_cot::{ReportKind, Scope, TraderGroup};
use clap::{Args, Parser, Subcommand, ValueEnum};

mod cache;
mod commands;

pub use cache::{DownloadArgs, RevisionsArgs, VintagesArgs};
pub use commands::{
    ExportArgs, ExtremesArgs, HistoryArgs, InspectArgs, MarketsArgs, ReconcileArgs, ScreenArgs,
};

#[derive(Parser)]
#[command(
    name = "cftc",
    version,
    about = "The CFTC Commitments of Traders: positioning histories, records and extremes of any market",
    long_about = "The CFTC Commitments of Traders: positioning histories, records and extremes of any \
market, from CFTC's files (downloaded and cached, or a directory of your own).\n\n\
Without --data, CFTC's archives are downloaded into the cache on first use \
(CFTC_COT_CACHE sets the cache, CFTC_COT_BASE_URL a mirror) and read from it afterwards; \
with --source api, CFTC's public-reporting API is asked instead (CFTC_COT_API_URL a mirror, \
CFTC_COT_APP_TOKEN an app token; answers are cached too); with no network and nothing cached, `history` of the Russell 2000 answers from a snapshot \
built into the program and says so.",
    after_help = "Examples:\n  \
cftc history                                   Russell 2000 large speculators, latest week\n  \
cftc history --group leveraged-funds --at 2018-09-11\n  \
cftc history --data DIR --market gold --group managed-money\n  \
cftc history --data DIR --market 10-year --json\n  \
cftc markets --data DIR --search crude\n  \
cftc inspect FILE.zip\n  \
cftc download --report tff\n  \
cftc history --source api --market gold --group managed-money\n  \
cftc reconcile --market \"russell 2000\" --report tff\n  \
cftc history --as-known-at 2019-01-15       what could be known that day\n  \
cftc revisions deacot2019.zip               what CFTC changed between two copies\n  \
cftc extremes flows.csv --weeks 4"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// A market's weekly net positioning history and what it says now
    #[command(after_help = "Examples:\n  \
cftc history\n  \
cftc history --group leveraged-funds --weeks 4 --json\n  \
cftc history --data ../shared/cftc --market gold --group managed-money\n  \
cftc history --data ../shared/cftc --market \"10-year\" --group noncommercial\n  \
cftc history --market 239742 --unit contracts --csv > series.csv\n  \
cftc history --as-known-at 2019-01-15T15:30 --json\n  \
cftc history --align release --series-csv backtest.csv")]
    History(HistoryArgs),
    /// Every market in the data, with the names CFTC printed for it and its dates
    #[command(after_help = "Examples:\n  \
cftc markets --data ../shared/cftc --search gold\n  \
cftc markets --search \"10y\" --report legacy --json")]
    Markets(MarketsArgs),
    /// Every market of a report this week: net, change, records, COT index,
    /// percentile, z-score; which are at an extreme
    #[command(after_help = "Examples:\n  \
cftc screen --data ../shared/cftc --report tff\n  \
cftc screen --report disaggregated --extreme --json\n  \
cftc screen --report legacy --records --csv\n\n\
Exit status: 0, or 3 when --extreme or --records is given and no market matches \
(so a cron job can act on it); 1 on errors.")]
    Screen(ScreenArgs),
    /// Write every record of a report to a Parquet file (feature `parquet`)
    #[command(after_help = "Examples:\n  \
cftc export --data ../shared/cftc --report tff --parquet tff.parquet\n  \
cftc export --data ../shared/cftc --report legacy --combined --parquet legacy_fo.parquet\n\n\
One column per CFTC column, named as in CFTC's header: dates as Date32, contracts as \
Int64, percents as Decimal128(18, 1), codes as text, `.` as null; then `released` (when \
CFTC published the row's report, a UTC timestamp) and `release_estimated`. Files are written \
one at a time (memory holds one file's records); rows are not merged.")]
    Export(ExportArgs),
    /// Compare CFTC's public-reporting API with the archives, field by field
    #[command(after_help = "Examples:\n  \
cftc reconcile --market \"russell 2000\" --report tff\n  \
cftc reconcile --data ../shared/cftc --market 088691 --report legacy --from 2024-01-01 --json\n\n\
Lists the weeks only one side has (per code, first and last date) and every value that \
differs, by CFTC column name. Region codes are the same when the files' 00/01 meet the \
API's CHI/NYC; the API has no quoted code copies, so those are not compared.\n\n\
Exit status: 0 when the two agree, 3 when they differ, 1 on errors.")]
    Reconcile(ReconcileArgs),
    /// Summarise COT files: report, scope, rows, dates, markets, self-checks
    Inspect(InspectArgs),
    /// Fill the cache with CFTC's archives and say what was done
    Download(DownloadArgs),
    /// The copies of each archive the cache has held (its vintages), and
    /// pruning them
    #[command(after_help = "Examples:\n  \
cftc vintages\n  \
cftc vintages deacot2019.zip --json\n  \
cftc vintages --prune 3\n\n\
A copy is kept each time a download brings new content: CFTC rebuilds the current \
year's archives every week and has restated closed years. Identical copies are stored once.")]
    Vintages(VintagesArgs),
    /// What CFTC changed between two copies of an archive
    #[command(after_help = "Examples:\n  \
cftc revisions deacot2019.zip\n  \
cftc revisions deacot2019.zip --from 3f2a --to 41c0 --json\n\n\
Lists the rows (market, week) only one copy has and every value that differs, by CFTC \
column name. Exit status: 0 when the copies agree, 3 when they differ, 1 on errors.")]
    Revisions(RevisionsArgs),
    /// Records and extremes of any `date,value` CSV (weekly flows, short interest, ...)
    Extremes(ExtremesArgs),
}

#[derive(Args)]
pub struct DataArgs {
    /// Read CFTC files (text, zip or Excel) under these files or directories
    /// instead of the cache
    #[arg(long, value_name = "PATH", conflicts_with = "source")]
    pub data: Vec<PathBuf>,
    /// Where records come from without --data: CFTC's yearly archives
    /// (downloaded into the cache) or CFTC's public-reporting API
    /// (CFTC_COT_API_URL sets a mirror, CFTC_COT_APP_TOKEN an app token;
    /// answers are cached too)
    #[arg(long, value_enum, default_value = "archives")]
    pub source: SourceArg,
    /// Use the cache only: no request to CFTC
    #[arg(long)]
    pub offline: bool,
    /// Stop at the first bad row instead of skipping and counting it
    #[arg(long)]
    pub strict: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SourceArg {
    Archives,
    Api,
}

/// How `history` lines up its series.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignArg {
    /// One line per report, at its as-of date.
    AsOf,
    /// One line per Friday: the latest report CFTC had published by 4 pm
    /// New York time that day (for backtests).
    Release,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SortArg {
    Z,
    Index,
    Change,
    Name,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ScopeArg {
    FuturesOnly,
    Combined,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OverlapArg {
    Sum,
    Largest,
}

impl From<ScopeArg> for Scope {
    fn from(s: ScopeArg) -> Scope {
        match s {
            ScopeArg::FuturesOnly => Scope::FuturesOnly,
            ScopeArg::Combined => Scope::Combined,
        }
    }
}

pub fn parse_group(s: &str) -> Result<TraderGroup, String> {
    s.parse().map_err(|_| {
        let names: Vec<&str> = TraderGroup::ALL.iter().map(|g| g.as_str()).collect();
        format!("unknown group (the groups are {})", names.join(", "))
    })
}

pub fn parse_unit(s: &str) -> Result<Unit, String> {
    s.parse()
        .map_err(|_| "unknown unit (emini-equivalents, dollars-per-point, contracts)".to_string())
}

/// A moment for `--as-known-at` ([`cftc_cot::records::calendar::parse_moment`]).
pub fn parse_moment(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    cftc_cot::records::calendar::parse_moment(s)
}

pub fn parse_report(s: &str) -> Result<ReportKind, String> {
    s.parse()
        .map_err(|_| "unknown report (legacy, tff, disaggregated, supplemental)".to_string())
}
