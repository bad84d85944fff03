//! Continuous Russell 2000 histories built from the real CFTC files.

use crate::common;

use std::path::{Path, PathBuf};

use cftc_cot::ErrorKind;
use cftc_cot::TraderGroup;
use cftc_cot::history::{History, HistoryBuilder, OverlapPolicy, Unit};
use cftc_cot::read::{Filter, ReaderBuilder};
use cftc_cot::records::registry::Family;
use cftc_cot::source::merge::read_merged;
use cftc_cot::{CotRecord, Scope};
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Every text file of one directory group, oldest coverage first.
fn files(dir: &Path, sub: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))
        .unwrap()
        .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
        .map(|f| f.unwrap().path())
        .collect();
    // The partial 2020 file before the full one, so the newer wins.
    out.sort();
    out
}

fn russell_records(paths: &[PathBuf]) -> Vec<CotRecord> {
    let family = Family::russell_2000_with_micro();
    let builder = ReaderBuilder::new()
        .lenient()
        .filter(Filter::all().with_codes(family.codes()));
    read_merged(&builder, paths).unwrap().0.records
}

fn tff_history(records: &[CotRecord], unit: Unit) -> History {
    HistoryBuilder::new(Family::russell_2000())
        .group(TraderGroup::LeveragedFunds)
        .unit(unit)
        .build(records)
        .unwrap()
}

#[test]
fn tff_history_has_the_right_contracts_week_by_week() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let records = russell_records(&files(&dir, "tff_fut"));
    let history = tff_history(&records, Unit::EminiEquivalents);
    let points = history.points();
    assert_eq!(points.first().unwrap().date, date("2010-07-20"));
    assert_eq!(points.last().unwrap().date, date("2026-03-17"));
    let overlap_start = date("2017-08-15");
    let overlap_end = date("2018-06-05");
    for p in points {
        let codes = p.codes();
        if p.date < overlap_start {
            assert_eq!(codes, "23977A", "{}", p.date);
        } else if p.date <= overlap_end {
            assert_eq!(codes, "239742+23977A", "{}", p.date);
            assert!(p.overlap);
        } else {
            assert_eq!(codes, "239742", "{}", p.date);
            assert!(!p.overlap);
        }
        // Every figure traces back to its rows: sum of contracts × multiplier / 50.
        let expected: Decimal = p
            .components
            .iter()
            .map(|c| Decimal::from(c.net()) * c.multiplier / Decimal::new(50, 0))
            .sum();
        assert_eq!(p.net, expected, "{}", p.date);
        assert_eq!(p.net, p.long - p.short);
    }
    let overlap_weeks = points.iter().filter(|p| p.overlap).count();
    assert_eq!(overlap_weeks, 43);
    // 2010-07-20 to 2012, 2015 and 2017 to 2026 are covered; 2013-2014,
    // 2016 and 2023 are not in the futures-only files.
    let gaps = history.gaps();
    let gap_years: Vec<(NaiveDate, NaiveDate)> = gaps.iter().map(|g| (g.after, g.before)).collect();
    assert_eq!(
        gap_years,
        [
            (date("2012-12-31"), date("2015-01-06")),
            (date("2015-12-29"), date("2017-01-03")),
            (date("2022-12-27"), date("2024-01-02")),
            (date("2025-04-29"), date("2026-01-06")),
        ]
    );
}

