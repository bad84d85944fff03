//! A directory of markets, built from the data: every contract market code
//! with the names CFTC printed for it over time, its first and last report
//! date, and the reports and scopes it appears in; searchable by any
//! fragment of any of its names.
//!
//! CFTC renames markets (`10-YEAR U.S. TREASURY NOTES` became `UST 10Y
//! NOTE` in 2022) but keeps the code, so histories are keyed by code and a
//! rename never cuts one short; a search says when a name matches only part
//! of a code's history. The curated [`registry`](crate::records::registry) stays for
//! what the data cannot say (contract sizes, reused codes, families).
//!
//! ```
//! use cftc_cot::source::directory::Directory;
//! use cftc_cot::read::Mode;
//! use cftc_cot::source::Source;
//!
//! let (directory, _) = Directory::from_source(&Source::dir("data-samples"), Mode::Lenient)?;
//! let found = directory.search("russell");
//! assert!(found.iter().any(|m| m.market.code.as_str() == "239742"));
//! for m in &found {
//!     println!("{} {:?} {}..{}", m.market.code, m.market.names, m.market.first_date, m.market.last_date);
//! }
//! # Ok::<(), cftc_cot::Error>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::read::{Mode, ReaderBuilder};
use crate::records::aliases::{self, words};
use crate::records::registry::Family;
use crate::records::{ContractMarketCode, CotRecord, ReportKind, Scope};
use crate::source::index::{self, FileEntry, Stat, Store};
use crate::source::{Opened, SkipReason, SkippedInput, Source, map_inputs, open};

/// One name CFTC printed for a code, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameSpan {
    /// The name as printed (`Market_and_Exchange_Names`).
    pub name: String,
    /// The first report date under this name.
    pub first_date: NaiveDate,
    /// The last report date under this name.
    pub last_date: NaiveDate,
    /// Rows under this name (over every report and scope).
    pub rows: u64,
}

/// Where a code appears: one report and scope, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appearance {
    /// The report.
    pub report: ReportKind,
    /// The scope.
    pub scope: Scope,
    /// The first report date.
    pub first_date: NaiveDate,
    /// The last report date.
    pub last_date: NaiveDate,
    /// Rows.
    pub rows: u64,
}

/// One contract market code in the data: its listing in the [`Directory`],
/// with every name CFTC printed for it (a record's own identification
/// columns are a [`records::Market`](crate::records::Market)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    /// The contract market code.
    pub code: ContractMarketCode,
    /// The names CFTC printed for it, in order of first appearance.
    pub names: Vec<String>,
    /// The first report date, over every report and scope.
    pub first_date: NaiveDate,
    /// The last report date.
    pub last_date: NaiveDate,
    /// The reports it appears in (`legacy`, `tff`, ...).
    pub reports: Vec<ReportKind>,
    /// The scopes it appears in.
    pub scopes: Vec<Scope>,
    /// Rows over every report and scope (a week counts once per report and
    /// scope, and once per file that repeats it).
    pub rows: u64,
    /// Each name with its dates.
    pub name_spans: Vec<NameSpan>,
    /// Each report and scope with its dates.
    pub appearances: Vec<Appearance>,
    /// Open interest in its latest report (the largest of that date's
    /// reports and scopes): how much the market matters now, which ranks
    /// the markets a name matches.
    #[serde(default)]
    pub latest_open_interest: Option<i64>,
}

impl Listing {
    /// The latest name CFTC printed, without the exchange (`UST 10Y NOTE`).
    ///
    /// ```
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::directory::Directory;
    /// let (directory, _) = Directory::from_source(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let gold = directory.get("088691".parse()?).unwrap();
    /// assert_eq!(gold.short_name(), "GOLD");
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn short_name(&self) -> String {
        let latest = self
            .name_spans
            .iter()
            .max_by_key(|n| n.last_date)
            .map_or("", |n| n.name.as_str());
        latest
            .split(" - ")
            .next()
            .unwrap_or(latest)
            .trim()
            .to_string()
    }

    /// Its rows in one report and scope.
    ///
    /// ```
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::directory::Directory;
    /// let (directory, _) = Directory::from_source(&Source::dir("data-samples"), Mode::Lenient)?;
    /// use cftc_cot::{ReportKind, Scope};
    /// let gold = directory.get("088691".parse()?).unwrap();
    /// assert!(gold.rows_in(ReportKind::Disaggregated, Scope::FuturesOnly) > 0);
    /// assert_eq!(gold.rows_in(ReportKind::Tff, Scope::FuturesOnly), 0);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn rows_in(&self, report: ReportKind, scope: Scope) -> u64 {
        self.appearances
            .iter()
            .filter(|a| a.report == report && a.scope == scope)
            .map(|a| a.rows)
            .sum()
    }
}

impl fmt::Display for Listing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reports: Vec<&str> = self.reports.iter().map(|r| r.as_str()).collect();
        write!(
            f,
            "{}  {} .. {}  {}",
            self.code,
            self.first_date,
            self.last_date,
            reports.join(",")
        )?;
        for n in &self.name_spans {
            write!(f, "\n    {} ({} .. {})", n.name, n.first_date, n.last_date)?;
        }
        Ok(())
    }
}

