//! `cftc`: the CFTC Commitments of Traders on the command line.
//!
//! A thin program over the `cftc_cot` library: it parses flags, picks a
//! source (files, the cache, the embedded snapshot), calls the library and
//! prints. See `cftc --help`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use cftc_cot::TraderGroup;
use cftc_cot::api::{ApiClient, Dataset, Query};
use cftc_cot::history::analytics::{Cadence, Series, SeriesReport, Window};
use cftc_cot::history::study::{Study, write_skipped};
use cftc_cot::history::{OverlapPolicy, Unit};
use cftc_cot::read::{Filter, Mode, ReaderBuilder};
use cftc_cot::records::ContractMarketCode;
use cftc_cot::records::registry::Family;
use cftc_cot::source::Source;
use cftc_cot::source::directory::{Directory, Resolved};
use cftc_cot::source::download::{Archive, Downloader, ProgressEvent, first_year};
use cftc_cot::{ReportKind, Scope};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Parser, Subcommand, ValueEnum};

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
cftc extremes flows.csv --weeks 4"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// A market's weekly net positioning history and what it says now
    #[command(after_help = "Examples:\n  \
cftc history\n  \
cftc history --group leveraged-funds --weeks 4 --json\n  \
cftc history --data ../shared/cftc --market gold --group managed-money\n  \
cftc history --data ../shared/cftc --market \"10-year\" --group noncommercial\n  \
cftc history --market 239742 --unit contracts --csv > series.csv")]
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
Int64, percents as Decimal128(18, 1), codes as text, `.` as null. Files are written one at \
a time (memory holds one file's records); rows are not merged.")]
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
    /// Records and extremes of any `date,value` CSV (weekly flows, short interest, ...)
    Extremes(ExtremesArgs),
}

#[derive(Args)]
struct DataArgs {
    /// Read CFTC files (text, zip or Excel) under these files or directories
    /// instead of the cache
    #[arg(long, value_name = "PATH", conflicts_with = "source")]
    data: Vec<PathBuf>,
    /// Where records come from without --data: CFTC's yearly archives
    /// (downloaded into the cache) or CFTC's public-reporting API
    /// (CFTC_COT_API_URL sets a mirror, CFTC_COT_APP_TOKEN an app token;
    /// answers are cached too)
    #[arg(long, value_enum, default_value = "archives")]
    source: SourceArg,
    /// Use the cache only: no request to CFTC
    #[arg(long)]
    offline: bool,
    /// Stop at the first bad row instead of skipping and counting it
    #[arg(long)]
    strict: bool,
}

#[derive(Args)]
struct HistoryArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The market: a family (`russell 2000`, `s&p 500`), a contract market
    /// code (`088691`), or any fragment of a name CFTC printed (`gold`,
    /// `10-year`, `crude`)
    #[arg(
        long,
        short,
        default_value = "russell 2000",
        value_name = "TEXT_OR_CODE"
    )]
    market: String,
    /// The trader group; it picks the report. Legacy: noncommercial,
    /// commercial, nonreportable. TFF: leveraged-funds, asset-managers,
    /// dealers, other-reportables, tff-nonreportable. Disaggregated:
    /// producer-merchant, swap-dealers, managed-money,
    /// disaggregated-other-reportables, disaggregated-nonreportable.
    /// Supplemental: index-traders, ...
    #[arg(long, short, default_value = "noncommercial", value_parser = parse_group)]
    group: TraderGroup,
    /// Futures only, or futures and options combined
    #[arg(long, value_enum, default_value = "futures-only")]
    scope: ScopeArg,
    /// The same as --scope combined
    #[arg(long, conflicts_with = "scope")]
    combined: bool,
    /// The unit: emini-equivalents, dollars-per-point or contracts (default:
    /// E-mini equivalents for a family, contracts for a single code whose
    /// size is not in the registry)
    #[arg(long, value_parser = parse_unit)]
    unit: Option<Unit>,
    /// The date of the reading to describe (default: the latest)
    #[arg(long, value_name = "YYYY-MM-DD")]
    at: Option<NaiveDate>,
    /// k, for the k-week changes and swings
    #[arg(long, short = 'k', default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=520))]
    weeks: u32,
    /// The trailing window of the COT index, percentile and z-score, in years
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(i64).range(1..=100))]
    window_years: i64,
    /// Two member contracts in one week: add them, or keep the larger
    #[arg(long, value_enum, default_value = "sum")]
    overlap: OverlapArg,
    /// Add the Micro E-mini to the Russell 2000
    #[arg(long)]
    with_micro: bool,
    /// How many of the largest swings to list
    #[arg(long, default_value_t = 10)]
    swings: usize,
    /// Print the report as one JSON object
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print the weekly series as CSV instead of the report
    #[arg(long)]
    csv: bool,
    /// Also write the weekly series as CSV to this file
    #[arg(long, value_name = "PATH")]
    series_csv: Option<PathBuf>,
    /// Also write the weekly series to this Parquet file (feature `parquet`)
    #[arg(long, value_name = "PATH")]
    parquet: Option<PathBuf>,
    /// Also draw the history as an SVG chart into this file: the net
    /// position with its records, extremes, gaps and contract changes, and
    /// the COT index
    #[arg(long, value_name = "PATH.svg")]
    chart: Option<PathBuf>,
}

