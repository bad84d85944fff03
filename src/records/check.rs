//! Self-checks: CFTC's accounting identities, evaluated on one record.
//!
//! Every row of a COT file must add up: the long side of all categories
//! (spreading counted on both sides) plus nonreportable equals open interest,
//! the same on the short side, and reportable plus nonreportable equals open
//! interest. A row that does not add up was damaged on its way to you, or is
//! one of CFTC's synthetic `Consolidated` markets, which are off by a contract
//! or two from rounding.
//!
//! The other identity CFTC files carry, YYMMDD against the date column, is
//! enforced while reading ([`ErrorKind::DateMismatch`](crate::ErrorKind::DateMismatch)),
//! so every record already satisfies it.
//!
//! ```
//! use cftc_cot::{read::ReaderBuilder, records::check};
//! let reader = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?;
//! for record in reader {
//!     let record = record?;
//!     assert!(check::check(&record).is_empty());
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::records::{CotRecord, Scope};

/// One of the identities a record must satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    /// Every reportable category's long (and spreading, where it has a
    /// column) plus nonreportable long = open interest. Legacy:
    /// non-commercial long + spreading + commercial long + nonreportable.
    /// TFF: dealers, asset managers, leveraged funds and other reportables
    /// long + spread, plus nonreportable. Disaggregated: producer/merchant
    /// long, swap dealers, managed money and other reportables long +
    /// spread, plus nonreportable. Supplemental: non-commercial (without
    /// index traders) long + spread, commercial (without index traders)
    /// long, index traders long, plus nonreportable.
    LongSide,
    /// The same on the short side.
    ShortSide,
    /// Total reportable long + nonreportable long = open interest.
    ReportableLong,
    /// Total reportable short + nonreportable short = open interest.
    ReportableShort,
}

impl Identity {
    /// Every identity, in a fixed order.
    pub const ALL: [Identity; 4] = [
        Identity::LongSide,
        Identity::ShortSide,
        Identity::ReportableLong,
        Identity::ReportableShort,
    ];

    /// A short snake_case name (`long_side`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Identity::LongSide => "long_side",
            Identity::ShortSide => "short_side",
            Identity::ReportableLong => "reportable_long",
            Identity::ReportableShort => "reportable_short",
        }
    }
}

impl fmt::Display for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An identity a record does not satisfy, and by how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckFailure {
    /// Which identity.
    pub identity: Identity,
    /// Open interest as reported; `None` if missing.
    pub open_interest: Option<i64>,
    /// The sum of the parts; `None` if a part is missing (`.`).
    pub sum: Option<i64>,
}

impl CheckFailure {
    /// Sum minus open interest, when both are known.
    pub fn difference(&self) -> Option<i64> {
        Some(self.sum? - self.open_interest?)
    }
}

impl fmt::Display for CheckFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.sum, self.open_interest, self.difference()) {
            (Some(sum), Some(oi), Some(d)) => {
                write!(
                    f,
                    "{}: parts sum to {sum}, open interest {oi} ({d:+})",
                    self.identity
                )
            }
            _ => write!(f, "{}: a value is missing", self.identity),
        }
    }
}

/// The tolerance CFTC's data supports: exact for futures only; 2 contracts
/// for combined files, whose delta-adjusted option positions are rounded.
pub fn tolerance(scope: Scope) -> i64 {
    match scope {
        Scope::FuturesOnly => 0,
        Scope::Combined => 2,
    }
}

/// Checks a record with the tolerance of its scope; empty when it adds up.
pub fn check(record: &CotRecord) -> Vec<CheckFailure> {
    check_with_tolerance(record, tolerance(record.scope()))
}

/// Checks a record, allowing `tolerance` contracts of difference.
pub fn check_with_tolerance(record: &CotRecord, tolerance: i64) -> Vec<CheckFailure> {
    // The report's description says which columns add up to what.
    let sums = record
        .kind()
        .schema()
        .identity_sums(&record.position_columns());
    let oi = record.open_interest();
    Identity::ALL
        .into_iter()
        .zip(sums)
        .filter_map(|(identity, sum)| {
            let ok = matches!((sum, oi), (Some(s), Some(o)) if (s - o).abs() <= tolerance);
            (!ok).then_some(CheckFailure {
                identity,
                open_interest: oi,
                sum,
            })
        })
        .collect()
}
