//! The schema-driven codec between CFTC's rows and typed records, separate
//! from any I/O: [`decode`] turns one row of a report's text layout (a CSV
//! row, a worksheet row, an API row laid out as text) into a
//! [`CotRecord`], [`encode`] turns a record into its typed cells. The
//! [reader](crate::read), the [writer](crate::export::write), the Parquet
//! [export](crate::export), [reconciliation](crate::source::reconcile) and
//! the API client all go through here, so a column is read and written
//! the same way everywhere. The columns are where the report's
//! [`ReportSchema`](crate::records::schema::ReportSchema) puts them.
//!
//! ```
//! use cftc_cot::read::codec::{decode, encode};
//! use cftc_cot::read::ReaderBuilder;
//! use cftc_cot::{Location, Scope};
//!
//! // A record out to cells and back: the same record.
//! let record = ReaderBuilder::new()
//!     .from_path("data-samples/legacy_futures_only.txt")?
//!     .next()
//!     .unwrap()?;
//! let row: Vec<String> = encode(&record).iter().map(|v| v.to_string()).collect();
//! let again = decode(&csv::StringRecord::from(row).into_byte_record(), record.kind(),
//!     Scope::FuturesOnly, &Location::input("cells", None))?;
//! assert_eq!(again.code(), record.code());
//! assert_eq!(again.open_interest(), record.open_interest());
//! # Ok::<(), cftc_cot::Error>(())
//! ```

pub(crate) mod decode;
pub(crate) mod encode;
pub(crate) mod fields;

use csv::ByteRecord;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::records::{CotRecord, ReportKind, Scope};

pub use encode::{Value, encode};

/// Decodes one row of `kind`'s text layout into a record, reading each
/// column by its position. The scope is the row's own where the report
/// has a scope column (TFF, Disaggregated, Supplemental) and `scope`
/// otherwise (legacy). Errors name the row (from `row`'s position and
/// `location`) and the column.
///
/// ```
/// use cftc_cot::read::codec::decode;
/// use cftc_cot::{ErrorKind, Location, ReportKind, Scope};
///
/// let short = csv::ByteRecord::from(vec!["GOLD", "250107"]);
/// let err = decode(&short, ReportKind::Legacy, Scope::FuturesOnly,
///     &Location::input("row", None)).unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::FieldCount { found: 2, .. }));
/// ```
pub fn decode(
    row: &ByteRecord,
    kind: ReportKind,
    scope: Scope,
    location: &Location,
) -> Result<CotRecord> {
    let row = decode::Row {
        record: row,
        kind,
        location,
    };
    if row.record.len() != kind.columns() {
        return Err(Error::from(ErrorKind::FieldCount {
            location: Box::new(row.here()),
            expected: kind.columns(),
            found: row.record.len(),
            layout: kind.as_str(),
        }));
    }
    let scope = match kind.scope_column() {
        Some(_) => row.scope_column()?,
        None => scope,
    };
    decode::record(&row, scope)
}
