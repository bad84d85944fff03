//! Two sources of the same reports compared field by field.
//!
//! CFTC publishes each report twice: as yearly archives and through its
//! public-reporting API. Users have found the API months behind for some
//! datasets, and archives re-issued with revised values. [`reconcile`]
//! matches the records of two sources by [`RecordKey`] (code, date, report,
//! scope) and reports the weeks only one side has and every column whose
//! value differs, named by its CFTC header.
//!
//! What is not compared, because the sources write it differently by
//! design: the YYMMDD column (the date is the key), the quoted code copies
//! at the end of a text row (the API has none; compared when both sides
//! have them), and the region code where one side writes CFTC's number and
//! the other its city (`00` = `CHI`, `01` = `NYC`, as the API's rows and the
//! files show for the same markets; any other pair is a difference).
//!
//! ```
//! use cftc_cot::read::ReaderBuilder;
//! use cftc_cot::source::reconcile::reconcile;
//! let (records, _) = ReaderBuilder::new()
//!     .from_path("data-samples/tff_futures_only.txt")?
//!     .read_all()?;
//! let mut revised = records.clone();
//! if let Some(tff) = revised.iter_mut().find_map(|r| match r {
//!     cftc_cot::CotRecord::Tff(t) => Some(t),
//!     _ => None,
//! }) {
//!     tff.positions.leveraged_funds.long = Some(1);
//! }
//! let same = reconcile(&records, &records);
//! assert!(same.is_clean());
//! let found = reconcile(&records, &revised);
//! assert_eq!(found.differences.len(), 1);
//! assert_eq!(found.differences[0].column, "Lev_Money_Positions_Long_All");
//! # Ok::<(), cftc_cot::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::read::codec::{Value, encode as record_values};
use crate::records::schema::Tail;
use crate::records::{ContractMarketCode, CotRecord, RecordKey};

/// Region codes the files write as numbers and the API as cities.
pub const REGION_CITIES: [(&str, &str); 2] = [("00", "CHI"), ("01", "NYC")];

/// One column whose value differs between the two sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    /// The row.
    pub key: RecordKey,
    /// The 0-based column of the text layout.
    pub index: usize,
    /// Its CFTC header name.
    pub column: String,
    /// The first source's value (`None`: missing, CFTC's `.`).
    pub first: Option<String>,
    /// The second source's value.
    pub second: Option<String>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "missing".into());
        write!(
            f,
            "{} {} {}: {} {} / {}",
            self.key.code,
            self.key.date,
            self.key.kind,
            self.column,
            show(&self.first),
            show(&self.second)
        )
    }
}

/// What [`reconcile`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconciliation {
    /// Names of the two sources, for the text (`api`, `archives`).
    pub names: (String, String),
    /// Rows both sources have.
    pub compared: u64,
    /// Of those, rows equal in every compared column.
    pub identical: u64,
    /// Rows only the first source has.
    pub only_first: Vec<RecordKey>,
    /// Rows only the second source has.
    pub only_second: Vec<RecordKey>,
    /// Every differing column of the rows both have.
    pub differences: Vec<Difference>,
    /// Rows the first source has twice with different values (the API can
    /// answer so): which one is right cannot be told.
    pub conflicting_first: Vec<RecordKey>,
    /// Rows the second source has twice with different values.
    pub conflicting_second: Vec<RecordKey>,
}

impl Reconciliation {
    /// No row missing on either side and no value differing.
    pub fn is_clean(&self) -> bool {
        self.only_first.is_empty()
            && self.only_second.is_empty()
            && self.differences.is_empty()
            && self.conflicting_first.is_empty()
            && self.conflicting_second.is_empty()
    }

    /// Names the sources in the text.
    pub fn named(mut self, first: impl Into<String>, second: impl Into<String>) -> Self {
        self.names = (first.into(), second.into());
        self
    }
}

