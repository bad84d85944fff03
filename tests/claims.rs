//! The Russell 2000 story told by the real files: swings, records, extremes
//! and changes across contract changes. Every expected figure is computed
//! here from the raw rows by a route of its own (the `csv` crate, a
//! multiplier table written out below, a pairing loop) or read off the files
//! by hand, never from the crate's registry or history.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cftc_cot::TraderGroup;
use cftc_cot::history::analytics::{Extent, Subject, record_flags};
use cftc_cot::history::{History, HistoryBuilder, OverlapPolicy};
use cftc_cot::read::{Filter, ReaderBuilder};
use cftc_cot::records::registry::Family;
use cftc_cot::source::merge::read_merged;
use cftc_cot::{CotRecord, Scope};
use chrono::NaiveDate;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Every file under `dir/sub`, sorted (older partial files first).
fn files(dir: &Path, sub: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))
        .unwrap()
        .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
        .map(|f| f.unwrap().path())
        .collect();
    out.sort();
    out
}

fn records(paths: &[PathBuf]) -> Vec<CotRecord> {
    let builder = ReaderBuilder::new()
        .lenient()
        .filter(Filter::all().with_codes(Family::russell_2000().codes()));
    read_merged(&builder, paths).unwrap().0.records
}

fn history(records: &[CotRecord], group: TraderGroup, overlap: OverlapPolicy) -> History {
    HistoryBuilder::new(Family::russell_2000())
        .group(group)
        .overlap(overlap)
        .build(records)
        .unwrap()
}

fn subject() -> Subject {
    Subject::positions("Hedge funds", "Russell 2000 futures", "E-mini equivalents")
}

/// Leveraged funds' net per date and code, in E-mini equivalents, read from
/// the raw TFF futures-only text with the `csv` crate: columns 3 (date), 4
/// (code), 15 and 16 (leveraged funds long and short), 1-based. Dollars per
/// point written out here from the exchanges' notices: ICE $100 until the
/// 2016-12-05 halving, $50 after; the CME E-mini $50.
fn raw_leveraged_funds(paths: &[PathBuf]) -> BTreeMap<NaiveDate, BTreeMap<String, i64>> {
    let mut out: BTreeMap<NaiveDate, BTreeMap<String, i64>> = BTreeMap::new();
    for path in paths {
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(path)
            .unwrap();
        for row in csv.records() {
            let Ok(row) = row else { continue };
            let code = row[3].trim().to_string();
            if code != "23977A" && code != "239742" {
                continue;
            }
            let d = date(row[2].trim());
            let n = |i: usize| row[i].trim().parse::<i64>().unwrap();
            let dollars = if code == "23977A" && d < date("2016-12-05") {
                100
            } else {
                50
            };
            let net = (n(14) - n(15)) * dollars / 50;
            out.entry(d).or_default().insert(code, net);
        }
    }
    out
}

/// Two-week changes paired by hand: the reading closest to 14 days before
/// (within 3), only when both readings hold the same contracts.
fn raw_two_week_changes(
    nets: &BTreeMap<NaiveDate, BTreeMap<String, i64>>,
) -> Vec<(NaiveDate, NaiveDate, i64)> {
    let dates: Vec<NaiveDate> = nets.keys().copied().collect();
    let mut out = Vec::new();
    for (i, end) in dates.iter().enumerate() {
        let target = *end - chrono::Duration::days(14);
        let Some(start) = dates[..i]
            .iter()
            .filter(|d| (**d - target).num_days().abs() <= 3)
            .min_by_key(|d| ((**d - target).num_days().abs(), **d))
        else {
            continue;
        };
        let (a, b) = (&nets[start], &nets[end]);
        if a.keys().ne(b.keys()) {
            continue;
        }
        let total = |m: &BTreeMap<String, i64>| m.values().sum::<i64>();
        out.push((*start, *end, total(b) - total(a)));
    }
    out
}

