//! The HTTP client of the public-reporting API: paging, retries, the cache.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};

use crate::error::{ApiProblem, Error, ErrorKind, Location, Result, TimeoutPhase};
use crate::http::fetch::{self, Answer, Request};
use crate::http::files::{
    LockHolder, TempFile, clean_dead_parts, default_cache_dir, io_error, lock_file, unix_seconds,
};
use crate::http::{DEFAULT_DEADLINE, deadline_from_env, http_agent};
use crate::read::Mode;

use super::json::{ApiRow, Decoding, decode, not_rows};
use super::query::{Dataset, Query};

/// CFTC's public-reporting API (Socrata).
pub const API_BASE_URL: &str = "https://publicreporting.cftc.gov/resource/";

/// Reads CFTC's public-reporting API into records, a page at a time, and
/// keeps each answer in a cache (offline first, like the
/// [downloader](crate::source::download::Downloader)). See the [module docs](super).
#[derive(Clone)]
pub struct ApiClient {
    base: String,
    app_token: Option<String>,
    cache_dir: PathBuf,
    offline: bool,
    max_age: Duration,
    page_size: u64,
    max_pages: u64,
    max_page_bytes: u64,
    connect_timeout: Duration,
    read_timeout: Duration,
    deadline: Duration,
    retries: u32,
    backoff: Duration,
    total_deadline: Duration,
    on_wait: Option<Arc<WaitNotice>>,
}

/// What [`ApiClient::on_lock_wait`] calls.
type WaitNotice = dyn Fn(&LockHolder, Duration) + Send + Sync;

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The token is a credential: say whether there is one, not what.
        f.debug_struct("ApiClient")
            .field("base", &self.base)
            .field("app_token", &self.app_token.as_ref().map(|_| "set"))
            .field("cache_dir", &self.cache_dir)
            .field("offline", &self.offline)
            .finish_non_exhaustive()
    }
}

impl Default for ApiClient {
    fn default() -> Self {
        ApiClient::new()
    }
}

impl ApiClient {
    /// CFTC's API, no token, the platform cache directory (`api/` in the
    /// downloader's), answers reused for 12 hours, pages of 10,000 rows, the
    /// downloader's timeouts and retries.
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// let client = ApiClient::new();
    /// assert_eq!(client.base(), "https://publicreporting.cftc.gov/resource/");
    /// ```
    pub fn new() -> Self {
        ApiClient {
            base: API_BASE_URL.into(),
            app_token: None,
            cache_dir: default_cache_dir().join("api"),
            offline: false,
            max_age: Duration::from_secs(12 * 3600),
            page_size: 10_000,
            max_pages: 1_000,
            max_page_bytes: 512 << 20,
            connect_timeout: Duration::from_secs(15),
            read_timeout: Duration::from_secs(60),
            deadline: DEFAULT_DEADLINE,
            retries: 3,
            backoff: Duration::from_millis(500),
            total_deadline: Duration::from_secs(3600),
            on_wait: None,
        }
    }

    /// Called when another run that shares the cache is fetching the same
    /// query: who it is and the longest this run will wait for it (it is
    /// not waited for once it is gone). The `cftc` binary prints it.
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// let client = ApiClient::new().on_lock_wait(|holder, up_to| {
    ///     eprintln!("waiting up to {} s for {holder}", up_to.as_secs());
    /// });
    /// # let _ = client;
    /// ```
    pub fn on_lock_wait(
        mut self,
        f: impl Fn(&LockHolder, Duration) + Send + Sync + 'static,
    ) -> Self {
        self.on_wait = Some(Arc::new(f));
        self
    }

