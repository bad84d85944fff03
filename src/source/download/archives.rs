//! Where CFTC publishes each report: archive names and URLs.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::records::{ReportKind, Scope};

/// CFTC's directory of yearly and multi-year archives.
pub const HISTORY_BASE_URL: &str = "https://www.cftc.gov/files/dea/history/";
/// CFTC's directory of the current week's headerless files.
pub const NEWCOT_BASE_URL: &str = "https://www.cftc.gov/dea/newcot/";

/// The last year held by the multi-year archives (`deacot1986_2016.zip`, ...);
/// later years are published as yearly zips only.
pub const LAST_MULTI_YEAR: i32 = 2016;

/// What an archive covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Span {
    /// Several years in one zip (`deacot1986_2016.zip`).
    MultiYear {
        /// First year.
        from: i32,
        /// Last year.
        to: i32,
    },
    /// One year (`deacot2024.zip`).
    Year {
        /// The year.
        year: i32,
    },
    /// The current week's headerless text file (`deafut.txt`).
    CurrentWeek,
}

/// One file CFTC publishes: a zip archive or the current week's text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Archive {
    /// Legacy, TFF or Disaggregated.
    pub report: ReportKind,
    /// Futures only or combined.
    pub scope: Scope,
    /// The years it covers.
    pub span: Span,
}

/// The first year of each report's history.
pub fn first_year(report: ReportKind, scope: Scope) -> i32 {
    match (report, scope) {
        (ReportKind::Legacy, Scope::FuturesOnly) => 1986,
        (ReportKind::Legacy, Scope::Combined) => 1995,
        (ReportKind::Tff | ReportKind::Disaggregated, _) => 2006,
        (ReportKind::Supplemental, Scope::Combined) => 2006,
        // The Supplemental report is published combined only.
        (ReportKind::Supplemental, Scope::FuturesOnly) => i32::MAX,
    }
}

impl Archive {
    /// The multi-year archive of a report.
    pub fn multi_year(report: ReportKind, scope: Scope) -> Self {
        Archive {
            report,
            scope,
            span: Span::MultiYear {
                from: first_year(report, scope),
                to: LAST_MULTI_YEAR,
            },
        }
    }

    /// The yearly archive of a report.
    pub fn year(report: ReportKind, scope: Scope, year: i32) -> Self {
        Archive {
            report,
            scope,
            span: Span::Year { year },
        }
    }

    /// The current week's headerless file; `None` for the Supplemental
    /// report, which has no weekly text file this crate knows of.
    pub fn current_week(report: ReportKind, scope: Scope) -> Option<Self> {
        (report != ReportKind::Supplemental).then_some(Archive {
            report,
            scope,
            span: Span::CurrentWeek,
        })
    }

    /// The archives that cover `from..=to`: the multi-year archive for
    /// years up to 2016, yearly zips after. Years before the report's
    /// history are left out.
    ///
    /// ```
    /// use cftc_cot::source::download::Archive;
    /// use cftc_cot::{ReportKind, Scope};
    /// let names: Vec<String> = Archive::covering(ReportKind::Tff, Scope::FuturesOnly, 1990, 2018)
    ///     .iter()
    ///     .map(|a| a.file_name())
    ///     .collect();
    /// assert_eq!(names, ["fin_fut_txt_2006_2016.zip", "fut_fin_txt_2017.zip", "fut_fin_txt_2018.zip"]);
    /// ```
    pub fn covering(report: ReportKind, scope: Scope, from: i32, to: i32) -> Vec<Archive> {
        let from = from.max(first_year(report, scope));
        let mut out = Vec::new();
        if from <= LAST_MULTI_YEAR && from <= to {
            out.push(Archive::multi_year(report, scope));
        }
        for year in from.max(LAST_MULTI_YEAR + 1)..=to {
            out.push(Archive::year(report, scope, year));
        }
        out
    }

    /// The yearly archives that stand in for the multi-year one (CFTC
    /// publishes both; mirrors may hold only the yearly ones).
    pub fn yearly_parts(&self, from: i32, to: i32) -> Vec<Archive> {
        match self.span {
            Span::MultiYear { from: a, to: b } => (from.max(a)..=to.min(b))
                .map(|y| Archive::year(self.report, self.scope, y))
                .collect(),
            _ => vec![self.clone()],
        }
    }

