//! The readers against every real CFTC text file in `CFTC_COT_DATA`
//! (default `../shared/cftc`), checked against what `SOURCES.md` documents.

use crate::common;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use cftc_cot::ErrorKind;
use cftc_cot::export::write::{Style, WriterBuilder};
use cftc_cot::read::{Filter, Mode, ReaderBuilder, ScopeSource};
use cftc_cot::records::check;
use cftc_cot::source::merge::read_merged;
use cftc_cot::{CotRecord, ReportKind, Scope};
use chrono::NaiveDate;

/// The Russell 2000 codes SOURCES.md counts (names containing `RUSSEL`, less
/// the Russell 1000 contracts).
const RUSSELL_CODES: [&str; 6] = ["239741", "239742", "23977A", "239777", "239747", "239750"];

/// CFTC's synthetic `Consolidated` index markets (DJIA, S&P 500, NASDAQ-100),
/// whose rows are off by a contract or two from rounding.
const CONSOLIDATED: [&str; 3] = ["12460+", "13874+", "20974+"];

fn date(s: &str) -> NaiveDate {
    s.parse().expect("ISO date")
}

fn read(path: &Path, mode: Mode) -> (Vec<CotRecord>, cftc_cot::read::ReadSummary) {
    ReaderBuilder::new()
        .mode(mode)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{e}"))
        .read_all()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn is_text(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    p.ends_with(".txt") || p.ends_with(".csv")
}

#[test]
fn every_text_file_matches_sources_md() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let sources = common::sources(&dir);
    let mut checked = 0;
    for source in sources.iter().filter(|s| is_text(&s.path)) {
        let path = dir.join(&source.path);
        // The Socrata subset has 13 of the 87 TFF columns and no code or
        // name: no record can be made of it without inventing them.
        if source.path.contains("socrata") {
            let err = ReaderBuilder::new().from_path(&path).unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::UnknownLayout { .. }),
                "{err}"
            );
            continue;
        }
        let (records, report) = read(&path, Mode::Lenient);
        assert_eq!(report.rows, source.rows, "{}: rows", source.path);
        assert_eq!(
            report.records + report.skipped,
            source.rows,
            "{}",
            source.path
        );
        let first = records.iter().map(|r| r.date()).min().expect("records");
        let last = records.iter().map(|r| r.date()).max().expect("records");
        assert_eq!(first, date(&source.first), "{}: first date", source.path);
        assert_eq!(last, date(&source.last), "{}: last date", source.path);
        let russell = records
            .iter()
            .filter(|r| RUSSELL_CODES.contains(&r.code().as_str()))
            .count() as u64;
        assert_eq!(
            russell, source.russell_rows,
            "{}: Russell rows",
            source.path
        );
        // Only the one modified file has damaged rows.
        let expected_skipped = if source.path.contains("2020_modified_full") {
            52
        } else {
            0
        };
        assert_eq!(report.skipped, expected_skipped, "{}", source.path);
        checked += 1;
    }
    assert_eq!(checked, 41, "text files checked");
}

/// CFTC's Excel file saved as CSV (no quotes, no padding, `M/D/YYYY`, a
/// BOM, no quoted code copies) reads to the same records as the text file.
#[test]
fn spreadsheet_export_reads_like_the_text_file() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let reader = ReaderBuilder::new()
        .from_path(dir.join("other_formats/tff_fut_excel_export_csv/F2021.csv"))
        .unwrap();
    assert!(reader.layout().spreadsheet_export);
    assert_eq!(reader.scope(), (Scope::FuturesOnly, ScopeSource::Column));
    let (mut export, _) = reader.read_all().unwrap();
    let (text, _) = read(&dir.join("tff_fut/2021/FinFutYY.txt"), Mode::Strict);
    assert_eq!(export.len(), text.len());
    for (e, t) in export.iter_mut().zip(&text) {
        let CotRecord::Tff(e) = e else { panic!() };
        // The export lacks the quoted copies of the codes; all else agrees.
        assert_eq!(e.market.quoted_codes.contract_market_code, "");
        e.market.quoted_codes = t.market().quoted_codes.clone();
    }
    assert_eq!(export, text);
}

