//! Parquet export read back with the `parquet` crate: exact types, names as
//! CFTC's header, nulls for `.` (issue 15, item 2).
#![cfg(feature = "parquet")]

use crate::common;

use arrow_array::{Array, Date32Array, Decimal128Array, Int64Array, StringArray};
use arrow_schema::DataType;
use cftc_cot::export::parquet::{ParquetWriter, history_batch, write_history_parquet};
use cftc_cot::read::ReaderBuilder;
use cftc_cot::{CotRecord, ReportKind};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn read_back(bytes: Vec<u8>) -> Vec<arrow_array::RecordBatch> {
    ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(bytes))
        .unwrap()
        .build()
        .unwrap()
        .map(|b| b.unwrap())
        .collect()
}

#[test]
fn records_round_trip_through_parquet_with_their_types() {
    let (records, _) = ReaderBuilder::new()
        .from_path("data-samples/tff_futures_only.txt")
        .unwrap()
        .read_all()
        .unwrap();
    let mut out = Vec::new();
    let mut writer = ParquetWriter::new(&mut out, ReportKind::Tff).unwrap();
    writer.write(&records).unwrap();
    assert_eq!(writer.finish().unwrap(), 16);
    let batches = read_back(out);
    let batch = &batches[0];
    assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 16);
    let schema = batch.schema();
    assert_eq!(schema.fields().len(), 87 + 2);
    assert_eq!(schema.field(0).name(), "Market_and_Exchange_Names");
    assert_eq!(schema.field(2).data_type(), &DataType::Date32);
    assert_eq!(schema.field(3).data_type(), &DataType::Utf8);
    let pct = schema
        .fields()
        .iter()
        .position(|f| f.name() == "Pct_of_OI_Lev_Money_Long_All")
        .unwrap();
    assert_eq!(schema.field(pct).data_type(), &DataType::Decimal128(18, 1));
    let lev_long = schema
        .fields()
        .iter()
        .position(|f| f.name() == "Lev_Money_Positions_Long_All")
        .unwrap();
    let dates = batch
        .column(2)
        .as_any()
        .downcast_ref::<Date32Array>()
        .unwrap();
    let codes = batch
        .column(3)
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    let longs = batch
        .column(lev_long)
        .as_any()
        .downcast_ref::<Int64Array>()
        .unwrap();
    let pcts = batch
        .column(pct)
        .as_any()
        .downcast_ref::<Decimal128Array>()
        .unwrap();
    for (i, r) in records.iter().enumerate() {
        let CotRecord::Tff(t) = r else { panic!() };
        assert_eq!(dates.value_as_date(i), Some(r.date()));
        assert_eq!(codes.value(i), r.code().as_str());
        let lf = t.positions.leveraged_funds;
        assert_eq!(longs.is_null(i), lf.long.is_none());
        if let Some(l) = lf.long {
            assert_eq!(longs.value(i), l);
        }
        let p = t.percent_of_open_interest.leveraged_funds.long;
        assert_eq!(pcts.is_null(i), p.is_none());
        if let Some(p) = p {
            assert_eq!(pcts.value_as_string(i), p.to_string());
        }
    }
    // Leading zeros and letters of codes survive.
    assert!(codes.iter().flatten().all(|c| c.len() == 6));
    // When each row's report came out: the Friday after, 3:30 pm New York
    // (read off a calendar: 2025-01-21's report on Friday 2025-01-24, EST;
    // 2025-03-11's on Friday 2025-03-14, EDT since 2025-03-09).
    let released = batch
        .column_by_name("released")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::TimestampMicrosecondArray>()
        .unwrap();
    for (as_of, expected) in [
        ("2025-01-21", "2025-01-24T20:30:00"),
        ("2025-03-11", "2025-03-14T19:30:00"),
    ] {
        let i = (0..batch.num_rows())
            .find(|&i| dates.value_as_date(i).unwrap().to_string() == as_of)
            .unwrap();
        assert_eq!(
            released
                .value_as_datetime(i)
                .unwrap()
                .to_string()
                .replace(' ', "T"),
            expected
        );
    }
}

