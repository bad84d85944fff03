//! What a history says: the snapshot at a date, the largest swings with
//! "record at the time", the most bullish and bearish readings, and the
//! series as CSV.

use std::io::Write;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::{History, Point};
use crate::error::{Error, ErrorKind, Location};
use crate::history::analytics::{
    Extent, RecordFlags, SignFlip, Standing, Subject, Window, cot_index, headline_from,
    largest_swings, percentile_rank, record_flags, z_score,
};

/// A history's reading on one date and what it means: the value, its
/// k-week change and whether that is a record, how far back it is the most
/// bullish or bearish, the indicators, and the headline sentence.
///
/// Every number is a JSON number when serialised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The reading's date.
    pub date: NaiveDate,
    /// When CFTC published it ([`crate::records::calendar`]).
    pub released: Option<DateTime<Utc>>,
    /// No source gives that date: it is estimated.
    pub release_estimated: bool,
    /// The net position, in the history's unit. An `f64`, like every
    /// computed answer (changes, indicators): answers are compared, ranked
    /// and printed, never written back to CFTC's layouts; the exact sum is
    /// the history's [`Point::net`](crate::history::Point::net), a `Decimal`.
    pub net: f64,
    /// The k-week change ending on the date, like with like.
    pub change: Option<f64>,
    /// k.
    pub change_weeks: u32,
    /// The change counts only the contracts reported at both ends: which.
    pub change_partial: Option<String>,
    /// Why there is no change although a reading k weeks earlier exists.
    pub change_left_out: Option<String>,
    /// A rise larger than every earlier change it could be compared with.
    pub record_increase: bool,
    /// A fall larger than every earlier change it could be compared with.
    pub record_decrease: bool,
    /// What the change was compared with (how many, since when, the gap).
    pub record: Option<RecordFlags>,
    /// The last earlier reading at least as high (`None`: the highest).
    pub most_bullish_since: Option<NaiveDate>,
    /// The last earlier reading at least as low (`None`: the lowest).
    pub most_bearish_since: Option<NaiveDate>,
    /// How far back it is the highest, never across a gap.
    pub bullish_extent: Extent,
    /// How far back it is the lowest, never across a gap.
    pub bearish_extent: Extent,
    /// A change of side over the k weeks.
    pub sign_flip: Option<SignFlip>,
    /// The codes summed that week (`23977A+239742`).
    pub components: String,
    /// Net as a percent of open interest.
    pub net_percent_of_open_interest: Option<f64>,
    /// COT index (0 to 100) over the trailing three years, the common
    /// yardstick across markets.
    pub cot_index_3y: Option<f64>,
    /// Percentile rank over the trailing three years.
    pub percentile_3y: Option<f64>,
    /// z-score over the trailing three years.
    pub z_score_3y: Option<f64>,
    /// The window of the next three, in days.
    pub window_days: i64,
    /// The COT index, percentile and z-score in the window.
    #[serde(flatten)]
    pub standing: Standing,
    /// The headline.
    pub sentence: String,
}

/// One of the largest k-week swings of a history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Swing {
    /// The earlier reading's date.
    pub start: NaiveDate,
    /// The later reading's date.
    pub end: NaiveDate,
    /// When CFTC published the later reading: when the swing was known.
    pub released: Option<DateTime<Utc>>,
    /// The value at `start`.
    pub from: f64,
    /// The value at `end`.
    pub to: f64,
    /// `to - from` (on the contracts at both ends, if `partial`).
    pub change: f64,
    /// A rise (fall) larger than every earlier change back to where the data
    /// begin or resume after a gap, with a year of changes to beat.
    pub record_at_the_time: bool,
    /// How far back the comparison could look.
    pub compared_since: Option<NaiveDate>,
    /// Computed on the contracts reported at both ends only, and which.
    pub partial: Option<String>,
}

/// A reading: a date and its value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    /// The date.
    pub date: NaiveDate,
    /// When CFTC published it.
    pub released: Option<DateTime<Utc>>,
    /// The net position.
    pub net: f64,
}

/// An indicator's value on the `i`-th reading.
fn at(values: Vec<Option<f64>>, i: usize) -> Option<f64> {
    values.get(i).copied().flatten()
}

