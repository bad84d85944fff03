//! The registry against the real files: multipliers by date, the units
//! text, and contract size changes. Expected figures are read off the files
//! by a few lines of independent code, never from the crate's tables.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use cftc_cot::read::ReaderBuilder;
use cftc_cot::records::audit;
use cftc_cot::records::registry::Registry;
use cftc_cot::source::Source;
use cftc_cot::{CotRecord, ReportKind, Scope};
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Every record of every legacy and TFF file under `dir`, both scopes.
fn every_record(dir: &Path) -> Vec<CotRecord> {
    let builder = ReaderBuilder::new().lenient();
    let mut records = Vec::new();
    for kind in [ReportKind::Legacy, ReportKind::Tff] {
        for scope in [Scope::FuturesOnly, Scope::Combined] {
            records.extend(
                Source::dir(dir)
                    .load(&builder, kind, scope)
                    .unwrap()
                    .merged
                    .records,
            );
        }
    }
    records
}

/// The multiplier in a units text, by a route of its own: the number after
/// the `$` of `X $N` or `$N X`.
fn stated(units: &str) -> Option<Decimal> {
    let upper = units.to_ascii_uppercase();
    let at = upper.find('$')?;
    let number: String = upper[at + 1..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let times = upper[..at].trim_end().ends_with(" X")
        || upper[at + 1 + number.len()..]
            .trim_start()
            .starts_with("X ");
    if !times {
        return None;
    }
    number
        .trim_end_matches('.')
        .parse::<Decimal>()
        .ok()
        .map(|d| d.normalize())
}

#[test]
fn the_registry_agrees_with_the_units_text_but_for_known_errors() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let records = every_record(&dir);
    let registry = Registry::builtin();
    // (code, units text, registry multiplier) -> weeks, for every row whose
    // units text disagrees with the registry on its date.
    let mut disagreements: BTreeMap<(String, String, Option<Decimal>), BTreeSet<NaiveDate>> =
        BTreeMap::new();
    let mut agreeing: BTreeMap<(String, Decimal), usize> = BTreeMap::new();
    for r in &records {
        if registry.by_code(r.code()).is_empty() {
            continue;
        }
        let units = r.market().contract_units.trim().to_string();
        let ours = registry.contract(r.code(), r.date()).map(|c| c.multiplier);
        if stated(&units).is_some() && stated(&units) == ours {
            *agreeing
                .entry((r.code().to_string(), ours.unwrap()))
                .or_default() += 1;
        } else {
            disagreements
                .entry((r.code().to_string(), units, ours))
                .or_default()
                .insert(r.date());
        }
    }
    // Every disagreement, with its reason. A new one fails this test.
    let known: BTreeMap<(String, String, Option<Decimal>), &str> = BTreeMap::from([(
        (
            "239747".to_string(),
            "(RUSSEL 2000 INDEX X $0.5)".to_string(),
            Some(Decimal::new(5, 0)),
        ),
        "CFTC's error: CME's Micro E-mini Russell 2000 is $5 per point",
    )]);
    let found: BTreeSet<_> = disagreements.keys().cloned().collect();
    let expected: BTreeSet<_> = known.keys().cloned().collect();
    assert_eq!(found, expected, "{disagreements:?}");
    // The library's audit finds the same, and nothing else.
    let runs = audit::units(&registry, &records);
    let library: BTreeSet<_> = runs
        .iter()
        .filter(|r| !r.agrees())
        .map(|r| (r.code.to_string(), r.units.clone(), r.registry))
        .collect();
    assert_eq!(library, expected);
    // Both sizes of the ICE mini and of the S&P 500 are seen in the files
    // and agree with the text: $100 then $50, $500 then $250.
    for (code, multiplier) in [
        ("23977A", 100),
        ("23977A", 50),
        ("138741", 500),
        ("138741", 250),
        ("239741", 500),
        ("239742", 100),
        ("239742", 50),
    ] {
        let n = agreeing
            .get(&(code.to_string(), Decimal::new(multiplier, 0)))
            .copied()
            .unwrap_or(0);
        assert!(n > 0, "{code} at ${multiplier}: no agreeing row");
    }
}

#[test]
fn the_ice_mini_is_priced_by_date_on_both_sides_of_its_split() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let registry = Registry::builtin();
    let ice = "23977A".parse().unwrap();
    let at = |d: &str| registry.contract(ice, date(d)).unwrap().multiplier;
    assert_eq!(at("2016-11-29"), Decimal::new(100, 0));
    assert_eq!(at("2016-12-04"), Decimal::new(100, 0));
    assert_eq!(at("2016-12-05"), Decimal::new(50, 0));
    assert_eq!(at("2016-12-06"), Decimal::new(50, 0));
    assert_eq!(at("2018-06-05"), Decimal::new(50, 0));
    // In the TFF combined file of 2016, read by hand: leveraged funds long
    // and short are columns 15 and 16 (1-based) of the unquoted pandas CSV.
    let path = dir.join("other_formats/tff_futopt_pandas_csv/cot_2016.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let raw_net = |d: &str| -> i64 {
        let line = text
            .lines()
            .find(|l| l.contains(",23977A,") && l.contains(d))
            .unwrap();
        let cells: Vec<&str> = line.split(',').collect();
        let n = |i: usize| cells[i].trim().parse::<i64>().unwrap();
        n(14) - n(15)
    };
    let (before, after) = (raw_net("2016-11-29"), raw_net("2016-12-06"));
    let (records, _) = ReaderBuilder::new()
        .filter(cftc_cot::read::Filter::codes(["23977A"]).unwrap())
        .from_path(&path)
        .unwrap()
        .read_all()
        .unwrap();
    let history =
        cftc_cot::history::HistoryBuilder::new(cftc_cot::records::registry::Family::russell_2000())
            .group(cftc_cot::TraderGroup::LeveragedFunds)
            .scope(Scope::Combined)
            .build(&records)
            .unwrap();
    // A $100 contract is two E-mini equivalents, a $50 one is one.
    assert_eq!(
        history.at(date("2016-11-29")).unwrap().net,
        Decimal::from(before * 2)
    );
    assert_eq!(
        history.at(date("2016-12-06")).unwrap().net,
        Decimal::from(after)
    );
}

