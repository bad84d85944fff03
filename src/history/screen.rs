//! A screen of every market: which markets are at an extreme this week?
//!
//! For every market of a report with a reading on one date (the latest in
//! the data, or another), one trader group's net position in contracts,
//! its k-week change and whether that is a record, how far back it is the
//! most bullish or bearish, the COT index, percentile and z-score over a
//! window, and net as a percent of open interest — the same figures as a
//! [`Snapshot`](crate::history::Snapshot), for every market at once.
//!
//! ```
//! use cftc_cot::read::ReaderBuilder;
//! use cftc_cot::history::screen::{ScreenOptions, screen};
//! use cftc_cot::ReportKind;
//!
//! let (records, _) = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?.read_all()?;
//! let rows = screen(&records, &ScreenOptions::new(ReportKind::Tff))?;
//! assert!(!rows.is_empty());
//! for row in &rows {
//!     println!("{} {}: net {} (COT index {:?})", row.code, row.name, row.net, row.standing.cot_index);
//! }
//! # Ok::<(), cftc_cot::Error>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, ExportProblem, Result};
use crate::history::Unit;
use crate::history::analytics::{Extent, Standing, Window, format_number};
use crate::history::study::Study;
use crate::read::ReaderBuilder;
use crate::records::TraderGroup;
use crate::records::{ContractMarketCode, CotRecord, ReportKind, Scope};
use crate::source::directory::Directory;
use crate::source::merge::Merged;
use crate::source::{Loaded, Source};

/// What to screen. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreenOptions {
    /// The report.
    pub report: ReportKind,
    /// The trader group (default: legacy non-commercial, TFF leveraged
    /// funds, Disaggregated managed money, Supplemental index traders).
    pub group: TraderGroup,
    /// Futures only (default) or combined; the Supplemental report is
    /// combined only.
    pub scope: Scope,
    /// The date (default: the latest in the data for this report).
    pub at: Option<NaiveDate>,
    /// k, for the k-week change.
    pub weeks: u32,
    /// The window of the indicators.
    pub window: Window,
    /// For [`screen_source`]: about how many rows to hold at once (the
    /// markets are read in groups of about this many rows).
    pub rows_per_pass: u64,
    /// Screen as it could be done at this moment: only the reports CFTC
    /// had published by then ([`crate::records::calendar`]); the default date is
    /// the latest of those. `None`: everything.
    #[serde(default)]
    pub as_known_at: Option<DateTime<Utc>>,
}

impl ScreenOptions {
    /// The default group of a report, futures only (combined for the
    /// Supplemental report), the latest date, two-week changes, three years.
    ///
    /// ```
    /// use cftc_cot::history::screen::ScreenOptions;
    /// use cftc_cot::{ReportKind, Scope, TraderGroup};
    /// let options = ScreenOptions::new(ReportKind::Disaggregated);
    /// assert_eq!(options.group, TraderGroup::ManagedMoney);
    /// assert_eq!(options.scope, Scope::FuturesOnly);
    /// assert_eq!(ScreenOptions::new(ReportKind::Supplemental).scope, Scope::Combined);
    /// ```
    pub fn new(report: ReportKind) -> Self {
        let group = match report {
            ReportKind::Legacy => TraderGroup::NonCommercial,
            ReportKind::Tff => TraderGroup::LeveragedFunds,
            ReportKind::Disaggregated => TraderGroup::ManagedMoney,
            ReportKind::Supplemental => TraderGroup::IndexTraders,
        };
        let scope = if report == ReportKind::Supplemental {
            Scope::Combined
        } else {
            Scope::FuturesOnly
        };
        ScreenOptions {
            report,
            group,
            scope,
            at: None,
            weeks: 2,
            window: Window::years(3),
            rows_per_pass: ROWS_PER_PASS,
            as_known_at: None,
        }
    }
}

