//! Records and histories to Arrow record batches and Parquet files
//! (feature `parquet`).
//!
//! One column per CFTC column, named as in CFTC's header
//! ([`ReportKind::column_names`]), with exact types: the as-of date as
//! `Date32`, contracts and trader counts as `Int64`, percents and
//! concentration ratios as `Decimal128` with CFTC's one decimal
//! ([`DECIMAL_SCALE`]), names, codes (leading zeros kept), the YYMMDD text
//! and the units as `Utf8`; a missing value (`.`) is null; then when CFTC
//! published the row's report ([`RELEASE_COLUMNS`]). A history's values
//! are `Decimal128` with the scale they need.
//!
//! ```no_run
//! use cftc_cot::export::parquet::ParquetWriter;
//! use cftc_cot::read::ReaderBuilder;
//! use cftc_cot::ReportKind;
//!
//! let (records, _) = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?.read_all()?;
//! let file = std::fs::File::create("tff.parquet")?;
//! let mut writer = ParquetWriter::new(file, ReportKind::Tff)?;
//! writer.write(&records)?;
//! let rows = writer.finish()?;
//! assert_eq!(rows, 16);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Decimal128Builder, Int64Builder, StringBuilder,
    TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use rust_decimal::Decimal;

use crate::error::{BoxError, Error, ErrorKind, ExportProblem, Location, Result};
use crate::history::History;
use crate::read::codec::{Value, encode as record_values};
use crate::records::schema::ID_COLUMNS;
use crate::records::{CotRecord, ReportKind};

/// The scale of CFTC's percents and concentration ratios: one decimal.
pub const DECIMAL_SCALE: i8 = 1;

/// Precision of the record decimals (at most 100.0 for percents, but room
/// for anything CFTC could print).
const DECIMAL_PRECISION: u8 = 18;

fn export_error(problem: ExportProblem) -> Error {
    Error::from(ErrorKind::Export { problem })
}

pub(super) fn writer_error(e: impl Into<BoxError>) -> Error {
    export_error(ExportProblem::Writer(e.into()))
}

/// What a column of a report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Date,
    Int,
    Dec,
}

fn column_kinds(report: ReportKind) -> Vec<Kind> {
    let schema = report.schema();
    let offsets = schema.offsets();
    let percent = offsets.percent.first().copied().unwrap_or(offsets.tail);
    let traders = offsets.traders.first().copied().unwrap_or(offsets.tail);
    let concentration = offsets
        .concentration
        .first()
        .copied()
        .unwrap_or(offsets.tail);
    (0..report.columns())
        .map(|i| match i {
            2 => Kind::Date,
            i if i < ID_COLUMNS || i >= offsets.tail => Kind::Text,
            i if (percent..traders).contains(&i) => Kind::Dec,
            i if (concentration..offsets.tail).contains(&i) => Kind::Dec,
            _ => Kind::Int,
        })
        .collect()
}

/// The columns a record export adds after CFTC's: when CFTC published the
/// row's report (`Timestamp(µs, UTC)`, [`crate::records::calendar`]) and
/// whether no source gives that date (`Boolean`).
pub const RELEASE_COLUMNS: [&str; 2] = ["released", "release_estimated"];

/// The Arrow schema of a report's records: one field per CFTC column, then
/// the [`RELEASE_COLUMNS`].
///
/// ```
/// use cftc_cot::export::parquet::records_schema;
/// let schema = records_schema(cftc_cot::ReportKind::Tff);
/// assert_eq!(schema.fields().len(), 87 + 2);
/// assert_eq!(schema.field(87).name(), "released");
/// ```
pub fn records_schema(report: ReportKind) -> SchemaRef {
    let mut fields: Vec<Field> = report
        .column_names()
        .iter()
        .zip(column_kinds(report))
        .map(|(name, kind)| match kind {
            Kind::Text => Field::new(*name, DataType::Utf8, false),
            Kind::Date => Field::new(*name, DataType::Date32, false),
            Kind::Int => Field::new(*name, DataType::Int64, true),
            Kind::Dec => Field::new(
                *name,
                DataType::Decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
                true,
            ),
        })
        .collect();
    fields.push(Field::new(RELEASE_COLUMNS[0], utc_timestamp(), false));
    fields.push(Field::new(RELEASE_COLUMNS[1], DataType::Boolean, false));
    Arc::new(Schema::new(fields))
}

fn utc_timestamp() -> DataType {
    DataType::Timestamp(arrow_schema::TimeUnit::Microsecond, Some("UTC".into()))
}

