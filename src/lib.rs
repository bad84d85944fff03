//! Exact, fast, typed readers for the CFTC Commitments of Traders (COT) reports.
//!
//! Every Friday the U.S. Commodity Futures Trading Commission publishes who
//! holds what in the U.S. futures markets, as of the Tuesday before. This
//! crate reads the files it publishes — the **legacy** report (commercial,
//! non-commercial, nonreportable) and the **Traders in Financial Futures**
//! (TFF) report (dealers, asset managers, leveraged funds, other
//! reportables), each futures-only or futures-and-options combined — into
//! typed records with every column, exactly as written.
//!
//! # A guided tour
//!
//! Data flows one way, and the modules follow it:
//!
//! | step | module | what |
//! |---|---|---|
//! | bytes → records | [`read`] | text or zip in, [`CotRecord`]s out, streaming, filtered |
//! | records | [`records`] | the typed rows: [`LegacyRecord`], [`TffRecord`], [`ContractMarketCode`] |
//! | records → checks | [`check`] | CFTC's accounting identities on each row |
//! | records → history | [`merge`] | several files, one sorted history, newest wins |
//! | records → bytes | [`write`](mod@write) | back to CFTC's text layouts (round trip) |
//! | contracts | [`registry`] | codes, dates, multipliers; families such as the Russell 2000 |
//! | records → series | [`history`] | weekly net positions of a trader group, across contract changes |
//! | series → answers | [`analytics`] | swings, records, extremes, COT index, headlines |
//! | the internet → cache | `download` (feature `download`, on by default) | CFTC's archives, cached offline-first |
//!
//! ## Read a file
//!
//! [`ReaderBuilder::from_path`](read::ReaderBuilder::from_path) takes a text
//! file or a zip archive as CFTC publishes it (`deacot2024.zip`,
//! `fut_fin_txt_2024.zip`, ...). The report kind and layout are recognised
//! from the first row; the scope comes from the TFF rows or, for legacy
//! files, from CFTC's file names.
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
//! ## Merge files
//!
//! [`merge::read_merged`] reads several files (say the multi-year archive and
//! the yearly files that overlap it) into one history sorted by date,
//! removing duplicates on (code, date, kind, scope); the later file wins.
//!
//! ## Examples
//!
//! `cargo run --release --example inspect -- PATH...` summarises files;
//! `cargo run --example make_samples` regenerates the synthetic files in
//! `data-samples/`.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod analytics;
pub mod check;
#[cfg(feature = "download")]
pub mod download;
mod error;
pub mod history;
pub mod merge;
pub mod read;
pub mod records;
pub mod registry;
pub mod schema;
pub mod write;

pub use error::{Column, Error, FieldProblem, Location, Result};
pub use records::{
    ContractMarketCode, CotRecord, LegacyRecord, Market, RecordKey, ReportKind, Scope, TffRecord,
};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
