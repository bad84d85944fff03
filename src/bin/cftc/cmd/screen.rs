//! `cftc screen`: every market of a report on one date.

use cftc_cot::Scope;
use cftc_cot::history::analytics::Window;
use cftc_cot::history::screen::{ScreenOptions, ScreenRow, Table, screen_source, write_csv};
use cftc_cot::read::ReaderBuilder;

use crate::args::ScreenArgs;
use crate::args::SortArg;
use crate::failure::Failure;
use crate::output::{json, say};
use crate::sources::{mode, source};

/// Runs a screen; `false` when a filter was given and nothing matched.
pub fn run(a: ScreenArgs) -> Result<bool, Failure> {
    let mut options = ScreenOptions::new(a.report);
    if let Some(group) = a.group {
        options.group = group;
    }
    if a.combined {
        options.scope = Scope::Combined;
    }
    options.at = a.at;
    options.as_known_at = a.as_known_at;
    options.weeks = a.weeks;
    options.window = Window::years(a.window_years);
    let source = source(&a.data);
    let screened = screen_source(&source, &ReaderBuilder::new().mode(mode(&a.data)), &options)
        .map_err(|e| Failure::from_source(e, &a.data))?;
    let loaded = screened.loaded;
    if loaded.read.is_empty() {
        return Err(Failure::Message(format!(
            "no {} {} files in {}",
            options.report, options.scope, loaded.source
        )));
    }
    let first_errors: Vec<String> = loaded
        .read
        .iter()
        .flat_map(|r| r.summary.errors.iter().map(ToString::to_string))
        .collect();
    crate::output::rows_skipped(loaded.rows_skipped(), &first_errors);
    let warnings: Vec<String> = loaded
        .read
        .iter()
        .flat_map(|r| r.summary.warnings.iter().cloned())
        .collect();
    crate::output::warnings(&warnings);
    let mut rows = screened.rows;
    let filtered = a.extreme.is_some() || a.records;
    if let Some(margin) = a.extreme {
        rows.retain(|r| r.at_extreme(margin));
    }
    if a.records {
        rows.retain(|r| r.is_record());
    }
    match a.sort {
        SortArg::Z => {}
        SortArg::Index => rows.sort_by(|x, y| {
            y.standing
                .cot_index
                .unwrap_or(-1.0)
                .total_cmp(&x.standing.cot_index.unwrap_or(-1.0))
        }),
        SortArg::Change => rows.sort_by(|x, y| {
            let size = |r: &ScreenRow| r.change.map_or(-1.0, f64::abs);
            size(y).total_cmp(&size(x))
        }),
        SortArg::Name => rows.sort_by(|x, y| x.name.cmp(&y.name)),
    }
    if let Some(n) = a.limit {
        rows.truncate(n);
    }
    if a.json {
        json(&rows)?;
    } else if a.csv {
        let mut bytes = Vec::new();
        write_csv(&rows, &mut bytes)?;
        say(String::from_utf8_lossy(&bytes).trim_end());
    } else {
        let date = rows.first().map_or(String::new(), |r| {
            let released = r.released.map_or(String::new(), |t| {
                format!(" (published {})", cftc_cot::records::calendar::new_york(t))
            });
            format!("{}{released}", r.date)
        });
        let known = options.as_known_at.map_or(String::new(), |m| {
            format!(", as known at {}", cftc_cot::records::calendar::new_york(m))
        });
        say(&format!(
            "{} markets, {} {}, {} on {date}{known}",
            rows.len(),
            options.report,
            options.scope,
            options.group
        ));
        say(Table(&rows).to_string().trim_end());
    }
    Ok(!filtered || !rows.is_empty())
}