#[test]
fn the_split_detector_finds_the_ice_halving() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let path = dir.join("other_formats/tff_futopt_pandas_csv/cot_2016.csv");
    let (records, _) = ReaderBuilder::new()
        .from_path(&path)
        .unwrap()
        .read_all()
        .unwrap();
    let changes = audit::size_changes(&records);
    // The only size change of the year in the TFF combined file.
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let c = &changes[0];
    assert_eq!(c.code.as_str(), "23977A");
    assert_eq!(
        (c.before, c.after),
        (date("2016-11-29"), date("2016-12-06"))
    );
    assert_eq!(c.factor, Decimal::new(2, 0));
    // Figures read off the file (FORMAT.md section 4).
    assert_eq!(c.open_interest, (356_806, 694_546));
    assert_eq!(c.units_before, "(RUSSELL 2000 INDEX X $100.00)");
    assert_eq!(c.units_after, "(RUSSELL 2000 INDEX X $50)");
    assert!(c.evidence.positions && c.evidence.units);
}

#[test]
fn size_changes_in_every_real_file() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let changes = audit::size_changes(&every_record(&dir));
    let by_positions: Vec<&audit::SizeChange> =
        changes.iter().filter(|c| c.evidence.positions).collect();
    let on = |d: &str| -> Vec<&&audit::SizeChange> {
        by_positions.iter().filter(|c| c.after == date(d)).collect()
    };
    // ICE's halving, and CFTC's re-basing of its Consolidated index lines
    // on 2023-05-02 (S&P 500 from $250 to $50, NASDAQ-100 from $100 to $20
    // per contract, five to one): the units text says so too.
    let named: BTreeSet<(String, NaiveDate, Decimal)> = by_positions
        .iter()
        .filter(|c| c.evidence.units)
        .map(|c| (c.code.to_string(), c.after, c.factor))
        .collect();
    assert_eq!(
        named,
        BTreeSet::from([
            ("23977A".to_string(), date("2016-12-06"), Decimal::new(2, 0)),
            ("13874+".to_string(), date("2023-05-02"), Decimal::new(5, 0)),
            ("20974+".to_string(), date("2023-05-02"), Decimal::new(5, 0)),
        ])
    );
    // In the legacy combined Excel files, ICE re-specified its power
    // contracts twice with the units text unchanged: on 2014-04-29 open
    // interest and every position of 27 markets fell 18- to 78-fold, on
    // 2017-05-09 those of 8 markets 8- or 13-fold.
    for (day, markets, smallest, largest) in [("2014-04-29", 27, 18, 78), ("2017-05-09", 8, 8, 13)]
    {
        let found = on(day);
        assert_eq!(found.len(), markets, "{day}");
        for c in found {
            assert!(!c.evidence.units, "{c}");
            assert!(c.market_name.contains("ICE FUTURES ENERGY"), "{c}");
            let fold = (Decimal::ONE / c.factor).round();
            assert!(
                fold >= Decimal::from(smallest) && fold <= Decimal::from(largest),
                "{c}"
            );
        }
    }
    // Four doublings of small energy markets, with nothing in the units
    // text: a split or a market's one-week growth; reported, not explained.
    let doublings: BTreeSet<(String, NaiveDate)> = by_positions
        .iter()
        .filter(|c| !c.evidence.units && c.factor == Decimal::new(2, 0))
        .map(|c| (c.code.to_string(), c.after))
        .collect();
    assert_eq!(
        doublings,
        BTreeSet::from([
            ("0233AD".to_string(), date("2014-02-18")),
            ("02339Q".to_string(), date("2017-03-14")),
            ("0643BC".to_string(), date("2013-10-29")),
            ("067A28".to_string(), date("2014-11-04")),
        ])
    );
    // (The S&P 500 line shows in the futures-only and the combined file.)
    assert_eq!(by_positions.len(), 4 + 27 + 8 + 4);
    // The futures-only TFF files lack 2016: there the halving shows only in
    // the units text, across the gap.
    let fo = changes
        .iter()
        .find(|c| c.code.as_str() == "23977A" && c.scope == Scope::FuturesOnly)
        .unwrap();
    assert_eq!(
        (fo.before, fo.after),
        (date("2015-12-29"), date("2017-01-03"))
    );
    assert!(!fo.evidence.positions);
}
