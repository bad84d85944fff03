//! The Traders in Financial Futures row (87 columns).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    Concentration, Contracts, LongShort, LongShortSpread, Market, Percent, Scope, Traders,
};

/// One row of a Traders in Financial Futures (TFF) file.
///
/// TFF splits reportable traders into dealers/intermediaries, asset
/// managers/institutional, leveraged funds (hedge funds, CTAs) and other
/// reportables; the rest is nonreportable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TffRecord {
    /// Name, codes and contract units.
    pub market: Market,
    /// The as-of date, from the YYMMDD column (cross-checked with the other date column).
    pub date: NaiveDate,
    /// Futures only or combined (`FutOnly_or_Combined`).
    pub scope: Scope,
    /// `CFTC_SubGroup_Code` (`F10` currencies, `F20` stock indices, ...).
    pub subgroup_code: String,
    /// Open interest and positions in contracts.
    pub positions: TffPositions<Contracts>,
    /// Change since the previous report; `None` when the market was not in it.
    pub change: TffPositions<Contracts>,
    /// Positions as percent of open interest.
    pub percent_of_open_interest: TffPositions<Percent>,
    /// Number of traders; `None` where CFTC suppresses counts below 4.
    pub traders: TffTraders,
    /// Concentration ratios of the largest traders.
    pub concentration: Concentration,
}

/// Open interest and positions per TFF trader category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TffPositions<T> {
    /// Open interest.
    pub open_interest: T,
    /// Dealers and intermediaries (the sell side).
    pub dealer: LongShortSpread<T>,
    /// Asset managers and institutional investors.
    pub asset_manager: LongShortSpread<T>,
    /// Leveraged funds: hedge funds, CTAs, CPOs.
    pub leveraged_funds: LongShortSpread<T>,
    /// Other reportable traders.
    pub other_reportables: LongShortSpread<T>,
    /// All reportable traders.
    pub total_reportable: LongShort<T>,
    /// Nonreportable positions, the residual.
    pub nonreportable: LongShort<T>,
}

/// Trader counts of a TFF row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TffTraders {
    /// All reportable traders.
    pub total: Traders,
    /// Dealers.
    pub dealer: LongShortSpread<Traders>,
    /// Asset managers.
    pub asset_manager: LongShortSpread<Traders>,
    /// Leveraged funds.
    pub leveraged_funds: LongShortSpread<Traders>,
    /// Other reportables.
    pub other_reportables: LongShortSpread<Traders>,
    /// Reportable traders long and short.
    pub total_reportable: LongShort<Traders>,
}
