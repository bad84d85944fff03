//! The API's JSON rows to records, and records to the API's JSON.
//!
//! A row is laid out as a text row of its report (figures by the tables of
//! [`fields`], a missing field as CFTC's `.`) and read by
//! the same parser as the files, so a value means the same from either
//! source. Decoding is separate from I/O: it takes the bytes of one answer.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use csv::ByteRecord;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{ApiProblem, Error, ErrorKind, FieldProblem, Location, Result, show_raw};
use crate::read::codec::decode::{Row, record as parse_record};
use crate::read::codec::{Value as Cell, encode as record_values};
use crate::read::{KEPT_ERRORS, Mode, ReadSummary};
use crate::records::schema::Tail;
use crate::records::{CotRecord, ReportKind, Scope};

use super::fields;
use super::query::{Dataset, timestamp};

/// One row of the API: the record, and what the API adds to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiRow {
    /// The same record a text file's row gives, but for the three quoted
    /// code copies the API does not publish (empty here).
    pub record: CotRecord,
    /// The API's fields beyond the text files' columns.
    pub details: ApiDetails,
}

/// The fields an API row has beyond the text columns, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiDetails {
    /// `id`: YYMMDD, code and `F`/`C` (checked against the row).
    pub id: Option<String>,
    /// `yyyy_report_week_ww`: `2025 Report Week 31`.
    pub report_week: Option<String>,
    /// `contract_market_name`: the name without the exchange.
    pub contract_market_name: Option<String>,
    /// `commodity_name`.
    pub commodity_name: Option<String>,
    /// `commodity`.
    pub commodity: Option<String>,
    /// `commodity_subgroup_name`.
    pub commodity_subgroup_name: Option<String>,
    /// `commodity_group_name`.
    pub commodity_group_name: Option<String>,
    /// `cftc_subgroup_code`, which the legacy and Supplemental records
    /// have no field for.
    pub subgroup_code: Option<String>,
}

impl ApiDetails {
    /// The API's extra fields ([`fields::DETAILS`]) and where each goes.
    fn entries_mut(&mut self) -> [(&'static str, &mut Option<String>); 6] {
        let [week, contract, name, commodity, subgroup, group] = fields::DETAILS;
        [
            (week, &mut self.report_week),
            (contract, &mut self.contract_market_name),
            (name, &mut self.commodity_name),
            (commodity, &mut self.commodity),
            (subgroup, &mut self.commodity_subgroup_name),
            (group, &mut self.commodity_group_name),
        ]
    }

    fn slot(&mut self, field: &str) -> Option<&mut Option<String>> {
        self.entries_mut()
            .into_iter()
            .find(|(name, _)| *name == field)
            .map(|(_, slot)| slot)
    }
}

/// What decoding answers kept, skipped and did not know.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decoding {
    /// Rows decoded.
    pub rows: u64,
    /// Bad rows a lenient decoder skipped.
    pub skipped: u64,
    /// The first errors of the skipped rows, as text.
    pub errors: Vec<String>,
    /// Fields that are no column of the report and no known extra, with
    /// the number of rows that had them: a renamed field shows up here
    /// instead of leaving a column silently empty.
    pub unknown_fields: BTreeMap<String, u64>,
    /// Rows whose `id` an earlier row had, with the same values: dropped.
    pub repeated_rows: u64,
    /// Rows whose `id` an earlier row had, with other values (lenient
    /// mode keeps both and warns; strict mode refuses the answer): each as
    /// its id.
    pub conflicting_ids: Vec<String>,
    /// The `id` of every row seen, with a digest of its record.
    #[serde(skip)]
    seen: std::collections::HashMap<String, u64>,
}