/// A search hit: the market, the names that matched, and whether they
/// cover its whole history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    /// The market, with every name and date.
    #[serde(flatten)]
    pub market: Listing,
    /// The names that matched the query.
    pub matched_names: Vec<NameSpan>,
    /// Whether the matched names cover every report date of the code.
    /// When not, the code was also printed under other names, and a
    /// history by this code runs over all of them.
    pub matches_whole_history: bool,
    /// A sentence about a partial match, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Entry {
    names: BTreeMap<String, (NaiveDate, NaiveDate, u64)>,
    appearances: BTreeMap<(ReportKind, Scope), (NaiveDate, NaiveDate, u64)>,
    /// The latest report date and the largest open interest on it.
    latest: Option<(NaiveDate, i64)>,
}

/// The later of two (date, open interest) readings; on one date, the
/// larger open interest (combined is at least futures-only).
fn later(a: Option<(NaiveDate, i64)>, b: Option<(NaiveDate, i64)>) -> Option<(NaiveDate, i64)> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if (y.0, y.1) > (x.0, x.1) { y } else { x }),
        (x, y) => x.or(y),
    }
}

fn widen(slot: &mut (NaiveDate, NaiveDate, u64), first: NaiveDate, last: NaiveDate, rows: u64) {
    slot.0 = slot.0.min(first);
    slot.1 = slot.1.max(last);
    slot.2 += rows;
}

/// The markets in a set of files. See the [module docs](self).
#[derive(Debug, Clone, Default)]
pub struct Directory {
    entries: BTreeMap<ContractMarketCode, Entry>,
    index: Option<IndexSummary>,
}

/// How [`Directory::from_source`] used the source's index
/// ([`Source::index_dir`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct IndexSummary {
    /// The index's directory.
    pub dir: PathBuf,
    /// Inputs taken from the index without being opened (their size and
    /// modification time unchanged), or, for inputs that changed in time
    /// only, by their content.
    pub files_from_index: usize,
    /// Inputs opened and read (new, changed, or never indexed).
    pub files_read: usize,
    /// Whether the whole directory came from one merged index file.
    pub merged: bool,
    /// What went wrong with the index, if anything: the answer is the
    /// same (read from the inputs), only slower next time.
    pub warnings: Vec<String>,
}

/// One line of a directory as its index stores it: a name of a code
/// (`name` set), a report and scope of it (`report` and `scope` set), or
/// its latest open interest (neither; `count` is the open interest on
/// `last`).
#[derive(Debug, Serialize, Deserialize)]
struct Line {
    code: ContractMarketCode,
    report: Option<ReportKind>,
    scope: Option<Scope>,
    name: Option<String>,
    first: NaiveDate,
    last: NaiveDate,
    count: i64,
}