/// One market in a screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenRow {
    /// The contract market code.
    pub code: ContractMarketCode,
    /// The market's name on the date, as CFTC printed it.
    pub name: String,
    /// The date.
    pub date: NaiveDate,
    /// When CFTC published the reading ([`crate::records::calendar`]).
    pub released: Option<DateTime<Utc>>,
    /// The trader group.
    pub group: TraderGroup,
    /// Net position, in contracts (an `f64` like every computed answer;
    /// see [`Snapshot::net`](crate::history::Snapshot::net)).
    pub net: f64,
    /// The k-week change, in contracts.
    pub change: Option<f64>,
    /// k.
    pub weeks: u32,
    /// The change is a record rise (never across a gap, with a year of
    /// earlier changes to beat).
    pub record_increase: bool,
    /// The change is a record fall.
    pub record_decrease: bool,
    /// How far back it is the highest reading, as a phrase ("in 3 years").
    pub most_bullish: String,
    /// How far back it is the highest, in whole years.
    pub most_bullish_years: u32,
    /// How far back it is the lowest reading, as a phrase.
    pub most_bearish: String,
    /// How far back it is the lowest, in whole years.
    pub most_bearish_years: u32,
    /// The COT index, percentile and z-score in the window.
    #[serde(flatten)]
    pub standing: Standing,
    /// Net as a percent of open interest.
    pub net_percent_of_open_interest: Option<f64>,
    /// Weekly readings of the market.
    pub points: usize,
    /// The headline.
    pub sentence: String,
}

impl ScreenRow {
    /// At the top or bottom of its window: COT index within `margin`
    /// points of 100 or 0.
    ///
    /// ```
    /// use cftc_cot::history::screen::{ScreenOptions, screen};
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::ReportKind;
    /// let (records, _) = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?.read_all()?;
    /// let rows = screen(&records, &ScreenOptions::new(ReportKind::Tff))?;
    /// // Within 5 points of the top or bottom of the window.
    /// for row in rows.iter().filter(|r| r.at_extreme(5.0)) {
    ///     assert!(row.standing.cot_index.is_some_and(|i| i >= 95.0 || i <= 5.0));
    /// }
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn at_extreme(&self, margin: f64) -> bool {
        self.standing
            .cot_index
            .is_some_and(|i| i >= 100.0 - margin || i <= margin)
    }

    /// A record rise or fall this week.
    ///
    /// ```
    /// use cftc_cot::history::screen::{ScreenOptions, screen};
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::ReportKind;
    /// let (records, _) = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?.read_all()?;
    /// let rows = screen(&records, &ScreenOptions::new(ReportKind::Tff))?;
    /// for row in rows.iter().filter(|r| r.is_record()) {
    ///     assert!(row.record_increase || row.record_decrease);
    /// }
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn is_record(&self) -> bool {
        self.record_increase || self.record_decrease
    }
}

fn years(extent: &Extent) -> u32 {
    extent.weeks() / 52
}

