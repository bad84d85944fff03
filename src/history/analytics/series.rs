//! A dated series of numbers, and trailing windows over it.

use std::io::Read;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Location, SeriesProblem, show_raw};
use crate::read::codec::fields;

/// Readings sorted by date, one per date, every value finite.
///
/// Built from a [`History`](crate::history::History), from `(date, value)`
/// pairs, or from a two-column `date,value` CSV, so the same questions can be
/// asked of anything weekly: ETF flows, short interest, ...
///
/// ```
/// use cftc_cot::history::analytics::Series;
/// let csv = "date,value\n2025-01-07,10\n2025-01-14,-5.5\n";
/// let s = Series::from_csv_reader(csv.as_bytes(), "flows.csv")?;
/// assert_eq!(s.len(), 2);
/// assert_eq!(s.values()[1], -5.5);
/// # Ok::<(), cftc_cot::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Series {
    dates: Vec<NaiveDate>,
    values: Vec<f64>,
    #[serde(default)]
    cadence: Cadence,
    /// Dates from which the series is made of other things than before
    /// (a contract entered or left a history): a change across one compares
    /// unlike things.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    breaks: Vec<NaiveDate>,
}

/// How far apart two consecutive readings may be before the series has a
/// [`Gap`]: a missing reading, which no claim ("on record", "the most
/// bullish since ...") may reach across without saying so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// CFTC's reports: weekly (at most 10 days apart, which admits holiday
    /// shifts of the as-of date); semi-monthly (at most 17 days) for
    /// readings before 1993, when CFTC reported mid-month and month-end (the
    /// 1986-1989 files are semi-monthly; the exact switch to weekly is not
    /// in the files here).
    #[default]
    Cot,
    /// Readings at most this many days apart (for other data: 1 or 3 for
    /// daily data, 31 for monthly).
    MaxDays(i64),
}

/// Weekly reports: the largest regular interval, with holiday shifts.
const WEEKLY_MAX_DAYS: i64 = 10;
/// Semi-monthly reports: mid-month to month end and back.
const SEMI_MONTHLY_MAX_DAYS: i64 = 17;

impl Cadence {
    /// Whether readings on `earlier` and `later` (consecutive) leave a gap.
    pub fn is_gap(self, earlier: NaiveDate, later: NaiveDate) -> bool {
        let days = (later - earlier).num_days();
        match self {
            Cadence::Cot => {
                let semi_monthly_era = later.year() < 1993;
                days > if semi_monthly_era {
                    SEMI_MONTHLY_MAX_DAYS
                } else {
                    WEEKLY_MAX_DAYS
                }
            }
            Cadence::MaxDays(max) => days > max,
        }
    }
}

/// A stretch of time between two consecutive readings in which readings
/// are missing (see [`Cadence`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// The last reading before the gap.
    pub after: NaiveDate,
    /// The first reading after it.
    pub before: NaiveDate,
    /// Weekly reports missing in between (about).
    pub missing_weeks: i64,
}

/// A run of readings with no gap inside: the longest stretch any claim about
/// a reading can look back over without qualification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// The first reading.
    pub first: NaiveDate,
    /// The last reading.
    pub last: NaiveDate,
    /// The number of readings.
    pub readings: usize,
    /// The last reading before the gap that opens this segment; `None` for
    /// the first segment, which opens where the data begin.
    pub gap_before: Option<NaiveDate>,
}

fn invalid(source: &str, line: u64, problem: SeriesProblem) -> Error {
    let mut location = Location::input(source, None);
    location.line = line;
    Error::from(ErrorKind::InvalidSeries {
        location: Box::new(location),
        problem,
    })
}