impl Decoding {
    /// The counts as a [`ReadSummary`] of `source`.
    pub fn read_summary(&self, source: &str, records: u64, filtered_out: u64) -> ReadSummary {
        ReadSummary {
            source: source.to_string(),
            rows: self.rows,
            records,
            filtered_out,
            skipped: self.skipped,
            errors: Vec::new(),
            warnings: self
                .errors
                .iter()
                .cloned()
                .chain(
                    self.unknown_fields.iter().map(|(f, n)| {
                        format!("field {f:?} (in {n} rows) is no column of this report")
                    }),
                )
                .chain(
                    self.conflicting_ids.iter().map(|id| {
                        format!("two rows with id {id:?} and different values: both kept")
                    }),
                )
                .collect(),
        }
    }
}

/// Decodes one answer of `dataset`: a JSON list of row objects. `source`
/// names the request in errors; `first_row` is the 1-based number of the
/// answer's first row among all pages. A bad row is an error in strict
/// mode and skipped (and counted in `decoding`) in lenient mode; an answer
/// that is not a list of objects is always an error.
pub fn decode(
    bytes: &[u8],
    dataset: Dataset,
    source: &str,
    first_row: u64,
    mode: Mode,
    decoding: &mut Decoding,
) -> Result<Vec<ApiRow>> {
    // Each row as its key-value pairs in order, duplicates kept: a map
    // would keep the last of two equal keys without a word.
    let Ok(rows) = serde_json::from_slice::<Vec<Entry>>(bytes) else {
        return Err(not_rows(bytes, source));
    };
    // Today from the system clock (chrono's clock feature is not needed).
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let today = chrono::DateTime::from_timestamp(i64::try_from(now).unwrap_or(0), 0)
        .map_or(NaiveDate::MAX, |d| d.date_naive());
    let latest = today
        .checked_add_days(chrono::Days::new(FUTURE_MARGIN_DAYS))
        .unwrap_or(NaiveDate::MAX);
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let number = first_row + i as u64;
        let Entry::Object(pairs) = row else {
            return Err(Error::from(ErrorKind::Api {
                url: source.to_string(),
                problem: ApiProblem::RowNotObject(number),
            }));
        };
        let location = Location {
            record: number,
            ..Location::input(source.to_string(), None)
        };
        let checked = decode_row(pairs, dataset, &location, decoding)
            .and_then(|row| check_row(row, &location, latest));
        match checked {
            Ok((row, digest)) => {
                decoding.rows += 1;
                match decoding.repeat(&row, digest) {
                    Repeat::New => out.push(row),
                    Repeat::Same => decoding.repeated_rows += 1,
                    Repeat::Conflict(id) if mode == Mode::Lenient => {
                        decoding.conflicting_ids.push(id);
                        out.push(row);
                    }
                    Repeat::Conflict(id) => {
                        return Err(Error::from(ErrorKind::Field {
                            location: at_field(&location, fields::ID),
                            value: id,
                            problem: FieldProblem::ConflictingDuplicate,
                        }));
                    }
                }
            }
            Err(e) if mode == Mode::Lenient && e.is_row_error() => {
                decoding.rows += 1;
                decoding.skipped += 1;
                if decoding.errors.len() < KEPT_ERRORS {
                    decoding.errors.push(e.to_string());
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// How far past today a report date may lie before it is taken for a
/// mistake (CFTC's as-of dates are in the past; a mirror's clock may be a
/// little ahead).
const FUTURE_MARGIN_DAYS: u64 = 14;

/// One element of an answer: an object as its pairs in order, or anything
/// else.
enum Entry {
    Object(Vec<(String, Value)>),
    Other,
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Entry;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Entry, A::Error> {
                let mut pairs = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    pairs.push((k, v));
                }
                Ok(Entry::Object(pairs))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Entry, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Entry::Other)
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Entry, E> {
                Ok(Entry::Other)
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Entry, E> {
                Ok(Entry::Other)
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<Entry, E> {
                Ok(Entry::Other)
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Entry, E> {
                Ok(Entry::Other)
            }
            fn visit_str<E>(self, _: &str) -> std::result::Result<Entry, E> {
                Ok(Entry::Other)
            }
            fn visit_unit<E>(self) -> std::result::Result<Entry, E> {
                Ok(Entry::Other)
            }
        }
        d.deserialize_any(Visit)
    }
}

/// Whether a row repeats an earlier one's `id`.
enum Repeat {
    New,
    Same,
    Conflict(String),
}

impl Decoding {
    fn repeat(&mut self, row: &ApiRow, digest: u64) -> Repeat {
        let Some(id) = row
            .details
            .id
            .as_ref()
            .map(|i| i.trim().to_ascii_uppercase())
        else {
            return Repeat::New;
        };
        match self.seen.insert(id.clone(), digest) {
            None => Repeat::New,
            Some(d) if d == digest => Repeat::Same,
            Some(_) => Repeat::Conflict(id),
        }
    }
}

/// What no report CFTC published can say: a date after `latest` (today
/// and a margin), a position larger than open interest. A row that passes
/// comes back with a digest of its values, to tell a repeated `id` that
/// says the same from one that says something else.
fn check_row(row: ApiRow, location: &Location, latest: NaiveDate) -> Result<(ApiRow, u64)> {
    use std::hash::{Hash, Hasher};
    let date = row.record.date();
    if date > latest {
        return Err(Error::from(ErrorKind::Field {
            location: at_field(location, fields::DATE),
            value: date.to_string(),
            problem: FieldProblem::InTheFuture,
        }));
    }
    let kind = row.record.kind();
    let schema = kind.schema();
    let values = record_values(&row.record);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    values.hash(&mut h);
    let digest = h.finish();
    let Some(&start) = schema.derived().offsets.positions.first() else {
        return Ok((row, digest));
    };
    let int = |i: usize| match values.get(i) {
        Some(Cell::Int(v)) => *v,
        _ => None,
    };
    let Some(open_interest) = int(start) else {
        return Ok((row, digest));
    };
    for column in start + 1..start + schema.positions_width() {
        if let Some(v) = int(column).filter(|v| *v > open_interest) {
            return Err(Error::from(ErrorKind::Field {
                location: at_field(
                    location,
                    fields::column_field(kind, column).unwrap_or_default(),
                ),
                value: v.to_string(),
                problem: FieldProblem::BeyondOpenInterest,
            }));
        }
    }
    Ok((row, digest))
}

/// Why an answer is not a JSON list of rows: not JSON, an error message,
/// or some other value.
pub(crate) fn not_rows(bytes: &[u8], source: &str) -> Error {
    let problem = match serde_json::from_slice::<Value>(bytes) {
        Err(e) => ApiProblem::NotJson {
            source: Box::new(e),
            start: show_raw(bytes.get(..60).unwrap_or(bytes)),
        },
        Ok(Value::Object(o)) if o.contains_key("message") || o.contains_key("error") => {
            ApiProblem::Message(Value::Object(o).to_string())
        }
        Ok(_) => ApiProblem::NotAList,
    };
    Error::from(ErrorKind::Api {
        url: source.to_string(),
        problem,
    })
}

fn at_field(location: &Location, field: &str) -> Box<Location> {
    Box::new(Location {
        field: Some(field.to_string()),
        ..location.clone()
    })
}

/// One row object to a record.
fn decode_row(
    object: &[(String, Value)],
    dataset: Dataset,
    location: &Location,
    decoding: &mut Decoding,
) -> Result<ApiRow> {
    let kind = dataset.kind;
    let schema = kind.schema();
    let mut columns: Vec<Option<String>> = vec![None; kind.columns()];
    let mut details = ApiDetails::default();
    let (mut date, mut scope) = (None, None);
    let mut seen_keys = std::collections::HashSet::new();
    let tail = |t: Tail| schema.tail_column(t);
    for (key, value) in object {
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Null => continue,
            other => {
                return Err(Error::from(ErrorKind::Field {
                    location: at_field(location, key),
                    value: other.to_string(),
                    problem: FieldProblem::NotText,
                }));
            }
        };
        let field = key.to_ascii_lowercase();
        // One field twice (the same key, a case variant, the API's name
        // and the text header's): which one would win is a guess.
        if !seen_keys.insert(fields::normalize(&field)) {
            return Err(Error::from(ErrorKind::Field {
                location: at_field(location, key),
                value: text,
                problem: FieldProblem::DuplicateKey,
            }));
        }
        let column = match field.as_str() {
            fields::ID => {
                details.id = Some(text);
                continue;
            }
            fields::DATE => {
                date = Some(text);
                continue;
            }
            fields::SCOPE => {
                scope = Some(text);
                continue;
            }
            fields::SUBGROUP => {
                details.subgroup_code = Some(text.clone());
                tail(Tail::SubGroup)
            }
            fields::NAME => Some(0),
            fields::CODE => Some(3),
            fields::MARKET => Some(4),
            fields::REGION => Some(5),
            fields::COMMODITY => Some(6),
            fields::UNITS => tail(Tail::Units),
            _ if field.starts_with(':') => continue, // Socrata's own (`:id`)
            _ => {
                if let Some(slot) = details.slot(&field) {
                    *slot = Some(text);
                    continue;
                }
                match fields::field_column(kind, &field) {
                    Some(c) => Some(c),
                    None => {
                        *decoding.unknown_fields.entry(key.clone()).or_default() += 1;
                        continue;
                    }
                }
            }
        };
        if let Some(slot) = column.and_then(|c| columns.get_mut(c)) {
            if slot.is_some() {
                return Err(Error::from(ErrorKind::Field {
                    location: at_field(location, key),
                    value: text,
                    problem: FieldProblem::DuplicateKey,
                }));
            }
            *slot = Some(text);
        }
    }
    let raw_date = date.unwrap_or_default();
    let date = api_date(&raw_date).ok_or_else(|| {
        Error::from(ErrorKind::Field {
            location: at_field(location, fields::DATE),
            value: raw_date.clone(),
            problem: if raw_date.is_empty() {
                FieldProblem::Empty
            } else {
                FieldProblem::NotADate
            },
        })
    })?;
    if let Some(s) = &scope
        && Scope::from_cftc(s.as_bytes()) != Some(dataset.scope)
    {
        return Err(Error::from(ErrorKind::ScopeMismatch {
            location: at_field(location, fields::SCOPE),
            value: s.clone(),
            expected: format!("{} (dataset {})", dataset.scope.cftc_name(), dataset.id()),
        }));
    }
    let yymmdd = date.format("%y%m%d").to_string();
    // A missing figure is CFTC's `.`; missing text is empty.
    let figures = crate::records::schema::ID_COLUMNS..schema.derived().offsets.tail;
    let mut texts: Vec<String> = columns
        .into_iter()
        .enumerate()
        .map(|(i, v)| match v {
            Some(v) => v,
            None if figures.contains(&i) => ".".to_string(),
            None => String::new(),
        })
        .collect();
    if let Some(c) = texts.get_mut(1) {
        *c = yymmdd.clone();
    }
    if let Some(c) = texts.get_mut(2) {
        *c = date.format("%Y-%m-%d").to_string();
    }
    if let Some(c) = tail(Tail::Scope).and_then(|i| texts.get_mut(i)) {
        *c = dataset.scope.cftc_name().to_string();
    }
    let raw = ByteRecord::from(texts);
    let row = Row {
        record: &raw,
        kind,
        location,
    };
    let record = parse_record(&row, dataset.scope).map_err(|e| to_field(e, kind))?;
    if let Some(id) = &details.id {
        let expected = format!("{yymmdd}{}{}", record.code(), dataset.id_suffix());
        if !id.trim().eq_ignore_ascii_case(&expected) {
            return Err(Error::from(ErrorKind::Field {
                location: at_field(location, fields::ID),
                value: id.clone(),
                problem: FieldProblem::IdMismatch,
            }));
        }
    }
    Ok(ApiRow { record, details })
}

/// An error about a text column, told as the API field it came from.
fn to_field(error: Error, kind: ReportKind) -> Error {
    match error.into_kind() {
        ErrorKind::Field {
            mut location,
            value,
            problem,
        } => {
            if let Some(name) = location
                .column
                .as_ref()
                .and_then(|c| fields::column_field(kind, c.index))
            {
                location.field = Some(name.to_string());
                location.column = None;
            }
            Error::from(ErrorKind::Field {
                location,
                value,
                problem,
            })
        }
        other => other.into(),
    }
}

/// The API's floating timestamp of a date at midnight
/// (`2025-08-05T00:00:00.000`), or a bare date.
fn api_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    let (day, time) = match raw.split_once('T') {
        Some((d, t)) => (d, t),
        None => (raw, "00:00:00"),
    };
    let midnight = time
        .trim_end_matches('Z')
        .bytes()
        .all(|b| b == b'0' || b == b':' || b == b'.');
    if !midnight {
        return None;
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// A record as the API's JSON row: every column the API has, under its
/// field name, values as strings, missing values left out, and the `id`;
/// `details` adds the API's own fields. [`decode`] gives the record back
/// (without the quoted code copies, which the API does not have).
///
/// ```
/// use cftc_cot::api::{Dataset, json};
/// use cftc_cot::read::{Mode, ReaderBuilder};
/// let (records, _) = ReaderBuilder::new()
///     .from_path("data-samples/tff_futures_only.txt")?
///     .read_all()?;
/// let rows: Vec<_> = records.iter().map(|r| serde_json::Value::Object(json::encode(r, None))).collect();
/// let bytes = serde_json::to_vec(&rows)?;
/// let dataset = Dataset::new(records[0].kind(), records[0].scope()).unwrap();
/// let back = json::decode(&bytes, dataset, "sample", 1, Mode::Strict, &mut Default::default())?;
/// assert_eq!(back.len(), records.len());
/// assert_eq!(back[0].record.position_columns(), records[0].position_columns());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode(record: &CotRecord, details: Option<&ApiDetails>) -> Map<String, Value> {
    let kind = record.kind();
    let mut out = Map::new();
    let suffix = match record.scope() {
        Scope::FuturesOnly => 'F',
        Scope::Combined => 'C',
    };
    out.insert(
        fields::ID.into(),
        Value::String(format!(
            "{}{}{suffix}",
            record.date().format("%y%m%d"),
            record.code()
        )),
    );
    for (i, value) in record_values(record).into_iter().enumerate() {
        let Some(field) = fields::column_field(kind, i) else {
            continue;
        };
        let text = match value {
            Cell::Text(s) if s.is_empty() => continue,
            Cell::Text(s) => s,
            Cell::Date(d) => timestamp(d),
            Cell::Int(Some(v)) => v.to_string(),
            Cell::Dec(Some(v)) => v.to_string(),
            Cell::Int(None) | Cell::Dec(None) => continue,
        };
        out.insert(field.to_string(), Value::String(text));
    }
    out.insert(
        fields::SCOPE.into(),
        Value::String(record.scope().cftc_name().into()),
    );
    if let Some(d) = details {
        let mut d = d.clone();
        let subgroup = d.subgroup_code.clone();
        let extra = d.entries_mut().into_iter().map(|(n, v)| (n, v.clone()));
        for (name, value) in extra.chain([(fields::SUBGROUP, subgroup)]) {
            if let Some(v) = value {
                out.insert(name.to_string(), Value::String(v));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_midnight_timestamps() {
        let d = NaiveDate::from_ymd_opt(2025, 8, 5);
        assert_eq!(api_date("2025-08-05T00:00:00.000"), d);
        assert_eq!(api_date("2025-08-05"), d);
        assert_eq!(api_date("2025-08-05T13:00:00.000"), None);
        assert_eq!(api_date("08/05/2025"), None);
    }
}