#[test]
fn kinds_and_scopes_are_detected() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let cases = [
        (
            "legacy_fut/2004/annual.txt",
            ReportKind::Legacy,
            Scope::FuturesOnly,
            ScopeSource::FileName,
        ),
        (
            "legacy_futopt/2026_partial_thru_0303/annualof.txt",
            ReportKind::Legacy,
            Scope::Combined,
            ScopeSource::FileName,
        ),
        (
            "tff_fut/2024/FinFutYY.txt",
            ReportKind::Tff,
            Scope::FuturesOnly,
            ScopeSource::Column,
        ),
        (
            "tff_futopt/2022/FinComYY.txt",
            ReportKind::Tff,
            Scope::Combined,
            ScopeSource::Column,
        ),
    ];
    for (path, kind, scope, source) in cases {
        let (records, _) = read(&dir.join(path), Mode::Strict);
        let reader = ReaderBuilder::new().from_path(dir.join(path)).unwrap();
        assert_eq!(reader.kind(), kind, "{path}");
        assert_eq!(reader.scope().1, source, "{path}");
        assert!(
            records
                .iter()
                .all(|r| r.kind() == kind && r.scope() == scope)
        );
    }
    // A caller's scope wins for legacy files, whose rows cannot tell.
    let reader = ReaderBuilder::new()
        .scope(Scope::Combined)
        .from_path(dir.join("legacy_fut/2004/annual.txt"))
        .unwrap();
    assert_eq!(reader.scope(), (Scope::Combined, ScopeSource::Caller));
    // ...but a TFF file whose rows say otherwise is an error.
    let mut reader = ReaderBuilder::new()
        .scope(Scope::Combined)
        .from_path(dir.join("tff_fut/2024/FinFutYY.txt"))
        .unwrap();
    match reader.next().map(|r| r.map_err(cftc_cot::Error::into_kind)) {
        Some(Err(ErrorKind::ScopeMismatch { location, .. })) => assert_eq!(location.line, 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_old_padded_legacy_layout_reads_clean() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let (records, _) = read(&dir.join("legacy_fut/2004/annual.txt"), Mode::Strict);
    let r = records
        .iter()
        .filter_map(CotRecord::as_legacy)
        .find(|r| r.market.code.as_str() == "239742" && r.date == date("2004-12-28"))
        .expect("Russell mini 2004-12-28");
    assert_eq!(
        r.market.market_and_exchange_names,
        "RUSSEL 2000 STOCK INDEX (MINI) - CHICAGO MERCANTILE EXCHANGE"
    );
    assert_eq!(r.market.contract_name(), "RUSSEL 2000 STOCK INDEX (MINI)");
    assert_eq!(r.market.exchange_name(), "CHICAGO MERCANTILE EXCHANGE");
    assert_eq!(r.market.market_code, "CME");
    assert_eq!(r.market.region_code, "00");
    assert_eq!(r.market.commodity_code, "239");
    assert_eq!(r.market.contract_units, "(RUSSEL 2000 INDEX X $100)");
    assert_eq!(r.market.quoted_codes.contract_market_code, "239742");
    let p = r.all.positions;
    assert_eq!(p.open_interest, Some(101_381));
    assert_eq!(p.noncommercial.long, Some(18_356));
    assert_eq!(p.noncommercial.short, Some(18_161));
    assert_eq!(p.noncommercial.spread, Some(568));
    // Financial futures: Old repeats All.
    assert_eq!(r.old.positions, r.all.positions);
    assert_eq!(
        r.all.percent_of_open_interest.open_interest,
        Some("100.0".parse().unwrap())
    );
}

#[test]
fn spot_values_of_russell_rows() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    // (file, code, date, open interest, long, short): legacy non-commercial,
    // TFF leveraged funds. Read off the files with an independent CSV reader.
    let cases: [(&str, &str, &str, i64, i64, i64); 12] = [
        (
            "legacy_fut/2002/Annual.TXT",
            "239741",
            "2002-12-31",
            25304,
            1107,
            1448,
        ),
        (
            "legacy_fut/2024_partial_thru_0123/annual.txt",
            "239742",
            "2024-01-23",
            504119,
            85179,
            91368,
        ),
        (
            "legacy_fut/2025_partial_thru_0318/annual.txt",
            "239742",
            "2025-03-11",
            473874,
            77188,
            82364,
        ),
        (
            "legacy_fut/2025_partial_thru_0318/annual.txt",
            "239747",
            "2025-03-18",
            50044,
            12721,
            41428,
        ),
        (
            "legacy_futopt/2026_partial_thru_0303/annualof.txt",
            "239747",
            "2026-03-03",
            34460,
            11699,
            1828,
        ),
        (
            "tff_fut/2015/FinFutYY.txt",
            "23977A",
            "2015-12-29",
            365067,
            68223,
            110560,
        ),
        (
            "tff_fut/2017/FinFut17.txt",
            "23977A",
            "2017-12-26",
            23850,
            798,
            3026,
        ),
        (
            "tff_fut/2018/FinFut18.txt",
            "239742",
            "2018-12-31",
            470966,
            92934,
            123694,
        ),
        (
            "tff_fut/2019/FinFut19.txt",
            "239742",
            "2019-12-31",
            485652,
            76018,
            70448,
        ),
        (
            "tff_fut/2021/FinFutYY.txt",
            "239742",
            "2021-12-28",
            461815,
            63414,
            92065,
        ),
        (
            "tff_fut/2022/FinFutYY.txt",
            "239742",
            "2022-12-27",
            434774,
            79046,
            125951,
        ),
        (
            "tff_futopt/2022/FinComYY.txt",
            "239742",
            "2022-12-27",
            443772,
            78524,
            125222,
        ),
    ];
    for (path, code, day, oi, long, short) in cases {
        let (records, _) = ReaderBuilder::new()
            .filter(Filter::codes([code]).unwrap().from(date(day)).to(date(day)))
            .from_path(dir.join(path))
            .unwrap()
            .read_all()
            .unwrap();
        let [record] = records.as_slice() else {
            panic!("{path} {code} {day}: {} records", records.len());
        };
        let (got_long, got_short) = match record {
            CotRecord::Legacy(r) => (
                r.all.positions.noncommercial.long,
                r.all.positions.noncommercial.short,
            ),
            CotRecord::Tff(r) => (
                r.positions.leveraged_funds.long,
                r.positions.leveraged_funds.short,
            ),
            CotRecord::Disaggregated(r) => (
                r.all.positions.managed_money.long,
                r.all.positions.managed_money.short,
            ),
            CotRecord::Supplemental(r) => (
                r.positions.index_traders.long,
                r.positions.index_traders.short,
            ),
        };
        assert_eq!(record.open_interest(), Some(oi), "{path} {code} {day}");
        assert_eq!((got_long, got_short), (Some(long), Some(short)), "{path}");
    }
}

