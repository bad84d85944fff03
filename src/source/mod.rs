//! Where records come from: a list of files, a directory, or the download
//! cache, all read the same way.
//!
//! A [`Source`] names the inputs; [`Source::load`] reads the ones of one
//! report and scope with one [`ReaderBuilder`] (strict or lenient, filtered
//! or not), merges them (newer files win) and accounts for every input:
//! each file read with its [`ReadSummary`], each file left out with the
//! reason ([`SkipReason`]), and, for the cache, each archive the server does
//! not have.
//!
//! ```
//! use cftc_cot::read::{Filter, ReaderBuilder};
//! use cftc_cot::source::{SkipReason, Source};
//! use cftc_cot::{ReportKind, Scope};
//!
//! let builder = ReaderBuilder::new().lenient().filter(Filter::codes(["239742"])?);
//! let loaded = Source::dir("data-samples").load(&builder, ReportKind::Tff, Scope::FuturesOnly)?;
//! assert!(!loaded.merged.records.is_empty());
//! // Every other file under the directory is named, with the reason.
//! for skipped in &loaded.skipped {
//!     println!("{skipped}");
//! }
//! assert!(loaded.skipped.iter().any(|s| matches!(s.reason, SkipReason::OtherReport { .. })));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod directory;
#[cfg(feature = "download")]
#[cfg_attr(docsrs, doc(cfg(feature = "download")))]
pub mod download;
mod index;
pub mod merge;
pub mod reconcile;

use std::collections::HashSet;
use std::fmt;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::read::{Mode, ReadSummary, Reader, ReaderBuilder};
use crate::records::{CotRecord, ReportKind, Scope};
use crate::source::merge::{Merged, Merger};

/// The file extensions a directory walk takes.
pub const DATA_EXTENSIONS: [&str; 5] = ["txt", "csv", "zip", "xls", "xlsx"];

/// Inputs of COT records. See the [module docs](self).
#[derive(Debug, Clone)]
pub struct Source {
    inputs: Inputs,
    years: Option<RangeInclusive<i32>>,
    index: Option<PathBuf>,
    /// For the cache: read each archive's vintage current at this moment.
    vintages_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone)]
enum Inputs {
    Paths(Vec<PathBuf>),
    #[cfg(feature = "download")]
    Cache(Box<crate::source::download::Downloader>),
    #[cfg(feature = "api")]
    Api(Box<crate::api::ApiClient>),
}

