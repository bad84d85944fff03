//! Downloading CFTC's archives into an offline-first cache (feature `download`).
//!
//! A [`Downloader`] knows where CFTC publishes each report ([`Archive`]),
//! keeps what it downloads in a cache directory, and never downloads a
//! finished year twice for nothing: an archive whose last year is over (and
//! whose last report is out) is served from the cache, and asked about with
//! a conditional request (ETag / Last-Modified; a `304` costs no body) once
//! a month ([`revalidate_closed_after`](Downloader::revalidate_closed_after)),
//! since CFTC has restated closed years; the current year's file at most
//! once per [`revalidate_after`](Downloader::revalidate_after). Every
//! distinct copy is kept ([`Downloader::vintages`]). Offline mode uses only
//! the cache and names what is missing.
//!
//! Nothing broken ever enters the cache: a download goes to a temporary file
//! beside it, is checked (a zip, one text member, every CRC right, within
//! the size caps, the header of the expected report), synced and renamed into
//! place. A killed process or a bad body leaves the previous copy untouched.
//!
//! ```no_run
//! use cftc_cot::source::download::Downloader;
//! use cftc_cot::read::{Filter, ReaderBuilder};
//! use cftc_cot::source::Source;
//! use cftc_cot::{ReportKind, Scope};
//!
//! // Every Russell 2000 row of the TFF futures-only report, 2006 to 2026:
//! // the downloader fills the cache, the source reads it.
//! let source = Source::cache(Downloader::from_env()).years(2006..=2026);
//! let builder = ReaderBuilder::new().lenient().filter(Filter::codes(["239742", "23977A"])?);
//! let loaded = source.load(&builder, ReportKind::Tff, Scope::FuturesOnly)?;
//! println!("{} records, {} replaced by newer files", loaded.merged.records.len(), loaded.merged.replaced);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod archives;
pub(crate) mod cache;
mod vintages;

use std::fmt;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

pub use crate::http::files::{LockHolder, default_cache_dir};
pub use crate::http::{DEFAULT_DEADLINE, USER_AGENT};
pub use archives::{Archive, HISTORY_BASE_URL, LAST_MULTI_YEAR, NEWCOT_BASE_URL, Span, first_year};
pub use vintages::{Vintage, current_at};

use crate::error::{Error, ErrorKind, Result};
use crate::http::fetch::{self, Answer, Request, Validators};
use crate::http::files::unix_seconds;
use crate::http::{deadline_from_env, http_agent};
use crate::records::{ReportKind, Scope};
use cache::{Cache, Meta, validate};

/// What changed between two copies of an archive
/// ([`Downloader::revisions`]).
#[derive(Debug, Clone, Serialize)]
pub struct Revisions {
    /// The archive's file name.
    pub archive: String,
    /// The earlier copy.
    pub from: Vintage,
    /// The later copy.
    pub to: Vintage,
    /// The last as-of date of the earlier copy: rows the later one adds
    /// after it are new reports, not restatements
    /// ([`restated`](Self::restated)).
    pub from_last_date: Option<NaiveDate>,
    /// Rows only one copy has (`only_first`: removed, `only_second`:
    /// added) and every differing value.
    pub changes: crate::source::reconcile::Reconciliation,
}

impl Revisions {
    /// What CFTC restated, as opposed to the weeks it published since the
    /// earlier copy: values changed, rows removed, and rows added within
    /// the earlier copy's span, of the rows `keep` selects (by code).
    /// `(values changed, rows added, rows removed)`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cftc_cot::records::RecordKey;
    /// use cftc_cot::source::download::{Revisions, Vintage};
    /// use cftc_cot::{ReportKind, Scope};
    /// # let v = Vintage { archive: "x.zip".into(), digest: "1-2-3".into(), fetched: chrono::DateTime::UNIX_EPOCH, last_modified: None, path: "x".into() };
    /// let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    /// let key = |d| RecordKey { code: "239742".parse().unwrap(), date: day(d), kind: ReportKind::Tff, scope: Scope::FuturesOnly };
    /// let mut r = Revisions { archive: "x.zip".into(), from: v.clone(), to: v, from_last_date: Some(day(10)), changes: Default::default() };
    /// // A week after the earlier copy's last is a new report, not a revision;
    /// // one within its span was restated.
    /// r.changes.only_second = vec![key(17), key(3)];
    /// assert_eq!(r.restated(|_| true), (0, 1, 0));
    /// ```
    pub fn restated(
        &self,
        keep: impl Fn(&crate::records::ContractMarketCode) -> bool,
    ) -> (usize, usize, usize) {
        let c = &self.changes;
        let values = c.differences.iter().filter(|d| keep(&d.key.code)).count();
        let removed = c.only_first.iter().filter(|k| keep(&k.code)).count();
        let added = c
            .only_second
            .iter()
            .filter(|k| keep(&k.code) && self.from_last_date.is_some_and(|last| k.date <= last))
            .count();
        (values, added, removed)
    }
}

