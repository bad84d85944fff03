//! "The most bullish since ...": extremes, and the span they cover.

use std::collections::VecDeque;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Series, Window};

/// For one reading: the last earlier reading at least as high, and at least
/// as low.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Extremes {
    /// The reading's date.
    pub date: NaiveDate,
    /// Its value.
    pub value: f64,
    /// The last earlier reading at least as high; `None` when this is the
    /// highest of the record so far ("the most bullish on record").
    pub last_at_least_as_high: Option<NaiveDate>,
    /// The last earlier reading at least as low; `None` when this is the
    /// lowest so far.
    pub last_at_least_as_low: Option<NaiveDate>,
}

impl Extremes {
    /// How long this is the highest reading for: "the most bullish in ...".
    pub fn bullish_span(&self) -> Extent {
        Extent::new(self.last_at_least_as_high, self.date)
    }

    /// How long this is the lowest reading for: "the most bearish in ...".
    pub fn bearish_span(&self) -> Extent {
        Extent::new(self.last_at_least_as_low, self.date)
    }
}

/// The extremes of every reading, with monotonic stacks: O(n).
///
/// ```
/// use cftc_cot::analytics::{Series, extremes};
/// use chrono::NaiveDate;
/// let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
/// let s = Series::from_pairs([(d(1), 5.0), (d(2), 9.0), (d(3), 1.0), (d(4), 7.0)])?;
/// let e = extremes(&s);
/// assert_eq!(e[3].last_at_least_as_high, Some(d(2))); // most bullish since February
/// assert_eq!(e[2].last_at_least_as_low, None); // lowest on record
/// # Ok::<(), cftc_cot::Error>(())
/// ```
pub fn extremes(series: &Series) -> Vec<Extremes> {
    let dates = series.dates();
    let values = series.values();
    let mut highs: Vec<usize> = Vec::new();
    let mut lows: Vec<usize> = Vec::new();
    let value = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
    let mut out = Vec::with_capacity(dates.len());
    for (i, (&date, &v)) in dates.iter().zip(values).enumerate() {
        // Stacks keep candidates in decreasing (highs) / increasing (lows)
        // order; anything beaten by the new reading can never be the answer
        // for a later reading again.
        while highs.last().is_some_and(|&j| value(j) < v) {
            highs.pop();
        }
        while lows.last().is_some_and(|&j| value(j) > v) {
            lows.pop();
        }
        out.push(Extremes {
            date,
            value: v,
            last_at_least_as_high: highs.last().and_then(|&j| dates.get(j).copied()),
            last_at_least_as_low: lows.last().and_then(|&j| dates.get(j).copied()),
        });
        highs.push(i);
        lows.push(i);
    }
    out
}

/// How far back an extreme reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Extent {
    /// The extreme of the whole record so far.
    Record,
    /// The extreme since `since` (exclusive): the span in whole units.
    Since {
        /// The last earlier reading at least as extreme.
        since: NaiveDate,
        /// Whole years between it and the reading.
        years: u32,
        /// Whole months (in total, not after the years).
        months: u32,
        /// Whole weeks.
        weeks: u32,
    },
}

impl Extent {
    /// The extent of a reading on `date` whose last equal-or-beyond reading
    /// was `since`.
    pub fn new(since: Option<NaiveDate>, date: NaiveDate) -> Self {
        let Some(since) = since else {
            return Extent::Record;
        };
        let mut months =
            (date.year() - since.year()) * 12 + date.month() as i32 - since.month() as i32;
        if date.day() < since.day() {
            months -= 1;
        }
        let months = u32::try_from(months.max(0)).unwrap_or(0);
        let weeks = u32::try_from((date - since).num_days().max(0) / 7).unwrap_or(0);
        Extent::Since {
            since,
            years: months / 12,
            months,
            weeks,
        }
    }

    /// "6 years", "4 months", "3 weeks": the largest whole unit, or `None`
    /// for a record.
    pub fn phrase(&self) -> Option<String> {
        let Extent::Since {
            years,
            months,
            weeks,
            ..
        } = *self
        else {
            return None;
        };
        let plural = |n: u32, unit: &str| {
            if n == 1 {
                format!("a {unit}")
            } else {
                format!("{n} {unit}s")
            }
        };
        Some(if years >= 1 {
            plural(years, "year")
        } else if months >= 1 {
            plural(months, "month")
        } else {
            plural(weeks.max(1), "week")
        })
    }
}

impl fmt::Display for Extent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self, self.phrase()) {
            (Extent::Since { since, .. }, Some(p)) => write!(f, "since {since} ({p})"),
            _ => f.write_str("on record"),
        }
    }
}

/// The highest value in each reading's trailing window (monotonic deque, O(n)).
pub fn rolling_max(series: &Series, window: Window) -> Vec<f64> {
    rolling(series, window, |a, b| a >= b)
}

/// The lowest value in each reading's trailing window (O(n)).
pub fn rolling_min(series: &Series, window: Window) -> Vec<f64> {
    rolling(series, window, |a, b| a <= b)
}

fn rolling(series: &Series, window: Window, keeps: impl Fn(f64, f64) -> bool) -> Vec<f64> {
    let values = series.values();
    let starts = window.starts(series.dates());
    let mut deque: VecDeque<usize> = VecDeque::new();
    let value = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
    let mut out = Vec::with_capacity(values.len());
    for (i, &start) in starts.iter().enumerate() {
        while deque.back().is_some_and(|&j| !keeps(value(j), value(i))) {
            deque.pop_back();
        }
        deque.push_back(i);
        while deque.front().is_some_and(|&j| j < start) {
            deque.pop_front();
        }
        out.push(deque.front().map_or(f64::NAN, |&j| value(j)));
    }
    out
}
