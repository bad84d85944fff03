//! Known contracts and families of contracts.
//!
//! A COT row says how many *contracts* each group holds; what a contract is
//! worth depends on which contract the code meant at that date. CFTC reuses
//! codes (239742 was a $100 E-mini from 2001 and is a $50 E-mini since
//! 2017; 239772 was the New York Futures Exchange Russell 2000 in 1987 and is
//! the ICE Russell 1000 mini since 2008), exchanges resize contracts under an
//! unchanged code (ICE halved its Russell 2000 mini, 23977A, on 2016-12-05;
//! CME halved the S&P 500, 138741, in 1997), CFTC renames markets
//! (`E-MINI RUSSELL 2000 INDEX` became `RUSSELL E-MINI` on 2022-02-08) and
//! prints the odd wrong multiplier in `Contract Units` (the micro Russell
//! says $0.5, its spec is $5). The [`Registry`] holds each contract's code,
//! exchange, the dates in which the code means it at one size, and its
//! multiplier for those dates.
//!
//! The registry checks itself against the data: [`units_multiplier`] reads
//! the multiplier CFTC prints in `Contract Units`, and
//! [`audit`](crate::records::audit) compares it with the registry's week by week, and
//! finds the weeks in which a market's open interest and every position
//! jump by one factor (a split or a merge).
//!
//! A [`Family`] is a set of contracts on one index that a continuous history
//! sums week by week: [`Family::russell_2000`] is the NYFE contract of 1987,
//! CME full size, the first CME E-mini, the ICE mini and full size, and the
//! relaunched CME E-mini.
//!
//! ```
//! use cftc_cot::records::registry::{Family, Registry};
//! use chrono::NaiveDate;
//! let registry = Registry::builtin();
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! // One code, two contracts, told apart by date.
//! let old = registry.contract("239742".parse()?, d(2004, 12, 28)).unwrap();
//! let new = registry.contract("239742".parse()?, d(2025, 3, 11)).unwrap();
//! assert_eq!(old.multiplier.to_string(), "100");
//! assert_eq!(new.multiplier.to_string(), "50");
//! // One contract, two sizes: ICE halved its mini on 2016-12-05.
//! let ice = "23977A".parse()?;
//! assert_eq!(registry.contract(ice, d(2016, 11, 29)).unwrap().multiplier.to_string(), "100");
//! assert_eq!(registry.contract(ice, d(2016, 12, 6)).unwrap().multiplier.to_string(), "50");
//! // Names are searched case-insensitively, old misspellings included.
//! assert!(registry.search("russel 2000 stock index (mini)").iter().any(|c| c.code == new.code));
//! let family = Family::russell_2000();
//! assert!(family.includes("23977A".parse()?, d(2015, 6, 2)));
//! assert!(family.includes("239772".parse()?, d(1987, 9, 15))); // NYFE
//! assert!(!family.includes("239772".parse()?, d(2010, 9, 14))); // ICE Russell 1000 mini
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
    /// contracts). Zero for a contract of unknown size
    /// ([`Study::of_code`](crate::history::study::Study::of_code)).
    pub multiplier: Decimal,
    /// First date on which the code means this contract (inclusive).
    pub from: NaiveDate,
    /// Last date on which the code means this contract (inclusive), if it
    /// has been replaced.
    pub until: Option<NaiveDate>,
    /// Market names CFTC has printed for it (upper case), for name lookups.
    pub aliases: Vec<String>,
    /// What a reader of a history should know about this span: a resize, a
    /// reused code, a known error in CFTC's units text. Empty when none.
    #[serde(default)]
    pub note: String,
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
        note: String::new(),
    }
}

impl Contract {
    fn with_note(mut self, note: &str) -> Self {
        self.note = note.into();
        self
    }
}

