//! Where records come from, as the flags say: files, the cache, the API.

use std::io::IsTerminal;

use cftc_cot::api::ApiClient;
use cftc_cot::read::Mode;
use cftc_cot::records::ContractMarketCode;
use cftc_cot::source::Source;
use cftc_cot::source::download::{Downloader, LockHolder, ProgressEvent};
use cftc_cot::{ReportKind, Scope};

use crate::args::{DataArgs, SourceArg};
use crate::failure::Failure;

/// The downloader the environment asks for, with a line per archive on a
/// terminal's stderr, and, on any stderr, a line when it waits for another
/// run.
pub fn downloader(offline: bool) -> Downloader {
    let terminal = std::io::stderr().is_terminal();
    let warned = std::sync::atomic::AtomicBool::new(false);
    Downloader::from_env()
        .offline(offline)
        .progress(move |e: &ProgressEvent<'_>| match e {
            ProgressEvent::Finished { archive, outcome } if terminal => {
                eprintln!("  {:32} {outcome}", archive.file_name());
            }
            ProgressEvent::Failed { archive, error } if terminal => {
                eprintln!("  {:32} {error}", archive.file_name());
            }
            ProgressEvent::Waiting {
                archive,
                holder,
                up_to,
            } => waiting(&archive.file_name(), holder, *up_to),
            // Once per run: every archive would say the same.
            ProgressEvent::CacheNotWritten { archive, error }
                if !warned.swap(true, std::sync::atomic::Ordering::Relaxed) =>
            {
                eprintln!(
                    "cftc: warning: the cache cannot be written ({error}); going on without noting what the server said of {} and the other archives",
                    archive.file_name()
                )
            }
            _ => {}
        })
}

/// The API client the environment asks for, saying when it waits for
/// another run.
pub fn api_client(offline: bool) -> ApiClient {
    ApiClient::from_env()
        .offline(offline)
        .on_lock_wait(|holder, up_to| waiting("an API answer", holder, up_to))
}

fn waiting(what: &str, holder: &LockHolder, up_to: std::time::Duration) {
    eprintln!(
        "note: {what} is being downloaded by {holder}, which shares the cache; waiting for it, up to {} s (less if it stops)",
        up_to.as_secs()
    );
}

/// Files (`--data`), the API (`--source api`) or the download cache.
pub fn source(data: &DataArgs) -> Source {
    if !data.data.is_empty() {
        // Files get the cache's index of markets too, kept apart by path
        // and checked by size, time and content.
        let index = Downloader::from_env().cache_path().join("index");
        Source::paths(data.data.clone()).index_dir(index)
    } else if data.source == SourceArg::Api {
        Source::api(api_client(data.offline))
    } else {
        Source::cache(downloader(data.offline))
    }
}

/// Strict with `--strict`, lenient otherwise.
pub fn mode(data: &DataArgs) -> Mode {
    if data.strict {
        Mode::Strict
    } else {
        Mode::Lenient
    }
}

/// The codes `--market` names: contract market codes as given
/// (comma-separated), or what the library's one market lookup finds (a
/// family, with its micro contracts; a name in the source's rows).
pub fn market_codes(
    source: &Source,
    text: &str,
    report: ReportKind,
    scope: Scope,
    mode: Mode,
) -> Result<Vec<ContractMarketCode>, Failure> {
    let codes: Result<Vec<ContractMarketCode>, _> =
        text.split(',').map(|c| c.trim().parse()).collect();
    if let Ok(codes) = codes {
        return Ok(codes);
    }
    let found = source.find_market(text, report, scope, mode)?;
    Ok(match found.family {
        Some(family) => family.with_micro().codes(),
        None => found.codes,
    })
}