#[test]
fn first_report_of_the_cme_emini_has_no_changes() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let (records, _) = ReaderBuilder::new()
        .filter(Filter::codes(["239742"]).unwrap())
        .from_path(dir.join("tff_fut/2017/FinFut17.txt"))
        .unwrap()
        .read_all()
        .unwrap();
    let first = records
        .iter()
        .filter_map(CotRecord::as_tff)
        .min_by_key(|r| r.date)
        .unwrap();
    assert_eq!(first.date, date("2017-08-15"));
    assert_eq!(first.positions.open_interest, Some(13_248));
    // A bare `.` is None, never 0: the market was not in the prior report.
    assert_eq!(first.change.open_interest, None);
    assert_eq!(first.change.leveraged_funds.long, None);
    assert_eq!(first.subgroup_code, "F20");
    // Trader counts below 4 are suppressed as `.`.
    assert_eq!(first.traders.dealer.spread, None);
    assert_eq!(first.traders.total, Some(30));
}

#[test]
fn self_checks_pass_but_for_consolidated_markets() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    for source in common::sources(&dir) {
        let path = &source.path;
        let futures_only = path.starts_with("legacy_fut/") || path.starts_with("tff_fut/");
        let combined = path.starts_with("legacy_futopt/") || path.starts_with("tff_futopt/");
        if !(futures_only || combined) || !is_text(path) {
            continue;
        }
        let (records, _) = read(&dir.join(path), Mode::Lenient);
        let mut failing: BTreeMap<String, usize> = BTreeMap::new();
        for r in &records {
            let failures = check::check(r);
            if RUSSELL_CODES.contains(&r.code().as_str()) {
                assert!(
                    failures.is_empty(),
                    "{path} {} {}: {failures:?}",
                    r.code(),
                    r.date()
                );
            }
            if !failures.is_empty() {
                *failing.entry(r.code().to_string()).or_default() += 1;
            }
        }
        let codes: BTreeSet<&str> = failing.keys().map(String::as_str).collect();
        if futures_only {
            // Every futures-only exception is a Consolidated market; the 2002
            // and 2004 files predate them and have none.
            let expected: BTreeSet<&str> = if path.contains("2002") || path.contains("2004") {
                BTreeSet::new()
            } else {
                CONSOLIDATED.into_iter().collect()
            };
            assert_eq!(codes, expected, "{path}");
        } else if path.contains("tff_futopt/2022") {
            // With the combined tolerance of 2, four rows of 2022 are off by 3.
            let expected = BTreeMap::from([
                ("12460+".to_string(), 2),
                ("13874A".to_string(), 1),
                ("20974+".to_string(), 1),
            ]);
            assert_eq!(failing, expected, "{path}");
        } else if path.contains("tff_futopt/2012") {
            // Off by 3 on one side (options on a delta basis): the same rows
            // an independent sum over the file's columns finds.
            let expected = BTreeMap::from([
                ("020601".to_string(), 1),
                ("044601".to_string(), 2),
                ("099741".to_string(), 1),
                ("12460+".to_string(), 2),
                ("13874A".to_string(), 1),
                ("20974+".to_string(), 2),
            ]);
            assert_eq!(failing, expected, "{path}");
        } else if path.contains("tff_futopt/2013") {
            let expected = BTreeMap::from([
                ("096742".to_string(), 1),
                ("097741".to_string(), 1),
                ("12460+".to_string(), 1),
                ("132741".to_string(), 1),
                ("13874A".to_string(), 2),
                ("232741".to_string(), 1),
            ]);
            assert_eq!(failing, expected, "{path}");
        } else if path.contains("tff_futopt/2024") {
            assert_eq!(
                failing,
                BTreeMap::from([("20974+".to_string(), 1)]),
                "{path}"
            );
        } else {
            assert!(failing.is_empty(), "{path}: {failing:?}");
        }
    }
}

