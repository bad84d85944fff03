//! The Supplemental report row (54 columns): the Commodity Index Traders
//! (CIT) of 13 agricultural markets, futures and options combined.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Contracts, LongShort, LongShortSpread, Market, Percent, Scope, Traders};

/// One row of a Supplemental file (`annualci.txt`, ...). CFTC publishes it
/// for futures and options combined only, All crops only, without
/// concentration ratios, quoted code copies or a scope column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupplementalRecord {
    /// The identification columns (the quoted code copies are empty: the
    /// file has none).
    pub market: Market,
    /// The as-of date.
    pub date: NaiveDate,
    /// Always [`Scope::Combined`].
    pub scope: Scope,
    /// Open interest and positions.
    pub positions: SupplementalPositions<Contracts>,
    /// Changes since the previous report.
    pub change: SupplementalPositions<Contracts>,
    /// Each figure as a percent of open interest.
    pub percent_of_open_interest: SupplementalPositions<Percent>,
    /// Numbers of traders.
    pub traders: SupplementalTraders,
}

/// Open interest and the positions of each category, in column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SupplementalPositions<T> {
    /// Open interest.
    pub open_interest: T,
    /// Non-commercial traders other than index traders (`NComm_..._NoCIT`).
    pub noncommercial: LongShortSpread<T>,
    /// Commercial traders other than index traders (`Comm_..._NoCIT`).
    pub commercial: LongShort<T>,
    /// All reportable positions, index traders included.
    pub total_reportable: LongShort<T>,
    /// Nonreportable positions.
    pub nonreportable: LongShort<T>,
    /// Commodity index traders (`CIT`): funds and swap dealers replicating
    /// a commodity index, drawn from both legacy categories.
    pub index_traders: LongShort<T>,
}

/// Numbers of traders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SupplementalTraders {
    /// All reportable traders.
    pub total: Traders,
    /// Non-commercial traders other than index traders.
    pub noncommercial: LongShortSpread<Traders>,
    /// Commercial traders other than index traders.
    pub commercial: LongShort<Traders>,
    /// Reportable traders long and short.
    pub total_reportable: LongShort<Traders>,
    /// Commodity index traders.
    pub index_traders: LongShort<Traders>,
}