#[derive(Args)]
struct MarketsArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Only markets with a name (or code) matching this, case-insensitively
    #[arg(long, short)]
    search: Option<String>,
    /// Only markets of this report
    #[arg(long, value_parser = parse_report)]
    report: Option<ReportKind>,
    /// Print a JSON array
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ScreenArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The report
    #[arg(long, value_parser = parse_report, default_value = "legacy")]
    report: ReportKind,
    /// The trader group (default: noncommercial for legacy, leveraged-funds
    /// for TFF, managed-money for Disaggregated, index-traders for
    /// Supplemental)
    #[arg(long, short, value_parser = parse_group)]
    group: Option<TraderGroup>,
    /// Futures and options combined (the Supplemental report always is)
    #[arg(long)]
    combined: bool,
    /// The date (default: the report's latest in the data)
    #[arg(long, value_name = "YYYY-MM-DD")]
    at: Option<NaiveDate>,
    /// k, for the k-week changes
    #[arg(long, short = 'k', default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=520))]
    weeks: u32,
    /// The indicators' window, in years
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(i64).range(1..=100))]
    window_years: i64,
    /// Only markets at the top or bottom of their window: COT index within
    /// MARGIN points of 100 or 0
    #[arg(long, value_name = "MARGIN", num_args = 0..=1, default_missing_value = "0")]
    extreme: Option<f64>,
    /// Only markets whose k-week change is a record rise or fall
    #[arg(long)]
    records: bool,
    /// Sort by: z (size of the z-score, the default), index, change, name
    #[arg(long, value_enum, default_value = "z")]
    sort: SortArg,
    /// At most this many markets
    #[arg(long)]
    limit: Option<usize>,
    /// Print a JSON array
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV
    #[arg(long)]
    csv: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SourceArg {
    Archives,
    Api,
}

#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    Z,
    Index,
    Change,
    Name,
}

#[derive(Args)]
struct ExportArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The report
    #[arg(long, value_parser = parse_report)]
    report: ReportKind,
    /// Futures and options combined (the Supplemental report always is)
    #[arg(long)]
    combined: bool,
    /// The Parquet file to write
    #[arg(long, value_name = "PATH")]
    parquet: PathBuf,
    /// Only these markets: a family or contract market codes, comma-separated
    /// (with `--source api`, the query; without it the whole dataset)
    #[arg(long, short, value_name = "FAMILY_OR_CODES")]
    market: Option<String>,
}

