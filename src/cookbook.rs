//! Short recipes for the questions people ask of the COT reports, each a
//! program that runs on the crate's bundled samples (`data-samples/`);
//! point [`Source::dir`](crate::source::Source::dir) at CFTC's files, or use
//! [`Source::cache`](crate::source::Source::cache), for real answers. The
//! [tutorial](crate::tutorial) walks through the same ground step by step.
//!
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
//! use cftc_cot::history::study::Study;
//! use cftc_cot::read::Mode;
//! use cftc_cot::source::Source;
//! use cftc_cot::{ReportKind, Scope, TraderGroup};
//!
//! // Find gold by name in the Disaggregated rows of a directory (or the
//! // cache), then its history: one code of a size the registry does not
//! // know, so counted in contracts.
//! let source = Source::dir("data-samples"); // or Source::cache(...)
//! let gold = source.find_market("gold", ReportKind::Disaggregated, Scope::FuturesOnly, Mode::Lenient)?;
//! assert_eq!(gold.codes[0].as_str(), "088691");
//! let (history, _) = Study::of_market(&gold)
//!     .group(TraderGroup::ManagedMoney)
//!     .run(&source, Mode::Lenient)?;
//! for point in history.points() {
//!     println!("{} managed money net {} contracts", point.date, point.net);
//! }
//! assert_eq!(history.points().len(), 8);
//! # Ok::<(), cftc_cot::Error>(())
//! ```
//!
//! A code you already know needs no lookup: `Study::of_code("088691".parse()?, "Gold")`.
//! To count gold in ounces, add its contract (100 troy ounces) to a
//! [`Registry`](crate::records::registry::Registry) and build a
//! [`Family`](crate::records::registry::Family) of it.
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

// Documentation only: the recipes above are its doctests.