impl Source {
    /// Files and directories (walked recursively; see [`Source::dir`]).
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::{ReportKind, Scope};
    /// let source = Source::paths(["data-samples/legacy_futures_only.txt", "data-samples/deacot2025_sample.zip"]);
    /// let loaded = source.load(&ReaderBuilder::new(), ReportKind::Legacy, Scope::FuturesOnly)?;
    /// // The two hold the same weeks: merged, one record per market and week.
    /// assert_eq!(loaded.merged.records.len(), 24);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn paths<P: Into<PathBuf>>(paths: impl IntoIterator<Item = P>) -> Self {
        Source {
            inputs: Inputs::Paths(paths.into_iter().map(Into::into).collect()),
            years: None,
            index: None,
            vintages_at: None,
        }
    }

    /// Every `.txt`, `.csv`, `.zip`, `.xls` and `.xlsx` file under a
    /// directory, recursively. Directory symlinks are not followed (two
    /// links to `.` would make the walk endless), a file reached twice is
    /// read once, and only regular files are opened (a FIFO named `*.txt`
    /// would block a reader forever).
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::{ReportKind, Scope};
    /// let loaded = Source::dir("data-samples").load(&ReaderBuilder::new().lenient(), ReportKind::Tff, Scope::FuturesOnly)?;
    /// assert!(!loaded.read.is_empty());
    /// // Files of other reports are left out, each with its reason.
    /// assert!(!loaded.skipped.is_empty());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn dir(path: impl Into<PathBuf>) -> Self {
        Source::paths([path.into()])
    }

    /// The download cache: [`load`](Self::load) first makes the report's
    /// archives available with
    /// [`Downloader::ensure_report`](crate::source::download::Downloader::ensure_report)
    /// (offline, the cache alone), then reads them.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::download::Downloader;
    /// use cftc_cot::{ErrorKind, ReportKind, Scope};
    /// let empty = std::env::temp_dir().join("cftc-cot-doc-empty-cache");
    /// let source = Source::cache(Downloader::new().cache_dir(&empty).offline(true)).years(2024..=2024);
    /// // Offline with nothing cached: an error that names what is missing.
    /// let err = source.load(&ReaderBuilder::new(), ReportKind::Legacy, Scope::FuturesOnly).unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::Offline { .. }));
    /// assert!(err.is_unreachable());
    /// ```
    #[cfg(feature = "download")]
    #[cfg_attr(docsrs, doc(cfg(feature = "download")))]
    pub fn cache(downloader: crate::source::download::Downloader) -> Self {
        let index = Some(downloader.cache_path().join("index"));
        Source {
            inputs: Inputs::Cache(Box::new(downloader)),
            years: None,
            index,
            vintages_at: None,
        }
    }

    /// The source as it could be read at `moment`: the download cache reads
    /// each archive's copy that was current then (its
    /// [vintage](crate::source::download::Downloader::vintages); the oldest
    /// copy held when every copy is later, which [`Loaded::vintages`] says);
    /// files and the API are read as they are. `None`: the current copies.
    ///
    /// ```
    /// use cftc_cot::records::calendar::parse_moment;
    /// use cftc_cot::source::Source;
    /// let source = Source::dir("data-samples").as_known_at(parse_moment("2020-01-01").ok());
    /// # let _ = source;
    /// ```
    pub fn as_known_at(mut self, moment: Option<chrono::DateTime<chrono::Utc>>) -> Self {
        self.vintages_at = moment;
        self
    }

    /// CFTC's public-reporting API (feature `api`): [`load`](Self::load)
    /// asks the report's dataset for the reader's codes and dates (a
    /// reader without codes asks for the whole dataset) and reads the
    /// answer as it would a file, listed in [`Loaded::read`] under its URL.
    /// Only `load` is available: the API is not a set of files to
    /// [`scan`](Self::scan).
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::{ReportKind, Scope};
    /// let empty = std::env::temp_dir().join("cftc-cot-doc-empty-api-cache");
    /// let source = Source::api(ApiClient::new().cache_dir(&empty).offline(true));
    /// // Offline with nothing cached: no request, an error.
    /// assert!(source.load(&ReaderBuilder::new(), ReportKind::Tff, Scope::FuturesOnly).is_err());
    /// ```
    #[cfg(feature = "api")]
    #[cfg_attr(docsrs, doc(cfg(feature = "api")))]
    pub fn api(client: crate::api::ApiClient) -> Self {
        Source {
            inputs: Inputs::Api(Box::new(client)),
            years: None,
            index: None,
            vintages_at: None,
        }
    }

    /// The API client, for a source made with [`api`](Self::api).
    #[cfg(feature = "api")]
    pub(crate) fn api_client(&self) -> Option<&crate::api::ApiClient> {
        match &self.inputs {
            Inputs::Api(client) => Some(client),
            _ => None,
        }
    }

    /// Keeps only the rows dated in these years (and, for the cache, asks
    /// only for the archives covering them; by default from the report's
    /// first archive to the current year).
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::{ReportKind, Scope};
    /// let all = Source::dir("data-samples").years(2025..=2025)
    ///     .load(&ReaderBuilder::new().lenient(), ReportKind::Legacy, Scope::FuturesOnly)?;
    /// let none = Source::dir("data-samples").years(2020..=2021)
    ///     .load(&ReaderBuilder::new().lenient(), ReportKind::Legacy, Scope::FuturesOnly)?;
    /// assert!(!all.merged.records.is_empty());
    /// assert!(none.merged.records.is_empty());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn years(mut self, years: RangeInclusive<i32>) -> Self {
        self.years = Some(years);
        self
    }

    /// Keeps the [market directory](crate::source::directory)'s index of
    /// this source in `dir`: what each input holds (per code: names,
    /// reports, scopes, dates, latest open interest), so that the next
    /// [`Directory::from_source`](crate::source::directory::Directory::from_source)
    /// opens only the inputs that are new or changed (by size and
    /// modification time, then by content) and, when none is, reads one
    /// file. Sources share a directory safely; the cache's index is in
    /// its `index/` directory unless set here. A source limited to some
    /// [`years`](Self::years) does not use an index.
    ///
    /// ```
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::directory::Directory;
    /// let index = std::env::temp_dir().join(format!("cftc-cot-doc-index-{}", std::process::id()));
    /// let source = Source::dir("data-samples").index_dir(&index);
    /// let (cold, _) = Directory::from_source(&source, Mode::Lenient)?;
    /// let (warm, _) = Directory::from_source(&source, Mode::Lenient)?;
    /// assert_eq!(cold.markets(), warm.markets());
    /// let summary = warm.index_summary().unwrap();
    /// assert_eq!(summary.files_read, 0);
    /// assert!(summary.files_from_index > 0);
    /// # std::fs::remove_dir_all(&index).ok();
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn index_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.index = Some(dir.into());
        self
    }

    /// No index: every [market directory](crate::source::directory) of this
    /// source reads its inputs.
    ///
    /// ```
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::source::directory::Directory;
    /// let (directory, _) = Directory::from_source(&Source::dir("data-samples").no_index(), Mode::Lenient)?;
    /// assert!(directory.index_summary().is_none());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn no_index(mut self) -> Self {
        self.index = None;
        self
    }

    /// Where the directory's index is kept, when it is used: not for a
    /// source limited to some years.
    pub(crate) fn index_store(&self) -> Option<index::Store> {
        match (&self.index, &self.years) {
            (Some(dir), None) => Some(index::Store::new(dir.clone())),
            _ => None,
        }
    }

    /// What the source is, for its index: its paths made absolute, or the
    /// cache's directory.
    pub(crate) fn identity(&self) -> String {
        match &self.inputs {
            Inputs::Paths(paths) => {
                let mut keys: Vec<String> = paths.iter().map(|p| index::key(p)).collect();
                keys.sort();
                format!("files\n{}", keys.join("\n"))
            }
            #[cfg(feature = "download")]
            Inputs::Cache(d) => format!("cache\n{}", index::key(d.cache_path())),
            #[cfg(feature = "api")]
            Inputs::Api(c) => format!("api\n{}", c.base()),
        }
    }

    /// Reads every input of one report and scope with `builder` and merges
    /// the records: files are merged in order of the last date they hold
    /// (then path), so a file covering later weeks is newer and its values
    /// win; the cache's archives in the downloader's order (multi-year
    /// archive first).
    ///
    /// Files that are not COT files, or of another report or scope, are
    /// skipped with the reason. A file that fails while being read (a broken
    /// zip, an I/O error, a bad row in strict mode) is an error in strict
    /// mode and a skip, with the error, in lenient mode.
    ///
    /// ```
    /// use cftc_cot::read::{Filter, ReaderBuilder};
    /// use cftc_cot::source::Source;
    /// use cftc_cot::{ReportKind, Scope};
    /// let builder = ReaderBuilder::new().lenient().filter(Filter::codes(["088691"])?);
    /// let loaded = Source::dir("data-samples").load(&builder, ReportKind::Disaggregated, Scope::FuturesOnly)?;
    /// assert!(loaded.merged.records.iter().all(|r| r.code().as_str() == "088691"));
    /// for read in &loaded.read {
    ///     println!("{}: {}", read.path.display(), read.summary);
    /// }
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn load(&self, builder: &ReaderBuilder, kind: ReportKind, scope: Scope) -> Result<Loaded> {
        #[cfg(feature = "api")]
        if let Inputs::Api(client) = &self.inputs {
            return self.load_api(client, builder, kind, scope);
        }
        let mut loaded = Loaded {
            source: self.to_string(),
            ..Loaded::default()
        };
        let mut batches = Vec::new();
        loaded.not_available = self.walk(
            builder,
            Some((kind, scope)),
            Workers::Parallel,
            |builder, path| read_one(builder, path, kind, scope),
            |path, read| {
                match read {
                    FileRead::Records(batch, report) => {
                        let last_date = batch.iter().map(CotRecord::date).max();
                        batches.push((last_date, path, batch, report));
                    }
                    FileRead::Skipped(reason) => loaded.skipped.push(SkippedInput { path, reason }),
                }
                Ok(())
            },
        )?;
        if !self.is_cache() {
            batches.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        }
        let mut merger = Merger::new();
        for (last_date, path, batch, report) in batches {
            merger.add(batch);
            loaded.read.push(InputRead {
                path,
                last_date,
                summary: report,
            });
        }
        loaded.merged = merger.finish();
        loaded.vintages = self.vintage_notes(&loaded.read);
        Ok(loaded)
    }

    /// For the download cache: each archive `loaded` read whose latest
    /// copy restated the one before it in the rows of `codes`, in a
    /// sentence (how many values changed, rows added within the earlier
    /// copy's span or removed; weeks published since are no revision).
    /// Empty for other sources and for archives with one copy. A copy that
    /// cannot be read is passed over.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::{ReportKind, Scope};
    /// let source = Source::dir("data-samples");
    /// let loaded = source.load(&ReaderBuilder::new(), ReportKind::Tff, Scope::FuturesOnly)?;
    /// assert!(source.revisions_touching(&loaded, &[]).is_empty());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn revisions_touching(
        &self,
        loaded: &Loaded,
        codes: &[crate::records::ContractMarketCode],
    ) -> Vec<String> {
        #[cfg(feature = "download")]
        if let Inputs::Cache(downloader) = &self.inputs {
            return loaded
                .read
                .iter()
                .filter_map(|r| {
                    let name = r.path.file_name()?.to_str()?;
                    if downloader.vintages(name).len() < 2 {
                        return None;
                    }
                    let filter = crate::read::Filter::all().with_codes(codes.iter().copied());
                    let rev = downloader.revisions_of(name, None, None, &filter).ok()?;
                    // New weeks appended to a current year are no revision.
                    let (values, added, removed) = rev.restated(|code| codes.contains(code));
                    (values + removed + added > 0).then(|| {
                        format!(
                            "CFTC revised {name}: the copy fetched {} differs from the one of {} \
                             in this market's rows ({values} values changed, {added} rows added, \
                             {removed} removed); the revisions of {name} list them",
                            rev.to.fetched.format("%Y-%m-%d %H:%M UTC"),
                            rev.from.fetched.format("%Y-%m-%d %H:%M UTC"),
                        )
                    })
                })
                .collect();
        }
        let _ = (loaded, codes);
        Vec::new()
    }

    /// What [`Loaded::vintages`] says: for each archive of a cache read as
    /// known at a moment, the copy read.
    fn vintage_notes(&self, read: &[InputRead]) -> Vec<String> {
        #[cfg(feature = "download")]
        if let (Inputs::Cache(downloader), Some(moment)) = (&self.inputs, self.vintages_at) {
            let when =
                |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d %H:%M UTC").to_string();
            return read
                .iter()
                .filter_map(|r| {
                    let name = r.path.file_name()?.to_str()?;
                    let archive = r.path.parent()?.file_name()?.to_str()?;
                    let held = downloader.vintages(archive);
                    let Some(v) = held.iter().find(|v| v.digest == name) else {
                        return Some(format!(
                            "{name}: the current copy (no earlier copy is kept in the cache)"
                        ));
                    };
                    let modified = v
                        .last_modified
                        .as_deref()
                        .map_or(String::new(), |l| format!(", Last-Modified {l}"));
                    Some(if v.fetched <= moment {
                        format!(
                            "{archive}: the copy fetched {}{modified}, current at the moment asked",
                            when(v.fetched)
                        )
                    } else {
                        format!(
                            "{archive}: the oldest copy held, fetched {}{modified}, after the moment asked: \
                             it may hold revisions CFTC made since",
                            when(v.fetched)
                        )
                    })
                })
                .collect();
        }
        let _ = read;
        Vec::new()
    }

    /// The files this source would read, without reading them (for the
    /// cache: the files in it now, without requests).
    ///
    /// ```
    /// use cftc_cot::source::Source;
    /// let files = Source::dir("data-samples").files()?;
    /// assert!(files.iter().any(|f| f.ends_with("tff_futures_only.txt")));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn files(&self) -> Result<Vec<PathBuf>> {
        self.resolve(&ReaderBuilder::new(), None)
            .map(|(files, _, _)| files)
    }

    /// Makes the inputs of one report and scope available without reading
    /// them: for the cache, downloads what is missing or stale (so that a
    /// [`scan`](Self::scan) of the cache sees them); nothing for files.
    ///
    /// ```
    /// use cftc_cot::source::Source;
    /// use cftc_cot::{ReportKind, Scope};
    /// // Files need nothing; the cache would fetch what is missing.
    /// Source::dir("data-samples").prepare(ReportKind::Tff, Scope::FuturesOnly)?;
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn prepare(&self, kind: ReportKind, scope: Scope) -> Result<()> {
        self.resolve(&ReaderBuilder::new(), Some((kind, scope)))
            .map(|_| ())
    }

    /// Opens every input of any report and scope and hands each reader to
    /// `per_file` (in parallel, results in input order), for work that
    /// streams records without keeping them, such as the
    /// [market directory](crate::source::directory). Inputs that are not COT files
    /// are skipped with the reason; a reader's failure is handled as in
    /// [`load`](Self::load). The cache is read as it is, without requests.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::source::Source;
    /// // Count the rows of every COT file, whatever its report, without keeping them.
    /// let scanned = Source::dir("data-samples").scan(&ReaderBuilder::new().lenient(), |_, reader| {
    ///     Ok(reader.count())
    /// })?;
    /// println!("{scanned:?}");
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn scan<T: Send>(
        &self,
        builder: &ReaderBuilder,
        per_file: impl Fn(&Path, Reader<crate::read::Input>) -> Result<T> + Sync,
    ) -> Result<Scanned<T>> {
        let lenient = builder.read_mode() == Mode::Lenient;
        let mut scanned = Scanned {
            source: self.to_string(),
            files: Vec::new(),
            skipped: Vec::new(),
        };
        self.walk(
            builder,
            None,
            Workers::Parallel,
            |builder, path| match open(builder, path)? {
                Opened::Reader(reader) => match per_file(path, *reader) {
                    Ok(t) => Ok(Ok(t)),
                    Err(e) if lenient => Ok(Err(SkipReason::Unreadable(e))),
                    Err(e) => Err(e),
                },
                Opened::Skipped(reason) => Ok(Err(reason)),
            },
            |path, result| {
                match result {
                    Ok(t) => scanned.files.push((path, t)),
                    Err(reason) => scanned.skipped.push(SkippedInput { path, reason }),
                }
                Ok(())
            },
        )?;
        Ok(scanned)
    }

    fn is_cache(&self) -> bool {
        self.kind_name() == "cache"
    }

    /// What kind of source this is, in one word: `files`, `cache` (CFTC's
    /// archives through the download cache) or `api`.
    ///
    /// ```
    /// use cftc_cot::source::Source;
    /// assert_eq!(Source::dir("data-samples").kind_name(), "files");
    /// ```
    pub fn kind_name(&self) -> &'static str {
        match &self.inputs {
            Inputs::Paths(_) => "files",
            #[cfg(feature = "download")]
            Inputs::Cache(_) => "cache",
            #[cfg(feature = "api")]
            Inputs::Api(_) => "api",
        }
    }

    /// [`load`](Self::load) from the API: one query of the report's
    /// dataset, the answer filtered and merged like a file's records.
    #[cfg(feature = "api")]
    fn load_api(
        &self,
        client: &crate::api::ApiClient,
        builder: &ReaderBuilder,
        kind: ReportKind,
        scope: Scope,
    ) -> Result<Loaded> {
        use crate::api::{Dataset, Query};
        let builder = self.with_years(builder.clone());
        let dataset = Dataset::new(kind, scope).ok_or_else(|| {
            Error::from(ErrorKind::ScopeNotPublished {
                report: kind,
                scope,
                api: true,
            })
        })?;
        let filter = builder.get_filter();
        let mut query = Query::new();
        if let Some(codes) = filter.code_list() {
            query = query.codes(codes.iter().copied());
        }
        let (from, to) = filter.date_range();
        if let Some(d) = from {
            query = query.from(d);
        }
        if let Some(d) = to {
            query = query.to(d);
        }
        let read = client.fetch(dataset, &query, builder.read_mode())?;
        let api = read.summary;
        let mut records = Vec::with_capacity(read.rows.len());
        let mut filtered_out = 0;
        for row in read.rows {
            let r = row.record;
            if filter.matches_code(&r.code()) && filter.matches_date(r.date()) {
                records.push(r);
            } else {
                filtered_out += 1;
            }
        }
        let mut report = api
            .decoding
            .read_summary(&api.url, records.len() as u64, filtered_out);
        if let Some(why) = &api.stale {
            report.warnings.push(format!(
                "answered from the cached copy of the API's answer: it could not be refreshed ({why})"
            ));
        }
        let last_date = records.iter().map(CotRecord::date).max();
        let conflicting = reconcile::conflicting(&records);
        let mut merger = Merger::new();
        merger.add(records);
        Ok(Loaded {
            source: self.to_string(),
            conflicting,
            merged: merger.finish(),
            read: vec![InputRead {
                path: PathBuf::from(&api.url),
                last_date,
                summary: report,
            }],
            skipped: Vec::new(),
            not_available: Vec::new(),
            vintages: Vec::new(),
        })
    }

    fn with_years(&self, builder: ReaderBuilder) -> ReaderBuilder {
        let Some(years) = &self.years else {
            return builder;
        };
        let filter = builder.get_filter().clone();
        let first = NaiveDate::from_ymd_opt(*years.start(), 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(*years.end(), 12, 31).unwrap_or(NaiveDate::MAX);
        let (from, to) = filter.date_range();
        let filter = filter
            .from(from.map_or(first, |d| d.max(first)))
            .to(to.map_or(last, |d| d.min(last)));
        builder.filter(filter)
    }

    /// The one walk over a source's inputs, under loading, scanning and
    /// export: resolves the inputs (for the cache, the report's archives in
    /// the source's years, downloaded as needed), applies the years to the
    /// builder, `read`s each input (in parallel, or one at a time so that
    /// memory holds one input) and hands each result to `take` in input
    /// order. Returns the archives the server lacks.
    pub(crate) fn walk<T: Send>(
        &self,
        builder: &ReaderBuilder,
        want: Option<(ReportKind, Scope)>,
        workers: Workers,
        read: impl Fn(&ReaderBuilder, &Path) -> Result<T> + Sync,
        mut take: impl FnMut(PathBuf, T) -> Result<()>,
    ) -> Result<Vec<String>> {
        let (inputs, not_available, builder) = self.resolve(builder, want)?;
        let builder = self.with_years(builder);
        match workers {
            Workers::Parallel => {
                let results = map_inputs(&inputs, |p| p.as_path(), |path| read(&builder, path));
                for (path, result) in inputs.into_iter().zip(results) {
                    take(path, result?)?;
                }
            }
            Workers::OneAtATime => {
                for path in inputs {
                    let result = read(&builder, &path)?;
                    take(path, result)?;
                }
            }
        }
        Ok(not_available)
    }

    /// The files to read, the archives the server lacks, and the builder
    /// to read them with.
    fn resolve(
        &self,
        builder: &ReaderBuilder,
        want: Option<(ReportKind, Scope)>,
    ) -> Result<(Vec<PathBuf>, Vec<String>, ReaderBuilder)> {
        // Only the cache needs to know the report: it asks for its archives.
        let _ = &want;
        match &self.inputs {
            Inputs::Paths(paths) => Ok((collect_files(paths)?, Vec::new(), builder.clone())),
            #[cfg(feature = "download")]
            Inputs::Cache(downloader) => {
                let Some((kind, scope)) = want else {
                    let dir = downloader.cache_path().to_path_buf();
                    let files = if dir.is_dir() {
                        collect_files(&[dir])?
                    } else {
                        Vec::new()
                    };
                    // As known at a moment, each archive's copy current then.
                    let files = files
                        .into_iter()
                        .map(|file| {
                            let (Some(moment), Some(name)) =
                                (self.vintages_at, file.file_name().and_then(|n| n.to_str()))
                            else {
                                return file;
                            };
                            downloader.copy_at(name, moment).unwrap_or(file.clone())
                        })
                        .collect();
                    return Ok((files, Vec::new(), builder.clone()));
                };
                let years = match &self.years {
                    Some(y) => y.clone(),
                    None => {
                        use chrono::Datelike;
                        crate::source::download::first_year(kind, scope)
                            ..=downloader.current_date().year()
                    }
                };
                let ensured = downloader.ensure_report(kind, scope, years)?;
                // CFTC's own names tell the scope of a legacy archive, but a
                // mirror's may not: the cache knows what it asked for.
                let builder = builder
                    .clone()
                    .kind(kind)
                    .scope(scope)
                    .member_limit(downloader.member_limit());
                let paths = ensured
                    .archives
                    .into_iter()
                    .map(|a| match self.vintages_at {
                        Some(moment) => downloader
                            .copy_at(&a.archive.file_name(), moment)
                            .unwrap_or(a.path),
                        None => a.path,
                    })
                    .collect();
                Ok((
                    paths,
                    ensured.missing.iter().map(|(a, _)| a.file_name()).collect(),
                    builder,
                ))
            }
            #[cfg(feature = "api")]
            Inputs::Api(_) => match want {
                Some(_) => Ok((Vec::new(), Vec::new(), builder.clone())),
                None => Err(Error::from(ErrorKind::Unsupported {
                    what: "listing the markets of the API source",
                    why: "the API source is read one report at a time (histories, screens, \
                          exports, reconciliations); list markets from files or the download \
                          cache",
                })),
            },
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inputs {
            Inputs::Paths(paths) => {
                let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                f.write_str(&shown.join(", "))
            }
            #[cfg(feature = "download")]
            Inputs::Cache(d) => write!(f, "cache {}", d.cache_path().display()),
            #[cfg(feature = "api")]
            Inputs::Api(c) => write!(f, "api {}", crate::http::fetch::shown_url(c.base())),
        }
    }
}

/// What [`Source::load`] read.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The source, as text (paths, or `cache DIR`).
    pub source: String,
    /// One record per (code, date, report, scope), newest file winning.
    pub merged: Merged,
    /// The files read, in merge order (older coverage first).
    pub read: Vec<InputRead>,
    /// The files left out, and why.
    pub skipped: Vec<SkippedInput>,
    /// Archives the server does not have (a year not yet published, or a
    /// file a mirror lacks), by file name.
    pub not_available: Vec<String>,
    /// Rows the source gave twice with different values (the API can), by
    /// key: the merge kept one of them, and which one is right cannot be
    /// told. [`reconcile`] lists them.
    pub conflicting: Vec<crate::records::RecordKey>,
    /// For a cache read [as known at](Source::as_known_at) a moment: which
    /// copy of each archive was read, in a sentence each.
    pub vintages: Vec<String>,
}