#[test]
fn components_trace_back_to_file_rows() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let path = dir.join("tff_fut/2018/FinFut18.txt");
    let records = russell_records(std::slice::from_ref(&path));
    let history = tff_history(&records, Unit::EminiEquivalents);
    let p = history.at(date("2018-06-05")).unwrap();
    // The ICE mini's last report (FORMAT.md: open interest 10,450).
    let ice = p
        .components
        .iter()
        .find(|c| c.code.as_str() == "23977A")
        .unwrap();
    assert_eq!(ice.open_interest, 10_450);
    // Halved by ICE on 2016-12-05: the units text of this row says $50.
    assert_eq!(ice.multiplier, Decimal::new(50, 0));
    assert_eq!(
        ice.market_name,
        "RUSSELL 2000 MINI INDEX FUTURE - ICE FUTURES U.S."
    );
    let row = records
        .iter()
        .filter_map(CotRecord::as_tff)
        .find(|r| r.market.code.as_str() == "23977A" && r.date == date("2018-06-05"))
        .unwrap();
    assert_eq!(Some(ice.long), row.positions.leveraged_funds.long);
    assert_eq!(Some(ice.short), row.positions.leveraged_funds.short);
    // In raw contracts the overlap week cannot be added up...
    let err = HistoryBuilder::new(Family::russell_2000())
        .group(TraderGroup::LeveragedFunds)
        .unit(Unit::Contracts)
        .build(&records)
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::MixedContracts { .. }),
        "{err}"
    );
    // ...unless only the larger contract is kept.
    let largest = HistoryBuilder::new(Family::russell_2000())
        .group(TraderGroup::LeveragedFunds)
        .unit(Unit::Contracts)
        .overlap(OverlapPolicy::LargestOpenInterest)
        .build(&records)
        .unwrap();
    let q = largest.at(date("2018-06-05")).unwrap();
    assert_eq!(q.codes(), "239742");
    let cme = q
        .components
        .iter()
        .find(|c| c.code.as_str() == "239742")
        .unwrap();
    assert_eq!(q.net, Decimal::from(cme.net()));
    assert!(q.components.iter().any(|c| c.excluded));
    // Dollars per point: ICE $50 since its split, CME $50.
    let dollars = tff_history(&records, Unit::DollarsPerPoint);
    let d = dollars.at(date("2018-06-05")).unwrap();
    assert_eq!(d.net, Decimal::from(ice.net() * 50 + cme.net() * 50));
}

#[test]
fn legacy_2002_2004_full_size_and_first_emini() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let paths = [
        dir.join("legacy_fut/2002/Annual.TXT"),
        dir.join("legacy_fut/2004/annual.txt"),
    ];
    let records = russell_records(&paths);
    let history = HistoryBuilder::new(Family::russell_2000())
        .build(&records)
        .unwrap();
    assert_eq!(history.group, TraderGroup::NonCommercial);
    let points = history.points();
    assert_eq!(points.len(), 104);
    // The mini is first reported on 2002-08-13, then on and off in 2002.
    let first_mini = points
        .iter()
        .find(|p| p.components.iter().any(|c| c.code.as_str() == "239742"))
        .unwrap();
    assert_eq!(first_mini.date, date("2002-08-13"));
    let with_mini_2002 = points
        .iter()
        .filter(|p| p.date.to_string().starts_with("2002") && p.overlap)
        .count();
    assert_eq!(with_mini_2002, 14);
    // Weeks inside the mini's run without it are flagged as missing it.
    let missing: Vec<_> = points
        .iter()
        .filter(|p| p.date < date("2003-01-01") && !p.missing.is_empty())
        .map(|p| p.date)
        .collect();
    // 21 weeks from 2002-08-13 to year end, 14 with the mini: the other 7
    // lie between its reports (the last 2002 weeks are before its 2004 ones).
    assert_eq!(missing.len(), 7, "{missing:?}");
    for d in &missing {
        let p = history.at(*d).unwrap();
        assert!(*d > date("2002-08-13"));
        assert_eq!(p.codes(), "239741");
        assert_eq!(p.missing[0].as_str(), "239742");
    }
    // Full size $500 is 10 E-mini equivalents, the old mini $100 is 2.
    let p = history.at(date("2004-12-28")).unwrap();
    let full = &p.components[0];
    let mini = &p.components[1];
    assert_eq!(
        (full.code.as_str(), mini.code.as_str()),
        ("239741", "239742")
    );
    assert_eq!(full.multiplier, Decimal::new(500, 0));
    assert_eq!(mini.multiplier, Decimal::new(100, 0));
    assert_eq!(p.net, Decimal::from(full.net() * 10 + mini.net() * 2));
    assert_eq!(mini.long - mini.short, 18_356 - 18_161);
}