#[test]
fn damaged_rows_strict_and_lenient() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let path = dir.join("tff_fut/2020_modified_full/F_TFF_2020.txt");
    // Strict: the first damaged row stops the read, with its line.
    let mut strict = ReaderBuilder::new().from_path(&path).unwrap();
    match strict.next().map(|r| r.map_err(cftc_cot::Error::into_kind)) {
        Some(Err(ErrorKind::FieldCount {
            location,
            expected: 87,
            found: 86,
            ..
        })) => {
            assert_eq!(location.line, 2);
            assert!(location.source.ends_with("F_TFF_2020.txt"));
        }
        other => panic!("{other:?}"),
    }
    assert!(strict.next().is_none(), "strict stops after an error");
    // Lenient: the other rows come back and the 52 are reported.
    let (records, report) = read(&path, Mode::Lenient);
    assert_eq!(records.len(), 2293);
    assert_eq!(report.skipped, 52);
    assert_eq!(report.errors.len(), cftc_cot::read::KEPT_ERRORS);
    assert!(
        report
            .errors
            .iter()
            .all(|e| matches!(e.kind(), ErrorKind::FieldCount { found: 86, .. }))
    );
    assert!(records.iter().all(|r| r.code().as_str() != "090741"));
    assert!(report.to_string().contains("and 32 more"));
}

