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
//! Data flows one way, and the six modules follow it (each uses only the
//! ones above it in this table):
//!
//! | step | module | what |
//! |---|---|---|
//! | records | [`records`] | the typed rows ([`LegacyRecord`], [`TffRecord`], [`DisaggregatedRecord`], [`SupplementalRecord`]), their [`schema`](records::schema), CFTC's identities ([`check`](records::check)), the contract [`registry`](records::registry) and its [`audit`](records::audit), the release [`calendar`](records::calendar) (when CFTC published each report) |
//! | bytes → records | [`read`] | text, zip or Excel in, [`CotRecord`]s out, streaming, filtered; the [`codec`](read::codec) between rows and records; [`inspect`](read::inspect) |
//! | CFTC's API → records | `api` (feature `api`) | the public-reporting API as a second source, cached |
//! | inputs → records | [`source`] | files, a directory, the [download](source::download) cache or the API, merged; the market [`directory`](source::directory) and [`Source::find_market`](source::Source::find_market); [`reconcile`](source::reconcile) two sources |
//! | records → answers | [`history`] | weekly net positions across contract changes; [`analytics`](history::analytics) (swings, records, extremes, COT index); the whole answer ([`study`](history::study)); every market at once ([`screen`](history::screen)); the [`embedded`](history::embedded) snapshot |
//! | answers → files | [`export`] | back to CFTC's text ([`write`](export::write)), SVG charts (feature `chart`), Parquet (feature `parquet`) |
//!
//! Errors are one [`Error`] with its [`ErrorKind`]. The [`tutorial`] goes
//! step by step; the [`cookbook`] has recipes.
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
//! skips bad rows and counts them in the [`ReadSummary`](read::ReadSummary), so
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
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

#[cfg(feature = "api")]
#[cfg_attr(docsrs, doc(cfg(feature = "api")))]
pub mod api;
mod atomic;
pub mod cookbook;
mod error;
pub mod export;
pub mod history;
#[cfg(feature = "download")]
mod http;
pub mod read;
pub mod records;
pub mod source;
pub mod tutorial;

pub use error::{
    ApiProblem, BoxError, Cause, ChartProblem, Column, Error, ErrorKind, ExcelProblem,
    ExportProblem, FieldProblem, LayoutProblem, Location, NotText, Result, SeriesProblem,
    TimeoutPhase, ZipProblem,
};

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
