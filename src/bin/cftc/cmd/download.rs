//! `cftc download`: fill the cache and say what was done.

use cftc_cot::source::download::{Archive, first_year};
use cftc_cot::{ReportKind, Scope};
use chrono::Datelike;

use crate::args::DownloadArgs;
use crate::failure::{Failure, NEXT_STEPS};
use crate::output::say;
use crate::sources::downloader;

pub fn run(a: DownloadArgs) -> Result<(), Failure> {
    let mut d = downloader(a.offline);
    if let Some(dir) = &a.cache {
        d = d.cache_dir(dir);
    }
    if a.revalidate {
        d = d
            .revalidate_after(std::time::Duration::ZERO)
            .revalidate_closed_after(std::time::Duration::ZERO);
    }
    let reports = if a.report.is_empty() {
        vec![ReportKind::Legacy, ReportKind::Tff]
    } else {
        a.report.clone()
    };
    let scope = if a.combined {
        Scope::Combined
    } else {
        Scope::FuturesOnly
    };
    let to = a.to.unwrap_or_else(|| d.current_date().year());
    say(&format!("cache: {}", d.cache_path().display()));
    let mut failed = 0;
    for report in reports {
        if report == ReportKind::Supplemental && scope == Scope::FuturesOnly {
            return Err(
                "the Supplemental report is published combined only: add --combined".into(),
            );
        }
        let from = a.from.unwrap_or_else(|| first_year(report, scope));
        let archives = Archive::covering(report, scope, from, to);
        for (archive, result) in archives.iter().zip(d.ensure_all(&archives)) {
            match result {
                Ok(c) => say(&format!("{:32} {}", archive.file_name(), c.outcome)),
                Err(e) if matches!(e.kind(), cftc_cot::ErrorKind::NotYetPublished { .. }) => {
                    say(&format!("{:32} not published yet", archive.file_name()));
                }
                Err(e) => {
                    failed += 1;
                    say(&format!("{:32} FAILED: {e}", archive.file_name()));
                }
            }
        }
    }
    if failed > 0 {
        return Err(Failure::Message(format!(
            "{failed} archives could not be had (see above). {NEXT_STEPS}"
        )));
    }
    Ok(())
}
