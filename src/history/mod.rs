//! Continuous weekly histories of net positioning, across contract changes.
//!
//! A [`History`] is one weekly series for a [`Family`] of contracts and a
//! [`TraderGroup`]: each week sums every member contract reported that week,
//! converted to one [`Unit`]. Each [`Point`] keeps its [`Component`]s — the
//! raw long, short and open interest of each contract, with its code — so any
//! figure can be traced back to a row of a CFTC file.
//!
//! ```
//! use cftc_cot::history::{HistoryBuilder, Unit};
//! use cftc_cot::TraderGroup;
//! use cftc_cot::read::{Filter, ReaderBuilder};
//! use cftc_cot::records::registry::Family;
//!
//! let family = Family::russell_2000();
//! let (records, _) = ReaderBuilder::new()
//!     .filter(Filter::all().with_codes(family.codes()))
//!     .from_path("data-samples/legacy_futures_only.txt")?
//!     .read_all()?;
//! let history = HistoryBuilder::new(family)
//!     .group(TraderGroup::NonCommercial)
//!     .unit(Unit::EminiEquivalents)
//!     .build(&records)?;
//! let last = history.points().last().unwrap();
//! assert_eq!(last.net, last.long - last.short);
//! assert_eq!(last.components[0].code.as_str(), "239742");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod analytics;
mod answers;
pub mod embedded;
pub mod screen;
pub mod study;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::history::analytics::{
    Changes, Gap, Headline, LeftOut, Series, Subject, headline_from, k_week_changes,
};
use crate::records::registry::Family;
use crate::records::{ContractMarketCode, CotRecord, Scope, TraderGroup, UnknownName};

pub use answers::{FRIDAY_CLOSE, Reading, Snapshot, Swing};

/// The unit of a history's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// Contracts of the current CME E-mini ($50 per index point): a $500
    /// full-size contract counts 10, a $100 mini 2. The default: it makes
    /// 1994 and 2025 comparable.
    #[default]
    EminiEquivalents,
    /// Dollars per index point (contracts × multiplier): the exposure to a
    /// one-point move.
    DollarsPerPoint,
    /// Raw contracts; only for weeks with a single contract, since contracts
    /// of different sizes cannot be added.
    Contracts,
}

impl Unit {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::EminiEquivalents => "emini-equivalents",
            Unit::DollarsPerPoint => "dollars-per-point",
            Unit::Contracts => "contracts",
        }
    }

    /// A phrase for sentences (`E-mini equivalents`, `contracts`, ...).
    pub fn phrase(self) -> &'static str {
        match self {
            Unit::EminiEquivalents => "E-mini equivalents",
            Unit::DollarsPerPoint => "dollars per index point",
            Unit::Contracts => "contracts",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Unit {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "emini-equivalents" | "emini" | "e-mini" | "emini-eq" => Ok(Unit::EminiEquivalents),
            "dollars-per-point" | "dollars" | "notional-per-point" => Ok(Unit::DollarsPerPoint),
            "contracts" | "raw" => Ok(Unit::Contracts),
            _ => Err(UnknownName(s.to_owned())),
        }
    }
}

/// What to do in weeks where two contracts of the family are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OverlapPolicy {
    /// Add them up (converted to one unit): both pools of open interest are
    /// real positions. The point is flagged as an overlap.
    #[default]
    Sum,
    /// Keep only the contract with the larger open interest that week.
    LargestOpenInterest,
}

/// One contract's contribution to a week, in raw contracts as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    /// The CFTC contract market code.
    pub code: ContractMarketCode,
    /// The market name in the file that week.
    pub market_name: String,
    /// Long contracts of the group.
    pub long: i64,
    /// Short contracts of the group.
    pub short: i64,
    /// Open interest in contracts.
    pub open_interest: i64,
    /// Dollars per index point of this contract on this date.
    #[serde(with = "rust_decimal::serde::float")]
    pub multiplier: Decimal,
    /// Whether the overlap policy left it out of the point's totals.
    pub excluded: bool,
}