impl Directory {
    /// An empty directory.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::source::directory::Directory;
    /// let mut directory = Directory::new();
    /// for record in ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")? {
    ///     directory.add(&record?);
    /// }
    /// assert_eq!(directory.len(), 2);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn new() -> Self {
        Directory::default()
    }

    /// Adds one record.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::source::directory::Directory;
    /// let mut directory = Directory::new();
    /// assert!(directory.is_empty());
    /// let record = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?.next().unwrap()?;
    /// directory.add(&record);
    /// assert_eq!(directory.len(), 1);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn add(&mut self, record: &CotRecord) {
        let date = record.date();
        let entry = self.entries.entry(record.code()).or_default();
        let name = &record.market().market_and_exchange_names;
        match entry.names.get_mut(name) {
            Some(slot) => widen(slot, date, date, 1),
            None => {
                entry.names.insert(name.clone(), (date, date, 1));
            }
        }
        widen(
            entry
                .appearances
                .entry((record.kind(), record.scope()))
                .or_insert((date, date, 0)),
            date,
            date,
            1,
        );
        entry.latest = later(entry.latest, record.open_interest().map(|oi| (date, oi)));
    }

    /// Adds everything another directory holds.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::source::directory::Directory;
    /// let of = |path| -> cftc_cot::Result<Directory> {
    ///     let mut d = Directory::new();
    ///     for r in ReaderBuilder::new().from_path(path)? { d.add(&r?); }
    ///     Ok(d)
    /// };
    /// let mut all = of("data-samples/tff_futures_only.txt")?;
    /// all.merge(of("data-samples/disaggregated_f_year.txt")?);
    /// assert_eq!(all.len(), 5);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn merge(&mut self, other: Directory) {
        for (code, theirs) in other.entries {
            let mine = self.entries.entry(code).or_default();
            for (name, (a, b, n)) in theirs.names {
                widen(mine.names.entry(name).or_insert((a, b, 0)), a, b, n);
            }
            for (key, (a, b, n)) in theirs.appearances {
                widen(mine.appearances.entry(key).or_insert((a, b, 0)), a, b, n);
            }
            mine.latest = later(mine.latest, theirs.latest);
        }
    }

    /// Every record a reader yields, added to a new directory.
    fn of_reader<R: std::io::Read>(reader: &mut crate::read::Reader<R>) -> Result<Directory> {
        Directory::of_reader_known_at(reader, None)
    }

    /// [`of_reader`](Self::of_reader), keeping only the records of reports
    /// CFTC had published by `moment` (all, for `None`).
    fn of_reader_known_at<R: std::io::Read>(
        reader: &mut crate::read::Reader<R>,
        moment: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<Directory> {
        let mut directory = Directory::new();
        // Whether each report was out, asked once per report and date.
        let mut known: BTreeMap<(ReportKind, chrono::NaiveDate), bool> = BTreeMap::new();
        for record in reader {
            let record = record?;
            let (kind, date) = (record.kind(), record.date());
            let out = moment.is_none_or(|moment| {
                *known.entry((kind, date)).or_insert_with(|| {
                    crate::records::calendar::release(kind, date).known_at(moment)
                })
            });
            if out {
                directory.add(&record);
            }
        }
        Ok(directory)
    }

    /// Every input of `source` read into one directory (no index), as
    /// known at `moment` (everything, for `None`).
    fn scanned(
        source: &Source,
        mode: Mode,
        moment: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<(Directory, Vec<SkippedInput>)> {
        let builder = ReaderBuilder::new().mode(mode);
        let scanned = source.scan(&builder, |_, mut reader| {
            Directory::of_reader_known_at(&mut reader, moment)
        })?;
        let mut directory = Directory::new();
        for (_, part) in scanned.files {
            directory.merge(part);
        }
        Ok((directory, scanned.skipped))
    }

    /// The directory as index lines (CSV); an error (which writing to
    /// memory cannot raise) is an index not saved, never a short one.
    fn to_lines(&self) -> std::result::Result<Vec<u8>, csv::Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let rows = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        for (code, e) in &self.entries {
            let mut lines: Vec<Line> = Vec::new();
            for (name, &(first, last, n)) in &e.names {
                lines.push(Line {
                    code: *code,
                    report: None,
                    scope: None,
                    name: Some(name.clone()),
                    first,
                    last,
                    count: rows(n),
                });
            }
            for (&(report, scope), &(first, last, n)) in &e.appearances {
                lines.push(Line {
                    code: *code,
                    report: Some(report),
                    scope: Some(scope),
                    name: None,
                    first,
                    last,
                    count: rows(n),
                });
            }
            if let Some((date, oi)) = e.latest {
                lines.push(Line {
                    code: *code,
                    report: None,
                    scope: None,
                    name: None,
                    first: date,
                    last: date,
                    count: oi,
                });
            }
            for line in lines {
                w.serialize(line)?;
            }
        }
        w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
    }

    /// A directory from index lines; `None` when any line is not one
    /// [`to_lines`](Self::to_lines) writes (a damaged index is rebuilt).
    fn from_lines(text: &str) -> Option<Directory> {
        let mut directory = Directory::new();
        for line in csv::Reader::from_reader(text.as_bytes()).deserialize::<Line>() {
            let line = line.ok()?;
            if line.first > line.last {
                return None;
            }
            let entry = directory.entries.entry(line.code).or_default();
            match (line.report, line.scope, line.name) {
                (None, None, Some(name)) => {
                    let n = u64::try_from(line.count).ok()?;
                    widen(
                        entry
                            .names
                            .entry(name)
                            .or_insert((line.first, line.last, 0)),
                        line.first,
                        line.last,
                        n,
                    );
                }
                (Some(report), Some(scope), None) => {
                    let n = u64::try_from(line.count).ok()?;
                    widen(
                        entry
                            .appearances
                            .entry((report, scope))
                            .or_insert((line.first, line.last, 0)),
                        line.first,
                        line.last,
                        n,
                    );
                }
                (None, None, None) => {
                    entry.latest = later(entry.latest, Some((line.last, line.count)));
                }
                _ => return None,
            }
        }
        Some(directory)
    }

    /// How the last [`from_source`](Self::from_source) used the source's
    /// index; `None` when it had none.
    ///
    /// ```
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::directory::Directory;
    /// let index = std::env::temp_dir().join(format!("cftc-cot-doc-summary-{}", std::process::id()));
    /// let source = Source::dir("data-samples").index_dir(&index);
    /// let (first, _) = Directory::from_source(&source, Mode::Lenient)?;
    /// assert!(first.index_summary().unwrap().files_read > 0);
    /// let (second, _) = Directory::from_source(&source, Mode::Lenient)?;
    /// assert!(second.index_summary().unwrap().merged);
    /// # std::fs::remove_dir_all(&index).ok();
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn index_summary(&self) -> Option<&IndexSummary> {
        self.index.as_ref()
    }

    /// Reads every COT file of any report and scope in a source (files in
    /// parallel, records streamed, none kept) into a directory; returns the
    /// inputs left out too. With an index ([`Source::index_dir`]; the
    /// cache has one), only inputs new or changed since the index was
    /// written are opened.
    ///
    /// ```
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::directory::Directory;
    /// let (directory, _) = Directory::from_source(&Source::dir("data-samples"), Mode::Lenient)?;
    /// assert!(directory.len() >= 5);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn from_source(source: &Source, mode: Mode) -> Result<(Directory, Vec<SkippedInput>)> {
        if let Some(store) = source.index_store() {
            return from_index(source, &store, mode);
        }
        Directory::scanned(source, mode, None)
    }

    /// [`from_source`](Self::from_source) as it could be built at
    /// `moment`: only the records of reports CFTC had published by then
    /// ([`crate::records::calendar`]), from the copy of each cached archive
    /// current then ([`Source::as_known_at`]), so names, first and last
    /// reports and the latest open interest are those known that day. The
    /// index is not used (it holds no dates per record): every input is
    /// read.
    ///
    /// ```
    /// use cftc_cot::records::calendar::parse_moment;
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::directory::Directory;
    /// let source = Source::dir("data-samples");
    /// let (now, _) = Directory::from_source(&source, Mode::Lenient)?;
    /// let (then, _) = Directory::as_known_at(&source, Mode::Lenient, parse_moment("2000-01-01").unwrap())?;
    /// assert!(then.len() < now.len());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn as_known_at(
        source: &Source,
        mode: Mode,
        moment: chrono::DateTime<chrono::Utc>,
    ) -> Result<(Directory, Vec<SkippedInput>)> {
        // The cache reads each archive's copy current at the moment.
        let source = source.clone().as_known_at(Some(moment));
        Directory::scanned(&source, mode, Some(moment))
    }

    /// The number of codes.
    ///
    /// ```
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::directory::Directory;
    /// let (directory, _) = Directory::from_source(&Source::dir("data-samples"), Mode::Lenient)?;
    /// assert_eq!(directory.len(), directory.markets().len());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds no code.
    ///
    /// ```
    /// use cftc_cot::source::directory::Directory;
    /// assert!(Directory::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// One code's market.
    ///
    /// ```
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::directory::Directory;
    /// let (directory, _) = Directory::from_source(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let russell = directory.get("239742".parse()?).unwrap();
    /// assert!(russell.names.iter().any(|n| n.contains("RUSSELL")));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn get(&self, code: ContractMarketCode) -> Option<Listing> {
        self.entries.get(&code).map(|e| market(code, e))
    }

    /// Every market, by code.
    ///
    /// ```
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::directory::Directory;
    /// let (directory, _) = Directory::from_source(&Source::dir("data-samples"), Mode::Lenient)?;
    /// for listing in directory.markets() {
    ///     println!("{listing}");
    /// }
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn markets(&self) -> Vec<Listing> {
        self.entries.iter().map(|(c, e)| market(*c, e)).collect()
    }

    /// The markets whose code is `query`, or any of whose names matches it,
    /// case-insensitively and loosely: every word of the query must begin a
    /// word of the name (`crude`, `russell`), numbers and one-letter words
    /// match whole (`10-year`, `10y` and `10 year` all find `UST 10Y NOTE`
    /// and `10-YEAR U.S. TREASURY NOTES`), and a name word may be a shorter
    /// spelling of a query word (`RUSSEL 2000` for `russell`, `NOTE` for
    /// `notes`). Most rows first.
    ///
    /// ```
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::directory::Directory;
    /// let (directory, _) = Directory::from_source(&Source::dir("data-samples"), Mode::Lenient)?;
    /// let found = directory.search("crude");
    /// assert_eq!(found[0].market.code.as_str(), "067411");
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn search(&self, query: &str) -> Vec<Match> {
        let wanted = words(query);
        let as_code = query.trim().to_ascii_uppercase();
        let mut hits: Vec<Match> = Vec::new();
        for (code, entry) in &self.entries {
            let market = market(*code, entry);
            let code_hit = code.as_str() == as_code;
            let matched: Vec<NameSpan> = market
                .name_spans
                .iter()
                .filter(|n| code_hit || (!wanted.is_empty() && name_matches(&wanted, &n.name)))
                .cloned()
                .collect();
            if matched.is_empty() {
                continue;
            }
            let covered_first = matched.iter().map(|n| n.first_date).min();
            let covered_last = matched.iter().map(|n| n.last_date).max();
            let whole =
                covered_first == Some(market.first_date) && covered_last == Some(market.last_date);
            let note = (!whole).then(|| {
                let others: Vec<&str> = market
                    .name_spans
                    .iter()
                    .filter(|n| !matched.contains(n))
                    .map(|n| n.name.as_str())
                    .collect();
                format!(
                    "{query:?} matches the names printed from {} to {}; code {} runs from {} to {} \
                     and was also printed as {}; a history by code covers all of it",
                    covered_first.unwrap_or(market.first_date),
                    covered_last.unwrap_or(market.last_date),
                    market.code,
                    market.first_date,
                    market.last_date,
                    others.join("; ")
                )
            });
            hits.push(Match {
                market,
                matched_names: matched,
                matches_whole_history: whole,
                note,
            });
        }
        hits.sort_by(|a, b| {
            b.market
                .rows
                .cmp(&a.market.rows)
                .then(a.market.code.cmp(&b.market.code))
        });
        hits
    }

    /// The one market a query means in a report and scope: the code
    /// itself, or among the markets whose current name (or every name)
    /// matches, the one with the most rows there. A market that matches
    /// only by a name it no longer has (`gold` in `GOLDMAN-SACHS COMMODITY
    /// INDEX`, today's S&P GSCI) is never picked by itself: the error names
    /// it, so the caller can pass its code. The other matches come back
    /// too, so a caller can say what else matched.
    ///
    /// ```
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::directory::Directory;
    /// let (directory, _) = Directory::from_source(&Source::dir("data-samples"), Mode::Lenient)?;
    /// use cftc_cot::{ErrorKind, ReportKind, Scope};
    /// let wheat = directory.resolve("wheat", ReportKind::Supplemental, Scope::Combined)?;
    /// assert_eq!(wheat.best.market.code.as_str(), "001602");
    /// let err = directory.resolve("unobtainium", ReportKind::Legacy, Scope::FuturesOnly).unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::UnknownMarket { .. }));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn resolve(&self, query: &str, report: ReportKind, scope: Scope) -> Result<Resolved> {
        let all = self.search(query);
        let (mut here, elsewhere): (Vec<Match>, Vec<Match>) = all
            .into_iter()
            .partition(|m| m.market.rows_in(report, scope) > 0);
        // The crate's table of common names first (`crude oil` is WTI),
        // when its code is in these rows.
        if let Some(alias) = aliases::alias(query)
            && let Ok(code) = alias.code.parse::<ContractMarketCode>()
            && let Some(entry) = self.entries.get(&code)
            && market(code, entry).rows_in(report, scope) > 0
        {
            let listing = market(code, entry);
            let best = Match {
                matched_names: listing.name_spans.clone(),
                matches_whole_history: true,
                note: None,
                market: listing,
            };
            here.retain(|m| m.market.code != code);
            rank(&mut here, query, report, scope);
            return Ok(Resolved {
                best,
                others: here,
                alias: Some(alias.why.to_string()),
            });
        }
        rank(&mut here, query, report, scope);
        let as_code = query.trim().to_ascii_uppercase();
        let wanted = words(query);
        // A market may be picked by a former name when the query's words
        // are whole words of it (`natural gas` in NATURAL GAS, renamed NAT
        // GAS NYME); a former name it only begins (`gold` in GOLDMAN-SACHS
        // COMMODITY INDEX) is never enough.
        let (current, old_names): (Vec<Match>, Vec<Match>) = here.into_iter().partition(|m| {
            m.market.code.as_str() == as_code
                || m.matches_whole_history
                || m.matched_names
                    .iter()
                    .any(|n| n.last_date == m.market.last_date || whole_words(&wanted, &n.name))
        });
        let mut current = current.into_iter();
        if let Some(best) = current.next() {
            return Ok(Resolved {
                best,
                others: current.chain(old_names).collect(),
                alias: None,
            });
        }
        let describe = |m: &Match| {
            let reports: Vec<String> = m
                .market
                .appearances
                .iter()
                .map(|a| format!("{} {}", a.report, a.scope))
                .collect();
            format!(
                "{} {} ({})",
                m.market.code,
                m.market.short_name(),
                reports.join(", ")
            )
        };
        let former_names = old_names
            .iter()
            .take(5)
            .map(|m| {
                let names: Vec<&str> = m.matched_names.iter().map(|n| n.name.as_str()).collect();
                format!("{} (once {})", describe(m), names.join("; "))
            })
            .collect();
        Err(Error::from(ErrorKind::UnknownMarket {
            query: query.to_string(),
            report,
            scope,
            searched: format!("these files ({} codes in all)", self.len()),
            former_names,
            elsewhere: elsewhere.iter().take(5).map(describe).collect(),
        }))
    }
}