#[test]
fn hedge_fund_swings_match_an_independent_computation() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let paths = files(&dir, "tff_fut");
    let raw = raw_two_week_changes(&raw_leveraged_funds(&paths));
    let largest = raw.iter().max_by_key(|c| c.2.abs()).unwrap();
    // The figure of issue 10: -72,585, 2018-08-28 to 2018-09-11.
    assert_eq!(*largest, (date("2018-08-28"), date("2018-09-11"), -72_585));
    // The README's old example: with ICE at $50 the swing is +57,011.
    let june = raw.iter().find(|c| c.1 == date("2017-06-13")).unwrap();
    assert_eq!(june.2, 57_011);

    let recs = records(&paths);
    let h = history(&recs, TraderGroup::LeveragedFunds, OverlapPolicy::Sum);
    let changes = h.k_week_changes(2);
    // Every whole change of the crate is one of the hand-paired changes.
    let whole: Vec<(NaiveDate, NaiveDate, i64)> = changes
        .changes
        .iter()
        .filter(|c| c.partial.is_none())
        .map(|c| (c.start, c.end, c.change as i64))
        .collect();
    assert_eq!(whole, raw);
    let flags = record_flags(&changes);
    let at = |d: &str| {
        let i = changes
            .changes
            .iter()
            .position(|c| c.end == date(d))
            .unwrap();
        (&changes.changes[i], flags[i])
    };
    // 2017-06-13: +57,011, no record (too few changes since the data resumed).
    let (c, f) = at("2017-06-13");
    assert_eq!(c.change, 57_011.0);
    assert!(!f.record_increase && !f.record_decrease);
    assert_eq!(f.compared_since, Some(date("2017-01-03")));
    assert!(f.compared_with < 52);
    // 2018-09-11: the largest fall since the data resumed on 2017-01-03.
    let (c, f) = at("2018-09-11");
    assert_eq!(c.change, -72_585.0);
    assert!(f.record_decrease && !f.record_increase);
    assert_eq!(f.compared_since, Some(date("2017-01-03")));
    assert_eq!(f.gap_before, Some(date("2015-12-29")));
    // By hand: every earlier change since 2017-01-03 is above -72,585.
    let earlier: Vec<_> = raw
        .iter()
        .filter(|x| x.0 >= date("2017-01-03") && x.1 < date("2018-09-11"))
        .collect();
    assert!(earlier.len() >= 52);
    assert!(earlier.iter().all(|x| x.2 > -72_585));
    let headline = h.headline(date("2018-09-11"), 2, &subject()).unwrap();
    assert_eq!(
        headline.sentence,
        "Hedge funds in Russell 2000 futures went from net long 5,429 to net short 67,156 \
         E-mini equivalents in the two weeks to 2018-09-11, the biggest two-week swing toward \
         short and the most bearish reading since at least 2017-01-03, when the data resume \
         after a gap from 2015-12-29."
    );
}

#[test]
fn a_fall_is_never_told_as_a_swing_toward_long() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let tff = records(&files(&dir, "tff_fut"));
    let h = history(&tff, TraderGroup::LeveragedFunds, OverlapPolicy::Sum);
    let headline = h.headline(date("2010-08-03"), 2, &subject()).unwrap();
    // Read off the file: (long - short) x 2 is -215,644 on 2010-07-20 and
    // -222,504 on 2010-08-03.
    assert_eq!(headline.change.as_ref().unwrap().change, -6_860.0);
    assert!(!headline.record_increase);
    assert!(
        !headline.sentence.contains("toward long"),
        "{}",
        headline.sentence
    );

    let legacy = records(&[
        dir.join("legacy_fut/2002/Annual.TXT"),
        dir.join("legacy_fut/2004/annual.txt"),
    ]);
    let h = history(&legacy, TraderGroup::NonCommercial, OverlapPolicy::Sum);
    for d in ["2002-01-22", "2002-02-05"] {
        let headline = h.headline(date(d), 2, &subject()).unwrap();
        assert!(headline.change.as_ref().unwrap().change < 0.0, "{d}");
        assert!(!headline.record_increase, "{d}");
        assert!(
            !headline.sentence.contains("toward long"),
            "{}",
            headline.sentence
        );
    }
}

#[test]
fn claims_never_reach_across_a_gap() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let legacy = records(&files(&dir, "legacy_fut"));
    let h = history(&legacy, TraderGroup::NonCommercial, OverlapPolicy::Sum);
    // The first reading after twenty years without files: no claim of
    // "the most bullish in 19 years".
    let first = h.headline(date("2024-01-02"), 2, &subject()).unwrap();
    assert!(!first.sentence.contains("year"), "{}", first.sentence);
    assert_eq!(
        first.bullish_extent,
        Extent::at_least_since(
            date("2024-01-02"),
            Some(date("2004-12-28")),
            date("2024-01-02")
        )
    );
    // In the TFF files the latest reading is the lowest since the data
    // resumed in January 2026, not "in a year" (2025-05 to 2025-12 is missing).
    let tff = records(&files(&dir, "tff_fut"));
    let h = history(&tff, TraderGroup::LeveragedFunds, OverlapPolicy::Sum);
    let last = h.headline(date("2026-03-17"), 2, &subject()).unwrap();
    assert_eq!(
        last.bearish_extent,
        Extent::at_least_since(
            date("2026-01-06"),
            Some(date("2025-04-29")),
            date("2026-03-17")
        )
    );
    assert!(
        last.sentence.ends_with(
            "the most bearish reading since at least 2026-01-06, when the data resume after a gap from 2025-04-29."
        ),
        "{}",
        last.sentence
    );
    // The raw series agrees: every reading from 2026-01-06 to 2026-03-10 is higher.
    let raw = raw_leveraged_funds(&files(&dir, "tff_fut"));
    let net = |d: &NaiveDate| raw[d].values().sum::<i64>();
    let latest = net(&date("2026-03-17"));
    assert!(
        raw.keys()
            .filter(|d| **d >= date("2026-01-06") && **d < date("2026-03-17"))
            .all(|d| net(d) > latest)
    );
}