#[derive(Args)]
struct ReconcileArgs {
    /// The archives: CFTC files under these files or directories (default:
    /// the download cache, filled as needed)
    #[arg(long, value_name = "PATH")]
    data: Vec<PathBuf>,
    /// Use the caches only: no request
    #[arg(long)]
    offline: bool,
    /// Stop at the first bad row instead of skipping and counting it
    #[arg(long)]
    strict: bool,
    /// The markets: a family (`russell 2000`, `s&p 500`) or contract market
    /// codes, comma-separated
    #[arg(
        long,
        short,
        default_value = "russell 2000",
        value_name = "FAMILY_OR_CODES"
    )]
    market: String,
    /// The report
    #[arg(long, value_parser = parse_report, default_value = "tff")]
    report: ReportKind,
    /// Futures and options combined (the Supplemental report always is)
    #[arg(long)]
    combined: bool,
    /// The first date compared
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<NaiveDate>,
    /// The last date compared
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<NaiveDate>,
    /// Print the reconciliation as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct InspectArgs {
    /// CFTC files: text, zip or Excel
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The scope of legacy files whose name does not say it
    #[arg(long, value_enum)]
    scope: Option<ScopeArg>,
    /// One JSON object per file
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct DownloadArgs {
    /// The reports (default: legacy and TFF)
    #[arg(long, value_parser = parse_report)]
    report: Vec<ReportKind>,
    /// Futures and options combined instead of futures only
    #[arg(long)]
    combined: bool,
    /// The first year (default: the report's first archive)
    #[arg(long)]
    from: Option<i32>,
    /// The last year (default: this year)
    #[arg(long)]
    to: Option<i32>,
    /// Use the cache only and say what is missing
    #[arg(long)]
    offline: bool,
    /// The cache directory (default: CFTC_COT_CACHE or the platform's)
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
}

#[derive(Args)]
struct ExtremesArgs {
    /// A CSV of `date,value` lines (a header line is allowed)
    path: PathBuf,
    /// k, for the k-week changes
    #[arg(long, short = 'k', default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=520))]
    weeks: u32,
    /// The date to describe (default: the last)
    #[arg(long, value_name = "YYYY-MM-DD")]
    at: Option<NaiveDate>,
    /// The indicators' window, in years
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(i64).range(1..=100))]
    window_years: i64,
    /// Readings further apart than this many days leave a gap (default: CFTC's weekly cadence)
    #[arg(long, value_parser = clap::value_parser!(i64).range(1..=3660))]
    max_days: Option<i64>,
    /// Print one JSON object
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScopeArg {
    FuturesOnly,
    Combined,
}

