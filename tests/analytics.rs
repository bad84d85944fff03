//! The analytics against brute-force reference implementations, on random
//! series with gaps (missed weeks, holiday shifts) and ties.

use cftc_cot::history::analytics::{
    Change, DATE_TOLERANCE_DAYS, Extent, MIN_EARLIER_CHANGES, Series, Subject, Window, cot_index,
    extremes, headline, k_week_changes, largest_decreases, largest_increases, largest_swings,
    percentile_rank, record_flags, record_flags_with, rolling_max, rolling_min, z_score,
};
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

/// Random weekly-ish series: mostly 7-day steps, some holiday shifts
/// (6 or 8 days), some missed reports (14 or 21 days); values drawn from a
/// small set so ties are common, or from a wide range.
fn series_strategy() -> impl Strategy<Value = Series> {
    let step = prop_oneof![
        8 => Just(7i64),
        1 => Just(6i64),
        1 => Just(8i64),
        1 => Just(14i64),
        1 => Just(21i64),
    ];
    let value = prop_oneof![
        (-4i32..=4).prop_map(f64::from),
        (-200_000i32..=200_000).prop_map(f64::from),
    ];
    prop::collection::vec((step, value), 0..120).prop_map(|steps| {
        let mut date = NaiveDate::from_ymd_opt(2001, 1, 2).unwrap();
        let pairs: Vec<(NaiveDate, f64)> = steps
            .into_iter()
            .map(|(s, v)| {
                date += Duration::days(s);
                (date, v)
            })
            .collect();
        Series::from_pairs(pairs).unwrap()
    })
}

fn brute_changes(s: &Series, k: u32) -> (Vec<Change>, Vec<NaiveDate>) {
    let pairs: Vec<(NaiveDate, f64)> = s.iter().collect();
    let mut changes = Vec::new();
    let mut gaps = Vec::new();
    for (i, &(end, to)) in pairs.iter().enumerate() {
        let target = end - Duration::days(7 * i64::from(k));
        let mut best: Option<(i64, usize)> = None;
        for (j, &(d, _)) in pairs[..i].iter().enumerate() {
            let dist = (d - target).num_days().abs();
            if dist <= DATE_TOLERANCE_DAYS && best.is_none_or(|(b, _)| dist < b) {
                best = Some((dist, j));
            }
        }
        match best {
            Some((_, j)) => {
                let (start, from) = pairs[j];
                changes.push(Change {
                    start,
                    end,
                    from,
                    to,
                    change: to - from,
                    partial: None,
                });
            }
            None if (target - pairs[0].0).num_days() >= -DATE_TOLERANCE_DAYS => gaps.push(end),
            None => {}
        }
    }
    (changes, gaps)
}

/// The first reading of the run holding reading `i`: walk back while
/// consecutive readings are at most 10 days apart (the series here are
/// weekly and after 1993).
fn brute_run_start(s: &Series, i: usize) -> NaiveDate {
    let dates = s.dates();
    let mut j = i;
    while j > 0 && (dates[j] - dates[j - 1]).num_days() <= 10 {
        j -= 1;
    }
    dates[j]
}

