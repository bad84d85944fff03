//! Known contracts and families of contracts.
//!
//! A COT row says how many *contracts* each group holds; what a contract is
//! worth depends on which contract the code meant at that date. CFTC reuses
//! codes (239742 was a $100 E-mini from 2001 and is a $50 E-mini since
//! 2017), renames markets (`E-MINI RUSSELL 2000 INDEX` became `RUSSELL
//! E-MINI` on 2022-02-08) and prints wrong multipliers in `Contract Units`
//! (the ICE mini says $50, its spec is $100; the micro says $0.5, its spec is
//! $5). The [`Registry`] holds each contract's code, exchange, the dates in
//! which the code means it, and its multiplier from the exchange's contract
//! specifications.
//!
//! A [`Family`] is a set of contracts on one index that a continuous history
//! sums week by week: [`Family::russell_2000`] is CME full size, the first
//! CME E-mini, the ICE mini and full size, and the relaunched CME E-mini.
//!
//! ```
//! use cftc_cot::registry::{Family, Registry};
//! use chrono::NaiveDate;
//! let registry = Registry::builtin();
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! // One code, two contracts, told apart by date.
//! let old = registry.contract("239742".parse()?, d(2004, 12, 28)).unwrap();
//! let new = registry.contract("239742".parse()?, d(2025, 3, 11)).unwrap();
//! assert_eq!(old.multiplier.to_string(), "100");
//! assert_eq!(new.multiplier.to_string(), "50");
//! // Names are searched case-insensitively, old misspellings included.
//! assert!(registry.search("russel 2000 stock index (mini)").iter().any(|c| c.code == new.code));
//! let family = Family::russell_2000();
//! assert!(family.includes("23977A".parse()?, d(2015, 6, 2)));
//! assert!(!family.includes("239750".parse()?, d(2025, 4, 1))); // dividend future
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::records::ContractMarketCode;

/// One futures contract as CFTC reports it under one code for a span of dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    /// The CFTC contract market code.
    pub code: ContractMarketCode,
    /// A plain name, such as `CME E-mini Russell 2000`.
    pub name: String,
    /// The index or commodity (`Russell 2000`, `S&P 500`, ...).
    pub underlying: String,
    /// The exchange (`CME`, `ICE Futures U.S.`).
    pub exchange: String,
    /// Dollars per index point, from the exchange's contract specifications
    /// (not from CFTC's `Contract Units` text, which is wrong for several
    /// contracts).
    pub multiplier: Decimal,
    /// First date on which the code means this contract (inclusive).
    pub from: NaiveDate,
    /// Last date on which the code means this contract (inclusive), if it
    /// has been replaced.
    pub until: Option<NaiveDate>,
    /// Market names CFTC has printed for it (upper case), for name lookups.
    pub aliases: Vec<String>,
}

impl Contract {
    /// Whether the code means this contract on `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        date >= self.from && self.until.is_none_or(|u| date <= u)
    }

    /// Whether `fragment` (any case) occurs in the name or an alias.
    pub fn matches_name(&self, fragment: &str) -> bool {
        let needle = fragment.trim().to_uppercase();
        self.name.to_uppercase().contains(&needle)
            || self.aliases.iter().any(|a| a.contains(&needle))
    }
}

impl fmt::Display for Contract {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}, ${}/point, from {}",
            self.name, self.code, self.multiplier, self.from
        )?;
        match self.until {
            Some(u) => write!(f, " until {u})"),
            None => f.write_str(")"),
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    // The table below only holds valid dates.
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn code(s: &str) -> ContractMarketCode {
    ContractMarketCode::from_bytes(s.as_bytes()).unwrap_or_else(|| unreachable!("valid code {s}"))
}

#[allow(clippy::too_many_arguments)]
fn contract(
    c: &str,
    name: &str,
    underlying: &str,
    exchange: &str,
    multiplier: i64,
    scale: u32,
    from: NaiveDate,
    until: Option<NaiveDate>,
    aliases: &[&str],
) -> Contract {
    Contract {
        code: code(c),
        name: name.into(),
        underlying: underlying.into(),
        exchange: exchange.into(),
        multiplier: Decimal::new(multiplier, scale),
        from,
        until,
        aliases: aliases.iter().map(|a| a.to_uppercase()).collect(),
    }
}

/// A table of known contracts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registry {
    contracts: Vec<Contract>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry::builtin()
    }
}