impl History {
    /// The [`Snapshot`] of the reading on `date` with its `k`-week change
    /// and indicators over `window` (and over three years); `None` when
    /// there is no reading on that date.
    ///
    /// ```
    /// use cftc_cot::history::analytics::Window;
    /// use cftc_cot::history::HistoryBuilder;
    /// use cftc_cot::TraderGroup;
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::records::registry::Family;
    /// let (records, _) = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?.read_all()?;
    /// let history = HistoryBuilder::new(Family::russell_2000())
    ///     .group(TraderGroup::LeveragedFunds)
    ///     .build(&records)?;
    /// let last = history.points().last().unwrap().date;
    /// let snap = history.snapshot(last, 2, Window::years(3)).unwrap();
    /// assert_eq!(snap.net, f64::try_from(history.points().last().unwrap().net).unwrap());
    /// assert!(snap.sentence.starts_with("Hedge funds in Russell 2000 futures"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn snapshot(&self, date: NaiveDate, k: u32, window: Window) -> Option<Snapshot> {
        let series = self.net_series();
        let changes = self.k_week_changes(k);
        let h = headline_from(&series, &changes, date, &self.subject())?;
        let i = series.index_of(date)?;
        let point = self.at(date);
        let three = Window::years(3);
        Some(Snapshot {
            date: h.date,
            released: point.map(|p| p.released),
            release_estimated: point.is_some_and(|p| p.release_estimated),
            net: h.net,
            change: h.change.as_ref().map(|c| c.change),
            change_weeks: h.weeks,
            change_partial: h.change.as_ref().and_then(|c| c.partial.clone()),
            change_left_out: h.change_left_out,
            record_increase: h.record_increase,
            record_decrease: h.record_decrease,
            record: h.record,
            most_bullish_since: h.most_bullish_since,
            most_bearish_since: h.most_bearish_since,
            bullish_extent: h.bullish_extent,
            bearish_extent: h.bearish_extent,
            sign_flip: h.sign_flip,
            components: point.map(|p| p.codes()).unwrap_or_default(),
            net_percent_of_open_interest: point.and_then(|p| p.net_percent_of_open_interest()),
            cot_index_3y: at(cot_index(&series, three), i),
            percentile_3y: at(percentile_rank(&series, three), i),
            z_score_3y: at(z_score(&series, three), i),
            window_days: window.length_days(),
            standing: Standing::at(&series, window, i),
            sentence: h.sentence,
        })
    }

    /// What the headline is about: the group in the family's futures, in
    /// the history's unit.
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// println!("{:?}", history.subject());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn subject(&self) -> Subject {
        let who = self.group.description();
        let mut chars = who.chars();
        let who = chars
            .next()
            .map(|f| f.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default();
        Subject::positions(
            &who,
            &format!("{} futures", self.family),
            self.unit.phrase(),
        )
    }

    /// The `n` largest `k`-week swings (by size, either way), each with
    /// whether it was a record when it happened.
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let swings = history.top_swings(2, 3);
    /// assert!(swings.len() <= 3);
    /// // Largest first.
    /// assert!(swings.windows(2).all(|w| w[0].change.abs() >= w[1].change.abs()));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn top_swings(&self, k: u32, n: usize) -> Vec<Swing> {
        let changes = self.k_week_changes(k);
        let flags = record_flags(&changes);
        largest_swings(&changes.changes, n)
            .into_iter()
            .map(|c| {
                let flag = changes
                    .changes
                    .binary_search_by_key(&c.end, |x| x.end)
                    .ok()
                    .and_then(|i| flags.get(i));
                Swing {
                    start: c.start,
                    end: c.end,
                    released: self.at(c.end).map(|p| p.released),
                    from: c.from,
                    to: c.to,
                    change: c.change,
                    record_at_the_time: flag
                        .is_some_and(|f| f.record_increase || f.record_decrease),
                    compared_since: flag.and_then(|f| f.compared_since),
                    partial: c.partial,
                }
            })
            .collect()
    }

    /// The highest net position in the history (the first, on ties).
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let top = history.most_bullish().unwrap();
    /// assert!(history.points().iter().all(|p| p.net.to_string().parse::<f64>().unwrap() <= top.net));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn most_bullish(&self) -> Option<Reading> {
        self.pick(|v, best| v > best)
    }

    /// The lowest net position in the history (the first, on ties).
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let bottom = history.most_bearish().unwrap();
    /// assert!(history.points().iter().all(|p| p.net.to_string().parse::<f64>().unwrap() >= bottom.net));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn most_bearish(&self) -> Option<Reading> {
        self.pick(|v, best| v < best)
    }

    fn pick(&self, better: fn(f64, f64) -> bool) -> Option<Reading> {
        self.net_series()
            .iter()
            .fold(None::<Reading>, |best, (date, net)| match best {
                Some(b) if !better(net, b.net) => best,
                _ => Some(Reading {
                    date,
                    released: self.at(date).map(|p| p.released),
                    net,
                }),
            })
    }

    /// Writes the series as CSV:
    /// `date,net,long,short,open_interest,codes,overlap,released,release_estimated,source`,
    /// exact decimals, one line per week (`date,net` first, the input of
    /// [`extremes`](crate::history::analytics)); `released` is when CFTC
    /// published the week (RFC 3339, UTC), `release_estimated` whether no
    /// source gives that date; `source` is [`History::source`]
    /// on every line, so that a file answered from the built-in snapshot
    /// says so wherever it goes. `name` names the output in errors.
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let mut out = Vec::new();
    /// history.write_csv(&mut out, "memory")?;
    /// let text = String::from_utf8_lossy(&out);
    /// assert_eq!(text.lines().count(), history.points().len() + 1);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn write_csv(&self, out: impl Write, name: &str) -> Result<(), Error> {
        let rows: Vec<(Option<NaiveDate>, &Point)> =
            self.points().iter().map(|p| (None, p)).collect();
        self.series_csv(out, name, &rows)
    }

    /// The series' lines: with a Friday each, the release-aligned series
    /// (`date` the Friday, `as_of` the point's date); without, the weekly
    /// one.
    fn series_csv(
        &self,
        mut out: impl Write,
        name: &str,
        rows: &[(Option<NaiveDate>, &Point)],
    ) -> Result<(), Error> {
        let io = |source| {
            Error::from(ErrorKind::Io {
                location: Box::new(Location::input(name.to_string(), None)),
                source,
            })
        };
        let aligned = rows.first().is_some_and(|(friday, _)| friday.is_some());
        writeln!(
            out,
            "date,net,long,short,open_interest,codes,overlap,{}released,release_estimated,source",
            if aligned { "as_of," } else { "" }
        )
        .map_err(io)?;
        let source = csv_field(self.source());
        for (friday, p) in rows {
            let as_of = if aligned {
                format!("{},", p.date)
            } else {
                String::new()
            };
            writeln!(
                out,
                "{},{},{},{},{},{},{},{as_of}{},{},{source}",
                friday.unwrap_or(p.date),
                p.net.normalize(),
                p.long.normalize(),
                p.short.normalize(),
                p.open_interest.normalize(),
                p.codes(),
                p.overlap,
                p.released.to_rfc3339(),
                p.release_estimated,
            )
            .map_err(io)?;
        }
        out.flush().map_err(io)
    }
}