impl Loaded {
    /// Bad rows skipped by a lenient reader, over every file read.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::source::Source;
    /// use cftc_cot::{ReportKind, Scope};
    /// let loaded = Source::dir("data-samples").load(&ReaderBuilder::new().lenient(), ReportKind::Legacy, Scope::FuturesOnly)?;
    /// assert_eq!(loaded.rows_skipped(), 0);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn rows_skipped(&self) -> u64 {
        self.read.iter().map(|r| r.summary.skipped).sum()
    }
}

/// One file read by [`Source::load`].
#[derive(Debug, Serialize)]
pub struct InputRead {
    /// The file.
    pub path: PathBuf,
    /// The last date of the records kept from it.
    pub last_date: Option<NaiveDate>,
    /// Rows, records, filtered and skipped rows.
    pub summary: ReadSummary,
}

/// One input left out, and why.
#[derive(Debug, Serialize)]
pub struct SkippedInput {
    /// The file.
    pub path: PathBuf,
    /// Why.
    #[serde(serialize_with = "as_text")]
    pub reason: SkipReason,
}

impl fmt::Display for SkippedInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

fn as_text<T: fmt::Display, S: Serializer>(
    value: &T,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// Why an input was left out.
#[derive(Debug)]
#[non_exhaustive]
pub enum SkipReason {
    /// Not a COT file, zip or workbook: another file format, a re-export
    /// with other columns, a workbook without a COT sheet, an empty file.
    NotCot(Error),
    /// A COT file of another report or scope than asked for.
    OtherReport {
        /// Its report.
        kind: ReportKind,
        /// Its scope.
        scope: Scope,
    },
    /// An Excel workbook of another report than asked for, known by the
    /// width of its cells without decoding it
    /// ([`workbook_report_hint`](crate::read::workbook_report_hint)); its
    /// scope was not read.
    OtherReportWorkbook {
        /// Its report.
        kind: ReportKind,
    },
    /// A COT file that failed while being read (lenient mode only; strict
    /// mode returns the error).
    Unreadable(Error),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::NotCot(e) => match e.kind() {
                ErrorKind::UnknownLayout { problem, .. } => write!(f, "not a COT file: {problem}"),
                _ => write!(f, "not a COT file: {}", without_source(e)),
            },
            SkipReason::OtherReport { kind, scope } => {
                write!(f, "another report: {kind} {scope}")
            }
            SkipReason::OtherReportWorkbook { kind } => {
                write!(f, "another report: a {kind} workbook (by its width)")
            }
            SkipReason::Unreadable(e) => write!(f, "unreadable: {}", without_source(e)),
        }
    }
}