fn in_window(s: &Series, i: usize, w: Window) -> Vec<f64> {
    let d = s.dates()[i];
    s.iter()
        .take(i + 1)
        .filter(|(x, _)| (d - *x).num_days() < w.length_days())
        .map(|(_, v)| v)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn changes_match_brute_force(s in series_strategy(), k in 1u32..5) {
        let fast = k_week_changes(&s, k);
        let (changes, gaps) = brute_changes(&s, k);
        prop_assert_eq!(&fast.changes, &changes);
        prop_assert_eq!(&fast.gaps, &gaps);
        // Every reading is accounted for: a change, a gap, or before the series had k weeks.
        prop_assert!(fast.changes.len() + fast.gaps.len() <= s.len());
    }

    #[test]
    fn records_and_top_swings_match_brute_force(s in series_strategy(), k in 1u32..4, n in 1usize..12, min in 0usize..6) {
        let all = k_week_changes(&s, k);
        let flags = record_flags_with(&all, min);
        let changes = all.changes.clone();
        for (i, (c, f)) in changes.iter().zip(&flags).enumerate() {
            let end = s.index_of(c.end).unwrap();
            let run = brute_run_start(&s, end);
            // Earlier changes with both readings in the same run of data.
            let earlier: Vec<&Change> = changes[..i].iter().filter(|e| e.start >= run).collect();
            let inside = c.start >= run;
            let eligible = inside && earlier.len() >= min;
            prop_assert_eq!(f.record_increase, eligible && c.change > 0.0 && earlier.iter().all(|e| c.change > e.change));
            prop_assert_eq!(f.record_decrease, eligible && c.change < 0.0 && earlier.iter().all(|e| c.change < e.change));
            prop_assert_eq!(f.record_swing, eligible && c.change != 0.0 && earlier.iter().all(|e| c.change.abs() > e.change.abs()));
            prop_assert_eq!(f.compared_with, if inside { earlier.len() } else { 0 });
            prop_assert_eq!(f.compared_since, inside.then_some(run));
            let before_run = s.dates().iter().filter(|d| **d < run).max().copied();
            prop_assert_eq!(f.gap_before, before_run);
        }
        // The default needs a year of earlier changes.
        for f in record_flags(&all) {
            if f.record_increase || f.record_decrease {
                prop_assert!(f.compared_with >= MIN_EARLIER_CHANGES);
            }
        }
        let up = largest_increases(&changes, n);
        let down = largest_decreases(&changes, n);
        let any = largest_swings(&changes, n);
        prop_assert_eq!(up.len(), n.min(changes.len()));
        // The n-th largest bounds every change left out.
        if let Some(last) = up.last() {
            let kept = up.len();
            let bigger = changes.iter().filter(|c| c.change > last.change).count();
            prop_assert!(bigger < kept);
            prop_assert!(up.windows(2).all(|w| w[0].change >= w[1].change));
        }
        if let Some(last) = down.last() {
            let smaller = changes.iter().filter(|c| c.change < last.change).count();
            prop_assert!(smaller < down.len());
        }
        if let Some(last) = any.last() {
            let larger = changes.iter().filter(|c| c.change.abs() > last.change.abs()).count();
            prop_assert!(larger < any.len());
        }
    }

    #[test]
    fn extremes_match_brute_force(s in series_strategy()) {
        let fast = extremes(&s);
        let pairs: Vec<(NaiveDate, f64)> = s.iter().collect();
        for (i, e) in fast.iter().enumerate() {
            let (d, v) = pairs[i];
            prop_assert_eq!((e.date, e.value), (d, v));
            let high = pairs[..i].iter().rev().find(|(_, x)| *x >= v).map(|p| p.0);
            let low = pairs[..i].iter().rev().find(|(_, x)| *x <= v).map(|p| p.0);
            prop_assert_eq!(e.last_at_least_as_high, high);
            prop_assert_eq!(e.last_at_least_as_low, low);
            // "Most bullish in N": nothing in between is as high, and no
            // reading is missing in between; otherwise the claim stops where
            // the run of data starts.
            let run = brute_run_start(&s, i);
            match e.bullish_span() {
                Extent::Since { since, .. } => {
                    prop_assert!(since >= run);
                    prop_assert_eq!(Some(since), high);
                    prop_assert!(pairs.iter().filter(|p| p.0 > since && p.0 < d).all(|p| p.1 < v));
                }
                Extent::AtLeastSince { from, gap_before, .. } => {
                    prop_assert_eq!(from, run);
                    prop_assert!(high.is_none_or(|h| h < run));
                    prop_assert_eq!(gap_before, pairs.iter().map(|p| p.0).filter(|x| *x < run).max());
                }
            }
            match e.bearish_span() {
                Extent::Since { since, .. } => prop_assert!(since >= run && Some(since) == low),
                Extent::AtLeastSince { from, .. } => prop_assert!(from == run && low.is_none_or(|l| l < run)),
            }
        }
    }

    #[test]
    fn rolling_and_indicators_match_brute_force(s in series_strategy(), weeks in 1i64..80) {
        let w = Window::weeks(weeks);
        let max = rolling_max(&s, w);
        let min = rolling_min(&s, w);
        let index = cot_index(&s, w);
        let pct = percentile_rank(&s, w);
        let z = z_score(&s, w);
        for i in 0..s.len() {
            let win = in_window(&s, i, w);
            let v = s.values()[i];
            let hi = win.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let lo = win.iter().copied().fold(f64::INFINITY, f64::min);
            prop_assert_eq!(max[i], hi);
            prop_assert_eq!(min[i], lo);
            let expected_index = (hi > lo).then(|| (v - lo) / (hi - lo) * 100.0);
            prop_assert_eq!(index[i], expected_index);
            let at_or_below = win.iter().filter(|x| **x <= v).count() as f64;
            prop_assert!((pct[i].unwrap() - at_or_below / win.len() as f64 * 100.0).abs() < 1e-9);
            let n = win.len() as f64;
            let mean = win.iter().sum::<f64>() / n;
            let sd = (win.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
            match z[i] {
                Some(got) => {
                    prop_assert!(sd > 0.0);
                    let expected = (v - mean) / sd;
                    prop_assert!((got - expected).abs() < 1e-6 * expected.abs().max(1.0), "{} vs {}", got, expected);
                }
                None => prop_assert!(win.len() < 2 || sd == 0.0, "sd {} n {}", sd, win.len()),
            }
        }
    }

    #[test]
    fn headline_agrees_with_its_parts(s in series_strategy(), k in 1u32..4) {
        let subject = Subject::positions("Hedge funds", "Russell 2000 futures", "contracts");
        let e = extremes(&s);
        let changes = k_week_changes(&s, k);
        for (i, date) in s.dates().iter().enumerate() {
            let h = headline(&s, *date, k, &subject).unwrap();
            prop_assert_eq!(h.net, s.values()[i]);
            prop_assert_eq!(h.most_bullish_since, e[i].last_at_least_as_high);
            prop_assert_eq!(h.most_bearish_since, e[i].last_at_least_as_low);
            prop_assert_eq!(h.change.as_ref(), changes.ending(*date));
            prop_assert!(h.sentence.starts_with("Hedge funds in Russell 2000 futures "));
            prop_assert!(h.sentence.ends_with('.'));
        }
    }
}

#[test]
fn series_from_csv_rejects_bad_input_with_a_location() {
    let bad_value = "date,value\n2025-01-07,1\n2025-01-14,abc\n";
    let err = Series::from_csv_reader(bad_value.as_bytes(), "x.csv").unwrap_err();
    assert_eq!(err.location().map(|l| l.line), Some(3), "{err}");
    let twice = "2025-01-07,1\n2025-01-07,2\n";
    let err = Series::from_csv_reader(twice.as_bytes(), "x.csv").unwrap_err();
    assert!(err.to_string().contains("appears twice"), "{err}");
    let unsorted = "2025-01-14,2\n1/7/2025,1\n";
    let s = Series::from_csv_reader(unsorted.as_bytes(), "x.csv").unwrap();
    assert_eq!(s.values(), [1.0, 2.0]);
    assert!(Series::from_csv_reader("2025-01-07,1,2\n".as_bytes(), "x").is_err());
    assert!(Series::from_pairs([(s.dates()[0], f64::NAN)]).is_err());
}

#[test]
fn extent_phrases() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let six_years = Extent::since(d(2019, 3, 5), d(2025, 3, 11));
    assert_eq!(six_years.phrase(), "6 years");
    assert_eq!(six_years.claim(), "in 6 years");
    assert_eq!(
        Extent::since(d(2024, 11, 5), d(2025, 3, 11)).phrase(),
        "4 months"
    );
    assert_eq!(
        Extent::since(d(2025, 2, 18), d(2025, 3, 11)).phrase(),
        "3 weeks"
    );
    assert_eq!(
        Extent::since(d(2024, 3, 12), d(2025, 3, 11)).phrase(),
        "11 months"
    );
    assert_eq!(six_years.to_string(), "since 2019-03-05 (6 years)");
    let resumed = Extent::at_least_since(d(2024, 1, 2), Some(d(2004, 12, 28)), d(2024, 6, 4));
    assert_eq!(
        resumed.claim(),
        "since at least 2024-01-02, when the data resume after a gap from 2004-12-28"
    );
    assert_eq!(
        Extent::at_least_since(d(2010, 7, 20), None, d(2017, 6, 13)).claim(),
        "since at least 2010-07-20, when the data begin"
    );
}

