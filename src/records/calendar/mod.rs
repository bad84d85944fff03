//! When CFTC published each report: the release calendar, as data.
//!
//! Every record is dated by its as-of date (a Tuesday, usually), but
//! nobody could trade on it before CFTC published it: normally the Friday
//! after, at 3:30 pm Eastern; later when a federal holiday or a closure
//! falls in the week; weeks later after the shutdowns of 2013, 2018-19 and
//! 2025 and the ION incident of 2023; and, for the weeks before a report
//! was launched, only when CFTC published its history. [`release`] gives,
//! for a report and an as-of date, the moment it was published (in New
//! York and in UTC, by the time-zone database, daylight saving included)
//! and why ([`Basis`]): CFTC's rule, a listed event with its source, a
//! launch's history, or an estimate that says by which rule.
//!
//! CFTC's rule, read off its schedules (the 2024 schedule, the original
//! dates of the 2025 catch-up table, the 2021 Juneteenth delay): a report
//! is published on the third business day after its as-of date, which is
//! the Friday after a Tuesday; a federal holiday or closure in between
//! moves it to the next business day (Juneteenth on Wednesday 2024-06-19:
//! Monday 2024-06-24); when the Tuesday is a holiday the data are
//! Monday's, published the same Friday (2018-12-24: 2018-12-28).
//!
//! ```
//! use chrono::NaiveDate;
//! use cftc_cot::records::calendar::{release, Basis};
//! use cftc_cot::ReportKind;
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let usual = release(ReportKind::Tff, day(2024, 9, 17));
//! assert_eq!(usual.date, day(2024, 9, 20));
//! assert_eq!(usual.published.to_rfc3339(), "2024-09-20T19:30:00+00:00");
//! // Juneteenth on the Wednesday: the Monday after.
//! let late = release(ReportKind::Legacy, day(2024, 6, 18));
//! assert_eq!(late.date, day(2024, 6, 24));
//! assert!(matches!(late.basis, Basis::Rule { ref closures } if closures.len() == 1));
//! // The 2018-19 shutdown.
//! assert_eq!(release(ReportKind::Tff, day(2018, 12, 24)).date, day(2019, 2, 1));
//! ```

mod closures;
mod events;

use std::fmt;