/// Writes a screen as CSV: a header, then one line per row, with the
/// columns of [`ScreenRow`]'s JSON in the same order (the standing's
/// `cot_index`, `percentile` and `z_score` in place).
///
/// ```
/// use cftc_cot::history::screen::{ScreenOptions, screen, write_csv};
/// use cftc_cot::read::ReaderBuilder;
/// use cftc_cot::ReportKind;
/// let (records, _) = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?.read_all()?;
/// let rows = screen(&records, &ScreenOptions::new(ReportKind::Tff))?;
/// let mut out = Vec::new();
/// write_csv(&rows, &mut out)?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("code,name,date,released,group,net,change,weeks,"));
/// assert_eq!(text.lines().count(), rows.len() + 1);
/// # Ok::<(), cftc_cot::Error>(())
/// ```
pub fn write_csv(rows: &[ScreenRow], out: impl std::io::Write) -> Result<()> {
    /// The row flat: CSV has no nested columns.
    #[derive(Serialize)]
    struct Flat<'a> {
        code: &'a ContractMarketCode,
        name: &'a str,
        date: NaiveDate,
        released: Option<String>,
        group: TraderGroup,
        net: f64,
        change: Option<f64>,
        weeks: u32,
        record_increase: bool,
        record_decrease: bool,
        most_bullish: &'a str,
        most_bullish_years: u32,
        most_bearish: &'a str,
        most_bearish_years: u32,
        cot_index: Option<f64>,
        percentile: Option<f64>,
        z_score: Option<f64>,
        net_percent_of_open_interest: Option<f64>,
        points: usize,
        sentence: &'a str,
    }
    let failed = |e: csv::Error| {
        Error::from(ErrorKind::Export {
            problem: ExportProblem::Writer(Box::new(e)),
        })
    };
    let mut w = csv::Writer::from_writer(out);
    for r in rows {
        w.serialize(Flat {
            code: &r.code,
            name: &r.name,
            date: r.date,
            released: r.released.map(|t| t.to_rfc3339()),
            group: r.group,
            net: r.net,
            change: r.change,
            weeks: r.weeks,
            record_increase: r.record_increase,
            record_decrease: r.record_decrease,
            most_bullish: &r.most_bullish,
            most_bullish_years: r.most_bullish_years,
            most_bearish: &r.most_bearish,
            most_bearish_years: r.most_bearish_years,
            cot_index: r.standing.cot_index,
            percentile: r.standing.percentile,
            z_score: r.standing.z_score,
            net_percent_of_open_interest: r.net_percent_of_open_interest,
            points: r.points,
            sentence: &r.sentence,
        })
        .map_err(failed)?;
    }
    w.flush().map_err(|e| failed(e.into()))
}

/// Screens every market of `options.report` with a reading on the date.
/// Records of other reports and scopes are ignored; merge files first
/// (two records of one code and date are an error). Rows are sorted by the
/// size of the z-score, largest first (markets without one last, by code).
///
/// ```
/// use cftc_cot::history::screen::{ScreenOptions, screen};
/// use cftc_cot::read::ReaderBuilder;
/// use cftc_cot::ReportKind;
/// let (records, _) = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?.read_all()?;
/// use cftc_cot::TraderGroup;
/// let rows = screen(&records, &ScreenOptions::new(ReportKind::Tff))?;
/// assert_eq!(rows.len(), 2);
/// assert!(rows.iter().all(|r| r.group == TraderGroup::LeveragedFunds));
/// // A group of another report is refused.
/// let mut wrong = ScreenOptions::new(ReportKind::Tff);
/// wrong.group = TraderGroup::ManagedMoney;
/// assert!(screen(&records, &wrong).is_err());
/// # Ok::<(), cftc_cot::Error>(())
/// ```
pub fn screen(records: &[CotRecord], options: &ScreenOptions) -> Result<Vec<ScreenRow>> {
    check_group(options)?;
    let by_code = by_code(records, options);
    let Some(date) = options.at.or_else(|| {
        by_code
            .values()
            .flat_map(|rs| rs.iter().map(|r| r.date()))
            .max()
    }) else {
        return Ok(Vec::new());
    };
    let dates = by_code.values().flat_map(|rs| rs.iter().map(|r| r.date()));
    let (first, last) = (dates.clone().min(), dates.clone().max());
    let (mut rows, reported) = rows_at(by_code, date, options)?;
    // A date asked for that no market reported on is an error, not an
    // empty screen with a blank date.
    if options.at.is_some()
        && !reported
        && let (Some(first), Some(last)) = (first, last)
    {
        return Err(no_reading(options, date, first, last));
    }
    sort(&mut rows);
    Ok(rows)
}

/// About how many rows [`screen_source`] holds at once by default. A
/// pass holds its records about three times over for a moment (each
/// file's batch, the merge, its growth), some 6 KB per legacy row: about
/// 300-400 MB, whatever the length of the history.
pub const ROWS_PER_PASS: u64 = 50_000;

