//! The one HTTP layer of the crate, shared by the archive downloader
//! ([`source::download`](crate::source::download)) and the API client
//! (`api`): the agent and its deadlines, requests with retries and
//! redirects, cache files and locks. Crate-private: the public types are
//! the downloader's and the client's.

pub(crate) mod fetch;
pub(crate) mod files;

use std::time::Duration;

/// How often a downloader looks whether another process has finished the
/// archive it is waiting for.
pub(crate) const LOCK_POLL: Duration = Duration::from_millis(50);

/// How long one attempt at one archive may take unless
/// [`Downloader::deadline`](crate::source::download::Downloader::deadline) or `CFTC_COT_TIMEOUT_SECS` says otherwise: ten
/// minutes, time for CFTC's largest archive over a slow link.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(600);

/// How the crate introduces itself to CFTC's servers (no browser is faked).
pub const USER_AGENT: &str = concat!(
    "cftc-cot/",
    env!("CARGO_PKG_VERSION"),
    " (+https://crates.io/crates/cftc-cot)"
);

/// `CFTC_COT_TIMEOUT_SECS`, the deadline of one request; a value that is
/// not a positive number of seconds is ignored.
pub(crate) fn deadline_from_env() -> Option<Duration> {
    std::env::var("CFTC_COT_TIMEOUT_SECS")
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0 && *s < 1e7)
        .map(Duration::from_secs_f64)
}

/// The HTTP agent of the downloader and the API client: a deadline per
/// attempt, connect and read timeouts within it, statuses as answers, no
/// automatic redirects (`fetch` follows them, only to the same host and
/// never from https to http).
pub(crate) fn http_agent(connect: Duration, read: Duration, deadline: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .user_agent(USER_AGENT)
        .http_status_as_error(false)
        .timeout_global(Some(deadline))
        .timeout_connect(Some(connect.min(deadline)))
        .timeout_recv_response(Some(read.min(deadline)))
        .timeout_per_read(Some(read.min(deadline)))
        .max_redirects(0)
        .build()
        .new_agent()
}
