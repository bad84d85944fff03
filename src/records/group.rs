//! The trader categories of each report: who a net position belongs to.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{CotRecord, ReportKind, UnknownName};

/// A group of traders whose net position a history follows.
///
/// One name per group, the same in `Display`, `FromStr`, serde and the
/// command line (`noncommercial`, `leveraged-funds`, `managed-money`, ...),
/// so that the JSON the crate writes reads back:
///
/// ```
/// use cftc_cot::TraderGroup;
/// for group in TraderGroup::ALL {
///     let json = serde_json::to_string(&group)?;
///     assert_eq!(json, format!("\"{group}\""));
///     assert_eq!(serde_json::from_str::<TraderGroup>(&json)?, group);
///     assert_eq!(group.as_str().parse::<TraderGroup>(), Ok(group));
/// }
/// assert_eq!(TraderGroup::NonCommercial.to_string(), "noncommercial");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TraderGroup {
    /// Legacy non-commercial traders: the "large speculators".
    #[serde(rename = "noncommercial", alias = "non-commercial")]
    NonCommercial,
    /// Legacy commercial traders (hedgers).
    Commercial,
    /// Legacy nonreportable positions (small traders).
    Nonreportable,
    /// TFF leveraged funds: hedge funds, CTAs, CPOs.
    LeveragedFunds,
    /// TFF asset managers and institutional investors.
    AssetManagers,
    /// TFF dealers and intermediaries.
    Dealers,
    /// TFF other reportables.
    OtherReportables,
    /// TFF nonreportable positions.
    TffNonreportable,
    /// Disaggregated producers, merchants, processors and users: the
    /// physical hedgers.
    ProducerMerchant,
    /// Disaggregated swap dealers.
    SwapDealers,
    /// Disaggregated managed money: CTAs, CPOs and hedge funds, the
    /// "speculators" of commodity news.
    ManagedMoney,
    /// Disaggregated other reportables.
    DisaggregatedOtherReportables,
    /// Disaggregated nonreportable positions.
    DisaggregatedNonreportable,
    /// Supplemental commodity index traders.
    IndexTraders,
    /// Supplemental non-commercial traders other than index traders.
    #[serde(
        rename = "noncommercial-excluding-index",
        alias = "non-commercial-excluding-index"
    )]
    NonCommercialExcludingIndex,
    /// Supplemental commercial traders other than index traders.
    CommercialExcludingIndex,
    /// Supplemental nonreportable positions.
    SupplementalNonreportable,
}

impl TraderGroup {
    /// Every group.
    pub const ALL: [TraderGroup; 17] = [
        TraderGroup::NonCommercial,
        TraderGroup::Commercial,
        TraderGroup::Nonreportable,
        TraderGroup::LeveragedFunds,
        TraderGroup::AssetManagers,
        TraderGroup::Dealers,
        TraderGroup::OtherReportables,
        TraderGroup::TffNonreportable,
        TraderGroup::ProducerMerchant,
        TraderGroup::SwapDealers,
        TraderGroup::ManagedMoney,
        TraderGroup::DisaggregatedOtherReportables,
        TraderGroup::DisaggregatedNonreportable,
        TraderGroup::IndexTraders,
        TraderGroup::NonCommercialExcludingIndex,
        TraderGroup::CommercialExcludingIndex,
        TraderGroup::SupplementalNonreportable,
    ];

    /// The report that has this group.
    pub fn report(self) -> ReportKind {
        match self {
            TraderGroup::NonCommercial | TraderGroup::Commercial | TraderGroup::Nonreportable => {
                ReportKind::Legacy
            }
            TraderGroup::LeveragedFunds
            | TraderGroup::AssetManagers
            | TraderGroup::Dealers
            | TraderGroup::OtherReportables
            | TraderGroup::TffNonreportable => ReportKind::Tff,
            TraderGroup::ProducerMerchant
            | TraderGroup::SwapDealers
            | TraderGroup::ManagedMoney
            | TraderGroup::DisaggregatedOtherReportables
            | TraderGroup::DisaggregatedNonreportable => ReportKind::Disaggregated,
            TraderGroup::IndexTraders
            | TraderGroup::NonCommercialExcludingIndex
            | TraderGroup::CommercialExcludingIndex
            | TraderGroup::SupplementalNonreportable => ReportKind::Supplemental,
        }
    }

    /// The groups of one report.
    pub fn of(report: ReportKind) -> impl Iterator<Item = TraderGroup> {
        TraderGroup::ALL
            .into_iter()
            .filter(move |g| g.report() == report)
    }