/// What [`screen_source`] found.
#[derive(Debug)]
pub struct Screened {
    /// One row per market, as [`screen`] orders them.
    pub rows: Vec<ScreenRow>,
    /// What was read, over every pass: each input once, with its records
    /// and skipped rows summed over the passes (its merged records left
    /// empty: they were screened pass by pass).
    pub loaded: Loaded,
    /// How many times the inputs were read (one per group of markets).
    pub passes: usize,
}

/// [`screen`] over a source without holding the whole report: the
/// markets of the report and scope are taken from the source's
/// [`Directory`] (its index, when it has one), read in groups of about
/// [`ScreenOptions::rows_per_pass`] rows with a code filter (the prefilter
/// drops the other rows before parsing), and screened group by group. The
/// rows are those of [`screen`] over every record; memory holds one group.
/// A source of the API, or a builder that already filters codes, is read
/// once.
///
/// ```
/// use cftc_cot::history::screen::{ScreenOptions, screen, screen_source};
/// use cftc_cot::read::ReaderBuilder;
/// use cftc_cot::source::Source;
/// use cftc_cot::{ReportKind, Scope};
/// let source = Source::dir("data-samples").no_index();
/// let builder = ReaderBuilder::new().lenient();
/// let mut options = ScreenOptions::new(ReportKind::Disaggregated);
/// options.rows_per_pass = 1; // a market at a time
/// let screened = screen_source(&source, &builder, &options)?;
/// assert!(screened.passes > 1);
/// let all = source.load(&builder, ReportKind::Disaggregated, Scope::FuturesOnly)?;
/// assert_eq!(screened.rows, screen(&all.merged.records, &options)?);
/// # Ok::<(), cftc_cot::Error>(())
/// ```
pub fn screen_source(
    source: &Source,
    builder: &ReaderBuilder,
    options: &ScreenOptions,
) -> Result<Screened> {
    check_group(options)?;
    // As known at a moment, the cache reads the copies current then.
    let source = &source.clone().as_known_at(options.as_known_at);
    let (report, scope) = (options.report, options.scope);
    if source.kind_name() == "api" || builder.get_filter().code_list().is_some() {
        let mut loaded = source.load(builder, report, scope)?;
        let rows = screen(&loaded.merged.records, options)?;
        loaded.merged = Merged::default();
        return Ok(Screened {
            rows,
            loaded,
            passes: 1,
        });
    }
    source.prepare(report, scope)?;
    // Which markets, and how many rows each: lenient, as a bad row of
    // another report's file is no concern of this screen (the passes read
    // this report's files in the builder's mode).
    let (directory, _) = Directory::from_source(source, crate::read::Mode::Lenient)?;
    let markets: Vec<(ContractMarketCode, u64, NaiveDate, NaiveDate)> = directory
        .markets()
        .into_iter()
        .filter_map(|m| {
            let a = m
                .appearances
                .iter()
                .find(|a| a.report == report && a.scope == scope)?;
            Some((m.code, a.rows, a.first_date, a.last_date))
        })
        .collect();
    let first = markets.iter().map(|m| m.2).min();
    let last = markets.iter().map(|m| m.3).max();
    // As known at a moment, the latest date out then is found pass by
    // pass: each pass screens its own latest, and only the rows of the
    // latest of all are kept (a pass whose latest is earlier has no market
    // with a reading on it).
    let latest_known = options.as_known_at.is_some() && options.at.is_none();
    let date = options.at.or(last);
    let mut groups: Vec<Vec<ContractMarketCode>> = Vec::new();
    let mut held = u64::MAX;
    for (code, rows, ..) in &markets {
        if held.saturating_add(*rows) > options.rows_per_pass.max(1) {
            groups.push(Vec::new());
            held = 0;
        }
        held = held.saturating_add(*rows);
        if let Some(group) = groups.last_mut() {
            group.push(*code);
        }
    }
    let mut total: Option<Loaded> = None;
    let mut rows = Vec::new();
    let mut reported = false;
    let passes = groups.len().max(1);
    for group in groups {
        let filter = builder.get_filter().clone().with_codes(group);
        let mut loaded = source.load(&builder.clone().filter(filter), report, scope)?;
        let by_code = by_code(&loaded.merged.records, options);
        let date = if latest_known {
            by_code.values().flatten().map(|r| r.date()).max()
        } else {
            date
        };
        if let Some(date) = date {
            let (found, any) = rows_at(by_code, date, options)?;
            rows.extend(found);
            reported |= any;
        }
        loaded.merged = Merged::default();
        total = Some(match total {
            None => loaded,
            Some(t) => add_pass(t, loaded),
        });
    }
    let loaded = match total {
        Some(t) => t,
        None => source.load(
            &builder
                .clone()
                .filter(builder.get_filter().clone().with_codes([])),
            report,
            scope,
        )?,
    };
    if let (Some(date), true, false, Some(first), Some(last)) =
        (date, options.at.is_some(), reported, first, last)
    {
        return Err(no_reading(options, date, first, last));
    }
    if latest_known && let Some(latest) = rows.iter().map(|r| r.date).max() {
        rows.retain(|r| r.date == latest);
    }
    sort(&mut rows);
    Ok(Screened {
        rows,
        loaded,
        passes,
    })
}