#[test]
fn scopes_and_reports_are_never_mixed() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let fo = dir.join("tff_fut/2022/FinFutYY.txt");
    let combined = dir.join("tff_futopt/2022/FinComYY.txt");
    let legacy = dir.join("legacy_fut/2025_partial_thru_0318/annual.txt");
    let records = russell_records(&[fo.clone(), combined.clone(), legacy]);
    let only_fo = russell_records(&[fo]);
    let only_combined = russell_records(&[combined]);
    let h = tff_history(&records, Unit::EminiEquivalents);
    assert_eq!(h, tff_history(&only_fo, Unit::EminiEquivalents));
    let hc = HistoryBuilder::new(Family::russell_2000())
        .group(TraderGroup::LeveragedFunds)
        .scope(Scope::Combined)
        .build(&records)
        .unwrap();
    let hc_alone = HistoryBuilder::new(Family::russell_2000())
        .group(TraderGroup::LeveragedFunds)
        .scope(Scope::Combined)
        .build(&only_combined)
        .unwrap();
    assert_eq!(hc, hc_alone);
    assert_ne!(h.points()[0].net, hc.points()[0].net);
    // A legacy group sees only the legacy rows (2025 here).
    let legacy_h = HistoryBuilder::new(Family::russell_2000())
        .build(&records)
        .unwrap();
    assert!(
        legacy_h
            .points()
            .iter()
            .all(|p| p.date.to_string().starts_with("2025"))
    );
    assert_eq!(legacy_h.points().len(), 11);
}

#[test]
fn duplicates_must_be_merged_first() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let path = dir.join("tff_fut/2019/FinFut19.txt");
    let (mut records, _) = ReaderBuilder::new()
        .filter(Filter::codes(["239742"]).unwrap())
        .from_path(&path)
        .unwrap()
        .read_all()
        .unwrap();
    records.push(records[0].clone());
    let err = HistoryBuilder::new(Family::russell_2000())
        .group(TraderGroup::LeveragedFunds)
        .build(&records)
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::DuplicateRecord { .. }),
        "{err}"
    );
}

/// A TFF record of `code` on `date` with leveraged funds `long`/`short`, made
/// from a sample row (the other columns do not matter to a history).
fn tff_row(template: &CotRecord, code: &str, date: NaiveDate, long: i64, short: i64) -> CotRecord {
    let mut r = template.as_tff().unwrap().clone();
    r.market.code = code.parse().unwrap();
    r.date = date;
    r.positions.leveraged_funds.long = Some(long);
    r.positions.leveraged_funds.short = Some(short);
    r.positions.open_interest = Some(long + short + 1);
    CotRecord::Tff(r)
}

fn tff_template() -> CotRecord {
    let (records, _) = ReaderBuilder::new()
        .from_path("data-samples/tff_futures_only.txt")
        .unwrap()
        .read_all()
        .unwrap();
    records.into_iter().next().unwrap()
}

mod like_for_like {
    use super::*;
    use cftc_cot::history::analytics::DATE_TOLERANCE_DAYS;
    use proptest::prelude::*;

    /// Weeks from 2017-08-15 (ICE and CME both at $50): each week
    /// a random subset of the two contracts, random positions, some weeks
    /// missing.
    fn weeks() -> impl Strategy<Value = Vec<(i64, bool, bool, i64, i64, i64, i64)>> {
        prop::collection::vec(
            (
                prop_oneof![6 => Just(7i64), 1 => Just(14i64), 1 => Just(6i64)],
                any::<bool>(),
                any::<bool>(),
                0i64..50_000,
                0i64..50_000,
                0i64..50_000,
                0i64..50_000,
            ),
            0..60,
        )
    }

