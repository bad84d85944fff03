//! `cftc extremes`: records and extremes of any `date,value` series.

use cftc_cot::history::analytics::{Cadence, Series, SeriesSummary};

use crate::args::ExtremesArgs;
use crate::failure::Failure;
use crate::output::{json, say};

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
