//! The releases that CFTC's rule does not give: catch-ups after shutdowns
//! and the 2023 ION incident, a premature release, and the history each
//! report was launched with. Every entry names its source; an entry whose
//! date no source gives says it is estimated, and by which rule.

use chrono::NaiveDate;
use serde::Serialize;

use crate::records::ReportKind;

/// What kind of document a date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A CFTC announcement, press release or special announcement.
    Announcement,
    /// CFTC's tentative release schedule for a year.
    Schedule,
    /// A press report quoting CFTC.
    Press,
}

/// Where a date of the calendar comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Announcement, schedule or press report.
    pub kind: SourceKind,
    /// Who said it, and when.
    pub title: &'static str,
    /// Where it can be read.
    pub url: &'static str,
}

/// CFTC's page of the release schedule: "released at 3:30 p.m. Eastern
/// time ... usually released on Friday ... data from the previous
/// Tuesday ... Federal holidays may delay release by one or two days",
/// with the 2024 schedule (June 24, July 8, December 2 and December 30 on
/// Mondays for the holidays of their weeks).
pub const SCHEDULE: Source = Source {
    kind: SourceKind::Schedule,
    title: "CFTC, Commitments of Traders release schedule (tentative schedule through 2024)",
    url: "https://cftc.gov/es/node/132401",
};

/// The 2004 release schedule page, the earliest of CFTC's schedules in our
/// sources.
pub const SCHEDULE_2004: Source = Source {
    kind: SourceKind::Schedule,
    title: "CFTC, Commitments of Traders - Release Schedule Dates for 2004 (archived 2004-11-09)",
    url: "https://webharvest.gov/peth04/20041109015437/http://www.cftc.gov/cftc/cftccotreports.htm",
};

const SHUTDOWN_2013: Source = Source {
    kind: SourceKind::Press,
    title: "Reuters, 2013-10-17: this week's Commitments of Traders will not be published; \
            CFTC will announce a revised schedule",
    url: "http://www.reuters.com/article/usa-fiscal-cftc-idUSL1N0I71GG20131017",
};

const SHUTDOWN_2019: Source = Source {
    kind: SourceKind::Press,
    title: "The Fence Post (Hagstrom Report), 2019-01-29, quoting CFTC: the report of \
            2018-12-24 on 2019-02-01, then one each Tuesday and Friday until current",
    url: "https://www.thefencepost.com/news/cftc-releases-report-schedule-giancarlo-praises-staff/",
};

const SHUTDOWN_2025: Source = Source {
    kind: SourceKind::Press,
    title: "Mondo Visione, 2025-11-18, CFTC's Commitments of Traders publication schedule \
            after the lapse in appropriations",
    url: "https://mondovisione.com/media-and-resources/news/cftc-to-resume-publishing-cot-reports-wednesday-the-agency-also-announced-a-c-20251118/",
};

const ION_2023: Source = Source {
    kind: SourceKind::Announcement,
    title: "CFTC press release 8662-23, 2023-02-16: the report due 2023-02-03 (as of \
            2023-01-31) to be published 2023-02-24, the others sequentially by mid-March",
    url: "https://www.cftc.gov/PressRoom/PressReleases/8662-23",
};

const PREMATURE_2015: Source = Source {
    kind: SourceKind::Announcement,
    title: "CFTC special announcements, 2015-06-30 and 2015-07-06: next publication Monday \
            2015-07-06; a premature and incomplete release went out on Friday 2015-07-03",
    url: "http://cftc.gov/MarketReports/CommitmentsofTraders/AbouttheCOTReports/cot_about",
};

const SUPPLEMENTAL_LAUNCH: Source = Source {
    kind: SourceKind::Announcement,
    title: "CFTC press release 5262-06, 2006-12-05: the Supplemental report to be published \
            from 2007-01-05, the other reports unchanged in timing",
    url: "http://www.cftc.gov/PressRoom/PressReleases/pr5262-06",
};