#[test]
fn a_history_exports_with_its_scale() {
    let (records, _) = ReaderBuilder::new()
        .from_path("data-samples/tff_futures_only.txt")
        .unwrap()
        .read_all()
        .unwrap();
    let history =
        cftc_cot::history::HistoryBuilder::new(cftc_cot::records::registry::Family::russell_2000())
            .group(cftc_cot::TraderGroup::LeveragedFunds)
            .build(&records)
            .unwrap();
    let batch = history_batch(&history).unwrap();
    assert_eq!(batch.num_rows(), history.points().len());
    let mut out = Vec::new();
    write_history_parquet(&mut out, &history).unwrap();
    let back = read_back(out);
    let net = back[0]
        .column(1)
        .as_any()
        .downcast_ref::<Decimal128Array>()
        .unwrap();
    let released = back[0]
        .column_by_name("released")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::TimestampMicrosecondArray>()
        .unwrap();
    for (i, p) in history.points().iter().enumerate() {
        assert_eq!(
            net.value_as_string(i)
                .parse::<rust_decimal::Decimal>()
                .unwrap(),
            p.net
        );
        assert_eq!(released.value(i), p.released.timestamp_micros());
    }
    // Where the readings came from, in a column and in the metadata: an
    // answer from the built-in snapshot says so in its Parquet too.
    let history = history.with_source("snapshot cftc-cot 9.9.9");
    let mut out = Vec::new();
    write_history_parquet(&mut out, &history).unwrap();
    let back = read_back(out.clone());
    let source = back[0]
        .column_by_name("source")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::StringArray>()
        .unwrap();
    assert!(source.iter().all(|s| s == Some("snapshot cftc-cot 9.9.9")));
    let file = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(out)).unwrap();
    assert_eq!(
        file.schema()
            .metadata()
            .get("cftc_cot.source")
            .map(String::as_str),
        Some("snapshot cftc-cot 9.9.9")
    );
}

/// `cftc export` streams every TFF futures-only record under the real
/// files into one Parquet file.
#[cfg(feature = "cli")]
#[test]
fn the_cli_exports_a_whole_report() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let tmp = common::temp_dir();
    let path = tmp.path().join("tff.parquet");
    let out = common::cftc_command(env!("CARGO_BIN_EXE_cftc"))
        .args([
            "export",
            "--data",
            dir.to_str().unwrap(),
            "--report",
            "tff",
            "--parquet",
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let batches = read_back(std::fs::read(&path).unwrap());
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    // Every row of every TFF futures-only file, as SOURCES.md counts them.
    let expected: u64 = common::sources(&dir)
        .iter()
        .filter(|s| {
            s.path.starts_with("tff_fut/")
                || s.path.starts_with("tff_fut_xls/")
                || s.path
                    .starts_with("other_formats/tff_fut_excel_export_csv/")
        })
        .map(|s| s.rows)
        .sum();
    // The 52 Canadian dollar rows the modified 2020 file damaged are
    // skipped, counted and said.
    assert_eq!(rows as u64 + 52, expected);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(&format!("{rows} rows")), "{stdout}");
    // Said on stderr, whatever stdout is.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("52 bad rows were skipped"), "{stderr}");
}

/// Key -> open interest of the rows a merge keeps, read with csv: files by
/// their last date (then path), a later file's row winning, as
/// `Source::load` merges (and CFTC's 2020 TFF file republished in full
/// overlaps the partial one).
fn merged_open_interest(
    files: &[std::path::PathBuf],
) -> std::collections::BTreeMap<(String, String), i64> {
    type Rows = Vec<(String, String, i64)>;
    let mut read: Vec<(String, std::path::PathBuf, Rows)> = files
        .iter()
        .map(|f| {
            let mut r = csv::ReaderBuilder::new()
                .flexible(true)
                .from_path(f)
                .unwrap();
            let h = r.headers().unwrap().clone();
            let col = |want: &dyn Fn(&str) -> bool| {
                h.iter()
                    .position(|x| want(&x.trim().to_ascii_lowercase().replace(' ', "_")))
                    .unwrap()
            };
            let (code, date, oi) = (
                col(&|x| x == "cftc_contract_market_code"),
                col(&|x| x.ends_with("yyyy-mm-dd")),
                col(&|x| x == "open_interest_all" || x == "open_interest_(all)"),
            );
            // A row of another width is one the reader skips (the 52
            // Canadian dollar rows SOURCES.md says were modified in 2020).
            let width = h.len();
            let rows: Rows = r
                .records()
                .map(|row| row.unwrap())
                .filter(|row| row.len() == width)
                .map(|row| {
                    (
                        row[code].trim().to_string(),
                        row[date].trim().to_string(),
                        row[oi].trim().parse().unwrap(),
                    )
                })
                .collect();
            let last = rows.iter().map(|r| r.1.clone()).max().unwrap();
            (last, f.clone(), rows)
        })
        .collect();
    read.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let mut out = std::collections::BTreeMap::new();
    for (_, _, rows) in read {
        for (code, date, oi) in rows {
            out.insert((code, date), oi);
        }
    }
    out
}