/// Days since 1970-01-01, Arrow's `Date32`.
fn date32(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN);
    i32::try_from((d - epoch).num_days()).unwrap_or(i32::MIN)
}

/// A decimal as the integer of `scale` decimals, or an error when it has
/// more (nothing is rounded).
fn scaled(v: Decimal, scale: i8, column: &'static str) -> Result<i128> {
    let v = v.normalize();
    if i64::from(v.scale()) > i64::from(scale) {
        return Err(export_error(ExportProblem::TooPrecise {
            column,
            value: v.to_string(),
            scale,
        }));
    }
    let factor = 10i128.pow(u32::try_from(i64::from(scale) - i64::from(v.scale())).unwrap_or(0));
    v.mantissa().checked_mul(factor).ok_or_else(|| {
        export_error(ExportProblem::TooLarge {
            column,
            value: v.to_string(),
        })
    })
}

enum Column {
    Text(StringBuilder),
    Date(Date32Builder),
    Int(Int64Builder),
    Dec(Decimal128Builder),
}

/// Records of one report as an Arrow record batch (records of another
/// report are an error).
pub fn record_batch<'a>(
    report: ReportKind,
    records: impl IntoIterator<Item = &'a CotRecord>,
) -> Result<RecordBatch> {
    let kinds = column_kinds(report);
    let names = report.column_names();
    let mut columns: Vec<Column> = kinds
        .iter()
        .map(|k| match k {
            Kind::Text => Column::Text(StringBuilder::new()),
            Kind::Date => Column::Date(Date32Builder::new()),
            Kind::Int => Column::Int(Int64Builder::new()),
            Kind::Dec => Column::Dec(Decimal128Builder::new()),
        })
        .collect();
    let mut released = TimestampMicrosecondBuilder::new().with_timezone("UTC");
    let mut estimated = BooleanBuilder::new();
    // One calendar lookup per date, not per row.
    let mut releases: std::collections::HashMap<NaiveDate, (i64, bool)> =
        std::collections::HashMap::new();
    for record in records {
        let (at, guess) = *releases.entry(record.date()).or_insert_with(|| {
            let r = crate::records::calendar::release(report, record.date());
            (r.published.timestamp_micros(), r.is_estimated())
        });
        released.append_value(at);
        estimated.append_value(guess);
        if record.kind() != report {
            return Err(Error::from(ErrorKind::OtherReport {
                location: Box::new(Location::input("Parquet export", None)),
                what: "record",
                found: record.kind().to_string(),
                required: report.to_string(),
            }));
        }
        let values = record_values(record);
        if values.len() != columns.len() {
            return Err(export_error(ExportProblem::Columns {
                report,
                values: values.len(),
                columns: columns.len(),
            }));
        }
        for ((column, value), name) in columns.iter_mut().zip(values).zip(names.iter()) {
            match (column, value) {
                (Column::Text(b), Value::Text(s)) => b.append_value(s),
                (Column::Date(b), Value::Date(d)) => b.append_value(date32(d)),
                (Column::Int(b), Value::Int(v)) => b.append_option(v),
                (Column::Dec(b), Value::Dec(v)) => {
                    b.append_option(v.map(|v| scaled(v, DECIMAL_SCALE, name)).transpose()?)
                }
                _ => {
                    return Err(export_error(ExportProblem::ColumnType(name)));
                }
            }
        }
    }
    let mut arrays: Vec<ArrayRef> = columns
        .into_iter()
        .map(|c| -> Result<ArrayRef> {
            Ok(match c {
                Column::Text(mut b) => Arc::new(b.finish()),
                Column::Date(mut b) => Arc::new(b.finish()),
                Column::Int(mut b) => Arc::new(b.finish()),
                Column::Dec(mut b) => Arc::new(
                    b.finish()
                        .with_precision_and_scale(DECIMAL_PRECISION, DECIMAL_SCALE)
                        .map_err(writer_error)?,
                ),
            })
        })
        .collect::<Result<_>>()?;
    arrays.push(Arc::new(released.finish()));
    arrays.push(Arc::new(estimated.finish()));
    RecordBatch::try_new(records_schema(report), arrays).map_err(writer_error)
}

pub(super) fn properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build()
}

/// Streams records of one report into a Parquet file, batch by batch, so
/// that exporting a whole corpus holds one file's records at a time.
pub struct ParquetWriter<W: Write + Send> {
    inner: ArrowWriter<W>,
    report: ReportKind,
    rows: u64,
}