/// One input as the index sees it.
enum Indexed {
    /// A COT file: its directory, its manifest entry when it can have one
    /// (a file without a usable modification time is read every time), and
    /// whether it was read (rather than taken from its part).
    Part {
        entry: Option<FileEntry>,
        directory: Directory,
        read: bool,
    },
    /// Left out (not a COT file; unreadable in lenient mode).
    Skipped(SkipReason),
}

impl Indexed {
    /// Into the skipped inputs, or the parts to merge.
    fn sort_into(
        self,
        path: PathBuf,
        skipped: &mut Vec<SkippedInput>,
        fresh: &mut Vec<(Option<FileEntry>, Directory, bool)>,
    ) {
        match self {
            Indexed::Skipped(reason) => skipped.push(SkippedInput { path, reason }),
            Indexed::Part {
                entry,
                directory,
                read,
            } => fresh.push((entry, directory, read)),
        }
    }
}

/// One input for the index: from the part of the same content when there
/// is one, else read (and its part to be written).
fn index_one(
    store: &Store,
    builder: &ReaderBuilder,
    path: &Path,
    stat: Option<Stat>,
) -> Result<Indexed> {
    let strict = builder.read_mode() == Mode::Strict;
    let checked_ns = index::now_ns();
    let digest = index::digest(path).ok();
    let entry = |digest: &str, skipped_rows: u64| {
        stat.map(|st| FileEntry {
            path: index::key(path),
            size: st.size,
            modified_ns: st.modified_ns,
            checked_ns,
            digest: digest.to_string(),
            skipped_rows,
        })
    };
    if let Some(d) = &digest
        && let Some((skipped, lines)) = store.part(d)
        && !(strict && skipped > 0)
        && let Some(directory) = Directory::from_lines(&lines)
    {
        return Ok(Indexed::Part {
            entry: entry(d, skipped),
            directory,
            read: false,
        });
    }
    let mut reader = match open(builder, path)? {
        Opened::Reader(r) => *r,
        Opened::Skipped(reason) => return Ok(Indexed::Skipped(reason)),
    };
    let directory = match Directory::of_reader(&mut reader) {
        Ok(d) => d,
        Err(e) if !strict => return Ok(Indexed::Skipped(SkipReason::Unreadable(e))),
        Err(e) => return Err(e),
    };
    let skipped = reader.summary().skipped;
    Ok(Indexed::Part {
        entry: digest.and_then(|d| entry(&d, skipped)),
        directory,
        read: true,
    })
}

