//! The main job as a library call: what to look at, named once, and the
//! whole answer.
//!
//! A [`Study`] names a market (a [`Family`] such as the Russell 2000, or the
//! single contract of any code), a trader group (which picks the report), a
//! scope, a unit, the k of the k-week changes and the window of the
//! indicators. [`Study::run`] loads the records from a [`Source`], builds
//! the [`History`] and returns a [`StudySummary`]: the snapshot at a date
//! with its headline, the largest swings with "record at the time", the most
//! bullish and bearish readings, the gaps, the contracts, and an account of
//! every input. The report serialises to JSON (every number a number) and
//! prints as text.
//!
//! ```
//! use cftc_cot::TraderGroup;
//! use cftc_cot::read::Mode;
//! use cftc_cot::source::Source;
//! use cftc_cot::history::study::Study;
//!
//! let study = Study::russell_2000().group(TraderGroup::LeveragedFunds);
//! let (history, report) = study.run(&Source::dir("data-samples"), Mode::Lenient)?;
//! assert_eq!(report.points, history.points().len());
//! let headline = report.headline.as_ref().unwrap();
//! assert!(headline.sentence.starts_with("Hedge funds in Russell 2000 futures"));
//! println!("{report}");
//! # Ok::<(), cftc_cot::Error>(())
//! ```

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::history::analytics::{Gap, LeftOut, Window, format_number};
use crate::history::{
    History, HistoryBuilder, MemberSpan, OverlapPolicy, Position, Snapshot, Swing, Unit,
};
use crate::read::{Filter, Mode, ReaderBuilder};
use crate::records::TraderGroup;
use crate::records::registry::{Contract, Family, Registry};
use crate::records::{ContractMarketCode, CotRecord, ReportKind, Scope};
use crate::source::directory::MarketMatch;
use crate::source::{Loaded, SkipReason, SkippedInput, Source};

/// What to look at. See the [module docs](self).
#[derive(Debug, Clone, PartialEq)]
pub struct Study {
    family: Family,
    /// Whether every member's dollars per point is known (from the
    /// registry); a contract found by code alone is counted in contracts.
    priced: bool,
    group: TraderGroup,
    scope: Scope,
    unit: Unit,
    weeks: u32,
    window: Window,
    overlap: OverlapPolicy,
    at: Option<NaiveDate>,
    swings: usize,
    known_at: Option<DateTime<Utc>>,
}

impl Study {
    /// A study of a family of contracts with known sizes: large speculators,
    /// futures only, E-mini equivalents, two-week changes, a three-year
    /// window, overlaps summed, the latest reading, ten swings.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::records::registry::Family;
    /// let study = Study::new(Family::sp_500());
    /// assert_eq!(study.family().name, "S&P 500");
    /// ```
    pub fn new(family: Family) -> Self {
        Study {
            family,
            priced: true,
            group: TraderGroup::NonCommercial,
            scope: Scope::FuturesOnly,
            unit: Unit::EminiEquivalents,
            weeks: 2,
            window: Window::years(3),
            overlap: OverlapPolicy::Sum,
            at: None,
            swings: 10,
            known_at: None,
        }
    }

    /// The Russell 2000 across its contract changes ([`Family::russell_2000`]).
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::TraderGroup;
    /// let study = Study::russell_2000();
    /// assert_eq!(study.trader_group(), TraderGroup::NonCommercial);
    /// assert!(study.family().codes().iter().any(|c| c.as_str() == "239742"));
    /// ```
    pub fn russell_2000() -> Self {
        Study::new(Family::russell_2000())
    }

