//! Records and extremes of any weekly series given as a `date,value` CSV.
//!
//! ```text
//! cargo run --release --example extremes -- PATH.csv [--weeks K] [--at DATE] [--window-years N]
//!     [--max-days N] [--json]
//! ```
//!
//! The same analysis as the Russell 2000 job, for weekly ETF flows, short
//! interest or anything else: the reading at DATE (default: the latest)
//! with its K-week change and whether it is a record, how far back it is the
//! highest or lowest, the COT index, percentile rank and z-score over the
//! trailing window, and the ten largest K-week swings. Claims never reach
//! across a gap: by default readings more than 10 days apart leave one (CFTC's
//! weekly cadence); `--max-days N` sets another cadence (say 3 for daily data).

use std::process::ExitCode;

use cftc_cot::history::analytics::{Cadence, Series, SeriesSummary};
use chrono::NaiveDate;

#[path = "support/say.rs"]
#[macro_use]
mod say;

const USAGE: &str =
    "usage: extremes PATH.csv [--weeks K] [--at DATE] [--window-years N] [--max-days N] [--json]";

fn run() -> Result<(), String> {
    let mut path = None;
    let (mut weeks, mut at, mut years, mut json) = (2u32, None::<NaiveDate>, 3i64, false);
    let mut cadence = Cadence::Cot;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--weeks" => {
                let v = value("--weeks")?;
                weeks = v
                    .parse()
                    .ok()
                    .filter(|k| (1..=520).contains(k))
                    .ok_or(format!("--weeks takes 1 to 520, not {v:?}"))?;
            }
            "--at" => {
                let v = value("--at")?;
                at = Some(
                    v.parse()
                        .map_err(|_| format!("--at takes YYYY-MM-DD, not {v:?}"))?,
                );
            }
            "--window-years" => {
                let v = value("--window-years")?;
                years = v
                    .parse()
                    .ok()
                    .filter(|y| (1..=100).contains(y))
                    .ok_or(format!("--window-years takes 1 to 100, not {v:?}"))?;
            }
            "--max-days" => {
                let v = value("--max-days")?;
                cadence = Cadence::MaxDays(
                    v.parse()
                        .ok()
                        .filter(|d| (1..=3660).contains(d))
                        .ok_or(format!("--max-days takes 1 to 3660, not {v:?}"))?,
                );
            }
            "--json" => json = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other if other.starts_with("--") => {
                return Err(format!("unknown option {other:?} (--help for usage)"));
            }
            other => path = Some(other.to_owned()),
        }
    }
    let path = path.ok_or(USAGE)?;
    let series = Series::from_csv_path(&path)
        .map_err(|e| e.to_string())?
        .with_cadence(cadence);
    let output = SeriesSummary::new(&series, &path, weeks, at, years).map_err(|e| e.to_string())?;
    if json {
        say!(
            "{}",
            serde_json::to_string(&output).map_err(|e| e.to_string())?
        );
    } else {
        say!("{output}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("extremes: {e}");
            ExitCode::FAILURE
        }
    }
}