    /// [`new`](Self::new), with `CFTC_COT_API_URL` (the API's base, for
    /// mirrors and tests), `CFTC_COT_APP_TOKEN` (an app token),
    /// `CFTC_COT_CACHE` (the cache directory, answers go in its `api/`) and
    /// `CFTC_COT_TIMEOUT_SECS` (the deadline of one request) when set.
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// // CFTC_COT_API_URL, CFTC_COT_APP_TOKEN, CFTC_COT_CACHE, when set.
    /// let client = ApiClient::from_env();
    /// println!("{}", client.cache_path().display());
    /// ```
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|s| !s.trim().is_empty());
        let mut c = ApiClient::new();
        if let Some(url) = var("CFTC_COT_API_URL") {
            c = c.base_url(url);
        }
        if let Some(token) = var("CFTC_COT_APP_TOKEN") {
            c = c.app_token(token);
        }
        if let Some(dir) = std::env::var_os("CFTC_COT_CACHE").filter(|s| !s.is_empty()) {
            c = c.cache_dir(PathBuf::from(dir).join("api"));
        }
        if let Some(deadline) = deadline_from_env() {
            c = c.deadline(deadline);
        }
        c
    }

    /// The API's base URL, the datasets' directory (default [`API_BASE_URL`]).
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// let client = ApiClient::new().base_url("http://127.0.0.1:8080/resource");
    /// assert_eq!(client.base(), "http://127.0.0.1:8080/resource/");
    /// ```
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        let mut url = url.into();
        if !url.ends_with('/') {
            url.push('/');
        }
        self.base = url;
        self
    }

    /// The API's base URL in use.
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// assert!(ApiClient::new().base().starts_with("https://"));
    /// ```
    pub fn base(&self) -> &str {
        &self.base
    }

    /// An app token, sent as `X-App-Token` (requests without one share a
    /// throttled pool and see more 429 answers).
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// let client = ApiClient::new().app_token("my-token");
    /// // The token is sent, never printed.
    /// assert!(!format!("{client:?}").contains("my-token"));
    /// ```
    pub fn app_token(mut self, token: impl Into<String>) -> Self {
        self.app_token = Some(token.into());
        self
    }

    /// The directory answers are cached in.
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// let dir = std::env::temp_dir().join("cftc-cot-doc-api");
    /// let client = ApiClient::new().cache_dir(&dir);
    /// assert_eq!(client.cache_path(), dir.as_path());
    /// ```
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = dir.into();
        self
    }

    /// The cache directory in use.
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// assert!(ApiClient::new().cache_path().ends_with("api"));
    /// ```
    pub fn cache_path(&self) -> &Path {
        &self.cache_dir
    }

    /// Offline: answer from the cache only.
    ///
    /// ```
    /// use cftc_cot::api::{ApiClient, Dataset, Query};
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::{ReportKind, Scope};
    /// let dir = std::env::temp_dir().join("cftc-cot-doc-api-offline");
    /// let client = ApiClient::new().cache_dir(&dir).offline(true);
    /// let tff = Dataset::new(ReportKind::Tff, Scope::FuturesOnly).unwrap();
    /// // Nothing cached, no request: an error.
    /// assert!(client.fetch(tff, &Query::new(), Mode::Strict).is_err());
    /// ```
    pub fn offline(mut self, offline: bool) -> Self {
        self.offline = offline;
        self
    }

    /// How long a cached answer is used without asking again (default 12
    /// hours; CFTC publishes once a week).
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// use std::time::Duration;
    /// let client = ApiClient::new().max_age(Duration::from_secs(3600));
    /// # let _ = client;
    /// ```
    pub fn max_age(mut self, age: Duration) -> Self {
        self.max_age = age;
        self
    }

    /// Rows per page (`$limit`; default 10,000, at least 1).
    ///
    /// ```
    /// use cftc_cot::api::{ApiClient, Dataset, Query};
    /// use cftc_cot::{ReportKind, Scope};
    /// let client = ApiClient::new().page_size(500);
    /// let tff = Dataset::new(ReportKind::Tff, Scope::FuturesOnly).unwrap();
    /// assert!(client.url(tff, &Query::new(), 1).contains("%24limit=500"));
    /// ```
    pub fn page_size(mut self, rows: u64) -> Self {
        self.page_size = rows.max(1);
        self
    }

    /// Connect and read timeouts.
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// use std::time::Duration;
    /// let client = ApiClient::new().timeouts(Duration::from_secs(5), Duration::from_secs(20));
    /// # let _ = client;
    /// ```
    pub fn timeouts(mut self, connect: Duration, read: Duration) -> Self {
        self.connect_timeout = connect;
        self.read_timeout = read;
        self
    }

    /// The deadline of one request, body included.
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// use std::time::Duration;
    /// let client = ApiClient::new().deadline(Duration::from_secs(60));
    /// # let _ = client;
    /// ```
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// The deadline of a whole answer, every page (default: an hour). A
    /// page is not started past it.
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// use std::time::Duration;
    /// let client = ApiClient::new().total_deadline(Duration::from_secs(600));
    /// # let _ = client;
    /// ```
    pub fn total_deadline(mut self, deadline: Duration) -> Self {
        self.total_deadline = deadline;
        self
    }

    /// Retries of a failed request (connection faults, cut-off bodies, 5xx,
    /// 429 with the server's `Retry-After` when it is under a minute) and
    /// the first backoff, doubled each time.
    ///
    /// ```
    /// use cftc_cot::api::ApiClient;
    /// use std::time::Duration;
    /// let client = ApiClient::new().retries(1, Duration::from_millis(200));
    /// # let _ = client;
    /// ```
    pub fn retries(mut self, retries: u32, backoff: Duration) -> Self {
        self.retries = retries;
        self.backoff = backoff;
        self
    }

    /// The URL of one page of a query.
    ///
    /// ```
    /// use cftc_cot::api::{ApiClient, Dataset, Query};
    /// use cftc_cot::{ReportKind, Scope};
    /// let tff = Dataset::new(ReportKind::Tff, Scope::FuturesOnly).unwrap();
    /// let url = ApiClient::new().url(tff, &Query::new().codes(["239742".parse()?]), 0);
    /// assert!(url.starts_with("https://publicreporting.cftc.gov/resource/gpe5-46if.json?"));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn url(&self, dataset: Dataset, query: &Query, page: u64) -> String {
        format!(
            "{}{}.json?{}",
            self.base,
            dataset.id(),
            query.page_query(self.page_size, page.saturating_mul(self.page_size))
        )
    }

    /// Every row of `dataset` that `query` selects, from the cache when it
    /// holds a fresh enough answer (or when offline), else from the API a
    /// page at a time (`$order` by date and id, so pages neither overlap
    /// nor skip). When the API cannot be reached and the cache has an older
    /// answer, that answer is used and [`ApiSummary::stale`] says why.
    /// Bad rows are an error in strict mode and skipped, counted, in
    /// lenient mode.
    ///
    /// ```
    /// use cftc_cot::api::{ApiClient, Dataset, Query};
    /// use cftc_cot::read::Mode;
    /// use cftc_cot::{ReportKind, Scope};
    /// let dir = std::env::temp_dir().join("cftc-cot-doc-api-fetch");
    /// // Offline here; online, the rows of the Russell E-mini since 2024.
    /// let client = ApiClient::new().cache_dir(&dir).offline(true);
    /// let dataset = Dataset::new(ReportKind::Tff, Scope::FuturesOnly).unwrap();
    /// let query = Query::new().codes(["239742".parse()?]).from("2024-01-01".parse().unwrap());
    /// match client.fetch(dataset, &query, Mode::Strict) {
    ///     Ok(read) => println!("{} rows, {}", read.rows.len(), read.summary),
    ///     Err(e) => assert!(e.is_unreachable()),
    /// }
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn fetch(&self, dataset: Dataset, query: &Query, mode: Mode) -> Result<ApiRead> {
        let started = Instant::now();
        let entry = CacheEntry::new(&self.cache_dir, dataset, query);
        let (meta, from_cache, stale) = self
            .answer(dataset, query, &entry)
            .map_err(fetch::without_credentials)?;
        // Errors and summaries name the request without credentials.
        let source = fetch::shown_url(&self.url(dataset, query, 0));
        let mut decoding = Decoding::default();
        let (rows, meta, from_cache, stale) =
            match self.decode_pages(&entry, &meta, dataset, &source, mode, &mut decoding) {
                Ok(rows) => (rows, meta, from_cache, stale),
                // A cached page that cannot be read is moved aside and
                // fetched again, once.
                Err(e) if is_damaged_cache(&e) => {
                    entry.move_aside();
                    if self.offline {
                        return Err(e);
                    }
                    let (meta, _) = self
                        .download_once(dataset, query, &entry)
                        .map_err(fetch::without_credentials)?;
                    decoding = Decoding::default();
                    let rows =
                        self.decode_pages(&entry, &meta, dataset, &source, mode, &mut decoding)?;
                    (rows, meta, false, None)
                }
                Err(e) => return Err(e),
            };
        Ok(ApiRead {
            rows,
            summary: ApiSummary {
                dataset,
                query: query.clone(),
                url: source,
                pages: meta.pages,
                bytes: meta.bytes,
                from_cache,
                fetched_at: meta.fetched_at,
                stale,
                elapsed: started.elapsed(),
                decoding,
            },
        })
    }

    /// The cached answer's description, fetched first if it is missing or
    /// old: with whether it came from the cache, and why an old one was
    /// used.
    fn answer(
        &self,
        dataset: Dataset,
        query: &Query,
        entry: &CacheEntry,
    ) -> Result<(Meta, bool, Option<String>)> {
        let cached = entry.meta(dataset, query, self.max_pages);
        let fresh = cached
            .as_ref()
            .is_some_and(|m| self.offline || age(m.fetched_at) < self.max_age);
        match cached {
            Some(m) if fresh => Ok((m, true, None)),
            None if self.offline => Err(Error::from(ErrorKind::Offline {
                missing: vec![format!("{} where {query}", dataset.id())],
            })),
            cached => match self.download_once(dataset, query, entry) {
                Ok((meta, fetched)) => Ok((meta, !fetched, None)),
                Err(e) if e.is_unreachable() => match cached {
                    Some(m) => Ok((m, true, Some(e.to_string()))),
                    None => Err(e),
                },
                Err(e) => Err(e),
            },
        }
    }

    /// Decodes the cached pages one at a time (only one page's bytes are
    /// held at once). A page file that is missing, larger than a page may
    /// be, or not a JSON list of rows is a damaged cache entry, named by
    /// its file.
    fn decode_pages(
        &self,
        entry: &CacheEntry,
        meta: &Meta,
        dataset: Dataset,
        source: &str,
        mode: Mode,
        decoding: &mut Decoding,
    ) -> Result<Vec<ApiRow>> {
        let mut rows = Vec::new();
        for n in 0..meta.pages {
            let path = entry.page(n);
            let damaged = |what: &'static str| {
                Error::from(ErrorKind::DamagedCache {
                    location: Box::new(Location::input(path.display().to_string(), None)),
                    what,
                })
            };
            let page = read_limited(&path, self.max_page_bytes).map_err(|_| damaged("a page"))?;
            if scan_page(&page, source).is_err() {
                return Err(damaged("a page that is not a JSON list of rows"));
            }
            let first = rows.len() as u64 + decoding.skipped + 1;
            rows.extend(decode(&page, dataset, source, first, mode, decoding)?);
        }
        Ok(rows)
    }

    /// Downloads the answer unless another process, which held the entry's
    /// lock first, has just done it; `true` when this call fetched it.
    fn download_once(
        &self,
        dataset: Dataset,
        query: &Query,
        entry: &CacheEntry,
    ) -> Result<(Meta, bool)> {
        fs::create_dir_all(&entry.dir).map_err(|e| io_error(&entry.dir, e))?;
        clean_dead_parts(&entry.dir, "", self.deadline);
        let on_wait = |holder: &LockHolder, up_to: Duration| {
            if let Some(f) = &self.on_wait {
                f(holder, up_to);
            }
        };
        let lock = lock_file(
            entry.dir.join(format!(".{}.lock", entry.key)),
            self.deadline,
            &on_wait,
        );
        if lock.waited
            && let Some(meta) = entry
                .meta(dataset, query, self.max_pages)
                .filter(|m| age(m.fetched_at) < self.max_age)
        {
            return Ok((meta, false));
        }
        let meta = self.download(dataset, query, entry)?;
        drop(lock);
        Ok((meta, true))
    }

    /// Fetches every page into the cache, one at a time: a page is checked
    /// and counted as it arrives, and only its temporary file is kept.
    /// Each page has the per-request deadline; the whole answer has
    /// [`total_deadline`](Self::total_deadline).
    fn download(&self, dataset: Dataset, query: &Query, entry: &CacheEntry) -> Result<Meta> {
        let started = Instant::now();
        fs::create_dir_all(&entry.dir).map_err(|e| io_error(&entry.dir, e))?;
        let agent = http_agent(self.connect_timeout, self.read_timeout, self.deadline);
        let headers: Vec<(&'static str, String)> =
            std::iter::once(("Accept", "application/json".to_string()))
                .chain(self.app_token.iter().map(|t| ("X-App-Token", t.clone())))
                .collect();
        let mut temps = Vec::new();
        let mut bytes = 0;
        let mut rows = 0;
        let mut previous_first: Option<String> = None;
        for page in 0.. {
            if page >= self.max_pages {
                return Err(Error::from(ErrorKind::Api {
                    url: self.url(dataset, query, 0),
                    problem: ApiProblem::TooManyPages {
                        pages: self.max_pages,
                        rows: self.page_size,
                    },
                }));
            }
            let url = self.url(dataset, query, page);
            if started.elapsed() > self.total_deadline {
                return Err(Error::from(ErrorKind::Timeout {
                    url,
                    phase: TimeoutPhase::Deadline,
                }));
            }
            let temp = TempFile::new(&entry.dir, &format!("{}.{page}", entry.key));
            let request = Request {
                agent: &agent,
                url: &url,
                zip: false,
                conditional: None,
                max_bytes: self.max_page_bytes,
                retries: self.retries,
                backoff: self.backoff,
                max_retry_after: self.deadline.min(Duration::from_secs(60)),
                on_bytes: &|_, _| {},
                headers: &headers,
            };
            match fetch::fetch(&request, &temp)? {
                Answer::Body { bytes: n, .. } => bytes += n,
                Answer::NotFound => {
                    return Err(Error::from(ErrorKind::Api {
                        url,
                        problem: ApiProblem::NoSuchDataset(dataset.id()),
                    }));
                }
                Answer::NotModified => {
                    return Err(Error::from(ErrorKind::Api {
                        url,
                        problem: ApiProblem::UnaskedNotModified,
                    }));
                }
            }
            let (count, first) = {
                let body = fs::read(&temp.path).map_err(|e| io_error(&temp.path, e))?;
                scan_page(&body, &url)?
            };
            // A server that ignores `$offset` would send page 0 forever.
            if page > 0 && count > 0 && first.is_some() && first == previous_first {
                return Err(Error::from(ErrorKind::Api {
                    url,
                    problem: ApiProblem::RepeatedPage,
                }));
            }
            previous_first = first;
            rows += count;
            temps.push(temp);
            if count < self.page_size {
                break;
            }
        }
        let meta = Meta {
            dataset: dataset.id().to_string(),
            query: query.to_string(),
            pages: temps.len() as u64,
            rows,
            bytes,
            fetched_at: unix_seconds(SystemTime::now()),
        };
        // Pages first, the meta last: an entry without its meta is ignored,
        // so a run cut short never leaves half an answer in use.
        for (i, temp) in temps.into_iter().enumerate() {
            temp.install(&entry.page(i as u64))?;
        }
        entry.write_meta(&meta)?;
        Ok(meta)
    }
}

