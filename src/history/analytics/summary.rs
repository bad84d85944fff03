//! The whole analysis of one dated series, for a user's own data (weekly
//! ETF flows, short interest, ...): the reading at a date with its k-week
//! change and whether it is a record, how far back it is the highest or
//! lowest, the indicators over a window, the largest swings.

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use super::{
    Change, Headline, Series, Standing, Subject, Window, format_number, headline, k_week_changes,
    largest_swings, record_flags,
};
use crate::error::{Error, ErrorKind, Location, SeriesProblem};

/// What [`SeriesSummary::new`] found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesSummary {
    /// The series' name (its file).
    pub path: String,
    /// Readings.
    pub points: usize,
    /// The first reading.
    pub first_date: Option<NaiveDate>,
    /// The last reading.
    pub last_date: Option<NaiveDate>,
    /// The reading at the date asked for, in plain-value words.
    pub headline: Headline,
    /// The COT index, percentile and z-score of the reading in the window.
    #[serde(flatten)]
    pub standing: Standing,
    /// The window, in years.
    pub window_years: i64,
    /// The ten largest k-week swings.
    pub top_swings: Vec<Change>,
    /// k-week changes that were records when they happened.
    pub record_swings: usize,
    /// Readings with no reading k weeks before them (missing reports).
    pub gaps: Vec<NaiveDate>,
}

impl SeriesSummary {
    /// Analyses `series` (named `name`) at `at` (default: the last
    /// reading) with `k`-week changes and a `window_years` window. The
    /// headline speaks of plain values ("rose by", "the highest reading").
    pub fn new(
        series: &Series,
        name: &str,
        k: u32,
        at: Option<NaiveDate>,
        window_years: i64,
    ) -> Result<SeriesSummary, Error> {
        let fail = |problem: SeriesProblem| {
            Error::from(ErrorKind::InvalidSeries {
                location: Box::new(Location::input(name.to_string(), None)),
                problem,
            })
        };
        let date = match at {
            Some(d) => d,
            None => *series
                .dates()
                .last()
                .ok_or_else(|| fail(SeriesProblem::Empty))?,
        };
        let i = series
            .index_of(date)
            .ok_or_else(|| fail(SeriesProblem::NoReadingOn(date)))?;
        let subject = Subject::values(&format!("The series in {name}"), "");
        let headline = headline(series, date, k, &subject)
            .ok_or_else(|| fail(SeriesProblem::NoReadingOn(date)))?;
        let window = Window::years(window_years);
        let changes = k_week_changes(series, k);
        Ok(SeriesSummary {
            path: name.to_string(),
            points: series.len(),
            first_date: series.dates().first().copied(),
            last_date: series.dates().last().copied(),
            standing: Standing::at(series, window, i),
            window_years,
            top_swings: largest_swings(&changes.changes, 10),
            record_swings: record_flags(&changes)
                .iter()
                .filter(|f| f.record_swing)
                .count(),
            gaps: changes.gaps.clone(),
            headline,
        })
    }
}

impl fmt::Display for SeriesSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = |v: f64| {
            let s = format_number(v);
            if v < 0.0 { format!("-{s}") } else { s }
        };
        let h = &self.headline;
        let weeks = h.weeks;
        writeln!(f, "{}: {} readings", self.path, self.points)?;
        writeln!(f, "{}", h.sentence)?;
        writeln!(f, "{}: {}", h.date, n(h.net))?;
        match &h.change {
            Some(c) => writeln!(
                f,
                "  {weeks}-week change {} (from {} on {})",
                n(c.change),
                n(c.from),
                c.start
            )?,
            None => writeln!(f, "  no reading {weeks} weeks earlier")?,
        }
        writeln!(f, "  highest {}", h.bullish_extent)?;
        writeln!(f, "  lowest {}", h.bearish_extent)?;
        let opt = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.1}"));
        writeln!(
            f,
            "  over {} years: COT index {}, percentile {}, z-score {}",
            self.window_years,
            opt(self.standing.cot_index),
            opt(self.standing.percentile),
            self.standing
                .z_score
                .map_or("-".to_owned(), |z| format!("{z:.2}"))
        )?;
        write!(f, "Largest {weeks}-week swings:")?;
        for c in &self.top_swings {
            write!(f, "\n  {} -> {}  {:>12}", c.start, c.end, n(c.change))?;
        }
        if !self.gaps.is_empty() {
            write!(
                f,
                "\n{} readings have no reading {weeks} weeks before them (missing reports)",
                self.gaps.len()
            )?;
        }
        Ok(())
    }
}
