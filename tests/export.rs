//! Parquet export read back with the `parquet` crate: exact types, names as
//! CFTC's header, nulls for `.` (issue 15, item 2).
#![cfg(feature = "parquet")]

mod common;

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
    assert_eq!(schema.fields().len(), 87);
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
    for (i, p) in history.points().iter().enumerate() {
        assert_eq!(
            net.value_as_string(i)
                .parse::<rust_decimal::Decimal>()
                .unwrap(),
            p.net
        );
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
