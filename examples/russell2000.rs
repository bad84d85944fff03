//! The main job: the Russell 2000 positioning history and what it says now.
//!
//! ```text
//! cargo run --release --example russell2000 -- [--data DIR] [--group G] [--unit U]
//!     [--at DATE] [--weeks K] [--combined] [--with-micro] [--overlap sum|largest]
//!     [--series-csv PATH] [--json] [--offline]
//! ```
//!
//! Without `--data`, downloads CFTC's archives into the cache on first use
//! (`CFTC_COT_BASE_URL` and `CFTC_COT_CACHE` override the source and the
//! cache) and runs from the cache afterwards; `--offline` uses the cache only.
//! With `--data`, reads every COT text file or zip under DIR. It keeps the report the group
//! belongs to (legacy: noncommercial, commercial, nonreportable; TFF:
//! leveraged-funds, asset-managers, dealers, other-reportables,
//! tff-nonreportable), builds the continuous Russell 2000 history across the
//! contract changes, and prints the latest reading (or the one at --at) with
//! its headline, the contracts the history is made of (each at one size),
//! the ten largest K-week swings in the data, the most bullish
//! and most bearish readings, and the gaps in coverage.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use cftc_cot::Scope;
use cftc_cot::analytics::{
    self, Extent, LeftOut, RecordFlags, Series, Subject, Window, cot_index, format_number,
    largest_swings, percentile_rank, record_flags, z_score,
};
use cftc_cot::download::{Downloader, ProgressEvent, first_year};
use cftc_cot::history::{History, HistoryBuilder, MemberSpan, OverlapPolicy, TraderGroup, Unit};
use cftc_cot::merge::read_dir;
use cftc_cot::read::{Filter, ReaderBuilder};
use cftc_cot::registry::Family;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

#[path = "support/say.rs"]
#[macro_use]
mod say;

#[path = "support/bars.rs"]
mod bars;

const USAGE: &str = "usage: russell2000 [--data DIR] [--group G] [--unit U] [--at DATE] [--weeks K] \
[--combined] [--with-micro] [--overlap sum|largest] [--series-csv PATH] [--json] [--offline]";

/// Where the records came from.
struct Input {
    source: String,
    files_read: usize,
    files_skipped: usize,
    rows_skipped: u64,
    merged: cftc_cot::merge::Merged,
    not_available: Vec<String>,
}

struct Args {
    data: Option<PathBuf>,
    offline: bool,
    group: TraderGroup,
    unit: Unit,
    at: Option<NaiveDate>,
    weeks: u32,
    scope: Scope,
    micro: bool,
    overlap: OverlapPolicy,
    series_csv: Option<PathBuf>,
    json: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut out = Args {
        data: None,
        offline: false,
        group: TraderGroup::NonCommercial,
        unit: Unit::EminiEquivalents,
        at: None,
        weeks: 2,
        scope: Scope::FuturesOnly,
        micro: false,
        overlap: OverlapPolicy::Sum,
        series_csv: None,
        json: false,
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--data" => out.data = Some(PathBuf::from(value("--data")?)),
            "--offline" => out.offline = true,
            "--group" => {
                let v = value("--group")?;
                out.group = v.parse().map_err(|_| {
                    let names: Vec<&str> = TraderGroup::ALL.iter().map(|g| g.as_str()).collect();
                    format!("unknown group {v:?} ({})", names.join(", "))
                })?;
            }
            "--unit" => {
                let v = value("--unit")?;
                out.unit = v.parse().map_err(|_| {
                    format!("unknown unit {v:?} (emini-equivalents, dollars-per-point, contracts)")
                })?;
            }
            "--at" => {
                let v = value("--at")?;
                out.at = Some(
                    v.parse()
                        .map_err(|_| format!("--at takes YYYY-MM-DD, not {v:?}"))?,
                );
            }
            "--weeks" => {
                let v = value("--weeks")?;
                out.weeks = v
                    .parse()
                    .ok()
                    .filter(|k| (1..=520).contains(k))
                    .ok_or(format!("--weeks takes 1 to 520, not {v:?}"))?;
            }
            "--combined" => out.scope = Scope::Combined,
            "--with-micro" => out.micro = true,
            "--overlap" => {
                out.overlap = match value("--overlap")?.as_str() {
                    "sum" => OverlapPolicy::Sum,
                    "largest" => OverlapPolicy::LargestOpenInterest,
                    other => return Err(format!("--overlap takes sum or largest, not {other:?}")),
                }
            }
            "--series-csv" => out.series_csv = Some(PathBuf::from(value("--series-csv")?)),
            "--json" => out.json = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?} (--help for usage)")),
        }
    }
    Ok(out)
}

