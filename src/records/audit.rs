//! Checks across weeks: what the files say about contract sizes.
//!
//! A row is checked on its own by [`check`](crate::records::check). Two facts only
//! show across rows, and both decide what a history is worth:
//!
//! - **Is the registry's multiplier the one in the files?** [`units`]
//!   compares, for every contract the [`Registry`] knows, the multiplier
//!   CFTC prints in `Contract Units` with the registry's for that date, and
//!   returns one [`UnitsRun`] per code, contract span and units text.
//! - **Did a contract change size?** [`size_changes`] finds the reports in
//!   which a market's open interest and its position categories all jump by
//!   one whole factor (each contract became two, or five became one), and
//!   the reports in which the units text
//!   states another multiplier; each [`SizeChange`] carries the units text
//!   before and after.
//!
//! ICE's halving of its Russell 2000 mini shows in both: on 2016-12-06 the
//! TFF combined open interest went from 356,806 to 694,546 and the units
//! text from `$100.00` to `$50`.
//!
//! ```
//! use cftc_cot::records::audit;
//! use cftc_cot::read::ReaderBuilder;
//! use cftc_cot::records::registry::Registry;
//!
//! let (records, _) = ReaderBuilder::new()
//!     .from_path("data-samples/tff_futures_only.txt")?
//!     .read_all()?;
//! // The samples are synthetic: their units text agrees with the registry.
//! for run in audit::units(&Registry::builtin(), &records) {
//!     assert!(run.agrees(), "{run}");
//! }
//! assert!(audit::size_changes(&records).is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::records::registry::{Registry, units_multiplier};
use crate::records::schema::Role;
use crate::records::{ContractMarketCode, CotRecord, ReportKind, Scope};

/// The rows of one code that share a registry contract and a units text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitsRun {
    /// The CFTC contract market code.
    pub code: ContractMarketCode,
    /// The registry's contract on these dates, by name; `None` when the
    /// registry has the code but no contract covering these dates.
    pub contract: Option<String>,
    /// The `Contract Units` text, trimmed.
    pub units: String,
    /// The multiplier the text states ([`units_multiplier`]).
    pub stated: Option<Decimal>,
    /// The registry's multiplier on these dates.
    pub registry: Option<Decimal>,
    /// The first as-of date of these rows.
    pub first: NaiveDate,
    /// The last as-of date.
    pub last: NaiveDate,
    /// Distinct as-of dates (a date read from several reports or scopes
    /// counts once).
    pub weeks: usize,
}

impl UnitsRun {
    /// Whether the text states the registry's multiplier.
    pub fn agrees(&self) -> bool {
        self.stated.is_some() && self.stated == self.registry
    }
}

impl fmt::Display for UnitsRun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let money = |v: Option<Decimal>| v.map_or("none".to_owned(), |v| format!("${v}"));
        write!(
            f,
            "{} {} .. {} ({} reports): units {:?} state {}, the registry ({}) has {}",
            self.code,
            self.first,
            self.last,
            self.weeks,
            self.units,
            money(self.stated),
            self.contract
                .as_deref()
                .unwrap_or("no contract on these dates"),
            money(self.registry),
        )
    }
}

/// Compares the multiplier in every row's units text with the registry's,
/// for the codes the registry knows (other rows are ignored). One run per
/// code, registry contract span and units text, ordered by code and date.
pub fn units<'a>(
    registry: &Registry,
    records: impl IntoIterator<Item = &'a CotRecord>,
) -> Vec<UnitsRun> {
    type Key = (ContractMarketCode, Option<NaiveDate>, String);
    let mut runs: BTreeMap<Key, (UnitsRun, std::collections::BTreeSet<NaiveDate>)> =
        BTreeMap::new();
    for record in records {
        let code = record.code();
        if registry.by_code(code).is_empty() {
            continue;
        }
        let date = record.date();
        let contract = registry.contract(code, date);
        let units = record.market().contract_units.trim().to_owned();
        let key = (code, contract.map(|c| c.from), units.clone());
        let entry = runs.entry(key).or_insert_with(|| {
            (
                UnitsRun {
                    code,
                    contract: contract.map(|c| c.name.clone()),
                    stated: units_multiplier(&units),
                    registry: contract.map(|c| c.multiplier),
                    units,
                    first: date,
                    last: date,
                    weeks: 0,
                },
                Default::default(),
            )
        });
        entry.0.first = entry.0.first.min(date);
        entry.0.last = entry.0.last.max(date);
        entry.1.insert(date);
    }
    let mut out: Vec<UnitsRun> = runs
        .into_values()
        .map(|(mut run, dates)| {
            run.weeks = dates.len();
            run
        })
        .collect();
    out.sort_by_key(|r| (r.code, r.first));
    out
}