impl Registry {
    /// The contracts this crate knows: the Russell 2000 family, its
    /// look-alikes (Russell 1000, the Russell 2000 dividend future) and the
    /// S&P 500 contracts. Multipliers are from the exchanges' specs.
    pub fn builtin() -> Self {
        let cme = "CME";
        let ice = "ICE Futures U.S.";
        // The relaunched E-mini took over code 239742 with its first report.
        let relaunch = date(2017, 8, 15);
        let before_relaunch = relaunch.pred_opt();
        let contracts = vec![
            contract(
                "239741",
                "CME Russell 2000 (full size)",
                "Russell 2000",
                cme,
                500,
                0,
                date(1993, 2, 1),
                None,
                &[
                    "RUSSEL 2000 STOCK INDEX FUTURE",
                    "RUSSELL 2000 STOCK INDEX FUTURE",
                    "RUSSELL 2000 STOCK INDEX - CHICAGO MERCANTILE EXCHANGE",
                ],
            ),
            contract(
                "239742",
                "CME E-mini Russell 2000 (first generation)",
                "Russell 2000",
                cme,
                100,
                0,
                date(2001, 10, 1),
                before_relaunch,
                &[
                    "RUSSEL 2000 STOCK INDEX (MINI)",
                    "RUSSELL 2000 STOCK INDEX (MINI)",
                    "E-MINI RUSSELL 2000",
                ],
            ),
            contract(
                "239742",
                "CME E-mini Russell 2000",
                "Russell 2000",
                cme,
                50,
                0,
                relaunch,
                None,
                &[
                    "E-MINI RUSSELL 2000 INDEX",
                    "RUSSELL E-MINI",
                    "E-MINI RUSSELL 2000",
                ],
            ),
            contract(
                "23977A",
                "ICE Russell 2000 Mini",
                "Russell 2000",
                ice,
                100,
                0,
                date(2008, 7, 1),
                Some(date(2018, 12, 31)),
                &["RUSSELL 2000 MINI INDEX FUTURE", "RUSSELL 2000 MINI"],
            ),
            contract(
                "239777",
                "ICE Russell 2000 (full size)",
                "Russell 2000",
                ice,
                500,
                0,
                date(2008, 7, 1),
                Some(date(2018, 12, 31)),
                &["RUSSELL 2000 STOCK INDEX - ICE FUTURES U.S."],
            ),
            contract(
                "239747",
                "CME Micro E-mini Russell 2000",
                "Russell 2000",
                cme,
                5,
                0,
                date(2019, 5, 1),
                None,
                &[
                    "MICRO E-MINI RUSSELL 2000 INDX",
                    "MICRO E-MINI RUSSELL 2000",
                ],
            ),
            contract(
                "239750",
                "CME Russell 2000 Annual Dividend",
                "Russell 2000 dividends",
                cme,
                100,
                0,
                date(2020, 1, 1),
                None,
                &["RUSSELL 2000 ANNUAL DIVIDEND"],
            ),
            contract(
                "239744",
                "CME E-mini Russell 1000 Value",
                "Russell 1000 Value",
                cme,
                50,
                0,
                date(2000, 1, 1),
                None,
                &["EMINI RUSSELL 1000 VALUE INDEX"],
            ),
            contract(
                "239745",
                "CME E-mini Russell 1000 Growth",
                "Russell 1000 Growth",
                cme,
                50,
                0,
                date(2000, 1, 1),
                None,
                &["EMINI RUSSELL 1000 GROWTH"],
            ),
            contract(
                "23977C",
                "ICE Russell 1000 Value Mini",
                "Russell 1000 Value",
                ice,
                100,
                0,
                date(2008, 7, 1),
                None,
                &["RUSSELL 1000 VALUE INDEX MINI"],
            ),
            contract(
                "239772",
                "ICE Russell 1000 Mini",
                "Russell 1000",
                ice,
                100,
                0,
                date(2008, 7, 1),
                None,
                &[
                    "RUSSEL 1000 MINI INDEX FUTURE",
                    "RUSSELL 1000 MINI INDEX FUTURE",
                ],
            ),
            contract(
                "138741",
                "CME S&P 500 (full size)",
                "S&P 500",
                cme,
                250,
                0,
                date(1982, 4, 21),
                None,
                &["S&P 500 STOCK INDEX"],
            ),
            contract(
                "13874A",
                "CME E-mini S&P 500",
                "S&P 500",
                cme,
                50,
                0,
                date(1997, 9, 9),
                None,
                &["E-MINI S&P 500 STOCK INDEX", "E-MINI S&P 500"],
            ),
            contract(
                "13874U",
                "CME Micro E-mini S&P 500",
                "S&P 500",
                cme,
                5,
                0,
                date(2019, 5, 6),
                None,
                &["MICRO E-MINI S&P 500 INDEX"],
            ),
        ];
        Registry { contracts }
    }

    /// A registry of the caller's own contracts.
    pub fn from_contracts(contracts: Vec<Contract>) -> Self {
        Registry { contracts }
    }

    /// Adds (or, for a code and start date already known, replaces) a contract.
    pub fn insert(&mut self, contract: Contract) {
        self.contracts
            .retain(|c| !(c.code == contract.code && c.from == contract.from));
        self.contracts.push(contract);
    }