#[test]
fn changes_across_contract_changes_compare_like_with_like() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    // 2002: the first E-mini is reported on and off. From 2002-08-13 (both
    // contracts) to 2002-08-27 (full size only) the sum rose 6,974, part of
    // it only because the mini dropped out; like with like, the change is
    // the full size's alone.
    let path = dir.join("legacy_fut/2002/Annual.TXT");
    let legacy = records(std::slice::from_ref(&path));
    let h = history(&legacy, TraderGroup::NonCommercial, OverlapPolicy::Sum);
    let changes = h.k_week_changes(2);
    let c = changes
        .changes
        .iter()
        .find(|c| c.end == date("2002-08-27"))
        .unwrap();
    assert_eq!(c.start, date("2002-08-13"));
    assert_eq!(c.partial.as_deref(), Some("239741 only; 239742 left"));
    // By hand: the full size's non-commercial net (columns 9 and 10), x10.
    let mut csv = csv::Reader::from_path(&path).unwrap();
    let full_size_net = |rows: &[csv::StringRecord], d: &str| -> i64 {
        let r = rows
            .iter()
            .find(|r| r[3].trim() == "239741" && r[2].trim() == d)
            .unwrap();
        r[8].trim().parse::<i64>().unwrap() - r[9].trim().parse::<i64>().unwrap()
    };
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    let expected = (full_size_net(&rows, "2002-08-27") - full_size_net(&rows, "2002-08-13")) * 10;
    assert_eq!(c.change, expected as f64);
    assert_ne!(expected, 6_974);
    // Such changes are never records.
    let flags = cftc_cot::history::analytics::record_flags_with(&changes, 0);
    for (c, f) in changes.changes.iter().zip(&flags) {
        if c.partial.is_some() {
            assert!(!f.record_increase && !f.record_decrease && !f.record_swing);
        }
    }

    // TFF, contracts summed: the CME E-mini enters on 2017-08-15 and the
    // ICE mini leaves after 2018-06-05; the changes across are partial.
    let tff = records(&files(&dir, "tff_fut"));
    let h = history(&tff, TraderGroup::LeveragedFunds, OverlapPolicy::Sum);
    let partial: Vec<(NaiveDate, String)> = h
        .k_week_changes(2)
        .changes
        .into_iter()
        .filter_map(|c| Some((c.end, c.partial?)))
        .collect();
    assert_eq!(
        partial,
        [
            (
                date("2017-08-15"),
                "23977A only; 239742 entered".to_string()
            ),
            (
                date("2017-08-22"),
                "23977A only; 239742 entered".to_string()
            ),
            (date("2018-06-12"), "239742 only; 23977A left".to_string()),
            (date("2018-06-19"), "239742 only; 23977A left".to_string()),
        ]
    );

    // Keeping only the larger contract: the switch from ICE to CME is no
    // swing at all (it was reported as +120,869, 2017-08-29 to 2017-09-12).
    let h = history(
        &tff,
        TraderGroup::LeveragedFunds,
        OverlapPolicy::LargestOpenInterest,
    );
    let changes = h.k_week_changes(2);
    let left_out: Vec<(NaiveDate, NaiveDate)> =
        changes.left_out.iter().map(|l| (l.start, l.end)).collect();
    assert!(
        left_out.contains(&(date("2017-08-29"), date("2017-09-12"))),
        "{left_out:?}"
    );
    assert!(changes.changes.iter().all(|c| c.end != date("2017-09-12")));
    for l in &changes.left_out {
        assert!(
            l.reason.starts_with("no contract reported at both ends"),
            "{}",
            l.reason
        );
    }
    let headline = h.headline(date("2017-09-12"), 2, &subject()).unwrap();
    assert!(headline.change.is_none());
    assert!(headline.change_left_out.is_some());
    assert!(!headline.record_increase && !headline.record_decrease);
}