impl Series {
    /// A series from pairs in any order. A date given twice or a value that
    /// is not finite is an error.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (NaiveDate, f64)>) -> Result<Self, Error> {
        let mut pairs: Vec<(NaiveDate, f64)> = pairs.into_iter().collect();
        pairs.sort_by_key(|p| p.0);
        for w in pairs.windows(2) {
            if let [a, b] = w
                && a.0 == b.0
            {
                return Err(invalid("series", 0, SeriesProblem::DateTwice(a.0)));
            }
        }
        if let Some((d, v)) = pairs.iter().find(|(_, v)| !v.is_finite()) {
            return Err(invalid(
                "series",
                0,
                SeriesProblem::NotFinite {
                    date: *d,
                    value: *v,
                },
            ));
        }
        Ok(Self::from_sorted_unchecked(pairs))
    }

    /// For callers that already hold sorted, unique dates and finite values.
    pub(crate) fn from_sorted_unchecked(pairs: Vec<(NaiveDate, f64)>) -> Self {
        let (dates, values) = pairs.into_iter().unzip();
        Series {
            dates,
            values,
            cadence: Cadence::default(),
            breaks: Vec::new(),
        }
    }

    /// The same readings with another [`Cadence`] (the default is CFTC's).
    pub fn with_cadence(mut self, cadence: Cadence) -> Self {
        self.cadence = cadence;
        self
    }

    /// The series with breaks: dates from which its values are made of other
    /// things than before (a history's contracts changed). A
    /// [k-week change](crate::history::analytics::k_week_changes) across a
    /// break is left out, with the reason, rather than computed on unlike
    /// values; [`History::k_week_changes`](crate::history::History::k_week_changes)
    /// computes it on the contracts reported at both ends.
    ///
    /// ```
    /// use cftc_cot::history::analytics::{Series, k_week_changes};
    /// use cftc_cot::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2025, 1, day).unwrap();
    /// let s = Series::from_pairs([(d(7), 1.0), (d(14), 3.0), (d(21), 10.0)])?.with_breaks([d(21)]);
    /// let c = k_week_changes(&s, 1);
    /// assert_eq!(c.changes.len(), 1); // 7 -> 14 only
    /// assert_eq!(c.left_out[0].end, d(21));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn with_breaks(mut self, breaks: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.breaks = breaks.into_iter().collect();
        self.breaks.sort_unstable();
        self.breaks.dedup();
        self
    }

    /// The breaks (see [`with_breaks`](Self::with_breaks)).
    pub fn breaks(&self) -> &[NaiveDate] {
        &self.breaks
    }

    /// Whether a change from `start` to `end` crosses a break.
    pub(crate) fn crosses_break(&self, start: NaiveDate, end: NaiveDate) -> Option<NaiveDate> {
        let at = self.breaks.partition_point(|b| *b <= start);
        self.breaks.get(at).copied().filter(|b| *b <= end)
    }

    /// The cadence that decides where the gaps are.
    pub fn cadence(&self) -> Cadence {
        self.cadence
    }

    /// The readings up to and including index `i`, same cadence.
    pub(crate) fn prefix(&self, i: usize) -> Series {
        let end = (i + 1).min(self.dates.len());
        Series {
            dates: self.dates.get(..end).unwrap_or_default().to_vec(),
            values: self.values.get(..end).unwrap_or_default().to_vec(),
            cadence: self.cadence,
            breaks: self.breaks.clone(),
        }
    }

    /// The gaps between consecutive readings, oldest first.
    ///
    /// ```
    /// use cftc_cot::history::analytics::Series;
    /// use chrono::NaiveDate;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let s = Series::from_pairs([
    ///     (d(2004, 12, 21), 1.0), (d(2004, 12, 28), 2.0), (d(2024, 1, 2), 3.0),
    /// ])?;
    /// let gaps = s.gaps();
    /// assert_eq!((gaps[0].after, gaps[0].before), (d(2004, 12, 28), d(2024, 1, 2)));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn gaps(&self) -> Vec<Gap> {
        self.dates
            .windows(2)
            .filter_map(|w| {
                let [a, b] = *w else { return None };
                self.cadence.is_gap(a, b).then(|| Gap {
                    after: a,
                    before: b,
                    missing_weeks: ((b - a).num_days() + 3) / 7 - 1,
                })
            })
            .collect()
    }

    /// The runs of readings between gaps, oldest first.
    pub fn segments(&self) -> Vec<Segment> {
        let mut out: Vec<Segment> = Vec::new();
        let mut previous: Option<NaiveDate> = None;
        for &date in &self.dates {
            match (previous, out.last_mut()) {
                (Some(p), Some(segment)) if !self.cadence.is_gap(p, date) => {
                    segment.last = date;
                    segment.readings += 1;
                }
                _ => out.push(Segment {
                    first: date,
                    last: date,
                    readings: 1,
                    gap_before: previous,
                }),
            }
            previous = Some(date);
        }
        out
    }

    /// Reads a two-column CSV: a date (`YYYY-MM-DD` or `M/D/YYYY`) and a
    /// number per line, with or without a header row.
    pub fn from_csv_reader<R: Read>(reader: R, name: &str) -> Result<Self, Error> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(reader);
        let mut pairs = Vec::new();
        let mut record = csv::ByteRecord::new();
        let mut first = true;
        loop {
            match csv.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    return Err(invalid(name, line, SeriesProblem::Csv(Box::new(e))));
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            let (Some(d), Some(v), None) = (record.get(0), record.get(1), record.get(2)) else {
                return Err(invalid(
                    name,
                    line,
                    SeriesProblem::FieldCount {
                        found: record.len(),
                        expected: 2,
                    },
                ));
            };
            let date = match fields::date_column(d) {
                Ok(date) => date,
                // A header row is allowed before the first reading.
                Err(_) if first => {
                    first = false;
                    continue;
                }
                Err(_) => {
                    return Err(invalid(
                        name,
                        line,
                        SeriesProblem::Field {
                            what: "date",
                            value: show_raw(d),
                        },
                    ));
                }
            };
            first = false;
            let value = std::str::from_utf8(v)
                .ok()
                .and_then(|s| s.parse::<f64>().ok())
                .filter(|x| x.is_finite())
                .ok_or_else(|| {
                    invalid(
                        name,
                        line,
                        SeriesProblem::Field {
                            what: "value",
                            value: show_raw(v),
                        },
                    )
                })?;
            pairs.push((date, value));
        }
        Series::from_pairs(pairs).map_err(|e| match e.into_kind() {
            ErrorKind::InvalidSeries { problem, .. } => invalid(name, 0, problem),
            other => other.into(),
        })
    }

    /// Reads a `date,value` CSV file.
    pub fn from_csv_path(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|source| {
            Error::from(ErrorKind::Io {
                location: Box::new(Location::input(&name, None)),
                source,
            })
        })?;
        Series::from_csv_reader(file, &name)
    }

    /// The dates, ascending.
    pub fn dates(&self) -> &[NaiveDate] {
        &self.dates
    }

    /// The values, aligned with the dates.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Number of readings.
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    /// True when there is no reading.
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// The index of a date's reading.
    pub fn index_of(&self, date: NaiveDate) -> Option<usize> {
        self.dates.binary_search(&date).ok()
    }

    /// `(date, value)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (NaiveDate, f64)> + '_ {
        self.dates.iter().copied().zip(self.values.iter().copied())
    }
}

/// A trailing window of time: a reading at date `d` looks back at the
/// readings dated after `d - length` up to `d` itself. A window in time,
/// not in readings, so a missing week does not stretch it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Window {
    days: i64,
}

impl Window {
    /// A window of `days` days (at least 1).
    pub fn days(days: i64) -> Self {
        Window { days: days.max(1) }
    }

    /// A window of `weeks` weeks.
    pub fn weeks(weeks: i64) -> Self {
        Window::days(weeks.saturating_mul(7))
    }

    /// A window of `years` years of 365.25 days (156 weekly readings in 3 years).
    pub fn years(years: i64) -> Self {
        Window::days(years.saturating_mul(1461) / 4)
    }

    /// The length in days.
    pub fn length_days(&self) -> i64 {
        self.days
    }

    /// For each reading, the index of the first reading in its window.
    pub(crate) fn starts(&self, dates: &[NaiveDate]) -> Vec<usize> {
        let mut starts = Vec::with_capacity(dates.len());
        let mut lo = 0;
        for (i, d) in dates.iter().enumerate() {
            while dates
                .get(lo)
                .is_some_and(|x| (*d - *x).num_days() >= self.days)
            {
                lo += 1;
            }
            starts.push(lo.min(i));
        }
        starts
    }
}
