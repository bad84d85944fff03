//! Typed records: one row of a CFTC file, every column kept.
//!
//! A row is a [`CotRecord`]: a [`LegacyRecord`] (129 columns), a
//! [`TffRecord`] (87 columns) or a [`DisaggregatedRecord`] (191 columns).
//! All share a [`Market`] (the identification columns), the as-of `date`
//! and the [`Scope`]. Numbers are `Option`s
//! because CFTC writes a bare `.` for a missing or suppressed value, which is
//! never the same as zero.

pub mod audit;
pub mod check;
mod code;
mod disaggregated;
pub(crate) mod figures;
mod group;
mod legacy;
pub mod registry;
pub mod schema;
mod supplemental;
mod tff;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use code::{ContractMarketCode, InvalidCode};
pub use disaggregated::{
    DisaggregatedCrop, DisaggregatedPositions, DisaggregatedRecord, DisaggregatedTraders,
};
pub use group::TraderGroup;
pub use legacy::{LegacyCrop, LegacyPositions, LegacyRecord, LegacyTraders};
pub use supplemental::{SupplementalPositions, SupplementalRecord, SupplementalTraders};
pub use tff::{TffPositions, TffRecord, TffTraders};

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
    /// The number of columns of the CFTC text layout.
    pub fn columns(self) -> usize {
        self.column_names().len()
    }

    /// The column names of the CFTC text layout.
    pub fn column_names(self) -> &'static [&'static str] {
        match self {
            ReportKind::Legacy => &crate::records::schema::LEGACY_COLUMNS,
            ReportKind::Tff => &crate::records::schema::TFF_COLUMNS,
            ReportKind::Disaggregated => &crate::records::schema::DISAGGREGATED_COLUMNS,
            ReportKind::Supplemental => &crate::records::schema::SUPPLEMENTAL_COLUMNS,
        }
    }

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

    /// The description of the report's layout.
    pub fn schema(self) -> &'static crate::records::schema::ReportSchema {
        crate::records::schema::ReportSchema::of(self)
    }

    /// 0-based index of `Contract Units`; in the reports that have them,
    /// the three quoted code copies follow it.
    pub(crate) fn units_column(self) -> usize {
        self.schema()
            .tail_column(crate::records::schema::Tail::Units)
            .unwrap_or(usize::MAX)
    }

    /// 0-based index of `FutOnly_or_Combined`, for the reports whose rows
    /// carry their scope.
    pub(crate) fn scope_column(self) -> Option<usize> {
        self.schema()
            .tail_column(crate::records::schema::Tail::Scope)
    }

    /// Whether rows repeat the codes in quotes after `Contract Units`
    /// (a spreadsheet export leaves those three out).
    pub(crate) fn has_quoted_codes(self) -> bool {
        self.schema()
            .tail_column(crate::records::schema::Tail::QuotedCode)
            .is_some()
    }
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

/// The identification columns every row carries.
///
/// Text is kept as CFTC wrote it, less the padding spaces around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Market {
    /// `Market and Exchange Names`, for example
    /// `RUSSELL E-MINI - CHICAGO MERCANTILE EXCHANGE`.
    pub market_and_exchange_names: String,
    /// `CFTC Contract Market Code`.
    pub code: ContractMarketCode,
    /// `CFTC Market Code in Initials` (`CME`, `ICUS`, ...).
    pub market_code: String,
    /// `CFTC Region Code` (`00`, `01`).
    pub region_code: String,
    /// `CFTC Commodity Code` (`239`, `Z000`, ...).
    pub commodity_code: String,
    /// `Contract Units`: free text, not a reliable multiplier.
    pub contract_units: String,
    /// The quoted copies CFTC repeats at the end of each row
    /// (`CFTC Contract Market Code (Quotes)` and the next two), kept as written.
    pub quoted_codes: QuotedCodes,
}

/// The three quoted code columns at the end of every row, as written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuotedCodes {
    /// `CFTC Contract Market Code (Quotes)`.
    pub contract_market_code: String,
    /// `CFTC Market Code in Initials (Quotes)`.
    pub market_code: String,
    /// `CFTC Commodity Code (Quotes)`.
    pub commodity_code: String,
}

