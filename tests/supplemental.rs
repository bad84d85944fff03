//! The Supplemental report (Commodity Index Traders) on the real file:
//! every row typed, its identities, values against the raw text.

use crate::common;

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

const PATH: &str = "cit/2024_partial_thru_0723/annualci.txt";

#[test]
fn the_supplemental_file_reads_whole_and_adds_up() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let source = common::sources(&dir)
        .into_iter()
        .find(|s| s.path == PATH)
        .unwrap();
    let reader = ReaderBuilder::new()
        .mode(Mode::Strict)
        .from_path(dir.join(PATH))
        .unwrap();
    assert_eq!(reader.kind(), ReportKind::Supplemental);
    // Published combined only; the file has no scope column.
    assert_eq!(reader.scope(), (Scope::Combined, ScopeSource::Report));
    // The header's typos and the space inside `"Change_Comm_Short_All_NoCIT "`
    // are recognised, not reported.
    assert!(reader.layout().header_deviations.is_empty());
    let (records, report) = reader.read_all().unwrap();
    assert_eq!(report.rows, source.rows);
    assert_eq!(records.len() as u64, source.rows);
    let dates: Vec<NaiveDate> = records.iter().map(CotRecord::date).collect();
    assert_eq!(dates.iter().min().unwrap().to_string(), source.first);
    assert_eq!(dates.iter().max().unwrap().to_string(), source.last);
    // 13 markets.
    let markets: std::collections::BTreeSet<_> = records.iter().map(CotRecord::code).collect();
    assert_eq!(markets.len(), 13);
    // Options enter on a delta basis: the identities hold within the
    // combined tolerance of 2 on every row, exactly on 221 of 390 for the
    // long side (counted by an independent sum over the columns).
    let mut exact_long = 0;
    for r in &records {
        assert!(check::check(r).is_empty(), "{} {}", r.code(), r.date());
        let p = r.as_supplemental().unwrap().positions;
        let long = p.noncommercial.long.unwrap()
            + p.noncommercial.spread.unwrap()
            + p.commercial.long.unwrap()
            + p.index_traders.long.unwrap()
            + p.nonreportable.long.unwrap();
        if long == p.open_interest.unwrap() {
            exact_long += 1;
        }
    }
    assert_eq!(exact_long, 221);
    // Written back as CFTC text, they read the same.
    let mut out = Vec::new();
    let mut writer = WriterBuilder::new().from_writer(&mut out);
    for r in &records {
        writer.write(r).unwrap();
    }
    writer.flush().unwrap();
    drop(writer);
    let (again, _) = ReaderBuilder::new()
        .from_reader(out.as_slice(), "annualci.txt")
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(again, records);
}

/// Wheat rows against the raw text read with the `csv` crate by position:
/// open interest is column 8 (1-based), non-commercial without index
/// traders 9-11, index traders long and short 18-19, their trader counts
/// 52-53.
#[test]
fn wheat_index_traders_against_the_raw_text() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let mut csv = csv::Reader::from_path(dir.join(PATH)).unwrap();
    let raw: Vec<csv::StringRecord> = csv
        .records()
        .map(Result::unwrap)
        .filter(|r| r[3].trim() == "001602")
        .collect();
    assert_eq!(raw.len(), 30);
    let (records, _) = ReaderBuilder::new()
        .filter(Filter::codes(["001602"]).unwrap())
        .from_path(dir.join(PATH))
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(records.len(), 30);
    for row in &raw {
        let n = |i: usize| row[i].trim().parse::<i64>().unwrap();
        let r = records
            .iter()
            .filter_map(CotRecord::as_supplemental)
            .find(|r| r.date == date(row[2].trim()))
            .unwrap();
        let p = &r.positions;
        assert_eq!(p.open_interest, Some(n(7)));
        assert_eq!(p.noncommercial.long, Some(n(8)));
        assert_eq!(p.noncommercial.spread, Some(n(10)));
        assert_eq!(p.index_traders.long, Some(n(17)));
        assert_eq!(p.index_traders.short, Some(n(18)));
        assert_eq!(r.change.index_traders.short, Some(n(30)));
        assert_eq!(r.traders.index_traders.long.map(i64::from), Some(n(51)));
        assert_eq!(r.market.contract_units, row[53].trim());
        assert_eq!(r.market.market_code, row[4].trim());
    }
    // Read off the file by hand: SRW wheat on 2024-07-23, open interest
    // 511,022, index traders long 149,663 and short 70,739.
    let last = records
        .iter()
        .filter_map(CotRecord::as_supplemental)
        .find(|r| r.date == date("2024-07-23"))
        .unwrap();
    assert_eq!(last.positions.open_interest, Some(511_022));
    assert_eq!(last.positions.index_traders.long, Some(149_663));
    assert_eq!(last.positions.index_traders.short, Some(70_739));

    // Index traders' net in wheat, week by week.
    let wheat = Contract {
        code: "001602".parse().unwrap(),
        name: "CBOT SRW wheat".into(),
        underlying: "Wheat".into(),
        exchange: "CBOT".into(),
        multiplier: rust_decimal::Decimal::new(5000, 0),
        from: date("1970-01-01"),
        until: None,
        aliases: vec![],
        note: String::new(),
    };
    let history = HistoryBuilder::new(Family::new("Wheat", [&wheat]))
        .group(TraderGroup::IndexTraders)
        .scope(Scope::Combined)
        .unit(Unit::Contracts)
        .build(&records)
        .unwrap();
    assert_eq!(history.points().len(), 30);
    let p = history.at(date("2024-07-23")).unwrap();
    assert_eq!(p.net, rust_decimal::Decimal::from(149_663 - 70_739));
    for g in TraderGroup::of(ReportKind::Supplemental) {
        assert_eq!(g.to_string().parse::<TraderGroup>(), Ok(g));
        assert!(g.long_short(&records[0]).is_some(), "{g}");
    }
}