    /// Every contract.
    pub fn contracts(&self) -> &[Contract] {
        &self.contracts
    }

    /// The contract a code means on a date.
    pub fn contract(&self, code: ContractMarketCode, date: NaiveDate) -> Option<&Contract> {
        self.contracts
            .iter()
            .find(|c| c.code == code && c.covers(date))
    }

    /// Every contract ever reported under a code.
    pub fn by_code(&self, code: ContractMarketCode) -> Vec<&Contract> {
        self.contracts.iter().filter(|c| c.code == code).collect()
    }

    /// Contracts whose name or a known CFTC spelling contains `fragment`
    /// (case-insensitive).
    pub fn search(&self, fragment: &str) -> Vec<&Contract> {
        self.contracts
            .iter()
            .filter(|c| c.matches_name(fragment))
            .collect()
    }
}

/// A set of contracts on one underlying, summed week by week into one
/// continuous history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    /// A name for output (`Russell 2000`).
    pub name: String,
    /// The member contracts (a code can appear twice, for two date spans).
    pub members: Vec<Contract>,
}

impl Family {
    /// A family of the caller's contracts (for example S&P 500 full size plus
    /// E-mini: `Family::new("S&P 500", registry.search("S&P 500"))`).
    pub fn new<'a>(name: &str, members: impl IntoIterator<Item = &'a Contract>) -> Self {
        Family {
            name: name.into(),
            members: members.into_iter().cloned().collect(),
        }
    }

    /// The Russell 2000 index futures: CME full size (239741), the first CME
    /// E-mini (239742 until 2017-08-14), the ICE mini (23977A) and full size
    /// (239777), and the CME E-mini (239742 from 2017-08-15). The micro
    /// (239747) is left out: it is reported only in weeks with 20 large
    /// traders, which would make the series jump; see
    /// [`russell_2000_with_micro`](Self::russell_2000_with_micro).
    pub fn russell_2000() -> Self {
        let registry = Registry::builtin();
        let members = registry
            .contracts()
            .iter()
            .filter(|c| c.underlying == "Russell 2000" && c.code.as_str() != "239747");
        Family::new("Russell 2000", members)
    }

    /// [`russell_2000`](Self::russell_2000) plus the Micro E-mini (239747).
    pub fn russell_2000_with_micro() -> Self {
        let registry = Registry::builtin();
        let members = registry
            .contracts()
            .iter()
            .filter(|c| c.underlying == "Russell 2000");
        Family::new("Russell 2000", members)
    }

    /// The S&P 500 futures: full size, E-mini and micro (not the
    /// `Consolidated` line, which double counts them).
    pub fn sp_500() -> Self {
        let registry = Registry::builtin();
        let members = registry
            .contracts()
            .iter()
            .filter(|c| c.underlying == "S&P 500");
        Family::new("S&P 500", members)
    }

    /// The member a code means on a date, if it belongs to the family.
    pub fn member(&self, code: ContractMarketCode, date: NaiveDate) -> Option<&Contract> {
        self.members
            .iter()
            .find(|c| c.code == code && c.covers(date))
    }

    /// Whether a row of this code and date belongs to the family.
    pub fn includes(&self, code: ContractMarketCode, date: NaiveDate) -> bool {
        self.member(code, date).is_some()
    }

    /// Every code of the family, for a [`Filter`](crate::read::Filter).
    pub fn codes(&self) -> Vec<ContractMarketCode> {
        let mut codes: Vec<_> = self.members.iter().map(|c| c.code).collect();
        codes.sort();
        codes.dedup();
        codes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russell_family_is_the_index_futures_only() {
        let f = Family::russell_2000();
        let codes: Vec<String> = f.codes().iter().map(|c| c.to_string()).collect();
        assert_eq!(codes, ["239741", "239742", "239777", "23977A"]);
        let with_micro = Family::russell_2000_with_micro();
        assert_eq!(with_micro.codes().len(), 5);
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let c = "239742".parse().unwrap();
        assert_eq!(
            f.member(c, d(2017, 8, 14)).unwrap().multiplier,
            Decimal::new(100, 0)
        );
        assert_eq!(
            f.member(c, d(2017, 8, 15)).unwrap().multiplier,
            Decimal::new(50, 0)
        );
    }

    #[test]
    fn search_is_case_insensitive_with_aliases() {
        let r = Registry::builtin();
        let hits: Vec<String> = r
            .search("russel 2000 stock index future")
            .iter()
            .map(|c| c.code.to_string())
            .collect();
        assert_eq!(hits, ["239741"]);
        assert_eq!(r.search("Russell E-mini").len(), 1);
        assert!(r.search("no such market").is_empty());
        let sp = Family::new(
            "S&P 500",
            r.search("S&P 500")
                .into_iter()
                .filter(|c| c.code.as_str() != "13874U"),
        );
        assert_eq!(sp.codes().len(), 2);
    }
}
