//! `cftc history`: a market's weekly net positioning and what it says now.

use std::path::PathBuf;

use cftc_cot::TraderGroup;
use cftc_cot::history::analytics::Window;
use cftc_cot::history::study::Study;
use cftc_cot::history::{OverlapPolicy, Unit};
use chrono::NaiveDate;
use clap::Args;

use crate::args::{DataArgs, OverlapArg, ScopeArg, parse_group, parse_unit};
use crate::failure::Failure;
use crate::output::{json, say};
use crate::sources::{mode, source};
use cftc_cot::Scope;

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
    /// Also draw the history as an SVG chart into this file: the net
    /// position with its records, extremes, gaps and contract changes, and
    /// the COT index
    #[arg(long, value_name = "PATH.svg")]
    pub chart: Option<PathBuf>,
}

pub fn run(a: HistoryArgs) -> Result<(), Failure> {
    let scope = if a.combined {
        Scope::Combined
    } else {
        a.scope.into()
    };
    let source = source(&a.data);
    let mode = mode(&a.data);
    let found = source
        .find_market(&a.market, a.group.report(), scope, mode)
        .map_err(|e| Failure::from_source(e, &a.data))?;
    let study = match &found.family {
        Some(family) if a.with_micro => Study::new(family.clone().with_micro()),
        _ => Study::of_market(&found),
    };
    let notice = found.note;
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
    .map_err(|e| Failure::from_source(e, &a.data))?;
    if notice.is_some() {
        report.notice = notice;
    }
    if let Some(path) = &a.series_csv {
        let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        history.write_csv(std::io::BufWriter::new(file), &path.display().to_string())?;
    }
    if let Some(path) = &a.chart {
        cftc_cot::export::chart::write_history_svg(path, &history, &report)?;
    }
    if let Some(path) = &a.parquet {
        write_history_parquet(path, &history)?;
    }
    if a.csv {
        let mut text = Vec::new();
        history.write_csv(&mut text, "stdout")?;
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

#[cfg(feature = "parquet")]
fn write_history_parquet(
    path: &std::path::Path,
    history: &cftc_cot::history::History,
) -> Result<(), Failure> {
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    cftc_cot::export::parquet::write_history_parquet(std::io::BufWriter::new(file), history)
        .map_err(Failure::from)
}

#[cfg(not(feature = "parquet"))]
fn write_history_parquet(
    _: &std::path::Path,
    _: &cftc_cot::history::History,
) -> Result<(), Failure> {
    Err("this build of cftc has no Parquet export: install it with `--features cli,parquet`".into())
}