/// One pass's accounting added to the others': each input once.
fn add_pass(mut total: Loaded, pass: Loaded) -> Loaded {
    for read in pass.read {
        match total.read.iter_mut().find(|r| r.path == read.path) {
            Some(t) => {
                let (s, p) = (&mut t.summary, read.summary);
                s.records += p.records;
                s.skipped += p.skipped;
                s.filtered_out = s.rows.saturating_sub(s.records + s.skipped);
                for e in p.errors {
                    if s.errors.len() < 10 {
                        s.errors.push(e);
                    }
                }
                for w in p.warnings {
                    if !s.warnings.contains(&w) {
                        s.warnings.push(w);
                    }
                }
                t.last_date = t.last_date.max(read.last_date);
            }
            None => total.read.push(read),
        }
    }
    total.conflicting.extend(pass.conflicting);
    total
}

fn check_group(options: &ScreenOptions) -> Result<()> {
    if options.group.report() != options.report {
        return Err(Error::from(ErrorKind::GroupNotInReport {
            group: options.group,
            report: options.report,
        }));
    }
    Ok(())
}

fn no_reading(
    options: &ScreenOptions,
    date: NaiveDate,
    first: NaiveDate,
    last: NaiveDate,
) -> Error {
    Error::from(ErrorKind::NoReading {
        market: format!("{} {}", options.report, options.scope),
        date,
        first,
        last,
    })
}

/// The records of the report and scope, by market.
fn by_code<'a>(
    records: &'a [CotRecord],
    options: &ScreenOptions,
) -> BTreeMap<ContractMarketCode, Vec<&'a CotRecord>> {
    let mut by_code: BTreeMap<ContractMarketCode, Vec<&CotRecord>> = BTreeMap::new();
    // Whether each date's report was out at the moment asked, once a date.
    let mut known: BTreeMap<NaiveDate, bool> = BTreeMap::new();
    for r in records {
        if r.kind() != options.report || r.scope() != options.scope {
            continue;
        }
        if let Some(moment) = options.as_known_at {
            let out = *known.entry(r.date()).or_insert_with(|| {
                crate::records::calendar::release(options.report, r.date()).known_at(moment)
            });
            if !out {
                continue;
            }
        }
        by_code.entry(r.code()).or_default().push(r);
    }
    by_code
}

