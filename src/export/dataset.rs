//! Every report of a source as one Hive-partitioned Parquet dataset
//! (feature `parquet`): `DIR/report=legacy/scope=futures_only/year=2024/part-0.parquet`,
//! which duckdb (`read_parquet('DIR/**/*.parquet', hive_partitioning =
//! true)`) and `pyarrow.dataset.dataset(DIR, partitioning="hive")` read as
//! one table (`benches/parquet_check.py`); polars' and Spark's Hive
//! readers take the same layout (not tried here).
//!
//! Every file has the same schema ([`dataset_schema`]): the union of the
//! four reports' columns under their API field names (`open_interest_all`,
//! `cftc_contract_market_code`: the one spelling CFTC uses for all four;
//! a column the API lacks, such as the YYMMDD text, by its header name in
//! snake case), each with its exact type (dates `Date32`, contracts
//! `Int64`, percents `Decimal128(18, 1)`, text `Utf8`), null where the
//! report has no such column. The partition columns `report`, `scope`
//! and `year` are in the paths only, as Hive lays them out.
//!
//! Records are merged as [`Source::load`] merges them: one per market,
//! date, report and scope, the newest input's; each input is read twice
//! (once for its keys, once to write the rows it wins), one input at a
//! time, so memory holds one input's records and the keys, whatever the
//! corpus. The dataset is built beside the target and each `report=`
//! directory replaced when all is written: a failure leaves the earlier
//! dataset as it was.
//!
//! ```
//! use cftc_cot::export::dataset::export_dataset;
//! use cftc_cot::read::ReaderBuilder;
//! use cftc_cot::source::Source;
//! let dir = std::env::temp_dir().join(format!("cftc-cot-doc-dataset-{}", std::process::id()));
//! let summary = export_dataset(&Source::dir("data-samples"), &ReaderBuilder::new().lenient(), &dir, &[])?;
//! assert!(summary.rows > 0);
//! assert!(summary.parts.iter().all(|p| p.path.starts_with(&dir)));
//! # std::fs::remove_dir_all(&dir).ok();
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! [`Source::load`]: crate::source::Source::load

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, new_null_array};
use arrow_schema::{Field, Schema, SchemaRef};
use chrono::{Datelike, NaiveDate};
use parquet::arrow::ArrowWriter;
use serde::Serialize;

use super::parquet::{properties, record_batch, records_schema, writer_error};
use crate::error::{Error, Result};
use crate::read::ReaderBuilder;
use crate::records::{CotRecord, RecordKey, ReportKind, Scope};
use crate::source::{FileRead, SkippedInput, Source, Workers, read_one};

/// The report and scope pairs CFTC publishes, in the dataset's order.
pub const PUBLISHED: [(ReportKind, Scope); 7] = [
    (ReportKind::Legacy, Scope::FuturesOnly),
    (ReportKind::Legacy, Scope::Combined),
    (ReportKind::Tff, Scope::FuturesOnly),
    (ReportKind::Tff, Scope::Combined),
    (ReportKind::Disaggregated, Scope::FuturesOnly),
    (ReportKind::Disaggregated, Scope::Combined),
    (ReportKind::Supplemental, Scope::Combined),
];

/// A column's name in the dataset: the API field (the same in every
/// report), else the header name in snake case.
///
/// ```
/// use cftc_cot::export::dataset::column_name;
/// use cftc_cot::ReportKind;
/// assert_eq!(column_name(ReportKind::Legacy, 7), "open_interest_all");
/// assert_eq!(column_name(ReportKind::Tff, 7), "open_interest_all");
/// assert_eq!(column_name(ReportKind::Legacy, 1), "as_of_date_in_form_yymmdd");
/// ```
pub fn column_name(report: ReportKind, column: usize) -> String {
    let cftc = report.column_names().len();
    if let Some(name) = column
        .checked_sub(cftc)
        .and_then(|i| super::parquet::RELEASE_COLUMNS.get(i))
    {
        return (*name).to_string();
    }
    let schema = report.schema();
    if let Some(Some(api)) = schema.api_fields.get(column) {
        return (*api).to_string();
    }
    let header = report.column_names().get(column).copied().unwrap_or("");
    let mut out = String::new();
    for ch in header.trim().chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// The schema of every file of the dataset: the four reports' columns,
/// legacy's first, then each later report's new ones, all nullable.
///
/// ```
/// use cftc_cot::export::dataset::dataset_schema;
/// let schema = dataset_schema();
/// assert!(schema.field_with_name("open_interest_all").is_ok());
/// assert!(schema.field_with_name("lev_money_positions_long").is_ok());
/// assert!(schema.field_with_name("m_money_positions_long_all").is_ok());
/// ```
pub fn dataset_schema() -> SchemaRef {
    let mut fields: Vec<Field> = Vec::new();
    for report in [
        ReportKind::Legacy,
        ReportKind::Tff,
        ReportKind::Disaggregated,
        ReportKind::Supplemental,
    ] {
        let schema = records_schema(report);
        for (i, field) in schema.fields().iter().enumerate() {
            let name = column_name(report, i);
            if !fields.iter().any(|f| f.name() == &name) {
                fields.push(Field::new(name, field.data_type().clone(), true));
            }
        }
    }
    Arc::new(Schema::new(fields))
}

/// One file of the dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatasetPart {
    /// The report.
    pub report: ReportKind,
    /// The scope.
    pub scope: Scope,
    /// The year of its report dates.
    pub year: i32,
    /// Its path, under the dataset's directory.
    pub path: PathBuf,
    /// Its rows.
    pub rows: u64,
}