    /// The kebab-case name (`noncommercial`, `leveraged-funds`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            TraderGroup::NonCommercial => "noncommercial",
            TraderGroup::Commercial => "commercial",
            TraderGroup::Nonreportable => "nonreportable",
            TraderGroup::LeveragedFunds => "leveraged-funds",
            TraderGroup::AssetManagers => "asset-managers",
            TraderGroup::Dealers => "dealers",
            TraderGroup::OtherReportables => "other-reportables",
            TraderGroup::TffNonreportable => "tff-nonreportable",
            TraderGroup::ProducerMerchant => "producer-merchant",
            TraderGroup::SwapDealers => "swap-dealers",
            TraderGroup::ManagedMoney => "managed-money",
            TraderGroup::DisaggregatedOtherReportables => "disaggregated-other-reportables",
            TraderGroup::DisaggregatedNonreportable => "disaggregated-nonreportable",
            TraderGroup::IndexTraders => "index-traders",
            TraderGroup::NonCommercialExcludingIndex => "noncommercial-excluding-index",
            TraderGroup::CommercialExcludingIndex => "commercial-excluding-index",
            TraderGroup::SupplementalNonreportable => "supplemental-nonreportable",
        }
    }

    /// How market news calls them (`large speculators`, `hedge funds`, ...).
    pub fn description(self) -> &'static str {
        match self {
            TraderGroup::NonCommercial => "large speculators",
            TraderGroup::Commercial => "commercial hedgers",
            TraderGroup::Nonreportable => "small traders",
            TraderGroup::LeveragedFunds => "hedge funds",
            TraderGroup::AssetManagers => "asset managers",
            TraderGroup::Dealers => "dealers",
            TraderGroup::OtherReportables => "other reportable traders",
            TraderGroup::TffNonreportable => "small traders",
            TraderGroup::ProducerMerchant => "producers and merchants",
            TraderGroup::SwapDealers => "swap dealers",
            TraderGroup::ManagedMoney => "money managers",
            TraderGroup::DisaggregatedOtherReportables => "other reportable traders",
            TraderGroup::DisaggregatedNonreportable => "small traders",
            TraderGroup::IndexTraders => "index funds",
            TraderGroup::NonCommercialExcludingIndex => "large speculators",
            TraderGroup::CommercialExcludingIndex => "commercial hedgers",
            TraderGroup::SupplementalNonreportable => "small traders",
        }
    }

    /// The category of the report's [`ReportSchema`](crate::records::schema::ReportSchema)
    /// this group follows.
    pub fn category(self) -> &'static str {
        match self {
            TraderGroup::NonCommercial | TraderGroup::NonCommercialExcludingIndex => {
                "noncommercial"
            }
            TraderGroup::Commercial | TraderGroup::CommercialExcludingIndex => "commercial",
            TraderGroup::Nonreportable
            | TraderGroup::TffNonreportable
            | TraderGroup::DisaggregatedNonreportable
            | TraderGroup::SupplementalNonreportable => "nonreportable",
            TraderGroup::LeveragedFunds => "leveraged_funds",
            TraderGroup::AssetManagers => "asset_manager",
            TraderGroup::Dealers => "dealer",
            TraderGroup::OtherReportables | TraderGroup::DisaggregatedOtherReportables => {
                "other_reportables"
            }
            TraderGroup::ProducerMerchant => "producer_merchant",
            TraderGroup::SwapDealers => "swap_dealers",
            TraderGroup::ManagedMoney => "managed_money",
            TraderGroup::IndexTraders => "index_traders",
        }
    }

    /// Long and short of this group (All positions) in a record of its
    /// report, or `None` for a record of another report or a missing value.
    pub fn long_short(self, record: &CotRecord) -> Option<(i64, i64)> {
        if record.kind() != self.report() {
            return None;
        }
        let at = record.kind().schema().category_offset(self.category())?;
        let values = record.position_columns();
        Some(((*values.get(at)?)?, (*values.get(at + 1)?)?))
    }
}

impl fmt::Display for TraderGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TraderGroup {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        let key = match key.as_str() {
            "non-commercial" | "large-speculators" | "speculators" => "noncommercial",
            "leveraged-money" | "lev-money" | "hedge-funds" => "leveraged-funds",
            "asset-manager" => "asset-managers",
            "dealer" => "dealers",
            "other-reportable" => "other-reportables",
            "producer-merchant-processor-user" | "producers" | "prod-merc" => "producer-merchant",
            "swap" | "swaps" | "swap-dealer" => "swap-dealers",
            "money-managers" | "m-money" | "managed-money-traders" => "managed-money",
            "disagg-other-reportables" => "disaggregated-other-reportables",
            "disagg-nonreportable" => "disaggregated-nonreportable",
            "cit" | "index" | "commodity-index-traders" | "index-funds" => "index-traders",
            other => other,
        };
        TraderGroup::ALL
            .into_iter()
            .find(|g| g.as_str() == key)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}
