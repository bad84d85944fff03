//! Exact, fast, typed readers for the CFTC Commitments of Traders (COT) reports.
//!
//! Every Friday the U.S. Commodity Futures Trading Commission publishes who
//! holds what in the U.S. futures markets, as of the Tuesday before. This
//! crate reads the files it publishes — the **legacy** report (commercial,
//! non-commercial, nonreportable), the **Traders in Financial Futures**
//! (TFF) report (dealers, asset managers, leveraged funds, other
//! reportables), the **Disaggregated** report of physical commodities
//! (producer/merchant, swap dealers, managed money, other reportables) and
//! the **Supplemental** report (commodity index traders), futures-only or
//! futures-and-options combined, every vintage since 1986 — into typed
//! records with every column, exactly as written.
//!
//! # A guided tour
//!
//! Data flows one way, and the modules follow it:
//!
//! | step | module | what |
//! |---|---|---|
//! | bytes → records | [`read`] | text, zip or Excel in, [`CotRecord`]s out, streaming, filtered |
//! | layouts | [`schema`] | one [`ReportSchema`](schema::ReportSchema) per report: columns, categories, blocks |
//! | records | [`records`] | the typed rows: [`LegacyRecord`], [`TffRecord`], [`DisaggregatedRecord`](records::DisaggregatedRecord), [`SupplementalRecord`](records::SupplementalRecord), [`ContractMarketCode`] |
//! | records → checks | [`check`] | CFTC's accounting identities on each row |
//! | files → records | [`source`] | a list of files, a directory or the cache; every input accounted for |
//! | records → history | [`merge`] | several files, one sorted history, newest wins |
//! | records → bytes | [`write`](mod@write) | back to CFTC's text layouts (round trip) |
//! | contracts | [`registry`] | codes, dates, multipliers; families such as the Russell 2000 |
//! | records → audit | [`audit`] | the registry against the units text; contract size changes |
//! | records → series | [`history`] | weekly net positions of a trader group, across contract changes |
//! | series → answers | [`analytics`] | swings, records, extremes, COT index, headlines |
//! | the main job | [`study`] | a market, a group, a scope, a unit: the whole answer |
//! | files → markets | [`directory`] | every code with the names CFTC printed for it, searchable |
//! | records → screen | [`screen`] | every market of a report at once: extremes and records this week |
//! | no network | [`embedded`] | a Russell 2000 snapshot built into the crate |
//! | history → picture | `chart` (feature `chart`) | an SVG of a history: records, extremes, gaps, contracts, COT index |
//! | records → Parquet | `export` (feature `parquet`) | Arrow record batches and Parquet files with exact types |
//! | the internet → cache | `download` (feature `download`, on by default) | CFTC's archives, cached offline-first |
//!
//! ## Read a file
//!
//! [`ReaderBuilder::from_path`](read::ReaderBuilder::from_path) takes a text
//! file, an Excel workbook or a zip archive as CFTC publishes it (`deacot2024.zip`,
//! `fut_fin_txt_2024.zip`, `fut_disagg_txt_2024.zip`, ...). The report kind
//! and layout are recognised from the first row; the scope comes from the
//! TFF and Disaggregated rows, is combined for the Supplemental report and,
//! for legacy files, comes from CFTC's file names.
//!
//! ```
//! use cftc_cot::read::ReaderBuilder;
//! use cftc_cot::{CotRecord, ReportKind};
//!
//! let reader = ReaderBuilder::new().from_path("data-samples/legacy_futures_only.txt")?;
//! assert_eq!(reader.kind(), ReportKind::Legacy);
//! for record in reader {
//!     let record = record?;
//!     if let CotRecord::Legacy(r) = &record {
//!         let nc = r.all.positions.noncommercial;
//!         println!("{} {}: large speculators {:?} long, {:?} short",
//!             r.date, r.market.contract_name(), nc.long, nc.short);
//!     }
//! }
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! ## Pull one market out, cheaply
//!
//! A [`Filter`](read::Filter) rejects other markets from their raw bytes,
//! before the typed parse:
//!
//! ```
//! use cftc_cot::read::{Filter, ReaderBuilder};
//! let (records, report) = ReaderBuilder::new()
//!     .filter(Filter::codes(["239742"])?)
//!     .from_path("data-samples/tff_futures_only.txt")?
//!     .read_all()?;
//! assert!(records.iter().all(|r| r.code().as_str() == "239742"));
//! assert_eq!(report.rows, report.records + report.filtered_out);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Bad rows
//!
//! Strict mode (the default) stops at the first bad row with an [`Error`]
//! that names the file, zip member, line, column and raw value. Lenient mode
//! skips bad rows and counts them in the [`ReadReport`](read::ReadReport), so
//! one odd row never silently loses a year:
//!
//! ```
//! use cftc_cot::read::ReaderBuilder;
//! let text = "\"Market_and_Exchange_Names\",\"x\"\n";
//! let err = ReaderBuilder::new().from_reader(text.as_bytes(), "odd.txt").unwrap_err();
//! assert!(err.to_string().starts_with("odd.txt"));
//! ```
//!
//! ## Load many files
//!
//! A [`Source`](source::Source) — a list of files, a directory, or the
//! download cache — reads every input of one report and scope with one
//! [`ReaderBuilder`](read::ReaderBuilder), merges them into one history
//! sorted by date (one record per code, date, report and scope; the newer
//! file wins) and names every input it left out, with the reason.
//!
//! # Cookbook
//!
//! ### The whole answer for a market, in a few lines
//!
//! ```
//! use cftc_cot::TraderGroup;
//! use cftc_cot::read::Mode;
//! use cftc_cot::source::Source;
//! use cftc_cot::history::study::Study;
//!
//! // Every legacy futures-only file under a directory, merged; the
//! // Russell 2000 across its contract changes; large speculators.
//! let study = Study::russell_2000().group(TraderGroup::NonCommercial);
//! let (history, report) = study.run(&Source::dir("data-samples"), Mode::Lenient)?;
//! for point in history.points() {
//!     println!("{} {} ({})", point.date, point.net, point.codes());
//! }
//! println!("{}", report.headline.unwrap().sentence);
//! // Every file left out is named, with the reason.
//! for skipped in &report.skipped_files {
//!     println!("{skipped}");
//! }
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! ### Managed money in gold, week by week
//!
//! ```
//! use cftc_cot::history::{HistoryBuilder, Unit};
//! use cftc_cot::TraderGroup;
//! use cftc_cot::read::{Filter, ReaderBuilder};
//! use cftc_cot::records::registry::{Family, Registry};
//!
//! // COMEX gold is not in the built-in registry: add it (100 troy ounces).
//! let mut registry = Registry::builtin();
//! registry.insert(cftc_cot::records::registry::Contract {
//!     code: "088691".parse()?,
//!     name: "COMEX gold".into(),
//!     underlying: "Gold".into(),
//!     exchange: "COMEX".into(),
//!     multiplier: 100.into(),
//!     from: chrono::NaiveDate::from_ymd_opt(1974, 12, 31).unwrap(),
//!     until: None,
//!     aliases: vec!["GOLD - COMMODITY EXCHANGE INC.".into()],
//!     note: String::new(),
//! });
//! let gold = Family::new("Gold", registry.search("gold"));
//! let (records, _) = ReaderBuilder::new()
//!     .filter(Filter::all().with_codes(gold.codes()))
//!     .from_path("data-samples/disaggregated_f_year.txt")? // or fut_disagg_txt_2024.zip
//!     .read_all()?;
//! let history = HistoryBuilder::new(gold)
//!     .group(TraderGroup::ManagedMoney)
//!     .unit(Unit::Contracts)
//!     .build(&records)?;
//! for point in history.points() {
//!     println!("{} managed money net {} contracts", point.date, point.net);
//! }
//! assert_eq!(history.points().len(), 8);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ### Commodity index traders in wheat
//!
//! ```
//! use cftc_cot::CotRecord;
//! use cftc_cot::read::{Filter, ReaderBuilder};
//!
//! let reader = ReaderBuilder::new()
//!     .filter(Filter::codes(["001602"])?)
//!     .from_path("data-samples/supplemental_annualci.txt")?; // or dea_cit_txt_2024.zip
//! for record in reader {
//!     if let CotRecord::Supplemental(r) = record? {
//!         let cit = r.positions.index_traders;
//!         println!("{}: index traders {:?} long, {:?} short", r.date, cit.long, cit.short);
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ### The biggest two-week swings, and whether each was a record then
//!
//! ```
//! use cftc_cot::history::analytics::{Series, k_week_changes, largest_swings, record_flags};
//! # let series = Series::from_csv_reader(
//! #     "2025-01-07,-30000\n2025-01-14,-41000\n2025-01-21,-12000\n2025-01-28,25000\n".as_bytes(), "s")?;
//! let changes = k_week_changes(&series, 2);
//! // A record rise beats every earlier change back to where the data begin
//! // or resume after a gap, and needs a year of changes to beat.
//! let flags = record_flags(&changes);
//! for swing in largest_swings(&changes.changes, 10) {
//!     let at = changes.changes.iter().position(|c| c.end == swing.end).unwrap();
//!     println!("{} -> {}: {:+} (record then: {})", swing.start, swing.end, swing.change,
//!         flags[at].record_increase || flags[at].record_decrease);
//! }
//! assert!(changes.gaps.is_empty(), "no missing report was bridged");
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! ### Changes across contract changes, like with like
//!
//! ```
//! use cftc_cot::history::HistoryBuilder;
//! use cftc_cot::TraderGroup;
//! use cftc_cot::read::{Filter, ReaderBuilder};
//! use cftc_cot::records::registry::Family;
//!
//! let family = Family::russell_2000();
//! let (records, _) = ReaderBuilder::new()
//!     .filter(Filter::all().with_codes(family.codes()))
//!     .from_path("data-samples/legacy_futures_only.txt")?
//!     .read_all()?;
//! let history = HistoryBuilder::new(family).group(TraderGroup::NonCommercial).build(&records)?;
//! // A change whose two weeks hold different contracts counts only the
//! // contracts at both ends, and says so; it is never a record.
//! for change in history.k_week_changes(2).changes {
//!     if let Some(what) = &change.partial {
//!         println!("{} -> {}: {:+} on {what}", change.start, change.end, change.change);
//!     }
//! }
//! // Which contracts, at which size, the history is made of.
//! for member in history.members() {
//!     println!("{member}");
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ### "The most bullish in N years"
//!
//! ```
//! use cftc_cot::history::analytics::{Cadence, Series, extremes};
//! # let series = Series::from_csv_reader(
//! #     "2019-03-05,30000\n2020-03-03,10000\n2025-03-11,25000\n".as_bytes(), "s")?;
//! // Yearly readings: a reading missing means more than 400 days apart.
//! let series = series.with_cadence(Cadence::MaxDays(400));
//! let latest = *extremes(&series).last().unwrap();
//! // 2020 to 2025 has a gap, so the claim stops where the data resume...
//! assert_eq!(latest.bullish_span().claim(),
//!     "since at least 2025-03-11, when the data resume after a gap from 2020-03-03");
//! // ...and with no gap, 25,000 is the highest since 2019's 30,000.
//! let series = series.with_cadence(Cadence::MaxDays(3000));
//! let latest = *extremes(&series).last().unwrap();
//! assert_eq!(latest.bullish_span().claim(), "in 6 years");
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! ### COT index, percentile and z-score over three years
//!
//! ```
//! use cftc_cot::history::analytics::{Series, Window, cot_index, percentile_rank, z_score};
//! # let series = Series::from_csv_reader("2025-01-07,1\n2025-01-14,5\n2025-01-21,3\n".as_bytes(), "s")?;
//! let w = Window::years(3);
//! let (index, pct, z) = (cot_index(&series, w), percentile_rank(&series, w), z_score(&series, w));
//! println!("COT index {:?}, percentile {:?}, z {:?}", index.last(), pct.last(), z.last());
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! ### Rows that do not add up
//!
//! ```
//! use cftc_cot::{read::ReaderBuilder, records::check};
//! for record in ReaderBuilder::new().from_path("data-samples/tff_combined_FinComYY.txt")? {
//!     let record = record?;
//!     for failure in check::check(&record) {
//!         println!("{} {}: {failure}", record.date(), record.code());
//!     }
//! }
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! ## Examples
//!
//! - `cargo run --release --example russell2000` — the main job: the Russell
//!   2000 history and what it says now (downloads on first use).
//! - `cargo run --release --example extremes -- FILE.csv` — the same analysis
//!   for any `date,value` series.
//! - `cargo run --release --example inspect -- PATH...` — summarises files.
//! - `cargo run --release --example download` — fills the cache.
//! - `cargo run --example make_samples` — regenerates `data-samples/`.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(feature = "api")]
pub mod api;
mod error;
pub mod export;
pub mod history;
#[cfg(feature = "download")]
mod http;
pub mod read;
pub mod records;
pub mod source;

pub use error::{Cause, Column, Error, ErrorKind, FieldProblem, Location, Result};

/// The `chrono` crate, whose `NaiveDate` is every date in this API:
/// `cftc_cot::chrono::NaiveDate` works without adding `chrono` to your
/// `Cargo.toml` (add it yourself, version 0.4, to name more of its types).
pub use chrono;
/// Every date in this API.
pub use chrono::NaiveDate;
pub use records::{
    ContractMarketCode, CotRecord, DisaggregatedRecord, LegacyRecord, Market, RecordKey,
    ReportKind, Scope, SupplementalRecord, TffRecord, TraderGroup,
};
/// The `rust_decimal` crate, whose `Decimal` holds every exact figure.
pub use rust_decimal;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