impl<W: Write + Send> ParquetWriter<W> {
    /// A writer of `report` records into `out`.
    pub fn new(out: W, report: ReportKind) -> Result<Self> {
        let inner = ArrowWriter::try_new(out, records_schema(report), Some(properties()))
            .map_err(writer_error)?;
        Ok(ParquetWriter {
            inner,
            report,
            rows: 0,
        })
    }

    /// Writes one batch of records (a row group per batch, at most).
    pub fn write<'a>(&mut self, records: impl IntoIterator<Item = &'a CotRecord>) -> Result<()> {
        let batch = record_batch(self.report, records)?;
        self.rows += batch.num_rows() as u64;
        self.inner.write(&batch).map_err(writer_error)
    }

    /// Finishes the file; returns the rows written.
    pub fn finish(self) -> Result<u64> {
        self.inner.close().map_err(writer_error)?;
        Ok(self.rows)
    }
}

/// A history as a record batch: `date` (`Date32`), `net`, `long`,
/// `short`, `open_interest` (`Decimal128` at the scale the values need),
/// `codes` (`Utf8`, the codes summed that week), `overlap` (`Boolean`),
/// `released` (`Timestamp(µs, UTC)`, when CFTC published the week),
/// `release_estimated` (`Boolean`) and `source` (`Utf8`,
/// [`History::source`]): the columns of [`History::write_csv`].
pub fn history_batch(history: &History) -> Result<RecordBatch> {
    let rows: Vec<(Option<NaiveDate>, &crate::history::Point)> =
        history.points().iter().map(|p| (None, p)).collect();
    series_batch(history, &rows)
}

/// [`History::by_release`] as a record batch: the columns of
/// [`history_batch`], `date` the Friday, with `as_of` (the week it shows)
/// before `released`.
///
/// ```
/// use cftc_cot::history::FRIDAY_CLOSE;
/// # use cftc_cot::history::study::Study;
/// # use cftc_cot::read::Mode;
/// # use cftc_cot::source::Source;
/// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
/// let batch = cftc_cot::export::parquet::by_release_batch(&history, FRIDAY_CLOSE)?;
/// assert!(batch.schema().column_with_name("as_of").is_some());
/// assert_eq!(batch.num_rows(), history.by_release(FRIDAY_CLOSE).len());
/// # Ok::<(), cftc_cot::Error>(())
/// ```
pub fn by_release_batch(history: &History, close: chrono::NaiveTime) -> Result<RecordBatch> {
    let rows: Vec<(Option<NaiveDate>, &crate::history::Point)> = history
        .by_release(close)
        .into_iter()
        .map(|(friday, p)| (Some(friday), p))
        .collect();
    series_batch(history, &rows)
}

/// The series' rows: with a Friday each, the release-aligned series
/// (`date` the Friday, `as_of` the point's date); without, the weekly one.
fn series_batch(
    history: &History,
    rows: &[(Option<NaiveDate>, &crate::history::Point)],
) -> Result<RecordBatch> {
    let aligned = rows.first().is_some_and(|(friday, _)| friday.is_some());
    let scale = rows
        .iter()
        .flat_map(|(_, p)| [p.net, p.long, p.short, p.open_interest])
        .map(|v| v.normalize().scale())
        .max()
        .unwrap_or(0);
    let scale = i8::try_from(scale).map_err(writer_error)?;
    let decimal = DataType::Decimal128(38, scale);
    let utc = utc_timestamp();
    let mut fields = vec![
        Field::new("date", DataType::Date32, false),
        Field::new("net", decimal.clone(), false),
        Field::new("long", decimal.clone(), false),
        Field::new("short", decimal.clone(), false),
        Field::new("open_interest", decimal, false),
        Field::new("codes", DataType::Utf8, false),
        Field::new("overlap", DataType::Boolean, false),
    ];
    if aligned {
        fields.push(Field::new("as_of", DataType::Date32, false));
    }
    fields.extend([
        Field::new("released", utc, false),
        Field::new("release_estimated", DataType::Boolean, false),
        Field::new("source", DataType::Utf8, false),
    ]);
    let schema = Arc::new(
        Schema::new(fields).with_metadata(
            [("cftc_cot.source".to_string(), history.source().to_string())]
                .into_iter()
                .collect::<std::collections::HashMap<_, _>>(),
        ),
    );
    let mut date = Date32Builder::new();
    let mut as_of = Date32Builder::new();
    let mut released = TimestampMicrosecondBuilder::new().with_timezone("UTC");
    let mut estimated = BooleanBuilder::new();
    let mut values: Vec<Decimal128Builder> = (0..4).map(|_| Decimal128Builder::new()).collect();
    let mut codes = StringBuilder::new();
    let mut overlap = BooleanBuilder::new();
    let mut source = StringBuilder::new();
    for (friday, p) in rows {
        source.append_value(history.source());
        date.append_value(date32(friday.unwrap_or(p.date)));
        as_of.append_value(date32(p.date));
        released.append_value(p.released.timestamp_micros());
        estimated.append_value(p.release_estimated);
        for ((b, v), name) in values
            .iter_mut()
            .zip([p.net, p.long, p.short, p.open_interest])
            .zip(["net", "long", "short", "open_interest"])
        {
            b.append_value(scaled(v, scale, name)?);
        }
        codes.append_value(p.codes());
        overlap.append_value(p.overlap);
    }
    let mut arrays: Vec<ArrayRef> = vec![Arc::new(date.finish())];
    for mut b in values {
        arrays.push(Arc::new(
            b.finish()
                .with_precision_and_scale(38, scale)
                .map_err(writer_error)?,
        ));
    }
    arrays.push(Arc::new(codes.finish()));
    arrays.push(Arc::new(overlap.finish()));
    if aligned {
        arrays.push(Arc::new(as_of.finish()));
    }
    arrays.push(Arc::new(released.finish()));
    arrays.push(Arc::new(estimated.finish()));
    arrays.push(Arc::new(source.finish()));
    RecordBatch::try_new(schema, arrays).map_err(writer_error)
}