#[test]
fn zip_archives_as_cftc_publishes_them() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let tmp = common::temp_dir();
    let cases = [
        ("legacy_fut/2004/annual.txt", "deacot2004.zip", "annual.txt"),
        ("legacy_fut/2002/Annual.TXT", "deacot2002.zip", "Annual.TXT"),
        (
            "legacy_futopt/2026_partial_thru_0303/annualof.txt",
            "deahistfo2026.zip",
            "annualof.txt",
        ),
        (
            "tff_fut/2024/FinFutYY.txt",
            "fut_fin_txt_2024.zip",
            "FinFutYY.txt",
        ),
        (
            "tff_futopt/2022/FinComYY.txt",
            "com_fin_txt_2022.zip",
            "FinComYY.txt",
        ),
    ];
    for (text, archive, member) in cases {
        let bytes = std::fs::read(dir.join(text)).unwrap();
        let zip = common::zip_file(tmp.path(), archive, member, &bytes);
        let (from_zip, report) = read(&zip, Mode::Strict);
        let (from_text, _) = read(&dir.join(text), Mode::Strict);
        assert_eq!(from_zip, from_text, "{archive}");
        assert!(report.source.contains(member), "{}", report.source);
        // Scope of the legacy combined file comes from the archive name too.
        let reader = ReaderBuilder::new().from_path(&zip).unwrap();
        assert_eq!(
            reader.scope().0,
            from_text.first().unwrap().scope(),
            "{archive}"
        );
    }
}

#[test]
fn write_then_read_gives_the_same_records() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    for source in common::sources(&dir) {
        if !is_text(&source.path)
            || !source.path.starts_with("legacy_") && !source.path.starts_with("tff_")
        {
            continue;
        }
        let (records, _) = read(&dir.join(&source.path), Mode::Lenient);
        let old = source.path.contains("2002") || source.path.contains("2004");
        let style = if old { Style::Padded } else { Style::Current };
        let mut out = Vec::new();
        let mut writer = WriterBuilder::new().style(style).from_writer(&mut out);
        for r in &records {
            writer.write(r).unwrap();
        }
        writer.flush().unwrap();
        drop(writer);
        let (again, _) = ReaderBuilder::new()
            .scope(records[0].scope())
            .from_reader(out.as_slice(), &source.path)
            .unwrap()
            .read_all()
            .unwrap();
        assert_eq!(again, records, "{}", source.path);
    }
}

#[test]
fn merging_overlapping_files_newest_wins() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let older = dir.join("tff_fut/2020_partial_thru_1124/FinFutYY.txt");
    let newer = dir.join("tff_fut/2020_modified_full/F_TFF_2020.txt");
    let (merged, reports) = read_merged(&ReaderBuilder::new().lenient(), [&older, &newer]).unwrap();
    // The partial file's 2106 rows are all in the full file except its 47
    // Canadian dollar rows, which are damaged (and skipped) there.
    assert_eq!(reports[1].skipped, 52);
    assert_eq!(merged.replaced, 2106 - 47);
    assert_eq!(merged.records.len(), 2293 + 47);
    let keys: HashSet<_> = merged.records.iter().map(CotRecord::key).collect();
    assert_eq!(keys.len(), merged.records.len(), "no duplicate keys");
    assert!(
        merged
            .records
            .windows(2)
            .all(|w| w[0].date() <= w[1].date())
    );
    // The newer file's values win: every merged key it holds has its record.
    let (newest, _) = read(&newer, Mode::Lenient);
    let by_key: std::collections::HashMap<_, _> = newest.iter().map(|r| (r.key(), r)).collect();
    for r in &merged.records {
        if let Some(n) = by_key.get(&r.key()) {
            assert_eq!(&r, n);
        }
    }
}