const DISAGGREGATED_LAUNCH: Source = Source {
    kind: SourceKind::Press,
    title: "Hedgeweek, 2009-10-21, quoting CFTC: the Disaggregated report first published \
            2009-09-04; its history from 2006-06-13 available from 2009-10-20",
    url: "http://www.hedgeweek.com/2009/10/21/cftc-release-history-disaggregated-cot-data",
};

const TFF_LAUNCH: Source = Source {
    kind: SourceKind::Schedule,
    title: "CFTC's yearly TFF file of 2010, which begins with the report of 2010-07-20 \
            (../shared/cftc/tff_fut/2010_from_0720); CFTC's archive of weekly TFF pages \
            begins in July 2010",
    url: "https://www.cftc.gov/files/dea/cotarchives/2010/futures/financial_lf072710.htm",
};

/// A release outside CFTC's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Event {
    /// The report's as-of date.
    pub as_of: NaiveDate,
    /// The day CFTC published it (at 3:30 pm Eastern).
    pub published: NaiveDate,
    /// Why: `2018-19 shutdown: catch-up`, ...
    pub why: &'static str,
    /// Where the date comes from.
    pub source: &'static Source,
    /// No source gives the date: it is estimated by the rule in `why`.
    pub estimated: bool,
}

/// `(as-of, published, estimated)` as `YYYYMMDD` numbers, one block per
/// event.
type Rows = &'static [(u32, u32, bool)];

const EVENTS: &[(&str, &Source, Rows)] = &[
    (
        "2013 shutdown: published late, dates estimated by the catch-up pattern CFTC \
         used in 2019 and 2025 (one report each Tuesday and Friday from the Friday after \
         the week CFTC said it would not publish, until current)",
        &SHUTDOWN_2013,
        &[
            (20131001, 20131025, true),
            (20131008, 20131029, true),
            (20131015, 20131101, true),
            (20131022, 20131105, true),
            (20131029, 20131108, true),
            (20131105, 20131112, true),
        ],
    ),
    (
        "2018-19 shutdown: catch-up, the first on 2019-02-01, then one each Tuesday and \
         Friday as CFTC announced, current with the report of 2019-03-05",
        &SHUTDOWN_2019,
        &[
            (20181224, 20190201, false),
            (20181231, 20190205, false),
            (20190108, 20190208, false),
            (20190115, 20190212, false),
            (20190122, 20190215, false),
            (20190129, 20190219, false),
            (20190205, 20190222, false),
            (20190212, 20190226, false),
            (20190219, 20190301, false),
            (20190226, 20190305, false),
        ],
    ),
    (
        "2023 ION incident: the first report on 2023-02-24 as CFTC announced; the later \
         ones, published \"in an expedited manner\" on dates no source gives, estimated by \
         the Tuesday-and-Friday catch-up pattern, with no report on 2023-03-17 (CFTC said \
         none would be issued that day)",
        &ION_2023,
        &[
            (20230131, 20230224, false),
            (20230207, 20230228, true),
            (20230214, 20230303, true),
            (20230221, 20230307, true),
            (20230228, 20230310, true),
            (20230307, 20230314, true),
            (20230314, 20230321, true),
            (20230321, 20230324, true),
        ],
    ),
    (
        "2025 shutdown: catch-up by CFTC's published table, current again with the \
         report of 2026-01-20",
        &SHUTDOWN_2025,
        &[
            (20250930, 20251119, false),
            (20251007, 20251121, false),
            (20251014, 20251125, false),
            (20251021, 20251202, false),
            (20251028, 20251205, false),
            (20251104, 20251209, false),
            (20251110, 20251212, false),
            (20251118, 20251216, false),
            (20251125, 20251219, false),
            (20251202, 20251223, false),
            (20251209, 20251230, false),
            (20251216, 20260106, false),
            (20251223, 20260109, false),
            (20251230, 20260113, false),
            (20260106, 20260116, false),
            (20260113, 20260120, false),
        ],
    ),
    (
        "Independence Day observed on Friday 2015-07-03: published Monday 2015-07-06; a \
         premature and incomplete release had gone out on the Friday",
        &PREMATURE_2015,
        &[(20150630, 20150706, false)],
    ),
    (
        "Wednesday data after the day of mourning for President Ford (2007-01-02), \
         published on the Friday, the day the Supplemental report began",
        &SUPPLEMENTAL_LAUNCH,
        &[(20070103, 20070105, false)],
    ),
];