    /// A study of what [`Source::find_market`] found: the registry's family,
    /// or the code found by its name (see [`of_code`](Self::of_code)).
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::{ReportKind, Scope, TraderGroup};
    ///
    /// let source = Source::dir("data-samples");
    /// let gold = source.find_market("gold", ReportKind::Disaggregated, Scope::FuturesOnly, Mode::Lenient)?;
    /// let (history, _) = Study::of_market(&gold)
    ///     .group(TraderGroup::ManagedMoney)
    ///     .run(&source, Mode::Lenient)?;
    /// assert!(!history.points().is_empty());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn of_market(found: &MarketMatch) -> Self {
        match (&found.family, found.codes.first()) {
            (Some(family), _) => Study::new(family.clone()),
            (None, Some(code)) => Study::of_code(*code, &found.name),
            (None, None) => Study::new(Family::new(&found.name, [])),
        }
    }

    /// The contract of one code. A code the [`Registry`] knows keeps its
    /// sizes (and can be counted in E-mini equivalents or dollars per
    /// point); any other code is one contract of unknown size, counted in
    /// contracts (the default unit then). `name` names it in output (say,
    /// the latest name CFTC printed for it).
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::history::Unit;
    /// use cftc_cot::TraderGroup;
    /// // Gold's size is not in the registry: counted in contracts.
    /// let gold = Study::of_code("088691".parse()?, "Gold").group(TraderGroup::ManagedMoney);
    /// assert!(gold.validate().is_ok());
    /// assert!(gold.clone().unit(Unit::EminiEquivalents).validate().is_err());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn of_code(code: ContractMarketCode, name: &str) -> Self {
        let registry = Registry::builtin();
        let known = registry.by_code(code);
        if known.is_empty() {
            let contract = Contract {
                code,
                name: name.to_string(),
                underlying: name.to_string(),
                exchange: String::new(),
                // Zero: the size is not known, so only contracts are counted
                // (`validate` refuses the other units).
                multiplier: rust_decimal::Decimal::ZERO,
                from: NaiveDate::MIN,
                until: None,
                aliases: Vec::new(),
                note: String::new(),
            };
            let mut study = Study::new(Family::new(name, [&contract]));
            study.priced = false;
            study.unit = Unit::Contracts;
            study
        } else {
            Study::new(Family::new(name, known))
        }
    }

    /// Another family of contracts with known sizes, the options kept.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::records::registry::Family;
    /// let study = Study::russell_2000().with_family(Family::russell_2000_with_micro());
    /// assert!(study.family().codes().iter().any(|c| c.as_str() == "239747"));
    /// ```
    pub fn with_family(mut self, family: Family) -> Self {
        self.family = family;
        self.priced = true;
        self
    }

    /// The trader group; the report follows from it
    /// ([`TraderGroup::report`]).
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::{ReportKind, TraderGroup};
    /// let study = Study::russell_2000().group(TraderGroup::LeveragedFunds);
    /// assert_eq!(study.kind(), ReportKind::Tff);
    /// ```
    pub fn group(mut self, group: TraderGroup) -> Self {
        self.group = group;
        self
    }

    /// Futures only or futures and options combined (the Supplemental
    /// report is combined only).
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::Scope;
    /// let study = Study::russell_2000().scope(Scope::Combined);
    /// assert_eq!(study.trader_scope(), Scope::Combined);
    /// ```
    pub fn scope(mut self, scope: Scope) -> Self {
        self.scope = scope;
        self
    }

    /// The unit of the values.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::history::Unit;
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// let (history, summary) = Study::russell_2000().unit(Unit::DollarsPerPoint).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// assert_eq!(summary.unit, "dollars-per-point");
    /// // Raw contracts cannot add a $500 and a $50 contract in one week.
    /// assert!(Study::russell_2000().unit(Unit::Contracts).run(&Source::dir("data-samples"), Mode::Lenient).is_err());
    /// # let _ = history;
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn unit(mut self, unit: Unit) -> Self {
        self.unit = unit;
        self
    }

    /// k, for the k-week changes (1 to 520).
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// let (_, summary) = Study::russell_2000().weeks(4).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// assert_eq!(summary.weeks, 4);
    /// assert!(Study::russell_2000().weeks(0).validate().is_err());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn weeks(mut self, k: u32) -> Self {
        self.weeks = k;
        self
    }

    /// The trailing window of the COT index, percentile and z-score.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::history::analytics::Window;
    /// let study = Study::russell_2000().window(Window::years(5));
    /// assert!(study.validate().is_ok());
    /// ```
    pub fn window(mut self, window: Window) -> Self {
        self.window = window;
        self
    }

    /// What to do when two member contracts are reported the same week.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::history::OverlapPolicy;
    /// let study = Study::russell_2000().overlap(OverlapPolicy::LargestOpenInterest);
    /// assert!(study.validate().is_ok());
    /// ```
    pub fn overlap(mut self, policy: OverlapPolicy) -> Self {
        self.overlap = policy;
        self
    }

    /// The date of the snapshot (default: the latest reading).
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::{ErrorKind, NaiveDate};
    /// let source = Source::dir("data-samples");
    /// let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    /// let (_, summary) = Study::russell_2000().at(on(2025, 2, 4)).run(&source, Mode::Lenient)?;
    /// assert_eq!(summary.headline.unwrap().date, on(2025, 2, 4).unwrap());
    /// // A date without a reading is an error that says which dates there are.
    /// let err = Study::russell_2000().at(on(2025, 2, 5)).run(&source, Mode::Lenient).unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::NoReading { .. }));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn at(mut self, date: Option<NaiveDate>) -> Self {
        self.at = date;
        self
    }

    /// Answers as they could be given at `moment`: only the weeks CFTC had
    /// published by then ([`crate::records::calendar`]), the headline, records and
    /// "most bullish since" computed as on that day. `None` (the default):
    /// everything the source holds.
    ///
    /// ```
    /// use cftc_cot::records::calendar::parse_moment;
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// let source = Source::dir("data-samples");
    /// let study = Study::russell_2000().group(cftc_cot::TraderGroup::LeveragedFunds);
    /// let (all, _) = study.clone().run(&source, Mode::Lenient)?;
    /// let last = all.points().last().unwrap();
    /// // The evening before the last week came out.
    /// let moment = last.released - chrono::Duration::hours(24);
    /// let (then, summary) = study.as_known_at(Some(moment)).run(&source, Mode::Lenient)?;
    /// assert!(then.points().last().unwrap().date < last.date);
    /// assert_eq!(summary.as_known_at, Some(moment));
    /// # let _ = parse_moment("2024-01-01");
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn as_known_at(mut self, moment: Option<DateTime<Utc>>) -> Self {
        self.known_at = moment;
        self
    }

    /// How many of the largest swings to list.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// let (_, summary) = Study::russell_2000().swings(3).run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// assert!(summary.top_swings.len() <= 3);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn swings(mut self, n: usize) -> Self {
        self.swings = n;
        self
    }

    /// The family of contracts.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// assert_eq!(Study::russell_2000().family().name, "Russell 2000");
    /// ```
    pub fn family(&self) -> &Family {
        &self.family
    }

    /// The trader group.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::TraderGroup;
    /// assert_eq!(Study::russell_2000().group(TraderGroup::Dealers).trader_group(), TraderGroup::Dealers);
    /// ```
    pub fn trader_group(&self) -> TraderGroup {
        self.group
    }

    /// The report the group belongs to.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::{ReportKind, TraderGroup};
    /// assert_eq!(Study::russell_2000().kind(), ReportKind::Legacy);
    /// assert_eq!(Study::russell_2000().group(TraderGroup::AssetManagers).kind(), ReportKind::Tff);
    /// ```
    pub fn kind(&self) -> ReportKind {
        self.group.report()
    }

    /// The scope.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::Scope;
    /// assert_eq!(Study::russell_2000().trader_scope(), Scope::FuturesOnly);
    /// ```
    pub fn trader_scope(&self) -> Scope {
        self.scope
    }

    /// Checks the study can be answered at all, before any file is read: a
    /// valid k, a scope the report has, a unit the contracts' sizes allow,
    /// a group of a report that covers this kind of market.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::{ErrorKind, TraderGroup};
    /// let err = Study::russell_2000().group(TraderGroup::ManagedMoney).validate().unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::GroupNotForMarket { .. }));
    /// ```
    pub fn validate(&self) -> Result<()> {
        let fail = |kind: ErrorKind| Err(Error::from(kind));
        if !(1..=520).contains(&self.weeks) {
            return fail(ErrorKind::OutOfRange {
                name: "k-week changes",
                value: i64::from(self.weeks),
                expected: "k from 1 to 520",
            });
        }
        let kind = self.kind();
        if kind == ReportKind::Supplemental && self.scope == Scope::FuturesOnly {
            return fail(ErrorKind::ScopeNotPublished {
                report: kind,
                scope: self.scope,
                api: false,
            });
        }
        if !self.priced && self.unit != Unit::Contracts {
            return fail(ErrorKind::UnitNeedsSize {
                market: self.family.name.clone(),
                unit: self.unit.phrase().to_string(),
            });
        }
        // The registry's contracts are financial futures, which CFTC
        // reports in the legacy and TFF reports only.
        if self.priced && matches!(kind, ReportKind::Disaggregated | ReportKind::Supplemental) {
            return fail(ErrorKind::GroupNotForMarket {
                group: self.group,
                market: self.family.name.clone(),
            });
        }
        Ok(())
    }

    /// A reader for this study's rows: only the family's codes, strict or
    /// lenient.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::read::Mode;
    /// let (records, _) = Study::russell_2000()
    ///     .reader(Mode::Strict)
    ///     .from_path("data-samples/legacy_futures_only.txt")?
    ///     .read_all()?;
    /// assert!(records.iter().all(|r| r.code().as_str() == "239742"));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn reader(&self, mode: Mode) -> ReaderBuilder {
        ReaderBuilder::new()
            .mode(mode)
            .filter(Filter::all().with_codes(self.family.codes()))
    }

    /// Loads the family's rows of the group's report and scope.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// let study = Study::russell_2000();
    /// let loaded = study.load(&Source::dir("data-samples"), Mode::Lenient)?;
    /// assert!(loaded.merged.records.iter().all(|r| study.family().codes().contains(&r.code())));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn load(&self, source: &Source, mode: Mode) -> Result<Loaded> {
        self.validate()?;
        source.load(&self.reader(mode), self.kind(), self.scope)
    }

    fn builder(&self) -> HistoryBuilder {
        HistoryBuilder::new(self.family.clone())
            .group(self.group)
            .unit(self.unit)
            .scope(self.scope)
            .overlap(self.overlap)
            .known_at(self.known_at)
    }

    /// The history from merged records (see [`HistoryBuilder::build`]).
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// let study = Study::russell_2000();
    /// let loaded = study.load(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let history = study.history(&loaded.merged.records)?;
    /// // One point per report date.
    /// let dates: std::collections::BTreeSet<_> = loaded.merged.records.iter().map(|r| r.date()).collect();
    /// assert_eq!(history.points().len(), dates.len());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn history<'a>(&self, records: impl IntoIterator<Item = &'a CotRecord>) -> Result<History> {
        self.validate()?;
        self.builder().build(records)
    }

    /// The history from positions, such as the
    /// [embedded snapshot](crate::history::embedded)'s.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// let snapshot = cftc_cot::history::embedded::russell_2000()?;
    /// let study = Study::russell_2000();
    /// let history = study.history_from_positions(snapshot.positions(study.trader_group()))?;
    /// assert!(history.points().len() > 100);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn history_from_positions(
        &self,
        positions: impl IntoIterator<Item = Result<Position>>,
    ) -> Result<History> {
        self.validate()?;
        self.builder().build_positions(positions)
    }

    /// Loads, builds and answers: the history and its report. An empty
    /// history is an [`ErrorKind::NoRows`] that says which files were there.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// let (history, summary) = Study::russell_2000().run(&Source::dir("data-samples"), Mode::Lenient)?;
    /// assert_eq!(summary.points, history.points().len());
    /// println!("{summary}");
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn run(&self, source: &Source, mode: Mode) -> Result<(History, StudySummary)> {
        // As known at a moment, the cache reads the copies current then.
        let source = source.clone().as_known_at(self.known_at);
        let loaded = self.load(&source, mode)?;
        let revisions = source.revisions_touching(&loaded, &self.family.codes());
        let history = self
            .history(&loaded.merged.records)?
            .with_source(source.kind_name());
        let provenance = Provenance {
            revisions,
            ..Provenance::from(loaded)
        };
        let report = self.summarize(&history, provenance)?;
        Ok((history, report))
    }

    /// [`run`](Self::run), and when the source cannot be reached (no
    /// network, a dead mirror, offline with nothing cached) and the family's
    /// codes are in the [embedded snapshot](crate::history::embedded), the answer
    /// from the snapshot, with a [`notice`](StudySummary::notice) that says
    /// so, what it covers and how to get fresh data. Any other error, or
    /// an unreachable source for a market the snapshot does not hold, is
    /// returned with the next steps in its text.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::download::Downloader;
    /// // Offline with an empty cache: the answer comes from the built-in
    /// // snapshot, and says so.
    /// let empty = std::env::temp_dir().join("cftc-cot-doc-run-or-embedded");
    /// let source = Source::cache(Downloader::new().cache_dir(&empty).offline(true));
    /// let (_, summary) = Study::russell_2000().run_or_embedded(&source, Mode::Lenient)?;
    /// assert!(summary.notice.unwrap().contains("snapshot"));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn run_or_embedded(&self, source: &Source, mode: Mode) -> Result<(History, StudySummary)> {
        let error = match self.run(source, mode) {
            Err(e) if e.is_unreachable() => e,
            other => return other,
        };
        let snapshot = crate::history::embedded::russell_2000()?;
        let held = Family::russell_2000_with_micro().codes();
        if !self.family.codes().iter().all(|c| held.contains(c)) {
            return Err(error);
        }
        let history = self
            .history_from_positions(snapshot.positions(self.group))?
            .with_source(format!("snapshot cftc-cot {}", env!("CARGO_PKG_VERSION")));
        let covered: Vec<String> = snapshot
            .coverage()
            .iter()
            .filter(|c| c.kind == self.kind() && c.scope == self.scope)
            .map(|c| format!("{} to {}", c.first, c.last))
            .collect();
        let steps = if source.kind_name() == "api" {
            API_NEXT_STEPS
        } else {
            NEXT_STEPS
        };
        let notice = format!(
            "No fresh data ({}): answering from the snapshot built into cftc-cot {} ({} {}, {}; \
             the years of CFTC's files it was made from). {steps}.",
            short(&error),
            env!("CARGO_PKG_VERSION"),
            self.kind(),
            self.scope,
            if covered.is_empty() {
                "nothing".to_string()
            } else {
                covered.join(", ")
            }
        );
        let provenance = Provenance {
            source: format!("embedded snapshot (cftc-cot {})", env!("CARGO_PKG_VERSION")),
            notice: Some(notice),
            ..Provenance::default()
        };
        let report = self.summarize(&history, provenance)?;
        Ok((history, report))
    }

    /// Answers from a history built elsewhere: the snapshot at the study's
    /// date (or the latest), the swings, the extremes, the gaps.
    ///
    /// ```
    /// use cftc_cot::history::study::Study;
    /// use cftc_cot::history::study::Provenance;
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// let study = Study::russell_2000();
    /// let loaded = study.load(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let history = study.history(&loaded.merged.records)?;
    /// let summary = study.summarize(&history, Provenance::from(loaded))?;
    /// assert_eq!(summary.points, history.points().len());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn summarize(&self, history: &History, provenance: Provenance) -> Result<StudySummary> {
        let Some(last) = history.points().last().map(|p| p.date) else {
            return Err(self.nothing_found(&provenance));
        };
        let date = match self.at {
            Some(d) if history.at(d).is_none() => {
                return Err(Error::from(ErrorKind::NoReading {
                    market: self.family.name.clone(),
                    date: d,
                    first: history.points().first().map_or(last, |p| p.date),
                    last,
                }));
            }
            Some(d) => d,
            None => last,
        };
        let changes = history.k_week_changes(self.weeks);
        Ok(StudySummary {
            notice: provenance.notice,
            as_known_at: self.known_at,
            vintages: provenance.vintages,
            revisions: provenance.revisions,
            family: self.family.name.clone(),
            codes: self.family.codes().iter().map(|c| c.to_string()).collect(),
            group: self.group.to_string(),
            report: self.kind().to_string(),
            unit: self.unit.to_string(),
            scope: self.scope.to_string(),
            weeks: self.weeks,
            first_date: history.points().first().map(|p| p.date),
            last_date: Some(last),
            points: history.points().len(),
            source: provenance.source,
            files_read: provenance.files_read,
            archives_not_available: provenance.not_available,
            files_skipped: provenance.skipped.len(),
            skipped_files: provenance.skipped,
            rows_skipped: provenance.rows_skipped,
            skipped_rows: provenance.skipped_rows,
            warnings: provenance.warnings,
            records_replaced: provenance.records_replaced,
            contracts: history.members().to_vec(),
            headline: history.snapshot(date, self.weeks, self.window),
            top_swings: history.top_swings(self.weeks, self.swings),
            partial_changes: changes
                .changes
                .iter()
                .filter(|c| c.partial.is_some())
                .count(),
            changes_left_out: changes.left_out,
            most_bullish: history.most_bullish(),
            most_bearish: history.most_bearish(),
            gaps: history.gaps(),
            weeks_missing_a_contract: history
                .points()
                .iter()
                .filter(|p| !p.missing.is_empty())
                .count(),
        })
    }

    /// Why a history came out empty, with what was there instead.
    fn nothing_found(&self, p: &Provenance) -> Error {
        let other_files = if p.files_read == 0 {
            p.skipped
                .iter()
                .filter_map(|s| match &s.reason {
                    SkipReason::OtherReport { kind, scope } => Some(format!("{kind} {scope}")),
                    SkipReason::OtherReportWorkbook { kind } => Some(format!("{kind} (Excel)")),
                    _ => None,
                })
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect()
        } else {
            Vec::new()
        };
        Error::from(ErrorKind::NoRows {
            market: self.family.name.clone(),
            codes: self.family.codes().to_vec(),
            group: self.group,
            scope: self.scope,
            searched: p.source.clone(),
            files_read: p.files_read,
            other_files,
            rows_skipped: p.rows_skipped,
        })
    }
}