/// An error's text without the file name the skip already shows.
fn without_source(e: &Error) -> String {
    let text = e.to_string();
    match text.split_once(": ") {
        Some((_, rest)) if !rest.is_empty() => rest.to_string(),
        _ => text,
    }
}

/// What [`Source::scan`] found.
#[derive(Debug)]
pub struct Scanned<T> {
    /// The source, as text.
    pub source: String,
    /// Each COT file with what `per_file` made of it, in path order.
    pub files: Vec<(PathBuf, T)>,
    /// The inputs left out, and why.
    pub skipped: Vec<SkippedInput>,
}

enum Opened {
    Reader(Box<Reader<crate::read::Input>>),
    Skipped(SkipReason),
}

fn open(builder: &ReaderBuilder, path: &Path) -> Result<Opened> {
    match builder.from_path(path) {
        Ok(r) => Ok(Opened::Reader(Box::new(r))),
        Err(e) if e.is_not_cot() => Ok(Opened::Skipped(SkipReason::NotCot(e))),
        Err(e) if builder.read_mode() == Mode::Lenient => {
            Ok(Opened::Skipped(SkipReason::Unreadable(e)))
        }
        Err(e) => Err(e),
    }
}

/// One input read for one report and scope, or why it was left out.
/// How many inputs a [walk](Source::walk) reads at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Workers {
    /// On the crate's worker pool, results kept in input order.
    Parallel,
    /// One at a time, each handed on before the next is read (the Parquet
    /// export's streaming walk).
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    OneAtATime,
}