    /// Net in E-mini equivalents of one contract: both are $50 here, so a
    /// contract is one E-mini.
    fn brute(
        rows: &[(NaiveDate, Vec<(&'static str, i64)>)],
        k: i64,
    ) -> Vec<(NaiveDate, NaiveDate, Option<f64>, bool)> {
        let mut out = Vec::new();
        for (i, (end, b)) in rows.iter().enumerate() {
            let target = *end - chrono::Duration::days(7 * k);
            let best = rows[..i]
                .iter()
                .filter(|(d, _)| (*d - target).num_days().abs() <= DATE_TOLERANCE_DAYS)
                .min_by_key(|(d, _)| ((*d - target).num_days().abs(), *d));
            let Some((start, a)) = best else { continue };
            fn codes(x: &[(&'static str, i64)]) -> Vec<&'static str> {
                let mut c: Vec<&'static str> = x.iter().map(|p| p.0).collect();
                c.sort();
                c
            }
            let common: Vec<&str> = codes(a)
                .into_iter()
                .filter(|c| codes(b).contains(c))
                .collect();
            let sum = |x: &[(&str, i64)]| -> f64 {
                x.iter()
                    .filter(|p| common.contains(&p.0))
                    .map(|p| p.1 as f64)
                    .sum()
            };
            let partial = codes(a) != codes(b);
            let change = (!common.is_empty()).then(|| sum(b) - sum(a));
            out.push((*start, *end, change, partial));
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn changes_match_brute_force(weeks in weeks(), k in 1i64..4) {
            let template = tff_template();
            let mut date = NaiveDate::from_ymd_opt(2017, 8, 15).unwrap();
            let mut records = Vec::new();
            let mut rows: Vec<(NaiveDate, Vec<(&'static str, i64)>)> = Vec::new();
            for (step, ice, cme, il, is, cl, cs) in weeks {
                date += chrono::Duration::days(step);
                let mut here = Vec::new();
                if ice {
                    records.push(tff_row(&template, "23977A", date, il, is));
                    // The registry ends the ICE mini with 2018 (its last
                    // report was 2018-06-05): later rows are not the family's.
                    if date <= NaiveDate::from_ymd_opt(2018, 12, 31).unwrap() {
                        here.push(("23977A", il - is));
                    }
                }
                if cme {
                    records.push(tff_row(&template, "239742", date, cl, cs));
                    here.push(("239742", cl - cs));
                }
                if !here.is_empty() {
                    rows.push((date, here));
                }
            }
            let history = HistoryBuilder::new(Family::russell_2000())
                .group(TraderGroup::LeveragedFunds)
                .build(&records)
                .unwrap();
            let changes = history.k_week_changes(k as u32);
            let expected = brute(&rows, k);
            let mut got: Vec<(NaiveDate, NaiveDate, Option<f64>, bool)> = changes
                .changes
                .iter()
                .map(|c| (c.start, c.end, Some(c.change), c.partial.is_some()))
                .chain(changes.left_out.iter().map(|l| (l.start, l.end, None, true)))
                .collect();
            got.sort_by_key(|x| x.1);
            prop_assert_eq!(got, expected);
            // A partial change is never a record.
            let flags = cftc_cot::history::analytics::record_flags_with(&changes, 0);
            for (c, f) in changes.changes.iter().zip(&flags) {
                if c.partial.is_some() {
                    prop_assert!(!f.record_increase && !f.record_decrease && !f.record_swing);
                }
            }
        }
    }
}

/// One k-week change, right across contract changes: the series of a
/// history refuses the changes whose two weeks hold different contracts
/// (the contract sets are compared here from the points' components, not
/// by the crate), and every change both give has the same value.
#[test]
fn the_series_and_the_history_agree_on_k_week_changes() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let records = russell_records(&files(&dir, "tff_fut"));
    let history = tff_history(&records, Unit::EminiEquivalents);
    let contracts = |d: NaiveDate| {
        let p = history.at(d).unwrap();
        let mut set: Vec<String> = p
            .components
            .iter()
            .filter(|c| !c.excluded)
            .map(|c| c.code.to_string())
            .collect();
        set.sort();
        set
    };
    for k in [1, 2, 4] {
        let from_series = cftc_cot::history::analytics::k_week_changes(&history.net_series(), k);
        let from_history = history.k_week_changes(k);
        assert!(!from_series.changes.is_empty());
        let mut crossing = 0;
        for c in &from_series.changes {
            // No change the series gives spans two contract sets.
            let between: Vec<_> = history
                .points()
                .iter()
                .filter(|p| p.date > c.start && p.date <= c.end)
                .map(|p| contracts(p.date))
                .collect();
            assert!(between.iter().all(|s| *s == contracts(c.start)), "{c:?}");
            let same = from_history.ending(c.end).unwrap();
            assert_eq!((same.start, same.change), (c.start, c.change));
        }
        for left in &from_series.left_out {
            crossing += 1;
            let h = from_history.ending(left.end);
            let h_left = from_history.left_out.iter().any(|l| l.end == left.end);
            // The history answers it like with like, or leaves it out too.
            assert!(h.is_some_and(|c| c.partial.is_some()) || h_left, "{left:?}");
        }
        assert!(
            crossing > 0,
            "the 2017 move from ICE to CME is crossed for k = {k}"
        );
    }
}