/// What to do when CFTC's API cannot be reached.
pub const API_NEXT_STEPS: &str = "For fresh data: run again when CFTC's API can be reached; or \
set CFTC_COT_API_URL to a mirror of it; or read CFTC's archives, or its files from a directory, \
instead";

/// What to do when CFTC cannot be reached.
pub const NEXT_STEPS: &str = "For fresh data: run again when CFTC's site can be reached; or set \
CFTC_COT_BASE_URL to a mirror of its history archives; or read CFTC's files (text, zip or Excel) \
from a directory";

/// Why the source could not answer, in a few words: the server's host
/// rather than the whole URL (an API query's URL alone would fill the
/// sentence), then what went wrong.
fn short(error: &Error) -> String {
    fn host(url: &str) -> &str {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        rest.split('/').next().unwrap_or(rest)
    }
    let text = match error.kind() {
        ErrorKind::Network { url, source } => format!("{}: {source}", host(url)),
        ErrorKind::Timeout { url, phase } => format!("{}: timed out {phase}", host(url)),
        ErrorKind::HttpStatus { url, status } => format!("{}: HTTP status {status}", host(url)),
        ErrorKind::NotTried { url, earlier } => format!("{}: {earlier}", host(url)),
        _ => error.to_string(),
    };
    let first = text.split(". ").next().unwrap_or(&text);
    if first.chars().count() > 240 {
        let cut: String = first.chars().take(237).collect();
        format!("{cut}...")
    } else {
        first.to_string()
    }
}

