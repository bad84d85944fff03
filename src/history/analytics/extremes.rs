//! "The most bullish since ...": extremes, and the span they cover.

use std::collections::VecDeque;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Series, Window};

/// For one reading: the last earlier reading at least as high, and at least
/// as low, and how far back the data let a claim look.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Extremes {
    /// The reading's date.
    pub date: NaiveDate,
    /// Its value.
    pub value: f64,
    /// The last earlier reading at least as high, gaps or not; `None` when
    /// this is the highest reading of the series so far.
    pub last_at_least_as_high: Option<NaiveDate>,
    /// The last earlier reading at least as low; `None` when this is the
    /// lowest so far.
    pub last_at_least_as_low: Option<NaiveDate>,
    /// The first reading of this reading's [`Segment`](super::Segment): no
    /// reading is missing between it and this one.
    pub segment_start: NaiveDate,
    /// The last reading before the gap that opens the segment; `None` when
    /// the segment opens where the data begin.
    pub gap_before: Option<NaiveDate>,
}

impl Extremes {
    /// How long this is the highest reading for: "the most bullish in ...".
    pub fn bullish_span(&self) -> Extent {
        self.span(self.last_at_least_as_high)
    }

    /// How long this is the lowest reading for: "the most bearish in ...".
    pub fn bearish_span(&self) -> Extent {
        self.span(self.last_at_least_as_low)
    }

    /// A claim never reaches across a gap or before the first reading: when
    /// the last reading as extreme lies before the segment (or does not
    /// exist), the claim stops at the segment's start.
    fn span(&self, last: Option<NaiveDate>) -> Extent {
        match last {
            Some(since) if since >= self.segment_start => Extent::since(since, self.date),
            _ => Extent::at_least_since(self.segment_start, self.gap_before, self.date),
        }
    }
}

/// The extremes of every reading, with monotonic stacks: O(n).
///
/// ```
/// use cftc_cot::history::analytics::{Extent, Series, extremes};
/// use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let s = Series::from_pairs([
///     (d(1, 7), 5.0), (d(1, 14), 9.0), (d(1, 21), 1.0), (d(1, 28), 7.0),
/// ])?;
/// let e = extremes(&s);
/// assert_eq!(e[3].last_at_least_as_high, Some(d(1, 14))); // most bullish since Jan 14
/// assert_eq!(e[2].last_at_least_as_low, None); // lowest of the data
/// // ...which is a claim back to where the data begin, and no further.
/// assert!(matches!(
///     e[2].bearish_span(),
///     Extent::AtLeastSince { from, gap_before: None, .. } if from == d(1, 7)
/// ));
/// # Ok::<(), cftc_cot::Error>(())
/// ```
pub fn extremes(series: &Series) -> Vec<Extremes> {
    let dates = series.dates();
    let values = series.values();
    let cadence = series.cadence();
    // The current segment's first reading and the reading before its gap.
    let mut segment_start: Option<NaiveDate> = None;
    let mut gap_before: Option<NaiveDate> = None;
    let mut previous: Option<NaiveDate> = None;
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
        if previous.is_none_or(|p| cadence.is_gap(p, date)) {
            segment_start = Some(date);
            gap_before = previous;
        }
        previous = Some(date);
        out.push(Extremes {
            date,
            value: v,
            last_at_least_as_high: highs.last().and_then(|&j| dates.get(j).copied()),
            last_at_least_as_low: lows.last().and_then(|&j| dates.get(j).copied()),
            segment_start: segment_start.unwrap_or(date),
            gap_before,
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
    /// Beyond every reading back to `since` (exclusive), the last reading at
    /// least as extreme, with no reading missing in between.
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
    /// Beyond every reading back to `from`, where the data begin or resume
    /// after a gap: what came before `from` is not in the data, so the
    /// claim is "since at least `from`".
    AtLeastSince {
        /// The first reading of the segment.
        from: NaiveDate,
        /// The last reading before the gap; `None` where the data begin.
        gap_before: Option<NaiveDate>,
        /// Whole years between `from` and the reading.
        years: u32,
        /// Whole months.
        months: u32,
        /// Whole weeks.
        weeks: u32,
    },
}

/// Whole years, months and weeks from `since` to `date`.
fn whole_units(since: NaiveDate, date: NaiveDate) -> (u32, u32, u32) {
    let mut months = (date.year() - since.year()) * 12 + date.month() as i32 - since.month() as i32;
    if date.day() < since.day() {
        months -= 1;
    }
    let months = u32::try_from(months.max(0)).unwrap_or(0);
    let weeks = u32::try_from((date - since).num_days().max(0) / 7).unwrap_or(0);
    (months / 12, months, weeks)
}

impl Extent {
    /// The extent of a reading on `date` whose last equal-or-beyond reading
    /// was `since`, with no gap between.
    pub fn since(since: NaiveDate, date: NaiveDate) -> Self {
        let (years, months, weeks) = whole_units(since, date);
        Extent::Since {
            since,
            years,
            months,
            weeks,
        }
    }

    /// The extent of a reading on `date` that is beyond every reading back
    /// to `from`, where the data begin (`gap_before` `None`) or resume
    /// after a gap.
    pub fn at_least_since(from: NaiveDate, gap_before: Option<NaiveDate>, date: NaiveDate) -> Self {
        let (years, months, weeks) = whole_units(from, date);
        Extent::AtLeastSince {
            from,
            gap_before,
            years,
            months,
            weeks,
        }
    }

    /// Whole weeks the claim covers.
    pub fn weeks(&self) -> u32 {
        match *self {
            Extent::Since { weeks, .. } | Extent::AtLeastSince { weeks, .. } => weeks,
        }
    }

    /// "6 years", "4 months", "3 weeks": the largest whole unit of the span
    /// (for [`AtLeastSince`](Extent::AtLeastSince), of the span back to `from`).
    pub fn phrase(&self) -> String {
        let (Extent::Since {
            years,
            months,
            weeks,
            ..
        }
        | Extent::AtLeastSince {
            years,
            months,
            weeks,
            ..
        }) = *self;
        let plural = |n: u32, unit: &str| {
            if n == 1 {
                format!("a {unit}")
            } else {
                format!("{n} {unit}s")
            }
        };
        if years >= 1 {
            plural(years, "year")
        } else if months >= 1 {
            plural(months, "month")
        } else {
            plural(weeks.max(1), "week")
        }
    }

    /// The claim as words after "the most bullish reading": `in 6 years`,
    /// `since at least 2024-01-02, when the data resume after a gap from
    /// 2004-12-28`, `since at least 2010-07-20, when the data begin`.
    pub fn claim(&self) -> String {
        match *self {
            Extent::Since { .. } => format!("in {}", self.phrase()),
            Extent::AtLeastSince {
                from,
                gap_before: Some(gap),
                ..
            } => format!("since at least {from}, when the data resume after a gap from {gap}"),
            Extent::AtLeastSince {
                from,
                gap_before: None,
                ..
            } => format!("since at least {from}, when the data begin"),
        }
    }
}

impl fmt::Display for Extent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Extent::Since { since, .. } => write!(f, "since {since} ({})", self.phrase()),
            Extent::AtLeastSince { .. } => f.write_str(&self.claim()),
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