    /// CFTC's file name (`deacot2024.zip`, `fin_com_txt_2006_2016.zip`, `deafut.txt`).
    pub fn file_name(&self) -> String {
        use ReportKind::{Disaggregated, Legacy, Supplemental, Tff};
        use Scope::{Combined, FuturesOnly};
        match (self.report, self.scope, self.span) {
            (Legacy, FuturesOnly, Span::Year { year }) => format!("deacot{year}.zip"),
            (Legacy, Combined, Span::Year { year }) => format!("deahistfo{year}.zip"),
            (Tff, FuturesOnly, Span::Year { year }) => format!("fut_fin_txt_{year}.zip"),
            (Tff, Combined, Span::Year { year }) => format!("com_fin_txt_{year}.zip"),
            (Legacy, FuturesOnly, Span::MultiYear { from, to }) => {
                format!("deacot{from}_{to}.zip")
            }
            (Legacy, Combined, Span::MultiYear { from, to }) => {
                format!("deahistfo_{from}_{to}.zip")
            }
            (Tff, FuturesOnly, Span::MultiYear { from, to }) => {
                format!("fin_fut_txt_{from}_{to}.zip")
            }
            (Tff, Combined, Span::MultiYear { from, to }) => format!("fin_com_txt_{from}_{to}.zip"),
            (Legacy, FuturesOnly, Span::CurrentWeek) => "deafut.txt".into(),
            (Legacy, Combined, Span::CurrentWeek) => "deacom.txt".into(),
            (Tff, FuturesOnly, Span::CurrentWeek) => "FinFutWk.txt".into(),
            (Tff, Combined, Span::CurrentWeek) => "FinComWk.txt".into(),
            (Disaggregated, FuturesOnly, Span::Year { year }) => {
                format!("fut_disagg_txt_{year}.zip")
            }
            (Disaggregated, Combined, Span::Year { year }) => {
                format!("com_disagg_txt_{year}.zip")
            }
            (Disaggregated, FuturesOnly, Span::MultiYear { from, to }) => {
                format!("fut_disagg_txt_hist_{from}_{to}.zip")
            }
            (Disaggregated, Combined, Span::MultiYear { from, to }) => {
                format!("com_disagg_txt_hist_{from}_{to}.zip")
            }
            (Disaggregated, FuturesOnly, Span::CurrentWeek) => "f_disagg.txt".into(),
            (Disaggregated, Combined, Span::CurrentWeek) => "c_disagg.txt".into(),
            // Combined only; the scope does not change the name.
            (Supplemental, _, Span::Year { year }) => format!("dea_cit_txt_{year}.zip"),
            (Supplemental, _, Span::MultiYear { from, to }) => {
                format!("dea_cit_txt_{from}_{to}.zip")
            }
            // No weekly file is known: the yearly archive's member name.
            (Supplemental, _, Span::CurrentWeek) => "annualci.txt".into(),
        }
    }

    /// Whether this is a zip (everything but the current week's file).
    pub fn is_zip(&self) -> bool {
        self.span != Span::CurrentWeek
    }

    /// The URL under the given bases (each ending in `/`).
    pub fn url(&self, history_base: &str, newcot_base: &str) -> String {
        let base = match self.span {
            Span::CurrentWeek => newcot_base,
            _ => history_base,
        };
        format!("{base}{}", self.file_name())
    }

    /// The last year the archive holds.
    pub fn last_year(&self, today: NaiveDate) -> i32 {
        match self.span {
            Span::MultiYear { to, .. } => to,
            Span::Year { year } => year,
            Span::CurrentWeek => today.year(),
        }
    }

    /// Whether a cached copy is final (CFTC will not change it any more),
    /// from what the data say, not the calendar: the copy holds its last
    /// year's last report (`last_date`, its last as-of date, falls in the
    /// year's last week), or the next year's first report is out
    /// (`next_year_first`, the first as-of date of the next year's file,
    /// published by the Friday after it) and a check made after that found
    /// the copy still ending where it did (`unchanged_on`). A yearly file
    /// built before the year's last report (CFTC's `deacot2021.zip` of
    /// 2021-12-27 ends at 2021-12-21), or fetched in January 2019 when the
    /// shutdown had held back late December's reports, stays open.
    ///
    /// ```
    /// use cftc_cot::source::download::Archive;
    /// use cftc_cot::{ReportKind, Scope};
    /// use chrono::NaiveDate;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    /// let y2021 = Archive::year(ReportKind::Legacy, Scope::FuturesOnly, 2021);
    /// assert!(y2021.is_final(d(2021, 12, 28), None, None));
    /// assert!(!y2021.is_final(d(2021, 12, 21), d(2022, 1, 20), None));
    /// assert!(!y2021.is_final(d(2021, 12, 21), d(2022, 1, 5), d(2022, 1, 4)));
    /// assert!(y2021.is_final(d(2021, 12, 21), d(2022, 1, 20), d(2022, 1, 4)));
    /// ```
    pub fn is_final(
        &self,
        last_date: Option<NaiveDate>,
        unchanged_on: Option<NaiveDate>,
        next_year_first: Option<NaiveDate>,
    ) -> bool {
        let year = match self.span {
            Span::CurrentWeek => return false,
            Span::Year { year } => year,
            Span::MultiYear { to, .. } => to,
        };
        let last_week = NaiveDate::from_ymd_opt(year, 12, 25);
        let holds_last_report = matches!((last_date, last_week), (Some(d), Some(w)) if d >= w);
        // The next year's first report is public by the Friday after its
        // as-of Tuesday.
        let published = next_year_first
            .filter(|d| d.year() > year)
            .and_then(|d| d.checked_add_days(chrono::Days::new(3)));
        let confirmed = matches!(
            (last_date, unchanged_on, published),
            (Some(_), Some(on), Some(out)) if on >= out
        );
        holds_last_report || confirmed
    }