/// Where a study's records came from, for its report.
#[derive(Debug, Default)]
pub struct Provenance {
    /// The source, as text.
    pub source: String,
    /// Which copy of each cached archive was read, for an answer as known
    /// at a moment ([`Loaded::vintages`]).
    pub vintages: Vec<String>,
    /// Archives whose latest copy revised this market's rows
    /// ([`Source::revisions_touching`]).
    pub revisions: Vec<String>,
    /// Files (or archives) read.
    pub files_read: usize,
    /// Inputs left out, and why.
    pub skipped: Vec<SkippedInput>,
    /// Bad rows skipped by a lenient reader.
    pub rows_skipped: u64,
    /// The first bad rows skipped (at most 20 per input), each as its
    /// error: file, row, market, column and what is wrong.
    pub skipped_rows: Vec<String>,
    /// Records replaced by a newer file's.
    pub records_replaced: usize,
    /// Archives the server does not have.
    pub not_available: Vec<String>,
    /// What the readers doubted (a header that disagrees with its layout),
    /// each with its file.
    pub warnings: Vec<String>,
    /// A line the reader must see first (for example: answered from the
    /// embedded snapshot, and how to get fresh data).
    pub notice: Option<String>,
}

impl From<Loaded> for Provenance {
    fn from(loaded: Loaded) -> Self {
        Provenance {
            warnings: loaded
                .read
                .iter()
                .flat_map(|r| r.summary.warnings.iter().cloned())
                .collect(),
            files_read: loaded.read.len(),
            rows_skipped: loaded.rows_skipped(),
            skipped_rows: loaded
                .read
                .iter()
                .flat_map(|r| r.summary.errors.iter().map(Error::to_string))
                .collect(),
            records_replaced: loaded.merged.replaced,
            source: loaded.source,
            skipped: loaded.skipped,
            not_available: loaded.not_available,
            vintages: loaded.vintages,
            revisions: Vec::new(),
            notice: None,
        }
    }
}

