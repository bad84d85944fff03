//! Fills the cache with CFTC archives and says what it did.
//!
//! ```text
//! cargo run --release --example download -- [--report legacy|tff] [--combined]
//!     [--from YEAR] [--to YEAR] [--offline] [--cache DIR]
//! ```
//!
//! Without `--report`, both reports. The source is CFTC (or the mirror in
//! `CFTC_COT_BASE_URL`), the cache the platform's (or `CFTC_COT_CACHE`).
//! Progress bars are drawn on stderr with indicatif.

use std::process::ExitCode;

use cftc_cot::source::download::{Archive, Downloader, ProgressEvent, first_year};
use cftc_cot::{ReportKind, Scope};
use chrono::Datelike;

#[path = "support/bars.rs"]
mod bars;
use bars::Bars;

#[path = "support/say.rs"]
#[macro_use]
mod say;

fn run() -> Result<(), String> {
    let mut reports = vec![ReportKind::Legacy, ReportKind::Tff];
    let mut scope = Scope::FuturesOnly;
    let mut downloader = Downloader::from_env();
    let (mut from, mut to) = (None, downloader.current_date().year());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let year = |v: String| v.parse::<i32>().map_err(|_| format!("not a year: {v:?}"));
        match arg.as_str() {
            "--report" => {
                let v = value("--report")?;
                reports = vec![
                    v.parse()
                        .map_err(|_| format!("unknown report {v:?} (legacy, tff)"))?,
                ];
            }
            "--combined" => scope = Scope::Combined,
            "--from" => from = Some(year(value("--from")?)?),
            "--to" => to = year(value("--to")?)?,
            "--offline" => downloader = downloader.offline(true),
            "--cache" => downloader = downloader.cache_dir(value("--cache")?),
            "-h" | "--help" => {
                return Err("usage: download [--report legacy|tff] [--combined] [--from YEAR] [--to YEAR] [--offline] [--cache DIR]".into());
            }
            other => return Err(format!("unknown argument {other:?} (--help for usage)")),
        }
    }
    let bars = std::sync::Arc::new(Bars::new());
    let b = bars.clone();
    let downloader = downloader.progress(move |e: &ProgressEvent<'_>| b.update(e));
    say!("cache: {}", downloader.cache_path().display());
    let mut failed = false;
    for report in reports {
        let start = from.unwrap_or_else(|| first_year(report, scope));
        let archives = Archive::covering(report, scope, start, to);
        for (archive, result) in archives.iter().zip(downloader.ensure_all(&archives)) {
            match result {
                Ok(c) => say!("{:32} {}", archive.file_name(), c.outcome),
                Err(e) if matches!(e.kind(), cftc_cot::ErrorKind::NotYetPublished { .. }) => {
                    say!("{:32} not published yet", archive.file_name());
                }
                Err(e) => {
                    failed = true;
                    say!("{:32} FAILED: {e}", archive.file_name());
                }
            }
        }
    }
    if failed {
        Err("some archives could not be had (see above)".into())
    } else {
        Ok(())
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("download: {e}");
            ExitCode::FAILURE
        }
    }
}
