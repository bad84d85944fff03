//! The legacy report row (129 columns).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    Concentration, Contracts, LongShort, LongShortSpread, Market, Percent, Scope, Traders,
};

/// One row of a legacy Commitments of Traders file.
///
/// The legacy report splits reportable traders into commercial (hedgers) and
/// non-commercial (the "large speculators"); the rest is nonreportable. Each
/// block of columns exists three times: all crop years, old crop and other
/// crop (for financial futures Old equals All and Other is zero).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegacyRecord {
    /// Name, codes and contract units.
    pub market: Market,
    /// The as-of date, from the YYMMDD column (cross-checked with the other date column).
    pub date: NaiveDate,
    /// Futures only or combined.
    pub scope: Scope,
    /// All crop years: columns `(All)`.
    pub all: LegacyCrop,
    /// Old crop: columns `(Old)`. Unlike `all`, its positions can be
    /// negative: CFTC nets inter-crop-year spreads into the Old and Other
    /// blocks.
    pub old: LegacyCrop,
    /// Other crop: columns `(Other)`.
    pub other: LegacyCrop,
    /// Change in positions since the previous report: `Change in ... (All)`.
    /// `None` when the market was not in the previous report.
    pub change: LegacyPositions<Contracts>,
}

/// One crop block of a legacy row: positions, percent of open interest,
/// trader counts and concentration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LegacyCrop {
    /// Open interest and positions in contracts.
    pub positions: LegacyPositions<Contracts>,
    /// The same as percent of open interest (`open_interest` is the block's
    /// share of all open interest, 100.0 for `All`).
    pub percent_of_open_interest: LegacyPositions<Percent>,
    /// Number of traders.
    pub traders: LegacyTraders,
    /// Concentration ratios of the largest traders.
    pub concentration: Concentration,
}

/// Open interest and positions per legacy trader category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LegacyPositions<T> {
    /// Open interest.
    pub open_interest: T,
    /// Non-commercial traders ("large speculators"), with spreading.
    pub noncommercial: LongShortSpread<T>,
    /// Commercial traders (hedgers).
    pub commercial: LongShort<T>,
    /// All reportable traders.
    pub total_reportable: LongShort<T>,
    /// Nonreportable positions (small traders), the residual.
    pub nonreportable: LongShort<T>,
}

/// Trader counts of a legacy crop block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LegacyTraders {
    /// All reportable traders.
    pub total: Traders,
    /// Non-commercial traders long, short and spreading.
    pub noncommercial: LongShortSpread<Traders>,
    /// Commercial traders.
    pub commercial: LongShort<Traders>,
    /// Reportable traders long and short.
    pub total_reportable: LongShort<Traders>,
}