/// A study's answer. Serialises to the JSON object the main job prints
/// (`--json`); `Display` prints it as text.
#[derive(Debug, Serialize)]
pub struct StudySummary {
    /// A line to read first, if any: the data come from the embedded
    /// snapshot, or what a market name matched. Always present in JSON
    /// (`null` when there is none), so every report has the same keys.
    pub notice: Option<String>,
    /// The moment the answer is given as of ([`Study::as_known_at`]):
    /// only what CFTC had published by then. `null` for everything.
    pub as_known_at: Option<DateTime<Utc>>,
    /// Which copy of each cached archive the answer read, when it is given
    /// as known at a moment (empty otherwise, and for files and the API).
    pub vintages: Vec<String>,
    /// Archives whose latest copy CFTC revised in this market's rows: what
    /// changed since the copy before (empty when nothing did, or only one
    /// copy is held).
    pub revisions: Vec<String>,
    /// The family's name.
    pub family: String,
    /// Its codes.
    pub codes: Vec<String>,
    /// The trader group.
    pub group: String,
    /// The report.
    pub report: String,
    /// The unit.
    pub unit: String,
    /// The scope.
    pub scope: String,
    /// k of the k-week changes.
    pub weeks: u32,
    /// The first reading.
    pub first_date: Option<NaiveDate>,
    /// The last reading.
    pub last_date: Option<NaiveDate>,
    /// Weekly readings.
    pub points: usize,
    /// Where the records came from.
    pub source: String,
    /// Files read.
    pub files_read: usize,
    /// Archives the server does not have.
    pub archives_not_available: Vec<String>,
    /// Inputs left out.
    pub files_skipped: usize,
    /// Each input left out, with the reason.
    pub skipped_files: Vec<SkippedInput>,
    /// Bad rows skipped: they are not in the history.
    pub rows_skipped: u64,
    /// The first bad rows skipped (at most 20 per input), each as its
    /// error.
    pub skipped_rows: Vec<String>,
    /// What the readers doubted: a header that names columns otherwise than
    /// the layout reads them (lenient mode; strict mode refuses the file).
    pub warnings: Vec<String>,
    /// Records replaced by a newer file's.
    pub records_replaced: usize,
    /// The contracts the history is made of, each at one size.
    pub contracts: Vec<MemberSpan>,
    /// The reading at the date asked for (or the latest).
    pub headline: Option<Snapshot>,
    /// The largest k-week swings, each with "record at the time".
    pub top_swings: Vec<Swing>,
    /// k-week changes with no contract at both ends.
    pub changes_left_out: Vec<LeftOut>,
    /// k-week changes computed on part of the contracts.
    pub partial_changes: usize,
    /// The highest reading.
    pub most_bullish: Option<crate::history::Reading>,
    /// The lowest reading.
    pub most_bearish: Option<crate::history::Reading>,
    /// Gaps in coverage.
    pub gaps: Vec<Gap>,
    /// Weeks without a member reported before and after them.
    pub weeks_missing_a_contract: usize,
}