/// `export_dataset`: one Hive-partitioned dataset, every file with one
/// schema, rows merged as the text files say.
#[test]
fn a_dataset_holds_every_report_merged_and_partitioned() {
    use cftc_cot::export::dataset::{dataset_schema, export_dataset};
    use cftc_cot::source::Source;
    let Some(dir) = common::data_dir() else {
        return;
    };
    let tmp = common::temp_dir();
    let data = tmp.path().join("data");
    let inputs = [
        (
            "tff_fut/2020_modified_full/F_TFF_2020.txt",
            "tff_2020_full.txt",
        ),
        (
            "tff_fut/2020_partial_thru_1124/FinFutYY.txt",
            "tff_2020_partial.txt",
        ),
        ("tff_fut/2021/FinFutYY.txt", "tff_2021.txt"),
        (
            "legacy_fut/2024_partial_thru_0123/annual.txt",
            "legacy_2024.txt",
        ),
    ];
    std::fs::create_dir_all(&data).unwrap();
    for (from, to) in inputs {
        std::fs::copy(dir.join(from), data.join(to)).unwrap();
    }
    let out = tmp.path().join("dataset");
    let summary = export_dataset(
        &Source::dir(&data),
        &ReaderBuilder::new().lenient(),
        &out,
        &[],
    )
    .unwrap();
    assert_eq!(summary.rows_skipped, 52);
    let tff = merged_open_interest(&[
        data.join("tff_2020_full.txt"),
        data.join("tff_2020_partial.txt"),
        data.join("tff_2021.txt"),
    ]);
    let legacy = merged_open_interest(&[data.join("legacy_2024.txt")]);
    let mut expected: std::collections::BTreeMap<String, (u64, i64)> = Default::default();
    for (report, rows) in [("tff", &tff), ("legacy", &legacy)] {
        for ((_, date), oi) in rows.iter() {
            let part = format!("report={report}/scope=futures_only/year={}", &date[..4]);
            let slot = expected.entry(part).or_default();
            slot.0 += 1;
            slot.1 += oi;
        }
    }
    let schema = dataset_schema();
    let mut found: std::collections::BTreeMap<String, (u64, i64)> = Default::default();
    for part in &summary.parts {
        let rel = part.path.strip_prefix(&out).unwrap();
        assert_eq!(rel.file_name().unwrap(), "part-0.parquet");
        let key = rel.parent().unwrap().to_str().unwrap().to_string();
        let file = std::fs::File::open(&part.path).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        assert_eq!(reader.schema().as_ref(), schema.as_ref(), "{key}");
        let mut rows = 0u64;
        let mut oi = 0i64;
        for batch in reader.build().unwrap() {
            let batch = batch.unwrap();
            rows += batch.num_rows() as u64;
            let col = batch
                .column_by_name("open_interest_all")
                .unwrap()
                .as_any()
                .downcast_ref::<Int64Array>()
                .unwrap();
            oi += col.iter().map(|v| v.unwrap()).sum::<i64>();
            // A legacy column is null in a TFF file, and the other way.
            let other = if key.contains("tff") {
                "noncomm_positions_long_all"
            } else {
                "lev_money_positions_long"
            };
            let other = batch.column_by_name(other).unwrap();
            assert_eq!(other.null_count(), batch.num_rows(), "{key}");
        }
        assert_eq!(rows, part.rows);
        found.insert(key, (rows, oi));
    }
    assert_eq!(found, expected);
    // The overlap of the two 2020 files was merged, not written twice.
    assert!(summary.replaced > 0);
    assert_eq!(summary.rows, tff.len() as u64 + legacy.len() as u64);
    // No staging left behind.
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| n.starts_with("report=")), "{names:?}");
}

/// Every column of every report has one type in the dataset, whatever
/// report it comes from.
#[test]
fn the_dataset_schema_agrees_with_every_report() {
    use cftc_cot::export::dataset::{column_name, dataset_schema};
    use cftc_cot::export::parquet::records_schema;
    let schema = dataset_schema();
    for report in [
        ReportKind::Legacy,
        ReportKind::Tff,
        ReportKind::Disaggregated,
        ReportKind::Supplemental,
    ] {
        let own = records_schema(report);
        for (i, field) in own.fields().iter().enumerate() {
            let name = column_name(report, i);
            let there = schema.field_with_name(&name).unwrap();
            assert_eq!(there.data_type(), field.data_type(), "{report} {name}");
        }
    }
    for partition in ["report", "scope", "year"] {
        assert!(schema.field_with_name(partition).is_err());
    }
}

/// `cftc export --dataset DIR`: the partitions, and the rows of the file.
#[test]
fn the_cli_exports_a_dataset() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let tmp = common::temp_dir();
    let out = tmp.path().join("ds");
    let raw = dir.join("tff_fut/2021/FinFutYY.txt");
    let status = common::cftc_command(env!("CARGO_BIN_EXE_cftc"))
        .args([
            "export",
            "--dataset",
            out.to_str().unwrap(),
            "--data",
            raw.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let part = out.join("report=tff/scope=futures_only/year=2021/part-0.parquet");
    let file = std::fs::File::open(&part).unwrap();
    let rows: usize = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .map(|b| b.unwrap().num_rows())
        .sum();
    let expected = csv::Reader::from_path(&raw).unwrap().records().count();
    assert_eq!(rows, expected);
    // --dataset and --parquet are one or the other.
    let both = common::cftc_command(env!("CARGO_BIN_EXE_cftc"))
        .args([
            "export",
            "--dataset",
            "x",
            "--parquet",
            "y",
            "--report",
            "tff",
        ])
        .output()
        .unwrap();
    assert!(!both.status.success());
}