/// What shows that a contract changed size between two reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Open interest and the position categories jumped by the factor
    /// (only between adjacent reports; see [`size_changes`]).
    pub positions: bool,
    /// The units text states another multiplier.
    pub units: bool,
}

/// A report in which a market's contract changed size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SizeChange {
    /// The CFTC contract market code.
    pub code: ContractMarketCode,
    /// The market name in the later report.
    pub market_name: String,
    /// The report the rows come from.
    pub kind: ReportKind,
    /// Futures only or combined.
    pub scope: Scope,
    /// The earlier report's date.
    pub before: NaiveDate,
    /// The later report's date.
    pub after: NaiveDate,
    /// Contracts after per contract before: 2 when each contract became two
    /// (the multiplier halved), 0.5 when two became one. From the positions
    /// when they show it, otherwise from the units text.
    pub factor: Decimal,
    /// Open interest before and after.
    pub open_interest: (i64, i64),
    /// The units text before.
    pub units_before: String,
    /// The units text after.
    pub units_after: String,
    /// What shows it.
    pub evidence: Evidence,
}

impl fmt::Display for SizeChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shows = Vec::new();
        if self.evidence.positions {
            shows.push("open interest and positions");
        }
        if self.evidence.units {
            shows.push("units text");
        }
        write!(
            f,
            "{} {} ({} {}): {} -> {}, x{} by {}; open interest {} -> {}; units {:?} -> {:?}",
            self.code,
            self.market_name,
            self.kind,
            self.scope,
            self.before,
            self.after,
            self.factor,
            shows.join(" and "),
            self.open_interest.0,
            self.open_interest.1,
            self.units_before,
            self.units_after,
        )
    }
}

/// Two reports further apart than this are not adjacent: a jump across a
/// gap in the files is not evidence of a resize. 17 days admits the
/// semi-monthly reports of the 1980s.
const MAX_ADJACENT_DAYS: i64 = 17;
/// How close open interest must come to a whole factor (5%).
const FACTOR_TOLERANCE: f64 = 0.05;
/// How close each reportable figure must come to the factor (35%: a week
/// of trading passes between two reports, and traders who cross the
/// reporting level join the reportable categories).
const CATEGORY_TOLERANCE: f64 = 0.35;
/// Reportable figures smaller than this share of open interest are noise.
const MATERIAL_SHARE: f64 = 0.02;

/// The reports in which a market's contract changed size, by the positions
/// and by the units text; every report kind and scope is looked at on its
/// own, every code in the records (the registry is not needed). O(n log n).
///
/// A size change by the positions: adjacent reports (at most 17 days apart)
/// whose open interest changes by a whole factor f of at least 2 (or 1/f)
/// within 5%; every reportable long, short and spread figure of at least 2%
/// of open interest moving by f within 35%; the nonreportable figures moving
/// the same way but by no more than f (+35%; after a split, small traders
/// cross the reporting level, which is counted in contracts); and the number
/// of traders changing by less than half. That is what ICE's halving of its
/// Russell mini looks like (2016-12-06: open interest x1.95, traders 277 ->
/// 360) and what a market's growth, or one trader doubling a position, does
/// not.
pub fn size_changes<'a>(records: impl IntoIterator<Item = &'a CotRecord>) -> Vec<SizeChange> {
    let mut series: BTreeMap<(ReportKind, Scope, ContractMarketCode), Vec<&CotRecord>> =
        BTreeMap::new();
    for record in records {
        series
            .entry((record.kind(), record.scope(), record.code()))
            .or_default()
            .push(record);
    }
    let mut out = Vec::new();
    for ((kind, scope, code), mut rows) in series {
        rows.sort_by_key(|r| r.date());
        rows.dedup_by_key(|r| r.date());
        for pair in rows.windows(2) {
            let [a, b] = pair else { continue };
            let adjacent = (b.date() - a.date()).num_days() <= MAX_ADJACENT_DAYS;
            let by_positions = if adjacent {
                position_factor(a, b)
            } else {
                None
            };
            let units_a = a.market().contract_units.trim();
            let units_b = b.market().contract_units.trim();
            let by_units = match (units_multiplier(units_a), units_multiplier(units_b)) {
                (Some(x), Some(y)) if x != y && !y.is_zero() => Some((x / y).normalize()),
                _ => None,
            };
            let Some(factor) = by_positions.or(by_units) else {
                continue;
            };
            out.push(SizeChange {
                code,
                market_name: b.market().market_and_exchange_names.clone(),
                kind,
                scope,
                before: a.date(),
                after: b.date(),
                factor,
                open_interest: (
                    a.open_interest().unwrap_or_default(),
                    b.open_interest().unwrap_or_default(),
                ),
                units_before: units_a.to_owned(),
                units_after: units_b.to_owned(),
                evidence: Evidence {
                    positions: by_positions.is_some(),
                    units: by_units.is_some(),
                },
            });
        }
    }
    out.sort_by_key(|c| (c.after, c.code));
    out
}