impl Component {
    /// Long minus short, in contracts.
    pub fn net(&self) -> i64 {
        self.long - self.short
    }
}

/// One week of a history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    /// The as-of date.
    pub date: NaiveDate,
    /// The group's long positions, in the history's unit.
    #[serde(with = "rust_decimal::serde::float")]
    pub long: Decimal,
    /// The group's short positions.
    #[serde(with = "rust_decimal::serde::float")]
    pub short: Decimal,
    /// Long minus short (spreading is not directional and is left out).
    /// A `Decimal`: an exact sum of CFTC's positions times exact
    /// multipliers ($100 and $50 minis, $500 full size), so a history
    /// round-trips to the contract; the answers computed from it (changes,
    /// extremes, indicators) are `f64`. In JSON it is a number.
    #[serde(with = "rust_decimal::serde::float")]
    pub net: Decimal,
    /// Open interest.
    #[serde(with = "rust_decimal::serde::float")]
    pub open_interest: Decimal,
    /// The contracts reported that week, as in the files.
    pub components: Vec<Component>,
    /// More than one contract of the family was reported this week.
    pub overlap: bool,
    /// Member contracts reported both before and after this week but not in
    /// it: the total may be low.
    pub missing: Vec<ContractMarketCode>,
    /// When CFTC published the week's report (3:30 pm New York, as UTC):
    /// nobody knew the numbers before. See [`crate::records::calendar`].
    pub released: DateTime<Utc>,
    /// No source gives the publication date: `released` is estimated
    /// ([`Release::is_estimated`](crate::records::calendar::Release::is_estimated)).
    pub release_estimated: bool,
}

impl Point {
    /// Net as a percent of open interest, if open interest is not zero.
    pub fn net_percent_of_open_interest(&self) -> Option<f64> {
        if self.open_interest.is_zero() {
            return None;
        }
        (self.net / self.open_interest * Decimal::ONE_HUNDRED).to_f64()
    }

    /// The codes summed into the totals, joined with `+` (`23977A+239742`).
    pub fn codes(&self) -> String {
        self.components
            .iter()
            .filter(|c| !c.excluded)
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>()
            .join("+")
    }
}

/// One member contract of a family as it appears in a history: a code at one
/// size, from its first to its last report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSpan {
    /// The CFTC contract market code.
    pub code: ContractMarketCode,
    /// The registry's name for the contract.
    pub name: String,
    /// Dollars per index point over this span (zero when the registry does
    /// not know the contract's size: then the history is in contracts).
    #[serde(with = "rust_decimal::serde::float")]
    pub multiplier: Decimal,
    /// What a reader should know (a resize, a reused code), from the registry.
    pub note: String,
    /// The first report in the history.
    pub first: NaiveDate,
    /// The last report in the history.
    pub last: NaiveDate,
    /// Reports of it in the history.
    pub reports: usize,
    /// Points between `first` and `last` without it.
    pub weeks_missing: usize,
    /// The market names CFTC printed for it, in order of first appearance.
    pub market_names: Vec<String>,
}

impl fmt::Display for MemberSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} .. {}  {}  {}, ",
            self.first, self.last, self.code, self.name
        )?;
        if self.multiplier.is_zero() {
            f.write_str("size not in the registry (counted in contracts)")?;
        } else {
            write!(f, "${}/point", self.multiplier)?;
        }
        write!(f, ", {} reports", self.reports)?;
        if self.weeks_missing > 0 {
            write!(f, " ({} weeks without it)", self.weeks_missing)?;
        }
        if !self.note.is_empty() {
            write!(f, "; {}", self.note)?;
        }
        Ok(())
    }
}

