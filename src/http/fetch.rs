//! One HTTP GET into a temporary file, with bounded retries and typed faults.

use std::io::{self, Read, Write};
use std::time::Duration;

use ureq::Agent;

use crate::error::{Error, ErrorKind, RedirectRefusal, Result, TimeoutPhase, show_raw};

use super::files::{TempFile, create_temp_writer, finish_writer};

/// Validators of a cached copy, sent as a conditional request.
#[derive(Debug, Clone, Default)]
pub(crate) struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What the server answered.
#[derive(Debug)]
pub(crate) enum Answer {
    /// 304: the cached copy is current.
    NotModified,
    /// 404.
    NotFound,
    /// 200, body written to the temporary file.
    Body { bytes: u64, validators: Validators },
}

/// The knobs of one fetch.
pub(crate) struct Request<'a> {
    pub agent: &'a Agent,
    pub url: &'a str,
    pub zip: bool,
    pub conditional: Option<&'a Validators>,
    pub max_bytes: u64,
    pub retries: u32,
    pub backoff: Duration,
    /// The longest wait a `Retry-After` may ask for before the answer is
    /// taken as final.
    pub max_retry_after: Duration,
    pub on_bytes: &'a (dyn Fn(u64, Option<u64>) + Sync),
    /// Extra request headers (the API's `X-App-Token`).
    pub headers: &'a [(&'static str, String)],
}

/// How many redirects (to the same host) are followed.
const MAX_REDIRECTS: u32 = 5;

fn retryable(e: &Error) -> bool {
    e.is_unreachable() && !matches!(e.kind(), ErrorKind::Offline { .. })
}

/// GETs `url` into `temp`, retrying connection faults, cut-off bodies,
/// 5xx and 429 answers with exponential backoff (or the server's
/// `Retry-After`, when it asks for no more than `max_retry_after`), and a
/// timeout once.
pub(crate) fn fetch(req: &Request<'_>, temp: &TempFile) -> Result<Answer> {
    fetch_retrying(req, temp).map_err(without_credentials)
}

/// A URL with any `user:password@` replaced by `***@`: a mirror's address
/// may carry credentials, which are not for the screen.
pub(crate) fn shown_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let host_end = rest.find('/').unwrap_or(rest.len());
    match rest.get(..host_end).and_then(|h| h.rfind('@')) {
        Some(at) => format!("{scheme}://***@{}", rest.get(at + 1..).unwrap_or_default()),
        None => url.to_string(),
    }
}

/// The error with the URLs it names [shown](shown_url) without
/// credentials.
pub(crate) fn without_credentials(mut e: Error) -> Error {
    fn redact(url: &mut String) {
        *url = shown_url(url);
    }
    match e.kind_mut() {
        ErrorKind::Network { url, .. }
        | ErrorKind::BadRequest { url, .. }
        | ErrorKind::NotTried { url, .. }
        | ErrorKind::Timeout { url, .. }
        | ErrorKind::Truncated { url, .. }
        | ErrorKind::HttpStatus { url, .. }
        | ErrorKind::NotAZip { url, .. }
        | ErrorKind::DownloadTooLarge { url, .. }
        | ErrorKind::NotYetPublished { url }
        | ErrorKind::Api { url, .. }
        | ErrorKind::BadArchive { url, .. } => redact(url),
        ErrorKind::Redirect { url, location, .. } => {
            redact(url);
            redact(location);
        }
        _ => {}
    }
    e
}