/// Whether an error is about a damaged cache file.
fn is_damaged_cache(e: &Error) -> bool {
    matches!(e.kind(), ErrorKind::DamagedCache { .. })
}

/// Reads a file of at most `limit` bytes; a larger one is an error.
fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other("larger than a page may be"));
    }
    Ok(bytes)
}

fn age(fetched_at: u64) -> Duration {
    Duration::from_secs(unix_seconds(SystemTime::now()).saturating_sub(fetched_at))
}

/// The number of rows of a page and its first row's text, without
/// decoding them (the page decides paging).
fn scan_page(body: &[u8], url: &str) -> Result<(u64, Option<String>)> {
    let rows = serde_json::from_slice::<Vec<Box<serde_json::value::RawValue>>>(body)
        .map_err(|_| not_rows(body, url))?;
    Ok((rows.len() as u64, rows.first().map(|r| r.get().to_string())))
}

/// What [`ApiClient::fetch`] read.
#[derive(Debug, Clone)]
pub struct ApiRead {
    /// The rows, in the API's order (by date).
    pub rows: Vec<ApiRow>,
    /// Where they came from, how many bytes, what was skipped.
    pub summary: ApiSummary,
}

impl ApiRead {
    /// The records alone.
    pub fn into_records(self) -> Vec<crate::CotRecord> {
        self.rows.into_iter().map(|r| r.record).collect()
    }
}