#[test]
fn the_history_names_its_contracts_and_sizes() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let tff = records(&files(&dir, "tff_fut"));
    let h = history(&tff, TraderGroup::LeveragedFunds, OverlapPolicy::Sum);
    let members: Vec<(&str, String, String, String, usize)> = h
        .members()
        .iter()
        .map(|m| {
            (
                m.code.as_str(),
                m.multiplier.to_string(),
                m.first.to_string(),
                m.last.to_string(),
                m.reports,
            )
        })
        .collect();
    // Rows per code and size, as SOURCES.md counts them: ICE 24 + 52 + 53
    // + 52 rows to 2015 at $100, 52 + 23 from 2017 at $50; CME 20 + 53 +
    // 52 + 52 + 52 + 52 + 53 + 17 + 11 from 2017.
    assert_eq!(
        members,
        [
            (
                "23977A",
                "100".into(),
                "2010-07-20".into(),
                "2015-12-29".into(),
                181
            ),
            (
                "23977A",
                "50".into(),
                "2017-01-03".into(),
                "2018-06-05".into(),
                75
            ),
            (
                "239742",
                "50".into(),
                "2017-08-15".into(),
                "2026-03-17".into(),
                362
            ),
        ]
    );
    assert!(h.members()[1].note.contains("2016-12-05"));
}

/// A legacy record of `code` on `date` named `name`, from a sample row.
fn legacy_row(template: &CotRecord, code: &str, name: &str, d: NaiveDate) -> CotRecord {
    let mut r = template.as_legacy().unwrap().clone();
    r.market.code = code.parse().unwrap();
    r.market.market_and_exchange_names = name.into();
    r.date = d;
    CotRecord::Legacy(r)
}

#[test]
fn the_nyfe_contract_of_1987_opens_the_russell_history() {
    // No 1987 file is beside the crate: the rows are made from a sample
    // row, with the name, code and dates FORMAT.md section 8 gives.
    let (sample, _) = ReaderBuilder::new()
        .from_path("data-samples/legacy_futures_only.txt")
        .unwrap()
        .read_all()
        .unwrap();
    let template = &sample[0];
    let nyfe = "RUSSEL 2000 STOCK INDEX FUTURE - NEW YORK FUTURES EXCHANGE";
    let mut recs: Vec<CotRecord> = [
        "1987-09-15",
        "1987-09-30",
        "1987-10-15",
        "1987-10-30",
        "1987-11-13",
        "1987-11-30",
        "1987-12-15",
    ]
    .iter()
    .map(|d| legacy_row(template, "239772", nyfe, date(d)))
    .collect();
    // The same code in 2010 is ICE's Russell 1000 mini: not in the family.
    recs.push(legacy_row(
        template,
        "239772",
        "RUSSELL 1000 MINI INDEX FUTURE - ICE FUTURES U.S.",
        date("2010-09-14"),
    ));
    recs.push(legacy_row(
        template,
        "239741",
        "RUSSEL 2000 STOCK INDEX FUTURE - CHICAGO MERCANTILE EXCHANGE",
        date("2002-01-08"),
    ));
    let h = history(&recs, TraderGroup::NonCommercial, OverlapPolicy::Sum);
    assert_eq!(h.points().first().unwrap().date, date("1987-09-15"));
    assert!(h.at(date("2010-09-14")).is_none());
    assert_eq!(h.points().len(), 8);
    let nyfe_member = &h.members()[0];
    assert_eq!(nyfe_member.code.as_str(), "239772");
    assert_eq!(nyfe_member.multiplier.to_string(), "500");
    assert_eq!(nyfe_member.reports, 7);
    // $500 a point is ten E-mini equivalents per contract.
    let p = h.at(date("1987-09-15")).unwrap();
    let nc = template.as_legacy().unwrap().all.positions.noncommercial;
    let raw = nc.long.unwrap() - nc.short.unwrap();
    assert_eq!(p.net, rust_decimal::Decimal::from(raw * 10));
    // Semi-monthly reports are CFTC's cadence then, not gaps; the years
    // between 1987 and 2002 are.
    let gaps = h.gaps();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(
        (gaps[0].after, gaps[0].before),
        (date("1987-12-15"), date("2002-01-08"))
    );
    assert_eq!(h.scope, Scope::FuturesOnly);
}
