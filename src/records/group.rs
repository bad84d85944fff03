//! The trader categories of each report: who a net position belongs to.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{CotRecord, LongShort, LongShortSpread, ReportKind, UnknownName};

/// A group of traders whose net position a history follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TraderGroup {
    /// Legacy non-commercial traders: the "large speculators".
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
}

impl TraderGroup {
    /// Every group.
    pub const ALL: [TraderGroup; 13] = [
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
        }
    }

    /// Long and short of this group in a record of its report, or `None`
    /// for a record of the other report or a missing value.
    pub fn long_short(self, record: &CotRecord) -> Option<(i64, i64)> {
        let pair = |l: Option<i64>, s: Option<i64>| Some((l?, s?));
        match (self, record) {
            (TraderGroup::NonCommercial, CotRecord::Legacy(r)) => {
                let p = r.all.positions.noncommercial;
                pair(p.long, p.short)
            }
            (TraderGroup::Commercial, CotRecord::Legacy(r)) => {
                let p = r.all.positions.commercial;
                pair(p.long, p.short)
            }
            (TraderGroup::Nonreportable, CotRecord::Legacy(r)) => {
                let p = r.all.positions.nonreportable;
                pair(p.long, p.short)
            }
            (TraderGroup::LeveragedFunds, CotRecord::Tff(r)) => pair(
                r.positions.leveraged_funds.long,
                r.positions.leveraged_funds.short,
            ),
            (TraderGroup::AssetManagers, CotRecord::Tff(r)) => pair(
                r.positions.asset_manager.long,
                r.positions.asset_manager.short,
            ),
            (TraderGroup::Dealers, CotRecord::Tff(r)) => {
                pair(r.positions.dealer.long, r.positions.dealer.short)
            }
            (TraderGroup::OtherReportables, CotRecord::Tff(r)) => pair(
                r.positions.other_reportables.long,
                r.positions.other_reportables.short,
            ),
            (TraderGroup::TffNonreportable, CotRecord::Tff(r)) => pair(
                r.positions.nonreportable.long,
                r.positions.nonreportable.short,
            ),
            (group, CotRecord::Disaggregated(r)) => {
                let p = &r.all.positions;
                let (long, short) = match group {
                    TraderGroup::ProducerMerchant => ls(p.producer_merchant),
                    TraderGroup::SwapDealers => lss(p.swap_dealers),
                    TraderGroup::ManagedMoney => lss(p.managed_money),
                    TraderGroup::DisaggregatedOtherReportables => lss(p.other_reportables),
                    TraderGroup::DisaggregatedNonreportable => ls(p.nonreportable),
                    _ => return None,
                };
                pair(long, short)
            }
            _ => None,
        }
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
            other => other,
        };
        TraderGroup::ALL
            .into_iter()
            .find(|g| g.as_str() == key)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

fn ls(v: LongShort<Option<i64>>) -> (Option<i64>, Option<i64>) {
    (v.long, v.short)
}

fn lss(v: LongShortSpread<Option<i64>>) -> (Option<i64>, Option<i64>) {
    (v.long, v.short)
}