impl Market {
    /// The contract name: the market-and-exchange name before its last ` - `.
    ///
    /// ```
    /// # use cftc_cot::records::Market;
    /// # fn market(name: &str) -> Market { Market {
    /// #   market_and_exchange_names: name.into(), code: "239742".parse().unwrap(),
    /// #   market_code: "CME".into(), region_code: "00".into(), commodity_code: "239".into(),
    /// #   contract_units: String::new(), quoted_codes: Default::default() } }
    /// let m = market("INTEREST RATE SWAPS 10YR - 3MO - CHICAGO BOARD OF TRADE");
    /// assert_eq!(m.contract_name(), "INTEREST RATE SWAPS 10YR - 3MO");
    /// assert_eq!(m.exchange_name(), "CHICAGO BOARD OF TRADE");
    /// ```
    pub fn contract_name(&self) -> &str {
        split_market_name(&self.market_and_exchange_names).0
    }

    /// The exchange name: the market-and-exchange name after its last ` - `
    /// (empty when there is none).
    pub fn exchange_name(&self) -> &str {
        split_market_name(&self.market_and_exchange_names).1
    }
}

/// Splits `CONTRACT - EXCHANGE` on the last ` - `; both halves are trimmed.
pub fn split_market_name(name: &str) -> (&str, &str) {
    match name.rfind(" - ") {
        Some(at) => (
            name.get(..at).unwrap_or("").trim(),
            name.get(at + 3..).unwrap_or("").trim(),
        ),
        None => (name.trim(), ""),
    }
}

/// A long and a short figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LongShort<T> {
    /// The long side.
    pub long: T,
    /// The short side.
    pub short: T,
}

/// Long, short and spreading figures of one trader category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LongShortSpread<T> {
    /// The long side.
    pub long: T,
    /// The short side.
    pub short: T,
    /// Spreading: the part of a trader's book that is equally long and short.
    pub spread: T,
}

/// A number of contracts (open interest, positions or a change in them).
pub type Contracts = Option<i64>;
/// A number of traders.
pub type Traders = Option<u32>;
/// A percentage with CFTC's one decimal, exactly as written.
pub type Percent = Option<rust_decimal::Decimal>;

/// The share of open interest held by the largest 4 and 8 traders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Concentration {
    /// Gross positions of the 4 largest traders, percent of open interest.
    pub gross_4: LongShort<Percent>,
    /// Gross positions of the 8 largest traders.
    pub gross_8: LongShort<Percent>,
    /// Net positions of the 4 largest traders.
    pub net_4: LongShort<Percent>,
    /// Net positions of the 8 largest traders.
    pub net_8: LongShort<Percent>,
}

/// One row of a COT file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[allow(clippy::large_enum_variant)] // rows are moved once, from parser to caller
pub enum CotRecord {
    /// A legacy report row.
    Legacy(LegacyRecord),
    /// A Traders in Financial Futures row.
    Tff(TffRecord),
    /// A Disaggregated report row.
    Disaggregated(DisaggregatedRecord),
    /// A Supplemental (Commodity Index Traders) row.
    Supplemental(SupplementalRecord),
}

impl CotRecord {
    /// The report kind.
    pub fn kind(&self) -> ReportKind {
        match self {
            CotRecord::Legacy(_) => ReportKind::Legacy,
            CotRecord::Tff(_) => ReportKind::Tff,
            CotRecord::Disaggregated(_) => ReportKind::Disaggregated,
            CotRecord::Supplemental(_) => ReportKind::Supplemental,
        }
    }

    /// Futures only or combined.
    pub fn scope(&self) -> Scope {
        match self {
            CotRecord::Legacy(r) => r.scope,
            CotRecord::Tff(r) => r.scope,
            CotRecord::Disaggregated(r) => r.scope,
            CotRecord::Supplemental(r) => r.scope,
        }
    }

    /// The as-of date (usually a Tuesday).
    pub fn date(&self) -> NaiveDate {
        match self {
            CotRecord::Legacy(r) => r.date,
            CotRecord::Tff(r) => r.date,
            CotRecord::Disaggregated(r) => r.date,
            CotRecord::Supplemental(r) => r.date,
        }
    }