/// The whole factor by which every position moved from `a` to `b`, if they
/// did as a split moves them.
fn position_factor(a: &CotRecord, b: &CotRecord) -> Option<Decimal> {
    let (oi_a, oi_b) = (a.open_interest()?, b.open_interest()?);
    if oi_a <= 0 || oi_b <= 0 {
        return None;
    }
    let ratio = oi_b as f64 / oi_a as f64;
    let (whole, factor) = if ratio >= 1.0 {
        let n = ratio.round();
        (n, n)
    } else {
        let n = (1.0 / ratio).round();
        (n, 1.0 / n)
    };
    if whole < 2.0 || (ratio / factor - 1.0).abs() > FACTOR_TOLERANCE {
        return None;
    }
    let (reportable_a, nonreportable_a) = positions(a);
    let (reportable_b, nonreportable_b) = positions(b);
    let material = MATERIAL_SHARE * oi_a as f64;
    let near = |x: i64, y: i64| ((y as f64 / x as f64) / factor - 1.0).abs() <= CATEGORY_TOLERANCE;
    let mut compared = 0;
    for (x, y) in reportable_a.iter().zip(&reportable_b) {
        let (Some(x), Some(y)) = (*x, *y) else {
            continue;
        };
        if (x as f64) < material {
            continue;
        }
        if !near(x, y) {
            return None;
        }
        compared += 1;
    }
    if compared < 2 {
        return None;
    }
    for (x, y) in nonreportable_a.iter().zip(&nonreportable_b) {
        let (Some(x), Some(y)) = (*x, *y) else {
            continue;
        };
        if (x as f64) < material {
            continue;
        }
        let r = y as f64 / x as f64;
        let (low, high) = if factor > 1.0 {
            (1.0, factor * (1.0 + CATEGORY_TOLERANCE))
        } else {
            (factor * (1.0 - CATEGORY_TOLERANCE), 1.0)
        };
        if !(low..=high).contains(&r) {
            return None;
        }
    }
    let (ta, tb) = (traders(a)?, traders(b)?);
    if ta <= 0 || !(2.0 / 3.0..=1.5).contains(&(tb as f64 / ta as f64)) {
        return None;
    }
    let whole = Decimal::from(whole as i64);
    Some(if ratio >= 1.0 {
        whole
    } else {
        (Decimal::ONE / whole).normalize()
    })
}

/// The reportable long, short and spread figures of a row's All positions,
/// and its nonreportable long and short, by the report's description.
fn positions(record: &CotRecord) -> (Vec<Option<i64>>, [Option<i64>; 2]) {
    let schema = record.kind().schema();
    let values = record.position_columns();
    let mut reportable = Vec::new();
    let mut nonreportable = [None, None];
    let mut at = 1;
    for c in schema.categories {
        let figures = values.get(at..at + c.width()).unwrap_or_default();
        match c.role {
            Role::Reportable => reportable.extend_from_slice(figures),
            Role::Nonreportable => {
                nonreportable = [
                    figures.first().copied().flatten(),
                    figures.get(1).copied().flatten(),
                ]
            }
            Role::TotalReportable => {}
        }
        at += c.width();
    }
    (reportable, nonreportable)
}

fn traders(record: &CotRecord) -> Option<i64> {
    match record {
        CotRecord::Legacy(r) => r.all.traders.total.map(i64::from),
        CotRecord::Tff(r) => r.traders.total.map(i64::from),
        CotRecord::Disaggregated(r) => r.all.traders.total.map(i64::from),
        CotRecord::Supplemental(r) => r.traders.total.map(i64::from),
    }
}