/// How an archive was made available.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// Served from the cache without a request (final, or checked recently).
    Cached,
    /// The server confirmed the cached copy is current (304).
    NotModified,
    /// Downloaded (and checked) now.
    Downloaded {
        /// Bytes received.
        bytes: u64,
    },
    /// The server could not be asked (network fault, timeout, cut-off body,
    /// 5xx, 429) and the cached copy was used.
    Stale,
    /// The cached copy was damaged (a truncated zip, a body that is not the
    /// report): it was moved aside (`NAME.damaged`) and downloaded again.
    Repaired {
        /// Bytes received.
        bytes: u64,
    },
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Cached => f.write_str("cached"),
            Outcome::NotModified => f.write_str("not modified"),
            Outcome::Downloaded { bytes } => write!(f, "downloaded {bytes} bytes"),
            Outcome::Stale => f.write_str("cached copy (server unreachable)"),
            Outcome::Repaired { bytes } => write!(
                f,
                "downloaded again ({bytes} bytes): the cached copy was damaged and was moved aside"
            ),
        }
    }
}

/// An archive in the cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CachedArchive {
    /// Which archive.
    pub archive: Archive,
    /// Its path in the cache.
    pub path: PathBuf,
    /// How it got there.
    pub outcome: Outcome,
}

/// What a downloader is doing, for progress bars.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum ProgressEvent<'a> {
    /// Work on an archive begins.
    Started {
        /// The archive.
        archive: &'a Archive,
    },
    /// Bytes received so far, and the total when the server said it.
    Bytes {
        /// The archive.
        archive: &'a Archive,
        /// Bytes received.
        done: u64,
        /// `Content-Length`, if sent.
        total: Option<u64>,
    },
    /// The archive is in the cache.
    Finished {
        /// The archive.
        archive: &'a Archive,
        /// How.
        outcome: Outcome,
    },
    /// The archive could not be had.
    Failed {
        /// The archive.
        archive: &'a Archive,
        /// Why.
        error: &'a Error,
    },
    /// The cache could not be written (a read-only directory, a full
    /// disk): a note of the server's answer is lost, and the run goes on
    /// with what the cache holds.
    CacheNotWritten {
        /// The archive.
        archive: &'a Archive,
        /// Why.
        error: &'a Error,
    },
    /// Another run that shares the cache is downloading the archive: this
    /// one waits for it (and uses its copy), up to `up_to`, or until that
    /// run is gone. Sent once per wait.
    Waiting {
        /// The archive.
        archive: &'a Archive,
        /// Who holds the archive's lock.
        holder: &'a LockHolder,
        /// The longest this run will wait.
        up_to: Duration,
    },
}

/// Receives [`ProgressEvent`]s, possibly from several threads at once.
pub trait Progress: Send + Sync {
    /// Called for every event.
    fn update(&self, event: &ProgressEvent<'_>);
}

impl<F: Fn(&ProgressEvent<'_>) + Send + Sync> Progress for F {
    fn update(&self, event: &ProgressEvent<'_>) {
        self(event)
    }
}

/// The archives of one report in the cache, from
/// [`Downloader::ensure_report`].
#[derive(Debug, Default)]
pub struct Ensured {
    /// The archives in the cache, in merge order (older coverage first).
    pub archives: Vec<CachedArchive>,
    /// Archives the server does not have (404), with the error: a yearly
    /// file not yet published, or files a mirror lacks.
    pub missing: Vec<(Archive, Error)>,
}

/// Downloads and caches CFTC archives. See the [module docs](self).
#[derive(Clone)]
pub struct Downloader {
    history_base: String,
    newcot_base: String,
    cache: Cache,
    offline: bool,
    revalidate_after: Duration,
    revalidate_closed_after: Duration,
    missing_ttl: Duration,
    connect_timeout: Duration,
    read_timeout: Duration,
    deadline: Duration,
    retries: u32,
    backoff: Duration,
    max_download_bytes: u64,
    max_member_bytes: u64,
    parallel: usize,
    today: Option<NaiveDate>,
    started: std::time::Instant,
    progress: Option<Arc<dyn Progress>>,
}

impl fmt::Debug for Downloader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Downloader")
            .field("history_base", &self.history_base)
            .field("cache", &self.cache.dir)
            .field("offline", &self.offline)
            .finish_non_exhaustive()
    }
}

impl Default for Downloader {
    fn default() -> Self {
        Downloader::new()
    }
}