use chrono::{DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::America::New_York;
use chrono_tz::Tz;
use serde::Serialize;

use crate::records::ReportKind;

pub use closures::{Closure, closure, is_business_day};
pub use events::{Event, Launch, SCHEDULE, SCHEDULE_2004, Source, SourceKind, launch};

/// CFTC's release time, 3:30 pm in New York.
pub const RELEASE_TIME: NaiveTime = match NaiveTime::from_hms_opt(15, 30, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// The first as-of date of the weekly Tuesday reports whose release dates
/// CFTC's schedules in our sources cover (2004); earlier weekly releases
/// are estimated by the same rule.
pub const FIRST_SCHEDULED: NaiveDate = match NaiveDate::from_ymd_opt(2004, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Before this, CFTC reported twice a month (mid-month and month-end in
/// the 1986 and 1988 files) and no source gives the release dates.
pub const FIRST_WEEKLY: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Why a report was published when it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Basis {
    /// CFTC's rule ([`SCHEDULE`]): the third business day after the as-of
    /// date, later by the closures in `closures` (none in a usual week;
    /// for Monday data, the Tuesday holiday).
    Rule {
        /// The holidays and closures between the as-of date and the
        /// release that shaped it.
        closures: Vec<Closure>,
    },
    /// A release CFTC announced or listed, or the press reported from
    /// CFTC: catch-ups, a premature release.
    Event(Event),
    /// A week before the report's first weekly release, published with
    /// its history.
    Launch(Launch),
    /// No source gives the date; `rule` says how it is estimated.
    Estimated {
        /// How the date was estimated.
        rule: &'static str,
    },
}

/// When one report was published. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Release {
    /// The report.
    pub report: ReportKind,
    /// The as-of date of its data.
    pub as_of: NaiveDate,
    /// The day it was published, in New York.
    pub date: NaiveDate,
    /// The moment it was published (3:30 pm in New York), in UTC.
    pub published: DateTime<Utc>,
    /// Why then.
    pub basis: Basis,
}

impl Release {
    /// The moment of publication in New York time.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// use cftc_cot::records::calendar::release;
    /// let r = release(cftc_cot::ReportKind::Legacy, NaiveDate::from_ymd_opt(2024, 1, 9).unwrap());
    /// assert_eq!(r.local().to_rfc3339(), "2024-01-12T15:30:00-05:00");
    /// ```
    pub fn local(&self) -> DateTime<Tz> {
        self.published.with_timezone(&New_York)
    }

    /// Whether no source gives the date (see [`Basis::Estimated`], and the
    /// listed events and launches marked estimated).
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// use cftc_cot::records::calendar::release;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(release(cftc_cot::ReportKind::Legacy, day(1986, 1, 15)).is_estimated());
    /// assert!(!release(cftc_cot::ReportKind::Legacy, day(2025, 9, 30)).is_estimated());
    /// ```
    pub fn is_estimated(&self) -> bool {
        match &self.basis {
            Basis::Rule { .. } => false,
            Basis::Event(e) => e.estimated,
            Basis::Launch(l) => l.estimated,
            Basis::Estimated { .. } => true,
        }
    }

    /// Whether the report had been published at `moment`.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// use cftc_cot::records::calendar::{release, parse_moment};
    /// let r = release(cftc_cot::ReportKind::Tff, NaiveDate::from_ymd_opt(2024, 9, 17).unwrap());
    /// assert!(!r.known_at(parse_moment("2024-09-20T15:29").unwrap()));
    /// assert!(r.known_at(parse_moment("2024-09-20T15:30").unwrap()));
    /// ```
    pub fn known_at(&self, moment: DateTime<Utc>) -> bool {
        self.published <= moment
    }

    /// Why it was published then, in a sentence: `the usual Friday`,
    /// `delayed by Juneteenth (2024-06-19)`, an event's or a launch's
    /// reason with its source, or how it was estimated.
    pub fn why(&self) -> String {
        match &self.basis {
            Basis::Rule { closures } if closures.is_empty() => {
                "CFTC's usual schedule (3:30 pm Eastern, the third business day after the as-of date)".into()
            }
            Basis::Rule { closures } => {
                let list: Vec<String> = closures
                    .iter()
                    .map(|c| format!("{} ({})", c.name, c.date))
                    .collect();
                format!("CFTC's schedule, moved by {}", list.join(" and "))
            }
            Basis::Event(e) => format!("{} [{}]", e.why, e.source.title),
            Basis::Launch(l) => format!(
                "published with the {} report's history: {} [{}]",
                l.report.title(),
                l.why,
                l.source.title
            ),
            Basis::Estimated { rule } => format!("estimated: {rule}"),
        }
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} report of {}: published {} ({})",
            self.report.title(),
            self.as_of,
            new_york(self.published),
            self.why()
        )
    }
}

/// A moment as New York time, `2019-01-15 23:59 EST`: how the crate's
/// text output shows release times and `--as-known-at`.
///
/// ```
/// use cftc_cot::records::calendar::{new_york, parse_moment};
/// assert_eq!(new_york(parse_moment("2024-07-12T15:30").unwrap()), "2024-07-12 15:30 EDT");
/// ```
pub fn new_york(moment: DateTime<Utc>) -> String {
    moment
        .with_timezone(&New_York)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// `time` on `date` in New York, in UTC (the earlier of an hour that
/// happens twice); `None` for a time the clocks skip.
///
/// ```
/// use chrono::{NaiveDate, NaiveTime};
/// use cftc_cot::records::calendar::in_new_york;
/// let day = NaiveDate::from_ymd_opt(2024, 7, 12).unwrap();
/// let four = NaiveTime::from_hms_opt(16, 0, 0).unwrap();
/// assert_eq!(in_new_york(day, four).unwrap().to_rfc3339(), "2024-07-12T20:00:00+00:00");
/// ```
pub fn in_new_york(date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    match New_York.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// The New York date of a moment.
///
/// ```
/// use cftc_cot::records::calendar::{new_york_date, parse_moment};
/// // 02:00 UTC on the 13th is still the 12th in New York.
/// let t = parse_moment("2024-01-13T02:00:00Z").unwrap();
/// assert_eq!(new_york_date(t).to_string(), "2024-01-12");
/// ```
pub fn new_york_date(moment: DateTime<Utc>) -> NaiveDate {
    moment.with_timezone(&New_York).date_naive()
}

/// 3:30 pm in New York on `date`, in UTC.
fn at_release_time(date: NaiveDate) -> DateTime<Utc> {
    // 3:30 pm is never skipped by a clock change.
    in_new_york(date, RELEASE_TIME)
        .unwrap_or_else(|| Utc.from_utc_datetime(&date.and_time(RELEASE_TIME)))
}

/// The third business day after `as_of`, with the closures passed on
/// the way.
fn third_business_day(as_of: NaiveDate) -> (NaiveDate, Vec<Closure>) {
    let mut day = as_of;
    let mut counted = 0;
    let mut passed = Vec::new();
    while counted < 3 {
        let Some(next) = day.succ_opt() else {
            break;
        };
        day = next;
        if let Some(c) = closure(day) {
            passed.push(c);
        } else if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            counted += 1;
        }
    }
    (day, passed)
}

/// The next business day on or after `date`.
fn business_day_from(mut date: NaiveDate) -> NaiveDate {
    while !is_business_day(date) {
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    date
}

/// When CFTC published `report`'s data of `as_of`. See the [module
/// docs](self).
///
/// ```
/// use chrono::NaiveDate;
/// use cftc_cot::records::calendar::{release, Basis};
/// use cftc_cot::ReportKind;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // The Disaggregated history before its launch was published 2009-10-20.
/// let r = release(ReportKind::Disaggregated, day(2008, 3, 4));
/// assert_eq!(r.date, day(2009, 10, 20));
/// assert!(matches!(r.basis, Basis::Launch(_)));
/// // Monday data when the Tuesday is a holiday, out the same Friday.
/// assert_eq!(release(ReportKind::Tff, day(2017, 7, 3)).date, day(2017, 7, 7));
/// ```
pub fn release(report: ReportKind, as_of: NaiveDate) -> Release {
    let (date, basis) = schedule(report, as_of);
    Release {
        report,
        as_of,
        date,
        published: at_release_time(date),
        basis,
    }
}

fn schedule(report: ReportKind, as_of: NaiveDate) -> (NaiveDate, Basis) {
    if let Some(l) = launch(report).filter(|l| as_of < l.first_as_of) {
        return (l.history_published, Basis::Launch(l));
    }
    if let Some(e) = events::event(as_of) {
        return (e.published, Basis::Event(e));
    }
    if as_of < FIRST_WEEKLY {
        let date = business_day_from(as_of.checked_add_days(Days::new(14)).unwrap_or(as_of));
        return (
            date,
            Basis::Estimated {
                rule: "CFTC reported twice a month or every two weeks then, and no source \
                       gives the release dates: taken as the business day 14 days after the \
                       as-of date, late rather than early",
            },
        );
    }
    let (date, passed) = third_business_day(as_of);
    let tuesday_closed =
        as_of.weekday() == Weekday::Mon && as_of.succ_opt().and_then(closure).is_some();
    if as_of.weekday() != Weekday::Tue && !tuesday_closed {
        return (
            date,
            Basis::Estimated {
                rule: "an as-of date other than a Tuesday (or a Monday before a Tuesday \
                       holiday), whose release no source gives: three business days after \
                       it, as usual",
            },
        );
    }
    if as_of < FIRST_SCHEDULED {
        return (
            date,
            Basis::Estimated {
                rule: "CFTC's usual rule (three business days after the as-of date, later by \
                       holidays), before the earliest of its release schedules in our sources \
                       (2004)",
            },
        );
    }
    // The Tuesday holiday of Monday data counts among the closures.
    (date, Basis::Rule { closures: passed })
}

/// Every listed release outside CFTC's rule (catch-ups, a premature
/// release), oldest first, with its source.
///
/// ```
/// let events = cftc_cot::records::calendar::events();
/// assert!(events.iter().any(|e| e.why.starts_with("2025 shutdown")));
/// assert!(events.windows(2).all(|w| w[0].as_of <= w[1].as_of));
/// ```
pub fn events() -> Vec<Event> {
    events::events()
}

/// A moment as the CLI's `--as-known-at` takes it: `YYYY-MM-DD` (the end
/// of that day in New York), `YYYY-MM-DDTHH:MM[:SS]` (New York time), or
/// RFC 3339 with an offset (`2019-01-15T20:30:00Z`).
///
/// ```
/// use cftc_cot::records::calendar::parse_moment;
/// assert_eq!(parse_moment("2024-09-20T15:30").unwrap().to_rfc3339(), "2024-09-20T19:30:00+00:00");
/// assert_eq!(parse_moment("2024-01-12").unwrap().to_rfc3339(), "2024-01-13T04:59:59+00:00");
/// assert_eq!(parse_moment("2019-01-15T20:30:00Z").unwrap().to_rfc3339(), "2019-01-15T20:30:00+00:00");
/// assert!(parse_moment("15 Jan").is_err());
/// ```
pub fn parse_moment(text: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let local = if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        d.and_hms_opt(23, 59, 59)
    } else {
        [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())
    };
    let Some(local) = local else {
        return Err(format!(
            "`{text}` is not a moment: give YYYY-MM-DD (the end of that day in New York), \
             YYYY-MM-DDTHH:MM (New York time) or RFC 3339 with an offset"
        ));
    };
    // An hour that happens twice is taken at its first: the earlier
    // moment knows less, never more, than the user meant.
    in_new_york(local.date(), local.time())
        .ok_or_else(|| format!("`{text}` does not exist in New York (the clocks skipped it)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// CFTC's tentative schedule through 2024 (cftc.gov/es/node/132401),
    /// read by hand: every release date of 2024, and the report each
    /// carries (the Tuesday before, or the Tuesday of the week before
    /// for the Monday releases).
    #[test]
    fn the_2024_schedule() {
        let published: &[(u32, &[u32])] = &[
            (1, &[5, 12, 19, 26]),
            (2, &[2, 9, 16, 23]),
            (3, &[1, 8, 15, 22, 29]),
            (4, &[5, 12, 19, 26]),
            (5, &[3, 10, 17, 24, 31]),
            (6, &[7, 14, 24, 28]),
            (7, &[8, 12, 19, 26]),
            (8, &[2, 9, 16, 23, 30]),
            (9, &[6, 13, 20, 27]),
            (10, &[4, 11, 18, 25]),
            (11, &[1, 8, 15, 22]),
            (12, &[2, 6, 13, 20, 30]),
        ];
        let mut n = 0;
        for (month, days) in published {
            for d in *days {
                let on = day(2024, *month, *d);
                // The Tuesday of the release's week, or of the week before
                // for a Monday release.
                let back = match on.weekday() {
                    Weekday::Fri => 3,
                    Weekday::Mon => 6,
                    other => panic!("{on} is a {other}"),
                };
                let as_of = on - chrono::Duration::days(back);
                let r = release(ReportKind::Legacy, as_of);
                assert_eq!(r.date, on, "as of {as_of}: {}", r.why());
                assert!(!r.is_estimated());
                n += 1;
            }
        }
        assert_eq!(n, 52);
    }

    #[test]
    fn moved_by_holidays_and_closures() {
        // The original dates of CFTC's 2025 catch-up table: Monday data of
        // 2025-11-10 (Veterans Day on the Tuesday) due Friday 11-14;
        // Thanksgiving week due Monday 12-01; New Year's week Monday 01-05.
        for (as_of, due) in [
            (day(2025, 11, 10), day(2025, 11, 14)),
            (day(2025, 11, 25), day(2025, 12, 1)),
            (day(2025, 12, 30), day(2026, 1, 5)),
        ] {
            assert_eq!(third_business_day(as_of).0, due, "{as_of}");
        }
        // Juneteenth 2021, declared on the Thursday and observed on Friday
        // 2021-06-18: the report came out on Monday.
        assert_eq!(
            release(ReportKind::Legacy, day(2021, 6, 15)).date,
            day(2021, 6, 21)
        );
        // "previously scheduled for release on Friday, Dec. 28, 2018 (based on
        // data from Monday, Dec. 24, 2018)" (CFTC, 2019-01-29).
        assert_eq!(third_business_day(day(2018, 12, 24)).0, day(2018, 12, 28));
    }

    #[test]
    fn catch_ups_and_launches() {
        // Every week of the 2025 table, read off it by hand.
        let table = [
            ((2025, 9, 30), (2025, 11, 19)),
            ((2025, 10, 7), (2025, 11, 21)),
            ((2025, 10, 14), (2025, 11, 25)),
            ((2025, 10, 21), (2025, 12, 2)),
            ((2025, 10, 28), (2025, 12, 5)),
            ((2025, 11, 4), (2025, 12, 9)),
            ((2025, 11, 10), (2025, 12, 12)),
            ((2025, 11, 18), (2025, 12, 16)),
            ((2025, 11, 25), (2025, 12, 19)),
            ((2025, 12, 2), (2025, 12, 23)),
            ((2025, 12, 9), (2025, 12, 30)),
            ((2025, 12, 16), (2026, 1, 6)),
            ((2025, 12, 23), (2026, 1, 9)),
            ((2025, 12, 30), (2026, 1, 13)),
            ((2026, 1, 6), (2026, 1, 16)),
            ((2026, 1, 13), (2026, 1, 20)),
            ((2026, 1, 20), (2026, 1, 23)),
        ];
        for ((y, m, d), (py, pm, pd)) in table {
            let r = release(ReportKind::Tff, day(y, m, d));
            assert_eq!(r.date, day(py, pm, pd), "{}", r.why());
            assert!(!r.is_estimated());
        }
        // 2018-19: Friday 2019-02-01, then Tuesdays and Fridays to 2019-03-08.
        let weeks = [
            (day(2018, 12, 24), day(2019, 2, 1)),
            (day(2018, 12, 31), day(2019, 2, 5)),
            (day(2019, 1, 8), day(2019, 2, 8)),
            (day(2019, 1, 15), day(2019, 2, 12)),
            (day(2019, 1, 22), day(2019, 2, 15)),
            (day(2019, 1, 29), day(2019, 2, 19)),
            (day(2019, 2, 5), day(2019, 2, 22)),
            (day(2019, 2, 12), day(2019, 2, 26)),
            (day(2019, 2, 19), day(2019, 3, 1)),
            (day(2019, 2, 26), day(2019, 3, 5)),
            (day(2019, 3, 5), day(2019, 3, 8)),
        ];
        for (as_of, on) in weeks {
            assert_eq!(release(ReportKind::Legacy, as_of).date, on, "{as_of}");
        }
        assert_eq!(
            release(ReportKind::Legacy, day(2018, 12, 18)).date,
            day(2018, 12, 21)
        );
        // ION: the first on 2023-02-24, by CFTC; the next ones estimated.
        assert!(!release(ReportKind::Legacy, day(2023, 1, 31)).is_estimated());
        assert!(release(ReportKind::Legacy, day(2023, 2, 7)).is_estimated());
        // Launches: the Disaggregated history, the TFF (estimated).
        let d = release(ReportKind::Disaggregated, day(2006, 6, 13));
        assert_eq!(d.date, day(2009, 10, 20));
        assert!(!d.is_estimated());
        assert_eq!(
            release(ReportKind::Disaggregated, day(2009, 9, 1)).date,
            day(2009, 9, 4)
        );
        assert!(release(ReportKind::Tff, day(2008, 1, 8)).is_estimated());
        // The legacy report of the same week was out in 2008.
        assert_eq!(
            release(ReportKind::Legacy, day(2008, 1, 8)).date,
            day(2008, 1, 11)
        );
    }

    #[test]
    fn daylight_saving_and_moments() {
        // 3:30 pm EDT is 19:30 UTC, EST 20:30 UTC.
        assert_eq!(
            at_release_time(day(2024, 7, 12)).to_rfc3339(),
            "2024-07-12T19:30:00+00:00"
        );
        assert_eq!(
            at_release_time(day(2024, 1, 12)).to_rfc3339(),
            "2024-01-12T20:30:00+00:00"
        );
        // 2007 moved the change to March; 2006 still in April.
        assert_eq!(
            at_release_time(day(2007, 3, 16)).to_rfc3339(),
            "2007-03-16T19:30:00+00:00"
        );
        assert_eq!(
            at_release_time(day(2006, 3, 17)).to_rfc3339(),
            "2006-03-17T20:30:00+00:00"
        );
        assert!(parse_moment("2024-03-10T02:30").is_err());
        assert!(parse_moment("yesterday").is_err());
    }

    #[test]
    fn estimates_say_so() {
        let r = release(ReportKind::Legacy, day(1986, 1, 15));
        assert!(r.is_estimated());
        assert!(r.why().starts_with("estimated: "));
        assert_eq!(r.date, day(1986, 1, 29));
        // 2002: the usual rule, estimated before the 2004 schedule.
        let r = release(ReportKind::Legacy, day(2002, 1, 8));
        assert_eq!(r.date, day(2002, 1, 11));
        assert!(r.is_estimated());
        // Monday data without a Tuesday holiday.
        assert!(release(ReportKind::Tff, day(2020, 12, 21)).is_estimated());
        // The 2013 shutdown: no source gives the dates.
        assert!(release(ReportKind::Legacy, day(2013, 10, 1)).is_estimated());
        // The ends of the calendar answer, never panic.
        for d in [NaiveDate::MIN, NaiveDate::MAX] {
            for kind in ReportKind::ALL {
                let r = release(kind, d);
                assert_eq!(r.as_of, d);
                assert!(!r.why().is_empty());
            }
        }
    }
}