/// What [`export_dataset`] wrote.
#[derive(Debug, Default, Serialize)]
pub struct DatasetSummary {
    /// The dataset's directory.
    pub dir: PathBuf,
    /// Every file written, by report, scope and year.
    pub parts: Vec<DatasetPart>,
    /// Rows written.
    pub rows: u64,
    /// Rows left out because a newer input (or a later row of the same
    /// input) holds the same market, date, report and scope, as
    /// [`Source::load`](crate::source::Source::load) merges them.
    pub replaced: u64,
    /// Rows the reader skipped as bad (lenient mode).
    pub rows_skipped: u64,
    /// Inputs read, with their report and scope.
    pub files: Vec<(ReportKind, Scope, PathBuf)>,
    /// Inputs left out of every report asked for, and why (an input of one
    /// report is "another report" for the others: only inputs no report
    /// took are listed).
    pub skipped: Vec<SkippedInput>,
}

/// Removes a directory tree when dropped, unless kept.
struct Staging(Option<PathBuf>);

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(dir) = &self.0 {
            let _ = fs::remove_dir_all(dir);
        }
    }
}

fn io(path: &Path, e: std::io::Error) -> Error {
    crate::export::io_failure(path, e)
}

/// A report's record batch laid out in the dataset's schema.
fn dataset_batch(
    report: ReportKind,
    records: &[&CotRecord],
    schema: &SchemaRef,
) -> Result<RecordBatch> {
    let batch = record_batch(report, records.iter().copied())?;
    let by_name: HashMap<String, ArrayRef> = (0..batch.num_columns())
        .filter_map(|i| Some((column_name(report, i), batch.columns().get(i)?.clone())))
        .collect();
    let columns: Vec<ArrayRef> = schema
        .fields()
        .iter()
        .map(|f| {
            by_name
                .get(f.name())
                .cloned()
                .unwrap_or_else(|| new_null_array(f.data_type(), batch.num_rows()))
        })
        .collect();
    RecordBatch::try_new(schema.clone(), columns).map_err(writer_error)
}

