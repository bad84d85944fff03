//! The Disaggregated report row (191 columns): physical commodities
//! (agriculture, energy, metals) by producer/merchant, swap dealers, managed
//! money and other reportables.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    Concentration, Contracts, LongShort, LongShortSpread, Market, Percent, Scope, Traders,
};

/// One row of a Disaggregated file (`f_year.txt`, `c_year.txt`,
/// `F_Disagg06_16.txt`, the weekly `f_disagg.txt`, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisaggregatedRecord {
    /// The identification columns.
    pub market: Market,
    /// The as-of date.
    pub date: NaiveDate,
    /// From the row's own `FutOnly_or_Combined` column.
    pub scope: Scope,
    /// `CFTC_SubGroup_Code` (`A10`, `N10`, ...).
    pub subgroup_code: String,
    /// All crop years.
    pub all: DisaggregatedCrop,
    /// The old crop year (for markets with crop years; otherwise like All or zero).
    pub old: DisaggregatedCrop,
    /// The other crop years.
    pub other: DisaggregatedCrop,
    /// Changes in positions since the previous report (All only).
    pub change: DisaggregatedPositions<Contracts>,
}

/// Positions, percents of open interest, trader counts and concentration of
/// one crop block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DisaggregatedCrop {
    /// Open interest and positions.
    pub positions: DisaggregatedPositions<Contracts>,
    /// Each figure as a percent of open interest.
    pub percent_of_open_interest: DisaggregatedPositions<Percent>,
    /// Numbers of traders.
    pub traders: DisaggregatedTraders,
    /// Concentration ratios.
    pub concentration: Concentration,
}

/// Open interest and the positions of each category, in column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DisaggregatedPositions<T> {
    /// Open interest.
    pub open_interest: T,
    /// Producers, merchants, processors and users (`Prod_Merc`): hedgers of
    /// the physical commodity. No spreading column.
    pub producer_merchant: LongShort<T>,
    /// Swap dealers (`Swap`).
    pub swap_dealers: LongShortSpread<T>,
    /// Managed money (`M_Money`): CTAs, CPOs, hedge funds — commodity news'
    /// "speculators".
    pub managed_money: LongShortSpread<T>,
    /// Other reportables (`Other_Rept`).
    pub other_reportables: LongShortSpread<T>,
    /// All reportable positions.
    pub total_reportable: LongShort<T>,
    /// Nonreportable (small traders): open interest minus reportable.
    pub nonreportable: LongShort<T>,
}

/// Numbers of traders of one crop block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DisaggregatedTraders {
    /// All reportable traders.
    pub total: Traders,
    /// Producer/merchant/processor/user traders.
    pub producer_merchant: LongShort<Traders>,
    /// Swap dealers.
    pub swap_dealers: LongShortSpread<Traders>,
    /// Managed money traders.
    pub managed_money: LongShortSpread<Traders>,
    /// Other reportable traders.
    pub other_reportables: LongShortSpread<Traders>,
    /// Reportable traders long and short.
    pub total_reportable: LongShort<Traders>,
}