/// One trader group's positions in one contract on one date: what a
/// [`History`] is built from (a record gives one per group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The trader group (which also tells the report).
    pub group: TraderGroup,
    /// Futures only or combined.
    pub scope: Scope,
    /// The contract market code.
    pub code: ContractMarketCode,
    /// The as-of date.
    pub date: NaiveDate,
    /// The market name printed in the file.
    pub market_name: String,
    /// The group's long contracts.
    pub long: i64,
    /// The group's short contracts.
    pub short: i64,
    /// The market's open interest in contracts.
    pub open_interest: i64,
}

/// Options for building a [`History`].
#[derive(Debug, Clone)]
pub struct HistoryBuilder {
    family: Family,
    group: TraderGroup,
    unit: Unit,
    scope: Scope,
    overlap: OverlapPolicy,
    known_at: Option<DateTime<Utc>>,
}

impl HistoryBuilder {
    /// Large speculators (legacy non-commercial), E-mini equivalents,
    /// futures only, overlaps summed.
    ///
    /// ```
    /// use cftc_cot::history::HistoryBuilder;
    /// use cftc_cot::read::{Filter, ReaderBuilder};
    /// use cftc_cot::records::registry::Family;
    /// let family = Family::russell_2000();
    /// let (records, _) = ReaderBuilder::new()
    ///     .filter(Filter::all().with_codes(family.codes()))
    ///     .from_path("data-samples/tff_futures_only.txt")?
    ///     .read_all()?;
    /// let history = HistoryBuilder::new(family).build(&records)?;
    /// assert!(history.points().iter().all(|p| p.codes() == "239742"));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn new(family: Family) -> Self {
        HistoryBuilder {
            family,
            group: TraderGroup::NonCommercial,
            unit: Unit::EminiEquivalents,
            scope: Scope::FuturesOnly,
            overlap: OverlapPolicy::Sum,
            known_at: None,
        }
    }

    /// The trader group (which also picks the report).
    ///
    /// ```
    /// use cftc_cot::history::HistoryBuilder;
    /// use cftc_cot::read::{Filter, ReaderBuilder};
    /// use cftc_cot::records::registry::Family;
    /// let family = Family::russell_2000();
    /// let (records, _) = ReaderBuilder::new()
    ///     .filter(Filter::all().with_codes(family.codes()))
    ///     .from_path("data-samples/tff_futures_only.txt")?
    ///     .read_all()?;
    /// use cftc_cot::TraderGroup;
    /// let history = HistoryBuilder::new(family).group(TraderGroup::Dealers).build(&records)?;
    /// assert_eq!(history.points().len(), 8);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn group(mut self, group: TraderGroup) -> Self {
        self.group = group;
        self
    }

    /// The unit of the values.
    ///
    /// ```
    /// use cftc_cot::history::HistoryBuilder;
    /// use cftc_cot::read::{Filter, ReaderBuilder};
    /// use cftc_cot::records::registry::Family;
    /// let family = Family::russell_2000();
    /// let (records, _) = ReaderBuilder::new()
    ///     .filter(Filter::all().with_codes(family.codes()))
    ///     .from_path("data-samples/tff_futures_only.txt")?
    ///     .read_all()?;
    /// use cftc_cot::history::Unit;
    /// let emini = HistoryBuilder::new(family.clone()).group(cftc_cot::TraderGroup::LeveragedFunds).build(&records)?;
    /// let dollars = HistoryBuilder::new(family).group(cftc_cot::TraderGroup::LeveragedFunds).unit(Unit::DollarsPerPoint).build(&records)?;
    /// // The E-mini is $50 per point: dollars are 50 times E-mini equivalents.
    /// let (a, b) = (&emini.points()[0], &dollars.points()[0]);
    /// assert_eq!(b.net, a.net * rust_decimal::Decimal::from(50));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn unit(mut self, unit: Unit) -> Self {
        self.unit = unit;
        self
    }

    /// Futures only (default) or combined; the other scope's records are
    /// ignored, never mixed in.
    ///
    /// ```
    /// use cftc_cot::history::HistoryBuilder;
    /// use cftc_cot::read::{Filter, ReaderBuilder};
    /// use cftc_cot::records::registry::Family;
    /// let family = Family::russell_2000();
    /// let (records, _) = ReaderBuilder::new()
    ///     .filter(Filter::all().with_codes(family.codes()))
    ///     .from_path("data-samples/tff_futures_only.txt")?
    ///     .read_all()?;
    /// use cftc_cot::Scope;
    /// // The sample is futures only: a combined history of it is empty.
    /// let combined = HistoryBuilder::new(family).scope(Scope::Combined).group(cftc_cot::TraderGroup::LeveragedFunds).build(&records)?;
    /// assert!(combined.points().is_empty());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn scope(mut self, scope: Scope) -> Self {
        self.scope = scope;
        self
    }

    /// What to do when two contracts are reported the same week.
    ///
    /// ```
    /// use cftc_cot::history::HistoryBuilder;
    /// use cftc_cot::read::{Filter, ReaderBuilder};
    /// use cftc_cot::records::registry::Family;
    /// let family = Family::russell_2000();
    /// let (records, _) = ReaderBuilder::new()
    ///     .filter(Filter::all().with_codes(family.codes()))
    ///     .from_path("data-samples/tff_futures_only.txt")?
    ///     .read_all()?;
    /// use cftc_cot::history::OverlapPolicy;
    /// let history = HistoryBuilder::new(family)
    ///     .group(cftc_cot::TraderGroup::LeveragedFunds)
    ///     .overlap(OverlapPolicy::LargestOpenInterest)
    ///     .build(&records)?;
    /// assert_eq!(history.points().len(), 8);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn overlap(mut self, policy: OverlapPolicy) -> Self {
        self.overlap = policy;
        self
    }

    /// Only the weeks CFTC had published by `moment` ([`crate::records::calendar`]):
    /// the history as it could be known then, every answer computed from
    /// it as on that day. `None` (the default): every week given.
    ///
    /// ```
    /// use cftc_cot::records::calendar::parse_moment;
    /// use cftc_cot::history::HistoryBuilder;
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::records::registry::Family;
    /// let (records, _) = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?.read_all()?;
    /// let builder = HistoryBuilder::new(Family::russell_2000()).group(cftc_cot::TraderGroup::LeveragedFunds);
    /// let all = builder.clone().build(&records)?;
    /// let last = all.points().last().unwrap();
    /// // A second before the last week's release, it was not known.
    /// let before = last.released - chrono::Duration::seconds(1);
    /// let then = builder.known_at(Some(before)).build(&records)?;
    /// assert_eq!(then.points().len(), all.points().len() - 1);
    /// assert!(then.points().iter().all(|p| p.released <= before));
    /// # let _ = parse_moment("2024-01-01");
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn known_at(mut self, moment: Option<DateTime<Utc>>) -> Self {
        self.known_at = moment;
        self
    }

    /// Builds the history from records (any order; records of other
    /// markets, the other report or scope are ignored). Two records of one
    /// code and date are an error: merge files first
    /// ([`merge`](crate::source::merge), [`Source`](crate::source::Source)).
    ///
    /// ```
    /// use cftc_cot::history::HistoryBuilder;
    /// use cftc_cot::read::{Filter, ReaderBuilder};
    /// use cftc_cot::records::registry::Family;
    /// let family = Family::russell_2000();
    /// let (records, _) = ReaderBuilder::new()
    ///     .filter(Filter::all().with_codes(family.codes()))
    ///     .from_path("data-samples/tff_futures_only.txt")?
    ///     .read_all()?;
    /// let history = HistoryBuilder::new(family).group(cftc_cot::TraderGroup::LeveragedFunds).build(&records)?;
    /// let first = &history.points()[0];
    /// println!("{} {} ({})", first.date, first.net, first.codes());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn build<'a>(
        &self,
        records: impl IntoIterator<Item = &'a CotRecord>,
    ) -> Result<History, Error> {
        let kind = self.group.report();
        let positions = records
            .into_iter()
            .filter(|r| {
                r.kind() == kind
                    && r.scope() == self.scope
                    && self.family.includes(r.code(), r.date())
            })
            .map(|record| {
                let (code, date) = (record.code(), record.date());
                let (Some((long, short)), Some(open_interest)) =
                    (self.group.long_short(record), record.open_interest())
                else {
                    return Err(Error::from(ErrorKind::MissingValue {
                        code,
                        date,
                        what: format!("{} long/short or open interest", self.group),
                    }));
                };
                Ok(Position {
                    group: self.group,
                    scope: record.scope(),
                    code,
                    date,
                    market_name: record.market().market_and_exchange_names.clone(),
                    long,
                    short,
                    open_interest,
                })
            });
        self.build_positions(positions)
    }

    /// Builds the history from one group's positions, such as the
    /// [embedded snapshot](crate::history::embedded)'s (positions of other groups,
    /// scopes or markets are ignored; the first error stops the build).
    ///
    /// ```
    /// use cftc_cot::history::HistoryBuilder;
    /// use cftc_cot::records::registry::Family;
    /// use cftc_cot::TraderGroup;
    /// let snapshot = cftc_cot::history::embedded::russell_2000()?;
    /// let history = HistoryBuilder::new(Family::russell_2000())
    ///     .group(TraderGroup::LeveragedFunds)
    ///     .build_positions(snapshot.positions(TraderGroup::LeveragedFunds))?;
    /// assert!(history.points().len() > 100);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn build_positions(
        &self,
        positions: impl IntoIterator<Item = Result<Position, Error>>,
    ) -> Result<History, Error> {
        let mut weeks: BTreeMap<NaiveDate, Vec<Component>> = BTreeMap::new();
        let mut seen: HashSet<(ContractMarketCode, NaiveDate)> = HashSet::new();
        let mut span: HashMap<ContractMarketCode, (NaiveDate, NaiveDate)> = HashMap::new();
        let mut members: BTreeMap<(ContractMarketCode, NaiveDate), MemberSpan> = BTreeMap::new();
        let mut name_first_seen: HashMap<(ContractMarketCode, NaiveDate, String), NaiveDate> =
            HashMap::new();
        for position in positions {
            let position = position?;
            if position.group != self.group || position.scope != self.scope {
                continue;
            }
            let (code, date) = (position.code, position.date);
            let Some(member) = self.family.member(code, date) else {
                continue;
            };
            if let Some(moment) = self.known_at
                && !crate::records::calendar::release(self.group.report(), date).known_at(moment)
            {
                continue;
            }
            if !seen.insert((code, date)) {
                return Err(Error::from(ErrorKind::DuplicateRecord { code, date }));
            }
            let Position {
                long,
                short,
                open_interest,
                ..
            } = position;
            let entry = span.entry(code).or_insert((date, date));
            entry.0 = entry.0.min(date);
            entry.1 = entry.1.max(date);
            let name = &position.market_name;
            let m = members
                .entry((code, member.from))
                .or_insert_with(|| MemberSpan {
                    code,
                    name: member.name.clone(),
                    multiplier: member.multiplier,
                    note: member.note.clone(),
                    first: date,
                    last: date,
                    reports: 0,
                    weeks_missing: 0,
                    market_names: Vec::new(),
                });
            m.first = m.first.min(date);
            m.last = m.last.max(date);
            m.reports += 1;
            // Sorted by first appearance below, whatever order rows come in.
            if !m.market_names.contains(name) {
                m.market_names.push(name.clone());
            }
            name_first_seen
                .entry((code, member.from, name.clone()))
                .and_modify(|d: &mut NaiveDate| *d = (*d).min(date))
                .or_insert(date);
            weeks.entry(date).or_default().push(Component {
                code,
                market_name: position.market_name.clone(),
                long,
                short,
                open_interest,
                multiplier: member.multiplier,
                excluded: false,
            });
        }
        let mut points = Vec::with_capacity(weeks.len());
        for (date, mut components) in weeks {
            components.sort_by_key(|c| c.code);
            let overlap = components.len() > 1;
            if overlap && self.overlap == OverlapPolicy::LargestOpenInterest {
                let keep = components
                    .iter()
                    .enumerate()
                    .max_by_key(|(_, c)| c.open_interest)
                    .map(|(i, _)| i);
                for (i, c) in components.iter_mut().enumerate() {
                    c.excluded = Some(i) != keep;
                }
            }
            let included: Vec<&Component> = components.iter().filter(|c| !c.excluded).collect();
            if self.unit == Unit::Contracts && included.len() > 1 {
                return Err(Error::from(ErrorKind::MixedContracts {
                    date,
                    codes: included.iter().map(|c| c.code).collect(),
                }));
            }
            let total = |f: fn(&Component) -> i64| -> Decimal {
                included
                    .iter()
                    .map(|c| scale(self.unit, c.multiplier, f(c)))
                    .sum()
            };
            let long = total(|c| c.long);
            let short = total(|c| c.short);
            let open_interest = total(|c| c.open_interest);
            let missing = span
                .iter()
                .filter(|(code, (first, last))| {
                    *first < date && date < *last && !components.iter().any(|c| c.code == **code)
                })
                .map(|(code, _)| *code)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let release = crate::records::calendar::release(self.group.report(), date);
            points.push(Point {
                date,
                long,
                short,
                net: long - short,
                open_interest,
                components,
                overlap,
                missing,
                released: release.published,
                release_estimated: release.is_estimated(),
            });
        }
        let mut members: Vec<MemberSpan> = members
            .into_iter()
            .map(|((code, from), mut m)| {
                m.market_names
                    .sort_by_key(|n| name_first_seen.get(&(code, from, n.clone())).copied());
                let inside = points
                    .iter()
                    .filter(|p| p.date >= m.first && p.date <= m.last)
                    .count();
                m.weeks_missing = inside.saturating_sub(m.reports);
                m
            })
            .collect();
        members.sort_by_key(|m| (m.first, m.code));
        Ok(History {
            family: self.family.name.clone(),
            group: self.group,
            unit: self.unit,
            scope: self.scope,
            points,
            members,
            source: RECORDS.into(),
        })
    }
}