impl fmt::Display for Reconciliation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b) = if self.names.0.is_empty() {
            ("first", "second")
        } else {
            (self.names.0.as_str(), self.names.1.as_str())
        };
        writeln!(
            f,
            "{} rows in both, {} identical, {} with differences ({} values); {} only in {a}, {} only in {b}",
            self.compared,
            self.identical,
            self.compared - self.identical,
            self.differences.len(),
            self.only_first.len(),
            self.only_second.len()
        )?;
        for (side, keys) in [(a, &self.only_first), (b, &self.only_second)] {
            for (code, (first, last, n)) in spans(keys) {
                writeln!(f, "only in {side}: {code} {first} to {last} ({n} reports)")?;
            }
        }
        for (side, keys) in [(a, &self.conflicting_first), (b, &self.conflicting_second)] {
            for k in keys {
                writeln!(
                    f,
                    "twice in {side}, with different values: {} {}",
                    k.code, k.date
                )?;
            }
        }
        if !self.differences.is_empty() {
            writeln!(f, "differences ({a} / {b}):")?;
            for d in &self.differences {
                writeln!(f, "  {d}")?;
            }
        }
        Ok(())
    }
}

/// Per code: first date, last date, count.
fn spans(keys: &[RecordKey]) -> BTreeMap<ContractMarketCode, (NaiveDate, NaiveDate, usize)> {
    let mut out: BTreeMap<ContractMarketCode, (NaiveDate, NaiveDate, usize)> = BTreeMap::new();
    for k in keys {
        let e = out.entry(k.code).or_insert((k.date, k.date, 0));
        e.0 = e.0.min(k.date);
        e.1 = e.1.max(k.date);
        e.2 += 1;
    }
    out
}

/// Compares two sources' records (each merged: one per key). See the
/// [module docs](self).
pub fn reconcile(first: &[CotRecord], second: &[CotRecord]) -> Reconciliation {
    let by_key: HashMap<RecordKey, &CotRecord> = second.iter().map(|r| (r.key(), r)).collect();
    let mut out = Reconciliation {
        conflicting_first: conflicting(first),
        conflicting_second: conflicting(second),
        ..Reconciliation::default()
    };
    let mut seen = std::collections::HashSet::new();
    for a in first {
        let key = a.key();
        seen.insert(key);
        let Some(b) = by_key.get(&key) else {
            out.only_first.push(key);
            continue;
        };
        out.compared += 1;
        let before = out.differences.len();
        compare(key, a, b, &mut out.differences);
        if out.differences.len() == before {
            out.identical += 1;
        }
    }
    out.only_second = second
        .iter()
        .map(CotRecord::key)
        .filter(|k| !seen.contains(k))
        .collect();
    out.only_first.sort();
    out.only_second.sort();
    out.differences.sort_by_key(|d| (d.key, d.index));
    out
}

/// The keys a source has more than once with different values.
pub(crate) fn conflicting(records: &[CotRecord]) -> Vec<RecordKey> {
    let mut by_key: HashMap<RecordKey, &CotRecord> = HashMap::new();
    let mut out = Vec::new();
    for r in records {
        match by_key.insert(r.key(), r) {
            Some(earlier) if earlier != r => out.push(r.key()),
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Text(s) => Some(s.trim().to_string()),
        Value::Date(d) => Some(d.to_string()),
        Value::Int(v) => v.map(|v| v.to_string()),
        Value::Dec(v) => v.map(|v| v.normalize().to_string()),
    }
}

fn same_region(a: &str, b: &str) -> bool {
    a == b
        || REGION_CITIES
            .iter()
            .any(|(n, c)| (a == *n && b == *c) || (a == *c && b == *n))
}

fn compare(key: RecordKey, a: &CotRecord, b: &CotRecord, out: &mut Vec<Difference>) {
    let schema = key.kind.schema();
    let quoted: Vec<usize> = [Tail::QuotedCode, Tail::QuotedMarket, Tail::QuotedCommodity]
        .into_iter()
        .filter_map(|t| schema.tail_column(t))
        .collect();
    let names = key.kind.column_names();
    for (index, (x, y)) in record_values(a)
        .iter()
        .zip(record_values(b).iter())
        .enumerate()
    {
        let (x, y) = (text(x), text(y));
        if index == 1 || x == y {
            continue;
        }
        let blank = |v: &Option<String>| v.as_deref().is_none_or(str::is_empty);
        if quoted.contains(&index) && (blank(&x) || blank(&y)) {
            continue;
        }
        if index == 5
            && let (Some(p), Some(q)) = (&x, &y)
            && same_region(p, q)
        {
            continue;
        }
        out.push(Difference {
            key,
            index,
            column: names.get(index).copied().unwrap_or("?").to_string(),
            first: x,
            second: y,
        });
    }
}
