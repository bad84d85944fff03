//! From one file to a headline, step by step.
//!
//! Every step is a program that runs on the crate's bundled samples
//! (`data-samples/`, synthetic files in CFTC's layouts). With CFTC's real
//! files, point the paths at them, or let the download cache fetch them.
//!
//! # 1. Read a file
//!
//! A [`ReaderBuilder`](crate::read::ReaderBuilder) opens a text file, a zip
//! archive or an Excel workbook as CFTC publishes it and recognises the
//! report and layout from the first row. Each item is a
//! [`CotRecord`](crate::CotRecord): one row, every column kept, `.` (not
//! reported) as `None`.
//!
//! ```
//! use cftc_cot::read::ReaderBuilder;
//! use cftc_cot::{CotRecord, ReportKind};
//!
//! let reader = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?;
//! assert_eq!(reader.kind(), ReportKind::Tff);
//! for record in reader {
//!     let record = record?;
//!     if let CotRecord::Tff(r) = &record {
//!         println!("{} {}: leveraged funds long {:?}", r.date, r.market.code, r.positions.leveraged_funds.long);
//!     }
//! }
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! # 2. Only the markets you want
//!
//! A [`Filter`](crate::read::Filter) drops other markets and dates from
//! their raw bytes, before the typed parse, so reading one market of a
//! year is cheap. The [`ReadSummary`](crate::read::ReadSummary) counts every
//! row: read, kept, filtered out, skipped.
//!
//! ```
//! use cftc_cot::read::{Filter, ReaderBuilder};
//!
//! let (records, summary) = ReaderBuilder::new()
//!     .filter(Filter::codes(["239742"])?)
//!     .from_path("data-samples/tff_futures_only.txt")?
//!     .read_all()?;
//! assert!(records.iter().all(|r| r.code().as_str() == "239742"));
//! assert_eq!(summary.rows, summary.records + summary.filtered_out + summary.skipped);
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! # 3. Bad rows: stop, or skip and count
//!
//! Strict mode (the default) stops at the first bad row with an
//! [`Error`](crate::Error) naming the file, line, column and market;
//! lenient mode skips it, counts it and keeps the first errors.
//! [`Reader::outcomes`](crate::read::Reader::outcomes) hands out every
//! skipped row's error as it goes.
//!
//! ```
//! use cftc_cot::read::{Mode, ReaderBuilder};
//!
//! // The sample with the open interest of its first data row spoiled.
//! let text = std::fs::read_to_string("data-samples/legacy_futures_only.txt")?;
//! let mut lines: Vec<String> = text.lines().map(String::from).collect();
//! let mut fields: Vec<&str> = lines[1].split(',').collect();
//! fields[7] = "lots";
//! lines[1] = fields.join(",");
//! let broken = lines.join("\n") + "\n";
//!
//! // Strict: the first bad row is an error that says where and what.
//! let err = ReaderBuilder::new()
//!     .from_reader(broken.as_bytes(), "broken.txt")?
//!     .read_all()
//!     .unwrap_err();
//! assert!(err.is_row_error());
//! assert_eq!(err.location().unwrap().line, 2);
//! println!("{err}");
//!
//! // Lenient: the row is skipped and counted; the rest is read.
//! let (records, summary) = ReaderBuilder::new()
//!     .mode(Mode::Lenient)
//!     .from_reader(broken.as_bytes(), "broken.txt")?
//!     .read_all()?;
//! assert_eq!(summary.skipped, 1);
//! assert_eq!(records.len() as u64, summary.records);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # 4. Many files, one history
//!
//! A [`Source`](crate::source::Source) (files, a directory, the download
//! cache, or CFTC's API) reads every input of one report and scope, merges
//! them (one record per market and week, the newer file wins) and names
//! every input it left out, with the reason.
//!
//! ```
//! use cftc_cot::read::{Mode, ReaderBuilder};
//! use cftc_cot::source::Source;
//! use cftc_cot::{ReportKind, Scope};
//!
//! let loaded = Source::dir("data-samples")
//!     .load(&ReaderBuilder::new().mode(Mode::Lenient), ReportKind::Legacy, Scope::FuturesOnly)?;
//! println!("{} records from {} files", loaded.merged.records.len(), loaded.read.len());
//! for skipped in &loaded.skipped {
//!     println!("left out: {skipped}");
//! }
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! # 5. Find a market by its name
//!
//! [`Source::find_market`](crate::source::Source::find_market) is the one
//! lookup: a family of the registry (`russell 2000`, `s&p 500`), a code, or
//! words of any name CFTC ever printed for a code.
//!
//! ```
//! use cftc_cot::read::Mode;
//! use cftc_cot::source::Source;
//! use cftc_cot::{ReportKind, Scope};
//!
//! let found = Source::dir("data-samples")
//!     .find_market("gold", ReportKind::Disaggregated, Scope::FuturesOnly, Mode::Lenient)?;
//! println!("{} = {:?}", found.name, found.codes);
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! # 6. The whole answer
//!
//! A [`Study`](crate::history::study::Study) names a market, a trader group
//! (which picks the report), a scope and a unit; `run` reads, builds the
//! weekly history across contract changes and answers: the latest
//! reading, the k-week change and whether it is a record, the most bullish
//! and bearish since when, the COT index, percentile and z-score, and a
//! headline.
//!
//! ```
//! use cftc_cot::history::study::Study;
//! use cftc_cot::read::Mode;
//! use cftc_cot::source::Source;
//! use cftc_cot::TraderGroup;
//!
//! let (history, report) = Study::russell_2000()
//!     .group(TraderGroup::LeveragedFunds)
//!     .weeks(2)
//!     .run(&Source::dir("data-samples"), Mode::Lenient)?;
//! let latest = history.points().last().unwrap();
//! println!("{}: net {} E-mini equivalents", latest.date, latest.net);
//! if let Some(headline) = &report.headline {
//!     println!("{}", headline.sentence);
//! }
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! # 7. Your own questions of the series
//!
//! The [`analytics`](crate::history::analytics) work on any dated series:
//! k-week changes (a change across a gap in the reports is left out and
//! said), records, extremes ("the most bullish in N years"), the COT index.
//!
//! ```
//! use cftc_cot::history::analytics::{Window, cot_index};
//! use cftc_cot::history::study::Study;
//! use cftc_cot::read::Mode;
//! use cftc_cot::source::Source;
//! use cftc_cot::TraderGroup;
//!
//! let (history, _) = Study::russell_2000()
//!     .group(TraderGroup::LeveragedFunds)
//!     .run(&Source::dir("data-samples"), Mode::Lenient)?;
//! // Changes over two weeks, like with like across contract changes.
//! for change in history.k_week_changes(2).changes.iter().rev().take(3) {
//!     println!("{} -> {}: {:+}", change.start, change.end, change.change);
//! }
//! let index = cot_index(&history.net_series(), Window::years(3));
//! println!("COT index now: {:?}", index.last());
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! # 8. Out to files
//!
//! Histories write CSV ([`History::write_csv`](crate::history::History::write_csv));
//! records go back to CFTC's text layouts ([`export::write`](crate::export::write)),
//! to SVG charts (feature `chart`) and to Parquet (feature `parquet`).
//!
//! ```
//! use cftc_cot::history::study::Study;
//! use cftc_cot::read::Mode;
//! use cftc_cot::source::Source;
//!
//! let (history, _) = Study::russell_2000().run(&Source::dir("data-samples"), Mode::Lenient)?;
//! let mut csv = Vec::new();
//! history.write_csv(&mut csv, "memory")?;
//! assert!(String::from_utf8_lossy(&csv).starts_with("date,net"));
//! # Ok::<(), cftc_cot::Error>(())
//! ```

// Documentation only: the steps above are its doctests.