/// The [`History::source`] of a history built from records the caller
/// gave.
const RECORDS: &str = "records";

fn records_source() -> String {
    RECORDS.into()
}

/// A weekly net positioning history. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// The family's name.
    pub family: String,
    /// The trader group.
    pub group: TraderGroup,
    /// The unit of every value.
    pub unit: Unit,
    /// Futures only or combined.
    pub scope: Scope,
    points: Vec<Point>,
    #[serde(default)]
    members: Vec<MemberSpan>,
    /// Where the readings came from: `records` (built from records given),
    /// `files`, `cache` or `api` (a study's source), or `snapshot cftc-cot
    /// VERSION` (the built-in snapshot, when the source could not be
    /// reached). Written into every machine output.
    #[serde(default = "records_source")]
    source: String,
}

impl History {
    /// Where the readings came from (see the field's docs): an answer from
    /// the built-in snapshot says so here, in its CSV and in its Parquet.
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// let (history, _) = Study::russell_2000()
    ///     .group(cftc_cot::TraderGroup::LeveragedFunds)
    ///     .run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// assert_eq!(history.source(), "files");
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The history, saying it came from `source`.
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let history = history.with_source("my mirror");
    /// assert_eq!(history.source(), "my mirror");
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = source.into();
        self
    }

    /// The weekly points, oldest first.
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// for p in history.points() {
    ///     println!("{} net {} long {} short {}", p.date, p.net, p.long, p.short);
    /// }
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// The point of a date.
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let first = history.points()[0].date;
    /// assert_eq!(history.at(first).map(|p| p.date), Some(first));
    /// assert!(history.at(first.succ_opt().unwrap()).is_none());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn at(&self, date: NaiveDate) -> Option<&Point> {
        self.points
            .binary_search_by_key(&date, |p| p.date)
            .ok()
            .and_then(|i| self.points.get(i))
    }

    /// The net positions as a series, for the [`analytics`], with a
    /// [break](Series::with_breaks) on every week whose contracts (and
    /// sizes) differ from the week before: the series' own k-week changes
    /// then leave those weeks out rather than compare unlike things, where
    /// [`k_week_changes`](Self::k_week_changes) counts the contracts at
    /// both ends.
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let series = history.net_series();
    /// assert_eq!(series.len(), history.points().len());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn net_series(&self) -> Series {
        let breaks = self
            .points
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if self.contract_keys(a) != self.contract_keys(b) => Some(b.date),
                _ => None,
            })
            .collect::<Vec<_>>();
        self.series(|p| p.net.to_f64()).with_breaks(breaks)
    }

    /// Net as a percent of open interest, as a series.
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let pct = history.net_percent_series();
    /// assert!(pct.values().iter().all(|v| v.abs() <= 100.0));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn net_percent_series(&self) -> Series {
        self.series(Point::net_percent_of_open_interest)
    }

    fn series(&self, f: impl Fn(&Point) -> Option<f64>) -> Series {
        // Dates are unique and sorted, and every value is finite.
        Series::from_sorted_unchecked(
            self.points
                .iter()
                .filter_map(|p| Some((p.date, f(p)?)))
                .collect(),
        )
    }

    /// The gaps between consecutive points: a missed week, or years the
    /// input files do not cover ([`Cadence::Cot`](crate::history::analytics::Cadence::Cot):
    /// more than 10 days apart, 17 before 1993).
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// // A weekly history without a missing report has no gap.
    /// println!("{:?}", history.gaps());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn gaps(&self) -> Vec<Gap> {
        self.net_series().gaps()
    }

    /// The member contracts in the history, each at one size, in order of
    /// first report: which contracts the units come from, and when they
    /// change (for the Russell 2000: NYFE, CME full size and first E-mini,
    /// ICE at $100 then $50, CME E-mini).
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// for member in history.members() {
    ///     println!("{member}");
    /// }
    /// assert!(!history.members().is_empty());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn members(&self) -> &[MemberSpan] {
        &self.members
    }

    /// The k-week changes of the net position, like with like.
    ///
    /// The readings are paired as [`k_week_changes`]
    /// pairs them (never across a missing report). When the two readings
    /// hold the same contracts (in the totals, after the overlap policy),
    /// the change is the difference of the nets. When they do not (a member
    /// missing one week, a contract entering or leaving the family, the
    /// `LargestOpenInterest` policy switching contracts), the change is
    /// computed on the contracts in the totals at both ends only and marked
    /// [`partial`](crate::history::analytics::Change::partial), so a contract entering
    /// or leaving is never presented as positioning; such a change is never a
    /// record. With no contract in common it is left out, with the reason,
    /// in [`Changes::left_out`](crate::history::analytics::Changes::left_out). In raw
    /// contracts a resized contract counts as another contract. See DESIGN.md,
    /// "Changes across contract changes".
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let changes = history.k_week_changes(2);
    /// for c in &changes.changes {
    ///     assert_eq!(c.change, c.to - c.from);
    /// }
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn k_week_changes(&self, k: u32) -> Changes {
        // The plain series: changes across contract changes are made like
        // with like below.
        let mut out = k_week_changes(&self.series(|p| p.net.to_f64()), k);
        let mut kept = Vec::with_capacity(out.changes.len());
        for mut change in std::mem::take(&mut out.changes) {
            let (Some(a), Some(b)) = (self.at(change.start), self.at(change.end)) else {
                continue;
            };
            let ka = self.contract_keys(a);
            let kb = self.contract_keys(b);
            if ka == kb {
                kept.push(change);
                continue;
            }
            let common: Vec<&(ContractMarketCode, Decimal)> =
                ka.iter().filter(|k| kb.contains(k)).collect();
            let describe = |from: &[(ContractMarketCode, Decimal)],
                            to: &[(ContractMarketCode, Decimal)],
                            verb: &str| {
                from.iter()
                    .filter(|k| !to.contains(k))
                    .map(|(code, m)| {
                        if self.unit == Unit::Contracts {
                            format!("{code} (${m}) {verb}")
                        } else {
                            format!("{code} {verb}")
                        }
                    })
                    .collect::<Vec<_>>()
            };
            let mut what = describe(&ka, &kb, "left");
            what.extend(describe(&kb, &ka, "entered"));
            let what = what.join(", ");
            if common.is_empty() {
                out.left_out.push(LeftOut {
                    start: change.start,
                    end: change.end,
                    reason: format!("no contract reported at both ends: {what}"),
                });
                continue;
            }
            let sum = |p: &Point| -> f64 {
                p.components
                    .iter()
                    .filter(|c| !c.excluded && common.contains(&&self.contract_key(c)))
                    .map(|c| self.scaled(c, c.net()))
                    .sum::<Decimal>()
                    .to_f64()
                    .unwrap_or(f64::NAN)
            };
            change.from = sum(a);
            change.to = sum(b);
            change.change = change.to - change.from;
            let on: Vec<String> = common.iter().map(|(c, _)| c.to_string()).collect();
            change.partial = Some(format!("{} only; {what}", on.join("+")));
            kept.push(change);
        }
        out.changes = kept;
        out
    }

    /// The headline of the reading on `date`, from
    /// [`k_week_changes`](Self::k_week_changes), with the history's subject.
    ///
    /// ```
    /// # use cftc_cot::history::study::Study;
    /// # use cftc_cot::read::Mode;
    /// # use cftc_cot::source::Source;
    /// # let (history, _) = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let last = history.points().last().unwrap().date;
    /// let headline = history.headline(last, 2, &history.subject()).unwrap();
    /// println!("{}", headline.sentence);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn headline(&self, date: NaiveDate, k: u32, subject: &Subject) -> Option<Headline> {
        headline_from(&self.net_series(), &self.k_week_changes(k), date, subject)
    }

    /// The contracts in a point's totals: by code, and by size too in raw
    /// contracts (where a resized contract is another contract).
    fn contract_keys(&self, p: &Point) -> Vec<(ContractMarketCode, Decimal)> {
        let mut keys: Vec<_> = p
            .components
            .iter()
            .filter(|c| !c.excluded)
            .map(|c| self.contract_key(c))
            .collect();
        keys.sort();
        keys
    }

    fn contract_key(&self, c: &Component) -> (ContractMarketCode, Decimal) {
        let size = if self.unit == Unit::Contracts {
            c.multiplier
        } else {
            Decimal::ZERO
        };
        (c.code, size)
    }

    fn scaled(&self, c: &Component, n: i64) -> Decimal {
        scale(self.unit, c.multiplier, n)
    }
}

/// `n` contracts of a contract of `multiplier` dollars per point, in `unit`.
fn scale(unit: Unit, multiplier: Decimal, n: i64) -> Decimal {
    let n = Decimal::from(n);
    match unit {
        Unit::Contracts => n,
        Unit::DollarsPerPoint => n * multiplier,
        Unit::EminiEquivalents => n * multiplier / EMINI_DOLLARS_PER_POINT,
    }
}

/// The current CME E-mini Russell 2000 and S&P 500: $50 per index point.
const EMINI_DOLLARS_PER_POINT: Decimal = Decimal::from_parts(50, 0, 0, false, 0);