/// Writes a history to a Parquet file ([`history_batch`]).
pub fn write_history_parquet(out: impl Write + Send, history: &History) -> Result<()> {
    write_batch(out, history_batch(history)?)
}

/// Writes [`History::by_release`] to a Parquet file ([`by_release_batch`]).
pub fn write_by_release_parquet(
    out: impl Write + Send,
    history: &History,
    close: chrono::NaiveTime,
) -> Result<()> {
    write_batch(out, by_release_batch(history, close)?)
}

fn write_batch(out: impl Write + Send, batch: RecordBatch) -> Result<()> {
    let mut writer =
        ArrowWriter::try_new(out, batch.schema(), Some(properties())).map_err(writer_error)?;
    writer.write(&batch).map_err(writer_error)?;
    writer.close().map_err(writer_error)?;
    Ok(())
}

/// What [`export_source`] wrote.
#[derive(Debug)]
pub struct Exported {
    /// Files whose records were written, in the order written.
    pub files: Vec<std::path::PathBuf>,
    /// Records written.
    pub rows: u64,
    /// Bad rows a lenient reader skipped (counted, not written).
    pub rows_skipped: u64,
    /// Inputs left out, and why.
    pub skipped: Vec<crate::source::SkippedInput>,
}

/// Writes every record of one report and scope in `source` to a Parquet
/// file, file by file (memory holds one input's records at a time; rows are
/// not merged, so a week in two files is written twice). Inputs of other
/// reports or scopes, and (in lenient mode) unreadable ones, are skipped
/// and listed.
pub fn export_source(
    source: &crate::source::Source,
    builder: &crate::read::ReaderBuilder,
    report: ReportKind,
    scope: crate::records::Scope,
    out: impl Write + Send,
) -> Result<Exported> {
    use crate::source::{FileRead, SkippedInput, Workers, read_one};
    let mut writer = ParquetWriter::new(out, report)?;
    let mut exported = Exported {
        files: Vec::new(),
        rows: 0,
        rows_skipped: 0,
        skipped: Vec::new(),
    };
    #[cfg(feature = "api")]
    if source.api_client().is_some() {
        // The API is one answer, not files: its records, merged.
        let loaded = source.load(builder, report, scope)?;
        exported.rows_skipped = loaded.rows_skipped();
        writer.write(&loaded.merged.records)?;
        exported.files = loaded.read.into_iter().map(|r| r.path).collect();
        exported.rows = writer.finish()?;
        return Ok(exported);
    }
    // One input at a time, so memory holds one file's records.
    source.walk(
        builder,
        Some((report, scope)),
        Workers::OneAtATime,
        |builder, path| read_one(builder, path, report, scope),
        |path, read| {
            match read {
                FileRead::Records(records, read) => {
                    exported.rows_skipped += read.skipped;
                    writer.write(&records)?;
                    exported.files.push(path);
                }
                FileRead::Skipped(reason) => exported.skipped.push(SkippedInput { path, reason }),
            }
            Ok(())
        },
    )?;
    exported.rows = writer.finish()?;
    Ok(exported)
}
