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
    let weekday = date.weekday();
    if matches!(weekday, Weekday::Sat | Weekday::Sun) {
        return None;
    }
    let (year, month, day) = (date.year(), date.month(), date.day());
    let found = |name| Some(Closure { date, name });
    // The holidays on the nth weekday of a month, by the day's number:
    // asked of every day of every release week, so no list is built.
    let name = match (month, weekday, day) {
        (1, Weekday::Mon, 15..=21) if year >= 1986 => Some("Birthday of Martin Luther King, Jr."),
        (2, Weekday::Mon, 15..=21) => Some("Washington's Birthday"),
        (5, Weekday::Mon, 25..=31) => Some("Memorial Day"),
        (9, Weekday::Mon, 1..=7) => Some("Labor Day"),
        (10, Weekday::Mon, 8..=14) => Some("Columbus Day"),
        (11, Weekday::Thu, 22..=28) => Some("Thanksgiving Day"),
        _ => None,
    };
    if let Some(name) = name {
        return found(name);
    }
    // Juneteenth became a holiday on 2021-06-17 and was first observed the
    // next day; the rule gives 2021-06-18 (June 19 was a Saturday).
    let fixed: [(i32, u32, u32, &'static str); 6] = [
        (year, 1, 1, "New Year's Day"),
        (year + 1, 1, 1, "New Year's Day"),
        (year, 6, 19, "Juneteenth"),
        (year, 7, 4, "Independence Day"),
        (year, 11, 11, "Veterans Day"),
        (year, 12, 25, "Christmas Day"),
    ];
    // A fixed-date holiday is observed on its day or the one next to it.
    let near = matches!(
        (month, day),
        (1, 1..=2) | (6, 18..=20) | (7, 3..=5) | (11, 10..=12) | (12, 24..=26 | 31)
    );
    for (y, m, d, name) in fixed.into_iter().filter(|_| near) {
        if (name != "Juneteenth" || y >= 2021) && observed(y, m, d) == Some(date) {
            return found(name);
        }
    }
    ONE_OFF
        .iter()
        .find(|(y, m, d, _)| (*y, *m, *d) == (year, month, day))
        .and_then(|(_, _, _, name)| found(name))
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

    /// Every year has each holiday of the rules once (New Year's Day up to
    /// twice, when the next one is observed on December 31).
    #[test]
    fn each_holiday_once_a_year() {
        for year in 1987..=2035 {
            let mut names = std::collections::BTreeMap::new();
            let mut d = day(year, 1, 1);
            while d.year() == year {
                if let Some(c) = closure(d) {
                    *names.entry(c.name).or_insert(0) += 1;
                }
                d = d.succ_opt().unwrap();
            }
            for name in [
                "Birthday of Martin Luther King, Jr.",
                "Washington's Birthday",
                "Memorial Day",
                "Independence Day",
                "Labor Day",
                "Columbus Day",
                "Veterans Day",
                "Thanksgiving Day",
                "Christmas Day",
            ] {
                assert_eq!(names.get(name), Some(&1), "{name} in {year}");
            }
            assert!(
                (0..=2).contains(names.get("New Year's Day").unwrap_or(&0)),
                "{year}"
            );
            assert_eq!(names.contains_key("Juneteenth"), year >= 2021, "{year}");
        }
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