/// [`Directory::from_source`] with the source's index: inputs whose size
/// and time match the manifest are taken from their parts (or, when none
/// changed and none is new, from the merged directory); the others are
/// read, and the index brought up to date.
fn from_index(
    source: &Source,
    store: &Store,
    mode: Mode,
) -> Result<(Directory, Vec<SkippedInput>)> {
    let strict = mode == Mode::Strict;
    let (files, _, builder) = source.resolve(&ReaderBuilder::new().mode(mode), None)?;
    let id = index::text_digest(&source.identity());
    let manifest = store.manifest(&id);
    let mut summary = IndexSummary {
        dir: store.dir().to_path_buf(),
        ..IndexSummary::default()
    };
    let mut known: Vec<FileEntry> = Vec::new();
    let mut pending: Vec<(PathBuf, Option<Stat>)> = Vec::new();
    for path in files {
        let stat = index::stat(&path);
        match (manifest.get(&index::key(&path)), stat) {
            (Some(e), Some(st)) if e.matches(st) && !(strict && e.skipped_rows > 0) => {
                known.push(e.clone());
            }
            _ => pending.push((path, stat)),
        }
    }
    let outcomes = map_inputs(
        &pending,
        |(path, _)| path.as_path(),
        |(path, stat)| index_one(store, &builder, path, *stat),
    );
    let mut skipped = Vec::new();
    let mut fresh: Vec<(Option<FileEntry>, Directory, bool)> = Vec::new();
    for ((path, _), outcome) in pending.into_iter().zip(outcomes) {
        outcome?.sort_into(path, &mut skipped, &mut fresh);
    }
    let fingerprint = |entries: &[FileEntry]| {
        let mut keys: Vec<String> = entries
            .iter()
            .map(|e| {
                format!(
                    "{}\t{}\t{}\t{}\t{}",
                    e.path, e.size, e.modified_ns, e.digest, e.skipped_rows
                )
            })
            .collect();
        keys.sort();
        index::text_digest(&keys.join("\n"))
    };
    if fresh.is_empty()
        && known.len() == manifest.len()
        && let Some(mut directory) = store
            .merged(&id, &fingerprint(&known))
            .and_then(|text| Directory::from_lines(&text))
    {
        summary.files_from_index = known.len();
        summary.merged = true;
        directory.index = Some(summary);
        return Ok((directory, skipped));
    }
    let mut directory = Directory::new();
    let mut entries = Vec::new();
    let mut retry = Vec::new();
    for e in known {
        match store
            .part(&e.digest)
            .and_then(|(_, lines)| Directory::from_lines(&lines))
        {
            Some(part) => {
                summary.files_from_index += 1;
                directory.merge(part);
                entries.push(e);
            }
            // Its part is lost or damaged: read the file again.
            None => retry.push(PathBuf::from(&e.path)),
        }
    }
    for path in retry {
        let stat = index::stat(&path);
        index_one(store, &builder, &path, stat)?.sort_into(path, &mut skipped, &mut fresh);
    }
    let mut failures = Vec::new();
    for (entry, part, read) in fresh {
        if read {
            summary.files_read += 1;
        } else {
            summary.files_from_index += 1;
        }
        if let Some(e) = entry {
            // Only a part read now is new; one taken by its digest is there.
            if read
                && let Err(err) = part
                    .to_lines()
                    .map_err(|err| csv_failure(store.dir(), err))
                    .and_then(|lines| store.write_part(&e.digest, e.skipped_rows, &lines))
            {
                failures.push(err);
            }
            entries.push(e);
        }
        directory.merge(part);
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let saved = store.write_manifest(&id, &entries).and_then(|()| {
        let lines = directory
            .to_lines()
            .map_err(|err| csv_failure(store.dir(), err))?;
        store.write_merged(&id, &fingerprint(&entries), &lines)
    });
    if let Err(err) = saved {
        failures.push(err);
    }
    match failures.first() {
        Some(err) => summary.warnings.push(format!(
            "the market index could not be saved in {} ({err}); the next question reads the files again",
            store.dir().display()
        )),
        None => store.collect_garbage(),
    }
    directory.index = Some(summary);
    Ok((directory, skipped))
}

fn csv_failure(dir: &Path, e: csv::Error) -> Error {
    crate::atomic::io_failure(dir, std::io::Error::other(e.to_string()))
}

/// What [`Directory::resolve`] picked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolved {
    /// The market used.
    pub best: Match,
    /// Other markets that matched in the same report and scope, best
    /// first.
    pub others: Vec<Match>,
    /// Why the crate's table of common names
    /// ([`aliases`]) picked it, when it did.
    #[serde(default)]
    pub alias: Option<String>,
}