/// The default close of [`History::by_release`]: 4 pm in New York, after
/// CFTC's 3:30 pm release.
pub const FRIDAY_CLOSE: NaiveTime = match NaiveTime::from_hms_opt(16, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

impl History {
    /// The series a trader could have acted on, for backtests: for every
    /// Friday from the first release to the last, the latest week CFTC had
    /// published by `close` (New York time) that day, with its as-of date
    /// and release. Weeks published late (a shutdown's catch-up) show up on
    /// the Friday after they came out; a Friday before anything new repeats
    /// the week before.
    ///
    /// ```
    /// use cftc_cot::history::FRIDAY_CLOSE;
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let series = history.by_release(FRIDAY_CLOSE);
    /// for (friday, p) in &series {
    ///     assert_eq!(friday.weekday(), chrono::Weekday::Fri);
    ///     assert!(p.released <= cftc_cot::records::calendar::parse_moment(&format!("{friday}T16:00")).unwrap());
    /// }
    /// # use chrono::Datelike;
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn by_release(&self, close: NaiveTime) -> Vec<(NaiveDate, &Point)> {
        let mut order: Vec<&Point> = self.points().iter().collect();
        order.sort_by_key(|p| (p.released, p.date));
        let (Some(first), Some(last)) = (order.first(), order.last()) else {
            return Vec::new();
        };
        let friday = |t: DateTime<Utc>| {
            let day = crate::records::calendar::new_york_date(t);
            let ahead = (4 + 7 - u64::from(day.weekday().num_days_from_monday())) % 7;
            day.checked_add_days(chrono::Days::new(ahead))
        };
        let (Some(mut day), Some(end)) = (friday(first.released), friday(last.released)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut next = order.iter().peekable();
        let mut best: Option<&Point> = None;
        loop {
            if let Some(moment) = crate::records::calendar::in_new_york(day, close) {
                while let Some(p) = next.next_if(|p| p.released <= moment) {
                    if best.is_none_or(|b| p.date > b.date) {
                        best = Some(p);
                    }
                }
                if let Some(p) = best {
                    out.push((day, p));
                }
            }
            match day.checked_add_days(chrono::Days::new(7)) {
                Some(later) if later <= end => day = later,
                _ => break,
            }
        }
        out
    }

    /// Writes [`by_release`](Self::by_release) as CSV:
    /// `date,net,long,short,open_interest,codes,overlap,as_of,released,release_estimated,source`,
    /// `date` the Friday, `as_of` the week it shows.
    ///
    /// ```
    /// use cftc_cot::history::FRIDAY_CLOSE;
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let mut out = Vec::new();
    /// history.write_by_release_csv(&mut out, "memory", FRIDAY_CLOSE)?;
    /// let text = String::from_utf8(out).unwrap();
    /// assert!(text.starts_with("date,net,long,short,open_interest,codes,overlap,as_of,released,"));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn write_by_release_csv(
        &self,
        out: impl Write,
        name: &str,
        close: NaiveTime,
    ) -> Result<(), Error> {
        let rows: Vec<(Option<NaiveDate>, &Point)> = self
            .by_release(close)
            .into_iter()
            .map(|(friday, p)| (Some(friday), p))
            .collect();
        self.series_csv(out, name, &rows)
    }
}

/// A CSV field: quoted (quotes doubled) when it holds a comma, a quote or
/// a line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
