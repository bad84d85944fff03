//! Typed records: one row of a CFTC file, every column kept.
//!
//! A row is a [`CotRecord`]: a [`LegacyRecord`] (129 columns), a
//! [`TffRecord`] (87 columns) or a [`DisaggregatedRecord`] (191 columns).
//! All share a [`Market`] (the identification columns), the as-of `date`
//! and the [`Scope`]. Numbers are `Option`s
//! because CFTC writes a bare `.` for a missing or suppressed value, which is
//! never the same as zero.

pub mod aliases;
pub mod audit;
pub mod calendar;
pub mod check;
mod code;
mod disaggregated;
pub(crate) mod figures;
mod group;
mod kind;
mod legacy;
pub mod registry;
pub mod schema;
mod supplemental;
mod tff;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use code::{ContractMarketCode, InvalidCode};
pub use disaggregated::{
    DisaggregatedCrop, DisaggregatedPositions, DisaggregatedRecord, DisaggregatedTraders,
};
pub use group::TraderGroup;
pub use kind::{ReportKind, Scope, UnknownName};
pub use legacy::{LegacyCrop, LegacyPositions, LegacyRecord, LegacyTraders};
pub use supplemental::{SupplementalPositions, SupplementalRecord, SupplementalTraders};
pub use tff::{TffPositions, TffRecord, TffTraders};

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