/// The row of every market with a reading on `date`, and whether any
/// market reported on it.
fn rows_at(
    by_code: BTreeMap<ContractMarketCode, Vec<&CotRecord>>,
    date: NaiveDate,
    options: &ScreenOptions,
) -> Result<(Vec<ScreenRow>, bool)> {
    let mut rows = Vec::new();
    let mut reported = false;
    for (code, market) in by_code {
        let Some(today) = market.iter().find(|r| r.date() == date) else {
            continue;
        };
        reported = true;
        let name = today.market().market_and_exchange_names.clone();
        let study = Study::of_code(code, &name)
            .group(options.group)
            .scope(options.scope)
            .unit(Unit::Contracts)
            .weeks(options.weeks)
            .window(options.window);
        let history = match study.history(market.iter().copied()) {
            Ok(h) => h,
            // A market whose row lacks the group's figures (`.`) on some
            // date cannot be screened; it is left out, not guessed.
            Err(e) if matches!(e.kind(), ErrorKind::MissingValue { .. }) => continue,
            Err(e) => return Err(e),
        };
        let Some(s) = history.snapshot(date, options.weeks, options.window) else {
            continue;
        };
        rows.push(ScreenRow {
            code,
            name,
            date,
            released: s.released,
            group: options.group,
            net: s.net,
            change: s.change,
            weeks: options.weeks,
            record_increase: s.record_increase,
            record_decrease: s.record_decrease,
            most_bullish: s.bullish_extent.claim(),
            most_bullish_years: years(&s.bullish_extent),
            most_bearish: s.bearish_extent.claim(),
            most_bearish_years: years(&s.bearish_extent),
            standing: s.standing,
            net_percent_of_open_interest: s.net_percent_of_open_interest,
            points: history.points().len(),
            sentence: s.sentence,
        });
    }
    Ok((rows, reported))
}

/// Largest z-score first (by size), then by code; markets without one last.
fn sort(rows: &mut [ScreenRow]) {
    rows.sort_by(|a, b| {
        let key = |r: &ScreenRow| r.standing.z_score.map(f64::abs);
        match (key(a), key(b)) {
            (Some(x), Some(y)) => y.total_cmp(&x).then(a.code.cmp(&b.code)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.code.cmp(&b.code),
        }
    });
}

/// A screen as a table, one line per market.
pub struct Table<'a>(pub &'a [ScreenRow]);

impl fmt::Display for Table<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let signed = |v: f64| {
            let s = format_number(v);
            if v < 0.0 { format!("-{s}") } else { s }
        };
        let opt = |v: Option<f64>, d: usize| v.map_or("-".to_owned(), |v| format!("{v:.d$}"));
        writeln!(
            f,
            "{:<6}  {:<40}  {:>11}  {:>10}  {:>5}  {:>5}  {:>6}  {:>6}  notes",
            "code", "market", "net", "change", "index", "pctl", "z", "% OI"
        )?;
        for r in self.0 {
            let mut notes = Vec::new();
            if r.record_increase {
                notes.push(format!("record {}-week rise", r.weeks));
            }
            if r.record_decrease {
                notes.push(format!("record {}-week fall", r.weeks));
            }
            if r.most_bullish_years >= 1 {
                notes.push(format!("most bullish {}", r.most_bullish));
            } else if r.most_bearish_years >= 1 {
                notes.push(format!("most bearish {}", r.most_bearish));
            }
            let name: String = r
                .name
                .split(" - ")
                .next()
                .unwrap_or("")
                .chars()
                .take(40)
                .collect();
            writeln!(
                f,
                "{:<6}  {:<40}  {:>11}  {:>10}  {:>5}  {:>5}  {:>6}  {:>6}  {}",
                r.code,
                name,
                signed(r.net),
                r.change.map_or("-".into(), signed),
                opt(r.standing.cot_index, 0),
                opt(r.standing.percentile, 0),
                opt(r.standing.z_score, 2),
                opt(r.net_percent_of_open_interest, 1),
                notes.join("; ")
            )?;
        }
        Ok(())
    }
}