/// Orders matches as a trader means them: every word of the query a whole
/// word of a name CFTC prints now first, then by open interest in the
/// latest report (how much the market matters), then by rows.
fn rank(matches: &mut [Match], query: &str, report: ReportKind, scope: Scope) {
    let wanted = words(query);
    let whole_now = |m: &Match| {
        m.matched_names
            .iter()
            .any(|n| n.last_date == m.market.last_date && whole_words(&wanted, &n.name))
    };
    matches.sort_by(|a, b| {
        whole_now(b)
            .cmp(&whole_now(a))
            .then(
                b.market
                    .latest_open_interest
                    .cmp(&a.market.latest_open_interest),
            )
            .then(
                b.market
                    .rows_in(report, scope)
                    .cmp(&a.market.rows_in(report, scope)),
            )
            .then(a.market.code.cmp(&b.market.code))
    });
}

/// Whether every query word is a whole word of the name.
fn whole_words(query: &[String], name: &str) -> bool {
    let name_words = words(name);
    !query.is_empty() && query.iter().all(|q| name_words.contains(q))
}

fn market(code: ContractMarketCode, e: &Entry) -> Listing {
    let mut name_spans: Vec<NameSpan> = e
        .names
        .iter()
        .map(|(name, &(first, last, rows))| NameSpan {
            name: name.clone(),
            first_date: first,
            last_date: last,
            rows,
        })
        .collect();
    name_spans.sort_by(|a, b| (a.first_date, &a.name).cmp(&(b.first_date, &b.name)));
    let appearances: Vec<Appearance> = e
        .appearances
        .iter()
        .map(|(&(report, scope), &(first, last, rows))| Appearance {
            report,
            scope,
            first_date: first,
            last_date: last,
            rows,
        })
        .collect();
    let mut reports: Vec<ReportKind> = appearances.iter().map(|a| a.report).collect();
    reports.dedup();
    let mut scopes: Vec<Scope> = appearances.iter().map(|a| a.scope).collect();
    scopes.sort();
    scopes.dedup();
    Listing {
        code,
        names: name_spans.iter().map(|n| n.name.clone()).collect(),
        first_date: name_spans
            .iter()
            .map(|n| n.first_date)
            .min()
            .unwrap_or(NaiveDate::MIN),
        last_date: name_spans
            .iter()
            .map(|n| n.last_date)
            .max()
            .unwrap_or(NaiveDate::MIN),
        reports,
        scopes,
        rows: appearances.iter().map(|a| a.rows).sum(),
        name_spans,
        appearances,
        latest_open_interest: e.latest.map(|(_, oi)| oi),
    }
}