#[derive(Serialize)]
struct Swing {
    start: NaiveDate,
    end: NaiveDate,
    from: f64,
    to: f64,
    change: f64,
    /// A rise (fall) larger than every earlier change back to where the
    /// data begin or resume after a gap, with a year of changes to beat.
    record_at_the_time: bool,
    /// Where the comparison could look back to.
    compared_since: Option<NaiveDate>,
    /// Computed on the contracts reported at both ends only, and why.
    partial: Option<String>,
}

#[derive(Serialize)]
struct Reading {
    date: NaiveDate,
    net: f64,
}

#[derive(Serialize)]
struct HeadlineOut {
    date: NaiveDate,
    net: f64,
    change: Option<f64>,
    change_weeks: u32,
    change_partial: Option<String>,
    change_left_out: Option<String>,
    record_increase: bool,
    record_decrease: bool,
    /// What the change was compared with (how many, since when, the gap).
    record: Option<RecordFlags>,
    most_bullish_since: Option<NaiveDate>,
    most_bearish_since: Option<NaiveDate>,
    bullish_extent: Extent,
    bearish_extent: Extent,
    sign_flip: Option<analytics::SignFlip>,
    components: String,
    /// Net as a percent of open interest.
    net_percent_of_open_interest: Option<f64>,
    /// Over the trailing three years.
    cot_index_3y: Option<f64>,
    percentile_3y: Option<f64>,
    z_score_3y: Option<f64>,
    sentence: String,
}

#[derive(Serialize)]
struct GapOut {
    after: NaiveDate,
    before: NaiveDate,
    missing_weeks: i64,
}

#[derive(Serialize)]
struct Report {
    family: String,
    group: String,
    unit: String,
    scope: String,
    first_date: Option<NaiveDate>,
    last_date: Option<NaiveDate>,
    points: usize,
    source: String,
    files_read: usize,
    archives_not_available: Vec<String>,
    files_skipped: usize,
    rows_skipped: u64,
    records_replaced: usize,
    /// The contracts the history is made of, each at one size.
    contracts: Vec<MemberSpan>,
    headline: Option<HeadlineOut>,
    top_swings: Vec<Swing>,
    /// K-week changes with no contract at both ends.
    changes_left_out: Vec<LeftOut>,
    /// K-week changes computed on part of the contracts.
    partial_changes: usize,
    most_bullish: Option<Reading>,
    most_bearish: Option<Reading>,
    gaps: Vec<GapOut>,
    weeks_missing_a_contract: usize,
}

