//! The Disaggregated report on the real files: every row typed, the
//! identities, values against the raw text read by other code, histories
//! of managed money.

use crate::common;

use std::io::Read;

use cftc_cot::TraderGroup;
use cftc_cot::export::write::WriterBuilder;
use cftc_cot::history::{HistoryBuilder, Unit};
use cftc_cot::read::{Filter, Mode, ReaderBuilder, ScopeSource};
use cftc_cot::records::check;
use cftc_cot::records::registry::{Contract, Family};
use cftc_cot::{CotRecord, ReportKind, Scope};
use chrono::NaiveDate;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn every_disaggregated_file_reads_whole_and_adds_up() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let sources: Vec<common::Source> = common::sources(&dir)
        .into_iter()
        .filter(|s| s.path.starts_with("disagg_fut/"))
        .collect();
    assert_eq!(sources.len(), 3);
    for source in &sources {
        let path = dir.join(&source.path);
        let reader = ReaderBuilder::new()
            .mode(Mode::Strict)
            .from_path(&path)
            .unwrap();
        assert_eq!(reader.kind(), ReportKind::Disaggregated);
        assert_eq!(reader.scope(), (Scope::FuturesOnly, ScopeSource::Column));
        // CFTC's typos (`Swap__Positions_Short_All`) are the expected names.
        assert!(reader.layout().header_deviations.is_empty());
        let (records, report) = reader.read_all().unwrap();
        assert_eq!(report.rows, source.rows, "{}", source.path);
        assert_eq!(records.len() as u64, source.rows, "{}", source.path);
        let first = records.iter().map(CotRecord::date).min().unwrap();
        let last = records.iter().map(CotRecord::date).max().unwrap();
        assert_eq!(first.to_string(), source.first, "{}", source.path);
        assert_eq!(last.to_string(), source.last, "{}", source.path);
        // The identities hold exactly on every futures-only row (FORMAT.md
        // section 8 found the same on 2019 by an independent sum).
        for r in &records {
            assert!(
                check::check(r).is_empty(),
                "{} {} {}: {:?}",
                source.path,
                r.code(),
                r.date(),
                check::check(r)
            );
        }
        // Written back as CFTC text, they read the same.
        let mut out = Vec::new();
        let mut writer = WriterBuilder::new().from_writer(&mut out);
        for r in &records {
            writer.write(r).unwrap();
        }
        writer.flush().unwrap();
        drop(writer);
        let (again, _) = ReaderBuilder::new()
            .from_reader(out.as_slice(), "f_year.txt")
            .unwrap()
            .read_all()
            .unwrap();
        assert_eq!(again, records, "{}", source.path);
    }
}

/// Every numeric cell of the gold rows against the raw text, read with the
/// `zip` and `csv` crates by position: open interest is column 8 (1-based),
/// managed money long, short and spread 14-16, its traders 126-128.
#[test]
fn gold_managed_money_against_the_raw_text() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let path = dir.join("disagg_fut/2019/fut_disagg_txt_2019.zip");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name("f_year.txt")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    let raw: Vec<csv::StringRecord> = csv
        .records()
        .map(Result::unwrap)
        .filter(|r| r[3].trim() == "088691")
        .collect();
    assert_eq!(raw.len(), 52);
    let (records, _) = ReaderBuilder::new()
        .filter(Filter::codes(["088691"]).unwrap())
        .from_path(&path)
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(records.len(), 52);
    for row in &raw {
        let n = |i: usize| row[i].trim().parse::<i64>().unwrap();
        let d = date(row[2].trim());
        let r = records
            .iter()
            .filter_map(CotRecord::as_disaggregated)
            .find(|r| r.date == d)
            .unwrap();
        let p = &r.all.positions;
        assert_eq!(p.open_interest, Some(n(7)));
        assert_eq!(p.producer_merchant.long, Some(n(8)));
        assert_eq!(p.swap_dealers.short, Some(n(11)));
        assert_eq!(p.managed_money.long, Some(n(13)));
        assert_eq!(p.managed_money.short, Some(n(14)));
        assert_eq!(p.managed_money.spread, Some(n(15)));
        assert_eq!(p.nonreportable.short, Some(n(22)));
        let t = &r.all.traders.managed_money;
        assert_eq!(t.long.map(i64::from), Some(n(125)));
        assert_eq!(t.short.map(i64::from), Some(n(126)));
        assert_eq!(r.subgroup_code, row[189].trim());
        assert_eq!(r.market.contract_units, row[185].trim());
    }
    // Read off the file by hand: gold on 2019-12-31, open interest 786,166,
    // managed money long 258,357 and short 25,625.
    let last = records
        .iter()
        .filter_map(CotRecord::as_disaggregated)
        .find(|r| r.date == date("2019-12-31"))
        .unwrap();
    assert_eq!(last.all.positions.open_interest, Some(786_166));
    assert_eq!(last.all.positions.managed_money.long, Some(258_357));
    assert_eq!(last.all.positions.managed_money.short, Some(25_625));
    assert_eq!(
        last.market.market_and_exchange_names,
        "GOLD - COMMODITY EXCHANGE INC."
    );
}

#[test]
fn managed_money_in_gold_week_by_week() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let gold = Contract {
        code: "088691".parse().unwrap(),
        name: "COMEX gold".into(),
        underlying: "Gold".into(),
        exchange: "COMEX".into(),
        multiplier: rust_decimal::Decimal::new(100, 0),
        from: date("1975-01-01"),
        until: None,
        aliases: vec![],
        note: String::new(),
    };
    let family = Family::new("Gold", [&gold]);
    let paths: Vec<_> = ["2017", "2018", "2019"]
        .iter()
        .map(|y| dir.join(format!("disagg_fut/{y}/fut_disagg_txt_{y}.zip")))
        .collect();
    let builder = ReaderBuilder::new().filter(Filter::codes(["088691"]).unwrap());
    let (merged, _) = cftc_cot::source::merge::read_merged(&builder, &paths).unwrap();
    let history = HistoryBuilder::new(family)
        .group(TraderGroup::ManagedMoney)
        .unit(Unit::Contracts)
        .build(&merged.records)
        .unwrap();
    assert_eq!(history.points().len(), 52 + 53 + 52);
    assert!(history.gaps().is_empty());
    let p = history.at(date("2019-12-31")).unwrap();
    assert_eq!(p.net, rust_decimal::Decimal::from(258_357 - 25_625));
    // The group's report decides which rows count: legacy groups see none.
    let legacy = HistoryBuilder::new(Family::new("Gold", [&gold]))
        .group(TraderGroup::NonCommercial)
        .build(&merged.records)
        .unwrap();
    assert!(legacy.points().is_empty());
    for g in TraderGroup::of(ReportKind::Disaggregated) {
        assert_eq!(g.to_string().parse::<TraderGroup>(), Ok(g));
        assert!(g.long_short(&merged.records[0]).is_some(), "{g}");
    }
}