fn with_slash(mut url: String) -> String {
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

impl Downloader {
    /// CFTC's URLs, the platform cache directory, online.
    ///
    /// ```
    /// use cftc_cot::source::download::{Archive, Downloader};
    /// use cftc_cot::{ReportKind, Scope};
    /// let d = Downloader::new();
    /// let tff = &Archive::covering(ReportKind::Tff, Scope::FuturesOnly, 2024, 2024)[0];
    /// assert_eq!(d.url(tff), "https://www.cftc.gov/files/dea/history/fut_fin_txt_2024.zip");
    /// ```
    pub fn new() -> Self {
        Downloader {
            history_base: HISTORY_BASE_URL.into(),
            newcot_base: NEWCOT_BASE_URL.into(),
            cache: Cache {
                dir: default_cache_dir(),
            },
            offline: false,
            revalidate_after: Duration::from_secs(12 * 3600),
            revalidate_closed_after: Duration::from_secs(30 * 24 * 3600),
            missing_ttl: Duration::from_secs(7 * 24 * 3600),
            connect_timeout: Duration::from_secs(15),
            read_timeout: Duration::from_secs(60),
            deadline: DEFAULT_DEADLINE,
            retries: 3,
            backoff: Duration::from_millis(500),
            max_download_bytes: 1 << 30,
            max_member_bytes: crate::read::DEFAULT_MEMBER_LIMIT,
            parallel: 4,
            today: None,
            started: std::time::Instant::now(),
            progress: None,
        }
    }

    /// [`new`](Self::new), with `CFTC_COT_BASE_URL` (the archive directory,
    /// for mirrors and tests), `CFTC_COT_NEWCOT_URL` (the current-week
    /// directory) and `CFTC_COT_CACHE` (the cache directory) when set.
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// // CFTC_COT_BASE_URL, CFTC_COT_NEWCOT_URL and CFTC_COT_CACHE, when set.
    /// let d = Downloader::from_env();
    /// println!("cache: {}", d.cache_path().display());
    /// ```
    pub fn from_env() -> Self {
        let mut d = Downloader::new();
        if let Some(url) = std::env::var("CFTC_COT_BASE_URL")
            .ok()
            .filter(|s| !s.is_empty())
        {
            d = d.base_url(url);
        }
        if let Some(url) = std::env::var("CFTC_COT_NEWCOT_URL")
            .ok()
            .filter(|s| !s.is_empty())
        {
            d.newcot_base = with_slash(url);
        }
        if let Some(dir) = std::env::var_os("CFTC_COT_CACHE").filter(|s| !s.is_empty()) {
            d = d.cache_dir(dir);
        }
        if let Some(deadline) = deadline_from_env() {
            d = d.deadline(deadline);
        }
        d
    }

    /// The directory of the yearly and multi-year archives
    /// (default [`HISTORY_BASE_URL`]).
    ///
    /// ```
    /// use cftc_cot::source::download::{Archive, Downloader};
    /// use cftc_cot::{ReportKind, Scope};
    /// let d = Downloader::new().base_url("http://127.0.0.1:8080/mirror");
    /// let a = &Archive::covering(ReportKind::Legacy, Scope::FuturesOnly, 2025, 2025)[0];
    /// assert_eq!(d.url(a), "http://127.0.0.1:8080/mirror/deacot2025.zip");
    /// ```
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.history_base = with_slash(url.into());
        self
    }

    /// The directory of the current week's files (default [`NEWCOT_BASE_URL`]).
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// let d = Downloader::new().newcot_url("http://127.0.0.1:8080/newcot");
    /// # let _ = d;
    /// ```
    pub fn newcot_url(mut self, url: impl Into<String>) -> Self {
        self.newcot_base = with_slash(url.into());
        self
    }

    /// The cache directory (default [`default_cache_dir`]).
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// let cache = std::env::temp_dir().join("cftc-cot-doc-downloader");
    /// let d = Downloader::new().cache_dir(&cache);
    /// assert_eq!(d.cache_path(), cache.as_path());
    /// ```
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache = Cache { dir: dir.into() };
        self
    }

    /// The cache directory in use.
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// println!("{}", Downloader::new().cache_path().display());
    /// ```
    pub fn cache_path(&self) -> &std::path::Path {
        &self.cache.dir
    }

    /// Use only the cache; a missing archive is an [`ErrorKind::Offline`].
    ///
    /// ```
    /// use cftc_cot::source::download::{Archive, Downloader};
    /// use cftc_cot::{ReportKind, Scope};
    /// let cache = std::env::temp_dir().join("cftc-cot-doc-downloader");
    /// use cftc_cot::ErrorKind;
    /// let d = Downloader::new().cache_dir(&cache).offline(true);
    /// let a = &Archive::covering(ReportKind::Tff, Scope::FuturesOnly, 2011, 2011)[0];
    /// // No request: what the cache lacks is an error naming it.
    /// let err = d.ensure(a).unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::Offline { .. }));
    /// assert!(err.to_string().contains(&a.file_name()), "{err}");
    /// ```
    pub fn offline(mut self, offline: bool) -> Self {
        self.offline = offline;
        self
    }

    /// Revalidate a cached archive that may still change at most this often
    /// (default 12 hours).
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// use std::time::Duration;
    /// // Ask CFTC whether a cached current-year archive changed at most daily.
    /// let d = Downloader::new().revalidate_after(Duration::from_secs(24 * 3600));
    /// # let _ = d;
    /// ```
    pub fn revalidate_after(mut self, interval: Duration) -> Self {
        self.revalidate_after = interval;
        self
    }

    /// Ask about a closed year's archive (one that will not change unless
    /// CFTC restates it) at most this often (default 30 days): a
    /// conditional request, which costs no body when nothing changed; a
    /// changed copy becomes a new vintage beside the old. `Duration::ZERO`
    /// asks on every run (`cftc download --revalidate`).
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// use std::time::Duration;
    /// let d = Downloader::new().revalidate_closed_after(Duration::ZERO);
    /// # let _ = d;
    /// ```
    pub fn revalidate_closed_after(mut self, interval: Duration) -> Self {
        self.revalidate_closed_after = interval;
        self
    }

    /// How long a 404 for a past year is remembered (default 7 days).
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// use std::time::Duration;
    /// let d = Downloader::new().missing_ttl(Duration::from_secs(3600));
    /// # let _ = d;
    /// ```
    pub fn missing_ttl(mut self, ttl: Duration) -> Self {
        self.missing_ttl = ttl;
        self
    }

    /// Connect timeout and per-read timeout (defaults 15 s and 60 s).
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// use std::time::Duration;
    /// let d = Downloader::new().timeouts(Duration::from_secs(5), Duration::from_secs(30));
    /// # let _ = d;
    /// ```
    pub fn timeouts(mut self, connect: Duration, read: Duration) -> Self {
        self.connect_timeout = connect;
        self.read_timeout = read;
        self
    }

    /// The longest one attempt at one archive may take, from connecting to
    /// the last byte (default [`DEFAULT_DEADLINE`]; the environment variable
    /// `CFTC_COT_TIMEOUT_SECS` sets it in [`from_env`](Self::from_env)). A
    /// server that drips bytes, or promises more than it sends, is cut off
    /// here; the connect and per-read timeouts are capped by it. A timed-out
    /// attempt is retried once at most, and counts as the server being
    /// unreachable, so the other archives are served from the cache
    /// instead of each waiting out its own deadline.
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// use std::time::Duration;
    /// let d = Downloader::new().deadline(Duration::from_secs(120));
    /// # let _ = d;
    /// ```
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline.max(Duration::from_millis(1));
        self
    }

    /// Retries after a connection fault, timeout, cut-off body or 5xx, and
    /// the first backoff, doubled at each retry (defaults 3 and 500 ms).
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// use std::time::Duration;
    /// // No retry: fail fast (tests, cron jobs with their own schedule).
    /// let d = Downloader::new().retries(0, Duration::ZERO);
    /// # let _ = d;
    /// ```
    pub fn retries(mut self, retries: u32, backoff: Duration) -> Self {
        self.retries = retries;
        self.backoff = backoff;
        self
    }

    /// Caps: bytes downloaded per archive (default 1 GiB) and bytes a zip
    /// member may inflate to (default 4 GiB).
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// let d = Downloader::new().limits(200 << 20, 1 << 30);
    /// assert_eq!(d.member_limit(), 1 << 30);
    /// ```
    pub fn limits(mut self, download: u64, member: u64) -> Self {
        self.max_download_bytes = download;
        self.max_member_bytes = member;
        self
    }

    /// Downloads at once (default 4).
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// let d = Downloader::new().parallel(2);
    /// # let _ = d;
    /// ```
    pub fn parallel(mut self, n: usize) -> Self {
        self.parallel = n.max(1);
        self
    }

    /// The date taken as today (default: the system clock), which decides
    /// which years are over.
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// use cftc_cot::NaiveDate;
    /// let d = Downloader::new().today(NaiveDate::from_ymd_opt(2025, 1, 6).unwrap());
    /// assert_eq!(d.current_date().to_string(), "2025-01-06");
    /// ```
    pub fn today(mut self, date: NaiveDate) -> Self {
        self.today = Some(date);
        self
    }

    /// A progress receiver.
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// use cftc_cot::source::download::ProgressEvent;
    /// let d = Downloader::new().progress(|e: &ProgressEvent<'_>| {
    ///     if let ProgressEvent::Finished { archive, outcome } = e {
    ///         eprintln!("{} {outcome}", archive.file_name());
    ///     }
    /// });
    /// # let _ = d;
    /// ```
    pub fn progress(mut self, progress: impl Progress + 'static) -> Self {
        self.progress = Some(Arc::new(progress));
        self
    }

    /// The clock: the system's, or noon UTC of the date set with
    /// [`today`](Self::today) plus the time elapsed since (so tests and
    /// replays judge finality and freshness the same way every year).
    fn now(&self) -> SystemTime {
        match self.today.and_then(|d| d.and_hms_opt(12, 0, 0)) {
            Some(t) => {
                let secs = u64::try_from(t.and_utc().timestamp()).unwrap_or(0);
                SystemTime::UNIX_EPOCH + Duration::from_secs(secs) + self.started.elapsed()
            }
            None => SystemTime::now(),
        }
    }

    /// The date taken as today (the system clock's, in UTC, unless set
    /// with [`today`](Self::today)).
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// let today = Downloader::new().current_date();
    /// assert!(today.to_string() >= "2025-01-01".to_string());
    /// ```
    pub fn current_date(&self) -> NaiveDate {
        self.date_of(unix_seconds(self.now()))
    }

    fn date_of(&self, unix: u64) -> NaiveDate {
        chrono::DateTime::from_timestamp(i64::try_from(unix).unwrap_or(0), 0)
            .map_or(NaiveDate::MIN, |d| d.date_naive())
    }

    fn emit(&self, event: ProgressEvent<'_>) {
        if let Some(p) = &self.progress {
            p.update(&event);
        }
    }

    fn agent(&self) -> ureq::Agent {
        http_agent(self.connect_timeout, self.read_timeout, self.deadline)
    }

    /// The archive's URL.
    ///
    /// ```
    /// use cftc_cot::source::download::{Archive, Downloader};
    /// use cftc_cot::{ReportKind, Scope};
    /// let d = Downloader::new();
    /// let multi = &Archive::covering(ReportKind::Legacy, Scope::FuturesOnly, 1990, 1990)[0];
    /// assert!(d.url(multi).ends_with("deacot1986_2016.zip"));
    /// ```
    pub fn url(&self, archive: &Archive) -> String {
        archive.url(&self.history_base, &self.newcot_base)
    }

    /// Makes one archive available in the cache. See the [module docs](self)
    /// for when a request is made.
    ///
    /// ```
    /// use cftc_cot::source::download::{Archive, Downloader};
    /// use cftc_cot::{ReportKind, Scope};
    /// let cache = std::env::temp_dir().join("cftc-cot-doc-downloader");
    /// let d = Downloader::new().cache_dir(&cache).offline(true);
    /// let a = &Archive::covering(ReportKind::Legacy, Scope::Combined, 2012, 2012)[0];
    /// // Offline and not cached: an error; online, the path of the cached copy.
    /// assert!(d.ensure(a).is_err());
    /// ```
    pub fn ensure(&self, archive: &Archive) -> Result<CachedArchive> {
        self.emit(ProgressEvent::Started { archive });
        let result = self
            .ensure_quietly(archive, &self.agent())
            .map_err(fetch::without_credentials);
        match &result {
            Ok(c) => self.emit(ProgressEvent::Finished {
                archive,
                outcome: c.outcome,
            }),
            Err(error) => self.emit(ProgressEvent::Failed { archive, error }),
        }
        result
    }

    /// [`ensure`](Self::ensure) for several archives, `parallel` at a time;
    /// results in the order given.
    ///
    /// ```
    /// use cftc_cot::source::download::{Archive, Downloader};
    /// use cftc_cot::{ReportKind, Scope};
    /// let cache = std::env::temp_dir().join("cftc-cot-doc-downloader");
    /// let d = Downloader::new().cache_dir(&cache).offline(true);
    /// let plan = Archive::covering(ReportKind::Tff, Scope::Combined, 2012, 2013);
    /// let results = d.ensure_all(&plan);
    /// assert_eq!(results.len(), plan.len());
    /// ```
    pub fn ensure_all(&self, archives: &[Archive]) -> Vec<Result<CachedArchive>> {
        let next = AtomicUsize::new(0);
        // Once the server cannot be reached, the rest are served from the
        // cache only, instead of each waiting out its own retries.
        let unreachable = std::sync::Mutex::new(None::<String>);
        let mut results: Vec<Option<Result<CachedArchive>>> = Vec::new();
        results.resize_with(archives.len(), || None);
        let slots = std::sync::Mutex::new(results);
        std::thread::scope(|scope| {
            for _ in 0..self.parallel.min(archives.len()) {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(archive) = archives.get(i) else {
                            break;
                        };
                        let result = self.ensure_unless_unreachable(archive, &unreachable);
                        if let Ok(mut slots) = slots.lock()
                            && let Some(slot) = slots.get_mut(i)
                        {
                            *slot = Some(result);
                        }
                    }
                });
            }
        });
        slots
            .into_inner()
            .unwrap_or_default()
            .into_iter()
            .map(|r| {
                r.unwrap_or_else(|| {
                    Err(Error::from(ErrorKind::Network {
                        url: String::new(),
                        source: "download thread failed".into(),
                    }))
                })
            })
            .collect()
    }

    fn ensure_unless_unreachable(
        &self,
        archive: &Archive,
        unreachable: &std::sync::Mutex<Option<String>>,
    ) -> Result<CachedArchive> {
        let reason = unreachable.lock().ok().and_then(|r| r.clone());
        if let Some(reason) = reason {
            return match self.clone().offline(true).ensure(archive) {
                Err(e) if matches!(e.kind(), ErrorKind::Offline { .. }) => {
                    Err(Error::from(ErrorKind::NotTried {
                        url: self.url(archive),
                        earlier: reason,
                    }))
                }
                other => other,
            };
        }
        let result = self.ensure(archive);
        let fault = match result.as_ref().map_err(Error::kind) {
            Err(ErrorKind::Network { source, .. }) => Some(source.to_string()),
            Err(ErrorKind::Timeout { phase, .. }) => Some(format!("timed out {phase}")),
            _ => None,
        };
        if let Some(fault) = fault
            && let Ok(mut r) = unreachable.lock()
        {
            r.get_or_insert(fault);
        }
        result
    }

    fn ensure_quietly(&self, archive: &Archive, agent: &ureq::Agent) -> Result<CachedArchive> {
        let url = self.url(archive);
        let path = self.cache.path(archive);
        let cached = |outcome| CachedArchive {
            archive: archive.clone(),
            path: path.clone(),
            outcome,
        };
        let mut meta = self.cache.meta(archive);
        let mut have = self.cache.has(archive);
        // A damaged copy (truncated, or not the report it should be) is
        // moved aside and fetched again, never served or revalidated.
        let mut repaired = false;
        if have && cache::quick_check(&path, archive, self.max_member_bytes).is_err() {
            self.cache.move_aside(archive)?;
            have = false;
            meta = None;
            repaired = true;
        }
        let now = self.now();
        let today = self.current_date();
        if self.offline {
            return if have {
                Ok(cached(Outcome::Cached))
            } else if meta.as_ref().is_some_and(|m| m.missing) {
                // The server said 404 when last asked.
                Err(Error::from(ErrorKind::HttpStatus { url, status: 404 }))
            } else {
                Err(Error::from(ErrorKind::Offline {
                    missing: vec![archive.file_name()],
                }))
            };
        }
        let is_past = archive.last_year(today) < today.year();
        if let Some(m) = &meta {
            let fresh = m.age(now) < self.revalidate_after;
            let closed_checked = m.age(now) < self.revalidate_closed_after;
            let next_year_first = archive
                .next_year()
                .and_then(|next| self.cache.meta(&next))
                .and_then(|n| n.first_date);
            let is_final = archive.is_final(m.last_date, m.unchanged_on, next_year_first);
            if have && !m.missing && ((is_final && closed_checked) || fresh) {
                return Ok(cached(Outcome::Cached));
            }
            if m.missing && is_past && m.age(now) < self.missing_ttl {
                return Err(Error::from(ErrorKind::HttpStatus { url, status: 404 }));
            }
        }
        self.cache.create()?;
        self.cache.clean_parts(archive, self.deadline);
        // One download per archive across processes sharing the cache: a
        // second one waits for the first, then uses its copy.
        let on_wait = |holder: &LockHolder, up_to: Duration| {
            self.emit(ProgressEvent::Waiting {
                archive,
                holder,
                up_to,
            })
        };
        let lock = self.cache.lock(archive, self.deadline, &on_wait);
        if lock.waited {
            let fresh = self.cache.meta(archive);
            if self.cache.has(archive)
                && fresh
                    .as_ref()
                    .is_some_and(|m| !m.missing && m.age(self.now()) < self.revalidate_after)
                && cache::quick_check(&path, archive, self.max_member_bytes).is_ok()
            {
                return Ok(cached(Outcome::Cached));
            }
        }
        let validators = meta
            .as_ref()
            .filter(|m| have && !m.missing)
            .map(|m| Validators {
                etag: m.etag.clone(),
                last_modified: m.last_modified.clone(),
            });
        let temp = self.cache.temp(archive);
        let on_bytes = |done, total| {
            self.emit(ProgressEvent::Bytes {
                archive,
                done,
                total,
            })
        };
        let request = Request {
            agent,
            url: &url,
            zip: archive.is_zip(),
            conditional: validators.as_ref(),
            max_bytes: self.max_download_bytes,
            retries: self.retries,
            backoff: self.backoff,
            max_retry_after: self.deadline.min(Duration::from_secs(60)),
            on_bytes: &on_bytes,
            headers: &[],
        };
        let answer = match fetch::fetch(&request, &temp) {
            Ok(a) => a,
            // Offline first: a network fault or a server outage does not
            // hide a cached copy. (A server that answers with garbage is
            // reported: that is no passing fault.)
            Err(e)
                if have && e.is_unreachable() && !matches!(e.kind(), ErrorKind::Offline { .. }) =>
            {
                return Ok(cached(Outcome::Stale));
            }
            Err(e) => return Err(e),
        };
        let mut new_meta = Meta {
            url: url.clone(),
            checked: unix_seconds(now),
            ..Meta::default()
        };
        match answer {
            Answer::NotModified if have => {
                if let Some(m) = meta {
                    new_meta.etag = m.etag;
                    new_meta.last_modified = m.last_modified;
                    new_meta.first_date = m.first_date;
                    new_meta.last_date = m.last_date;
                }
                if new_meta.last_date.is_none() {
                    let range = cache::date_range(&path, archive, self.max_member_bytes);
                    new_meta.first_date = range.map(|r| r.0);
                    new_meta.last_date = range.map(|r| r.1);
                }
                new_meta.unchanged_on = Some(today);
                // The copy is current whether or not the note of the check
                // can be written (a read-only cache).
                if let Err(error) = self.cache.write_meta(archive, &new_meta) {
                    self.emit(ProgressEvent::CacheNotWritten {
                        archive,
                        error: &error,
                    });
                }
                Ok(cached(Outcome::NotModified))
            }
            Answer::NotModified => Err(Error::from(ErrorKind::HttpStatus { url, status: 304 })),
            Answer::NotFound => {
                // Remembered for past years (and for offline runs); a current
                // year's file is asked for again next time.
                new_meta.missing = true;
                // A cache that cannot be written (read-only) only forgets
                // the 404: it is asked again next time.
                if let Err(error) = self.cache.write_meta(archive, &new_meta) {
                    self.emit(ProgressEvent::CacheNotWritten {
                        archive,
                        error: &error,
                    });
                }
                // The yearly file of the current (or next) year appears in January.
                if archive.last_year(today) >= today.year() {
                    return Err(ErrorKind::NotYetPublished { url }.into());
                }
                Err(Error::from(ErrorKind::HttpStatus { url, status: 404 }))
            }
            Answer::Body { bytes, validators } => {
                validate(&temp.path, archive, self.max_member_bytes).map_err(|e| {
                    Error::from(ErrorKind::BadArchive {
                        url: url.clone(),
                        source: e,
                    })
                })?;
                let range = cache::date_range(&temp.path, archive, self.max_member_bytes);
                let last_date = range.map(|r| r.1);
                // The copy being replaced is kept as a vintage (once, if a
                // cache older than vintages never logged it), and so is the
                // new one: what was known before a restatement stays known.
                let store = self.vintage_store();
                let name = archive.file_name();
                if have && store.list(&name).is_empty() {
                    let since = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .map(chrono::DateTime::<chrono::Utc>::from)
                        .unwrap_or_else(|_| chrono::DateTime::<chrono::Utc>::from(now));
                    let old = meta.as_ref().and_then(|m| m.last_modified.as_deref());
                    self.keep_vintage(archive, &store, &path, since, old);
                }
                temp.install(&path)?;
                let fetched = chrono::DateTime::<chrono::Utc>::from(now);
                self.keep_vintage(
                    archive,
                    &store,
                    &path,
                    fetched,
                    validators.last_modified.as_deref(),
                );
                new_meta.first_date = range.map(|r| r.0);
                new_meta.last_date = last_date;
                // A new body that still ends on the same report: unchanged.
                if meta
                    .as_ref()
                    .and_then(|m| m.last_date)
                    .is_some_and(|d| Some(d) == last_date)
                {
                    new_meta.unchanged_on = Some(today);
                }
                new_meta.etag = validators.etag;
                new_meta.last_modified = validators.last_modified;
                self.cache.write_meta(archive, &new_meta)?;
                drop(lock);
                Ok(cached(if repaired {
                    Outcome::Repaired { bytes }
                } else {
                    Outcome::Downloaded { bytes }
                }))
            }
        }
    }

    fn vintage_store(&self) -> vintages::Store {
        vintages::Store {
            dir: self.cache.dir.join("vintages"),
        }
    }

    /// Keeps a copy as a vintage; a failure to (a full or read-only disk)
    /// is said as the cache not written, never an error of the download.
    fn keep_vintage(
        &self,
        archive: &Archive,
        store: &vintages::Store,
        file: &std::path::Path,
        fetched: chrono::DateTime<chrono::Utc>,
        last_modified: Option<&str>,
    ) {
        if let Err(error) = store.record(&archive.file_name(), file, fetched, last_modified) {
            self.emit(ProgressEvent::CacheNotWritten {
                archive,
                error: &error,
            });
        }
    }

    /// Every copy of an archive (by its file name, `deacot2019.zip`) the
    /// cache has held, oldest first (see [`Vintage`]): a copy is kept each
    /// time a download brings new content.
    ///
    /// ```
    /// use cftc_cot::source::download::{Archive, Downloader};
    /// use cftc_cot::{ReportKind, Scope};
    /// let d = Downloader::new().cache_dir(std::env::temp_dir().join("cftc-cot-doc-vintages"));
    /// let archive = Archive::year(ReportKind::Legacy, Scope::FuturesOnly, 2019);
    /// assert!(d.vintages(&archive.file_name()).is_empty());
    /// ```
    pub fn vintages(&self, name: &str) -> Vec<Vintage> {
        self.vintage_store().list(name)
    }

    /// The stored copy of an archive (by file name) that was current at
    /// `moment`, or the oldest held when every copy is later; `None` when
    /// the cache keeps no copy of it.
    pub fn copy_at(&self, name: &str, moment: chrono::DateTime<chrono::Utc>) -> Option<PathBuf> {
        let held = self.vintages(name);
        current_at(&held, moment)
            .or(held.first())
            .map(|v| v.path.clone())
    }

    /// The file names of every archive with vintages in the cache.
    pub fn archives_with_vintages(&self) -> Vec<String> {
        self.vintage_store().archives()
    }

    /// What changed between two copies of an archive: the rows (weeks and
    /// markets) only one copy has, and every value that differs, by market
    /// and CFTC column, as [`reconcile`](crate::source::reconcile) compares
    /// sources. `from` and `to` are digests as [`vintages`](Self::vintages)
    /// lists them (a unique prefix is enough); by default the last two
    /// copies. Fewer than two copies, or a digest not held, is an
    /// [`ErrorKind::NoVintage`].
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// use cftc_cot::ErrorKind;
    /// let d = Downloader::new().cache_dir(std::env::temp_dir().join("cftc-cot-doc-revisions"));
    /// let err = d.revisions("deacot2019.zip", None, None).unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::NoVintage { .. }));
    /// ```
    pub fn revisions(
        &self,
        archive: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Revisions> {
        self.revisions_of(archive, from, to, &crate::read::Filter::all())
    }

    /// [`revisions`](Self::revisions) of the rows `filter` keeps (the
    /// prefilter drops the others before parsing: one market's revisions
    /// cost a fraction of the whole archive's).
    pub(crate) fn revisions_of(
        &self,
        archive: &str,
        from: Option<&str>,
        to: Option<&str>,
        filter: &crate::read::Filter,
    ) -> Result<Revisions> {
        let held = self.vintages(archive);
        let missing = |wanted: Option<&str>| {
            Error::from(ErrorKind::NoVintage {
                archive: archive.to_string(),
                held: held.iter().map(|v| v.digest.clone()).collect(),
                wanted: wanted.map(String::from),
            })
        };
        let pick = |wanted: &str| -> Result<Vintage> {
            let mut found = held.iter().filter(|v| v.digest.starts_with(wanted));
            match (found.next(), found.next()) {
                (Some(v), None) if !wanted.is_empty() => Ok(v.clone()),
                _ => Err(missing(Some(wanted))),
            }
        };
        let to = match to {
            Some(d) => pick(d)?,
            None => held.last().cloned().ok_or_else(|| missing(None))?,
        };
        let from = match from {
            Some(d) => pick(d)?,
            None => held
                .iter()
                .rev()
                .find(|v| v.fetched < to.fetched && v.digest != to.digest)
                .cloned()
                .ok_or_else(|| missing(None))?,
        };
        let read = |v: &Vintage| -> Result<Vec<crate::records::CotRecord>> {
            let (records, _) = crate::read::ReaderBuilder::new()
                .member_limit(self.max_member_bytes)
                .filter(filter.clone())
                .from_path(&v.path)?
                .read_all()?;
            Ok(records)
        };
        let (earlier, later) = (read(&from)?, read(&to)?);
        let from_last_date = earlier.iter().map(crate::records::CotRecord::date).max();
        let changes = crate::source::reconcile::reconcile(&earlier, &later).named(
            format!("copy of {}", from.fetched.format("%Y-%m-%d %H:%M UTC")),
            format!("copy of {}", to.fetched.format("%Y-%m-%d %H:%M UTC")),
        );
        Ok(Revisions {
            archive: archive.to_string(),
            from,
            to,
            from_last_date,
            changes,
        })
    }

    /// Keeps the last `keep` vintages of every archive (at least the
    /// current copy) and removes the older copies; returns how many files
    /// were removed.
    pub fn prune_vintages(&self, keep: usize) -> Result<usize> {
        self.vintage_store().prune(keep)
    }

    /// Makes the archives covering `years` of a report available in the
    /// cache (downloading what is missing or stale, in parallel), in merge
    /// order: the multi-year archive first, then the yearly files, so that
    /// reading them in this order lets newer values win. Reading them is
    /// [`Source::cache`](crate::source::Source::cache)'s job.
    ///
    /// If the multi-year archive is not on the server (a mirror may lack
    /// it), the yearly archives of those years are fetched instead. Archives
    /// the server does not have are listed in [`Ensured::missing`]; any
    /// other fault is an error. Offline, every archive missing from the
    /// cache is named in one [`ErrorKind::Offline`].
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// use cftc_cot::{ReportKind, Scope};
    /// let cache = std::env::temp_dir().join("cftc-cot-doc-downloader");
    /// let d = Downloader::new().cache_dir(&cache).offline(true);
    /// // Offline with an empty cache: the archives are named as missing.
    /// let err = d.ensure_report(ReportKind::Legacy, Scope::FuturesOnly, 2023..=2024).unwrap_err();
    /// assert!(err.to_string().contains("deacot2023.zip"));
    /// ```
    pub fn ensure_report(
        &self,
        report: ReportKind,
        scope: Scope,
        years: RangeInclusive<i32>,
    ) -> Result<Ensured> {
        let (from, to) = (*years.start(), *years.end());
        let plan = Archive::covering(report, scope, from, to);
        let mut results: Vec<(Archive, Result<CachedArchive>)> =
            plan.iter().cloned().zip(self.ensure_all(&plan)).collect();
        // A missing multi-year archive is replaced by its yearly parts.
        if let Some(pos) = results.iter().position(|(a, r)| {
            matches!(a.span, Span::MultiYear { .. })
                && matches!(
                    r.as_ref().map_err(Error::kind),
                    Err(ErrorKind::HttpStatus { status: 404, .. })
                )
        }) {
            let (multi, _) = results.remove(pos);
            let parts = multi.yearly_parts(from, to);
            let got = self.ensure_all(&parts);
            for (i, r) in parts.into_iter().zip(got).enumerate() {
                results.insert(pos + i, r);
            }
        }
        let mut ensured = Ensured::default();
        let mut offline_missing = Vec::new();
        for (archive, result) in results {
            match result {
                Ok(c) => ensured.archives.push(c),
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::NotYetPublished { .. }
                            | ErrorKind::HttpStatus { status: 404, .. }
                    ) =>
                {
                    ensured.missing.push((archive, e));
                }
                Err(e) => match e.into_kind() {
                    ErrorKind::Offline { missing } => offline_missing.extend(missing),
                    other => return Err(other.into()),
                },
            }
        }
        if !offline_missing.is_empty() {
            return Err(Error::from(ErrorKind::Offline {
                missing: offline_missing,
            }));
        }
        Ok(ensured)
    }

    /// The largest inflated zip member this downloader accepts, for the
    /// reader of its archives.
    ///
    /// ```
    /// use cftc_cot::source::download::Downloader;
    /// assert_eq!(Downloader::new().member_limit(), cftc_cot::read::DEFAULT_MEMBER_LIMIT);
    /// ```
    pub fn member_limit(&self) -> u64 {
        self.max_member_bytes
    }
}