/// How an answer was obtained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiSummary {
    /// The dataset.
    pub dataset: Dataset,
    /// The query.
    pub query: Query,
    /// The first page's URL.
    pub url: String,
    /// Pages requested (or cached).
    pub pages: u64,
    /// Bytes of the answer's pages.
    pub bytes: u64,
    /// Whether the answer came from the cache.
    pub from_cache: bool,
    /// When the answer was fetched (seconds since 1970).
    pub fetched_at: u64,
    /// When a cached answer was used because the API could not be reached:
    /// the error.
    pub stale: Option<String>,
    /// Time to the decoded rows.
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
    /// Rows decoded and skipped, unknown fields.
    pub decoding: Decoding,
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

impl fmt::Display for ApiSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} where {}: {} rows in {} pages, {} bytes, {}",
            self.dataset,
            self.query,
            self.decoding.rows,
            self.pages,
            self.bytes,
            if self.from_cache {
                "from the cache"
            } else {
                "from the API"
            }
        )?;
        if let Some(why) = &self.stale {
            write!(f, " (could not refresh: {why})")?;
        }
        if self.decoding.skipped > 0 {
            write!(f, "; {} bad rows skipped", self.decoding.skipped)?;
        }
        for (field, n) in &self.decoding.unknown_fields {
            write!(
                f,
                "\n  warning: field {field:?} (in {n} rows) is no column of this report"
            )?;
        }
        Ok(())
    }
}