fn date(n: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(n / 10_000).ok()?, n / 100 % 100, n % 100)
}

/// The listed release of the report of `as_of`, if there is one.
pub(super) fn event(as_of: NaiveDate) -> Option<Event> {
    use chrono::Datelike;
    // Compared as numbers: asked for every week of every history.
    let key = u32::try_from(as_of.year()).ok()? * 10_000 + as_of.month() * 100 + as_of.day();
    EVENTS.iter().find_map(|(why, source, rows)| {
        rows.iter().find_map(|&(a, p, estimated)| {
            (a == key).then_some(Event {
                as_of,
                published: date(p)?,
                why,
                source,
                estimated,
            })
        })
    })
}

/// Every listed release, oldest first.
pub(super) fn events() -> Vec<Event> {
    let mut out: Vec<Event> = EVENTS
        .iter()
        .flat_map(|(why, source, rows)| {
            rows.iter().filter_map(move |&(a, p, estimated)| {
                Some(Event {
                    as_of: date(a)?,
                    published: date(p)?,
                    why,
                    source,
                    estimated,
                })
            })
        })
        .collect();
    out.sort_by_key(|e| e.as_of);
    out
}

/// A report's launch: the weeks before its first weekly release were
/// published later, all at once, and were first known then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Launch {
    /// The report.
    pub report: ReportKind,
    /// The as-of date of its first weekly release.
    pub first_as_of: NaiveDate,
    /// The day the history before it was published.
    pub history_published: NaiveDate,
    /// What is known of it.
    pub why: &'static str,
    /// Where it comes from.
    pub source: &'static Source,
    /// No source gives `history_published`: estimated by the rule in `why`.
    pub estimated: bool,
}

const LAUNCHES: &[(ReportKind, u32, u32, &str, &Source, bool)] = &[
    (
        ReportKind::Disaggregated,
        20090901,
        20091020,
        "first published 2009-09-04 (data of 2009-09-01); its history from 2006-06-13 \
         published 2009-10-20",
        &DISAGGREGATED_LAUNCH,
        false,
    ),
    (
        ReportKind::Tff,
        20100720,
        20100723,
        "first weekly report as of 2010-07-20; the history from 2006-06-13 taken as \
         published with it (2010-07-23, the usual Friday): no source gives the day",
        &TFF_LAUNCH,
        true,
    ),
    (
        ReportKind::Supplemental,
        20070103,
        20070105,
        "first published 2007-01-05 (data of 2007-01-03); earlier weeks taken as first \
         known that day at the earliest: no source gives when they were published",
        &SUPPLEMENTAL_LAUNCH,
        true,
    ),
];

/// The launch of `report`, if its history was published after the fact.
pub fn launch(report: ReportKind) -> Option<Launch> {
    LAUNCHES.iter().find(|l| l.0 == report).and_then(
        |&(report, first, history, why, source, estimated)| {
            Some(Launch {
                report,
                first_as_of: date(first)?,
                history_published: date(history)?,
                why,
                source,
                estimated,
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_a_date_and_later_than_its_as_of() {
        let mut n = 0;
        for (_, _, rows) in EVENTS {
            for &(a, p, _) in *rows {
                let (a, p) = (date(a).unwrap(), date(p).unwrap());
                assert!(p > a, "{a} published {p}");
                n += 1;
            }
        }
        assert_eq!(events().len(), n);
        for (report, ..) in LAUNCHES {
            assert!(launch(*report).is_some());
        }
        assert!(launch(ReportKind::Legacy).is_none());
    }
}