pub(crate) enum FileRead {
    Records(Vec<CotRecord>, ReadSummary),
    Skipped(SkipReason),
}

/// Reads one input if it is a file of `kind` and `scope`; the one place
/// that decides why an input is left out, for [`Source::load`] and the
/// Parquet export.
pub(crate) fn read_one(
    builder: &ReaderBuilder,
    path: &Path,
    kind: ReportKind,
    scope: Scope,
) -> Result<FileRead> {
    // A workbook of another report is not decoded whole just to learn that.
    let limit = builder
        .get_member_limit()
        .unwrap_or(crate::read::DEFAULT_WORKBOOK_LIMIT);
    if let Some(other) = crate::read::workbook_report_hint(path, limit)
        && other != kind
    {
        return Ok(FileRead::Skipped(SkipReason::OtherReportWorkbook {
            kind: other,
        }));
    }
    let reader = match open(builder, path)? {
        Opened::Reader(r) => *r,
        Opened::Skipped(reason) => return Ok(FileRead::Skipped(reason)),
    };
    let file_scope = reader.scope().0;
    if reader.kind() != kind || file_scope != scope {
        return Ok(FileRead::Skipped(SkipReason::OtherReport {
            kind: reader.kind(),
            scope: file_scope,
        }));
    }
    match reader.read_all() {
        Ok((batch, report)) => Ok(FileRead::Records(batch, report)),
        Err(e) if builder.read_mode() == Mode::Lenient => {
            Ok(FileRead::Skipped(SkipReason::Unreadable(e)))
        }
        Err(e) => Err(e),
    }
}