#[test]
fn filtering_counts_every_row() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let path = dir.join("legacy_fut/2025_partial_thru_0318/annual.txt");
    let (all, _) = read(&path, Mode::Strict);
    let (records, report) = ReaderBuilder::new()
        .filter(Filter::codes(["239742", "239747"]).unwrap())
        .from_path(&path)
        .unwrap()
        .read_all()
        .unwrap();
    let expected: Vec<_> = all
        .iter()
        .filter(|r| ["239742", "239747"].contains(&r.code().as_str()))
        .cloned()
        .collect();
    assert_eq!(records, expected);
    assert_eq!(records.len(), 22);
    assert_eq!(report.filtered_out, 3506 - 22);
    assert_eq!(report.rows, 3506);
}

/// The semi-monthly legacy files of 1986 and 1988 (CFTC's original zips):
/// every row reads in strict mode, negative nonreportable positions as
/// printed, and every row adds up.
#[test]
fn the_1980s_legacy_files_read_whole() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    for (path, rows, first, last) in [
        (
            "legacy_fut/1986/deacot1986.zip",
            1255,
            "1986-01-15",
            "1986-12-31",
        ),
        (
            "legacy_fut/1988/deacot1988.zip",
            1232,
            "1988-01-15",
            "1988-12-30",
        ),
    ] {
        let (records, report) = read(&dir.join(path), Mode::Strict);
        assert_eq!(report.rows, rows, "{path}");
        assert_eq!(records.len() as u64, rows, "{path}");
        assert_eq!(report.skipped, 0, "{path}");
        let dates: BTreeSet<NaiveDate> = records.iter().map(|r| r.date()).collect();
        assert_eq!(dates.first(), Some(&date(first)), "{path}");
        assert_eq!(dates.last(), Some(&date(last)), "{path}");
        // Semi-monthly: 24 reports a year.
        assert_eq!(dates.len(), 24, "{path}");
        for r in &records {
            assert!(
                check::check(r).is_empty(),
                "{path} {} {}",
                r.code(),
                r.date()
            );
        }
        let negative = records
            .iter()
            .filter_map(CotRecord::as_legacy)
            .filter(|r| {
                let n = r.all.positions.nonreportable;
                n.long.unwrap() < 0 || n.short.unwrap() < 0
            })
            .count();
        assert!(negative > 0, "{path}");
        // Written back in the old padded layout, they read the same.
        let mut out = Vec::new();
        let mut writer = WriterBuilder::new()
            .style(Style::Padded)
            .from_writer(&mut out);
        for r in &records {
            writer.write(r).unwrap();
        }
        writer.flush().unwrap();
        drop(writer);
        let (again, _) = ReaderBuilder::new()
            .from_reader(out.as_slice(), path)
            .unwrap()
            .read_all()
            .unwrap();
        assert_eq!(again, records, "{path}");
    }
    // Read off the file: soybean oil on 1988-01-15, open interest 88,093,
    // nonreportable short -174,540 (reportable short 262,633 exceeds open
    // interest), and its short side adds up: 1,814 + 3,847 + 256,972 - 174,540.
    let (records, _) = read(&dir.join("legacy_fut/1988/deacot1988.zip"), Mode::Strict);
    let soy = records
        .iter()
        .filter_map(CotRecord::as_legacy)
        .find(|r| r.market.code.as_str() == "007601" && r.date == date("1988-01-15"))
        .unwrap();
    let p = soy.all.positions;
    assert_eq!(p.open_interest, Some(88_093));
    assert_eq!(p.nonreportable.short, Some(-174_540));
    assert_eq!(p.total_reportable.short, Some(262_633));
    assert_eq!(1_814 + 3_847 + 256_972 - 174_540, 88_093);
    // Negative open interest is still refused.
    let text = std::fs::read_to_string(dir.join("legacy_fut/2004/annual.txt")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap();
    let mut cells: Vec<&str> = row.split(',').collect();
    let negative_oi = format!("-{}", cells[7].trim());
    cells[7] = &negative_oi;
    let bad = format!("{header}\n{}\n", cells.join(","));
    let err = ReaderBuilder::new()
        .from_reader(bad.as_bytes(), "bad.txt")
        .unwrap()
        .read_all()
        .unwrap_err();
    assert!(err.to_string().contains("Open Interest (All)"), "{err}");
}