/// Weekly readings from `first`, one per value.
fn weekly(first: NaiveDate, values: impl IntoIterator<Item = f64>) -> Vec<(NaiveDate, f64)> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| (first + Duration::weeks(i as i64), v))
        .collect()
}

#[test]
fn claims_stop_at_a_gap() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    // 2004 in full, then nothing until 2024: the first 2024 readings are
    // above everything of 2004.
    let mut pairs = weekly(d(2004, 1, 6), (0..52).map(|i| f64::from(i % 7)));
    pairs.extend(weekly(d(2024, 1, 2), (0..20).map(|i| 100.0 + f64::from(i))));
    let s = Series::from_pairs(pairs).unwrap();
    assert_eq!(s.gaps().len(), 1);
    assert_eq!(s.gaps()[0].after, d(2004, 12, 28));
    let subject = Subject::positions("Large speculators", "Russell 2000 futures", "contracts");
    // On the first reading after the gap, nothing is claimed of its extent
    // (never "the most bullish reading in 19 years").
    let h = headline(&s, d(2024, 1, 2), 2, &subject).unwrap();
    assert!(!h.sentence.contains("year"), "{}", h.sentence);
    assert!(!h.sentence.contains("most bullish"), "{}", h.sentence);
    assert_eq!(
        h.bullish_extent,
        Extent::at_least_since(d(2024, 1, 2), Some(d(2004, 12, 28)), d(2024, 1, 2))
    );
    // Later, the claim says where it stops.
    let h = headline(&s, d(2024, 5, 14), 2, &subject).unwrap();
    assert!(
        h.sentence.ends_with(
            "the most bullish reading since at least 2024-01-02, when the data resume after a gap from 2004-12-28."
        ),
        "{}",
        h.sentence
    );
    // A rise after the gap is compared with the changes after the gap only,
    // and with too few of them it is no record.
    let f = h.record.unwrap();
    assert_eq!(f.compared_since, Some(d(2024, 1, 2)));
    assert_eq!(f.gap_before, Some(d(2004, 12, 28)));
    assert!(f.compared_with < MIN_EARLIER_CHANGES);
    assert!(!h.record_increase);
}