/// The dollars per index point that CFTC's `Contract Units` text states,
/// such as 100 for `(RUSSELL 2000 INDEX X $100.00)`, 0.5 for `(RUSSEL 2000
/// INDEX X $0.5)` or 50 for `($50 X S&P 500 INDEX)`; `None` for units that
/// are not a multiplier (`(CONTRACTS OF 5,000 BUSHELS)`, `(CONTRACTS OF
/// $100,000 FACE VALUE)`).
///
/// The text is evidence, not truth: it is right where a contract was resized
/// (ICE's Russell mini, 2016-12-05) and wrong for the micro Russell ($0.5
/// for a $5 contract). [`audit::units`](crate::records::audit::units) compares it
/// with the [`Registry`].
///
/// ```
/// use cftc_cot::records::registry::units_multiplier;
/// assert_eq!(units_multiplier("(RUSSELL 2000 INDEX X $100.00)").unwrap().to_string(), "100");
/// assert_eq!(units_multiplier("(NYFE RUSSEL 2000 IND X $500.00)").unwrap().to_string(), "500");
/// assert_eq!(units_multiplier("($50 X S&P 500 INDEX)").unwrap().to_string(), "50");
/// assert_eq!(units_multiplier("(RUSSEL 2000 INDEX X $0.5)").unwrap().to_string(), "0.5");
/// assert_eq!(units_multiplier("(CONTRACTS OF $100,000 FACE VALUE)"), None);
/// ```
pub fn units_multiplier(units: &str) -> Option<Decimal> {
    let is_times = |word: &str| word.eq_ignore_ascii_case("x");
    for (at, _) in units.match_indices('$') {
        let before = units.get(..at)?;
        let after = units.get(at + 1..)?;
        let digits: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        let rest = after.get(digits.len()..)?;
        let times_before = before.split_whitespace().next_back().is_some_and(is_times);
        let times_after = rest.split_whitespace().next().is_some_and(is_times);
        if !(times_before || times_after) {
            continue;
        }
        let number: String = digits.chars().filter(|c| *c != ',').collect();
        let number = number.trim_end_matches('.');
        if let Ok(value) = number.parse::<Decimal>() {
            return Some(value.normalize());
        }
    }
    None
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
    /// S&P 500 contracts. Multipliers are from the exchanges' specs, checked
    /// against CFTC's `Contract Units` text in every real file this crate is
    /// tested on (see DESIGN.md, "Contracts priced by date").
    pub fn builtin() -> Self {
        let cme = "CME";
        let ice = "ICE Futures U.S.";
        let nyfe = "New York Futures Exchange";
        // The relaunched E-mini took over code 239742 with its first report.
        let relaunch = date(2017, 8, 15);
        // ICE halved its Russell minis: trade date 2016-12-05, first report
        // at $50 on 2016-12-06 (open interest 356,806 -> 694,546 in the TFF
        // combined file; units text `$100.00` -> `$50`).
        let ice_split = date(2016, 12, 5);
        // CME halved the S&P 500 from $500 to $250 on 1997-11-03 (the files
        // say `$500.00` in 1986-1988 and `$250.00` from 2002).
        let sp_split = date(1997, 11, 3);
        // 239772 was NYFE's Russell 2000 (reported 1987-09-15 .. 1987-12-15)
        // and is ICE's Russell 1000 mini from 2008.
        let ice_russell_1000 = date(2008, 1, 1);
        let contracts = vec![
            contract(
                "239772",
                "NYFE Russell 2000",
                "Russell 2000",
                nyfe,
                500,
                0,
                date(1987, 1, 1),
                ice_russell_1000.pred_opt(),
                &["RUSSEL 2000 STOCK INDEX FUTURE - NEW YORK FUTURES EXCHANGE"],
            )
            .with_note("New York Futures Exchange, 1987; code 239772 later means the ICE Russell 1000 mini"),
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
                    "RUSSEL 2000 STOCK INDEX FUTURE - CHICAGO MERCANTILE EXCHANGE",
                    "RUSSELL 2000 STOCK INDEX FUTURE - CHICAGO MERCANTILE EXCHANGE",
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
                relaunch.pred_opt(),
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
            )
            .with_note("relaunched by CME in 2017 under the code of its first E-mini"),
            contract(
                "23977A",
                "ICE Russell 2000 Mini",
                "Russell 2000",
                ice,
                100,
                0,
                date(2008, 7, 1),
                ice_split.pred_opt(),
                &["RUSSELL 2000 MINI INDEX FUTURE", "RUSSELL 2000 MINI"],
            ),
            contract(
                "23977A",
                "ICE Russell 2000 Mini",
                "Russell 2000",
                ice,
                50,
                0,
                ice_split,
                Some(date(2018, 12, 31)),
                &["RUSSELL 2000 MINI INDEX FUTURE", "RUSSELL 2000 MINI"],
            )
            .with_note("halved by ICE on 2016-12-05: each $100 contract became two $50 contracts"),
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
            )
            .with_note("no row of this code in any file this crate was tested on; $500 from ICE's spec"),
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
            )
            .with_note("CFTC's units text says $0.5; CME's spec is $5"),
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
                ice_split.pred_opt(),
                &["RUSSELL 1000 VALUE INDEX MINI"],
            ),
            contract(
                "23977C",
                "ICE Russell 1000 Value Mini",
                "Russell 1000 Value",
                ice,
                50,
                0,
                ice_split,
                None,
                &["RUSSELL 1000 VALUE INDEX MINI"],
            )
            .with_note("$50 in CFTC's 2017 files; the 2016-12-05 date is inferred from ICE's Russell 2000 mini"),
            contract(
                "239772",
                "ICE Russell 1000 Mini",
                "Russell 1000",
                ice,
                100,
                0,
                ice_russell_1000,
                None,
                &[
                    "RUSSEL 1000 MINI INDEX FUTURE",
                    "RUSSELL 1000 MINI INDEX FUTURE",
                ],
            )
            .with_note("code 239772 meant the NYFE Russell 2000 in 1987"),
            contract(
                "138741",
                "CME S&P 500 (full size)",
                "S&P 500",
                cme,
                500,
                0,
                date(1982, 4, 21),
                sp_split.pred_opt(),
                &[
                    "S&P 500 STOCK INDEX",
                    "STOCK INDEX FUTURE, S&P 500 - INTERNATIONAL MONETARY MARKET",
                ],
            ),
            contract(
                "138741",
                "CME S&P 500 (full size)",
                "S&P 500",
                cme,
                250,
                0,
                sp_split,
                None,
                &["S&P 500 STOCK INDEX"],
            )
            .with_note("halved by CME on 1997-11-03 from $500 to $250"),
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

    /// The Russell 2000 index futures: the New York Futures Exchange's
    /// contract of 1987 (239772 until 2007), CME full size (239741), the
    /// first CME E-mini (239742 until 2017-08-14), the ICE mini (23977A, $100
    /// until 2016-12-04, $50 after) and full size (239777), and the CME
    /// E-mini (239742 from 2017-08-15). The micro
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

    /// The family the words users type mean, if the registry has one:
    /// `russell 2000`, `russell`, `rty`, `r2k` for the Russell 2000 and
    /// `s&p 500`, `sp500`, `spx`, `es` for the S&P 500 (case, spaces and
    /// punctuation aside).
    ///
    /// ```
    /// use cftc_cot::records::registry::Family;
    /// assert_eq!(Family::named("Russell 2000"), Some(Family::russell_2000()));
    /// assert_eq!(Family::named("S&P 500"), Some(Family::sp_500()));
    /// assert_eq!(Family::named("gold"), None);
    /// ```
    pub fn named(text: &str) -> Option<Self> {
        let key: String = text
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '&')
            .collect();
        match key.as_str() {
            "russell" | "russell2000" | "rty" | "r2000" | "r2k" => Some(Family::russell_2000()),
            "s&p" | "s&p500" | "sp500" | "spx" | "es" => Some(Family::sp_500()),
            _ => None,
        }
    }

    /// The family with the micro contracts the registry leaves out of it by
    /// default (the Russell 2000's Micro E-mini); any other family as it is.
    ///
    /// ```
    /// use cftc_cot::records::registry::Family;
    /// let with = Family::russell_2000().with_micro();
    /// assert_eq!(with, Family::russell_2000_with_micro());
    /// assert_eq!(Family::sp_500().with_micro(), Family::sp_500());
    /// ```
    pub fn with_micro(self) -> Self {
        if self == Family::russell_2000() {
            Family::russell_2000_with_micro()
        } else {
            self
        }
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
        assert_eq!(codes, ["239741", "239742", "239772", "239777", "23977A"]);
        let with_micro = Family::russell_2000_with_micro();
        assert_eq!(with_micro.codes().len(), 6);
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
        // CME's full size, and NYFE's contract of 1987.
        assert_eq!(hits, ["239772", "239741"]);
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