/// Writes every record of `reports` (each a report and scope; empty: all
/// of [`PUBLISHED`]) in `source` to a Hive-partitioned Parquet dataset in
/// `dir`. See the [module docs](self).
pub fn export_dataset(
    source: &Source,
    builder: &ReaderBuilder,
    dir: &Path,
    reports: &[(ReportKind, Scope)],
) -> Result<DatasetSummary> {
    let reports = if reports.is_empty() {
        &PUBLISHED[..]
    } else {
        reports
    };
    fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let staging_dir = dir.join(format!(
        ".staging-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let staging = Staging(Some(staging_dir.clone()));
    let schema = dataset_schema();
    let mut summary = DatasetSummary {
        dir: dir.to_path_buf(),
        ..DatasetSummary::default()
    };
    let mut skipped: BTreeMap<PathBuf, (usize, SkippedInput)> = BTreeMap::new();
    for &(report, scope) in reports {
        export_one(
            source,
            builder,
            &staging_dir,
            report,
            scope,
            &schema,
            &mut summary,
            &mut skipped,
        )?;
    }
    // Into place: each report's directory replaced whole.
    let mut moved = Vec::new();
    for &(report, _) in reports {
        let name = format!("report={}", report.as_str());
        if moved.contains(&name) {
            continue;
        }
        moved.push(name.clone());
        let (from, to) = (staging_dir.join(&name), dir.join(&name));
        if to.exists() {
            fs::remove_dir_all(&to).map_err(|e| io(&to, e))?;
        }
        if from.exists() {
            fs::rename(&from, &to).map_err(|e| io(&to, e))?;
        }
    }
    for part in &mut summary.parts {
        if let Ok(rest) = part.path.strip_prefix(&staging_dir) {
            part.path = dir.join(rest);
        }
    }
    drop(staging);
    let asked = reports.len();
    summary.skipped = skipped
        .into_values()
        .filter(|(n, _)| *n == asked)
        .map(|(_, s)| s)
        .collect();
    Ok(summary)
}

/// One report and scope into the staging directory.
#[allow(clippy::too_many_arguments)]
fn export_one(
    source: &Source,
    builder: &ReaderBuilder,
    staging: &Path,
    report: ReportKind,
    scope: Scope,
    schema: &SchemaRef,
    summary: &mut DatasetSummary,
    skipped: &mut BTreeMap<PathBuf, (usize, SkippedInput)>,
) -> Result<()> {
    // Pass 1: each input's keys and last date.
    let mut inputs: Vec<(PathBuf, Option<NaiveDate>, Vec<RecordKey>)> = Vec::new();
    source.walk(
        builder,
        Some((report, scope)),
        Workers::OneAtATime,
        |builder, path| read_one(builder, path, report, scope),
        |path, read| {
            match read {
                FileRead::Records(records, read) => {
                    summary.rows_skipped += read.skipped;
                    let last = records.iter().map(CotRecord::date).max();
                    inputs.push((path, last, records.iter().map(CotRecord::key).collect()));
                }
                FileRead::Skipped(reason) => {
                    let slot = skipped
                        .entry(path.clone())
                        .or_insert((0, SkippedInput { path, reason }));
                    slot.0 += 1;
                }
            }
            Ok(())
        },
    )?;
    // The merge order of Source::load: the cache's archives as walked,
    // files by their last date, then path. A later input wins, and in an
    // input a later row.
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    if source.kind_name() != "cache" {
        order.sort_by(|&a, &b| {
            let (x, y) = (&inputs[a], &inputs[b]);
            (x.1, &x.0).cmp(&(y.1, &y.0))
        });
    }
    let mut winner: HashMap<RecordKey, (usize, usize)> = HashMap::new();
    for &i in &order {
        if let Some((_, _, keys)) = inputs.get(i) {
            for (row, key) in keys.iter().enumerate() {
                winner.insert(*key, (i, row));
            }
        }
    }
    let paths: HashMap<PathBuf, usize> = inputs
        .iter()
        .enumerate()
        .map(|(i, (p, _, _))| (p.clone(), i))
        .collect();
    drop(inputs);
    // Pass 2: the rows each input wins, by year.
    let mut writers: BTreeMap<i32, (PathBuf, ArrowWriter<BufWriter<File>>, u64)> = BTreeMap::new();
    let base = staging
        .join(format!("report={}", report.as_str()))
        .join(format!("scope={}", scope_name(scope)));
    source.walk(
        builder,
        Some((report, scope)),
        Workers::OneAtATime,
        |builder, path| read_one(builder, path, report, scope),
        |path, read| {
            let FileRead::Records(records, _) = read else {
                return Ok(());
            };
            let Some(&input) = paths.get(&path) else {
                return Ok(());
            };
            let mut by_year: BTreeMap<i32, Vec<&CotRecord>> = BTreeMap::new();
            for (row, record) in records.iter().enumerate() {
                if winner.get(&record.key()) == Some(&(input, row)) {
                    by_year
                        .entry(record.date().year())
                        .or_default()
                        .push(record);
                } else {
                    summary.replaced += 1;
                }
            }
            summary.files.push((report, scope, path));
            for (year, rows) in by_year {
                let slot = match writers.entry(year) {
                    std::collections::btree_map::Entry::Occupied(o) => o.into_mut(),
                    std::collections::btree_map::Entry::Vacant(v) => {
                        let dir = base.join(format!("year={year}"));
                        fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
                        let path = dir.join("part-0.parquet");
                        let file = File::create(&path).map_err(|e| io(&path, e))?;
                        let writer = ArrowWriter::try_new(
                            BufWriter::new(file),
                            schema.clone(),
                            Some(properties()),
                        )
                        .map_err(writer_error)?;
                        v.insert((path, writer, 0))
                    }
                };
                let batch = dataset_batch(report, &rows, schema)?;
                slot.2 += batch.num_rows() as u64;
                slot.1.write(&batch).map_err(writer_error)?;
                // A row group per input and year: nothing waits in memory
                // for the next input.
                slot.1.flush().map_err(writer_error)?;
            }
            Ok(())
        },
    )?;
    for (year, (path, writer, rows)) in writers {
        let file = writer.into_inner().map_err(writer_error)?;
        let file = file.into_inner().map_err(|e| io(&path, e.into_error()))?;
        file.sync_all().map_err(|e| io(&path, e))?;
        summary.rows += rows;
        summary.parts.push(DatasetPart {
            report,
            scope,
            year,
            path,
            rows,
        });
    }
    Ok(())
}

/// A scope as a partition value.
fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::FuturesOnly => "futures_only",
        Scope::Combined => "combined",
    }
}
