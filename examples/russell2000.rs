//! The main job: the Russell 2000 positioning history and what it says now.
//!
//! ```text
//! cargo run --release --example russell2000 -- [--data DIR] [--group G] [--unit U]
//!     [--at DATE] [--as-known-at MOMENT] [--weeks K] [--combined] [--with-micro]
//!     [--overlap sum|largest] [--series-csv PATH] [--chart PATH.svg] [--json] [--offline]
//! ```
//!
//! Without `--data`, downloads CFTC's archives into the cache on first use
//! (`CFTC_COT_BASE_URL` and `CFTC_COT_CACHE` override the source and the
//! cache) and runs from the cache afterwards; `--offline` uses the cache only.
//! When neither CFTC nor the cache can answer, it answers from the snapshot
//! built into the crate and says so first. With `--data`, reads every COT
//! file under DIR. The group picks the report (legacy: noncommercial,
//! commercial, nonreportable; TFF: leveraged-funds, asset-managers, dealers,
//! other-reportables, tff-nonreportable). The work is
//! [`cftc_cot::history::study::Study`]; this program parses flags and prints.

use std::path::PathBuf;
use std::process::ExitCode;

use cftc_cot::Scope;
use cftc_cot::TraderGroup;
use cftc_cot::history::study::Study;
use cftc_cot::history::{OverlapPolicy, Unit};
use cftc_cot::read::Mode;
use cftc_cot::records::registry::Family;
use cftc_cot::source::Source;
use cftc_cot::source::download::{Downloader, ProgressEvent};

#[path = "support/say.rs"]
#[macro_use]
mod say;

#[path = "support/bars.rs"]
mod bars;

const USAGE: &str = "usage: russell2000 [--data DIR] [--group G] [--unit U] [--at DATE] \
[--as-known-at MOMENT] [--weeks K] \
[--combined] [--with-micro] [--overlap sum|largest] [--series-csv PATH] [--chart PATH.svg] [--json] \
[--offline]";

fn run() -> Result<(), String> {
    let (mut data, mut offline, mut json) = (None, false, false);
    let (mut series_csv, mut chart) = (None::<PathBuf>, None::<PathBuf>);
    let mut family = Family::russell_2000();
    let mut study = Study::russell_2000();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--data" => data = Some(PathBuf::from(value("--data")?)),
            "--offline" => offline = true,
            "--group" => study = study.group(group(&value("--group")?)?),
            "--unit" => study = study.unit(unit(&value("--unit")?)?),
            "--at" => study = study.at(Some(date(&value("--at")?)?)),
            "--as-known-at" => {
                let moment = cftc_cot::records::calendar::parse_moment(&value("--as-known-at")?)?;
                study = study.as_known_at(Some(moment));
            }
            "--weeks" => study = study.weeks(weeks(&value("--weeks")?)?),
            "--combined" => study = study.scope(Scope::Combined),
            "--with-micro" => family = Family::russell_2000_with_micro(),
            "--overlap" => study = study.overlap(overlap(&value("--overlap")?)?),
            "--series-csv" => series_csv = Some(value("--series-csv")?.into()),
            "--chart" => chart = Some(value("--chart")?.into()),
            "--json" => json = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?} (--help for usage)")),
        }
    }
    let study = study.with_family(family);
    let (history, report) = match &data {
        Some(dir) => study.run(&Source::dir(dir), Mode::Lenient),
        None => {
            let progress = std::sync::Arc::new(bars::Bars::new());
            let p = progress.clone();
            let downloader = Downloader::from_env()
                .offline(offline)
                .progress(move |e: &ProgressEvent<'_>| p.update(e));
            study.run_or_embedded(&Source::cache(downloader), Mode::Lenient)
        }
    }
    .map_err(|e| e.to_string())?;
    if let Some(path) = &series_csv {
        let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        history
            .write_csv(std::io::BufWriter::new(file), &path.display().to_string())
            .map_err(|e| e.to_string())?;
    }
    if let Some(path) = &chart {
        cftc_cot::export::chart::write_history_svg(path, &history, &report)
            .map_err(|e| e.to_string())?;
    }
    if report.notice.is_some() {
        // The library's notice says what to do in its own terms; this
        // program's flags are ours to name.
        eprintln!(
            "(this program reads CFTC's files with --data DIR; --offline answers from the cache alone)"
        );
    }
    if json {
        if let Some(notice) = &report.notice {
            eprintln!("{notice}");
        }
        let line = serde_json::to_string(&report).map_err(|e| e.to_string())?;
        say!("{line}");
    } else {
        say!("{}", report.to_string().trim_end());
    }
    Ok(())
}

fn group(v: &str) -> Result<TraderGroup, String> {
    v.parse().map_err(|_| {
        let names: Vec<&str> = TraderGroup::ALL.iter().map(|g| g.as_str()).collect();
        format!("unknown group {v:?} ({})", names.join(", "))
    })
}

fn unit(v: &str) -> Result<Unit, String> {
    v.parse().map_err(|_| {
        format!("unknown unit {v:?} (emini-equivalents, dollars-per-point, contracts)")
    })
}

fn date(v: &str) -> Result<chrono::NaiveDate, String> {
    v.parse()
        .map_err(|_| format!("--at takes YYYY-MM-DD, not {v:?}"))
}

fn weeks(v: &str) -> Result<u32, String> {
    v.parse()
        .ok()
        .filter(|k| (1..=520).contains(k))
        .ok_or(format!("--weeks takes 1 to 520, not {v:?}"))
}

fn overlap(v: &str) -> Result<OverlapPolicy, String> {
    match v {
        "sum" => Ok(OverlapPolicy::Sum),
        "largest" => Ok(OverlapPolicy::LargestOpenInterest),
        other => Err(format!("--overlap takes sum or largest, not {other:?}")),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("russell2000: {e}");
            ExitCode::FAILURE
        }
    }
}
