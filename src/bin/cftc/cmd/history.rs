//! `cftc history`: a market's weekly net positioning and what it says now.

use cftc_cot::export::atomic_write;
use cftc_cot::history::analytics::Window;
use cftc_cot::history::study::Study;
use cftc_cot::history::{FRIDAY_CLOSE, OverlapPolicy};

use crate::args::OverlapArg;
use crate::args::{AlignArg, HistoryArgs};
use crate::failure::Failure;
use crate::output::{json, say};
use crate::sources::{mode, source};
use cftc_cot::Scope;

pub fn run(a: HistoryArgs) -> Result<(), Failure> {
    let scope = if a.combined {
        Scope::Combined
    } else {
        a.scope.into()
    };
    let source = source(&a.data);
    let mode = mode(&a.data);
    let found = source
        .find_market(&a.market, a.group.report(), scope, mode)
        .map_err(|e| Failure::from_source(e, &a.data))?;
    let study = match &found.family {
        Some(family) if a.with_micro => Study::new(family.clone().with_micro()),
        _ => Study::of_market(&found),
    };
    let notice = found.note;
    let mut study = study
        .group(a.group)
        .scope(scope)
        .weeks(a.weeks)
        .window(Window::years(a.window_years))
        .overlap(match a.overlap {
            OverlapArg::Sum => OverlapPolicy::Sum,
            OverlapArg::Largest => OverlapPolicy::LargestOpenInterest,
        })
        .at(a.at)
        .as_known_at(a.as_known_at)
        .swings(a.swings);
    if let Some(unit) = a.unit {
        study = study.unit(unit);
    }
    let (history, mut report) = if a.data.data.is_empty() && !a.no_snapshot {
        study.run_or_embedded(&source, mode)
    } else {
        study.run(&source, mode)
    }
    .map_err(|e| Failure::from_source(e, &a.data))?;
    // An answer not from the source asked for says so on stderr, whatever
    // the output; its CSV and Parquet carry it in their `source` column.
    // Skipped rows and warnings go to stderr, whatever the output.
    crate::output::rows_skipped(report.rows_skipped, &report.skipped_rows);
    crate::output::warnings(&report.warnings);
    if !a.json {
        report.warnings.clear();
    }
    let fallback = report.notice.take();
    if let Some(fallback) = &fallback {
        eprintln!("cftc: {}", crate::output::printable(fallback));
    }
    if a.json
        && let Some(note) = &notice
    {
        eprintln!("{note}");
    }
    report.notice = match (fallback, notice) {
        (Some(fallback), Some(note)) => Some(format!("{fallback}\n{note}")),
        (fallback, note) => fallback.or(note),
    };
    let by_release = a.align == AlignArg::Release;
    let write_csv = |w: &mut dyn std::io::Write, name: &str| {
        if by_release {
            history.write_by_release_csv(w, name, FRIDAY_CLOSE)
        } else {
            history.write_csv(w, name)
        }
    };
    if let Some(path) = &a.series_csv {
        atomic_write(path, |w| write_csv(w, &path.display().to_string()))?;
    }
    if let Some(path) = &a.chart {
        cftc_cot::export::chart::write_history_svg(path, &history, &report)?;
    }
    if let Some(path) = &a.parquet {
        write_history_parquet(path, &history, by_release)?;
    }
    if a.csv {
        let mut text = Vec::new();
        write_csv(&mut text, "stdout")?;
        say(String::from_utf8_lossy(&text).trim_end());
        return Ok(());
    }
    if a.json {
        return json(&report);
    }
    say(report.to_string().trim_end());
    Ok(())
}

#[cfg(feature = "parquet")]
fn write_history_parquet(
    path: &std::path::Path,
    history: &cftc_cot::history::History,
    by_release: bool,
) -> Result<(), Failure> {
    use cftc_cot::export::parquet::{write_by_release_parquet, write_history_parquet};
    atomic_write(path, |w| {
        if by_release {
            write_by_release_parquet(w, history, FRIDAY_CLOSE)
        } else {
            write_history_parquet(w, history)
        }
    })
    .map_err(Failure::from)
}

#[cfg(not(feature = "parquet"))]
fn write_history_parquet(
    _: &std::path::Path,
    _: &cftc_cot::history::History,
    _: bool,
) -> Result<(), Failure> {
    Err("this build of cftc has no Parquet export: install it with `--features cli,parquet`".into())
}
