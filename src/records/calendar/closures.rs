//! The days the federal government was closed: the federal holidays, by
//! the rules of 5 U.S.C. 6103 (observed on the Friday before a Saturday
//! and the Monday after a Sunday), and the days closed by executive order
//! or for a national day of mourning.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

/// A day the federal government (and so CFTC) was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Closure {
    /// The day closed (the observed day for a holiday on a weekend).
    pub date: NaiveDate,
    /// What closed it: `Thanksgiving Day`, `Juneteenth`, `national day of
    /// mourning for President Ford`.
    pub name: &'static str,
}

/// Days closed outside the holiday rules: executive orders giving federal
/// employees a day off (most around Christmas) and national days of
/// mourning for former presidents.
const ONE_OFF: &[(i32, u32, u32, &str)] = &[
    (2001, 12, 24, "Christmas Eve (executive order)"),
    (2003, 12, 26, "the day after Christmas (executive order)"),
    (2004, 6, 11, "national day of mourning for President Reagan"),
    (2007, 1, 2, "national day of mourning for President Ford"),
    (2007, 12, 24, "Christmas Eve (executive order)"),
    (2008, 12, 26, "the day after Christmas (executive order)"),
    (2012, 12, 24, "Christmas Eve (executive order)"),
    (2014, 12, 26, "the day after Christmas (executive order)"),
    (2015, 12, 24, "Christmas Eve (executive order)"),
    (
        2018,
        12,
        5,
        "national day of mourning for President George H. W. Bush",
    ),
    (2018, 12, 24, "Christmas Eve (executive order)"),
    (2019, 12, 24, "Christmas Eve (executive order)"),
    (2020, 12, 24, "Christmas Eve (executive order)"),
    (2024, 12, 24, "Christmas Eve (executive order)"),
    (2025, 1, 9, "national day of mourning for President Carter"),
    (2025, 12, 24, "Christmas Eve (executive order)"),
    (2025, 12, 26, "the day after Christmas (executive order)"),
];

/// The `n`th (from 1) `weekday` of a month, or the last when `n` is 0.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    if n == 0 {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        let mut day = next.pred_opt()?;
        while day.weekday() != weekday {
            day = day.pred_opt()?;
        }
        return Some(day);
    }
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
}

/// A fixed-date holiday as observed: a Saturday's on the Friday before, a
/// Sunday's on the Monday after.
fn observed(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    match date.weekday() {
        Weekday::Sat => date.pred_opt(),
        Weekday::Sun => date.succ_opt(),
        _ => Some(date),
    }
}

/// The federal holidays observed in `year` (New Year's Day of the next year
/// is observed on December 31 when January 1 is a Saturday).
fn holidays(year: i32) -> Vec<Closure> {
    let mut out = Vec::new();
    let mut add = |date: Option<NaiveDate>, name: &'static str| {
        if let Some(date) = date {
            out.push(Closure { date, name });
        }
    };
    add(observed(year, 1, 1), "New Year's Day");
    add(observed(year + 1, 1, 1), "New Year's Day");
    if year >= 1986 {
        add(
            nth_weekday(year, 1, Weekday::Mon, 3),
            "Birthday of Martin Luther King, Jr.",
        );
    }
    add(
        nth_weekday(year, 2, Weekday::Mon, 3),
        "Washington's Birthday",
    );
    add(nth_weekday(year, 5, Weekday::Mon, 0), "Memorial Day");
    if year >= 2021 {
        add(observed(year, 6, 19), "Juneteenth");
    }
    add(observed(year, 7, 4), "Independence Day");
    add(nth_weekday(year, 9, Weekday::Mon, 1), "Labor Day");
    add(nth_weekday(year, 10, Weekday::Mon, 2), "Columbus Day");
    add(observed(year, 11, 11), "Veterans Day");
    add(nth_weekday(year, 11, Weekday::Thu, 4), "Thanksgiving Day");
    add(observed(year, 12, 25), "Christmas Day");
    out
}

/// The closure of a day, if the federal government was closed on it (a
/// weekend is not a closure).
///
/// ```
/// use chrono::NaiveDate;
/// use cftc_cot::records::calendar::closure;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(closure(day(2024, 6, 19)).map(|c| c.name), Some("Juneteenth"));
/// // July 4, 2015 was a Saturday: observed on Friday the 3rd.
/// assert_eq!(closure(day(2015, 7, 3)).map(|c| c.name), Some("Independence Day"));
/// assert!(closure(day(2024, 6, 20)).is_none());
/// ```
pub fn closure(date: NaiveDate) -> Option<Closure> {
    if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        return None;
    }
    // Juneteenth became a holiday on 2021-06-17 and was first observed the
    // next day; the rule gives 2021-06-18 (June 19 was a Saturday).
    holidays(date.year())
        .into_iter()
        .find(|c| c.date == date)
        .or_else(|| {
            ONE_OFF
                .iter()
                .find(|(y, m, d, _)| NaiveDate::from_ymd_opt(*y, *m, *d) == Some(date))
                .map(|(_, _, _, name)| Closure { date, name })
        })
}

/// Whether CFTC works on `date`: a weekday that is not a closure.
pub fn is_business_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && closure(date).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn holidays_by_rule_and_observance() {
        // Read off the calendars: Thanksgiving 2024 was November 28, Memorial
        // Day 2025 May 26, Labor Day 2019 September 2, MLK Day 2026 January 19.
        assert_eq!(
            closure(day(2024, 11, 28)).map(|c| c.name),
            Some("Thanksgiving Day")
        );
        assert_eq!(
            closure(day(2025, 5, 26)).map(|c| c.name),
            Some("Memorial Day")
        );
        assert_eq!(closure(day(2019, 9, 2)).map(|c| c.name), Some("Labor Day"));
        assert!(closure(day(2026, 1, 19)).is_some());
        // January 1, 2022 was a Saturday: observed on Friday, December 31, 2021.
        assert_eq!(
            closure(day(2021, 12, 31)).map(|c| c.name),
            Some("New Year's Day")
        );
        // Christmas 2022 was a Sunday: observed Monday the 26th.
        assert!(closure(day(2022, 12, 26)).is_some());
        assert!(closure(day(2022, 12, 23)).is_none());
        // Juneteenth only from 2021.
        assert!(closure(day(2020, 6, 19)).is_none());
        assert!(closure(day(2021, 6, 18)).is_some());
        // MLK Day only from 1986.
        assert!(closure(day(1985, 1, 21)).is_none());
        // One-off closures.
        assert!(closure(day(2007, 1, 2)).is_some());
        assert!(closure(day(2018, 12, 5)).is_some());
        assert!(!is_business_day(day(2025, 1, 9)));
        assert!(is_business_day(day(2025, 1, 10)));
        assert!(!is_business_day(day(2025, 1, 11)));
    }
}
