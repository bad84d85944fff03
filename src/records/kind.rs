//! What a record is of: which of CFTC's reports, and which scope.
//!
//! Below both the records and their [`schema`](super::schema), which
//! describes each report's layout by these names.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Which Commitments of Traders report a file or record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// The legacy report: commercial, non-commercial, nonreportable (129 columns).
    Legacy,
    /// Traders in Financial Futures: dealers, asset managers, leveraged funds,
    /// other reportables, nonreportable (87 columns).
    Tff,
    /// The Disaggregated report of physical commodities: producer/merchant,
    /// swap dealers, managed money, other reportables, nonreportable (191
    /// columns).
    Disaggregated,
    /// The Supplemental report: commodity index traders in 13 agricultural
    /// markets, futures and options combined (54 columns).
    Supplemental,
}

impl ReportKind {
    /// The lowercase name used in output (`legacy`, `tff`, `disaggregated`,
    /// `supplemental`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Legacy => "legacy",
            ReportKind::Tff => "tff",
            ReportKind::Disaggregated => "disaggregated",
            ReportKind::Supplemental => "supplemental",
        }
    }

    /// The report's full name (`legacy`, `Traders in Financial Futures`,
    /// `Disaggregated`, `Supplemental`).
    pub fn title(self) -> &'static str {
        match self {
            ReportKind::Legacy => "legacy",
            ReportKind::Tff => "Traders in Financial Futures (TFF)",
            ReportKind::Disaggregated => "Disaggregated",
            ReportKind::Supplemental => "Supplemental",
        }
    }

    /// Every report kind this crate reads.
    pub const ALL: [ReportKind; 4] = [
        ReportKind::Legacy,
        ReportKind::Tff,
        ReportKind::Disaggregated,
        ReportKind::Supplemental,
    ];
}

impl fmt::Display for ReportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for an unknown report kind or scope name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown name {0:?}")]
pub struct UnknownName(pub String);

impl FromStr for ReportKind {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "legacy" => Ok(ReportKind::Legacy),
            "tff" | "traders_in_financial_futures" | "financial" => Ok(ReportKind::Tff),
            "disaggregated" | "disagg" => Ok(ReportKind::Disaggregated),
            "supplemental" | "cit" | "commodity_index_traders" => Ok(ReportKind::Supplemental),
            _ => Err(UnknownName(s.to_owned())),
        }
    }
}

/// Whether positions are futures only or futures and options combined.
///
/// Written `futures-only` and `combined`: every name this crate writes
/// (report kinds, scopes, trader groups, units) is lowercase kebab-case, the
/// same in `Display`, `FromStr`, serde and the command line; reading also
/// accepts the `futures_only` of earlier versions.
///
/// ```
/// use cftc_cot::Scope;
/// assert_eq!(Scope::FuturesOnly.to_string(), "futures-only");
/// assert_eq!("futures_only".parse::<Scope>(), Ok(Scope::FuturesOnly));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Futures only (`FutOnly`; `annual.txt`, `FinFutYY.txt`, `deafut.txt`).
    #[serde(alias = "futures_only")]
    FuturesOnly,
    /// Futures and options combined, options delta-adjusted (`Combined`;
    /// `annualof.txt`, `FinComYY.txt`, `deacom.txt`).
    Combined,
}

impl Scope {
    /// The name used in output (`futures-only`, `combined`).
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::FuturesOnly => "futures-only",
            Scope::Combined => "combined",
        }
    }

    /// Reads CFTC's `FutOnly_or_Combined` value.
    pub fn from_cftc(raw: &[u8]) -> Option<Scope> {
        match raw.trim_ascii() {
            b"FutOnly" => Some(Scope::FuturesOnly),
            b"Combined" => Some(Scope::Combined),
            _ => None,
        }
    }

    /// CFTC's spelling in the `FutOnly_or_Combined` column.
    pub fn cftc_name(self) -> &'static str {
        match self {
            Scope::FuturesOnly => "FutOnly",
            Scope::Combined => "Combined",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "futures_only" | "futonly" | "futures" | "fo" => Ok(Scope::FuturesOnly),
            "combined" | "futures_and_options" | "fo_combined" => Ok(Scope::Combined),
            _ => Err(UnknownName(s.to_owned())),
        }
    }
}
