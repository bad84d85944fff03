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

use cftc_cot::analytics::{
    self, Cadence, Series, Subject, Window, cot_index, format_number, k_week_changes,
    largest_swings, percentile_rank, record_flags, z_score,
};
use chrono::NaiveDate;
use serde::Serialize;

#[path = "support/say.rs"]
#[macro_use]
mod say;

const USAGE: &str =
    "usage: extremes PATH.csv [--weeks K] [--at DATE] [--window-years N] [--max-days N] [--json]";

#[derive(Serialize)]
struct Output {
    path: String,
    points: usize,
    first_date: Option<NaiveDate>,
    last_date: Option<NaiveDate>,
    headline: analytics::Headline,
    cot_index: Option<f64>,
    percentile: Option<f64>,
    z_score: Option<f64>,
    window_years: i64,
    top_swings: Vec<analytics::Change>,
    record_swings: usize,
    gaps: Vec<NaiveDate>,
}

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
    let date = match at {
        Some(d) => d,
        None => *series
            .dates()
            .last()
            .ok_or(format!("{path}: no readings"))?,
    };
    let i = series
        .index_of(date)
        .ok_or(format!("{path}: no reading on {date}"))?;
    // A user's series is plain values, not positions: "rose by", "the
    // highest reading", never "net long".
    let subject = Subject::values(&format!("The series in {path}"), "");
    let headline = analytics::headline(&series, date, weeks, &subject)
        .ok_or(format!("{path}: no reading on {date}"))?;
    let window = Window::years(years);
    let changes = k_week_changes(&series, weeks);
    let output = Output {
        path: path.clone(),
        points: series.len(),
        first_date: series.dates().first().copied(),
        last_date: series.dates().last().copied(),
        cot_index: cot_index(&series, window).get(i).copied().flatten(),
        percentile: percentile_rank(&series, window).get(i).copied().flatten(),
        z_score: z_score(&series, window).get(i).copied().flatten(),
        window_years: years,
        top_swings: largest_swings(&changes.changes, 10),
        record_swings: record_flags(&changes)
            .iter()
            .filter(|f| f.record_swing)
            .count(),
        gaps: changes.gaps.clone(),
        headline,
    };
    if json {
        say!(
            "{}",
            serde_json::to_string(&output).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    let n = |v: f64| {
        let s = format_number(v);
        if v < 0.0 { format!("-{s}") } else { s }
    };
    let h = &output.headline;
    say!("{}: {} readings", output.path, output.points);
    say!("{date}: {}", n(h.net));
    match &h.change {
        Some(c) => say!(
            "  {weeks}-week change {} (from {} on {})",
            n(c.change),
            n(c.from),
            c.start
        ),
        None => say!("  no reading {weeks} weeks earlier"),
    }
    say!("  highest {}", h.bullish_extent);
    say!("  lowest {}", h.bearish_extent);
    let opt = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.1}"));
    say!(
        "  over {years} years: COT index {}, percentile {}, z-score {}",
        opt(output.cot_index),
        opt(output.percentile),
        output.z_score.map_or("-".to_owned(), |z| format!("{z:.2}"))
    );
    say!("Largest {weeks}-week swings:");
    for c in &output.top_swings {
        say!("  {} -> {}  {:>12}", c.start, c.end, n(c.change));
    }
    if !output.gaps.is_empty() {
        say!(
            "{} readings have no reading {weeks} weeks before them (missing reports)",
            output.gaps.len()
        );
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