fn fetch_retrying(req: &Request<'_>, temp: &TempFile) -> Result<Answer> {
    let mut attempt = 0;
    let mut timeouts = 0;
    loop {
        let mut retry_after = None;
        match fetch_once(req, temp, &mut retry_after) {
            Err(e) if retryable(&e) && attempt < req.retries => {
                // A server that timed out twice will time out again: the
                // deadline is the budget of one attempt, not of a retry loop.
                if matches!(e.kind(), ErrorKind::Timeout { .. }) {
                    timeouts += 1;
                    if timeouts > 1 {
                        return Err(e);
                    }
                }
                let backoff = req.backoff.saturating_mul(1 << attempt.min(10));
                let wait = match retry_after {
                    Some(asked) if asked > req.max_retry_after => return Err(e),
                    Some(asked) => asked.max(backoff),
                    None => backoff,
                };
                std::thread::sleep(wait);
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// The next URL of a redirect, if it may be followed: the same scheme (or
/// http to https) and the same host and port.
fn redirect_target(from: &str, location: &str) -> std::result::Result<String, RedirectRefusal> {
    let origin = |url: &str| -> Option<(String, String)> {
        let (scheme, rest) = url.split_once("://")?;
        let host = rest.split('/').next()?.to_ascii_lowercase();
        Some((scheme.to_ascii_lowercase(), host))
    };
    let target = if location.contains("://") {
        location.to_string()
    } else if location.starts_with('/') {
        let (scheme, host) = origin(from).ok_or(RedirectRefusal::NotAUrl)?;
        format!("{scheme}://{host}{location}")
    } else {
        let base = from.rsplit_once('/').map_or(from, |(b, _)| b);
        format!("{base}/{location}")
    };
    let (Some((s1, h1)), Some((s2, h2))) = (origin(from), origin(&target)) else {
        return Err(RedirectRefusal::NotAUrl);
    };
    if h1 != h2 {
        return Err(RedirectRefusal::OtherHost);
    }
    if s1 == "https" && s2 != "https" {
        return Err(RedirectRefusal::LeavesHttps);
    }
    Ok(target)
}

fn transport_error(url: &str, e: ureq::Error) -> Error {
    match e {
        ureq::Error::BadUri(_) | ureq::Error::Http(_) | ureq::Error::InvalidProxyUrl => {
            Error::from(ErrorKind::BadRequest {
                url: url.into(),
                source: Box::new(e),
            })
        }
        ureq::Error::Timeout(t) => Error::from(ErrorKind::Timeout {
            url: url.into(),
            phase: phase(t),
        }),
        other => Error::from(ErrorKind::Network {
            url: url.into(),
            source: Box::new(other),
        }),
    }
}

/// ureq's timeouts in the phases a user knows.
fn phase(t: ureq::Timeout) -> TimeoutPhase {
    use ureq::Timeout as T;
    match t {
        T::Resolve | T::Connect => TimeoutPhase::Connecting,
        T::SendRequest | T::SendBody => TimeoutPhase::Sending,
        T::RecvResponse => TimeoutPhase::Waiting,
        T::RecvBody | T::PerRead | T::PerWrite => TimeoutPhase::Reading { received: 0 },
        // Global, PerCall, and any ureq adds later.
        _ => TimeoutPhase::Deadline,
    }
}

fn body_error(url: &str, e: io::Error, received: u64, expected: Option<u64>) -> Error {
    let inner = e.get_ref().and_then(|i| i.downcast_ref::<ureq::Error>());
    if e.kind() == io::ErrorKind::TimedOut || matches!(inner, Some(ureq::Error::Timeout(_))) {
        return Error::from(ErrorKind::Timeout {
            url: url.into(),
            phase: TimeoutPhase::Reading { received },
        });
    }
    if expected.is_some_and(|n| received < n) || e.kind() == io::ErrorKind::UnexpectedEof {
        return Error::from(ErrorKind::Truncated {
            url: url.into(),
            received,
            expected,
        });
    }
    Error::from(ErrorKind::Network {
        url: url.into(),
        source: Box::new(e),
    })
}

fn fetch_once(
    req: &Request<'_>,
    temp: &TempFile,
    retry_after: &mut Option<Duration>,
) -> Result<Answer> {
    let mut url = req.url.to_string();
    let mut hops = 0;
    let response = loop {
        let mut get = req.agent.get(&url);
        for (name, value) in req.headers {
            get = get.header(*name, value.as_str());
        }
        if let Some(v) = req.conditional {
            if let Some(etag) = &v.etag {
                get = get.header("If-None-Match", etag);
            }
            if let Some(lm) = &v.last_modified {
                get = get.header("If-Modified-Since", lm);
            }
        }
        let response = get.call().map_err(|e| transport_error(&url, e))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        match status {
            301 | 302 | 303 | 307 | 308 => {
                let location = header("location").unwrap_or_default();
                hops += 1;
                match redirect_target(&url, &location) {
                    Ok(next) if hops <= MAX_REDIRECTS => url = next,
                    Ok(next) => {
                        return Err(Error::from(ErrorKind::Redirect {
                            url: req.url.into(),
                            location: next,
                            why: RedirectRefusal::TooMany(MAX_REDIRECTS),
                        }));
                    }
                    Err(why) => {
                        return Err(Error::from(ErrorKind::Redirect {
                            url: req.url.into(),
                            location,
                            why,
                        }));
                    }
                }
            }
            304 => return Ok(Answer::NotModified),
            404 => return Ok(Answer::NotFound),
            200 => break response,
            _ => {
                // `Retry-After` in seconds (the HTTP-date form is treated as
                // no hint).
                *retry_after = header("retry-after")
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                return Err(Error::from(ErrorKind::HttpStatus {
                    url: url.clone(),
                    status,
                }));
            }
        }
    };
    let url = url.as_str();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let validators = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    let expected = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    if expected.is_some_and(|n| n > req.max_bytes) {
        return Err(Error::from(ErrorKind::DownloadTooLarge {
            url: url.into(),
            limit: req.max_bytes,
        }));
    }
    let mut body = response.into_body().into_with_config().reader();
    let mut file = create_temp_writer(temp)?;
    let mut buf = vec![0u8; 1 << 16];
    let mut received: u64 = 0;
    let mut head: Vec<u8> = Vec::new();
    loop {
        let n = match body.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(body_error(url, e, received, expected)),
        };
        let chunk = buf.get(..n).unwrap_or_default();
        if req.zip && head.len() < 4 {
            head.extend_from_slice(chunk.get(..(64 - head.len()).min(n)).unwrap_or_default());
            if head.len() >= 4
                && !(head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06"))
            {
                return Err(Error::from(ErrorKind::NotAZip {
                    url: url.into(),
                    first_bytes: show_raw(&head),
                }));
            }
        }
        received += n as u64;
        if received > req.max_bytes {
            return Err(Error::from(ErrorKind::DownloadTooLarge {
                url: url.into(),
                limit: req.max_bytes,
            }));
        }
        file.write_all(chunk).map_err(|e| {
            Error::from(ErrorKind::Io {
                location: Box::new(crate::Location::input(
                    temp.path.display().to_string(),
                    None,
                )),
                source: e,
            })
        })?;
        (req.on_bytes)(received, expected);
    }
    if req.zip && head.len() < 4 {
        return Err(Error::from(ErrorKind::NotAZip {
            url: url.into(),
            first_bytes: show_raw(&head),
        }));
    }
    if expected.is_some_and(|n| received < n) {
        return Err(Error::from(ErrorKind::Truncated {
            url: url.into(),
            received,
            expected,
        }));
    }
    finish_writer(file, &temp.path)?;
    Ok(Answer::Body {
        bytes: received,
        validators,
    })
}