/// A number with thousands separators and its sign.
fn signed(v: f64) -> String {
    let s = format_number(v);
    if v < 0.0 { format!("-{s}") } else { s }
}

fn optional(v: Option<f64>, digits: usize) -> String {
    v.map_or("-".to_owned(), |v| format!("{v:.digits$}"))
}

impl fmt::Display for StudySummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let weeks = self.weeks;
        if let Some(notice) = &self.notice {
            writeln!(f, "{notice}")?;
            writeln!(f)?;
        }
        for w in &self.warnings {
            writeln!(f, "warning: {w}")?;
        }
        if let Some(moment) = self.as_known_at {
            writeln!(
                f,
                "As known at {}: only the reports CFTC had published by then.",
                crate::records::calendar::new_york(moment)
            )?;
            for v in &self.vintages {
                writeln!(f, "  read {v}")?;
            }
        }
        for r in &self.revisions {
            writeln!(f, "{r}")?;
        }
        let unit: Unit = self.unit.parse().unwrap_or_default();
        writeln!(
            f,
            "{} futures, {}, {}, in {}",
            self.family,
            self.group,
            self.scope.replace('-', " "),
            unit.phrase()
        )?;
        if let (Some(a), Some(b)) = (self.first_date, self.last_date) {
            writeln!(
                f,
                "{} weekly readings from {a} to {b}; {} files read, {} skipped, {} duplicate rows replaced",
                self.points, self.files_read, self.files_skipped, self.records_replaced
            )?;
        }
        if !self.contracts.is_empty() {
            writeln!(f)?;
            writeln!(f, "Contracts in this history, each at one size:")?;
            for m in &self.contracts {
                writeln!(f, "  {m}")?;
            }
        }
        if let Some(h) = &self.headline {
            writeln!(f)?;
            writeln!(f, "{}", h.sentence)?;
            writeln!(
                f,
                "  {}{}: net {} ({}){}",
                h.date,
                h.released
                    .map(|r| format!(
                        " (published {}{})",
                        crate::records::calendar::new_york(r),
                        if h.release_estimated {
                            ", estimated"
                        } else {
                            ""
                        }
                    ))
                    .unwrap_or_default(),
                signed(h.net),
                h.components,
                h.change
                    .map(|c| format!(", {weeks}-week change {}", signed(c)))
                    .unwrap_or_default()
            )?;
            writeln!(
                f,
                "  net {}% of open interest; over 3 years: COT index {}, percentile {}, z-score {}",
                optional(h.net_percent_of_open_interest, 1),
                optional(h.cot_index_3y, 0),
                optional(h.percentile_3y, 0),
                optional(h.z_score_3y, 2)
            )?;
            if h.window_days != Window::years(3).length_days() {
                writeln!(
                    f,
                    "  over {} weeks: COT index {}, percentile {}, z-score {}",
                    h.window_days / 7,
                    optional(h.standing.cot_index, 0),
                    optional(h.standing.percentile, 0),
                    optional(h.standing.z_score, 2)
                )?;
            }
        }
        writeln!(f)?;
        writeln!(f, "Largest {weeks}-week swings in the data:")?;
        for s in &self.top_swings {
            let mut notes = Vec::new();
            if s.record_at_the_time
                && let Some(since) = s.compared_since
            {
                notes.push(format!("record at the time (since at least {since})"));
            }
            if let Some(p) = &s.partial {
                notes.push(format!("on {p}"));
            }
            writeln!(
                f,
                "  {} -> {}  {:>12}  ({} -> {}){}",
                s.start,
                s.end,
                signed(s.change),
                signed(s.from),
                signed(s.to),
                if notes.is_empty() {
                    String::new()
                } else {
                    format!("  {}", notes.join("; "))
                }
            )?;
        }
        if self.partial_changes > 0 || !self.changes_left_out.is_empty() {
            writeln!(
                f,
                "{} {weeks}-week changes counted only the contracts reported at both ends; {} were left out (no contract at both ends)",
                self.partial_changes,
                self.changes_left_out.len()
            )?;
        }
        if let Some(b) = &self.most_bullish {
            writeln!(f)?;
            writeln!(
                f,
                "Most bullish in the data: {} on {}",
                signed(b.net),
                b.date
            )?;
        }
        if let Some(b) = &self.most_bearish {
            writeln!(
                f,
                "Most bearish in the data: {} on {}",
                signed(b.net),
                b.date
            )?;
        }
        if !self.gaps.is_empty() {
            writeln!(f)?;
            writeln!(f, "Gaps in coverage:")?;
            for g in &self.gaps {
                writeln!(
                    f,
                    "  {} .. {}: about {} weekly reports missing",
                    g.after, g.before, g.missing_weeks
                )?;
            }
        }
        if self.weeks_missing_a_contract > 0 {
            writeln!(
                f,
                "{} weeks lack a contract reported before and after them",
                self.weeks_missing_a_contract
            )?;
        }
        if !self.archives_not_available.is_empty() {
            writeln!(
                f,
                "{} archives not on the server: {}",
                self.archives_not_available.len(),
                self.archives_not_available.join(", ")
            )?;
        }
        if self.rows_skipped > 0 {
            writeln!(
                f,
                "{} unreadable rows of these markets were skipped",
                self.rows_skipped
            )?;
        }
        write_skipped(f, &self.skipped_files)
    }
}

/// The skipped inputs: files of other reports counted per report (with a
/// few names), every other skip named with its reason.
pub fn write_skipped(f: &mut impl fmt::Write, skipped: &[SkippedInput]) -> fmt::Result {
    if skipped.is_empty() {
        return Ok(());
    }
    writeln!(f)?;
    writeln!(f, "Files skipped ({}):", skipped.len())?;
    let mut other: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for s in skipped {
        let group = match &s.reason {
            SkipReason::OtherReportWorkbook { kind } => format!("{kind} Excel"),
            SkipReason::OtherReport { kind, scope } => format!("{kind} {scope}"),
            _ => {
                writeln!(f, "  {s}")?;
                continue;
            }
        };
        let name = s.path.file_name().map_or_else(
            || s.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        other.entry(group).or_default().push(name);
    }
    for (what, names) in other {
        let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
        let more = names.len().saturating_sub(shown.len());
        writeln!(
            f,
            "  {} {what} files (another report or scope): {}{}",
            names.len(),
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        )?;
    }
    Ok(())
}