    /// The archive of the year after this one's last year (the one whose
    /// first report tells that this one is complete); `None` for the
    /// current week's file.
    pub fn next_year(&self) -> Option<Archive> {
        let year = match self.span {
            Span::CurrentWeek => return None,
            Span::Year { year } => year,
            Span::MultiYear { to, .. } => to,
        };
        Some(Archive::year(self.report, self.scope, year + 1))
    }
}

impl fmt::Display for Archive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_cftc_publishes_them() {
        let l = ReportKind::Legacy;
        let t = ReportKind::Tff;
        let (fo, c) = (Scope::FuturesOnly, Scope::Combined);
        assert_eq!(Archive::year(l, fo, 2024).file_name(), "deacot2024.zip");
        assert_eq!(Archive::year(l, c, 2024).file_name(), "deahistfo2024.zip");
        assert_eq!(
            Archive::year(t, fo, 2024).file_name(),
            "fut_fin_txt_2024.zip"
        );
        assert_eq!(
            Archive::year(t, c, 2024).file_name(),
            "com_fin_txt_2024.zip"
        );
        assert_eq!(
            Archive::multi_year(l, fo).file_name(),
            "deacot1986_2016.zip"
        );
        assert_eq!(
            Archive::multi_year(l, c).file_name(),
            "deahistfo_1995_2016.zip"
        );
        assert_eq!(
            Archive::multi_year(t, fo).file_name(),
            "fin_fut_txt_2006_2016.zip"
        );
        assert_eq!(
            Archive::multi_year(t, c).file_name(),
            "fin_com_txt_2006_2016.zip"
        );
        let d = ReportKind::Disaggregated;
        assert_eq!(
            Archive::year(d, fo, 2019).file_name(),
            "fut_disagg_txt_2019.zip"
        );
        assert_eq!(
            Archive::year(d, c, 2019).file_name(),
            "com_disagg_txt_2019.zip"
        );
        assert_eq!(
            Archive::multi_year(d, fo).file_name(),
            "fut_disagg_txt_hist_2006_2016.zip"
        );
        assert_eq!(
            Archive::multi_year(d, c).file_name(),
            "com_disagg_txt_hist_2006_2016.zip"
        );
        let week = |r, s| Archive::current_week(r, s).unwrap().file_name();
        assert_eq!(week(d, fo), "f_disagg.txt");
        assert_eq!(week(d, c), "c_disagg.txt");
        let cit = ReportKind::Supplemental;
        assert_eq!(
            Archive::year(cit, c, 2024).file_name(),
            "dea_cit_txt_2024.zip"
        );
        assert_eq!(
            Archive::multi_year(cit, c).file_name(),
            "dea_cit_txt_2006_2016.zip"
        );
        assert!(Archive::current_week(cit, c).is_none());
        assert!(Archive::covering(cit, fo, 2000, 2030).is_empty());
        assert_eq!(Archive::covering(cit, c, 2000, 2018).len(), 3);
        assert_eq!(
            Archive::current_week(t, c)
                .unwrap()
                .url(HISTORY_BASE_URL, NEWCOT_BASE_URL),
            "https://www.cftc.gov/dea/newcot/FinComWk.txt"
        );
        assert_eq!(
            Archive::year(l, fo, 2025).url(HISTORY_BASE_URL, NEWCOT_BASE_URL),
            "https://www.cftc.gov/files/dea/history/deacot2025.zip"
        );
    }

    #[test]
    fn covering_and_finality() {
        let a = Archive::covering(ReportKind::Legacy, Scope::FuturesOnly, 2017, 2019);
        assert_eq!(a.len(), 3);
        assert!(Archive::covering(ReportKind::Tff, Scope::Combined, 1990, 2005).is_empty());
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let y2025 = Archive::year(ReportKind::Legacy, Scope::FuturesOnly, 2025);
        // The last report of 2025 is 2025-12-30.
        assert!(y2025.is_final(Some(d(2025, 12, 30)), None, None));
        let first_2026 = Some(d(2026, 1, 6));
        assert!(!y2025.is_final(Some(d(2025, 12, 23)), Some(d(2026, 1, 5)), first_2026));
        assert!(y2025.is_final(Some(d(2025, 12, 23)), Some(d(2026, 1, 15)), first_2026));
        assert!(!y2025.is_final(Some(d(2025, 12, 23)), Some(d(2026, 1, 15)), None));
        assert!(!y2025.is_final(None, Some(d(2026, 3, 1)), first_2026));
        let multi = Archive::multi_year(ReportKind::Legacy, Scope::FuturesOnly);
        assert_eq!(multi.yearly_parts(1994, 2030).len(), 23);
    }
}