#[test]
fn a_fall_is_never_a_record_rise() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    // Every change is negative and they shrink: the last is the largest
    // (least negative) change so far, but it is a fall, not a rise.
    let values = (0..80).map(|i| -(100.0 * f64::from(i) - f64::from(i * (i - 1).max(0)) / 2.0));
    let s = Series::from_pairs(weekly(d(2010, 1, 5), values)).unwrap();
    let changes = k_week_changes(&s, 2);
    assert!(changes.changes.iter().all(|c| c.change < 0.0));
    assert!(
        changes
            .changes
            .windows(2)
            .all(|w| w[1].change > w[0].change)
    );
    let flags = record_flags_with(&changes, 0);
    // The first change is the largest fall there is; none after it is a record.
    assert!(flags.iter().all(|f| !f.record_increase));
    assert!(flags.iter().skip(1).all(|f| !f.record_decrease));
    for (c, f) in changes.changes.iter().zip(&flags) {
        if c.change <= 0.0 {
            assert!(!f.record_increase, "{c:?}");
        }
        if c.change >= 0.0 {
            assert!(!f.record_decrease, "{c:?}");
        }
    }
    // With the default, nothing in the first year is a record.
    for (c, f) in changes.changes.iter().zip(record_flags(&changes)) {
        if (c.end - d(2010, 1, 5)).num_weeks() < 54 {
            assert!(!f.record_increase && !f.record_decrease && !f.record_swing);
        }
    }
}