/// An indicator's value on a date.
fn indicator_at(
    series: &Series,
    date: NaiveDate,
    f: impl Fn(&Series) -> Vec<Option<f64>>,
) -> Option<f64> {
    let i = series.index_of(date)?;
    f(series).get(i).copied().flatten()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn write_series_csv(path: &PathBuf, history: &History) -> Result<(), String> {
    let mut text = String::from("date,net,long,short,open_interest,codes,overlap\n");
    for p in history.points() {
        let _ = writeln!(
            text,
            "{},{},{},{},{},{},{}",
            p.date,
            p.net.normalize(),
            p.long.normalize(),
            p.short.normalize(),
            p.open_interest.normalize(),
            p.codes(),
            p.overlap
        );
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let family = if args.micro {
        Family::russell_2000_with_micro()
    } else {
        Family::russell_2000()
    };
    let kind = args.group.report();
    if kind == cftc_cot::ReportKind::Disaggregated {
        return Err(format!(
            "{} is a group of the Disaggregated report, which covers physical commodities \
             (grains, energy, metals); the Russell 2000 is a financial future, reported in the \
             legacy report (noncommercial, commercial, nonreportable) and in TFF \
             (leveraged-funds, asset-managers, dealers, other-reportables, tff-nonreportable)",
            args.group
        ));
    }
    let filter = Filter::all().with_codes(family.codes());
    let input = match &args.data {
        Some(dir) => {
            let builder = ReaderBuilder::new().lenient().filter(filter);
            let read = read_dir(&builder, dir, kind, args.scope).map_err(|e| e.to_string())?;
            if read.reports.is_empty() {
                return Err(format!(
                    "no {kind} {} COT files under {}",
                    args.scope,
                    dir.display()
                ));
            }
            Input {
                source: dir.display().to_string(),
                files_read: read.reports.len(),
                files_skipped: read.skipped.len(),
                rows_skipped: read.reports.iter().map(|r| r.skipped).sum(),
                merged: read.merged,
                not_available: Vec::new(),
            }
        }
        None => {
            let progress = std::sync::Arc::new(bars::Bars::new());
            let p = progress.clone();
            let downloader = Downloader::from_env()
                .offline(args.offline)
                .progress(move |e: &ProgressEvent<'_>| p.update(e));
            let years = first_year(kind, args.scope)..=downloader.current_date().year();
            let fetched = downloader
                .fetch(kind, args.scope, years, &filter)
                .map_err(|e| e.to_string())?;
            Input {
                source: format!("cache {}", downloader.cache_path().display()),
                files_read: fetched.archives.len(),
                files_skipped: 0,
                rows_skipped: fetched.reports.iter().map(|r| r.skipped).sum(),
                merged: fetched.merged,
                not_available: fetched.missing.iter().map(|(a, _)| a.file_name()).collect(),
            }
        }
    };
    let history = HistoryBuilder::new(family.clone())
        .group(args.group)
        .unit(args.unit)
        .scope(args.scope)
        .overlap(args.overlap)
        .build(&input.merged.records)
        .map_err(|e| e.to_string())?;
    if history.points().is_empty() {
        return Err(format!(
            "no Russell 2000 rows in the {kind} files of {}",
            input.source
        ));
    }
    if let Some(path) = &args.series_csv {
        write_series_csv(path, &history)?;
    }
    let series: Series = history.net_series();
    // Like with like: a change across a contract entering or leaving the
    // family is computed on the contracts at both ends, or left out.
    let changes = history.k_week_changes(args.weeks);
    let flags = record_flags(&changes);
    let flag_of = |end: NaiveDate| {
        changes
            .changes
            .binary_search_by_key(&end, |x| x.end)
            .ok()
            .and_then(|i| flags.get(i))
    };
    let top_swings: Vec<Swing> = largest_swings(&changes.changes, 10)
        .into_iter()
        .map(|c| {
            let flag = flag_of(c.end);
            Swing {
                start: c.start,
                end: c.end,
                from: c.from,
                to: c.to,
                change: c.change,
                record_at_the_time: flag.is_some_and(|f| f.record_increase || f.record_decrease),
                compared_since: flag.and_then(|f| f.compared_since),
                partial: c.partial,
            }
        })
        .collect();
    let at = match args.at {
        Some(d) => {
            if series.index_of(d).is_none() {
                return Err(format!(
                    "no reading on {d} (see --series-csv for the dates)"
                ));
            }
            d
        }
        None => *series.dates().last().ok_or("empty series")?,
    };
    let subject = Subject {
        who: capitalised(args.group.description()),
        market: format!("{} futures", family.name),
        unit: args.unit.phrase().into(),
    };
    let headline = analytics::headline_from(&series, &changes, at, &subject).map(|h| HeadlineOut {
        date: h.date,
        net: h.net,
        change: h.change.as_ref().map(|c| c.change),
        change_weeks: h.weeks,
        change_partial: h.change.as_ref().and_then(|c| c.partial.clone()),
        change_left_out: h.change_left_out.clone(),
        record_increase: h.record_increase,
        record_decrease: h.record_decrease,
        record: h.record,
        most_bullish_since: h.most_bullish_since,
        most_bearish_since: h.most_bearish_since,
        bullish_extent: h.bullish_extent,
        bearish_extent: h.bearish_extent,
        sign_flip: h.sign_flip,
        components: history.at(h.date).map(|p| p.codes()).unwrap_or_default(),
        net_percent_of_open_interest: history
            .at(h.date)
            .and_then(|p| p.net_percent_of_open_interest()),
        cot_index_3y: indicator_at(&series, h.date, |s| cot_index(s, Window::years(3))),
        percentile_3y: indicator_at(&series, h.date, |s| {
            percentile_rank(s, Window::years(3))
                .into_iter()
                .map(Some)
                .collect()
        }),
        z_score_3y: indicator_at(&series, h.date, |s| z_score(s, Window::years(3))),
        sentence: h.sentence,
    });
    let pick = |better: fn(f64, f64) -> bool| {
        series
            .iter()
            .fold(None::<(NaiveDate, f64)>, |best, (d, v)| match best {
                Some((_, b)) if !better(v, b) => best,
                _ => Some((d, v)),
            })
            .map(|(date, net)| Reading { date, net })
    };
    let report = Report {
        family: family.name.clone(),
        group: args.group.to_string(),
        unit: args.unit.to_string(),
        scope: args.scope.to_string(),
        first_date: series.dates().first().copied(),
        last_date: series.dates().last().copied(),
        points: series.len(),
        source: input.source.clone(),
        files_read: input.files_read,
        files_skipped: input.files_skipped,
        archives_not_available: input.not_available.clone(),
        rows_skipped: input.rows_skipped,
        records_replaced: input.merged.replaced,
        contracts: history.members().to_vec(),
        headline,
        top_swings,
        partial_changes: changes
            .changes
            .iter()
            .filter(|c| c.partial.is_some())
            .count(),
        changes_left_out: changes.left_out.clone(),
        most_bullish: pick(|v, b| v > b),
        most_bearish: pick(|v, b| v < b),
        gaps: history
            .gaps()
            .iter()
            .map(|g| GapOut {
                after: g.after,
                before: g.before,
                missing_weeks: g.missing_weeks,
            })
            .collect(),
        weeks_missing_a_contract: history
            .points()
            .iter()
            .filter(|p| !p.missing.is_empty())
            .count(),
    };
    if args.json {
        let line = serde_json::to_string(&report).map_err(|e| e.to_string())?;
        say!("{line}");
    } else {
        print_text(&report, args.weeks, args.unit);
    }
    Ok(())
}

fn print_text(r: &Report, weeks: u32, unit: Unit) {
    let n = |v: f64| {
        let s = format_number(v);
        if v < 0.0 { format!("-{s}") } else { s }
    };
    say!(
        "{} futures, {}, {}, in {}",
        r.family,
        r.group,
        r.scope.replace('_', " "),
        unit.phrase()
    );
    if let (Some(a), Some(b)) = (r.first_date, r.last_date) {
        say!(
            "{} weekly readings from {a} to {b}; {} files read, {} skipped, {} duplicate rows replaced",
            r.points,
            r.files_read,
            r.files_skipped,
            r.records_replaced
        );
    }
    if !r.contracts.is_empty() {
        say!();
        say!("Contracts in this history, each at one size:");
        for m in &r.contracts {
            say!("  {m}");
        }
    }
    if let Some(h) = &r.headline {
        say!();
        say!("{}", h.sentence);
        say!(
            "  {}: net {} ({}){}",
            h.date,
            n(h.net),
            h.components,
            h.change
                .map(|c| format!(", {weeks}-week change {}", n(c)))
                .unwrap_or_default()
        );
        let opt =
            |v: Option<f64>, digits: usize| v.map_or("-".to_owned(), |v| format!("{v:.digits$}"));
        say!(
            "  net {}% of open interest; over 3 years: COT index {}, percentile {}, z-score {}",
            opt(h.net_percent_of_open_interest, 1),
            opt(h.cot_index_3y, 0),
            opt(h.percentile_3y, 0),
            opt(h.z_score_3y, 2)
        );
    }
    say!();
    say!("Largest {weeks}-week swings in the data:");
    for s in &r.top_swings {
        let mut notes = Vec::new();
        if s.record_at_the_time
            && let Some(since) = s.compared_since
        {
            notes.push(format!("record at the time (since at least {since})"));
        }
        if let Some(p) = &s.partial {
            notes.push(format!("on {p}"));
        }
        say!(
            "  {} -> {}  {:>12}  ({} -> {}){}",
            s.start,
            s.end,
            n(s.change),
            n(s.from),
            n(s.to),
            if notes.is_empty() {
                String::new()
            } else {
                format!("  {}", notes.join("; "))
            }
        );
    }
    if r.partial_changes > 0 || !r.changes_left_out.is_empty() {
        say!(
            "{} {weeks}-week changes counted only the contracts reported at both ends; {} were left out (no contract at both ends)",
            r.partial_changes,
            r.changes_left_out.len()
        );
    }
    if let Some(b) = &r.most_bullish {
        say!();
        say!("Most bullish in the data: {} on {}", n(b.net), b.date);
    }
    if let Some(b) = &r.most_bearish {
        say!("Most bearish in the data: {} on {}", n(b.net), b.date);
    }
    if !r.gaps.is_empty() {
        say!();
        say!("Gaps in coverage:");
        for g in &r.gaps {
            say!(
                "  {} .. {}: about {} weekly reports missing",
                g.after,
                g.before,
                g.missing_weeks
            );
        }
    }
    if r.weeks_missing_a_contract > 0 {
        say!(
            "{} weeks lack a contract reported before and after them",
            r.weeks_missing_a_contract
        );
    }
    if !r.archives_not_available.is_empty() {
        say!(
            "{} archives not on the server: {}",
            r.archives_not_available.len(),
            r.archives_not_available.join(", ")
        );
    }
    if r.rows_skipped > 0 {
        say!(
            "{} unreadable rows of these markets were skipped",
            r.rows_skipped
        );
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