impl From<ScopeArg> for Scope {
    fn from(s: ScopeArg) -> Scope {
        match s {
            ScopeArg::FuturesOnly => Scope::FuturesOnly,
            ScopeArg::Combined => Scope::Combined,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum OverlapArg {
    Sum,
    Largest,
}

fn parse_group(s: &str) -> Result<TraderGroup, String> {
    s.parse().map_err(|_| {
        let names: Vec<&str> = TraderGroup::ALL.iter().map(|g| g.as_str()).collect();
        format!("unknown group (the groups are {})", names.join(", "))
    })
}

fn parse_unit(s: &str) -> Result<Unit, String> {
    s.parse()
        .map_err(|_| "unknown unit (emini-equivalents, dollars-per-point, contracts)".to_string())
}

fn parse_report(s: &str) -> Result<ReportKind, String> {
    s.parse()
        .map_err(|_| "unknown report (legacy, tff, disaggregated, supplemental)".to_string())
}

/// An error for the user: what went wrong and what to do.
type Failure = String;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::History(a) => history(a),
        Command::Markets(a) => markets(a),
        Command::Screen(a) => match screen(a) {
            Ok(true) => Ok(()),
            // A filter matched nothing: exit status 3, for cron jobs.
            Ok(false) => return ExitCode::from(3),
            Err(e) => Err(e),
        },
        Command::Export(a) => export(a),
        Command::Reconcile(a) => match reconcile(a) {
            Ok(true) => Ok(()),
            // The sources differ: exit status 3, for cron jobs.
            Ok(false) => return ExitCode::from(3),
            Err(e) => Err(e),
        },
        Command::Inspect(a) => inspect(a),
        Command::Download(a) => download(a),
        Command::Extremes(a) => extremes(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cftc: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints to stdout; a closed pipe (`| head`) ends the program quietly.
fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").and_then(|()| out.flush()).is_err() {
        std::process::exit(0);
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    say(&serde_json::to_string(value).map_err(|e| e.to_string())?);
    Ok(())
}

/// The downloader the environment asks for, with a line per archive on a
/// terminal's stderr.
fn downloader(offline: bool) -> Downloader {
    let d = Downloader::from_env().offline(offline);
    if !std::io::stderr().is_terminal() {
        return d;
    }
    d.progress(|e: &ProgressEvent<'_>| match e {
        ProgressEvent::Finished { archive, outcome } => {
            eprintln!("  {:32} {outcome}", archive.file_name());
        }
        ProgressEvent::Failed { archive, error } => {
            eprintln!("  {:32} {error}", archive.file_name());
        }
        _ => {}
    })
}

fn source(data: &DataArgs) -> Source {
    if !data.data.is_empty() {
        Source::paths(data.data.clone())
    } else if data.source == SourceArg::Api {
        Source::api(ApiClient::from_env().offline(data.offline))
    } else {
        Source::cache(downloader(data.offline))
    }
}

/// A market for the API: a code as given, or the code whose name matches
/// the text in the dataset's last 400 days (the one with the most rows),
/// with its name and a line on what else matched.
fn api_market(
    text: &str,
    kind: ReportKind,
    scope: Scope,
    data: &DataArgs,
) -> Result<(ContractMarketCode, String, Option<String>), Failure> {
    let dataset = Dataset::new(kind, scope)
        .ok_or_else(|| format!("CFTC's API has no {} {scope} dataset", kind.title()))?;
    let client = ApiClient::from_env().offline(data.offline);
    let since = Downloader::new().current_date() - chrono::Duration::days(400);
    let (query, code) = match text.trim().parse::<ContractMarketCode>() {
        Ok(code) => (Query::new().codes([code]).from(since), Some(code)),
        Err(_) => (Query::new().name_contains(text).from(since), None),
    };
    let read = client
        .fetch(dataset, &query, mode(data))
        .map_err(|e| with_next_steps(e, data))?;
    let mut seen: Vec<(ContractMarketCode, String, usize)> = Vec::new();
    for row in &read.rows {
        let m = row.record.market();
        match seen.iter_mut().find(|(c, _, _)| *c == m.code) {
            Some(entry) => entry.2 += 1,
            None => seen.push((m.code, m.contract_name().to_string(), 1)),
        }
    }
    seen.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let Some((best, name, _)) = seen.first().cloned() else {
        return Err(match code {
            Some(code) => format!("{code} has no rows in {dataset} since {since}"),
            None => format!("no market named like {text:?} in {dataset} since {since}"),
        });
    };
    let note = (seen.len() > 1).then(|| {
        let others: Vec<String> = seen
            .iter()
            .skip(1)
            .take(6)
            .map(|(c, n, _)| format!("{c} {n}"))
            .collect();
        format!(
            "{text:?} is {best} {name}; it also matches {}; pass --market CODE for another.",
            others.join(", ")
        )
    });
    Ok((best, name, note))
}

fn mode(data: &DataArgs) -> Mode {
    if data.strict {
        Mode::Strict
    } else {
        Mode::Lenient
    }
}

/// The families the registry names, by the words users type.
fn family_named(text: &str, with_micro: bool) -> Option<Family> {
    let key: String = text
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '&')
        .collect();
    match key.as_str() {
        "russell" | "russell2000" | "rty" | "r2000" | "r2k" if with_micro => {
            Some(Family::russell_2000_with_micro())
        }
        "russell" | "russell2000" | "rty" | "r2000" | "r2k" => Some(Family::russell_2000()),
        "s&p" | "s&p500" | "sp500" | "spx" | "es" => Some(Family::sp_500()),
        _ => None,
    }
}

fn history(a: HistoryArgs) -> Result<(), Failure> {
    let scope = if a.combined {
        Scope::Combined
    } else {
        a.scope.into()
    };
    let source = source(&a.data);
    let mode = mode(&a.data);
    let family = family_named(&a.market, a.with_micro);
    let (study, notice) = match family {
        Some(family) => (Study::new(family), None),
        None if a.data.data.is_empty() && a.data.source == SourceArg::Api => {
            let (code, name, note) = api_market(&a.market, a.group.report(), scope, &a.data)?;
            (Study::of_code(code, &name), note)
        }
        None => {
            // Any other market: a directory of every code and name in the
            // data (the cache after fetching the group's report), then the
            // best match in the group's report; the history is read by code.
            let kind = a.group.report();
            source
                .prepare(kind, scope)
                .map_err(|e| with_next_steps(e, &a.data))?;
            let (directory, _) = Directory::from_source(&source, mode).map_err(hinted)?;
            let resolved = directory.resolve(&a.market, kind, scope).map_err(hinted)?;
            let study = Study::of_code(
                resolved.best.market.code,
                &resolved.best.market.short_name(),
            );
            (study, match_notice(&a.market, &resolved))
        }
    };
    let mut study = study
        .group(a.group)
        .scope(scope)
        .weeks(a.weeks)
        .window(Window::years(a.window_years))
        .overlap(match a.overlap {
            OverlapArg::Sum => OverlapPolicy::Sum,
            OverlapArg::Largest => OverlapPolicy::LargestOpenInterest,
        })
        .at(a.at)
        .swings(a.swings);
    if let Some(unit) = a.unit {
        study = study.unit(unit);
    }
    let (history, mut report) = if a.data.data.is_empty() {
        study.run_or_embedded(&source, mode)
    } else {
        study.run(&source, mode)
    }
    .map_err(|e| with_next_steps(e, &a.data))?;
    if notice.is_some() {
        report.notice = notice;
    }
    if let Some(path) = &a.series_csv {
        let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        history
            .write_csv(std::io::BufWriter::new(file), &path.display().to_string())
            .map_err(hinted)?;
    }
    if let Some(path) = &a.chart {
        cftc_cot::export::chart::write_history_svg(path, &history, &report).map_err(hinted)?;
    }
    if let Some(path) = &a.parquet {
        write_history_parquet(path, &history)?;
    }
    if a.csv {
        let mut text = Vec::new();
        history.write_csv(&mut text, "stdout").map_err(hinted)?;
        say(String::from_utf8_lossy(&text).trim_end());
        return Ok(());
    }
    if a.json {
        if let Some(notice) = &report.notice {
            eprintln!("{notice}");
        }
        return json(&report);
    }
    say(report.to_string().trim_end());
    Ok(())
}

/// What a name matched, when it is worth a line: other markets matched
/// too, or the names cover part of the code's history.
fn match_notice(query: &str, resolved: &Resolved) -> Option<String> {
    let best = &resolved.best;
    let mut text = Vec::new();
    if best.market.code.as_str() != query.trim().to_ascii_uppercase() {
        text.push(format!(
            "{query:?} is {} {} (the match with the most reports)",
            best.market.code,
            best.market.names.last().map_or("", String::as_str)
        ));
    }
    if !resolved.others.is_empty() {
        let others: Vec<String> = resolved
            .others
            .iter()
            .take(6)
            .map(|m| format!("{} {}", m.market.code, m.market.short_name()))
            .collect();
        let more = resolved.others.len().saturating_sub(others.len());
        text.push(format!(
            "it also matches {}{}; pass --market CODE for another",
            others.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    if let Some(note) = &best.note {
        text.push(note.clone());
    }
    (!text.is_empty()).then(|| text.join("; ") + ".")
}

#[cfg(feature = "parquet")]
fn write_history_parquet(
    path: &std::path::Path,
    history: &cftc_cot::history::History,
) -> Result<(), Failure> {
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    cftc_cot::export::parquet::write_history_parquet(std::io::BufWriter::new(file), history)
        .map_err(hinted)
}

#[cfg(not(feature = "parquet"))]
fn write_history_parquet(
    _: &std::path::Path,
    _: &cftc_cot::history::History,
) -> Result<(), Failure> {
    Err("this build of cftc has no Parquet export: install it with `--features cli,parquet`".into())
}

fn with_next_steps(e: cftc_cot::Error, data: &DataArgs) -> Failure {
    if data.data.is_empty() && data.source == SourceArg::Api && e.is_unreachable() {
        return format!(
            "{e}. For fresh data: run again when CFTC's API can be reached; or set \
             CFTC_COT_API_URL to a mirror of it; or leave out --source api to read CFTC's \
             archives; --offline answers from the cache alone"
        );
    }
    if data.data.is_empty() && e.is_unreachable() {
        format!("{e}. {NEXT_STEPS}")
    } else {
        hinted(e)
    }
}

/// The library's sentence, and what to type about it.
fn hinted(e: cftc_cot::Error) -> Failure {
    use cftc_cot::ErrorKind;
    let hint = match e.kind() {
        ErrorKind::UnknownMarket { former_names, .. } if !former_names.is_empty() => {
            "; pass --market CODE to use one"
        }
        ErrorKind::UnknownMarket { elsewhere, .. } if elsewhere.is_empty() => {
            "; list the markets with `markets --search TEXT`"
        }
        ErrorKind::MixedContracts { .. } => {
            "; count them with --unit emini or --unit dollars, or keep the larger contract with --overlap largest"
        }
        ErrorKind::UnitNeedsSize { .. } => "; pass --unit contracts",
        _ => "",
    };
    format!("{e}{hint}")
}

/// What to do when CFTC cannot be reached, in the CLI's words.
const NEXT_STEPS: &str = "For fresh data: run again when CFTC's site can be reached; or set \
CFTC_COT_BASE_URL to a mirror of its history archives; or pass --data DIR with CFTC's files \
(text, zip or Excel); --offline answers from the cache alone";

fn markets(a: MarketsArgs) -> Result<(), Failure> {
    let source = source(&a.data);
    let (directory, skipped) = Directory::from_source(&source, mode(&a.data)).map_err(hinted)?;
    if directory.is_empty() {
        let mut text = format!("no COT files in {source}");
        if a.data.data.is_empty() {
            text.push_str(
                "; fill the cache with `cftc download` (or a mirror in CFTC_COT_BASE_URL), or pass --data DIR with CFTC's files",
            );
        }
        return Err(text);
    }
    let keep = |reports: &[ReportKind]| a.report.is_none_or(|r| reports.contains(&r));
    if let Some(query) = &a.search {
        let found: Vec<_> = directory
            .search(query)
            .into_iter()
            .filter(|m| keep(&m.market.reports))
            .collect();
        if a.json {
            return json(&found);
        }
        if found.is_empty() {
            return Err(format!(
                "no market matching {query:?} among the {} codes of {source}",
                directory.len()
            ));
        }
        for m in &found {
            say(&m.market.to_string());
            if let Some(note) = &m.note {
                say(&format!("    note: {note}"));
            }
        }
        return Ok(());
    }
    let all: Vec<_> = directory
        .markets()
        .into_iter()
        .filter(|m| keep(&m.reports))
        .collect();
    if a.json {
        return json(&all);
    }
    for m in &all {
        say(&m.to_string());
    }
    let mut text = String::new();
    let _ = write_skipped(&mut text, &skipped);
    if !text.is_empty() {
        eprint!("{text}");
    }
    Ok(())
}

#[cfg(feature = "parquet")]
fn export(a: ExportArgs) -> Result<(), Failure> {
    let scope = if a.combined || a.report == ReportKind::Supplemental {
        Scope::Combined
    } else {
        Scope::FuturesOnly
    };
    let source = source(&a.data);
    let mut builder = ReaderBuilder::new().mode(mode(&a.data));
    if let Some(market) = &a.market {
        builder = builder.filter(Filter::all().with_codes(market_codes(market)?));
    }
    if a.data.data.is_empty() && a.data.source == SourceArg::Api {
        // The API is one answer, not files: load it and write its records.
        let loaded = source
            .load(&builder, a.report, scope)
            .map_err(|e| with_next_steps(e, &a.data))?;
        let file = std::fs::File::create(&a.parquet)
            .map_err(|e| format!("{}: {e}", a.parquet.display()))?;
        let mut writer =
            cftc_cot::export::parquet::ParquetWriter::new(std::io::BufWriter::new(file), a.report)
                .map_err(hinted)?;
        writer.write(&loaded.merged.records).map_err(hinted)?;
        let rows = writer.finish().map_err(hinted)?;
        say(&format!(
            "{rows} rows from {} written to {}",
            loaded.source,
            a.parquet.display()
        ));
        return Ok(());
    }
    if a.data.data.is_empty() {
        source
            .prepare(a.report, scope)
            .map_err(|e| with_next_steps(e, &a.data))?;
    }
    let file =
        std::fs::File::create(&a.parquet).map_err(|e| format!("{}: {e}", a.parquet.display()))?;
    let exported = cftc_cot::export::parquet::export_source(
        &source,
        &builder,
        a.report,
        scope,
        std::io::BufWriter::new(file),
    )
    .map_err(hinted)?;
    if exported.files.is_empty() {
        return Err(format!(
            "no {} {scope} files in {source}; {} inputs were skipped",
            a.report,
            exported.skipped.len()
        ));
    }
    say(&format!(
        "{} rows of {} files written to {}{}",
        exported.rows,
        exported.files.len(),
        a.parquet.display(),
        if exported.rows_skipped > 0 {
            format!(
                "; {} unreadable rows skipped (--strict stops at the first)",
                exported.rows_skipped
            )
        } else {
            String::new()
        }
    ));
    let mut text = String::new();
    let _ = write_skipped(&mut text, &exported.skipped);
    if !text.is_empty() {
        eprint!("{text}");
    }
    Ok(())
}

#[cfg(not(feature = "parquet"))]
fn export(_: ExportArgs) -> Result<(), Failure> {
    Err("this build of cftc has no Parquet export: install it with `--features cli,parquet`".into())
}

/// The codes a `--market` names: a family, or codes separated by commas.
fn market_codes(text: &str) -> Result<Vec<ContractMarketCode>, Failure> {
    if let Some(family) = family_named(text, true) {
        return Ok(family.codes());
    }
    text.split(',')
        .map(|c| {
            c.trim().parse::<ContractMarketCode>().map_err(|_| {
                format!("{c:?} is not a contract market code (6 letters or digits) nor a family (russell 2000, s&p 500)")
            })
        })
        .collect()
}

/// Reconciles; `false` when the sources differ.
fn reconcile(a: ReconcileArgs) -> Result<bool, Failure> {
    let scope = if a.combined || a.report == ReportKind::Supplemental {
        Scope::Combined
    } else {
        Scope::FuturesOnly
    };
    let mut filter = Filter::all().with_codes(market_codes(&a.market)?);
    if let Some(d) = a.from {
        filter = filter.from(d);
    }
    if let Some(d) = a.to {
        filter = filter.to(d);
    }
    let data = DataArgs {
        data: a.data.clone(),
        source: SourceArg::Archives,
        offline: a.offline,
        strict: a.strict,
    };
    let builder = ReaderBuilder::new().mode(mode(&data)).filter(filter);
    let archives = source(&data)
        .load(&builder, a.report, scope)
        .map_err(|e| with_next_steps(e, &data))?;
    let api = Source::api(ApiClient::from_env().offline(a.offline))
        .load(&builder, a.report, scope)
        .map_err(hinted)?;
    let result =
        cftc_cot::source::reconcile::reconcile(&api.merged.records, &archives.merged.records)
            .named("api", "archives");
    for read in api.read.iter().chain(&archives.read) {
        for w in &read.report.warnings {
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

/// Runs a screen; `false` when a filter was given and nothing matched.
fn screen(a: ScreenArgs) -> Result<bool, Failure> {
    use cftc_cot::history::screen::ScreenOptions;
    let mut options = ScreenOptions::new(a.report);
    if let Some(group) = a.group {
        options.group = group;
    }
    if a.combined {
        options.scope = Scope::Combined;
    }
    options.at = a.at;
    options.weeks = a.weeks;
    options.window = Window::years(a.window_years);
    let source = source(&a.data);
    let loaded = source
        .load(
            &ReaderBuilder::new().mode(mode(&a.data)),
            options.report,
            options.scope,
        )
        .map_err(|e| with_next_steps(e, &a.data))?;
    if loaded.read.is_empty() {
        return Err(format!(
            "no {} {} files in {}",
            options.report, options.scope, loaded.source
        ));
    }
    let mut rows =
        cftc_cot::history::screen::screen(&loaded.merged.records, &options).map_err(hinted)?;
    let filtered = a.extreme.is_some() || a.records;
    if let Some(margin) = a.extreme {
        rows.retain(|r| r.at_extreme(margin));
    }
    if a.records {
        rows.retain(|r| r.is_record());
    }
    match a.sort {
        SortArg::Z => {}
        SortArg::Index => rows.sort_by(|x, y| {
            y.cot_index
                .unwrap_or(-1.0)
                .total_cmp(&x.cot_index.unwrap_or(-1.0))
        }),
        SortArg::Change => rows.sort_by(|x, y| {
            let size = |r: &cftc_cot::history::screen::ScreenRow| r.change.map_or(-1.0, f64::abs);
            size(y).total_cmp(&size(x))
        }),
        SortArg::Name => rows.sort_by(|x, y| x.name.cmp(&y.name)),
    }
    if let Some(n) = a.limit {
        rows.truncate(n);
    }
    if a.json {
        json(&rows)?;
    } else if a.csv {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in &rows {
            w.serialize(r).map_err(|e| e.to_string())?;
        }
        let bytes = w.into_inner().map_err(|e| e.to_string())?;
        say(String::from_utf8_lossy(&bytes).trim_end());
    } else {
        let date = rows.first().map_or(String::new(), |r| r.date.to_string());
        say(&format!(
            "{} markets, {} {}, {} on {date}",
            rows.len(),
            options.report,
            options.scope,
            options.group
        ));
        say(cftc_cot::history::screen::Table(&rows)
            .to_string()
            .trim_end());
    }
    Ok(!filtered || !rows.is_empty())
}

fn inspect(a: InspectArgs) -> Result<(), Failure> {
    let mut builder = ReaderBuilder::new();
    if let Some(scope) = a.scope {
        builder = builder.scope(scope.into());
    }
    let mut failed = 0;
    for path in &a.paths {
        match cftc_cot::read::inspect::inspect(path, &builder) {
            Ok(summary) if a.json => json(&summary)?,
            Ok(summary) => say(&summary.to_string()),
            Err(e) => {
                eprintln!("cftc: {e}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        return Err(format!(
            "{failed} of {} files could not be read",
            a.paths.len()
        ));
    }
    Ok(())
}

fn download(a: DownloadArgs) -> Result<(), Failure> {
    let mut d = downloader(a.offline);
    if let Some(dir) = &a.cache {
        d = d.cache_dir(dir);
    }
    let reports = if a.report.is_empty() {
        vec![ReportKind::Legacy, ReportKind::Tff]
    } else {
        a.report.clone()
    };
    let scope = if a.combined {
        Scope::Combined
    } else {
        Scope::FuturesOnly
    };
    let to = a.to.unwrap_or_else(|| d.current_date().year());
    say(&format!("cache: {}", d.cache_path().display()));
    let mut failed = 0;
    for report in reports {
        if report == ReportKind::Supplemental && scope == Scope::FuturesOnly {
            return Err(
                "the Supplemental report is published combined only: add --combined".into(),
            );
        }
        let from = a.from.unwrap_or_else(|| first_year(report, scope));
        let archives = Archive::covering(report, scope, from, to);
        for (archive, result) in archives.iter().zip(d.ensure_all(&archives)) {
            match result {
                Ok(c) => say(&format!("{:32} {}", archive.file_name(), c.outcome)),
                Err(e) if matches!(e.kind(), cftc_cot::ErrorKind::NotYetPublished { .. }) => {
                    say(&format!("{:32} not published yet", archive.file_name()));
                }
                Err(e) => {
                    failed += 1;
                    say(&format!("{:32} FAILED: {e}", archive.file_name()));
                }
            }
        }
    }
    if failed > 0 {
        return Err(format!(
            "{failed} archives could not be had (see above). {NEXT_STEPS}"
        ));
    }
    Ok(())
}

fn extremes(a: ExtremesArgs) -> Result<(), Failure> {
    let cadence = a.max_days.map_or(Cadence::Cot, Cadence::MaxDays);
    let series = Series::from_csv_path(&a.path)
        .map_err(hinted)?
        .with_cadence(cadence);
    let name = a.path.display().to_string();
    let report =
        SeriesReport::new(&series, &name, a.weeks, a.at, a.window_years).map_err(hinted)?;
    if a.json {
        return json(&report);
    }
    say(&report.to_string());
    Ok(())
}