fn word_matches(query: &str, name: &str) -> bool {
    let whole = query.len() == 1 || query.chars().all(|c| c.is_ascii_digit());
    if whole {
        return query == name;
    }
    name.starts_with(query) || (name.len() >= 4 && query.starts_with(name))
}

fn name_matches(query: &[String], name: &str) -> bool {
    let name_words = words(name);
    query
        .iter()
        .all(|q| name_words.iter().any(|n| word_matches(q, n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_loosely_but_not_everything() {
        let q = |s: &str| words(s);
        assert!(name_matches(
            &q("10-year"),
            "UST 10Y NOTE - CHICAGO BOARD OF TRADE"
        ));
        assert!(name_matches(
            &q("10y"),
            "10-YEAR U.S. TREASURY NOTES - CHICAGO BOARD OF TRADE"
        ));
        assert!(name_matches(
            &q("10-year notes"),
            "UST 10Y NOTE - CHICAGO BOARD OF TRADE"
        ));
        assert!(name_matches(
            &q("russell"),
            "RUSSEL 2000 STOCK INDEX FUTURE - CME"
        ));
        assert!(name_matches(
            &q("crude"),
            "CRUDE OIL, LIGHT SWEET - NEW YORK MERCANTILE EXCHANGE"
        ));
        assert!(!name_matches(
            &q("10-year"),
            "2-YEAR U.S. TREASURY NOTES - CHICAGO BOARD OF TRADE"
        ));
        assert!(!name_matches(&q("10"), "S&P 100 STOCK INDEX - CBOE"));
        assert!(!name_matches(
            &q("gold"),
            "GASOLINE BLENDSTOCK (RBOB) - NYMEX"
        ));
    }
}

/// What a market name or code found: the market to read and, when worth a
/// line, what else matched. Made by [`Source::find_market`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketMatch {
    /// The name for output: the registry family's, or the one CFTC prints
    /// now.
    pub name: String,
    /// The registry's family, when the words name one (its contracts,
    /// sizes and dates are known); `None` for a market found by its code
    /// or CFTC's name.
    pub family: Option<Family>,
    /// The contract market codes to read.
    pub codes: Vec<ContractMarketCode>,
    /// What else matched, or which part of a code's history a name covers.
    pub note: Option<String>,
}

impl Source {
    /// The one market lookup: what a user's words mean, in the rows of one
    /// report and scope of this source. In order:
    ///
    /// 1. a family of the [registry](crate::records::registry) by its
    ///    common names ([`Family::named`]: `russell 2000`, `s&p 500`);
    /// 2. for an [API source](Source::api), a code, or the code whose name
    ///    holds the words in the dataset's last 400 days (the one with the
    ///    most rows);
    /// 3. for files and the cache, the best match of the [`Directory`] of
    ///    the source's rows ([`Directory::resolve`]: a code, or words of
    ///    any name CFTC printed for it), after fetching the report's
    ///    archives when the source is the cache.
    ///
    /// ```
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::{ReportKind, Scope};
    ///
    /// let source = Source::dir("data-samples");
    /// let found = source.find_market("russell e-mini", ReportKind::Tff, Scope::FuturesOnly, Mode::Lenient)?;
    /// assert_eq!(found.codes[0].as_str(), "239742");
    /// assert!(found.family.is_none());
    /// let russell = source.find_market("Russell 2000", ReportKind::Legacy, Scope::FuturesOnly, Mode::Lenient)?;
    /// assert_eq!(russell.name, "Russell 2000");
    /// assert!(russell.family.is_some());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn find_market(
        &self,
        query: &str,
        report: ReportKind,
        scope: Scope,
        mode: Mode,
    ) -> Result<MarketMatch> {
        if let Some(family) = Family::named(query) {
            return Ok(MarketMatch {
                name: family.name.clone(),
                codes: family.codes(),
                family: Some(family),
                note: None,
            });
        }
        #[cfg(feature = "api")]
        if let Some(client) = self.api_client() {
            return api_market(client, query, report, scope, mode);
        }
        self.prepare(report, scope)?;
        let (directory, _) = Directory::from_source(self, mode)?;
        let resolved = directory.resolve(query, report, scope)?;
        let note = match_note(query, &resolved);
        let best = resolved.best.market;
        Ok(MarketMatch {
            name: best.short_name(),
            family: None,
            codes: vec![best.code],
            note,
        })
    }
}

/// What a name matched, when it is worth a line: other markets matched
/// too, or the names cover part of the code's history.
fn match_note(query: &str, resolved: &Resolved) -> Option<String> {
    let best = &resolved.best;
    let mut text = Vec::new();
    if let Some(why) = &resolved.alias {
        text.push(format!(
            "{query:?} is {} {} ({why}; from the crate's table of common names)",
            best.market.code,
            best.market.short_name()
        ));
    } else if best.market.code.as_str() != query.trim().to_ascii_uppercase() {
        text.push(format!(
            "{query:?} is {} {} (the best match by name, then by open interest)",
            best.market.code,
            best.market.short_name()
        ));
    }
    if !resolved.others.is_empty() {
        text.push(also_matches(
            resolved
                .others
                .iter()
                .map(|m| format!("{} {}", m.market.code, m.market.short_name())),
        ));
    }
    if let Some(note) = &best.note {
        text.push(note.clone());
    }
    (!text.is_empty()).then(|| text.join("; ") + ".")
}

/// "it also matches A, B and 3 more; ask for another by its code"
fn also_matches(others: impl ExactSizeIterator<Item = String>) -> String {
    let total = others.len();
    let shown: Vec<String> = others.take(6).collect();
    let more = total.saturating_sub(shown.len());
    format!(
        "it also matches {}{}; ask for another by its code",
        shown.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    )
}

/// A market through the API: a code as given, or the code whose name holds
/// the words in the dataset's last 400 days (the one with the most rows).
#[cfg(feature = "api")]
fn api_market(
    client: &crate::api::ApiClient,
    query: &str,
    report: ReportKind,
    scope: Scope,
    mode: Mode,
) -> Result<MarketMatch> {
    use crate::api::{Dataset, Query};
    let dataset = Dataset::new(report, scope).ok_or_else(|| {
        Error::from(ErrorKind::ScopeNotPublished {
            report,
            scope,
            api: true,
        })
    })?;
    let today = crate::source::download::Downloader::new().current_date();
    let since = today - chrono::Duration::days(400);
    // A code as given, the crate's common name's code, or the words.
    let alias = aliases::alias(query);
    let code = query
        .trim()
        .parse::<ContractMarketCode>()
        .ok()
        .or_else(|| alias.and_then(|a| a.code.parse().ok()));
    let api_query = match code {
        Some(code) => Query::new().codes([code]).from(since),
        None => Query::new().name_contains(query).from(since),
    };
    let read = client.fetch(dataset, &api_query, mode)?;
    let mut seen: Vec<(ContractMarketCode, String, usize)> = Vec::new();
    for row in &read.rows {
        let m = row.record.market();
        match seen.iter_mut().find(|(c, _, _)| *c == m.code) {
            Some(entry) => entry.2 += 1,
            None => seen.push((m.code, m.contract_name().to_string(), 1)),
        }
    }
    seen.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut found = seen.into_iter();
    let Some((best, name, _)) = found.next() else {
        return Err(Error::from(ErrorKind::UnknownMarket {
            query: query.to_string(),
            report,
            scope,
            searched: format!("the last 400 days of CFTC's API (dataset {dataset}, since {since})"),
            former_names: Vec::new(),
            elsewhere: Vec::new(),
        }));
    };
    let note = match alias {
        Some(a) if a.code == best.as_str() => Some(format!(
            "{query:?} is {best} {name} ({}; from the crate's table of common names); ask for another by its code.",
            a.why
        )),
        _ => (found.len() > 0).then(|| {
            format!(
                "{query:?} is {best} {name}; {}.",
                also_matches(found.map(|(c, n, _)| format!("{c} {n}")))
            )
        }),
    };
    Ok(MarketMatch {
        name,
        family: None,
        codes: vec![best],
        note,
    })
}
