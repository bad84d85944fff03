//! `cftc screen`: every market of a report on one date.

use cftc_cot::history::analytics::Window;
use cftc_cot::history::screen::{ScreenOptions, ScreenRow, Table, screen};
use cftc_cot::read::ReaderBuilder;
use cftc_cot::{ReportKind, Scope, TraderGroup};
use chrono::NaiveDate;
use clap::Args;

use crate::args::{DataArgs, SortArg, parse_group, parse_report};
use crate::failure::Failure;
use crate::output::{json, say};
use crate::sources::{mode, source};

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

/// Runs a screen; `false` when a filter was given and nothing matched.
pub fn run(a: ScreenArgs) -> Result<bool, Failure> {
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
        .map_err(|e| Failure::from_source(e, &a.data))?;
    if loaded.read.is_empty() {
        return Err(Failure::Message(format!(
            "no {} {} files in {}",
            options.report, options.scope, loaded.source
        )));
    }
    let mut rows = screen(&loaded.merged.records, &options)?;
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
            let size = |r: &ScreenRow| r.change.map_or(-1.0, f64::abs);
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
        say(Table(&rows).to_string().trim_end());
    }
    Ok(!filtered || !rows.is_empty())
}