/// A cached answer's description.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Meta {
    dataset: String,
    query: String,
    pages: u64,
    rows: u64,
    bytes: u64,
    fetched_at: u64,
}

/// Where one query's answer lives in the cache.
struct CacheEntry {
    dir: PathBuf,
    key: String,
}

impl CacheEntry {
    fn new(root: &Path, dataset: Dataset, query: &Query) -> Self {
        // FNV-1a of the query: stable across runs and platforms.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in query.to_string().bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        CacheEntry {
            dir: root.join(dataset.id()),
            key: format!("{hash:016x}"),
        }
    }

    fn meta_path(&self) -> PathBuf {
        self.dir.join(format!("{}.meta.json", self.key))
    }

    fn page(&self, n: u64) -> PathBuf {
        self.dir.join(format!("{}.{n}.json", self.key))
    }

    /// The entry's description, or `None`. One that cannot be understood
    /// (not JSON of the right shape, another query's, more pages than are
    /// ever fetched, fetched more than a day in the future) is a damaged
    /// entry: moved aside, so that the answer is fetched again.
    fn meta(&self, dataset: Dataset, query: &Query, max_pages: u64) -> Option<Meta> {
        let path = self.meta_path();
        let bytes = match read_limited(&path, 1 << 20) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(_) => Vec::new(),
        };
        let latest = unix_seconds(SystemTime::now()).saturating_add(24 * 3600);
        let meta = serde_json::from_slice::<Meta>(&bytes).ok().filter(|m| {
            m.dataset == dataset.id()
                && m.query == query.to_string()
                && m.pages <= max_pages
                && m.fetched_at <= latest
        });
        if meta.is_none() {
            self.move_aside();
        }
        meta
    }

    /// Moves the meta aside (`KEY.meta.json.damaged`) and removes the
    /// pages, best effort: what cannot be moved is fetched over.
    fn move_aside(&self) {
        let path = self.meta_path();
        let aside = self.dir.join(format!("{}.meta.json.damaged", self.key));
        if fs::rename(&path, &aside).is_err() {
            let _ = fs::remove_file(&path);
        }
    }

    fn write_meta(&self, meta: &Meta) -> Result<()> {
        let temp = TempFile::new(&self.dir, &format!("{}.meta", self.key));
        let text = serde_json::to_vec_pretty(meta)
            .map_err(|e| io_error(&temp.path, std::io::Error::other(e)))?;
        fs::write(&temp.path, text).map_err(|e| io_error(&temp.path, e))?;
        temp.install(&self.meta_path())
    }
}