    /// The identification columns.
    pub fn market(&self) -> &Market {
        match self {
            CotRecord::Legacy(r) => &r.market,
            CotRecord::Tff(r) => &r.market,
            CotRecord::Disaggregated(r) => &r.market,
            CotRecord::Supplemental(r) => &r.market,
        }
    }

    /// The contract market code.
    pub fn code(&self) -> ContractMarketCode {
        self.market().code
    }

    /// Open interest (all positions).
    pub fn open_interest(&self) -> Contracts {
        match self {
            CotRecord::Legacy(r) => r.all.positions.open_interest,
            CotRecord::Tff(r) => r.positions.open_interest,
            CotRecord::Disaggregated(r) => r.all.positions.open_interest,
            CotRecord::Supplemental(r) => r.positions.open_interest,
        }
    }

    /// The legacy record, if this is one.
    pub fn as_legacy(&self) -> Option<&LegacyRecord> {
        match self {
            CotRecord::Legacy(r) => Some(r),
            _ => None,
        }
    }

    /// The TFF record, if this is one.
    pub fn as_tff(&self) -> Option<&TffRecord> {
        match self {
            CotRecord::Tff(r) => Some(r),
            _ => None,
        }
    }

    /// The Disaggregated record, if this is one.
    pub fn as_disaggregated(&self) -> Option<&DisaggregatedRecord> {
        match self {
            CotRecord::Disaggregated(r) => Some(r),
            _ => None,
        }
    }

    /// The Supplemental record, if this is one.
    pub fn as_supplemental(&self) -> Option<&SupplementalRecord> {
        match self {
            CotRecord::Supplemental(r) => Some(r),
            _ => None,
        }
    }

    /// The All positions in column order (open interest first), as the
    /// report's [`ReportSchema`](crate::records::schema::ReportSchema) lays them out.
    pub fn position_columns(&self) -> Vec<Contracts> {
        use figures::Figures;
        let mut out = Vec::with_capacity(20);
        let mut push = |v: &Contracts| out.push(*v);
        match self {
            CotRecord::Legacy(r) => r.all.positions.columns(&mut push),
            CotRecord::Tff(r) => r.positions.columns(&mut push),
            CotRecord::Disaggregated(r) => r.all.positions.columns(&mut push),
            CotRecord::Supplemental(r) => r.positions.columns(&mut push),
        }
        out
    }

    /// The key that identifies a row across files: code, date, kind, scope.
    pub fn key(&self) -> RecordKey {
        RecordKey {
            code: self.code(),
            date: self.date(),
            kind: self.kind(),
            scope: self.scope(),
        }
    }
}

/// What identifies one row across files: the same key in two files is the
/// same report (possibly revised).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RecordKey {
    /// Contract market code.
    pub code: ContractMarketCode,
    /// As-of date.
    pub date: NaiveDate,
    /// Report kind.
    pub kind: ReportKind,
    /// Futures only or combined.
    pub scope: Scope,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_on_last_separator() {
        assert_eq!(
            split_market_name("RUSSELL E-MINI - CHICAGO MERCANTILE EXCHANGE"),
            ("RUSSELL E-MINI", "CHICAGO MERCANTILE EXCHANGE")
        );
        assert_eq!(
            split_market_name("USD/CHINESE RENMINBI-OFFSHORE  - CHICAGO MERCANTILE EXCHANGE"),
            (
                "USD/CHINESE RENMINBI-OFFSHORE",
                "CHICAGO MERCANTILE EXCHANGE"
            )
        );
        assert_eq!(split_market_name("NO EXCHANGE"), ("NO EXCHANGE", ""));
    }

    #[test]
    fn names_parse_and_print() {
        for k in ReportKind::ALL {
            assert_eq!(k.to_string().parse::<ReportKind>(), Ok(k));
            assert_eq!(
                k.column_names()[k.units_column()],
                if k == ReportKind::Legacy {
                    "Contract Units"
                } else {
                    "Contract_Units"
                }
            );
        }
        for s in [Scope::FuturesOnly, Scope::Combined] {
            assert_eq!(s.to_string().parse::<Scope>(), Ok(s));
            assert_eq!(Scope::from_cftc(s.cftc_name().as_bytes()), Some(s));
        }
        assert!("weekly".parse::<ReportKind>().is_err());
    }
}
