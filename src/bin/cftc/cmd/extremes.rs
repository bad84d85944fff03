//! `cftc extremes`: records and extremes of any `date,value` series.

use std::path::PathBuf;

use cftc_cot::history::analytics::{Cadence, Series, SeriesSummary};
use chrono::NaiveDate;
use clap::Args;

use crate::failure::Failure;
use crate::output::{json, say};

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

pub fn run(a: ExtremesArgs) -> Result<(), Failure> {
    let cadence = a.max_days.map_or(Cadence::Cot, Cadence::MaxDays);
    let series = Series::from_csv_path(&a.path)?.with_cadence(cadence);
    let name = a.path.display().to_string();
    let report = SeriesSummary::new(&series, &name, a.weeks, a.at, a.window_years)?;
    if a.json {
        return json(&report);
    }
    say(&report.to_string());
    Ok(())
}