/// `read` over inputs, results in the inputs' order: workbooks (an `.xls`
/// or `.xlsx`, bare or zipped) one at a time on the calling thread, then
/// text inputs on the worker pool. A decoded workbook takes a hundred
/// megabytes or more for a moment; decoding two at once, or one on each
/// worker (each thread's allocator keeps its own peak), added up to the
/// peak of a walk over CFTC's files.
pub(crate) fn map_inputs<I: Sync, T: Send>(
    items: &[I],
    path: impl Fn(&I) -> &Path + Sync,
    read: impl Fn(&I) -> T + Sync,
) -> Vec<T> {
    type Numbered<'a, I> = Vec<(usize, &'a I)>;
    let (books, texts): (Numbered<I>, Numbered<I>) = items
        .iter()
        .enumerate()
        .partition(|(_, item)| is_workbook(path(item)));
    let mut done: Vec<(usize, T)> = books.into_iter().map(|(i, item)| (i, read(item))).collect();
    let texts_done = parallel_map(&texts, |(i, item)| (*i, read(item)));
    done.extend(texts_done);
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

/// Whether an input holds a workbook: by its name, its first bytes (the
/// OLE2 signature of an `.xls`), or, for a zip, its members' names.
fn is_workbook(path: &Path) -> bool {
    use crate::read::is_workbook_name;
    if is_workbook_name(&path.to_string_lossy()) {
        return true;
    }
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut magic = [0u8; 4];
    if std::io::Read::read_exact(&mut file, &mut magic).is_err() {
        return false;
    }
    match magic {
        [0xD0, 0xCF, 0x11, 0xE0] => true,
        [b'P', b'K', 3, 4] | [b'P', b'K', 5, 6] => zip::ZipArchive::new(file)
            .is_ok_and(|z| z.file_names().flatten().any(|n| is_workbook_name(&n))),
        _ => false,
    }
}

/// `f` over `items` on up to as many threads as the machine has cores;
/// results in the items' order. The crate's one worker pool for files.
pub(crate) fn parallel_map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, U)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            break;
                        };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, u)| u).collect()
}

/// The data files named by `paths` (directories walked), sorted, each once.
fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        let io = |source| {
            Error::from(ErrorKind::Io {
                location: Box::new(Location::input(path.display().to_string(), None)),
                source,
            })
        };
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.is_dir() {
            walk(path, &mut out, &mut seen).map_err(io)?;
        } else {
            // A file named explicitly is read whatever its extension, if it
            // is a regular file; anything else is refused rather than
            // opened (a FIFO would block).
            if !meta.is_file() {
                return Err(io(std::io::Error::other(
                    "not a regular file (a FIFO, socket or device is never opened)",
                )));
            }
            let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            if seen.insert(real) {
                out.push(path.clone());
            }
        }
    }
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, out, seen)?;
            continue;
        }
        let is_data = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| DATA_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        // A symlink counts as what it points to, if that is a regular file.
        let regular = std::fs::metadata(&path).is_ok_and(|m| m.is_file());
        if is_data && regular {
            let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if seen.insert(real) {
                out.push(path);
            }
        }
    }
    Ok(())
}
